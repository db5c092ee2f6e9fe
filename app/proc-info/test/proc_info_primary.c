/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The primary that test_proc_info.py points dpdk-proc-info at.
 *
 *   proc_info_primary [EAL options] -- STATEFILE [small|churn]
 *
 * "small" keeps every block within one 2 MiB page, for --legacy-mem where
 * VA-contiguous runs follow the physical layout and may be one page long.
 * "churn" keeps plugging and unplugging pages (a block and a memzone of a
 * few pages, allocated and freed in turn, every 5 ms) while it waits, so
 * that readers run against memory that changes under them.
 *
 * It plugs memory by reserving memzones and a mempool, leaves a hole in
 * a memseg list (three large blocks, the middle one freed), creates an
 * external heap over anonymous memory, then writes its own view of all
 * that to STATEFILE as JSON (written to a temporary name and renamed, so
 * the reader never sees half a file) and waits until its stdin closes.
 * Then it frees everything and exits 0; any failure exits 1.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "malloc_heap.h"

#define EXT_HEAP "pi_ext_heap"
#define EXT_PAGES 16
#define EXT_PAGE_SZ 4096
#define POOL_HELD 10

static const struct {
	const char *name;
	size_t len;        /**< bytes */
	size_t small_len;  /**< bytes with "small" */
	unsigned int flags;
} zones[] = {
	{ "pi_mz_small", 64 << 10, 64 << 10, 0 },
	{ "pi_mz_big", 5 << 20, 1 << 20, 0 },
	{ "pi_mz_contig", 3 << 20, 512 << 10, RTE_MEMZONE_IOVA_CONTIG },
};

struct primary {
	const struct rte_memzone *mz[RTE_DIM(zones)];
	struct rte_mempool *mp;
	void *held[POOL_HELD];
	void *block[3];
	void *ext_mem;
	void *ext_obj;
};

static int
fail(const char *what)
{
	fprintf(stderr, "proc_info_primary: %s: %s\n", what,
		rte_strerror(rte_errno));
	return -1;
}

static int
setup_external(struct primary *p)
{
	size_t len = EXT_PAGES * EXT_PAGE_SZ;
	int sock;

	p->ext_mem = mmap(NULL, len, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p->ext_mem == MAP_FAILED) {
		p->ext_mem = NULL;
		return fail("mmap");
	}
	if (rte_malloc_heap_create(EXT_HEAP) < 0 ||
			rte_malloc_heap_memory_add(EXT_HEAP, p->ext_mem, len,
				NULL, 0, EXT_PAGE_SZ) < 0)
		return fail("external heap");
	sock = rte_malloc_heap_get_socket(EXT_HEAP);
	p->ext_obj = rte_malloc_socket("pi", 8192, 0, sock);
	return p->ext_obj == NULL ? fail("external alloc") : 0;
}

static int
setup(struct primary *p, bool small)
{
	size_t block_sz = small ? 1u << 20 : 3u << 20;
	unsigned int i;

	for (i = 0; i < RTE_DIM(zones); i++) {
		p->mz[i] = rte_memzone_reserve(zones[i].name,
			small ? zones[i].small_len : zones[i].len,
			SOCKET_ID_ANY, zones[i].flags);
		if (p->mz[i] == NULL)
			return fail(zones[i].name);
	}
	p->mp = rte_mempool_create("pi_pool", 1023, 2048, 32, 0, NULL, NULL,
		NULL, NULL, SOCKET_ID_ANY, 0);
	if (p->mp == NULL)
		return fail("mempool");
	if (rte_mempool_get_bulk(p->mp, p->held, POOL_HELD) < 0)
		return fail("mempool get");
	/* a hole: the middle block's whole pages go back when it is freed */
	for (i = 0; i < RTE_DIM(p->block); i++) {
		p->block[i] = rte_malloc("pi_block", block_sz, 0);
		if (p->block[i] == NULL)
			return fail("block");
	}
	rte_free(p->block[1]);
	p->block[1] = NULL;
	if (setup_external(p) < 0)
		return -1;
	/* freed small elements would sit in this thread's cache, which
	 * another process counts as allocated */
	malloc_heap_cache_flush();
	return 0;
}

static void
teardown(struct primary *p)
{
	unsigned int i;

	rte_free(p->ext_obj);
	if (p->ext_mem != NULL) {
		rte_malloc_heap_memory_remove(EXT_HEAP, p->ext_mem,
			EXT_PAGES * EXT_PAGE_SZ);
		rte_malloc_heap_destroy(EXT_HEAP);
		munmap(p->ext_mem, EXT_PAGES * EXT_PAGE_SZ);
	}
	for (i = 0; i < RTE_DIM(p->block); i++)
		rte_free(p->block[i]);
	if (p->mp != NULL) {
		rte_mempool_put_bulk(p->mp, p->held, POOL_HELD);
		rte_mempool_free(p->mp);
	}
	for (i = 0; i < RTE_DIM(zones); i++)
		if (p->mz[i] != NULL)
			rte_memzone_free(p->mz[i]);
}

/* ------------------------------------------------------ own view, JSON */

