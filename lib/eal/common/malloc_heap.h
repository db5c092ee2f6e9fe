/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Malloc heaps: one per NUMA socket that has memory ("socket_N") plus named
 * external heaps over user memory. A heap is a set of elements
 * (malloc_elem.h) inside the pages of its memseg lists, with free lists by
 * size class (powers of two).
 *
 * Growth and shrink follow prepare -> execute -> commit/rollback so that the
 * heap spinlock is never held across page plugging or unplugging:
 *   grow:   memory_hotplug_lock (write) -> plug pages (no heap lock) ->
 *           heap lock -> add pages as a free element and allocate -> unlock;
 *           if the allocation still cannot be served, the new pages are
 *           taken out again and unplugged (rollback).
 *   shrink: heap lock -> carve whole free pages out of the heap -> unlock ->
 *           memory_hotplug_lock (write) -> unplug -> on failure give them
 *           back to the heap.
 * Lock order (eal_memcfg.h): memory_hotplug_lock -> heap lock -> mlock.
 *
 * struct malloc_heap sits in struct rte_mem_config (shared, fixed size) and
 * holds only pointers into shared memory, so secondaries see the same heap.
 * Per-lcore caches of small free elements are process-local and hold only
 * busy elements (state ELEM_CACHED), so no other process is affected by them.
 */
#ifndef MALLOC_HEAP_H
#define MALLOC_HEAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/queue.h>

#include <rte_memory.h>
#include <rte_spinlock.h>

#define RTE_HEAP_NAME_MAX_LEN 32
#define RTE_HEAP_NUM_FREELISTS 24

struct malloc_elem;

struct malloc_heap {
	rte_spinlock_t lock;
	LIST_HEAD(, malloc_elem) free_head[RTE_HEAP_NUM_FREELISTS];
	struct malloc_elem *volatile first; /**< lowest element */
	struct malloc_elem *volatile last;  /**< highest element */
	uint64_t total_size;       /**< bytes of memory the heap owns */
	uint64_t alloc_size;       /**< bytes in busy (and cached) elements */
	unsigned int alloc_count;  /**< busy (and cached) elements */
	unsigned int socket_id;    /**< NUMA node, or >= RTE_MAX_NUMA_NODES */
	uint32_t external;         /**< 1 for a user-created heap */
	uint32_t in_use;           /**< slot of mcfg->malloc_heaps taken */
	uint64_t pages_plugged;    /**< pages added by growth */
	uint64_t pages_unplugged;  /**< pages given back by shrink */
	char name[RTE_HEAP_NAME_MAX_LEN];
} __rte_cache_aligned;

/* allocation request, as the API edge validated it */
struct malloc_req {
	size_t size;           /**< data bytes */
	size_t align;          /**< power of two, >= cache line */
	size_t bound;          /**< 0 or power of two >= size */
	unsigned int flags;    /**< RTE_MEMZONE_* page-size and contig flags */
	bool contig;           /**< IOVA-contiguous data */
};

int rte_eal_malloc_heap_init(void);

/* heap of a socket id (external ids included), NULL if none */
struct malloc_heap *malloc_heap_get(int socket_id);
/* index of a socket id in mcfg->malloc_heaps, -1 if none */
int malloc_socket_to_heap_id(unsigned int socket_id);
/* heap by name, NULL if none; caller holds nothing */
struct malloc_heap *malloc_heap_find_named(const char *name);

/*
 * Allocate from heap (growing it when it may); NULL and *err = -errno on
 * failure. The slow path; rte_malloc.c tries the lcore cache first.
 */
void *malloc_heap_alloc(struct malloc_heap *heap, const struct malloc_req *req,
		int *err);
/* the biggest block free in heap right now (no growth), for memzones */
void *malloc_heap_alloc_biggest(struct malloc_heap *heap,
		const struct malloc_req *req, int *err);
/* give back a busy element; may shrink the heap */
int malloc_heap_free(struct malloc_elem *elem);
/* grow or shrink busy elem in place; 0 or -errno (nothing changed) */
int malloc_heap_resize(struct malloc_elem *elem, size_t size);

/* malloc_heap_alloc() without growth; the caller holds the heap lock */
void *malloc_heap_alloc_locked(struct malloc_heap *heap,
		const struct malloc_req *req);
/*
 * Give back n busy, cached or taken elements of heap under one lock hold
 * and unplug the pages that fall free; with drain_ok, lcore caches that
 * pin such pages are drained too.
 */
void malloc_heap_free_bulk(struct malloc_heap *heap,
		struct malloc_elem **elems, unsigned int n, bool drain_ok);

/* per-lcore caches (malloc_cache.h) serve data sizes up to this */
#define MALLOC_CACHE_MAX_SIZE 4096
/* give what the calling lcore's cache holds back to the heaps */
void malloc_heap_cache_flush(void);
/* the calling thread stops being an lcore: flush its cache and unbind */
void malloc_cache_thread_release(void);

/* statistics, dump, validation */
struct rte_malloc_socket_stats;
int malloc_heap_get_stats(struct malloc_heap *heap,
		struct rte_malloc_socket_stats *stats);
void malloc_heap_dump(struct malloc_heap *heap, FILE *f);

/*
 * heap_check(): validate every element of heap (cookies, address order,
 * list links, free-list membership and class, that no two joinable free
 * elements were left unmerged, page backing, and that sizes and counts add
 * up to the heap's totals). Takes the heap lock. 0, or -EFAULT after
 * printing what is wrong to stderr.
 */
int malloc_heap_check(struct malloc_heap *heap);
/* the same for every heap in use */
int malloc_heap_check_all(void);

/* external heaps and memory (rte_malloc.c API edge) */
int malloc_heap_create(const char *name);
int malloc_heap_destroy(struct malloc_heap *heap);
int malloc_heap_add_external_memory(struct malloc_heap *heap,
		struct rte_memseg_list *msl);
int malloc_heap_remove_external_memory(struct malloc_heap *heap, void *va,
		size_t len);
struct rte_memseg_list *malloc_heap_create_external_seg(void *va,
		rte_iova_t iova_addrs[], unsigned int n_pages, size_t page_sz,
		const char *seg_name, unsigned int socket_id);
struct rte_memseg_list *malloc_heap_find_external_seg(void *va, size_t len);
int malloc_heap_destroy_external_seg(struct rte_memseg_list *msl);

/*
 * Primary: unplug [start, start + len), whole pages of a memseg list that no
 * heap holds any more, in every process (a secondary's shrink). 0 or -errno.
 */
int malloc_heap_free_pages(void *start, size_t len);

/* add plugged memory [start, start + len) of msl as a free element */
struct malloc_elem *malloc_heap_add_memory(struct malloc_heap *heap,
		struct rte_memseg_list *msl, void *start, size_t len);

#endif /* MALLOC_HEAP_H */
