/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Linux memory set-up: the order of memory initialisation, legacy
 * (static) memory, the dynamic-mode floor, and virtual to physical
 * translation through /proc/self/pagemap.
 *
 * rte_eal_memory_init():
 *   primary:   memseg lists (VA + fbarrays) -> page allocator init (which
 *              removes stale files of dead processes) -> legacy memory or
 *              the -m/--socket-mem floor -> drop the hugedir locks.
 *   secondary: attach the lists -> page allocator init -> map what the
 *              primary has plugged (legacy: the page files by name).
 *
 * Legacy mode maps everything at init. Each page is first faulted in at a
 * scratch address, its physical address read, the pages sorted by it and
 * then mapped again at their final slot, so that physically contiguous runs
 * are virtually contiguous; an empty slot separates runs that are not, so
 * no VA-contiguous range ever pretends to be IOVA-contiguous. Pages are
 * reserved with fallocate() and faulted with MADV_POPULATE_WRITE: running
 * short is an error return, never a SIGBUS. Any failure unmaps and removes
 * every page mapped so far. Legacy memory is never returned before exit.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <numaif.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <unistd.h>

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

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

#define PFN_MASK ((UINT64_C(1) << 55) - 1)
#define PAGE_PRESENT (UINT64_C(1) << 63)

/*
 * Scratch file names while legacy pages are being sorted: they follow the
 * <prefix>map_<n>_<m> pattern (with a list number no real list has) so that
 * stale-file cleanup removes them if we die half-way.
 */
#define LEGACY_TMP_LIST 99999

/* ---------------------------------------------------------------------
 * virtual to physical
 * ------------------------------------------------------------------- */

static phys_addr_t
pagemap_read(int fd, const void *virt)
{
	long pg = sysconf(_SC_PAGESIZE);
	uint64_t entry, pfn;
	off_t off;

	if (fd < 0 || pg <= 0)
		return RTE_BAD_PHYS_ADDR;
	off = (off_t)((uintptr_t)virt / (uintptr_t)pg * sizeof(entry));
	if (pread(fd, &entry, sizeof(entry), off) != (ssize_t)sizeof(entry))
		return RTE_BAD_PHYS_ADDR;
	if (!(entry & PAGE_PRESENT))
		return RTE_BAD_PHYS_ADDR;
	/* without CAP_SYS_ADMIN the kernel reports PFN 0 */
	pfn = entry & PFN_MASK;
	if (pfn == 0)
		return RTE_BAD_PHYS_ADDR;
	return pfn * (uint64_t)pg + (uintptr_t)virt % (uintptr_t)pg;
}

static int
pagemap_open(void)
{
	return open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
}

phys_addr_t
eal_virt2phy(const void *virt)
{
	int fd = pagemap_open();
	phys_addr_t pa;

	if (fd < 0)
		return RTE_BAD_PHYS_ADDR;
	pa = pagemap_read(fd, virt);
	close(fd);
	return pa;
}

phys_addr_t
rte_mem_virt2phy(const void *virt)
{
	return eal_virt2phy(virt);
}

int
rte_eal_using_phys_addrs(void)
{
	/* a property of the process: probe once */
	static int cached = -1;
	volatile uint64_t probe = 1;

	if (eal_get_internal_configuration()->no_hugetlbfs)
		return 0;
	if (cached < 0)
		cached = eal_virt2phy((const void *)&probe) !=
				RTE_BAD_PHYS_ADDR;
	return cached;
}

/* IOVA of legacy pages: physical when the mode and privileges allow */
static bool
iova_is_pa(void)
{
	enum rte_iova_mode mode = rte_eal_iova_mode();

	return mode != RTE_IOVA_VA && rte_eal_using_phys_addrs();
}

/* ---------------------------------------------------------------------
 * legacy state: the fds of the pages, per list and slot
 * ------------------------------------------------------------------- */

struct legacy_list {
	int *fds;           /* fd per slot, -1 if none */
	unsigned int n;
};

struct legacy_state {
	bool active;
	unsigned int tmp_next;          /* next scratch file number */
	struct legacy_list lists[RTE_MAX_MEMSEG_LISTS];
};

/* the process's one legacy state (process-wide like the config) */
static struct legacy_state legacy_state;

