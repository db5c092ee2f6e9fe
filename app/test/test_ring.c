/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ring_autotest: every rte_ring call in every sync mode (MT, ST, RTS, HTS,
 * exact size), full/empty edges, wraparound of the slot array and of the
 * 32-bit counters, element sizes from 4 to 40 bytes, the peek API, bad
 * arguments (NULL with rte_errno), lookup/list/dump/free, and a two-lcore
 * stress per mode that checks every object comes out exactly once.
 * ring_mp_autotest: a secondary process finds the primary's ring by name
 * and moves objects through it both ways.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_ring.h>

#include "eal_internal_cfg.h"
#include "test.h"

#define RT_SIZE 64u                     /* slots of the functional rings */
#define RT_CAP (RT_SIZE - 1)

/* the sync modes every functional case runs in */
static const struct {
	const char *name;
	unsigned int flags;
} rt_modes[] = {
	{ "mt", 0 },
	{ "st", RING_F_SP_ENQ | RING_F_SC_DEQ },
	{ "rts", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ },
	{ "hts", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ },
	{ "st_hts", RING_F_SP_ENQ | RING_F_MC_HTS_DEQ },
	{ "rts_sc", RING_F_MP_RTS_ENQ | RING_F_SC_DEQ },
};

static void *
rt_val(uintptr_t v)
{
	return (void *)(v + 1);
}

/* ---- bad arguments ------------------------------------------------- */

static int
rt_expect_create_fails(const char *name, unsigned int esize,
		unsigned int count, unsigned int flags, int err)
{
	struct rte_ring *r;

	rte_errno = 0;
	r = rte_ring_create_elem(name, esize, count, SOCKET_ID_ANY, flags);
	TEST_ASSERT_NULL(r, "ring '%s' esize %u count %u flags 0x%x created",
		name ? name : "(null)", esize, count, flags);
	TEST_ASSERT_EQUAL(rte_errno, err, "rte_errno %d, expected %d",
		rte_errno, err);
	return TEST_SUCCESS;
}

static int
test_ring_bad_args(void)
{
	char longname[RTE_RING_NAMESIZE + 4];
	struct rte_ring *r;

	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 8, 100, 0, EINVAL),
		TEST_SUCCESS, "count not a power of 2");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 8, 0, 0, EINVAL),
		TEST_SUCCESS, "count 0");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 8,
		RTE_RING_SZ_MASK + 1, 0, EINVAL), TEST_SUCCESS,
		"count too big");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 8,
		RTE_RING_SZ_MASK, RING_F_EXACT_SZ, EINVAL), TEST_SUCCESS,
		"exact count too big");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 6, 64, 0, EINVAL),
		TEST_SUCCESS, "esize 6");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 0, 64, 0, EINVAL),
		TEST_SUCCESS, "esize 0");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 8, 64,
		RING_F_SP_ENQ | RING_F_MP_HTS_ENQ, EINVAL), TEST_SUCCESS,
		"two producer modes");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 8, 64,
		RING_F_MC_RTS_DEQ | RING_F_MC_HTS_DEQ, EINVAL), TEST_SUCCESS,
		"two consumer modes");
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_bad", 8, 64, 0x10000,
		EINVAL), TEST_SUCCESS, "unknown flag");
	TEST_ASSERT_EQUAL(rt_expect_create_fails(NULL, 8, 64, 0, EINVAL),
		TEST_SUCCESS, "NULL name");
	memset(longname, 'n', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	TEST_ASSERT_EQUAL(rt_expect_create_fails(longname, 8, 64, 0,
		ENAMETOOLONG), TEST_SUCCESS, "long name");

	TEST_ASSERT_EQUAL(rte_ring_get_memsize(100), -EINVAL, "memsize(100)");
	TEST_ASSERT_EQUAL(rte_ring_get_memsize_elem(6, 64), -EINVAL,
		"memsize_elem(6, 64)");
	TEST_ASSERT(rte_ring_get_memsize(64) >= (ssize_t)(sizeof(*r) +
		64 * sizeof(void *)), "memsize(64) too small");

	r = rte_ring_create("rt_dup", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "create rt_dup: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rt_expect_create_fails("rt_dup", 8, 64, 0, EEXIST),
		TEST_SUCCESS, "duplicate name");
	/* the failed duplicate must not have disturbed the first ring */
	TEST_ASSERT(rte_ring_lookup("rt_dup") == r, "lookup after dup");
	rte_ring_free(r);
	TEST_ASSERT_NULL(rte_ring_lookup("rt_dup"), "found after free");
	rte_ring_free(NULL);
	return TEST_SUCCESS;
}

/* fill the memzone table with tiny rings: the one too many gets ENOSPC */
static int
test_ring_no_memzone_slot(void)
{
	struct rte_ring **rings;
	unsigned int n = 0, i;
	char name[RTE_RING_NAMESIZE];
	int err = 0;

	rings = calloc(RTE_MAX_MEMZONE + 1, sizeof(*rings));
	TEST_ASSERT_NOT_NULL(rings, "calloc");
	for (n = 0; n <= RTE_MAX_MEMZONE; n++) {
		snprintf(name, sizeof(name), "rt_slot%u", n);
		rings[n] = rte_ring_create(name, 2, SOCKET_ID_ANY, 0);
		if (rings[n] == NULL) {
			err = rte_errno;
			break;
		}
	}
	for (i = 0; i < n; i++)
		rte_ring_free(rings[i]);
	free(rings);
	TEST_ASSERT(n <= RTE_MAX_MEMZONE, "%u rings made, table never full",
		n);
	TEST_ASSERT_EQUAL(err, ENOSPC, "ring %u failed with %s", n,
		rte_strerror(err));
	TEST_ASSERT_NULL(rte_ring_lookup("rt_slot0"), "ring left behind");
	return TEST_SUCCESS;
}

/* ---- behaviour in each mode --------------------------------------- */

