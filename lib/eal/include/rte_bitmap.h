/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bitmap: a large array of bits with get, set, clear and a scan that
 * skips empty regions quickly.
 *
 * The bits live in array2, in 64-bit slabs. array1 summarises it: one bit
 * per cache line of array2 (512 bits with 64-byte lines), set exactly
 * when that line holds a set bit. set() and clear() keep array1 in step
 * (clear() looks at the whole line only when it empties a slab); scan()
 * walks array1 to the next non-empty line, then that line's non-empty
 * slabs, and returns them one at a time, in order, wrapping around at the
 * end, so that repeated scans visit every set slab fairly.
 *
 * Not thread safe: one thread sets, clears and scans; others may get()
 * meanwhile. The memory is the caller's (rte_bitmap_get_memory_footprint()
 * bytes, cache-line aligned, e.g. from rte_zmalloc()).
 */
#ifndef _RTE_BITMAP_H_
#define _RTE_BITMAP_H_

#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_config.h>
#include <rte_debug.h>
#include <rte_memory.h>
#include <rte_prefetch.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bits in a slab. */
#define RTE_BITMAP_SLAB_BIT_SIZE 64
/** log2 of RTE_BITMAP_SLAB_BIT_SIZE. */
#define RTE_BITMAP_SLAB_BIT_SIZE_LOG2 6
/** Bit index within a slab. */
#define RTE_BITMAP_SLAB_BIT_MASK (RTE_BITMAP_SLAB_BIT_SIZE - 1)

/** Bits in a cache line of array2. */
#define RTE_BITMAP_CL_BIT_SIZE (RTE_CACHE_LINE_SIZE * 8)
/** log2 of RTE_BITMAP_CL_BIT_SIZE. */
#define RTE_BITMAP_CL_BIT_SIZE_LOG2 (RTE_CACHE_LINE_SIZE_LOG2 + 3)
/** Bit index within a cache line. */
#define RTE_BITMAP_CL_BIT_MASK (RTE_BITMAP_CL_BIT_SIZE - 1)
/** Slabs in a cache line. */
#define RTE_BITMAP_CL_SLAB_SIZE \
	(RTE_BITMAP_CL_BIT_SIZE / RTE_BITMAP_SLAB_BIT_SIZE)
/** log2 of RTE_BITMAP_CL_SLAB_SIZE. */
#define RTE_BITMAP_CL_SLAB_SIZE_LOG2 \
	(RTE_BITMAP_CL_BIT_SIZE_LOG2 - RTE_BITMAP_SLAB_BIT_SIZE_LOG2)
/** Slab index within a cache line. */
#define RTE_BITMAP_CL_SLAB_MASK (RTE_BITMAP_CL_SLAB_SIZE - 1)

/** A bitmap; its fields are private to this header. */
struct rte_bitmap {
	uint64_t *array1;     /**< one bit per cache line of array2 */
	uint64_t *array2;     /**< the bits */
	uint32_t array1_size; /**< slabs in array1 */
	uint32_t array2_size; /**< slabs in array2 (whole lines) */
	uint32_t index1;      /**< scan: array1 slab to look at next */
	uint32_t offset1;     /**< scan: first bit of it to look at */
	uint32_t index2;      /**< scan: next array2 slab of the line */
	uint32_t go2;         /**< scan: 1 while inside a line */
	uint8_t memory[];     /**< array1, then array2 */
};

/* slabs of array2 and array1 for n_bits, in whole cache lines */
static inline void
__rte_bitmap_sizes(uint32_t n_bits, uint32_t *a1_slabs, uint32_t *a2_slabs)
{
	uint32_t lines = (uint32_t)(((uint64_t)n_bits +
			RTE_BITMAP_CL_BIT_SIZE - 1) >> RTE_BITMAP_CL_BIT_SIZE_LOG2);
	uint32_t a1_lines = (uint32_t)(((uint64_t)lines +
			RTE_BITMAP_CL_BIT_SIZE - 1) >> RTE_BITMAP_CL_BIT_SIZE_LOG2);

	*a2_slabs = lines << RTE_BITMAP_CL_SLAB_SIZE_LOG2;
	*a1_slabs = a1_lines << RTE_BITMAP_CL_SLAB_SIZE_LOG2;
}

/**
 * Memory a bitmap of n_bits needs, header included.
 *
 * @return
 *   Bytes, a multiple of the cache line; 0 for n_bits 0.
 */
static inline uint32_t
rte_bitmap_get_memory_footprint(uint32_t n_bits)
{
	uint32_t a1, a2;

	if (n_bits == 0)
		return 0;
	__rte_bitmap_sizes(n_bits, &a1, &a2);
	return RTE_ALIGN_CEIL((uint32_t)sizeof(struct rte_bitmap),
			RTE_CACHE_LINE_SIZE) + (a1 + a2) * sizeof(uint64_t);
}

