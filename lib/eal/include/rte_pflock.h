/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Phase-fair reader-writer lock (Brandenburg and Anderson, "Spin-based
 * reader-writer synchronization for multiprocessor real-time systems",
 * 2010). Readers and writers take turns by phase: a writer waits only for
 * the readers already inside and then for one earlier writer; readers
 * that arrive while a writer waits or holds the lock wait for that one
 * writer only. Neither side starves, unlike rte_rwlock where a stream of
 * readers can hold a writer off for ever.
 *
 * Readers count in and out in the upper 8 bits of rd.in/rd.out, so at
 * most 255 threads may hold or wait for a read lock at once. A writer
 * announces itself in the two low bits of rd.in: "present" and the
 * parity of its ticket, so that a reader can tell one writer's phase from
 * the next one's. Writers queue on the wr.in/wr.out tickets.
 */
#ifndef _RTE_PFLOCK_H_
#define _RTE_PFLOCK_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>
#include <rte_pause.h>

/** A phase-fair reader-writer lock. */
struct rte_pflock {
	struct {
		uint16_t in;  /**< readers in (upper bits), writer bits */
		uint16_t out; /**< readers out (upper bits) */
	} rd;                 /**< reader side */
	struct {
		uint16_t in;  /**< writer tickets handed out */
		uint16_t out; /**< writer tickets served */
	} wr;                 /**< writer side */
};

/** A phase-fair reader-writer lock. */
typedef struct rte_pflock rte_pflock_t;

/** Static initializer of a free lock. */
#define RTE_PFLOCK_INITIALIZER { }

/** One reader, in the reader count of rd.in and rd.out. */
#define RTE_PFLOCK_RINC 0x100
/** The writer bits of rd.in. */
#define RTE_PFLOCK_WBITS 0x3
/** Writer bit: a writer waits or holds the lock. */
#define RTE_PFLOCK_PRES 0x2
/** Writer bit: the parity of that writer's ticket (its phase). */
#define RTE_PFLOCK_PHID 0x1
/** rd.in without its writer bits. */
#define RTE_PFLOCK_LSB 0xfff0

/** Initialise a lock as free. */
__rte_experimental
static inline void
rte_pflock_init(struct rte_pflock *pf)
{
	pf->rd.in = 0;
	pf->rd.out = 0;
	pf->wr.in = 0;
	pf->wr.out = 0;
}

/** Take the lock for reading; waits for at most one writer. */
__rte_experimental
static inline void
rte_pflock_read_lock(rte_pflock_t *pf)
{
	uint16_t w;

	w = __atomic_fetch_add(&pf->rd.in, RTE_PFLOCK_RINC, __ATOMIC_ACQUIRE) &
		RTE_PFLOCK_WBITS;
	if (w == 0)
		return;
	/* a writer waits or holds the lock: wait until its phase ends */
	while ((__atomic_load_n(&pf->rd.in, __ATOMIC_ACQUIRE) &
			RTE_PFLOCK_WBITS) == w)
		rte_pause();
}

/** Release a read hold. */
__rte_experimental
static inline void
rte_pflock_read_unlock(rte_pflock_t *pf)
{
	__atomic_fetch_add(&pf->rd.out, RTE_PFLOCK_RINC, __ATOMIC_RELEASE);
}

/** Take the lock for writing: after earlier writers and present readers. */
__rte_experimental
static inline void
rte_pflock_write_lock(rte_pflock_t *pf)
{
	uint16_t ticket, w;

	ticket = __atomic_fetch_add(&pf->wr.in, 1, __ATOMIC_RELAXED);
	rte_wait_until_equal_16(&pf->wr.out, ticket, __ATOMIC_ACQUIRE);
	/* announce this phase; new readers now wait for it to end */
	w = RTE_PFLOCK_PRES | (ticket & RTE_PFLOCK_PHID);
	ticket = __atomic_fetch_add(&pf->rd.in, w, __ATOMIC_RELAXED);
	/* and the readers that came before leave */
	rte_wait_until_equal_16(&pf->rd.out, ticket & RTE_PFLOCK_LSB,
			__ATOMIC_ACQUIRE);
}

/** Release the write hold: waiting readers, then the next writer, go. */
__rte_experimental
static inline void
rte_pflock_write_unlock(rte_pflock_t *pf)
{
	__atomic_fetch_and(&pf->rd.in, RTE_PFLOCK_LSB, __ATOMIC_RELEASE);
	__atomic_fetch_add(&pf->wr.out, 1, __ATOMIC_RELEASE);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PFLOCK_H_ */
