/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memseg_walk: watch memory being hot-plugged. Counts the pages the process
 * has mapped (rte_memseg_walk) before an allocation, while it is held and
 * after it is freed. With dynamic memory (the default) pages appear for the
 * allocation and go away again with it; with --legacy-mem everything was
 * mapped at init and nothing changes (say "static" after the size then).
 *
 *   memseg_walk [EAL options] [-- [MiB] [dynamic|static]]   (8, dynamic)
 *
 * Exits 0 when what it saw matches the memory model, 1 otherwise.
 */

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>

struct walk_count {
	unsigned int pages;
	uint64_t bytes;
};

static int
count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	struct walk_count *wc = arg;

	(void)msl;
	wc->pages++;
	wc->bytes += ms->len;
	return 0;
}

static struct walk_count
count_pages(const char *when)
{
	struct walk_count wc = { 0, 0 };

	if (rte_memseg_walk(count_seg, &wc) < 0)
		rte_exit(EXIT_FAILURE, "rte_memseg_walk failed\n");
	printf("%-14s %5u pages, %8.1f MiB mapped\n", when, wc.pages,
		wc.bytes / 1048576.0);
	return wc;
}

/*
 * dynamic memory: an allocation of mib MiB brings pages in and its free
 * takes them out; static memory: the page count never moves
 */
static int
watch_alloc(size_t mib, int dynamic)
{
	struct walk_count before, during, after;
	size_t size = mib << 20;
	char *p;

	before = count_pages("before malloc");
	p = rte_malloc("memseg_walk", size, 0);
	if (p == NULL) {
		printf("rte_malloc(%zu MiB) failed: %s\n", mib,
			rte_strerror(rte_errno));
		return 1;
	}
	memset(p, 0xa5, size);
	during = count_pages("after malloc");
	rte_free(p);
	after = count_pages("after free");

	if (!dynamic) {
		if (before.pages != during.pages ||
				during.pages != after.pages) {
			printf("FAIL: static memory changed: %u, %u, %u "
				"pages\n", before.pages, during.pages,
				after.pages);
			return 1;
		}
		printf("OK: static memory, no page plugged or unplugged\n");
		return 0;
	}
	if (during.bytes < before.bytes + size) {
		printf("FAIL: %zu MiB allocated but only %.1f MiB more "
			"mapped\n", mib,
			(during.bytes - before.bytes) / 1048576.0);
		return 1;
	}
	if (after.pages != before.pages) {
		printf("FAIL: %u pages before malloc, %u after free\n",
			before.pages, after.pages);
		return 1;
	}
	printf("OK: pages plugged for the allocation and unplugged after\n");
	return 0;
}

int
main(int argc, char **argv)
{
	size_t mib = 8;
	int dynamic = 1;
	int ret;

	ret = rte_eal_init(argc, argv);
	if (ret < 0)
		rte_exit(EXIT_FAILURE, "cannot init EAL: %s\n",
			rte_strerror(rte_errno));
	argc -= ret;
	argv += ret;
	if (argc > 1)
		mib = strtoul(argv[1], NULL, 0);
	if (argc > 2)
		dynamic = strcmp(argv[2], "static") != 0;
	if (mib == 0 || mib > 4096)
		rte_exit(EXIT_FAILURE, "size must be 1..4096 MiB\n");

	ret = watch_alloc(mib, dynamic);
	rte_eal_cleanup();
	return ret;
}
