/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_BUS_H_
#define _RTE_BUS_H_

/**
 * @file
 *
 * The registry of buses. Each bus (vdev, ...) registers at load time;
 * rte_eal_init() asks all of them to scan for devices, then to probe them.
 */

#include <stdio.h>

#include <rte_eal.h>
#include <rte_dev.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_bus;

/**
 * Name of a bus.
 *
 * @param bus
 *   The bus.
 * @return
 *   Its name.
 */
const char *rte_bus_name(const struct rte_bus *bus);

/**
 * Ask every registered bus to look for its devices.
 *
 * @return
 *   0 on success, -1 if a bus failed (the others are still scanned).
 */
int rte_bus_scan(void);

/**
 * Ask every registered bus to bind drivers to the devices it found.
 *
 * @return
 *   0 on success, -1 if a bus failed.
 */
int rte_bus_probe(void);

/**
 * Print the registered buses.
 *
 * @param f
 *   Output stream.
 */
void rte_bus_dump(FILE *f);

/**
 * Compare a bus with some data.
 *
 * @return
 *   0 when the bus matches.
 */
typedef int (*rte_bus_cmp_t)(const struct rte_bus *bus, const void *data);

/**
 * Find a bus.
 *
 * @param start
 *   Search after this bus, or NULL to start from the first one.
 * @param cmp
 *   Comparison; the first bus for which it returns 0 is the result.
 * @param data
 *   Passed to cmp.
 * @return
 *   The bus, or NULL.
 */
struct rte_bus *rte_bus_find(const struct rte_bus *start, rte_bus_cmp_t cmp,
		const void *data);

/**
 * Find a bus by name.
 *
 * @param busname
 *   Its name, e.g. "vdev".
 * @return
 *   The bus, or NULL.
 */
struct rte_bus *rte_bus_find_by_name(const char *busname);

/**
 * IOVA mode the devices of all buses need.
 *
 * @return
 *   RTE_IOVA_DC when no bus cares, else RTE_IOVA_PA or RTE_IOVA_VA.
 */
enum rte_iova_mode rte_bus_get_iommu_class(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_BUS_H_ */
