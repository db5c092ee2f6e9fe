/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memory_autotest: the memory topology (rte_memory.h over the memseg lists)
 * in whatever mode the EAL was started with: dynamic or --legacy-mem, with
 * hugepages or --no-huge. meson runs it once per mode.
 *
 * Each case states one property: the walks see exactly the plugged pages,
 * every address of every page translates to its memseg, IOVA and back,
 * contiguous runs really are contiguous (and maximal), the physical size
 * is the sum of plugged pages, the DMA mask check draws its line where the
 * pages are, fds back the pages they claim to, and every list passes
 * eal_msl_check() before and after pages are plugged and unplugged.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/vfs.h>
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
#include "eal_private.h"
#include "test.h"

#ifndef HUGETLBFS_MAGIC
#define HUGETLBFS_MAGIC 0x958458f6
#endif

/* ---------------------------------------------------------------------
 * helpers
 * ------------------------------------------------------------------- */

static bool
mode_nohuge(void)
{
	return eal_get_internal_configuration()->no_hugetlbfs;
}

static bool
mode_legacy(void)
{
	return eal_get_internal_configuration()->legacy_mem;
}

/* are IOVAs physical addresses that pagemap can confirm? */
static bool
iova_is_checkable_pa(void)
{
	return !mode_nohuge() && rte_eal_iova_mode() != RTE_IOVA_VA &&
			rte_eal_using_phys_addrs();
}

/* plugged pages counted from the fbarrays, not through the walk */
static unsigned int
plugged_from_fbarrays(uint64_t *bytes)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i, n = 0;

	*bytes = 0;
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL)
			continue;
		n += msl->memseg_arr.count;
		if (!msl->external)
			*bytes += (uint64_t)msl->memseg_arr.count * msl->page_sz;
	}
	return n;
}

static int
check_all_lists(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		if (mcfg->memsegs[i].base_va == NULL)
			continue;
		if (eal_msl_check(&mcfg->memsegs[i]) != 0) {
			printf("memseg list %u fails eal_msl_check\n", i);
			return -1;
		}
	}
	return 0;
}

/* the first list of this process's own (non-external) memory */
static struct rte_memseg_list *
first_eal_list(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		if (mcfg->memsegs[i].base_va != NULL &&
				!mcfg->memsegs[i].external)
			return &mcfg->memsegs[i];
	}
	return NULL;
}

/*
 * Dynamic mode: plug n pages of the first list's type for the duration of
 * a case, so every case has pages to look at even when nothing else has
 * been plugged. Returns how many were plugged (0 in legacy mode).
 */
static int
plug_pages(struct rte_memseg **ms, int n)
{
	struct rte_memseg_list *msl = first_eal_list();
	int ret;

	if (mode_legacy() || msl == NULL)
		return 0;
	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_alloc_seg_bulk(ms, n, msl->page_sz,
			msl->socket_id, true);
	rte_mcfg_mem_write_unlock();
	return ret;
}

static void
unplug_pages(struct rte_memseg **ms, int n)
{
	if (n <= 0)
		return;
	rte_mcfg_mem_write_lock();
	eal_memalloc_free_seg_bulk(ms, n);
	rte_mcfg_mem_write_unlock();
}

/* ---------------------------------------------------------------------
 * inventory and lists
 * ------------------------------------------------------------------- */

static int
test_hugepage_inventory(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	unsigned int i, s;

	if (mode_nohuge()) {
		TEST_ASSERT_EQUAL(cfg->num_hugepage_sizes, 0u,
				"--no-huge discovered %u sizes",
				cfg->num_hugepage_sizes);
		return TEST_SUCCESS;
	}
	TEST_ASSERT(cfg->num_hugepage_sizes > 0, "no hugepage size found");
	for (i = 0; i < cfg->num_hugepage_sizes; i++) {
		const struct hugepage_info *hpi = &cfg->hugepage_info[i];
		struct statfs st;

		TEST_ASSERT(rte_is_power_of_2(hpi->hugepage_sz >> 12),
				"size %" PRIu64 " not a power of two",
				hpi->hugepage_sz);
		if (i > 0)
			TEST_ASSERT(hpi->hugepage_sz <
					cfg->hugepage_info[i - 1].hugepage_sz,
					"sizes not sorted largest first");
		TEST_ASSERT_EQUAL(hpi->lock_descriptor, -1,
				"hugedir lock still held after init");
		for (s = 0; s < RTE_MAX_NUMA_NODES; s++)
			TEST_ASSERT(hpi->num_pages[s] <= hpi->total_pages[s],
					"node %u: %u free of %u", s,
					hpi->num_pages[s], hpi->total_pages[s]);
		if (cfg->in_memory && hpi->hugedir[0] == '\0')
			continue;
		TEST_ASSERT_SUCCESS(statfs(hpi->hugedir, &st),
				"statfs %s", hpi->hugedir);
		TEST_ASSERT_EQUAL((unsigned long)st.f_type,
				(unsigned long)HUGETLBFS_MAGIC,
				"%s is not hugetlbfs", hpi->hugedir);
		TEST_ASSERT_EQUAL((uint64_t)st.f_bsize, hpi->hugepage_sz,
				"%s serves %ld-byte pages, not %" PRIu64,
				hpi->hugedir, (long)st.f_bsize,
				hpi->hugepage_sz);
	}
	return TEST_SUCCESS;
}

