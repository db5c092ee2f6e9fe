/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * vfio_fake_autotest: the VFIO mapping table and its DMA hook on a fake
 * type1 container (eal_vfio_fake.c), so every rule is checked on machines
 * without /dev/vfio. The same table runs against the kernel in
 * vfio_autotest (test_vfio_vm.c, the vfio suite in the VM).
 *
 * Table cases use a table of their own; hook cases put the EAL's default
 * container on the fake and plug real pages through rte_malloc().
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_vfio.h>

#include "test.h"
#include "eal_internal_cfg.h"
#include "eal_vfio.h"
#include "malloc_heap.h"

#define PG2M (UINT64_C(2) << 20)
#define VA0 UINT64_C(0x7f0000000000)
#define IOVA0 UINT64_C(0x1000000)

static struct vfio_fake fake;
static struct vfio_dma_table tbl;

static int
table_setup(uint32_t limit)
{
	vfio_fake_init(&fake, limit);
	vfio_dma_table_init(&tbl, &vfio_fake_ops, &fake, -1);
	return vfio_dma_table_probe(&tbl);
}

static void
table_teardown(void)
{
	vfio_dma_table_fini(&tbl);
	vfio_fake_fini(&fake);
}

static int
test_table_probe(void)
{
	TEST_ASSERT_SUCCESS(table_setup(100), "probe of the fake failed");
	TEST_ASSERT_EQUAL(tbl.budget, 100u, "budget %u, expected 100",
		tbl.budget);
	TEST_ASSERT_EQUAL(tbl.n_ranges, 2u, "%u ranges, expected 2",
		tbl.n_ranges);
	TEST_ASSERT(tbl.ranges[0].end == 0xfedfffff &&
		tbl.ranges[1].end == (UINT64_C(1) << 39) - 1,
		"ranges do not match the MSI hole and 39-bit aperture");
	TEST_ASSERT_EQUAL(tbl.pgsizes, fake.pgsizes, "page sizes differ");
	table_teardown();
	return TEST_SUCCESS;
}

static int
test_table_eexist(void)
{
	int ret;

	TEST_ASSERT_SUCCESS(table_setup(100), "setup");
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0, IOVA0, 4 * PG2M,
		VFIO_MAP_USER), "first map");
	/* identical: accepted, counted, and no second kernel entry */
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0, IOVA0, 4 * PG2M,
		VFIO_MAP_USER), "identical map must succeed");
	TEST_ASSERT_EQUAL(fake.maps_ok, 1u, "identical map reached the "
		"kernel: %" PRIu64 " maps", fake.maps_ok);
	/* anything else overlapping: EEXIST, even same IOVA other VA */
	ret = vfio_dma_map(&tbl, VA0 + PG2M, IOVA0, 4 * PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EEXIST, "same IOVA, other VA: %d", ret);
	ret = vfio_dma_map(&tbl, VA0, IOVA0 + 3 * PG2M, 2 * PG2M,
		VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EEXIST, "tail overlap: %d", ret);
	ret = vfio_dma_map(&tbl, VA0, IOVA0 - PG2M, 2 * PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EEXIST, "head overlap: %d", ret);
	TEST_ASSERT_EQUAL(fake.n_eexist, 0u, "table let an overlap reach the "
		"kernel");
	/* adjacent is fine */
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0, IOVA0 + 4 * PG2M, PG2M,
		VFIO_MAP_USER), "adjacent map");
	/* one unmap per reference, the kernel sees the last one */
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, 4 * PG2M,
		VFIO_MAP_USER), "first unmap");
	TEST_ASSERT(vfio_fake_has(&fake, IOVA0, 4 * PG2M),
		"unmapped while a reference remained");
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, 4 * PG2M,
		VFIO_MAP_USER), "second unmap");
	TEST_ASSERT(!vfio_fake_has(&fake, IOVA0, 4 * PG2M), "still mapped");
	TEST_ASSERT_SUCCESS(vfio_dma_check(&tbl), "table inconsistent");
	table_teardown();
	return TEST_SUCCESS;
}