static int
legacy_list_fds(struct legacy_state *st, int list_idx, int **fds)
{
	struct legacy_list *ll = &st->lists[list_idx];
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i, n = mcfg->memsegs[list_idx].memseg_arr.len;

	if (ll->fds == NULL) {
		ll->fds = malloc(sizeof(ll->fds[0]) * RTE_MAX(n, 1u));
		if (ll->fds == NULL)
			return -ENOMEM;
		for (i = 0; i < n; i++)
			ll->fds[i] = -1;
		ll->n = n;
	}
	*fds = ll->fds;
	return 0;
}

static const char *
legacy_hugedir(uint64_t page_sz)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	unsigned int i;

	for (i = 0; i < cfg->num_hugepage_sizes; i++) {
		if (cfg->hugepage_info[i].hugepage_sz == page_sz &&
				cfg->hugepage_info[i].hugedir[0] != '\0')
			return cfg->hugepage_info[i].hugedir;
	}
	return NULL;
}

static int
legacy_path(char *buf, size_t sz, uint64_t page_sz, int list, unsigned int seg)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	const char *dir = legacy_hugedir(page_sz);
	const char *prefix = cfg->hugefile_prefix ? cfg->hugefile_prefix : "rte";
	int n;

	if (dir == NULL)
		return -ENOENT;
	n = snprintf(buf, sz, "%s/%smap_%d_%u", dir, prefix, list, seg);
	return (n < 0 || (size_t)n >= sz) ? -ENAMETOOLONG : 0;
}

int
eal_legacy_get_seg_fd(int list_idx, int seg_idx, size_t *offset)
{
	struct legacy_list *ll;

	if (list_idx < 0 || list_idx >= RTE_MAX_MEMSEG_LISTS || seg_idx < 0)
		return -EINVAL;
	if (eal_get_internal_configuration()->no_hugetlbfs)
		return -ENOTSUP;
	ll = &legacy_state.lists[list_idx];
	if (ll->fds == NULL || (unsigned int)seg_idx >= ll->n ||
			ll->fds[seg_idx] < 0)
		return -ENOENT;
	if (offset != NULL)
		*offset = 0;
	return ll->fds[seg_idx];
}

/* ---------------------------------------------------------------------
 * legacy hugepages: one page from file to slot
 * ------------------------------------------------------------------- */

struct legacy_page {
	void *tmp;           /* scratch mapping, NULL once moved */
	void *va;            /* final mapping, NULL until moved */
	rte_iova_t pa;       /* RTE_BAD_IOVA if unknown */
	int fd;
	unsigned int tmp_no; /* scratch file number */
	bool renamed;        /* the file carries its final name */
	int list_idx;
	unsigned int seg_idx;
};

/* one type of pages (socket, page size) being set up */
struct legacy_batch {
	struct legacy_page *pages;
	unsigned int n;
	unsigned int n_faulted;
	uint64_t page_sz;
	int socket;
	void *tmp_area;
	int pagemap_fd;
	bool pa_mode;
};

static bool
legacy_unlink_always(void)
{
	return eal_get_internal_configuration()->huge_unlink ==
			EAL_HUGE_UNLINK_ALWAYS;
}

static bool
legacy_check_node(void *addr, int socket)
{
	int node = -1;

	if (eal_mem_num_sockets() < 2)
		return true;
	if (get_mempolicy(&node, NULL, 0, addr, MPOL_F_NODE | MPOL_F_ADDR))
		return false;
	return node == socket;
}

/* create, reserve, map at the scratch address and fault one page */
static int
legacy_page_fault_in(struct legacy_batch *b, struct legacy_page *p, void *at)
{
	char path[PATH_MAX];
	int ret;

	p->fd = -1;
	p->tmp_no = legacy_state.tmp_next++;
	ret = legacy_path(path, sizeof(path), b->page_sz, LEGACY_TMP_LIST,
			p->tmp_no);
	if (ret < 0)
		return ret;
	p->fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	if (p->fd < 0)
		return -errno;
	/* a live process keeps LOCK_SH on its files (naming contract) */
	if (flock(p->fd, LOCK_SH | LOCK_NB) != 0 || ftruncate(p->fd, 0) != 0)
		return -errno;
	/* reserve the page now: no free page is ENOSPC here, not SIGBUS */
	if (fallocate(p->fd, 0, 0, (off_t)b->page_sz) != 0)
		return -errno;
	if (mmap(at, b->page_sz, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_FIXED, p->fd, 0) == MAP_FAILED)
		return -errno;
	p->tmp = at;
	if (madvise(at, b->page_sz, MADV_POPULATE_WRITE) != 0)
		return -errno;
	if (!legacy_check_node(at, b->socket))
		return -EXDEV;
	if (legacy_unlink_always())
		unlink(path);
	p->pa = b->pa_mode ? pagemap_read(b->pagemap_fd, at) : RTE_BAD_IOVA;
	return 0;
}

