/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Heap elements: placement, split, merge and resize. Every function here
 * expects the lock of the element's heap to be held by the caller; none of
 * them takes a lock, sleeps or does I/O.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_fbarray.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

/* ---------------------------------------------------------------------- */
/* basic element bookkeeping                                                */

void
malloc_elem_init(struct malloc_elem *elem, struct malloc_heap *heap,
		struct rte_memseg_list *msl, size_t size,
		struct malloc_elem *orig_elem, size_t orig_size)
{
	elem->heap = heap;
	elem->msl = msl;
	elem->prev = NULL;
	elem->next = NULL;
	memset(&elem->free_list, 0, sizeof(elem->free_list));
	elem->orig_elem = orig_elem;
	elem->orig_size = orig_size;
	elem->size = size;
	elem->state = ELEM_FREE;
	elem->pad = 0;
	malloc_elem_set_cookies(elem);
}

bool
malloc_elem_joinable(const struct malloc_elem *elem,
		const struct malloc_elem *next)
{
	return malloc_elem_adjacent(elem, next,
			eal_get_internal_configuration()->match_allocations);
}

size_t
malloc_elem_free_list_index(size_t size)
{
	/* class k holds sizes in [2^(k+8), 2^(k+9)); smaller go to class 0 */
	unsigned int log2;

	if (size < 512)
		return 0;
	log2 = 63 - __builtin_clzll(size);
	if (log2 - 8 >= RTE_HEAP_NUM_FREELISTS)
		return RTE_HEAP_NUM_FREELISTS - 1;
	return log2 - 8;
}

void
malloc_elem_free_list_insert(struct malloc_elem *elem)
{
	size_t idx = malloc_elem_free_list_index(elem->size);

	elem->state = ELEM_FREE;
	LIST_INSERT_HEAD(&elem->heap->free_head[idx], elem, free_list);
}

void
malloc_elem_free_list_remove(struct malloc_elem *elem)
{
	LIST_REMOVE(elem, free_list);
	memset(&elem->free_list, 0, sizeof(elem->free_list));
}

/* insert elem into the heap's address-sorted list */
void
malloc_elem_insert(struct malloc_elem *elem)
{
	struct malloc_heap *heap = elem->heap;
	struct malloc_elem *prev, *next;

	if (heap->first == NULL) {
		elem->prev = elem->next = NULL;
		heap->first = heap->last = elem;
		return;
	}
	/* new memory usually lands near one end; walk from the closer one */
	if (RTE_PTR_DIFF(elem, heap->first) < RTE_PTR_DIFF(heap->last, elem) ||
			(void *)elem < (void *)heap->first) {
		next = heap->first;
		while (next != NULL && next < elem)
			next = next->next;
		prev = next != NULL ? next->prev : heap->last;
	} else {
		prev = heap->last;
		while (prev != NULL && prev > elem)
			prev = prev->prev;
		next = prev != NULL ? prev->next : heap->first;
	}
	elem->prev = prev;
	elem->next = next;
	if (prev != NULL)
		prev->next = elem;
	else
		heap->first = elem;
	if (next != NULL)
		next->prev = elem;
	else
		heap->last = elem;
}

void
malloc_elem_unlink(struct malloc_elem *elem)
{
	struct malloc_heap *heap = elem->heap;

	if (elem->prev != NULL)
		elem->prev->next = elem->next;
	else
		heap->first = elem->next;
	if (elem->next != NULL)
		elem->next->prev = elem->prev;
	else
		heap->last = elem->prev;
	elem->prev = elem->next = NULL;
}

/* a header that no longer starts an element must not look like one */
static void
malloc_elem_poison(struct malloc_elem *elem)
{
	elem->header_cookie = 0;
	elem->state = ELEM_FREE;
	elem->heap = NULL;
}

struct malloc_elem *
malloc_elem_split(struct malloc_elem *elem, void *split_pt)
{
	struct malloc_elem *tail = split_pt;
	size_t tail_size = RTE_PTR_DIFF(RTE_PTR_ADD(elem, elem->size), tail);

	malloc_elem_init(tail, elem->heap, elem->msl, tail_size,
			elem->orig_elem, elem->orig_size);
	elem->size -= tail_size;
	tail->prev = elem;
	tail->next = elem->next;
	if (elem->next != NULL)
		elem->next->prev = tail;
	else
		elem->heap->last = tail;
	elem->next = tail;
	malloc_elem_set_cookies(elem);
	return tail;
}

/* ---------------------------------------------------------------------- */
/* placement                                                              */

static const struct rte_memseg *
msl_seg(const struct rte_memseg_list *msl, const void *addr)
{
	size_t idx = RTE_PTR_DIFF(addr, msl->base_va) / msl->page_sz;

	return rte_fbarray_get(&msl->memseg_arr, idx);
}

/*
 * Address of the first page of [start, start + len) after which IOVAs stop
 * following on, NULL when the range is one IOVA-contiguous run.
 */
