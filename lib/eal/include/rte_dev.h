/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_DEV_H_
#define _RTE_DEV_H_

/**
 * @file
 *
 * Generic devices and drivers, as seen by applications. The structures are
 * opaque here; buses and drivers use dev_driver.h for their layout.
 */

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_config.h>
#include <rte_common.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_bus;
struct rte_class;
struct rte_devargs;
struct rte_device;
struct rte_driver;

/** Longest device name, NUL included. */
#ifndef RTE_DEV_NAME_MAX_LEN
#define RTE_DEV_NAME_MAX_LEN 64
#endif

/**
 * Section of a library or executable where drivers leave their metadata
 * for buildtools/dpdk-pmdinfo.py. Each record is a NUL-terminated string
 * "PMD_INFO:<field>:<driver>:<value>" (field: name, bus, alias, params or
 * kmod); records of one driver may come from several macros and are put
 * together by the reader. NUL bytes between records are padding.
 */
#define RTE_PMD_INFO_SECTION ".rte_pmd_info"

/** Prefix of every record of RTE_PMD_INFO_SECTION. */
#define RTE_PMD_INFO_PREFIX "PMD_INFO:"

/*
 * Records are referenced by nothing, so a link with --gc-sections would
 * drop them; "retain" (SHF_GNU_RETAIN) keeps them where the toolchain
 * supports it.
 */
#if defined(__has_attribute)
#if __has_attribute(retain)
#define RTE_PMD_INFO_RETAIN __attribute__((retain))
#endif
#endif
#ifndef RTE_PMD_INFO_RETAIN
#define RTE_PMD_INFO_RETAIN
#endif

/**
 * Leave one metadata record (a string literal) in RTE_PMD_INFO_SECTION.
 * var must be unique in the translation unit. Internal to the macros below.
 */
#define RTE_PMD_INFO_RECORD(var, field, drv, value) \
	static const char var[] \
		__attribute__((used, section(RTE_PMD_INFO_SECTION))) \
		RTE_PMD_INFO_RETAIN = \
		RTE_PMD_INFO_PREFIX field ":" drv ":" value

/*
 * Paste after expanding the arguments, so that an idx of __COUNTER__
 * becomes a number: pasted directly, every driver of a file would get the
 * variable this_pmd_name__COUNTER__ and a second one would not compile.
 */
#define RTE_PMD_INFO_VAR_(prefix, idx) prefix ## idx
#define RTE_PMD_INFO_VAR(prefix, idx) RTE_PMD_INFO_VAR_(prefix, idx)

/**
 * Record a driver name for tools that read the binary (pmdinfo). Bus
 * registration macros call it; idx (a number or __COUNTER__) keeps the
 * variable name unique.
 */
#define RTE_PMD_EXPORT_NAME(name, idx) \
	RTE_PMD_INFO_RECORD(RTE_PMD_INFO_VAR(this_pmd_name, idx), "name", \
		RTE_STR(name), "")

/** Record the device arguments a driver accepts, as a string. */
#define RTE_PMD_REGISTER_PARAM_STRING(name, str) \
	RTE_PMD_INFO_RECORD(drvinfo_param_ ## name, "params", RTE_STR(name), \
		str)

/** Record the kernel modules a driver needs, as a string. */
#define RTE_PMD_REGISTER_KMOD_DEP(name, str) \
	RTE_PMD_INFO_RECORD(drvinfo_kmod_ ## name, "kmod", RTE_STR(name), str)

/**
 * Compare a device with some data (a name, an address...).
 *
 * @return
 *   0 when the device matches.
 */
typedef int (*rte_dev_cmp_t)(const struct rte_device *dev, const void *data);

/**
 * Name of a driver.
 *
 * @param driver
 *   The driver.
 * @return
 *   Its name.
 */
const char *rte_driver_name(const struct rte_driver *driver);

/**
 * Name of a device.
 *
 * @param dev
 *   The device.
 * @return
 *   Its name.
 */
const char *rte_dev_name(const struct rte_device *dev);

/**
 * Bus a device sits on.
 *
 * @param dev
 *   The device.
 * @return
 *   The bus.
 */
const struct rte_bus *rte_dev_bus(const struct rte_device *dev);

/**
 * Driver bound to a device.
 *
 * @param dev
 *   The device.
 * @return
 *   The driver, or NULL if none is bound.
 */
const struct rte_driver *rte_dev_driver(const struct rte_device *dev);

/**
 * NUMA node of a device.
 *
 * @param dev
 *   The device.
 * @return
 *   The node id, or SOCKET_ID_ANY when unknown.
 */
int rte_dev_numa_node(const struct rte_device *dev);

/**
 * Test whether a driver is bound to a device.
 *
 * @param dev
 *   The device.
 * @return
 *   1 if a driver is bound, 0 otherwise.
 */
int rte_dev_is_probed(const struct rte_device *dev);

/**
 * Map memory for DMA by a device: the device's bus passes the request to
 * the driver bound to it, for drivers that keep their own translation
 * from IO addresses to memory.
 *
 * The area must be memory the EAL knows: registered beforehand with
 * rte_extmem_register() or rte_malloc_heap_memory_add() (or EAL memory),
 * and it must stay registered until it is unmapped.
 *
 * @param dev
 *   The device.
 * @param addr
 *   Start of the area.
 * @param iova
 *   IO address the device will use for addr.
 * @param len
 *   Length of the area in bytes.
 * @return
 *   0 on success; a positive value when the bus had nothing to map for the
 *   device (the vdev bus gives 1 for a device without a driver); -1 on
 *   failure, with rte_errno set:
 *   - ENOTSUP: the device's bus cannot map memory, or len is 0;
 *   - EINVAL: addr is not memory the EAL knows (or dev is NULL);
 *   - another value the bus or driver gave.
 */
__rte_experimental
int rte_dev_dma_map(struct rte_device *dev, void *addr, uint64_t iova,
		size_t len);

/**
 * Undo a mapping made by rte_dev_dma_map(), with the same arguments.
 *
 * @param dev
 *   The device.
 * @param addr
 *   Start of the area.
 * @param iova
 *   IO address it was mapped at.
 * @param len
 *   Length of the area in bytes.
 * @return
 *   As rte_dev_dma_map(): 0, positive when there was nothing to unmap, or
 *   -1 with rte_errno set (ENOTSUP, EINVAL, or what the bus gave).
 */
__rte_experimental
int rte_dev_dma_unmap(struct rte_device *dev, void *addr, uint64_t iova,
		size_t len);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_DEV_H_ */