/* fill to capacity, overflow, drain in order, underflow */
static int
rt_fill_drain(struct rte_ring *r, const char *mode)
{
	void *in[RT_SIZE * 2], *out[RT_SIZE * 2];
	unsigned int cap = rte_ring_get_capacity(r), fs = 0, av = 0, i;
	void *obj;

	for (i = 0; i < RTE_DIM(in); i++)
		in[i] = rt_val(i);
	TEST_ASSERT(rte_ring_empty(r) && !rte_ring_full(r), "%s: new", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in, cap + 1, &fs), 0u,
		"%s: bulk over capacity accepted", mode);
	TEST_ASSERT_EQUAL(fs, cap, "%s: free_space %u", mode, fs);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in, 3, &fs), 3u,
		"%s: bulk 3", mode);
	TEST_ASSERT_EQUAL(fs, cap - 3, "%s: free_space %u", mode, fs);
	TEST_ASSERT_EQUAL(rte_ring_enqueue(r, in[3]), 0, "%s: one", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, &in[4], cap, &fs),
		cap - 4, "%s: burst should stop at capacity", mode);
	TEST_ASSERT_EQUAL(fs, 0u, "%s: free_space %u when full", mode, fs);
	TEST_ASSERT(rte_ring_full(r) && !rte_ring_empty(r), "%s: full", mode);
	TEST_ASSERT_EQUAL(rte_ring_count(r), cap, "%s: count", mode);
	TEST_ASSERT_EQUAL(rte_ring_free_count(r), 0u, "%s: free", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue(r, in[0]), -ENOBUFS,
		"%s: enqueue on full", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, in, 1, NULL), 0u,
		"%s: burst on full", mode);

	TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, cap + 1, &av), 0u,
		"%s: bulk dequeue beyond count", mode);
	TEST_ASSERT_EQUAL(av, cap, "%s: available %u", mode, av);
	TEST_ASSERT_EQUAL(rte_ring_dequeue(r, &obj), 0, "%s: one", mode);
	TEST_ASSERT(obj == in[0], "%s: first out %p", mode, obj);
	TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, 5, &av), 5u,
		"%s: bulk 5", mode);
	TEST_ASSERT_EQUAL(av, cap - 6, "%s: available %u", mode, av);
	TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, &out[5], RT_SIZE * 2,
		&av), cap - 6, "%s: burst drains the rest", mode);
	TEST_ASSERT_EQUAL(av, 0u, "%s: available %u when empty", mode, av);
	for (i = 0; i < cap - 1; i++)
		TEST_ASSERT(out[i] == in[i + 1], "%s: out[%u] = %p", mode, i,
			out[i]);
	TEST_ASSERT(rte_ring_empty(r), "%s: empty after drain", mode);
	TEST_ASSERT_EQUAL(rte_ring_dequeue(r, &obj), -ENOENT,
		"%s: dequeue on empty", mode);
	TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, out, 4, NULL), 0u,
		"%s: burst on empty", mode);
	return TEST_SUCCESS;
}

/* many small round trips: positions go round the slot array many times */
static int
rt_wrap(struct rte_ring *r, const char *mode)
{
	void *in[7], *out[7];
	uintptr_t next_in = 0, next_out = 0;
	unsigned int round, i;

	for (round = 0; round < RT_SIZE * 3; round++) {
		for (i = 0; i < 7; i++)
			in[i] = rt_val(next_in++);
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in, 7, NULL), 7u,
			"%s: round %u enqueue", mode, round);
		/* keep a few behind so the fill level is not always 0 */
		if (round == 0)
			continue;
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, 7, NULL), 7u,
			"%s: round %u dequeue", mode, round);
		for (i = 0; i < 7; i++, next_out++)
			TEST_ASSERT(out[i] == rt_val(next_out),
				"%s: round %u got %p want %p", mode, round,
				out[i], rt_val(next_out));
	}
	TEST_ASSERT_EQUAL(rte_ring_count(r), 7u, "%s: count", mode);
	rte_ring_reset(r);
	TEST_ASSERT(rte_ring_empty(r), "%s: not empty after reset", mode);
	TEST_ASSERT_EQUAL(rte_ring_free_count(r), rte_ring_get_capacity(r),
		"%s: free_count after reset", mode);
	return rt_fill_drain(r, mode);
}

static int
test_ring_modes(void)
{
	unsigned int m;

	for (m = 0; m < RTE_DIM(rt_modes); m++) {
		struct rte_ring *r;
		int ret;

		r = rte_ring_create("rt_mode", RT_SIZE, SOCKET_ID_ANY,
			rt_modes[m].flags);
		TEST_ASSERT_NOT_NULL(r, "%s: create: %s", rt_modes[m].name,
			rte_strerror(rte_errno));
		TEST_ASSERT_EQUAL(rte_ring_get_size(r), RT_SIZE, "size");
		TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), RT_CAP, "cap");
		ret = rt_fill_drain(r, rt_modes[m].name);
		if (ret == TEST_SUCCESS)
			ret = rt_wrap(r, rt_modes[m].name);
		rte_ring_free(r);
		if (ret != TEST_SUCCESS)
			return ret;
	}
	return TEST_SUCCESS;
}

static int
test_ring_sync_types(void)
{
	struct rte_ring *r;

	r = rte_ring_create("rt_sync", RT_SIZE, SOCKET_ID_ANY,
		RING_F_SP_ENQ | RING_F_MC_RTS_DEQ);
	TEST_ASSERT_NOT_NULL(r, "create");
	TEST_ASSERT(rte_ring_is_prod_single(r), "prod not single");
	TEST_ASSERT(!rte_ring_is_cons_single(r), "cons single");
	TEST_ASSERT_EQUAL(rte_ring_get_prod_sync_type(r), RTE_RING_SYNC_ST,
		"prod type");
	TEST_ASSERT_EQUAL(rte_ring_get_cons_sync_type(r), RTE_RING_SYNC_MT_RTS,
		"cons type");
	TEST_ASSERT_EQUAL(rte_ring_get_prod_htd_max(r), UINT32_MAX,
		"htd_max of an ST side");
	TEST_ASSERT_EQUAL(rte_ring_set_prod_htd_max(r, 4), -ENOTSUP,
		"set htd_max on an ST side");
	TEST_ASSERT(rte_ring_get_cons_htd_max(r) > 0 &&
		rte_ring_get_cons_htd_max(r) < RT_CAP, "default htd_max %u",
		rte_ring_get_cons_htd_max(r));
	TEST_ASSERT_SUCCESS(rte_ring_set_cons_htd_max(r, 1), "set htd_max");
	TEST_ASSERT_EQUAL(rte_ring_get_cons_htd_max(r), 1u, "htd_max");
	/* a tight limit must not stop a lone consumer */
	if (rt_fill_drain(r, "sp_rts1") != TEST_SUCCESS)
		return TEST_FAILED;
	rte_ring_free(r);
	return TEST_SUCCESS;
}

