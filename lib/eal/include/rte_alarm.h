/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One-shot alarms: a callback run once on the EAL's alarm thread after a
 * delay. Callbacks run one at a time and should be short.
 */
#ifndef _RTE_ALARM_H_
#define _RTE_ALARM_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

/** An alarm callback. */
typedef void (*rte_eal_alarm_callback)(void *arg);

/**
 * Run cb_fn(cb_arg) once, us microseconds from now.
 * @return 0, or -EINVAL (us is 0 or too large, or cb_fn is NULL) or
 *   -ENOMEM, with rte_errno set to the positive code.
 */
int rte_eal_alarm_set(uint64_t us, rte_eal_alarm_callback cb_fn, void *cb_arg);

/**
 * Cancel pending alarms of cb_fn with argument cb_arg ((void *)-1 matches
 * any argument). An alarm whose callback is running is not cancelled:
 * when called from another thread, this waits for that callback to
 * finish; when called from the running callback itself, it cannot, and
 * sets rte_errno to EINPROGRESS.
 * @return the number of alarms cancelled, or -1 with rte_errno EINVAL if
 *   cb_fn is NULL. When the count is 0, rte_errno says why: ENOENT
 *   (nothing matched) or EINPROGRESS.
 */
int rte_eal_alarm_cancel(rte_eal_alarm_callback cb_fn, void *cb_arg);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ALARM_H_ */
