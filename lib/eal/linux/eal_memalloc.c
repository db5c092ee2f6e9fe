/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The Linux page allocator: plugs whole pages into the slots of the memseg
 * lists that eal_common_memory.c reserved, and unplugs them again.
 *
 * Core types:
 *   struct memalloc_state  everything this process knows about its backing:
 *                          the backing mode and one memalloc_list per memseg
 *                          list (process-local: fds are not shared).
 *   struct memalloc_list   per-list backing: one fd per page (per-page mode)
 *                          or one fd for the list (single-file, memfd) and
 *                          the file offset of each plugged slot.
 *   struct page_backing    the (fd, offset) holding one page while it is
 *                          being plugged.
 *   struct memalloc_req    one allocation request as it moves through its
 *                          phases: prepare (pick slots, check limits) ->
 *                          plug each page (back, map, check node, record) ->
 *                          commit (mark used, fire ALLOC) or roll back.
 *
 * Backing modes:
 *   per-page     <hugedir>/<prefix>map_<list>_<seg>, one file per page
 *   single-file  <hugedir>/<prefix>map_<list>, fallocate / punch hole
 *   memfd        --in-memory: memfd_create(MFD_HUGETLB), one per list
 *   anonymous    --no-huge: private anonymous 2 MiB blocks, IOVA = VA
 * A live process holds flock(LOCK_SH) on every file it uses, so a file of
 * ours whose LOCK_EX can be taken belongs to a dead process.
 *
 * Pages are reserved with fallocate() before they are mapped, so running out
 * of hugepages is an ENOSPC from fallocate, never a SIGBUS on first touch;
 * anonymous blocks are faulted with MADV_POPULATE_WRITE, which reports an
 * error instead of raising a signal. No signal handler is involved.
 *
 * Locking: callers hold memory_hotplug_lock for writing around alloc and
 * free (for reading around get_seg_fd*), which also guards memalloc_state.
 * The fbarray takes its own lock inside each call.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <limits.h>
#include <numaif.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <linux/falloc.h>
#include <linux/memfd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_memcfg.h"
#include "eal_private.h"

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif
#ifndef MFD_HUGETLB
#define MFD_HUGETLB 0x0004U
#endif
#ifndef MFD_HUGE_SHIFT
#define MFD_HUGE_SHIFT 26
#endif

/* nodemask wide enough for any kernel's MAX_NUMNODES */
#define MEMALLOC_NODEMASK_BITS 1024
#define MEMALLOC_NODEMASK_LONGS (MEMALLOC_NODEMASK_BITS / (8 * sizeof(long)))

/* contig search: how many candidate pages may be held at once */
#define MEMALLOC_CONTIG_MIN_CAND 256
#define MEMALLOC_CONTIG_FACTOR 16
#define MEMALLOC_CONTIG_MAX_CAND 2048

enum memalloc_backing {
	MEMALLOC_BACKING_PER_PAGE,
	MEMALLOC_BACKING_SINGLE_FILE,
	MEMALLOC_BACKING_MEMFD,
	MEMALLOC_BACKING_ANON,
};

struct memalloc_list {
	int list_fd;          /**< single-file/memfd fd, -1 until needed */
	int *seg_fds;         /**< per-page: fd of each slot, -1 if none */
	uint64_t *seg_off;    /**< list-fd modes: file offset of each slot */
	unsigned int n_slots; /**< length of the two arrays */
	/* secondary: the list version our mappings are known to match */
	uint32_t seen_version;
	bool seen_valid;
};

/* primary: the slots of one list changed since the last sync was sent */
struct memalloc_dirty {
	bool set;
	uint32_t first, end;  /**< [first, end) covers every change */
	uint32_t ver_from;    /**< list version before the first change */
};

struct memalloc_state {
	bool ready;
	enum memalloc_backing backing;
	int fault_countdown;  /**< test hook: fail the n-th page backed */
	struct memalloc_list lists[RTE_MAX_MEMSEG_LISTS];
	struct memalloc_dirty dirty[RTE_MAX_MEMSEG_LISTS];
};

struct page_backing {
	int fd;        /**< -1 for anonymous memory */
	uint64_t off;  /**< offset of the page in fd */
	bool own_fd;   /**< per-page file: fd belongs to this page */
};

struct memalloc_slot {
	int list_idx;
	int seg_idx;
};

struct memalloc_numa {
	bool saved;      /**< old policy read and must be restored */
	bool disabled;   /**< kernel without NUMA syscalls */
	int old_mode;
	unsigned long old_mask[MEMALLOC_NODEMASK_LONGS];
	int cur_node;    /**< node the policy binds to now, -1 none */
};

struct memalloc_req {
	struct memalloc_state *st;
	size_t page_sz;
	int socket;          /**< as asked, may be SOCKET_ID_ANY */
	int n_req;
	bool exact;
	bool contig;         /**< slots must be VA-contiguous */
	bool pa_mode;        /**< IOVA = PA, read from pagemap */
	int n_slots;         /**< slots picked */
	int n_done;          /**< slots plugged so far */
	struct memalloc_slot *slots;
	struct memalloc_numa numa;
	int pagemap_fd;
};

/* the process's one allocator state; functions below take it as argument */
static struct memalloc_state memalloc_state;

/* -------------------------------------------------------------------------
 * helpers: lists, names, state
 * ------------------------------------------------------------------------- */

static struct rte_memseg_list *
msl_get(int list_idx)
{
	return &rte_eal_get_mcfg()->memsegs[list_idx];
}

static void *
slot_addr(const struct rte_memseg_list *msl, int seg_idx)
{
	return RTE_PTR_ADD(msl->base_va, (size_t)seg_idx * msl->page_sz);
}

/*
 * A slot of list_idx changes state (and its list version is about to be
 * bumped): remember it for the next sync, so secondaries map or unmap only
 * what changed.
 */
static void
slot_changed(struct memalloc_state *st, int list_idx, int seg_idx)
{
	struct memalloc_dirty *d = &st->dirty[list_idx];
	struct rte_memseg_list *msl = msl_get(list_idx);

	if (!d->set) {
		d->set = true;
		d->first = (uint32_t)seg_idx;
		d->end = (uint32_t)seg_idx + 1;
		d->ver_from = msl->version;
	}
	d->first = RTE_MIN(d->first, (uint32_t)seg_idx);
	d->end = RTE_MAX(d->end, (uint32_t)seg_idx + 1);
	msl->version++;
}

static bool
msl_matches(const struct rte_memseg_list *msl, size_t page_sz, int socket)
{
	return msl->base_va != NULL && !msl->external &&
		msl->memseg_arr.len > 0 && msl->page_sz == page_sz &&
		(socket == SOCKET_ID_ANY || msl->socket_id == socket);
}

static const char *
hugedir_for(size_t page_sz)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	unsigned int i;

	for (i = 0; i < cfg->num_hugepage_sizes; i++) {
		if (cfg->hugepage_info[i].hugepage_sz == page_sz &&
				cfg->hugepage_info[i].hugedir[0] != '\0')
			return cfg->hugepage_info[i].hugedir;
	}
	if (cfg->hugepage_dir != NULL)
		return cfg->hugepage_dir;
	return NULL;
}

static const char *
file_prefix(void)
{
	const char *p = eal_get_internal_configuration()->hugefile_prefix;

	return p != NULL ? p : "rte";
}

/* seg_idx < 0: the single file of the list */
static int
backing_path(char *buf, size_t sz, size_t page_sz, int list_idx, int seg_idx)
{
	const char *dir = hugedir_for(page_sz);
	int n;

	if (dir == NULL)
		return -ENOENT;
	if (seg_idx < 0)
		n = snprintf(buf, sz, "%s/%smap_%d", dir, file_prefix(),
			list_idx);
	else
		n = snprintf(buf, sz, "%s/%smap_%d_%d", dir, file_prefix(),
			list_idx, seg_idx);
	return (n < 0 || (size_t)n >= sz) ? -ENAMETOOLONG : 0;
}

static enum memalloc_backing
backing_from_config(const struct internal_config *cfg)
{
	if (cfg->no_hugetlbfs)
		return MEMALLOC_BACKING_ANON;
	if (cfg->in_memory)
		return MEMALLOC_BACKING_MEMFD;
	if (cfg->single_file_segments)
		return MEMALLOC_BACKING_SINGLE_FILE;
	return MEMALLOC_BACKING_PER_PAGE;
}

static bool
unlink_always(void)
{
	return eal_get_internal_configuration()->huge_unlink ==
		EAL_HUGE_UNLINK_ALWAYS;
}

