/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_TIMER_H_
#define _RTE_TIMER_H_

/**
 * @file
 * RTE timers: callbacks run by an lcore once a tick deadline has passed.
 *
 * A timer is armed (rte_timer_reset) onto one lcore's pending list and its
 * callback runs on that lcore, from rte_timer_manage() (or, for the "alt"
 * API, from rte_timer_alt_manage() on the lcore polling that list), once
 * rte_get_timer_cycles() has reached its expiry. A SINGLE timer stops after
 * its callback; a PERIODICAL one is armed again, one period after the time
 * at which its lcore ran it.
 *
 * Pending lists are skiplists ordered by expiry (ten levels, each node
 * reaching level k with probability 4^-k), so arming a timer costs
 * O(log n) in the number pending on the target lcore, and running an
 * expired one costs O(1) since it is always at the head. Timers of equal
 * expiry run in the order they were armed.
 *
 * The lists of every lcore live in a memzone, so a secondary process can
 * arm timers onto any lcore of any process as long as the struct rte_timer
 * itself is in shared memory (rte_malloc, a memzone) and its callback is
 * at the same address in the process that runs it.
 *
 * State changes are lock-free: a timer's status word holds its state
 * (STOP, PENDING, RUNNING, CONFIG) and owner lcore, changed by atomic
 * compare-and-swap. A thread that wants to change a timer first moves it
 * to CONFIG; that fails while another thread configures it or while its
 * callback runs on another lcore, and rte_timer_reset()/rte_timer_stop()
 * then return -1 (the _sync forms retry). The per-lcore spinlock only
 * guards the list itself.
 */

#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_compat.h>
#include <rte_spinlock.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_TIMER_STOP 0    /**< state: not armed */
#define RTE_TIMER_PENDING 1 /**< state: in an lcore's pending list */
#define RTE_TIMER_RUNNING 2 /**< state: its callback is running */
#define RTE_TIMER_CONFIG 3  /**< state: being reset or stopped */

#define RTE_TIMER_NO_OWNER -2 /**< owner of a stopped timer */

/** Whether a timer is armed again after its callback. */
enum rte_timer_type {
	SINGLE,     /**< runs once */
	PERIODICAL  /**< runs every period until stopped */
};

/** The status word: state and owner lcore, changed as one 32-bit value. */
union rte_timer_status {
	RTE_STD_C11
	struct {
		uint16_t state; /**< RTE_TIMER_STOP, _PENDING, ... */
		int16_t owner;  /**< lcore of the list, runner or configurer */
	};
	uint32_t u32;           /**< for compare-and-swap */
};

struct rte_timer;

/** Timer callback: the timer and the argument given to rte_timer_reset(). */
typedef void (*rte_timer_cb_t)(struct rte_timer *, void *);

/** Levels of the per-lcore skiplists. */
#define MAX_SKIPLIST_DEPTH 10

/**
 * A timer. Initialise with rte_timer_init() or RTE_TIMER_INITIALIZER and
 * change only through the rte_timer_* functions; the fields may be read.
 */
struct rte_timer {
	uint64_t expire;       /**< timer cycles at which it is due */
	struct rte_timer *sl_next[MAX_SKIPLIST_DEPTH]; /**< list links */
	volatile union rte_timer_status status; /**< state and owner */
	uint64_t period;       /**< cycles between runs, 0 if SINGLE */
	rte_timer_cb_t f;      /**< callback */
	void *arg;             /**< its argument */
};

#ifdef __cplusplus
/** Static initialiser of a stopped timer (C++: positional). */
#define RTE_TIMER_INITIALIZER { \
	0, \
	{ NULL }, \
	{ { RTE_TIMER_STOP, RTE_TIMER_NO_OWNER } }, \
	0, \
	NULL, \
	NULL, \
}
#else
/** Static initialiser of a stopped timer. */
#define RTE_TIMER_INITIALIZER { \
	.status = { { \
		.state = RTE_TIMER_STOP, \
		.owner = RTE_TIMER_NO_OWNER, \
	} }, \
}
#endif

/**
 * Allocate a timer data instance: a separate set of per-lcore lists, used
 * with the rte_timer_alt_* functions. The subsystem must be initialised.
 *
 * @param id_ptr
 *   Receives the instance id.
 * @return
 *   0, -EINVAL (id_ptr NULL or no subsystem), -ENOSPC (all instances in
 *   use).
 */
