/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * helloworld: the smallest EAL application. Every worker lcore and then the
 * main lcore print one line; built in-tree and, by the pkg-config consumer
 * test, out of tree with `pkg-config --cflags --libs libdpdk`.
 */

#include <stdio.h>
#include <stdlib.h>

#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_launch.h>
#include <rte_lcore.h>

static int
lcore_hello(void *arg)
{
	(void)arg;
	printf("hello from core %u\n", rte_lcore_id());
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned int lcore_id;
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_panic("Cannot init EAL\n");

	RTE_LCORE_FOREACH_WORKER(lcore_id) {
		if (rte_eal_remote_launch(lcore_hello, NULL, lcore_id) != 0)
			rte_exit(EXIT_FAILURE, "cannot launch on lcore %u\n",
				lcore_id);
	}
	/* the main lcore has its say too, after launching the others */
	lcore_hello(NULL);
	rte_eal_mp_wait_lcore();

	rte_eal_cleanup();
	return 0;
}
