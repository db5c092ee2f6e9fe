/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Rings of fixed-size elements of any size that is a multiple of 4 bytes
 * (rte_ring.h's pointer API is the esize == sizeof(void *) case).
 *
 * Every operation comes as
 *   mp/sp (enqueue) or mc/sc (dequeue): the caller picks multi- or
 *       single-thread safety of its side;
 *   no prefix: the mode chosen at creation (RING_F_* flags) is used;
 *   bulk: all n objects or none; burst: as many as possible up to n;
 *   single object (no bulk/burst): returns 0 or a negative errno.
 * The fast path is inline; nothing here takes a lock.
 */
#ifndef _RTE_RING_ELEM_H_
#define _RTE_RING_ELEM_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_ring_core.h>
#include <rte_ring_elem_pvt.h>

/**
 * Bytes needed for a ring of count elements of esize bytes (the structure
 * and the slot array), as rte_ring_init() expects it.
 *
 * @param esize
 *   Element size in bytes, a multiple of 4.
 * @param count
 *   Number of slots, a power of 2 not above RTE_RING_SZ_MASK.
 * @return
 *   The size, or -EINVAL if esize or count is not acceptable.
 */
ssize_t rte_ring_get_memsize_elem(unsigned int esize, unsigned int count);

/**
 * Create a ring of elements of esize bytes in a memzone and list it in the
 * shared ring list, so rte_ring_lookup() finds it in every process.
 *
 * @param name
 *   Name of the ring, shorter than RTE_RING_NAMESIZE.
 * @param esize
 *   Element size in bytes, a multiple of 4.
 * @param count
 *   Number of slots: a power of 2 (capacity count - 1), or any value up
 *   to RTE_RING_SZ_MASK with RING_F_EXACT_SZ (capacity count).
 * @param socket_id
 *   NUMA socket of the memory, or SOCKET_ID_ANY.
 * @param flags
 *   RING_F_SP_ENQ or RING_F_MP_RTS_ENQ or RING_F_MP_HTS_ENQ (at most one),
 *   RING_F_SC_DEQ or RING_F_MC_RTS_DEQ or RING_F_MC_HTS_DEQ (at most one),
 *   RING_F_EXACT_SZ.
 * @return
 *   The ring, or NULL with rte_errno set: EINVAL (bad esize, count or
 *   flags), ENAMETOOLONG, EEXIST (name taken), ENOSPC (no memzone slot
 *   left), ENOMEM (no memory), E_RTE_SECONDARY (called in a secondary).
 */
struct rte_ring *rte_ring_create_elem(const char *name, unsigned int esize,
	unsigned int count, int socket_id, unsigned int flags);

/**
 * Enqueue all n objects of esize bytes from obj_table, multi-producer safe,
 * or none.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   n objects of esize bytes, one after the other.
 * @param esize
 *   The ring's element size.
 * @param n
 *   Number of objects.
 * @param free_space
 *   If not NULL, set to the room left after the call.
 * @return
 *   n, or 0 if there was not room for all.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, RTE_RING_SYNC_MT, free_space);
}

/**
 * rte_ring_mp_enqueue_bulk_elem() for a single producer thread: faster,
 * but only one thread may enqueue at a time.
 */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, RTE_RING_SYNC_ST, free_space);
}

#include <rte_ring_hts.h>
#include <rte_ring_rts.h>

/**
 * Enqueue all n objects or none, in the producer mode the ring was
 * created with. Parameters and return as rte_ring_mp_enqueue_bulk_elem().
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mp_enqueue_bulk_elem(r, obj_table, esize, n,
			free_space);
	case RTE_RING_SYNC_ST:
		return rte_ring_sp_enqueue_bulk_elem(r, obj_table, esize, n,
			free_space);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mp_rts_enqueue_bulk_elem(r, obj_table, esize,
			n, free_space);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mp_hts_enqueue_bulk_elem(r, obj_table, esize,
			n, free_space);
	}
	/* only a corrupted ring gets here */
	RTE_ASSERT(0);
	if (free_space != NULL)
		*free_space = 0;
	return 0;
}

/**
 * Enqueue one object of esize bytes, multi-producer safe.
 * @return 0, or -ENOBUFS if the ring is full.
 */
static __rte_always_inline int
rte_ring_mp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ?
		0 : -ENOBUFS;
}

/**
 * Enqueue one object of esize bytes, single producer.
 * @return 0, or -ENOBUFS if the ring is full.
 */
static __rte_always_inline int
rte_ring_sp_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj, esize, 1, NULL) ?
		0 : -ENOBUFS;
}

/**
 * Enqueue one object of esize bytes in the ring's producer mode.
 * @return 0, or -ENOBUFS if the ring is full.
 */
static __rte_always_inline int
rte_ring_enqueue_elem(struct rte_ring *r, void *obj, unsigned int esize)
{
	return rte_ring_enqueue_bulk_elem(r, obj, esize, 1, NULL) ?
		0 : -ENOBUFS;
}

