/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Cache prefetch hints (x86).
 */
#ifndef _RTE_PREFETCH_H_
#define _RTE_PREFETCH_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_common.h>
#include <rte_compat.h>

/** Prefetch into every cache level. */
static inline void
rte_prefetch0(const volatile void *p)
{
	asm volatile ("prefetcht0 %[p]" : : [p] "m" (*(const volatile char *)p));
}

/** Prefetch into L2 and below (not L1). */
static inline void
rte_prefetch1(const volatile void *p)
{
	asm volatile ("prefetcht1 %[p]" : : [p] "m" (*(const volatile char *)p));
}

/** Prefetch into L3 and below. */
static inline void
rte_prefetch2(const volatile void *p)
{
	asm volatile ("prefetcht2 %[p]" : : [p] "m" (*(const volatile char *)p));
}

/** Prefetch data used once, keeping cache pollution low. */
static inline void
rte_prefetch_non_temporal(const volatile void *p)
{
	asm volatile ("prefetchnta %[p]" : : [p] "m" (*(const volatile char *)p));
}

/** Prefetch for writing, into every level. */
__rte_experimental
static inline void
rte_prefetch0_write(const void *p)
{
	__builtin_prefetch(p, 1, 3);
}

/** Prefetch for writing, into L2 and below. */
__rte_experimental
static inline void
rte_prefetch1_write(const void *p)
{
	__builtin_prefetch(p, 1, 2);
}

/** Prefetch for writing, into L3 and below. */
__rte_experimental
static inline void
rte_prefetch2_write(const void *p)
{
	__builtin_prefetch(p, 1, 1);
}

/**
 * Push a cache line from this core's caches towards a shared level, so
 * another core finds it sooner. A no-op on CPUs without CLDEMOTE (the
 * encoding is a hint NOP there).
 */
__rte_experimental
static inline void
rte_cldemote(const volatile void *p)
{
	/* cldemote (%rsi), written as bytes for old assemblers */
	asm volatile (".byte 0x0f, 0x1c, 0x06" : : "S" (p));
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PREFETCH_H_ */
