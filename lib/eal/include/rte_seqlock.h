/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sequence lock: a sequence counter (rte_seqcount.h) whose writers are
 * serialised by a spinlock. Readers never block writers and never write
 * to shared memory; they retry when a write overlapped their read. Suits
 * small data read often and written seldom (configuration, statistics
 * snapshots); the reader must cope with torn values until it retries, so
 * it should only copy the data inside the read section.
 */
#ifndef _RTE_SEQLOCK_H_
#define _RTE_SEQLOCK_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdbool.h>
#include <stdint.h>

#include <rte_atomic.h>
#include <rte_compat.h>
#include <rte_seqcount.h>
#include <rte_spinlock.h>

/** A sequence lock. */
typedef struct {
	rte_seqcount_t count; /**< sequence count of the protected data */
	rte_spinlock_t lock;  /**< serialises the writers */
} rte_seqlock_t;

/** Static initializer of a free sequence lock. */
#define RTE_SEQLOCK_INITIALIZER { \
	.count = RTE_SEQCOUNT_INITIALIZER, \
	.lock = RTE_SPINLOCK_INITIALIZER \
}

/** Initialise a sequence lock as free. */
__rte_experimental
static inline void
rte_seqlock_init(rte_seqlock_t *seqlock)
{
	rte_seqcount_init(&seqlock->count);
	rte_spinlock_init(&seqlock->lock);
}

/**
 * Start a read; see rte_seqcount_read_begin().
 * @return the count to give rte_seqlock_read_retry().
 */
__rte_experimental
static inline uint32_t
rte_seqlock_read_begin(const rte_seqlock_t *seqlock)
{
	return rte_seqcount_read_begin(&seqlock->count);
}

/**
 * End a read; see rte_seqcount_read_retry().
 * @return true if the data must be read again.
 */
__rte_experimental
static inline bool
rte_seqlock_read_retry(const rte_seqlock_t *seqlock, uint32_t begin_sn)
{
	return rte_seqcount_read_retry(&seqlock->count, begin_sn);
}

/** Take the lock for writing; other writers wait, readers retry. */
__rte_experimental
static inline void
rte_seqlock_write_lock(rte_seqlock_t *seqlock)
{
	rte_spinlock_lock(&seqlock->lock);
	rte_seqcount_write_begin(&seqlock->count);
}

/** Release the lock taken with rte_seqlock_write_lock(). */
__rte_experimental
static inline void
rte_seqlock_write_unlock(rte_seqlock_t *seqlock)
{
	rte_seqcount_write_end(&seqlock->count);
	rte_spinlock_unlock(&seqlock->lock);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_SEQLOCK_H_ */
