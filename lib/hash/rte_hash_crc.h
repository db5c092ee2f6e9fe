/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_HASH_CRC_H_
#define _RTE_HASH_CRC_H_

/**
 * @file
 * CRC32-C (Castagnoli, reflected polynomial 0x82f63b78) as a hash.
 *
 * These are the raw CRC register updates: no initial or final inversion.
 * rte_hash_crc(data, len, 0xffffffff) ^ 0xffffffff is the CRC32-C of the
 * data as iSCSI and ext4 define it. Each function gives the same value
 * whichever algorithm rte_hash_crc_set_alg() chose: the SSE4.2 crc32
 * instruction when the CPU has it, a table otherwise.
 *
 * Multi-byte values are hashed in memory order on this little-endian CPU,
 * so rte_hash_crc_4byte(v, i) == rte_hash_crc(&v, 4, i), and
 * rte_hash_crc() of a buffer does not depend on how it is cut into pieces.
 *
 * The algorithm choice is one process-wide setting (DPDK 22.11 keeps one
 * per translation unit that includes this header); it is made once at
 * start-up and changed only by rte_hash_crc_set_alg().
 */

#include <stdint.h>
#include <string.h>

#include <rte_common.h>

#if defined(RTE_ARCH_X86_64)
#include <x86intrin.h>
#endif

