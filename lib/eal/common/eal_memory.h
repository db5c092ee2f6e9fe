/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal view of the memory topology (eal_common_memory.c,
 * linux/eal_memory.c, linux/eal_hugepage_info.c).
 *
 * The topology is an array of memseg lists in the shared config. A list is
 * in use iff its base_va is set; it reserves len bytes of VA (PROT_NONE
 * until a page is plugged) for memseg_arr.len slots of page_sz bytes, slot
 * k at base_va + k * page_sz. Invariants, checked by eal_msl_check():
 *  - a used slot's memseg has addr == its slot address, len == page_sz,
 *    hugepage_sz == page_sz, socket_id == the list's socket;
 *  - a free slot's memseg is zero (so a stale descriptor is never read as
 *    live memory);
 *  - memseg_arr.count equals the number of used bits.
 *
 * How many slots a list has comes from the hugepage inventory and the
 * options (--socket-limit caps it); RTE_MAX_* of rte_config.h only bound it.
 */
#ifndef EAL_MEMORY_H
#define EAL_MEMORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_memory.h>

#include "eal_internal_cfg.h"

/* default --no-huge capacity when neither -m nor --socket-limit is given */
#define EAL_NO_HUGE_DEFAULT_MEM (1ULL << 30)
/* what --no-huge --legacy-mem maps when -m is not given */
#define EAL_NO_HUGE_LEGACY_DEFAULT_MEM (64ULL << 20)
/* what --legacy-mem maps per socket when neither -m nor --socket-mem */
#define EAL_LEGACY_DEFAULT_SOCKET_MEM (512ULL << 20)
/* the block size of --no-huge memory */
#define EAL_NO_HUGE_PAGE_SZ RTE_PGSIZE_2M

/*
 * Pages to take, per socket and per hugepage size (index into
 * internal_config.hugepage_info), to reach a byte target per socket.
 */
struct eal_mem_plan {
	uint32_t pages[RTE_MAX_NUMA_NODES][MAX_HUGEPAGE_SIZES];
	uint64_t bytes[RTE_MAX_NUMA_NODES];  /* what the pages add up to */
};

/*
 * Turn per-socket byte targets into page counts, largest page size first
 * and the smallest size for the remainder (rounded up), within the free
 * pages of each node. -ENOMEM (with *short_socket set) when a target cannot
 * be met; the plan is then incomplete and must not be used.
 */
int eal_mem_plan_make(const struct internal_config *cfg,
		const uint64_t want[RTE_MAX_NUMA_NODES], struct eal_mem_plan *plan,
		int *short_socket);

/*
 * The byte target per socket implied by -m / --socket-mem (zero when
 * neither is given). -m alone is spread over nodes in order of their free
 * hugepages. Returns -ENOMEM if -m exceeds every free page.
 */
int eal_mem_floor_targets(const struct internal_config *cfg,
		uint64_t want[RTE_MAX_NUMA_NODES]);

/* number of sockets the inventory and options may use (numa nodes) */
unsigned int eal_mem_num_sockets(void);

/*
 * Unmap every list's VA and destroy (primary) or detach (secondary) its
 * fbarray; external lists are left to their owner.
 */
void eal_memseg_lists_teardown(void);

/* index of msl in the shared config, -1 if it is not one of them */
int eal_memseg_list_idx(const struct rte_memseg_list *msl);

/*
 * Consistency of one memseg list (see the invariants above); 0 if sound,
 * otherwise -EFAULT after logging the first violation found.
 */
int eal_msl_check(const struct rte_memseg_list *msl);

/* drop the flock the hugepage discovery took on every hugedir */
void eal_hugedirs_unlock(void);

/* primary: record discovered hugepage info for secondaries (runtime dir) */
int eal_hugepage_info_save(void);

/*
 * Legacy hugepage memory (linux/eal_memory.c): map what the options ask
 * for, IOVA-sorted, at init; unmap it at cleanup.
 */
int eal_legacy_mem_init(void);
void eal_legacy_mem_cleanup(void);
/* fd and offset backing a legacy page, or -ENOENT if not legacy memory */
int eal_legacy_get_seg_fd(int list_idx, int seg_idx, size_t *offset);

/* dynamic mode: plug and pin the -m / --socket-mem floor */
int eal_dynmem_floor_init(void);

/* physical address of a mapped byte via /proc/self/pagemap */
phys_addr_t eal_virt2phy(const void *virt);

#endif /* EAL_MEMORY_H */
