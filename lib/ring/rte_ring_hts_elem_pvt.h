/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Head/tail sync (HTS): at most one operation is in flight per side. A
 * thread may move the head only while head == tail, with one 64-bit CAS of
 * the pair; it then copies and sets tail = head with a release store. This
 * serialises each side, which suits over-committed threads (no thread waits
 * on a preempted one mid-copy) and lets peek/zero-copy work in MT mode.
 * Internal: included by rte_ring_hts.h.
 */
#ifndef _RTE_RING_HTS_ELEM_PVT_H_
#define _RTE_RING_HTS_ELEM_PVT_H_

/* publish: the single in-flight operation ends, tail catches up to head */
static __rte_always_inline void
__rte_ring_hts_update_tail(struct rte_ring_hts_headtail *ht,
		uint32_t old_tail, uint32_t num, uint32_t enqueue)
{
	union __rte_ring_hts_pos p;

	RTE_SET_USED(enqueue);
	p.pos.head = old_tail + num;
	p.pos.tail = p.pos.head;
	__atomic_store_n(&ht->ht.raw, p.raw, __ATOMIC_RELEASE);
}

/* spin until the operation in flight (if any) on this side has ended */
static __rte_always_inline void
__rte_ring_hts_head_wait(const struct rte_ring_hts_headtail *ht,
		union __rte_ring_hts_pos *p)
{
	while (p->pos.head != p->pos.tail) {
		rte_pause();
		p->raw = __atomic_load_n(&ht->ht.raw, __ATOMIC_ACQUIRE);
	}
}

/*
 * Claim up to n slots on HTS side d against the other side's tail (which
 * any mode keeps at offset 4, read through s->tail). cap as in the MT move.
 */
static __rte_always_inline unsigned int
__rte_ring_hts_move_head(struct rte_ring_hts_headtail *d,
		const struct rte_ring_headtail *s, uint32_t cap,
		unsigned int n, enum rte_ring_queue_behavior behavior,
		uint32_t *old_head, uint32_t *entries)
{
	const unsigned int max = n;
	union __rte_ring_hts_pos op, np;

	op.raw = __atomic_load_n(&d->ht.raw, __ATOMIC_ACQUIRE);
	do {
		n = max;
		__rte_ring_hts_head_wait(d, &op);
		/* the acquire above orders this read after the head read */
		*entries = cap + __atomic_load_n(&s->tail, __ATOMIC_ACQUIRE) -
			op.pos.head;
		if (unlikely(n > *entries))
			n = (behavior == RTE_RING_QUEUE_FIXED) ? 0 : *entries;
		if (n == 0)
			break;
		np.pos.tail = op.pos.tail;
		np.pos.head = op.pos.head + n;
	} while (__atomic_compare_exchange_n(&d->ht.raw, &op.raw, np.raw,
			0, __ATOMIC_ACQUIRE, __ATOMIC_ACQUIRE) == 0);
	*old_head = op.pos.head;
	return n;
}

/* HTS enqueue: claim, copy, publish */
static __rte_always_inline unsigned int
__rte_ring_do_hts_enqueue_elem(struct rte_ring *r, const void *obj_table,
		uint32_t esize, uint32_t n,
		enum rte_ring_queue_behavior behavior, uint32_t *free_space)
{
	uint32_t free_entries, head;

	n = __rte_ring_hts_move_head(&r->hts_prod, &r->cons, r->capacity,
		n, behavior, &head, &free_entries);
	if (n != 0) {
		__rte_ring_enqueue_elems(r, head, obj_table, esize, n);
		__rte_ring_hts_update_tail(&r->hts_prod, head, n, 1);
	}
	if (free_space != NULL)
		*free_space = free_entries - n;
	return n;
}

/* HTS dequeue: claim, copy, publish */
static __rte_always_inline unsigned int
__rte_ring_do_hts_dequeue_elem(struct rte_ring *r, void *obj_table,
		uint32_t esize, uint32_t n,
		enum rte_ring_queue_behavior behavior, uint32_t *available)
{
	uint32_t entries, head;

	n = __rte_ring_hts_move_head(&r->hts_cons, &r->prod, 0, n,
		behavior, &head, &entries);
	if (n != 0) {
		__rte_ring_dequeue_elems(r, head, obj_table, esize, n);
		__rte_ring_hts_update_tail(&r->hts_cons, head, n, 0);
	}
	if (available != NULL)
		*available = entries - n;
	return n;
}

#endif /* _RTE_RING_HTS_ELEM_PVT_H_ */