static void
legacy_memseg_fill(struct rte_memseg *ms, void *va, rte_iova_t iova,
		uint64_t page_sz, int socket)
{
	const struct rte_mem_config *mcfg = rte_eal_get_mcfg();

	memset(ms, 0, sizeof(*ms));
	ms->addr = va;
	ms->iova = iova;
	ms->len = page_sz;
	ms->hugepage_sz = page_sz;
	ms->socket_id = socket;
	ms->nchannel = mcfg->nchannel;
	ms->nrank = mcfg->nrank;
	/* legacy memory is never returned */
	ms->flags = RTE_MEMSEG_FLAG_DO_NOT_FREE;
}

/* the page's file takes its final name, map_<list>_<seg> */
static int
legacy_page_rename(struct legacy_batch *b, struct legacy_page *p)
{
	char from[PATH_MAX], to[PATH_MAX];
	int ret;

	if (legacy_unlink_always())
		return 0;
	ret = legacy_path(from, sizeof(from), b->page_sz, LEGACY_TMP_LIST,
			p->tmp_no);
	if (ret == 0)
		ret = legacy_path(to, sizeof(to), b->page_sz, p->list_idx,
				p->seg_idx);
	if (ret < 0)
		return ret;
	if (rename(from, to) != 0)
		return -errno;
	p->renamed = true;
	return 0;
}

/* map the page at its slot, drop the scratch mapping, record it */
static int
legacy_page_move(struct legacy_batch *b, struct legacy_page *p)
{
	struct rte_memseg_list *msl = &rte_eal_get_mcfg()->memsegs[p->list_idx];
	void *dst = RTE_PTR_ADD(msl->base_va, (size_t)p->seg_idx * b->page_sz);
	rte_iova_t iova;
	int *fds, ret;

	ret = legacy_list_fds(&legacy_state, p->list_idx, &fds);
	if (ret < 0)
		return ret;
	if (mmap(dst, b->page_sz, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_FIXED, p->fd, 0) == MAP_FAILED)
		return -errno;
	p->va = dst;
	if (madvise(dst, b->page_sz, MADV_POPULATE_WRITE) != 0)
		return -errno;
	/* same file page, so the same frame; anything else is a kernel bug */
	if (b->pa_mode && pagemap_read(b->pagemap_fd, dst) != p->pa)
		return -EFAULT;
	munmap(p->tmp, b->page_sz);
	p->tmp = NULL;
	ret = legacy_page_rename(b, p);
	if (ret < 0)
		return ret;
	iova = b->pa_mode ? p->pa : (rte_eal_iova_mode() == RTE_IOVA_VA ?
			(uintptr_t)dst : RTE_BAD_IOVA);
	legacy_memseg_fill(rte_fbarray_get(&msl->memseg_arr, p->seg_idx), dst,
			iova, b->page_sz, b->socket);
	/* the slot owns page and fd now; legacy cleanup releases them */
	fds[p->seg_idx] = p->fd;
	p->fd = -1;
	p->va = NULL;
	rte_fbarray_set_used(&msl->memseg_arr, p->seg_idx);
	msl->version++;
	return 0;
}

/* put a slot back to reserved-only address space */
static void
slot_restore(void *va, size_t len)
{
	if (mmap(va, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS |
			MAP_NORESERVE | MAP_FIXED, -1, 0) == MAP_FAILED)
		RTE_LOG(ERR, EAL, "cannot return %p to reserved space: %s\n",
				va, strerror(errno));
}

/* a page that did not make it into its slot: remove every trace */
static void
legacy_page_discard(struct legacy_batch *b, struct legacy_page *p)
{
	char path[PATH_MAX];
	int ret;

	if (p->tmp != NULL)
		munmap(p->tmp, b->page_sz);
	if (p->va != NULL)
		slot_restore(p->va, b->page_sz);
	if (p->fd >= 0) {
		if (p->renamed)
			ret = legacy_path(path, sizeof(path), b->page_sz,
					p->list_idx, p->seg_idx);
		else
			ret = legacy_path(path, sizeof(path), b->page_sz,
					LEGACY_TMP_LIST, p->tmp_no);
		if (ret == 0)
			unlink(path); /* ENOENT is fine: maybe unlinked */
		close(p->fd);
		p->fd = -1;
	}
	p->tmp = NULL;
	p->va = NULL;
}

