/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The rte_malloc API edge: argument checks, socket choice, rte_errno and the
 * one log line per refused call. The heap work is in malloc_heap.c; small
 * cache-line aligned requests go through the lcore cache first.
 */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_memcfg.h"
#include "malloc_cache.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

#define MALLOC_LOG(level, ...) RTE_LOG(level, EAL, __VA_ARGS__)

/* ---------------------------------------------------------------------- */
/* ownership checks                                                       */

/* remember addr's page, just proved plugged in msl at version, in c */
static void
hint_set(struct malloc_lcore_cache *c, const struct rte_memseg_list *msl,
		const void *addr, uint32_t version)
{
	c->hint_page = (uintptr_t)RTE_PTR_ALIGN_FLOOR(addr, msl->page_sz);
	c->hint_version = &msl->version;
	c->hint_ver = version;
	c->hint_mask = ~(uintptr_t)(msl->page_sz - 1) |
		(RTE_CACHE_LINE_SIZE - 1);
}

/* is addr on a plugged page of a memseg list? */
static bool
addr_is_plugged(struct malloc_lcore_cache *c, const void *addr)
{
	const struct rte_memseg_list *msl;
	uint32_t version;

	if (c != NULL && ((uintptr_t)addr & (c->hint_mask &
			~(uintptr_t)(RTE_CACHE_LINE_SIZE - 1))) ==
			c->hint_page && *c->hint_version == c->hint_ver)
		return true;
	msl = rte_mem_virt2memseg_list(addr);
	if (msl == NULL)
		return false;
	version = msl->version;
	rte_atomic_thread_fence(__ATOMIC_ACQUIRE);
	if (rte_mem_virt2memseg(addr, msl) == NULL)
		return false;
	/* the hint is only ever set from a successful look-up */
	if (c != NULL)
		hint_set(c, msl, addr, version);
	return true;
}

/* the busy element of a user pointer, NULL if ptr is not a live block */
static struct malloc_elem *
elem_of_ptr(struct malloc_lcore_cache *c, const void *ptr)
{
	const struct malloc_elem *hdr;
	struct malloc_elem *elem;

	if (((uintptr_t)ptr & (RTE_CACHE_LINE_SIZE - 1)) != 0)
		return NULL;
	hdr = RTE_PTR_SUB(ptr, MALLOC_ELEM_HEADER_LEN);
	if (!addr_is_plugged(c, hdr))
		return NULL;
	/* a PAD header points back: that header must be ours too */
	if (hdr->state == ELEM_PAD && malloc_elem_header_ok(hdr) &&
			!addr_is_plugged(c, RTE_PTR_SUB(hdr, hdr->pad)))
		return NULL;
#ifdef RTE_MALLOC_DEBUG
	/* the trailer may lie on a later page: prove it before reading it */
	elem = RTE_PTR_SUB(hdr, hdr->state == ELEM_PAD ? hdr->pad : 0);
	if (malloc_elem_header_ok(elem) && elem->size >= MALLOC_ELEM_MIN_SIZE &&
			!addr_is_plugged(c, malloc_elem_trailer(elem)))
		return NULL;
#endif
	elem = malloc_elem_from_data(ptr);
	return elem;
}

/*
 * The checks rte_free's fast path makes before trusting a header: ptr is
 * a cache line into the page this lcore last proved plugged, the header
 * cookie is intact and the element is busy without padding. Anything else
 * (NULL included) takes the slow path and its full checks.
 */
static __rte_always_inline bool
fast_free_ok(const struct malloc_lcore_cache *c, const struct malloc_elem *hdr)
{
	return ((uintptr_t)hdr & c->hint_mask) == c->hint_page &&
		*c->hint_version == c->hint_ver &&
		hdr->header_cookie == MALLOC_HEADER_COOKIE &&
		hdr->state == ELEM_BUSY && hdr->pad == 0 &&
		malloc_elem_cookies_ok(hdr);
}

