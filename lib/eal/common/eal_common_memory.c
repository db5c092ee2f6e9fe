/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory topology: virtual address reservation, memseg lists (one or more
 * per socket and page size, sized from the hugepage inventory and the
 * options), lookups from address to memseg and back, walks, and the rest of
 * the rte_memory.h API over them.
 *
 * Locking: everything that reads the set of plugged pages takes
 * memory_hotplug_lock (eal_memcfg.h) for reading, unless it is a
 * _thread_unsafe form whose caller holds it. Nothing here plugs or unplugs
 * pages; the page allocator (eal_memalloc.c) does, under the write lock.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <numa.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_memcfg.h"
#include "eal_memory.h"
#include "eal_private.h"

/* ---------------------------------------------------------------------
 * virtual address reservation
 * ------------------------------------------------------------------- */

/*
 * Next address to try for a primary's reservations that name no address:
 * they are laid out one after another from rte_eal_get_baseaddr()
 * (--base-virtaddr, else the default), as hints, so that a taken range
 * makes the kernel choose elsewhere. Process-wide by nature (the address
 * space is), so a file-scope variable.
 */
static void *next_baseaddr;

static void *
va_reserve_once(void *req, size_t map_sz, bool exact, int reserve_flags)
{
	int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | reserve_flags;

	/* an exact request must not clobber whatever lives there already */
	if (exact)
		flags |= MAP_FIXED_NOREPLACE;
	return mmap(req, map_sz, PROT_NONE, flags, -1, 0);
}

/* cut the alignment slack off both ends of a reservation */
static void *
va_trim(void *addr, size_t map_sz, size_t size, size_t page_sz)
{
	void *aligned = RTE_PTR_ALIGN_CEIL(addr, page_sz);
	size_t head = RTE_PTR_DIFF(aligned, addr);
	size_t tail = map_sz - head - size;

	if (head > 0)
		munmap(addr, head);
	if (tail > 0)
		munmap(RTE_PTR_ADD(aligned, size), tail);
	return aligned;
}

void *
eal_get_virtual_area(void *requested_addr, size_t *size, size_t page_sz,
		int flags, int reserve_flags)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	bool hint = (flags & EAL_VIRTUAL_AREA_ADDR_IS_HINT) != 0;
	bool shrink = (flags & EAL_VIRTUAL_AREA_ALLOW_SHRINK) != 0;
	bool from_base = false;
	size_t slack;
	void *addr;

	if (size == NULL || *size == 0 || page_sz == 0 ||
			(page_sz & (page_sz - 1)) != 0 ||
			*size % page_sz != 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (requested_addr == NULL && cfg->process_type == RTE_PROC_PRIMARY) {
		if (next_baseaddr == NULL)
			next_baseaddr = (void *)(uintptr_t)rte_eal_get_baseaddr();
		requested_addr = RTE_PTR_ALIGN_CEIL(next_baseaddr, page_sz);
		hint = true;
		from_base = true;
	}
	if (requested_addr != NULL && !hint &&
			RTE_PTR_ALIGN_CEIL(requested_addr, page_sz) !=
			requested_addr) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (requested_addr != NULL)
		requested_addr = RTE_PTR_ALIGN_CEIL(requested_addr, page_sz);
	/* an exact, aligned request needs no room for alignment */
	slack = (requested_addr != NULL && !hint) ? 0 : page_sz;

	for (;;) {
		addr = va_reserve_once(requested_addr, *size + slack,
				requested_addr != NULL && !hint, reserve_flags);
		if (addr != MAP_FAILED)
			break;
		if (errno == ENOMEM && shrink && *size > page_sz) {
			*size -= page_sz;
			continue;
		}
		rte_errno = errno == EEXIST ? EADDRINUSE : errno;
		RTE_LOG(DEBUG, EAL, "cannot reserve %zu bytes of VA at %p: %s\n",
				*size, requested_addr, strerror(errno));
		return NULL;
	}
	if (requested_addr != NULL && !hint && addr != requested_addr) {
		/* kernels without MAP_FIXED_NOREPLACE treat it as a hint */
		munmap(addr, *size);
		rte_errno = EADDRINUSE;
		return NULL;
	}
	addr = va_trim(addr, *size + slack, *size, page_sz);
	if (flags & EAL_VIRTUAL_AREA_UNMAP) {
		munmap(addr, *size);
	} else {
		/* reserved space is not worth a core dump */
		madvise(addr, *size, MADV_DONTDUMP);
	}
	if (from_base)
		next_baseaddr = RTE_PTR_ADD(addr, *size);
	return addr;
}

