/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Head/tail moves of the MT and ST modes, with C11 memory ordering.
 * Internal: included by rte_ring_elem_pvt.h, not by applications.
 *
 * One side claims slots by advancing its head (a CAS when several threads
 * share the side, a plain store when one does), copies, then publishes by
 * advancing its tail to the new head once every earlier claim of that side
 * has published (tails move in claim order). The opposite side reads this
 * tail with acquire, which pairs with the release store here: slot contents
 * written before the store are visible to whoever sees the new tail.
 */
#ifndef _RTE_RING_C11_PVT_H_
#define _RTE_RING_C11_PVT_H_

/*
 * Publish [old_val, new_val) on side ht. A multi-thread side waits for
 * the claims before it to publish first; the acquire load keeps their
 * slot writes ordered before our release, so the chain stays transitive.
 */
static __rte_always_inline void
__rte_ring_update_tail(struct rte_ring_headtail *ht, uint32_t old_val,
		uint32_t new_val, uint32_t single, uint32_t enqueue)
{
	RTE_SET_USED(enqueue);
	if (!single)
		rte_wait_until_equal_32(&ht->tail, old_val, __ATOMIC_ACQUIRE);
	__atomic_store_n(&ht->tail, new_val, __ATOMIC_RELEASE);
}

/*
 * Claim up to n slots on side d, limited by the other side's tail: the
 * room is cap + other_tail - head (cap is the capacity for producers, 0
 * for consumers). Returns the number claimed (0 if none) and the old head,
 * new head and the room there was before the claim.
 */
static __rte_always_inline unsigned int
__rte_ring_headtail_move_head(struct rte_ring_headtail *d,
		const struct rte_ring_headtail *s, uint32_t cap,
		unsigned int is_st, unsigned int n,
		enum rte_ring_queue_behavior behavior,
		uint32_t *old_head, uint32_t *new_head, uint32_t *entries)
{
	const unsigned int max = n;
	int success;

	*old_head = __atomic_load_n(&d->head, __ATOMIC_RELAXED);
	do {
		n = max;
		/*
		 * the head must be read before the other side's tail: a
		 * stale head with a fresh tail could overstate the room.
		 */
		__atomic_thread_fence(__ATOMIC_ACQUIRE);
		*entries = cap + __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE) -
			*old_head;
		if (unlikely(n > *entries))
			n = (behavior == RTE_RING_QUEUE_FIXED) ? 0 : *entries;
		if (n == 0)
			return 0;
		*new_head = *old_head + n;
		if (is_st) {
			d->head = *new_head;
			success = 1;
		} else {
			/* a failed CAS reloads old_head for the next try */
			success = __atomic_compare_exchange_n(&d->head,
				old_head, *new_head, 0, __ATOMIC_RELAXED,
				__ATOMIC_RELAXED);
		}
	} while (unlikely(success == 0));
	return n;
}

/* producer side: claim room for up to n objects */
static __rte_always_inline unsigned int
__rte_ring_move_prod_head(struct rte_ring *r, unsigned int is_sp,
		unsigned int n, enum rte_ring_queue_behavior behavior,
		uint32_t *old_head, uint32_t *new_head,
		uint32_t *free_entries)
{
	return __rte_ring_headtail_move_head(&r->prod, &r->cons,
		r->capacity, is_sp, n, behavior, old_head, new_head,
		free_entries);
}

/* consumer side: claim up to n filled slots */
static __rte_always_inline unsigned int
__rte_ring_move_cons_head(struct rte_ring *r, unsigned int is_sc,
		unsigned int n, enum rte_ring_queue_behavior behavior,
		uint32_t *old_head, uint32_t *new_head,
		uint32_t *entries)
{
	return __rte_ring_headtail_move_head(&r->cons, &r->prod, 0,
		is_sc, n, behavior, old_head, new_head, entries);
}

#endif /* _RTE_RING_C11_PVT_H_ */
