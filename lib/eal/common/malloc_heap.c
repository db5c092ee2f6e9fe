/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Malloc heaps: search, growth through the page allocator, shrink back to
 * it, statistics and the heap_check() validator. See malloc_heap.h for the
 * locking protocol; in short the heap spinlock only ever covers in-memory
 * list surgery, never page plugging or unplugging.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_memcfg.h"
#include "eal_private.h"
#include "malloc_cache.h"
#include "malloc_elem.h"
#include "malloc_heap.h"
#include "malloc_mp.h"

#define HEAP_LOG(level, ...) RTE_LOG(level, EAL, __VA_ARGS__)

/*
 * Ranges carved out under the heap lock, unplugged once it is dropped. A
 * batch that filled up is marked truncated: what it could not take is still
 * free in the heap and heap_sweep() finds it.
 */
#define SHRINK_MAX_RANGES 8
struct shrink_batch {
	unsigned int n;
	bool truncated;
	bool want_drain;  /**< other lcores' caches pin pages that could go */
	bool want_flush;  /**< the calling lcore's own cache does */
	struct {
		struct rte_memseg_list *msl;
		void *start;
		size_t len;
	} range[SHRINK_MAX_RANGES];
};

static bool
heap_is_dynamic(const struct malloc_heap *heap)
{
	return !heap->external &&
		!eal_get_internal_configuration()->legacy_mem;
}

/* ---------------------------------------------------------------------- */
/* lookups                                                                */

int
malloc_socket_to_heap_id(unsigned int socket_id)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int i;

	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		if (mcfg->malloc_heaps[i].in_use &&
				mcfg->malloc_heaps[i].socket_id == socket_id)
			return i;
	}
	return -1;
}

struct malloc_heap *
malloc_heap_get(int socket_id)
{
	int idx;

	if (socket_id < 0)
		return NULL;
	idx = malloc_socket_to_heap_id((unsigned int)socket_id);
	return idx < 0 ? NULL : &rte_eal_get_mcfg()->malloc_heaps[idx];
}

struct malloc_heap *
malloc_heap_find_named(const char *name)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int i;

	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];

		if (heap->in_use && strncmp(heap->name, name,
				RTE_HEAP_NAME_MAX_LEN) == 0)
			return heap;
	}
	return NULL;
}

/* does a memseg list of this page size satisfy the RTE_MEMZONE_* flags? */
static bool
page_size_ok(uint64_t page_sz, unsigned int flags)
{
	static const struct {
		unsigned int flag;
		uint64_t size;
	} map[] = {
		{ RTE_MEMZONE_4KB, RTE_PGSIZE_4K },
		{ RTE_MEMZONE_64KB, RTE_PGSIZE_64K },
		{ RTE_MEMZONE_256KB, RTE_PGSIZE_256K },
		{ RTE_MEMZONE_2MB, RTE_PGSIZE_2M },
		{ RTE_MEMZONE_16MB, RTE_PGSIZE_16M },
		{ RTE_MEMZONE_256MB, RTE_PGSIZE_256M },
		{ RTE_MEMZONE_512MB, RTE_PGSIZE_512M },
		{ RTE_MEMZONE_1GB, RTE_PGSIZE_1G },
		{ RTE_MEMZONE_4GB, RTE_PGSIZE_4G },
		{ RTE_MEMZONE_16GB, RTE_PGSIZE_16G },
	};
	unsigned int i;
	bool any = false;

	for (i = 0; i < RTE_DIM(map); i++) {
		if (!(flags & map[i].flag))
			continue;
		any = true;
		if (map[i].size == page_sz)
			return true;
	}
	return !any;
}

/* ---------------------------------------------------------------------- */
/* search and allocate (heap lock held)                                   */

static struct malloc_elem *
find_suitable_element(struct malloc_heap *heap, const struct malloc_req *req,
		unsigned int flags, void **data_start)
{
	size_t idx = malloc_elem_free_list_index(req->size +
			MALLOC_ELEM_OVERHEAD);
	struct malloc_elem *elem;
	void *start;

	for (; idx < RTE_HEAP_NUM_FREELISTS; idx++) {
		LIST_FOREACH(elem, &heap->free_head[idx], free_list) {
			if (!page_size_ok(elem->msl->page_sz, flags))
				continue;
			start = malloc_elem_find_data_start(elem, req->size,
					req->align, req->bound, req->contig);
			if (start != NULL) {
				*data_start = start;
				return elem;
			}
		}
	}
	return NULL;
}

void *
malloc_heap_alloc_locked(struct malloc_heap *heap, const struct malloc_req *req)
{
	struct malloc_elem *elem;
	void *start = NULL;
	unsigned int flags = req->flags;

	elem = find_suitable_element(heap, req, flags, &start);
	if (elem == NULL && (flags & RTE_MEMZONE_SIZE_HINT_ONLY))
		elem = find_suitable_element(heap, req, 0, &start);
	if (elem == NULL)
		return NULL;
	elem = malloc_elem_alloc(elem, start, req->size);
	heap->alloc_count++;
	heap->alloc_size += elem->size;
	return start;
}

