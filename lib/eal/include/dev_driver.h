/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _DEV_DRIVER_H_
#define _DEV_DRIVER_H_

/**
 * @file
 *
 * Layout of generic devices and drivers, for buses and drivers only
 * (applications see them through rte_dev.h).
 */

#include <sys/queue.h>

#include <rte_dev.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A driver, embedded in a bus-specific driver structure. */
struct rte_driver {
	TAILQ_ENTRY(rte_driver) next; /**< in its bus' list */
	const char *name;             /**< driver name */
	const char *alias;            /**< older name, or NULL */
};

/** A device, embedded in a bus-specific device structure. */
struct rte_device {
	TAILQ_ENTRY(rte_device) next;     /**< in its bus' list */
	const char *name;                 /**< device name */
	const char *bus_info;             /**< bus-specific details, or NULL */
	const struct rte_driver *driver;  /**< bound driver, or NULL */
	const struct rte_bus *bus;        /**< bus the device sits on */
	int numa_node;                    /**< NUMA node, or SOCKET_ID_ANY */
	struct rte_devargs *devargs;      /**< arguments it was created with */
};

#ifdef __cplusplus
}
#endif

#endif /* _DEV_DRIVER_H_ */