int rte_timer_data_alloc(uint32_t *id_ptr);

/**
 * Free a timer data instance. Timers still pending in it are forgotten
 * (they stay marked PENDING): stop them first, e.g. with
 * rte_timer_stop_all().
 *
 * @param id
 *   An id from rte_timer_data_alloc().
 * @return
 *   0, or -EINVAL if id is not an allocated instance.
 */
int rte_timer_data_dealloc(uint32_t id);

/**
 * Initialise the timer library in this process: find (or, the first time
 * in any process, create) the shared lists and the default instance.
 * Call after rte_eal_init(), in every process that uses timers.
 *
 * @return
 *   0; -EALREADY if this process already initialised it (not an error);
 *   -ENOMEM if the shared memory cannot be reserved.
 */
int rte_timer_subsystem_init(void);

/**
 * Release this process's use of the timer library; the last process
 * frees the shared lists. Does nothing if not initialised.
 */
void rte_timer_subsystem_finalize(void);

/**
 * Initialise a timer: stopped, no owner. Call once before any other use.
 *
 * @param tim
 *   The timer.
 */
void rte_timer_init(struct rte_timer *tim);

/**
 * Arm (or re-arm) a timer of the default instance to run ticks timer
 * cycles from now on lcore tim_lcore. A pending timer is moved; the
 * callback of a running timer may re-arm it.
 *
 * @param tim
 *   The timer, initialised.
 * @param ticks
 *   Timer cycles (rte_get_timer_hz() per second) from now; for a
 *   PERIODICAL timer also the period.
 * @param type
 *   SINGLE or PERIODICAL.
 * @param tim_lcore
 *   Lcore whose rte_timer_manage() runs it; LCORE_ID_ANY picks the
 *   enabled lcores in turn.
 * @param fct
 *   Callback.
 * @param arg
 *   Its argument.
 * @return
 *   0 when armed; -1 when the timer is being configured by another thread
 *   or its callback runs on another lcore; -EINVAL (rte_errno EINVAL) for
 *   a NULL timer or callback, tim_lcore out of range, or no subsystem.
 */
int rte_timer_reset(struct rte_timer *tim, uint64_t ticks,
		enum rte_timer_type type, unsigned int tim_lcore,
		rte_timer_cb_t fct, void *arg);

/**
 * rte_timer_reset(), retried until it succeeds: waits for a callback
 * running on another lcore. Must not be called from a callback of the
 * lcore that would run tim (it would wait for itself). Returns without
 * arming on invalid arguments.
 *
 * @param tim
 *   The timer.
 * @param ticks
 *   Timer cycles from now (and period if PERIODICAL).
 * @param type
 *   SINGLE or PERIODICAL.
 * @param tim_lcore
 *   Lcore to run it, or LCORE_ID_ANY.
 * @param fct
 *   Callback.
 * @param arg
 *   Its argument.
 */
void rte_timer_reset_sync(struct rte_timer *tim, uint64_t ticks,
		enum rte_timer_type type, unsigned int tim_lcore,
		rte_timer_cb_t fct, void *arg);

/**
 * Stop a timer of the default instance: a pending one leaves its list; a
 * running one may be stopped by its own callback (a PERIODICAL one is
 * then not armed again). Stopping a stopped timer succeeds.
 *
 * @param tim
 *   The timer.
 * @return
 *   0; -1 when it is being configured elsewhere or runs on another lcore;
 *   -EINVAL for a NULL timer or no subsystem.
 */
int rte_timer_stop(struct rte_timer *tim);

/**
 * rte_timer_stop(), retried until it succeeds: once it returns, the
 * callback does not run and is not running (unless called from it).
 *
 * @param tim
 *   The timer.
 */
void rte_timer_stop_sync(struct rte_timer *tim);

/**
 * Whether a timer is pending (armed, callback not started).
 *
 * @param tim
 *   The timer.
 * @return
 *   1 if pending, 0 otherwise.
 */
int rte_timer_pending(struct rte_timer *tim);

/**
 * Timer cycles until the first timer pending on the calling lcore
 * (default instance) is due.
 *
 * @return
 *   The cycles left, 0 if it is already due, -ENOENT if none is pending,
 *   -EINVAL if not called from an lcore or no subsystem.
 */