struct list_seen {
	unsigned int n;
	bool bad_name;
};

static int
list_visit(const struct rte_memseg_list *msl, void *arg)
{
	struct list_seen *ls = arg;
	char want[RTE_FBARRAY_NAME_LEN];
	unsigned int k;

	ls->n++;
	if (msl->external)
		return 0;
	for (k = 0; k < RTE_MAX_MEMSEG_LISTS; k++) {
		snprintf(want, sizeof(want), "memseg-%" PRIu64 "k-%d-%u",
				msl->page_sz >> 10, msl->socket_id, k);
		if (strcmp(want, msl->memseg_arr.name) == 0)
			return 0;
	}
	printf("unexpected list name %s\n", msl->memseg_arr.name);
	ls->bad_name = true;
	return 0;
}

static int
test_lists_shape(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_memseg_list *msl = first_eal_list();
	struct list_seen ls = { 0 };

	TEST_ASSERT_NOT_NULL(msl, "no memseg list at all");
	TEST_ASSERT_EQUAL(rte_memseg_list_walk(list_visit, &ls), 0,
			"list walk did not finish");
	TEST_ASSERT(ls.n > 0, "list walk saw no list");
	TEST_ASSERT(!ls.bad_name, "a list is misnamed");
	if (cfg->no_hugetlbfs) {
		TEST_ASSERT_EQUAL(msl->page_sz, RTE_PGSIZE_2M,
				"--no-huge list has %" PRIu64 "-byte pages",
				msl->page_sz);
		TEST_ASSERT_EQUAL(msl->socket_id, 0, "--no-huge on socket %d",
				msl->socket_id);
	}
	if (!cfg->no_hugetlbfs && cfg->force_socket_limits &&
			cfg->socket_limit[msl->socket_id] != 0)
		TEST_ASSERT(msl->len <= cfg->socket_limit[msl->socket_id] *
				(cfg->legacy_mem ? 2 : 1),
				"list of %zu bytes ignores --socket-limit",
				msl->len);
	TEST_ASSERT_SUCCESS(check_all_lists(), "eal_msl_check failed");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * walks
 * ------------------------------------------------------------------- */

struct walk_log {
	unsigned int n;
	uint64_t bytes;          /* non-external */
	bool not_used;           /* visited a slot that is not plugged */
	bool out_of_order;
	const struct rte_memseg *last;
};

static int
walk_visit(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	struct walk_log *wl = arg;
	struct rte_fbarray *arr = (struct rte_fbarray *)(uintptr_t)
			&msl->memseg_arr;
	int idx = rte_fbarray_find_idx(arr, ms);

	if (idx < 0 || rte_fbarray_is_used(arr, idx) != 1)
		wl->not_used = true;
	if (wl->last != NULL && rte_mem_virt2memseg_list(wl->last->addr) ==
			msl && wl->last->addr >= ms->addr)
		wl->out_of_order = true;
	wl->last = ms;
	wl->n++;
	if (!msl->external)
		wl->bytes += ms->len;
	return 0;
}

/* the walk visits exactly the used slots, once each, in address order */
static int
check_walk_matches_fbarrays(void)
{
	struct walk_log wl = { 0 };
	uint64_t bytes;
	unsigned int n = plugged_from_fbarrays(&bytes);

	TEST_ASSERT_EQUAL(rte_memseg_walk(walk_visit, &wl), 0,
			"walk did not finish");
	TEST_ASSERT(!wl.not_used, "walk visited an unplugged slot");
	TEST_ASSERT(!wl.out_of_order, "walk not in address order");
	TEST_ASSERT_EQUAL(wl.n, n, "walk saw %u pages, fbarrays hold %u",
			wl.n, n);
	TEST_ASSERT_EQUAL(wl.bytes, bytes, "walk bytes %" PRIu64 " vs %"
			PRIu64, wl.bytes, bytes);
	return TEST_SUCCESS;
}

static int
test_walk_sees_plugged(void)
{
	struct rte_memseg *ms[4];
	uint64_t before_b, after_b;
	unsigned int before = plugged_from_fbarrays(&before_b);
	int n, ret;

	ret = check_walk_matches_fbarrays();
	if (ret != TEST_SUCCESS)
		return ret;
	n = plug_pages(ms, RTE_DIM(ms));
	TEST_ASSERT(n >= 0, "cannot plug pages: %s", strerror(-n));
	ret = check_walk_matches_fbarrays();
	TEST_ASSERT_EQUAL(plugged_from_fbarrays(&after_b), before + n,
			"plugging %d pages did not show", n);
	TEST_ASSERT_SUCCESS(check_all_lists(), "lists broken after plug");
	unplug_pages(ms, n);
	if (ret != TEST_SUCCESS)
		return ret;
	TEST_ASSERT_EQUAL(plugged_from_fbarrays(&after_b), before,
			"unplugging did not show");
	TEST_ASSERT_SUCCESS(check_all_lists(), "lists broken after unplug");
	return check_walk_matches_fbarrays();
}

static int
walk_stop_at(const struct rte_memseg_list *msl __rte_unused,
		const struct rte_memseg *ms __rte_unused, void *arg)
{
	int *left = arg;

	return --(*left) == 0 ? *(left + 1) : 0;
}

static int
test_walk_stop_and_error(void)
{
	struct rte_memseg *ms[2];
	int n = plug_pages(ms, 2);
	int ctl[2];
	uint64_t b;

	TEST_ASSERT(n >= 0, "cannot plug pages");
	if (plugged_from_fbarrays(&b) == 0) {
		unplug_pages(ms, n);
		printf("no plugged memory to walk\n");
		return TEST_SKIPPED;
	}
	ctl[0] = 1;
	ctl[1] = 1;
	TEST_ASSERT_EQUAL(rte_memseg_walk(walk_stop_at, ctl), 1,
			"a callback returning 1 must stop with 1");
	ctl[0] = 1;
	ctl[1] = -1;
	TEST_ASSERT_EQUAL(rte_memseg_walk(walk_stop_at, ctl), -1,
			"a callback returning -1 must fail with -1");
	ctl[0] = 1;
	ctl[1] = 7;
	TEST_ASSERT_EQUAL(rte_memseg_walk(walk_stop_at, ctl), 1,
			"any positive value stops with 1");
	unplug_pages(ms, n);
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * translations
 * ------------------------------------------------------------------- */

static int
check_page_translations(const struct rte_memseg_list *msl,
		const struct rte_memseg *ms)
{
	const size_t offs[] = { 0, 1, 4096, ms->len / 2, ms->len - 1 };
	unsigned int k;

	for (k = 0; k < RTE_DIM(offs); k++) {
		const void *va = RTE_PTR_ADD(ms->addr, offs[k]);
		rte_iova_t iova;

		TEST_ASSERT(rte_mem_virt2memseg_list(va) == msl,
				"%p: wrong list", va);
		TEST_ASSERT(rte_mem_virt2memseg(va, NULL) == ms,
				"%p: wrong memseg", va);
		TEST_ASSERT(rte_mem_virt2memseg(va, msl) == ms,
				"%p: wrong memseg given its list", va);
		if (ms->iova == RTE_BAD_IOVA)
			continue;
		iova = rte_mem_virt2iova(va);
		TEST_ASSERT_EQUAL(iova, ms->iova + offs[k],
				"%p: iova 0x%" PRIx64 ", memseg says 0x%" PRIx64,
				va, iova, ms->iova + offs[k]);
		TEST_ASSERT(rte_mem_iova2virt(iova) == va,
				"iova 0x%" PRIx64 " maps back to %p, not %p",
				iova, rte_mem_iova2virt(iova), va);
		if (iova_is_checkable_pa())
			TEST_ASSERT_EQUAL(rte_mem_virt2phy(va), iova,
					"%p: pagemap disagrees with iova", va);
	}
	return TEST_SUCCESS;
}

static int
translate_visit(const struct rte_memseg_list *msl,
		const struct rte_memseg *ms, void *arg)
{
	int *failed = arg;

	if (check_page_translations(msl, ms) != TEST_SUCCESS) {
		*failed = 1;
		return 1;
	}
	return 0;
}

static int
test_translations_round_trip(void)
{
	struct rte_memseg *ms[4];
	int n = plug_pages(ms, RTE_DIM(ms));
	int failed = 0;

	TEST_ASSERT(n >= 0, "cannot plug pages");
	rte_memseg_walk(translate_visit, &failed);
	unplug_pages(ms, n);
	TEST_ASSERT(!failed, "a page does not translate back and forth");
	return TEST_SUCCESS;
}

static int
test_translations_outside(void)
{
	struct rte_memseg_list *msl = first_eal_list();
	int stack_var = 1;
	unsigned int i;

	TEST_ASSERT_NOT_NULL(msl, "no list");
	TEST_ASSERT_NULL(rte_mem_virt2memseg_list(&stack_var),
			"the stack is not in a memseg list");
	TEST_ASSERT_NULL(rte_mem_virt2memseg(&stack_var, NULL),
			"the stack has no memseg");
	TEST_ASSERT_NULL(rte_mem_virt2memseg(RTE_PTR_ADD(msl->base_va,
			msl->len), msl), "one past the list has no memseg");
	TEST_ASSERT_NULL(rte_mem_iova2virt(RTE_BAD_IOVA),
			"RTE_BAD_IOVA maps nowhere");
	/* a slot that is reserved but not plugged is not memory */
	for (i = 0; i < msl->memseg_arr.len; i++) {
		void *va = RTE_PTR_ADD(msl->base_va, (size_t)i * msl->page_sz);

		if (rte_fbarray_is_used(&msl->memseg_arr, i) == 1)
			continue;
		TEST_ASSERT_NULL(rte_mem_virt2memseg(va, NULL),
				"free slot %u has a memseg", i);
		TEST_ASSERT(rte_mem_virt2memseg_list(va) == msl,
				"free slot %u is still inside its list", i);
		break;
	}
	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		TEST_ASSERT_EQUAL(rte_mem_virt2iova(&stack_var),
				(rte_iova_t)(uintptr_t)&stack_var,
				"IOVA as VA: any address is its own iova");
	else if (rte_eal_using_phys_addrs())
		TEST_ASSERT_EQUAL(rte_mem_virt2iova(&stack_var),
				rte_mem_virt2phy(&stack_var),
				"non-EAL memory: iova is the physical address");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * contiguous runs and size
 * ------------------------------------------------------------------- */

struct contig_log {
	unsigned int runs;
	uint64_t bytes;     /* all runs, external too */
	bool broken;
};

static bool
iova_next(const struct rte_memseg *a, const struct rte_memseg *b)
{
	if (a->iova == RTE_BAD_IOVA || b->iova == RTE_BAD_IOVA)
		return a->iova == b->iova;
	return a->iova + a->len == b->iova;
}

/* every page of the run continues the previous one in VA and IOVA */
static bool
run_is_contiguous(const struct rte_memseg_list *msl,
		const struct rte_memseg *first, size_t len)
{
	const struct rte_memseg *prev = first;
	size_t off;

	for (off = first->len; off < len; off += prev->len) {
		const struct rte_memseg *ms = rte_mem_virt2memseg(
				RTE_PTR_ADD(first->addr, off), msl);

		if (ms == NULL || ms->addr != RTE_PTR_ADD(prev->addr,
				prev->len) || !iova_next(prev, ms))
			return false;
		prev = ms;
	}
	return off == len;
}

/* the page after the run must not continue it (runs are maximal) */
static bool
run_is_maximal(const struct rte_memseg_list *msl,
		const struct rte_memseg *first, size_t len)
{
	const void *end = RTE_PTR_ADD(first->addr, len);
	const struct rte_memseg *last, *next;

	if ((uintptr_t)end >= (uintptr_t)msl->base_va + msl->len)
		return true;
	last = rte_mem_virt2memseg(RTE_PTR_SUB(end, 1), msl);
	next = rte_mem_virt2memseg(end, msl);
	return last != NULL && (next == NULL || !iova_next(last, next));
}

static int
contig_visit(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		size_t len, void *arg)
{
	struct contig_log *cl = arg;

	cl->runs++;
	cl->bytes += len;
	if (len == 0 || len % msl->page_sz != 0 ||
			!run_is_contiguous(msl, ms, len) ||
			!run_is_maximal(msl, ms, len)) {
		printf("bad run at %p len %zu in %s\n", ms->addr, len,
				msl->memseg_arr.name);
		cl->broken = true;
	}
	return 0;
}

/* bytes plugged in every list, external ones included */
static uint64_t
plugged_bytes_all(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	uint64_t all = 0;
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		if (mcfg->memsegs[i].base_va != NULL)
			all += (uint64_t)mcfg->memsegs[i].memseg_arr.count *
					mcfg->memsegs[i].page_sz;
	}
	return all;
}

static int
test_contig_walk_runs(void)
{
	struct rte_memseg *ms[8];
	int n = plug_pages(ms, RTE_DIM(ms));
	struct contig_log cl = { 0 };
	struct walk_log wl = { 0 };
	uint64_t all;
	int ret;

	TEST_ASSERT(n >= 0, "cannot plug pages");
	ret = rte_memseg_contig_walk(contig_visit, &cl);
	rte_memseg_walk(walk_visit, &wl);
	all = plugged_bytes_all();
	unplug_pages(ms, n);
	TEST_ASSERT_EQUAL(ret, 0, "contig walk did not finish");
	TEST_ASSERT(!cl.broken, "a run is not contiguous or not maximal");
	TEST_ASSERT(cl.runs <= wl.n, "%u runs for %u pages", cl.runs, wl.n);
	TEST_ASSERT_EQUAL(cl.bytes, all, "runs cover %" PRIu64 " bytes, pages %"
			PRIu64, cl.bytes, all);
	return TEST_SUCCESS;
}

static int
test_physmem_size(void)
{
	struct rte_memseg *ms[3];
	uint64_t bytes, before = rte_eal_get_physmem_size();
	struct rte_memseg_list *msl = first_eal_list();
	int n;

	plugged_from_fbarrays(&bytes);
	TEST_ASSERT_EQUAL(before, bytes, "physmem %" PRIu64 " but %" PRIu64
			" bytes plugged", before, bytes);
	n = plug_pages(ms, RTE_DIM(ms));
	TEST_ASSERT(n >= 0, "cannot plug pages");
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(),
			before + (uint64_t)n * msl->page_sz,
			"physmem did not grow by %d pages", n);
	unplug_pages(ms, n);
	TEST_ASSERT_EQUAL(rte_eal_get_physmem_size(), before,
			"physmem did not shrink back");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * DMA mask
 * ------------------------------------------------------------------- */

static int
iova_top_visit(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	uint64_t *top = arg;

	if (!msl->external && ms->iova != RTE_BAD_IOVA &&
			ms->iova + ms->len - 1 > *top)
		*top = ms->iova + ms->len - 1;
	return 0;
}

static int
test_dma_mask(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	uint8_t saved = mcfg->dma_maskbits;
	struct rte_memseg *ms[2];
	int n = plug_pages(ms, 2), bits;
	uint64_t top = 0;

	TEST_ASSERT(n >= 0, "cannot plug pages");
	mcfg->dma_maskbits = 0;
	rte_memseg_walk(iova_top_visit, &top);
	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(0), -1, "0 bits accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "0 bits: rte_errno %d",
			rte_errno);
	TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(65), -1, "65 bits accepted");
	TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(64), 0, "64 bits refused");
	if (top > 0) {
		bits = 64 - __builtin_clzll(top);
		TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(bits), 0,
				"top iova 0x%" PRIx64 " fits %d bits", top,
				bits);
		rte_errno = 0;
		TEST_ASSERT_EQUAL(rte_mem_check_dma_mask(bits - 1), -1,
				"top iova 0x%" PRIx64 " does not fit %d bits",
				top, bits - 1);
		TEST_ASSERT_EQUAL(rte_errno, ERANGE, "rte_errno %d",
				rte_errno);
		TEST_ASSERT_EQUAL(mcfg->dma_maskbits, bits,
				"narrowest accepted mask not recorded");
	}
	mcfg->dma_maskbits = 0;
	rte_mem_set_dma_mask(40);
	rte_mem_set_dma_mask(48);
	TEST_ASSERT_EQUAL(mcfg->dma_maskbits, 40, "set_dma_mask keeps the "
			"narrowest");
	mcfg->dma_maskbits = saved;
	unplug_pages(ms, n);
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * backing fds
 * ------------------------------------------------------------------- */