/* the header in mem, its arrays laid out, everything cleared */
static inline struct rte_bitmap *
__rte_bitmap_setup(uint32_t n_bits, uint8_t *mem, uint32_t mem_size)
{
	uint32_t need = rte_bitmap_get_memory_footprint(n_bits);
	struct rte_bitmap *bmp;
	uint32_t a1, a2;

	if (n_bits == 0 || mem == NULL ||
			((uintptr_t)mem & (RTE_CACHE_LINE_SIZE - 1)) != 0 ||
			mem_size < need)
		return NULL;
	memset(mem, 0, need);
	__rte_bitmap_sizes(n_bits, &a1, &a2);
	bmp = (struct rte_bitmap *)mem;
	bmp->array1 = (uint64_t *)(mem + RTE_ALIGN_CEIL(
			(uint32_t)sizeof(struct rte_bitmap), RTE_CACHE_LINE_SIZE));
	bmp->array2 = bmp->array1 + a1;
	bmp->array1_size = a1;
	bmp->array2_size = a2;
	return bmp;
}

/**
 * Make a bitmap of n_bits cleared bits in caller-provided memory.
 *
 * @param mem
 *   Cache-line aligned, at least rte_bitmap_get_memory_footprint(n_bits)
 *   bytes.
 * @return
 *   The bitmap (at mem), or NULL for n_bits 0, bad or too small memory.
 */
static inline struct rte_bitmap *
rte_bitmap_init(uint32_t n_bits, uint8_t *mem, uint32_t mem_size)
{
	return __rte_bitmap_setup(n_bits, mem, mem_size);
}

/**
 * Make a bitmap whose n_bits bits are all set (and no bit beyond them).
 *
 * @return
 *   As rte_bitmap_init().
 */
static inline struct rte_bitmap *
rte_bitmap_init_with_all_set(uint32_t n_bits, uint8_t *mem,
		uint32_t mem_size)
{
	struct rte_bitmap *bmp = __rte_bitmap_setup(n_bits, mem, mem_size);
	uint32_t full, lines, rest;

	if (bmp == NULL)
		return NULL;
	full = n_bits >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2;
	memset(bmp->array2, 0xff, full * sizeof(uint64_t));
	rest = n_bits & RTE_BITMAP_SLAB_BIT_MASK;
	if (rest != 0)
		bmp->array2[full] = (UINT64_C(1) << rest) - 1;
	lines = (n_bits + RTE_BITMAP_CL_BIT_SIZE - 1) >>
		RTE_BITMAP_CL_BIT_SIZE_LOG2;
	memset(bmp->array1, 0xff, (lines >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2) *
			sizeof(uint64_t));
	rest = lines & RTE_BITMAP_SLAB_BIT_MASK;
	if (rest != 0)
		bmp->array1[lines >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2] =
			(UINT64_C(1) << rest) - 1;
	return bmp;
}

/**
 * Done with a bitmap; its memory is the caller's to release.
 *
 * @return
 *   0, or -EINVAL for NULL.
 */
static inline int
rte_bitmap_free(struct rte_bitmap *bmp)
{
	return bmp == NULL ? -EINVAL : 0;
}

/** Clear every bit and restart the scan. */
static inline void
rte_bitmap_reset(struct rte_bitmap *bmp)
{
	memset(bmp->array1, 0, bmp->array1_size * sizeof(uint64_t));
	memset(bmp->array2, 0, bmp->array2_size * sizeof(uint64_t));
	bmp->index1 = 0;
	bmp->offset1 = 0;
	bmp->index2 = 0;
	bmp->go2 = 0;
}

/** Prefetch the slab holding bit pos. */
static inline void
rte_bitmap_prefetch0(struct rte_bitmap *bmp, uint32_t pos)
{
	rte_prefetch0(&bmp->array2[pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2]);
}

/**
 * Read bit pos.
 *
 * @return
 *   Non-zero if it is set, 0 if not.
 */
static inline uint64_t
rte_bitmap_get(struct rte_bitmap *bmp, uint32_t pos)
{
	return bmp->array2[pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2] &
		(UINT64_C(1) << (pos & RTE_BITMAP_SLAB_BIT_MASK));
}

/* the array1 bit of the line holding array2 slab i */
static inline void
__rte_bitmap_line_mark(struct rte_bitmap *bmp, uint32_t slab)
{
	uint32_t line = slab >> RTE_BITMAP_CL_SLAB_SIZE_LOG2;

	bmp->array1[line >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2] |=
		UINT64_C(1) << (line & RTE_BITMAP_SLAB_BIT_MASK);
}

