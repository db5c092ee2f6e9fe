/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Single-bit operations on 32 and 64-bit words. "relaxed": neither atomic
 * nor ordered; use them on data owned by one thread or under a lock.
 */
#ifndef _RTE_BITOPS_H_
#define _RTE_BITOPS_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_debug.h>
#include <rte_compat.h>

/** A 64-bit value with bit nr set. */
#define RTE_BIT64(nr) (UINT64_C(1) << (nr))

/** A 32-bit value with bit nr set. */
#define RTE_BIT32(nr) (UINT32_C(1) << (nr))

/** @return the value of bit nr of *addr. */
__rte_experimental
static inline uint32_t
rte_bit_relaxed_get32(unsigned int nr, volatile uint32_t *addr)
{
	RTE_ASSERT(nr < 32);
	return *addr & RTE_BIT32(nr);
}

/** Set bit nr of *addr. */
__rte_experimental
static inline void
rte_bit_relaxed_set32(unsigned int nr, volatile uint32_t *addr)
{
	RTE_ASSERT(nr < 32);
	*addr = *addr | RTE_BIT32(nr);
}

/** Clear bit nr of *addr. */
__rte_experimental
static inline void
rte_bit_relaxed_clear32(unsigned int nr, volatile uint32_t *addr)
{
	RTE_ASSERT(nr < 32);
	*addr = *addr & ~RTE_BIT32(nr);
}

/** Set bit nr of *addr and return its old value. */
__rte_experimental
static inline uint32_t
rte_bit_relaxed_test_and_set32(unsigned int nr, volatile uint32_t *addr)
{
	uint32_t val = *addr;

	RTE_ASSERT(nr < 32);
	*addr = val | RTE_BIT32(nr);
	return val & RTE_BIT32(nr);
}

/** Clear bit nr of *addr and return its old value. */
__rte_experimental
static inline uint32_t
rte_bit_relaxed_test_and_clear32(unsigned int nr, volatile uint32_t *addr)
{
	uint32_t val = *addr;

	RTE_ASSERT(nr < 32);
	*addr = val & ~RTE_BIT32(nr);
	return val & RTE_BIT32(nr);
}

/** @return the value of bit nr of *addr. */
__rte_experimental
static inline uint64_t
rte_bit_relaxed_get64(unsigned int nr, volatile uint64_t *addr)
{
	RTE_ASSERT(nr < 64);
	return *addr & RTE_BIT64(nr);
}

/** Set bit nr of *addr. */
__rte_experimental
static inline void
rte_bit_relaxed_set64(unsigned int nr, volatile uint64_t *addr)
{
	RTE_ASSERT(nr < 64);
	*addr = *addr | RTE_BIT64(nr);
}

/** Clear bit nr of *addr. */
__rte_experimental
static inline void
rte_bit_relaxed_clear64(unsigned int nr, volatile uint64_t *addr)
{
	RTE_ASSERT(nr < 64);
	*addr = *addr & ~RTE_BIT64(nr);
}

/** Set bit nr of *addr and return its old value. */
__rte_experimental
static inline uint64_t
rte_bit_relaxed_test_and_set64(unsigned int nr, volatile uint64_t *addr)
{
	uint64_t val = *addr;

	RTE_ASSERT(nr < 64);
	*addr = val | RTE_BIT64(nr);
	return val & RTE_BIT64(nr);
}

/** Clear bit nr of *addr and return its old value. */
__rte_experimental
static inline uint64_t
rte_bit_relaxed_test_and_clear64(unsigned int nr, volatile uint64_t *addr)
{
	uint64_t val = *addr;

	RTE_ASSERT(nr < 64);
	*addr = val & ~RTE_BIT64(nr);
	return val & RTE_BIT64(nr);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BITOPS_H_ */