struct malloc_elem *
malloc_heap_add_memory(struct malloc_heap *heap, struct rte_memseg_list *msl,
		void *start, size_t len)
{
	struct malloc_elem *elem = start;

	malloc_elem_init(elem, heap, msl, len, elem, len);
	malloc_elem_insert(elem);
	/* joins its neighbours if they are free and joinable */
	elem->state = ELEM_BUSY;
	heap->total_size += len;
	return malloc_elem_free(elem);
}

/*
 * Take [start, start + len) out of free element elem, which contains it:
 * the range is unlinked and no longer counted. Returns the free element
 * left after the range, if any.
 */
static struct malloc_elem *
heap_carve_range(struct malloc_heap *heap, struct malloc_elem *elem,
		void *start, size_t len)
{
	struct malloc_elem *mid = elem, *tail = NULL;
	void *end = RTE_PTR_ADD(start, len);

	malloc_elem_free_list_remove(elem);
	if ((void *)elem < start) {
		mid = malloc_elem_split(elem, start);
		malloc_elem_free_list_insert(elem);
	}
	if (RTE_PTR_ADD(mid, mid->size) > end) {
		tail = malloc_elem_split(mid, end);
		malloc_elem_free_list_insert(tail);
	}
	malloc_elem_unlink(mid);
	mid->header_cookie = 0;
	heap->total_size -= len;
	return tail;
}

/* ---------------------------------------------------------------------- */
/* growth                                                                 */

static int
cmp_ms_addr(const void *a, const void *b)
{
	const struct rte_memseg *ma = *(struct rte_memseg *const *)a;
	const struct rte_memseg *mb = *(struct rte_memseg *const *)b;

	return ma->addr < mb->addr ? -1 : ma->addr > mb->addr;
}

/*
 * Call fn(heap, msl, start, len, arg) for every VA-contiguous run of the
 * pages in ms[] (sorted here), each run within one memseg list.
 */
typedef void (*page_run_fn)(struct malloc_heap *heap,
		struct rte_memseg_list *msl, void *start, size_t len);

static void
for_each_page_run(struct malloc_heap *heap, struct rte_memseg **ms, int n,
		page_run_fn fn)
{
	int i, first = 0;

	qsort(ms, n, sizeof(ms[0]), cmp_ms_addr);
	for (i = 1; i <= n; i++) {
		if (i < n && ms[i]->addr == RTE_PTR_ADD(ms[i - 1]->addr,
				ms[i - 1]->len) &&
				rte_mem_virt2memseg_list(ms[i]->addr) ==
				rte_mem_virt2memseg_list(ms[first]->addr))
			continue;
		fn(heap, rte_mem_virt2memseg_list(ms[first]->addr),
				ms[first]->addr,
				RTE_PTR_DIFF(RTE_PTR_ADD(ms[i - 1]->addr,
				ms[i - 1]->len), ms[first]->addr));
		first = i;
	}
}

static void
add_run(struct malloc_heap *heap, struct rte_memseg_list *msl, void *start,
		size_t len)
{
	malloc_heap_add_memory(heap, msl, start, len);
}

static void
remove_run(struct malloc_heap *heap, struct rte_memseg_list *msl, void *start,
		size_t len)
{
	struct malloc_elem *elem;

	RTE_SET_USED(msl);
	/* the run is free (nothing was allocated from it): find its element */
	for (elem = heap->first; elem != NULL; elem = elem->next) {
		if ((void *)elem <= start && RTE_PTR_ADD(elem, elem->size) >=
				RTE_PTR_ADD(start, len)) {
			heap_carve_range(heap, elem, start, len);
			return;
		}
	}
}

/* pages of page_sz that certainly hold req once added as a fresh element */
static int
pages_needed(const struct malloc_req *req, size_t page_sz)
{
	size_t need = req->size + req->align + MALLOC_ELEM_OVERHEAD;

	if (req->bound != 0)
		need += req->size;
	return (int)(RTE_ALIGN_CEIL(need, page_sz) / page_sz);
}

/* does busy elem lie, even partly, on one of the pages ms[0..n)? */
static bool
elem_on_pages(const struct malloc_elem *elem, struct rte_memseg **ms, int n)
{
	int i;

	for (i = 0; i < n; i++)
		if ((const void *)elem < RTE_PTR_ADD(ms[i]->addr, ms[i]->len) &&
				RTE_PTR_ADD(elem, elem->size) > ms[i]->addr)
			return true;
	return false;
}

/*
 * Plug the pages, add them, allocate; hotplug lock held for writing. Frees
 * by other threads do not take that lock, so by the time the new pages are
 * added the request may fit in memory the heap already had: then the new
 * pages served nothing and go straight back, or they would stay plugged
 * and free with no later free ever merging into them.
 */