void
eal_mem_free(void *virt, size_t size)
{
	if (virt != NULL && size > 0)
		munmap(virt, size);
}

/* ---------------------------------------------------------------------
 * sizing: sockets, capacities, plans
 * ------------------------------------------------------------------- */

unsigned int
eal_mem_num_sockets(void)
{
	int max;

	if (numa_available() < 0)
		return 1;
	max = numa_max_node();
	if (max < 0)
		return 1;
	return RTE_MIN((unsigned int)max + 1, (unsigned int)RTE_MAX_NUMA_NODES);
}

/* most slots one list may have for a page size */
static uint64_t
memseg_list_max_segs(uint64_t page_sz)
{
	uint64_t by_mem = ((uint64_t)RTE_MAX_MEM_MB_PER_LIST << 20) / page_sz;

	return RTE_MAX(RTE_MIN((uint64_t)RTE_MAX_MEMSEG_PER_LIST, by_mem),
			(uint64_t)1);
}

/*
 * Slots for one (socket, page size): the pages that exist there, capped by
 * --socket-limit and the per-type bounds. Legacy mode leaves a hole slot
 * between IOVA-discontiguous runs, so it may need up to twice as many.
 */
static uint64_t
memseg_type_capacity(const struct internal_config *cfg,
		const struct hugepage_info *hpi, unsigned int socket)
{
	uint64_t psz = hpi->hugepage_sz;
	uint64_t segs = hpi->total_pages[socket];
	uint64_t type_max;

	if (segs == 0)
		return 0;
	if (cfg->force_socket_limits && cfg->socket_limit[socket] != 0)
		segs = RTE_MIN(segs, cfg->socket_limit[socket] / psz);
	if (segs == 0)
		return 0;
	if (cfg->legacy_mem)
		segs = segs * 2 - 1;
	type_max = RTE_MIN((uint64_t)RTE_MAX_MEMSEG_PER_TYPE,
			((uint64_t)RTE_MAX_MEM_MB_PER_TYPE << 20) / psz);
	if (cfg->legacy_mem)
		type_max *= 2;
	return RTE_MIN(segs, type_max);
}

/* --no-huge: the one list holds -m (or the default), or the limit */
static uint64_t
memseg_nohuge_capacity(const struct internal_config *cfg)
{
	uint64_t mem = cfg->memory;
	unsigned int i;

	if (cfg->force_sockets) {
		mem = 0;
		for (i = 0; i < RTE_MAX_NUMA_NODES; i++)
			mem += cfg->socket_mem[i];
	}
	if (cfg->force_socket_limits && cfg->socket_limit[0] != 0)
		mem = RTE_MAX(mem, cfg->socket_limit[0]);
	if (mem == 0)
		mem = cfg->legacy_mem ? EAL_NO_HUGE_LEGACY_DEFAULT_MEM :
				EAL_NO_HUGE_DEFAULT_MEM;
	return RTE_ALIGN_CEIL(mem, EAL_NO_HUGE_PAGE_SZ) / EAL_NO_HUGE_PAGE_SZ;
}

static uint64_t
socket_free_bytes(const struct internal_config *cfg, unsigned int socket)
{
	uint64_t total = 0;
	unsigned int h;

	for (h = 0; h < cfg->num_hugepage_sizes; h++)
		total += (uint64_t)cfg->hugepage_info[h].num_pages[socket] *
				cfg->hugepage_info[h].hugepage_sz;
	return total;
}

int
eal_mem_floor_targets(const struct internal_config *cfg,
		uint64_t want[RTE_MAX_NUMA_NODES])
{
	unsigned int n_sockets = eal_mem_num_sockets();
	uint64_t left = cfg->memory;
	unsigned int s;

	memset(want, 0, sizeof(want[0]) * RTE_MAX_NUMA_NODES);
	if (cfg->force_sockets) {
		for (s = 0; s < RTE_MAX_NUMA_NODES; s++)
			want[s] = cfg->socket_mem[s];
		return 0;
	}
	if (cfg->no_hugetlbfs) {
		want[0] = left;
		return 0;
	}
	/* -m alone: take from each node in turn what it has free */
	for (s = 0; s < n_sockets && left > 0; s++) {
		want[s] = RTE_MIN(left, socket_free_bytes(cfg, s));
		left -= want[s];
	}
	return left > 0 ? -ENOMEM : 0;
}

