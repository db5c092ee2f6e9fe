/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ticket lock: a fair spinlock. Each locker takes the next ticket and
 * waits until the "current" counter reaches it, so the lock is granted in
 * arrival order.
 */
#ifndef _RTE_TICKETLOCK_H_
#define _RTE_TICKETLOCK_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>
#include <rte_pause.h>
#include <rte_spinlock.h>

/** A ticket lock. */
typedef union {
	uint32_t tickets; /**< both counters, for whole-lock reads */
	struct {
		uint16_t current; /**< ticket being served */
		uint16_t next;    /**< next ticket to hand out */
	} s;
} rte_ticketlock_t;

/** Static initializer of a free ticket lock. */
#define RTE_TICKETLOCK_INITIALIZER { 0 }

/** Initialise a ticket lock as free. */
__rte_experimental
static inline void
rte_ticketlock_init(rte_ticketlock_t *tl)
{
	__atomic_store_n(&tl->tickets, 0, __ATOMIC_RELAXED);
}

/** Take the lock, in arrival order. */
__rte_experimental
static inline void
rte_ticketlock_lock(rte_ticketlock_t *tl)
{
	uint16_t me = __atomic_fetch_add(&tl->s.next, 1, __ATOMIC_RELAXED);

	rte_wait_until_equal_16(&tl->s.current, me, __ATOMIC_ACQUIRE);
}

/** Release the lock to the next ticket. */
__rte_experimental
static inline void
rte_ticketlock_unlock(rte_ticketlock_t *tl)
{
	uint16_t i = __atomic_load_n(&tl->s.current, __ATOMIC_RELAXED);

	__atomic_store_n(&tl->s.current, (uint16_t)(i + 1), __ATOMIC_RELEASE);
}

/**
 * Take the lock if nobody holds or waits for it.
 * @return 1 if taken, 0 otherwise.
 */
__rte_experimental
static inline int
rte_ticketlock_trylock(rte_ticketlock_t *tl)
{
	rte_ticketlock_t oldl, newl;

	oldl.tickets = __atomic_load_n(&tl->tickets, __ATOMIC_RELAXED);
	newl.tickets = oldl.tickets;
	newl.s.next++;
	if (oldl.s.next == oldl.s.current) {
		if (__atomic_compare_exchange_n(&tl->tickets, &oldl.tickets,
				newl.tickets, 0, __ATOMIC_ACQUIRE,
				__ATOMIC_RELAXED))
			return 1;
	}
	return 0;
}

/** @return 1 if the lock is held, 0 otherwise. */
__rte_experimental
static inline int
rte_ticketlock_is_locked(rte_ticketlock_t *tl)
{
	rte_ticketlock_t tic;

	tic.tickets = __atomic_load_n(&tl->tickets, __ATOMIC_ACQUIRE);
	return tic.s.current != tic.s.next;
}

/** A recursive ticket lock: its owner may take it again. */
typedef struct {
	rte_ticketlock_t tl; /**< the underlying lock */
	int user;            /**< owner's thread id, -1 when free */
	unsigned int count;  /**< how many times the owner holds it */
} rte_ticketlock_recursive_t;

#define TICKET_LOCK_INVALID_ID -1

/** Static initializer of a free recursive ticket lock. */
#define RTE_TICKETLOCK_RECURSIVE_INITIALIZER { \
	RTE_TICKETLOCK_INITIALIZER, TICKET_LOCK_INVALID_ID, 0 }

/** Initialise a recursive ticket lock as free. */
__rte_experimental
static inline void
rte_ticketlock_recursive_init(rte_ticketlock_recursive_t *tlr)
{
	rte_ticketlock_init(&tlr->tl);
	__atomic_store_n(&tlr->user, TICKET_LOCK_INVALID_ID,
			__ATOMIC_RELAXED);
	tlr->count = 0;
}

/** Take the recursive lock; counted if the caller already holds it. */
__rte_experimental
static inline void
rte_ticketlock_recursive_lock(rte_ticketlock_recursive_t *tlr)
{
	int id = __rte_spinlock_self_tid();

	if (__atomic_load_n(&tlr->user, __ATOMIC_RELAXED) != id) {
		rte_ticketlock_lock(&tlr->tl);
		__atomic_store_n(&tlr->user, id, __ATOMIC_RELAXED);
	}
	tlr->count++;
}

/** Release the recursive lock once. */
__rte_experimental
static inline void
rte_ticketlock_recursive_unlock(rte_ticketlock_recursive_t *tlr)
{
	if (--(tlr->count) == 0) {
		__atomic_store_n(&tlr->user, TICKET_LOCK_INVALID_ID,
				__ATOMIC_RELAXED);
		rte_ticketlock_unlock(&tlr->tl);
	}
}

/**
 * Try to take the recursive lock.
 * @return 1 if the caller now holds it, 0 otherwise.
 */
__rte_experimental
static inline int
rte_ticketlock_recursive_trylock(rte_ticketlock_recursive_t *tlr)
{
	int id = __rte_spinlock_self_tid();

	if (__atomic_load_n(&tlr->user, __ATOMIC_RELAXED) != id) {
		if (rte_ticketlock_trylock(&tlr->tl) == 0)
			return 0;
		__atomic_store_n(&tlr->user, id, __ATOMIC_RELAXED);
	}
	tlr->count++;
	return 1;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_TICKETLOCK_H_ */
