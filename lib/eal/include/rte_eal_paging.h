/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_EAL_PAGING_H_
#define _RTE_EAL_PAGING_H_

/**
 * @file
 *
 * Thin, OS-neutral wrappers over the virtual memory calls the EAL and its
 * drivers need: mapping, unmapping, locking and the system page size.
 */

#include <stddef.h>
#include <stdint.h>

#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Access allowed to a mapping. */
enum rte_mem_prot {
	RTE_PROT_READ = 1 << 0,    /**< may read */
	RTE_PROT_WRITE = 1 << 1,   /**< may write */
	RTE_PROT_EXECUTE = 1 << 2, /**< may execute */
};

/** How a mapping is made. */
enum rte_map_flags {
	RTE_MAP_SHARED = 1 << 0,        /**< changes visible to others */
	RTE_MAP_PRIVATE = 1 << 1,       /**< copy-on-write */
	RTE_MAP_ANONYMOUS = 1 << 2,     /**< no file behind it */
	RTE_MAP_FORCE_ADDRESS = 1 << 3, /**< requested_addr is mandatory */
};

/**
 * Map memory.
 *
 * @param requested_addr
 *   Wanted address, or NULL; a hint unless RTE_MAP_FORCE_ADDRESS.
 * @param size
 *   Length in bytes.
 * @param prot
 *   RTE_PROT_* flags.
 * @param flags
 *   RTE_MAP_* flags.
 * @param fd
 *   File to map, ignored with RTE_MAP_ANONYMOUS.
 * @param offset
 *   Offset into the file.
 * @return
 *   The address, or NULL with rte_errno set.
 */
__rte_internal
void *rte_mem_map(void *requested_addr, size_t size, int prot, int flags,
		int fd, uint64_t offset);

/**
 * Unmap memory mapped with rte_mem_map().
 *
 * @param virt
 *   Start address.
 * @param size
 *   Length in bytes.
 * @return
 *   0 on success, -1 with rte_errno set.
 */
__rte_internal
int rte_mem_unmap(void *virt, size_t size);

/**
 * Size of a normal (not huge) page.
 *
 * @return
 *   The size in bytes.
 */
__rte_internal
size_t rte_mem_page_size(void);

/**
 * Keep memory resident (never swapped out).
 *
 * @param virt
 *   Start address.
 * @param size
 *   Length in bytes.
 * @return
 *   0 on success, -1 with rte_errno set.
 */
__rte_internal
int rte_mem_lock(const void *virt, size_t size);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_EAL_PAGING_H_ */
