/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mempool_autotest: creation and its errors, ops by name, get/put through
 * caches, iterators, lookup, counts, pools over scattered dynamic memory
 * (objects never span a non-contiguous IOVA page boundary), page plug on
 * creation and unplug on free, and two lcores sharing one pool.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_paging.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_mempool.h>

#include "eal_internal_cfg.h"
#include "test.h"

#define MP_N 4095
#define MP_ELT 2048
#define MP_CACHE 32

static int
count_seg_cb(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	size_t *total = arg;

	RTE_SET_USED(msl);
	*total += ms->len;
	return 0;
}

static size_t
plugged_bytes(void)
{
	size_t total = 0;

	rte_memseg_walk(count_seg_cb, &total);
	return total;
}

static bool
is_dynamic(void)
{
	return !eal_get_internal_configuration()->legacy_mem;
}

/* get every object, check ownership and uniqueness, put them back */
static int
drain_and_refill(struct rte_mempool *mp, struct rte_mempool_cache *cache)
{
	void **objs = calloc(mp->size + 1, sizeof(*objs));
	unsigned int i, j;

	TEST_ASSERT_NOT_NULL(objs, "no memory");
	for (i = 0; i < mp->size; i++) {
		if (rte_mempool_generic_get(mp, &objs[i], 1, cache) != 0)
			break;
	}
	if (i != mp->size || rte_mempool_generic_get(mp, &objs[i], 1,
			cache) == 0) {
		printf("got %u objects of %u\n", i, mp->size);
		free(objs);
		return TEST_FAILED;
	}
	for (i = 0; i < mp->size; i++) {
		if (rte_mempool_from_obj(objs[i]) != mp)
			break;
		memset(objs[i], 0xa5, mp->elt_size);
	}
	/* every object distinct: sort-free check by address order */
	for (j = 0; i == mp->size && j < 64 && j < mp->size; j++)
		for (unsigned int k = j + 1; k < mp->size; k++)
			if (objs[j] == objs[k])
				i = 0;
	if (i != mp->size || rte_mempool_avail_count(mp) != 0 ||
			rte_mempool_in_use_count(mp) != mp->size) {
		free(objs);
		return TEST_FAILED;
	}
	rte_mempool_generic_put(mp, objs, mp->size / 2, cache);
	for (i = mp->size / 2; i < mp->size; i++)
		rte_mempool_generic_put(mp, &objs[i], 1, cache);
	free(objs);
	/* a user-owned cache is invisible to the counts: flush it */
	if (cache != NULL)
		rte_mempool_cache_flush(cache, mp);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), mp->size,
		"avail %u after putting all back", rte_mempool_avail_count(mp));
	return TEST_SUCCESS;
}

static int
test_mempool_basic(void)
{
	struct rte_mempool *mp;
	FILE *devnull;
	void *obj;

	mp = rte_mempool_create("test_mp_basic", MP_N, MP_ELT, MP_CACHE, 0,
		NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create failed: %s", rte_strerror(rte_errno));
	TEST_ASSERT(rte_mempool_lookup("test_mp_basic") == mp, "lookup");
	TEST_ASSERT_EQUAL(mp->populated_size, (uint32_t)MP_N, "populated");
	TEST_ASSERT(rte_mempool_full(mp), "not full after creation");
	TEST_ASSERT(strcmp(rte_mempool_get_ops(mp->ops_index)->name,
		"ring_mp_mc") == 0, "default ops");

	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &obj), "get one");
	TEST_ASSERT(rte_mempool_from_obj(obj) == mp, "owner");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(mp), 1u, "in use");
	TEST_ASSERT_EQUAL(rte_mempool_count(mp), (unsigned int)MP_N - 1,
		"old count name");
	/* the refill left objects in this lcore's cache */
	TEST_ASSERT(rte_mempool_default_cache(mp, rte_lcore_id())->len > 0,
		"cache not refilled");
	rte_mempool_put(mp, obj);
	TEST_ASSERT(rte_mempool_full(mp), "not full after put");

	TEST_ASSERT_SUCCESS(drain_and_refill(mp,
		rte_mempool_default_cache(mp, rte_lcore_id())), "with cache");
	TEST_ASSERT_SUCCESS(drain_and_refill(mp, NULL), "without cache");
	rte_mempool_cache_flush(NULL, mp);
	TEST_ASSERT_EQUAL(rte_mempool_ops_get_count(mp), (unsigned int)MP_N,
		"flush left objects in the cache");

	rte_mempool_audit(mp);
	devnull = fopen("/dev/null", "w");
	rte_mempool_dump(devnull, mp);
	rte_mempool_list_dump(devnull);
	fclose(devnull);
	rte_mempool_free(mp);
	TEST_ASSERT_NULL(rte_mempool_lookup("test_mp_basic"), "still listed");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "lookup errno");
	rte_mempool_free(NULL);
	return TEST_SUCCESS;
}