/* largest page sizes first, as many whole pages as fit the target */
static uint64_t
plan_whole_pages(const struct internal_config *cfg, unsigned int s,
		uint64_t want, struct eal_mem_plan *plan)
{
	unsigned int h;

	for (h = 0; h < cfg->num_hugepage_sizes && want > 0; h++) {
		uint64_t psz = cfg->hugepage_info[h].hugepage_sz;
		uint64_t n = RTE_MIN(want / psz,
				(uint64_t)cfg->hugepage_info[h].num_pages[s]);

		plan->pages[s][h] = (uint32_t)n;
		want -= n * psz;
	}
	return want;
}

/* the remainder, rounded up to the smallest size that still has pages */
static uint64_t
plan_remainder(const struct internal_config *cfg, unsigned int s,
		uint64_t want, struct eal_mem_plan *plan)
{
	int h;

	for (h = (int)cfg->num_hugepage_sizes - 1; h >= 0 && want > 0; h--) {
		uint64_t psz = cfg->hugepage_info[h].hugepage_sz;
		uint64_t left = cfg->hugepage_info[h].num_pages[s] -
				plan->pages[s][h];
		uint64_t n = (want + psz - 1) / psz;

		if (n <= left) {
			plan->pages[s][h] += (uint32_t)n;
			want = 0;
		}
	}
	return want;
}

int
eal_mem_plan_make(const struct internal_config *cfg,
		const uint64_t want[RTE_MAX_NUMA_NODES], struct eal_mem_plan *plan,
		int *short_socket)
{
	unsigned int s, h;

	memset(plan, 0, sizeof(*plan));
	for (s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		uint64_t left;

		if (want[s] == 0)
			continue;
		left = plan_whole_pages(cfg, s, want[s], plan);
		left = plan_remainder(cfg, s, left, plan);
		if (left > 0) {
			if (short_socket != NULL)
				*short_socket = (int)s;
			return -ENOMEM;
		}
		for (h = 0; h < cfg->num_hugepage_sizes; h++)
			plan->bytes[s] += (uint64_t)plan->pages[s][h] *
					cfg->hugepage_info[h].hugepage_sz;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * memseg lists: create, attach, tear down
 * ------------------------------------------------------------------- */

/* whether this process has set up (or attached) the lists */
static bool memseg_lists_ready;

static int
memseg_list_create(struct rte_memseg_list *msl, uint64_t page_sz,
		unsigned int n_segs, int socket, unsigned int type_idx)
{
	char name[RTE_FBARRAY_NAME_LEN];
	size_t len = (size_t)n_segs * page_sz;
	void *va;

	snprintf(name, sizeof(name), "memseg-%" PRIu64 "k-%d-%u",
			page_sz >> 10, socket, type_idx);
	if (rte_fbarray_init(&msl->memseg_arr, name, n_segs,
			sizeof(struct rte_memseg)) < 0) {
		RTE_LOG(ERR, EAL, "cannot create memseg list %s: %s\n",
				name, rte_strerror(rte_errno));
		return -rte_errno;
	}
	va = eal_get_virtual_area(NULL, &len, page_sz, 0, 0);
	if (va == NULL) {
		int err = rte_errno;

		RTE_LOG(ERR, EAL, "cannot reserve %zu MiB of VA for %s: %s\n",
				len >> 20, name, rte_strerror(err));
		rte_fbarray_destroy(&msl->memseg_arr);
		return -err;
	}
	msl->base_va = va;
	msl->len = len;
	msl->page_sz = page_sz;
	msl->socket_id = socket;
	msl->version = 0;
	msl->external = 0;
	msl->heap = 1;
	RTE_LOG(DEBUG, EAL, "memseg list %s: %u slots at %p\n", name, n_segs,
			va);
	return 0;
}

/* one type (socket, page size) may need several lists */
static int
memseg_type_create(struct rte_mem_config *mcfg, unsigned int *msl_idx,
		uint64_t page_sz, int socket, uint64_t segs)
{
	uint64_t per_list = memseg_list_max_segs(page_sz);
	unsigned int type_idx = 0;
	int ret;

	while (segs > 0) {
		uint64_t n = RTE_MIN(segs, per_list);

		if (*msl_idx >= RTE_MAX_MEMSEG_LISTS) {
			RTE_LOG(ERR, EAL, "more memseg lists needed than "
					"RTE_MAX_MEMSEG_LISTS (%d); lower "
					"--socket-limit or reserve fewer pages\n",
					RTE_MAX_MEMSEG_LISTS);
			return -ENOSPC;
		}
		ret = memseg_list_create(&mcfg->memsegs[*msl_idx], page_sz,
				(unsigned int)n, socket, type_idx);
		if (ret < 0)
			return ret;
		(*msl_idx)++;
		type_idx++;
		segs -= n;
	}
	return 0;
}

static void
memseg_lists_destroy(struct rte_mem_config *mcfg, bool primary)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL || msl->external)
			continue;
		munmap(msl->base_va, msl->len);
		if (primary) {
			rte_fbarray_destroy(&msl->memseg_arr);
			memset(msl, 0, sizeof(*msl));
		} else {
			rte_fbarray_detach(&msl->memseg_arr);
		}
	}
}

