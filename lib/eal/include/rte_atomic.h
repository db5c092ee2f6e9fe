/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory barriers and the legacy rte_atomicNN_t counters (x86-64).
 * New code should prefer the GCC __atomic builtins with explicit memory
 * orders; these keep DPDK 22.11 applications building.
 */
#ifndef _RTE_ATOMIC_H_
#define _RTE_ATOMIC_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>

#include <emmintrin.h>

/*********** Barriers ***********/

/** Stop the compiler from moving memory accesses across this point. */
#define rte_compiler_barrier() do { \
	asm volatile ("" : : : "memory"); \
} while (0)

/** Full barrier: loads and stores before it are done before any after. */
#define rte_mb() _mm_mfence()

/** Store barrier. */
#define rte_wmb() _mm_sfence()

/** Load barrier. */
#define rte_rmb() _mm_lfence()

/*
 * x86 is TSO: only store->load reordering can happen between CPUs, so the
 * SMP store and load barriers are compiler barriers, and the full barrier
 * is a locked instruction on the stack (cheaper than mfence).
 */
static __rte_always_inline void
rte_smp_mb(void)
{
	asm volatile ("lock addl $0, -128(%%rsp); " : : : "memory");
}

/** Store barrier between lcores. */
#define rte_smp_wmb() rte_compiler_barrier()

/** Load barrier between lcores. */
#define rte_smp_rmb() rte_compiler_barrier()

/** Full barrier for accesses to IO memory. */
#define rte_io_mb() rte_mb()

/** Store barrier for accesses to IO memory. */
#define rte_io_wmb() rte_compiler_barrier()

/** Load barrier for accesses to IO memory. */
#define rte_io_rmb() rte_compiler_barrier()

/**
 * A fence with the given C11 memory order (__ATOMIC_*); the sequentially
 * consistent one uses the locked-add form.
 */
static __rte_always_inline void
rte_atomic_thread_fence(int memorder)
{
	if (memorder == __ATOMIC_SEQ_CST)
		rte_smp_mb();
	else
		__atomic_thread_fence(memorder);
}

/*********** 16-bit ***********/

/**
 * Atomically set *dst to src if it equals exp.
 * @return non-zero on success, 0 if *dst differed.
 */
