/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_JHASH_H_
#define _RTE_JHASH_H_

/**
 * @file
 * Bob Jenkins' lookup3 hash (public domain, 2006), as rte_jhash*.
 *
 * rte_jhash() gives the same value as lookup3's hashlittle() for the same
 * bytes and initval, and rte_jhash_2hashes() the same pair as hashlittle2(),
 * so hashes stored by an application stay valid across implementations.
 * The 32-bit word forms (rte_jhash_32b*, rte_jhash_Nwords) equal lookup3's
 * hashword()/hashword2(), which on a little-endian machine is hashlittle()
 * over the same words as bytes.
 *
 * Keys are read with memcpy, so any alignment works and no byte past the
 * key is ever read (hashlittle may read past the end on aligned keys; the
 * value is the same because it masks those bytes).
 */

#include <stdint.h>
#include <string.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The initial value of lookup3's internal state (before length, initval). */
#define RTE_JHASH_GOLDEN_RATIO 0xdeadbeef

/** Rotate a 32-bit word left by k bits (0 < k < 32). */
#define rte_jhash_rot(x, k) (((x) << (k)) | ((x) >> (32 - (k))))

/** lookup3's mix(): reversible mixing of three words of state. */
#define __rte_jhash_mix(a, b, c) do { \
	a -= c; a ^= rte_jhash_rot(c, 4);  c += b; \
	b -= a; b ^= rte_jhash_rot(a, 6);  a += c; \
	c -= b; c ^= rte_jhash_rot(b, 8);  b += a; \
	a -= c; a ^= rte_jhash_rot(c, 16); c += b; \
	b -= a; b ^= rte_jhash_rot(a, 19); a += c; \
	c -= b; c ^= rte_jhash_rot(b, 4);  b += a; \
} while (0)

/** lookup3's final(): last avalanche of the state into c. */
#define __rte_jhash_final(a, b, c) do { \
	c ^= b; c -= rte_jhash_rot(b, 14); \
	a ^= c; a -= rte_jhash_rot(c, 11); \
	b ^= a; b -= rte_jhash_rot(a, 25); \
	c ^= b; c -= rte_jhash_rot(b, 16); \
	a ^= c; a -= rte_jhash_rot(c, 4);  \
	b ^= a; b -= rte_jhash_rot(a, 14); \
	c ^= b; c -= rte_jhash_rot(b, 24); \
} while (0)

/* little-endian load of n (1..4) bytes, zero-extended */
static inline uint32_t
__rte_jhash_load(const uint8_t *p, uint32_t n)
{
	uint32_t v = 0;
	uint32_t i;

	if (n == 4) {
		memcpy(&v, p, 4);
		return v;
	}
	for (i = 0; i < n; i++)
		v |= (uint32_t)p[i] << (8 * i);
	return v;
}

/**
 * Two 32-bit hashes of a key at once (lookup3's hashlittle2).
 *
 * @param key
 *   The key, any alignment.
 * @param length
 *   Its length in bytes.
 * @param pc
 *   In: the first seed; out: the first hash (the one rte_jhash() returns).
 * @param pb
 *   In: the second seed; out: the second hash.
 */
static inline void
rte_jhash_2hashes(const void *key, uint32_t length, uint32_t *pc,
		uint32_t *pb)
{
	const uint8_t *k = (const uint8_t *)key;
	uint32_t a, b, c;

	a = b = c = RTE_JHASH_GOLDEN_RATIO + length + *pc;
	c += *pb;

	while (length > 12) {
		a += __rte_jhash_load(k, 4);
		b += __rte_jhash_load(k + 4, 4);
		c += __rte_jhash_load(k + 8, 4);
		__rte_jhash_mix(a, b, c);
		length -= 12;
		k += 12;
	}
	/* an empty tail (only when the key is empty) skips final() */
	if (length == 0) {
		*pc = c;
		*pb = b;
		return;
	}
	a += __rte_jhash_load(k, RTE_MIN(length, 4u));
	if (length > 4)
		b += __rte_jhash_load(k + 4, RTE_MIN(length - 4, 4u));
	if (length > 8)
		c += __rte_jhash_load(k + 8, length - 8);
	__rte_jhash_final(a, b, c);
	*pc = c;
	*pb = b;
}