static int
memseg_primary_init(struct rte_mem_config *mcfg,
		const struct internal_config *cfg)
{
	unsigned int n_sockets = eal_mem_num_sockets();
	unsigned int msl_idx = 0, h, s;
	int ret;

	if (cfg->no_hugetlbfs) {
		ret = memseg_type_create(mcfg, &msl_idx, EAL_NO_HUGE_PAGE_SZ,
				0, memseg_nohuge_capacity(cfg));
		goto out;
	}
	for (h = 0; h < cfg->num_hugepage_sizes; h++) {
		const struct hugepage_info *hpi = &cfg->hugepage_info[h];

		for (s = 0; s < n_sockets; s++) {
			uint64_t segs = memseg_type_capacity(cfg, hpi, s);

			if (segs == 0)
				continue;
			ret = memseg_type_create(mcfg, &msl_idx,
					hpi->hugepage_sz, (int)s, segs);
			if (ret < 0)
				goto out;
		}
	}
	ret = 0;
	if (msl_idx == 0) {
		RTE_LOG(ERR, EAL, "no memory to build memseg lists from: "
				"no hugepages reserved on any node (or "
				"--socket-limit leaves none)\n");
		ret = -ENOMEM;
	}
out:
	if (ret < 0)
		memseg_lists_destroy(mcfg, true);
	return ret;
}

static int
memseg_secondary_init(struct rte_mem_config *mcfg)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		size_t len = msl->len;

		if (msl->base_va == NULL || msl->external)
			continue;
		if (rte_fbarray_attach(&msl->memseg_arr) < 0) {
			RTE_LOG(ERR, EAL, "cannot attach memseg list %u (%s) "
					"at %p in this secondary (%s)%s\n", i,
					msl->memseg_arr.name,
					msl->memseg_arr.data,
					rte_strerror(rte_errno),
					rte_errno == EEXIST ||
					rte_errno == EADDRINUSE ? ": start the "
					"primary with --base-virtaddr set to "
					"a range free in both processes" : "");
			goto fail;
		}
		if (eal_get_virtual_area(msl->base_va, &len, msl->page_sz, 0,
				0) == NULL) {
			RTE_LOG(ERR, EAL, "cannot map memseg list %u at %p-%p "
					"in this secondary (%s): start the "
					"primary with --base-virtaddr set to a "
					"range free in both processes\n", i,
					msl->base_va,
					RTE_PTR_ADD(msl->base_va, msl->len),
					rte_strerror(rte_errno));
			rte_fbarray_detach(&msl->memseg_arr);
			goto fail;
		}
	}
	return 0;
fail:
	/* undo the lists attached so far */
	while (i-- > 0) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL || msl->external)
			continue;
		munmap(msl->base_va, msl->len);
		rte_fbarray_detach(&msl->memseg_arr);
	}
	return -EINVAL;
}

int
rte_eal_memseg_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int ret;

	if (memseg_lists_ready)
		return 0;
	if (cfg->process_type == RTE_PROC_PRIMARY)
		ret = memseg_primary_init(mcfg, cfg);
	else
		ret = memseg_secondary_init(mcfg);
	if (ret == 0)
		memseg_lists_ready = true;
	return ret;
}

