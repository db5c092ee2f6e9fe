/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _BUS_DRIVER_H_
#define _BUS_DRIVER_H_

/**
 * @file
 *
 * Layout of a bus and its registration, for bus drivers only.
 */

#include <stddef.h>
#include <stdint.h>
#include <sys/queue.h>

#include <rte_bus.h>
#include <dev_driver.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Look for devices; 0 on success, <0 on failure. */
typedef int (*rte_bus_scan_t)(void);

/** Bind drivers to the devices found; 0 on success, <0 on failure. */
typedef int (*rte_bus_probe_t)(void);

/** Find a device after start (or from the first) for which cmp gives 0. */
typedef struct rte_device *(*rte_bus_find_device_t)(
		const struct rte_device *start, rte_dev_cmp_t cmp,
		const void *data);

/** Probe one device; 0 on success, <0 on failure. */
typedef int (*rte_bus_plug_t)(struct rte_device *dev);

/** Remove one device; 0 on success, <0 on failure. */
typedef int (*rte_bus_unplug_t)(struct rte_device *dev);

/**
 * Tell whether name is a device of this bus; when it is and addr is not
 * NULL, store the bus-specific address there. 0 when it is.
 */
typedef int (*rte_bus_parse_t)(const char *name, void *addr);

/**
 * Map [addr, addr + len) at iova for DMA by one device (the bus passes it
 * on to the device's driver). rte_dev_dma_map() has checked that len is
 * not 0 and that addr is memory the EAL knows.
 *
 * @return
 *   0 on success; a positive value when there was nothing to map for the
 *   device (the vdev bus gives 1 for a device without a driver); -errno
 *   on failure.
 */
typedef int (*rte_dev_dma_map_t)(struct rte_device *dev, void *addr,
		uint64_t iova, size_t len);

/** Undo a mapping made by the bus' map callback; results as map. */
typedef int (*rte_dev_dma_unmap_t)(struct rte_device *dev, void *addr,
		uint64_t iova, size_t len);

/** Release every device of the bus; 0 on success. */
typedef int (*rte_bus_cleanup_t)(void);

/** IOVA mode the bus' devices need (RTE_IOVA_DC if any). */
typedef enum rte_iova_mode (*rte_bus_get_iommu_class_t)(void);

/** A bus. Unused callbacks are NULL. */
struct rte_bus {
	TAILQ_ENTRY(rte_bus) next;  /**< in the bus registry */
	const char *name;           /**< set by RTE_REGISTER_BUS */
	rte_bus_scan_t scan;        /**< mandatory */
	rte_bus_probe_t probe;      /**< mandatory */
	rte_bus_find_device_t find_device;
	rte_bus_plug_t plug;
	rte_bus_unplug_t unplug;
	rte_bus_parse_t parse;
	rte_dev_dma_map_t dma_map;     /**< for rte_dev_dma_map() */
	rte_dev_dma_unmap_t dma_unmap; /**< for rte_dev_dma_unmap() */
	rte_bus_cleanup_t cleanup;
	rte_bus_get_iommu_class_t get_iommu_class;
};

/**
 * Add a bus to the registry. The bus must name scan and probe.
 *
 * @param bus
 *   The bus, which must stay valid until unregistered.
 */
void rte_bus_register(struct rte_bus *bus);

/**
 * Remove a bus from the registry.
 *
 * @param bus
 *   The bus.
 */
void rte_bus_unregister(struct rte_bus *bus);

/** Register a bus named nm when the library or program is loaded. */
#define RTE_REGISTER_BUS(nm, bus) \
	static void __attribute__((constructor(110), used)) \
	businitfn_ ##nm(void) \
	{ \
		(bus).name = #nm; \
		rte_bus_register(&(bus)); \
	}

#ifdef __cplusplus
}
#endif

#endif /* _BUS_DRIVER_H_ */
