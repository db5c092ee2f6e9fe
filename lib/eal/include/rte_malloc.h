/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MALLOC_H_
#define _RTE_MALLOC_H_

/**
 * @file
 * Allocation from hugepage memory.
 *
 * Memory comes from per-socket heaps that grow by plugging hugepages when a
 * request cannot be served and shrink by unplugging pages that fall wholly
 * free (except memory preallocated with -m/--socket-mem, and in
 * --legacy-mem mode, where the heap is fixed at init). Named heaps over
 * memory the application owns ("external" heaps) can be created too; each
 * gets a socket id of its own, usable with the *_socket() functions.
 *
 * Every block returned is aligned to at least a cache line.
 */

#include <stddef.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Heap statistics, filled by rte_malloc_get_socket_stats(). */
struct rte_malloc_socket_stats {
	size_t heap_totalsz_bytes; /**< bytes of memory the heap holds */
	size_t heap_freesz_bytes;  /**< bytes of it that are free */
	size_t greatest_free_size; /**< largest free block, header included */
	unsigned int free_count;   /**< free blocks */
	unsigned int alloc_count;  /**< allocated blocks */
	size_t heap_allocsz_bytes; /**< bytes in allocated blocks */
};

/**
 * Allocate memory on the socket of the calling lcore (or, failing that, on
 * any socket).
 *
 * @param type
 *   Informational tag (may be NULL); not used to sort the memory.
 * @param size
 *   Bytes to allocate, not 0.
 * @param align
 *   0 for cache-line alignment, else a power of two.
 * @return
 *   The memory, or NULL with rte_errno set to EINVAL (bad size or align)
 *   or ENOMEM.
 */
void *rte_malloc(const char *type, size_t size, unsigned int align)
	__rte_alloc_size(2);

/**
 * Like rte_malloc(), with the memory zeroed.
 *
 * @param type
 *   Informational tag, may be NULL.
 * @param size
 *   Bytes to allocate, not 0.
 * @param align
 *   0 or a power of two.
 * @return
 *   The zeroed memory or NULL with rte_errno set.
 */
void *rte_zmalloc(const char *type, size_t size, unsigned int align)
	__rte_alloc_size(2);

/**
 * Allocate zeroed memory for an array of num elements of size bytes.
 *
 * @param type
 *   Informational tag, may be NULL.
 * @param num
 *   Number of elements.
 * @param size
 *   Size of one element.
 * @param align
 *   0 or a power of two.
 * @return
 *   The zeroed memory, or NULL with rte_errno set (EINVAL also when
 *   num * size overflows).
 */
void *rte_calloc(const char *type, size_t num, size_t size,
		unsigned int align) __rte_alloc_size(2, 3);

/**
 * Resize a block, in place when the memory after it allows, else by moving
 * it (on the socket it was on). ptr NULL behaves as rte_malloc().
 *
 * @param ptr
 *   Block from this library, or NULL.
 * @param size
 *   New size in bytes, not 0.
 * @param align
 *   0 or a power of two; a block moves if its alignment does not match.
 * @return
 *   The block (same or new address) or NULL with rte_errno set; on failure
 *   the old block is untouched.
 */
void *rte_realloc(void *ptr, size_t size, unsigned int align)
	__rte_alloc_size(2);

/**
 * Like rte_realloc(), moving the block to socket when it must move.
 *
 * @param ptr
 *   Block from this library, or NULL.
 * @param size
 *   New size in bytes, not 0.
 * @param align
 *   0 or a power of two.
 * @param socket
 *   Socket id (or SOCKET_ID_ANY) for a moved block.
 * @return
 *   The block or NULL with rte_errno set.
 */
void *rte_realloc_socket(void *ptr, size_t size, unsigned int align,
		int socket) __rte_alloc_size(2);

/**
 * Allocate memory on a given socket (or external heap).
 *
 * @param type
 *   Informational tag, may be NULL.
 * @param size
 *   Bytes to allocate, not 0.
 * @param align
 *   0 or a power of two.
 * @param socket
 *   Socket id, an external heap's socket id, or SOCKET_ID_ANY.
 * @return
 *   The memory or NULL with rte_errno set (EINVAL for an unknown socket).
 */
void *rte_malloc_socket(const char *type, size_t size, unsigned int align,
		int socket) __rte_alloc_size(2);

/**
 * Like rte_malloc_socket(), with the memory zeroed.
 *
 * @param type
 *   Informational tag, may be NULL.
 * @param size
 *   Bytes to allocate, not 0.
 * @param align
 *   0 or a power of two.
 * @param socket
 *   Socket id or SOCKET_ID_ANY.
 * @return
 *   The zeroed memory or NULL with rte_errno set.
 */
void *rte_zmalloc_socket(const char *type, size_t size, unsigned int align,
		int socket) __rte_alloc_size(2);

/**
 * Like rte_calloc(), on a given socket.
 *
 * @param type
 *   Informational tag, may be NULL.
 * @param num
 *   Number of elements.
 * @param size
 *   Size of one element.
 * @param align
 *   0 or a power of two.
 * @param socket
 *   Socket id or SOCKET_ID_ANY.
 * @return
 *   The zeroed memory or NULL with rte_errno set.
 */
void *rte_calloc_socket(const char *type, size_t num, size_t size,
		unsigned int align, int socket) __rte_alloc_size(2, 3);