/* ---------------------------------------------------------------------
 * legacy hugepages: one (socket, page size) batch
 * ------------------------------------------------------------------- */

/*
 * Bind this thread's allocations to the batch's node while its pages are
 * reserved; a no-op on single-node machines. Returns the old policy via
 * *saved (-1: nothing to restore).
 */
static int
legacy_numa_bind(int socket, int *old_mode, unsigned long *old_mask,
		unsigned long maxnode)
{
	unsigned long mask[4] = { 0 };

	*old_mode = -1;
	if (eal_mem_num_sockets() < 2 || socket >= (int)(sizeof(mask) * 8))
		return 0;
	if (get_mempolicy(old_mode, old_mask, maxnode, NULL, 0) != 0)
		return -errno;
	mask[socket / (8 * sizeof(long))] |= 1UL << (socket % (8 * sizeof(long)));
	if (set_mempolicy(MPOL_BIND, mask, sizeof(mask) * 8) != 0) {
		*old_mode = -1;
		return -errno;
	}
	return 0;
}

static int
legacy_pa_cmp(const void *a, const void *b)
{
	const struct legacy_page *x = a, *y = b;

	if (x->pa == y->pa)
		return 0;
	return x->pa < y->pa ? -1 : 1;
}

static int
legacy_batch_fault_in(struct legacy_batch *b)
{
	unsigned long old_mask[4] = { 0 };
	int old_mode, ret;
	unsigned int i;

	ret = legacy_numa_bind(b->socket, &old_mode, old_mask,
			sizeof(old_mask) * 8);
	if (ret < 0)
		return ret;
	for (i = 0; i < b->n; i++) {
		ret = legacy_page_fault_in(b, &b->pages[i],
				RTE_PTR_ADD(b->tmp_area, (size_t)i * b->page_sz));
		b->n_faulted = i + 1;
		if (ret < 0)
			break;
	}
	if (old_mode >= 0)
		set_mempolicy(old_mode, old_mask, sizeof(old_mask) * 8);
	if (ret < 0)
		RTE_LOG(ERR, EAL, "legacy memory: page %u of %u (%" PRIu64
				" kB, socket %d): %s\n", i + 1, b->n,
				b->page_sz >> 10, b->socket, strerror(-ret));
	return ret;
}

/* next list of this batch's type after list idx (-1: the first) */
static int
legacy_next_list(const struct legacy_batch *b, int idx)
{
	const struct rte_mem_config *mcfg = rte_eal_get_mcfg();

	for (idx++; idx < RTE_MAX_MEMSEG_LISTS; idx++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[idx];

		if (msl->base_va != NULL && !msl->external &&
				msl->page_sz == b->page_sz &&
				msl->socket_id == b->socket)
			return idx;
	}
	return -1;
}

static bool
legacy_pa_follows(const struct legacy_batch *b, unsigned int i)
{
	const struct legacy_page *prev = &b->pages[i - 1], *p = &b->pages[i];

	if (!b->pa_mode || p->pa == RTE_BAD_IOVA)
		return true; /* no physical layout to keep apart */
	return prev->pa + b->page_sz == p->pa;
}

/* choose every page's slot: runs in PA order, a hole between runs */
static int
legacy_batch_place(struct legacy_batch *b)
{
	const struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int list = legacy_next_list(b, -1);
	unsigned int i, slot = 0;

	for (i = 0; i < b->n; i++) {
		if (i > 0 && slot > 0 && !legacy_pa_follows(b, i))
			slot++;
		while (list >= 0 && slot >= mcfg->memsegs[list].memseg_arr.len) {
			list = legacy_next_list(b, list);
			slot = 0;
		}
		if (list < 0) {
			RTE_LOG(ERR, EAL, "legacy memory: no memseg list room "
					"for %u pages of %" PRIu64 " kB on "
					"socket %d\n", b->n, b->page_sz >> 10,
					b->socket);
			return -ENOSPC;
		}
		b->pages[i].list_idx = list;
		b->pages[i].seg_idx = slot++;
	}
	return 0;
}