static void *
grow_locked(struct malloc_heap *heap, const struct malloc_req *req,
		size_t page_sz, int *err)
{
	int n = pages_needed(req, page_sz);
	struct rte_memseg **ms = calloc(n, sizeof(*ms));
	bool used;
	void *ptr;
	int ret;

	if (ms == NULL) {
		*err = -ENOMEM;
		return NULL;
	}
	if (req->contig && n > 1)
		ret = eal_memalloc_alloc_seg_bulk_contig(ms, n, page_sz,
				(int)heap->socket_id);
	else
		ret = eal_memalloc_alloc_seg_bulk(ms, n, page_sz,
				(int)heap->socket_id, true);
	if (ret != n) {
		*err = ret < 0 ? ret : -ENOMEM;
		free(ms);
		return NULL;
	}
	/* every process maps the pages before any may be handed out */
	ret = malloc_mp_sync_all();
	if (ret < 0) {
		eal_memalloc_free_seg_bulk(ms, n);
		malloc_mp_notify_all();
		*err = -ENOMEM;
		free(ms);
		return NULL;
	}
	rte_spinlock_lock(&heap->lock);
	for_each_page_run(heap, ms, n, add_run);
	ptr = malloc_heap_alloc_locked(heap, req);
	used = ptr != NULL && elem_on_pages(malloc_elem_from_data(ptr), ms, n);
	if (!used)
		for_each_page_run(heap, ms, n, remove_run);
	else
		heap->pages_plugged += n;
	rte_spinlock_unlock(&heap->lock);
	if (!used) {
		/* rollback: the pages never served anything */
		eal_memalloc_free_seg_bulk(ms, n);
		malloc_mp_notify_all();
		if (ptr == NULL)
			*err = -ENOMEM;
	}
	free(ms);
	return ptr;
}

/* page sizes of heap's socket, smallest first, that may serve flags */
static unsigned int
heap_page_sizes(const struct malloc_heap *heap, unsigned int flags,
		uint64_t *sizes, unsigned int max)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i, j, n = 0;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL || msl->external ||
				msl->socket_id != (int)heap->socket_id ||
				!page_size_ok(msl->page_sz, flags))
			continue;
		for (j = 0; j < n && sizes[j] != msl->page_sz; j++)
			;
		if (j < n || n == max)
			continue;
		/* insertion keeps the list sorted */
		for (j = n++; j > 0 && sizes[j - 1] > msl->page_sz; j--)
			sizes[j] = sizes[j - 1];
		sizes[j] = msl->page_sz;
	}
	return n;
}

static void *
heap_grow_and_alloc(struct malloc_heap *heap, const struct malloc_req *req,
		int *err)
{
	uint64_t sizes[8];
	unsigned int i, n;
	void *ptr = NULL;

	n = heap_page_sizes(heap, req->flags, sizes, RTE_DIM(sizes));
	if (n == 0 && (req->flags & RTE_MEMZONE_SIZE_HINT_ONLY))
		n = heap_page_sizes(heap, 0, sizes, RTE_DIM(sizes));
	*err = -ENOMEM;
	/* only the primary plugs pages; it serves one request at a time */
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return n == 0 ? NULL : malloc_mp_request_alloc(heap, req, err);
	rte_mcfg_mem_write_lock();
	/* someone may have grown the heap while we waited for the lock */
	rte_spinlock_lock(&heap->lock);
	ptr = malloc_heap_alloc_locked(heap, req);
	rte_spinlock_unlock(&heap->lock);
	for (i = 0; ptr == NULL && i < n; i++)
		ptr = grow_locked(heap, req, sizes[i], err);
	rte_mcfg_mem_write_unlock();
	return ptr;
}

static void *
heap_alloc_now(struct malloc_heap *heap, const struct malloc_req *req)
{
	void *ptr;

	rte_spinlock_lock(&heap->lock);
	ptr = malloc_heap_alloc_locked(heap, req);
	rte_spinlock_unlock(&heap->lock);
	return ptr;
}

void *
malloc_heap_alloc(struct malloc_heap *heap, const struct malloc_req *req,
		int *err)
{
	void *ptr = heap_alloc_now(heap, req);

	if (ptr != NULL)
		return ptr;
	/* memory parked in this thread's cache may serve it once merged */
	malloc_heap_cache_flush();
	ptr = heap_alloc_now(heap, req);
	if (ptr == NULL && heap_is_dynamic(heap))
		ptr = heap_grow_and_alloc(heap, req, err);
	/* last resort before ENOMEM: what the other lcores park */
	if (ptr == NULL && !heap->external && malloc_cache_drain_all() != 0)
		ptr = heap_alloc_now(heap, req);
	if (ptr == NULL && !heap_is_dynamic(heap))
		*err = -ENOMEM;
	return ptr;
}

void *
malloc_heap_alloc_biggest(struct malloc_heap *heap,
		const struct malloc_req *req, int *err)
{
	struct malloc_req r = *req;
	struct malloc_elem *elem, *best = NULL;
	size_t best_len = 0, len;
	unsigned int i;
	void *ptr;

	/* the biggest block counts what every lcore cache parks too */
	if (!heap->external)
		malloc_cache_drain_all();
	rte_spinlock_lock(&heap->lock);
	for (i = 0; i < RTE_HEAP_NUM_FREELISTS; i++) {
		LIST_FOREACH(elem, &heap->free_head[i], free_list) {
			if (!page_size_ok(elem->msl->page_sz, req->flags))
				continue;
			len = elem->size - MALLOC_ELEM_OVERHEAD - r.align;
			if (elem->size > MALLOC_ELEM_OVERHEAD + r.align &&
					len > best_len) {
				best_len = len;
				best = elem;
			}
		}
	}
	ptr = NULL;
	/* shrink the request until the best candidate can hold it */
	r.size = RTE_ALIGN_FLOOR(best_len, RTE_CACHE_LINE_SIZE);
	if (r.bound != 0 && r.size > r.bound)
		r.size = r.bound;
	while (best != NULL && r.size >= RTE_CACHE_LINE_SIZE) {
		void *start = malloc_elem_find_data_start(best, r.size,
				r.align, r.bound, r.contig);
		if (start != NULL) {
			best = malloc_elem_alloc(best, start, r.size);
			heap->alloc_count++;
			heap->alloc_size += best->size;
			ptr = start;
			break;
		}
		r.size -= RTE_MAX((size_t)RTE_CACHE_LINE_SIZE,
				RTE_ALIGN_FLOOR(r.size / 16,
				RTE_CACHE_LINE_SIZE));
	}
	rte_spinlock_unlock(&heap->lock);
	if (ptr == NULL)
		*err = -ENOMEM;
	return ptr;
}