/* ---------------------------------------------------------------------- */
/* allocation                                                             */

static struct malloc_heap *
heap_for_socket(int socket)
{
	struct malloc_heap *heap;

	if (socket == SOCKET_ID_ANY) {
		heap = malloc_heap_get((int)rte_socket_id());
		if (heap == NULL) /* a thread off any node: take any heap */
			heap = malloc_heap_get(0);
		return heap;
	}
	return malloc_heap_get(socket);
}

/* any other socket heap that can serve req, for SOCKET_ID_ANY */
static void *
alloc_other_sockets(const struct malloc_heap *tried,
		const struct malloc_req *req, int *err)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	void *ptr;
	int i;

	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];

		if (!heap->in_use || heap->external || heap == tried)
			continue;
		ptr = malloc_heap_alloc(heap, req, err);
		if (ptr != NULL)
			return ptr;
	}
	return NULL;
}

/* the lcore cache of heap for a small plain request, NULL if none */
static void *
cache_alloc(struct malloc_heap *heap, size_t size)
{
	struct malloc_lcore_cache *c = malloc_cache_self();
	void *ptr;
	int h;

	if (c == NULL)
		return NULL;
	h = malloc_cache_heap_idx(c, heap);
	if (h < 0)
		return NULL;
	ptr = malloc_cache_pop(c, c->bin[h], h, size);
	return ptr != NULL ? ptr : malloc_cache_alloc_slow(c, h, size);
}

static __rte_noinline void *
malloc_common(const char *fn, size_t size, unsigned int align, int socket)
{
	struct malloc_req req = { 0 };
	struct malloc_heap *heap;
	void *ptr;
	int err = -ENOMEM;

	if (unlikely(size == 0 || (align != 0 && !rte_is_power_of_2(align)) ||
			size > SIZE_MAX / 2)) {
		MALLOC_LOG(ERR, "%s: bad arguments size %zu align %u\n", fn,
				size, align);
		rte_errno = EINVAL;
		return NULL;
	}
	heap = heap_for_socket(socket);
	if (unlikely(heap == NULL)) {
		MALLOC_LOG(ERR, "%s: no heap for socket %d\n", fn, socket);
		rte_errno = EINVAL;
		return NULL;
	}
	req.size = RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE);
	req.align = RTE_MAX(align, (unsigned int)RTE_CACHE_LINE_SIZE);
	if (req.align == RTE_CACHE_LINE_SIZE &&
			req.size <= MALLOC_CACHE_MAX_SIZE) {
		ptr = cache_alloc(heap, req.size);
		if (ptr != NULL)
			return ptr;
	}
	ptr = malloc_heap_alloc(heap, &req, &err);
	if (ptr == NULL && socket == SOCKET_ID_ANY)
		ptr = alloc_other_sockets(heap, &req, &err);
	if (ptr == NULL) {
		MALLOC_LOG(DEBUG, "%s: %zu bytes on socket %d: %s\n", fn, size,
				socket, strerror(-err));
		rte_errno = -err;
	}
	return ptr;
}

/*
 * The fast path: a small request with at most cache-line alignment, for
 * any socket or this lcore's own, popped from this lcore's cache. NULL
 * sends the caller to malloc_common().
 */
static __rte_always_inline void *
malloc_fast(size_t size, unsigned int align, int socket)
{
	struct malloc_lcore_cache *c = malloc_cache_tls;

	if (likely(c != NULL && c->any_bins != NULL &&
			size - 1 < MALLOC_CACHE_MAX_SIZE &&
			align <= RTE_CACHE_LINE_SIZE &&
			(align & (align - 1)) == 0 &&
			(socket == SOCKET_ID_ANY || socket == c->any_socket)))
		return malloc_cache_pop(c, c->any_bins, c->any_h,
				RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE));
	return NULL;
}

void *
rte_malloc_socket(const char *type, size_t size, unsigned int align,
		int socket)
{
	void *ptr = malloc_fast(size, align, socket);

	RTE_SET_USED(type);
	return likely(ptr != NULL) ? ptr :
		malloc_common(__func__, size, align, socket);
}

