/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-testpmd entry point: EAL, options, ports, then the prompt (-i) or
 * forwarding until enter, EOF or a signal; always a clean exit through
 * rte_eal_cleanup(). Run as "--churn-child" it is the secondary process
 * of --hotplug-churn=...,secondary instead (churn.c).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>

#include "testpmd.h"

uint32_t tp_quit_signal;

static void
tp_signal(int sig)
{
	__atomic_store_n(&tp_quit_signal, (uint32_t)sig, __ATOMIC_RELAXED);
}

static void
tp_signals_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = tp_signal;
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a blocked read or poll returns at once */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

/* the EAL part of the command line, kept for the churn secondary */
static int
tp_save_eal_args(struct testpmd *tp, int argc, char **argv)
{
	int i, n = 0;

	while (n < argc && strcmp(argv[n], "--") != 0)
		n++;
	tp->eal_argv = calloc((size_t)n + 1, sizeof(char *));
	if (tp->eal_argv == NULL)
		return -ENOMEM;
	for (i = 0; i < n; i++) {
		tp->eal_argv[i] = strdup(argv[i]);
		if (tp->eal_argv[i] == NULL)
			return -ENOMEM;
	}
	tp->eal_argc = n;
	return 0;
}

static bool
tp_has_eal_arg(const struct testpmd *tp, const char *opt)
{
	int i;

	for (i = 1; i < tp->eal_argc; i++)
		if (strcmp(tp->eal_argv[i], opt) == 0)
			return true;
	return false;
}

/* what only makes sense once the EAL is up */
static int
tp_check_cfg(struct testpmd *tp)
{
	const struct churn_params *p = &tp->cfg.churn;

	if (!tp->cfg.churn_on || !p->secondary)
		return 0;
	/* secondaries map the primary's page files: there must be some */
	if (tp_has_eal_arg(tp, "--in-memory") ||
			tp_has_eal_arg(tp, "--no-shconf") ||
			tp_has_eal_arg(tp, "--no-huge")) {
		fprintf(stderr, "testpmd: --hotplug-churn=...,secondary needs "
			"memory shared between processes through hugepage "
			"files: drop --in-memory, --no-shconf and --no-huge, "
			"or drop ',secondary'\n");
		return -EINVAL;
	}
	if (rte_eal_process_type() != RTE_PROC_PRIMARY) {
		fprintf(stderr, "testpmd: --hotplug-churn=...,secondary must "
			"run in the primary process\n");
		return -EINVAL;
	}
	return 0;
}

static int
tp_run(struct testpmd *tp)
{
	int ret;

	ret = tp_ports_init(tp);
	if (ret == 0)
		ret = tp_streams_setup(tp);
	if (ret < 0)
		return ret;
	if (tp->cfg.interactive) {
		if (tp->cfg.auto_start)
			tp_start(tp, tp->cfg.tx_first ? 1 : 0);
		tp_prompt(tp);
	} else {
		ret = tp_start(tp, tp->cfg.tx_first ? 1 : 0);
		if (ret == 0)
			tp_wait_noninteractive(tp);
	}
	if (tp_quitting())
		printf("\nSignal %u received, preparing to exit...\n",
			__atomic_load_n(&tp_quit_signal, __ATOMIC_RELAXED));
	if (tp->forwarding)
		tp_stop(tp);
	return ret;
}

static void
tp_release(struct testpmd *tp)
{
	int i;

	tp_churn_free(tp);
	tp_ports_close(tp);
	free(tp->streams);
	for (i = 0; i < tp->eal_argc; i++)
		free(tp->eal_argv[i]);
	free(tp->eal_argv);
	free(tp);
}

int
main(int argc, char **argv)
{
	struct testpmd *tp = calloc(1, sizeof(*tp));
	bool child;
	int ret;

	if (tp == NULL || tp_save_eal_args(tp, argc, argv) < 0) {
		fprintf(stderr, "testpmd: out of memory\n");
		return EXIT_FAILURE;
	}
	tp_cfg_defaults(&tp->cfg);
	tp_signals_install();
	ret = rte_eal_init(argc, argv);
	if (ret < 0) {
		fprintf(stderr, "testpmd: cannot init EAL: %s\n",
			rte_strerror(rte_errno));
		tp_release(tp);
		return EXIT_FAILURE;
	}
	ret = tp_parse_args(&tp->cfg, argc - ret, argv + ret);
	if (ret == 1)
		tp_usage(argv[0]);
	else if (ret == 0)
		ret = tp_check_cfg(tp);
	if (ret == 0 && tp->cfg.churn_child != NULL)
		ret = tp_churn_child_main(tp);
	else if (ret == 0)
		ret = tp_run(tp);
	child = tp->cfg.churn_child != NULL;
	tp_release(tp);
	if (rte_eal_cleanup() < 0)
		fprintf(stderr, "testpmd: rte_eal_cleanup: %s\n",
			rte_strerror(rte_errno));
	if (!child && (tp_quitting() || ret >= 0))
		printf("\nBye...\n");
	return ret < 0 ? EXIT_FAILURE : EXIT_SUCCESS;
}
