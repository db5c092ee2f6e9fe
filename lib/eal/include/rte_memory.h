/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MEMORY_H_
#define _RTE_MEMORY_H_

/**
 * @file
 *
 * Memory topology of the process: memseg lists and memsegs.
 *
 * A memseg list reserves one virtual address range for one (socket, page
 * size) pair; each slot of that range is one page described by a struct
 * rte_memseg kept in the list's fbarray. A slot whose fbarray bit is set is
 * plugged (backed and mapped); other slots are reserved address space only.
 * In dynamic mode pages are plugged and unplugged at run time, so any walk
 * over memory must hold the memory hotplug lock for reading (the plain walk
 * functions take it; the _thread_unsafe forms expect the caller to).
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_fbarray.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_PGSIZE_4K (1ULL << 12)   /**< 4 KiB page */
#define RTE_PGSIZE_64K (1ULL << 16)  /**< 64 KiB page */
#define RTE_PGSIZE_256K (1ULL << 18) /**< 256 KiB page */
#define RTE_PGSIZE_2M (1ULL << 21)   /**< 2 MiB page */
#define RTE_PGSIZE_16M (1ULL << 24)  /**< 16 MiB page */
#define RTE_PGSIZE_256M (1ULL << 28) /**< 256 MiB page */
#define RTE_PGSIZE_512M (1ULL << 29) /**< 512 MiB page */
#define RTE_PGSIZE_1G (1ULL << 30)   /**< 1 GiB page */
#define RTE_PGSIZE_4G (1ULL << 32)   /**< 4 GiB page */
#define RTE_PGSIZE_16G (1ULL << 34)  /**< 16 GiB page */

#ifndef SOCKET_ID_ANY
/** Any NUMA socket will do. */
#define SOCKET_ID_ANY -1
#endif

#ifndef RTE_BAD_PHYS_ADDR
/** Physical address that no page can have: translation failed. */
#define RTE_BAD_PHYS_ADDR ((phys_addr_t)-1)
#endif
#ifndef RTE_BAD_IOVA
/** IO address that no page can have: translation failed. */
#define RTE_BAD_IOVA ((rte_iova_t)-1)
#endif

/** The page belongs to the preallocated floor and is never unplugged. */
#define RTE_MEMSEG_FLAG_DO_NOT_FREE RTE_BIT32(0)
/** The page may hold data from earlier use (not zeroed). */
#define RTE_MEMSEG_FLAG_DIRTY RTE_BIT32(1)
/** The page is user memory registered as external, not EAL hugepages. */
#define RTE_MEMSEG_FLAG_EXTERNAL RTE_BIT32(2)

/**
 * One page (or, for external memory, one user page) of the process.
 */
struct rte_memseg {
	union {
		phys_addr_t phys_addr; /**< Same as iova (older name). */
		rte_iova_t iova;       /**< IO address of the first byte. */
	};
	union {
		void *addr;            /**< Virtual address of the first byte. */
		uint64_t addr_64;      /**< Keeps the address field 64 bits. */
	};
	size_t len;                /**< Length in bytes. */
	uint64_t hugepage_sz;      /**< Size of the page backing it. */
	int32_t socket_id;         /**< NUMA node of the page. */
	uint32_t nchannel;         /**< Memory channels (informational). */
	uint32_t nrank;            /**< Memory ranks (informational). */
	uint32_t flags;            /**< RTE_MEMSEG_FLAG_* bits. */
} __rte_packed;

/**
 * A reserved virtual address range holding pages of one size on one socket.
 */
struct rte_memseg_list {
	union {
		void *base_va;         /**< Start of the reserved range. */
		uint64_t addr_64;      /**< Keeps the address field 64 bits. */
	};
	uint64_t page_sz;          /**< Size of every page of the list. */
	int socket_id;             /**< NUMA node of every page of the list. */
	volatile uint32_t version; /**< Bumped on every plug or unplug. */
	size_t len;                /**< Length of the reserved range. */
	unsigned int external;     /**< 1 if user (external) memory. */
	unsigned int heap;         /**< 1 if the pages feed a malloc heap. */
	struct rte_fbarray memseg_arr; /**< struct rte_memseg per slot. */
};