/* what the fd holds at the page's offset is what the page shows */
static int
check_seg_fd(const struct rte_memseg *ms)
{
	unsigned char from_fd[64];
	struct statfs st;
	size_t off = SIZE_MAX;
	int fd = rte_memseg_get_fd(ms);

	TEST_ASSERT(fd >= 0, "page %p has no fd: %s", ms->addr,
			rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_memseg_get_fd_offset(ms, &off), 0,
			"page %p has no fd offset", ms->addr);
	TEST_ASSERT(off % ms->len == 0, "offset %zu not page aligned", off);
	TEST_ASSERT_SUCCESS(fstatfs(fd, &st), "fstatfs");
	TEST_ASSERT_EQUAL((unsigned long)st.f_type,
			(unsigned long)HUGETLBFS_MAGIC,
			"fd of %p is not on hugetlbfs", ms->addr);
	TEST_ASSERT_EQUAL(pread(fd, from_fd, sizeof(from_fd), (off_t)off),
			(ssize_t)sizeof(from_fd), "pread");
	TEST_ASSERT_BUFFERS_ARE_EQUAL(from_fd, ms->addr, sizeof(from_fd),
			"fd and mapping of %p differ", ms->addr);
	return TEST_SUCCESS;
}

struct fd_walk {
	int failed;
	unsigned int checked;
};

