/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Time: the TSC cycle counter, its frequency, and busy or sleeping delays.
 */
#ifndef _RTE_CYCLES_H_
#define _RTE_CYCLES_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>
#include <rte_atomic.h>

#define MS_PER_S 1000
#define US_PER_S 1000000
#define NS_PER_S 1000000000

/** Source of rte_get_timer_cycles(); only the TSC here. */
enum timer_source {
	EAL_TIMER_TSC = 0,
	EAL_TIMER_HPET
};
extern enum timer_source eal_timer_source;

/** Read the time stamp counter (not ordered with surrounding code). */
static inline uint64_t
rte_rdtsc(void)
{
	union {
		uint64_t tsc_64;
		RTE_STD_C11
		struct {
			uint32_t lo_32;
			uint32_t hi_32;
		};
	} tsc;

	asm volatile ("rdtsc" : "=a" (tsc.lo_32), "=d" (tsc.hi_32));
	return tsc.tsc_64;
}

/** Read the TSC after every earlier memory access has completed. */
static inline uint64_t
rte_rdtsc_precise(void)
{
	rte_mb();
	return rte_rdtsc();
}

/** The TSC value. */
static inline uint64_t
rte_get_tsc_cycles(void)
{
	return rte_rdtsc();
}

/**
 * Frequency of the TSC in Hz, as found by rte_eal_init() (CPUID, the
 * hypervisor, the kernel, or a short calibration).
 */
uint64_t rte_get_tsc_hz(void);

/** Cycles of the default timer (the TSC). */
static inline uint64_t
rte_get_timer_cycles(void)
{
	return rte_get_tsc_cycles();
}

/** Frequency of the default timer in Hz. */
static inline uint64_t
rte_get_timer_hz(void)
{
	return rte_get_tsc_hz();
}

/**
 * Wait at least us microseconds. By default this spins on the TSC; an
 * application may install another implementation with
 * rte_delay_us_callback_register().
 */
extern void (*rte_delay_us)(unsigned int us);

/** Wait at least ms milliseconds with rte_delay_us(). */
static inline void
rte_delay_ms(unsigned int ms)
{
	rte_delay_us(ms * 1000);
}

/** Spin on the TSC for at least us microseconds. */
void rte_delay_us_block(unsigned int us);

/** Sleep (yield the CPU) for at least us microseconds. */
void rte_delay_us_sleep(unsigned int us);

/** Make rte_delay_us() call userfunc (rte_delay_us_block restores it). */
void rte_delay_us_callback_register(void (*userfunc)(unsigned int));

#ifdef __cplusplus
}
#endif

#endif /* _RTE_CYCLES_H_ */
