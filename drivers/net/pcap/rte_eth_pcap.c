/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_pcap: ports over libpcap, for pcap files and kernel interfaces.
 *   rx_pcap=FILE   one receive queue reading FILE (repeatable)
 *   tx_pcap=FILE   one transmit queue writing FILE (repeatable)
 *   rx_iface=IF    one receive queue capturing on interface IF
 *   tx_iface=IF    one transmit queue injecting on IF
 *   rx_iface_in=IF like rx_iface, but only frames coming into IF
 *   iface=IF       both, over ONE handle: the kernel does not hand a
 *                  packet socket the frames it sent itself, so the port
 *                  never receives its own transmissions (two ports
 *                  forwarding to each other over a veth pair would
 *                  otherwise bounce every frame forever)
 *   infinite_rx=1  replay the rx_pcap files forever: they are loaded into
 *                  memory once, and each burst copies frames from there
 * With no transmit argument, transmit queues drop what they are given.
 * Handles are opened at probe, so bad files or interfaces fail early.
 * Frames the kernel dropped before a capturing queue read them
 * (pcap_stats ps_drop) are reported as imissed.
 */
#include <errno.h>
#include <limits.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>

#include <pcap/pcap.h>

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
#include <rte_string_fns.h>

#define PCAP_LOG(level, ...) RTE_LOG(level, PMD, "net_pcap: " __VA_ARGS__)

#define PCAP_MAX_QUEUES 16
#define PCAP_SNAPLEN RTE_ETHER_MAX_JUMBO_FRAME_LEN

static const char *const pcap_valid_args[] = {
	"rx_pcap", "tx_pcap", "rx_iface", "rx_iface_in", "tx_iface", "iface",
	"infinite_rx", NULL,
};

/* a frame loaded for infinite_rx */
struct pcap_frame {
	uint8_t *data;
	uint32_t len;
};

struct pcap_queue {
	pcap_t *pcap;              /* rx file/iface, or tx iface */
	pcap_dumper_t *dumper;     /* tx file */
	struct rte_mempool *mp;    /* rx */
	struct pcap_frame *frames; /* infinite_rx */
	unsigned int nb_frames, next_frame;
	uint64_t pkts, bytes, errs;
	uint64_t drop_base;        /* ps_drop at the last stats reset */
	int live;                  /* capturing on an interface */
	int borrowed;              /* pcap belongs to the rx queue (iface=) */
	char name[128];          /* file or interface, for logs */
} __rte_cache_aligned;

struct pcap_port {
	unsigned int nb_rx, nb_tx;
	int infinite_rx;
	struct pcap_queue rx[PCAP_MAX_QUEUES];
	struct pcap_queue tx[PCAP_MAX_QUEUES];
	struct rte_ether_addr mac;
	struct rte_eth_link link;
};

