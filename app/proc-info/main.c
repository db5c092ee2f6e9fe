/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-proc-info: attach to a running primary as a secondary process and
 * show its memory (memseg lists page by page, heaps, memzones, mempools)
 * and the statistics of the ports this process probed.
 *
 *   dpdk-proc-info [EAL options] -- [-m] [--show-memseg] [--show-heap]
 *       [--show-memzone] [--show-mempool[=NAME]] [-p PORTMASK] [--stats]
 *       [--xstats] [--stats-reset] [--xstats-reset] [--show-port]
 *       [--json] [--svg FILE]
 *
 * EAL options come first, as for any DPDK application: the primary's
 * --file-prefix, --huge-dir if it used one, and its memory model
 * (--legacy-mem, --single-file-segments, --no-huge: the EAL refuses a
 * secondary that differs). --proc-type=secondary is added when not given.
 * Ports are per process here: a secondary sees only the ports it probes
 * itself (--vdev), not the primary's.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ethdev.h>

#include "malloc_heap.h"
#include "proc_info.h"

#define PROG "dpdk-proc-info"

static void
usage(FILE *f)
{
	fprintf(f,
		"Usage: " PROG " [EAL options] -- [options]\n"
		"Attach to a running primary (give its --file-prefix, and\n"
		"--huge-dir if it used one) and show its state.\n"
		"  -m                   all memory: memseg lists, heaps,\n"
		"                       memzones and mempools\n"
		"  --show-memseg        memseg lists: pages used,\n"
		"                       preallocated, holes, free runs\n"
		"  --show-heap          heaps: total, free, biggest free\n"
		"                       block, elements\n"
		"  --show-memzone       memzones\n"
		"  --show-mempool[=NAME] mempools (or one)\n"
		"  -p PORTMASK          hexadecimal mask of the ports to show\n"
		"  --stats              port statistics\n"
		"  --xstats             extended port statistics\n"
		"  --stats-reset        reset port statistics first\n"
		"  --xstats-reset       reset extended port statistics first\n"
		"  --show-port          port information\n"
		"  --json               one JSON document instead of text\n"
		"  --svg FILE           draw the memory map into FILE\n"
		"  -h, --help           this text\n"
		"With no option: -m --stats. Ports are those this process\n"
		"probes itself (EAL --vdev), not the primary's.\n");
}

enum {
	OPT_SHOW_MEMSEG = 256,
	OPT_SHOW_HEAP,
	OPT_SHOW_MEMZONE,
	OPT_SHOW_MEMPOOL,
	OPT_STATS,
	OPT_XSTATS,
	OPT_STATS_RESET,
	OPT_XSTATS_RESET,
	OPT_SHOW_PORT,
	OPT_JSON,
	OPT_SVG,
};

static const struct option long_opts[] = {
	{ "show-memseg", no_argument, NULL, OPT_SHOW_MEMSEG },
	{ "show-heap", no_argument, NULL, OPT_SHOW_HEAP },
	{ "show-memzone", no_argument, NULL, OPT_SHOW_MEMZONE },
	{ "show-mempool", optional_argument, NULL, OPT_SHOW_MEMPOOL },
	{ "stats", no_argument, NULL, OPT_STATS },
	{ "xstats", no_argument, NULL, OPT_XSTATS },
	{ "stats-reset", no_argument, NULL, OPT_STATS_RESET },
	{ "xstats-reset", no_argument, NULL, OPT_XSTATS_RESET },
	{ "show-port", no_argument, NULL, OPT_SHOW_PORT },
	{ "json", no_argument, NULL, OPT_JSON },
	{ "svg", required_argument, NULL, OPT_SVG },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 },
};

static int
parse_portmask(const char *arg, uint64_t *mask)
{
	char *end;

	errno = 0;
	*mask = strtoull(arg, &end, 16);
	if (errno != 0 || end == arg || *end != '\0' || *mask == 0) {
		fprintf(stderr, PROG ": -p %s: expected a non-zero hexadecimal "
			"port mask, e.g. -p 0x3 for ports 0 and 1\n", arg);
		return -EINVAL;
	}
	return 0;
}

/* one option; 1 when it selects something to show, 0, or -EINVAL */
static int
parse_one(int c, struct pi_options *o)
{
	switch (c) {
	case 'm':
		o->memsegs = o->heaps = o->memzones = o->mempools = true;
		return 1;
	case 'p':
		return parse_portmask(optarg, &o->portmask);
	case OPT_SHOW_MEMSEG:
		return o->memsegs = true;
	case OPT_SHOW_HEAP:
		return o->heaps = true;
	case OPT_SHOW_MEMZONE:
		return o->memzones = true;
	case OPT_SHOW_MEMPOOL:
		o->mempool_name = optarg;
		return o->mempools = true;
	case OPT_STATS:
		return o->stats = true;
	case OPT_XSTATS:
		return o->xstats = true;
	case OPT_STATS_RESET:
		return o->stats_reset = true;
	case OPT_XSTATS_RESET:
		return o->xstats_reset = true;
	case OPT_SHOW_PORT:
		return o->show_port = true;
	case OPT_JSON:
		o->json = true;
		return 0;
	case OPT_SVG:
		o->svg_path = optarg;
		return 1;
	default:
		return -EINVAL;
	}
}

