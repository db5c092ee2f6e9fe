/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _BUS_VDEV_DRIVER_H_
#define _BUS_VDEV_DRIVER_H_

/**
 * @file
 *
 * The virtual device bus, as drivers see it: device and driver layout
 * and driver registration.
 */

#include <sys/queue.h>

#include <rte_common.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <dev_driver.h>
#include <rte_bus_vdev.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A virtual device. */
struct rte_vdev_device {
	TAILQ_ENTRY(rte_vdev_device) next; /**< in the bus' device list */
	struct rte_device device;          /**< generic part */
};

/** The virtual device of a generic device. */
#define RTE_DEV_TO_VDEV(ptr) \
	container_of(ptr, struct rte_vdev_device, device)

/** Same, for a const pointer. */
#define RTE_DEV_TO_VDEV_CONST(ptr) \
	container_of(ptr, const struct rte_vdev_device, device)

/** The virtual driver of a generic driver. */
#define RTE_DRV_TO_VDRV(ptr) \
	container_of(ptr, struct rte_vdev_driver, driver)

/** Same, for a const pointer. */
#define RTE_DRV_TO_VDRV_CONST(ptr) \
	container_of(ptr, const struct rte_vdev_driver, driver)

/**
 * Name of a virtual device.
 *
 * @param dev
 *   The device.
 * @return
 *   Its name, or NULL.
 */
static inline const char *
rte_vdev_device_name(const struct rte_vdev_device *dev)
{
	if (dev != NULL && dev->device.name != NULL)
		return dev->device.name;
	return NULL;
}

/**
 * Arguments of a virtual device.
 *
 * @param dev
 *   The device.
 * @return
 *   Its driver arguments, "" when it has none.
 */
static inline const char *
rte_vdev_device_args(const struct rte_vdev_device *dev)
{
	if (dev != NULL && dev->device.devargs != NULL &&
			dev->device.devargs->args != NULL)
		return dev->device.devargs->args;
	return "";
}

/** Probe a device; 0 on success, <0 on failure. */
typedef int (rte_vdev_probe_t)(struct rte_vdev_device *dev);

/** Remove a device; 0 on success, <0 on failure. */
typedef int (rte_vdev_remove_t)(struct rte_vdev_device *dev);

/**
 * Map memory for DMA by the device, for rte_dev_dma_map() (unused by the
 * bundled drivers). 0 on success, -errno on failure.
 */
typedef int (rte_vdev_dma_map_t)(struct rte_vdev_device *dev, void *addr,
		uint64_t iova, size_t len);

/** Unmap memory mapped with the map callback. */
typedef int (rte_vdev_dma_unmap_t)(struct rte_vdev_device *dev, void *addr,
		uint64_t iova, size_t len);

/** A virtual device driver. */
struct rte_vdev_driver {
	TAILQ_ENTRY(rte_vdev_driver) next; /**< in the bus' driver list */
	struct rte_driver driver;          /**< generic part */
	rte_vdev_probe_t *probe;           /**< create a device */
	rte_vdev_remove_t *remove;         /**< destroy a device */
	rte_vdev_dma_map_t *dma_map;       /**< optional */
	rte_vdev_dma_unmap_t *dma_unmap;   /**< optional */
	uint32_t drv_flags;                /**< RTE_VDEV_DRV_* flags */
};

/** The driver needs IOVA as VA. */
#define RTE_VDEV_DRV_NEED_IOVA_AS_VA 0x0001

/**
 * Add a driver to the bus.
 *
 * @param driver
 *   The driver, valid until unregistered.
 */
void rte_vdev_register(struct rte_vdev_driver *driver);

/**
 * Remove a driver from the bus.
 *
 * @param driver
 *   The driver.
 */
void rte_vdev_unregister(struct rte_vdev_driver *driver);

/** Register driver vdrv under the name nm when the library loads. */
#define RTE_PMD_REGISTER_VDEV(nm, vdrv) \
	static const char *vdrvinit_ ## nm ## _alias; \
	RTE_INIT(vdrvinitfn_ ## vdrv) \
	{ \
		(vdrv).driver.name = RTE_STR(nm); \
		(vdrv).driver.alias = vdrvinit_ ## nm ## _alias; \
		rte_vdev_register(&(vdrv)); \
	} \
	RTE_PMD_INFO_RECORD(vdrvinfo_bus_ ## nm, "bus", RTE_STR(nm), "vdev"); \
	RTE_PMD_EXPORT_NAME(nm, __COUNTER__)

/** Give driver nm a second, older name (recorded for pmdinfo too). */
#define RTE_PMD_REGISTER_ALIAS(nm, alias) \
	RTE_PMD_INFO_RECORD(vdrvinfo_alias_ ## nm, "alias", RTE_STR(nm), \
		RTE_STR(alias)); \
	static const char *vdrvinit_ ## nm ## _alias = RTE_STR(alias)

#ifdef __cplusplus
}
#endif

#endif /* _BUS_VDEV_DRIVER_H_ */
