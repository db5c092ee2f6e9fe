/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Starting and stopping forwarding. Each forwarding lcore polls its slice
 * of streams until its stop flag is raised; nothing else runs on it, so
 * the loop holds no lock. At stop, the receive queues are drained and the
 * drained frames checked, which closes the books of a loop (net_ring
 * ports): what was sent and not received must be sitting in the rings.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_launch.h>

#include "testpmd.h"

static int
tp_fwd_lcore(void *arg)
{
	struct fwd_lcore *fl = arg;
	struct fwd_stream *first = &fl->tp->streams[fl->first];
	void (*burst)(struct fwd_stream *) = fl->tp->engine->burst;
	unsigned int i, n = fl->count;

	while (__atomic_load_n(&fl->stop, __ATOMIC_RELAXED) == 0)
		for (i = 0; i < n; i++)
			burst(&first[i]);
	return 0;
}

uint64_t
tp_fwd_packets(const struct testpmd *tp)
{
	bool rx = tp->cfg.mode == FWD_MODE_RXONLY;
	uint64_t sum = 0;
	unsigned int i;

	for (i = 0; i < tp->nb_streams; i++)
		sum += rx ? tp_load(&tp->streams[i].rx_packets) :
			tp_load(&tp->streams[i].tx_packets);
	return sum;
}

/* txonly bursts on every stream's tx queue, before the engines run */
static void
tp_tx_first(struct testpmd *tp, unsigned int bursts)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	struct fwd_stream *fs;
	uint16_t n, sent;
	unsigned int i;

	tp->tx_first_sent = 0;
	for (i = 0; i < tp->nb_streams * bursts; i++) {
		fs = &tp->streams[i % tp->nb_streams];
		n = tp_txonly_fill(fs, pkts, tp->cfg.burst);
		sent = n ? rte_eth_tx_burst(fs->tx_port, fs->tx_queue, pkts,
			n) : 0;
		if (sent < n) {
			rte_pktmbuf_free_bulk(&pkts[sent], n - sent);
			tp_add(&fs->fwd_dropped, n - sent);
		}
		tp_add(&fs->tx_packets, sent);
		tp->tx_first_sent += sent;
	}
	printf("tx_first: %" PRIu64 " packets sent before forwarding\n",
		tp->tx_first_sent);
}

int
tp_start(struct testpmd *tp, unsigned int tx_bursts)
{
	unsigned int i;
	uint16_t pid;
	int ret;

	if (tp->forwarding) {
		printf("Packet forwarding already started\n");
		return 0;
	}
	for (i = 0; i < tp->nb_ports; i++) {
		pid = tp->port_ids[i];
		rte_eth_stats_get(pid, &tp->ports[pid].at_start);
	}
	for (i = 0; i < tp->nb_streams; i++) {
		struct fwd_stream *fs = &tp->streams[i];

		fs->rx_packets = fs->tx_packets = fs->fwd_dropped = 0;
	}
	tp->engine = tp_engine_get(tp->cfg.mode);
	tp_show_config_fwd(tp);
	if (tx_bursts != 0)
		tp_tx_first(tp, tx_bursts);
	for (i = 0; i < tp->nb_lcores; i++) {
		tp->lcores[i].stop = 0;
		ret = rte_eal_remote_launch(tp_fwd_lcore, &tp->lcores[i],
			tp->lcores[i].lcore_id);
		if (ret < 0) {
			fprintf(stderr, "testpmd: cannot launch lcore %u\n",
				tp->lcores[i].lcore_id);
			tp->nb_lcores = i;
			tp->forwarding = true;
			tp_stop(tp);
			return ret;
		}
	}
	tp->forwarding = true;
	if (tp->cfg.churn_on)
		return tp_churn_start(tp);
	return 0;
}

struct tp_drain {
	uint64_t pkts, intact, corrupted, other;
	unsigned int sources;        /* queues that never ran dry */
};

static void
tp_drain_queue(struct testpmd *tp, uint16_t pid, uint16_t q,
		struct tp_drain *d)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint64_t limit = tp->pool->size;
	struct tp_drain got;
	uint16_t n, i;
	int r;

	memset(&got, 0, sizeof(got));
	while ((n = rte_eth_rx_burst(pid, q, pkts, TP_MAX_BURST)) != 0) {
		for (i = 0; i < n; i++) {
			r = tp_pkt_check(pkts[i]);
			if (r > 0)
				got.intact++;
			else if (r < 0)
				got.corrupted++;
			else
				got.other++;
		}
		rte_pktmbuf_free_bulk(pkts, n);
		got.pkts += n;
		/* a source (net_null) never runs dry: not in the books */
		if (got.pkts > limit) {
			d->sources++;
			return;
		}
	}
	d->pkts += got.pkts;
	d->intact += got.intact;
	d->corrupted += got.corrupted;
	d->other += got.other;
}

static void
tp_drain(struct testpmd *tp)
{
	struct tp_drain d;
	unsigned int i;
	uint16_t q;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < tp->nb_ports; i++)
		for (q = 0; q < tp->cfg.nb_rxq; q++)
			tp_drain_queue(tp, tp->port_ids[i], q, &d);
	printf("  Drained from rx queues: %" PRIu64 " packets (txonly "
		"payload intact: %" PRIu64 ", corrupted: %" PRIu64
		", other: %" PRIu64 ")", d.pkts, d.intact, d.corrupted,
		d.other);
	if (d.sources != 0)
		printf("; %u queues never ran dry (packet sources)", d.sources);
	printf("\n  Mbufs in use after drain: %u of %u\n",
		rte_mempool_in_use_count(tp->pool), tp->pool->size);
}

void
tp_stop(struct testpmd *tp)
{
	unsigned int i;

	if (!tp->forwarding) {
		printf("Packet forwarding not started\n");
		return;
	}
	/* churn first: its "after" rate needs the lcores still running */
	tp_churn_stop(tp);
	printf("Telling cores to stop...\n");
	for (i = 0; i < tp->nb_lcores; i++)
		__atomic_store_n(&tp->lcores[i].stop, 1, __ATOMIC_RELAXED);
	printf("Waiting for lcores to finish...\n");
	for (i = 0; i < tp->nb_lcores; i++)
		rte_eal_wait_lcore(tp->lcores[i].lcore_id);
	tp->forwarding = false;
	tp_show_fwd_stats(tp);
	tp_drain(tp);
	if (tp->churn != NULL)
		tp_churn_show(tp);
	printf("\nDone.\n");
	fflush(stdout);
}
