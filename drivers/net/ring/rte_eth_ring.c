/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_ring: ports whose queues are rte_rings.
 *   --vdev=net_ring0                 one loopback port: tx queue i and
 *                                    rx queue i share ring i
 *   --vdev=net_ring0,nodeaction=NAME:NODE:CREATE|ATTACH (repeatable)
 *                                    one loopback port per NAME, whose
 *                                    rings "ETH_RXTX<i>_<NAME>" are created
 *                                    on NODE, or looked up (ATTACH) so two
 *                                    processes can share them
 *   rte_eth_from_rings()/rte_eth_from_ring()  ports over the caller's rings
 * Rings the driver created are freed when the port closes.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
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
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_ring.h>
#include <rte_string_fns.h>

#include "rte_eth_ring.h"

#define RING_LOG(level, ...) RTE_LOG(level, PMD, "net_ring: " __VA_ARGS__)

#define RING_ARG_NODEACTION "nodeaction"
#define RING_ARG_INTERNAL "internal"
#define RING_SIZE 1024
#define RING_NB_RINGS (unsigned int)RTE_MAX(RTE_PMD_RING_MAX_RX_RINGS, \
	RTE_PMD_RING_MAX_TX_RINGS)

/* marks (process_private) ports this process attached to, not made */
static int ring_attached;

static const char *const ring_valid_args[] = {
	RING_ARG_NODEACTION, RING_ARG_INTERNAL, NULL,
};

enum ring_action { RING_CREATE, RING_ATTACH };

struct ring_queue {
	struct rte_ring *rng;
	const uint8_t *state; /* ethdev's state of this queue */
	uint64_t pkts;
	uint64_t errs;
} __rte_cache_aligned;

struct ring_port {
	unsigned int nb_rx, nb_tx;
	int owns_rings;       /* free rx rings at close */
	struct ring_queue rx[RTE_PMD_RING_MAX_RX_RINGS];
	struct ring_queue tx[RTE_PMD_RING_MAX_TX_RINGS];
	struct rte_ether_addr mac;
	struct rte_eth_link link;
};

/* what rte_eth_from_rings() hands to the probe it triggers */
struct ring_spec {
	struct rte_ring *const *rx;
	unsigned int nb_rx;
	struct rte_ring *const *tx;
	unsigned int nb_tx;
	int numa_node;
	int owns_rings;
};

/*
 * rte_eth_from_rings() passes its rings through here, under the lock,
 * instead of a pointer in the device arguments: a pointer typed on the
 * command line could then crash the process.
 */
static pthread_mutex_t ring_spec_lock = PTHREAD_MUTEX_INITIALIZER;
static const struct ring_spec *ring_spec_pending;

/* ---------------------------------------------------------------------
 * fast path
 * --------------------------------------------------------------------- */

static uint16_t
ring_rx(void *q, struct rte_mbuf **bufs, uint16_t n)
{
	struct ring_queue *r = q;
	uint16_t got;

	if (unlikely(*r->state != RTE_ETH_QUEUE_STATE_STARTED))
		return 0;
	got = (uint16_t)rte_ring_dequeue_burst(r->rng, (void **)bufs, n, NULL);
	__atomic_fetch_add(&r->pkts, got, __ATOMIC_RELAXED);
	return got;
}

static uint16_t
ring_tx(void *q, struct rte_mbuf **bufs, uint16_t n)
{
	struct ring_queue *r = q;
	uint16_t sent;

	if (unlikely(*r->state != RTE_ETH_QUEUE_STATE_STARTED))
		return 0;
	sent = (uint16_t)rte_ring_enqueue_burst(r->rng, (void **)bufs, n,
		NULL);
	__atomic_fetch_add(&r->pkts, sent, __ATOMIC_RELAXED);
	if (unlikely(sent < n))
		__atomic_fetch_add(&r->errs, n - sent, __ATOMIC_RELAXED);
	return sent;
}

/* ---------------------------------------------------------------------
 * control path
 * --------------------------------------------------------------------- */

static int
ring_configure(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
	return 0;
}

static int
ring_set_link(struct rte_eth_dev *dev, int up)
{
	struct ring_port *p = dev->data->dev_private;

	p->link.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	if (rte_eth_linkstatus_set(dev, &p->link) == 0 &&
			dev->data->dev_conf.intr_conf.lsc)
		rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_INTR_LSC,
			NULL);
	return 0;
}

