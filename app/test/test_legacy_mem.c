/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * legacy_mem_autotest: --legacy-mem maps at init what the options asked,
 * no more and no less; pages are laid out so that every VA-contiguous run
 * is IOVA-contiguous (checked page by page against /proc/self/pagemap) and
 * in ascending IOVA order; page files follow the naming contract; and no
 * page ever goes back, whatever the allocator is asked.
 *
 * meson runs it with -m (hugepages) and with --no-huge -m.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_memcfg.h"
#include "eal_memory.h"
#include "test.h"

#define PM_PFN_MASK ((UINT64_C(1) << 55) - 1)
#define PM_PRESENT (UINT64_C(1) << 63)

/* physical address of va read straight from pagemap, here in the test */
static uint64_t
pagemap_pa(int fd, const void *va)
{
	uint64_t e;
	long pg = sysconf(_SC_PAGESIZE);
	off_t off = (off_t)((uintptr_t)va / (uintptr_t)pg * sizeof(e));

	if (pread(fd, &e, sizeof(e), off) != (ssize_t)sizeof(e) ||
			!(e & PM_PRESENT) || (e & PM_PFN_MASK) == 0)
		return UINT64_MAX;
	return (e & PM_PFN_MASK) * (uint64_t)pg + (uintptr_t)va % (uintptr_t)pg;
}

static uint64_t
requested_bytes(const struct internal_config *cfg)
{
	uint64_t total = cfg->memory;
	unsigned int s;

	if (cfg->force_sockets) {
		total = 0;
		for (s = 0; s < RTE_MAX_NUMA_NODES; s++)
			total += cfg->socket_mem[s];
	}
	return total;
}

/* the smallest page size in use: what the request was rounded up to */
static uint64_t
smallest_page(const struct internal_config *cfg)
{
	if (cfg->no_hugetlbfs || cfg->num_hugepage_sizes == 0)
		return RTE_PGSIZE_2M;
	return cfg->hugepage_info[cfg->num_hugepage_sizes - 1].hugepage_sz;
}

static int
test_mapped_as_asked(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	uint64_t want = requested_bytes(cfg);
	uint64_t got = rte_eal_get_physmem_size();
	uint64_t pg = smallest_page(cfg);

	if (want == 0) {
		printf("no -m/--socket-mem: legacy took a default of %" PRIu64
				" MiB\n", got >> 20);
		TEST_ASSERT(got > 0, "legacy mode mapped nothing");
		TEST_ASSERT(cfg->no_hugetlbfs || got <= (uint64_t)
				eal_mem_num_sockets() *
				EAL_LEGACY_DEFAULT_SOCKET_MEM,
				"default took %" PRIu64 " MiB, more than the cap",
				got >> 20);
		return TEST_SUCCESS;
	}
	TEST_ASSERT(got >= want && got < want + pg,
			"asked %" PRIu64 " MiB, mapped %" PRIu64 " bytes", want >> 20,
			got);
	return TEST_SUCCESS;
}

/*
 * Slot by slot: a used slot right after a used slot continues it in IOVA,
 * IOVAs rise along the list, and pagemap agrees with the memseg at the
 * first, middle and last byte of every page.
 */
static int
check_list_layout(struct rte_memseg_list *msl, int pm_fd, bool pa,
		rte_iova_t *last_iova)
{
	struct rte_fbarray *arr = &msl->memseg_arr;
	const struct rte_memseg *prev = NULL;
	unsigned int i;

	for (i = 0; i < arr->len; i++) {
		const struct rte_memseg *ms;
		size_t offs[3];
		unsigned int k;

		if (rte_fbarray_is_used(arr, i) != 1) {
			prev = NULL;
			continue;
		}
		ms = rte_fbarray_get(arr, i);
		TEST_ASSERT(ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE,
				"legacy page %u is not pinned", i);
		if (!pa) {
			TEST_ASSERT(ms->iova == (uintptr_t)ms->addr ||
					ms->iova == RTE_BAD_IOVA,
					"slot %u: iova 0x%" PRIx64 " is neither VA "
					"nor unknown", i, ms->iova);
			continue;
		}
		if (prev != NULL)
			TEST_ASSERT(prev->iova + prev->len == ms->iova,
					"slots %u-%u are VA-contiguous, not "
					"IOVA-contiguous", i - 1, i);
		TEST_ASSERT(*last_iova == RTE_BAD_IOVA ||
				ms->iova > *last_iova,
				"slot %u out of IOVA order", i);
		offs[0] = 0;
		offs[1] = ms->len / 2;
		offs[2] = ms->len - 1;
		for (k = 0; k < RTE_DIM(offs); k++)
			TEST_ASSERT_EQUAL(pagemap_pa(pm_fd, RTE_PTR_ADD(ms->addr,
					offs[k])), ms->iova + offs[k],
					"slot %u: pagemap and memseg disagree", i);
		*last_iova = ms->iova;
		prev = ms;
	}
	return TEST_SUCCESS;
}

