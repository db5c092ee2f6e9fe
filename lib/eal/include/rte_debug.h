/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Debugging aids: stack dumps, panics and assertions.
 */
#ifndef _RTE_DEBUG_H_
#define _RTE_DEBUG_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_common.h>
#include <rte_branch_prediction.h>

/** Print the call stack of the current thread to the log. */
void rte_dump_stack(void);

/**
 * Log a message with the calling function's name, dump the stack and
 * abort(), so a core file can be taken. Never returns.
 */
#define rte_panic(...) rte_panic_(__func__, __VA_ARGS__, "dummy")
#define rte_panic_(func, format, ...) __rte_panic(func, format "%.0s", \
		__VA_ARGS__)

/** Panic if exp is false; always compiled in. */
#define RTE_VERIFY(exp) do { \
	if (unlikely(!(exp))) \
		rte_panic("line %d\tassert \"%s\" failed\n", __LINE__, #exp); \
} while (0)

/** Panic if exp is false; only with RTE_ENABLE_ASSERT. */
#ifdef RTE_ENABLE_ASSERT
#define RTE_ASSERT(exp) RTE_VERIFY(exp)
#else
#define RTE_ASSERT(exp) do {} while (0)
#endif

/* called through rte_panic(); not meant to be called directly */
__rte_cold __rte_noreturn void
__rte_panic(const char *funcname, const char *format, ...)
	__rte_format_printf(2, 3);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_DEBUG_H_ */
