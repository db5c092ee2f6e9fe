/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU pause hint for busy-wait loops, and helpers that spin until a memory
 * location holds an expected value.
 */
#ifndef _RTE_PAUSE_H_
#define _RTE_PAUSE_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>
#include <assert.h>

#include <rte_common.h>
#include <rte_atomic.h>

#include <emmintrin.h>

/** Hint to the CPU that this is a spin loop (saves power, helps SMT). */
static inline void
rte_pause(void)
{
	_mm_pause();
}

/**
 * Spin until *addr equals expected; memorder (__ATOMIC_ACQUIRE or
 * __ATOMIC_RELAXED) is used for the loads.
 */
static __rte_always_inline void
rte_wait_until_equal_16(volatile uint16_t *addr, uint16_t expected,
		int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/** 32-bit rte_wait_until_equal_16(). */
static __rte_always_inline void
rte_wait_until_equal_32(volatile uint32_t *addr, uint32_t expected,
		int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/** 64-bit rte_wait_until_equal_16(). */
static __rte_always_inline void
rte_wait_until_equal_64(volatile uint64_t *addr, uint64_t expected,
		int memorder)
{
	assert(memorder == __ATOMIC_ACQUIRE || memorder == __ATOMIC_RELAXED);
	while (__atomic_load_n(addr, memorder) != expected)
		rte_pause();
}

/**
 * Spin while ((*addr & mask) cond expected) is false; cond is a C
 * comparison operator such as == or !=.
 */
#define RTE_WAIT_UNTIL_MASKED(addr, mask, cond, expected, memorder) do { \
	RTE_BUILD_BUG_ON(!__builtin_constant_p(memorder)); \
	RTE_BUILD_BUG_ON(memorder != __ATOMIC_ACQUIRE && \
		memorder != __ATOMIC_RELAXED); \
	typeof(*(addr)) expected_value = (expected); \
	while (!((__atomic_load_n((addr), (memorder)) & (mask)) cond \
			expected_value)) \
		rte_pause(); \
} while (0)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PAUSE_H_ */