/**
 * Dequeue exactly n objects of esize bytes into obj_table, multi-consumer
 * safe, or none.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   Room for n objects of esize bytes.
 * @param esize
 *   The ring's element size.
 * @param n
 *   Number of objects.
 * @param available
 *   If not NULL, set to the number of objects left after the call.
 * @return
 *   n, or 0 if fewer were available.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, RTE_RING_SYNC_MT, available);
}

/** rte_ring_mc_dequeue_bulk_elem() for a single consumer thread. */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_FIXED, RTE_RING_SYNC_ST, available);
}

/**
 * Dequeue exactly n objects or none, in the consumer mode the ring was
 * created with. Parameters and return as rte_ring_mc_dequeue_bulk_elem().
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mc_dequeue_bulk_elem(r, obj_table, esize, n,
			available);
	case RTE_RING_SYNC_ST:
		return rte_ring_sc_dequeue_bulk_elem(r, obj_table, esize, n,
			available);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mc_rts_dequeue_bulk_elem(r, obj_table, esize,
			n, available);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mc_hts_dequeue_bulk_elem(r, obj_table, esize,
			n, available);
	}
	RTE_ASSERT(0);
	if (available != NULL)
		*available = 0;
	return 0;
}

/**
 * Dequeue one object of esize bytes into obj_p, multi-consumer safe.
 * @return 0, or -ENOENT if the ring is empty.
 */
static __rte_always_inline int
rte_ring_mc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ?
		0 : -ENOENT;
}

/**
 * Dequeue one object of esize bytes into obj_p, single consumer.
 * @return 0, or -ENOENT if the ring is empty.
 */
static __rte_always_inline int
rte_ring_sc_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ?
		0 : -ENOENT;
}

/**
 * Dequeue one object of esize bytes in the ring's consumer mode.
 * @return 0, or -ENOENT if the ring is empty.
 */
static __rte_always_inline int
rte_ring_dequeue_elem(struct rte_ring *r, void *obj_p, unsigned int esize)
{
	return rte_ring_dequeue_bulk_elem(r, obj_p, esize, 1, NULL) ?
		0 : -ENOENT;
}

/**
 * Enqueue up to n objects of esize bytes, multi-producer safe.
 * @return the number enqueued (0..n); free_space as in the bulk form.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, RTE_RING_SYNC_MT, free_space);
}

/** rte_ring_mp_enqueue_burst_elem() for a single producer thread. */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	return __rte_ring_do_enqueue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, RTE_RING_SYNC_ST, free_space);
}

/**
 * Enqueue up to n objects of esize bytes in the ring's producer mode.
 * @return the number enqueued.
 */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst_elem(struct rte_ring *r, const void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *free_space)
{
	switch (r->prod.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mp_enqueue_burst_elem(r, obj_table, esize, n,
			free_space);
	case RTE_RING_SYNC_ST:
		return rte_ring_sp_enqueue_burst_elem(r, obj_table, esize, n,
			free_space);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mp_rts_enqueue_burst_elem(r, obj_table, esize,
			n, free_space);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mp_hts_enqueue_burst_elem(r, obj_table, esize,
			n, free_space);
	}
	RTE_ASSERT(0);
	if (free_space != NULL)
		*free_space = 0;
	return 0;
}

/**
 * Dequeue up to n objects of esize bytes, multi-consumer safe.
 * @return the number dequeued (0..n); available as in the bulk form.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, RTE_RING_SYNC_MT, available);
}

/** rte_ring_mc_dequeue_burst_elem() for a single consumer thread. */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	return __rte_ring_do_dequeue_elem(r, obj_table, esize, n,
		RTE_RING_QUEUE_VARIABLE, RTE_RING_SYNC_ST, available);
}

/**
 * Dequeue up to n objects of esize bytes in the ring's consumer mode.
 * @return the number dequeued.
 */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst_elem(struct rte_ring *r, void *obj_table,
	unsigned int esize, unsigned int n, unsigned int *available)
{
	switch (r->cons.sync_type) {
	case RTE_RING_SYNC_MT:
		return rte_ring_mc_dequeue_burst_elem(r, obj_table, esize, n,
			available);
	case RTE_RING_SYNC_ST:
		return rte_ring_sc_dequeue_burst_elem(r, obj_table, esize, n,
			available);
	case RTE_RING_SYNC_MT_RTS:
		return rte_ring_mc_rts_dequeue_burst_elem(r, obj_table, esize,
			n, available);
	case RTE_RING_SYNC_MT_HTS:
		return rte_ring_mc_hts_dequeue_burst_elem(r, obj_table, esize,
			n, available);
	}
	RTE_ASSERT(0);
	if (available != NULL)
		*available = 0;
	return 0;
}

#include <rte_ring_peek.h>
#include <rte_ring_peek_zc.h>

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_ELEM_H_ */