static int
dump_list(const struct rte_memseg_list *msl, void *arg)
{
	FILE *f = arg;
	struct rte_fbarray *arr = (struct rte_fbarray *)(uintptr_t)
		&msl->memseg_arr;
	unsigned int i, used = 0, floor = 0;
	static int n;

	if (msl->external)
		return 0;
	for (i = 0; i < arr->len; i++) {
		const struct rte_memseg *ms;

		if (!rte_fbarray_is_used(arr, i))
			continue;
		ms = rte_fbarray_get(arr, i);
		used++;
		floor += (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE) != 0;
	}
	fprintf(f, "%s\n  {\"base_va\": \"0x%llx\", \"pages_used\": %u, "
		"\"pages_prealloc\": %u, \"slots\": %u}", n++ ? "," : "",
		(unsigned long long)(uintptr_t)msl->base_va, used, floor,
		arr->len);
	return 0;
}

static void
dump_heap(FILE *f, const char *key, int socket)
{
	struct rte_malloc_socket_stats st;

	memset(&st, 0, sizeof(st));
	rte_malloc_get_socket_stats(socket, &st);
	fprintf(f, ",\n\"%s\": {\"socket_id\": %d, \"total_bytes\": %zu, "
		"\"alloc_bytes\": %zu, \"alloc_count\": %u, "
		"\"free_count\": %u, "
		"\"biggest_free_block\": %zu}", key, socket,
		st.heap_totalsz_bytes, st.heap_allocsz_bytes, st.alloc_count,
		st.free_count, st.greatest_free_size);
}

static int
dump_state(const struct primary *p, const char *path)
{
	char tmp[4096];
	unsigned int i;
	FILE *f;

	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	f = fopen(tmp, "w");
	if (f == NULL)
		return -errno;
	fprintf(f, "{\"memseg_lists\": [");
	rte_memseg_list_walk(dump_list, f);
	fprintf(f, "],\n\"memzones\": [");
	for (i = 0; i < RTE_DIM(zones); i++)
		fprintf(f, "%s{\"name\": \"%s\", \"len\": %zu, "
			"\"socket_id\": %d}", i ? ", " : "", p->mz[i]->name,
			p->mz[i]->len, p->mz[i]->socket_id);
	fprintf(f, "],\n\"mempool\": {\"name\": \"%s\", \"size\": %u, "
		"\"in_use\": %u, \"avail\": %u}", p->mp->name, p->mp->size,
		rte_mempool_in_use_count(p->mp),
		rte_mempool_avail_count(p->mp));
	dump_heap(f, "heap_socket", rte_socket_id_by_idx(0));
	dump_heap(f, "heap_ext", rte_malloc_heap_get_socket(EXT_HEAP));
	fprintf(f, ",\n\"ext_heap_name\": \"%s\"}\n", EXT_HEAP);
	if (fclose(f) != 0 || rename(tmp, path) != 0)
		return -errno;
	return 0;
}

/*
 * One round of hot-plug: plug a block and a memzone of a few pages, or
 * unplug the ones the previous round plugged, so that readers find the
 * memory in either state. A round may fail when a reader attaches or
 * leaves during the hot-plug sync (the primary's request to it times
 * out); that is counted, not fatal, since the test looks at what the
 * readers see.
 */
struct churn {
	void *blk;
	const struct rte_memzone *mz;
	unsigned long rounds;
	unsigned long failed;
};

static void
churn_once(struct churn *c)
{
	c->rounds++;
	if (c->blk != NULL || c->mz != NULL) {
		rte_free(c->blk);
		if (c->mz != NULL)
			rte_memzone_free(c->mz);
		c->blk = NULL;
		c->mz = NULL;
		return;
	}
	c->blk = rte_malloc("pi_churn", 5u << 20, 0);
	c->mz = rte_memzone_reserve("pi_churn", 3u << 20, SOCKET_ID_ANY, 0);
	if (c->blk == NULL || c->mz == NULL)
		c->failed++;
}

/* until stdin closes; 0, or 1 when waiting failed */
static int
wait_stdin(bool churn)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	struct churn c = { NULL, NULL, 0, 0 };
	char buf[64];
	int ret = 0;

	for (;;) {
		int n = poll(&pfd, 1, churn ? 5 : -1);

		if (n < 0 && errno != EINTR) {
			ret = 1;
			break;
		}
		if (n > 0 && read(STDIN_FILENO, buf, sizeof(buf)) <= 0)
			break;
		if (churn)
			churn_once(&c);
	}
	if (c.blk != NULL || c.mz != NULL)
		churn_once(&c);
	if (churn)
		fprintf(stderr, "proc_info_primary: %lu churn rounds, %lu "
			"failed\n", c.rounds, c.failed);
	return ret;
}

int
main(int argc, char **argv)
{
	struct primary p;
	const char *mode;
	int n, ret = 1;

	memset(&p, 0, sizeof(p));
	n = rte_eal_init(argc, argv);
	if (n < 0) {
		fail("rte_eal_init");
		return 1;
	}
	/* argv[0] is the program name again; "--" may still be there */
	argc -= n;
	argv += n;
	if (argc > 1 && strcmp(argv[1], "--") == 0) {
		argc--;
		argv++;
	}
	mode = argc == 3 ? argv[2] : "";
	if (argc < 2 || argc > 3 || (argc == 3 &&
			strcmp(mode, "small") != 0 &&
			strcmp(mode, "churn") != 0)) {
		fprintf(stderr, "usage: proc_info_primary [EAL options] -- "
			"STATEFILE [small|churn]\n");
		goto out;
	}
	if (setup(&p, strcmp(mode, "small") == 0) < 0 ||
			dump_state(&p, argv[1]) < 0)
		goto out;
	/* stay until the test closes our stdin */
	ret = wait_stdin(strcmp(mode, "churn") == 0);
out:
	teardown(&p);
	if (rte_eal_cleanup() != 0)
		ret = 1;
	return ret;
}
