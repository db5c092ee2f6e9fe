/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Relaxed tail sync mode (RTS) entry points and the head-tail distance knob.
 * The default rte_ring_enqueue and rte_ring_dequeue calls dispatch here
 * when the ring was created with RING_F_MP_RTS_ENQ / RING_F_MC_RTS_DEQ;
 * these explicit forms are for callers that know the ring's mode.
 * Included by rte_ring_elem.h; do not include directly.
 */
#ifndef _RTE_RING_RTS_H_
#define _RTE_RING_RTS_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_ring_rts_elem_pvt.h>

/**
 * Enqueue all n objects of esize bytes on a ring whose producer side is in
 * RTS mode, or none.
 * @return n, or 0 if there was not room for all.
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, free_space);
}

/**
 * Dequeue exactly n objects of esize bytes from a ring whose consumer side
 * is in RTS mode, or none.
 * @return n, or 0 if fewer were available.
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, available);
}

/**
 * Enqueue up to n objects of esize bytes (RTS producer side).
 * @return the number enqueued.
 */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_rts_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, free_space);
}

/**
 * Dequeue up to n objects of esize bytes (RTS consumer side).
 * @return the number dequeued.
 */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_rts_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, available);
}

/** rte_ring_mp_rts_enqueue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table,
		sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mc_rts_dequeue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_bulk(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table,
		sizeof(uintptr_t), n, available);
}

/** rte_ring_mp_rts_enqueue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mp_rts_enqueue_burst(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table,
		sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mc_rts_dequeue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mc_rts_dequeue_burst(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table,
		sizeof(uintptr_t), n, available);
}

/**
 * Largest distance the producer head may run ahead of its tail.
 * @return the limit, or UINT32_MAX if the producer side is not RTS.
 */
static inline uint32_t
rte_ring_get_prod_htd_max(const struct rte_ring *r)
{
	if (r->prod.sync_type == RTE_RING_SYNC_MT_RTS)
		return r->rts_prod.htd_max;
	return UINT32_MAX;
}

/**
 * Set the producer head-tail distance limit of an RTS ring.
 * @return 0, or -ENOTSUP if the producer side is not RTS.
 */
static inline int
rte_ring_set_prod_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->prod.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_prod.htd_max = v;
	return 0;
}

/**
 * Largest distance the consumer head may run ahead of its tail.
 * @return the limit, or UINT32_MAX if the consumer side is not RTS.
 */
static inline uint32_t
rte_ring_get_cons_htd_max(const struct rte_ring *r)
{
	if (r->cons.sync_type == RTE_RING_SYNC_MT_RTS)
		return r->rts_cons.htd_max;
	return UINT32_MAX;
}

/**
 * Set the consumer head-tail distance limit of an RTS ring.
 * @return 0, or -ENOTSUP if the consumer side is not RTS.
 */
static inline int
rte_ring_set_cons_htd_max(struct rte_ring *r, uint32_t v)
{
	if (r->cons.sync_type != RTE_RING_SYNC_MT_RTS)
		return -ENOTSUP;
	r->rts_cons.htd_max = v;
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_RTS_H_ */
