/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * malloc_autotest: the rte_malloc API and the heap under it. Every case
 * runs heap_check() (malloc_heap_check_all) after each step. meson runs it
 * in dynamic mode, with --legacy-mem, with a -m floor, with
 * --match-allocations and with --no-huge; the hot-plug cases adapt:
 * dynamic mode must plug exactly the pages a request needs and unplug them
 * when they fall free, the floor must stay, legacy mode must never change
 * its pages and refuse what does not fit with ENOMEM.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_random.h>

#include "eal_internal_cfg.h"
#include "malloc_elem.h"
#include "malloc_heap.h"
#include "test.h"

#define HEAP_OK() TEST_ASSERT_SUCCESS(malloc_heap_check_all(), \
		"heap_check failed (see stderr)")

/* ---------------------------------------------------------------------- */
/* observation                                                            */

struct tm_events {
	unsigned int n_alloc, n_free;
	size_t alloc_bytes, free_bytes;
	const void *last_free_addr;
	size_t last_free_len;
};

static struct tm_events tm_ev;

static void
tm_event_cb(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	struct tm_events *ev = arg;

	if (type == RTE_MEM_EVENT_ALLOC) {
		ev->n_alloc++;
		ev->alloc_bytes += len;
	} else {
		ev->n_free++;
		ev->free_bytes += len;
		ev->last_free_addr = addr;
		ev->last_free_len = len;
	}
}

static int
count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	unsigned int *n = arg;

	RTE_SET_USED(ms);
	if (!msl->external)
		(*n)++;
	return 0;
}

/* pages plugged in this process (not external) */
static unsigned int
tm_plugged(void)
{
	unsigned int n = 0;

	rte_memseg_walk(count_seg, &n);
	return n;
}

static bool
tm_legacy(void)
{
	return eal_get_internal_configuration()->legacy_mem;
}

static bool
tm_dynamic(void)
{
	return !tm_legacy();
}

/* page size of the heap of socket 0's first list */
static size_t
tm_page_sz(void)
{
	void *p = rte_malloc(NULL, 64, 0);
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(p);
	size_t sz = msl != NULL ? msl->page_sz : RTE_PGSIZE_2M;

	rte_free(p);
	return sz;
}

/* pages a fresh allocation of size (cache-line aligned) must plug */
static unsigned int
tm_pages_for(size_t size, size_t pg)
{
	size_t need = RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE) +
		RTE_CACHE_LINE_SIZE + MALLOC_ELEM_OVERHEAD;

	return (unsigned int)(RTE_ALIGN_CEIL(need, pg) / pg);
}

static void
tm_settle(void)
{
	/* what this lcore's cache parks is not free to the heap */
	malloc_heap_cache_flush();
}

/* ---------------------------------------------------------------------- */
/* API cases                                                              */

static int
test_bad_args(void)
{
	struct rte_malloc_socket_stats before, after;
	volatile size_t huge_n = SIZE_MAX / 2;
	int on_stack = 0;
	void *p;

	tm_settle();
	rte_malloc_get_socket_stats(0, &before);
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_malloc(NULL, 0, 0), "size 0 accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "size 0: rte_errno %d", rte_errno);
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_malloc(NULL, 64, 3), "align 3 accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "align 3: rte_errno %d",
			rte_errno);
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_malloc_socket(NULL, 64, 0, 1000),
			"unknown socket accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "socket: rte_errno %d", rte_errno);
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_calloc(NULL, huge_n, 4, 0),
			"overflowing calloc accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "calloc: rte_errno %d", rte_errno);
	rte_errno = 0;
	rte_free(&on_stack);
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "foreign free: rte_errno %d",
			rte_errno);
	TEST_ASSERT_EQUAL(rte_malloc_validate(&on_stack, NULL), -1,
			"foreign pointer validated");
	p = rte_malloc(NULL, 10000, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc 10000");
	TEST_ASSERT_NULL(rte_realloc(p, 20000, 3), "realloc align 3 accepted");
	TEST_ASSERT_NULL(rte_realloc(p, 0, 0), "realloc size 0 accepted");
	rte_free(RTE_PTR_ADD(p, 64));
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "interior free accepted");
	rte_free(p);
	rte_errno = 0;
	rte_free(p);
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "double free: rte_errno %d",
			rte_errno);
	TEST_ASSERT_EQUAL(rte_malloc_validate(p, NULL), -1,
			"freed pointer validated");
	TEST_ASSERT_EQUAL(rte_malloc_get_socket_stats(1000, &after), -1,
			"stats of unknown socket");
	TEST_ASSERT_EQUAL(rte_malloc_get_socket_stats(0, NULL), -1,
			"stats into NULL");
	rte_free(NULL);
	HEAP_OK();
	tm_settle();
	rte_malloc_get_socket_stats(0, &after);
	TEST_ASSERT_EQUAL(before.alloc_count, after.alloc_count,
			"bad calls changed the allocation count");
	return TEST_SUCCESS;
}

