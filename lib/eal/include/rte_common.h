/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Generic macros, attributes and small inline helpers shared by every part
 * of the EAL and by applications. Names and semantics follow DPDK 22.11.
 */
#ifndef _RTE_COMMON_H_
#define _RTE_COMMON_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>
#include <stdlib.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>

#include <rte_config.h>

/* rte_os.h carries the OS-specific definitions (rte_cpuset_t, TAILQ helpers) */
#include <rte_os.h>

#ifndef typeof
#define typeof __typeof__
#endif

#ifndef asm
#define asm __asm__
#endif

/** Mark a construct as using a C11/GNU extension, so -pedantic stays quiet. */
#ifdef RTE_TOOLCHAIN_MSVC
#define RTE_STD_C11
#else
#define RTE_STD_C11 __extension__
#endif

/* compiler identification */
#if defined(__clang__)
#define RTE_CC_CLANG
#elif defined(__INTEL_COMPILER)
#define RTE_CC_ICC
#elif defined(__GNUC__)
#define RTE_CC_GCC
#endif

#ifdef RTE_CC_GCC
/** GCC version as a single comparable number, e.g. 120200 for 12.2.0. */
#define GCC_VERSION (__GNUC__ * 10000 + __GNUC_MINOR__ * 100 + \
		__GNUC_PATCHLEVEL__)
#endif

/** Force alignment of a type or variable to a bytes. */
#define __rte_aligned(a) __attribute__((__aligned__(a)))

#ifdef RTE_ARCH_STRICT_ALIGN
typedef uint64_t unaligned_uint64_t __rte_aligned(1);
typedef uint32_t unaligned_uint32_t __rte_aligned(1);
typedef uint16_t unaligned_uint16_t __rte_aligned(1);
#else
typedef uint64_t unaligned_uint64_t;
typedef uint32_t unaligned_uint32_t;
typedef uint16_t unaligned_uint16_t;
#endif

/** Lay a structure out with no padding between its members. */
#define __rte_packed __attribute__((__packed__))

/** Allow a type to alias any other (like char). */
#define __rte_may_alias __attribute__((__may_alias__))

/** Make a symbol weak, so a strong definition elsewhere wins. */
#define __rte_weak __attribute__((__weak__))

/** Keep a symbol even if the compiler thinks it unused. */
#define __rte_used __attribute__((used))

/** Tell the compiler a variable or parameter may be unused. */
#define __rte_unused __attribute__((__unused__))

/*
 * __rte_no_asan / __rte_no_ubsan: keep a function out of AddressSanitizer
 * (resp. UndefinedBehaviorSanitizer) instrumentation, for code that reads
 * memory on purpose outside of what the sanitizer believes valid. Empty
 * when the sanitizer is not in the build.
 */
#if defined(__SANITIZE_ADDRESS__)
#define __rte_no_asan __attribute__((no_sanitize_address))
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define __rte_no_asan __attribute__((no_sanitize_address))
#endif
#endif
#ifndef __rte_no_asan
/** No AddressSanitizer instrumentation in this function (if any). */
#define __rte_no_asan
#endif

#if defined(__has_feature)
#if __has_feature(undefined_behavior_sanitizer)
#define __rte_no_ubsan __attribute__((no_sanitize("undefined")))
#endif
#endif
#ifndef __rte_no_ubsan
/** No UndefinedBehaviorSanitizer instrumentation in this function. */
#define __rte_no_ubsan
#endif

/** Equivalent of C99 restrict, usable from C++ too. */
#define __rte_restrict __restrict

/** Silence an unused-variable warning on x. */
#define RTE_SET_USED(x) (void)(x)

/**
 * Check a printf-like function's arguments: format_index is the position
 * of the format string, first_arg that of the first variadic argument.
 */
#if defined(RTE_CC_GCC)
#define __rte_format_printf(format_index, first_arg) \
	__attribute__((format(gnu_printf, format_index, first_arg)))
#else
#define __rte_format_printf(format_index, first_arg) \
	__attribute__((format(printf, format_index, first_arg)))
#endif

/** The function returns a pointer to memory of the size given by its args. */
#define __rte_alloc_size(...) __attribute__((alloc_size(__VA_ARGS__)))

/** The returned pointer does not alias anything else (allocator result). */
#define __rte_malloc __attribute__((__malloc__))

/** The function's result must be used. */
#define __rte_warn_unused_result __attribute__((warn_unused_result))

/** The function never returns. */
#define __rte_noreturn __attribute__((noreturn))

/** Always inline the function. */
#define __rte_always_inline inline __attribute__((always_inline))

/** Never inline the function. */
#define __rte_noinline __attribute__((noinline))

/** The function is on a hot path: optimise it and group it with others. */
#define __rte_hot __attribute__((hot))