static int
test_table_partial_unmap(void)
{
	uint64_t calls;
	unsigned int i;
	int ret;

	TEST_ASSERT_SUCCESS(table_setup(100), "setup");
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0, IOVA0, 4 * PG2M,
		VFIO_MAP_USER), "map A");
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0 + 4 * PG2M,
		IOVA0 + 4 * PG2M, 2 * PG2M, VFIO_MAP_USER), "map B");
	ret = vfio_dma_unmap(&tbl, IOVA0 + PG2M, PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EINVAL, "middle of A: %d", ret);
	ret = vfio_dma_unmap(&tbl, IOVA0, PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EINVAL, "head of A: %d", ret);
	ret = vfio_dma_unmap(&tbl, IOVA0 + 3 * PG2M, 2 * PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EINVAL, "tail of A + head of B: %d", ret);
	TEST_ASSERT_EQUAL(fake.n_einval, 0u, "a split reached the kernel");
	TEST_ASSERT_EQUAL(vfio_dma_count(&tbl), 2u, "refused unmaps changed "
		"the table");
	ret = vfio_dma_unmap(&tbl, IOVA0 + 64 * PG2M, PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -ENOENT, "hole: %d", ret);
	/* one call covering both whole mappings */
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, 6 * PG2M,
		VFIO_MAP_USER), "A+B whole");
	TEST_ASSERT_EQUAL(fake.n, 0u, "fake still holds %u", fake.n);
	TEST_ASSERT_EQUAL(fake.bytes_unmapped, 6 * PG2M, "unmapped %" PRIu64,
		fake.bytes_unmapped);
	/* entries tiling a range go in one call; with a gap, one by one */
	for (i = 0; i < 4; i++)
		TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0 + i * PG2M,
			IOVA0 + i * PG2M, PG2M, VFIO_MAP_HEAP), "page %u", i);
	calls = tbl.n_unmap_calls;
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, 4 * PG2M,
		VFIO_MAP_HEAP), "4 pages at once");
	TEST_ASSERT_EQUAL(tbl.n_unmap_calls - calls, 1u, "tiled run took %"
		PRIu64 " calls", tbl.n_unmap_calls - calls);
	for (i = 0; i < 4; i += 2)
		TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0 + i * PG2M,
			IOVA0 + i * PG2M, PG2M, VFIO_MAP_HEAP), "page %u", i);
	calls = tbl.n_unmap_calls;
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, 4 * PG2M,
		VFIO_MAP_HEAP), "2 pages with a gap");
	TEST_ASSERT_EQUAL(tbl.n_unmap_calls - calls, 2u, "gapped run took %"
		PRIu64 " calls", tbl.n_unmap_calls - calls);
	TEST_ASSERT_EQUAL(fake.n, 0u, "fake still holds %u", fake.n);
	table_teardown();
	return TEST_SUCCESS;
}

static int
test_table_ranges(void)
{
	int ret;

	TEST_ASSERT_SUCCESS(table_setup(100), "setup");
	ret = vfio_dma_map(&tbl, VA0, 0xfee00000, PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -ERANGE, "MSI window: %d", ret);
	ret = vfio_dma_map(&tbl, VA0, UINT64_C(1) << 39, PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -ERANGE, "beyond 39 bits: %d", ret);
	ret = vfio_dma_map(&tbl, VA0, (UINT64_C(1) << 39) - PG2M, 2 * PG2M,
		VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -ERANGE, "straddling the aperture: %d", ret);
	ret = vfio_dma_map(&tbl, VA0 + 0x800, IOVA0, PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EINVAL, "unaligned va: %d", ret);
	ret = vfio_dma_map(&tbl, VA0, IOVA0, 0, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EINVAL, "size 0: %d", ret);
	TEST_ASSERT_EQUAL(fake.maps_ok + fake.n_einval, 0u,
		"a refused map reached the kernel");
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0,
		(UINT64_C(1) << 39) - PG2M, PG2M, VFIO_MAP_USER),
		"last page of the aperture");
	table_teardown();
	return TEST_SUCCESS;
}

static int
test_table_budget(void)
{
	unsigned int i;
	int ret;

	TEST_ASSERT_SUCCESS(table_setup(32), "setup");
	for (i = 0; i < 32; i++)
		TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0 + i * PG2M,
			IOVA0 + i * PG2M, PG2M, VFIO_MAP_HEAP), "map %u", i);
	TEST_ASSERT(tbl.warned, "no warning near the limit");
	ret = vfio_dma_map(&tbl, VA0 + 32 * PG2M, IOVA0 + 32 * PG2M, PG2M,
		VFIO_MAP_HEAP);
	TEST_ASSERT_EQUAL(ret, -ENOSPC, "map past the limit: %d", ret);
	TEST_ASSERT_EQUAL(fake.n_enospc, 0u, "the table asked the kernel");
	/* a kernel that disagrees (someone else mapped) is reported too */
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, PG2M, VFIO_MAP_HEAP),
		"unmap one");
	fake.limit = 31;
	ret = vfio_dma_map(&tbl, VA0, IOVA0, PG2M, VFIO_MAP_HEAP);
	TEST_ASSERT_EQUAL(ret, -ENOSPC, "kernel ENOSPC: %d", ret);
	TEST_ASSERT_EQUAL(vfio_dma_count(&tbl), 31u, "table holds %u",
		vfio_dma_count(&tbl));
	TEST_ASSERT_SUCCESS(vfio_dma_unmap_all(&tbl), "unmap all");
	TEST_ASSERT_EQUAL(fake.n, 0u, "fake holds %u", fake.n);
	table_teardown();
	return TEST_SUCCESS;
}