static void
pcap_count(struct pcap_queue *q, uint64_t pkts, uint64_t bytes)
{
	__atomic_store_n(&q->pkts, q->pkts + pkts, __ATOMIC_RELAXED);
	__atomic_store_n(&q->bytes, q->bytes + bytes, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------------
 * fast path
 * --------------------------------------------------------------------- */

static int
pcap_fill(struct rte_mbuf *m, const uint8_t *data, uint32_t len)
{
	if (len > rte_pktmbuf_tailroom(m))
		return -1; /* no chained receive: drop oversized frames */
	memcpy(rte_pktmbuf_mtod(m, void *), data, len);
	m->data_len = (uint16_t)len;
	m->pkt_len = len;
	return 0;
}

static uint16_t
pcap_rx_infinite(struct pcap_queue *q, struct rte_mbuf **bufs, uint16_t n)
{
	const struct pcap_frame *f;
	uint64_t bytes = 0;
	uint16_t i;

	if (q->nb_frames == 0 || rte_pktmbuf_alloc_bulk(q->mp, bufs, n) != 0)
		return 0;
	for (i = 0; i < n; i++) {
		f = &q->frames[q->next_frame];
		if (++q->next_frame == q->nb_frames)
			q->next_frame = 0;
		pcap_fill(bufs[i], f->data, f->len);
		bytes += f->len;
	}
	pcap_count(q, n, bytes);
	return n;
}

static uint16_t
pcap_rx(void *rxq, struct rte_mbuf **bufs, uint16_t n)
{
	struct pcap_queue *q = rxq;
	struct pcap_pkthdr *hdr;
	const u_char *data;
	struct rte_mbuf *m;
	uint64_t bytes = 0;
	uint16_t got = 0;

	if (q->frames != NULL)
		return pcap_rx_infinite(q, bufs, n);
	while (got < n && pcap_next_ex(q->pcap, &hdr, &data) == 1) {
		m = rte_pktmbuf_alloc(q->mp);
		if (m == NULL) {
			q->errs++;
			break;
		}
		if (pcap_fill(m, data, hdr->caplen) < 0) {
			rte_pktmbuf_free(m);
			q->errs++;
			continue;
		}
		bytes += hdr->caplen;
		bufs[got++] = m;
	}
	pcap_count(q, got, bytes);
	return got;
}

/* the frame as one buffer: m's data, or a copy of its segments */
static const uint8_t *
pcap_linear(struct rte_mbuf *m, uint8_t *buf)
{
	if (m->nb_segs == 1)
		return rte_pktmbuf_mtod(m, const uint8_t *);
	if (m->pkt_len > PCAP_SNAPLEN)
		return NULL;
	return rte_pktmbuf_read(m, 0, m->pkt_len, buf);
}

static uint16_t
pcap_tx(void *txq, struct rte_mbuf **bufs, uint16_t n)
{
	static __thread uint8_t buf[PCAP_SNAPLEN];
	struct pcap_queue *q = txq;
	struct pcap_pkthdr hdr;
	const uint8_t *data;
	uint64_t bytes = 0;
	uint16_t i;

	gettimeofday(&hdr.ts, NULL);
	for (i = 0; i < n; i++) {
		data = pcap_linear(bufs[i], buf);
		hdr.caplen = hdr.len = bufs[i]->pkt_len;
		if (data == NULL)
			q->errs++;
		else if (q->dumper != NULL)
			pcap_dump((u_char *)q->dumper, &hdr, data);
		else if (q->pcap != NULL &&
				pcap_sendpacket(q->pcap, data, hdr.len) != 0)
			q->errs++;
		bytes += hdr.len;
	}
	rte_pktmbuf_free_bulk(bufs, n);
	pcap_count(q, n, bytes);
	return n;
}

/* ---------------------------------------------------------------------
 * opening and closing handles
 * --------------------------------------------------------------------- */

static int
pcap_open_iface(struct pcap_queue *q, const char *ifname, int in_only)
{
	char err[PCAP_ERRBUF_SIZE];
	pcap_t *p;

	p = pcap_create(ifname, err);
	if (p == NULL)
		goto fail;
	if (pcap_set_snaplen(p, PCAP_SNAPLEN) != 0 ||
			pcap_set_promisc(p, 1) != 0 ||
			pcap_set_timeout(p, 1) != 0 ||
			pcap_set_immediate_mode(p, 1) != 0 ||
			pcap_activate(p) < 0 ||
			pcap_setnonblock(p, 1, err) != 0 ||
			(in_only && pcap_setdirection(p, PCAP_D_IN) != 0)) {
		rte_strlcpy(err, pcap_geterr(p), sizeof(err));
		pcap_close(p);
		goto fail;
	}
	q->pcap = p;
	q->live = 1;
	return 0;
fail:
	PCAP_LOG(ERR, "interface %s: %s\n", ifname, err);
	return -ENODEV;
}

static int
pcap_open_rx_file(struct pcap_queue *q, const char *path)
{
	char err[PCAP_ERRBUF_SIZE];

	q->pcap = pcap_open_offline(path, err);
	if (q->pcap == NULL) {
		PCAP_LOG(ERR, "rx_pcap %s: %s\n", path, err);
		return -ENOENT;
	}
	return 0;
}

static int
pcap_open_tx_file(struct pcap_queue *q, const char *path)
{
	pcap_t *dead = pcap_open_dead(DLT_EN10MB, PCAP_SNAPLEN);

	if (dead == NULL)
		return -ENOMEM;
	q->dumper = pcap_dump_open(dead, path);
	if (q->dumper == NULL) {
		PCAP_LOG(ERR, "tx_pcap %s: %s\n", path, pcap_geterr(dead));
		pcap_close(dead);
		return -EIO;
	}
	q->pcap = dead; /* owns the dumper's link type; closed with it */
	return 0;
}

/* infinite_rx: copy every frame of the open file into memory */
static int
pcap_load_frames(struct pcap_queue *q)
{
	struct pcap_pkthdr *hdr;
	const u_char *data;
	struct pcap_frame *f;
	unsigned int cap = 0;

	while (pcap_next_ex(q->pcap, &hdr, &data) == 1) {
		if (q->nb_frames == cap) {
			cap = cap ? cap * 2 : 64;
			f = realloc(q->frames, cap * sizeof(*f));
			if (f == NULL)
				return -ENOMEM;
			q->frames = f;
		}
		f = &q->frames[q->nb_frames];
		f->data = malloc(hdr->caplen);
		if (f->data == NULL)
			return -ENOMEM;
		memcpy(f->data, data, hdr->caplen);
		f->len = hdr->caplen;
		q->nb_frames++;
	}
	if (q->nb_frames == 0) {
		PCAP_LOG(ERR, "rx_pcap %s holds no frame to replay\n", q->name);
		return -EINVAL;
	}
	return 0;
}

static void
pcap_queue_close(struct pcap_queue *q)
{
	unsigned int i;

	if (q->dumper != NULL) {
		pcap_dump_flush(q->dumper);
		pcap_dump_close(q->dumper);
	}
	if (q->pcap != NULL && !q->borrowed)
		pcap_close(q->pcap);
	for (i = 0; i < q->nb_frames; i++)
		free(q->frames[i].data);
	free(q->frames);
	q->dumper = NULL;
	q->pcap = NULL;
	q->borrowed = 0;
	q->live = 0;
	q->frames = NULL;
	q->nb_frames = 0;
}

/* ---------------------------------------------------------------------
 * control path
 * --------------------------------------------------------------------- */

static int
pcap_configure(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
	return 0;
}

static int
pcap_set_link(struct rte_eth_dev *dev, int up)
{
	struct pcap_port *p = dev->data->dev_private;
	unsigned int i;

	p->link.link_status = up ? RTE_ETH_LINK_UP : RTE_ETH_LINK_DOWN;
	rte_eth_linkstatus_set(dev, &p->link);
	if (!up)
		for (i = 0; i < p->nb_tx; i++)
			if (p->tx[i].dumper != NULL)
				pcap_dump_flush(p->tx[i].dumper);
	return 0;
}

static int
pcap_start(struct rte_eth_dev *dev)
{
	return pcap_set_link(dev, 1);
}

static int
pcap_stop(struct rte_eth_dev *dev)
{
	return pcap_set_link(dev, 0);
}

static int
pcap_link_update(struct rte_eth_dev *dev, int wait)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(wait);
	return 0;
}

static int
pcap_info(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	const struct pcap_port *p = dev->data->dev_private;

	info->max_mac_addrs = 1;
	info->max_rx_pktlen = PCAP_SNAPLEN;
	info->max_rx_queues = (uint16_t)p->nb_rx;
	info->max_tx_queues = (uint16_t)p->nb_tx;
	info->tx_offload_capa = RTE_ETH_TX_OFFLOAD_MULTI_SEGS;
	info->speed_capa = RTE_ETH_LINK_SPEED_10G;
	return 0;
}

static int
pcap_rx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		unsigned int socket_id, const struct rte_eth_rxconf *conf,
		struct rte_mempool *mp)
{
	struct pcap_port *p = dev->data->dev_private;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket_id);
	RTE_SET_USED(conf);
	p->rx[qid].mp = mp;
	dev->data->rx_queues[qid] = &p->rx[qid];
	return 0;
}

