/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-testpmd: forwards packets between ethdev ports with one of five
 * engines while, on request, memory is hot-plugged under it.
 *
 * How the pieces relate:
 *   struct testpmd         the whole application state, passed everywhere
 *   struct testpmd_cfg     what the command line asked for (parameters.c)
 *   struct fwd_stream      one rx queue -> one tx queue path, polled by
 *                          exactly one forwarding lcore (config.c)
 *   struct fwd_lcore       the streams one lcore polls (forward.c)
 *   struct fwd_engine      per-burst work of a forwarding mode (engines.c)
 *   struct churn           the --hotplug-churn controller (churn.c)
 * Statistics output follows the layout DPDK users know (stats.c); the
 * prompt reads stdin line by line (cmdline.c).
 */
#ifndef TESTPMD_H
#define TESTPMD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_lcore.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#define TP_MAX_BURST 512
#define TP_DEF_BURST 32
#define TP_DEF_RXD 1024
#define TP_DEF_TXD 1024
#define TP_MAX_TXSEGS 8
#define TP_DEF_TXPKT_LEN 64
#define TP_DEF_MBUF_CACHE 250

/* udp frames txonly builds: eth + ipv4 + udp, then a marker and a seq */
#define TP_PKT_HDR_LEN (14 + 20 + 8)
#define TP_PKT_MARK_LEN 8
#define TP_PKT_MAGIC 0x48505444u /* "HPTD" */

enum fwd_mode {
	FWD_MODE_IO,
	FWD_MODE_MAC,
	FWD_MODE_MACSWAP,
	FWD_MODE_TXONLY,
	FWD_MODE_RXONLY,
	FWD_MODE_COUNT,
};

/* --hotplug-churn=size=SIZE,period=MS[,secondary][,warmup=MS][,...] */
struct churn_params {
	size_t size;           /* bytes reserved and freed each cycle */
	unsigned int period_ms;
	unsigned int warmup_ms;   /* forwarding measured before churn */
	unsigned int duration_ms; /* churn time; 0 = until stop */
	bool secondary;        /* churn from a forked secondary process */
};

struct testpmd_cfg {
	bool interactive;
	bool auto_start;
	bool tx_first;
	unsigned int stats_period;   /* seconds; 0 = none */
	unsigned int nb_fwd_cores;
	uint16_t nb_rxq, nb_txq;
	uint16_t nb_rxd, nb_txd;
	uint16_t burst;
	unsigned int total_mbufs;    /* 0 = computed */
	uint16_t mbuf_size;          /* data room */
	uint64_t portmask;           /* 0 = every port */
	unsigned int nb_ports;       /* 0 = every port */
	uint16_t txpkts[TP_MAX_TXSEGS];
	unsigned int nb_txsegs;
	uint32_t txpkt_len;          /* sum of txpkts */
	enum fwd_mode mode;
	struct rte_ether_addr peer[RTE_MAX_ETHPORTS];
	bool churn_on;
	struct churn_params churn;
	const char *churn_child;     /* internal: run as the churn secondary */
};

/* one rx queue -> tx queue path; counters written by its lcore only */
struct fwd_stream {
	uint16_t rx_port, rx_queue;
	uint16_t tx_port, tx_queue;
	uint32_t seq;                /* txonly sequence */
	uint64_t rx_packets;
	uint64_t tx_packets;
	uint64_t fwd_dropped;
	struct testpmd *tp;
} __rte_cache_aligned;

struct fwd_lcore {
	unsigned int lcore_id;
	unsigned int first, count;   /* slice of tp->streams */
	uint32_t stop;
	struct testpmd *tp;
} __rte_cache_aligned;

struct fwd_engine {
	const char *name;
	void (*burst)(struct fwd_stream *fs);
};

struct port_state {
	uint16_t port_id;
	struct rte_ether_addr mac;
	struct rte_eth_stats at_start;   /* snapshot at "start" */
	struct rte_eth_stats at_show;    /* snapshot at last "show" */
	uint64_t show_tsc;
};

struct churn;

struct testpmd {
	struct testpmd_cfg cfg;
	struct port_state ports[RTE_MAX_ETHPORTS]; /* by port id */
	uint16_t port_ids[RTE_MAX_ETHPORTS];       /* forwarding ports */
	unsigned int nb_ports;
	struct fwd_stream *streams;
	unsigned int nb_streams;
	struct fwd_lcore lcores[RTE_MAX_LCORE];
	unsigned int nb_lcores;
	struct rte_mempool *pool;
	const struct fwd_engine *engine;
	bool forwarding;
	uint64_t tx_first_sent;
	struct churn *churn;
	/* EAL arguments as given, for the churn secondary */
	int eal_argc;
	char **eal_argv;
	bool static_mem;             /* --legacy-mem: nothing is plugged */
};

/* the signal that asks to quit (0: none); loaded with __atomic_load_n */
extern uint32_t tp_quit_signal;

static inline bool
tp_quitting(void)
{
	return __atomic_load_n(&tp_quit_signal, __ATOMIC_RELAXED) != 0;
}

/* parameters.c */
void tp_cfg_defaults(struct testpmd_cfg *cfg);
int tp_parse_args(struct testpmd_cfg *cfg, int argc, char **argv);
int tp_parse_churn(struct churn_params *p, const char *arg);
void tp_usage(const char *prog);

/* config.c */
int tp_ports_init(struct testpmd *tp);
void tp_ports_close(struct testpmd *tp);
int tp_streams_setup(struct testpmd *tp);
void tp_show_config_fwd(const struct testpmd *tp);
const struct fwd_engine *tp_engine_find(const char *name);
const struct fwd_engine *tp_engine_get(enum fwd_mode mode);
const char *tp_mode_names(void);

/* engines.c */
extern const struct fwd_engine tp_engines[FWD_MODE_COUNT];
uint16_t tp_txonly_fill(struct fwd_stream *fs, struct rte_mbuf **pkts,
		uint16_t n);
int tp_pkt_check(const struct rte_mbuf *m);

/* forward.c */
int tp_start(struct testpmd *tp, unsigned int tx_bursts);
void tp_stop(struct testpmd *tp);
uint64_t tp_fwd_packets(const struct testpmd *tp);

/* stats.c */
void tp_show_port_stats(struct testpmd *tp, int port);
void tp_clear_port_stats(struct testpmd *tp);
void tp_show_fwd_stats(struct testpmd *tp);

/* cmdline.c */
int tp_prompt(struct testpmd *tp);
int tp_wait_noninteractive(struct testpmd *tp);

/* churn.c */
int tp_churn_start(struct testpmd *tp);
void tp_churn_stop(struct testpmd *tp);
void tp_churn_free(struct testpmd *tp);
int tp_churn_child_main(struct testpmd *tp);
void tp_churn_show(struct testpmd *tp);

static inline uint64_t
tp_load(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

/* single writer: a relaxed load-add-store is a plain add, not a lock */
static inline void
tp_add(uint64_t *p, uint64_t v)
{
	__atomic_store_n(p, *p + v, __ATOMIC_RELAXED);
}

#endif /* TESTPMD_H */