/* per-list arrays are sized from the fbarray on first use */
static int
list_state_get(struct memalloc_state *st, int list_idx,
		struct memalloc_list **out)
{
	struct memalloc_list *ml = &st->lists[list_idx];
	unsigned int n = msl_get(list_idx)->memseg_arr.len, i;

	if (ml->seg_fds == NULL) {
		ml->seg_fds = malloc(n * sizeof(ml->seg_fds[0]));
		ml->seg_off = calloc(n, sizeof(ml->seg_off[0]));
		if (ml->seg_fds == NULL || ml->seg_off == NULL) {
			free(ml->seg_fds);
			free(ml->seg_off);
			ml->seg_fds = NULL;
			ml->seg_off = NULL;
			return -ENOMEM;
		}
		for (i = 0; i < n; i++)
			ml->seg_fds[i] = -1;
		ml->n_slots = n;
	}
	*out = ml;
	return 0;
}

/* -------------------------------------------------------------------------
 * backing store: create and destroy the storage of one page
 * ------------------------------------------------------------------------- */

static int
hugetlb_memfd_create(size_t page_sz, int list_idx)
{
	char name[64];
	int fd;

	snprintf(name, sizeof(name), "%smap_%d", file_prefix(), list_idx);
	fd = memfd_create(name, MFD_CLOEXEC | MFD_HUGETLB |
		((unsigned int)rte_log2_u64(page_sz) << MFD_HUGE_SHIFT));
	return fd < 0 ? -errno : fd;
}

/* does path still name the file open as fd? */
static bool
hugefile_same(int fd, const char *path)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && stat(path, &b) == 0 &&
		a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/*
 * Open a hugetlbfs file (creating it only when create) and hold LOCK_SH on
 * it while we live. A stale-file cleaner may take LOCK_EX between a
 * creation and our lock and remove the name: the name is checked once the
 * lock is held and the file made again if it went.
 */
static int
hugefile_open_locked(const char *path, bool create)
{
	int fd, tries;

	for (tries = 0; tries < 3; tries++) {
		fd = open(path, (create ? O_CREAT : 0) | O_RDWR | O_CLOEXEC,
			0600);
		if (fd < 0)
			return -errno;
		if (flock(fd, LOCK_SH | LOCK_NB) < 0) {
			close(fd);
			return -errno;
		}
		/*
		 * opening an existing file (a secondary following a sync)
		 * races with no cleaner: only the primary cleans, at its init
		 */
		if (!create || hugefile_same(fd, path))
			return fd;
		close(fd);
	}
	return -EAGAIN;
}

/* open (creating) a hugetlbfs file and hold LOCK_SH on it while we live */
static int
hugefile_open(const char *path, bool fresh)
{
	int fd = hugefile_open_locked(path, true);
	int ret;

	if (fd < 0)
		return fd;
	/* a leftover file may hold old pages: start from zeroed memory */
	if (fresh && ftruncate(fd, 0) < 0) {
		ret = -errno;
		goto fail;
	}
	return fd;
fail:
	close(fd);
	return ret;
}

static int
list_fd_get(struct memalloc_state *st, struct memalloc_list *ml,
		int list_idx, size_t page_sz)
{
	char path[PATH_MAX];
	int fd, ret;

	if (ml->list_fd >= 0)
		return ml->list_fd;
	if (st->backing == MEMALLOC_BACKING_MEMFD) {
		fd = hugetlb_memfd_create(page_sz, list_idx);
	} else {
		ret = backing_path(path, sizeof(path), page_sz, list_idx, -1);
		if (ret < 0)
			return ret;
		fd = hugefile_open(path, true);
		if (fd >= 0 && unlink_always())
			unlink(path);
	}
	if (fd < 0)
		return fd;
	ml->list_fd = fd;
	return fd;
}

/*
 * Release the storage of a page. The file of a per-page backing is unlinked
 * before its fd (and so its lock) goes, so a cleaner never sees it unlocked.
 */
static void
page_backing_destroy(struct memalloc_state *st, int list_idx, int vslot,
		size_t page_sz, struct page_backing *pb)
{
	char path[PATH_MAX];

	RTE_SET_USED(st);
	if (pb->fd < 0)
		return;
	if (pb->own_fd) {
		/* with --huge-unlink=always the name is already gone */
		if (backing_path(path, sizeof(path), page_sz, list_idx,
				vslot) == 0 && unlink(path) < 0 &&
				errno != ENOENT)
			RTE_LOG(WARNING, EAL, "cannot unlink %s: %s\n", path,
				strerror(errno));
		close(pb->fd);
	} else if (fallocate(pb->fd, FALLOC_FL_PUNCH_HOLE |
			FALLOC_FL_KEEP_SIZE, (off_t)pb->off,
			(off_t)page_sz) < 0) {
		RTE_LOG(ERR, EAL, "cannot release page at offset %" PRIu64
			" of list %d: %s\n", pb->off, list_idx,
			strerror(errno));
	}
	pb->fd = -1;
}

/*
 * Create the storage of the page of virtual slot vslot (vslot >= list length
 * names a temporary candidate of the contig search) and reserve its memory.
 */
static int
page_backing_create(struct memalloc_state *st, int list_idx, int vslot,
		size_t page_sz, struct page_backing *pb)
{
	struct memalloc_list *ml = &st->lists[list_idx];
	char path[PATH_MAX];
	int ret;

	*pb = (struct page_backing){ .fd = -1 };
	if (st->fault_countdown > 0 && --st->fault_countdown == 0)
		return -ENOMEM;
	if (st->backing == MEMALLOC_BACKING_ANON)
		return 0;
	if (st->backing == MEMALLOC_BACKING_PER_PAGE) {
		ret = backing_path(path, sizeof(path), page_sz, list_idx, vslot);
		if (ret < 0)
			return ret;
		ret = hugefile_open(path, true);
		if (ret < 0)
			return ret;
		pb->fd = ret;
		pb->own_fd = true;
		if (unlink_always())
			unlink(path);
	} else {
		ret = list_fd_get(st, ml, list_idx, page_sz);
		if (ret < 0)
			return ret;
		pb->fd = ret;
		pb->off = (uint64_t)vslot * page_sz;
	}
	/* this is where "no hugepage left" shows up, as ENOSPC */
	if (fallocate(pb->fd, 0, (off_t)pb->off, (off_t)page_sz) < 0) {
		ret = errno == ENOSPC ? -ENOMEM : -errno;
		RTE_LOG(DEBUG, EAL, "fallocate list %d slot %d: %s\n",
			list_idx, vslot, strerror(errno));
		page_backing_destroy(st, list_idx, vslot, page_sz, pb);
		return ret;
	}
	return 0;
}

/* -------------------------------------------------------------------------
 * mapping
 * ------------------------------------------------------------------------- */

/* give a slot back to the PROT_NONE reservation, keeping the VA ours */
static int
slot_unmap(void *addr, size_t len)
{
	void *p = mmap(addr, len, PROT_NONE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED) {
		RTE_LOG(ERR, EAL, "cannot re-reserve %p+%zu: %s\n", addr, len,
			strerror(errno));
		return -errno;
	}
	return 0;
}

/* fault every small page in, for kernels without MADV_POPULATE_WRITE */
static void
anon_touch(void *addr, size_t len)
{
	volatile char *p = addr;
	size_t step = (size_t)sysconf(_SC_PAGESIZE), off;

	for (off = 0; off < len; off += step)
		p[off] = 0;
}

static int
anon_block_map(void *addr, size_t len)
{
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);

	if (p == MAP_FAILED)
		return -errno;
	/* a transparent hugepage when the kernel allows it; not an error */
	(void)madvise(addr, len, MADV_HUGEPAGE);
	if (madvise(addr, len, MADV_POPULATE_WRITE) == 0)
		return 0;
	if (errno != EINVAL)
		return errno == EFAULT || errno == EHWPOISON ? -ENOMEM : -errno;
	anon_touch(addr, len);
	return 0;
}

static int
page_map(void *addr, size_t len, const struct page_backing *pb)
{
	void *p;

	if (pb->fd < 0)
		return anon_block_map(addr, len);
	/* the page is already reserved by fallocate: populate cannot fail */
	p = mmap(addr, len, PROT_READ | PROT_WRITE,
		MAP_SHARED | MAP_FIXED | MAP_POPULATE, pb->fd, (off_t)pb->off);
	return p == MAP_FAILED ? -errno : 0;
}

/* -------------------------------------------------------------------------
 * NUMA placement
 * ------------------------------------------------------------------------- */