static int
pcap_tx_setup(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_desc,
		unsigned int socket_id, const struct rte_eth_txconf *conf)
{
	struct pcap_port *p = dev->data->dev_private;

	RTE_SET_USED(nb_desc);
	RTE_SET_USED(socket_id);
	RTE_SET_USED(conf);
	dev->data->tx_queues[qid] = &p->tx[qid];
	return 0;
}

static void
pcap_queue_release(struct rte_eth_dev *dev, uint16_t qid)
{
	RTE_SET_USED(dev);
	RTE_SET_USED(qid);
}

/* frames the kernel dropped on a capturing queue since the last reset */
static uint64_t
pcap_kernel_drops(const struct pcap_queue *q)
{
	struct pcap_stat ps;

	if (!q->live || q->pcap == NULL || pcap_stats(q->pcap, &ps) != 0)
		return 0;
	return ps.ps_drop >= q->drop_base ? ps.ps_drop - q->drop_base : 0;
}

static int
pcap_stats_get(struct rte_eth_dev *dev, struct rte_eth_stats *st)
{
	const struct pcap_port *p = dev->data->dev_private;
	unsigned int i;

	for (i = 0; i < p->nb_rx; i++) {
		st->ipackets += __atomic_load_n(&p->rx[i].pkts,
			__ATOMIC_RELAXED);
		st->ibytes += __atomic_load_n(&p->rx[i].bytes,
			__ATOMIC_RELAXED);
		st->ierrors += __atomic_load_n(&p->rx[i].errs,
			__ATOMIC_RELAXED);
		st->imissed += pcap_kernel_drops(&p->rx[i]);
	}
	for (i = 0; i < p->nb_tx; i++) {
		st->opackets += __atomic_load_n(&p->tx[i].pkts,
			__ATOMIC_RELAXED);
		st->obytes += __atomic_load_n(&p->tx[i].bytes,
			__ATOMIC_RELAXED);
		st->oerrors += __atomic_load_n(&p->tx[i].errs,
			__ATOMIC_RELAXED);
	}
	return 0;
}