/* the explicit mp/sp/mc/sc forms on a ring whose defaults say otherwise */
static int
test_ring_explicit_forms(void)
{
	void *in[8], *out[8], *obj;
	struct rte_ring *r;
	unsigned int i;

	for (i = 0; i < 8; i++)
		in[i] = rt_val(i);
	r = rte_ring_create("rt_forms", 16, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "create");
	TEST_ASSERT_EQUAL(rte_ring_mp_enqueue_bulk(r, in, 2, NULL), 2u, "mp");
	TEST_ASSERT_EQUAL(rte_ring_sp_enqueue_bulk(r, &in[2], 2, NULL), 2u,
		"sp");
	TEST_ASSERT_EQUAL(rte_ring_mp_enqueue_burst(r, &in[4], 1, NULL), 1u,
		"mp burst");
	TEST_ASSERT_EQUAL(rte_ring_sp_enqueue_burst(r, &in[5], 1, NULL), 1u,
		"sp burst");
	TEST_ASSERT_SUCCESS(rte_ring_mp_enqueue(r, in[6]), "mp one");
	TEST_ASSERT_SUCCESS(rte_ring_sp_enqueue(r, in[7]), "sp one");
	TEST_ASSERT_EQUAL(rte_ring_mc_dequeue_bulk(r, out, 2, NULL), 2u, "mc");
	TEST_ASSERT_EQUAL(rte_ring_sc_dequeue_bulk(r, &out[2], 2, NULL), 2u,
		"sc");
	TEST_ASSERT_EQUAL(rte_ring_mc_dequeue_burst(r, &out[4], 1, NULL), 1u,
		"mc burst");
	TEST_ASSERT_EQUAL(rte_ring_sc_dequeue_burst(r, &out[5], 1, NULL), 1u,
		"sc burst");
	TEST_ASSERT_SUCCESS(rte_ring_mc_dequeue(r, &out[6]), "mc one");
	TEST_ASSERT_SUCCESS(rte_ring_sc_dequeue(r, &out[7]), "sc one");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out, sizeof(in), "order");
	TEST_ASSERT_EQUAL(rte_ring_sc_dequeue(r, &obj), -ENOENT, "sc empty");
	TEST_ASSERT_EQUAL(rte_ring_mc_dequeue(r, &obj), -ENOENT, "mc empty");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

/* the explicit RTS and HTS entry points, pointer and element forms */
static int
test_ring_rts_hts_forms(void)
{
	void *in[4], *out[4];
	uint32_t ein[3] = { 5, 6, 7 }, eout[3];
	struct rte_ring *h, *t;
	unsigned int i;

	for (i = 0; i < 4; i++)
		in[i] = rt_val(i);
	h = rte_ring_create("rt_hts", 4, SOCKET_ID_ANY, RING_F_MP_HTS_ENQ |
		RING_F_MC_HTS_DEQ);
	t = rte_ring_create_elem("rt_rts", sizeof(ein), 8, SOCKET_ID_ANY,
		RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ);
	TEST_ASSERT(h != NULL && t != NULL, "create");
	TEST_ASSERT_EQUAL(rte_ring_mp_hts_enqueue_bulk(h, in, 2, NULL), 2u,
		"hts bulk");
	TEST_ASSERT_EQUAL(rte_ring_mp_hts_enqueue_burst(h, &in[2], 2, NULL),
		1u, "hts burst to capacity");
	TEST_ASSERT_EQUAL(rte_ring_mc_hts_dequeue_bulk(h, out, 4, NULL), 0u,
		"hts bulk beyond count");
	TEST_ASSERT_EQUAL(rte_ring_mc_hts_dequeue_bulk(h, out, 2, NULL), 2u,
		"hts bulk out");
	TEST_ASSERT_EQUAL(rte_ring_mc_hts_dequeue_burst(h, &out[2], 2, NULL),
		1u, "hts burst out");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out, 3 * sizeof(void *),
		"hts order");

	for (i = 0; i < 7; i++)
		TEST_ASSERT_EQUAL(rte_ring_mp_rts_enqueue_bulk_elem(t, ein,
			sizeof(ein), 1, NULL), 1u, "rts elem %u", i);
	TEST_ASSERT_EQUAL(rte_ring_mp_rts_enqueue_burst_elem(t, ein,
		sizeof(ein), 1, NULL), 0u, "rts elem on full");
	TEST_ASSERT_EQUAL(rte_ring_mc_rts_dequeue_bulk_elem(t, eout,
		sizeof(ein), 1, NULL), 1u, "rts elem out");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(ein, eout, sizeof(ein), "rts data");
	TEST_ASSERT_EQUAL(rte_ring_mc_rts_dequeue_burst_elem(t, eout,
		sizeof(ein), 1, NULL), 1u, "rts elem burst out");
	TEST_ASSERT_EQUAL(rte_ring_count(t), 5u, "rts count");
	rte_ring_free(h);
	rte_ring_free(t);

	t = rte_ring_create("rt_rts", 8, SOCKET_ID_ANY, RING_F_MP_RTS_ENQ |
		RING_F_MC_RTS_DEQ);
	TEST_ASSERT_NOT_NULL(t, "create rts");
	TEST_ASSERT_EQUAL(rte_ring_mp_rts_enqueue_bulk(t, in, 4, NULL), 4u,
		"rts bulk");
	TEST_ASSERT_EQUAL(rte_ring_mp_rts_enqueue_burst(t, in, 4, NULL), 3u,
		"rts burst to capacity");
	TEST_ASSERT_EQUAL(rte_ring_mc_rts_dequeue_bulk(t, out, 4, NULL), 4u,
		"rts bulk out");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out, sizeof(in), "rts order");
	TEST_ASSERT_EQUAL(rte_ring_mc_rts_dequeue_burst(t, out, 4, NULL), 3u,
		"rts burst out");
	rte_ring_free(t);
	return TEST_SUCCESS;
}

