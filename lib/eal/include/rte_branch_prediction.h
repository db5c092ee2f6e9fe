/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Branch hints: tell the compiler which side of a test is the common one.
 */
#ifndef _RTE_BRANCH_PREDICTION_H_
#define _RTE_BRANCH_PREDICTION_H_

#ifdef __cplusplus
extern "C" {
#endif

/** x is expected to be true. */
#ifndef likely
#define likely(x) __builtin_expect(!!(x), 1)
#endif

/** x is expected to be false. */
#ifndef unlikely
#define unlikely(x) __builtin_expect(!!(x), 0)
#endif

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BRANCH_PREDICTION_H_ */