static int
pcap_stats_reset(struct rte_eth_dev *dev)
{
	struct pcap_port *p = dev->data->dev_private;
	unsigned int i;

	for (i = 0; i < p->nb_rx; i++) {
		p->rx[i].pkts = p->rx[i].bytes = p->rx[i].errs = 0;
		p->rx[i].drop_base += pcap_kernel_drops(&p->rx[i]);
	}
	for (i = 0; i < p->nb_tx; i++)
		p->tx[i].pkts = p->tx[i].bytes = p->tx[i].errs = 0;
	return 0;
}

static int
pcap_noop(struct rte_eth_dev *dev)
{
	RTE_SET_USED(dev);
	return 0;
}

static int
pcap_close_port(struct rte_eth_dev *dev)
{
	struct pcap_port *p = dev->data->dev_private;
	unsigned int i;

	for (i = 0; i < p->nb_rx; i++)
		pcap_queue_close(&p->rx[i]);
	for (i = 0; i < p->nb_tx; i++)
		pcap_queue_close(&p->tx[i]);
	dev->data->mac_addrs = NULL;
	return 0;
}

static const struct eth_dev_ops pcap_ops = {
	.dev_configure = pcap_configure,
	.dev_start = pcap_start,
	.dev_stop = pcap_stop,
	.dev_close = pcap_close_port,
	.link_update = pcap_link_update,
	.promiscuous_enable = pcap_noop,
	.promiscuous_disable = pcap_noop,
	.allmulticast_enable = pcap_noop,
	.allmulticast_disable = pcap_noop,
	.stats_get = pcap_stats_get,
	.stats_reset = pcap_stats_reset,
	.dev_infos_get = pcap_info,
	.rx_queue_setup = pcap_rx_setup,
	.rx_queue_release = pcap_queue_release,
	.tx_queue_setup = pcap_tx_setup,
	.tx_queue_release = pcap_queue_release,
};

/* ---------------------------------------------------------------------
 * probe and remove
 * --------------------------------------------------------------------- */

static struct pcap_queue *
pcap_new_queue(struct pcap_queue *qs, unsigned int *nb, const char *value)
{
	struct pcap_queue *q;

	if (value == NULL || value[0] == '\0' || *nb >= PCAP_MAX_QUEUES)
		return NULL;
	q = &qs[(*nb)++];
	rte_strlcpy(q->name, value, sizeof(q->name));
	return q;
}

static int
pcap_arg(const char *key, const char *value, void *opaque)
{
	struct pcap_port *p = opaque;
	struct pcap_queue *rq = NULL, *tq = NULL;
	int ret = 0;

	if (strcmp(key, "infinite_rx") == 0)
		return 0; /* read before the queues */
	if (strcmp(key, "rx_pcap") == 0 || strcmp(key, "rx_iface") == 0 ||
			strcmp(key, "rx_iface_in") == 0 ||
			strcmp(key, "iface") == 0) {
		rq = pcap_new_queue(p->rx, &p->nb_rx, value);
		if (rq == NULL)
			goto bad;
	}
	if (strcmp(key, "tx_pcap") == 0 || strcmp(key, "tx_iface") == 0 ||
			strcmp(key, "iface") == 0) {
		tq = pcap_new_queue(p->tx, &p->nb_tx, value);
		if (tq == NULL)
			goto bad;
	}
	if (strcmp(key, "rx_pcap") == 0) {
		ret = pcap_open_rx_file(rq, value);
		if (ret == 0 && p->infinite_rx)
			ret = pcap_load_frames(rq);
	} else if (strcmp(key, "tx_pcap") == 0) {
		ret = pcap_open_tx_file(tq, value);
	} else if (rq != NULL && tq != NULL) {
		/* iface=: one handle, so our own frames are not captured */
		ret = pcap_open_iface(rq, value, 0);
		tq->pcap = rq->pcap;
		tq->borrowed = 1;
	} else if (rq != NULL) {
		ret = pcap_open_iface(rq, value,
			strcmp(key, "rx_iface_in") == 0);
	} else {
		ret = pcap_open_iface(tq, value, 0);
	}
	return ret;
bad:
	PCAP_LOG(ERR, "%s=%s: empty value or more than %d queues\n", key,
		value != NULL ? value : "", PCAP_MAX_QUEUES);
	return -EINVAL;
}

