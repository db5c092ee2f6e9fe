/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Split enqueue/dequeue ("peek"): *_start claims slots and, for a dequeue,
 * copies the objects out; *_finish publishes, possibly fewer than were
 * claimed (the rest is given back). Between the two the caller may look at
 * the dequeued objects and decide how many to really take.
 *
 * Only sides with one operation in flight can do this: single-thread (ST)
 * sides and head/tail sync (HTS) sides. On an MT or RTS side *_start
 * returns 0. A start must be followed by its finish in the same thread
 * before the next start on that side.
 * Included by rte_ring_elem.h; do not include directly.
 */
#ifndef _RTE_RING_PEEK_H_
#define _RTE_RING_PEEK_H_

#ifdef __cplusplus
extern "C" {
#endif

/* claim up to n free slots without publishing them */
static __rte_always_inline unsigned int
__rte_ring_do_enqueue_start(struct rte_ring *r, uint32_t n,
		enum rte_ring_queue_behavior behavior, uint32_t *free_space)
{
	uint32_t free_entries = 0, head, next;

	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_move_prod_head(r, 1, n, behavior, &head, &next,
			&free_entries);
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_head(&r->hts_prod, &r->cons,
			r->capacity, n, behavior, &head, &free_entries);
		break;
	default:
		/* MT and RTS sides cannot hold a claim open */
		n = 0;
		break;
	}
	if (free_space != NULL)
		*free_space = free_entries - n;
	return n;
}

/**
 * Claim room for exactly n objects (or none) on an ST or HTS producer side.
 * @return n or 0; free_space, if set, gets the room left after the claim.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_start(r, n, RTE_RING_QUEUE_FIXED,
		free_space);
}

/** rte_ring_enqueue_bulk_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem_start(r, n, free_space);
}

/**
 * Claim room for up to n objects on an ST or HTS producer side.
 * @return the number claimed.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return __rte_ring_do_enqueue_start(r, n, RTE_RING_QUEUE_VARIABLE,
		free_space);
}

/** rte_ring_enqueue_burst_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_start(struct rte_ring *r, unsigned int n,
		unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem_start(r, n, free_space);
}

/**
 * Copy n objects of esize bytes into the claimed slots and publish them;
 * n may be less than claimed (the rest of the claim is released).
 */
static __rte_always_inline void
rte_ring_enqueue_elem_finish(struct rte_ring *r, const void *obj_table,
		unsigned int esize, unsigned int n)
{
	union __rte_ring_hts_pos p;
	uint32_t tail;

	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_ST:
		tail = r->prod.tail;
		RTE_ASSERT(r->prod.head - tail >= n);
		if (n != 0)
			__rte_ring_enqueue_elems(r, tail, obj_table, esize, n);
		r->prod.head = tail + n;
		__atomic_store_n(&r->prod.tail, tail + n, __ATOMIC_RELEASE);
		break;
	case RTE_RING_SYNC_MT_HTS:
		p.raw = __atomic_load_n(&r->hts_prod.ht.raw,
			__ATOMIC_RELAXED);
		tail = p.pos.tail;
		RTE_ASSERT(p.pos.head - tail >= n);
		if (n != 0)
			__rte_ring_enqueue_elems(r, tail, obj_table, esize, n);
		__rte_ring_hts_update_tail(&r->hts_prod, tail, n, 1);
		break;
	default:
		RTE_ASSERT(0);
	}
}

/** rte_ring_enqueue_elem_finish() for pointer rings. */
static __rte_always_inline void
rte_ring_enqueue_finish(struct rte_ring *r, void * const *obj_table,
		unsigned int n)
{
	rte_ring_enqueue_elem_finish(r, obj_table, sizeof(uintptr_t), n);
}

/* claim up to n objects and copy them out, without consuming them yet */
static __rte_always_inline unsigned int
__rte_ring_do_dequeue_start(struct rte_ring *r, void *obj_table,
		uint32_t esize, uint32_t n,
		enum rte_ring_queue_behavior behavior, uint32_t *available)
{
	uint32_t avail = 0, head = 0, next;

	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_ST:
		n = __rte_ring_move_cons_head(r, 1, n, behavior, &head, &next,
			&avail);
		break;
	case RTE_RING_SYNC_MT_HTS:
		n = __rte_ring_hts_move_head(&r->hts_cons, &r->prod, 0, n,
			behavior, &head, &avail);
		break;
	default:
		n = 0;
		break;
	}
	if (n != 0)
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
	if (available != NULL)
		*available = avail - n;
	return n;
}

/**
 * Copy out exactly n objects (or none) from an ST or HTS consumer side,
 * leaving them in the ring until rte_ring_dequeue_elem_finish().
 * @return n or 0.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem_start(struct rte_ring *r, void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, available);
}

/** rte_ring_dequeue_bulk_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_start(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem_start(r, obj_table,
		sizeof(uintptr_t), n, available);
}

/**
 * Copy out up to n objects from an ST or HTS consumer side.
 * @return the number copied.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem_start(struct rte_ring *r, void *obj_table,
		unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_start(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, available);
}

/** rte_ring_dequeue_burst_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_start(struct rte_ring *r, void **obj_table,
		unsigned int n, unsigned int *available)
{
	return rte_ring_dequeue_burst_elem_start(r, obj_table,
		sizeof(uintptr_t), n, available);
}

/**
 * Consume the first n of the objects the last dequeue start copied out;
 * the others stay in the ring.
 */
static __rte_always_inline void
rte_ring_dequeue_elem_finish(struct rte_ring *r, unsigned int n)
{
	union __rte_ring_hts_pos p;
	uint32_t tail;

	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_ST:
		tail = r->cons.tail;
		RTE_ASSERT(r->cons.head - tail >= n);
		r->cons.head = tail + n;
		__atomic_store_n(&r->cons.tail, tail + n, __ATOMIC_RELEASE);
		break;
	case RTE_RING_SYNC_MT_HTS:
		p.raw = __atomic_load_n(&r->hts_cons.ht.raw,
			__ATOMIC_RELAXED);
		tail = p.pos.tail;
		RTE_ASSERT(p.pos.head - tail >= n);
		__rte_ring_hts_update_tail(&r->hts_cons, tail, n, 0);
		break;
	default:
		RTE_ASSERT(0);
	}
}

/** rte_ring_dequeue_elem_finish() for pointer rings. */
static __rte_always_inline void
rte_ring_dequeue_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_PEEK_H_ */