static void
legacy_batch_fini(struct legacy_batch *b, bool failed)
{
	unsigned int i;

	if (failed) {
		for (i = 0; i < b->n_faulted; i++)
			legacy_page_discard(b, &b->pages[i]);
	}
	if (b->tmp_area != NULL)
		eal_mem_free(b->tmp_area, (size_t)b->n * b->page_sz);
	if (b->pagemap_fd >= 0)
		close(b->pagemap_fd);
	free(b->pages);
}

static int
legacy_batch_map(int socket, uint64_t page_sz, unsigned int n)
{
	struct legacy_batch b = { .n = n, .page_sz = page_sz,
			.socket = socket, .pagemap_fd = -1 };
	size_t len = (size_t)n * page_sz;
	unsigned int i;
	int ret = -ENOMEM;

	b.pa_mode = iova_is_pa();
	b.pages = calloc(n, sizeof(b.pages[0]));
	if (b.pages == NULL)
		goto out;
	b.tmp_area = eal_get_virtual_area(NULL, &len, page_sz, 0, 0);
	if (b.tmp_area == NULL)
		goto out;
	if (b.pa_mode)
		b.pagemap_fd = pagemap_open();
	ret = legacy_batch_fault_in(&b);
	if (ret < 0)
		goto out;
	if (b.pa_mode)
		qsort(b.pages, n, sizeof(b.pages[0]), legacy_pa_cmp);
	ret = legacy_batch_place(&b);
	for (i = 0; ret == 0 && i < n; i++)
		ret = legacy_page_move(&b, &b.pages[i]);
	if (ret < 0)
		RTE_LOG(ERR, EAL, "legacy memory: cannot place %" PRIu64
				" kB page in its slot: %s\n", page_sz >> 10,
				strerror(-ret));
out:
	legacy_batch_fini(&b, ret < 0);
	return ret;
}

/* ---------------------------------------------------------------------
 * legacy memory: what to map, init, attach, cleanup
 * ------------------------------------------------------------------- */

/*
 * -m / --socket-mem when given; otherwise a modest default per node
 * rather than every hugepage of the machine.
 */
static int
legacy_targets(const struct internal_config *cfg,
		uint64_t want[RTE_MAX_NUMA_NODES])
{
	unsigned int s, h, n_sockets = eal_mem_num_sockets();
	uint64_t total = 0;

	if (cfg->memory != 0 || cfg->force_sockets) {
		if (eal_mem_floor_targets(cfg, want) < 0) {
			RTE_LOG(ERR, EAL, "-m %zu MiB is more than the free "
					"hugepages\n", cfg->memory >> 20);
			return -ENOMEM;
		}
		return 0;
	}
	memset(want, 0, sizeof(want[0]) * RTE_MAX_NUMA_NODES);
	for (s = 0; s < n_sockets; s++) {
		uint64_t free_b = 0;

		for (h = 0; h < cfg->num_hugepage_sizes; h++)
			free_b += (uint64_t)cfg->hugepage_info[h].num_pages[s] *
					cfg->hugepage_info[h].hugepage_sz;
		want[s] = RTE_MIN(free_b, EAL_LEGACY_DEFAULT_SOCKET_MEM);
		total += want[s];
	}
	if (total == 0) {
		RTE_LOG(ERR, EAL, "legacy memory: no free hugepages\n");
		return -ENOMEM;
	}
	return 0;
}

