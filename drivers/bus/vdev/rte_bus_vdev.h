/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_BUS_VDEV_H_
#define _RTE_BUS_VDEV_H_

/**
 * @file
 *
 * The virtual device bus, as applications use it: create and destroy
 * virtual devices (net_null0, net_ring0, ...) at run time. Devices given
 * with --vdev are created by rte_eal_init().
 */

#ifdef __cplusplus
extern "C" {
#endif

/** Callback run before each scan of the bus. */
typedef void (*rte_vdev_scan_callback)(void *user_arg);

/**
 * Add a callback run at the start of each scan (it may call
 * rte_vdev_init() style helpers to add devices).
 *
 * @param callback
 *   The function.
 * @param user_arg
 *   Its argument.
 * @return
 *   0 on success, -ENOMEM.
 */
int rte_vdev_add_custom_scan(rte_vdev_scan_callback callback, void *user_arg);

/**
 * Remove a scan callback.
 *
 * @param callback
 *   The function.
 * @param user_arg
 *   Its argument, or (void *)-1 to remove it whatever the argument.
 * @return
 *   0 on success, -1 if it was not registered.
 */
int rte_vdev_remove_custom_scan(rte_vdev_scan_callback callback,
		void *user_arg);

/**
 * Create a virtual device and probe its driver.
 *
 * @param name
 *   Device name; the driver is the one whose name (or alias) starts it.
 * @param args
 *   Driver arguments ("key=value,..."), or NULL.
 * @return
 *   0 on success; -EINVAL on bad arguments, -EEXIST if a device has that
 *   name, -ENOTSUP if no driver matches, or the driver's error.
 */
int rte_vdev_init(const char *name, const char *args);

/**
 * Remove a virtual device and destroy it.
 *
 * @param name
 *   Device name.
 * @return
 *   0 on success; -EINVAL, -ENOENT if there is no such device, or the
 *   driver's error.
 */
int rte_vdev_uninit(const char *name);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BUS_VDEV_H_ */
