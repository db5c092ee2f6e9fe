/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_null: a port that drops what it sends and receives fresh packets
 * from the queue's mempool as fast as they are asked for. Arguments:
 *   size=N   length of received packets (default 64)
 *   copy=0|1 copy a template into each received packet and each sent
 *            packet out to a scratch buffer, to cost like a real NIC
 *   no-rx=0|1 receive nothing (a sink)
 * Each queue is polled by one thread, so counters are plain stores that
 * the stats reader loads atomically.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <bus_vdev_driver.h>
#include <ethdev_driver.h>
#include <ethdev_vdev.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_kvargs.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>

#define NULL_LOG(level, ...) RTE_LOG(level, PMD, "net_null: " __VA_ARGS__)

#define NULL_ARG_SIZE "size"
#define NULL_ARG_COPY "copy"
#define NULL_ARG_NO_RX "no-rx"
#define NULL_DEFAULT_SIZE 64
#define NULL_MAX_QUEUES RTE_MAX_QUEUES_PER_PORT

/* marks (process_private) ports this process attached to, not made */
static int null_attached;

static const char *const null_valid_args[] = {
	NULL_ARG_SIZE, NULL_ARG_COPY, NULL_ARG_NO_RX, NULL,
};

struct null_queue {
	struct rte_mempool *mp;     /* rx only */
	struct null_port *port;
	const uint8_t *state;       /* ethdev's state of this queue */
	uint8_t *scratch;           /* copy mode: packet template / sink */
	uint64_t pkts;
	uint64_t bytes;
	uint64_t errs;
} __rte_cache_aligned;

struct null_port {
	unsigned int packet_size;
	int copy;
	int no_rx;
	uint16_t port_id;
	struct rte_ether_addr mac;
	struct rte_eth_link link;
};

