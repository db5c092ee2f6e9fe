/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_SERVICE_H_
#define _RTE_SERVICE_H_

/**
 * @file
 *
 * Service cores, the application's side.
 *
 * A service is a function some component (a driver, a library) needs to
 * be called again and again, e.g. to move packets or fire timers, without
 * owning a thread. Service cores are lcores given over to calling them:
 * each runs a loop that calls every service mapped to it. The
 * application decides which services run where (rte_service_map_lcore_set),
 * starts and stops services (rte_service_runstate_set) and service cores
 * (rte_service_lcore_start/stop), or runs a service itself on any thread
 * (rte_service_run_iter_on_app_lcore).
 *
 * A service runs on a service core only when all of these hold: it is
 * mapped to that core, the core is started, the application set its
 * runstate to running and its component set the component runstate to
 * running. A service without RTE_SERVICE_CAP_MT_SAFE runs on one thread
 * at a time even when mapped to several cores.
 *
 * The control functions here are meant for one control thread; they
 * serialise against each other but not against a service being
 * unregistered from another thread.
 */

#include <stdint.h>
#include <stdio.h>

#include <rte_compat.h>
#include <rte_config.h>
#include <rte_lcore.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest service name, including the terminating NUL. */
#define RTE_SERVICE_NAME_MAX 32

/** Capability: the service callback may run on several threads at once. */
#define RTE_SERVICE_CAP_MT_SAFE (1 << 0)

/**
 * How many services are registered.
 *
 * @return
 *   The number of registered services; their ids are not necessarily
 *   0 to count - 1 once one was unregistered.
 */
uint32_t rte_service_get_count(void);

/**
 * Look a service up by name.
 *
 * @param name
 *   Name the component registered it with.
 * @param[out] service_id
 *   Its id.
 * @return
 *   0 on success, -EINVAL if an argument is NULL, -ENODEV if no
 *   registered service has that name.
 */
int32_t rte_service_get_by_name(const char *name, uint32_t *service_id);

/**
 * Name of a service.
 *
 * @param id
 *   Service id.
 * @return
 *   The name, or NULL if id is not a registered service.
 */
const char *rte_service_get_name(uint32_t id);

/**
 * Whether a service has a capability.
 *
 * @param id
 *   Service id.
 * @param capability
 *   An RTE_SERVICE_CAP_* flag.
 * @return
 *   1 if it has it, 0 if not, -EINVAL if id is not a registered service.
 */
int32_t rte_service_probe_capability(uint32_t id, uint32_t capability);

/**
 * Map a service to a service core, or unmap it.
 *
 * @param service_id
 *   Service id.
 * @param lcore
 *   A service core (see rte_service_lcore_add()).
 * @param enable
 *   Non-zero to map, zero to unmap.
 * @return
 *   0 on success, -EINVAL if the service is not registered or lcore is
 *   not a service core.
 */
int32_t rte_service_map_lcore_set(uint32_t service_id, uint32_t lcore,
		uint32_t enable);

/**
 * Whether a service is mapped to a service core.
 *
 * @param service_id
 *   Service id.
 * @param lcore
 *   A service core.
 * @return
 *   1 if mapped, 0 if not, -EINVAL if the service is not registered or
 *   lcore is not a service core.
 */
int32_t rte_service_map_lcore_get(uint32_t service_id, uint32_t lcore);

/**
 * Set the application's runstate of a service.
 *
 * @param id
 *   Service id.
 * @param runstate
 *   1 to let it run, 0 to stop it. A stopped service may still be in its
 *   callback on some core; rte_service_may_be_active() tells when it left.
 * @return
 *   0 on success, -EINVAL if id is not a registered service.
 */
int32_t rte_service_runstate_set(uint32_t id, uint32_t runstate);

/**
 * Whether a service will get CPU time.
 *
 * @param id
 *   Service id.
 * @return
 *   1 if both the application and the component set it running and it
 *   is mapped to a service core (or the mapped check is disabled), 0 if
 *   not, -EINVAL if id is not a registered service.
 */
int32_t rte_service_runstate_get(uint32_t id);

/**
 * Whether a service may be running on a service core right now.
 *
 * After stopping a service with rte_service_runstate_set(), wait for this
 * to return 0 before freeing what the service uses.
 *
 * @param id
 *   Service id.
 * @return
 *   1 if a service core may be in (or about to enter) its callback, 0 if
 *   none is, -EINVAL if id is not a registered service.
 */
int32_t rte_service_may_be_active(uint32_t id);

/**
 * Make rte_service_runstate_get() require a mapped service core, or not.
 *
 * An application that runs a service itself with
 * rte_service_run_iter_on_app_lcore() disables the check, so that the
 * component sees the service as running without any service core.
 *
 * @param id
 *   Service id.
 * @param enable
 *   Non-zero to require a mapped core (the default), zero not to.
 * @return
 *   0 on success, -EINVAL if id is not a registered service.
 */
int32_t rte_service_set_runstate_mapped_check(uint32_t id, int32_t enable);

/**
 * Run one iteration of a service on the calling thread.
 *
 * @param id
 *   Service id.
 * @param serialize_multithread_unsafe
 *   Non-zero to take the service's execution lock when it is not
 *   MT-safe, so that no service core runs it at the same time. Zero when
 *   the application guarantees that itself.
 * @return
 *   0 when the callback ran, -EBUSY if the lock was held by another
 *   thread (the callback did not run), -ENOEXEC if the service is not
 *   running (application or component runstate), -EINVAL if id is not a
 *   registered service.
 */
int32_t rte_service_run_iter_on_app_lcore(uint32_t id,
		uint32_t serialize_multithread_unsafe);