/**
 * Give back a block. NULL is ignored. A pointer this library did not hand
 * out, or one already freed, is refused with an error log and rte_errno
 * set to EINVAL; the heap is not touched.
 *
 * @param ptr
 *   Block from rte_malloc() and friends, or NULL.
 */
void rte_free(void *ptr);

/**
 * Check that ptr is a live block and its guard cookies are intact.
 *
 * @param ptr
 *   Block to check.
 * @param size
 *   If not NULL, receives the usable size of the block.
 * @return
 *   0 if valid, -1 with rte_errno set to EINVAL otherwise.
 */
int rte_malloc_validate(const void *ptr, size_t *size);

/**
 * Statistics of the heap of a socket (or external heap).
 *
 * @param socket
 *   Socket id.
 * @param socket_stats
 *   Filled in.
 * @return
 *   0, or -1 with rte_errno set to EINVAL (unknown socket, NULL stats).
 */
int rte_malloc_get_socket_stats(int socket,
		struct rte_malloc_socket_stats *socket_stats);

/**
 * Add memory the caller has mapped to a named external heap. The memory
 * must stay mapped until rte_malloc_heap_memory_remove().
 *
 * @param heap_name
 *   Heap from rte_malloc_heap_create().
 * @param va_addr
 *   Start of the area, page_sz aligned.
 * @param len
 *   Length, a multiple of page_sz.
 * @param iova_addrs
 *   IO address of each page, or NULL (unknown).
 * @param n_pages
 *   Entries in iova_addrs (len / page_sz), or 0 with NULL.
 * @param page_sz
 *   Page size, a power of two.
 * @return
 *   0, or -1 with rte_errno set: EINVAL, EPERM (a socket heap), ENOSPC (no
 *   free memseg list), EEXIST (area already registered), ENOMEM.
 */
int rte_malloc_heap_memory_add(const char *heap_name, void *va_addr,
		size_t len, rte_iova_t iova_addrs[], unsigned int n_pages,
		size_t page_sz);

/**
 * Take an area added with rte_malloc_heap_memory_add() out of its heap.
 * Nothing may be allocated from it.
 *
 * @param heap_name
 *   Heap name.
 * @param va_addr
 *   Start of the area.
 * @param len
 *   Length of the area.
 * @return
 *   0, or -1 with rte_errno set: EINVAL, EPERM, ENOENT, EBUSY.
 */
int rte_malloc_heap_memory_remove(const char *heap_name, void *va_addr,
		size_t len);

/**
 * Make an area of an external heap, added by another process, usable in
 * this one (it must be mapped at the same address here).
 *
 * @param heap_name
 *   Heap name.
 * @param va_addr
 *   Start of the area.
 * @param len
 *   Length of the area.
 * @return
 *   0, or -1 with rte_errno set: EINVAL, EPERM, ENOENT.
 */
int rte_malloc_heap_memory_attach(const char *heap_name, void *va_addr,
		size_t len);

/**
 * Undo rte_malloc_heap_memory_attach() in this process.
 *
 * @param heap_name
 *   Heap name.
 * @param va_addr
 *   Start of the area.
 * @param len
 *   Length of the area.
 * @return
 *   0, or -1 with rte_errno set: EINVAL, EPERM, ENOENT.
 */
int rte_malloc_heap_memory_detach(const char *heap_name, void *va_addr,
		size_t len);

/**
 * Create an empty named heap for external memory.
 *
 * @param heap_name
 *   Name, 1 to RTE_HEAP_NAME_MAX_LEN - 1 characters.
 * @return
 *   0, or -1 with rte_errno set: EINVAL, EEXIST, ENOSPC.
 */
int rte_malloc_heap_create(const char *heap_name);

/**
 * Destroy an external heap; all its memory must have been removed.
 *
 * @param heap_name
 *   Name.
 * @return
 *   0, or -1 with rte_errno set: EINVAL, ENOENT, EPERM (socket heap),
 *   EBUSY (memory still in it).
 */
int rte_malloc_heap_destroy(const char *heap_name);

/**
 * Socket id of a named heap.
 *
 * @param name
 *   Heap name ("socket_0" for the heap of socket 0).
 * @return
 *   The socket id, or -1 with rte_errno set: EINVAL, ENOENT.
 */
int rte_malloc_heap_get_socket(const char *name);

/**
 * Is a socket id that of an external heap?
 *
 * @param socket_id
 *   Socket id.
 * @return
 *   1 if external, 0 if not, -1 with rte_errno EINVAL if no such heap.
 */
int rte_malloc_heap_socket_is_external(int socket_id);

/**
 * Print the statistics of every heap.
 *
 * @param f
 *   Output stream.
 * @param type
 *   Unused, kept for compatibility.
 */
void rte_malloc_dump_stats(FILE *f, const char *type);

/**
 * Print every heap with its elements.
 *
 * @param f
 *   Output stream.
 */
void rte_malloc_dump_heaps(FILE *f);

/**
 * IO address of a byte of a block from this library.
 *
 * @param addr
 *   Address inside a live block.
 * @return
 *   Its IO address, or RTE_BAD_IOVA.
 */
rte_iova_t rte_malloc_virt2iova(const void *addr);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MALLOC_H_ */