/* ---------------------------------------------------------------------- */
/* free and shrink                                                        */

static bool
page_is_floor(const struct rte_memseg_list *msl, const void *page)
{
	const struct rte_memseg *ms = rte_mem_virt2memseg(page, msl);

	return ms == NULL || (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE);
}

/* whole pages of free element elem that may be unplugged */
static bool
shrink_span(const struct malloc_elem *elem, void **start, void **end)
{
	size_t pg = elem->msl->page_sz;
	void *elem_end = RTE_PTR_ADD(elem, elem->size);

	if (eal_get_internal_configuration()->match_allocations) {
		/* only a whole run goes back, exactly as it came */
		if (elem != elem->orig_elem || elem->size != elem->orig_size)
			return false;
		*start = (void *)elem;
		*end = elem_end;
		return true;
	}
	*start = RTE_PTR_ALIGN_CEIL((void *)(uintptr_t)elem, pg);
	*end = RTE_PTR_ALIGN_FLOOR(elem_end, pg);
	/* what stays behind on either side must still make an element */
	if (*start != (void *)elem &&
			RTE_PTR_DIFF(*start, elem) < MALLOC_ELEM_MIN_SIZE)
		*start = RTE_PTR_ADD(*start, pg);
	if (*end != elem_end &&
			RTE_PTR_DIFF(elem_end, *end) < MALLOC_ELEM_MIN_SIZE)
		*end = RTE_PTR_SUB(*end, pg);
	return *end > *start;
}

/* carve the unpluggable pages of free elem into batch (heap lock held) */
static void
heap_collect_shrink(struct malloc_heap *heap, struct malloc_elem *elem,
		struct shrink_batch *batch)
{
	struct rte_memseg_list *msl = elem->msl;
	size_t pg = msl->page_sz;
	void *start, *end, *run, *p;

	if (!heap_is_dynamic(heap) || !shrink_span(elem, &start, &end))
		return;
	p = start;
	while (p < end && elem != NULL) {
		while (p < end && page_is_floor(msl, p))
			p = RTE_PTR_ADD(p, pg);
		run = p;
		while (p < end && !page_is_floor(msl, p))
			p = RTE_PTR_ADD(p, pg);
		if (p == run)
			break;
		if (batch->n == SHRINK_MAX_RANGES) {
			batch->truncated = true;
			return;
		}
		batch->range[batch->n].msl = msl;
		batch->range[batch->n].start = run;
		batch->range[batch->n].len = RTE_PTR_DIFF(p, run);
		batch->n++;
		elem = heap_carve_range(heap, elem, run, RTE_PTR_DIFF(p, run));
	}
}

/*
 * Unplug [start, start + len) of msl, whole pages no heap holds any more,
 * and have every secondary unmap them. Primary, hot-plug lock held for
 * writing.
 */
static int
unplug_range_locked(struct rte_memseg_list *msl, void *start, size_t len)
{
	size_t j, n = len / msl->page_sz;
	struct rte_memseg **ms = calloc(n, sizeof(*ms));
	int ret = -ENOMEM;

	if (ms == NULL)
		return ret;
	for (j = 0; j < n; j++) {
		ms[j] = rte_mem_virt2memseg(RTE_PTR_ADD(start,
				j * msl->page_sz), msl);
		if (ms[j] == NULL)
			goto out;
	}
	ret = eal_memalloc_free_seg_bulk(ms, (int)n);
	if (ret == 0)
		malloc_mp_notify_all();
out:
	free(ms);
	return ret;
}

int
malloc_heap_free_pages(void *start, size_t len)
{
	struct rte_memseg_list *msl;
	int ret = -EINVAL;

	rte_mcfg_mem_write_lock();
	msl = rte_mem_virt2memseg_list(start);
	if (msl != NULL && !msl->external && len != 0 &&
			len % msl->page_sz == 0 &&
			start == RTE_PTR_ALIGN_FLOOR(start, msl->page_sz) &&
			RTE_PTR_ADD(start, len) <= RTE_PTR_ADD(msl->base_va,
				msl->len))
		ret = unplug_range_locked(msl, start, len);
	rte_mcfg_mem_write_unlock();
	return ret;
}

