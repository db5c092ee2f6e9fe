/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ports, the mbuf pool, streams and their lcores. Ports are paired in the
 * order they were found (0<->1, 2<->3; an odd last port answers itself);
 * every rx queue of a port makes one stream towards its peer, and streams
 * are cut into contiguous slices, one per forwarding lcore.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_malloc.h>

#include "testpmd.h"

const struct fwd_engine *
tp_engine_find(const char *name)
{
	unsigned int i;

	for (i = 0; i < FWD_MODE_COUNT; i++)
		if (strcmp(tp_engines[i].name, name) == 0)
			return &tp_engines[i];
	return NULL;
}

const struct fwd_engine *
tp_engine_get(enum fwd_mode mode)
{
	return &tp_engines[mode];
}

const char *
tp_mode_names(void)
{
	return "io|mac|macswap|txonly|rxonly";
}

/* the ports asked for by --portmask and --nb-ports, in probe order */
static int
tp_ports_pick(struct testpmd *tp)
{
	const struct testpmd_cfg *cfg = &tp->cfg;
	uint16_t pid;

	tp->nb_ports = 0;
	RTE_ETH_FOREACH_DEV(pid) {
		if (cfg->portmask != 0 && (cfg->portmask & (1ULL << pid)) == 0)
			continue;
		if (cfg->nb_ports != 0 && tp->nb_ports == cfg->nb_ports)
			break;
		tp->ports[pid].port_id = pid;
		tp->port_ids[tp->nb_ports++] = pid;
	}
	if (tp->nb_ports == 0) {
		fprintf(stderr, "testpmd: no port to forward on: add a device "
			"with an EAL option such as --vdev=net_null0 (and "
			"check --portmask)\n");
		return -ENODEV;
	}
	if (cfg->nb_ports != 0 && tp->nb_ports < cfg->nb_ports)
		printf("Warning: --nb-ports=%u but only %u ports found\n",
			cfg->nb_ports, tp->nb_ports);
	return 0;
}