static void
numa_ctx_init(struct memalloc_numa *nm)
{
	memset(nm, 0, sizeof(*nm));
	nm->cur_node = -1;
}

/*
 * Make the calling thread allocate from node. Hugepages are bound strictly
 * (fallocate fails cleanly if the node has none); anonymous memory is only
 * preferred, so a full node means a checked refusal rather than the OOM
 * killer.
 */
static int
numa_bind(struct memalloc_numa *nm, int node, bool strict)
{
	unsigned long mask[MEMALLOC_NODEMASK_LONGS] = { 0 };
	const unsigned int lbits = 8 * sizeof(long);

	if (nm->disabled || node < 0 || node >= MEMALLOC_NODEMASK_BITS ||
			node == nm->cur_node)
		return 0;
	if (!nm->saved) {
		if (get_mempolicy(&nm->old_mode, nm->old_mask,
				MEMALLOC_NODEMASK_BITS, NULL, 0) < 0) {
			if (errno != ENOSYS)
				return -errno;
			nm->disabled = true;
			return 0;
		}
		nm->saved = true;
	}
	mask[node / lbits] |= 1UL << (node % lbits);
	if (set_mempolicy(strict ? MPOL_BIND : MPOL_PREFERRED, mask,
			MEMALLOC_NODEMASK_BITS + 1) < 0)
		return -errno;
	nm->cur_node = node;
	return 0;
}

static void
numa_restore(struct memalloc_numa *nm)
{
	if (!nm->saved)
		return;
	if (set_mempolicy(nm->old_mode, nm->old_mask,
			MEMALLOC_NODEMASK_BITS + 1) < 0)
		RTE_LOG(WARNING, EAL, "cannot restore the NUMA policy: %s\n",
			strerror(errno));
	nm->saved = false;
	nm->cur_node = -1;
}

/* the page must really sit on the node its list stands for */
static int
numa_check(const struct memalloc_numa *nm, void *addr, int node)
{
	int cur = -1;

	if (nm->disabled || node < 0)
		return 0;
	if (get_mempolicy(&cur, NULL, 0, addr, MPOL_F_NODE | MPOL_F_ADDR) < 0)
		return errno == ENOSYS ? 0 : -errno;
	if (cur != node) {
		RTE_LOG(DEBUG, EAL, "page %p landed on node %d, wanted %d\n",
			addr, cur, node);
		return -ENOMEM;
	}
	return 0;
}

/* -------------------------------------------------------------------------
 * IOVA
 * ------------------------------------------------------------------------- */

static int
pagemap_pa(int fd, const void *addr, rte_iova_t *pa)
{
	uint64_t pgsz = (uint64_t)sysconf(_SC_PAGESIZE), ent, pfn;
	off_t off = (off_t)((uintptr_t)addr / pgsz * sizeof(ent));

	if (pread(fd, &ent, sizeof(ent), off) != (ssize_t)sizeof(ent))
		return -EIO;
	if ((ent & (1ULL << 63)) == 0)
		return -EFAULT;
	pfn = ent & ((1ULL << 55) - 1);
	/* the kernel hides PFNs from unprivileged readers */
	if (pfn == 0)
		return -EPERM;
	*pa = pfn * pgsz + (uintptr_t)addr % pgsz;
	return 0;
}

static int
page_iova(const struct memalloc_req *req, void *addr, rte_iova_t *iova)
{
	int ret;

	if (!req->pa_mode) {
		*iova = (uintptr_t)addr;
		return 0;
	}
	ret = pagemap_pa(req->pagemap_fd, addr, iova);
	if (ret < 0)
		RTE_LOG(ERR, EAL, "no physical address for %p: %s\n", addr,
			strerror(-ret));
	return ret;
}

/* -------------------------------------------------------------------------
 * one page: record, plug, unplug
 * ------------------------------------------------------------------------- */

static void
memseg_record(struct rte_memseg_list *msl, int seg_idx, void *addr,
		rte_iova_t iova)
{
	struct rte_memseg *ms = rte_fbarray_get(&msl->memseg_arr, seg_idx);

	memset(ms, 0, sizeof(*ms));
	ms->addr = addr;
	ms->iova = iova;
	ms->len = msl->page_sz;
	ms->hugepage_sz = msl->page_sz;
	ms->socket_id = msl->socket_id;
	ms->nchannel = rte_memory_get_nchannel();
	ms->nrank = rte_memory_get_nrank();
}

/* remember where the page of a slot lives, for get_seg_fd and free */
static void
slot_state_set(struct memalloc_list *ml, int seg_idx,
		const struct page_backing *pb)
{
	if (pb->own_fd)
		ml->seg_fds[seg_idx] = pb->fd;
	else
		ml->seg_off[seg_idx] = pb->off;
}

static struct page_backing
slot_state_take(struct memalloc_state *st, struct memalloc_list *ml,
		int seg_idx)
{
	struct page_backing pb = { .fd = -1 };

	if (st->backing == MEMALLOC_BACKING_PER_PAGE) {
		pb.fd = ml->seg_fds[seg_idx];
		pb.own_fd = true;
		ml->seg_fds[seg_idx] = -1;
	} else if (st->backing != MEMALLOC_BACKING_ANON) {
		pb.fd = ml->list_fd;
		pb.off = ml->seg_off[seg_idx];
	}
	return pb;
}

/* back -> map -> check node -> read IOVA -> record; undone on failure */
static int
page_plug(struct memalloc_req *req, const struct memalloc_slot *sl)
{
	struct rte_memseg_list *msl = msl_get(sl->list_idx);
	void *addr = slot_addr(msl, sl->seg_idx);
	struct page_backing pb;
	rte_iova_t iova = RTE_BAD_IOVA;
	int ret;

	ret = numa_bind(&req->numa, msl->socket_id,
		req->st->backing != MEMALLOC_BACKING_ANON);
	if (ret < 0)
		return ret;
	ret = page_backing_create(req->st, sl->list_idx, sl->seg_idx,
		req->page_sz, &pb);
	if (ret < 0)
		return ret;
	ret = page_map(addr, req->page_sz, &pb);
	if (ret == 0)
		ret = numa_check(&req->numa, addr, msl->socket_id);
	if (ret == 0)
		ret = page_iova(req, addr, &iova);
	if (ret < 0) {
		slot_unmap(addr, req->page_sz);
		page_backing_destroy(req->st, sl->list_idx, sl->seg_idx,
			req->page_sz, &pb);
		return ret;
	}
	slot_state_set(&req->st->lists[sl->list_idx], sl->seg_idx, &pb);
	memseg_record(msl, sl->seg_idx, addr, iova);
	return 0;
}

/* unmap a plugged slot and release its storage (fbarray untouched) */
static int
page_unplug(struct memalloc_state *st, int list_idx, int seg_idx)
{
	struct rte_memseg_list *msl = msl_get(list_idx);
	struct page_backing pb;
	int ret;

	ret = slot_unmap(slot_addr(msl, seg_idx), msl->page_sz);
	pb = slot_state_take(st, &st->lists[list_idx], seg_idx);
	page_backing_destroy(st, list_idx, seg_idx, msl->page_sz, &pb);
	return ret;
}

/* -------------------------------------------------------------------------
 * requests: prepare -> plug -> commit / roll back
 * ------------------------------------------------------------------------- */

static void
req_fini(struct memalloc_req *req)
{
	numa_restore(&req->numa);
	if (req->pagemap_fd >= 0)
		close(req->pagemap_fd);
	free(req->slots);
	req->slots = NULL;
}

static int
req_init(struct memalloc_req *req, struct memalloc_state *st, int n,
		size_t page_sz, int socket)
{
	memset(req, 0, sizeof(*req));
	req->st = st;
	req->n_req = n;
	req->page_sz = page_sz;
	req->socket = socket;
	req->exact = true;
	req->pagemap_fd = -1;
	numa_ctx_init(&req->numa);
	req->pa_mode = st->backing != MEMALLOC_BACKING_ANON &&
		rte_eal_iova_mode() == RTE_IOVA_PA;
	req->slots = calloc(n, sizeof(req->slots[0]));
	if (req->slots == NULL)
		return -ENOMEM;
	if (req->pa_mode) {
		req->pagemap_fd = open("/proc/self/pagemap",
			O_RDONLY | O_CLOEXEC);
		if (req->pagemap_fd < 0)
			return -errno;
	}
	return 0;
}