/* unplug the ranges of batch and empty it; no heap lock held */
static void
heap_unplug_ranges(struct malloc_heap *heap, struct shrink_batch *batch)
{
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
	unsigned int i;
	int ret;

	if (batch->n == 0)
		return;
	if (primary)
		rte_mcfg_mem_write_lock();
	for (i = 0; i < batch->n; i++) {
		struct rte_memseg_list *msl = batch->range[i].msl;
		void *start = batch->range[i].start;
		size_t len = batch->range[i].len;

		/* a secondary has the primary unplug them everywhere */
		ret = primary ? unplug_range_locked(msl, start, len) :
			malloc_mp_request_free(start, len);
		rte_spinlock_lock(&heap->lock);
		if (ret < 0) /* rollback: the memory is the heap's again */
			malloc_heap_add_memory(heap, msl, start, len);
		else
			heap->pages_unplugged += len / msl->page_sz;
		rte_spinlock_unlock(&heap->lock);
	}
	if (primary)
		rte_mcfg_mem_write_unlock();
	batch->n = 0;
}

/*
 * Carve every unpluggable free page of heap into batch, walking the whole
 * heap: the slow way, for when a batch could not take all a free left.
 */
static void
heap_sweep_locked(struct malloc_heap *heap, struct shrink_batch *batch)
{
	struct malloc_elem *elem, *next;

	for (elem = heap->first; elem != NULL && !batch->truncated;
			elem = next) {
		/* carving only inserts after elem, before its old next */
		next = elem->next;
		if (elem->state == ELEM_FREE)
			heap_collect_shrink(heap, elem, batch);
	}
}

/*
 * Unplug what heap_collect_shrink carved; no heap lock held. Pages that
 * only lcore caches kept plugged go too once the caches give their
 * elements back (through here again: a drain never asks for another
 * drain, a cache release never for a flush of the cache it empties).
 */
static void
heap_unplug_batch(struct malloc_heap *heap, struct shrink_batch *batch)
{
	bool more = batch->truncated;

	heap_unplug_ranges(heap, batch);
	while (more) {
		batch->truncated = false;
		rte_spinlock_lock(&heap->lock);
		heap_sweep_locked(heap, batch);
		rte_spinlock_unlock(&heap->lock);
		more = batch->truncated;
		heap_unplug_ranges(heap, batch);
	}
	if (batch->want_flush) {
		batch->want_flush = false;
		malloc_heap_cache_flush();
	}
	if (batch->want_drain) {
		batch->want_drain = false;
		malloc_cache_drain_all();
	}
}

/* what a pin walk needs at every step, read once per walk */
struct pin_walk {
	const struct malloc_elem *lo, *hi;  /* span walked so far */
	unsigned int lcore;                 /* the calling lcore */
	bool match;                         /* --match-allocations */
};

/* may the walk take in e (cached or free, joinable with the span)? */
static inline bool
pin_walk_ok(const struct pin_walk *w, const struct malloc_elem *e)
{
	if (e == NULL || (e->state != ELEM_CACHED && e->state != ELEM_FREE))
		return false;
	return e < w->lo ? malloc_elem_adjacent(e, w->lo, w->match) :
		malloc_elem_adjacent(w->hi, e, w->match);
}

/* is there a non-floor page in [start, end) outside [own_s, own_e)? */
static bool
pin_has_page(const struct rte_memseg_list *msl, const void *start,
		const void *end, const void *own_s, const void *own_e)
{
	const void *p;

	for (p = start; p < end; p = RTE_PTR_ADD(p, msl->page_sz))
		if ((p < own_s || p >= own_e) && !page_is_floor(msl, p))
			return true;
	return false;
}

#define PIN_SELF 1  /* the calling lcore's cache */
#define PIN_OTHER 2 /* another lcore's cache */

static inline unsigned int
pin_kind(const struct pin_walk *w, const struct malloc_elem *e)
{
	if (e->state != ELEM_CACHED)
		return 0;
	return e->cache_lcore == w->lcore ? PIN_SELF : PIN_OTHER;
}

/*
 * Would free element f, together with the lcore-cached (and free)
 * elements around it, give back a whole page that f alone cannot? Walks
 * at most PIN_WALK_MAX neighbours each way, and only through cached and
 * free ones (a busy neighbour ends it at once); heap lock held. Returns
 * which caches pin such a page (PIN_* bits), 0 if none. A page pinned by
 * more cached elements than the walk sees comes back when an allocation
 * would otherwise fail (malloc_heap_alloc drains the caches then). Every
 * locked free pays for the walk, so a step is a few loads and compares.
 */
#define PIN_WALK_MAX 256

static unsigned int
cache_pins_page(const struct malloc_elem *f)
{
	struct pin_walk w = { .lo = f, .hi = f, .lcore = rte_lcore_id(),
		.match = eal_get_internal_configuration()->match_allocations };
	size_t pg = f->msl->page_sz;
	const struct malloc_elem *e;
	unsigned int pins = 0;
	void *own_s, *own_e;
	int i;

	for (i = 0, e = f->prev; i < PIN_WALK_MAX && pin_walk_ok(&w, e);
			i++, e = e->prev) {
		pins |= pin_kind(&w, e);
		w.lo = e;
	}
	for (i = 0, e = f->next; i < PIN_WALK_MAX && pin_walk_ok(&w, e);
			i++, e = e->next) {
		pins |= pin_kind(&w, e);
		w.hi = e;
	}
	if (pins == 0)
		return 0;
	if (w.match)
		return w.lo == f->orig_elem &&
			RTE_PTR_ADD(w.hi, w.hi->size) ==
			RTE_PTR_ADD(f->orig_elem, f->orig_size) ? pins : 0;
	if (!shrink_span(f, &own_s, &own_e))
		own_s = own_e = NULL;
	return pin_has_page(f->msl, RTE_PTR_ALIGN_CEIL(w.lo, pg),
			RTE_PTR_ALIGN_FLOOR(RTE_PTR_ADD(w.hi, w.hi->size), pg),
			own_s, own_e) ? pins : 0;
}

