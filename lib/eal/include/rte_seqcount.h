/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Sequence counter: one writer, any number of readers that never block it.
 *
 * The count is odd while a write is under way. A reader notes the count
 * before reading the protected data and checks it after: if it was odd,
 * or has moved, the data may be torn and the reader tries again. Writers
 * must be serialised by the caller (rte_seqlock.h does it with a
 * spinlock).
 */
#ifndef _RTE_SEQCOUNT_H_
#define _RTE_SEQCOUNT_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdbool.h>
#include <stdint.h>

#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_compat.h>

/** A sequence counter. */
typedef struct {
	uint32_t sn; /**< even when no write is under way */
} rte_seqcount_t;

/** Static initializer: no write under way. */
#define RTE_SEQCOUNT_INITIALIZER { .sn = 0 }

/** Initialise a sequence counter. */
__rte_experimental
static inline void
rte_seqcount_init(rte_seqcount_t *seqcount)
{
	seqcount->sn = 0;
}

/**
 * Start a read of the protected data.
 *
 * @return the count to give rte_seqcount_read_retry() once the data is
 *   read.
 */
__rte_experimental
static inline uint32_t
rte_seqcount_read_begin(const rte_seqcount_t *seqcount)
{
	/* the data loads that follow may not move above this one */
	return __atomic_load_n(&seqcount->sn, __ATOMIC_ACQUIRE);
}

/**
 * End a read: must the data read since rte_seqcount_read_begin() be read
 * again?
 *
 * @param begin_sn what rte_seqcount_read_begin() returned
 * @return true if a write began before or during the read (the copy may
 *   be torn), false if the copy is consistent.
 */
__rte_experimental
static inline bool
rte_seqcount_read_retry(const rte_seqcount_t *seqcount, uint32_t begin_sn)
{
	uint32_t end_sn;

	if (unlikely(begin_sn & 1))
		return true;
	/* the data loads above may not move below the count's load */
	__atomic_thread_fence(__ATOMIC_ACQUIRE);
	end_sn = __atomic_load_n(&seqcount->sn, __ATOMIC_RELAXED);
	return begin_sn != end_sn;
}

/** Start a write; the caller keeps other writers out. */
__rte_experimental
static inline void
rte_seqcount_write_begin(rte_seqcount_t *seqcount)
{
	uint32_t sn = seqcount->sn + 1;

	__atomic_store_n(&seqcount->sn, sn, __ATOMIC_RELAXED);
	/* readers see the odd count before any of the data stores */
	__atomic_thread_fence(__ATOMIC_RELEASE);
}

/** End a write: readers may take the data again. */
__rte_experimental
static inline void
rte_seqcount_write_end(rte_seqcount_t *seqcount)
{
	uint32_t sn = seqcount->sn + 1;

	/* the data stores are visible before the even count */
	__atomic_store_n(&seqcount->sn, sn, __ATOMIC_RELEASE);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_SEQCOUNT_H_ */