static int
test_sizes_and_alignment(void)
{
	static const size_t sizes[] = { 1, 15, 64, 65, 1000, 4096, 4097,
		65536, 1 << 20, 3 << 20 };
	unsigned int align, i, mask;
	size_t usable;
	uint8_t *p;

	for (i = 0; i < RTE_DIM(sizes); i++) {
		for (align = 0; align <= (1u << 21);
				align = align ? align << 2 : 1) {
			p = rte_malloc("t", sizes[i], align);
			TEST_ASSERT_NOT_NULL(p, "size %zu align %u", sizes[i],
					align);
			mask = RTE_MAX(align,
					(unsigned int)RTE_CACHE_LINE_SIZE) - 1;
			TEST_ASSERT(((uintptr_t)p & mask) == 0,
					"%p not aligned to %u", p, align);
			memset(p, 0xa5, sizes[i]);
			TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &usable),
					"validate %p", p);
			TEST_ASSERT(usable >= sizes[i], "usable %zu < %zu",
					usable, sizes[i]);
			HEAP_OK();
			rte_free(p);
			HEAP_OK();
		}
	}
	return TEST_SUCCESS;
}

static int
test_zero_and_calloc(void)
{
	size_t i, n = 100000;
	uint8_t *p, *q;

	/* dirty some memory first so zeroing is not free luck */
	p = rte_malloc(NULL, n, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc");
	memset(p, 0xff, n);
	rte_free(p);
	q = rte_zmalloc(NULL, n, 0);
	TEST_ASSERT_NOT_NULL(q, "zmalloc");
	for (i = 0; i < n; i++)
		TEST_ASSERT_EQUAL(q[i], 0, "zmalloc byte %zu is %u", i, q[i]);
	rte_free(q);
	q = rte_calloc_socket(NULL, 1000, 100, 256, 0);
	TEST_ASSERT_NOT_NULL(q, "calloc_socket");
	TEST_ASSERT(((uintptr_t)q & 255) == 0, "calloc alignment");
	for (i = 0; i < n; i++)
		TEST_ASSERT_EQUAL(q[i], 0, "calloc byte %zu is %u", i, q[i]);
	rte_free(q);
	q = rte_calloc(NULL, 10, 10, 0);
	TEST_ASSERT_NOT_NULL(q, "calloc");
	rte_free(q);
	HEAP_OK();
	return TEST_SUCCESS;
}

static int
test_realloc(void)
{
	const size_t sz = 64 * 1024;
	uint8_t *x, *y, *r;
	size_t i;

	/* allocations come from the top of a free block: y ends at x */
	x = rte_malloc(NULL, sz, 0);
	y = rte_malloc(NULL, sz, 0);
	TEST_ASSERT(x != NULL && y != NULL, "two 64 KiB blocks");
	for (i = 0; i < sz; i++)
		y[i] = (uint8_t)i;
	if (y + sz + MALLOC_ELEM_OVERHEAD != x) {
		printf("blocks not adjacent (%p, %p): in-place grow not "
				"checked\n", (void *)y, (void *)x);
	} else {
		rte_free(x);
		x = NULL;
		r = rte_realloc(y, 2 * sz, 0);
		TEST_ASSERT(r == y, "grow into the free neighbour moved %p to "
				"%p", (void *)y, (void *)r);
		HEAP_OK();
	}
	r = rte_realloc(y, sz / 2, 0);
	TEST_ASSERT(r == y, "shrink moved %p to %p", (void *)y, (void *)r);
	HEAP_OK();
	/* an alignment the block does not have forces a move */
	r = rte_realloc(y, sz / 2, 1 << 20);
	TEST_ASSERT_NOT_NULL(r, "realloc to 1 MiB alignment");
	TEST_ASSERT(((uintptr_t)r & ((1 << 20) - 1)) == 0, "alignment");
	for (i = 0; i < sz / 2; i++)
		TEST_ASSERT_EQUAL(r[i], (uint8_t)i, "byte %zu lost in move", i);
	HEAP_OK();
	r = rte_realloc(r, 4 * sz, 0);
	TEST_ASSERT_NOT_NULL(r, "grow");
	for (i = 0; i < sz / 2; i++)
		TEST_ASSERT_EQUAL(r[i], (uint8_t)i, "byte %zu lost in grow", i);
	rte_free(r);
	rte_free(x);
	r = rte_realloc(NULL, 100, 0);
	TEST_ASSERT_NOT_NULL(r, "realloc(NULL) allocates");
	rte_free(r);
	HEAP_OK();
	return TEST_SUCCESS;
}

static int
test_stats_and_sockets(void)
{
	struct rte_malloc_socket_stats a, b;
	int socket;
	void *p;

	tm_settle();
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(0, &a), "stats");
	p = rte_malloc_socket(NULL, 100000, 0, 0);
	TEST_ASSERT_NOT_NULL(p, "malloc on socket 0");
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(0, &b), "stats");
	TEST_ASSERT_EQUAL(b.alloc_count, a.alloc_count + 1, "alloc_count");
	TEST_ASSERT(b.heap_allocsz_bytes >= a.heap_allocsz_bytes + 100000,
			"alloc bytes %zu -> %zu", a.heap_allocsz_bytes,
			b.heap_allocsz_bytes);
	TEST_ASSERT_EQUAL(b.heap_totalsz_bytes, b.heap_allocsz_bytes +
			b.heap_freesz_bytes, "total != alloc + free");
	rte_free(p);
	/* a small block parked in the lcore cache counts as free */
	p = rte_malloc(NULL, 64, 0);
	rte_free(p);
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(0, &b), "stats");
	TEST_ASSERT_EQUAL(b.alloc_count, a.alloc_count,
			"cached block counted as allocated");
	socket = rte_malloc_heap_get_socket("socket_0");
	TEST_ASSERT_EQUAL(socket, 0, "heap socket_0 has socket %d", socket);
	TEST_ASSERT_EQUAL(rte_malloc_heap_socket_is_external(0), 0,
			"socket 0 external");
	TEST_ASSERT_EQUAL(rte_malloc_heap_get_socket("no_such_heap"), -1,
			"unknown heap");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "unknown heap errno");
	p = rte_malloc(NULL, 1000, 0);
	TEST_ASSERT(rte_malloc_virt2iova(p) != RTE_BAD_IOVA,
			"no IOVA for heap memory");
	TEST_ASSERT_EQUAL(rte_malloc_virt2iova(p), rte_mem_virt2iova(p),
			"malloc and memory disagree on the IOVA");
	rte_free(p);
	rte_malloc_dump_stats(stdout, NULL);
	HEAP_OK();
	return TEST_SUCCESS;
}