/* free a busy, cached or taken element with the heap lock held */
static void
heap_free_locked(struct malloc_heap *heap, struct malloc_elem *elem,
		struct shrink_batch *batch)
{
	unsigned int pins;

	heap->alloc_count--;
	heap->alloc_size -= elem->size;
	elem = malloc_elem_free(elem);
	if (heap_is_dynamic(heap) &&
			!(batch->want_drain && batch->want_flush)) {
		pins = cache_pins_page(elem);
		batch->want_drain |= (pins & PIN_OTHER) != 0;
		batch->want_flush |= (pins & PIN_SELF) != 0;
	}
	heap_collect_shrink(heap, elem, batch);
}

void
malloc_heap_free_bulk(struct malloc_heap *heap, struct malloc_elem **elems,
		unsigned int n, bool drain_ok)
{
	struct shrink_batch batch = { .n = 0 };
	bool want_drain = false;
	unsigned int i;

	rte_spinlock_lock(&heap->lock);
	for (i = 0; i < n; i++) {
		if (batch.n == SHRINK_MAX_RANGES) {
			rte_spinlock_unlock(&heap->lock);
			want_drain |= batch.want_drain;
			batch.want_drain = batch.want_flush = false;
			heap_unplug_batch(heap, &batch);
			rte_spinlock_lock(&heap->lock);
		}
		heap_free_locked(heap, elems[i], &batch);
	}
	rte_spinlock_unlock(&heap->lock);
	/*
	 * Elements come here from a cache being emptied: pins by the cache
	 * of the calling lcore are its own business (bounded, flushed before
	 * the heap grows); draining them here would unplug and replug the
	 * page of a small working set over and over.
	 */
	batch.want_flush = false;
	batch.want_drain = drain_ok && (want_drain || batch.want_drain);
	heap_unplug_batch(heap, &batch);
}

int
malloc_heap_free(struct malloc_elem *elem)
{
	struct malloc_heap *heap = elem->heap;
	struct shrink_batch batch = { .n = 0 };

	rte_spinlock_lock(&heap->lock);
	if (elem->state != ELEM_BUSY) {
		rte_spinlock_unlock(&heap->lock);
		return -EINVAL;
	}
	heap_free_locked(heap, elem, &batch);
	rte_spinlock_unlock(&heap->lock);
	heap_unplug_batch(heap, &batch);
	return 0;
}

int
malloc_heap_resize(struct malloc_elem *elem, size_t size)
{
	struct malloc_heap *heap = elem->heap;
	struct shrink_batch batch = { .n = 0 };
	size_t old;
	int ret;

	rte_spinlock_lock(&heap->lock);
	old = elem->size;
	ret = malloc_elem_resize(elem, size);
	if (ret == 0)
		heap->alloc_size += elem->size - old;
	/* a shrink in place may have freed whole pages after the data */
	if (ret == 0 && elem->next != NULL && elem->next->state == ELEM_FREE)
		heap_collect_shrink(heap, elem->next, &batch);
	rte_spinlock_unlock(&heap->lock);
	heap_unplug_batch(heap, &batch);
	return ret;
}

/* ---------------------------------------------------------------------- */
/* statistics and dump                                                    */

int
malloc_heap_get_stats(struct malloc_heap *heap,
		struct rte_malloc_socket_stats *stats)
{
	struct malloc_elem *elem;
	size_t cached_bytes;
	unsigned int cached_count, i;

	memset(stats, 0, sizeof(*stats));
	rte_spinlock_lock(&heap->lock);
	for (i = 0; i < RTE_HEAP_NUM_FREELISTS; i++) {
		LIST_FOREACH(elem, &heap->free_head[i], free_list) {
			stats->free_count++;
			stats->heap_freesz_bytes += elem->size;
			if (elem->size > stats->greatest_free_size)
				stats->greatest_free_size = elem->size;
		}
	}
	stats->heap_totalsz_bytes = heap->total_size;
	stats->heap_allocsz_bytes = heap->alloc_size;
	stats->alloc_count = heap->alloc_count;
	rte_spinlock_unlock(&heap->lock);
	/* what the lcore caches hold is free memory to the user */
	malloc_cache_stats(heap, &cached_bytes, &cached_count);
	cached_bytes = RTE_MIN(cached_bytes, stats->heap_allocsz_bytes);
	cached_count = RTE_MIN(cached_count, stats->alloc_count);
	stats->heap_allocsz_bytes -= cached_bytes;
	stats->heap_freesz_bytes += cached_bytes;
	stats->alloc_count -= cached_count;
	stats->free_count += cached_count;
	return 0;
}