static int
test_table_user_vs_heap(void)
{
	int ret;

	TEST_ASSERT_SUCCESS(table_setup(100), "setup");
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0, IOVA0, PG2M,
		VFIO_MAP_HEAP), "heap page");
	ret = vfio_dma_unmap(&tbl, IOVA0, PG2M, VFIO_MAP_USER);
	TEST_ASSERT_EQUAL(ret, -EPERM, "user unmapped EAL memory: %d", ret);
	/* the user may map the same thing identically and drop it again */
	TEST_ASSERT_SUCCESS(vfio_dma_map(&tbl, VA0, IOVA0, PG2M,
		VFIO_MAP_USER), "identical user map");
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, PG2M, VFIO_MAP_USER),
		"user unmap of its reference");
	TEST_ASSERT(vfio_fake_has(&fake, IOVA0, PG2M), "heap page lost");
	TEST_ASSERT_SUCCESS(vfio_dma_unmap(&tbl, IOVA0, PG2M, VFIO_MAP_HEAP),
		"heap unmap");
	TEST_ASSERT_EQUAL(fake.n, 0u, "fake holds %u", fake.n);
	table_teardown();
	return TEST_SUCCESS;
}

/* ---- the DMA hook with real pages ---- */

static bool
legacy_mode(void)
{
	return eal_get_internal_configuration()->legacy_mem;
}

/* one fake mapping holds [iova, iova+len): per page, or a legacy run */
static bool
fake_covers(const struct vfio_fake *f, uint64_t iova, uint64_t len)
{
	unsigned int i;

	for (i = 0; i < f->n; i++)
		if (f->maps[i].iova <= iova &&
				iova + len <= f->maps[i].iova + f->maps[i].len)
			return legacy_mode() || f->maps[i].len == len;
	return false;
}

struct seg_count {
	unsigned int n;
	const struct vfio_fake *f;
	unsigned int missing;
};

static int
count_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	struct seg_count *c = arg;
	uint64_t iova = ms->iova == RTE_BAD_IOVA ? ms->addr_64 : ms->iova;

	if (msl->external)
		return 0;
	c->n++;
	if (c->f != NULL && !fake_covers(c->f, iova, ms->len))
		c->missing++;
	return 0;
}

static struct seg_count
pages_now(const struct vfio_fake *f)
{
	struct seg_count c = { .f = f };

	rte_memseg_walk(count_seg, &c);
	return c;
}

static int
hook_setup(uint32_t extra)
{
	struct seg_count c = pages_now(NULL);

	/* a real default container is in use (the VFIO VM): leave it be */
	if (rte_vfio_is_enabled("vfio"))
		return -EBUSY;

	vfio_fake_init(&fake, c.n + extra);
	/* this process' memory may sit anywhere below 47 bits (IOVA=VA) */
	fake.ranges[1].end = (UINT64_C(1) << 48) - 1;
	return eal_vfio_fake_attach(&fake);
}

static void
hook_teardown(void)
{
	eal_vfio_fake_detach();
	vfio_fake_fini(&fake);
}