/*
 * heap_check and rte_free must notice an overrun of the trailer cookie;
 * trailers exist in RTE_MALLOC_DEBUG builds (devtools/test.sh builds its
 * sanitizer build so)
 */
static int
test_overrun_detected(void)
{
#ifndef RTE_MALLOC_DEBUG
	printf("no trailer cookies without -DRTE_MALLOC_DEBUG: skipped\n");
	return TEST_SKIPPED;
#else
	uint8_t *p = rte_malloc(NULL, 10000, 0);
	size_t usable;
	uint64_t saved;
	uint64_t *trailer;

	TEST_ASSERT_NOT_NULL(p, "malloc");
	TEST_ASSERT_SUCCESS(rte_malloc_validate(p, &usable), "validate");
	/*
	 * hide the provenance of p from the compiler: it knows the block is
	 * 10000 bytes (alloc_size) and UBSan would flag the deliberate access
	 * to the trailer beyond it
	 */
	uintptr_t where = (uintptr_t)p + usable;
	__asm__ volatile("" : "+r"(where));
	trailer = (uint64_t *)where;
	saved = *trailer;
	*trailer = 0; /* a write one byte past the usable area */
	TEST_ASSERT_FAIL(malloc_heap_check_all(), "overrun not seen by "
			"heap_check");
	TEST_ASSERT_EQUAL(rte_malloc_validate(p, NULL), -1,
			"overrun block validated");
	rte_errno = 0;
	rte_free(p);
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "overrun block freed");
	*trailer = saved;
	HEAP_OK();
	rte_free(p);
	HEAP_OK();
	return TEST_SUCCESS;