/** The function is rarely called: optimise it for size, keep it apart. */
#define __rte_cold __attribute__((cold))

/** Deprecation markers. */
#define __rte_deprecated __attribute__((__deprecated__))
#define __rte_deprecated_msg(msg) __attribute__((__deprecated__(msg)))
#define RTE_DEPRECATED(x) _Pragma(RTE_STR(GCC warning \
	"\"" #x " is deprecated\""))

/* constructor priorities: the log system first, then buses, then classes */
#define RTE_PRIORITY_LOG 101
#define RTE_PRIORITY_BUS 110
#define RTE_PRIORITY_CLASS 120
#define RTE_PRIORITY_LAST 65535

#define RTE_PRIO(prio) RTE_PRIORITY_ ## prio

/**
 * Define a function run before main(), with priority prio (LOG, BUS,
 * CLASS or LAST); lower priorities run first.
 */
#define RTE_INIT_PRIO(func, prio) \
static void __attribute__((constructor(RTE_PRIO(prio)), used)) func(void)

/** Define a function run before main(), after the prioritised ones. */
#define RTE_INIT(func) RTE_INIT_PRIO(func, LAST)

/** Define a function run at exit, with priority prio. */
#define RTE_FINI_PRIO(func, prio) \
static void __attribute__((destructor(RTE_PRIO(prio)), used)) func(void)

/** Define a function run at exit. */
#define RTE_FINI(func) RTE_FINI_PRIO(func, LAST)

/*********** Pointer arithmetic and alignment ***********/

/** Add x bytes to ptr. */
#define RTE_PTR_ADD(ptr, x) ((void *)((uintptr_t)(ptr) + (x)))

/** Subtract x bytes from ptr. */
#define RTE_PTR_SUB(ptr, x) ((void *)((uintptr_t)(ptr) - (x)))

/** Distance in bytes from ptr2 to ptr1 (ptr1 - ptr2). */
#define RTE_PTR_DIFF(ptr1, ptr2) ((uintptr_t)(ptr1) - (uintptr_t)(ptr2))

/** Cast a field of a structure to another type, keeping the qualifiers. */
#define RTE_CAST_FIELD(var, field, type) \
	(*(type *)((uintptr_t)(var) + offsetof(typeof(*(var)), field)))

/** Round ptr down to a multiple of align (a power of two). */
#define RTE_PTR_ALIGN_FLOOR(ptr, align) \
	((typeof(ptr))RTE_ALIGN_FLOOR((uintptr_t)(ptr), align))

/** Round val down to a multiple of align (a power of two). */
#define RTE_ALIGN_FLOOR(val, align) \
	(typeof(val))((val) & (~((typeof(val))((align) - 1))))

/** Round ptr up to a multiple of align (a power of two). */
#define RTE_PTR_ALIGN_CEIL(ptr, align) \
	RTE_PTR_ALIGN_FLOOR((typeof(ptr))RTE_PTR_ADD(ptr, (align) - 1), align)

/** Round val up to a multiple of align (a power of two). */
#define RTE_ALIGN_CEIL(val, align) \
	RTE_ALIGN_FLOOR(((val) + ((typeof(val)) (align) - 1)), align)

/** Round ptr up to a multiple of align (same as RTE_PTR_ALIGN_CEIL). */
#define RTE_PTR_ALIGN(ptr, align) RTE_PTR_ALIGN_CEIL(ptr, align)

/** Round val up to a multiple of align (same as RTE_ALIGN_CEIL). */
#define RTE_ALIGN(val, align) RTE_ALIGN_CEIL(val, align)

/** Round v up to a multiple of mul (any positive integer). */
#define RTE_ALIGN_MUL_CEIL(v, mul) \
	((((v) + (typeof(v))(mul) - 1) / ((typeof(v))(mul))) * (typeof(v))(mul))

/** Round v down to a multiple of mul (any positive integer). */
#define RTE_ALIGN_MUL_FLOOR(v, mul) \
	(((v) / ((typeof(v))(mul))) * (typeof(v))(mul))

/** Round v to the nearest multiple of mul. */
#define RTE_ALIGN_MUL_NEAR(v, mul) \
	__extension__ ({ \
		typeof(v) ceil = RTE_ALIGN_MUL_CEIL(v, mul); \
		typeof(v) floor = RTE_ALIGN_MUL_FLOOR(v, mul); \
		(ceil - (v)) > ((v) - floor) ? floor : ceil; \
	})

/**
 * Check that ptr is aligned on align (a power of two).
 * @return 1 if aligned, 0 otherwise.
 */
static inline int
rte_is_aligned(const void * const __rte_restrict ptr, const unsigned int align)
{
	return ((uintptr_t)ptr & (align - 1)) == 0;
}

/*********** Compile-time checks ***********/

