/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The slow path of rte_reciprocal.h: the multiplier and shifts of
 * Granlund and Montgomery's unsigned division by an invariant (see the
 * header for the method). One real division per divisor, done in twice
 * the divisor's width.
 */

#include <stdint.h>

#include <rte_reciprocal.h>

#ifndef __SIZEOF_INT128__
#error "rte_reciprocal_value_u64() needs a 128-bit integer type"
#endif

__extension__ typedef unsigned __int128 recip_u128;

/* ceil(log2(d)) for d >= 1: the bits needed for d - 1 */
static unsigned int
ceil_log2_u64(uint64_t d)
{
	return d <= 1 ? 0 : 64 - (unsigned int)__builtin_clzll(d - 1);
}

struct rte_reciprocal
rte_reciprocal_value(uint32_t d)
{
	struct rte_reciprocal r;
	unsigned int l;
	uint64_t m;

	if (d == 0)
		d = 1; /* documented: no trap, a defined (wrong) quotient */
	l = ceil_log2_u64(d);
	/* 2^l - d < d, so the numerator fits in 64 bits, m in 32 */
	m = (((UINT64_C(1) << l) - d) << 32) / d + 1;
	r.m = (uint32_t)m;
	r.sh1 = (uint8_t)(l < 1 ? l : 1);
	r.sh2 = (uint8_t)(l > 1 ? l - 1 : 0);
	return r;
}

struct rte_reciprocal_u64
rte_reciprocal_value_u64(uint64_t d)
{
	struct rte_reciprocal_u64 r;
	unsigned int l;
	uint64_t span;

	if (d == 0)
		d = 1;
	l = ceil_log2_u64(d);
	/* 2^l - d; for l = 64 the wrap-around of 0 - d is that value */
	span = (l == 64 ? 0 : UINT64_C(1) << l) - d;
	r.m = (uint64_t)((((recip_u128)span) << 64) / d) + 1;
	r.sh1 = (uint8_t)(l < 1 ? l : 1);
	r.sh2 = (uint8_t)(l > 1 ? l - 1 : 0);
	return r;
}
