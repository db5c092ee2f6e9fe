/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-lcore variables. Each EAL thread is a pthread, so a per-lcore
 * variable is simply thread-local storage.
 */
#ifndef _RTE_PER_LCORE_H_
#define _RTE_PER_LCORE_H_

#ifdef __cplusplus
extern "C" {
#endif

/** Define a per-lcore variable name of the given type. */
#define RTE_DEFINE_PER_LCORE(type, name) \
	__thread __typeof__(type) per_lcore_##name

/** Declare a per-lcore variable defined in another file. */
#define RTE_DECLARE_PER_LCORE(type, name) \
	extern __thread __typeof__(type) per_lcore_##name

/** Read or write this lcore's instance of a per-lcore variable. */
#define RTE_PER_LCORE(name) (per_lcore_##name)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_PER_LCORE_H_ */