void
eal_memseg_lists_teardown(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();

	if (!memseg_lists_ready)
		return;
	memseg_lists_destroy(rte_eal_get_mcfg(),
			cfg->process_type == RTE_PROC_PRIMARY);
	memseg_lists_ready = false;
}

/* ---------------------------------------------------------------------
 * lookups
 * ------------------------------------------------------------------- */

int
eal_memseg_list_idx(const struct rte_memseg_list *msl)
{
	const struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	uintptr_t first = (uintptr_t)&mcfg->memsegs[0];
	uintptr_t p = (uintptr_t)msl;

	if (p < first || p >= (uintptr_t)&mcfg->memsegs[RTE_MAX_MEMSEG_LISTS])
		return -1;
	if ((p - first) % sizeof(mcfg->memsegs[0]) != 0)
		return -1;
	return (int)((p - first) / sizeof(mcfg->memsegs[0]));
}

struct rte_memseg_list *
rte_mem_virt2memseg_list(const void *virt)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	uintptr_t a = (uintptr_t)virt;
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];
		uintptr_t start = (uintptr_t)msl->base_va;

		if (msl->base_va == NULL)
			continue;
		if (a >= start && a - start < msl->len)
			return msl;
	}
	return NULL;
}

struct rte_memseg *
rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl)
{
	struct rte_fbarray *arr;
	size_t off;
	unsigned int idx;

	if (msl == NULL)
		msl = rte_mem_virt2memseg_list(virt);
	if (msl == NULL || msl->base_va == NULL)
		return NULL;
	off = RTE_PTR_DIFF(virt, msl->base_va);
	if ((uintptr_t)virt < (uintptr_t)msl->base_va || off >= msl->len)
		return NULL;
	/* the descriptor lives in shared memory; the cast drops const only */
	arr = (struct rte_fbarray *)(uintptr_t)&msl->memseg_arr;
	idx = (unsigned int)(off / msl->page_sz);
	if (idx >= arr->len || rte_fbarray_is_used(arr, idx) != 1)
		return NULL;
	return rte_fbarray_get(arr, idx);
}

rte_iova_t
rte_mem_virt2iova(const void *virt)
{
	const struct rte_memseg *ms;

	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		return (uintptr_t)virt;
	ms = rte_mem_virt2memseg(virt, NULL);
	if (ms == NULL)
		return rte_mem_virt2phy(virt); /* not EAL memory: ask the MMU */
	if (ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	return ms->iova + RTE_PTR_DIFF(virt, ms->addr);
}

struct iova2virt_arg {
	rte_iova_t iova;
	void *virt;
};

static int
iova2virt_run(const struct rte_memseg_list *msl __rte_unused,
		const struct rte_memseg *ms, size_t len, void *arg)
{
	struct iova2virt_arg *a = arg;

	if (ms->iova == RTE_BAD_IOVA || a->iova < ms->iova ||
			a->iova - ms->iova >= len)
		return 0;
	a->virt = RTE_PTR_ADD(ms->addr, a->iova - ms->iova);
	return 1;
}

void *
rte_mem_iova2virt(rte_iova_t iova)
{
	struct iova2virt_arg a = { .iova = iova, .virt = NULL };

	if (iova == RTE_BAD_IOVA)
		return NULL;
	rte_memseg_contig_walk(iova2virt_run, &a);
	return a.virt;
}

/* ---------------------------------------------------------------------
 * walks
 * ------------------------------------------------------------------- */

/* the walk protocol: <0 error (-1), >0 stop (1), 0 go on */
static int
walk_result(int ret)
{
	if (ret < 0)
		return -1;
	return ret > 0 ? 1 : 0;
}

int
rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func, void *arg)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;
	int ret;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL)
			continue;
		ret = walk_result(func(msl, arg));
		if (ret != 0)
			return ret;
	}
	return 0;
}

static int
memseg_walk_list(const struct rte_memseg_list *msl, rte_memseg_walk_t func,
		void *arg)
{
	struct rte_fbarray *arr = (struct rte_fbarray *)(uintptr_t)
			&msl->memseg_arr;
	int idx, ret;

	if (arr->len == 0)
		return 0;
	for (idx = rte_fbarray_find_next_used(arr, 0); idx >= 0;
			idx = (unsigned int)idx + 1 < arr->len ?
			rte_fbarray_find_next_used(arr, idx + 1) : -1) {
		ret = walk_result(func(msl, rte_fbarray_get(arr, idx), arg));
		if (ret != 0)
			return ret;
	}
	return 0;
}