static int
fd_visit(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	struct fd_walk *fw = arg;

	if (msl->external)
		return 0;
	fw->checked++;
	if (check_seg_fd(ms) != TEST_SUCCESS) {
		fw->failed = 1;
		return 1;
	}
	return 0;
}

static int
test_seg_fds(void)
{
	struct rte_memseg *ms[2];
	struct rte_memseg bogus;
	struct fd_walk fw = { 0 };
	size_t off;
	int n;

	rte_errno = 0;
	TEST_ASSERT_EQUAL(rte_memseg_get_fd(NULL), -1, "NULL has an fd");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL: rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_memseg_get_fd_offset(NULL, &off), -1,
			"NULL has an offset");
	n = plug_pages(ms, RTE_DIM(ms));
	TEST_ASSERT(n >= 0, "cannot plug pages");
	if (n > 0) {
		/* a copy of a memseg is not the memseg */
		bogus = *ms[0];
		rte_errno = 0;
		TEST_ASSERT_EQUAL(rte_memseg_get_fd(&bogus), -1,
				"a copy of a memseg has an fd");
		TEST_ASSERT_EQUAL(rte_errno, EINVAL, "copy: rte_errno %d",
				rte_errno);
	}
	if (mode_nohuge()) {
		struct rte_memseg_list *msl = first_eal_list();
		const struct rte_memseg *any = msl->memseg_arr.count > 0 ?
				rte_mem_virt2memseg(msl->base_va, msl) : NULL;

		if (any != NULL) {
			TEST_ASSERT_EQUAL(rte_memseg_get_fd(any), -1,
					"anonymous memory has no fd");
			TEST_ASSERT(rte_errno == ENOTSUP || rte_errno == ENODEV,
					"anonymous: rte_errno %d", rte_errno);
		}
	} else {
		rte_memseg_walk(fd_visit, &fw);
	}
	unplug_pages(ms, n);
	TEST_ASSERT(!fw.failed, "a page's fd does not back it");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * layout dump
 * ------------------------------------------------------------------- */