static int
test_iova_sorted_runs(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	bool pa = !eal_get_internal_configuration()->no_hugetlbfs &&
			rte_eal_iova_mode() != RTE_IOVA_VA &&
			rte_eal_using_phys_addrs();
	int pm_fd = open("/proc/self/pagemap", O_RDONLY);
	unsigned int i;
	int ret = TEST_SUCCESS;

	if (pa && pm_fd < 0)
		return TEST_SKIPPED;
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS && ret == TEST_SUCCESS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		rte_iova_t last = RTE_BAD_IOVA;

		if (msl->base_va == NULL || msl->external)
			continue;
		ret = check_list_layout(msl, pm_fd, pa, &last);
		if (ret == TEST_SUCCESS && eal_msl_check(msl) != 0)
			ret = TEST_FAILED;
	}
	if (pm_fd >= 0)
		close(pm_fd);
	return ret;
}

struct fd_check {
	int failed;
};

/* the fd of every legacy page is the file the naming contract says */
static int
page_file_visit(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct fd_check *fc = arg;
	char path[PATH_MAX];
	struct stat a, b;
	const char *dir = NULL;
	unsigned int h;
	int fd;

	for (h = 0; h < cfg->num_hugepage_sizes; h++)
		if (cfg->hugepage_info[h].hugepage_sz == msl->page_sz)
			dir = cfg->hugepage_info[h].hugedir;
	fd = rte_memseg_get_fd(ms);
	snprintf(path, sizeof(path), "%s/%smap_%d_%d", dir ? dir : "",
			cfg->hugefile_prefix ? cfg->hugefile_prefix : "rte",
			eal_memseg_list_idx(msl),
			rte_fbarray_find_idx(&msl->memseg_arr, ms));
	if (fd < 0 || fstat(fd, &a) != 0 || stat(path, &b) != 0 ||
			a.st_ino != b.st_ino || a.st_dev != b.st_dev) {
		printf("page %p: fd %d is not %s\n", ms->addr, fd, path);
		fc->failed = 1;
		return 1;
	}
	return 0;
}

static int
test_page_files(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct fd_check fc = { 0 };

	if (cfg->no_hugetlbfs || cfg->in_memory ||
			cfg->huge_unlink == EAL_HUGE_UNLINK_ALWAYS)
		return TEST_SKIPPED;
	rte_memseg_walk(page_file_visit, &fc);
	TEST_ASSERT(!fc.failed, "a legacy page is not backed by its file");
	return TEST_SUCCESS;
}

static int
first_page(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	*(const struct rte_memseg **)arg = ms;
	return msl->external ? 0 : 1;
}

static int
test_pages_never_freed(void)
{
	const struct rte_memseg *ms = NULL;
	struct rte_memseg *got[1];
	uint64_t before = rte_eal_get_physmem_size();
	int ret;

	rte_memseg_walk(first_page, &ms);
	TEST_ASSERT_NOT_NULL(ms, "no legacy page");
	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_free_seg((struct rte_memseg *)(uintptr_t)ms);
	rte_mcfg_mem_write_unlock();
	TEST_ASSERT(ret < 0, "a legacy page was unplugged");
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), before,
			"memory shrank");
	TEST_ASSERT_NOT_NULL(rte_mem_virt2memseg(ms->addr, NULL),
			"the page is gone");
	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_alloc_seg_bulk(got, 1, ms->hugepage_sz,
			ms->socket_id, true);
	rte_mcfg_mem_write_unlock();
	TEST_ASSERT(ret < 0, "legacy memory grew after init");
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), before, "memory grew");
	return TEST_SUCCESS;
}

static struct unit_test_suite legacy_mem_suite = {
	.suite_name = "legacy memory",
	.unit_test_cases = {
		TEST_CASE(test_mapped_as_asked),
		TEST_CASE(test_iova_sorted_runs),
		TEST_CASE(test_page_files),
		TEST_CASE(test_pages_never_freed),
		TEST_CASES_END()
	}
};

static int
test_legacy_mem(void)
{
	if (!eal_get_internal_configuration()->legacy_mem) {
		printf("legacy_mem_autotest needs --legacy-mem\n");
		return TEST_SKIPPED;
	}
	return unit_test_suite_runner(&legacy_mem_suite);
}

REGISTER_TEST_COMMAND(legacy_mem_autotest, test_legacy_mem);
