/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Heap elements. Every byte a heap owns belongs to exactly one element:
 *
 *   | header (struct malloc_elem) | data ... | trailer cookie | slack |
 *   ^ elem                         ^ user pointer (busy elements)
 *
 * Elements of one heap form a doubly linked list sorted by address
 * (heap->first .. heap->last). Two neighbours on that list are merged only
 * when they are "joinable": VA-adjacent, inside the same memseg list and,
 * with --match-allocations, part of the same allocation run. So a hole
 * between two pages that are not adjacent (or belong to different lists) is
 * never bridged, and an element never spans memory the heap does not own.
 *
 * A busy element whose data had to be placed further in than the header
 * allows gets a PAD header just before the data; its pad field is the
 * distance back to the real header.
 *
 * Everything here lives in shared memory (hugepages or the shared config)
 * and holds only pointers into that memory, so a secondary that maps it at
 * the same address reads the same heap.
 */
#ifndef MALLOC_ELEM_H
#define MALLOC_ELEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_memory.h>

struct malloc_heap;

enum elem_state {
	ELEM_FREE = 0, /**< on a free list, mergeable */
	ELEM_BUSY,     /**< handed out to a user */
	ELEM_PAD,      /**< fake header in front of padded data */
	ELEM_CACHED,   /**< freed into a per-lcore cache, still owned */
	ELEM_TAKEN,    /**< taken out of a cache, on its way to the heap */
};

struct malloc_elem {
	/* first line: links and provenance, only used under the heap lock */
	struct malloc_elem *volatile prev; /**< previous element by address */
	struct malloc_elem *volatile next; /**< next element by address */
	LIST_ENTRY(malloc_elem) free_list; /**< links of the free list */
	struct rte_memseg_list *msl;       /**< list whose pages hold us */
	/* first element of the allocation run this memory came in with */
	struct malloc_elem *orig_elem;
	size_t orig_size;                  /**< length of that run */
	/* the line next to the data: all the lcore cache fast path reads */
	struct malloc_heap *heap __rte_cache_aligned;
	size_t size;                       /**< whole element with header */
	volatile uint32_t state;           /**< enum elem_state */
	uint32_t pad;                      /**< bytes of padding before data */
	uint32_t cache_lcore;              /**< whose cache holds it (CACHED) */
	uint64_t header_cookie;
	/* user data follows at the next cache line */
} __rte_cache_aligned;

#define MALLOC_ELEM_HEADER_LEN sizeof(struct malloc_elem)

/*
 * Every header carries a cookie, so a pointer that is not ours (or a header
 * a user overwrote) is refused cheaply. With RTE_MALLOC_DEBUG (-Dc_args=
 * -DRTE_MALLOC_DEBUG) a trailer cookie after the data also catches
 * overruns, at the cost of a cache line per element and a check per free.
 */
#define MALLOC_HEADER_COOKIE 0xbadbadbadadd2e55ULL
#ifdef RTE_MALLOC_DEBUG
#define MALLOC_TRAILER_COOKIE 0xadd2e55badbadbadULL
/* the trailer holds one cookie but takes a cache line to keep data aligned */
#define MALLOC_ELEM_TRAILER_LEN RTE_CACHE_LINE_SIZE
#else
#define MALLOC_ELEM_TRAILER_LEN 0
#endif

/** bytes an allocation costs on top of its (cache-line rounded) size */
#define MALLOC_ELEM_OVERHEAD (MALLOC_ELEM_HEADER_LEN + MALLOC_ELEM_TRAILER_LEN)

/* smallest element worth splitting off: a header, a line of data, trailer */
#define MIN_DATA_SIZE RTE_CACHE_LINE_SIZE
#define MALLOC_ELEM_MIN_SIZE (MALLOC_ELEM_OVERHEAD + MIN_DATA_SIZE)

static inline void *
malloc_elem_data(const struct malloc_elem *elem)
{
	return RTE_PTR_ADD(elem, MALLOC_ELEM_HEADER_LEN);
}

/* usable bytes of a busy element (between data start and trailer) */
static inline size_t
malloc_elem_data_size(const struct malloc_elem *elem)
{
	return elem->size - elem->pad - MALLOC_ELEM_OVERHEAD;
}

static inline uint64_t *
malloc_elem_trailer(const struct malloc_elem *elem)
{
	return RTE_PTR_SUB(RTE_PTR_ADD(elem, elem->size),
			MALLOC_ELEM_TRAILER_LEN);
}