static int
test_mempool_errors(void)
{
	struct rte_mempool *mp, *mp2;

	TEST_ASSERT_NULL(rte_mempool_create_empty("e", 0, 64, 0, 0,
		SOCKET_ID_ANY, 0), "n = 0");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno n = 0");
	TEST_ASSERT_NULL(rte_mempool_create_empty("e", 16, 64,
		RTE_MEMPOOL_CACHE_MAX_SIZE + 1, 0, SOCKET_ID_ANY, 0),
		"cache too big");
	TEST_ASSERT_NULL(rte_mempool_create_empty("e", 16, 64, 16, 0,
		SOCKET_ID_ANY, 0), "cache larger than n / 1.5");
	TEST_ASSERT_NULL(rte_mempool_create_empty("e", 16, 64, 0, 0,
		SOCKET_ID_ANY, 0x80000), "unknown flag");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno flags");
	TEST_ASSERT_NULL(rte_mempool_create_empty(
		"a_name_that_is_far_too_long_for_a_pool", 16, 64, 0, 0,
		SOCKET_ID_ANY, 0), "long name");
	TEST_ASSERT_EQUAL(rte_errno, ENAMETOOLONG, "errno name");
	TEST_ASSERT_NULL(rte_mempool_create_empty(NULL, 16, 64, 0, 0,
		SOCKET_ID_ANY, 0), "NULL name");

	mp = rte_mempool_create_empty("test_mp_err", 64, 64, 0, 0,
		SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty");
	mp2 = rte_mempool_create_empty("test_mp_err", 64, 64, 0, 0,
		SOCKET_ID_ANY, 0);
	TEST_ASSERT_NULL(mp2, "duplicate name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "errno duplicate");
	TEST_ASSERT_EQUAL(rte_mempool_set_ops_byname(mp, "no_such_ops", NULL),
		-EINVAL, "unknown ops");
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), 64, "populate");
	TEST_ASSERT_EQUAL(rte_mempool_set_ops_byname(mp, "ring_sp_sc", NULL),
		-EEXIST, "ops changed after populate");
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), 0,
		"populating a full pool adds nothing");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

static int
test_mempool_ops(void)
{
	static const char *const names[] = {
		"ring_mp_mc", "ring_sp_sc", "ring_mp_sc", "ring_sp_mc",
	};
	static const unsigned int flags[] = {
		0, RTE_MEMPOOL_F_SP_PUT | RTE_MEMPOOL_F_SC_GET,
		MEMPOOL_F_SC_GET, MEMPOOL_F_SP_PUT,
	};
	struct rte_mempool *mp;
	unsigned int i;

	for (i = 0; i < RTE_DIM(names); i++) {
		mp = rte_mempool_create_empty("test_mp_ops", 512, 100, 8, 0,
			SOCKET_ID_ANY, 0);
		TEST_ASSERT_NOT_NULL(mp, "create_empty");
		TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, names[i],
			NULL), "set ops %s", names[i]);
		TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), 512,
			"populate with %s", names[i]);
		TEST_ASSERT_SUCCESS(drain_and_refill(mp, NULL), "%s", names[i]);
		rte_mempool_free(mp);

		/* the flags pick the matching ring flavour by default */
		mp = rte_mempool_create("test_mp_ops", 512, 100, 0, 0, NULL,
			NULL, NULL, NULL, SOCKET_ID_ANY, flags[i]);
		TEST_ASSERT_NOT_NULL(mp, "create flags 0x%x", flags[i]);
		TEST_ASSERT(strcmp(rte_mempool_get_ops(mp->ops_index)->name,
			names[i]) == 0, "flags 0x%x gave %s", flags[i],
			rte_mempool_get_ops(mp->ops_index)->name);
		rte_mempool_free(mp);
	}
	return TEST_SUCCESS;
}

struct iter_state {
	struct rte_mempool *mp;
	unsigned int objs, bad, chunks;
	size_t chunk_bytes;
};

