/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * MCS lock (Mellor-Crummey and Scott, 1991): a fair queue lock where each
 * waiter spins on its own node, so a contended lock costs one cache line
 * transfer per hand-over instead of every waiter hammering the lock word.
 *
 * The lock is a pointer to the tail of the queue of nodes, NULL when
 * free. Each locker brings a node (usually on its stack) and passes the
 * same node to the unlock.
 */
#ifndef _RTE_MCSLOCK_H_
#define _RTE_MCSLOCK_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_compat.h>
#include <rte_pause.h>

/** A locker's queue node; the lock itself is an rte_mcslock_t pointer. */
typedef struct rte_mcslock {
	struct rte_mcslock *next; /**< the locker queued after this one */
	int locked;               /**< 1 while this locker must wait */
} rte_mcslock_t;

/**
 * Take the lock, queueing behind the lockers already there.
 *
 * @param msl the lock: the queue's tail pointer, NULL when free
 * @param me this locker's node, kept until rte_mcslock_unlock()
 */
__rte_experimental
static inline void
rte_mcslock_lock(rte_mcslock_t **msl, rte_mcslock_t *me)
{
	rte_mcslock_t *prev;

	__atomic_store_n(&me->locked, 1, __ATOMIC_RELAXED);
	__atomic_store_n(&me->next, NULL, __ATOMIC_RELAXED);
	/* become the tail; the node's fields are visible to whoever
	 * follows (release), the previous holder's writes to us (acquire) */
	prev = __atomic_exchange_n(msl, me, __ATOMIC_ACQ_REL);
	if (likely(prev == NULL))
		return;
	/* queue behind prev, which hands over by clearing me->locked; the
	 * release makes our node's fields visible to it first */
	__atomic_store_n(&prev->next, me, __ATOMIC_RELEASE);
	while (__atomic_load_n(&me->locked, __ATOMIC_ACQUIRE))
		rte_pause();
}

/**
 * Release the lock to the next locker in the queue, if any.
 *
 * @param msl the lock
 * @param me the node given to rte_mcslock_lock() or a successful
 *   rte_mcslock_trylock()
 */
__rte_experimental
static inline void
rte_mcslock_unlock(rte_mcslock_t **msl, rte_mcslock_t *me)
{
	rte_mcslock_t *next = __atomic_load_n(&me->next, __ATOMIC_ACQUIRE);
	rte_mcslock_t *expected;

	if (likely(next == NULL)) {
		/* nobody queued: the lock becomes free, unless somebody is
		 * between its exchange and its store to me->next */
		expected = me;
		if (__atomic_compare_exchange_n(msl, &expected, NULL, 0,
				__ATOMIC_RELEASE, __ATOMIC_RELAXED))
			return;
		while ((next = __atomic_load_n(&me->next,
				__ATOMIC_ACQUIRE)) == NULL)
			rte_pause();
	}
	__atomic_store_n(&next->locked, 0, __ATOMIC_RELEASE);
}

/**
 * Take the lock only if it is free.
 *
 * @return 1 if taken (release it with rte_mcslock_unlock() and me),
 *   0 if it is held.
 */
__rte_experimental
static inline int
rte_mcslock_trylock(rte_mcslock_t **msl, rte_mcslock_t *me)
{
	rte_mcslock_t *expected = NULL;

	__atomic_store_n(&me->next, NULL, __ATOMIC_RELAXED);
	return __atomic_compare_exchange_n(msl, &expected, me, 0,
			__ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

/**
 * @param msl the lock's current value (the queue's tail)
 * @return 1 if the lock is held, 0 if it is free.
 */
__rte_experimental
static inline int
rte_mcslock_is_locked(rte_mcslock_t *msl)
{
	return msl != NULL;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MCSLOCK_H_ */