/**
 * Two 32-bit hashes of an array of 32-bit words (lookup3's hashword2).
 *
 * @param k
 *   The words.
 * @param length
 *   The number of words (not bytes).
 * @param pc
 *   In: the first seed; out: the first hash.
 * @param pb
 *   In: the second seed; out: the second hash.
 */
static inline void
rte_jhash_32b_2hashes(const uint32_t *k, uint32_t length, uint32_t *pc,
		uint32_t *pb)
{
	uint32_t a, b, c;

	a = b = c = RTE_JHASH_GOLDEN_RATIO + (length << 2) + *pc;
	c += *pb;

	while (length > 3) {
		a += k[0];
		b += k[1];
		c += k[2];
		__rte_jhash_mix(a, b, c);
		length -= 3;
		k += 3;
	}
	switch (length) {
	case 3:
		c += k[2];
		/* fall through */
	case 2:
		b += k[1];
		/* fall through */
	case 1:
		a += k[0];
		__rte_jhash_final(a, b, c);
		break;
	default:
		break;
	}
	*pc = c;
	*pb = b;
}

/**
 * 32-bit hash of a key (lookup3's hashlittle).
 *
 * @param key
 *   The key, any alignment.
 * @param length
 *   Its length in bytes.
 * @param initval
 *   Seed; a different seed gives an unrelated hash.
 * @return
 *   The hash.
 */
static inline uint32_t
rte_jhash(const void *key, uint32_t length, uint32_t initval)
{
	uint32_t second = 0;

	rte_jhash_2hashes(key, length, &initval, &second);
	return initval;
}

/**
 * 32-bit hash of an array of 32-bit words (lookup3's hashword).
 *
 * @param k
 *   The words.
 * @param length
 *   The number of words (not bytes).
 * @param initval
 *   Seed.
 * @return
 *   The hash; equal to rte_jhash() of the same 4 * length bytes.
 */
static inline uint32_t
rte_jhash_32b(const uint32_t *k, uint32_t length, uint32_t initval)
{
	uint32_t second = 0;

	rte_jhash_32b_2hashes(k, length, &initval, &second);
	return initval;
}

/* hashword() of n (1..3) words a, b, c already in place */
static inline uint32_t
__rte_jhash_nwords(uint32_t a, uint32_t b, uint32_t c, uint32_t n,
		uint32_t initval)
{
	uint32_t s = RTE_JHASH_GOLDEN_RATIO + (n << 2) + initval;

	a += s;
	b += s;
	c += s;
	__rte_jhash_final(a, b, c);
	return c;
}

/**
 * Hash of three 32-bit words: rte_jhash_32b() of {a, b, c}.
 *
 * @param a
 *   First word.
 * @param b
 *   Second word.
 * @param c
 *   Third word.
 * @param initval
 *   Seed.
 * @return
 *   The hash.
 */
static inline uint32_t
rte_jhash_3words(uint32_t a, uint32_t b, uint32_t c, uint32_t initval)
{
	return __rte_jhash_nwords(a, b, c, 3, initval);
}

/**
 * Hash of two 32-bit words: rte_jhash_32b() of {a, b}.
 *
 * @param a
 *   First word.
 * @param b
 *   Second word.
 * @param initval
 *   Seed.
 * @return
 *   The hash.
 */
static inline uint32_t
rte_jhash_2words(uint32_t a, uint32_t b, uint32_t initval)
{
	return __rte_jhash_nwords(a, b, 0, 2, initval);
}

/**
 * Hash of one 32-bit word: rte_jhash_32b() of {a}.
 *
 * @param a
 *   The word.
 * @param initval
 *   Seed.
 * @return
 *   The hash.
 */
static inline uint32_t
rte_jhash_1word(uint32_t a, uint32_t initval)
{
	return __rte_jhash_nwords(a, 0, 0, 1, initval);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_JHASH_H_ */