/**
 * Lock the page holding an address into RAM (mlock).
 *
 * @param virt
 *   Any address inside the page.
 * @return
 *   0 on success, -1 on error (errno set by mlock).
 */
int rte_mem_lock_page(const void *virt);

/**
 * Physical address behind a virtual address of this process.
 *
 * Reading physical frame numbers needs CAP_SYS_ADMIN; without it, or when
 * the address is not mapped, the result is RTE_BAD_PHYS_ADDR.
 *
 * @param virt
 *   Virtual address.
 * @return
 *   The physical address, or RTE_BAD_PHYS_ADDR.
 */
phys_addr_t rte_mem_virt2phy(const void *virt);

/**
 * IO address behind a virtual address of EAL or external memory.
 *
 * @param virt
 *   Virtual address inside a plugged memseg.
 * @return
 *   The IO address (physical or virtual depending on the IOVA mode), or
 *   RTE_BAD_IOVA if the address is not inside any plugged memseg.
 */
rte_iova_t rte_mem_virt2iova(const void *virt);

/**
 * Virtual address of an IO address inside a plugged memseg.
 *
 * @param iova
 *   IO address.
 * @return
 *   The virtual address, or NULL if no plugged memseg covers iova.
 */
void *rte_mem_iova2virt(rte_iova_t iova);

/**
 * Memseg (page slot) holding an address.
 *
 * @param virt
 *   Virtual address.
 * @param msl
 *   Memseg list to look in, or NULL to find it with
 *   rte_mem_virt2memseg_list().
 * @return
 *   The memseg of the page holding virt, or NULL if virt is outside every
 *   list or in a slot that is not plugged.
 */
struct rte_memseg *
rte_mem_virt2memseg(const void *virt, const struct rte_memseg_list *msl);

/**
 * Memseg list whose reserved range holds an address.
 *
 * @param virt
 *   Virtual address.
 * @return
 *   The list, or NULL if virt is outside every list.
 */
struct rte_memseg_list *rte_mem_virt2memseg_list(const void *virt);

/**
 * Function called for every plugged memseg by rte_memseg_walk().
 *
 * Return 0 to continue, 1 to stop the walk successfully, -1 to stop it
 * with an error.
 */
typedef int (*rte_memseg_walk_t)(const struct rte_memseg_list *msl,
		const struct rte_memseg *ms, void *arg);

/**
 * Function called for every run of memsegs that are contiguous both in
 * virtual and IO address space, by rte_memseg_contig_walk(). len is the
 * length of the whole run starting at ms.
 *
 * Return 0 to continue, 1 to stop the walk successfully, -1 to stop it
 * with an error.
 */
typedef int (*rte_memseg_contig_walk_t)(const struct rte_memseg_list *msl,
		const struct rte_memseg *ms, size_t len, void *arg);

/**
 * Function called for every memseg list by rte_memseg_list_walk().
 *
 * Return 0 to continue, 1 to stop the walk successfully, -1 to stop it
 * with an error.
 */
typedef int (*rte_memseg_list_walk_t)(const struct rte_memseg_list *msl,
		void *arg);

/**
 * Call func for every plugged memseg, in list order then address order.
 * Takes the memory hotplug lock for reading; func must not plug or unplug
 * memory (that would deadlock).
 *
 * @param func
 *   Callback.
 * @param arg
 *   Passed to func.
 * @return
 *   0 if every memseg was visited, 1 if func stopped the walk, -1 if func
 *   returned an error.
 */
int rte_memseg_walk(rte_memseg_walk_t func, void *arg);

/**
 * Call func for every run of plugged memsegs contiguous in virtual and IO
 * address space. Takes the memory hotplug lock for reading.
 *
 * @param func
 *   Callback.
 * @param arg
 *   Passed to func.
 * @return
 *   0 if every run was visited, 1 if func stopped the walk, -1 if func
 *   returned an error.
 */
int rte_memseg_contig_walk(rte_memseg_contig_walk_t func, void *arg);