/** Fail the build if condition is true. */
#define RTE_BUILD_BUG_ON(condition) ((void)sizeof(char[1 - 2 * !!(condition)]))

/*********** Cache lines ***********/

#if RTE_CACHE_LINE_SIZE == 64
#define RTE_CACHE_LINE_SIZE_LOG2 6
#elif RTE_CACHE_LINE_SIZE == 128
#define RTE_CACHE_LINE_SIZE_LOG2 7
#else
#error "unsupported cache line size"
#endif

/** Mask of the offset within a cache line. */
#define RTE_CACHE_LINE_MASK (RTE_CACHE_LINE_SIZE - 1)

/** Round size up to a whole number of cache lines. */
#define RTE_CACHE_LINE_ROUNDUP(size) \
	(RTE_CACHE_LINE_SIZE * ((size + RTE_CACHE_LINE_SIZE - 1) / \
	RTE_CACHE_LINE_SIZE))

/** Align a type or variable on a cache line. */
#define __rte_cache_aligned __rte_aligned(RTE_CACHE_LINE_SIZE)

/** Align on the smallest cache line of the supported targets. */
#define __rte_cache_min_aligned __rte_aligned(RTE_CACHE_LINE_MIN_SIZE)

/*********** Physical and IO addresses ***********/

/** A physical address. */
typedef uint64_t phys_addr_t;
#define RTE_BAD_PHYS_ADDR ((phys_addr_t)-1)

/** An IO virtual address as seen by devices (PA or VA per the IOVA mode). */
typedef uint64_t rte_iova_t;
#define RTE_BAD_IOVA ((rte_iova_t)-1)

/*********** Zero-size markers inside structures ***********/

/** Generic marker for a point in a structure. */
__extension__ typedef void *RTE_MARKER[0];
/** Byte marker. */
__extension__ typedef uint8_t RTE_MARKER8[0];
/** Marker aligned on 2 bytes. */
__extension__ typedef uint16_t RTE_MARKER16[0];
/** Marker aligned on 4 bytes. */
__extension__ typedef uint32_t RTE_MARKER32[0];
/** Marker aligned on 8 bytes. */
__extension__ typedef uint64_t RTE_MARKER64[0];

/*********** Bit manipulation ***********/

/**
 * Set every bit below the most significant set bit of x (32 bits):
 * the result is 2^n - 1 where 2^(n-1) <= x < 2^n.
 */
static inline uint32_t
rte_combine32ms1b(uint32_t x)
{
	x |= x >> 1;
	x |= x >> 2;
	x |= x >> 4;
	x |= x >> 8;
	x |= x >> 16;
	return x;
}

/** 64-bit version of rte_combine32ms1b(). */
static inline uint64_t
rte_combine64ms1b(uint64_t v)
{
	v |= v >> 1;
	v |= v >> 2;
	v |= v >> 4;
	v |= v >> 8;
	v |= v >> 16;
	v |= v >> 32;
	return v;
}

/** Macro form of rte_is_power_of_2(), usable in constant expressions. */
#define RTE_IS_POWER_OF_2(n) ((n) && !(((n) - 1) & (n)))

/**
 * @return 1 if n is a power of two, 0 otherwise (0 is not).
 */
static inline int
rte_is_power_of_2(uint32_t n)
{
	return n && !(n & (n - 1));
}

/**
 * Round x up to the next power of two; 0 stays 0, and a value above 2^31
 * gives 0.
 */
static inline uint32_t
rte_align32pow2(uint32_t x)
{
	x--;
	x = rte_combine32ms1b(x);
	return x + 1;
}

/** Round x down to the previous power of two (x itself if it is one). */
static inline uint32_t
rte_align32prevpow2(uint32_t x)
{
	x = rte_combine32ms1b(x);
	return x - (x >> 1);
}

/** 64-bit version of rte_align32pow2(). */
static inline uint64_t
rte_align64pow2(uint64_t v)
{
	v--;
	v = rte_combine64ms1b(v);
	return v + 1;
}

/** 64-bit version of rte_align32prevpow2(). */
static inline uint64_t
rte_align64prevpow2(uint64_t v)
{
	v = rte_combine64ms1b(v);
	return v - (v >> 1);
}

/**
 * Index of the least significant set bit of v; v must not be 0.
 */
static inline uint32_t
rte_bsf32(uint32_t v)
{
	return (uint32_t)__builtin_ctz(v);
}

/**
 * Like rte_bsf32() but safe for 0: store the index in *pos and return 1,
 * or return 0 when v is 0.
 */
static inline int
rte_bsf32_safe(uint32_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf32(v);
	return 1;
}

/** Index of the least significant set bit of v (64 bits); v != 0. */
static inline uint32_t
rte_bsf64(uint64_t v)
{
	return (uint32_t)__builtin_ctzll(v);
}