void
malloc_heap_dump(struct malloc_heap *heap, FILE *f)
{
	struct malloc_elem *elem;

	rte_spinlock_lock(&heap->lock);
	fprintf(f, "Heap name: %s socket %u%s\n", heap->name, heap->socket_id,
			heap->external ? " (external)" : "");
	fprintf(f, "Heap size: %" PRIu64 " alloc: %" PRIu64 " count: %u"
			" pages plugged: %" PRIu64 " unplugged: %" PRIu64 "\n",
			heap->total_size, heap->alloc_size, heap->alloc_count,
			heap->pages_plugged, heap->pages_unplugged);
	for (elem = heap->first; elem != NULL; elem = elem->next)
		malloc_elem_dump(elem, f);
	rte_spinlock_unlock(&heap->lock);
}

/* ---------------------------------------------------------------------- */
/* heap_check(): the validator tests run after every step                 */

struct check_tally {
	uint64_t total;
	uint64_t busy_bytes;
	unsigned int busy;
	unsigned int free_walk;
};

#define CHECK_FAIL(heap, elem, ...) do { \
	fprintf(stderr, "heap_check(%s): elem %p: ", (heap)->name, \
			(void *)(elem)); \
	fprintf(stderr, __VA_ARGS__); \
	fputc('\n', stderr); \
	return -EFAULT; \
} while (0)

/* the pages under elem are plugged and belong to its list */
static int
check_elem_backing(const struct malloc_heap *heap,
		const struct malloc_elem *elem)
{
	const struct rte_memseg_list *msl = elem->msl;
	const void *last = RTE_PTR_ADD(elem, elem->size - 1);
	const void *msl_end;

	if (msl == NULL)
		CHECK_FAIL(heap, elem, "no memseg list");
	msl_end = RTE_PTR_ADD(msl->base_va, msl->len);
	if ((const void *)elem < msl->base_va || last >= msl_end)
		CHECK_FAIL(heap, elem, "outside its memseg list %p+%zu",
				msl->base_va, msl->len);
	if (!msl->external && (rte_mem_virt2memseg(elem, msl) == NULL ||
			rte_mem_virt2memseg(last, msl) == NULL))
		CHECK_FAIL(heap, elem, "lies on an unplugged page");
	return 0;
}

static int
check_one_elem(const struct malloc_heap *heap, const struct malloc_elem *elem,
		struct check_tally *t)
{
	const struct malloc_elem *next = elem->next;

	if (elem->heap != heap)
		CHECK_FAIL(heap, elem, "belongs to heap %p",
				(void *)elem->heap);
	if (!malloc_elem_cookies_ok(elem))
		CHECK_FAIL(heap, elem, "header or trailer cookie overwritten");
	if (elem->size < MALLOC_ELEM_MIN_SIZE ||
			elem->size % RTE_CACHE_LINE_SIZE != 0)
		CHECK_FAIL(heap, elem, "bad size %zu", elem->size);
	if (next != NULL && next->prev != elem)
		CHECK_FAIL(heap, elem, "next->prev does not point back");
	if (next != NULL && RTE_PTR_ADD(elem, elem->size) > (void *)next)
		CHECK_FAIL(heap, elem, "overlaps the next element");
	if (check_elem_backing(heap, elem) != 0)
		return -EFAULT;
	switch (elem->state) {
	case ELEM_FREE:
		t->free_walk++;
		if (elem->pad != 0)
			CHECK_FAIL(heap, elem, "free with padding");
		if (next != NULL && next->state == ELEM_FREE &&
				malloc_elem_joinable(elem, next))
			CHECK_FAIL(heap, elem, "left unmerged with free %p",
					(void *)next);
		break;
	case ELEM_BUSY:
	case ELEM_CACHED:
	case ELEM_TAKEN:
		t->busy++;
		t->busy_bytes += elem->size;
		break;
	default:
		CHECK_FAIL(heap, elem, "bad state %u", elem->state);
	}
	t->total += elem->size;
	return 0;
}

static int
check_free_lists(const struct malloc_heap *heap, unsigned int free_walk)
{
	const struct malloc_elem *elem;
	unsigned int i, n = 0;

	for (i = 0; i < RTE_HEAP_NUM_FREELISTS; i++) {
		LIST_FOREACH(elem, &heap->free_head[i], free_list) {
			if (elem->state != ELEM_FREE)
				CHECK_FAIL(heap, elem, "on free list %u but %s",
						i, "not free");
			if (malloc_elem_free_list_index(elem->size) != i)
				CHECK_FAIL(heap, elem, "size %zu on list %u",
						elem->size, i);
			if (++n > free_walk)
				break;
		}
	}
	if (n != free_walk)
		CHECK_FAIL(heap, NULL, "%u free elements but %u on free lists",
				free_walk, n);
	return 0;
}

static int
check_heap_locked(const struct malloc_heap *heap)
{
	const struct malloc_elem *elem, *prev = NULL;
	struct check_tally t = { 0 };

	if ((heap->first == NULL) != (heap->last == NULL))
		CHECK_FAIL(heap, heap->first, "first/last disagree");
	if (heap->first != NULL && heap->first->prev != NULL)
		CHECK_FAIL(heap, heap->first, "first has a prev");
	for (elem = heap->first; elem != NULL; elem = elem->next) {
		if (prev != NULL && elem <= prev)
			CHECK_FAIL(heap, elem, "out of address order");
		if (check_one_elem(heap, elem, &t) != 0)
			return -EFAULT;
		prev = elem;
	}
	if (prev != heap->last)
		CHECK_FAIL(heap, prev, "last is %p", (void *)heap->last);
	if (t.total != heap->total_size)
		CHECK_FAIL(heap, NULL, "elements sum to %" PRIu64
				" but heap size is %" PRIu64,
				t.total, heap->total_size);
	if (t.busy != heap->alloc_count || t.busy_bytes != heap->alloc_size)
		CHECK_FAIL(heap, NULL, "%u busy (%" PRIu64 " B) but counted "
				"%u (%" PRIu64 " B)", t.busy, t.busy_bytes,
				heap->alloc_count, heap->alloc_size);
	return check_free_lists(heap, t.free_walk);
}

