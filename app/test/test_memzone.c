/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memzone_autotest: reserve/lookup/free/walk, every argument error DPDK
 * defines, page-size flags, alignment and boundary, the biggest zone, and
 * IOVA-contiguous zones checked page by page. heap_check() after each step.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "malloc_elem.h"
#include "malloc_heap.h"
#include "test.h"

#define HEAP_OK() TEST_ASSERT_SUCCESS(malloc_heap_check_all(), \
		"heap_check failed (see stderr)")

static int
test_reserve_lookup_free(void)
{
	const struct rte_memzone *mz, *mz2;

	mz = rte_memzone_reserve("tmz_a", 1000, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve: %s", rte_strerror(rte_errno));
	TEST_ASSERT(mz->len >= 1000, "len %zu", mz->len);
	TEST_ASSERT(((uintptr_t)mz->addr & (RTE_CACHE_LINE_SIZE - 1)) == 0,
			"addr %p not cache aligned", mz->addr);
	TEST_ASSERT_EQUAL(mz->iova, rte_mem_virt2iova(mz->addr), "iova");
	TEST_ASSERT_EQUAL(strcmp(mz->name, "tmz_a"), 0, "name");
	memset(mz->addr, 0x5a, mz->len);
	HEAP_OK();
	TEST_ASSERT(rte_memzone_lookup("tmz_a") == mz, "lookup");
	TEST_ASSERT_NULL(rte_memzone_lookup("tmz_none"), "lookup of none");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "lookup errno %d", rte_errno);
	mz2 = rte_memzone_reserve("tmz_a", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NULL(mz2, "duplicate name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "duplicate errno %d", rte_errno);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	TEST_ASSERT_NULL(rte_memzone_lookup("tmz_a"), "freed zone found");
	TEST_ASSERT_EQUAL(rte_memzone_free(mz), -EINVAL, "double free");
	TEST_ASSERT_EQUAL(rte_memzone_free(NULL), -EINVAL, "free NULL");
	HEAP_OK();
	/* the name is reusable */
	mz = rte_memzone_reserve("tmz_a", 1 << 20, 0, 0);
	TEST_ASSERT_NOT_NULL(mz, "reserve again");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free again");
	HEAP_OK();
	return TEST_SUCCESS;
}

static int
test_bad_args(void)
{
	char long_name[RTE_MEMZONE_NAMESIZE + 8];

	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	TEST_ASSERT_NULL(rte_memzone_reserve(long_name, 64, SOCKET_ID_ANY, 0),
			"long name accepted");
	TEST_ASSERT_EQUAL(rte_errno, ENAMETOOLONG, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_reserve(NULL, 64, SOCKET_ID_ANY, 0),
			"NULL name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_reserve_aligned("tmz_b", 64,
			SOCKET_ID_ANY, 0, 100), "align 100 accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_reserve_bounded("tmz_b", 8192,
			SOCKET_ID_ANY, 0, 64, 4096), "len > bound accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_reserve_bounded("tmz_b", 64,
			SOCKET_ID_ANY, 0, 64, 1000), "bound 1000 accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_reserve("tmz_b", 64, 1000, 0),
			"socket 1000 accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_reserve("tmz_b", 64, SOCKET_ID_ANY,
			0x80000000u), "unknown flag accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_reserve("tmz_b", (size_t)1 << 45,
			SOCKET_ID_ANY, 0), "32 TiB accepted");
	TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "errno %d", rte_errno);
	TEST_ASSERT_NULL(rte_memzone_lookup("tmz_b"), "failed zone exists");
	HEAP_OK();
	return TEST_SUCCESS;
}

