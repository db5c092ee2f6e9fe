/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_ring: a bounded, lock-free FIFO of pointers (or of fixed-size
 * elements, see rte_ring_elem.h) in shared memory, usable by every thread
 * of every process of the application.
 *
 * Each side (producers, consumers) runs in one of four modes fixed at
 * creation by the RING_F_* flags: multi-thread (MT, the default),
 * single-thread (ST), relaxed tail sync (RTS) or head/tail sync (HTS). The
 * mp/sp/mc/sc forms of each call ignore the creation flags and force MT or
 * ST; the unprefixed forms follow them.
 *
 * A ring made by rte_ring_create() lives in a memzone and is listed by name
 * in the shared configuration, so a secondary process finds it with
 * rte_ring_lookup() and uses the same pointer.
 */
#ifndef _RTE_RING_H_
#define _RTE_RING_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_ring_core.h>
#include <rte_ring_elem.h>

/**
 * Bytes needed for a ring of count pointers.
 *
 * @param count
 *   Number of slots, a power of 2 not above RTE_RING_SZ_MASK.
 * @return
 *   The size, or -EINVAL if count is not acceptable.
 */
ssize_t rte_ring_get_memsize(unsigned int count);

/**
 * Initialise a ring in memory the caller provides (at least
 * rte_ring_get_memsize() bytes, cache-line aligned). The ring is not
 * listed for rte_ring_lookup() and rte_ring_free() will not release it.
 * A ring of elements (rte_ring_elem.h) needs rte_ring_get_memsize_elem()
 * bytes; the element size is not recorded, the caller keeps to it.
 *
 * @param r
 *   The memory.
 * @param name
 *   Name, shorter than RTE_RING_NAMESIZE.
 * @param count
 *   Slot count as for rte_ring_create().
 * @param flags
 *   RING_F_* as for rte_ring_create().
 * @return
 *   0, -EINVAL (bad count or flags) or -ENAMETOOLONG.
 */
int rte_ring_init(struct rte_ring *r, const char *name, unsigned int count,
	unsigned int flags);

/**
 * Create a ring of pointers; rte_ring_create_elem() with the size of a
 * pointer. See there for the parameters and errors.
 *
 * @return
 *   The ring, or NULL with rte_errno set.
 */
struct rte_ring *rte_ring_create(const char *name, unsigned int count,
	int socket_id, unsigned int flags);

/**
 * Unlist a ring made by rte_ring_create() and release its memzone.
 * NULL is ignored; a ring made with rte_ring_init() is refused (logged).
 * No thread of any process may use the ring any more.
 *
 * @param r
 *   The ring.
 */
void rte_ring_free(struct rte_ring *r);

/**
 * Print a ring's state (sizes, modes, heads and tails, fill level).
 *
 * @param f
 *   Where to print.
 * @param r
 *   The ring.
 */
void rte_ring_dump(FILE *f, const struct rte_ring *r);

/**
 * Enqueue all n pointers or none, multi-producer safe.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   n pointers.
 * @param n
 *   How many.
 * @param free_space
 *   If not NULL, set to the room left after the call.
 * @return
 *   n, or 0 if there was not room for all.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_enqueue_bulk_elem(r, obj_table, sizeof(void *),
		n, free_space);
}

/** rte_ring_mp_enqueue_bulk() for a single producer thread. */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_sp_enqueue_bulk_elem(r, obj_table, sizeof(void *),
		n, free_space);
}

/** rte_ring_mp_enqueue_bulk() in the ring's own producer mode. */
static __rte_always_inline unsigned int
rte_ring_enqueue_bulk(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_bulk_elem(r, obj_table, sizeof(void *),
		n, free_space);
}

/**
 * Enqueue one pointer, multi-producer safe.
 * @return 0, or -ENOBUFS if the ring is full.
 */
static __rte_always_inline int
rte_ring_mp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_mp_enqueue_elem(r, &obj, sizeof(void *));
}

/**
 * Enqueue one pointer, single producer.
 * @return 0, or -ENOBUFS if the ring is full.
 */
static __rte_always_inline int
rte_ring_sp_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_sp_enqueue_elem(r, &obj, sizeof(void *));
}

/**
 * Enqueue one pointer in the ring's producer mode.
 * @return 0, or -ENOBUFS if the ring is full.
 */
static __rte_always_inline int
rte_ring_enqueue(struct rte_ring *r, void *obj)
{
	return rte_ring_enqueue_elem(r, &obj, sizeof(void *));
}

/**
 * Dequeue exactly n pointers or none, multi-consumer safe.
 *
 * @param r
 *   The ring.
 * @param obj_table
 *   Room for n pointers.
 * @param n
 *   How many.
 * @param available
 *   If not NULL, set to the number left in the ring after the call.
 * @return
 *   n, or 0 if fewer were available.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_bulk(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_mc_dequeue_bulk_elem(r, obj_table, sizeof(void *),
		n, available);
}

/** rte_ring_mc_dequeue_bulk() for a single consumer thread. */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_bulk(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_sc_dequeue_bulk_elem(r, obj_table, sizeof(void *),
		n, available);
}

/** rte_ring_mc_dequeue_bulk() in the ring's own consumer mode. */
static __rte_always_inline unsigned int
rte_ring_dequeue_bulk(struct rte_ring *r, void **obj_table, unsigned int n,
	unsigned int *available)
{
	return rte_ring_dequeue_bulk_elem(r, obj_table, sizeof(void *),
		n, available);
}

/**
 * Dequeue one pointer into *obj_p, multi-consumer safe.
 * @return 0, or -ENOENT if the ring is empty.
 */
static __rte_always_inline int
rte_ring_mc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_mc_dequeue_elem(r, obj_p, sizeof(void *));
}