static int
test_hook_follows_hotplug(void)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	struct seg_count c0, c1;
	uint64_t maps0;
	void *p;

	if (rte_eal_iova_mode() == RTE_IOVA_PA && !rte_eal_has_hugepages())
		return TEST_SKIPPED;
	if (rte_vfio_is_enabled("vfio"))
		return TEST_SKIPPED;
	TEST_ASSERT_SUCCESS(hook_setup(4096), "attach the fake");
	c0 = pages_now(&fake);
	TEST_ASSERT_EQUAL(c0.missing, 0u, "%u plugged pages not mapped at "
		"attach", c0.missing);
	if (legacy_mode())
		TEST_ASSERT(fake.n < c0.n, "legacy: %u entries for %u pages, "
			"runs not coalesced", fake.n, c0.n);
	else
		TEST_ASSERT_EQUAL(fake.n, c0.n, "%u entries for %u pages",
			fake.n, c0.n);
	/* a figure, not a check: e.g. with -m 1024, what 1 GiB costs */
	printf("%s mode: %u pages plugged at attach held by %u IOMMU "
		"entries\n", legacy_mode() ? "legacy" : "dynamic", c0.n,
		fake.n);
	maps0 = fake.maps_ok;
	p = rte_malloc(NULL, legacy_mode() ? 1 << 20 : 64 << 20, 0);
	TEST_ASSERT_NOT_NULL(p, "allocation: %s", rte_strerror(rte_errno));
	c1 = pages_now(&fake);
	TEST_ASSERT_EQUAL(c1.missing, 0u, "%u new pages not mapped",
		c1.missing);
	TEST_ASSERT_EQUAL(fake.maps_ok - maps0, (uint64_t)(c1.n - c0.n),
		"%" PRIu64 " maps for %u new pages", fake.maps_ok - maps0,
		c1.n - c0.n);
	rte_free(p);
	c1 = pages_now(&fake);
	TEST_ASSERT_EQUAL(c1.missing, 0u, "pages lost their mapping");
	TEST_ASSERT_EQUAL(fake.unmaps_ok, fake.maps_ok - fake.n, "unmaps %"
		PRIu64 " != maps %" PRIu64 " - entries %u", fake.unmaps_ok,
		fake.maps_ok, fake.n);
	if (!legacy_mode())
		TEST_ASSERT_EQUAL(fake.n, c1.n, "after free: %u entries, %u "
			"pages", fake.n, c1.n);
	TEST_ASSERT_SUCCESS(vfio_dma_check(t), "table inconsistent");
	hook_teardown();
	TEST_ASSERT_EQUAL(fake.n, 0u, "detach left %u entries", fake.n);
	return TEST_SUCCESS;
}

/*
 * Do the allocations of a case plug pages, for the hook to map or refuse?
 * Not in legacy mode (nothing is ever plugged), nor with a -m floor (the
 * preallocated pages serve them), nor with PA and no hugepages.
 */
static bool
plugs_on_demand(void)
{
	if (legacy_mode() || eal_get_internal_configuration()->memory != 0) {
		printf("needs dynamic memory without a -m floor\n");
		return false;
	}
	return !(rte_eal_iova_mode() == RTE_IOVA_PA &&
		!rte_eal_has_hugepages());
}

static int
test_hook_limit(void)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	struct seg_count c0, c1;
	void *p[64];
	unsigned int n = 0, i;

	if (!plugs_on_demand())
		return TEST_SKIPPED;
	if (rte_vfio_is_enabled("vfio"))
		return TEST_SKIPPED;
	TEST_ASSERT_SUCCESS(hook_setup(8), "attach the fake");
	c0 = pages_now(NULL);
	/* page-sized requests: each needs a page of its own */
	for (n = 0; n < RTE_DIM(p); n++) {
		p[n] = rte_malloc(NULL, PG2M - 65536, 0);
		if (p[n] == NULL)
			break;
	}
	c1 = pages_now(&fake);
	TEST_ASSERT(n < RTE_DIM(p), "the limit never stopped allocation");
	TEST_ASSERT(c1.n - c0.n <= 8, "%u pages plugged past a limit of 8",
		c1.n - c0.n);
	TEST_ASSERT_EQUAL(c1.missing, 0u, "an unmapped page reached the heap");
	TEST_ASSERT_EQUAL(vfio_dma_count(t), c1.n, "table %u, pages %u",
		vfio_dma_count(t), c1.n);
	TEST_ASSERT_SUCCESS(malloc_heap_check_all(), "heap inconsistent");
	for (i = 0; i < n; i++)
		rte_free(p[i]);
	TEST_ASSERT_SUCCESS(malloc_heap_check_all(), "heap after free");
	/* the heap works again once entries are back */
	p[0] = rte_malloc(NULL, PG2M - 65536, 0);
	TEST_ASSERT_NOT_NULL(p[0], "allocation after the limit freed up");
	rte_free(p[0]);
	TEST_ASSERT_SUCCESS(vfio_dma_check(t), "table inconsistent");
	hook_teardown();
	return TEST_SUCCESS;
}

