/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File-backed array (fbarray): a fixed number of equally sized elements plus
 * a bitmap saying which of them are in use, kept in one shared mapping.
 *
 * The array is created by one process with rte_fbarray_init() and may be
 * mapped by other processes of the same runtime directory, at the same
 * virtual address, with rte_fbarray_attach(). The mapping lives in a file in
 * the runtime directory, or in anonymous shared memory when the EAL runs
 * with --in-memory or --no-shconf (no other process can attach then).
 *
 * The descriptor (struct rte_fbarray) is meant to live in memory that every
 * attached process sees (the shared config): its rwlock guards the bitmap
 * and the count of used elements for all of them. The element data itself is
 * not locked by the library; the bitmap only records occupancy.
 *
 * Every function returns -1 (or NULL) on failure with rte_errno set:
 * EINVAL for bad arguments, ENOENT when nothing used is found or a mapping is
 * not known, ENOSPC when nothing free is found, EBUSY when the array is in
 * use elsewhere, ENOMEM when memory or address space is short.
 */

#ifndef RTE_FBARRAY_H
#define RTE_FBARRAY_H

#include <stdio.h>

#include <rte_rwlock.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Size of the name buffer of an fbarray, terminating NUL included. */
#define RTE_FBARRAY_NAME_LEN 64

/** Descriptor of a file-backed array. */
struct rte_fbarray {
	char name[RTE_FBARRAY_NAME_LEN]; /**< name, unique per runtime dir */
	unsigned int count;              /**< number of elements marked used */
	unsigned int len;                /**< number of elements */
	unsigned int elt_sz;             /**< size of one element in bytes */
	void *data;                      /**< first element */
	rte_rwlock_t rwlock;             /**< guards the bitmap and count */
};

/**
 * Create a new array and map it into this process.
 *
 * All elements start free and zero-filled.
 *
 * @param arr
 *   Descriptor to fill; it should live in memory shared with the processes
 *   that will attach.
 * @param name
 *   Name of the array, shorter than RTE_FBARRAY_NAME_LEN; it names the
 *   backing file, so it must be unique within the runtime directory.
 * @param len
 *   Number of elements, 1 to INT_MAX.
 * @param elt_sz
 *   Size of one element in bytes, at least 1.
 * @return
 *   0 on success; -1 with rte_errno set on failure: EINVAL (bad argument),
 *   ENAMETOOLONG (name too long), EBUSY (an array of that name is in use),
 *   ENOMEM (no memory or address space), or the errno of a failed file
 *   operation.
 */
int
rte_fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		unsigned int elt_sz);

/**
 * Map an array created by another process into this one.
 *
 * The mapping is placed at arr->data, the address the creator used; the call
 * fails if that range is not available in this process.
 *
 * @param arr
 *   Descriptor filled by rte_fbarray_init() in the creating process.
 * @return
 *   0 on success; -1 with rte_errno set on failure: EINVAL (bad descriptor),
 *   EEXIST (this process already maps that range), ENOENT (no backing file),
 *   EBUSY (the creator has not finished creating it), ENOTSUP (the EAL runs
 *   without shared files), EADDRINUSE or ENOMEM (the address range is not
 *   available in this process).
 */
int
rte_fbarray_attach(struct rte_fbarray *arr);

/**
 * Unmap an array and delete its backing file, then clear the descriptor.
 *
 * Refused while any other process still has the array attached.
 *
 * @param arr
 *   Descriptor of an array mapped in this process.
 * @return
 *   0 on success; -1 with rte_errno set on failure: EINVAL (bad argument),
 *   ENOENT (not mapped in this process), EBUSY (attached elsewhere).
 */
int
rte_fbarray_destroy(struct rte_fbarray *arr);

/**
 * Unmap an array from this process without destroying it.
 *
 * The descriptor is left untouched: it belongs to the creator.
 *
 * @param arr
 *   Descriptor of an array mapped in this process.
 * @return
 *   0 on success; -1 with rte_errno set on failure: EINVAL (bad argument),
 *   ENOENT (not mapped in this process).
 */
int
rte_fbarray_detach(struct rte_fbarray *arr);

/**
 * Address of an element.
 *
 * @param arr
 *   Array descriptor.
 * @param idx
 *   Element index, below arr->len.
 * @return
 *   Pointer to the element, or NULL with rte_errno set to EINVAL.
 */
void *
rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx);

/**
 * Index of the element containing an address.
 *
 * @param arr
 *   Array descriptor.
 * @param elt
 *   Address inside the element area of the array.
 * @return
 *   Element index, or -1 with rte_errno set to EINVAL if elt is outside.
 */
int
rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt);

/**
 * Mark an element used. Marking a used element again is not an error.
 *
 * @param arr
 *   Array descriptor.
 * @param idx
 *   Element index.
 * @return
 *   0 on success, -1 with rte_errno set to EINVAL on bad arguments.
 */
int
rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx);

/**
 * Mark an element free. Marking a free element again is not an error.
 *
 * @param arr
 *   Array descriptor.
 * @param idx
 *   Element index.
 * @return
 *   0 on success, -1 with rte_errno set to EINVAL on bad arguments.
 */
int
rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx);