static int
ring_start(struct rte_eth_dev *dev)
{
	return ring_set_link(dev, 1);
}

static int
ring_stop(struct rte_eth_dev *dev)
{
	return ring_set_link(dev, 0);
}

static int
ring_link_up(struct rte_eth_dev *dev)
{
	return ring_set_link(dev, 1);
}

static int
ring_link_down(struct rte_eth_dev *dev)
{
	return ring_set_link(dev, 0);
}

static int
ring_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(wait);
	return 0;
}

static int
ring_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	const struct ring_port *p = dev->data->dev_private;

	info->max_mac_addrs = 1;
	info->max_rx_pktlen = UINT32_MAX;
	info->max_rx_queues = (uint16_t)p->nb_rx;
	info->max_tx_queues = (uint16_t)p->nb_tx;
	info->min_rx_bufsize = 0;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static int
ring_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		unsigned int socket_id, const struct rte_eth_rxconf *conf,
		struct rte_mempool *mp)
{
	struct ring_port *p = dev->data->dev_private;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket_id);
	RTE_SET_USED(conf);
	RTE_SET_USED(mp);
	p->rx[qid].state = &dev->data->rx_queue_state[qid];
	dev->data->rx_queues[qid] = &p->rx[qid];
	return 0;
}

static int
ring_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		unsigned int socket_id, const struct rte_eth_txconf *conf)
{
	struct ring_port *p = dev->data->dev_private;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket_id);
	RTE_SET_USED(conf);
	p->tx[qid].state = &dev->data->tx_queue_state[qid];
	dev->data->tx_queues[qid] = &p->tx[qid];
	return 0;
}

static void
ring_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	/* queues live in dev_private; nothing to free */
	RTE_SET_USED(dev);
	RTE_SET_USED(qid);
}

static int
ring_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	const struct ring_port *p = dev->data->dev_private;
	uint64_t n;
	unsigned int i;

	for (i = 0; i < p->nb_rx && i < dev->data->nb_rx_queues; i++) {
		n = __atomic_load_n(&p->rx[i].pkts, __ATOMIC_RELAXED);
		st->ipackets += n;
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS)
			st->q_ipackets[i] = n;
	}
	for (i = 0; i < p->nb_tx && i < dev->data->nb_tx_queues; i++) {
		n = __atomic_load_n(&p->tx[i].pkts, __ATOMIC_RELAXED);
		st->opackets += n;
		st->oerrors += __atomic_load_n(&p->tx[i].errs,
			__ATOMIC_RELAXED);
		if (i < RTE_ETHDEV_QUEUE_STAT_CNTRS)
			st->q_opackets[i] = n;
	}
	return 0;
}

static int
ring_stats_reset(struct rte_eth_dev *dev)
{
	struct ring_port *p = dev->data->dev_private;
	unsigned int i;

	for (i = 0; i < p->nb_rx; i++)
		__atomic_store_n(&p->rx[i].pkts, 0, __ATOMIC_RELAXED);
	for (i = 0; i < p->nb_tx; i++) {
		__atomic_store_n(&p->tx[i].pkts, 0, __ATOMIC_RELAXED);
		__atomic_store_n(&p->tx[i].errs, 0, __ATOMIC_RELAXED);
	}
	return 0;
}

static int
ring_noop(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
	return 0;
}

static int
ring_mac_set(struct rte_eth_dev *dev, struct rte_ether_addr *addr)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(addr);
	return 0;
}