/**
 * Dequeue one pointer into *obj_p, single consumer.
 * @return 0, or -ENOENT if the ring is empty.
 */
static __rte_always_inline int
rte_ring_sc_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_sc_dequeue_elem(r, obj_p, sizeof(void *));
}

/**
 * Dequeue one pointer into *obj_p in the ring's consumer mode.
 * @return 0, or -ENOENT if the ring is empty.
 */
static __rte_always_inline int
rte_ring_dequeue(struct rte_ring *r, void **obj_p)
{
	return rte_ring_dequeue_elem(r, obj_p, sizeof(void *));
}

/**
 * Empty the ring. Not thread safe: nobody may use the ring meanwhile.
 *
 * @param r
 *   The ring.
 */
void rte_ring_reset(struct rte_ring *r);

/**
 * Number of objects in the ring. Exact only when nobody is using it;
 * otherwise a value it had at some moment during the call.
 */
static inline unsigned int
rte_ring_count(const struct rte_ring *r)
{
	uint32_t prod_tail = __atomic_load_n(&r->prod.tail, __ATOMIC_RELAXED);
	uint32_t cons_tail = __atomic_load_n(&r->cons.tail, __ATOMIC_RELAXED);
	uint32_t count = (prod_tail - cons_tail) & r->mask;

	/* with RING_F_EXACT_SZ a torn read can exceed the capacity */
	return (count > r->capacity) ? r->capacity : count;
}

/** Free room in the ring (capacity - count). */
static inline unsigned int
rte_ring_free_count(const struct rte_ring *r)
{
	return r->capacity - rte_ring_count(r);
}

/** 1 if the ring is full, 0 if not. */
static inline int
rte_ring_full(const struct rte_ring *r)
{
	return rte_ring_free_count(r) == 0;
}

/** 1 if the ring is empty, 0 if not. */
static inline int
rte_ring_empty(const struct rte_ring *r)
{
	uint32_t prod_tail = __atomic_load_n(&r->prod.tail, __ATOMIC_RELAXED);
	uint32_t cons_tail = __atomic_load_n(&r->cons.tail, __ATOMIC_RELAXED);

	return cons_tail == prod_tail;
}

/** Number of slots (a power of 2; more than the capacity). */
static inline unsigned int
rte_ring_get_size(const struct rte_ring *r)
{
	return r->size;
}

/** Most objects the ring can hold. */
static inline unsigned int
rte_ring_get_capacity(const struct rte_ring *r)
{
	return r->capacity;
}

/** Sync mode of the producer side. */
static inline enum rte_ring_sync_type
rte_ring_get_prod_sync_type(const struct rte_ring *r)
{
	return r->prod.sync_type;
}

/** 1 if the producer side is single-thread. */
static inline int
rte_ring_is_prod_single(const struct rte_ring *r)
{
	return rte_ring_get_prod_sync_type(r) == RTE_RING_SYNC_ST;
}

/** Sync mode of the consumer side. */
static inline enum rte_ring_sync_type
rte_ring_get_cons_sync_type(const struct rte_ring *r)
{
	return r->cons.sync_type;
}

/** 1 if the consumer side is single-thread. */
static inline int
rte_ring_is_cons_single(const struct rte_ring *r)
{
	return rte_ring_get_cons_sync_type(r) == RTE_RING_SYNC_ST;
}

/**
 * Print every ring of the shared list (rte_ring_dump() of each).
 *
 * @param f
 *   Where to print.
 */
void rte_ring_list_dump(FILE *f);

/**
 * Find a ring made by rte_ring_create() in any process of the application.
 *
 * @param name
 *   Its name.
 * @return
 *   The ring, or NULL with rte_errno ENOENT (no such ring) or EINVAL.
 */
struct rte_ring *rte_ring_lookup(const char *name);

/**
 * Enqueue up to n pointers, multi-producer safe.
 * @return the number enqueued; free_space as in the bulk form.
 */
static __rte_always_inline unsigned int
rte_ring_mp_enqueue_burst(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_mp_enqueue_burst_elem(r, obj_table, sizeof(void *),
		n, free_space);
}

/** rte_ring_mp_enqueue_burst() for a single producer thread. */
static __rte_always_inline unsigned int
rte_ring_sp_enqueue_burst(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_sp_enqueue_burst_elem(r, obj_table, sizeof(void *),
		n, free_space);
}

/** rte_ring_mp_enqueue_burst() in the ring's own producer mode. */
static __rte_always_inline unsigned int
rte_ring_enqueue_burst(struct rte_ring *r, void * const *obj_table,
	unsigned int n, unsigned int *free_space)
{
	return rte_ring_enqueue_burst_elem(r, obj_table, sizeof(void *),
		n, free_space);
}

/**
 * Dequeue up to n pointers, multi-consumer safe.
 * @return the number dequeued; available as in the bulk form.
 */
static __rte_always_inline unsigned int
rte_ring_mc_dequeue_burst(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_mc_dequeue_burst_elem(r, obj_table, sizeof(void *),
		n, available);
}

/** rte_ring_mc_dequeue_burst() for a single consumer thread. */
static __rte_always_inline unsigned int
rte_ring_sc_dequeue_burst(struct rte_ring *r, void **obj_table,
	unsigned int n, unsigned int *available)
{
	return rte_ring_sc_dequeue_burst_elem(r, obj_table, sizeof(void *),
		n, available);
}

/** rte_ring_mc_dequeue_burst() in the ring's own consumer mode. */
static __rte_always_inline unsigned int
rte_ring_dequeue_burst(struct rte_ring *r, void **obj_table, unsigned int n,
	unsigned int *available)
{
	return rte_ring_dequeue_burst_elem(r, obj_table, sizeof(void *),
		n, available);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_H_ */