static int
test_align_bound(void)
{
	const struct rte_memzone *mz;
	unsigned int align, bound;
	char name[32];

	for (align = 64; align <= (1u << 22); align <<= 3) {
		snprintf(name, sizeof(name), "tmz_al%u", align);
		mz = rte_memzone_reserve_aligned(name, 3000, SOCKET_ID_ANY, 0,
				align);
		TEST_ASSERT_NOT_NULL(mz, "align %u", align);
		TEST_ASSERT(((uintptr_t)mz->addr & (align - 1)) == 0,
				"%p not aligned to %u", mz->addr, align);
		HEAP_OK();
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	}
	for (bound = 1024; bound <= (1u << 21); bound <<= 2) {
		snprintf(name, sizeof(name), "tmz_b%u", bound);
		mz = rte_memzone_reserve_bounded(name, bound - 64,
				SOCKET_ID_ANY, 0, 64, bound);
		TEST_ASSERT_NOT_NULL(mz, "bound %u", bound);
		TEST_ASSERT_EQUAL((uintptr_t)mz->addr / bound,
				((uintptr_t)mz->addr + mz->len - 1) / bound,
				"zone crosses a %u boundary", bound);
		HEAP_OK();
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	}
	/* alignment larger than the boundary, as DPDK's own autotest asks */
	mz = rte_memzone_reserve_bounded("tmz_b_al", 100, SOCKET_ID_ANY, 0,
			256, 128);
	TEST_ASSERT_NOT_NULL(mz, "align 256 bound 128: %s",
			rte_strerror(rte_errno));
	TEST_ASSERT(((uintptr_t)mz->addr & 255) == 0, "%p not aligned",
			mz->addr);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	/* len 0 under a boundary: the whole boundary, not crossing it */
	mz = rte_memzone_reserve_bounded("tmz_b_max", 0, SOCKET_ID_ANY, 0,
			64, 1024);
	TEST_ASSERT_NOT_NULL(mz, "len 0 bound 1024: %s",
			rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(mz->len, (size_t)1024, "len %zu", mz->len);
	TEST_ASSERT_EQUAL((uintptr_t)mz->addr / 1024,
			((uintptr_t)mz->addr + mz->len - 1) / 1024,
			"zone crosses its boundary");
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	return TEST_SUCCESS;
}

static int
test_page_flags(void)
{
	const struct rte_memzone *mz;
	size_t pg;

	mz = rte_memzone_reserve("tmz_pg", 4096, SOCKET_ID_ANY, 0);
	TEST_ASSERT_NOT_NULL(mz, "plain reserve");
	pg = mz->hugepage_sz;
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	if (pg == RTE_PGSIZE_2M) {
		mz = rte_memzone_reserve("tmz_2m", 4096, SOCKET_ID_ANY,
				RTE_MEMZONE_2MB);
		TEST_ASSERT_NOT_NULL(mz, "2MB flag");
		TEST_ASSERT_EQUAL(mz->hugepage_sz, RTE_PGSIZE_2M, "page size");
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	}
	if (pg != RTE_PGSIZE_16G) {
		/* no such pages: strict fails, hint-only falls back */
		mz = rte_memzone_reserve("tmz_16g", 4096, SOCKET_ID_ANY,
				RTE_MEMZONE_16GB);
		TEST_ASSERT_NULL(mz, "16GB pages invented");
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "errno %d", rte_errno);
		mz = rte_memzone_reserve("tmz_16g", 4096, SOCKET_ID_ANY,
				RTE_MEMZONE_16GB | RTE_MEMZONE_SIZE_HINT_ONLY);
		TEST_ASSERT_NOT_NULL(mz, "hint only did not fall back");
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
	}
	HEAP_OK();
	return TEST_SUCCESS;
}

/* every page of the zone follows on in IOVA */
static int
check_contig(const struct rte_memzone *mz)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(mz->addr);
	const void *p = mz->addr, *end = RTE_PTR_ADD(mz->addr, mz->len);
	rte_iova_t start = rte_mem_virt2iova(mz->addr);

	TEST_ASSERT_NOT_NULL(msl, "zone outside memseg lists");
	TEST_ASSERT_EQUAL(start, mz->iova, "zone iova");
	for (p = RTE_PTR_ALIGN_CEIL(p, msl->page_sz); p < end;
			p = RTE_PTR_ADD(p, msl->page_sz))
		TEST_ASSERT_EQUAL(rte_mem_virt2iova(p),
				start + RTE_PTR_DIFF(p, mz->addr),
				"page %p breaks IOVA contiguity", p);
	return TEST_SUCCESS;
}

