/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_memcpy(): a memcpy inlined for the small and medium copies of packet
 * processing. Vector width follows the compile flags: SSE2 (always on
 * x86-64), AVX2 when __AVX2__ is defined. Large copies go to libc, whose
 * memcpy picks the best routine for the running CPU at load time.
 */
#ifndef _RTE_MEMCPY_H_
#define _RTE_MEMCPY_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_vect.h>

/* above this size libc's memcpy (non-temporal stores, ERMS) wins */
#define RTE_MEMCPY_INLINE_MAX 1024

/** Copy 16 bytes; the areas must not overlap. */
static __rte_always_inline void
rte_mov16(uint8_t *dst, const uint8_t *src)
{
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)src);

	_mm_storeu_si128((__m128i *)(void *)dst, x);
}

/** Copy 32 bytes; the areas must not overlap. */
static __rte_always_inline void
rte_mov32(uint8_t *dst, const uint8_t *src)
{
#ifdef __AVX2__
	__m256i y = _mm256_loadu_si256((const __m256i *)(const void *)src);

	_mm256_storeu_si256((__m256i *)(void *)dst, y);
#else
	rte_mov16(dst, src);
	rte_mov16(dst + 16, src + 16);
#endif
}

/** Copy 64 bytes; the areas must not overlap. */
static __rte_always_inline void
rte_mov64(uint8_t *dst, const uint8_t *src)
{
	rte_mov32(dst, src);
	rte_mov32(dst + 32, src + 32);
}

/** Copy 128 bytes; the areas must not overlap. */
static __rte_always_inline void
rte_mov128(uint8_t *dst, const uint8_t *src)
{
	rte_mov64(dst, src);
	rte_mov64(dst + 64, src + 64);
}

/** Copy 256 bytes; the areas must not overlap. */
static __rte_always_inline void
rte_mov256(uint8_t *dst, const uint8_t *src)
{
	rte_mov128(dst, src);
	rte_mov128(dst + 128, src + 128);
}

/* up to 16 bytes with scalar moves, overlapping the head and tail */
static __rte_always_inline void
rte_memcpy_le16(uint8_t *d, const uint8_t *s, size_t n)
{
	if (n >= 8) {
		uint64_t a, b;

		memcpy(&a, s, 8);
		memcpy(&b, s + n - 8, 8);
		memcpy(d, &a, 8);
		memcpy(d + n - 8, &b, 8);
	} else if (n >= 4) {
		uint32_t a, b;

		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		memcpy(d, &a, 4);
		memcpy(d + n - 4, &b, 4);
	} else if (n > 0) {
		uint8_t a = s[0], b = s[n / 2], c = s[n - 1];

		d[0] = a;
		d[n / 2] = b;
		d[n - 1] = c;
	}
}

/*
 * 17..RTE_MEMCPY_INLINE_MAX bytes: 64-byte blocks, then the remainder as
 * one overlapping 16/32/64-byte move ending exactly at the end.
 */
static __rte_always_inline void
rte_memcpy_medium(uint8_t *d, const uint8_t *s, size_t n)
{
	if (n <= 32) {
		rte_mov16(d, s);
		rte_mov16(d + n - 16, s + n - 16);
		return;
	}
	if (n <= 64) {
		rte_mov32(d, s);
		rte_mov32(d + n - 32, s + n - 32);
		return;
	}
	while (n > 64) {
		rte_mov64(d, s);
		d += 64;
		s += 64;
		n -= 64;
	}
	/* 1..64 bytes left: redo the last 64 so no branch per size */
	rte_mov64(d + n - 64, s + n - 64);
}

/**
 * Copy n bytes from src to dst. The areas must not overlap; the result is
 * dst, like memcpy().
 */
static __rte_always_inline void *
rte_memcpy(void *dst, const void *src, size_t n)
{
	uint8_t *d = (uint8_t *)dst;
	const uint8_t *s = (const uint8_t *)src;

	if (n <= 16)
		rte_memcpy_le16(d, s, n);
	else if (n <= RTE_MEMCPY_INLINE_MAX)
		rte_memcpy_medium(d, s, n);
	else
		memcpy(dst, src, n);
	return dst;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMCPY_H_ */
