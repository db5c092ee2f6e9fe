/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Time arithmetic for drivers that keep a nanosecond clock from a free
 * running hardware cycle counter (a NIC's PTP timer, say).
 *
 * A struct rte_timecounter converts counter readings to nanoseconds: the
 * counter ticks 2^cc_shift times per nanosecond, so a tick count is a
 * fixed-point nanosecond count with cc_shift fractional bits. The
 * fraction left over by one conversion is kept in nsec_frac and added to
 * the next, so that many small updates sum to what one large update
 * would give, with no drift. Counters narrower than 64 bits are read
 * modulo cc_mask + 1 and may wrap between two updates.
 *
 * Nothing here locks: the caller serialises updates of one timecounter.
 */
#ifndef _RTE_TIME_H_
#define _RTE_TIME_H_

#include <stdint.h>
#include <time.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Nanoseconds in a second. */
#define NSEC_PER_SEC 1000000000L

/** A nanosecond clock kept from a cycle counter; see the file comment. */
struct rte_timecounter {
	/** Counter reading at the last rte_timecounter_update(). */
	uint64_t cycle_last;
	/** Whole nanoseconds counted so far. */
	uint64_t nsec;
	/** Mask of the fractional bits of a tick count: 2^cc_shift - 1. */
	uint64_t nsec_mask;
	/** Fraction of a nanosecond carried to the next conversion. */
	uint64_t nsec_frac;
	/** Mask of the counter's width: 2^width - 1 (UINT64_MAX for 64). */
	uint64_t cc_mask;
	/** log2 of the counter ticks per nanosecond. */
	uint32_t cc_shift;
};

/**
 * Convert a tick count to whole nanoseconds, carrying the fraction.
 *
 * The ticks are added to the fraction left by the previous conversion;
 * the new fraction (the bits under nsec_mask) stays in tc.
 *
 * @param tc
 *   The timecounter; its nsec_frac is updated.
 * @param cycles
 *   Counter ticks elapsed.
 * @return
 *   Whole nanoseconds in cycles plus the carried fraction.
 */
static inline uint64_t
rte_cyclecounter_cycles_to_ns(struct rte_timecounter *tc, uint64_t cycles)
{
	uint64_t fixed = cycles + tc->nsec_frac;

	tc->nsec_frac = fixed & tc->nsec_mask;
	return fixed >> tc->cc_shift;
}

/**
 * Advance the clock to a new counter reading.
 *
 * The ticks since the last reading are taken modulo cc_mask + 1, so a
 * counter that wrapped once is handled. A reading below the last one is
 * always taken as a wrap: with a full 64-bit cc_mask and cc_shift 0,
 * this makes nsec step back by the difference, while with a narrower
 * counter it adds the ticks to the wrap point and on from zero; a
 * reading equal to the last one modulo cc_mask + 1 but lower counts a
 * whole counter period. A counter that wraps twice between updates
 * loses periods.
 *
 * @param tc
 *   The timecounter; cycle_last, nsec and nsec_frac are updated.
 * @param cycle_now
 *   The counter's current reading.
 * @return
 *   The updated nanosecond count, tc->nsec.
 */
static inline uint64_t
rte_timecounter_update(struct rte_timecounter *tc, uint64_t cycle_now)
{
	uint64_t delta;

	if (cycle_now >= tc->cycle_last)
		delta = (cycle_now - tc->cycle_last) & tc->cc_mask;
	else
		/* 1 + the masked complement: a zero difference is a period */
		delta = (~(tc->cycle_last - cycle_now) & tc->cc_mask) + 1;
	tc->cycle_last = cycle_now;
	tc->nsec += rte_cyclecounter_cycles_to_ns(tc, delta);
	return tc->nsec;
}

/**
 * Convert a struct timespec to nanoseconds.
 *
 * @param ts
 *   The time; tv_sec and tv_nsec are taken as non-negative.
 * @return
 *   tv_sec * NSEC_PER_SEC + tv_nsec.
 */
static inline uint64_t
rte_timespec_to_ns(const struct timespec *ts)
{
	return (uint64_t)ts->tv_sec * NSEC_PER_SEC + (uint64_t)ts->tv_nsec;
}

/**
 * Convert nanoseconds to a struct timespec.
 *
 * @param nsec
 *   The time in nanoseconds.
 * @return
 *   The same time, with tv_nsec in [0, NSEC_PER_SEC).
 */
static inline struct timespec
rte_ns_to_timespec(uint64_t nsec)
{
	struct timespec ts;

	ts.tv_sec = (time_t)(nsec / NSEC_PER_SEC);
	ts.tv_nsec = (long)(nsec % NSEC_PER_SEC);
	return ts;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_TIME_H_ */
