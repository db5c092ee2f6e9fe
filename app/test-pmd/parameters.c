/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Application options of dpdk-testpmd (what follows "--" on the command
 * line). Every error names the option and the form it accepts, and the
 * caller exits: a half-understood command line must not forward.
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_string_fns.h>

#include "testpmd.h"

enum {
	OPT_AUTO_START = 256,
	OPT_TX_FIRST,
	OPT_STATS_PERIOD,
	OPT_NB_CORES,
	OPT_RXQ,
	OPT_TXQ,
	OPT_RXD,
	OPT_TXD,
	OPT_BURST,
	OPT_TOTAL_MBUFS,
	OPT_MBUF_SIZE,
	OPT_ETH_PEER,
	OPT_PORTMASK,
	OPT_NB_PORTS,
	OPT_TXPKTS,
	OPT_FWD_MODE,
	OPT_CHURN,
	OPT_CHURN_CHILD,
	OPT_IGNORED,
};

static const struct option tp_long_opts[] = {
	{"interactive", no_argument, NULL, 'i'},
	{"auto-start", no_argument, NULL, OPT_AUTO_START},
	{"tx-first", no_argument, NULL, OPT_TX_FIRST},
	{"stats-period", required_argument, NULL, OPT_STATS_PERIOD},
	{"nb-cores", required_argument, NULL, OPT_NB_CORES},
	{"rxq", required_argument, NULL, OPT_RXQ},
	{"txq", required_argument, NULL, OPT_TXQ},
	{"rxd", required_argument, NULL, OPT_RXD},
	{"txd", required_argument, NULL, OPT_TXD},
	{"burst", required_argument, NULL, OPT_BURST},
	{"total-num-mbufs", required_argument, NULL, OPT_TOTAL_MBUFS},
	{"mbuf-size", required_argument, NULL, OPT_MBUF_SIZE},
	{"eth-peer", required_argument, NULL, OPT_ETH_PEER},
	{"portmask", required_argument, NULL, OPT_PORTMASK},
	{"nb-ports", required_argument, NULL, OPT_NB_PORTS},
	{"txpkts", required_argument, NULL, OPT_TXPKTS},
	{"forward-mode", required_argument, NULL, OPT_FWD_MODE},
	{"hotplug-churn", required_argument, NULL, OPT_CHURN},
	{"churn-child", required_argument, NULL, OPT_CHURN_CHILD},
	/* accepted for scripts written for DPDK's testpmd; nothing to do */
	{"no-lsc-interrupt", no_argument, NULL, OPT_IGNORED},
	{"no-rmv-interrupt", no_argument, NULL, OPT_IGNORED},
	{"disable-rss", no_argument, NULL, OPT_IGNORED},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

void
tp_usage(const char *prog)
{
	printf("Usage: %s [EAL options] -- [testpmd options]\n"
		"  -i, --interactive       run the prompt\n"
		"  -a, --auto-start        start forwarding at once (with -i)\n"
		"  --tx-first              send a burst on every port first\n"
		"  --stats-period=SECONDS  print port statistics periodically\n"
		"  --forward-mode=MODE     %s (default io)\n"
		"  --nb-cores=N            forwarding lcores (default 1)\n"
		"  --nb-ports=N            ports to forward on (default all)\n"
		"  --portmask=0xMASK       ports to forward on\n"
		"  --rxq=N, --txq=N        queues per port (default 1)\n"
		"  --rxd=N, --txd=N        descriptors per queue (default %u)\n"
		"  --burst=N               packets per burst, 1-%u "
		"(default %u)\n"
		"  --total-num-mbufs=N     mbufs in the pool (> 1024)\n"
		"  --mbuf-size=N           mbuf data room (default %u)\n"
		"  --txpkts=LEN[,LEN...]   txonly segment lengths "
		"(default %u)\n"
		"  --eth-peer=PORT,MAC     destination MAC for mac mode\n"
		"  --hotplug-churn=size=SIZE,period=MS[,secondary][,warmup=MS]"
		"[,duration=MS]\n"
		"                          plug and unplug memory while "
		"forwarding\n"
		"  --no-lsc-interrupt      accepted, ignored\n"
		"  -h, --help              this text\n",
		prog, tp_mode_names(), TP_DEF_RXD, TP_MAX_BURST, TP_DEF_BURST,
		RTE_MBUF_DEFAULT_BUF_SIZE, TP_DEF_TXPKT_LEN);
}

void
tp_cfg_defaults(struct testpmd_cfg *cfg)
{
	unsigned int i;

	memset(cfg, 0, sizeof(*cfg));
	cfg->nb_fwd_cores = 1;
	cfg->nb_rxq = cfg->nb_txq = 1;
	cfg->nb_rxd = TP_DEF_RXD;
	cfg->nb_txd = TP_DEF_TXD;
	cfg->burst = TP_DEF_BURST;
	cfg->mbuf_size = RTE_MBUF_DEFAULT_BUF_SIZE;
	cfg->txpkts[0] = TP_DEF_TXPKT_LEN;
	cfg->nb_txsegs = 1;
	cfg->txpkt_len = TP_DEF_TXPKT_LEN;
	cfg->mode = FWD_MODE_IO;
	/* locally administered peers 02:00:00:00:00:<port>, as DPDK does */
	for (i = 0; i < RTE_MAX_ETHPORTS; i++) {
		cfg->peer[i].addr_bytes[0] = 0x02;
		cfg->peer[i].addr_bytes[5] = (uint8_t)i;
	}
}

/* a whole decimal (or 0x hex) number within [min, max] */
static int
tp_parse_uint(const char *opt, const char *val, unsigned long min,
		unsigned long max, unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(val, &end, 0);
	if (val[0] == '\0' || val[0] == '-' || *end != '\0' || errno != 0 ||
			v < min || v > max) {
		fprintf(stderr, "testpmd: invalid value '%s' for --%s: "
			"expected an integer from %lu to %lu, e.g. --%s=%lu\n",
			val, opt, min, max, opt, min);
		return -EINVAL;
	}
	*out = v;
	return 0;
}

static int
tp_parse_u16(const char *opt, const char *val, unsigned long min,
		unsigned long max, uint16_t *out)
{
	unsigned long v;
	int ret = tp_parse_uint(opt, val, min, max, &v);

	if (ret == 0)
		*out = (uint16_t)v;
	return ret;
}

static int
tp_parse_eth_peer(struct testpmd_cfg *cfg, const char *val)
{
	char buf[64];
	char *comma, *end;
	unsigned long port;

	rte_strlcpy(buf, val, sizeof(buf));
	comma = strchr(buf, ',');
	if (comma == NULL)
		goto bad;
	*comma = '\0';
	errno = 0;
	port = strtoul(buf, &end, 10);
	if (buf[0] == '\0' || *end != '\0' || errno != 0 ||
			port >= RTE_MAX_ETHPORTS)
		goto bad;
	if (rte_ether_unformat_addr(comma + 1, &cfg->peer[port]) != 0)
		goto bad;
	return 0;
bad:
	fprintf(stderr, "testpmd: invalid value '%s' for --eth-peer: expected "
		"PORT,XX:XX:XX:XX:XX:XX with PORT below %u, "
		"e.g. --eth-peer=0,02:00:00:00:00:01\n", val, RTE_MAX_ETHPORTS);
	return -EINVAL;
}

static int
tp_parse_txpkts(struct testpmd_cfg *cfg, const char *val)
{
	char buf[256];
	char *tok, *save = NULL;
	unsigned long len, total = 0;
	unsigned int n = 0;

	rte_strlcpy(buf, val, sizeof(buf));
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
			tok = strtok_r(NULL, ",", &save)) {
		if (n == TP_MAX_TXSEGS) {
			fprintf(stderr, "testpmd: --txpkts: at most %u "
				"segments\n", TP_MAX_TXSEGS);
			return -EINVAL;
		}
		if (tp_parse_uint("txpkts", tok, 1, UINT16_MAX, &len) < 0)
			return -EINVAL;
		cfg->txpkts[n++] = (uint16_t)len;
		total += len;
	}
	if (n == 0 || total < TP_PKT_HDR_LEN || total > RTE_ETHER_MAX_LEN) {
		fprintf(stderr, "testpmd: invalid value '%s' for --txpkts: "
			"expected LEN[,LEN...] adding up to %u..%u bytes, "
			"e.g. --txpkts=64\n", val, TP_PKT_HDR_LEN,
			RTE_ETHER_MAX_LEN);
		return -EINVAL;
	}
	cfg->nb_txsegs = n;
	cfg->txpkt_len = (uint32_t)total;
	return 0;
}