/* RING_F_EXACT_SZ: capacity is the count asked for, slots round up */
static int
test_ring_exact_size(void)
{
	void *in[128], *out[128];
	struct rte_ring *r;
	unsigned int i;

	for (i = 0; i < RTE_DIM(in); i++)
		in[i] = rt_val(i);
	r = rte_ring_create("rt_exact", 100, SOCKET_ID_ANY, RING_F_EXACT_SZ);
	TEST_ASSERT_NOT_NULL(r, "create: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), 100u, "capacity");
	TEST_ASSERT_EQUAL(rte_ring_get_size(r), 128u, "size");
	/* a power of 2 asked exactly still gets all of it usable */
	for (i = 0; i < 3; i++) {
		TEST_ASSERT_EQUAL(rte_ring_enqueue_burst(r, in, 128, NULL),
			100u, "burst fills exactly 100 (round %u)", i);
		TEST_ASSERT(rte_ring_full(r), "full");
		TEST_ASSERT_EQUAL(rte_ring_count(r), 100u, "count");
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst(r, out, 128, NULL),
			100u, "burst drains 100");
		TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out, 100 * sizeof(void *),
			"order");
		/* shift the positions so the next round wraps */
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk(r, in, 37, NULL), 37u,
			"shift");
		TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk(r, out, 37, NULL), 37u,
			"shift");
	}
	rte_ring_free(r);
	r = rte_ring_create("rt_exact", 64, SOCKET_ID_ANY, RING_F_EXACT_SZ);
	TEST_ASSERT_NOT_NULL(r, "create 64 exact");
	TEST_ASSERT_EQUAL(rte_ring_get_capacity(r), 64u, "capacity 64");
	TEST_ASSERT_EQUAL(rte_ring_get_size(r), 128u, "size 128");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

/* head and tail counters crossing 2^32 in each mode */
static int
test_ring_counter_wrap(void)
{
	ssize_t sz = rte_ring_get_memsize(16);
	unsigned int m;
	struct rte_ring *r;

	r = rte_zmalloc("rt_cwrap", sz, RTE_CACHE_LINE_SIZE);
	TEST_ASSERT_NOT_NULL(r, "rte_zmalloc");
	for (m = 0; m < RTE_DIM(rt_modes); m++) {
		const uint32_t start = UINT32_MAX - 20;
		struct rte_ring_hts_headtail *h[2] = {
			&r->hts_prod, &r->hts_cons };
		struct rte_ring_rts_headtail *t[2] = {
			&r->rts_prod, &r->rts_cons };
		struct rte_ring_headtail *p[2] = { &r->prod, &r->cons };
		int side, ret;

		TEST_ASSERT_SUCCESS(rte_ring_init(r, "rt_cwrap", 16,
			rt_modes[m].flags), "init %s", rt_modes[m].name);
		for (side = 0; side < 2; side++) {
			switch (p[side]->sync_type) {
			case RTE_RING_SYNC_MT_HTS:
				h[side]->ht.pos.head = start;
				h[side]->ht.pos.tail = start;
				break;
			case RTE_RING_SYNC_MT_RTS:
				t[side]->head.val.pos = start;
				t[side]->tail.val.pos = start;
				break;
			default:
				p[side]->head = start;
				p[side]->tail = start;
			}
		}
		ret = rt_wrap(r, rt_modes[m].name);
		if (ret != TEST_SUCCESS) {
			rte_free(r);
			return ret;
		}
	}
	rte_free(r);
	return TEST_SUCCESS;
}

/* ---- element rings ------------------------------------------------- */

static void
rt_fill_pattern(uint8_t *buf, size_t len, unsigned int seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (uint8_t)(seed * 31 + i * 7 + 1);
}

static int
rt_elem_one(unsigned int esize, unsigned int flags)
{
	uint8_t in[40 * 24], out[40 * 24 + 4];
	unsigned int round, n, fs, av;
	struct rte_ring *r;

	r = rte_ring_create_elem("rt_elem", esize, 32, SOCKET_ID_ANY, flags);
	TEST_ASSERT_NOT_NULL(r, "esize %u: %s", esize,
		rte_strerror(rte_errno));
	for (round = 0; round < 40; round++) {
		n = 1 + round % 24;
		rt_fill_pattern(in, n * esize, round);
		memset(out, 0, sizeof(out));
		TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_elem(r, in, esize, n,
			&fs), n, "esize %u round %u enqueue", esize, round);
		TEST_ASSERT_EQUAL(fs, 31 - n, "free_space %u", fs);
		TEST_ASSERT_EQUAL(rte_ring_dequeue_burst_elem(r, out, esize,
			32, &av), n, "esize %u round %u dequeue", esize,
			round);
		TEST_ASSERT_EQUAL(av, 0u, "available %u", av);
		TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out, n * esize,
			"esize %u round %u data", esize, round);
		/* the byte after the last object must be untouched */
		TEST_ASSERT_EQUAL(out[n * esize], 0, "esize %u overrun",
			esize);
	}
	rt_fill_pattern(in, esize, 99);
	TEST_ASSERT_SUCCESS(rte_ring_enqueue_elem(r, in, esize), "one");
	/* the mp/mc forms only fit sides kept as plain head/tail (MT, ST) */
	if (rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_MT ||
			rte_ring_is_prod_single(r))
		TEST_ASSERT_SUCCESS(rte_ring_mp_enqueue_elem(r, in, esize),
			"mp");
	else
		TEST_ASSERT_SUCCESS(rte_ring_enqueue_elem(r, in, esize), "2");
	TEST_ASSERT_SUCCESS(rte_ring_dequeue_elem(r, out, esize), "one");
	if (rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_MT ||
			rte_ring_is_cons_single(r))
		TEST_ASSERT_SUCCESS(rte_ring_mc_dequeue_elem(r, out + esize,
			esize), "mc");
	else
		TEST_ASSERT_SUCCESS(rte_ring_dequeue_elem(r, out + esize,
			esize), "2");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out, esize, "single");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out + esize, esize, "single mc");
	TEST_ASSERT_EQUAL(rte_ring_dequeue_elem(r, out, esize), -ENOENT,
		"empty");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst_elem(r, in, esize, 24,
		NULL), 24u, "burst 24");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst_elem(r, in, esize, 24,
		NULL), 7u, "burst to capacity");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_elem(r, in, esize), -ENOBUFS,
		"full");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

