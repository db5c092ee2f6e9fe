/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_LAUNCH_H_
#define _RTE_LAUNCH_H_

/**
 * @file
 *
 * Running functions on the worker lcores: each worker thread sleeps until
 * the main lcore hands it a function, runs it, stores its return value and
 * goes back to waiting.
 */

#ifdef __cplusplus
extern "C" {
#endif

/** What a worker lcore is doing. */
enum rte_lcore_state_t {
	WAIT,     /**< idle, ready for a new function */
	RUNNING,  /**< running a function */
	FINISHED, /**< never reported; kept so older code still compiles */
};

/** Function run on an lcore; its return value is kept for the waiter. */
typedef int (lcore_function_t)(void *);

/**
 * Run a function on a worker lcore.
 *
 * Only the main lcore may call this. The worker must be in the WAIT state.
 *
 * @param f
 *   Function to run.
 * @param arg
 *   Its argument.
 * @param worker_id
 *   Worker lcore that runs it.
 * @return
 *   0 on success, -EBUSY if the worker is not idle, -EINVAL if worker_id
 *   is not an enabled worker lcore.
 */
int rte_eal_remote_launch(lcore_function_t *f, void *arg,
		unsigned int worker_id);

/** Whether rte_eal_mp_remote_launch() also runs the function on the main lcore. */
enum rte_rmt_call_main_t {
	SKIP_MAIN = 0, /**< workers only */
	CALL_MAIN,     /**< workers, then the main lcore itself */
};

/**
 * Run a function on every worker lcore, and on the main lcore when asked.
 *
 * @param f
 *   Function to run.
 * @param arg
 *   Its argument.
 * @param call_main
 *   CALL_MAIN to also run it on the calling (main) lcore.
 * @return
 *   0 on success, -EBUSY if some worker is not idle (then nothing was
 *   launched).
 */
int rte_eal_mp_remote_launch(lcore_function_t *f, void *arg,
		enum rte_rmt_call_main_t call_main);

/**
 * State of a worker lcore.
 *
 * @param worker_id
 *   The lcore.
 * @return
 *   WAIT or RUNNING.
 */
enum rte_lcore_state_t rte_eal_get_lcore_state(unsigned int worker_id);

/**
 * Wait until a worker lcore is idle.
 *
 * @param worker_id
 *   The lcore.
 * @return
 *   The return value of the last function the lcore ran, 0 if it never
 *   ran one.
 */
int rte_eal_wait_lcore(unsigned int worker_id);

/**
 * Wait until every worker lcore is idle.
 */
void rte_eal_mp_wait_lcore(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_LAUNCH_H_ */
