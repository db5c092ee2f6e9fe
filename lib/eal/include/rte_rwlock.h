/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Reader/writer spinlock. Many readers or one writer. A waiting writer
 * sets a flag that stops new readers from entering, so a stream of readers
 * cannot starve it (memory hot-plug takes the lock for writing while
 * walkers read).
 *
 * cnt layout: bit 0 = a writer waits, bit 1 = a writer holds the lock,
 * bits 2.. = number of readers holding it.
 */
#ifndef _RTE_RWLOCK_H_
#define _RTE_RWLOCK_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <errno.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_branch_prediction.h>
#include <rte_pause.h>

#define RTE_RWLOCK_WAIT  0x1 /**< a writer is waiting */
#define RTE_RWLOCK_WRITE 0x2 /**< a writer holds the lock */
#define RTE_RWLOCK_MASK  (RTE_RWLOCK_WAIT | RTE_RWLOCK_WRITE)
#define RTE_RWLOCK_READ  0x4 /**< one reader */

/** A reader/writer lock. */
typedef struct {
	int32_t cnt; /**< see the layout above */
} rte_rwlock_t;

/** Static initializer of a free rwlock. */
#define RTE_RWLOCK_INITIALIZER { 0 }

/** Initialise an rwlock as free. */
static inline void
rte_rwlock_init(rte_rwlock_t *rwl)
{
	rwl->cnt = 0;
}

/** Take the lock for reading, waiting while a writer holds or wants it. */
static inline void
rte_rwlock_read_lock(rte_rwlock_t *rwl)
{
	int32_t x;

	for (;;) {
		while (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) &
				RTE_RWLOCK_MASK)
			rte_pause();

		x = __atomic_add_fetch(&rwl->cnt, RTE_RWLOCK_READ,
				__ATOMIC_ACQUIRE);
		if (!(x & RTE_RWLOCK_MASK))
			return;
		/* a writer came in between: back off and wait again */
		__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ,
				__ATOMIC_RELAXED);
	}
}

/**
 * Try to take the lock for reading.
 * @return 0 on success, -EBUSY if a writer holds or waits for it.
 */
static inline int
rte_rwlock_read_trylock(rte_rwlock_t *rwl)
{
	int32_t x;

	x = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);
	if (x & RTE_RWLOCK_MASK)
		return -EBUSY;

	x = __atomic_add_fetch(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_ACQUIRE);
	if (unlikely(x & RTE_RWLOCK_MASK)) {
		__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ,
				__ATOMIC_RELEASE);
		return -EBUSY;
	}
	return 0;
}

/** Release a read hold. */
static inline void
rte_rwlock_read_unlock(rte_rwlock_t *rwl)
{
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_READ, __ATOMIC_RELEASE);
}

/**
 * Try to take the lock for writing.
 * @return 0 on success, -EBUSY if anyone holds it.
 */
static inline int
rte_rwlock_write_trylock(rte_rwlock_t *rwl)
{
	int32_t x;

	x = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);
	if (x < RTE_RWLOCK_WRITE &&
	    __atomic_compare_exchange_n(&rwl->cnt, &x, x + RTE_RWLOCK_WRITE,
			1, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return 0;
	return -EBUSY;
}

/** Take the lock for writing, waiting for readers to leave. */
static inline void
rte_rwlock_write_lock(rte_rwlock_t *rwl)
{
	int32_t x;

	for (;;) {
		x = __atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED);

		/* free, or only our wait flag left: try to take it */
		if (x < RTE_RWLOCK_WRITE) {
			if (__atomic_compare_exchange_n(&rwl->cnt, &x,
					RTE_RWLOCK_WRITE, 1,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
				return;
			continue;
		}

		/* announce ourselves so new readers hold off */
		if (!(x & RTE_RWLOCK_WAIT))
			__atomic_fetch_or(&rwl->cnt, RTE_RWLOCK_WAIT,
					__ATOMIC_RELAXED);

		while (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) >
				RTE_RWLOCK_WAIT)
			rte_pause();
	}
}

/** Release a write hold. */
static inline void
rte_rwlock_write_unlock(rte_rwlock_t *rwl)
{
	__atomic_fetch_sub(&rwl->cnt, RTE_RWLOCK_WRITE, __ATOMIC_RELEASE);
}

/** @return 1 if a writer holds the lock, 0 otherwise. */
static inline int
rte_rwlock_write_is_locked(rte_rwlock_t *rwl)
{
	return (__atomic_load_n(&rwl->cnt, __ATOMIC_RELAXED) &
			RTE_RWLOCK_WRITE) != 0;
}

/** Read lock (transactional elision when supported; not used here). */
static inline void
rte_rwlock_read_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_lock(rwl);
}

/** Release a read lock taken with rte_rwlock_read_lock_tm(). */
static inline void
rte_rwlock_read_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_read_unlock(rwl);
}

/** Write lock (transactional elision when supported; not used here). */
static inline void
rte_rwlock_write_lock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_lock(rwl);
}

/** Release a write lock taken with rte_rwlock_write_lock_tm(). */
static inline void
rte_rwlock_write_unlock_tm(rte_rwlock_t *rwl)
{
	rte_rwlock_write_unlock(rwl);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RWLOCK_H_ */