/* the options after "--"; 0, 1 for --help, or -EINVAL */
static int
parse_app_args(int argc, char **argv, struct pi_options *o)
{
	int c, ret, selected = 0;

	memset(o, 0, sizeof(*o));
	optind = 1;
	opterr = 1;
	while ((c = getopt_long(argc, argv, "mp:h", long_opts, NULL)) != -1) {
		if (c == 'h') {
			usage(stdout);
			return 1;
		}
		if (c == '?') {
			fprintf(stderr, PROG ": see " PROG " -- --help\n");
			return -EINVAL;
		}
		ret = parse_one(c, o);
		if (ret < 0)
			return ret;
		selected += ret;
	}
	if (optind < argc) {
		fprintf(stderr, PROG ": unexpected argument '%s'; EAL options "
			"go before '--', " PROG " options after it\n",
			argv[optind]);
		return -EINVAL;
	}
	if (!selected)
		o->memsegs = o->heaps = o->memzones = o->mempools =
			o->stats = true;
	if (o->svg_path != NULL && strcmp(o->svg_path, "-") == 0 &&
			(o->json || selected > 1)) {
		fprintf(stderr, PROG ": --svg - draws on stdout, where the "
			"other output goes too; give --svg a file name\n");
		return -EINVAL;
	}
	return 0;
}

/* EAL argv with --proc-type=secondary added unless the user gave one */
static char **
eal_argv(int argc, char **argv, int *out_argc)
{
	char **v = calloc(argc + 2, sizeof(*v));
	bool has_type = false;
	int i;

	if (v == NULL)
		return NULL;
	for (i = 0; i < argc; i++) {
		v[i] = argv[i];
		if (strncmp(argv[i], "--proc-type", 11) == 0)
			has_type = true;
	}
	if (!has_type)
		v[i++] = (char *)(uintptr_t)"--proc-type=secondary";
	v[i] = NULL;
	*out_argc = i;
	return v;
}

static int
write_svg(const char *path, const struct pi_snapshot *snap)
{
	FILE *f = strcmp(path, "-") == 0 ? stdout : fopen(path, "w");
	int ret;

	if (f == NULL) {
		fprintf(stderr, PROG ": --svg %s: cannot create it: %s\n", path,
			strerror(errno));
		return -errno;
	}
	ret = pi_print_svg(f, snap);
	if (f != stdout && fclose(f) != 0 && ret == 0)
		ret = -errno;
	if (ret < 0)
		fprintf(stderr, PROG ": --svg %s: writing failed: %s\n", path,
			strerror(-ret));
	return ret;
}

/*
 * Ports are this process's own (per-process ports): close them so that
 * their memory goes back to the primary's heap rather than leaking there.
 */
static void
close_ports(void)
{
	uint16_t pid;

	RTE_ETH_FOREACH_DEV(pid)
		rte_eth_dev_close(pid);
	/* small blocks freed by this thread wait in its lcore cache, where
	 * the shared heap counts them as busy; give them back before leaving
	 * (rte_eal_cleanup() does not) */
	malloc_heap_cache_flush();
}

static int
show(const struct pi_options *opt)
{
	struct pi_snapshot snap;
	bool text;
	int ret;

	ret = pi_collect(opt, &snap);
	if (ret < 0)
		goto out;
	/* --svg alone draws and prints nothing else */
	text = opt->memsegs || opt->heaps || opt->memzones || opt->mempools ||
		opt->stats || opt->xstats || opt->show_port;
	if (opt->json)
		ret = pi_print_json(stdout, opt, &snap);
	else if (text)
		ret = pi_print_text(stdout, opt, &snap);
	if (ret == 0 && opt->svg_path != NULL)
		ret = write_svg(opt->svg_path, &snap);
	if (fflush(stdout) != 0 && ret == 0)
		ret = -errno;
out:
	pi_snapshot_free(&snap);
	return ret;
}

int
main(int argc, char **argv)
{
	struct pi_options opt;
	char *no_args[] = { argv[0], NULL };
	char **eargv, **app_argv;
	int eargc, app_argc, i, ret;

	/* ours after "--", the EAL's before it */
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		;
	if (i < argc) {
		app_argc = argc - i;
		app_argv = argv + i;
		app_argv[0] = argv[0]; /* replaces "--" for getopt */
	} else {
		app_argc = 1;
		app_argv = no_args;
	}
	ret = parse_app_args(app_argc, app_argv, &opt);
	if (ret != 0)
		return ret == 1 ? EXIT_SUCCESS : 2;

	eargv = eal_argv(i, argv, &eargc);
	if (eargv == NULL)
		return EXIT_FAILURE;
	if (rte_eal_init(eargc, eargv) < 0) {
		fprintf(stderr, PROG ": cannot attach to a primary "
			"process: %s.\nStart the primary first and give "
			PROG " the same --file-prefix, --huge-dir and memory "
			"options\n"
			"(--legacy-mem, --single-file-segments, --no-huge) "
			"before '--'.\n",
			rte_strerror(rte_errno));
		free(eargv);
		return EXIT_FAILURE;
	}
	ret = show(&opt);
	close_ports();
	rte_eal_cleanup();
	free(eargv);
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