static void
obj_cb(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct iter_state *st = arg;
	struct rte_mempool_memhdr *m;
	bool inside = false;

	if (mp != st->mp || idx != st->objs || rte_mempool_from_obj(obj) != mp)
		st->bad++;
	STAILQ_FOREACH(m, &mp->mem_list, next)
		if ((char *)obj >= (char *)m->addr && (char *)obj +
				mp->elt_size <= (char *)m->addr + m->len)
			inside = true;
	if (!inside)
		st->bad++;
	st->objs++;
}

static void
mem_cb(struct rte_mempool *mp, void *arg, struct rte_mempool_memhdr *m,
		unsigned int idx)
{
	struct iter_state *st = arg;

	if (m->mp != mp || idx != st->chunks)
		st->bad++;
	st->chunks++;
	st->chunk_bytes += m->len;
}

static int
test_mempool_iter(void)
{
	struct iter_state st = { 0 };
	struct rte_mempool *mp;

	mp = rte_mempool_create("test_mp_iter", 1000, 333, 0, 0, NULL, NULL,
		NULL, NULL, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create");
	st.mp = mp;
	TEST_ASSERT_EQUAL(rte_mempool_obj_iter(mp, obj_cb, &st), 1000u,
		"obj_iter count");
	TEST_ASSERT_EQUAL(rte_mempool_mem_iter(mp, mem_cb, &st),
		mp->nb_mem_chunks, "mem_iter count");
	TEST_ASSERT_EQUAL(st.bad, 0u, "bad objects or chunks");
	TEST_ASSERT(st.chunk_bytes >= 1000 * (size_t)rte_mempool_calc_obj_size(
		333, 0, NULL), "chunks too small");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

/* 1 if [obj - header, obj + elt_size) is IOVA contiguous page by page */
static bool
obj_iova_contig(const struct rte_mempool *mp, void *obj, size_t pg)
{
	char *start = (char *)obj - mp->header_size;
	char *end = (char *)obj + mp->elt_size;
	rte_iova_t base = rte_mem_virt2iova(start);
	char *p;

	if (base == RTE_BAD_IOVA)
		return false;
	if (rte_mempool_virt2iova(obj) != base + mp->header_size)
		return false;
	for (p = RTE_PTR_ALIGN_CEIL(start + 1, pg); p < end; p += pg)
		if (rte_mem_virt2iova(p) != base + (rte_iova_t)(p - start))
			return false;
	return true;
}

struct contig_state {
	size_t pg;
	unsigned int bad;
};

static void
contig_cb(struct rte_mempool *mp, void *arg, void *obj, unsigned int idx)
{
	struct contig_state *st = arg;

	RTE_SET_USED(idx);
	if (!obj_iova_contig(mp, obj, st->pg))
		st->bad++;
}

/*
 * Objects of odd sizes over pages plugged on demand: none may span two
 * pages whose IO addresses are apart. Also the pool is bigger than the
 * memory plugged before, so creation plugs pages and free unplugs them.
 */
static int
test_mempool_dynamic_contig(void)
{
	struct contig_state st = { .pg = rte_mem_page_size(), .bad = 0 };
	const unsigned int n = 24 * 1024;
	size_t before, during, after;
	struct rte_mempool *mp;

	before = plugged_bytes();
	mp = rte_mempool_create("test_mp_contig", n, 3000, 64, 0, NULL, NULL,
		NULL, NULL, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create %u x 3000: %s", n,
		rte_strerror(rte_errno));
	during = plugged_bytes();
	rte_mempool_obj_iter(mp, contig_cb, &st);
	printf("pool of %u x 3000 B: %u chunks, plugged %zu -> %zu MiB, "
		"iova mode %s\n", n, mp->nb_mem_chunks, before >> 20,
		during >> 20, rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA");
	TEST_ASSERT_EQUAL(st.bad, 0u, "%u objects span non-contiguous IOVA",
		st.bad);
	TEST_ASSERT((mp->flags & RTE_MEMPOOL_F_NON_IO) == 0, "pool non-IO");
	TEST_ASSERT_SUCCESS(drain_and_refill(mp, NULL), "drain");
	rte_mempool_free(mp);
	after = plugged_bytes();
	if (is_dynamic()) {
		TEST_ASSERT(during >= before + (size_t)n * 3000,
			"no pages plugged (%zu -> %zu)", before, during);
		TEST_ASSERT(after <= before, "pages not returned: %zu -> %zu",
			before, after);
	} else {
		TEST_ASSERT_EQUAL(before, during, "legacy memory changed");
	}

	/* without the contiguity need, iova is not tracked at all */
	mp = rte_mempool_create("test_mp_nocontig", 2048, 3000, 0, 0, NULL,
		NULL, NULL, NULL, SOCKET_ID_ANY, RTE_MEMPOOL_F_NO_IOVA_CONTIG);
	TEST_ASSERT_NOT_NULL(mp, "create NO_IOVA_CONTIG");
	TEST_ASSERT(rte_mempool_virt2iova(STAILQ_FIRST(&mp->elt_list) + 1) ==
		RTE_BAD_IOVA, "iova set without contiguity");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

static int
test_mempool_anon_and_user_cache(void)
{
	struct rte_mempool_cache *cache;
	struct rte_mempool *mp;
	void *objs[40];

	mp = rte_mempool_create_empty("test_mp_anon", 1000, 128, 0, 0,
		SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty");
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 1000, "anon");
	TEST_ASSERT(mp->flags & RTE_MEMPOOL_F_NON_IO, "anon pool is IO");
	TEST_ASSERT_EQUAL(rte_mempool_populate_anon(mp), 0, "anon twice");

	cache = rte_mempool_cache_create(32, SOCKET_ID_ANY);
	TEST_ASSERT_NOT_NULL(cache, "cache_create");
	TEST_ASSERT_NULL(rte_mempool_cache_create(0, SOCKET_ID_ANY),
		"cache of size 0");
	TEST_ASSERT_SUCCESS(rte_mempool_generic_get(mp, objs, 40, cache),
		"get 40");
	rte_mempool_generic_put(mp, objs, 40, cache);
	TEST_ASSERT(cache->len > 0, "user cache empty after put");
	TEST_ASSERT_EQUAL(rte_mempool_ops_get_count(mp) + cache->len, 1000u,
		"objects lost");
	rte_mempool_cache_flush(cache, mp);
	TEST_ASSERT_EQUAL(cache->len, 0u, "flush");
	TEST_ASSERT_SUCCESS(drain_and_refill(mp, cache), "user cache drain");
	rte_mempool_cache_flush(cache, mp);
	rte_mempool_cache_free(cache);
	TEST_ASSERT(rte_mempool_full(mp), "not full");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

#define MT_ITERS 200000

static int
mt_worker(void *arg)
{
	struct rte_mempool *mp = arg;
	void *objs[16];
	unsigned int i, n;

	for (i = 0; i < MT_ITERS; i++) {
		n = 1 + i % RTE_DIM(objs);
		if (rte_mempool_get_bulk(mp, objs, n) != 0)
			continue;
		for (unsigned int j = 0; j < n; j++)
			*(volatile unsigned int *)objs[j] = rte_lcore_id();
		for (unsigned int j = 0; j < n; j++)
			if (*(volatile unsigned int *)objs[j] != rte_lcore_id())
				return -1;
		rte_mempool_put_bulk(mp, objs, n);
	}
	rte_mempool_cache_flush(NULL, mp);
	return 0;
}

static int
test_mempool_two_lcores(void)
{
	struct rte_mempool *mp;
	unsigned int worker;
	int ret;

	worker = rte_get_next_lcore(-1, 1, 0);
	if (worker >= RTE_MAX_LCORE) {
		printf("one lcore only: two-lcore case skipped\n");
		return TEST_SKIPPED;
	}
	/* a small pool so that both lcores run it dry now and then */
	mp = rte_mempool_create("test_mp_mt", 96, 64, 16, 0, NULL, NULL,
		NULL, NULL, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create");
	rte_eal_remote_launch(mt_worker, mp, worker);
	ret = mt_worker(mp);
	ret |= rte_eal_wait_lcore(worker);
	TEST_ASSERT_SUCCESS(ret, "an object was shared by two lcores");
	TEST_ASSERT_EQUAL(rte_mempool_ops_get_count(mp), 96u,
		"objects lost or duplicated: %u",
		rte_mempool_ops_get_count(mp));
	TEST_ASSERT_SUCCESS(drain_and_refill(mp, NULL), "drain");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

struct event_log {
	int ready;
	int destroy;
	struct rte_mempool *mp;
};

static void
event_cb(enum rte_mempool_event event, struct rte_mempool *mp, void *arg)
{
	struct event_log *log = arg;

	if (event == RTE_MEMPOOL_EVENT_READY)
		log->ready++;
	else if (event == RTE_MEMPOOL_EVENT_DESTROY)
		log->destroy++;
	log->mp = mp;
}

/* a callback that removes itself the first time it runs */
static void
event_cb_once(enum rte_mempool_event event, struct rte_mempool *mp,
	void *arg)
{
	event_cb(event, mp, arg);
	rte_mempool_event_callback_unregister(event_cb_once, arg);
}

/* READY once the last object is in, DESTROY on free, nothing after */
static int
test_mempool_events(void)
{
	struct event_log log = { 0 }, once = { 0 };
	struct rte_mempool *mp;
	size_t part;
	void *mem;

	TEST_ASSERT_EQUAL(rte_mempool_event_callback_register(NULL, NULL),
		-EINVAL, "NULL callback");
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_register(event_cb,
		&log), "register");
	TEST_ASSERT_EQUAL(rte_mempool_event_callback_register(event_cb, &log),
		-EEXIST, "registered twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "rte_errno");
	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_register(event_cb_once,
		&once), "register once");

	mp = rte_mempool_create_empty("test_mp_events", 64, 64, 0, 0,
		SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty");
	/* room for a few objects only: the pool is not full after it */
	part = 4 * (mp->header_size + mp->elt_size + mp->trailer_size);
	mem = rte_malloc(NULL, part, RTE_MEMPOOL_ALIGN);
	TEST_ASSERT_NOT_NULL(mem, "rte_malloc");
	TEST_ASSERT(rte_mempool_populate_iova(mp, mem, RTE_BAD_IOVA, part,
		NULL, NULL) > 0, "populate a part");
	TEST_ASSERT(mp->populated_size < mp->size, "part populated all");
	TEST_ASSERT_EQUAL(log.ready, 0, "READY before the pool is full");
	TEST_ASSERT(rte_mempool_populate_default(mp) > 0, "populate the rest");
	TEST_ASSERT_EQUAL(mp->populated_size, mp->size, "not full");
	TEST_ASSERT(log.ready == 1 && log.mp == mp, "READY (%d)", log.ready);
	TEST_ASSERT_EQUAL(once.ready, 1, "first callback run");
	rte_mempool_free(mp);
	TEST_ASSERT(log.destroy == 1 && log.mp == mp, "DESTROY");
	TEST_ASSERT_EQUAL(once.destroy, 0, "self-unregistered callback ran");

	TEST_ASSERT_SUCCESS(rte_mempool_event_callback_unregister(event_cb,
		&log), "unregister");
	TEST_ASSERT_EQUAL(rte_mempool_event_callback_unregister(event_cb,
		&log), -ENOENT, "unregistered twice");
	mp = rte_mempool_create("test_mp_events2", 64, 64, 0, 0, NULL, NULL,
		NULL, NULL, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create");
	rte_mempool_free(mp);
	TEST_ASSERT(log.ready == 1 && log.destroy == 1,
		"unregistered callback ran");
	rte_free(mem);
	return TEST_SUCCESS;
}

/* the "stack" store hands back the last object put first */
static int
test_mempool_stack(void)
{
	struct rte_mempool *mp;
	void *a, *b, *c;

	mp = rte_mempool_create_empty("test_mp_stack", 16, 64, 0, 0,
		SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mp, "create_empty");
	TEST_ASSERT_SUCCESS(rte_mempool_set_ops_byname(mp, "stack", NULL),
		"stack ops");
	TEST_ASSERT_EQUAL(rte_mempool_populate_default(mp), 16, "populate");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 16u, "count");
	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &a), "get a");
	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &b), "get b");
	rte_mempool_put(mp, a);
	rte_mempool_put(mp, b);
	TEST_ASSERT_SUCCESS(rte_mempool_get(mp, &c), "get c");
	TEST_ASSERT(c == b, "not last in, first out");
	rte_mempool_put(mp, c);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(mp), 16u, "count after");
	rte_mempool_free(mp);
	return TEST_SUCCESS;
}

static struct unit_test_suite mempool_suite = {
	.suite_name = "mempool autotest",
	.unit_test_cases = {
		TEST_CASE(test_mempool_basic),
		TEST_CASE(test_mempool_errors),
		TEST_CASE(test_mempool_ops),
		TEST_CASE(test_mempool_iter),
		TEST_CASE(test_mempool_dynamic_contig),
		TEST_CASE(test_mempool_anon_and_user_cache),
		TEST_CASE(test_mempool_two_lcores),
		TEST_CASE(test_mempool_events),
		TEST_CASE(test_mempool_stack),
		TEST_CASES_END(),
	},
};

static int
test_mempool(void)
{
	return unit_test_suite_runner(&mempool_suite);
}

REGISTER_TEST_COMMAND(mempool_autotest, test_mempool);
