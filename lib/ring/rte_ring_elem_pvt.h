/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal fast path shared by every sync mode: copying objects in and out
 * of the slot array (with the split at the end of the array), and the
 * MT/ST enqueue and dequeue built on rte_ring_c11_pvt.h.
 * Internal: included by rte_ring_elem.h, not by applications.
 */
#ifndef _RTE_RING_ELEM_PVT_H_
#define _RTE_RING_ELEM_PVT_H_

/* the user's table may be only 4-byte aligned: esize is a multiple of 4 */
typedef uint64_t __rte_ring_u64_t __rte_aligned(4);

/*
 * Copy n units of 8 bytes between the slot array (size units, starting at
 * unit idx) and a flat table. to_ring picks the direction; the copy wraps
 * to the start of the array when it runs past the end.
 */
static __rte_always_inline void
__rte_ring_copy_u64(uint64_t *ring, uint32_t size, uint32_t idx,
		__rte_ring_u64_t *tbl, uint32_t n, int to_ring)
{
	uint32_t first = RTE_MIN(n, size - idx);
	uint32_t i;

	if (to_ring) {
		for (i = 0; i < first; i++)
			ring[idx + i] = tbl[i];
		for (; i < n; i++)
			ring[i - first] = tbl[i];
	} else {
		for (i = 0; i < first; i++)
			tbl[i] = ring[idx + i];
		for (; i < n; i++)
			tbl[i] = ring[i - first];
	}
}

/* the same in units of 4 bytes, for element sizes not a multiple of 8 */
static __rte_always_inline void
__rte_ring_copy_u32(uint32_t *ring, uint32_t size, uint32_t idx,
		uint32_t *tbl, uint32_t n, int to_ring)
{
	uint32_t first = RTE_MIN(n, size - idx);
	uint32_t i;

	if (to_ring) {
		for (i = 0; i < first; i++)
			ring[idx + i] = tbl[i];
		for (; i < n; i++)
			ring[i - first] = tbl[i];
	} else {
		for (i = 0; i < first; i++)
			tbl[i] = ring[idx + i];
		for (; i < n; i++)
			tbl[i] = ring[i - first];
	}
}

/*
 * Copy num objects of esize bytes between the table and the slots starting
 * at ring position pos. An element of k*8 bytes is k units of 8 bytes, so
 * one unit loop covers every size.
 */
static __rte_always_inline void
__rte_ring_copy_elems(struct rte_ring *r, uint32_t pos, void *tbl,
		uint32_t esize, uint32_t num, int to_ring)
{
	uint32_t idx = pos & r->mask;
	void *slots = &r[1];

	if (esize == 8) {
		__rte_ring_copy_u64((uint64_t *)slots, r->size, idx,
			(__rte_ring_u64_t *)tbl, num, to_ring);
	} else if ((esize & 7) == 0) {
		uint32_t k = esize / 8;

		__rte_ring_copy_u64((uint64_t *)slots, r->size * k, idx * k,
			(__rte_ring_u64_t *)tbl, num * k, to_ring);
	} else {
		uint32_t k = esize / 4;

		__rte_ring_copy_u32((uint32_t *)slots, r->size * k, idx * k,
			(uint32_t *)tbl, num * k, to_ring);
	}
}

/* copy num objects from obj_table into the slots claimed at prod_head */
static __rte_always_inline void
__rte_ring_enqueue_elems(struct rte_ring *r, uint32_t prod_head,
		const void *obj_table, uint32_t esize, uint32_t num)
{
	__rte_ring_copy_elems(r, prod_head, (void *)(uintptr_t)obj_table,
		esize, num, 1);
}

/* copy num objects from the slots claimed at cons_head into obj_table */
static __rte_always_inline void
__rte_ring_dequeue_elems(struct rte_ring *r, uint32_t cons_head,
		void *obj_table, uint32_t esize, uint32_t num)
{
	__rte_ring_copy_elems(r, cons_head, obj_table, esize, num, 0);
}

#include "rte_ring_c11_pvt.h"

/*
 * Enqueue on an MT or ST producer side. Returns the number enqueued (0 or
 * n for FIXED) and, if free_space is set, the room left afterwards.
 */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_elem(struct rte_ring *r, const void *obj_table,
		unsigned int esize, unsigned int n,
		enum rte_ring_queue_behavior behavior, unsigned int is_sp,
		unsigned int *free_space)
{
	uint32_t prod_head, prod_next;
	uint32_t free_entries;

	n = __rte_ring_move_prod_head(r, is_sp, n, behavior,
		&prod_head, &prod_next, &free_entries);
	if (n != 0) {
		__rte_ring_enqueue_elems(r, prod_head, obj_table, esize, n);
		__rte_ring_update_tail(&r->prod, prod_head, prod_next,
			is_sp, 1);
	}
	if (free_space != NULL)
		*free_space = free_entries - n;
	return n;
}

/*
 * Dequeue from an MT or ST consumer side. Returns the number dequeued and,
 * if available is set, how many objects remain.
 */
static __rte_always_inline unsigned int
__rte_ring_do_dequeue_elem(struct rte_ring *r, void *obj_table,
		unsigned int esize, unsigned int n,
		enum rte_ring_queue_behavior behavior, unsigned int is_sc,
		unsigned int *available)
{
	uint32_t cons_head, cons_next;
	uint32_t entries;

	n = __rte_ring_move_cons_head(r, is_sc, n, behavior,
		&cons_head, &cons_next, &entries);
	if (n != 0) {
		__rte_ring_dequeue_elems(r, cons_head, obj_table, esize, n);
		__rte_ring_update_tail(&r->cons, cons_head, cons_next,
			is_sc, 0);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

#endif /* _RTE_RING_ELEM_PVT_H_ */