static int
test_ring_elem_sizes(void)
{
	static const unsigned int sizes[] = { 4, 8, 12, 16, 20, 24, 40 };
	unsigned int i, m;

	for (i = 0; i < RTE_DIM(sizes); i++)
		for (m = 0; m < RTE_DIM(rt_modes); m++)
			if (rt_elem_one(sizes[i], rt_modes[m].flags) !=
					TEST_SUCCESS) {
				printf("failed in mode %s\n",
					rt_modes[m].name);
				return TEST_FAILED;
			}
	TEST_ASSERT(rte_ring_get_memsize_elem(16, 64) >
		rte_ring_get_memsize_elem(4, 64), "memsize grows with esize");
	return TEST_SUCCESS;
}

/* ---- peek API ------------------------------------------------------ */

static int
rt_peek_one(unsigned int flags, const char *mode)
{
	void *in[8], *out[8];
	struct rte_ring *r;
	unsigned int i, fs;

	for (i = 0; i < 8; i++)
		in[i] = rt_val(i);
	r = rte_ring_create("rt_peek", 8, SOCKET_ID_ANY, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: create", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_start(r, 5, &fs), 5u,
		"%s: enqueue start", mode);
	TEST_ASSERT_EQUAL(fs, 2u, "%s: free after start", mode);
	/* nothing is visible until the finish */
	TEST_ASSERT(rte_ring_empty(r), "%s: visible before finish", mode);
	rte_ring_enqueue_finish(r, in, 3);
	TEST_ASSERT_EQUAL(rte_ring_count(r), 3u, "%s: count", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst_start(r, 10, NULL), 4u,
		"%s: burst start", mode);
	rte_ring_enqueue_finish(r, &in[3], 4);
	TEST_ASSERT(rte_ring_full(r), "%s: full", mode);

	TEST_ASSERT_EQUAL(rte_ring_dequeue_bulk_start(r, out, 4, NULL), 4u,
		"%s: dequeue start", mode);
	TEST_ASSERT_BUFFERS_ARE_EQUAL(in, out, 4 * sizeof(void *),
		"%s: peeked", mode);
	rte_ring_dequeue_finish(r, 2);
	TEST_ASSERT_EQUAL(rte_ring_count(r), 5u, "%s: two taken", mode);
	TEST_ASSERT_EQUAL(rte_ring_dequeue_burst_start(r, out, 8, NULL), 5u,
		"%s: burst start", mode);
	TEST_ASSERT(out[0] == in[2] && out[4] == in[6], "%s: rest", mode);
	rte_ring_dequeue_finish(r, 5);
	TEST_ASSERT(rte_ring_empty(r), "%s: empty", mode);
	rte_ring_free(r);
	return TEST_SUCCESS;
}

static int
test_ring_peek(void)
{
	TEST_ASSERT_SUCCESS(rt_peek_one(RING_F_SP_ENQ | RING_F_SC_DEQ, "st"),
		"st");
	TEST_ASSERT_SUCCESS(rt_peek_one(RING_F_MP_HTS_ENQ |
		RING_F_MC_HTS_DEQ, "hts"), "hts");
	return TEST_SUCCESS;
}

/* zero-copy: a claim that wraps comes in two pieces, partial publish */
static int
rt_zc_one(unsigned int flags, const char *mode)
{
	struct rte_ring_zc_data zcd;
	uint64_t *slot, v[2], got;
	struct rte_ring *r;
	unsigned int i, fs, av;
	/* static: gcc -O3 cannot see through the inlined copy that the
	 * three 16-byte elements stay inside it */
	static void *tmp[6];

	r = rte_ring_create_elem("rt_zc", 16, 8, SOCKET_ID_ANY, flags);
	TEST_ASSERT_NOT_NULL(r, "%s: create", mode);
	/* move the positions to 6 so a claim of 5 wraps after 2 */
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst_elem(r, tmp, 16, 3, NULL),
		3u, "%s: shift", mode);
	TEST_ASSERT_EQUAL(rte_ring_dequeue_burst_elem(r, tmp, 16, 3, NULL),
		3u, "%s: shift", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_burst_elem(r, tmp, 16, 3, NULL),
		3u, "%s: shift", mode);
	TEST_ASSERT_EQUAL(rte_ring_dequeue_burst_elem(r, tmp, 16, 3, NULL),
		3u, "%s: shift", mode);
	TEST_ASSERT_EQUAL(rte_ring_enqueue_zc_bulk_elem_start(r, 16, 5, &zcd,
		&fs), 5u, "%s: zc enqueue start", mode);
	TEST_ASSERT_EQUAL(fs, 2u, "%s: free %u", mode, fs);
	TEST_ASSERT(zcd.n1 == 2 && zcd.ptr2 != NULL, "%s: n1 %u ptr2 %p",
		mode, zcd.n1, zcd.ptr2);
	for (i = 0; i < 5; i++) {
		slot = (uint64_t *)(i < zcd.n1 ?
			(uint8_t *)zcd.ptr1 + i * 16 :
			(uint8_t *)zcd.ptr2 + (i - zcd.n1) * 16);
		slot[0] = 100 + i;
		slot[1] = 200 + i;
	}
	TEST_ASSERT(rte_ring_empty(r), "%s: visible before finish", mode);
	rte_ring_enqueue_zc_elem_finish(r, 4);
	TEST_ASSERT_EQUAL(rte_ring_count(r), 4u, "%s: count", mode);

	TEST_ASSERT_EQUAL(rte_ring_dequeue_zc_burst_elem_start(r, 16, 8, &zcd,
		&av), 4u, "%s: zc dequeue start", mode);
	TEST_ASSERT(av == 0 && zcd.n1 == 2, "%s: av %u n1 %u", mode, av,
		zcd.n1);
	for (i = 0; i < 4; i++) {
		slot = (uint64_t *)(i < zcd.n1 ?
			(uint8_t *)zcd.ptr1 + i * 16 :
			(uint8_t *)zcd.ptr2 + (i - zcd.n1) * 16);
		TEST_ASSERT(slot[0] == 100 + i && slot[1] == 200 + i,
			"%s: object %u is %" PRIu64, mode, i, slot[0]);
	}
	rte_ring_dequeue_zc_elem_finish(r, 3);
	TEST_ASSERT_EQUAL(rte_ring_count(r), 1u, "%s: one left", mode);
	TEST_ASSERT_SUCCESS(rte_ring_dequeue_elem(r, v, 16), "%s: last", mode);
	got = v[0];
	TEST_ASSERT_EQUAL(got, 103u, "%s: last object", mode);
	rte_ring_free(r);
	return TEST_SUCCESS;
}