static inline void
malloc_elem_set_cookies(struct malloc_elem *elem)
{
	elem->header_cookie = MALLOC_HEADER_COOKIE;
#ifdef RTE_MALLOC_DEBUG
	*malloc_elem_trailer(elem) = MALLOC_TRAILER_COOKIE;
#endif
}

/* header cookie only: for PAD headers, which have no trailer of their own */
static inline bool
malloc_elem_header_ok(const struct malloc_elem *elem)
{
	return elem->header_cookie == MALLOC_HEADER_COOKIE;
}

static inline bool
malloc_elem_cookies_ok(const struct malloc_elem *elem)
{
#ifdef RTE_MALLOC_DEBUG
	if (*malloc_elem_trailer(elem) != MALLOC_TRAILER_COOKIE)
		return false;
#endif
	return malloc_elem_header_ok(elem);
}

/*
 * The element owning a user pointer, or NULL when ptr cannot be one of ours
 * (misaligned, bad cookies, not busy). Reads only the headers in front of
 * ptr, so the caller must know ptr points into heap memory.
 */
struct malloc_elem *malloc_elem_from_data(const void *ptr);

/* make [start, start + size) of msl one element of heap (not linked yet) */
void malloc_elem_init(struct malloc_elem *elem, struct malloc_heap *heap,
		struct rte_memseg_list *msl, size_t size,
		struct malloc_elem *orig_elem, size_t orig_size);

/* may next and elem (next == elem->next) be one element? */
bool malloc_elem_joinable(const struct malloc_elem *elem,
		const struct malloc_elem *next);

/*
 * malloc_elem_joinable() for loops that read --match-allocations (match)
 * once: next follows elem in the same list, and with match set both come
 * from the same allocation.
 */
static inline bool
malloc_elem_adjacent(const struct malloc_elem *elem,
		const struct malloc_elem *next, bool match)
{
	if (next == NULL || RTE_PTR_ADD(elem, elem->size) != (const void *)next)
		return false;
	if (elem->msl != next->msl)
		return false;
	/* with --match-allocations, runs keep their own pages forever */
	return !match || elem->orig_elem == next->orig_elem;
}

/*
 * Where data of size bytes, aligned to align and not crossing a multiple of
 * bound (0 = none), would start if carved out of the tail of free element
 * elem; with contig, the data must also be IOVA-contiguous. NULL if it does
 * not fit.
 */
void *malloc_elem_find_data_start(const struct malloc_elem *elem, size_t size,
		size_t align, size_t bound, bool contig);

/* is [start, start + len) of msl one IOVA-contiguous run? */
bool malloc_elem_iova_contig(const struct rte_memseg_list *msl,
		const void *start, size_t len);

/* free-list index of an element of this size */
size_t malloc_elem_free_list_index(size_t size);

/* insert into / remove from its heap's address list and free list */
void malloc_elem_insert(struct malloc_elem *elem);
void malloc_elem_unlink(struct malloc_elem *elem);
void malloc_elem_free_list_insert(struct malloc_elem *elem);
void malloc_elem_free_list_remove(struct malloc_elem *elem);

/*
 * Carve a busy element whose data starts at data_start and holds size bytes
 * out of free element elem (taken off its free list here); returns it.
 */
struct malloc_elem *malloc_elem_alloc(struct malloc_elem *elem,
		void *data_start, size_t size);

/*
 * Return busy element elem to the free state, merging it with joinable free
 * neighbours; returns the resulting free element (on its free list).
 */
struct malloc_elem *malloc_elem_free(struct malloc_elem *elem);

/* grow busy elem in place to size data bytes if its free successor allows */
int malloc_elem_resize(struct malloc_elem *elem, size_t size);

/*
 * Split element elem at split_pt (cache-line aligned, at least
 * MALLOC_ELEM_MIN_SIZE from either end): the tail becomes a new element in
 * the same state class, inserted after elem. Returns the tail.
 */
struct malloc_elem *malloc_elem_split(struct malloc_elem *elem, void *split_pt);

/* IOVA of a byte of elem's memory, RTE_BAD_IOVA if unknown */
rte_iova_t malloc_elem_iova(const struct malloc_elem *elem, const void *addr);

/* one line describing elem */
void malloc_elem_dump(const struct malloc_elem *elem, FILE *f);

#endif /* MALLOC_ELEM_H */