static int
legacy_hugepages_init(const struct internal_config *cfg)
{
	uint64_t want[RTE_MAX_NUMA_NODES];
	struct eal_mem_plan plan;
	unsigned int s, h;
	int ret, short_socket = -1;

	ret = legacy_targets(cfg, want);
	if (ret < 0)
		return ret;
	ret = eal_mem_plan_make(cfg, want, &plan, &short_socket);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "legacy memory: socket %d has too few free "
				"hugepages for %" PRIu64 " MiB; reserve more or "
				"lower -m/--socket-mem\n", short_socket,
				want[short_socket] >> 20);
		return ret;
	}
	for (s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		for (h = 0; h < cfg->num_hugepage_sizes; h++) {
			uint64_t psz = cfg->hugepage_info[h].hugepage_sz;

			if (plan.pages[s][h] == 0)
				continue;
			RTE_LOG(INFO, EAL, "legacy memory: socket %u: %u x %"
					PRIu64 " kB pages (%" PRIu64 " MiB)\n",
					s, plan.pages[s][h], psz >> 10,
					(plan.pages[s][h] * psz) >> 20);
			ret = legacy_batch_map((int)s, psz, plan.pages[s][h]);
			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

/* --no-huge --legacy-mem: anonymous memory over the whole list, IOVA = VA */
static int
legacy_nohuge_init(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct rte_memseg_list *msl = &mcfg->memsegs[0];
	uint64_t psz = msl->page_sz;
	unsigned int i;

	if (msl->base_va == NULL)
		return -ENOMEM;
	if (mmap(msl->base_va, msl->len, PROT_READ | PROT_WRITE, MAP_PRIVATE |
			MAP_ANONYMOUS | MAP_FIXED, -1, 0) == MAP_FAILED ||
			madvise(msl->base_va, msl->len,
			MADV_POPULATE_WRITE) != 0) {
		int err = errno;

		RTE_LOG(ERR, EAL, "legacy memory: cannot map %zu MiB of "
				"anonymous memory: %s\n", msl->len >> 20,
				strerror(err));
		slot_restore(msl->base_va, msl->len);
		return -err;
	}
	for (i = 0; i < msl->memseg_arr.len; i++) {
		void *va = RTE_PTR_ADD(msl->base_va, (size_t)i * psz);

		legacy_memseg_fill(rte_fbarray_get(&msl->memseg_arr, i), va,
				(uintptr_t)va, psz, 0);
		rte_fbarray_set_used(&msl->memseg_arr, i);
	}
	msl->version++;
	RTE_LOG(INFO, EAL, "legacy memory: %zu MiB of anonymous memory\n",
			msl->len >> 20);
	return 0;
}

int
eal_legacy_mem_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	int ret;

	legacy_state.active = true;
	if (cfg->no_hugetlbfs)
		ret = legacy_nohuge_init();
	else
		ret = legacy_hugepages_init(cfg);
	if (ret < 0)
		eal_legacy_mem_cleanup();
	return ret;
}

/* unplug every legacy page of one list; files go unless told to stay */
static void
legacy_list_release(int list_idx, bool primary)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_memseg_list *msl = &rte_eal_get_mcfg()->memsegs[list_idx];
	struct legacy_list *ll = &legacy_state.lists[list_idx];
	bool unlink_files = primary && cfg->huge_unlink ==
			EAL_HUGE_UNLINK_EXISTING;
	char path[PATH_MAX];
	unsigned int i;

	for (i = 0; i < msl->memseg_arr.len; i++) {
		if (rte_fbarray_is_used(&msl->memseg_arr, i) != 1)
			continue;
		slot_restore(RTE_PTR_ADD(msl->base_va, (size_t)i *
				msl->page_sz), msl->page_sz);
		if (primary) {
			memset(rte_fbarray_get(&msl->memseg_arr, i), 0,
					sizeof(struct rte_memseg));
			rte_fbarray_set_free(&msl->memseg_arr, i);
		}
		if (ll->fds == NULL || i >= ll->n || ll->fds[i] < 0)
			continue;
		if (unlink_files && legacy_path(path, sizeof(path),
				msl->page_sz, list_idx, i) == 0)
			unlink(path);
		close(ll->fds[i]);
		ll->fds[i] = -1;
	}
	if (primary)
		msl->version++;
	free(ll->fds);
	ll->fds = NULL;
	ll->n = 0;
}

void
eal_legacy_mem_cleanup(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int i;

	if (!legacy_state.active)
		return;
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		if (mcfg->memsegs[i].base_va == NULL ||
				mcfg->memsegs[i].external)
			continue;
		legacy_list_release(i, cfg->process_type == RTE_PROC_PRIMARY);
	}
	legacy_state.active = false;
}

/* secondary: map one legacy page of the primary by its file name */
static int
legacy_attach_page(struct rte_memseg_list *msl, int list_idx,
		unsigned int seg, int *fds)
{
	void *va = RTE_PTR_ADD(msl->base_va, (size_t)seg * msl->page_sz);
	char path[PATH_MAX];
	int fd, ret;

	ret = legacy_path(path, sizeof(path), msl->page_sz, list_idx, seg);
	if (ret < 0)
		return ret;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (flock(fd, LOCK_SH | LOCK_NB) != 0 ||
			mmap(va, msl->page_sz, PROT_READ | PROT_WRITE,
			MAP_SHARED | MAP_FIXED, fd, 0) == MAP_FAILED) {
		ret = -errno;
		close(fd);
		return ret;
	}
	fds[seg] = fd;
	return 0;
}