static int
test_ring_zero_copy(void)
{
	struct rte_ring_zc_data zcd;
	struct rte_ring *r;

	TEST_ASSERT_SUCCESS(rt_zc_one(RING_F_SP_ENQ | RING_F_SC_DEQ, "st"),
		"st");
	TEST_ASSERT_SUCCESS(rt_zc_one(RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ,
		"hts"), "hts");
	TEST_ASSERT_SUCCESS(rt_zc_one(RING_F_SP_ENQ | RING_F_MC_HTS_DEQ,
		"st/hts"), "st/hts");
	/* an MT side cannot hold a claim open: the start refuses */
	r = rte_ring_create("rt_zc_mt", 8, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "create");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_zc_burst_start(r, 2, &zcd, NULL),
		0u, "zc start on an MT ring");
	TEST_ASSERT_EQUAL(rte_ring_enqueue_bulk_start(r, 2, NULL), 0u,
		"peek start on an MT ring");
	TEST_ASSERT(rte_ring_empty(r), "MT ring changed");
	rte_ring_free(r);
	return TEST_SUCCESS;
}

/* ---- lookup, list, dump, init/free -------------------------------- */

static int
rt_dump_has(void (*fn)(FILE *, const struct rte_ring *),
		const struct rte_ring *r, const char *what)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int found;

	if (f == NULL)
		return 0;
	if (fn != NULL)
		fn(f, r);
	else
		rte_ring_list_dump(f);
	fclose(f);
	found = buf != NULL && strstr(buf, what) != NULL;
	free(buf);
	return found;
}

static int
test_ring_lookup_dump(void)
{
	struct rte_ring *a, *b, *c;
	ssize_t sz;

	a = rte_ring_create("rt_look_a", 32, SOCKET_ID_ANY, 0);
	b = rte_ring_create_elem("rt_look_b", 16, 32, SOCKET_ID_ANY,
		RING_F_MP_HTS_ENQ);
	TEST_ASSERT(a != NULL && b != NULL, "create");
	TEST_ASSERT(rte_ring_lookup("rt_look_a") == a, "lookup a");
	TEST_ASSERT(rte_ring_lookup("rt_look_b") == b, "lookup b");
	TEST_ASSERT_NOT_NULL(a->memzone, "no memzone");
	TEST_ASSERT_NOT_NULL(rte_memzone_lookup(RTE_RING_MZ_PREFIX
		"rt_look_a"), "memzone not named after the ring");
	rte_errno = 0;
	TEST_ASSERT_NULL(rte_ring_lookup("rt_look_none"), "unknown found");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "rte_errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_ring_lookup(NULL), "NULL found");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT(rt_dump_has(NULL, NULL, "rt_look_a") &&
		rt_dump_has(NULL, NULL, "rt_look_b"), "list dump");
	TEST_ASSERT(rt_dump_has(rte_ring_dump, b, "MT_HTS"), "dump mode");
	TEST_ASSERT(rt_dump_has(rte_ring_dump, a, "capacity=31"),
		"dump capacity");

	/* a ring in caller memory is neither listed nor freed */
	sz = rte_ring_get_memsize(32);
	c = rte_zmalloc("rt_init", sz, RTE_CACHE_LINE_SIZE);
	TEST_ASSERT_NOT_NULL(c, "rte_zmalloc");
	TEST_ASSERT_EQUAL(rte_ring_init(c, "rt_look_c", 30, 0), -EINVAL,
		"init with count 30");
	TEST_ASSERT_EQUAL(rte_ring_init(c, "rt_look_c", 32, RING_F_SP_ENQ |
		RING_F_MP_RTS_ENQ), -EINVAL, "init with two modes");
	TEST_ASSERT_SUCCESS(rte_ring_init(c, "rt_look_c", 32, 0), "init");
	TEST_ASSERT_NULL(rte_ring_lookup("rt_look_c"), "init ring listed");
	TEST_ASSERT_NULL(c->memzone, "init ring has a memzone");
	rte_ring_free(c);
	TEST_ASSERT_SUCCESS(rte_ring_enqueue(c, c), "init ring usable after a "
		"refused free");
	rte_free(c);

	rte_ring_free(a);
	TEST_ASSERT_NULL(rte_ring_lookup("rt_look_a"), "a after free");
	TEST_ASSERT_NULL(rte_memzone_lookup(RTE_RING_MZ_PREFIX "rt_look_a"),
		"memzone left after free");
	TEST_ASSERT(rte_ring_lookup("rt_look_b") == b, "b after freeing a");
	rte_ring_free(b);
	TEST_ASSERT(!rt_dump_has(NULL, NULL, "rt_look_b"), "b still listed");
	/* the name is free again */
	a = rte_ring_create("rt_look_a", 32, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(a, "re-create");
	rte_ring_free(a);
	return TEST_SUCCESS;
}

/* ---- two-lcore stress ---------------------------------------------- */

#define RS_OBJS (1u << 20)
#define RS_BURST 24
#define RS_MAX_ESIZE 16

/* one stress run: sync mode, threads per side, element size, RTS limit */
struct rs_spec {
	const char *name;
	unsigned int flags;
	unsigned int producers;  /* threads that enqueue (1 or 2) */
	unsigned int consumers;  /* threads that dequeue (1 or 2) */
	unsigned int esize;      /* 8, 12 or 16 */
	uint32_t htd_max;        /* RTS head-tail limit, 0: default */
};

