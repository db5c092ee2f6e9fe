/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MEMZONE_H_
#define _RTE_MEMZONE_H_

/**
 * @file
 * Memzones: named reservations of hugepage memory, shared by every process
 * of the application and found again by name.
 *
 * A memzone is carved out of a malloc heap, so reserving one may plug new
 * pages and freeing one may unplug them. Its memory is VA-contiguous; it is
 * IOVA-contiguous only when RTE_MEMZONE_IOVA_CONTIG is asked for (or the
 * memory happens to be).
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/** @name Page-size flags: the memzone must lie on pages of this size. */
/**@{*/
#define RTE_MEMZONE_2MB 0x00000001   /**< 2 MiB pages */
#define RTE_MEMZONE_1GB 0x00000002   /**< 1 GiB pages */
#define RTE_MEMZONE_16MB 0x00000100  /**< 16 MiB pages */
#define RTE_MEMZONE_16GB 0x00000200  /**< 16 GiB pages */
#define RTE_MEMZONE_256KB 0x00010000 /**< 256 KiB pages */
#define RTE_MEMZONE_256MB 0x00020000 /**< 256 MiB pages */
#define RTE_MEMZONE_512MB 0x00040000 /**< 512 MiB pages */
#define RTE_MEMZONE_4GB 0x00080000   /**< 4 GiB pages */
#define RTE_MEMZONE_4KB 0x00200000   /**< 4 KiB pages (--no-huge style) */
#define RTE_MEMZONE_64KB 0x00400000  /**< 64 KiB pages */
/**@}*/

/** The page-size flags are a preference: other sizes are used if needed. */
#define RTE_MEMZONE_SIZE_HINT_ONLY 0x00000004
/** The memory must be IOVA-contiguous (usable for device DMA as one). */
#define RTE_MEMZONE_IOVA_CONTIG 0x00100000

/** Maximum length of a memzone name, with the terminating NUL. */
#define RTE_MEMZONE_NAMESIZE 32

/** A reserved memzone, as kept in the shared memzone table. */
struct rte_memzone {
	char name[RTE_MEMZONE_NAMESIZE]; /**< name, NUL terminated */
	rte_iova_t iova;                 /**< IO address of the first byte */
	union {
		void *addr;              /**< virtual address */
		uint64_t addr_64;        /**< keeps the field 64 bits */
	};
	size_t len;                      /**< length in bytes */
	uint64_t hugepage_sz;            /**< page size of the memory */
	int32_t socket_id;               /**< NUMA socket (or heap id) */
	uint32_t flags;                  /**< RTE_MEMZONE_* flags given */
} __rte_packed;

/**
 * Reserve a memzone aligned to a cache line.
 *
 * @param name
 *   Unique name, shorter than RTE_MEMZONE_NAMESIZE.
 * @param len
 *   Length in bytes; 0 reserves the biggest block free right now.
 * @param socket_id
 *   Socket id (or external heap id), or SOCKET_ID_ANY.
 * @param flags
 *   RTE_MEMZONE_* flags.
 * @return
 *   The memzone, or NULL with rte_errno set: E_RTE_NO_CONFIG (no shared
 *   config), E_RTE_SECONDARY, ENOSPC (table full), ENOMEM, EINVAL,
 *   EEXIST (name taken), ENAMETOOLONG.
 */
const struct rte_memzone *rte_memzone_reserve(const char *name, size_t len,
		int socket_id, unsigned int flags);

/**
 * Reserve a memzone whose start is aligned to align.
 *
 * @param name
 *   Unique name.
 * @param len
 *   Length in bytes, 0 for the biggest possible.
 * @param socket_id
 *   Socket id or SOCKET_ID_ANY.
 * @param flags
 *   RTE_MEMZONE_* flags.
 * @param align
 *   Power of two; values below a cache line are raised to one.
 * @return
 *   The memzone or NULL with rte_errno set as for rte_memzone_reserve().
 */
const struct rte_memzone *rte_memzone_reserve_aligned(const char *name,
		size_t len, int socket_id, unsigned int flags,
		unsigned int align);

/**
 * Reserve an aligned memzone that does not cross a multiple of bound.
 *
 * @param name
 *   Unique name.
 * @param len
 *   Length in bytes (at most bound), 0 for the biggest possible.
 * @param socket_id
 *   Socket id or SOCKET_ID_ANY.
 * @param flags
 *   RTE_MEMZONE_* flags.
 * @param align
 *   Power of two.
 * @param bound
 *   0 for none, else a power of two not smaller than len.
 * @return
 *   The memzone or NULL with rte_errno set as for rte_memzone_reserve().
 */
const struct rte_memzone *rte_memzone_reserve_bounded(const char *name,
		size_t len, int socket_id, unsigned int flags,
		unsigned int align, unsigned int bound);

/**
 * Free a memzone; its memory goes back to the heap.
 *
 * @param mz
 *   Memzone from rte_memzone_reserve*() or rte_memzone_lookup().
 * @return
 *   0, or -EINVAL if mz is NULL or not a live memzone.
 */
int rte_memzone_free(const struct rte_memzone *mz);

/**
 * Find a memzone by name.
 *
 * @param name
 *   Name.
 * @return
 *   The memzone, or NULL with rte_errno set to ENOENT.
 */
const struct rte_memzone *rte_memzone_lookup(const char *name);

/**
 * Print every memzone.
 *
 * @param f
 *   Output stream.
 */
void rte_memzone_dump(FILE *f);

/**
 * Call func for every memzone.
 *
 * @param func
 *   Called with each memzone and arg; must not reserve or free memzones.
 * @param arg
 *   Passed through.
 */
void rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg),
		void *arg);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMZONE_H_ */