static int
legacy_attach(const struct internal_config *cfg)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int seg;
	int i, ret, *fds;

	if (cfg->no_hugetlbfs || cfg->huge_unlink == EAL_HUGE_UNLINK_ALWAYS) {
		RTE_LOG(ERR, EAL, "a secondary cannot share legacy memory of "
				"a primary started with %s\n",
				cfg->no_hugetlbfs ? "--no-huge" :
				"--huge-unlink=always");
		return -ENOTSUP;
	}
	legacy_state.active = true;
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL || msl->external)
			continue;
		ret = legacy_list_fds(&legacy_state, i, &fds);
		for (seg = 0; ret == 0 && seg < msl->memseg_arr.len; seg++) {
			if (rte_fbarray_is_used(&msl->memseg_arr, seg) == 1)
				ret = legacy_attach_page(msl, i, seg, fds);
		}
		if (ret < 0) {
			RTE_LOG(ERR, EAL, "cannot map the primary's legacy "
					"page %d/%u: %s\n", i, seg - 1,
					strerror(-ret));
			eal_legacy_mem_cleanup();
			return ret;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * dynamic mode: the -m / --socket-mem floor
 * ------------------------------------------------------------------- */

struct floor_req {
	int socket;
	uint64_t page_sz;
	unsigned int n;
};

/* the floor as (socket, page size, count) requests; count or -errno */
static int
floor_requests(const struct internal_config *cfg, struct floor_req *req,
		unsigned int max_req)
{
	uint64_t want[RTE_MAX_NUMA_NODES];
	struct eal_mem_plan plan;
	unsigned int s, h, n = 0;
	int ret, short_socket = -1;

	if (eal_mem_floor_targets(cfg, want) < 0) {
		RTE_LOG(ERR, EAL, "-m %zu MiB is more than the free hugepages\n",
				cfg->memory >> 20);
		return -ENOMEM;
	}
	if (cfg->no_hugetlbfs) {
		req[0].socket = 0;
		req[0].page_sz = EAL_NO_HUGE_PAGE_SZ;
		req[0].n = (unsigned int)(RTE_ALIGN_CEIL(want[0],
				EAL_NO_HUGE_PAGE_SZ) / EAL_NO_HUGE_PAGE_SZ);
		return req[0].n > 0 ? 1 : 0;
	}
	ret = eal_mem_plan_make(cfg, want, &plan, &short_socket);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "socket %d has too few free hugepages for the "
				"%" PRIu64 " MiB asked with -m/--socket-mem; "
				"reserve more or ask less\n", short_socket,
				want[short_socket] >> 20);
		return ret;
	}
	for (s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		for (h = 0; h < cfg->num_hugepage_sizes && n < max_req; h++) {
			if (plan.pages[s][h] == 0)
				continue;
			req[n].socket = (int)s;
			req[n].page_sz = cfg->hugepage_info[h].hugepage_sz;
			req[n].n = plan.pages[s][h];
			n++;
		}
	}
	return (int)n;
}

/* plug every request or none; *ms collects the pages for pinning */
static int
floor_plug(const struct floor_req *req, int n_req, struct rte_memseg **ms,
		int *n_ms)
{
	int i, ret;

	*n_ms = 0;
	for (i = 0; i < n_req; i++) {
		ret = eal_memalloc_alloc_seg_bulk(ms + *n_ms, (int)req[i].n,
				req[i].page_sz, req[i].socket, true);
		if (ret < 0) {
			RTE_LOG(ERR, EAL, "cannot preallocate %u x %" PRIu64
					" kB pages on socket %d for -m/"
					"--socket-mem: %s\n", req[i].n,
					req[i].page_sz >> 10, req[i].socket,
					strerror(-ret));
			/* nothing is pinned yet, so all of it can go back */
			if (*n_ms > 0 && eal_memalloc_free_seg_bulk(ms,
					*n_ms) < 0)
				RTE_LOG(ERR, EAL, "cannot return %d floor pages "
						"after the failure\n", *n_ms);
			*n_ms = 0;
			return ret;
		}
		*n_ms += ret;
	}
	return 0;
}

