/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-lcore caches of small heap elements: the fast path of rte_malloc()
 * and rte_free().
 *
 * Each lcore of this process keeps, per socket heap, one LIFO bin per size
 * class of freed small elements. A cached element keeps state ELEM_CACHED
 * in its header and stays counted as allocated by its heap; the statistics
 * add what the caches hold back as free. The caches are process-local (like
 * lcore_config), so no other process sees or depends on them, and a cached
 * element never has padding (its data starts right after its header).
 *
 * Only the owning thread pushes and pops: no lock, no atomic
 * read-modify-write. A thread that needs the memory back (pages pinned by
 * cached elements, an allocation about to fail) drains other lcores' bins
 * itself with an asymmetric handshake:
 *
 *   owner:   active = 1; compiler barrier; if (drain_req) go slow;
 *            ... bins ...; active = 0 (release)
 *   drainer: drain_req = 1; membarrier(); wait for !active; lock;
 *            take the bins; drain_req = 0; unlock
 *
 * membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) runs a full barrier on every
 * CPU running a thread of this process, so either the owner sees drain_req
 * or the drainer sees active: the owner pays two plain stores and a load.
 * While drain_req is set the owner's slow path works on the heap directly
 * and never touches its bins. Owner slow paths (refill, overflow, own
 * flush) hold the cache lock, so they never overlap a drain. Without
 * membarrier a drainer only raises drain_req and each owner flushes itself
 * at its next operation.
 *
 * Lock order: cache lock -> heap lock. Nothing here is held across page
 * plugging, unplugging or IPC.
 */
#ifndef MALLOC_CACHE_H
#define MALLOC_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_spinlock.h>

#include "malloc_elem.h"
#include "malloc_heap.h"

#define MALLOC_CACHE_CLASSES 12
#define MALLOC_CACHE_UNITS (MALLOC_CACHE_MAX_SIZE / RTE_CACHE_LINE_SIZE)
/* what one lcore may park per heap: small, so little memory is pinned */
#define MALLOC_CACHE_BIN_MAX 64
#define MALLOC_CACHE_MAX_BYTES (256 * 1024)

struct malloc_cache_bin {
	void *head;     /**< data of the newest element; the link is inside */
	uint32_t count; /**< elements (stored relaxed: statistics read it) */
	uint32_t unused;
};

struct malloc_lcore_cache {
	/* first line: what every operation of the owner touches */
	volatile uint32_t active;    /**< owner inside a fast operation */
	volatile uint32_t drain_req; /**< a drainer wants the bins */
	int any_h;                   /**< heap index for SOCKET_ID_ANY */
	uint32_t hint_ver;           /**< *hint_version when proven */
	struct malloc_cache_bin *any_bins; /**< bins of that heap */
	const struct malloc_heap *any_heap;
	/* the last page proved plugged, for rte_free's ownership check */
	uintptr_t hint_page;
	uintptr_t hint_mask;         /**< ~(page size - 1) | cache line bits */
	const volatile uint32_t *hint_version; /**< &msl->version */
	int any_socket;              /**< socket of any_heap */
	uint32_t lcore_id;           /**< owner, stamped on cached elements */
	size_t bytes[RTE_MAX_NUMA_NODES]; /**< element bytes held per heap */
	rte_spinlock_t lock;         /**< owner slow paths vs drainers */
	struct malloc_cache_bin bin[RTE_MAX_NUMA_NODES][MALLOC_CACHE_CLASSES];
} __rte_cache_aligned;

struct malloc_caches {
	struct malloc_heap *heaps;   /**< mcfg->malloc_heaps */
	bool remote_drain;           /**< membarrier works: drain others */
	int8_t alloc_class[MALLOC_CACHE_UNITS + 1]; /**< units -> class */
	int8_t free_class[2 * MALLOC_CACHE_UNITS + 1]; /**< or -1 */
	struct malloc_lcore_cache lcore[RTE_MAX_LCORE];
};

/* process-local state; hidden so the fast path reaches it directly */
extern struct malloc_caches malloc_caches
	__attribute__((visibility("hidden")));
/* this thread's cache once bound, NULL before (or without an lcore id) */
extern __thread struct malloc_lcore_cache *malloc_cache_tls
	__attribute__((visibility("hidden"), tls_model("initial-exec")));

/* ---------------------------------------------------------------------- */
/* slow paths (malloc_cache.c)                                            */

/* tables and membarrier registration; at heap init */
void malloc_cache_init(void);
/* bind the calling thread to its lcore's cache; NULL if it has no lcore */
struct malloc_lcore_cache *malloc_cache_bind(void);
/* refill a bin of heap h and allocate size bytes; NULL if the heap is dry */
void *malloc_cache_alloc_slow(struct malloc_lcore_cache *c, int h,
		size_t size);