/* one run of n free slots in one list: the pages will be VA-contiguous */
static int
slots_pick_run(struct memalloc_req *req)
{
	struct rte_memseg_list *msl;
	int i, j, idx;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		msl = msl_get(i);
		if (!msl_matches(msl, req->page_sz, req->socket) ||
				(unsigned int)req->n_req > msl->memseg_arr.len)
			continue;
		idx = rte_fbarray_find_next_n_free(&msl->memseg_arr, 0,
			req->n_req);
		if (idx < 0)
			continue;
		for (j = 0; j < req->n_req; j++)
			req->slots[j] = (struct memalloc_slot){ i, idx + j };
		req->n_slots = req->n_req;
		return 0;
	}
	return -ENOMEM;
}

/* any free slots, in list and index order */
static void
slots_pick_scattered(struct memalloc_req *req)
{
	struct rte_memseg_list *msl;
	int i, idx;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS && req->n_slots < req->n_req;
			i++) {
		msl = msl_get(i);
		if (!msl_matches(msl, req->page_sz, req->socket))
			continue;
		idx = 0;
		while (req->n_slots < req->n_req &&
				(unsigned int)idx < msl->memseg_arr.len) {
			idx = rte_fbarray_find_next_free(&msl->memseg_arr, idx);
			if (idx < 0)
				break;
			req->slots[req->n_slots++] =
				(struct memalloc_slot){ i, idx };
			idx++;
		}
	}
}

static uint64_t
socket_mem_in_use(int socket)
{
	struct rte_memseg_list *msl;
	uint64_t total = 0;
	int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		msl = msl_get(i);
		if (msl->base_va != NULL && !msl->external &&
				msl->socket_id == socket)
			total += (uint64_t)msl->memseg_arr.count * msl->page_sz;
	}
	return total;
}

/* --socket-limit and the registered validators, for every socket touched */
static int
req_check_limits(const struct memalloc_req *req)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	uint64_t add[RTE_MAX_NUMA_NODES] = { 0 }, total;
	int i, s;

	for (i = 0; i < req->n_slots; i++) {
		s = msl_get(req->slots[i].list_idx)->socket_id;
		if (s >= 0 && s < RTE_MAX_NUMA_NODES)
			add[s] += req->page_sz;
	}
	for (s = 0; s < RTE_MAX_NUMA_NODES; s++) {
		if (add[s] == 0)
			continue;
		total = socket_mem_in_use(s) + add[s];
		if (cfg->force_socket_limits && cfg->socket_limit[s] != 0 &&
				total > cfg->socket_limit[s]) {
			RTE_LOG(DEBUG, EAL, "socket %d: %" PRIu64
				" bytes would pass --socket-limit\n", s, total);
			return -ENOMEM;
		}
		if (eal_memalloc_mem_alloc_validate(s, (size_t)total) < 0)
			return -ENOMEM;
	}
	return 0;
}

static int
req_prepare(struct memalloc_req *req)
{
	struct memalloc_list *ml;
	int i, ret;

	if (slots_pick_run(req) < 0 && !req->contig)
		slots_pick_scattered(req);
	if (req->n_slots == 0 || (req->exact && req->n_slots < req->n_req))
		return -ENOMEM;
	for (i = 0; i < req->n_slots; i++) {
		ret = list_state_get(req->st, req->slots[i].list_idx, &ml);
		if (ret < 0)
			return ret;
	}
	return req_check_limits(req);
}

static int
req_plug_all(struct memalloc_req *req)
{
	int ret;

	while (req->n_done < req->n_slots) {
		ret = page_plug(req, &req->slots[req->n_done]);
		if (ret < 0)
			/* without exact, what is plugged already is the answer */
			return (!req->exact && req->n_done > 0) ? 0 : ret;
		req->n_done++;
	}
	return 0;
}

/* a free slot's memseg is all zero, so rolled-back ones are wiped */
static void
req_rollback(struct memalloc_req *req)
{
	struct memalloc_slot *sl;

	while (req->n_done > 0) {
		sl = &req->slots[--req->n_done];
		page_unplug(req->st, sl->list_idx, sl->seg_idx);
		memset(rte_fbarray_get(&msl_get(sl->list_idx)->memseg_arr,
			sl->seg_idx), 0, sizeof(struct rte_memseg));
	}
}

/* length of the VA-contiguous run of ms[] starting at i */
static int
memseg_run_len(struct rte_memseg **ms, int i, int n)
{
	int run = 1;

	while (i + run < n && ms[i + run]->addr ==
			RTE_PTR_ADD(ms[i + run - 1]->addr, ms[i + run - 1]->len))
		run++;
	return run;
}

static void
memseg_notify_runs(enum rte_mem_event ev, struct rte_memseg **ms, int n)
{
	int i, run;

	for (i = 0; i < n; i += run) {
		run = memseg_run_len(ms, i, n);
		eal_memalloc_mem_event_notify(ev, ms[i]->addr,
			(size_t)run * ms[i]->len);
	}
}

/* ALLOC run by run; a refused run (DMA hook) takes back the runs before it */
static int
memseg_notify_alloc(struct rte_memseg **ms, int n)
{
	int i, run, ret;

	for (i = 0; i < n; i += run) {
		run = memseg_run_len(ms, i, n);
		ret = eal_memalloc_mem_event_notify(RTE_MEM_EVENT_ALLOC,
			ms[i]->addr, (size_t)run * ms[i]->len);
		if (ret < 0) {
			memseg_notify_runs(RTE_MEM_EVENT_FREE, ms, i);
			return ret;
		}
	}
	return 0;
}

/* mark used, then tell the callbacks: the pages exist before anyone hears */
static int
req_commit(struct memalloc_req *req, struct rte_memseg **ms)
{
	struct rte_memseg_list *msl;
	int i, ret;

	for (i = 0; i < req->n_done; i++) {
		msl = msl_get(req->slots[i].list_idx);
		rte_fbarray_set_used(&msl->memseg_arr, req->slots[i].seg_idx);
		ms[i] = rte_fbarray_get(&msl->memseg_arr,
			req->slots[i].seg_idx);
		slot_changed(req->st, req->slots[i].list_idx,
			req->slots[i].seg_idx);
	}
	ret = memseg_notify_alloc(ms, req->n_done);
	if (ret < 0) {
		/* unmark; req_rollback() then unplugs and wipes them */
		for (i = 0; i < req->n_done; i++) {
			msl = msl_get(req->slots[i].list_idx);
			rte_fbarray_set_free(&msl->memseg_arr,
				req->slots[i].seg_idx);
			slot_changed(req->st, req->slots[i].list_idx,
				req->slots[i].seg_idx);
		}
	}
	return ret;
}

static int
alloc_bulk(struct memalloc_state *st, struct rte_memseg **ms, int n,
		size_t page_sz, int socket, bool exact, bool contig)
{
	struct memalloc_req req;
	int ret;

	ret = req_init(&req, st, n, page_sz, socket);
	req.exact = exact;
	req.contig = contig;
	if (ret == 0)
		ret = req_prepare(&req);
	if (ret == 0)
		ret = req_plug_all(&req);
	if (ret == 0)
		ret = req_commit(&req, ms);
	if (ret == 0)
		ret = req.n_done;
	else
		req_rollback(&req);
	req_fini(&req);
	return ret;
}

/* hot-plug is for the primary, and in legacy mode only while initialising */
static int
memalloc_may_plug(const struct memalloc_state *st)
{
	const struct internal_config *cfg = eal_get_internal_configuration();

	if (!st->ready)
		return -ENODEV;
	if (cfg->process_type != RTE_PROC_PRIMARY)
		return -EPERM;
	if (cfg->legacy_mem && cfg->init_complete)
		return -ENOTSUP;
	return 0;
}

int
eal_memalloc_alloc_seg_bulk(struct rte_memseg **ms, int n_segs,
		size_t page_sz, int socket, bool exact)
{
	struct memalloc_state *st = &memalloc_state;
	int ret;

	if (ms == NULL || n_segs <= 0 || page_sz == 0 ||
			(socket != SOCKET_ID_ANY &&
			(socket < 0 || socket >= RTE_MAX_NUMA_NODES)))
		return -EINVAL;
	ret = memalloc_may_plug(st);
	if (ret < 0)
		return ret;
	return alloc_bulk(st, ms, n_segs, page_sz, socket, exact, false);
}

struct rte_memseg *
eal_memalloc_alloc_seg(size_t page_sz, int socket)
{
	struct rte_memseg *ms = NULL;
	int ret;

	ret = eal_memalloc_alloc_seg_bulk(&ms, 1, page_sz, socket, true);
	if (ret != 1) {
		rte_errno = ret < 0 ? -ret : ENOMEM;
		return NULL;
	}
	return ms;
}

