/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Spinlocks: a test-and-test-and-set lock and a recursive variant that the
 * owning thread may take several times. The *_tm variants would use
 * hardware transactional memory where present; hotplug-eal does not use
 * RTM (it is fused off on most parts), so they take the lock normally.
 */
#ifndef _RTE_SPINLOCK_H_
#define _RTE_SPINLOCK_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <unistd.h>
#include <sys/syscall.h>

#include <rte_common.h>
#include <rte_pause.h>
#include <rte_branch_prediction.h>

/** A spinlock. */
typedef struct {
	volatile int locked; /**< 0 when free, 1 when taken */
} rte_spinlock_t;

/** Static initializer of a free spinlock. */
#define RTE_SPINLOCK_INITIALIZER { 0 }

/** Initialise a spinlock as free. */
static inline void
rte_spinlock_init(rte_spinlock_t *sl)
{
	sl->locked = 0;
}

/** Take the lock, spinning until it is free. */
static inline void
rte_spinlock_lock(rte_spinlock_t *sl)
{
	int exp = 0;

	while (!__atomic_compare_exchange_n(&sl->locked, &exp, 1, 0,
			__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
		/* spin on a plain load so the line stays shared */
		rte_wait_until_equal_32((volatile uint32_t *)&sl->locked,
				0, __ATOMIC_RELAXED);
		exp = 0;
	}
}

/** Release the lock. */
static inline void
rte_spinlock_unlock(rte_spinlock_t *sl)
{
	__atomic_store_n(&sl->locked, 0, __ATOMIC_RELEASE);
}

/**
 * Try to take the lock once.
 * @return 1 if taken, 0 if it was held.
 */
static inline int
rte_spinlock_trylock(rte_spinlock_t *sl)
{
	int exp = 0;

	return __atomic_compare_exchange_n(&sl->locked, &exp, 1, 0,
			__ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

/** @return 1 if the lock is held, 0 otherwise. */
static inline int
rte_spinlock_is_locked(rte_spinlock_t *sl)
{
	return __atomic_load_n(&sl->locked, __ATOMIC_ACQUIRE);
}

/** @return 1 if the *_tm variants use hardware transactions (never here). */
static inline int
rte_tm_supported(void)
{
	return 0;
}

/** Take the lock (transactional elision when supported). */
static inline void
rte_spinlock_lock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_lock(sl);
}

/** Release a lock taken with rte_spinlock_lock_tm(). */
static inline void
rte_spinlock_unlock_tm(rte_spinlock_t *sl)
{
	rte_spinlock_unlock(sl);
}

/** Try to take the lock (transactional elision when supported). */
static inline int
rte_spinlock_trylock_tm(rte_spinlock_t *sl)
{
	return rte_spinlock_trylock(sl);
}

/** A recursive spinlock: its owner may take it again. */
typedef struct {
	rte_spinlock_t sl;  /**< the underlying lock */
	volatile int user;  /**< owner's thread id, -1 when free */
	volatile int count; /**< how many times the owner holds it */
} rte_spinlock_recursive_t;

/** Static initializer of a free recursive spinlock. */
#define RTE_SPINLOCK_RECURSIVE_INITIALIZER { RTE_SPINLOCK_INITIALIZER, -1, 0 }

/* kernel thread id of the caller, cached per thread */
static inline int
__rte_spinlock_self_tid(void)
{
	static __thread int tid = -1;

	if (unlikely(tid == -1))
		tid = (int)syscall(SYS_gettid);
	return tid;
}

/** Initialise a recursive spinlock as free. */
static inline void
rte_spinlock_recursive_init(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_init(&slr->sl);
	slr->user = -1;
	slr->count = 0;
}

/** Take the recursive lock; a no-op (but counted) if the caller holds it. */
static inline void
rte_spinlock_recursive_lock(rte_spinlock_recursive_t *slr)
{
	int id = __rte_spinlock_self_tid();

	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		rte_spinlock_lock(&slr->sl);
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count++;
}

/** Release the recursive lock once. */
static inline void
rte_spinlock_recursive_unlock(rte_spinlock_recursive_t *slr)
{
	if (--(slr->count) == 0) {
		__atomic_store_n(&slr->user, -1, __ATOMIC_RELAXED);
		rte_spinlock_unlock(&slr->sl);
	}
}

/**
 * Try to take the recursive lock once.
 * @return 1 if the caller now holds it, 0 if another thread does.
 */
static inline int
rte_spinlock_recursive_trylock(rte_spinlock_recursive_t *slr)
{
	int id = __rte_spinlock_self_tid();

	if (__atomic_load_n(&slr->user, __ATOMIC_RELAXED) != id) {
		if (rte_spinlock_trylock(&slr->sl) == 0)
			return 0;
		__atomic_store_n(&slr->user, id, __ATOMIC_RELAXED);
	}
	slr->count++;
	return 1;
}

/** Take the recursive lock (transactional elision when supported). */
static inline void
rte_spinlock_recursive_lock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_lock(slr);
}

/** Release a recursive lock taken with the _tm variant. */
static inline void
rte_spinlock_recursive_unlock_tm(rte_spinlock_recursive_t *slr)
{
	rte_spinlock_recursive_unlock(slr);
}

/** Try to take the recursive lock (transactional elision when supported). */
static inline int
rte_spinlock_recursive_trylock_tm(rte_spinlock_recursive_t *slr)
{
	return rte_spinlock_recursive_trylock(slr);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_SPINLOCK_H_ */