/* cache busy elem (heap h) after the fast path could not; false: not kept */
bool malloc_cache_free_slow(struct malloc_lcore_cache *c,
		struct malloc_elem *elem, int h);
/*
 * Empty every lcore cache of this process into the heaps (or, without
 * membarrier, ask each owner to). Takes no heap lock on entry; returns the
 * number of elements given back.
 */
unsigned int malloc_cache_drain_all(void);
/* bytes and elements all caches hold for heap (approximate) */
void malloc_cache_stats(const struct malloc_heap *heap, size_t *bytes,
		unsigned int *count);

/* ---------------------------------------------------------------------- */
/* fast paths                                                             */

static __rte_always_inline struct malloc_lcore_cache *
malloc_cache_self(void)
{
	struct malloc_lcore_cache *c = malloc_cache_tls;

	return likely(c != NULL) ? c : malloc_cache_bind();
}

/* slot of a heap that has lcore caches, or -1 (external heaps) */
static __rte_always_inline int
malloc_cache_heap_idx(const struct malloc_lcore_cache *c,
		const struct malloc_heap *heap)
{
	ptrdiff_t idx;

	if (likely(heap == c->any_heap))
		return c->any_h;
	idx = heap - malloc_caches.heaps;
	return idx >= 0 && idx < RTE_MAX_NUMA_NODES && !heap->external ?
		(int)idx : -1;
}

static __rte_always_inline void
malloc_cache_enter(struct malloc_lcore_cache *c)
{
	c->active = 1;
	rte_compiler_barrier();
}

static __rte_always_inline void
malloc_cache_leave(struct malloc_lcore_cache *c)
{
	__atomic_store_n(&c->active, 0, __ATOMIC_RELEASE);
}

/*
 * Pop an element of at least size bytes (a multiple of the cache line, at
 * most MALLOC_CACHE_MAX_SIZE) from bins; NULL when the bin is empty or a
 * drain is pending (the caller then takes the slow path).
 */
static __rte_always_inline void *
malloc_cache_pop(struct malloc_lcore_cache *c, struct malloc_cache_bin *bins,
		int h, size_t size)
{
	struct malloc_cache_bin *bin =
		&bins[malloc_caches.alloc_class[size / RTE_CACHE_LINE_SIZE]];
	struct malloc_elem *elem;
	void *data;

	malloc_cache_enter(c);
	data = bin->head;
	if (unlikely(data == NULL || c->drain_req)) {
		malloc_cache_leave(c);
		return NULL;
	}
	bin->head = *(void **)data;
	__atomic_store_n(&bin->count, bin->count - 1, __ATOMIC_RELAXED);
	elem = RTE_PTR_SUB(data, MALLOC_ELEM_HEADER_LEN);
	elem->state = ELEM_BUSY;
	__atomic_store_n(&c->bytes[h], c->bytes[h] - elem->size,
			__ATOMIC_RELAXED);
	malloc_cache_leave(c);
	return data;
}

/*
 * Park busy, unpadded elem of heap h in its bin; false when it does not
 * belong in a cache or the bin is full (the caller takes the slow path).
 */
static __rte_always_inline bool
malloc_cache_push(struct malloc_lcore_cache *c, struct malloc_elem *elem,
		int h)
{
	size_t units = (elem->size - MALLOC_ELEM_OVERHEAD) /
		RTE_CACHE_LINE_SIZE;
	struct malloc_cache_bin *bin;
	void *data;
	int k;

	if (unlikely(units > 2 * MALLOC_CACHE_UNITS))
		return false;
	k = malloc_caches.free_class[units];
	if (unlikely(k < 0))
		return false;
	bin = &c->bin[h][k];
	malloc_cache_enter(c);
	if (unlikely(c->drain_req || bin->count >= MALLOC_CACHE_BIN_MAX ||
			c->bytes[h] >= MALLOC_CACHE_MAX_BYTES)) {
		malloc_cache_leave(c);
		return false;
	}
	data = malloc_elem_data(elem);
	elem->state = ELEM_CACHED;
	elem->cache_lcore = c->lcore_id;
	*(void **)data = bin->head;
	bin->head = data;
	__atomic_store_n(&bin->count, bin->count + 1, __ATOMIC_RELAXED);
	__atomic_store_n(&c->bytes[h], c->bytes[h] + elem->size,
			__ATOMIC_RELAXED);
	malloc_cache_leave(c);
	return true;
}

#endif /* MALLOC_CACHE_H */