static int
tp_parse_mode(struct testpmd_cfg *cfg, const char *val)
{
	const struct fwd_engine *e = tp_engine_find(val);

	if (e == NULL) {
		fprintf(stderr, "testpmd: invalid value '%s' for "
			"--forward-mode: expected one of %s\n", val,
			tp_mode_names());
		return -EINVAL;
	}
	cfg->mode = (enum fwd_mode)(e - tp_engines);
	return 0;
}

/* SIZE as N, NK, NM or NG (binary units) */
static int
tp_parse_size(const char *val, size_t *out)
{
	char *end;
	unsigned long long v;
	unsigned int shift = 0;

	errno = 0;
	v = strtoull(val, &end, 10);
	if (val[0] < '0' || val[0] > '9' || errno != 0)
		return -EINVAL;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	default: break;
	}
	if (*end == 'B' || *end == 'b')
		end++;
	if (*end != '\0' || v == 0 || v > (64ULL << 30) >> shift)
		return -EINVAL;
	*out = (size_t)(v << shift);
	return 0;
}

static int
tp_churn_key(struct churn_params *p, const char *key, const char *val)
{
	unsigned long ms;

	if (strcmp(key, "secondary") == 0 && val == NULL) {
		p->secondary = true;
		return 0;
	}
	if (val == NULL)
		return -EINVAL;
	if (strcmp(key, "size") == 0)
		return tp_parse_size(val, &p->size);
	if (strcmp(key, "period") == 0 || strcmp(key, "warmup") == 0 ||
			strcmp(key, "duration") == 0) {
		if (tp_parse_uint(key, val, 0, 3600 * 1000, &ms) < 0)
			return -EINVAL;
		if (key[0] == 'p')
			p->period_ms = (unsigned int)ms;
		else if (key[0] == 'w')
			p->warmup_ms = (unsigned int)ms;
		else
			p->duration_ms = (unsigned int)ms;
		return 0;
	}
	return -EINVAL;
}