/* bursts read the state ethdev keeps; nothing else to do */
static int
ring_rxq_start(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

static int
ring_rxq_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->rx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int
ring_txq_start(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STARTED;
	return 0;
}

static int
ring_txq_stop(struct rte_eth_dev *dev, uint16_t qid)
{
	dev->data->tx_queue_state[qid] = RTE_ETH_QUEUE_STATE_STOPPED;
	return 0;
}

static int
ring_close(struct rte_eth_dev *dev)
{
	struct ring_port *p = dev->data->dev_private;
	unsigned int i;

	/* a secondary leaves the primary's port and rings as they are */
	if (dev->process_private == &ring_attached)
		return 0;
	/* loopback rings serve rx and tx: free each once, from the rx side */
	if (p->owns_rings)
		for (i = 0; i < p->nb_rx; i++)
			rte_ring_free(p->rx[i].rng);
	dev->data->mac_addrs = NULL;
	return 0;
}

static const struct eth_dev_ops ring_ops = {
	.dev_configure = ring_configure,
	.dev_start = ring_start,
	.dev_stop = ring_stop,
	.dev_close = ring_close,
	.dev_set_link_up = ring_link_up,
	.dev_set_link_down = ring_link_down,
	.link_update = ring_link_update,
	.promiscuous_enable = ring_noop,
	.promiscuous_disable = ring_noop,
	.allmulticast_enable = ring_noop,
	.allmulticast_disable = ring_noop,
	.mac_addr_set = ring_mac_set,
	.stats_get = ring_stats_get,
	.stats_reset = ring_stats_reset,
	.dev_infos_get = ring_info,
	.rx_queue_setup = ring_rx_setup,
	.rx_queue_release = ring_queue_release,
	.tx_queue_setup = ring_tx_setup,
	.tx_queue_release = ring_queue_release,
	.rx_queue_start = ring_rxq_start,
	.rx_queue_stop = ring_rxq_stop,
	.tx_queue_start = ring_txq_start,
	.tx_queue_stop = ring_txq_stop,
};

/* ---------------------------------------------------------------------
 * port creation
 * --------------------------------------------------------------------- */

static int
ring_port_create(struct rte_vdev_device *vdev, const char *name,
		const struct ring_spec *spec)
{
	struct rte_eth_dev *dev;
	struct ring_port *p;
	unsigned int i;

	dev = rte_eth_dev_allocate(name);
	if (dev == NULL)
		return -rte_errno;
	p = rte_zmalloc_socket(name, sizeof(*p), RTE_CACHE_LINE_SIZE,
		spec->numa_node);
	if (p == NULL) {
		rte_eth_dev_release_port(dev);
		return -ENOMEM;
	}
	p->nb_rx = spec->nb_rx;
	p->nb_tx = spec->nb_tx;
	p->owns_rings = spec->owns_rings;
	for (i = 0; i < spec->nb_rx; i++)
		p->rx[i].rng = spec->rx[i];
	for (i = 0; i < spec->nb_tx; i++)
		p->tx[i].rng = spec->tx[i];
	rte_eth_random_addr(p->mac.addr_bytes);
	p->link.link_speed = RTE_ETH_SPEED_NUM_10G;
	p->link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	p->link.link_autoneg = RTE_ETH_LINK_FIXED;
	dev->data->dev_private = p;
	dev->data->dev_link = p->link;
	dev->data->mac_addrs = &p->mac;
	dev->data->numa_node = spec->numa_node;
	dev->data->dev_flags |= RTE_ETH_DEV_INTR_LSC | RTE_ETH_DEV_INTR_RMV;
	dev->device = &vdev->device;
	dev->dev_ops = &ring_ops;
	dev->rx_pkt_burst = ring_rx;
	dev->tx_pkt_burst = ring_tx;
	rte_eth_dev_probing_finish(dev);
	RING_LOG(INFO, "%s: port %u, %u rx / %u tx rings\n", name,
		dev->data->port_id, p->nb_rx, p->nb_tx);
	return 0;
}

static void
ring_free_created(struct rte_ring **rings, unsigned int n)
{
	while (n-- > 0)
		rte_ring_free(rings[n]);
}

/* RING_NB_RINGS loopback rings named after the port, made or found */
static int
ring_loopback_create(struct rte_vdev_device *vdev, const char *name,
		int node, enum ring_action action)
{
	struct rte_ring *rings[RTE_PMD_RING_MAX_RX_RINGS];
	char rname[RTE_RING_NAMESIZE];
	struct ring_spec spec;
	unsigned int i;
	int ret;

	for (i = 0; i < RING_NB_RINGS; i++) {
		ret = snprintf(rname, sizeof(rname), "ETH_RXTX%u_%s", i, name);
		if (ret < 0 || (size_t)ret >= sizeof(rname)) {
			RING_LOG(ERR, "%s: name too long for its rings\n",
				name);
			ring_free_created(rings, action == RING_CREATE ? i : 0);
			return -ENAMETOOLONG;
		}
		rings[i] = action == RING_CREATE ?
			rte_ring_create(rname, RING_SIZE, node,
				RING_F_SP_ENQ | RING_F_SC_DEQ) :
			rte_ring_lookup(rname);
		if (rings[i] == NULL) {
			ret = -rte_errno;
			RING_LOG(ERR, "%s: cannot %s ring %s: %s\n", name,
				action == RING_CREATE ? "create" : "find",
				rname, rte_strerror(rte_errno));
			ring_free_created(rings, action == RING_CREATE ? i : 0);
			return ret;
		}
	}
	spec = (struct ring_spec){ .rx = rings, .nb_rx = RING_NB_RINGS,
		.tx = rings, .nb_tx = RING_NB_RINGS, .numa_node = node,
		.owns_rings = action == RING_CREATE };
	ret = ring_port_create(vdev, name, &spec);
	if (ret < 0)
		ring_free_created(rings, action == RING_CREATE ?
			RING_NB_RINGS : 0);
	return ret;
}

/* NAME:NODE:ACTION */
static int
ring_nodeaction(const char *key, const char *value, void *opaque)
{
	struct rte_vdev_device *vdev = opaque;
	char buf[RTE_ETH_NAME_MAX_LEN * 2];
	char *name, *node, *action, *end;
	enum ring_action act;
	long n;

	RTE_SET_USED(key);
	if (value == NULL || strlen(value) >= sizeof(buf))
		goto bad;
	rte_strlcpy(buf, value, sizeof(buf));
	name = buf;
	node = strchr(name, ':');
	if (node == NULL)
		goto bad;
	*node++ = '\0';
	action = strchr(node, ':');
	if (action == NULL)
		goto bad;
	*action++ = '\0';
	n = strtol(node, &end, 0);
	if (*name == '\0' || *end != '\0' || end == node || n < 0 ||
			n >= RTE_MAX_NUMA_NODES)
		goto bad;
	if (strcmp(action, "CREATE") == 0)
		act = RING_CREATE;
	else if (strcmp(action, "ATTACH") == 0)
		act = RING_ATTACH;
	else
		goto bad;
	return ring_loopback_create(vdev, name, (int)n, act);
bad:
	RING_LOG(ERR, "bad nodeaction=%s (want NAME:NODE:CREATE|ATTACH)\n",
		value != NULL ? value : "");
	return -EINVAL;
}

/* a secondary uses a port the primary made, with its own functions */
static int
ring_attach(struct rte_vdev_device *vdev, const char *name)
{
	struct rte_eth_dev *dev;

	dev = rte_eth_dev_attach_secondary(name);
	if (dev == NULL)
		return -ENODEV;
	dev->process_private = &ring_attached;
	dev->device = &vdev->device;
	dev->dev_ops = &ring_ops;
	dev->rx_pkt_burst = ring_rx;
	dev->tx_pkt_burst = ring_tx;
	rte_eth_dev_probing_finish(dev);
	return 0;
}

static int
ring_nodeaction_attach(const char *key, const char *value, void *opaque)
{
	char name[RTE_ETH_NAME_MAX_LEN];
	char *colon;

	RTE_SET_USED(key);
	if (value == NULL)
		return -EINVAL;
	rte_strlcpy(name, value, sizeof(name));
	colon = strchr(name, ':');
	if (colon != NULL)
		*colon = '\0';
	return ring_attach(opaque, name);
}

static int
ring_probe_secondary(struct rte_vdev_device *vdev, const char *args)
{
	struct rte_kvargs *kv;
	int ret;

	if (args[0] == '\0')
		return ring_attach(vdev, rte_vdev_device_name(vdev));
	kv = rte_kvargs_parse(args, ring_valid_args);
	if (kv == NULL)
		return -EINVAL;
	if (rte_kvargs_count(kv, RING_ARG_INTERNAL) > 0)
		ret = ring_attach(vdev, rte_vdev_device_name(vdev));
	else
		ret = rte_kvargs_process(kv, RING_ARG_NODEACTION,
			ring_nodeaction_attach, vdev) < 0 ? -ENODEV : 0;
	rte_kvargs_free(kv);
	return ret;
}

static int
ring_probe(struct rte_vdev_device *vdev)
{
	const char *name = rte_vdev_device_name(vdev);
	const char *args = rte_vdev_device_args(vdev);
	struct rte_kvargs *kv;
	int ret;

	/* a secondary uses the primary's ports, or makes its own */
	if (rte_eal_process_type() == RTE_PROC_SECONDARY &&
			ring_spec_pending == NULL &&
			ring_probe_secondary(vdev, args) == 0)
		return 0;
	if (args[0] == '\0')
		return ring_loopback_create(vdev, name, (int)rte_socket_id(),
			RING_CREATE);
	kv = rte_kvargs_parse(args, ring_valid_args);
	if (kv == NULL) {
		RING_LOG(ERR, "%s: bad arguments '%s'\n", name, args);
		return -EINVAL;
	}
	if (rte_kvargs_count(kv, RING_ARG_INTERNAL) > 0) {
		/* only rte_eth_from_rings() sets a pending spec */
		ret = ring_spec_pending != NULL ?
			ring_port_create(vdev, name, ring_spec_pending) :
			-EINVAL;
	} else {
		ret = rte_kvargs_process(kv, RING_ARG_NODEACTION,
			ring_nodeaction, vdev) < 0 ? -EINVAL : 0;
	}
	rte_kvargs_free(kv);
	return ret;
}

/* close every port made from this device (one per nodeaction) */
static int
ring_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev;
	uint16_t p;
	int ret = 0;

	for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
		dev = &rte_eth_devices[p];
		if (dev->state == RTE_ETH_DEV_UNUSED ||
				dev->device != &vdev->device)
			continue;
		if (dev->process_private == &ring_attached) {
			rte_eth_dev_release_port(dev);
			continue;
		}
		if (dev->data->dev_conf.intr_conf.rmv)
			rte_eth_dev_callback_process(dev,
				RTE_ETH_EVENT_INTR_RMV, NULL);
		if (dev->data->dev_started)
			rte_eth_dev_stop(p);
		if (rte_eth_dev_close(p) < 0)
			ret = -rte_errno;
	}
	return ret;
}