void *
rte_malloc(const char *type, size_t size, unsigned int align)
{
	void *ptr = malloc_fast(size, align, SOCKET_ID_ANY);

	RTE_SET_USED(type);
	return likely(ptr != NULL) ? ptr :
		malloc_common(__func__, size, align, SOCKET_ID_ANY);
}

void *
rte_zmalloc_socket(const char *type, size_t size, unsigned int align,
		int socket)
{
	void *ptr = malloc_fast(size, align, socket);

	RTE_SET_USED(type);
	if (unlikely(ptr == NULL))
		ptr = malloc_common(__func__, size, align, socket);
	if (ptr != NULL)
		memset(ptr, 0, size);
	return ptr;
}

void *
rte_zmalloc(const char *type, size_t size, unsigned int align)
{
	return rte_zmalloc_socket(type, size, align, SOCKET_ID_ANY);
}

void *
rte_calloc_socket(const char *type, size_t num, size_t size,
		unsigned int align, int socket)
{
	if (size != 0 && num > SIZE_MAX / size) {
		MALLOC_LOG(ERR, "%s: %zu x %zu overflows\n", __func__, num,
				size);
		rte_errno = EINVAL;
		return NULL;
	}
	return rte_zmalloc_socket(type, num * size, align, socket);
}

void *
rte_calloc(const char *type, size_t num, size_t size, unsigned int align)
{
	return rte_calloc_socket(type, num, size, align, SOCKET_ID_ANY);
}

/* ---------------------------------------------------------------------- */
/* free, realloc, validate                                                */

static __rte_noinline void
free_slow(void *ptr)
{
	struct malloc_lcore_cache *c;
	struct malloc_elem *elem;
	int h;

	if (ptr == NULL)
		return;
	c = malloc_cache_self();
	elem = elem_of_ptr(c, ptr);
	if (unlikely(elem == NULL)) {
		MALLOC_LOG(ERR, "rte_free: %p is not a live block (not from "
				"rte_malloc, already freed, or corrupted)\n",
				ptr);
		rte_errno = EINVAL;
		return;
	}
	if (c != NULL && elem->pad == 0) {
		h = malloc_cache_heap_idx(c, elem->heap);
		if (h >= 0 && (malloc_cache_push(c, elem, h) ||
				malloc_cache_free_slow(c, elem, h)))
			return;
	}
	if (malloc_heap_free(elem) != 0) {
		MALLOC_LOG(ERR, "rte_free: %p was freed concurrently\n", ptr);
		rte_errno = EINVAL;
	}
}

void
rte_free(void *ptr)
{
	struct malloc_lcore_cache *c = malloc_cache_tls;
	struct malloc_elem *hdr = RTE_PTR_SUB(ptr, MALLOC_ELEM_HEADER_LEN);
	int h;

	if (likely(c != NULL && fast_free_ok(c, hdr))) {
		h = malloc_cache_heap_idx(c, hdr->heap);
		if (likely(h >= 0) && malloc_cache_push(c, hdr, h))
			return;
	}
	free_slow(ptr);
}

static int
heap_socket(const struct malloc_elem *elem)
{
	return (int)elem->heap->socket_id;
}