/** 64-bit version of rte_bsf32_safe(). */
static inline int
rte_bsf64_safe(uint64_t v, uint32_t *pos)
{
	if (v == 0)
		return 0;
	*pos = rte_bsf64(v);
	return 1;
}

/**
 * Position (1-based) of the most significant set bit of x, 0 if x is 0:
 * rte_fls_u32(1) == 1, rte_fls_u32(0x80000000) == 32.
 */
static inline uint32_t
rte_fls_u32(uint32_t x)
{
	return (x == 0) ? 0 : 32 - __builtin_clz(x);
}

/** 64-bit version of rte_fls_u32(). */
static inline uint32_t
rte_fls_u64(uint64_t x)
{
	return (x == 0) ? 0 : 64 - __builtin_clzll(x);
}

/**
 * Ceiling of log2(v): the exponent of the smallest power of two >= v.
 * rte_log2_u32(0) == 0.
 */
static inline uint32_t
rte_log2_u32(uint32_t v)
{
	if (v == 0)
		return 0;
	v = rte_align32pow2(v);
	return rte_bsf32(v);
}

/** 64-bit version of rte_log2_u32(). */
static inline uint32_t
rte_log2_u64(uint64_t v)
{
	if (v == 0)
		return 0;
	v = rte_align64pow2(v);
	/* the top bit rounds up to 0 */
	return v == 0 ? 64 : rte_bsf64(v);
}

/*********** Min, max and friends ***********/

/** Smaller of a and b, each evaluated once. */
#define RTE_MIN(a, b) \
	__extension__ ({ \
		typeof(a) _a = (a); \
		typeof(b) _b = (b); \
		_a < _b ? _a : _b; \
	})

/** Larger of a and b, each evaluated once. */
#define RTE_MAX(a, b) \
	__extension__ ({ \
		typeof(a) _a = (a); \
		typeof(b) _b = (b); \
		_a > _b ? _a : _b; \
	})

/*********** Structures ***********/

#ifndef offsetof
#define offsetof(TYPE, MEMBER) __builtin_offsetof(TYPE, MEMBER)
#endif

/** Size of a member of a structure type. */
#define RTE_SIZEOF_FIELD(type, field) (sizeof(((type *)0)->field))

/** Pointer to the structure of type that contains member at ptr. */
#ifndef container_of
#define container_of(ptr, type, member) __extension__ ({ \
		const typeof(((type *)0)->member) *_ptr = (ptr); \
		__rte_unused type *_target_ptr = (type *)(ptr); \
		(type *)(((uintptr_t)_ptr) - offsetof(type, member)); \
	})
#endif

/** Number of elements of an array. */
#define RTE_DIM(a) (sizeof(a) / sizeof((a)[0]))

/** Stringify x after macro expansion. */
#define _RTE_STR(x) #x
#define RTE_STR(x) _RTE_STR(x)

/* helpers to split a format string from its arguments in variadic macros */
#define RTE_FMT(fmt, ...) fmt "%.0s", __VA_ARGS__ ""
#define RTE_FMT_HEAD(fmt, ...) fmt
#define RTE_FMT_TAIL(fmt, ...) __VA_ARGS__

/** A mask of the ln low bits, in type tp. */
#define RTE_LEN2MASK(ln, tp) \
	((tp)((uint64_t)-1 >> (sizeof(uint64_t) * CHAR_BIT - (ln))))

/** Number of bits in a type. */
#define RTE_LEN2MASK_BITS(tp) (sizeof(tp) * CHAR_BIT)

/*********** Sizes in text ***********/

/**
 * Convert a size like "512", "64K", "2M", "1G" (suffix k/K, m/M, g/G)
 * to bytes. Leading blanks are skipped; a negative number gives 0.
 */
static inline uint64_t
rte_str_to_size(const char *str)
{
	char *endptr;
	unsigned long long size;

	while (isspace((int)*str))
		str++;
	if (*str == '-')
		return 0;

	errno = 0;
	size = strtoull(str, &endptr, 0);
	if (errno)
		return 0;

	if (*endptr == ' ')
		endptr++; /* allow one space between the number and the unit */

	switch (*endptr) {
	case 'G': case 'g':
		size *= 1024;
		/* fall-through */
	case 'M': case 'm':
		size *= 1024;
		/* fall-through */
	case 'K': case 'k':
		size *= 1024;
		/* fall-through */
	default:
		break;
	}
	return size;
}

/**
 * Terminate the application now: log the message, release EAL resources
 * (rte_eal_cleanup()) and exit with exit_code.
 */
__rte_noreturn void
rte_exit(int exit_code, const char *format, ...)
	__rte_format_printf(2, 3);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_COMMON_H_ */