int
rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;
	int ret;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL)
			continue;
		ret = memseg_walk_list(msl, func, arg);
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* does b continue a in IO address space? */
static bool
iova_follows(const struct rte_memseg *a, const struct rte_memseg *b)
{
	if (a->iova == RTE_BAD_IOVA || b->iova == RTE_BAD_IOVA)
		return a->iova == b->iova; /* no IOVA at all: VA decides */
	return a->iova + a->len == b->iova;
}

/* split n VA-contiguous used slots from idx into IOVA-contiguous runs */
static int
contig_walk_span(const struct rte_memseg_list *msl, struct rte_fbarray *arr,
		unsigned int idx, unsigned int n, rte_memseg_contig_walk_t func,
		void *arg)
{
	unsigned int end = idx + n;

	while (idx < end) {
		const struct rte_memseg *first = rte_fbarray_get(arr, idx);
		const struct rte_memseg *prev = first;
		size_t len = first->len;
		unsigned int j;
		int ret;

		for (j = idx + 1; j < end; j++) {
			const struct rte_memseg *ms = rte_fbarray_get(arr, j);

			if (!iova_follows(prev, ms))
				break;
			len += ms->len;
			prev = ms;
		}
		ret = walk_result(func(msl, first, len, arg));
		if (ret != 0)
			return ret;
		idx = j;
	}
	return 0;
}

static int
contig_walk_list(const struct rte_memseg_list *msl,
		rte_memseg_contig_walk_t func, void *arg)
{
	struct rte_fbarray *arr = (struct rte_fbarray *)(uintptr_t)
			&msl->memseg_arr;
	unsigned int start = 0;
	int idx, n, ret;

	while (start < arr->len) {
		idx = rte_fbarray_find_next_used(arr, start);
		if (idx < 0)
			break;
		n = rte_fbarray_find_contig_used(arr, idx);
		if (n <= 0)
			break;
		ret = contig_walk_span(msl, arr, idx, n, func, arg);
		if (ret != 0)
			return ret;
		start = (unsigned int)idx + (unsigned int)n;
	}
	return 0;
}

int
rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func,
		void *arg)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;
	int ret;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL)
			continue;
		ret = contig_walk_list(msl, func, arg);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int
rte_memseg_walk(rte_memseg_walk_t func, void *arg)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return ret;
}

int
rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_contig_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return ret;
}

int
rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_list_walk_thread_unsafe(func, arg);
	rte_mcfg_mem_read_unlock();
	return ret;
}

/* ---------------------------------------------------------------------
 * backing files of memsegs
 * ------------------------------------------------------------------- */

/* fd (and offset) behind a plugged memseg, or -errno */
static int
memseg_fd_lookup(const struct rte_memseg *ms, size_t *offset)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_memseg_list *msl;
	int list_idx, seg_idx;

	if (ms == NULL)
		return -EINVAL;
	msl = rte_mem_virt2memseg_list(ms->addr);
	if (msl == NULL)
		return -EINVAL;
	seg_idx = rte_fbarray_find_idx(&msl->memseg_arr, ms);
	if (seg_idx < 0 ||
			rte_fbarray_is_used(&msl->memseg_arr, seg_idx) != 1)
		return -EINVAL;
	if (msl->external)
		return -ENODEV;
	list_idx = eal_memseg_list_idx(msl);
	if (cfg->legacy_mem)
		return eal_legacy_get_seg_fd(list_idx, seg_idx, offset);
	if (offset != NULL)
		return eal_memalloc_get_seg_fd_offset(list_idx, seg_idx,
				offset);
	return eal_memalloc_get_seg_fd(list_idx, seg_idx);
}

int
rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms)
{
	int ret = memseg_fd_lookup(ms, NULL);

	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return ret;
}

int
rte_memseg_get_fd(const struct rte_memseg *ms)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_get_fd_thread_unsafe(ms);
	rte_mcfg_mem_read_unlock();
	return ret;
}