/* -------------------------------------------------------------------------
 * IOVA-contiguous bulk allocation (IOVA as PA)
 *
 * Candidate pages are backed at "virtual slots" past the end of the list
 * (per-page file map_<list>_<len + k>, or offset (len + k) * page_sz of the
 * list file) and mapped in a scratch window to read their PA. As soon as n
 * of them form a PA-contiguous run, those are mapped again at a free run of
 * slots (the page stays in its file, so its PA does not change), renamed or
 * re-pointed to their slot, and every other candidate is released.
 * ------------------------------------------------------------------------- */

struct contig_cand {
	struct page_backing pb;
	rte_iova_t pa;
	int vslot;
};

struct contig_search {
	struct memalloc_req *req;
	int list_idx;
	int first_seg;      /**< first slot of the target run */
	struct contig_cand *cand;
	int *order;         /**< candidate indices sorted by PA */
	int n_cand;
	int max_cand;
	void *window;       /**< page-aligned scratch VA for candidates */
	void *window_raw;
	size_t window_len;
	int run;            /**< position in order[] of the run, -1 none */
};

static int
contig_search_init(struct contig_search *cs, struct memalloc_req *req)
{
	size_t sz = req->page_sz;
	long max = (long)req->n_req * MEMALLOC_CONTIG_FACTOR;

	memset(cs, 0, sizeof(*cs));
	cs->req = req;
	cs->run = -1;
	cs->list_idx = req->slots[0].list_idx;
	cs->first_seg = req->slots[0].seg_idx;
	max = RTE_MAX(max, (long)req->n_req + MEMALLOC_CONTIG_MIN_CAND);
	cs->max_cand = (int)RTE_MIN(max, (long)MEMALLOC_CONTIG_MAX_CAND);
	cs->cand = calloc(cs->max_cand, sizeof(cs->cand[0]));
	cs->order = calloc(cs->max_cand, sizeof(cs->order[0]));
	if (cs->cand == NULL || cs->order == NULL)
		return -ENOMEM;
	cs->window_len = (size_t)(cs->max_cand + 1) * sz;
	cs->window_raw = mmap(NULL, cs->window_len, PROT_NONE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (cs->window_raw == MAP_FAILED) {
		cs->window_raw = NULL;
		return -ENOMEM;
	}
	cs->window = RTE_PTR_ALIGN_CEIL(cs->window_raw, sz);
	return 0;
}

/* release every candidate still held, and the scratch window */
static void
contig_search_fini(struct contig_search *cs)
{
	struct memalloc_req *req = cs->req;
	int k;

	for (k = 0; k < cs->n_cand; k++)
		page_backing_destroy(req->st, cs->list_idx, cs->cand[k].vslot,
			req->page_sz, &cs->cand[k].pb);
	if (cs->window_raw != NULL)
		munmap(cs->window_raw, cs->window_len);
	free(cs->cand);
	free(cs->order);
}

/* insert candidate k by PA; a run of n through it ends the search */
static void
contig_insert(struct contig_search *cs, int k)
{
	const rte_iova_t sz = cs->req->page_sz;
	int p = cs->n_cand - 1, lo, hi;

	while (p > 0 && cs->cand[cs->order[p - 1]].pa > cs->cand[k].pa) {
		cs->order[p] = cs->order[p - 1];
		p--;
	}
	cs->order[p] = k;
	lo = p;
	while (lo > 0 && cs->cand[cs->order[lo - 1]].pa + sz ==
			cs->cand[cs->order[lo]].pa)
		lo--;
	hi = p;
	while (hi + 1 < cs->n_cand && cs->cand[cs->order[hi]].pa + sz ==
			cs->cand[cs->order[hi + 1]].pa)
		hi++;
	if (hi - lo + 1 >= cs->req->n_req)
		cs->run = lo;
}

static int
contig_add_candidate(struct contig_search *cs)
{
	struct memalloc_req *req = cs->req;
	int k = cs->n_cand;
	struct contig_cand *c = &cs->cand[k];
	void *addr = RTE_PTR_ADD(cs->window, (size_t)k * req->page_sz);
	int ret;

	c->vslot = (int)msl_get(cs->list_idx)->memseg_arr.len + k;
	ret = page_backing_create(req->st, cs->list_idx, c->vslot,
		req->page_sz, &c->pb);
	if (ret < 0)
		return ret;
	ret = page_map(addr, req->page_sz, &c->pb);
	if (ret == 0)
		ret = pagemap_pa(req->pagemap_fd, addr, &c->pa);
	/* the scratch mapping is not needed once the PA is known */
	slot_unmap(addr, req->page_sz);
	if (ret < 0) {
		page_backing_destroy(req->st, cs->list_idx, c->vslot,
			req->page_sz, &c->pb);
		return ret;
	}
	cs->n_cand++;
	contig_insert(cs, k);
	return 0;
}

/* map the chosen run at the target slots; undone on failure */
static int
contig_place(struct contig_search *cs)
{
	struct memalloc_req *req = cs->req;
	struct rte_memseg_list *msl = msl_get(cs->list_idx);
	struct contig_cand *c;
	void *addr;
	int j, ret = 0;

	for (j = 0; j < req->n_req; j++) {
		c = &cs->cand[cs->order[cs->run + j]];
		addr = slot_addr(msl, cs->first_seg + j);
		ret = page_map(addr, req->page_sz, &c->pb);
		if (ret == 0)
			ret = numa_check(&req->numa, addr, msl->socket_id);
		if (ret < 0)
			break;
	}
	if (ret == 0)
		return 0;
	slot_unmap(slot_addr(msl, cs->first_seg + j), req->page_sz);
	while (j-- > 0)
		slot_unmap(slot_addr(msl, cs->first_seg + j), req->page_sz);
	return ret;
}

/* hand the chosen candidates over to their slots and record them */
static void
contig_adopt(struct contig_search *cs)
{
	struct memalloc_req *req = cs->req;
	struct rte_memseg_list *msl = msl_get(cs->list_idx);
	struct memalloc_list *ml = &req->st->lists[cs->list_idx];
	char from[PATH_MAX], to[PATH_MAX];
	struct contig_cand *c;
	int j, seg;

	for (j = 0; j < req->n_req; j++) {
		c = &cs->cand[cs->order[cs->run + j]];
		seg = cs->first_seg + j;
		if (c->pb.own_fd &&
				backing_path(from, sizeof(from), req->page_sz,
					cs->list_idx, c->vslot) == 0 &&
				backing_path(to, sizeof(to), req->page_sz,
					cs->list_idx, seg) == 0 &&
				rename(from, to) < 0 && errno != ENOENT)
			RTE_LOG(WARNING, EAL, "cannot rename %s: %s\n", from,
				strerror(errno));
		slot_state_set(ml, seg, &c->pb);
		memseg_record(msl, seg, slot_addr(msl, seg), c->pa);
		/* no longer a candidate: fini must not release it */
		c->pb.fd = -1;
		req->n_done++;
	}
}

static int
contig_search_run(struct contig_search *cs)
{
	struct memalloc_req *req = cs->req;
	int ret;

	ret = numa_bind(&req->numa, msl_get(cs->list_idx)->socket_id, true);
	if (ret < 0)
		return ret;
	while (cs->run < 0 && cs->n_cand < cs->max_cand) {
		ret = contig_add_candidate(cs);
		if (ret == -ENOMEM)
			break; /* no more hugepages: judge what we hold */
		if (ret < 0)
			return ret;
	}
	if (cs->run < 0) {
		RTE_LOG(DEBUG, EAL, "no %d PA-contiguous pages among %d\n",
			req->n_req, cs->n_cand);
		return -ENOMEM;
	}
	ret = contig_place(cs);
	if (ret < 0)
		return ret;
	contig_adopt(cs);
	return 0;
}

static int
alloc_contig_pa(struct memalloc_state *st, struct rte_memseg **ms, int n,
		size_t page_sz, int socket)
{
	struct memalloc_req req;
	struct contig_search cs = { .req = &req };
	int ret;

	ret = req_init(&req, st, n, page_sz, socket);
	req.contig = true;
	if (ret == 0)
		ret = req_prepare(&req);
	if (ret == 0)
		ret = contig_search_init(&cs, &req);
	if (ret == 0)
		ret = contig_search_run(&cs);
	contig_search_fini(&cs);
	if (ret == 0) {
		req_commit(&req, ms);
		ret = n;
	}
	req_fini(&req);
	return ret;
}

int
eal_memalloc_alloc_seg_bulk_contig(struct rte_memseg **ms, int n_segs,
		size_t page_sz, int socket)
{
	struct memalloc_state *st = &memalloc_state;
	int ret;

	if (ms == NULL || n_segs <= 0 || page_sz == 0 ||
			(socket != SOCKET_ID_ANY &&
			(socket < 0 || socket >= RTE_MAX_NUMA_NODES)))
		return -EINVAL;
	ret = memalloc_may_plug(st);
	if (ret < 0)
		return ret;
	/* IOVA = VA (or anonymous memory): VA-contiguous slots suffice */
	if (st->backing == MEMALLOC_BACKING_ANON ||
			rte_eal_iova_mode() != RTE_IOVA_PA)
		return alloc_bulk(st, ms, n_segs, page_sz, socket, true, true);
	return alloc_contig_pa(st, ms, n_segs, page_sz, socket);
}

/* -------------------------------------------------------------------------
 * free
 * ------------------------------------------------------------------------- */

/* which plugged slot is ms? -EINVAL if none */
static int
memseg_locate(const struct rte_memseg *ms, struct memalloc_slot *sl)
{
	struct rte_memseg_list *msl;
	uintptr_t a = (uintptr_t)ms->addr, base;
	int i, seg;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		msl = msl_get(i);
		base = (uintptr_t)msl->base_va;
		if (msl->base_va == NULL || msl->external || a < base ||
				a >= base + msl->len)
			continue;
		seg = (int)((a - base) / msl->page_sz);
		if (rte_fbarray_get(&msl->memseg_arr, seg) != ms ||
				rte_fbarray_is_used(&msl->memseg_arr, seg) != 1)
			return -EINVAL;
		sl->list_idx = i;
		sl->seg_idx = seg;
		return 0;
	}
	return -EINVAL;
}