/**
 * Tell whether an element is marked used.
 *
 * @param arr
 *   Array descriptor.
 * @param idx
 *   Element index.
 * @return
 *   1 if used, 0 if free, -1 with rte_errno set to EINVAL on bad arguments.
 */
int
rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx);

/**
 * Lowest free element at or after start.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index to look at.
 * @return
 *   Index found, or -1 with rte_errno set: EINVAL (bad arguments), ENOSPC
 *   (no free element there).
 */
int
rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start);

/**
 * Lowest used element at or after start.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index to look at.
 * @return
 *   Index found, or -1 with rte_errno set: EINVAL (bad arguments), ENOENT
 *   (no used element there).
 */
int
rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start);

/**
 * Lowest index at or after start that begins n consecutive free elements.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index the run may begin at.
 * @param n
 *   Run length, 1 to arr->len.
 * @return
 *   Index of the first element of the run, or -1 with rte_errno set: EINVAL
 *   (bad arguments), ENOSPC (no such run).
 */
int
rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start,
		unsigned int n);

/**
 * Lowest index at or after start that begins n consecutive used elements.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index the run may begin at.
 * @param n
 *   Run length, 1 to arr->len.
 * @return
 *   Index of the first element of the run, or -1 with rte_errno set: EINVAL
 *   (bad arguments), ENOENT (no such run).
 */
int
rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start,
		unsigned int n);

/**
 * Number of consecutive free elements from start upwards.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index counted.
 * @return
 *   Run length (0 if start is used), or -1 with rte_errno set to EINVAL.
 */
int
rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start);

/**
 * Number of consecutive used elements from start upwards.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index counted.
 * @return
 *   Run length (0 if start is free), or -1 with rte_errno set to EINVAL.
 */
int
rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start);

/**
 * Highest free element at or before start.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index to look at; the search goes downwards.
 * @return
 *   Index found, or -1 with rte_errno set: EINVAL (bad arguments), ENOSPC
 *   (no free element there).
 */
int
rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start);

/**
 * Highest used element at or before start.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index to look at; the search goes downwards.
 * @return
 *   Index found, or -1 with rte_errno set: EINVAL (bad arguments), ENOENT
 *   (no used element there).
 */
int
rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start);

/**
 * Highest run of n consecutive free elements that ends at or before start.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   Last index the run may cover; the search goes downwards.
 * @param n
 *   Run length, 1 to arr->len.
 * @return
 *   Index of the first (lowest) element of the run, or -1 with rte_errno
 *   set: EINVAL (bad arguments), ENOSPC (no such run).
 */
int
rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start,
		unsigned int n);

/**
 * Highest run of n consecutive used elements that ends at or before start.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   Last index the run may cover; the search goes downwards.
 * @param n
 *   Run length, 1 to arr->len.
 * @return
 *   Index of the first (lowest) element of the run, or -1 with rte_errno
 *   set: EINVAL (bad arguments), ENOENT (no such run).
 */
int
rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start,
		unsigned int n);

/**
 * Number of consecutive free elements from start downwards.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index counted.
 * @return
 *   Run length (0 if start is used), or -1 with rte_errno set to EINVAL.
 */
int
rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr,
		unsigned int start);

/**
 * Number of consecutive used elements from start downwards.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   First index counted.
 * @return
 *   Run length (0 if start is free), or -1 with rte_errno set to EINVAL.
 */
int
rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr, unsigned int start);

/**
 * Longest run of free elements within [start, len).
 *
 * Among runs of equal length the lowest one wins.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   Lowest index considered; a run that begins before it counts from it.
 * @return
 *   Index of the first element of the run, or -1 with rte_errno set: EINVAL
 *   (bad arguments), ENOSPC (nothing free there).
 */
int
rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start);

/**
 * Longest run of used elements within [start, len).
 *
 * Among runs of equal length the lowest one wins.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   Lowest index considered; a run that begins before it counts from it.
 * @return
 *   Index of the first element of the run, or -1 with rte_errno set: EINVAL
 *   (bad arguments), ENOENT (nothing used there).
 */
int
rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start);

/**
 * Longest run of free elements within [0, start], searching downwards.
 *
 * Among runs of equal length the highest one wins.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   Highest index considered; a run that goes past it counts up to it.
 * @return
 *   Index of the first (lowest) element of the run, or -1 with rte_errno
 *   set: EINVAL (bad arguments), ENOSPC (nothing free there).
 */
int
rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr,
		unsigned int start);

/**
 * Longest run of used elements within [0, start], searching downwards.
 *
 * Among runs of equal length the highest one wins.
 *
 * @param arr
 *   Array descriptor.
 * @param start
 *   Highest index considered; a run that goes past it counts up to it.
 * @return
 *   Index of the first (lowest) element of the run, or -1 with rte_errno
 *   set: EINVAL (bad arguments), ENOENT (nothing used there).
 */
int
rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr,
		unsigned int start);

/**
 * Print the descriptor and the used-bitmap of an array.
 *
 * On bad arguments nothing is printed and rte_errno is set to EINVAL.
 *
 * @param arr
 *   Array descriptor.
 * @param f
 *   Output stream.
 */
void
rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* RTE_FBARRAY_H */