int
tp_parse_churn(struct churn_params *p, const char *arg)
{
	char buf[256];
	char *tok, *save = NULL, *eq;

	memset(p, 0, sizeof(*p));
	p->warmup_ms = 1000;
	if (strlen(arg) >= sizeof(buf))
		goto bad;
	rte_strlcpy(buf, arg, sizeof(buf));
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
			tok = strtok_r(NULL, ",", &save)) {
		eq = strchr(tok, '=');
		if (eq != NULL)
			*eq++ = '\0';
		if (tp_churn_key(p, tok, eq) < 0)
			goto bad;
	}
	if (p->size == 0 || p->period_ms == 0)
		goto bad;
	return 0;
bad:
	fprintf(stderr, "testpmd: invalid value '%s' for --hotplug-churn: "
		"expected size=SIZE,period=MS[,secondary][,warmup=MS]"
		"[,duration=MS] with SIZE like 64M and MS > 0, e.g. "
		"--hotplug-churn=size=64M,period=100\n", arg);
	return -EINVAL;
}

static int
tp_parse_one(struct testpmd_cfg *cfg, int opt, const char *val)
{
	unsigned long v = 0; /* -O3 cannot see every parser sets it */
	const char *name = NULL;
	int ret = 0;

	switch (opt) {
	case 'i': cfg->interactive = true; break;
	case 'a': case OPT_AUTO_START: cfg->auto_start = true; break;
	case OPT_TX_FIRST: cfg->tx_first = true; break;
	case OPT_IGNORED: break;
	case OPT_STATS_PERIOD:
		ret = tp_parse_uint("stats-period", val, 0, 86400, &v);
		cfg->stats_period = (unsigned int)v;
		break;
	case OPT_NB_CORES:
		ret = tp_parse_uint("nb-cores", val, 1, RTE_MAX_LCORE - 1, &v);
		cfg->nb_fwd_cores = (unsigned int)v;
		break;
	case OPT_NB_PORTS:
		ret = tp_parse_uint("nb-ports", val, 1, RTE_MAX_ETHPORTS, &v);
		cfg->nb_ports = (unsigned int)v;
		break;
	case OPT_TOTAL_MBUFS:
		ret = tp_parse_uint("total-num-mbufs", val, 1025,
			16 * 1024 * 1024, &v);
		cfg->total_mbufs = (unsigned int)v;
		break;
	case OPT_PORTMASK:
		ret = tp_parse_uint("portmask", val, 1,
			(1UL << RTE_MAX_ETHPORTS) - 1, &v);
		cfg->portmask = v;
		break;
	case OPT_RXQ: name = "rxq"; ret = tp_parse_u16(name, val, 1,
		RTE_MAX_QUEUES_PER_PORT, &cfg->nb_rxq); break;
	case OPT_TXQ: name = "txq"; ret = tp_parse_u16(name, val, 1,
		RTE_MAX_QUEUES_PER_PORT, &cfg->nb_txq); break;
	case OPT_RXD: ret = tp_parse_u16("rxd", val, 1, 16384, &cfg->nb_rxd);
		break;
	case OPT_TXD: ret = tp_parse_u16("txd", val, 1, 16384, &cfg->nb_txd);
		break;
	case OPT_BURST: ret = tp_parse_u16("burst", val, 1, TP_MAX_BURST,
		&cfg->burst); break;
	case OPT_MBUF_SIZE: ret = tp_parse_u16("mbuf-size", val,
		RTE_PKTMBUF_HEADROOM + RTE_ETHER_MIN_LEN, UINT16_MAX,
		&cfg->mbuf_size); break;
	case OPT_ETH_PEER: ret = tp_parse_eth_peer(cfg, val); break;
	case OPT_TXPKTS: ret = tp_parse_txpkts(cfg, val); break;
	case OPT_FWD_MODE: ret = tp_parse_mode(cfg, val); break;
	case OPT_CHURN:
		ret = tp_parse_churn(&cfg->churn, val);
		cfg->churn_on = ret == 0;
		break;
	case OPT_CHURN_CHILD: cfg->churn_child = val; break;
	default: ret = -EINVAL; break;
	}
	return ret;
}

/* returns 0, 1 when --help was asked, or -EINVAL */
int
tp_parse_args(struct testpmd_cfg *cfg, int argc, char **argv)
{
	int opt, idx;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":iah", tp_long_opts,
			&idx)) != -1) {
		if (opt == 'h')
			return 1;
		if (opt == '?' || opt == ':') {
			const char *bad = argv[optind - 1];

			fprintf(stderr, "testpmd: %s option '%s'; run with -- "
				"--help for the options testpmd accepts\n",
				opt == ':' ? "missing value for" : "unknown",
				bad);
			return -EINVAL;
		}
		if (tp_parse_one(cfg, opt, optarg) < 0)
			return -EINVAL;
	}
	if (optind < argc) {
		fprintf(stderr, "testpmd: unexpected argument '%s'; testpmd "
			"options start with --\n", argv[optind]);
		return -EINVAL;
	}
	if (cfg->churn_on && cfg->churn.secondary && cfg->churn_child) {
		fprintf(stderr, "testpmd: --churn-child is internal\n");
		return -EINVAL;
	}
	return 0;
}
