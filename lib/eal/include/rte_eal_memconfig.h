/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_EAL_MEMCONFIG_H_
#define _RTE_EAL_MEMCONFIG_H_

/**
 * @file
 *
 * Locks of the shared memory configuration, for libraries and drivers that
 * must keep memory, tailqs, mempools or timers stable while they work.
 *
 * Take them in this order when more than one is needed: memory, tailq,
 * mempool, timer. The memory lock is the memory hotplug lock: readers see
 * a stable set of plugged pages; writers (the page allocator) change it.
 */

#include <stdbool.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Take the memory hotplug lock for reading. */
void rte_mcfg_mem_read_lock(void);

/** Release the memory hotplug lock taken for reading. */
void rte_mcfg_mem_read_unlock(void);

/** Take the memory hotplug lock for writing. */
void rte_mcfg_mem_write_lock(void);

/** Release the memory hotplug lock taken for writing. */
void rte_mcfg_mem_write_unlock(void);

/** Take the tailq lock for reading. */
void rte_mcfg_tailq_read_lock(void);

/** Release the tailq lock taken for reading. */
void rte_mcfg_tailq_read_unlock(void);

/** Take the tailq lock for writing. */
void rte_mcfg_tailq_write_lock(void);

/** Release the tailq lock taken for writing. */
void rte_mcfg_tailq_write_unlock(void);

/** Take the mempool list lock for reading. */
void rte_mcfg_mempool_read_lock(void);

/** Release the mempool list lock taken for reading. */
void rte_mcfg_mempool_read_unlock(void);

/** Take the mempool list lock for writing. */
void rte_mcfg_mempool_write_lock(void);

/** Release the mempool list lock taken for writing. */
void rte_mcfg_mempool_write_unlock(void);

/** Take the timer lock. */
void rte_mcfg_timer_lock(void);

/** Release the timer lock. */
void rte_mcfg_timer_unlock(void);

/**
 * Whether the EAL was started with --single-file-segments (one backing file
 * per memseg list instead of one per page).
 *
 * @return
 *   true if single-file segments are in use.
 */
bool rte_mcfg_get_single_file_segments(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_EAL_MEMCONFIG_H_ */