static inline void
null_count(struct null_queue *q, uint64_t pkts, uint64_t bytes)
{
	__atomic_store_n(&q->pkts, q->pkts + pkts, __ATOMIC_RELAXED);
	__atomic_store_n(&q->bytes, q->bytes + bytes, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------------
 * fast path
 * --------------------------------------------------------------------- */

static uint16_t
null_rx(void *rxq, struct rte_mbuf **bufs, uint16_t n)
{
	struct null_queue *q = rxq;
	const struct null_port *p = q->port;
	uint16_t len = p->packet_size, i;

	if (p->no_rx || n == 0 ||
			unlikely(*q->state != RTE_ETH_QUEUE_STATE_STARTED))
		return 0;
	if (unlikely(rte_pktmbuf_alloc_bulk(q->mp, bufs, n) != 0)) {
		__atomic_store_n(&q->errs, q->errs + 1, __ATOMIC_RELAXED);
		return 0;
	}
	for (i = 0; i < n; i++) {
		bufs[i]->data_len = len;
		bufs[i]->pkt_len = len;
		bufs[i]->port = p->port_id;
		if (p->copy)
			memcpy(rte_pktmbuf_mtod(bufs[i], void *), q->scratch,
				len);
	}
	null_count(q, n, (uint64_t)n * len);
	return n;
}

static uint16_t
null_tx(void *txq, struct rte_mbuf **bufs, uint16_t n)
{
	struct null_queue *q = txq;
	uint64_t bytes = 0;
	uint16_t i;

	if (unlikely(*q->state != RTE_ETH_QUEUE_STATE_STARTED))
		return 0;
	for (i = 0; i < n; i++) {
		bytes += bufs[i]->pkt_len;
		if (q->port->copy)
			memcpy(q->scratch, rte_pktmbuf_mtod(bufs[i], void *),
				RTE_MIN(bufs[i]->data_len,
					q->port->packet_size));
	}
	rte_pktmbuf_free_bulk(bufs, n);
	null_count(q, n, bytes);
	return n;
}

/* ---------------------------------------------------------------------
 * control path
 * --------------------------------------------------------------------- */

static int
null_configure(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
	return 0;
}

static int
null_set_link(struct rte_eth_dev *dev, int up)
{
	struct null_port *p = dev->data->dev_private;

	p->link.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	rte_eth_linkstatus_set(dev, &p->link);
	return 0;
}

static int
null_start(struct rte_eth_dev *dev)
{
	uint16_t q;

	for (q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	for (q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STARTED;
	return null_set_link(dev, 1);
}

static int
null_stop(struct rte_eth_dev *dev)
{
	uint16_t q;

	for (q = 0; q < dev->data->nb_rx_queues; q++)
		dev->data->rx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	for (q = 0; q < dev->data->nb_tx_queues; q++)
		dev->data->tx_queue_state[q] = RTE_ETH_QUEUE_STATE_STOPPED;
	return null_set_link(dev, 0);
}

static int
null_link_up(struct rte_eth_dev *dev)
{
	return null_set_link(dev, 1);
}

static int
null_link_down(struct rte_eth_dev *dev)
{
	return null_set_link(dev, 0);
}

static int
null_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(wait);
	RTE_SET_USED(dev);
	return 0;
}

static int
null_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	RTE_SET_USED(dev);
	info->max_mac_addrs = 1;
	info->max_rx_pktlen = UINT32_MAX;
	info->max_rx_queues = NULL_MAX_QUEUES;
	info->max_tx_queues = NULL_MAX_QUEUES;
	info->min_rx_bufsize = 0;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS |
		RTE_ETH_TX_OFFLOAD_MT_LOCKFREE;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static int
null_queue_new(struct rte_eth_dev *dev, unsigned int socket_id,
		struct rte_mempool *mp, struct null_queue **out)
{
	struct null_port *p = dev->data->dev_private;
	struct null_queue *q;

	q = rte_zmalloc_socket("null_queue", sizeof(*q), RTE_CACHE_LINE_SIZE,
		(int)socket_id);
	if (q == NULL)
		return -ENOMEM;
	q->port = p;
	q->mp = mp;
	if (p->copy) {
		q->scratch = rte_zmalloc_socket("null_scratch",
			p->packet_size, RTE_CACHE_LINE_SIZE, (int)socket_id);
		if (q->scratch == NULL) {
			rte_free(q);
			return -ENOMEM;
		}
	}
	*out = q;
	return 0;
}

static void
null_queue_free(struct null_queue *q)
{
	if (q == NULL)
		return;
	rte_free(q->scratch);
	rte_free(q);
}

static int
null_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		unsigned int socket_id, const struct rte_eth_rxconf *conf,
		struct rte_mempool *mp)
{
	struct null_port *p = dev->data->dev_private;
	struct null_queue *q;
	int ret;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	if (rte_pktmbuf_data_room_size(mp) < RTE_PKTMBUF_HEADROOM +
			p->packet_size) {
		NULL_LOG(ERR, "%s: mbufs of pool %s too small for size=%u\n",
			dev->data->name, mp->name, p->packet_size);
		return -ENOSPC;
	}
	ret = null_queue_new(dev, socket_id, mp, &q);
	if (ret == 0) {
		q->state = &dev->data->rx_queue_state[qid];
		dev->data->rx_queues[qid] = q;
	}
	return ret;
}

static int
null_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		unsigned int socket_id, const struct rte_eth_txconf *conf)
{
	struct null_queue *q;
	int ret;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(conf);
	ret = null_queue_new(dev, socket_id, NULL, &q);
	if (ret == 0) {
		q->state = &dev->data->tx_queue_state[qid];
		dev->data->tx_queues[qid] = q;
	}
	return ret;
}

static void
null_rx_release(struct rte_eth_dev *dev, uint16_t qid)
{
	null_queue_free(dev->data->rx_queues[qid]);
	dev->data->rx_queues[qid] = NULL;
}

static void
null_tx_release(struct rte_eth_dev *dev, uint16_t qid)
{
	null_queue_free(dev->data->tx_queues[qid]);
	dev->data->tx_queues[qid] = NULL;
}

static void
null_sum(void **queues, uint16_t nb, uint64_t *pkts, uint64_t *bytes,
		uint64_t *errs, uint64_t *qpkts, uint64_t *qbytes)
{
	const struct null_queue *q;
	uint16_t i;

	for (i = 0; i < nb; i++) {
		q = queues[i];
		if (q == NULL)
			continue;
		uint64_t n = __atomic_load_n(&q->pkts, __ATOMIC_RELAXED);
		uint64_t b = __atomic_load_n(&q->bytes, __ATOMIC_RELAXED);

		*pkts += n;
		*bytes += b;
		*errs += __atomic_load_n(&q->errs, __ATOMIC_RELAXED);
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS) {
			qpkts[i] = n;
			qbytes[i] = b;
		}
	}
}

