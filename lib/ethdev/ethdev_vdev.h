/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _ETHDEV_VDEV_H_
#define _ETHDEV_VDEV_H_

/**
 * @file
 *
 * Port allocation for drivers of virtual devices.
 */

#include <bus_vdev_driver.h>

#include "ethdev_driver.h"

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Allocate a port named after a virtual device, with zeroed private data
 * of private_data_size bytes from the device's NUMA node.
 *
 * @param dev
 *   The virtual device.
 * @param private_data_size
 *   Size of data->dev_private, may be 0.
 * @return
 *   The port, or NULL (rte_errno set).
 */
struct rte_eth_dev *rte_eth_vdev_allocate(struct rte_vdev_device *dev,
		size_t private_data_size);

#ifdef __cplusplus
}
#endif

#endif /* _ETHDEV_VDEV_H_ */