#ifdef __cplusplus
extern "C" {
#endif

#define CRC32_SW            (1U << 0) /**< table-driven, any CPU */
#define CRC32_SSE42         (1U << 1) /**< SSE4.2, 32-bit steps */
#define CRC32_x64           (1U << 2) /**< 64-bit steps */
#define CRC32_SSE42_x64     (CRC32_x64 | CRC32_SSE42) /**< SSE4.2, 64-bit */
#define CRC32_ARM64         (1U << 3) /**< ARMv8 CRC (SW here on x86) */

/** The algorithm in use: one of the CRC32_* values. Read-only to users. */
extern uint8_t rte_hash_crc32_alg;

/** CRC32-C lookup table for one byte; for the software path. */
extern const uint32_t rte_hash_crc32c_table[256];

/**
 * Choose the CRC32-C implementation.
 *
 * An algorithm the CPU cannot run falls back to CRC32_SW; every choice
 * gives the same results.
 *
 * @param alg
 *   CRC32_SW, CRC32_SSE42, CRC32_SSE42_x64 (the default when the CPU has
 *   SSE4.2) or CRC32_ARM64.
 */
void
rte_hash_crc_set_alg(uint8_t alg);

/* ---- software: one table step per byte */

static inline uint32_t
__rte_crc32c_sw(const uint8_t *p, uint32_t n, uint32_t crc)
{
	while (n-- > 0)
		crc = rte_hash_crc32c_table[(crc ^ *p++) & 0xff] ^ (crc >> 8);
	return crc;
}

/* ---- SSE4.2: the crc32 instruction computes the same register update */

#if defined(RTE_ARCH_X86_64)
__attribute__((target("sse4.2")))
static inline uint32_t
__rte_crc32c_sse42_u8(uint8_t v, uint32_t crc)
{
	return _mm_crc32_u8(crc, v);
}

__attribute__((target("sse4.2")))
static inline uint32_t
__rte_crc32c_sse42_u16(uint16_t v, uint32_t crc)
{
	return _mm_crc32_u16(crc, v);
}

__attribute__((target("sse4.2")))
static inline uint32_t
__rte_crc32c_sse42_u32(uint32_t v, uint32_t crc)
{
	return _mm_crc32_u32(crc, v);
}

__attribute__((target("sse4.2")))
static inline uint32_t
__rte_crc32c_sse42_u64(uint64_t v, uint32_t crc)
{
	return (uint32_t)_mm_crc32_u64(crc, v);
}
#define __RTE_CRC32C_HW() ((rte_hash_crc32_alg & CRC32_SSE42) != 0)
#else
#define __rte_crc32c_sse42_u8(v, crc) 0
#define __rte_crc32c_sse42_u16(v, crc) 0
#define __rte_crc32c_sse42_u32(v, crc) 0
#define __rte_crc32c_sse42_u64(v, crc) 0
#define __RTE_CRC32C_HW() 0
#endif

/**
 * CRC32-C of one byte.
 *
 * @param data
 *   The byte.
 * @param init_val
 *   CRC register before it (a seed, or a previous result).
 * @return
 *   The register after it.
 */
static inline uint32_t
rte_hash_crc_1byte(uint8_t data, uint32_t init_val)
{
	if (__RTE_CRC32C_HW())
		return __rte_crc32c_sse42_u8(data, init_val);
	return __rte_crc32c_sw(&data, 1, init_val);
}

/**
 * CRC32-C of a 16-bit value, low byte first.
 *
 * @param data
 *   The value.
 * @param init_val
 *   CRC register before it.
 * @return
 *   The register after it.
 */
static inline uint32_t
rte_hash_crc_2byte(uint16_t data, uint32_t init_val)
{
	uint8_t b[2];

	if (__RTE_CRC32C_HW())
		return __rte_crc32c_sse42_u16(data, init_val);
	memcpy(b, &data, sizeof(b));
	return __rte_crc32c_sw(b, 2, init_val);
}

/**
 * CRC32-C of a 32-bit value, low byte first.
 *
 * @param data
 *   The value.
 * @param init_val
 *   CRC register before it.
 * @return
 *   The register after it.
 */
static inline uint32_t
rte_hash_crc_4byte(uint32_t data, uint32_t init_val)
{
	uint8_t b[4];

	if (__RTE_CRC32C_HW())
		return __rte_crc32c_sse42_u32(data, init_val);
	memcpy(b, &data, sizeof(b));
	return __rte_crc32c_sw(b, 4, init_val);
}

/**
 * CRC32-C of a 64-bit value, low byte first.
 *
 * @param data
 *   The value.
 * @param init_val
 *   CRC register before it.
 * @return
 *   The register after it.
 */
static inline uint32_t
rte_hash_crc_8byte(uint64_t data, uint32_t init_val)
{
	uint8_t b[8];

	if (__RTE_CRC32C_HW()) {
		if (rte_hash_crc32_alg & CRC32_x64)
			return __rte_crc32c_sse42_u64(data, init_val);
		init_val = __rte_crc32c_sse42_u32((uint32_t)data, init_val);
		return __rte_crc32c_sse42_u32((uint32_t)(data >> 32),
				init_val);
	}
	memcpy(b, &data, sizeof(b));
	return __rte_crc32c_sw(b, 8, init_val);
}

/**
 * CRC32-C of a buffer; usable as an rte_hash_function.
 *
 * @param data
 *   The bytes, any alignment.
 * @param data_len
 *   Their number.
 * @param init_val
 *   CRC register before them (no inversion is applied).
 * @return
 *   The register after them (no final inversion).
 */
static inline uint32_t
rte_hash_crc(const void *data, uint32_t data_len, uint32_t init_val)
{
	const uint8_t *p = (const uint8_t *)data;
	uint64_t v64;
	uint32_t v32;
	uint16_t v16;

	if (!__RTE_CRC32C_HW())
		return __rte_crc32c_sw(p, data_len, init_val);
	for (; data_len >= 8; data_len -= 8, p += 8) {
		memcpy(&v64, p, 8);
		init_val = rte_hash_crc_8byte(v64, init_val);
	}
	if (data_len & 4) {
		memcpy(&v32, p, 4);
		init_val = rte_hash_crc_4byte(v32, init_val);
		p += 4;
	}
	if (data_len & 2) {
		memcpy(&v16, p, 2);
		init_val = rte_hash_crc_2byte(v16, init_val);
		p += 2;
	}
	if (data_len & 1)
		init_val = rte_hash_crc_1byte(*p, init_val);
	return init_val;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_HASH_CRC_H_ */