struct rs_ctx {
	const struct rs_spec *spec;
	struct rte_ring *r;
	uint8_t *seen;           /* RS_OBJS counters, one per object */
	volatile int go;
	unsigned int taken;      /* objects dequeued in total */
	unsigned int bad;        /* torn or out-of-range objects */
};

/* object v as esize bytes: the value, then check words derived from it */
static void
rs_make(uint32_t v, unsigned int esize, uint32_t *dst)
{
	unsigned int i;

	dst[0] = v;
	for (i = 1; i < esize / 4; i++)
		dst[i] = v * 2654435761u + i;
}

/* the value of an object, or UINT32_MAX if it is torn or out of range */
static uint32_t
rs_check(const uint32_t *src, unsigned int esize)
{
	unsigned int i;

	for (i = 1; i < esize / 4; i++)
		if (src[i] != src[0] * 2654435761u + i)
			return UINT32_MAX;
	return src[0] < RS_OBJS ? src[0] : UINT32_MAX;
}

/* dequeue a burst and count what came; the running total */
static unsigned int
rs_take(struct rs_ctx *c, uint32_t *buf)
{
	unsigned int esize = c->spec->esize, n, i;

	n = rte_ring_dequeue_burst_elem(c->r, buf, esize, RS_BURST, NULL);
	for (i = 0; i < n; i++) {
		uint32_t v = rs_check(&buf[i * esize / 4], esize);

		if (v == UINT32_MAX)
			__atomic_fetch_add(&c->bad, 1, __ATOMIC_RELAXED);
		else
			__atomic_fetch_add(&c->seen[v], 1, __ATOMIC_RELAXED);
	}
	return __atomic_add_fetch(&c->taken, n, __ATOMIC_RELAXED);
}

/* thread idx (0, 1): enqueue its share if a producer, dequeue if a consumer */
static int
rs_worker(struct rs_ctx *c, unsigned int idx)
{
	const struct rs_spec *sp = c->spec;
	int prod = sp->producers == 2 || idx == 0;
	int cons = sp->consumers == 2 || idx == 1;
	uint32_t step = sp->producers == 2 ? 2 : 1;
	uint32_t next = prod ? (sp->producers == 2 ? idx : 0) : RS_OBJS;
	uint32_t buf[RS_BURST * RS_MAX_ESIZE / 4];
	unsigned int n, done;

	while (!c->go)
		rte_pause();
	for (;;) {
		if (next < RS_OBJS) {
			for (n = 0; n < RS_BURST && next + n * step < RS_OBJS;
					n++)
				rs_make(next + n * step, sp->esize,
					&buf[n * sp->esize / 4]);
			done = rte_ring_enqueue_burst_elem(c->r, buf,
				sp->esize, n, NULL);
			next += done * step;
		}
		if (cons) {
			if (rs_take(c, buf) >= RS_OBJS)
				break;
		} else if (next >= RS_OBJS) {
			break;
		}
	}
	return 0;
}

static int
rs_lcore(void *arg)
{
	return rs_worker(arg, 1);
}

static int
rs_run(const struct rs_spec *sp, uint8_t *seen)
{
	struct rs_ctx c = { .spec = sp, .seen = seen };
	unsigned int worker = rte_get_next_lcore(-1, 1, 0), i, dup = 0;
	unsigned int missing = 0;

	memset(seen, 0, RS_OBJS);
	c.r = rte_ring_create_elem("rt_stress", sp->esize, 512,
		SOCKET_ID_ANY, sp->flags);
	TEST_ASSERT_NOT_NULL(c.r, "%s: create", sp->name);
	if (sp->htd_max != 0) {
		rte_ring_set_prod_htd_max(c.r, sp->htd_max);
		rte_ring_set_cons_htd_max(c.r, sp->htd_max);
	}
	TEST_ASSERT_SUCCESS(rte_eal_remote_launch(rs_lcore, &c, worker),
		"launch on lcore %u", worker);
	c.go = 1;
	rs_worker(&c, 0);
	rte_eal_wait_lcore(worker);
	for (i = 0; i < RS_OBJS; i++) {
		missing += seen[i] == 0;
		dup += seen[i] > 1;
	}
	printf("ring stress %-10s %uP/%uC esize %2u: %u objects, %u missing, "
		"%u twice, %u bad\n", sp->name, sp->producers, sp->consumers,
		sp->esize, c.taken, missing, dup, c.bad);
	TEST_ASSERT(rte_ring_empty(c.r), "%s: objects left over", sp->name);
	rte_ring_free(c.r);
	TEST_ASSERT(missing == 0 && dup == 0 && c.bad == 0 &&
		c.taken == RS_OBJS, "%s: every object must come out once",
		sp->name);
	return TEST_SUCCESS;
}

static const struct rs_spec rs_specs[] = {
	{ "mp/mc", 0, 2, 2, 8, 0 },
	{ "rts", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, 2, 2, 8, 0 },
	{ "rts htd=1", RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ, 2, 2, 8, 1 },
	{ "hts", RING_F_MP_HTS_ENQ | RING_F_MC_HTS_DEQ, 2, 2, 8, 0 },
	{ "sp/sc", RING_F_SP_ENQ | RING_F_SC_DEQ, 1, 1, 8, 0 },
	{ "sp/mc", RING_F_SP_ENQ, 1, 2, 8, 0 },
	{ "mp/sc", RING_F_SC_DEQ, 2, 1, 8, 0 },
	{ "mp/mc", 0, 2, 2, 12, 0 },
	{ "rts/hts", RING_F_MP_RTS_ENQ | RING_F_MC_HTS_DEQ, 2, 2, 16, 0 },
};

static int
test_ring_stress(void)
{
	uint8_t *seen;
	unsigned int i;
	int ret = TEST_SUCCESS;

	if (rte_lcore_count() < 2) {
		printf("ring stress needs 2 lcores (-l 0-1), has %u\n",
			rte_lcore_count());
		return TEST_SKIPPED;
	}
	seen = malloc(RS_OBJS);
	TEST_ASSERT_NOT_NULL(seen, "malloc");
	for (i = 0; i < RTE_DIM(rs_specs) && ret == TEST_SUCCESS; i++)
		ret = rs_run(&rs_specs[i], seen);
	free(seen);
	return ret;
}