static const void *
iova_break(const struct rte_memseg_list *msl, const void *start, size_t len)
{
	const void *page = RTE_PTR_ALIGN_FLOOR(start, msl->page_sz);
	const void *end = RTE_PTR_ADD(start, len);
	const void *brk = NULL;
	const struct rte_memseg *ms = msl_seg(msl, page);
	rte_iova_t expect;

	if (ms == NULL || ms->iova == RTE_BAD_IOVA)
		return page;
	expect = ms->iova + msl->page_sz;
	for (page = RTE_PTR_ADD(page, msl->page_sz); page < end;
			page = RTE_PTR_ADD(page, msl->page_sz)) {
		ms = msl_seg(msl, page);
		if (ms == NULL || ms->iova != expect)
			brk = page; /* keep the highest break */
		expect = (ms != NULL ? ms->iova : RTE_BAD_IOVA) + msl->page_sz;
	}
	return brk;
}

bool
malloc_elem_iova_contig(const struct rte_memseg_list *msl, const void *start,
		size_t len)
{
	const void *brk = iova_break(msl, start, len);

	return brk == NULL;
}

/* data start for [.., end) or NULL; applies align and bound */
static void *
place_below(const struct malloc_elem *elem, void *end, size_t size,
		size_t align, size_t bound)
{
	uintptr_t data_end, data_start, head, first;

	if (RTE_PTR_DIFF(end, elem) < MALLOC_ELEM_OVERHEAD + size)
		return NULL;
	data_end = (uintptr_t)end - MALLOC_ELEM_TRAILER_LEN;
	data_start = RTE_ALIGN_FLOOR(data_end - size, align);
	if (bound != 0 && ((data_start ^ (data_start + size - 1)) &
			~((uintptr_t)bound - 1)) != 0) {
		/* end the data on the boundary it would have crossed */
		data_end = RTE_ALIGN_FLOOR(data_start + size - 1, bound);
		if (data_end < size)
			return NULL;
		data_start = RTE_ALIGN_FLOOR(data_end - size, align);
		if (((data_start ^ (data_start + size - 1)) &
				~((uintptr_t)bound - 1)) != 0)
			return NULL;
	}
	if (data_start < (uintptr_t)elem + MALLOC_ELEM_HEADER_LEN)
		return NULL;
	head = data_start - MALLOC_ELEM_HEADER_LEN - (uintptr_t)elem;
	/*
	 * too little in front to split off a free element: start the data
	 * right after the real header when alignment and bound allow, so
	 * no PAD header is needed (and plain requests never get one)
	 */
	first = (uintptr_t)elem + MALLOC_ELEM_HEADER_LEN;
	if (head != 0 && head < MALLOC_ELEM_MIN_SIZE &&
			(first & (align - 1)) == 0 && (bound == 0 ||
			((first ^ (first + size - 1)) &
			~((uintptr_t)bound - 1)) == 0))
		return (void *)first;
	if (head != 0 && head < MALLOC_ELEM_HEADER_LEN) {
		/* a PAD header would overlap the real one: go lower */
		data_start = RTE_ALIGN_FLOOR(data_start -
				(MALLOC_ELEM_HEADER_LEN - head), align);
		if (data_start < (uintptr_t)elem + MALLOC_ELEM_HEADER_LEN ||
				(bound != 0 && ((data_start ^ (data_start +
				size - 1)) & ~((uintptr_t)bound - 1)) != 0))
			return NULL;
	}
	return (void *)data_start;
}

void *
malloc_elem_find_data_start(const struct malloc_elem *elem, size_t size,
		size_t align, size_t bound, bool contig)
{
	void *end = RTE_PTR_ADD(elem, elem->size);
	void *start;
	const void *brk;

	/* each retry ends the data at a lower page break, so this terminates */
	for (;;) {
		start = place_below(elem, end, size, align, bound);
		if (start == NULL || !contig)
			return start;
		brk = iova_break(elem->msl, start, size);
		if (brk == NULL)
			return start;
		/* data must end at or below the break: retry lower down */
		end = RTE_PTR_ADD(brk, MALLOC_ELEM_TRAILER_LEN);
	}
}

/* ---------------------------------------------------------------------- */
/* allocate, free, resize                                                 */

struct malloc_elem *
malloc_elem_alloc(struct malloc_elem *elem, void *data_start, size_t size)
{
	struct malloc_elem *hdr = RTE_PTR_SUB(data_start,
			MALLOC_ELEM_HEADER_LEN);
	void *trailer_end = RTE_PTR_ADD(data_start,
			size + MALLOC_ELEM_TRAILER_LEN);
	size_t head = RTE_PTR_DIFF(hdr, elem);
	size_t tail = RTE_PTR_DIFF(RTE_PTR_ADD(elem, elem->size), trailer_end);
	struct malloc_elem *rest;

	malloc_elem_free_list_remove(elem);
	if (tail >= MALLOC_ELEM_MIN_SIZE) {
		rest = malloc_elem_split(elem, trailer_end);
		malloc_elem_free_list_insert(rest);
	}
	if (head >= MALLOC_ELEM_MIN_SIZE) {
		rest = elem;
		elem = malloc_elem_split(elem, hdr);
		malloc_elem_free_list_insert(rest);
		head = 0;
	}
	elem->state = ELEM_BUSY;
	elem->pad = (uint32_t)head;
	if (head != 0) {
		/* too little room to split: a PAD header points back */
		hdr->heap = elem->heap;
		hdr->state = ELEM_PAD;
		hdr->pad = (uint32_t)head;
		hdr->size = elem->size - head;
		hdr->msl = elem->msl;
		hdr->header_cookie = elem->header_cookie;
	}
	malloc_elem_set_cookies(elem);
	return elem;
}