__rte_experimental
int64_t rte_timer_next_ticks(void);

/**
 * Run the callbacks of the timers pending on the calling lcore (default
 * instance) whose expiry has passed, in expiry order, and arm the
 * PERIODICAL ones again. Callbacks may reset or stop their own timer and
 * any timer that is not running.
 *
 * @return
 *   0, or -EINVAL if not called from an lcore or no subsystem.
 */
int rte_timer_manage(void);

/**
 * Print the default instance's statistics (arms, stops, manage calls,
 * pending timers), per lcore and in total.
 *
 * @param f
 *   Output stream.
 * @return
 *   0, or -EINVAL with no subsystem.
 */
int rte_timer_dump_stats(FILE *f);

/**
 * rte_timer_reset() in a given timer data instance.
 *
 * @param timer_data_id
 *   Instance id (from rte_timer_data_alloc()).
 * @param tim
 *   The timer.
 * @param ticks
 *   Timer cycles from now (and period if PERIODICAL).
 * @param type
 *   SINGLE or PERIODICAL.
 * @param tim_lcore
 *   Lcore whose list receives it, or LCORE_ID_ANY.
 * @param fct
 *   Callback.
 * @param arg
 *   Its argument.
 * @return
 *   0; -1 when busy elsewhere (as rte_timer_reset()); -EINVAL for bad
 *   arguments or an unknown instance.
 */
int rte_timer_alt_reset(uint32_t timer_data_id, struct rte_timer *tim,
		uint64_t ticks, enum rte_timer_type type,
		unsigned int tim_lcore, rte_timer_cb_t fct, void *arg);

/**
 * rte_timer_stop() in a given timer data instance.
 *
 * @param timer_data_id
 *   Instance id.
 * @param tim
 *   The timer.
 * @return
 *   0; -1 when busy elsewhere; -EINVAL for a NULL timer or unknown
 *   instance.
 */
int rte_timer_alt_stop(uint32_t timer_data_id, struct rte_timer *tim);

/**
 * Called by rte_timer_alt_manage() for each expired timer, in place of
 * the timer's own callback.
 */
typedef void (*rte_timer_alt_manage_cb_t)(struct rte_timer *tim);

/**
 * Run the expired timers pending on the lists of the given lcores of an
 * instance, on the calling thread, in expiry order across those lists.
 * PERIODICAL timers are armed again on the list they came from.
 *
 * @param timer_data_id
 *   Instance id.
 * @param poll_lcores
 *   Lcores whose lists to run; NULL for the calling lcore only.
 * @param n_poll_lcores
 *   Entries in poll_lcores.
 * @param f
 *   Called for each expired timer instead of its callback; NULL to call
 *   the timer's callback with its argument.
 * @return
 *   0, or -EINVAL for an unknown instance, a bad lcore or count, or a
 *   caller that is not an lcore.
 */
int rte_timer_alt_manage(uint32_t timer_data_id, unsigned int *poll_lcores,
		int n_poll_lcores, rte_timer_alt_manage_cb_t f);

/** Called by rte_timer_stop_all() for each timer it stopped. */
typedef void (*rte_timer_stop_all_cb_t)(struct rte_timer *tim, void *arg);

/**
 * Stop every pending timer on the lists of the given lcores of an
 * instance and call f for each. Timers running or being configured at
 * that moment are left alone.
 *
 * @param timer_data_id
 *   Instance id.
 * @param walk_lcores
 *   Lcores whose lists to empty.
 * @param nb_walk_lcores
 *   Entries in walk_lcores.
 * @param f
 *   Called for each stopped timer, may be NULL.
 * @param f_arg
 *   Its second argument.
 * @return
 *   0, or -EINVAL for an unknown instance or a bad lcore.
 */
int rte_timer_stop_all(uint32_t timer_data_id, unsigned int *walk_lcores,
		int nb_walk_lcores, rte_timer_stop_all_cb_t f, void *f_arg);

/**
 * rte_timer_dump_stats() for a given instance.
 *
 * @param timer_data_id
 *   Instance id.
 * @param f
 *   Output stream.
 * @return
 *   0, or -EINVAL for an unknown instance.
 */
int rte_timer_alt_dump_stats(uint32_t timer_data_id, FILE *f);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_TIMER_H_ */