/**
 * Call func for every memseg list, including empty and external ones.
 * Takes the memory hotplug lock for reading.
 *
 * @param func
 *   Callback.
 * @param arg
 *   Passed to func.
 * @return
 *   0 if every list was visited, 1 if func stopped the walk, -1 if func
 *   returned an error.
 */
int rte_memseg_list_walk(rte_memseg_list_walk_t func, void *arg);

/**
 * As rte_memseg_walk(), for a caller already holding the memory hotplug
 * lock (for instance from inside a memory event callback).
 */
int rte_memseg_walk_thread_unsafe(rte_memseg_walk_t func, void *arg);

/**
 * As rte_memseg_contig_walk(), for a caller already holding the memory
 * hotplug lock.
 */
int rte_memseg_contig_walk_thread_unsafe(rte_memseg_contig_walk_t func,
		void *arg);

/**
 * As rte_memseg_list_walk(), for a caller already holding the memory
 * hotplug lock.
 */
int rte_memseg_list_walk_thread_unsafe(rte_memseg_list_walk_t func,
		void *arg);

/**
 * File descriptor backing a memseg.
 *
 * The descriptor stays owned by the EAL: do not close it. In
 * single-file-segments mode several memsegs share one descriptor; see
 * rte_memseg_get_fd_offset().
 *
 * @param ms
 *   A plugged memseg.
 * @return
 *   A file descriptor, or -1 with rte_errno set: EINVAL (bad memseg),
 *   ENODEV (no backing file: --no-huge or external memory), ENOENT (the
 *   descriptor was not kept).
 */
int rte_memseg_get_fd(const struct rte_memseg *ms);

/**
 * As rte_memseg_get_fd(), for a caller already holding the memory hotplug
 * lock.
 */
int rte_memseg_get_fd_thread_unsafe(const struct rte_memseg *ms);

/**
 * Offset of a memseg inside the file returned by rte_memseg_get_fd().
 *
 * @param ms
 *   A plugged memseg.
 * @param offset
 *   Where to store the offset in bytes.
 * @return
 *   0 on success, -1 with rte_errno set (as rte_memseg_get_fd()).
 */
int rte_memseg_get_fd_offset(const struct rte_memseg *ms, size_t *offset);

/**
 * As rte_memseg_get_fd_offset(), for a caller already holding the memory
 * hotplug lock.
 */
int rte_memseg_get_fd_offset_thread_unsafe(const struct rte_memseg *ms,
		size_t *offset);

/**
 * Register user memory as external memory (creates a memseg list for it).
 * The memory must stay mapped until rte_extmem_unregister().
 *
 * @param va_addr
 *   Start of the area, page_sz aligned.
 * @param len
 *   Length, a multiple of page_sz.
 * @param iova_addrs
 *   IO address of every page, or NULL (then RTE_BAD_IOVA for all).
 * @param n_pages
 *   Number of entries of iova_addrs (len / page_sz), or 0 with NULL.
 * @param page_sz
 *   Page size of the area.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL (bad arguments), ENOSPC
 *   (no free memseg list), EEXIST (already registered), ENOMEM.
 */
int rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[],
		unsigned int n_pages, size_t page_sz);

/**
 * Unregister external memory registered by rte_extmem_register().
 *
 * @param va_addr
 *   Start of the area.
 * @param len
 *   Length of the area.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL, ENOENT (not registered).
 */
int rte_extmem_unregister(void *va_addr, size_t len);

/**
 * Attach, in this (secondary) process, external memory registered by
 * another process; the memory must already be mapped at the same address.
 *
 * @param va_addr
 *   Start of the area.
 * @param len
 *   Length of the area.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL, ENOENT.
 */
int rte_extmem_attach(void *va_addr, size_t len);

/**
 * Detach external memory attached with rte_extmem_attach().
 *
 * @param va_addr
 *   Start of the area.
 * @param len
 *   Length of the area.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL, ENOENT.
 */
int rte_extmem_detach(void *va_addr, size_t len);

/**
 * Print every memseg list and its contiguous runs of plugged pages.
 *
 * @param f
 *   Output stream.
 */
void rte_dump_physmem_layout(FILE *f);

/**
 * Total size of the plugged EAL (non-external) pages.
 *
 * @return
 *   Bytes of memory currently plugged.
 */
