/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_SERVICE_COMPONENT_H_
#define _RTE_SERVICE_COMPONENT_H_

/**
 * @file
 *
 * Service cores, the component's side: a driver or library that needs CPU
 * time without owning a thread registers a service here and says when it
 * is ready to be called. The application decides where it runs (see
 * rte_service.h).
 */

#include <stdint.h>

#include <rte_service.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One iteration of a service.
 *
 * @param args
 *   callback_userdata of its spec.
 * @return
 *   0 when it did work; any other value is not interpreted here.
 */
typedef int32_t (*rte_service_func)(void *args);

/** What a component registers. */
struct rte_service_spec {
	/** Unique name, shown to the application. */
	char name[RTE_SERVICE_NAME_MAX];
	/** Called for each iteration of the service. */
	rte_service_func callback;
	/** Passed to callback. */
	void *callback_userdata;
	/** RTE_SERVICE_CAP_* flags. */
	uint32_t capabilities;
	/** NUMA node the service prefers to run on, or SOCKET_ID_ANY. */
	int socket_id;
};

/**
 * Register a service. It starts with both runstates stopped, mapped to
 * no core and with statistics off.
 *
 * @param spec
 *   The service; copied, so it may be freed on return.
 * @param[out] service_id
 *   Its id, if not NULL.
 * @return
 *   0 on success, -EINVAL if spec is NULL, has no callback or an empty
 *   or unterminated name, -EEXIST if a service of that name is
 *   registered, -ENOSPC if RTE_SERVICE_NUM_MAX services are.
 */
int32_t rte_service_component_register(const struct rte_service_spec *spec,
		uint32_t *service_id);

/**
 * Unregister a service: it is unmapped from every service core, and the
 * call returns once no service core is in its callback any more. Must not
 * be called from that callback.
 *
 * @param id
 *   Service id.
 * @return
 *   0 on success, -EINVAL if id is not a registered service.
 */
int32_t rte_service_component_unregister(uint32_t id);

/**
 * Map every service to the service cores (service i to the i-th core,
 * round robin), set every service running and start every service core.
 * rte_eal_init() calls it when service cores were given with -s or -S.
 *
 * @return
 *   0 on success, -ENOTSUP if there is no service core.
 */
int32_t rte_service_start_with_defaults(void);

/**
 * Set the component's runstate of a service: whether the component is
 * ready for its callback to be called.
 *
 * @param id
 *   Service id.
 * @param runstate
 *   1 when ready, 0 when not.
 * @return
 *   0 on success, -EINVAL if id is not a registered service.
 */
int32_t rte_service_component_runstate_set(uint32_t id, uint32_t runstate);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_SERVICE_COMPONENT_H_ */
