/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The ring's data types, shared by every synchronisation mode.
 *
 * A ring is one block of shared memory: struct rte_ring, then `size` slots
 * of `esize` bytes. Producers and consumers each own a head/tail pair on a
 * cache line of their own. Head and tail are free-running 32-bit counters;
 * a slot index is `counter & mask`, so wraparound of the counters needs no
 * special case (unsigned differences stay right modulo 2^32).
 *
 * Nothing in the ring points to process-local memory: a secondary process
 * maps the same memzone at the same address and uses the ring as is.
 *
 * Every head/tail variant keeps the tail position at byte offset 4 of the
 * structure, so the opposite side can read `r->prod.tail` / `r->cons.tail`
 * whatever mode this side runs in.
 */
#ifndef _RTE_RING_CORE_H_
#define _RTE_RING_CORE_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdio.h>
#include <stdint.h>
#include <string.h>
#include <errno.h>

#include <rte_common.h>
#include <rte_config.h>
#include <rte_memory.h>
#include <rte_lcore.h>
#include <rte_atomic.h>
#include <rte_branch_prediction.h>
#include <rte_memzone.h>
#include <rte_pause.h>
#include <rte_debug.h>

/** How many objects an enqueue/dequeue moves when fewer are possible. */
enum rte_ring_queue_behavior {
	/** all n objects or none (the bulk calls) */
	RTE_RING_QUEUE_FIXED = 0,
	/** as many as possible, up to n (the burst calls) */
	RTE_RING_QUEUE_VARIABLE
};

/** Prefix of the memzone that holds a ring made by rte_ring_create(). */
#define RTE_RING_MZ_PREFIX "RG_"

/** Longest ring name, NUL included: the memzone name must hold prefix+name. */
#define RTE_RING_NAMESIZE (RTE_MEMZONE_NAMESIZE - \
	sizeof(RTE_RING_MZ_PREFIX) + 1)

/** How one side (producer or consumer) of a ring synchronises. */
enum rte_ring_sync_type {
	RTE_RING_SYNC_MT,     /**< multi-thread safe (default) */
	RTE_RING_SYNC_ST,     /**< single thread only */
	RTE_RING_SYNC_MT_RTS, /**< multi-thread, relaxed tail sync */
	RTE_RING_SYNC_MT_HTS, /**< multi-thread, head/tail sync */
};

/** Head and tail of one side in the MT and ST modes. */
struct rte_ring_headtail {
	volatile uint32_t head; /**< next position to claim */
	volatile uint32_t tail; /**< positions below it are complete */
	RTE_STD_C11
	union {
		/** how this side synchronises */
		enum rte_ring_sync_type sync_type;
		/** kept for old code: non-zero when single-threaded */
		uint32_t single;
	};
};

/** RTS position with an update counter, read and written as one word. */
union __rte_ring_rts_poscnt {
	/** both fields at once, for 64-bit atomics */
	uint64_t raw __rte_aligned(8);
	struct {
		uint32_t cnt; /**< operations started (head) or ended (tail) */
		uint32_t pos; /**< ring position */
	} val;
};

/** Head and tail of one side in the RTS mode. */
struct rte_ring_rts_headtail {
	volatile union __rte_ring_rts_poscnt tail; /**< completed part */
	enum rte_ring_sync_type sync_type;         /**< RTE_RING_SYNC_MT_RTS */
	uint32_t htd_max; /**< largest head-tail distance allowed */
	volatile union __rte_ring_rts_poscnt head; /**< claimed part */
};

/** HTS head and tail, read and written as one word. */
union __rte_ring_hts_pos {
	/** both fields at once, for 64-bit atomics */
	uint64_t raw __rte_aligned(8);
	struct {
		uint32_t head; /**< claimed position */
		uint32_t tail; /**< completed position */
	} pos;
};

/** Head and tail of one side in the HTS mode. */
struct rte_ring_hts_headtail {
	volatile union __rte_ring_hts_pos ht; /**< head and tail */
	enum rte_ring_sync_type sync_type;    /**< RTE_RING_SYNC_MT_HTS */
};

/**
 * A ring of fixed-size elements. The slots follow the structure in the same
 * memory block. Producer and consumer state sit on separate cache lines
 * (with a spare line between) so the two sides do not share lines.
 */
struct rte_ring {
	/** name, unique among the rings of the shared configuration */
	char name[RTE_RING_NAMESIZE] __rte_cache_aligned;
	int flags;                        /**< RING_F_* given at creation */
	/** memzone holding the ring, NULL if the caller gave the memory */
	const struct rte_memzone *memzone;
	uint32_t size;     /**< number of slots, a power of 2 */
	uint32_t mask;     /**< size - 1 */
	uint32_t capacity; /**< usable slots: size - 1, or count if exact */

	char pad0 __rte_cache_aligned; /**< spare line before prod */

	/** producer state, in the layout of its sync mode */
	RTE_STD_C11
	union {
		struct rte_ring_headtail prod;
		struct rte_ring_hts_headtail hts_prod;
		struct rte_ring_rts_headtail rts_prod;
	} __rte_cache_aligned;

	char pad1 __rte_cache_aligned; /**< spare line between the sides */

	/** consumer state, in the layout of its sync mode */
	RTE_STD_C11
	union {
		struct rte_ring_headtail cons;
		struct rte_ring_hts_headtail hts_cons;
		struct rte_ring_rts_headtail rts_cons;
	} __rte_cache_aligned;

	char pad2 __rte_cache_aligned; /**< spare line after cons */
};

#define RING_F_SP_ENQ 0x0001 /**< default enqueue is single-producer */
#define RING_F_SC_DEQ 0x0002 /**< default dequeue is single-consumer */
/**
 * Give the ring exactly the requested capacity: count need not be a power
 * of 2, the slot array is rounded up to one (and so uses more memory).
 */
#define RING_F_EXACT_SZ 0x0004
/** Largest slot count a ring may have. */
#define RTE_RING_SZ_MASK (0x7fffffffU)

#define RING_F_MP_RTS_ENQ 0x0008 /**< default enqueue is MP, RTS mode */
#define RING_F_MC_RTS_DEQ 0x0010 /**< default dequeue is MC, RTS mode */
#define RING_F_MP_HTS_ENQ 0x0020 /**< default enqueue is MP, HTS mode */
#define RING_F_MC_HTS_DEQ 0x0040 /**< default dequeue is MC, HTS mode */

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RING_CORE_H_ */
