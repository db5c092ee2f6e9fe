/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Division by a run-time invariant divisor with a multiply and two shifts.
 *
 * The method is that of T. Granlund and P. L. Montgomery, "Division by
 * Invariant Integers using Multiplication", PLDI 1994, section 4
 * (unsigned division, figure 4.1). For an N-bit divisor d > 0 let
 * l = ceil(log2(d)); then with
 *
 *   m   = floor(2^N * (2^l - d) / d) + 1   (fits in N bits)
 *   sh1 = min(l, 1), sh2 = max(l - 1, 0)
 *   t   = (m * a) >> N                     (high half of the product)
 *   q   = (t + ((a - t) >> sh1)) >> sh2
 *
 * q is exactly floor(a / d) for every N-bit a. The split shift keeps
 * every intermediate within N bits, so no wider-than-N sum is needed.
 *
 * rte_reciprocal_value() and rte_reciprocal_value_u64() do the one real
 * division, once per divisor (the slow path); the divide functions are
 * the fast path for a packet-rate loop whose divisor changes rarely
 * (a scheduler's rates, a table's size).
 */
#ifndef _RTE_RECIPROCAL_H_
#define _RTE_RECIPROCAL_H_

#include <stdint.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The reciprocal of a 32-bit divisor, from rte_reciprocal_value(). */
struct rte_reciprocal {
	uint32_t m;   /**< multiplier: m of the method above */
	uint8_t sh1;  /**< first shift, 0 or 1 */
	uint8_t sh2;  /**< second shift, 0 to 31 */
};

/** The reciprocal of a 64-bit divisor, from rte_reciprocal_value_u64(). */
struct rte_reciprocal_u64 {
	uint64_t m;   /**< multiplier: m of the method above */
	uint8_t sh1;  /**< first shift, 0 or 1 */
	uint8_t sh2;  /**< second shift, 0 to 63 */
};

/**
 * Divide by the divisor whose reciprocal R is.
 *
 * @param a
 *   The dividend.
 * @param R
 *   The divisor's reciprocal, from rte_reciprocal_value().
 * @return
 *   a / R's divisor, rounded down: exactly what the `/` operator gives.
 */
static inline uint32_t
rte_reciprocal_divide(uint32_t a, struct rte_reciprocal R)
{
	uint32_t t = (uint32_t)(((uint64_t)a * R.m) >> 32);

	return (t + ((a - t) >> R.sh1)) >> R.sh2;
}

/**
 * @internal The high 64 bits of the 128-bit product x * y.
 */
static __rte_always_inline uint64_t
rte_reciprocal_mulhi_u64(uint64_t x, uint64_t y)
{
	/* __extension__: quiet for applications built with -pedantic */
	__extension__ unsigned __int128 p = (unsigned __int128)x * y;

	return (uint64_t)(p >> 64);
}

/**
 * Divide by the divisor whose reciprocal R points to.
 *
 * @param a
 *   The dividend.
 * @param R
 *   The divisor's reciprocal, from rte_reciprocal_value_u64().
 * @return
 *   a / R's divisor, rounded down: exactly what the `/` operator gives.
 */
static __rte_always_inline uint64_t
rte_reciprocal_divide_u64(uint64_t a, const struct rte_reciprocal_u64 *R)
{
	uint64_t t = rte_reciprocal_mulhi_u64(a, R->m);

	return (t + ((a - t) >> R->sh1)) >> R->sh2;
}

/**
 * Compute the reciprocal of a 32-bit divisor, for rte_reciprocal_divide().
 *
 * @param d
 *   The divisor; must not be 0 (the reciprocal of 0 divides by 1, which
 *   is as wrong as any other answer).
 * @return
 *   The reciprocal of d.
 */
struct rte_reciprocal
rte_reciprocal_value(uint32_t d);

/**
 * Compute the reciprocal of a 64-bit divisor, for
 * rte_reciprocal_divide_u64().
 *
 * @param d
 *   The divisor; must not be 0 (the reciprocal of 0 divides by 1).
 * @return
 *   The reciprocal of d.
 */
struct rte_reciprocal_u64
rte_reciprocal_value_u64(uint64_t d);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_RECIPROCAL_H_ */
