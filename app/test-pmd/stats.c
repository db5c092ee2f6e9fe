/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Statistics in the layout DPDK's testpmd users read and scripts parse:
 * "NIC statistics for port N" blocks with the throughput since the last
 * show, and at stop the forward statistics per port and accumulated.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_cycles.h>

#include "testpmd.h"

static const char tp_hashes[] =
	"########################";

static void
tp_show_one_port(struct testpmd *tp, uint16_t pid)
{
	struct port_state *ps = &tp->ports[pid];
	struct rte_eth_stats st;
	uint64_t now = rte_get_tsc_cycles(), dt, hz = rte_get_tsc_hz();
	double secs, rx_pps = 0, tx_pps = 0, rx_bps = 0, tx_bps = 0;

	if (rte_eth_stats_get(pid, &st) != 0) {
		printf("  port %u: no statistics\n", pid);
		return;
	}
	dt = ps->show_tsc ? now - ps->show_tsc : 0;
	if (dt != 0) {
		secs = (double)dt / (double)hz;
		rx_pps = (double)(st.ipackets - ps->at_show.ipackets) / secs;
		tx_pps = (double)(st.opackets - ps->at_show.opackets) / secs;
		rx_bps = (double)(st.ibytes - ps->at_show.ibytes) * 8 / secs;
		tx_bps = (double)(st.obytes - ps->at_show.obytes) * 8 / secs;
	}
	ps->at_show = st;
	ps->show_tsc = now;
	printf("\n  %s NIC statistics for port %-2u %s\n", tp_hashes, pid,
		tp_hashes);
	printf("  RX-packets: %-10" PRIu64 " RX-missed: %-10" PRIu64
		" RX-bytes:  %-" PRIu64 "\n", st.ipackets, st.imissed,
		st.ibytes);
	printf("  RX-errors: %" PRIu64 "\n", st.ierrors);
	printf("  RX-nombuf:  %-10" PRIu64 "\n", st.rx_nombuf);
	printf("  TX-packets: %-10" PRIu64 " TX-errors: %-10" PRIu64
		" TX-bytes:  %-" PRIu64 "\n", st.opackets, st.oerrors,
		st.obytes);
	printf("\n  Throughput (since last show)\n");
	printf("  Rx-pps: %12.0f          Rx-bps: %12.0f\n", rx_pps, rx_bps);
	printf("  Tx-pps: %12.0f          Tx-bps: %12.0f\n", tx_pps, tx_bps);
	printf("  %s%s%s%s\n", tp_hashes, tp_hashes, tp_hashes, "####");
}

/* port < 0: every forwarding port */
void
tp_show_port_stats(struct testpmd *tp, int port)
{
	unsigned int i;

	if (port >= 0) {
		if (!rte_eth_dev_is_valid_port((uint16_t)port)) {
			printf("Invalid port %d\n", port);
			return;
		}
		tp_show_one_port(tp, (uint16_t)port);
	} else {
		for (i = 0; i < tp->nb_ports; i++)
			tp_show_one_port(tp, tp->port_ids[i]);
	}
	fflush(stdout);
}

void
tp_clear_port_stats(struct testpmd *tp)
{
	unsigned int i;
	uint16_t pid;

	for (i = 0; i < tp->nb_ports; i++) {
		pid = tp->port_ids[i];
		rte_eth_stats_reset(pid);
		memset(&tp->ports[pid].at_show, 0,
			sizeof(struct rte_eth_stats));
		memset(&tp->ports[pid].at_start, 0,
			sizeof(struct rte_eth_stats));
		tp->ports[pid].show_tsc = 0;
		printf("\n  NIC statistics for port %u cleared\n", pid);
	}
}

struct tp_fwd_totals {
	uint64_t rx, rx_dropped, tx, tx_dropped;
};

static void
tp_fwd_block(const char *title, const char *edge,
		const struct tp_fwd_totals *t)
{
	printf("\n  %s\n", title);
	printf("  RX-packets: %-14" PRIu64 " RX-dropped: %-14" PRIu64
		"RX-total: %" PRIu64 "\n", t->rx, t->rx_dropped,
		t->rx + t->rx_dropped);
	printf("  TX-packets: %-14" PRIu64 " TX-dropped: %-14" PRIu64
		"TX-total: %" PRIu64 "\n", t->tx, t->tx_dropped,
		t->tx + t->tx_dropped);
	printf("  %s\n", edge);
}

static void
tp_port_totals(struct testpmd *tp, uint16_t pid, struct tp_fwd_totals *t)
{
	const struct rte_eth_stats *s0 = &tp->ports[pid].at_start;
	struct rte_eth_stats st;
	unsigned int i;

	memset(t, 0, sizeof(*t));
	if (rte_eth_stats_get(pid, &st) != 0)
		return;
	t->rx = st.ipackets - s0->ipackets;
	t->rx_dropped = (st.imissed - s0->imissed) +
		(st.rx_nombuf - s0->rx_nombuf);
	t->tx = st.opackets - s0->opackets;
	for (i = 0; i < tp->nb_streams; i++)
		if (tp->streams[i].tx_port == pid)
			t->tx_dropped += tp_load(&tp->streams[i].fwd_dropped);
}

static void
tp_show_streams(const struct testpmd *tp)
{
	const struct fwd_stream *fs;
	unsigned int i;

	for (i = 0; i < tp->nb_streams; i++) {
		fs = &tp->streams[i];
		printf("\n  ------- Forward Stats for RX Port=%2u/Queue=%2u -> "
			"TX Port=%2u/Queue=%2u -------\n", fs->rx_port,
			fs->rx_queue, fs->tx_port, fs->tx_queue);
		printf("  RX-packets: %-14" PRIu64 " TX-packets: %-14" PRIu64
			" TX-dropped: %" PRIu64 "\n", fs->rx_packets,
			fs->tx_packets, fs->fwd_dropped);
	}
}

void
tp_show_fwd_stats(struct testpmd *tp)
{
	struct tp_fwd_totals t, all;
	char title[96];
	unsigned int i;

	memset(&all, 0, sizeof(all));
	if (tp->nb_streams > tp->nb_ports)
		tp_show_streams(tp);
	for (i = 0; i < tp->nb_ports; i++) {
		tp_port_totals(tp, tp->port_ids[i], &t);
		snprintf(title, sizeof(title), "---------------------- Forward "
			"statistics for port %-2u ----------------------",
			tp->port_ids[i]);
		tp_fwd_block(title, "-----------------------------------------"
			"-----------------------------------", &t);
		all.rx += t.rx;
		all.rx_dropped += t.rx_dropped;
		all.tx += t.tx;
		all.tx_dropped += t.tx_dropped;
	}
	tp_fwd_block("+++++++++++++++ Accumulated forward statistics for all "
		"ports+++++++++++++++", "++++++++++++++++++++++++++++++++++++"
		"++++++++++++++++++++++++++++++++++++++++", &all);
	fflush(stdout);
}