static int
pcap_parse(const char *args, struct pcap_port *p)
{
	struct rte_kvargs *kv;
	const char *inf;
	int ret;

	kv = rte_kvargs_parse(args, pcap_valid_args);
	if (kv == NULL) {
		PCAP_LOG(ERR, "bad arguments '%s'\n", args);
		return -EINVAL;
	}
	inf = rte_kvargs_get(kv, "infinite_rx");
	if (inf != NULL && strcmp(inf, "0") != 0 && strcmp(inf, "1") != 0) {
		PCAP_LOG(ERR, "infinite_rx must be 0 or 1\n");
		rte_kvargs_free(kv);
		return -EINVAL;
	}
	p->infinite_rx = inf != NULL && inf[0] == '1';
	ret = rte_kvargs_process(kv, NULL, pcap_arg, p) < 0 ? -EINVAL : 0;
	rte_kvargs_free(kv);
	if (ret == 0 && p->nb_rx == 0) {
		PCAP_LOG(ERR, "needs rx_pcap=, rx_iface= or iface=\n");
		ret = -EINVAL;
	}
	if (ret == 0 && p->nb_tx == 0)
		p->nb_tx = p->nb_rx; /* transmit queues that drop */
	return ret;
}

static void
pcap_port_init(struct rte_eth_dev *dev, struct pcap_port *p)
{
	rte_eth_random_addr(p->mac.addr_bytes);
	p->link.link_speed = RTE_ETH_SPEED_NUM_10G;
	p->link.link_duplex = RTE_ETH_LINK_FULL_DUPLEX;
	p->link.link_autoneg = RTE_ETH_LINK_FIXED;
	dev->data->dev_link = p->link;
	dev->data->mac_addrs = &p->mac;
	dev->dev_ops = &pcap_ops;
	dev->rx_pkt_burst = pcap_rx;
	dev->tx_pkt_burst = pcap_tx;
}

static int
pcap_probe(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev;
	struct pcap_port *tmp;
	unsigned int i;
	int ret;

	/* pcap handles belong to the process that opened them */
	if (rte_eal_process_type() == RTE_PROC_SECONDARY) {
		PCAP_LOG(NOTICE, "%s: net_pcap ports are used by the primary "
			"process only; not attached here\n",
			rte_vdev_device_name(vdev));
		return 0;
	}
	tmp = calloc(1, sizeof(*tmp));
	if (tmp == NULL)
		return -ENOMEM;
	ret = pcap_parse(rte_vdev_device_args(vdev), tmp);
	if (ret == 0) {
		dev = rte_eth_vdev_allocate(vdev, sizeof(*tmp));
		ret = dev == NULL ? -rte_errno : 0;
	}
	if (ret < 0) {
		for (i = 0; i < tmp->nb_rx; i++)
			pcap_queue_close(&tmp->rx[i]);
		for (i = 0; i < tmp->nb_tx; i++)
			pcap_queue_close(&tmp->tx[i]);
		free(tmp);
		return ret;
	}
	memcpy(dev->data->dev_private, tmp, sizeof(*tmp));
	free(tmp);
	pcap_port_init(dev, dev->data->dev_private);
	rte_eth_dev_probing_finish(dev);
	return 0;
}

static int
pcap_remove(struct rte_vdev_device *vdev)
{
	struct rte_eth_dev *dev;

	dev = rte_eth_dev_allocated(rte_vdev_device_name(vdev));
	if (dev == NULL)
		return 0;
	if (dev->data->dev_started)
		rte_eth_dev_stop(dev->data->port_id);
	return rte_eth_dev_close(dev->data->port_id);
}

static struct rte_vdev_driver pcap_driver = {
	.probe = pcap_probe,
	.remove = pcap_remove,
};

RTE_PMD_REGISTER_VDEV(net_pcap, pcap_driver);
RTE_PMD_REGISTER_ALIAS(net_pcap, eth_pcap);
RTE_PMD_REGISTER_PARAM_STRING(net_pcap,
	"rx_pcap=<file> tx_pcap=<file> rx_iface=<if> rx_iface_in=<if> "
	"tx_iface=<if> iface=<if> infinite_rx=<0|1>");