int
rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms,
		size_t *offset)
{
	int ret;

	if (offset == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	ret = memseg_fd_lookup(ms, offset);
	if (ret < 0) {
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int
rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_memseg_get_fd_offset_thread_unsafe(ms, offset);
	rte_mcfg_mem_read_unlock();
	return ret;
}

/* ---------------------------------------------------------------------
 * size, layout dump, channels and ranks
 * ------------------------------------------------------------------- */

uint64_t
rte_eal_get_physmem_size(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	uint64_t total = 0;
	unsigned int i;

	rte_mcfg_mem_read_lock();
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL || msl->external)
			continue;
		total += (uint64_t)msl->memseg_arr.count * msl->page_sz;
	}
	rte_mcfg_mem_read_unlock();
	return total;
}

static int
dump_run(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		size_t len, void *arg)
{
	FILE *f = arg;
	int first = rte_fbarray_find_idx(&msl->memseg_arr, ms);

	fprintf(f, "  slots %d-%zu: va %p-%p iova 0x%" PRIx64 " len %zu%s\n",
			first, first + len / msl->page_sz - 1, ms->addr,
			RTE_PTR_ADD(ms->addr, len), ms->iova, len,
			(ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE) ?
			" (kept)" : "");
	return 0;
}

static int
dump_list(const struct rte_memseg_list *msl, FILE *f)
{
	int idx = eal_memseg_list_idx(msl);

	fprintf(f, "memseg list %d %s: socket %d, page %" PRIu64 " kB, "
			"%u/%u slots plugged, va %p-%p%s\n", idx,
			msl->memseg_arr.name, msl->socket_id,
			msl->page_sz >> 10, msl->memseg_arr.count,
			msl->memseg_arr.len, msl->base_va,
			RTE_PTR_ADD(msl->base_va, msl->len),
			msl->external ? " (external)" : "");
	return contig_walk_list(msl, dump_run, f);
}

void
rte_dump_physmem_layout(FILE *f)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;

	if (f == NULL)
		return;
	rte_mcfg_mem_read_lock();
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		if (mcfg->memsegs[i].base_va != NULL)
			dump_list(&mcfg->memsegs[i], f);
	}
	rte_mcfg_mem_read_unlock();
}

unsigned int
rte_memory_get_nchannel(void)
{
	return rte_eal_get_mcfg()->nchannel;
}

unsigned int
rte_memory_get_nrank(void)
{
	return rte_eal_get_mcfg()->nrank;
}

int
rte_mem_lock_page(const void *virt)
{
	long pg = sysconf(_SC_PAGESIZE);
	uintptr_t start;

	if (pg <= 0)
		return -1;
	start = RTE_ALIGN_FLOOR((uintptr_t)virt, (uintptr_t)pg);
	return mlock((void *)start, (size_t)pg);
}

/* ---------------------------------------------------------------------
 * DMA mask
 * ------------------------------------------------------------------- */

static int
dma_mask_seg_fits(const struct rte_memseg_list *msl,
		const struct rte_memseg *ms, void *arg)
{
	const uint64_t *mask = arg;

	/* external memory is the user's business, as is memory without IOVA */
	if (msl->external || ms->iova == RTE_BAD_IOVA)
		return 0;
	if ((ms->iova + ms->len - 1) & *mask) {
		RTE_LOG(ERR, EAL, "page at iova 0x%" PRIx64 "-0x%" PRIx64
				" is out of reach of the DMA mask\n", ms->iova,
				ms->iova + ms->len - 1);
		return 1;
	}
	return 0;
}

static void
dma_mask_record(uint8_t maskbits)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();

	if (mcfg->dma_maskbits == 0 || maskbits < mcfg->dma_maskbits)
		mcfg->dma_maskbits = maskbits;
}

int
rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits)
{
	uint64_t mask;

	if (maskbits == 0 || maskbits > 64) {
		RTE_LOG(ERR, EAL, "DMA mask of %u bits: must be 1-64\n",
				maskbits);
		rte_errno = EINVAL;
		return -1;
	}
	mask = maskbits == 64 ? 0 : ~((UINT64_C(1) << maskbits) - 1);
	if (rte_memseg_walk_thread_unsafe(dma_mask_seg_fits, &mask) != 0) {
		rte_errno = ERANGE;
		return -1;
	}
	dma_mask_record(maskbits);
	return 0;
}