int
malloc_heap_check(struct malloc_heap *heap)
{
	int ret;

	rte_spinlock_lock(&heap->lock);
	ret = check_heap_locked(heap);
	rte_spinlock_unlock(&heap->lock);
	return ret;
}

int
malloc_heap_check_all(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int i, ret = 0;

	for (i = 0; i < RTE_MAX_HEAPS; i++)
		if (mcfg->malloc_heaps[i].in_use &&
				malloc_heap_check(&mcfg->malloc_heaps[i]) != 0)
			ret = -EFAULT;
	return ret;
}

/* ---------------------------------------------------------------------- */
/* init                                                                   */

static struct malloc_heap *
heap_slot_claim(const char *name, unsigned int socket_id, bool external)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct malloc_heap *heap;
	int i;

	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		heap = &mcfg->malloc_heaps[i];
		if (heap->in_use)
			continue;
		memset(heap, 0, sizeof(*heap));
		rte_spinlock_init(&heap->lock);
		snprintf(heap->name, sizeof(heap->name), "%s", name);
		heap->socket_id = socket_id;
		heap->external = external;
		heap->in_use = 1;
		return heap;
	}
	return NULL;
}

static int
add_initial_memory(const struct rte_memseg_list *msl,
		const struct rte_memseg *ms, size_t len, void *arg)
{
	struct malloc_heap *heap;

	RTE_SET_USED(arg);
	if (msl->external)
		return 0;
	heap = malloc_heap_get(msl->socket_id);
	if (heap == NULL)
		return -1;
	rte_spinlock_lock(&heap->lock);
	malloc_heap_add_memory(heap, (struct rte_memseg_list *)msl, ms->addr,
			len);
	rte_spinlock_unlock(&heap->lock);
	return 0;
}

int
rte_eal_malloc_heap_init(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	char name[RTE_HEAP_NAME_MAX_LEN];
	int i;

	malloc_cache_init();
	if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		return 0;
	mcfg->next_socket_id = RTE_MAX_NUMA_NODES;
	/* socket heaps first: their slot index is below RTE_MAX_NUMA_NODES */
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL || msl->external ||
				msl->socket_id < 0 ||
				malloc_heap_get(msl->socket_id) != NULL)
			continue;
		snprintf(name, sizeof(name), "socket_%d", msl->socket_id);
		if (heap_slot_claim(name, (unsigned int)msl->socket_id,
				false) == NULL) {
			HEAP_LOG(ERR, "malloc heap init: no heap slot for %s\n",
					name);
			return -ENOSPC;
		}
	}
	/* the legacy image or the -m floor: already plugged */
	if (rte_memseg_contig_walk(add_initial_memory, NULL) < 0) {
		HEAP_LOG(ERR, "malloc heap init: memory without a heap\n");
		return -EINVAL;
	}
	return 0;
}

/* ---------------------------------------------------------------------- */
/* named (external) heaps                                                 */

int
malloc_heap_create(const char *name)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct malloc_heap *heap;

	if (malloc_heap_find_named(name) != NULL)
		return -EEXIST;
	heap = heap_slot_claim(name, (unsigned int)mcfg->next_socket_id, true);
	if (heap == NULL)
		return -ENOSPC;
	mcfg->next_socket_id++;
	return 0;
}

int
malloc_heap_destroy(struct malloc_heap *heap)
{
	rte_spinlock_lock(&heap->lock);
	if (heap->total_size != 0 || heap->first != NULL) {
		rte_spinlock_unlock(&heap->lock);
		return -EBUSY;
	}
	heap->in_use = 0;
	rte_spinlock_unlock(&heap->lock);
	return 0;
}

int
malloc_heap_add_external_memory(struct malloc_heap *heap,
		struct rte_memseg_list *msl)
{
	rte_spinlock_lock(&heap->lock);
	malloc_heap_add_memory(heap, msl, msl->base_va, msl->len);
	msl->heap = 1;
	rte_spinlock_unlock(&heap->lock);
	return 0;
}

int
malloc_heap_remove_external_memory(struct malloc_heap *heap, void *va,
		size_t len)
{
	struct malloc_elem *elem;
	int ret = -EBUSY;

	rte_spinlock_lock(&heap->lock);
	for (elem = heap->first; elem != NULL; elem = elem->next) {
		if ((void *)elem > va)
			break;
		/* all of it must be one free element, exactly the area */
		if ((void *)elem == va && elem->state == ELEM_FREE &&
				elem->size == len) {
			heap_carve_range(heap, elem, va, len);
			ret = 0;
			break;
		}
	}
	rte_spinlock_unlock(&heap->lock);
	return ret;
}