static struct unit_test_suite ring_suite = {
	.suite_name = "ring autotest",
	.unit_test_cases = {
		TEST_CASE(test_ring_bad_args),
		TEST_CASE(test_ring_no_memzone_slot),
		TEST_CASE(test_ring_modes),
		TEST_CASE(test_ring_sync_types),
		TEST_CASE(test_ring_explicit_forms),
		TEST_CASE(test_ring_rts_hts_forms),
		TEST_CASE(test_ring_exact_size),
		TEST_CASE(test_ring_counter_wrap),
		TEST_CASE(test_ring_elem_sizes),
		TEST_CASE(test_ring_peek),
		TEST_CASE(test_ring_zero_copy),
		TEST_CASE(test_ring_lookup_dump),
		TEST_CASE(test_ring_stress),
		TEST_CASES_END()
	}
};

static int
test_ring(void)
{
	return unit_test_suite_runner(&ring_suite);
}

REGISTER_TEST_COMMAND(ring_autotest, test_ring);

/* ---- secondary process --------------------------------------------- */

#define RMP_RING "rt_mp_ring"
#define RMP_ELEM_RING "rt_mp_elem"
#define RMP_SEC_RING "rt_mp_sec"
#define RMP_N 100u

/* in the secondary: take the primary's objects, answer with new ones */
static int
test_ring_mp_secondary(void)
{
	struct rte_ring *r, *e;
	uint32_t elem[3];
	void *obj;
	unsigned int i;

	TEST_ASSERT_EQUAL(rte_eal_process_type(), RTE_PROC_SECONDARY,
		"not a secondary");
	r = rte_ring_lookup(RMP_RING);
	e = rte_ring_lookup(RMP_ELEM_RING);
	TEST_ASSERT(r != NULL && e != NULL, "secondary cannot find the rings");
	TEST_ASSERT_EQUAL(rte_ring_count(r), RMP_N, "count %u",
		rte_ring_count(r));
	for (i = 0; i < RMP_N; i++) {
		TEST_ASSERT_SUCCESS(rte_ring_dequeue(r, &obj), "dequeue %u", i);
		TEST_ASSERT(obj == rt_val(i), "object %u is %p", i, obj);
	}
	TEST_ASSERT(rte_ring_empty(r), "not empty");
	for (i = 0; i < RMP_N / 2; i++)
		TEST_ASSERT_SUCCESS(rte_ring_enqueue(r, rt_val(1000 + i)),
			"enqueue %u", i);
	TEST_ASSERT_SUCCESS(rte_ring_dequeue_elem(e, elem, sizeof(elem)),
		"elem dequeue");
	TEST_ASSERT(elem[0] == 1 && elem[1] == 2 && elem[2] == 3,
		"elem %u %u %u", elem[0], elem[1], elem[2]);
	elem[0] = 7;
	TEST_ASSERT_SUCCESS(rte_ring_enqueue_elem(e, elem, sizeof(elem)),
		"elem enqueue");
	/* a ring made here must outlive this process for the primary */
	r = rte_ring_create(RMP_SEC_RING, 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(r, "secondary cannot create a ring: %s",
		rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_ring_enqueue(r, rt_val(4242)), "enqueue");
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(ring_mp_secondary, test_ring_mp_secondary);

static int
rmp_check_answer(struct rte_ring *r, struct rte_ring *e)
{
	struct rte_ring *sec;
	uint32_t elem[3];
	int ret;
	void *obj;
	unsigned int i;

	TEST_ASSERT_EQUAL(rte_ring_count(r), RMP_N / 2, "primary sees %u",
		rte_ring_count(r));
	for (i = 0; i < RMP_N / 2; i++) {
		TEST_ASSERT_SUCCESS(rte_ring_dequeue(r, &obj), "dequeue %u", i);
		TEST_ASSERT(obj == rt_val(1000 + i), "object %u is %p", i,
			obj);
	}
	TEST_ASSERT_SUCCESS(rte_ring_dequeue_elem(e, elem, sizeof(elem)),
		"elem answer");
	TEST_ASSERT(elem[0] == 7 && elem[1] == 2 && elem[2] == 3,
		"elem %u %u %u", elem[0], elem[1], elem[2]);
	sec = rte_ring_lookup(RMP_SEC_RING);
	TEST_ASSERT_NOT_NULL(sec, "the secondary's ring is not listed");
	ret = rte_ring_dequeue(sec, &obj);
	rte_ring_free(sec);
	TEST_ASSERT_SUCCESS(ret, "the secondary's ring is empty");
	TEST_ASSERT(obj == rt_val(4242), "its object is %p", obj);
	return TEST_SUCCESS;
}

static int
test_ring_mp(void)
{
	uint32_t elem[3] = { 1, 2, 3 };
	struct rte_ring *r, *e;
	unsigned int i;
	int pid, status, ret;

	r = rte_ring_create(RMP_RING, 256, SOCKET_ID_ANY, 0);
	e = rte_ring_create_elem(RMP_ELEM_RING, sizeof(elem), 16,
		SOCKET_ID_ANY, RING_F_MP_HTS_ENQ | RING_F_MC_RTS_DEQ);
	TEST_ASSERT(r != NULL && e != NULL, "create: %s",
		rte_strerror(rte_errno));
	for (i = 0; i < RMP_N; i++)
		TEST_ASSERT_SUCCESS(rte_ring_enqueue(r, rt_val(i)), "enqueue");
	TEST_ASSERT_SUCCESS(rte_ring_enqueue_elem(e, elem, sizeof(elem)),
		"elem enqueue");

	pid = test_spawn_child("ring_mp_secondary", test_secondary_args(NULL));
	TEST_ASSERT(pid > 0, "cannot start the secondary");
	status = test_wait_child(pid);
	ret = status == 0 ? rmp_check_answer(r, e) : TEST_FAILED;
	if (status != 0)
		printf("secondary exited with %d\n", status);
	rte_ring_free(r);
	rte_ring_free(e);
	return ret;
}

REGISTER_TEST_COMMAND(ring_mp_autotest, test_ring_mp);