static int
test_iova_contig(void)
{
	static const size_t sizes[] = { 4096, 2 << 20, 16 << 20 };
	const struct rte_memzone *mz;
	unsigned int i;
	char name[32];

	for (i = 0; i < RTE_DIM(sizes); i++) {
		snprintf(name, sizeof(name), "tmz_contig%u", i);
		mz = rte_memzone_reserve(name, sizes[i], SOCKET_ID_ANY,
				RTE_MEMZONE_IOVA_CONTIG);
		if (mz == NULL) {
			TEST_ASSERT_EQUAL(rte_errno, ENOMEM,
					"contig %zu: errno %d", sizes[i],
					rte_errno);
			printf("no IOVA-contiguous run of %zu bytes here\n",
					sizes[i]);
			TEST_ASSERT(sizes[i] > 4096, "one page failed");
			HEAP_OK();
			continue;
		}
		printf("IOVA-contiguous %zu bytes at %p iova 0x%" PRIx64 "\n",
				sizes[i], mz->addr, mz->iova);
		if (check_contig(mz) != TEST_SUCCESS)
			return TEST_FAILED;
		HEAP_OK();
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free");
		HEAP_OK();
	}
	return TEST_SUCCESS;
}

static void
count_zone(const struct rte_memzone *mz, void *arg)
{
	unsigned int *n = arg;

	if (strncmp(mz->name, "tmz_w", 5) == 0)
		(*n)++;
}

static int
test_walk_biggest_dump(void)
{
	struct rte_malloc_socket_stats st;
	const struct rte_memzone *mz[4], *big;
	unsigned int i, n = 0;
	char name[32];
	FILE *f;

	for (i = 0; i < RTE_DIM(mz); i++) {
		snprintf(name, sizeof(name), "tmz_w%u", i);
		mz[i] = rte_memzone_reserve(name, 100 * (i + 1), 0, 0);
		TEST_ASSERT_NOT_NULL(mz[i], "reserve %s", name);
	}
	rte_memzone_walk(count_zone, &n);
	TEST_ASSERT_EQUAL(n, (unsigned int)RTE_DIM(mz), "walk saw %u", n);
	f = fopen("/dev/null", "w");
	if (f != NULL) {
		rte_memzone_dump(f);
		fclose(f);
	}
	for (i = 0; i < RTE_DIM(mz); i++)
		TEST_ASSERT_SUCCESS(rte_memzone_free(mz[i]), "free");
	malloc_heap_cache_flush();
	rte_malloc_get_socket_stats(0, &st);
	big = rte_memzone_reserve("tmz_big", 0, 0, 0);
	if (big == NULL) {
		/* an empty dynamic heap has no block to hand out */
		TEST_ASSERT_EQUAL(rte_errno, ENOMEM, "errno %d", rte_errno);
	} else {
		TEST_ASSERT(big->len > 0, "biggest of length 0");
		memset(big->addr, 1, big->len);
		/* all of the largest free block, less header and alignment */
		TEST_ASSERT(big->len + 2 * MALLOC_ELEM_OVERHEAD >=
				st.greatest_free_size, "biggest %zu of a %zu "
				"block", big->len, st.greatest_free_size);
		HEAP_OK();
		TEST_ASSERT_SUCCESS(rte_memzone_free(big), "free biggest");
	}
	HEAP_OK();
	return TEST_SUCCESS;
}

static struct unit_test_suite memzone_suite = {
	.suite_name = "memzone autotest",
	.unit_test_cases = {
		TEST_CASE(test_reserve_lookup_free),
		TEST_CASE(test_bad_args),
		TEST_CASE(test_align_bound),
		TEST_CASE(test_page_flags),
		TEST_CASE(test_iova_contig),
		TEST_CASE(test_walk_biggest_dump),
		TEST_CASES_END()
	}
};

static int
test_memzone(void)
{
	return unit_test_suite_runner(&memzone_suite);
}

REGISTER_TEST_COMMAND(memzone_autotest, test_memzone);