/* every page must be ours, plugged, once, and not part of the floor */
static int
free_check(struct rte_memseg **ms, int n, struct memalloc_slot *sl)
{
	int i, j, ret;

	for (i = 0; i < n; i++) {
		if (ms[i] == NULL)
			return -EINVAL;
		ret = memseg_locate(ms[i], &sl[i]);
		if (ret < 0)
			return ret;
		if (eal_memalloc_is_floor_seg(ms[i]))
			return -EPERM;
		for (j = 0; j < i; j++)
			if (ms[j] == ms[i])
				return -EINVAL;
	}
	return 0;
}

/* FREE callbacks -> mark free -> unmap -> release backing */
static int
free_bulk(struct memalloc_state *st, struct rte_memseg **ms, int n,
		struct memalloc_slot *sl)
{
	struct rte_memseg_list *msl;
	int i, ret = 0, r;

	memseg_notify_runs(RTE_MEM_EVENT_FREE, ms, n);
	for (i = 0; i < n; i++) {
		msl = msl_get(sl[i].list_idx);
		rte_fbarray_set_free(&msl->memseg_arr, sl[i].seg_idx);
		slot_changed(st, sl[i].list_idx, sl[i].seg_idx);
		r = page_unplug(st, sl[i].list_idx, sl[i].seg_idx);
		if (r < 0 && ret == 0)
			ret = r;
		memset(ms[i], 0, sizeof(*ms[i]));
	}
	return ret;
}

/*
 * Floor pages (RTE_MEMSEG_FLAG_DO_NOT_FREE) are refused with -EPERM and so is
 * the whole request that contains one: nothing is freed then.
 */
int
eal_memalloc_free_seg_bulk(struct rte_memseg **ms, int n_segs)
{
	struct memalloc_state *st = &memalloc_state;
	struct memalloc_slot *sl;
	int ret;

	if (ms == NULL || n_segs <= 0)
		return -EINVAL;
	ret = memalloc_may_plug(st);
	if (ret < 0)
		return ret;
	sl = calloc(n_segs, sizeof(*sl));
	if (sl == NULL)
		return -ENOMEM;
	ret = free_check(ms, n_segs, sl);
	if (ret == 0)
		ret = free_bulk(st, ms, n_segs, sl);
	free(sl);
	return ret;
}

int
eal_memalloc_free_seg(struct rte_memseg *ms)
{
	return eal_memalloc_free_seg_bulk(&ms, 1);
}

/* -------------------------------------------------------------------------
 * fds
 * ------------------------------------------------------------------------- */

static int
seg_fd_lookup(const struct memalloc_state *st, int list_idx, int seg_idx,
		const struct memalloc_list **out)
{
	const struct memalloc_list *ml;

	if (!st->ready)
		return -ENODEV;
	if (list_idx < 0 || list_idx >= RTE_MAX_MEMSEG_LISTS || seg_idx < 0)
		return -EINVAL;
	ml = &st->lists[list_idx];
	if (st->backing == MEMALLOC_BACKING_ANON)
		return -ENOTSUP;
	if (ml->seg_fds == NULL || (unsigned int)seg_idx >= ml->n_slots)
		return -ENODEV;
	*out = ml;
	if (st->backing == MEMALLOC_BACKING_PER_PAGE)
		return ml->seg_fds[seg_idx] >= 0 ? ml->seg_fds[seg_idx] :
			-ENODEV;
	return ml->list_fd >= 0 ? ml->list_fd : -ENODEV;
}

int
eal_memalloc_get_seg_fd(int list_idx, int seg_idx)
{
	const struct memalloc_list *ml;

	return seg_fd_lookup(&memalloc_state, list_idx, seg_idx, &ml);
}

int
eal_memalloc_get_seg_fd_offset(int list_idx, int seg_idx, size_t *offset)
{
	const struct memalloc_state *st = &memalloc_state;
	const struct memalloc_list *ml;
	int ret;

	if (offset == NULL)
		return -EINVAL;
	ret = seg_fd_lookup(st, list_idx, seg_idx, &ml);
	if (ret < 0)
		return ret;
	*offset = st->backing == MEMALLOC_BACKING_PER_PAGE ? 0 :
		(size_t)ml->seg_off[seg_idx];
	return 0;
}

/* -------------------------------------------------------------------------
 * secondary processes: follow the primary's fbarrays
 * ------------------------------------------------------------------------- */

/*
 * A secondary maps pages the primary has already reserved (fallocate) and
 * faulted in: the mapping alone is enough. Its first touch here finds the
 * page in the page cache and cannot fail for want of memory, so nothing is
 * pre-faulted; populating every page in every process was most of the
 * cost each extra secondary added to a hot-plug.
 */
static int
secondary_file_map(void *addr, size_t len, int fd, uint64_t off)
{
	void *p = mmap(addr, len, PROT_READ | PROT_WRITE,
		MAP_SHARED | MAP_FIXED, fd, (off_t)off);

	return p == MAP_FAILED ? -errno : 0;
}

/* the fault-injection hook stands for a failed mapping here too */
static int
secondary_fault_hit(struct memalloc_state *st)
{
	return st->fault_countdown > 0 && --st->fault_countdown == 0 ?
		-ENOMEM : 0;
}

/* per-page backing: open and lock the page's file, map it */
static int
secondary_map_slot(struct memalloc_state *st, int list_idx, int seg_idx)
{
	struct rte_memseg_list *msl = msl_get(list_idx);
	struct page_backing pb = { .fd = -1, .own_fd = true };
	char path[PATH_MAX];
	int ret;

	ret = secondary_fault_hit(st);
	if (ret < 0)
		return ret;
	ret = backing_path(path, sizeof(path), msl->page_sz, list_idx,
		seg_idx);
	if (ret < 0)
		return ret;
	/* never created here: a file the primary removed stays removed */
	pb.fd = hugefile_open_locked(path, false);
	if (pb.fd < 0)
		return pb.fd;
	ret = secondary_file_map(slot_addr(msl, seg_idx), msl->page_sz,
		pb.fd, 0);
	if (ret < 0) {
		slot_unmap(slot_addr(msl, seg_idx), msl->page_sz);
		close(pb.fd);
		return ret;
	}
	slot_state_set(&st->lists[list_idx], seg_idx, &pb);
	return 0;
}

/*
 * Single-file backing: slot i lives at offset i * page size of the list's
 * file, so a run of slots is one range of the file and one mmap.
 */