#endif
}

/* ---------------------------------------------------------------------- */
/* hot-plug cases                                                         */

static int
test_grow_and_shrink(void)
{
	size_t pg = tm_page_sz(), sz = 16 << 20;
	unsigned int before, want;
	void *p;

	tm_settle();
	before = tm_plugged();
	memset(&tm_ev, 0, sizeof(tm_ev));
	p = rte_malloc(NULL, sz, 0);
	if (tm_legacy() && p == NULL) {
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "legacy: errno %d",
				rte_errno);
		return TEST_SUCCESS;
	}
	TEST_ASSERT_NOT_NULL(p, "16 MiB");
	memset(p, 1, sz);
	HEAP_OK();
	if (tm_legacy()) {
		TEST_ASSERT_EQUAL(tm_plugged(), before, "legacy plugged pages");
		TEST_ASSERT_EQUAL(tm_ev.n_alloc, 0u, "legacy alloc event");
	} else if (eal_get_internal_configuration()->memory == 0 ||
			tm_plugged() != before) {
		/* without a floor to serve it, the heap must have grown */
		want = tm_pages_for(sz, pg);
		TEST_ASSERT_EQUAL(tm_plugged(), before + want,
				"plugged %u pages, expected %u",
				tm_plugged() - before, want);
		TEST_ASSERT(tm_ev.n_alloc > 0 && tm_ev.alloc_bytes ==
				want * pg, "ALLOC events: %u, %zu bytes",
				tm_ev.n_alloc, tm_ev.alloc_bytes);
	}
	rte_free(p);
	HEAP_OK();
	if (tm_dynamic()) {
		TEST_ASSERT_EQUAL(tm_plugged(), before,
				"%u pages still plugged after free",
				tm_plugged() - before);
		TEST_ASSERT_EQUAL(tm_ev.free_bytes, tm_ev.alloc_bytes,
				"FREE events %zu bytes, ALLOC %zu",
				tm_ev.free_bytes, tm_ev.alloc_bytes);
	} else {
		TEST_ASSERT_EQUAL(tm_plugged(), before, "legacy unplugged");
		TEST_ASSERT_EQUAL(tm_ev.n_free, 0u, "legacy free event");
	}
	return TEST_SUCCESS;
}

/* one block per page: free the middle one, the hole must stay a hole */
static int
test_hole_not_bridged(void)
{
	size_t pg = tm_page_sz(), one = pg - 4 * MALLOC_ELEM_OVERHEAD;
	unsigned int before;
	void *a, *b, *c, *d;

	tm_settle();
	before = tm_plugged();
	memset(&tm_ev, 0, sizeof(tm_ev));
	a = rte_malloc(NULL, one, 0);
	b = rte_malloc(NULL, one, 0);
	c = rte_malloc(NULL, one, 0);
	if (tm_legacy() && (a == NULL || b == NULL || c == NULL)) {
		rte_free(a);
		rte_free(b);
		rte_free(c);
		return TEST_SUCCESS;
	}
	TEST_ASSERT(a && b && c, "three page-sized blocks");
	HEAP_OK();
	memset(&tm_ev, 0, sizeof(tm_ev));
	rte_free(b);
	HEAP_OK();
	if (tm_dynamic() && tm_plugged() > before) {
		TEST_ASSERT_EQUAL(tm_ev.n_free, 1u, "FREE events %u",
				tm_ev.n_free);
		TEST_ASSERT_EQUAL(tm_ev.last_free_len, pg, "freed %zu bytes",
				tm_ev.last_free_len);
		TEST_ASSERT(RTE_PTR_DIFF(b, tm_ev.last_free_addr) < pg,
				"freed page %p does not hold b %p",
				tm_ev.last_free_addr, b);
		TEST_ASSERT(rte_mem_virt2memseg(b, NULL) == NULL,
				"b's page still plugged");
	}
	/* heap_check proved no element lies on the unplugged page; now
	 * allocate around the hole */
	d = rte_malloc(NULL, 3 * pg / 2, 0);
	TEST_ASSERT(d != NULL || tm_legacy(), "block after the hole");
	if (d != NULL)
		memset(d, 7, 3 * pg / 2);
	HEAP_OK();
	rte_free(a);
	rte_free(c);
	rte_free(d);
	HEAP_OK();
	if (tm_dynamic())
		TEST_ASSERT_EQUAL(tm_plugged(), before, "pages left plugged");
	return TEST_SUCCESS;
}