int
rte_mem_check_dma_mask(uint8_t maskbits)
{
	int ret;

	rte_mcfg_mem_read_lock();
	ret = rte_mem_check_dma_mask_thread_unsafe(maskbits);
	rte_mcfg_mem_read_unlock();
	return ret;
}

void
rte_mem_set_dma_mask(uint8_t maskbits)
{
	if (maskbits == 0 || maskbits > 64)
		return;
	dma_mask_record(maskbits);
}

/* ---------------------------------------------------------------------
 * consistency check (for tests and debug builds)
 * ------------------------------------------------------------------- */

static int
msl_check_used(const struct rte_memseg_list *msl, unsigned int i,
		const struct rte_memseg *ms)
{
	void *slot = RTE_PTR_ADD(msl->base_va, (size_t)i * msl->page_sz);

	if (ms->addr != slot || ms->len != msl->page_sz) {
		RTE_LOG(ERR, EAL, "%s slot %u: memseg addr %p len %zu, slot is "
				"%p len %" PRIu64 "\n", msl->memseg_arr.name,
				i, ms->addr, ms->len, slot, msl->page_sz);
		return -EFAULT;
	}
	if ((uintptr_t)ms->addr + ms->len >
			(uintptr_t)msl->base_va + msl->len) {
		RTE_LOG(ERR, EAL, "%s slot %u: page ends past the list\n",
				msl->memseg_arr.name, i);
		return -EFAULT;
	}
	if (!msl->external && (ms->hugepage_sz != msl->page_sz ||
			ms->socket_id != msl->socket_id)) {
		RTE_LOG(ERR, EAL, "%s slot %u: page size %" PRIu64 " socket "
				"%d, list has %" PRIu64 " socket %d\n",
				msl->memseg_arr.name, i, ms->hugepage_sz,
				ms->socket_id, msl->page_sz, msl->socket_id);
		return -EFAULT;
	}
	return 0;
}

static int
msl_check_free(const struct rte_memseg_list *msl, unsigned int i,
		const struct rte_memseg *ms)
{
	if (ms->addr != NULL || ms->len != 0 || ms->flags != 0) {
		RTE_LOG(ERR, EAL, "%s slot %u is free but its memseg says "
				"addr %p len %zu flags 0x%x\n",
				msl->memseg_arr.name, i, ms->addr, ms->len,
				ms->flags);
		return -EFAULT;
	}
	return 0;
}

static int
msl_check_header(const struct rte_memseg_list *msl)
{
	const struct rte_fbarray *arr = &msl->memseg_arr;

	if (msl->page_sz == 0 || (msl->page_sz & (msl->page_sz - 1)) != 0 ||
			RTE_PTR_ALIGN_CEIL(msl->base_va, msl->page_sz) !=
			msl->base_va) {
		RTE_LOG(ERR, EAL, "%s: page size %" PRIu64 " or base %p "
				"unaligned\n", arr->name, msl->page_sz,
				msl->base_va);
		return -EFAULT;
	}
	if (arr->elt_sz != sizeof(struct rte_memseg) ||
			(uint64_t)arr->len * msl->page_sz > msl->len) {
		RTE_LOG(ERR, EAL, "%s: %u slots of %" PRIu64 " bytes do not "
				"fit %zu bytes of VA (elt_sz %u)\n", arr->name,
				arr->len, msl->page_sz, msl->len, arr->elt_sz);
		return -EFAULT;
	}
	return 0;
}

int
eal_msl_check(const struct rte_memseg_list *msl)
{
	struct rte_fbarray *arr;
	unsigned int i, used = 0;
	int ret;

	if (msl == NULL)
		return -EINVAL;
	if (msl->base_va == NULL)
		return 0;
	ret = msl_check_header(msl);
	if (ret < 0)
		return ret;
	arr = (struct rte_fbarray *)(uintptr_t)&msl->memseg_arr;
	for (i = 0; i < arr->len; i++) {
		const struct rte_memseg *ms = rte_fbarray_get(arr, i);

		if (rte_fbarray_is_used(arr, i) == 1) {
			used++;
			ret = msl_check_used(msl, i, ms);
		} else {
			ret = msl_check_free(msl, i, ms);
		}
		if (ret < 0)
			return ret;
	}
	if (used != arr->count) {
		RTE_LOG(ERR, EAL, "%s: %u slots used, count says %u\n",
				arr->name, used, arr->count);
		return -EFAULT;
	}
	return 0;
}