static struct rte_vdev_driver ring_driver = {
	.probe = ring_probe,
	.remove = ring_remove,
};

RTE_PMD_REGISTER_VDEV(net_ring, ring_driver);
RTE_PMD_REGISTER_ALIAS(net_ring, eth_ring);
RTE_PMD_REGISTER_PARAM_STRING(net_ring,
	"nodeaction=[name:node:action]");

/* ---------------------------------------------------------------------
 * public constructors
 * --------------------------------------------------------------------- */

static int
ring_check_rings(struct rte_ring *const rings[], unsigned int n,
		unsigned int max)
{
	unsigned int i;

	if (rings == NULL || n == 0 || n > max)
		return -EINVAL;
	for (i = 0; i < n; i++)
		if (rings[i] == NULL)
			return -EINVAL;
	return 0;
}

int
rte_eth_from_rings(const char *name, struct rte_ring *const rx_queues[],
		const unsigned int nb_rx_queues,
		struct rte_ring *const tx_queues[],
		const unsigned int nb_tx_queues, const unsigned int numa_node)
{
	struct ring_spec spec = {
		.rx = rx_queues, .nb_rx = nb_rx_queues,
		.tx = tx_queues, .nb_tx = nb_tx_queues,
		.numa_node = (int)numa_node, .owns_rings = 0,
	};
	uint16_t port_id;
	int ret;

	if (name == NULL ||
			ring_check_rings(rx_queues, nb_rx_queues,
				RTE_PMD_RING_MAX_RX_RINGS) < 0 ||
			ring_check_rings(tx_queues, nb_tx_queues,
				RTE_PMD_RING_MAX_TX_RINGS) < 0) {
		RING_LOG(ERR, "rte_eth_from_rings: need a name and 1 to %u "
			"non-NULL rings each way\n", RTE_PMD_RING_MAX_RX_RINGS);
		rte_errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&ring_spec_lock);
	ring_spec_pending = &spec;
	ret = rte_vdev_init(name, RING_ARG_INTERNAL);
	ring_spec_pending = NULL;
	pthread_mutex_unlock(&ring_spec_lock);
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	if (rte_eth_dev_get_port_by_name(name, &port_id) < 0)
		return -1;
	return port_id;
}

int
rte_eth_from_ring(struct rte_ring *r)
{
	if (r == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	return rte_eth_from_rings(r->name, &r, 1, &r, 1,
		r->memzone != NULL ? (unsigned int)r->memzone->socket_id :
		(unsigned int)SOCKET_ID_ANY);
}
