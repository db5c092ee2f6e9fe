/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Relaxed tail sync (RTS): head and tail each carry a counter next to the
 * position. Claiming bumps head.cnt with the position (one 64-bit CAS).
 * Finishing bumps tail.cnt; the thread whose bump makes tail.cnt equal
 * head.cnt (every claim so far has finished) moves tail.pos to head.pos.
 * So no thread waits for a particular other thread to finish, unlike MT,
 * which helps when threads are preempted. The head may run at most htd_max
 * ahead of the tail so the tail is not starved forever.
 * Internal: included by rte_ring_rts.h.
 */
#ifndef _RTE_RING_RTS_ELEM_PVT_H_
#define _RTE_RING_RTS_ELEM_PVT_H_

/* one operation of side ht ended; maybe move the tail up to the head */
static __rte_always_inline void
__rte_ring_rts_update_tail(struct rte_ring_rts_headtail *ht)
{
	union __rte_ring_rts_poscnt h, ot, nt;

	/*
	 * read the tail first (acquire), the head after: a head older than
	 * the tail's latest finisher is then impossible, so cnt equality
	 * really means every claim up to h.pos has finished.
	 */
	ot.raw = __atomic_load_n(&ht->tail.raw, __ATOMIC_ACQUIRE);
	do {
		h.raw = __atomic_load_n(&ht->head.raw, __ATOMIC_RELAXED);
		nt.raw = ot.raw;
		if (++nt.val.cnt == h.val.cnt)
			nt.val.pos = h.val.pos;
	} while (__atomic_compare_exchange_n(&ht->tail.raw, &ot.raw, nt.raw,
			0, __ATOMIC_RELEASE, __ATOMIC_ACQUIRE) == 0);
}

/* wait while the head is too far ahead of the tail */
static __rte_always_inline void
__rte_ring_rts_head_wait(const struct rte_ring_rts_headtail *ht,
		union __rte_ring_rts_poscnt *h)
{
	uint32_t max = ht->htd_max;

	while (h->val.pos - __atomic_load_n(&ht->tail.val.pos,
			__ATOMIC_RELAXED) > max) {
		rte_pause();
		h->raw = __atomic_load_n(&ht->head.raw, __ATOMIC_ACQUIRE);
	}
}

/* claim up to n slots on RTS side d against the other side's tail */
static __rte_always_inline unsigned int
__rte_ring_rts_move_head(struct rte_ring_rts_headtail *d,
		const struct rte_ring_headtail *s, uint32_t cap,
		unsigned int n, enum rte_ring_queue_behavior behavior,
		uint32_t *old_head, uint32_t *entries)
{
	const unsigned int max = n;
	union __rte_ring_rts_poscnt oh, nh;

	oh.raw = __atomic_load_n(&d->head.raw, __ATOMIC_ACQUIRE);
	do {
		n = max;
		__rte_ring_rts_head_wait(d, &oh);
		*entries = cap + __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE) -
			oh.val.pos;
		if (unlikely(n > *entries))
			n = (behavior == RTE_RING_QUEUE_FIXED) ? 0 : *entries;
		if (n == 0)
			break;
		nh.val.pos = oh.val.pos + n;
		nh.val.cnt = oh.val.cnt + 1;
	} while (__atomic_compare_exchange_n(&d->head.raw, &oh.raw, nh.raw,
			0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE) == 0);
	*old_head = oh.val.pos;
	return n;
}

/* RTS enqueue: claim, copy, finish */
static __rte_always_inline unsigned int
__rte_ring_do_rts_enqueue_elem(struct rte_ring *r, const void *obj_table,
		uint32_t esize, uint32_t n,
		enum rte_ring_queue_behavior behavior, uint32_t *free_space)
{
	uint32_t free_entries, head;

	n = __rte_ring_rts_move_head(&r->rts_prod, &r->cons, r->capacity,
		n, behavior, &head, &free_entries);
	if (n != 0) {
		__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(&r->rts_prod);
	}
	if (free_space != NULL)
		*free_space = free_entries - n;
	return n;
}

/* RTS dequeue: claim, copy, finish */
static __rte_always_inline unsigned int
__rte_ring_do_rts_dequeue_elem(struct rte_ring *r, void *obj_table,
		uint32_t esize, uint32_t n,
		enum rte_ring_queue_behavior behavior, uint32_t *available)
{
	uint32_t entries, head;

	n = __rte_ring_rts_move_head(&r->rts_cons, &r->prod, 0, n,
		behavior, &head, &entries);
	if (n != 0) {
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
		__rte_ring_rts_update_tail(&r->rts_cons);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

#endif /* _RTE_RING_RTS_ELEM_PVT_H_ */