static int
keep_floor(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	unsigned int *n = arg;

	if (!msl->external && (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE))
		(*n)++;
	return 0;
}

static int
test_floor_and_legacy_limits(void)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_malloc_socket_stats st;
	unsigned int floor0 = 0, floor1 = 0, before;
	void *p;

	tm_settle();
	rte_memseg_walk(keep_floor, &floor0);
	before = tm_plugged();
	if (cfg->memory != 0 && tm_dynamic())
		TEST_ASSERT(floor0 > 0, "-m given but no floor page");
	/* use the floor and more, then free: the floor stays */
	p = rte_malloc(NULL, cfg->memory + (4 << 20), 0);
	if (tm_legacy()) {
		rte_malloc_get_socket_stats(0, &st);
		rte_free(p);
		p = rte_malloc(NULL, st.heap_totalsz_bytes + (2 << 20), 0);
		TEST_ASSERT_NULL(p, "legacy served more than it has");
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "errno %d", rte_errno);
		TEST_ASSERT_EQUAL(tm_plugged(), before, "legacy changed pages");
		HEAP_OK();
		return TEST_SUCCESS;
	}
	TEST_ASSERT_NOT_NULL(p, "floor + 4 MiB");
	HEAP_OK();
	rte_free(p);
	HEAP_OK();
	rte_memseg_walk(keep_floor, &floor1);
	TEST_ASSERT_EQUAL(floor0, floor1, "floor pages %u -> %u", floor0,
			floor1);
	TEST_ASSERT_EQUAL(tm_plugged(), before, "plugged %u -> %u", before,
			tm_plugged());
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------- */
/* stress                                                                 */

#define STRESS_SLOTS 512

static int
stress_run(unsigned int iters, bool check)
{
	void **slot = calloc(STRESS_SLOTS, sizeof(*slot));
	unsigned int i, k;
	size_t sz;
	int ret = 0;

	if (slot == NULL)
		return -1;
	for (i = 0; i < iters && ret == 0; i++) {
		k = (unsigned int)(rte_rand() % STRESS_SLOTS);
		if (slot[k] != NULL) {
			rte_free(slot[k]);
			slot[k] = NULL;
		} else {
			sz = rte_rand() % 16 == 0 ? rte_rand() % (3 << 20) + 1 :
				rte_rand() % 4096 + 1;
			slot[k] = rte_malloc(NULL, sz,
					rte_rand() % 4 == 0 ? 4096 : 0);
			if (slot[k] == NULL && !tm_legacy())
				ret = -1;
			else if (slot[k] != NULL)
				memset(slot[k], (int)k, sz);
		}
		if (check && i % 500 == 0 && malloc_heap_check_all() != 0)
			ret = -1;
	}
	for (k = 0; k < STRESS_SLOTS; k++)
		rte_free(slot[k]);
	free(slot);
	malloc_heap_cache_flush();
	return ret;
}

static int
test_random_stress(void)
{
	unsigned int before;

	tm_settle();
	before = tm_plugged();
	TEST_ASSERT_SUCCESS(stress_run(20000, true), "stress failed");
	HEAP_OK();
	if (tm_dynamic())
		TEST_ASSERT_EQUAL(tm_plugged(), before, "plugged %u -> %u",
				before, tm_plugged());
	return TEST_SUCCESS;
}

static int
stress_worker(void *arg)
{
	RTE_SET_USED(arg);
	return stress_run(20000, false);
}