/** Set bit pos. */
static inline void
rte_bitmap_set(struct rte_bitmap *bmp, uint32_t pos)
{
	uint32_t slab = pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2;

	bmp->array2[slab] |= UINT64_C(1) << (pos & RTE_BITMAP_SLAB_BIT_MASK);
	__rte_bitmap_line_mark(bmp, slab);
}

/**
 * Set, in the slab holding bit pos, the bits set in slab.
 *
 * @param pos
 *   Any bit of the slab (its low 6 bits are ignored).
 */
static inline void
rte_bitmap_set_slab(struct rte_bitmap *bmp, uint32_t pos, uint64_t slab)
{
	uint32_t i = pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2;

	if (slab == 0)
		return;
	bmp->array2[i] |= slab;
	__rte_bitmap_line_mark(bmp, i);
}

/** Clear bit pos. */
static inline void
rte_bitmap_clear(struct rte_bitmap *bmp, uint32_t pos)
{
	uint32_t slab = pos >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2;
	uint32_t line = slab >> RTE_BITMAP_CL_SLAB_SIZE_LOG2;
	const uint64_t *l;
	uint32_t i;

	bmp->array2[slab] &= ~(UINT64_C(1) << (pos & RTE_BITMAP_SLAB_BIT_MASK));
	if (bmp->array2[slab] != 0)
		return;
	l = &bmp->array2[line << RTE_BITMAP_CL_SLAB_SIZE_LOG2];
	for (i = 0; i < RTE_BITMAP_CL_SLAB_SIZE; i++)
		if (l[i] != 0)
			return;
	bmp->array1[line >> RTE_BITMAP_SLAB_BIT_SIZE_LOG2] &=
		~(UINT64_C(1) << (line & RTE_BITMAP_SLAB_BIT_MASK));
}

/* next non-empty slab of the current line; 1 if one was found */
static inline int
__rte_bitmap_scan_line(struct rte_bitmap *bmp, uint32_t *pos,
		uint64_t *slab)
{
	uint32_t end = (bmp->index2 | RTE_BITMAP_CL_SLAB_MASK) + 1;

	for (; bmp->index2 < end; bmp->index2++) {
		if (bmp->array2[bmp->index2] == 0)
			continue;
		*pos = bmp->index2 << RTE_BITMAP_SLAB_BIT_SIZE_LOG2;
		*slab = bmp->array2[bmp->index2];
		bmp->index2++;
		bmp->go2 = bmp->index2 < end;
		return 1;
	}
	bmp->go2 = 0;
	return 0;
}

/* move the scan to the next non-empty line, wrapping; 0 if none */
static inline int
__rte_bitmap_scan_next_line(struct rte_bitmap *bmp)
{
	uint32_t i, idx = bmp->index1;
	uint64_t bits;

	/* every array1 slab once, the starting one a second time for the
	 * bits below offset1 */
	for (i = 0; i <= bmp->array1_size; i++) {
		bits = bmp->array1[idx];
		if (i == 0)
			bits &= ~((UINT64_C(1) << bmp->offset1) - 1);
		if (bits != 0) {
			uint32_t bit = rte_bsf64(bits);
			uint32_t line = (idx << RTE_BITMAP_SLAB_BIT_SIZE_LOG2) +
				bit;

			bmp->index2 = line << RTE_BITMAP_CL_SLAB_SIZE_LOG2;
			bmp->go2 = 1;
			/* the next line search starts after this one */
			bmp->index1 = idx;
			bmp->offset1 = bit + 1;
			if (bmp->offset1 == RTE_BITMAP_SLAB_BIT_SIZE) {
				bmp->offset1 = 0;
				bmp->index1 = idx + 1 < bmp->array1_size ?
					idx + 1 : 0;
			}
			return 1;
		}
		idx = idx + 1 < bmp->array1_size ? idx + 1 : 0;
	}
	return 0;
}

/**
 * Find the next non-empty slab after the one the previous scan returned,
 * wrapping around at the end.
 *
 * @param pos
 *   Set to the position of the slab's first bit (a multiple of 64).
 * @param slab
 *   Set to the slab's bits (bit i = bit *pos + i).
 * @return
 *   1 if a slab was found, 0 if the bitmap is empty.
 */
static inline int
rte_bitmap_scan(struct rte_bitmap *bmp, uint32_t *pos, uint64_t *slab)
{
	if (bmp->go2 && __rte_bitmap_scan_line(bmp, pos, slab))
		return 1;
	/* a set array1 bit means its line holds a set slab */
	return __rte_bitmap_scan_next_line(bmp) &&
		__rte_bitmap_scan_line(bmp, pos, slab);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BITMAP_H_ */