static int
test_hook_out_of_reach(void)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	struct seg_count c0, c1;
	void *p;

	if (!plugs_on_demand())
		return TEST_SKIPPED;
	if (rte_vfio_is_enabled("vfio"))
		return TEST_SKIPPED;
	TEST_ASSERT_SUCCESS(hook_setup(4096), "attach the fake");
	c0 = pages_now(NULL);
	/* an IOMMU that reaches nothing past the first 4 KiB */
	fake.n_ranges = 1;
	fake.ranges[0].start = 0;
	fake.ranges[0].end = 4095;
	TEST_ASSERT_SUCCESS(vfio_dma_table_probe(t), "re-probe");
	p = rte_malloc(NULL, 8 << 20, 0);
	c1 = pages_now(NULL);
	TEST_ASSERT_NULL(p, "memory out of the IOMMU's reach handed out");
	TEST_ASSERT_EQUAL(c1.n, c0.n, "refused pages stayed plugged: %u -> %u",
		c0.n, c1.n);
	TEST_ASSERT_SUCCESS(malloc_heap_check_all(), "heap inconsistent");
	fake.n_ranges = 2; /* back to the full ranges */
	fake.ranges[0].end = 0xfedfffff;
	TEST_ASSERT_SUCCESS(vfio_dma_table_probe(t), "re-probe");
	p = rte_malloc(NULL, 8 << 20, 0);
	TEST_ASSERT_NOT_NULL(p, "allocation within reach failed");
	rte_free(p);
	hook_teardown();
	return TEST_SUCCESS;
}

static int
test_hook_external_heap(void)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	rte_iova_t iovas[4];
	size_t len = 4 * 4096;
	void *va;
	unsigned int i, n0;
	int ret;

	if (rte_vfio_is_enabled("vfio"))
		return TEST_SKIPPED;
	TEST_ASSERT_SUCCESS(hook_setup(4096), "attach the fake");
	va = mmap(NULL, len, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TEST_ASSERT(va != MAP_FAILED, "mmap");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_create("vfio_ext"), "heap");
	n0 = vfio_dma_count(t);
	/* the MSI window: refused, nothing added */
	for (i = 0; i < 4; i++)
		iovas[i] = 0xfee00000 + i * 4096;
	ret = rte_malloc_heap_memory_add("vfio_ext", va, len, iovas, 4, 4096);
	TEST_ASSERT(ret < 0, "memory at the MSI window added to a heap");
	TEST_ASSERT_EQUAL(vfio_dma_count(t), n0, "refused pages mapped");
	TEST_ASSERT_NULL(rte_malloc_socket(NULL, 64, 0,
		rte_malloc_heap_get_socket("vfio_ext")),
		"empty heap allocated");
	for (i = 0; i < 4; i++)
		iovas[i] = 0x40000000 + i * 4096;
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_add("vfio_ext", va, len,
		iovas, 4, 4096), "in-range external memory");
	TEST_ASSERT_EQUAL(vfio_dma_count(t), n0 + 4, "4 entries expected");
	for (i = 0; i < 4; i++)
		TEST_ASSERT(vfio_fake_has(&fake, iovas[i], 4096), "page %u", i);
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("vfio_ext", va, len),
		"remove");
	TEST_ASSERT_EQUAL(vfio_dma_count(t), n0, "removed pages still mapped");
	TEST_ASSERT_SUCCESS(rte_malloc_heap_destroy("vfio_ext"), "destroy");
	munmap(va, len);
	hook_teardown();
	return TEST_SUCCESS;
}

static int
test_api_without_vfio(void)
{
	int ret;

	if (rte_vfio_is_enabled("vfio"))
		return TEST_SKIPPED;
	ret = rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD, VA0,
		IOVA0, PG2M);
	TEST_ASSERT(ret < 0 && rte_errno == EINVAL, "map without VFIO: %d "
		"errno %d", ret, rte_errno);
	TEST_ASSERT(rte_vfio_get_container_fd() < 0 && rte_errno == ENODEV,
		"container fd without VFIO");
	TEST_ASSERT_EQUAL(rte_vfio_noiommu_is_enabled() == 1,
		access(VFIO_NOIOMMU_MODE, F_OK) == 0 &&
		rte_vfio_noiommu_is_enabled() == 1, "noiommu query");
	return TEST_SUCCESS;
}

static struct unit_test_suite vfio_fake_suite = {
	.suite_name = "vfio mapping table on a fake type1 IOMMU",
	.unit_test_cases = {
		TEST_CASE(test_table_probe),
		TEST_CASE(test_table_eexist),
		TEST_CASE(test_table_partial_unmap),
		TEST_CASE(test_table_ranges),
		TEST_CASE(test_table_budget),
		TEST_CASE(test_table_user_vs_heap),
		TEST_CASE(test_hook_follows_hotplug),
		TEST_CASE(test_hook_limit),
		TEST_CASE(test_hook_out_of_reach),
		TEST_CASE(test_hook_external_heap),
		TEST_CASE(test_api_without_vfio),
		TEST_CASES_END()
	}
};

static int
test_vfio_fake(void)
{
	return unit_test_suite_runner(&vfio_fake_suite);
}

REGISTER_TEST_COMMAND(vfio_fake_autotest, test_vfio_fake);
