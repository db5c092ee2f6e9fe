/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The shared configuration: the one structure every cooperating process maps
 * at the same virtual address (mem_cfg_addr). It holds the memseg lists, the
 * memzone table, the heaps, the tailq heads and the locks that order changes
 * to memory.
 *
 * Lock order (take left to right, release right to left):
 *   memory_hotplug_lock (rwlock) -> malloc_heap.lock -> memzone (mlock)
 *     -> fbarray lock
 * memory_hotplug_lock is a reader/writer lock: walkers take it for reading,
 * anything that plugs or unplugs pages takes it for writing. No spinlock of
 * this structure is ever held across I/O or while waiting on IPC.
 */
#ifndef EAL_MEMCFG_H
#define EAL_MEMCFG_H

#include <stdint.h>

#include <rte_fbarray.h>
#include <rte_memory.h>
#include <rte_rwlock.h>
#include <rte_spinlock.h>
#include <rte_tailq.h>

#include "malloc_heap.h"

#define RTE_MEM_CONFIG_MAGIC 0x48504d43u /* "HPMC" */
#define RTE_MEM_CONFIG_VERSION 1u

struct rte_mem_config {
	volatile uint32_t magic;   /**< RTE_MEM_CONFIG_MAGIC once initialised */
	uint32_t version;          /**< RTE_MEM_CONFIG_VERSION */

	rte_rwlock_t mlock;        /**< memzone table */
	rte_rwlock_t qlock;        /**< tailqs */
	rte_rwlock_t mplock;       /**< mempool list */
	rte_spinlock_t tlock;      /**< timers */
	rte_rwlock_t memory_hotplug_lock; /**< plug/unplug vs walkers */

	/* memory topology: one list per (socket, page size) */
	struct rte_memseg_list memsegs[RTE_MAX_MEMSEG_LISTS];

	struct rte_fbarray memzones;  /**< struct rte_memzone table */

	struct rte_tailq_head tailq_head[RTE_MAX_TAILQ];

	struct malloc_heap malloc_heaps[RTE_MAX_HEAPS];
	int next_socket_id;           /**< next id for an external heap */

	/* what secondaries must agree with */
	uint32_t legacy_mem;
	uint32_t single_file_segments;
	uint32_t no_hugetlbfs;
	uint32_t iova_mode;           /**< enum rte_iova_mode */

	uint64_t tsc_hz;
	uint8_t dma_maskbits;         /**< narrowest device DMA mask seen */
	uint32_t mp_status;           /**< secondaries admitted or refused
	                                (rte_mp_disable, eal_common_proc.c) */
	uint32_t nchannel;            /**< -n, for rte_memory_get_nchannel() */
	uint32_t nrank;               /**< -r, for rte_memory_get_nrank() */

	uint64_t mem_cfg_addr;        /**< VA where the primary mapped this */
} __rte_cache_aligned;

/* the shared configuration of this process (primary or secondary) */
struct rte_mem_config *rte_eal_get_mcfg(void);

#endif /* EAL_MEMCFG_H */