/**
 * Start a service core: its loop begins calling its mapped services.
 *
 * @param lcore_id
 *   A service core.
 * @return
 *   0 on success, -EALREADY if it is already started, -EINVAL if it is
 *   not a service core, or the error of launching its loop.
 */
int32_t rte_service_lcore_start(uint32_t lcore_id);

/**
 * Stop a service core. Its loop returns after the current iteration.
 *
 * @param lcore_id
 *   A service core.
 * @return
 *   0 on success, -EALREADY if it is already stopped, -EINVAL if it is
 *   not a service core, -EBUSY if a running service is mapped to this
 *   core only (it would stop being called; unmap or stop it first).
 */
int32_t rte_service_lcore_stop(uint32_t lcore_id);

/**
 * Whether a service core's loop may still be running.
 *
 * @param lcore_id
 *   A service core.
 * @return
 *   1 if its loop runs, 0 once it returned, -EINVAL if lcore_id is not a
 *   service core.
 */
__rte_experimental
int32_t rte_service_lcore_may_be_active(uint32_t lcore_id);

/**
 * Turn an EAL worker lcore into a service core (stopped, nothing mapped).
 *
 * A service core is no longer an enabled lcore: RTE_LCORE_FOREACH_WORKER
 * and rte_lcore_count() leave it out.
 *
 * @param lcore
 *   A worker lcore of the EAL (not the main lcore).
 * @return
 *   0 on success, -EALREADY if it already is a service core, -EBUSY if
 *   it runs a function launched with rte_eal_remote_launch(), -EINVAL if
 *   it is not an EAL worker lcore.
 */
int32_t rte_service_lcore_add(uint32_t lcore);

/**
 * Give a service core back to the application as a worker lcore.
 *
 * @param lcore
 *   A stopped service core.
 * @return
 *   0 on success, -EBUSY if it is started, -EINVAL if it is not a service
 *   core.
 */
int32_t rte_service_lcore_del(uint32_t lcore);

/**
 * How many service cores there are.
 *
 * @return
 *   The number of service cores, started or not.
 */
int32_t rte_service_lcore_count(void);

/**
 * Stop every service core and unmap every service from them. The cores
 * stay service cores.
 *
 * @return
 *   0.
 */
int32_t rte_service_lcore_reset_all(void);

/**
 * Turn statistics (calls, cycles) of a service on or off.
 *
 * Measuring costs two TSC reads per call, so it is off by default.
 *
 * @param id
 *   Service id.
 * @param enable
 *   Non-zero to count, zero not to.
 * @return
 *   0 on success, -EINVAL if id is not a registered service.
 */
int32_t rte_service_set_stats_enable(uint32_t id, int32_t enable);

/**
 * List the service cores.
 *
 * @param array
 *   Filled with their lcore ids, lowest first.
 * @param n
 *   Size of array.
 * @return
 *   The number of service cores, -EINVAL if array is NULL, -ENOMEM if n
 *   is smaller than that number (array is then left untouched).
 */
int32_t rte_service_lcore_list(uint32_t array[], uint32_t n);

/**
 * How many services are mapped to a service core.
 *
 * @param lcore
 *   A service core.
 * @return
 *   That number, or -EINVAL if lcore is not a service core.
 */
int32_t rte_service_lcore_count_services(uint32_t lcore);

/**
 * Print the state and statistics of a service, or of all and of every
 * service core.
 *
 * @param f
 *   Where to print.
 * @param id
 *   Service id, or UINT32_MAX for all.
 * @return
 *   0 on success, -EINVAL if f is NULL or id is not a registered service.
 */
int32_t rte_service_dump(FILE *f, uint32_t id);

/** Attribute: TSC cycles a service spent in its callback (stats on). */
#define RTE_SERVICE_ATTR_CYCLES 0

/** Attribute: how many times a service was called (stats on). */
#define RTE_SERVICE_ATTR_CALL_COUNT 1

/**
 * Read an attribute of a service.
 *
 * @param id
 *   Service id.
 * @param attr_id
 *   RTE_SERVICE_ATTR_*.
 * @param[out] attr_value
 *   The value.
 * @return
 *   0 on success, -EINVAL if id is not a registered service, attr_id is
 *   unknown or attr_value is NULL.
 */
int32_t rte_service_attr_get(uint32_t id, uint32_t attr_id,
		uint64_t *attr_value);

/**
 * Zero every attribute of a service.
 *
 * @param id
 *   Service id.
 * @return
 *   0 on success, -EINVAL if id is not a registered service.
 */
int32_t rte_service_attr_reset_all(uint32_t id);

/** Lcore attribute: how many times the service core's loop went round. */
#define RTE_SERVICE_LCORE_ATTR_LOOPS 0

/** Lcore attribute: TSC cycles spent in services with stats on. */
#define RTE_SERVICE_LCORE_ATTR_CYCLES 1

/**
 * Read an attribute of a service core.
 *
 * @param lcore
 *   A service core.
 * @param attr_id
 *   RTE_SERVICE_LCORE_ATTR_*.
 * @param[out] attr_value
 *   The value.
 * @return
 *   0 on success, -EINVAL if lcore is out of range, attr_id is unknown or
 *   attr_value is NULL, -ENOTSUP if lcore is not a service core.
 */
int32_t rte_service_lcore_attr_get(uint32_t lcore, uint32_t attr_id,
		uint64_t *attr_value);

/**
 * Zero every attribute of a service core.
 *
 * @param lcore
 *   A service core.
 * @return
 *   0 on success, -EINVAL if lcore is out of range, -ENOTSUP if it is not
 *   a service core.
 */
int32_t rte_service_lcore_attr_reset_all(uint32_t lcore);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_SERVICE_H_ */
