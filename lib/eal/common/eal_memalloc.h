/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The page allocator: plugs and unplugs whole pages of one (socket, page
 * size) memseg list. It knows nothing about the heap; the heap calls it
 * (with the memory_hotplug_lock held for writing) when it must grow or may
 * shrink. Every request is all-or-nothing: a failure part-way rolls back
 * each page already plugged.
 *
 * Order of effects on alloc: back -> map -> fault in -> check NUMA node ->
 * record IOVA -> mark used in the fbarray -> RTE_MEM_EVENT_ALLOC callbacks.
 * On free: RTE_MEM_EVENT_FREE callbacks -> mark free -> unmap to PROT_NONE
 * -> release backing. Validators (rte_mem_alloc_validator_register) and
 * --socket-limit are consulted here, before any page is plugged; a refusal
 * returns -ENOMEM and changes nothing.
 */
#ifndef EAL_MEMALLOC_H
#define EAL_MEMALLOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_memory.h>

/*
 * Plug n_segs pages of page_sz on socket. With exact, all n_segs or none;
 * without, as many as possible (at least one). Returns the number of pages
 * plugged (their memsegs in ms[]) or -errno.
 */
int eal_memalloc_alloc_seg_bulk(struct rte_memseg **ms, int n_segs,
		size_t page_sz, int socket, bool exact);

/* one page; NULL with rte_errno set on failure */
struct rte_memseg *eal_memalloc_alloc_seg(size_t page_sz, int socket);

/*
 * Plug n_segs pages that are IOVA-contiguous and VA-contiguous (in IOVA-as-PA
 * mode this means finding physically adjacent hugepages). Returns n_segs or
 * -ENOMEM when the machine has no such run to give.
 */
int eal_memalloc_alloc_seg_bulk_contig(struct rte_memseg **ms, int n_segs,
		size_t page_sz, int socket);

/* unplug; 0 or -errno. Pages of the -m/--socket-mem floor are refused. */
int eal_memalloc_free_seg(struct rte_memseg *ms);
int eal_memalloc_free_seg_bulk(struct rte_memseg **ms, int n_segs);

/* secondary: make local mappings match the primary's fbarrays */
int eal_memalloc_sync_with_primary(void);

/* one range of a memseg list changed by the primary, as a sync carries it */
struct eal_memalloc_delta {
	uint16_t list_idx;
	uint16_t reserved;
	uint32_t first;     /* first slot that changed */
	uint32_t count;     /* slots from first that may have changed */
	uint32_t ver_from;  /* list version before the first change */
	uint32_t ver_to;    /* list version after the last */
};

/*
 * Primary, memory_hotplug_lock held for writing: the lists changed since
 * the last call (at most max ranges, one per list), forgotten once taken.
 * The count, or -E2BIG when they did not fit (a full resync is then due).
 */
int eal_memalloc_delta_take(struct eal_memalloc_delta *d, int max);

/*
 * Secondary: map and unmap only the slots of the n ranges (firing mem event
 * callbacks: ALLOC after mapping, FREE before unmapping). A list whose
 * version does not follow on from what this process last saw is rescanned
 * whole; n < 0 rescans everything. 0 or -errno.
 */
int eal_memalloc_sync_delta(const struct eal_memalloc_delta *d, int n);

/* fd and offset backing a page, for rte_memseg_get_fd*(); -errno if none */
int eal_memalloc_get_seg_fd(int list_idx, int seg_idx);
int eal_memalloc_get_seg_fd_offset(int list_idx, int seg_idx, size_t *offset);

int eal_memalloc_init(void);
void eal_memalloc_cleanup(void);

/* memory event callbacks and allocation validators (eal_common_memalloc.c) */
/*
 * Tell the DMA hook and the callbacks. ALLOC: the hook first (it maps the
 * pages into the IOMMU); if it refuses, no callback hears of them and its
 * -errno is returned, so the caller must roll the pages back. FREE: the
 * callbacks, then the hook (unmap last); always 0.
 */
int eal_memalloc_mem_event_notify(enum rte_mem_event event, const void *start,
		size_t len);
/*
 * The one internal DMA hook (the VFIO driver's). Unlike public callbacks it
 * may refuse new pages, e.g. when the IOMMU cannot reach their IOVA or has
 * no entry left. NULL removes it.
 */
typedef int (*eal_memalloc_dma_hook_t)(enum rte_mem_event event,
		const void *start, size_t len);
void eal_memalloc_dma_hook_set(eal_memalloc_dma_hook_t hook);
int eal_memalloc_mem_event_callback_register(const char *name,
		rte_mem_event_callback_t clb, void *arg);
int eal_memalloc_mem_event_callback_unregister(const char *name, void *arg);
/* 0 if the validators of socket_id accept growing it to new_len, else -1 */
int eal_memalloc_mem_alloc_validate(int socket_id, size_t new_len);

/*
 * Test hook (fault injection): the n-th page to be backed from now on, over
 * all later requests, fails as if the system had no page left (-ENOMEM);
 * n <= 0 disarms.
 */
void eal_memalloc_fault_inject(int n);

/* is this memseg part of the preallocated floor (never returned)? */
bool eal_memalloc_is_floor_seg(const struct rte_memseg *ms);

#endif /* EAL_MEMALLOC_H */