static int
secondary_map_file_run(struct memalloc_state *st, int list_idx,
		unsigned int seg, unsigned int run_end)
{
	struct rte_memseg_list *msl = msl_get(list_idx);
	struct memalloc_list *ml = &st->lists[list_idx];
	char path[PATH_MAX];
	unsigned int s;
	int ret;

	for (s = seg; s < run_end; s++) {
		ret = secondary_fault_hit(st);
		if (ret < 0)
			return ret;
	}
	if (ml->list_fd < 0) {
		ret = backing_path(path, sizeof(path), msl->page_sz,
			list_idx, -1);
		if (ret < 0)
			return ret;
		ret = hugefile_open_locked(path, false);
		if (ret < 0)
			return ret;
		ml->list_fd = ret;
	}
	ret = secondary_file_map(slot_addr(msl, (int)seg),
		(size_t)(run_end - seg) * msl->page_sz, ml->list_fd,
		(uint64_t)seg * msl->page_sz);
	if (ret < 0) {
		slot_unmap(slot_addr(msl, (int)seg),
			(size_t)(run_end - seg) * msl->page_sz);
		return ret;
	}
	for (s = seg; s < run_end; s++)
		ml->seg_off[s] = (uint64_t)s * msl->page_sz;
	return 0;
}

/* drop what we hold for a slot whose mapping is already gone */
static void
secondary_forget_slot(struct memalloc_state *st, int list_idx, int seg_idx)
{
	struct memalloc_list *ml = &st->lists[list_idx];

	if (st->backing == MEMALLOC_BACKING_PER_PAGE) {
		close(ml->seg_fds[seg_idx]);
		ml->seg_fds[seg_idx] = -1;
	}
	ml->seg_off[seg_idx] = UINT64_MAX;
}

static void
secondary_unmap_slot(struct memalloc_state *st, int list_idx, int seg_idx)
{
	struct rte_memseg_list *msl = msl_get(list_idx);

	slot_unmap(slot_addr(msl, seg_idx), msl->page_sz);
	secondary_forget_slot(st, list_idx, seg_idx);
}

static bool
secondary_slot_mapped(const struct memalloc_state *st,
		const struct memalloc_list *ml, int seg_idx)
{
	if (st->backing == MEMALLOC_BACKING_PER_PAGE)
		return ml->seg_fds[seg_idx] >= 0;
	return ml->seg_off[seg_idx] != UINT64_MAX;
}

/* does seg need mapping (want_used) or unmapping (!want_used)? */
static bool
secondary_slot_differs(const struct memalloc_state *st, int list_idx,
		int seg, bool want_used)
{
	struct rte_memseg_list *msl = msl_get(list_idx);
	const struct memalloc_list *ml = &st->lists[list_idx];
	int used = rte_fbarray_is_used(&msl->memseg_arr, seg);

	return used >= 0 && (used != 0) == want_used &&
		secondary_slot_mapped(st, ml, seg) != want_used;
}

/* end of the run from seg on whose slots all differ the same way */
static unsigned int
secondary_run_end(const struct memalloc_state *st, int list_idx,
		unsigned int seg, unsigned int end, bool want_used)
{
	while (seg < end && secondary_slot_differs(st, list_idx, (int)seg,
			want_used))
		seg++;
	return seg;
}

/* pages the primary unplugged: FREE callbacks first, then unmap */
static void
secondary_unmap_range(struct memalloc_state *st, int list_idx,
		unsigned int first, unsigned int end)
{
	struct rte_memseg_list *msl = msl_get(list_idx);
	unsigned int seg, run_end;

	for (seg = first; seg < end; seg = run_end + 1) {
		run_end = secondary_run_end(st, list_idx, seg, end, false);
		if (run_end == seg)
			continue;
		eal_memalloc_mem_event_notify(RTE_MEM_EVENT_FREE,
			slot_addr(msl, (int)seg),
			(size_t)(run_end - seg) * msl->page_sz);
		/* the run goes back to the reservation in one call */
		slot_unmap(slot_addr(msl, (int)seg),
			(size_t)(run_end - seg) * msl->page_sz);
		for (; seg < run_end; seg++)
			secondary_forget_slot(st, list_idx, (int)seg);
	}
}

/* map [seg, run_end) then tell the callbacks; all or nothing */
static int
secondary_map_run(struct memalloc_state *st, int list_idx,
		unsigned int seg, unsigned int run_end)
{
	struct rte_memseg_list *msl = msl_get(list_idx);
	unsigned int s = seg;
	int ret = 0;

	if (st->backing != MEMALLOC_BACKING_PER_PAGE) {
		ret = secondary_map_file_run(st, list_idx, seg, run_end);
		if (ret < 0)
			return ret;
		s = run_end;
	}
	for (; s < run_end && ret == 0; s++)
		ret = secondary_map_slot(st, list_idx, (int)s);
	if (ret == 0) {
		/* a DMA hook refusing them fails the sync like a bad map */
		ret = eal_memalloc_mem_event_notify(RTE_MEM_EVENT_ALLOC,
			slot_addr(msl, (int)seg),
			(size_t)(run_end - seg) * msl->page_sz);
		s = run_end + 1;
	}
	if (ret < 0)
		while (--s > seg)
			secondary_unmap_slot(st, list_idx, (int)s - 1);
	return ret;
}

