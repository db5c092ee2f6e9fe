/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Linux flavour of the OS abstraction: CPU sets and the sys/queue.h list
 * macros under the RTE_ names that portable code uses.
 */
#ifndef _RTE_OS_H_
#define _RTE_OS_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <sched.h>
#include <sys/queue.h>

/* list macros: glibc's sys/queue.h lacks the _SAFE iterators */
#define RTE_TAILQ_HEAD(name, type) TAILQ_HEAD(name, type)
#define RTE_TAILQ_ENTRY(type) TAILQ_ENTRY(type)
#define RTE_TAILQ_FOREACH(var, head, field) TAILQ_FOREACH(var, head, field)
#define RTE_TAILQ_FIRST(head) TAILQ_FIRST(head)
#define RTE_TAILQ_NEXT(elem, field) TAILQ_NEXT(elem, field)
#define RTE_STAILQ_HEAD(name, type) STAILQ_HEAD(name, type)
#define RTE_STAILQ_ENTRY(type) STAILQ_ENTRY(type)

#ifdef CPU_SETSIZE /* _GNU_SOURCE gives glibc's cpu_set_t macros */
/** A set of CPUs, as used by affinity calls. */
typedef cpu_set_t rte_cpuset_t;
#define RTE_HAS_CPUSET

/** dst = src1 & src2 */
#define RTE_CPU_AND(dst, src1, src2) CPU_AND(dst, src1, src2)
/** dst = src1 | src2 */
#define RTE_CPU_OR(dst, src1, src2) CPU_OR(dst, src1, src2)
/** set every CPU of dst */
#define RTE_CPU_FILL(set) do { \
	unsigned int i; \
	CPU_ZERO(set); \
	for (i = 0; i < CPU_SETSIZE; i++) \
		CPU_SET(i, set); \
} while (0)
/** dst = ~src */
#define RTE_CPU_NOT(dst, src) do { \
	cpu_set_t tmp; \
	RTE_CPU_FILL(&tmp); \
	CPU_XOR(dst, &tmp, src); \
} while (0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* _RTE_OS_H_ */