static int
count_runs(const struct rte_memseg_list *msl __rte_unused,
		const struct rte_memseg *ms __rte_unused, size_t len __rte_unused,
		void *arg)
{
	(*(unsigned int *)arg)++;
	return 0;
}

static unsigned int
count_lines(const char *buf, const char *prefix)
{
	unsigned int n = 0;
	const char *p = buf;
	size_t plen = strlen(prefix);

	while (p != NULL && *p != '\0') {
		if (strncmp(p, prefix, plen) == 0)
			n++;
		p = strchr(p, '\n');
		if (p != NULL)
			p++;
	}
	return n;
}

static int
test_dump_layout(void)
{
	struct list_seen ls = { 0 };
	unsigned int runs = 0;
	char *buf = NULL;
	size_t sz = 0;
	FILE *f = open_memstream(&buf, &sz);

	TEST_ASSERT_NOT_NULL(f, "open_memstream");
	rte_dump_physmem_layout(f);
	fclose(f);
	rte_memseg_list_walk(list_visit, &ls);
	rte_memseg_contig_walk(count_runs, &runs);
	TEST_ASSERT_EQUAL(count_lines(buf, "memseg list "), ls.n,
			"dump shows a line per list:\n%s", buf);
	TEST_ASSERT_EQUAL(count_lines(buf, "  slots "), runs,
			"dump shows a line per run:\n%s", buf);
	free(buf);
	rte_dump_physmem_layout(NULL); /* harmless */
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * VA reservation
 * ------------------------------------------------------------------- */

/* is [va, va+len) free address space? */
static bool
va_is_free(void *va, size_t len)
{
	void *p = mmap(va, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
			MAP_FIXED_NOREPLACE, -1, 0);

	if (p == MAP_FAILED)
		return false;
	munmap(p, len);
	return p == va;
}

static int
test_virtual_area(void)
{
	const size_t pg = RTE_PGSIZE_2M;
	size_t sz = 3 * pg;
	void *va, *again;

	sz = pg + 1;
	rte_errno = 0;
	TEST_ASSERT_NULL(eal_get_virtual_area(NULL, &sz, pg, 0, 0),
			"size not a multiple of the page accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	sz = 3 * pg;
	TEST_ASSERT_NULL(eal_get_virtual_area(NULL, &sz, 3 * 4096, 0, 0),
			"page size not a power of two accepted");
	va = eal_get_virtual_area(NULL, &sz, pg, 0, 0);
	TEST_ASSERT_NOT_NULL(va, "cannot reserve 6 MiB");
	TEST_ASSERT(((uintptr_t)va & (pg - 1)) == 0, "%p not 2M aligned", va);
	TEST_ASSERT_EQUAL(sz, 3 * pg, "size changed without ALLOW_SHRINK");
	/* the reservation is address space only: touching it must not work */
	TEST_ASSERT(!va_is_free(va, sz), "reserved range is free");
	rte_errno = 0;
	TEST_ASSERT_NULL(eal_get_virtual_area(va, &sz, pg, 0, 0),
			"an exact request over a reservation succeeded");
	TEST_ASSERT_EQUAL(rte_errno, EADDRINUSE, "rte_errno %d", rte_errno);
	again = eal_get_virtual_area(va, &sz, pg,
			EAL_VIRTUAL_AREA_ADDR_IS_HINT, 0);
	TEST_ASSERT(again != NULL && again != va,
			"a hint over a reservation must land elsewhere");
	eal_mem_free(again, sz);
	eal_mem_free(va, sz);
	TEST_ASSERT(va_is_free(va, sz), "eal_mem_free left a mapping");
	again = eal_get_virtual_area(va, &sz, pg, 0, 0);
	TEST_ASSERT(again == va, "exact request at a free aligned address "
			"got %p, not %p", again, va);
	eal_mem_free(again, sz);
	again = eal_get_virtual_area(NULL, &sz, pg, EAL_VIRTUAL_AREA_UNMAP, 0);
	TEST_ASSERT_NOT_NULL(again, "probe reservation failed");
	TEST_ASSERT(va_is_free(again, sz), "UNMAP left the range mapped");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * planning (pure functions over a made-up inventory)
 * ------------------------------------------------------------------- */

static struct internal_config *
fake_inventory(void)
{
	struct internal_config *cfg = calloc(1, sizeof(*cfg));

	if (cfg == NULL)
		return NULL;
	cfg->num_hugepage_sizes = 2;
	cfg->hugepage_info[0].hugepage_sz = RTE_PGSIZE_1G;
	cfg->hugepage_info[0].num_pages[0] = 2;
	cfg->hugepage_info[0].num_pages[1] = 1;
	cfg->hugepage_info[1].hugepage_sz = RTE_PGSIZE_2M;
	cfg->hugepage_info[1].num_pages[0] = 10;
	return cfg;
}

static int
test_plan(void)
{
	struct internal_config *cfg = fake_inventory();
	uint64_t want[RTE_MAX_NUMA_NODES] = { 0 };
	struct eal_mem_plan plan;
	int short_socket = -1, ret;

	TEST_ASSERT_NOT_NULL(cfg, "calloc");
	want[0] = RTE_PGSIZE_1G + 3 * (1 << 20);
	want[1] = 512 << 20;
	ret = eal_mem_plan_make(cfg, want, &plan, &short_socket);
	TEST_ASSERT_EQUAL(ret, 0, "plan failed: %d", ret);
	/* largest first, the 3 MiB remainder rounded up to two 2 MiB pages */
	TEST_ASSERT(plan.pages[0][0] == 1 && plan.pages[0][1] == 2,
			"socket 0: %u x 1G + %u x 2M", plan.pages[0][0],
			plan.pages[0][1]);
	TEST_ASSERT_EQUAL(plan.bytes[0], RTE_PGSIZE_1G + 4 * (1 << 20),
			"socket 0 bytes");
	/* no 2M page on socket 1: the remainder takes a whole 1G page */
	TEST_ASSERT(plan.pages[1][0] == 1 && plan.pages[1][1] == 0,
			"socket 1: %u x 1G + %u x 2M", plan.pages[1][0],
			plan.pages[1][1]);
	want[1] = 0;
	want[0] = 3 * RTE_PGSIZE_1G;
	ret = eal_mem_plan_make(cfg, want, &plan, &short_socket);
	TEST_ASSERT_EQUAL(ret, -ENOMEM, "3G planned from 2G+20M");
	TEST_ASSERT_EQUAL(short_socket, 0, "short socket %d", short_socket);
	free(cfg);
	return TEST_SUCCESS;
}

static int
test_floor_targets(void)
{
	struct internal_config *cfg = fake_inventory();
	uint64_t want[RTE_MAX_NUMA_NODES];

	TEST_ASSERT_NOT_NULL(cfg, "calloc");
	TEST_ASSERT_EQUAL(eal_mem_floor_targets(cfg, want), 0, "no -m");
	TEST_ASSERT_EQUAL(want[0], 0u, "no -m, no floor");
	cfg->memory = RTE_PGSIZE_1G + (10 << 20);
	TEST_ASSERT_EQUAL(eal_mem_floor_targets(cfg, want), 0, "-m fits");
	TEST_ASSERT_EQUAL(want[0], cfg->memory, "-m taken from node 0 first");
	cfg->memory = 64 * RTE_PGSIZE_1G;
	TEST_ASSERT_EQUAL(eal_mem_floor_targets(cfg, want), -ENOMEM,
			"-m beyond every free page accepted");
	cfg->memory = 0;
	cfg->force_sockets = true;
	cfg->socket_mem[1] = 256 << 20;
	TEST_ASSERT_EQUAL(eal_mem_floor_targets(cfg, want), 0, "socket-mem");
	TEST_ASSERT(want[0] == 0 && want[1] == (256 << 20),
			"--socket-mem is taken as given");
	free(cfg);
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * failures at init, in child processes
 * ------------------------------------------------------------------- */

static bool
in_child(void)
{
	return getenv("HPEAL_TEST_CHILD") != NULL;
}

static int
test_bad_huge_dir_refused(void)
{
	const char *args[] = { "--file-prefix=t_mem_badhd", "--huge-dir=/tmp",
			NULL };
	int st;

	if (in_child())
		return TEST_SKIPPED;
	st = test_run_child("memory_probe_autotest", args);
	TEST_ASSERT(st > 0 && st != TEST_SKIPPED,
			"init with a --huge-dir that is not hugetlbfs exited "
			"%d, expected a failure", st);
	return TEST_SUCCESS;
}

/* files of a prefix left in a directory */
static unsigned int
files_with_prefix(const char *dir, const char *prefix)
{
	char cmd[PATH_MAX + 128];
	unsigned int n = 0;
	FILE *p;

	snprintf(cmd, sizeof(cmd), "ls -1 '%s' | grep -c '^%s' || true", dir,
			prefix);
	p = popen(cmd, "r");
	if (p == NULL)
		return UINT_MAX;
	if (fscanf(p, "%u", &n) != 1)
		n = UINT_MAX;
	pclose(p);
	return n;
}

/* a private hugetlbfs that holds only 4 pages of 2 MiB */
static int
small_mount(char *dir, size_t sz)
{
	char cmd[PATH_MAX + 128];

	if (geteuid() != 0 || mode_nohuge())
		return -EPERM;
	snprintf(dir, sz, "/tmp/hp-d1-test-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -errno;
	snprintf(cmd, sizeof(cmd), "mount -t hugetlbfs -o pagesize=2M,size=8M "
			"nodev '%s' 2>/dev/null", dir);
	if (system(cmd) != 0) {
		rmdir(dir);
		return -EPERM;
	}
	return 0;
}

static void
small_umount(const char *dir)
{
	char cmd[PATH_MAX + 64];

	snprintf(cmd, sizeof(cmd), "umount '%s'", dir);
	if (system(cmd) == 0)
		rmdir(dir);
}

/*
 * Asking for more than the mount can hold fails at init and leaves no
 * page file behind, in legacy mode and for the dynamic floor; asking for
 * what fits works, and the files go with the process.
 */
static int
test_init_unwinds(void)
{
	char dir[PATH_MAX], hd[PATH_MAX + 16];
	const char *legacy_big[] = { "--file-prefix=t_mem_unw", hd,
			"--legacy-mem", "-m", "32", NULL };
	const char *floor_big[] = { "--file-prefix=t_mem_unw", hd, "-m", "32",
			NULL };
	const char *legacy_fits[] = { "--file-prefix=t_mem_unw", hd,
			"--legacy-mem", "-m", "6", NULL };
	int st[3];

	if (in_child() || small_mount(dir, sizeof(dir)) != 0)
		return TEST_SKIPPED;
	snprintf(hd, sizeof(hd), "--huge-dir=%s", dir);
	st[0] = test_run_child("memory_probe_autotest", legacy_big);
	st[1] = test_run_child("memory_probe_autotest", floor_big);
	st[2] = test_run_child("memory_probe_autotest", legacy_fits);
	{
		unsigned int left = files_with_prefix(dir, "t_mem_unw");

		small_umount(dir);
		TEST_ASSERT(st[0] > 0 && st[0] != TEST_SKIPPED,
				"legacy -m 32 over 8 MiB exited %d", st[0]);
		TEST_ASSERT(st[1] > 0 && st[1] != TEST_SKIPPED,
				"floor -m 32 over 8 MiB exited %d", st[1]);
		TEST_ASSERT_EQUAL(st[2], 0, "legacy -m 6 in 8 MiB exited %d",
				st[2]);
		TEST_ASSERT_EQUAL(left, 0u, "%u page files left behind", left);
	}
	return TEST_SUCCESS;
}

/* a child that only checks its lists; used by the cases above */
static int
test_memory_probe(void)
{
	return check_all_lists() == 0 ? TEST_SUCCESS : TEST_FAILED;
}

REGISTER_TEST_COMMAND(memory_probe_autotest, test_memory_probe);

/* ---------------------------------------------------------------------
 * suite
 * ------------------------------------------------------------------- */

static int
test_lock_page(void)
{
	struct rte_memseg *ms[1];
	int n = plug_pages(ms, 1), ret;
	const struct rte_memseg *any;
	struct rte_memseg_list *msl = first_eal_list();

	TEST_ASSERT(n >= 0, "cannot plug a page");
	any = n > 0 ? ms[0] : rte_mem_virt2memseg(msl->base_va, msl);
	if (any == NULL) {
		unplug_pages(ms, n);
		return TEST_SKIPPED;
	}
	ret = rte_mem_lock_page(RTE_PTR_ADD(any->addr, 100));
	unplug_pages(ms, n);
	TEST_ASSERT_EQUAL(ret, 0, "mlock of a plugged page failed");
	return TEST_SUCCESS;
}

static struct unit_test_suite memory_suite = {
	.suite_name = "memory topology",
	.unit_test_cases = {
		TEST_CASE(test_hugepage_inventory),
		TEST_CASE(test_lists_shape),
		TEST_CASE(test_walk_sees_plugged),
		TEST_CASE(test_walk_stop_and_error),
		TEST_CASE(test_translations_round_trip),
		TEST_CASE(test_translations_outside),
		TEST_CASE(test_contig_walk_runs),
		TEST_CASE(test_physmem_size),
		TEST_CASE(test_dma_mask),
		TEST_CASE(test_seg_fds),
		TEST_CASE(test_dump_layout),
		TEST_CASE(test_virtual_area),
		TEST_CASE(test_lock_page),
		TEST_CASE(test_plan),
		TEST_CASE(test_floor_targets),
		TEST_CASE(test_bad_huge_dir_refused),
		TEST_CASE(test_init_unwinds),
		TEST_CASES_END()
	}
};

static int
test_memory(void)
{
	return unit_test_suite_runner(&memory_suite);
}

REGISTER_TEST_COMMAND(memory_autotest, test_memory);