static int
test_two_lcores(void)
{
	unsigned int worker, before;
	int ret;

	worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE) {
		printf("one lcore only: two-lcore case skipped\n");
		return TEST_SUCCESS;
	}
	tm_settle();
	before = tm_plugged();
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(stress_worker, NULL, worker),
			"launch on lcore %u", worker);
	ret = stress_run(20000, false);
	TEST_ASSERT_SUCCESS(rte_eal_wait_lcore(worker), "worker failed");
	TEST_ASSERT_SUCCESS(ret, "main lcore failed");
	HEAP_OK();
	if (tm_dynamic())
		TEST_ASSERT_EQUAL(tm_plugged(), before, "plugged %u -> %u",
				before, tm_plugged());
	return TEST_SUCCESS;
}

/*
 * What another lcore parks in its cache must come back when the heap needs
 * it: a page it pins is unplugged once the rest of the page falls free
 * (dynamic mode), an allocation that only fits with it succeeds (any mode),
 * and the statistics count it as free all along.
 */
#define PIN_BLOCKS 64

struct pin_job {
	const void *page;          /**< a page the worker should land on */
	void *blk[PIN_BLOCKS];
	unsigned int n;            /**< blocks taken */
	unsigned int on_page;      /**< of them, on page */
	size_t size;
	size_t pg;                 /**< page size of job->page */
};

/* take small blocks until one lands on job->page, then free them all */
static int
pin_worker(void *arg)
{
	struct pin_job *job = arg;
	unsigned int i;

	for (job->n = 0; job->n < PIN_BLOCKS; job->n++) {
		job->blk[job->n] = rte_malloc(NULL, job->size, 0);
		if (job->blk[job->n] == NULL)
			return -1;
		if (job->page != NULL && RTE_PTR_ALIGN_FLOOR(job->blk[job->n],
				job->pg) == job->page)
			job->on_page++;
	}
	/* into this lcore's cache: still owned, counted as free */
	for (i = 0; i < job->n; i++)
		rte_free(job->blk[i]);
	return 0;
}

static int
pin_run(unsigned int worker, struct pin_job *job)
{
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(pin_worker, job, worker),
			"launch on lcore %u", worker);
	TEST_ASSERT_SUCCESS(rte_eal_wait_lcore(worker), "worker failed");
	return TEST_SUCCESS;
}

static int
test_other_lcore_cache_unplugged(void)
{
	unsigned int worker = rte_get_next_lcore(-1, 1, 0), before;
	struct rte_malloc_socket_stats st0, st1;
	struct pin_job job = { .size = 64 };
	size_t pg = tm_page_sz();
	void *big;

	if (worker >= RTE_MAX_LCORE || !tm_dynamic() ||
			eal_get_internal_configuration()->memory != 0) {
		printf("needs two lcores and a dynamic heap without floor\n");
		return TEST_SUCCESS;
	}
	tm_settle();
	before = tm_plugged();
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(0, &st0), "stats");
	big = rte_malloc(NULL, pg / 2, 0);
	TEST_ASSERT_NOT_NULL(big, "half a page");
	job.page = RTE_PTR_ALIGN_FLOOR(big, pg);
	job.pg = pg;
	TEST_ASSERT_SUCCESS(pin_run(worker, &job), "worker");
	TEST_ASSERT(job.on_page > 0, "none of %u blocks on the page of %p",
			job.n, big);
	TEST_ASSERT_SUCCESS(rte_malloc_get_socket_stats(0, &st1), "stats");
	TEST_ASSERT_EQUAL(st1.alloc_count, st0.alloc_count + 1,
			"worker's cached blocks counted as allocated "
			"(%u -> %u)",
			st0.alloc_count, st1.alloc_count);
	HEAP_OK();
	/* the worker sleeps in its launch loop: nothing flushes its cache
	 * but the heap itself */
	rte_free(big);
	HEAP_OK();
	TEST_ASSERT_EQUAL(tm_plugged(), before, "%u page(s) pinned by the "
			"worker's cache", tm_plugged() - before);
	return TEST_SUCCESS;
}

/* the biggest free block of socket 0's heap, 0 if unknown */
static size_t
greatest_free(void)
{
	struct rte_malloc_socket_stats st;

	return rte_malloc_get_socket_stats(0, &st) == 0 ?
		st.greatest_free_size : 0;
}