void *
rte_realloc_socket(void *ptr, size_t size, unsigned int align, int socket)
{
	struct malloc_elem *elem;
	size_t new_size, old_size;
	void *new_ptr;

	if (ptr == NULL)
		return rte_malloc_socket(NULL, size, align, socket);
	elem = elem_of_ptr(malloc_cache_self(), ptr);
	if (elem == NULL || size == 0 || size > SIZE_MAX / 2 ||
			(align != 0 && !rte_is_power_of_2(align))) {
		MALLOC_LOG(ERR, "rte_realloc: bad arguments ptr %p size %zu "
				"align %u\n", ptr, size, align);
		rte_errno = EINVAL;
		return NULL;
	}
	new_size = RTE_ALIGN_CEIL(size, RTE_CACHE_LINE_SIZE);
	old_size = malloc_elem_data_size(elem);
	/* in place when alignment and socket already fit */
	if ((align == 0 || ((uintptr_t)ptr & (align - 1)) == 0) &&
			(socket == SOCKET_ID_ANY ||
			socket == heap_socket(elem)) &&
			malloc_heap_resize(elem, new_size) == 0)
		return ptr;
	new_ptr = rte_malloc_socket(NULL, size, align,
			socket == SOCKET_ID_ANY ? heap_socket(elem) : socket);
	if (new_ptr == NULL && socket == SOCKET_ID_ANY)
		new_ptr = rte_malloc_socket(NULL, size, align, SOCKET_ID_ANY);
	if (new_ptr == NULL)
		return NULL;
	memcpy(new_ptr, ptr, RTE_MIN(old_size, size));
	rte_free(ptr);
	return new_ptr;
}

void *
rte_realloc(void *ptr, size_t size, unsigned int align)
{
	return rte_realloc_socket(ptr, size, align, SOCKET_ID_ANY);
}

int
rte_malloc_validate(const void *ptr, size_t *size)
{
	struct malloc_elem *elem = ptr != NULL ?
		elem_of_ptr(malloc_cache_self(), ptr) : NULL;

	if (elem == NULL) {
		MALLOC_LOG(ERR, "rte_malloc_validate: %p is not a live block\n",
				ptr);
		rte_errno = EINVAL;
		return -1;
	}
	if (size != NULL)
		*size = malloc_elem_data_size(elem);
	return 0;
}

rte_iova_t
rte_malloc_virt2iova(const void *addr)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	const struct rte_memseg *ms;

	if (msl == NULL)
		return RTE_BAD_IOVA;
	ms = rte_mem_virt2memseg(addr, msl);
	if (ms == NULL || ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	if (rte_eal_iova_mode() == RTE_IOVA_VA && !msl->external)
		return (uintptr_t)addr;
	return ms->iova + RTE_PTR_DIFF(addr, ms->addr);
}

/* ---------------------------------------------------------------------- */
/* statistics and dumps                                                   */

int
rte_malloc_get_socket_stats(int socket,
		struct rte_malloc_socket_stats *socket_stats)
{
	struct malloc_heap *heap = malloc_heap_get(socket);

	if (heap == NULL || socket_stats == NULL) {
		MALLOC_LOG(ERR, "rte_malloc_get_socket_stats: no heap for "
				"socket %d or NULL stats\n", socket);
		rte_errno = EINVAL;
		return -1;
	}
	return malloc_heap_get_stats(heap, socket_stats);
}

void
rte_malloc_dump_stats(FILE *f, const char *type)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct rte_malloc_socket_stats st;
	int i;

	RTE_SET_USED(type);
	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];

		if (!heap->in_use)
			continue;
		malloc_heap_get_stats(heap, &st);
		fprintf(f, "Heap id:%d\n", i);
		fprintf(f, "\tHeap name:%s\n", heap->name);
		fprintf(f, "\tHeap_size:%zu,\n", st.heap_totalsz_bytes);
		fprintf(f, "\tFree_size:%zu,\n", st.heap_freesz_bytes);
		fprintf(f, "\tAlloc_size:%zu,\n", st.heap_allocsz_bytes);
		fprintf(f, "\tGreatest_free_size:%zu,\n",
				st.greatest_free_size);
		fprintf(f, "\tAlloc_count:%u,\n", st.alloc_count);
		fprintf(f, "\tFree_count:%u,\n", st.free_count);
	}
}

void
rte_malloc_dump_heaps(FILE *f)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int i;

	for (i = 0; i < RTE_MAX_HEAPS; i++)
		if (mcfg->malloc_heaps[i].in_use)
			malloc_heap_dump(&mcfg->malloc_heaps[i], f);
}