int
eal_dynmem_floor_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct floor_req req[RTE_MAX_NUMA_NODES * MAX_HUGEPAGE_SIZES];
	struct rte_memseg **ms;
	unsigned int total = 0;
	int i, n_req, n_ms, ret;

	n_req = floor_requests(cfg, req, RTE_DIM(req));
	if (n_req <= 0)
		return n_req;
	for (i = 0; i < n_req; i++)
		total += req[i].n;
	ms = calloc(total, sizeof(*ms));
	if (ms == NULL)
		return -ENOMEM;
	ret = floor_plug(req, n_req, ms, &n_ms);
	for (i = 0; ret == 0 && i < n_ms; i++)
		ms[i]->flags |= RTE_MEMSEG_FLAG_DO_NOT_FREE;
	if (ret == 0)
		RTE_LOG(INFO, EAL, "preallocated %u pages for -m/--socket-mem "
				"(kept until exit)\n", total);
	free(ms);
	return ret;
}

/* ---------------------------------------------------------------------
 * init and cleanup
 * ------------------------------------------------------------------- */

static void
mcfg_record_options(const struct internal_config *cfg)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();

	mcfg->legacy_mem = cfg->legacy_mem;
	mcfg->single_file_segments = cfg->single_file_segments;
	mcfg->no_hugetlbfs = cfg->no_hugetlbfs;
	mcfg->nchannel = cfg->force_nchannel;
	mcfg->nrank = cfg->force_nrank;
}

static int
memory_init_primary(const struct internal_config *cfg)
{
	int ret;

	mcfg_record_options(cfg);
	ret = rte_eal_memseg_init();
	if (ret < 0)
		return ret;
	ret = eal_memalloc_init();
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot start the page allocator: %s\n",
				strerror(-ret));
		goto fail;
	}
	ret = cfg->legacy_mem ? eal_legacy_mem_init() : eal_dynmem_floor_init();
	if (ret < 0)
		goto fail_memalloc;
	return 0;
fail_memalloc:
	eal_memalloc_cleanup();
fail:
	eal_memseg_lists_teardown();
	return ret;
}

static int
memory_init_secondary(const struct internal_config *cfg)
{
	const struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int ret;

	if (mcfg->legacy_mem != cfg->legacy_mem ||
			mcfg->no_hugetlbfs != cfg->no_hugetlbfs) {
		RTE_LOG(ERR, EAL, "the primary runs %s memory%s; start the "
				"secondary with the same --legacy-mem and "
				"--no-huge options\n",
				mcfg->legacy_mem ? "legacy" : "dynamic",
				mcfg->no_hugetlbfs ? " without hugepages" : "");
		return -EINVAL;
	}
	ret = rte_eal_memseg_init();
	if (ret < 0)
		return ret;
	ret = eal_memalloc_init();
	if (ret == 0)
		ret = cfg->legacy_mem ? legacy_attach(cfg) :
				eal_memalloc_sync_with_primary();
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot map the primary's memory: %s\n",
				strerror(-ret));
		eal_memalloc_cleanup();
		eal_memseg_lists_teardown();
	}
	return ret;
}

/*
 * A secondary may wait here for a whole hot-plug of the primary, IPC round
 * trips included: it sleeps between tries instead of spinning, leaving the
 * CPU to the processes that must answer that hot-plug.
 */
static void
secondary_hotplug_lock(bool write)
{
	rte_rwlock_t *l = &rte_eal_get_mcfg()->memory_hotplug_lock;

	while ((write ? rte_rwlock_write_trylock(l) :
			rte_rwlock_read_trylock(l)) != 0)
		usleep(100);
}

int
rte_eal_memory_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	int ret;

	if (cfg->process_type == RTE_PROC_PRIMARY) {
		/* nobody may walk memory that is still being laid out */
		rte_mcfg_mem_write_lock();
		ret = memory_init_primary(cfg);
		rte_mcfg_mem_write_unlock();
		eal_hugedirs_unlock();
	} else {
		/*
		 * held from before the lists are attached until every page
		 * is mapped; the sync action is registered before this (see
		 * rte_eal_init), so no change can fall between the two
		 */
		secondary_hotplug_lock(false);
		ret = memory_init_secondary(cfg);
		rte_mcfg_mem_read_unlock();
	}
	return ret;
}

void
rte_eal_memory_cleanup(void)
{
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		rte_mcfg_mem_write_lock();
	else
		secondary_hotplug_lock(true);
	eal_memalloc_cleanup();
	eal_legacy_mem_cleanup();
	eal_memseg_lists_teardown();
	rte_mcfg_mem_write_unlock();
}
