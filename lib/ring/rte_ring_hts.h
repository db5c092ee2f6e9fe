/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Head/tail sync mode (HTS) entry points: one operation at a time per side.
 * The default rte_ring_enqueue and rte_ring_dequeue calls dispatch here
 * when the ring was created with RING_F_MP_HTS_ENQ / RING_F_MC_HTS_DEQ;
 * these explicit forms are for callers that know the ring's mode.
 * Included by rte_ring_elem.h; do not include directly.
 */
#ifndef _RTE_RING_HTS_H_
#define _RTE_RING_HTS_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_ring_hts_elem_pvt.h>

/**
 * Enqueue all n objects of esize bytes on a ring whose producer side is in
 * HTS mode, or none.
 * @return n, or 0 if there was not room for all.
 */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, free_space);
}

/**
 * Dequeue exactly n objects of esize bytes from a ring whose consumer side
 * is in HTS mode, or none.
 * @return n, or 0 if fewer were available.
 */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, available);
}

/**
 * Enqueue up to n objects of esize bytes (HTS producer side).
 * @return the number enqueued.
 */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_hts_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, free_space);
}

/**
 * Dequeue up to n objects of esize bytes (HTS consumer side).
 * @return the number dequeued.
 */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_hts_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, available);
}

/** rte_ring_mp_hts_enqueue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table,
		sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mc_hts_dequeue_bulk_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_bulk(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table,
		sizeof(uintptr_t), n, available);
}

/** rte_ring_mp_hts_enqueue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mp_hts_enqueue_burst(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table,
		sizeof(uintptr_t), n, free_space);
}

/** rte_ring_mc_hts_dequeue_burst_elem() for pointers. */
static __rte_always_inline unsigned int
rte_ring_mc_hts_dequeue_burst(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table,
		sizeof(uintptr_t), n, available);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_HTS_H_ */