/* pages the primary plugged: map each run, then ALLOC callbacks */
static int
secondary_map_range(struct memalloc_state *st, int list_idx,
		unsigned int first, unsigned int end)
{
	unsigned int seg, run_end;
	int ret;

	for (seg = first; seg < end; seg = run_end + 1) {
		run_end = secondary_run_end(st, list_idx, seg, end, true);
		if (run_end == seg)
			continue;
		ret = secondary_map_run(st, list_idx, seg, run_end);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/*
 * Make [first, end) of the list match the primary's fbarray. Unmapping goes
 * first: a slot freed and plugged again since we looked must lose its old
 * page before it gets the new one.
 */
static int
secondary_sync_range(struct memalloc_state *st, int list_idx,
		unsigned int first, unsigned int end)
{
	struct memalloc_list *ml;
	bool fresh = st->lists[list_idx].seg_fds == NULL;
	unsigned int seg;
	int ret;

	ret = list_state_get(st, list_idx, &ml);
	if (ret < 0)
		return ret;
	for (seg = 0; fresh && seg < ml->n_slots; seg++)
		ml->seg_off[seg] = UINT64_MAX;
	end = RTE_MIN(end, ml->n_slots);
	if (first >= end)
		return 0;
	secondary_unmap_range(st, list_idx, first, end);
	return secondary_map_range(st, list_idx, first, end);
}

static bool
secondary_list_present(int list_idx)
{
	const struct rte_memseg_list *msl = msl_get(list_idx);

	return msl->base_va != NULL && !msl->external &&
		msl->memseg_arr.len != 0;
}

/* the recovery path: rescan a whole list */
static int
secondary_sync_list(struct memalloc_state *st, int list_idx)
{
	struct memalloc_list *ml = &st->lists[list_idx];
	/* read first: a change made while we scan shows as a newer version */
	uint32_t ver = msl_get(list_idx)->version;
	int ret;

	ml->seen_valid = false;
	ret = secondary_sync_range(st, list_idx, 0, UINT32_MAX);
	if (ret < 0)
		return ret;
	ml->seen_version = ver;
	ml->seen_valid = true;
	return 0;
}

static int
secondary_sync_check(const struct memalloc_state *st)
{
	if (!st->ready)
		return -ENODEV;
	if (eal_get_internal_configuration()->process_type ==
			RTE_PROC_PRIMARY)
		return 1;
	if (st->backing == MEMALLOC_BACKING_ANON ||
			st->backing == MEMALLOC_BACKING_MEMFD)
		return -ENOTSUP;
	return 0;
}

static int
sync_with_primary(struct memalloc_state *st)
{
	int i, ret;

	ret = secondary_sync_check(st);
	if (ret != 0)
		return ret < 0 ? ret : 0;
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		if (!secondary_list_present(i))
			continue;
		ret = secondary_sync_list(st, i);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/*
 * One change: when our mappings match the list as it was before it (the
 * version it started from), only its range is looked at; otherwise (a sync
 * missed or failed) the whole list is rescanned.
 */
static int
sync_one_delta(struct memalloc_state *st, const struct eal_memalloc_delta *d)
{
	struct memalloc_list *ml;
	int ret;

	if (d->list_idx >= RTE_MAX_MEMSEG_LISTS ||
			!secondary_list_present(d->list_idx))
		return -EINVAL;
	ml = &st->lists[d->list_idx];
	if (!ml->seen_valid || ml->seen_version != d->ver_from)
		return secondary_sync_list(st, d->list_idx);
	ml->seen_valid = false;
	ret = secondary_sync_range(st, d->list_idx, d->first,
		d->first + RTE_MIN(d->count, UINT32_MAX - d->first));
	if (ret < 0)
		return ret;
	ml->seen_version = d->ver_to;
	ml->seen_valid = true;
	return 0;
}

/* init and a late sync request of the IPC thread may overlap */
static pthread_mutex_t secondary_sync_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * Secondary: map every page the primary has plugged and unmap every page it
 * has unplugged. Anonymous and memfd memory cannot be shared by name, so
 * those modes have no secondaries.
 */
int
eal_memalloc_sync_with_primary(void)
{
	int ret;

	pthread_mutex_lock(&secondary_sync_lock);
	ret = sync_with_primary(&memalloc_state);
	pthread_mutex_unlock(&secondary_sync_lock);
	return ret;
}

int
eal_memalloc_sync_delta(const struct eal_memalloc_delta *d, int n)
{
	struct memalloc_state *st = &memalloc_state;
	int i, ret;

	if (n < 0)
		return eal_memalloc_sync_with_primary();
	pthread_mutex_lock(&secondary_sync_lock);
	ret = secondary_sync_check(st);
	for (i = 0; ret == 0 && i < n; i++)
		ret = sync_one_delta(st, &d[i]);
	pthread_mutex_unlock(&secondary_sync_lock);
	return ret < 0 ? ret : 0;
}

int
eal_memalloc_delta_take(struct eal_memalloc_delta *d, int max)
{
	struct memalloc_state *st = &memalloc_state;
	struct memalloc_dirty *dirty;
	int i, n = 0;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		dirty = &st->dirty[i];
		if (!dirty->set)
			continue;
		if (n < max) {
			d[n].list_idx = (uint16_t)i;
			d[n].first = dirty->first;
			d[n].count = dirty->end - dirty->first;
			d[n].ver_from = dirty->ver_from;
			d[n].ver_to = msl_get(i)->version;
		}
		n++;
		dirty->set = false;
	}
	return n <= max ? n : -E2BIG;
}

/* -------------------------------------------------------------------------
 * stale files of dead processes
 * ------------------------------------------------------------------------- */

static bool
skip_digits(const char **p)
{
	const char *s = *p;

	while (**p >= '0' && **p <= '9')
		(*p)++;
	return *p != s;
}

/* <prefix>map_<n> or <prefix>map_<n>_<m>, nothing else */
static bool
hugefile_name_matches(const char *name, const char *prefix)
{
	size_t len = strlen(prefix);
	const char *p;

	if (strncmp(name, prefix, len) != 0 ||
			strncmp(name + len, "map_", 4) != 0)
		return false;
	p = name + len + 4;
	if (!skip_digits(&p))
		return false;
	if (*p == '_') {
		p++;
		if (!skip_digits(&p))
			return false;
	}
	return *p == '\0';
}

static bool
hugefile_same_at(int fd, int dir_fd, const char *name)
{
	struct stat a, b;

	return fstat(fd, &a) == 0 && fstatat(dir_fd, name, &b, 0) == 0 &&
		a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

/* remove the files of ours nobody holds a lock on; count or -errno */
static int
hugedir_clean_stale(const char *dir, const char *prefix)
{
	struct dirent *de;
	DIR *d = opendir(dir);
	int fd, n = 0;

	if (d == NULL)
		return errno == ENOENT ? 0 : -errno;
	while ((de = readdir(d)) != NULL) {
		if (!hugefile_name_matches(de->d_name, prefix))
			continue;
		fd = openat(dirfd(d), de->d_name, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		/* the name may have been given to a new file meanwhile */
		if (flock(fd, LOCK_EX | LOCK_NB) == 0 &&
				hugefile_same_at(fd, dirfd(d), de->d_name) &&
				unlinkat(dirfd(d), de->d_name, 0) == 0)
			n++;
		close(fd);
	}
	closedir(d);
	return n;
}

/*
 * Primary only; with --huge-unlink=never the files are kept on purpose, and
 * --in-memory / --no-huge have none.
 */
int
eal_hugedirs_clean_stale(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	const char *dir, *prev = NULL;
	unsigned int i;
	int ret, total = 0;

	if (cfg->process_type != RTE_PROC_PRIMARY || cfg->in_memory ||
			cfg->no_hugetlbfs ||
			cfg->huge_unlink == EAL_HUGE_UNLINK_NEVER)
		return 0;

	for (i = 0; i <= cfg->num_hugepage_sizes; i++) {
		dir = i < cfg->num_hugepage_sizes ?
			cfg->hugepage_info[i].hugedir : cfg->hugepage_dir;
		if (dir == NULL || dir[0] == '\0' ||
				(prev != NULL && strcmp(dir, prev) == 0))
			continue;
		prev = dir;
		ret = hugedir_clean_stale(dir, file_prefix());
		if (ret < 0) {
			RTE_LOG(ERR, EAL, "cannot clean stale files in %s: %s\n",
				dir, strerror(-ret));
			return ret;
		}
		total += ret;
	}
	if (total > 0)
		RTE_LOG(INFO, EAL, "removed %d stale hugepage file(s)\n",
			total);
	return 0;
}

void
eal_memalloc_fault_inject(int n)
{
	memalloc_state.fault_countdown = n > 0 ? n : 0;
}

/* -------------------------------------------------------------------------
 * init and cleanup
 * ------------------------------------------------------------------------- */

/* fail at init, with a reason, rather than at the first page */
static int
memfd_hugetlb_probe(const struct internal_config *cfg)
{
	unsigned int i;
	int fd;

	for (i = 0; i < cfg->num_hugepage_sizes; i++) {
		fd = hugetlb_memfd_create(cfg->hugepage_info[i].hugepage_sz,
			0);
		if (fd < 0) {
			RTE_LOG(ERR, EAL, "--in-memory needs memfd_create("
				"MFD_HUGETLB) for %" PRIu64 " kB pages: %s\n",
				cfg->hugepage_info[i].hugepage_sz >> 10,
				strerror(-fd));
			return fd;
		}
		close(fd);
	}
	return 0;
}

int
eal_memalloc_init(void)
{
	struct memalloc_state *st = &memalloc_state;
	const struct internal_config *cfg = eal_get_internal_configuration();
	int i, ret;

	if (st->ready)
		return 0;
	memset(st, 0, sizeof(*st));
	st->backing = backing_from_config(cfg);
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++)
		st->lists[i].list_fd = -1;
	if (st->backing == MEMALLOC_BACKING_MEMFD) {
		ret = memfd_hugetlb_probe(cfg);
		if (ret < 0)
			return ret;
	}
	ret = eal_hugedirs_clean_stale();
	if (ret < 0)
		return ret;
	st->ready = true;
	return 0;
}

static void
list_state_release(struct memalloc_state *st, int list_idx, bool unlink_files)
{
	struct memalloc_list *ml = &st->lists[list_idx];
	char path[PATH_MAX];
	unsigned int seg;
	size_t page_sz;

	if (ml->seg_fds == NULL && ml->list_fd < 0)
		return;
	page_sz = msl_get(list_idx)->page_sz;
	for (seg = 0; ml->seg_fds != NULL && seg < ml->n_slots; seg++) {
		if (ml->seg_fds[seg] < 0)
			continue;
		if (unlink_files && backing_path(path, sizeof(path), page_sz,
				list_idx, (int)seg) == 0)
			unlink(path);
		close(ml->seg_fds[seg]);
	}
	if (ml->list_fd >= 0) {
		if (unlink_files && st->backing ==
				MEMALLOC_BACKING_SINGLE_FILE &&
				backing_path(path, sizeof(path), page_sz,
					list_idx, -1) == 0)
			unlink(path);
		close(ml->list_fd);
	}
	free(ml->seg_fds);
	free(ml->seg_off);
	memset(ml, 0, sizeof(*ml));
	ml->list_fd = -1;
}

/*
 * Close every fd. The primary also removes its files unless
 * --huge-unlink=never asked to keep them; mappings stay valid until exit.
 */
void
eal_memalloc_cleanup(void)
{
	struct memalloc_state *st = &memalloc_state;
	const struct internal_config *cfg = eal_get_internal_configuration();
	bool unlink_files = cfg->process_type == RTE_PROC_PRIMARY &&
		cfg->huge_unlink != EAL_HUGE_UNLINK_NEVER;
	int i;

	if (!st->ready)
		return;
	/* a late sync on the IPC thread must not walk what goes away here */
	pthread_mutex_lock(&secondary_sync_lock);
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++)
		list_state_release(st, i, unlink_files);
	st->ready = false;
	pthread_mutex_unlock(&secondary_sync_lock);
}
