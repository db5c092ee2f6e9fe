/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Zero-copy split enqueue/dequeue: *_zc_*_start claims slots and hands back
 * where they are in the ring (two pieces when the claim runs past the end
 * of the slot array), the caller reads or writes the objects in place, and
 * *_zc_finish publishes n of them (n may be less than claimed).
 *
 * Like rte_ring_peek.h, only ST and HTS sides can do this; on MT and RTS
 * sides a start returns 0. Included by rte_ring_elem.h.
 */
#ifndef _RTE_RING_PEEK_ZC_H_
#define _RTE_RING_PEEK_ZC_H_

#ifdef __cplusplus
extern "C" {
#endif

/** Where the claimed objects are: n1 at ptr1, the rest at ptr2. */
struct rte_ring_zc_data {
	void *ptr1;      /**< first claimed object */
	void *ptr2;      /**< start of the slot array if the claim wraps */
	unsigned int n1; /**< objects at ptr1; the others are at ptr2 */
} __rte_cache_aligned;

/* fill zcd for num objects of esize bytes from ring position pos */
static __rte_always_inline void
__rte_ring_zc_locate(struct rte_ring *r, uint32_t pos, uint32_t esize,
		uint32_t num, struct rte_ring_zc_data *zcd)
{
	uint32_t idx = pos & r->mask;
	uint8_t *slots = (uint8_t *)&r[1];

	zcd->ptr1 = slots + (size_t)idx * esize;
	zcd->n1 = RTE_MIN(num, r->size - idx);
	zcd->ptr2 = (zcd->n1 < num) ? (void *)slots : NULL;
}

/* claim up to n slots on an ST/HTS side (prod != 0: producer side) */
static __rte_always_inline unsigned int
__rte_ring_zc_claim(struct rte_ring *r, int prod, uint32_t esize,
		uint32_t n, enum rte_ring_queue_behavior behavior,
		struct rte_ring_zc_data *zcd, unsigned int *left)
{
	enum rte_ring_sync_type st = prod ? r->prod.sync_type :
		r->cons.sync_type;
	uint32_t avail = 0, head = 0, next;

	if (st == RTE_RING_SYNC_ST && prod)
		n = __rte_ring_move_prod_head(r, 1, n, behavior, &head,
			&next, &avail);
	else if (st == RTE_RING_SYNC_ST)
		n = __rte_ring_move_cons_head(r, 1, n, behavior, &head,
			&next, &avail);
	else if (st == RTE_RING_SYNC_MT_HTS && prod)
		n = __rte_ring_hts_move_head(&r->hts_prod, &r->cons,
			r->capacity, n, behavior, &head, &avail);
	else if (st == RTE_RING_SYNC_MT_HTS)
		n = __rte_ring_hts_move_head(&r->hts_cons, &r->prod, 0, n,
			behavior, &head, &avail);
	else
		n = 0; /* MT and RTS sides cannot hold a claim open */
	if (n != 0)
		__rte_ring_zc_locate(r, head, esize, n, zcd);
	if (left != NULL)
		*left = avail - n;
	return n;
}

/* publish n of the claimed slots of an ST/HTS side, release the rest */
static __rte_always_inline void
__rte_ring_zc_publish(struct rte_ring *r, int prod, uint32_t n)
{
	struct rte_ring_headtail *ht = prod ? &r->prod : &r->cons;
	struct rte_ring_hts_headtail *hts = prod ? &r->hts_prod :
		&r->hts_cons;
	union __rte_ring_hts_pos p;
	uint32_t tail;

	if (ht->sync_type == RTE_RING_SYNC_ST) {
		tail = ht->tail;
		RTE_ASSERT(ht->head - tail >= n);
		ht->head = tail + n;
		__atomic_store_n(&ht->tail, tail + n, __ATOMIC_RELEASE);
	} else if (ht->sync_type == RTE_RING_SYNC_MT_HTS) {
		p.raw = __atomic_load_n(&hts->ht.raw, __ATOMIC_RELAXED);
		RTE_ASSERT(p.pos.head - p.pos.tail >= n);
		__rte_ring_hts_update_tail(hts, p.pos.tail, n, prod);
	} else {
		RTE_ASSERT(0);
	}
}

/**
 * Claim room for exactly n objects of esize bytes (or none) and say where
 * it is; write the objects there, then call rte_ring_enqueue_zc_elem_finish().
 * @return n or 0; free_space, if set, gets the room left after the claim.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize,
	unsigned int n, struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_zc_claim(r, 1, esize, n, RTE_RING_QUEUE_FIXED, zcd,
		free_space);
}

/** rte_ring_enqueue_zc_bulk_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_bulk_start(struct rte_ring *r, unsigned int n,
	struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_bulk_elem_start(r, sizeof(uintptr_t), n,
		zcd, free_space);
}

/** Like the bulk form, but claims as much room as there is, up to n. */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize,
	unsigned int n, struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return __rte_ring_zc_claim(r, 1, esize, n, RTE_RING_QUEUE_VARIABLE,
		zcd, free_space);
}

/** rte_ring_enqueue_zc_burst_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_enqueue_zc_burst_start(struct rte_ring *r, unsigned int n,
	struct rte_ring_zc_data *zcd, unsigned int *free_space)
{
	return rte_ring_enqueue_zc_burst_elem_start(r, sizeof(uintptr_t), n,
		zcd, free_space);
}

/** Publish the first n objects written in place after a zc start. */
static __rte_always_inline void
rte_ring_enqueue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	__rte_ring_zc_publish(r, 1, n);
}

/** rte_ring_enqueue_zc_elem_finish() for pointer rings. */
static __rte_always_inline void
rte_ring_enqueue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_enqueue_zc_elem_finish(r, n);
}

/**
 * Claim exactly n objects of esize bytes (or none) and say where they are;
 * read them in place, then call rte_ring_dequeue_zc_elem_finish().
 * @return n or 0; available, if set, gets the objects left after the claim.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_elem_start(struct rte_ring *r, unsigned int esize,
	unsigned int n, struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_zc_claim(r, 0, esize, n, RTE_RING_QUEUE_FIXED, zcd,
		available);
}

/** rte_ring_dequeue_zc_bulk_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_bulk_start(struct rte_ring *r, unsigned int n,
	struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_bulk_elem_start(r, sizeof(uintptr_t), n,
		zcd, available);
}

/** Like the bulk form, but claims as many objects as there are, up to n. */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_elem_start(struct rte_ring *r, unsigned int esize,
	unsigned int n, struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return __rte_ring_zc_claim(r, 0, esize, n, RTE_RING_QUEUE_VARIABLE,
		zcd, available);
}

/** rte_ring_dequeue_zc_burst_elem_start() for pointer rings. */
static __rte_always_inline unsigned int
rte_ring_dequeue_zc_burst_start(struct rte_ring *r, unsigned int n,
	struct rte_ring_zc_data *zcd, unsigned int *available)
{
	return rte_ring_dequeue_zc_burst_elem_start(r, sizeof(uintptr_t), n,
		zcd, available);
}

/** Consume the first n objects of a zc dequeue; the rest stay queued. */
static __rte_always_inline void
rte_ring_dequeue_zc_elem_finish(struct rte_ring *r, unsigned int n)
{
	__rte_ring_zc_publish(r, 0, n);
}

/** rte_ring_dequeue_zc_elem_finish() for pointer rings. */
static __rte_always_inline void
rte_ring_dequeue_zc_finish(struct rte_ring *r, unsigned int n)
{
	rte_ring_dequeue_zc_elem_finish(r, n);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_PEEK_ZC_H_ */
