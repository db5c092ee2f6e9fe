/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * SIMD types and the run-time cap on vector width that code paths with
 * several vector implementations consult.
 */
#ifndef _RTE_VECT_H_
#define _RTE_VECT_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>

#include <immintrin.h>

/** 128-bit SSE register type. */
typedef __m128i xmm_t;

#define XMM_SIZE (sizeof(xmm_t))
#define XMM_MASK (XMM_SIZE - 1)

/** A 128-bit vector viewed as lanes of several widths. */
typedef union rte_xmm {
	xmm_t x;
	uint8_t u8[XMM_SIZE / sizeof(uint8_t)];
	uint16_t u16[XMM_SIZE / sizeof(uint16_t)];
	uint32_t u32[XMM_SIZE / sizeof(uint32_t)];
	uint64_t u64[XMM_SIZE / sizeof(uint64_t)];
	double pd[XMM_SIZE / sizeof(double)];
} rte_xmm_t;

#ifdef __AVX__
/** 256-bit AVX register type. */
typedef __m256i ymm_t;

#define YMM_SIZE (sizeof(ymm_t))
#define YMM_MASK (YMM_SIZE - 1)

/** A 256-bit vector viewed as lanes of several widths. */
typedef union rte_ymm {
	ymm_t y;
	xmm_t x[YMM_SIZE / sizeof(xmm_t)];
	uint8_t u8[YMM_SIZE / sizeof(uint8_t)];
	uint16_t u16[YMM_SIZE / sizeof(uint16_t)];
	uint32_t u32[YMM_SIZE / sizeof(uint32_t)];
	uint64_t u64[YMM_SIZE / sizeof(uint64_t)];
	double pd[YMM_SIZE / sizeof(double)];
} rte_ymm_t;
#endif

/** Widths a vector code path may be limited to. */
enum rte_vect_max_simd {
	RTE_VECT_SIMD_DISABLED = 64,   /**< scalar code only */
	RTE_VECT_SIMD_128 = 128,
	RTE_VECT_SIMD_256 = 256,
	RTE_VECT_SIMD_512 = 512,
	RTE_VECT_SIMD_MAX = INT16_MAX + 1, /**< no limit */
};

/**
 * The widest vectors code should use (a power of two from 64 up); set with
 * --force-max-simd-bitwidth or rte_vect_set_max_simd_bitwidth().
 */
uint16_t rte_vect_get_max_simd_bitwidth(void);

/**
 * Limit the vector width.
 * @return 0, or -EINVAL if bitwidth is not a power of two between 64 and
 *   RTE_VECT_SIMD_MAX, or -EPERM if the user fixed it on the command line.
 */
int rte_vect_set_max_simd_bitwidth(uint16_t bitwidth);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_VECT_H_ */