static inline int
rte_atomic16_cmpset(volatile uint16_t *dst, uint16_t exp, uint16_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0,
			__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/** Atomically store val in *dst and return the previous value. */
static inline uint16_t
rte_atomic16_exchange(volatile uint16_t *dst, uint16_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** A 16-bit atomic counter. */
typedef struct {
	volatile int16_t cnt; /**< the value */
} rte_atomic16_t;

/** Static initializer of an atomic counter. */
#define RTE_ATOMIC16_INIT(val) { (val) }

/** Set the counter to 0. */
static inline void
rte_atomic16_init(rte_atomic16_t *v)
{
	v->cnt = 0;
}

/** Read the counter. */
static inline int16_t
rte_atomic16_read(const rte_atomic16_t *v)
{
	return v->cnt;
}

/** Set the counter. */
static inline void
rte_atomic16_set(rte_atomic16_t *v, int16_t new_value)
{
	v->cnt = new_value;
}

/** Add inc to the counter. */
static inline void
rte_atomic16_add(rte_atomic16_t *v, int16_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/** Subtract dec from the counter. */
static inline void
rte_atomic16_sub(rte_atomic16_t *v, int16_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/** Increment the counter. */
static inline void
rte_atomic16_inc(rte_atomic16_t *v)
{
	rte_atomic16_add(v, 1);
}

/** Decrement the counter. */
static inline void
rte_atomic16_dec(rte_atomic16_t *v)
{
	rte_atomic16_sub(v, 1);
}

/** Add inc and return the new value. */
static inline int16_t
rte_atomic16_add_return(rte_atomic16_t *v, int16_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/** Subtract dec and return the new value. */
static inline int16_t
rte_atomic16_sub_return(rte_atomic16_t *v, int16_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/** Increment; return true if the result is 0. */
static inline int
rte_atomic16_inc_and_test(rte_atomic16_t *v)
{
	return __atomic_add_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0;
}

/** Decrement; return true if the result is 0. */
static inline int
rte_atomic16_dec_and_test(rte_atomic16_t *v)
{
	return __atomic_sub_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0;
}

/** Set the counter to 1 if it is 0; return 1 on success, 0 otherwise. */
static inline int
rte_atomic16_test_and_set(rte_atomic16_t *v)
{
	return rte_atomic16_cmpset((volatile uint16_t *)&v->cnt, 0, 1);
}

/** Set the counter to 0. */
static inline void
rte_atomic16_clear(rte_atomic16_t *v)
{
	v->cnt = 0;
}

/*********** 32-bit ***********/

/** 32-bit rte_atomic16_cmpset(). */
static inline int
rte_atomic32_cmpset(volatile uint32_t *dst, uint32_t exp, uint32_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0,
			__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/** 32-bit rte_atomic16_exchange(). */
static inline uint32_t
rte_atomic32_exchange(volatile uint32_t *dst, uint32_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** A 32-bit atomic counter. */
typedef struct {
	volatile int32_t cnt; /**< the value */
} rte_atomic32_t;

/** Static initializer of an atomic counter. */
#define RTE_ATOMIC32_INIT(val) { (val) }

/** Set the counter to 0. */
static inline void
rte_atomic32_init(rte_atomic32_t *v)
{
	v->cnt = 0;
}

/** Read the counter. */
static inline int32_t
rte_atomic32_read(const rte_atomic32_t *v)
{
	return v->cnt;
}

/** Set the counter. */
static inline void
rte_atomic32_set(rte_atomic32_t *v, int32_t new_value)
{
	v->cnt = new_value;
}

/** Add inc to the counter. */
static inline void
rte_atomic32_add(rte_atomic32_t *v, int32_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/** Subtract dec from the counter. */
static inline void
rte_atomic32_sub(rte_atomic32_t *v, int32_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/** Increment the counter. */
static inline void
rte_atomic32_inc(rte_atomic32_t *v)
{
	rte_atomic32_add(v, 1);
}

/** Decrement the counter. */
static inline void
rte_atomic32_dec(rte_atomic32_t *v)
{
	rte_atomic32_sub(v, 1);
}

/** Add inc and return the new value. */
static inline int32_t
rte_atomic32_add_return(rte_atomic32_t *v, int32_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/** Subtract dec and return the new value. */
static inline int32_t
rte_atomic32_sub_return(rte_atomic32_t *v, int32_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/** Increment; return true if the result is 0. */
static inline int
rte_atomic32_inc_and_test(rte_atomic32_t *v)
{
	return __atomic_add_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0;
}

/** Decrement; return true if the result is 0. */
static inline int
rte_atomic32_dec_and_test(rte_atomic32_t *v)
{
	return __atomic_sub_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0;
}

/** Set the counter to 1 if it is 0; return 1 on success, 0 otherwise. */
static inline int
rte_atomic32_test_and_set(rte_atomic32_t *v)
{
	return rte_atomic32_cmpset((volatile uint32_t *)&v->cnt, 0, 1);
}

/** Set the counter to 0. */
static inline void
rte_atomic32_clear(rte_atomic32_t *v)
{
	v->cnt = 0;
}

/*********** 64-bit ***********/

/** 64-bit rte_atomic16_cmpset(). */
static inline int
rte_atomic64_cmpset(volatile uint64_t *dst, uint64_t exp, uint64_t src)
{
	return __atomic_compare_exchange_n(dst, &exp, src, 0,
			__ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
}

/** 64-bit rte_atomic16_exchange(). */
static inline uint64_t
rte_atomic64_exchange(volatile uint64_t *dst, uint64_t val)
{
	return __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
}

/** A 64-bit atomic counter. */
typedef struct {
	volatile int64_t cnt; /**< the value */
} rte_atomic64_t;

/** Static initializer of an atomic counter. */
#define RTE_ATOMIC64_INIT(val) { (val) }

/** Set the counter to 0. */
static inline void
rte_atomic64_init(rte_atomic64_t *v)
{
	__atomic_store_n(&v->cnt, 0, __ATOMIC_SEQ_CST);
}

/** Read the counter. */
static inline int64_t
rte_atomic64_read(rte_atomic64_t *v)
{
	return __atomic_load_n(&v->cnt, __ATOMIC_SEQ_CST);
}

/** Set the counter. */
static inline void
rte_atomic64_set(rte_atomic64_t *v, int64_t new_value)
{
	__atomic_store_n(&v->cnt, new_value, __ATOMIC_SEQ_CST);
}

/** Add inc to the counter. */
static inline void
rte_atomic64_add(rte_atomic64_t *v, int64_t inc)
{
	__atomic_fetch_add(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/** Subtract dec from the counter. */
static inline void
rte_atomic64_sub(rte_atomic64_t *v, int64_t dec)
{
	__atomic_fetch_sub(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/** Increment the counter. */
static inline void
rte_atomic64_inc(rte_atomic64_t *v)
{
	rte_atomic64_add(v, 1);
}

/** Decrement the counter. */
static inline void
rte_atomic64_dec(rte_atomic64_t *v)
{
	rte_atomic64_sub(v, 1);
}

/** Add inc and return the new value. */
static inline int64_t
rte_atomic64_add_return(rte_atomic64_t *v, int64_t inc)
{
	return __atomic_add_fetch(&v->cnt, inc, __ATOMIC_SEQ_CST);
}

/** Subtract dec and return the new value. */
static inline int64_t
rte_atomic64_sub_return(rte_atomic64_t *v, int64_t dec)
{
	return __atomic_sub_fetch(&v->cnt, dec, __ATOMIC_SEQ_CST);
}

/** Increment; return true if the result is 0. */
static inline int
rte_atomic64_inc_and_test(rte_atomic64_t *v)
{
	return __atomic_add_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0;
}

/** Decrement; return true if the result is 0. */
static inline int
rte_atomic64_dec_and_test(rte_atomic64_t *v)
{
	return __atomic_sub_fetch(&v->cnt, 1, __ATOMIC_SEQ_CST) == 0;
}

/** Set the counter to 1 if it is 0; return 1 on success, 0 otherwise. */
static inline int
rte_atomic64_test_and_set(rte_atomic64_t *v)
{
	return rte_atomic64_cmpset((volatile uint64_t *)&v->cnt, 0, 1);
}

/** Set the counter to 0. */
static inline void
rte_atomic64_clear(rte_atomic64_t *v)
{
	rte_atomic64_set(v, 0);
}

/*********** 128-bit ***********/

/** A 128-bit value for rte_atomic128_cmp_exchange(). */
typedef struct {
	RTE_STD_C11
	union {
		uint64_t val[2];
		__extension__ __int128 int128;
	};
} __rte_aligned(16) rte_int128_t;

/**
 * Compare *dst with *exp and, if equal, store *src in *dst; otherwise copy
 * *dst into *exp. Uses cmpxchg16b, which is always a strong, sequentially
 * consistent exchange on x86, so weak and the memory orders are accepted
 * for API compatibility only.
 *
 * @return 1 if the exchange took place, 0 otherwise.
 */
__rte_experimental
static inline int
rte_atomic128_cmp_exchange(rte_int128_t *dst, rte_int128_t *exp,
		const rte_int128_t *src, unsigned int weak, int success,
		int failure)
{
	uint8_t res;

	RTE_SET_USED(weak);
	RTE_SET_USED(success);
	RTE_SET_USED(failure);
	asm volatile ("lock; cmpxchg16b %[dst];"
		" sete %[res]"
		: [dst] "=m" (dst->val[0]),
		  "=a" (exp->val[0]),
		  "=d" (exp->val[1]),
		  [res] "=r" (res)
		: "b" (src->val[0]),
		  "c" (src->val[1]),
		  "a" (exp->val[0]),
		  "d" (exp->val[1]),
		  "m" (dst->val[0])
		: "memory");
	return res;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ATOMIC_H_ */