static int
null_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	uint64_t rx_nombuf = 0;

	null_sum(dev->data->rx_queues, dev->data->nb_rx_queues, &st->ipackets,
		&st->ibytes, &rx_nombuf, st->q_ipackets, st->q_ibytes);
	null_sum(dev->data->tx_queues, dev->data->nb_tx_queues, &st->opackets,
		&st->obytes, &st->oerrors, st->q_opackets, st->q_obytes);
	st->rx_nombuf += rx_nombuf;
	return 0;
}

static int
null_stats_reset(struct rte_eth_dev *dev)
{
	struct null_queue *q;
	uint16_t i;

	for (i = 0; i < dev->data->nb_rx_queues; i++) {
		q = dev->data->rx_queues[i];
		if (q != NULL)
			q->pkts = q->bytes = q->errs = 0;
	}
	for (i = 0; i < dev->data->nb_tx_queues; i++) {
		q = dev->data->tx_queues[i];
		if (q != NULL)
			q->pkts = q->bytes = q->errs = 0;
	}
	return 0;
}

static int
null_noop(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
	return 0;
}

static int
null_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(addr);
	return 0;
}

static int
null_mtu_set(struct rte_eth_dev *dev, uint16_t mtu)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(mtu);
	return 0;
}

/* bursts read the state ethdev keeps; nothing else to do */
static int
null_rxq_start(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

static int
null_rxq_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int
null_txq_start(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

static int
null_txq_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int
null_close(struct rte_eth_dev *dev)
{
	/* a secondary leaves the primary's port as it is */
	if (dev->process_private == &null_attached)
		return 0;
	/* the MAC lives in dev_private, which ethdev frees */
	dev->data->mac_addrs = NULL;
	return 0;
}

static const struct eth_dev_ops null_ops = {
	.dev_configure = null_configure,
	.dev_start = null_start,
	.dev_stop = null_stop,
	.dev_close = null_close,
	.dev_set_link_up = null_link_up,
	.dev_set_link_down = null_link_down,
	.link_update = null_link_update,
	.promiscuous_enable = null_noop,
	.promiscuous_disable = null_noop,
	.allmulticast_enable = null_noop,
	.allmulticast_disable = null_noop,
	.mac_addr_set = null_mac_set,
	.mtu_set = null_mtu_set,
	.stats_get = null_stats_get,
	.stats_reset = null_stats_reset,
	.dev_infos_get = null_info,
	.rx_queue_setup = null_rx_setup,
	.rx_queue_release = null_rx_release,
	.tx_queue_setup = null_tx_setup,
	.tx_queue_release = null_tx_release,
	.rx_queue_start = null_rxq_start,
	.rx_queue_stop = null_rxq_stop,
	.tx_queue_start = null_txq_start,
	.tx_queue_stop = null_txq_stop,
};

/* ---------------------------------------------------------------------
 * probe and remove
 * --------------------------------------------------------------------- */

static int
null_parse_uint(const char *key, const char *value, void *opaque)
{
	unsigned int *out = opaque;
	unsigned long v;
	char *end;

	if (value == NULL || value[0] == '\0')
		return -EINVAL;
	errno = 0;
	v = strtoul(value, &end, 0);
	if (errno != 0 || *end != '\0' || v > UINT16_MAX) {
		NULL_LOG(ERR, "bad %s=%s\n", key, value);
		return -EINVAL;
	}
	*out = (unsigned int)v;
	return 0;
}

static int
null_parse_args(const char *args, struct null_port *p)
{
	struct rte_kvargs *kv;
	unsigned int size = NULL_DEFAULT_SIZE, copy = 0, no_rx = 0;
	int ret = 0;

	kv = rte_kvargs_parse(args, null_valid_args);
	if (kv == NULL) {
		NULL_LOG(ERR, "bad arguments '%s' (keys: size, copy, no-rx)\n",
			args);
		return -EINVAL;
	}
	if (rte_kvargs_process(kv, NULL_ARG_SIZE, null_parse_uint, &size) ||
			rte_kvargs_process(kv, NULL_ARG_COPY, null_parse_uint,
				&copy) ||
			rte_kvargs_process(kv, NULL_ARG_NO_RX, null_parse_uint,
				&no_rx))
		ret = -EINVAL;
	rte_kvargs_free(kv);
	if (ret == 0 && (size == 0 || copy > 1 || no_rx > 1)) {
		NULL_LOG(ERR, "size must be > 0, copy and no-rx 0 or 1\n");
		ret = -EINVAL;
	}
	p->packet_size = size;
	p->copy = copy;
	p->no_rx = no_rx;
	return ret;
}

/* a secondary uses the port the primary made, with its own functions */
static int
null_attach(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev;

	dev = rte_eth_dev_attach_secondary(rte_vdev_device_name(vdev));
	if (dev == NULL)
		return -ENODEV;
	dev->process_private = &null_attached;
	dev->device = &vdev->device;
	dev->dev_ops = &null_ops;
	dev->rx_pkt_burst = null_rx;
	dev->tx_pkt_burst = null_tx;
	rte_eth_dev_probing_finish(dev);
	return 0;
}

static int
null_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	struct rte_eth_dev *dev;
	struct null_port *p, args;
	int ret;

	/* a secondary uses the primary's port, or makes its own */
	if (rte_eal_process_type() == RTE_PROC_SECONDARY &&
			null_attach(vdev) == 0)
		return 0;
	ret = null_parse_args(rte_vdev_device_args(vdev), &args);
	if (ret < 0)
		return ret;
	dev = rte_eth_vdev_allocate(vdev, sizeof(*p));
	if (dev == NULL)
		return -rte_errno;
	p = dev->data->dev_private;
	*p = args;
	p->port_id = dev->data->port_id;
	rte_eth_random_addr(p->mac.addr_bytes);
	p->link.link_speed = RTE_ETH_SPEED_NUM_10G;
	p->link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	p->link.link_autoneg = RTE_ETH_LINK_FIXED;
	p->link.link_status = RTE_ETH_LINK_DOWN;
	dev->data->dev_link = p->link;
	dev->data->mac_addrs = &p->mac;
	dev->dev_ops = &null_ops;
	dev->rx_pkt_burst = null_rx;
	dev->tx_pkt_burst = null_tx;
	rte_eth_dev_probing_finish(dev);
	NULL_LOG(INFO, "%s: port %u, size=%u copy=%d no-rx=%d\n", name,
		dev->data->port_id, p->packet_size, p->copy, p->no_rx);
	return 0;
}

static int
null_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev;

	dev = rte_eth_dev_allocated(rte_vdev_device_name(vdev));
	if (dev == NULL)
		return 0; /* closed by the application already */
	if (dev->process_private == &null_attached)
		return rte_eth_dev_release_port(dev);
	if (dev->data->dev_started)
		rte_eth_dev_stop(dev->data->port_id);
	return rte_eth_dev_close(dev->data->port_id);
}

static struct rte_vdev_driver null_driver = {
	.probe = null_probe,
	.remove = null_remove,
};

RTE_PMD_REGISTER_VDEV(net_null, null_driver);
RTE_PMD_REGISTER_ALIAS(net_null, eth_null);
RTE_PMD_REGISTER_PARAM_STRING(net_null,
	"size=<int> copy=<int> no-rx=<0|1>");
