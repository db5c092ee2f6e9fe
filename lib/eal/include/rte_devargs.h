/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_DEVARGS_H_
#define _RTE_DEVARGS_H_

/**
 * @file
 *
 * Arguments a device was created with (from --vdev or rte_vdev_init()).
 */

#include <sys/queue.h>

#include <rte_dev.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Kind of device the arguments describe. */
enum rte_devtype {
	RTE_DEVTYPE_ALLOWED,  /**< an allowed bus device */
	RTE_DEVTYPE_BLOCKED,  /**< a blocked bus device */
	RTE_DEVTYPE_VIRTUAL,  /**< a virtual device */
};

/** Whether a bus probes all its devices or only the listed ones. */
enum rte_dev_policy {
	RTE_DEV_ALLOWED,
	RTE_DEV_BLOCKED,
};

/** Device arguments. */
struct rte_devargs {
	TAILQ_ENTRY(rte_devargs) next;     /**< in a list of arguments */
	enum rte_devtype type;             /**< kind of device */
	enum rte_dev_policy policy;        /**< bus scan policy */
	char name[RTE_DEV_NAME_MAX_LEN];   /**< device name */
	union {
		const char *args;          /**< driver arguments, "" if none */
		const char *drv_str;       /**< same, older name */
	};
	struct rte_bus *bus;               /**< bus of the device */
	struct rte_class *cls;             /**< device class, if any */
	const char *bus_str;               /**< bus part of the string */
	const char *cls_str;               /**< class part of the string */
	char *data;                        /**< private copy of the strings */
};

#ifdef __cplusplus
}
#endif

#endif /* _RTE_DEVARGS_H_ */