/*
 * Allocate every free block of a static heap bigger than floor bytes,
 * biggest first, into a growing list (*hog, freed by hog_release()).
 * Blocks parked in lcore caches split the free space: after random
 * stress there may be many such blocks, so the list has no fixed bound.
 * Returns how many were taken.
 */
static unsigned int
hog_free_memory(void ***hog, size_t floor)
{
	unsigned int n = 0, cap = 0;
	void **list = NULL, **bigger, *p;
	size_t big;

	while ((big = greatest_free()) > floor + MALLOC_ELEM_OVERHEAD) {
		if (n == cap) {
			cap = cap == 0 ? 64 : 2 * cap;
			bigger = realloc(list, cap * sizeof(*list));
			if (bigger == NULL)
				break;
			list = bigger;
		}
		p = rte_malloc_socket(NULL, big - MALLOC_ELEM_OVERHEAD, 0, 0);
		if (p == NULL)
			break;
		list[n++] = p;
	}
	*hog = list;
	return n;
}

static void
hog_release(void **hog, unsigned int n)
{
	while (n > 0)
		rte_free(hog[--n]);
	free(hog);
}

static int
test_other_lcore_cache_allocatable(void)
{
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	struct pin_job job = { .size = 4096 };
	const size_t want = 16 * 1024;
	unsigned int n;
	void **hog, *p;
	bool full_ok;
	size_t left;

	if (worker >= RTE_MAX_LCORE || tm_dynamic()) {
		printf("needs two lcores and a static (legacy) heap\n");
		return TEST_SUCCESS;
	}
	tm_settle();
	/* the worker parks 4 KiB blocks, then the main lcore takes all the
	 * rest: only the worker's cache can serve another 16 KiB */
	TEST_ASSERT_SUCCESS(pin_run(worker, &job), "worker");
	n = hog_free_memory(&hog, want + RTE_CACHE_LINE_SIZE);
	left = greatest_free();
	full_ok = malloc_heap_check_all() == 0;
	p = left > want + RTE_CACHE_LINE_SIZE + MALLOC_ELEM_OVERHEAD ? NULL :
		rte_malloc_socket(NULL, want, 0, 0);
	if (p != NULL)
		memset(p, 3, want);
	rte_free(p);
	hog_release(hog, n);
	TEST_ASSERT(left <= want + RTE_CACHE_LINE_SIZE + MALLOC_ELEM_OVERHEAD,
			"a %zu-byte block still free after taking %u", left, n);
	TEST_ASSERT(full_ok, "heap_check failed on the full heap");
	TEST_ASSERT(p != NULL, "no %zu bytes with the worker's cache to "
			"drain (%u free blocks taken): %s", want, n,
			rte_strerror(rte_errno));
	HEAP_OK();
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------- */

static int
tm_setup(void)
{
	HEAP_OK();
	return rte_mem_event_callback_register("malloc_autotest", tm_event_cb,
			&tm_ev) == 0 || rte_errno == ENOTSUP ? 0 : -1;
}

static void
tm_teardown(void)
{
	rte_mem_event_callback_unregister("malloc_autotest", &tm_ev);
}

static struct unit_test_suite malloc_suite = {
	.suite_name = "malloc autotest",
	.setup = tm_setup,
	.teardown = tm_teardown,
	.unit_test_cases = {
		TEST_CASE(test_bad_args),
		TEST_CASE(test_sizes_and_alignment),
		TEST_CASE(test_zero_and_calloc),
		TEST_CASE(test_realloc),
		TEST_CASE(test_stats_and_sockets),
		TEST_CASE(test_overrun_detected),
		TEST_CASE(test_grow_and_shrink),
		TEST_CASE(test_hole_not_bridged),
		TEST_CASE(test_floor_and_legacy_limits),
		TEST_CASE(test_random_stress),
		TEST_CASE(test_two_lcores),
		TEST_CASE(test_other_lcore_cache_unplugged),
		TEST_CASE(test_other_lcore_cache_allocatable),
		TEST_CASES_END()
	}
};

static int
test_malloc(void)
{
	return unit_test_suite_runner(&malloc_suite);
}

REGISTER_TEST_COMMAND(malloc_autotest, test_malloc);