uint64_t rte_eal_get_physmem_size(void);

/**
 * Number of memory channels the application declared (-n), 0 if unknown.
 */
unsigned int rte_memory_get_nchannel(void);

/**
 * Number of memory ranks the application declared (-r), 0 if unknown.
 */
unsigned int rte_memory_get_nrank(void);

/**
 * Check that every plugged page lies below 2^maskbits in IO address space,
 * and remember the narrowest mask seen so later plugs can honour it.
 *
 * @param maskbits
 *   Address width in bits (1..64).
 * @return
 *   0 if every page fits, -1 otherwise (rte_errno EINVAL for a bad width,
 *   ERANGE when a page is out of reach).
 */
int rte_mem_check_dma_mask(uint8_t maskbits);

/**
 * As rte_mem_check_dma_mask(), for a caller already holding the memory
 * hotplug lock.
 */
int rte_mem_check_dma_mask_thread_unsafe(uint8_t maskbits);

/**
 * Record a DMA mask width without checking present memory (for use before
 * memory is initialised, or from a memory event callback).
 *
 * @param maskbits
 *   Address width in bits.
 */
void rte_mem_set_dma_mask(uint8_t maskbits);

/**
 * Whether IO addresses of EAL memory are physical addresses: hugepages are
 * in use and this process can read page frame numbers.
 *
 * @return
 *   1 if so, 0 otherwise.
 */
int rte_eal_using_phys_addrs(void);

/** Kinds of change to memory reported to memory event callbacks. */
enum rte_mem_event {
	RTE_MEM_EVENT_ALLOC = 0, /**< Pages were plugged. */
	RTE_MEM_EVENT_FREE,      /**< Pages are about to be unplugged. */
};

/** Maximum length of a memory event callback name, with the NUL. */
#define RTE_MEM_EVENT_CALLBACK_NAME_LEN 64

/**
 * Called when memory is plugged (after) or unplugged (before). The call is
 * made with the memory hotplug lock held for writing: use only the
 * _thread_unsafe memory functions from it.
 */
typedef void (*rte_mem_event_callback_t)(enum rte_mem_event event_type,
		const void *addr, size_t len, void *arg);

/**
 * Register a memory event callback.
 *
 * @param name
 *   Name of the callback (with arg, its identity).
 * @param clb
 *   Callback.
 * @param arg
 *   Passed to clb.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL, EEXIST, ENOMEM, ENOTSUP
 *   (legacy memory: memory never changes).
 */
int rte_mem_event_callback_register(const char *name,
		rte_mem_event_callback_t clb, void *arg);

/**
 * Unregister a memory event callback.
 *
 * @param name
 *   Name given at registration.
 * @param arg
 *   Argument given at registration.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL, ENOENT, ENOTSUP.
 */
int rte_mem_event_callback_unregister(const char *name, void *arg);

/** Maximum length of an allocation validator name, with the NUL. */
#define RTE_MEM_ALLOC_VALIDATOR_NAME_LEN 64

/**
 * Asked before memory of socket_id grows past cur_limit to new_len bytes.
 * Return 0 to allow, -1 to refuse (the allocation then fails).
 */
typedef int (*rte_mem_alloc_validator_t)(int socket_id, size_t cur_limit,
		size_t new_len);

/**
 * Register an allocation validator for one socket, consulted whenever
 * the memory of that socket would grow beyond limit.
 *
 * @param name
 *   Name of the validator.
 * @param clb
 *   Validator.
 * @param socket_id
 *   Socket it watches.
 * @param limit
 *   Size in bytes above which clb is consulted.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL, EEXIST, ENOMEM, ENOTSUP.
 */
int rte_mem_alloc_validator_register(const char *name,
		rte_mem_alloc_validator_t clb, int socket_id, size_t limit);

/**
 * Unregister an allocation validator.
 *
 * @param name
 *   Name given at registration.
 * @param socket_id
 *   Socket given at registration.
 * @return
 *   0 on success, -1 with rte_errno set: EINVAL, ENOENT, ENOTSUP.
 */
int rte_mem_alloc_validator_unregister(const char *name, int socket_id);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMORY_H_ */