static int
tp_pool_create(struct testpmd *tp)
{
	const struct testpmd_cfg *cfg = &tp->cfg;
	unsigned int n = cfg->total_mbufs;

	if (n == 0) {
		n = tp->nb_ports * (cfg->nb_rxq * cfg->nb_rxd +
			cfg->nb_txq * cfg->nb_txd + 2 * cfg->burst) +
			rte_lcore_count() * (TP_DEF_MBUF_CACHE + cfg->burst);
		n = RTE_MAX(n, 8192u);
	}
	printf("testpmd: create a new mbuf pool <mb_pool_0>: n=%u, size=%u, "
		"socket=%d\n", n, cfg->mbuf_size, rte_socket_id());
	tp->pool = rte_pktmbuf_pool_create("mb_pool_0", n, TP_DEF_MBUF_CACHE,
		0, cfg->mbuf_size, (int)rte_socket_id());
	if (tp->pool == NULL) {
		fprintf(stderr, "testpmd: cannot create the mbuf pool of %u "
			"mbufs: %s (lower --total-num-mbufs or --mbuf-size, or "
			"give the EAL more memory)\n", n,
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	return 0;
}

static int
tp_port_queues(struct testpmd *tp, uint16_t pid)
{
	const struct testpmd_cfg *cfg = &tp->cfg;
	uint16_t rxd = cfg->nb_rxd, txd = cfg->nb_txd, q;
	int socket = rte_eth_dev_socket_id(pid);
	int ret;

	if (socket < 0)
		socket = SOCKET_ID_ANY;
	ret = rte_eth_dev_adjust_nb_rx_tx_desc(pid, &rxd, &txd);
	if (ret < 0)
		return ret;
	for (q = 0; q < cfg->nb_rxq; q++) {
		ret = rte_eth_rx_queue_setup(pid, q, rxd, socket, NULL,
			tp->pool);
		if (ret < 0)
			return ret;
	}
	for (q = 0; q < cfg->nb_txq; q++) {
		ret = rte_eth_tx_queue_setup(pid, q, txd, socket, NULL);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int
tp_port_init(struct testpmd *tp, struct port_state *ps)
{
	const struct testpmd_cfg *cfg = &tp->cfg;
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf;
	uint16_t pid = ps->port_id;
	int ret;

	ret = rte_eth_dev_info_get(pid, &info);
	if (ret < 0)
		return ret;
	if (cfg->nb_rxq > info.max_rx_queues ||
			cfg->nb_txq > info.max_tx_queues) {
		fprintf(stderr, "testpmd: port %u has at most %u rx and %u tx "
			"queues; lower --rxq/--txq\n", pid, info.max_rx_queues,
			info.max_tx_queues);
		return -EINVAL;
	}
	memset(&conf, 0, sizeof(conf));
	ret = rte_eth_dev_configure(pid, cfg->nb_rxq, cfg->nb_txq, &conf);
	if (ret == 0)
		ret = tp_port_queues(tp, pid);
	if (ret == 0)
		ret = rte_eth_dev_start(pid);
	if (ret < 0) {
		fprintf(stderr, "testpmd: port %u: cannot configure and start "
			"(%s)\n", pid, strerror(-ret));
		return ret;
	}
	/* not every driver filters addresses: no promiscuous mode is fine */
	(void)rte_eth_promiscuous_enable(pid);
	rte_eth_macaddr_get(pid, &ps->mac);
	printf("Port %u: " RTE_ETHER_ADDR_PRT_FMT "\n", pid,
		RTE_ETHER_ADDR_BYTES(&ps->mac));
	return 0;
}

int
tp_ports_init(struct testpmd *tp)
{
	unsigned int i;
	int ret;

	ret = tp_ports_pick(tp);
	if (ret == 0)
		ret = tp_pool_create(tp);
	for (i = 0; ret == 0 && i < tp->nb_ports; i++) {
		printf("Configuring Port %u (socket %d)\n", tp->port_ids[i],
			rte_eth_dev_socket_id(tp->port_ids[i]));
		ret = tp_port_init(tp, &tp->ports[tp->port_ids[i]]);
	}
	if (ret < 0)
		return ret;
	printf("Checking link statuses...\nDone\n");
	return 0;
}

void
tp_ports_close(struct testpmd *tp)
{
	unsigned int i;
	uint16_t pid;

	for (i = 0; i < tp->nb_ports; i++) {
		pid = tp->port_ids[i];
		printf("Stopping port %u...\n", pid);
		(void)rte_eth_dev_stop(pid);
		printf("Closing port %u...\n", pid);
		(void)rte_eth_dev_close(pid);
	}
	tp->nb_ports = 0;
	rte_mempool_free(tp->pool);
	tp->pool = NULL;
}

/* a slice of the streams for each of the first --nb-cores workers */
static int
tp_lcores_setup(struct testpmd *tp)
{
	unsigned int want = tp->cfg.nb_fwd_cores, workers = 0, lc, i;
	unsigned int first = 0, per, extra;

	RTE_LCORE_FOREACH_WORKER(lc)
		workers++;
	if (workers == 0) {
		fprintf(stderr, "testpmd: no forwarding lcore: the main lcore "
			"runs the prompt, so give the EAL two lcores or more "
			"(e.g. -l 0-1)\n");
		return -EINVAL;
	}
	if (want > workers) {
		fprintf(stderr, "testpmd: --nb-cores=%u but only %u worker "
			"lcores; lower --nb-cores or add lcores with -l\n",
			want, workers);
		return -EINVAL;
	}
	want = RTE_MIN(want, tp->nb_streams);
	per = tp->nb_streams / want;
	extra = tp->nb_streams % want;
	i = 0;
	RTE_LCORE_FOREACH_WORKER(lc) {
		if (i == want)
			break;
		tp->lcores[i].lcore_id = lc;
		tp->lcores[i].first = first;
		tp->lcores[i].count = per + (i < extra);
		tp->lcores[i].tp = tp;
		first += tp->lcores[i].count;
		i++;
	}
	tp->nb_lcores = want;
	return 0;
}

int
tp_streams_setup(struct testpmd *tp)
{
	const struct testpmd_cfg *cfg = &tp->cfg;
	unsigned int i, q, n = 0, peer;
	struct fwd_stream *fs;

	free(tp->streams);
	tp->nb_streams = tp->nb_ports * cfg->nb_rxq;
	tp->streams = aligned_alloc(RTE_CACHE_LINE_SIZE,
		tp->nb_streams * sizeof(*fs));
	if (tp->streams == NULL)
		return -ENOMEM;
	memset(tp->streams, 0, tp->nb_streams * sizeof(*fs));
	for (i = 0; i < tp->nb_ports; i++) {
		peer = (i ^ 1) < tp->nb_ports ? (i ^ 1) : i;
		for (q = 0; q < cfg->nb_rxq; q++) {
			fs = &tp->streams[n++];
			fs->rx_port = tp->port_ids[i];
			fs->rx_queue = (uint16_t)q;
			fs->tx_port = tp->port_ids[peer];
			fs->tx_queue = (uint16_t)(q % cfg->nb_txq);
			fs->tp = tp;
		}
	}
	tp->engine = tp_engine_get(cfg->mode);
	return tp_lcores_setup(tp);
}

void
tp_show_config_fwd(const struct testpmd *tp)
{
	const struct fwd_lcore *fl;
	const struct fwd_stream *fs;
	unsigned int i, s;

	printf("%s packet forwarding - ports=%u - cores=%u - streams=%u - "
		"NUMA support enabled, MP allocation mode: native\n",
		tp->engine->name, tp->nb_ports, tp->nb_lcores, tp->nb_streams);
	for (i = 0; i < tp->nb_lcores; i++) {
		fl = &tp->lcores[i];
		printf("Logical Core %u (socket %u) forwards packets on %u "
			"streams:\n", fl->lcore_id,
			rte_lcore_to_socket_id(fl->lcore_id), fl->count);
		for (s = fl->first; s < fl->first + fl->count; s++) {
			fs = &tp->streams[s];
			printf("  RX P=%u/Q=%u (socket %d) -> TX P=%u/Q=%u "
				"(socket %d) peer=" RTE_ETHER_ADDR_PRT_FMT "\n",
				fs->rx_port, fs->rx_queue,
				rte_eth_dev_socket_id(fs->rx_port),
				fs->tx_port, fs->tx_queue,
				rte_eth_dev_socket_id(fs->tx_port),
				RTE_ETHER_ADDR_BYTES(
					&tp->cfg.peer[fs->tx_port]));
		}
	}
	printf("\n  %s packet forwarding packets/burst=%u\n",
		tp->engine->name, tp->cfg.burst);
	printf("  nb forwarding cores=%u - nb forwarding ports=%u\n",
		tp->nb_lcores, tp->nb_ports);
	printf("  txpkts length=%u in %u segment(s)\n", tp->cfg.txpkt_len,
		tp->cfg.nb_txsegs);
}
