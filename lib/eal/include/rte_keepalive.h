/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Keepalive monitor for lcores. Each monitored lcore marks itself alive
 * from its loop; a monitor (usually a periodic rte_timer on another
 * lcore) dispatches pings. At each ping a core that marked itself since
 * the previous one is alive; one that did not is dead, and the failure
 * callback runs once for it; at the next ping it is gone. A core that
 * announces a sleep (rte_keepalive_mark_sleep) is not declared dead while
 * it sleeps. A relay callback, if registered, hears every core's state at
 * every ping, e.g. to publish it to another process.
 */
#ifndef _RTE_KEEPALIVE_H_
#define _RTE_KEEPALIVE_H_

#include <stdint.h>

#include <rte_config.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef RTE_KEEPALIVE_MAXCORES
/** Number of lcores that can be monitored: above the highest lcore id. */
#define RTE_KEEPALIVE_MAXCORES RTE_MAX_LCORE
#endif

/** What the monitor knows of a core. */
enum rte_keepalive_state {
	RTE_KA_STATE_UNUSED = 0,  /**< not monitored */
	RTE_KA_STATE_ALIVE = 1,   /**< marked itself since the last ping */
	RTE_KA_STATE_MISSING = 4, /**< pinged, not marked since */
	RTE_KA_STATE_DEAD = 2,    /**< missed a ping: failure reported */
	RTE_KA_STATE_GONE = 3,    /**< dead at the previous ping too */
	RTE_KA_STATE_DOZING = 5,  /**< announced a sleep, not pinged since */
	RTE_KA_STATE_SLEEP = 6,   /**< sleeping across pings */
};

/**
 * Called once when a core is found dead.
 *
 * @param data
 *   The pointer given to rte_keepalive_create().
 * @param id_core
 *   The dead core's lcore id.
 */
typedef void (*rte_keepalive_failure_callback_t)(void *data,
		const int id_core);

/**
 * Called for every monitored core at every ping.
 *
 * @param data
 *   The pointer given to rte_keepalive_register_relay_callback().
 * @param id_core
 *   The core's lcore id.
 * @param core_state
 *   What the ping found: ALIVE if it marked itself since the previous
 *   ping, DEAD at the first ping it missed, GONE after, DOZING or SLEEP
 *   if it announced a sleep.
 * @param last_seen
 *   TSC cycles (rte_rdtsc()) at the last ping that found it alive.
 */
typedef void (*rte_keepalive_relay_callback_t)(void *data,
		const int id_core, enum rte_keepalive_state core_state,
		uint64_t last_seen);

/** A keepalive monitor (opaque). */
struct rte_keepalive;

/**
 * Create a monitor, in the DPDK heap (release it with rte_free()).
 *
 * @param callback
 *   Called when a core is found dead; may be NULL.
 * @param data
 *   Given to callback.
 * @return
 *   The monitor, or NULL (rte_errno ENOMEM).
 */
struct rte_keepalive *rte_keepalive_create(
		rte_keepalive_failure_callback_t callback, void *data);

/**
 * Ping every monitored core: the rte_timer callback of the monitor.
 *
 * @param ptr_timer
 *   Unused (the rte_timer that fired).
 * @param ptr_data
 *   The struct rte_keepalive.
 */
void rte_keepalive_dispatch_pings(void *ptr_timer, void *ptr_data);

/**
 * Start monitoring a core; it counts as alive until the first ping.
 *
 * @param keepcfg
 *   The monitor.
 * @param id_core
 *   Its lcore id, below RTE_KEEPALIVE_MAXCORES (others are ignored).
 */
void rte_keepalive_register_core(struct rte_keepalive *keepcfg,
		const int id_core);

/** Mark the calling lcore alive: call it from the lcore's loop. */
void rte_keepalive_mark_alive(struct rte_keepalive *keepcfg);

/**
 * Announce that the calling lcore goes to sleep (e.g. waits for
 * interrupts): it is not declared dead until it marks itself alive again
 * and then misses a ping.
 */
void rte_keepalive_mark_sleep(struct rte_keepalive *keepcfg);

/**
 * Register the callback that hears every core's state at every ping
 * (one per monitor; NULL removes it).
 */
void rte_keepalive_register_relay_callback(struct rte_keepalive *keepcfg,
		rte_keepalive_relay_callback_t callback, void *data);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_KEEPALIVE_H_ */