/* absorb next (free, joinable) into elem */
static void
absorb_next(struct malloc_elem *elem)
{
	struct malloc_elem *next = elem->next;

	malloc_elem_free_list_remove(next);
	malloc_elem_unlink(next);
	elem->size += next->size;
	malloc_elem_poison(next);
}

struct malloc_elem *
malloc_elem_free(struct malloc_elem *elem)
{
	struct malloc_elem *prev = elem->prev;
	struct malloc_elem *next = elem->next;

	if (elem->pad != 0)
		malloc_elem_poison(RTE_PTR_ADD(elem, elem->pad));
	elem->pad = 0;
	elem->state = ELEM_FREE;
	if (next != NULL && next->state == ELEM_FREE &&
			malloc_elem_joinable(elem, next))
		absorb_next(elem);
	if (prev != NULL && prev->state == ELEM_FREE &&
			malloc_elem_joinable(prev, elem)) {
		malloc_elem_free_list_remove(prev);
		malloc_elem_unlink(elem);
		prev->size += elem->size;
		malloc_elem_poison(elem);
		elem = prev;
	}
	malloc_elem_set_cookies(elem);
	malloc_elem_free_list_insert(elem);
	return elem;
}

int
malloc_elem_resize(struct malloc_elem *elem, size_t size)
{
	size_t cur = malloc_elem_data_size(elem);
	struct malloc_elem *next = elem->next;
	void *data = RTE_PTR_ADD(elem, elem->pad + MALLOC_ELEM_HEADER_LEN);
	void *trailer_end;
	struct malloc_elem *tail;

	if (size > cur) {
		if (next == NULL || next->state != ELEM_FREE ||
				!malloc_elem_joinable(elem, next) ||
				cur + next->size < size)
			return -ENOSPC;
		absorb_next(elem);
	}
	/* hand back what is left after the data if it makes an element */
	trailer_end = RTE_PTR_ADD(data, size + MALLOC_ELEM_TRAILER_LEN);
	if (RTE_PTR_DIFF(RTE_PTR_ADD(elem, elem->size), trailer_end) >=
			MALLOC_ELEM_MIN_SIZE) {
		tail = malloc_elem_split(elem, trailer_end);
		tail->state = ELEM_BUSY;
		malloc_elem_free(tail);
	}
	if (elem->pad != 0)
		((struct malloc_elem *)RTE_PTR_ADD(elem, elem->pad))->size =
			elem->size - elem->pad;
	malloc_elem_set_cookies(elem);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* lookups and dumps                                                      */

struct malloc_elem *
malloc_elem_from_data(const void *ptr)
{
	struct malloc_elem *hdr, *elem;

	if (ptr == NULL || ((uintptr_t)ptr & (RTE_CACHE_LINE_SIZE - 1)) != 0)
		return NULL;
	hdr = RTE_PTR_SUB(ptr, MALLOC_ELEM_HEADER_LEN);
	if (!malloc_elem_header_ok(hdr))
		return NULL;
	elem = hdr;
	if (hdr->state == ELEM_PAD) {
		elem = RTE_PTR_SUB(hdr, hdr->pad);
		if (!malloc_elem_header_ok(elem) || elem->pad != hdr->pad)
			return NULL;
	}
	if (elem->state != ELEM_BUSY || elem->size < MALLOC_ELEM_MIN_SIZE ||
			!malloc_elem_cookies_ok(elem))
		return NULL;
	return elem;
}

rte_iova_t
malloc_elem_iova(const struct malloc_elem *elem, const void *addr)
{
	const struct rte_memseg *ms = msl_seg(elem->msl, addr);

	if (ms == NULL || ms->iova == RTE_BAD_IOVA)
		return RTE_BAD_IOVA;
	return ms->iova + RTE_PTR_DIFF(addr, ms->addr);
}

static const char *
elem_state_name(uint32_t state)
{
	switch (state) {
	case ELEM_FREE: return "free";
	case ELEM_BUSY: return "busy";
	case ELEM_PAD: return "pad";
	case ELEM_CACHED: return "cached";
	case ELEM_TAKEN: return "taken";
	default: return "?";
	}
}

void
malloc_elem_dump(const struct malloc_elem *elem, FILE *f)
{
	fprintf(f, "  elem %p size %zu state %s pad %u msl %p run %p+%zu\n",
			(const void *)elem, elem->size,
			elem_state_name(elem->state), elem->pad,
			(void *)elem->msl, (void *)elem->orig_elem,
			elem->orig_size);
}
