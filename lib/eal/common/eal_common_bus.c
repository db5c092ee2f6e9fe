/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bus registry. Buses register from constructors (RTE_REGISTER_BUS),
 * before main() runs, and are scanned and probed by rte_eal_init().
 * Also the generic device calls of rte_dev.h: accessors, and DMA mapping,
 * which the device's bus passes on to its driver.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <bus_driver.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>

static TAILQ_HEAD(, rte_bus) bus_list = TAILQ_HEAD_INITIALIZER(bus_list);

void
rte_bus_register(struct rte_bus *bus)
{
	RTE_VERIFY(bus != NULL && bus->name != NULL);
	RTE_VERIFY(bus->scan != NULL && bus->probe != NULL);
	TAILQ_INSERT_TAIL(&bus_list, bus, next);
}

void
rte_bus_unregister(struct rte_bus *bus)
{
	TAILQ_REMOVE(&bus_list, bus, next);
}

const char *
rte_bus_name(const struct rte_bus *bus)
{
	return bus->name;
}

int
rte_bus_scan(void)
{
	struct rte_bus *bus;
	int ret = 0;

	TAILQ_FOREACH(bus, &bus_list, next) {
		if (bus->scan() != 0) {
			RTE_LOG(ERR, EAL, "scan of bus %s failed\n", bus->name);
			ret = -1;
		}
	}
	return ret;
}

int
rte_bus_probe(void)
{
	struct rte_bus *bus;
	int ret = 0;

	TAILQ_FOREACH(bus, &bus_list, next) {
		if (bus->probe() != 0) {
			RTE_LOG(ERR, EAL, "probe of bus %s failed\n",
				bus->name);
			ret = -1;
		}
	}
	return ret;
}

/* let buses release their devices at rte_eal_cleanup() */
void
eal_bus_cleanup(void)
{
	struct rte_bus *bus;

	TAILQ_FOREACH(bus, &bus_list, next)
		if (bus->cleanup != NULL && bus->cleanup() != 0)
			RTE_LOG(WARNING, EAL, "cleanup of bus %s failed\n",
				bus->name);
}

void
rte_bus_dump(FILE *f)
{
	struct rte_bus *bus;

	TAILQ_FOREACH(bus, &bus_list, next)
		fprintf(f, "%s\n", bus->name);
}

struct rte_bus *
rte_bus_find(const struct rte_bus *start, rte_bus_cmp_t cmp, const void *data)
{
	struct rte_bus *bus;

	if (start != NULL)
		bus = TAILQ_NEXT(start, next);
	else
		bus = TAILQ_FIRST(&bus_list);
	for (; bus != NULL; bus = TAILQ_NEXT(bus, next))
		if (cmp(bus, data) == 0)
			return bus;
	return NULL;
}

static int
cmp_bus_name(const struct rte_bus *bus, const void *name)
{
	return strcmp(bus->name, name);
}

struct rte_bus *
rte_bus_find_by_name(const char *busname)
{
	if (busname == NULL)
		return NULL;
	return rte_bus_find(NULL, cmp_bus_name, busname);
}

enum rte_iova_mode
rte_bus_get_iommu_class(void)
{
	enum rte_iova_mode mode = RTE_IOVA_DC;
	struct rte_bus *bus;

	TAILQ_FOREACH(bus, &bus_list, next)
		if (bus->get_iommu_class != NULL)
			mode |= bus->get_iommu_class();
	return mode;
}

/* ---------------------------------------------------------------------
 * generic device accessors (rte_dev.h)
 * --------------------------------------------------------------------- */

const char *
rte_driver_name(const struct rte_driver *driver)
{
	return driver->name;
}

const char *
rte_dev_name(const struct rte_device *dev)
{
	return dev->name;
}

const struct rte_bus *
rte_dev_bus(const struct rte_device *dev)
{
	return dev->bus;
}

const struct rte_driver *
rte_dev_driver(const struct rte_device *dev)
{
	return dev->driver;
}

int
rte_dev_numa_node(const struct rte_device *dev)
{
	return dev->numa_node;
}

int
rte_dev_is_probed(const struct rte_device *dev)
{
	return dev->driver != NULL;
}

/* ---------------------------------------------------------------------
 * DMA mapping for a device (rte_dev.h)
 * --------------------------------------------------------------------- */

/*
 * Common to map and unmap: the bus must implement the operation and the
 * area must lie in a memseg list, i.e. be EAL memory or external memory
 * registered with rte_extmem_register() / rte_malloc_heap_memory_add(), as
 * DPDK requires. Only the first byte is looked up, as in DPDK. op is the
 * bus' dma_map or dma_unmap (the two types are the same).
 */
static int
dev_dma_op(struct rte_device *dev, rte_dev_dma_map_t op, void *addr,
		uint64_t iova, size_t len, const char **why)
{
	int ret;

	if (op == NULL) {
		*why = "its bus cannot map memory for DMA";
		return -ENOTSUP;
	}
	if (len == 0) {
		*why = "the length is 0";
		return -ENOTSUP;
	}
	if (rte_mem_virt2memseg_list(addr) == NULL) {
		*why = "the area is not EAL memory (register it with "
			"rte_extmem_register() before mapping)";
		return -EINVAL;
	}
	*why = "the bus or driver failed";
	/* a driver written for DPDK may fail with -1 and rte_errno set */
	rte_errno = 0;
	ret = op(dev, addr, iova, len);
	if (ret == -1 && rte_errno != 0)
		return -rte_errno;
	return ret;
}

/* the public boundary of both: errors become rte_errno and one log line */
static int
dev_dma_call(const char *func, struct rte_device *dev, bool unmap,
		void *addr, uint64_t iova, size_t len)
{
	const char *why = "no device given";
	rte_dev_dma_map_t op;
	int ret = -EINVAL;

	if (dev != NULL && dev->bus != NULL) {
		op = unmap ? dev->bus->dma_unmap : dev->bus->dma_map;
		ret = dev_dma_op(dev, op, addr, iova, len, &why);
	}
	if (ret >= 0)
		return ret;
	RTE_LOG(ERR, EAL, "%s(%s, %p, 0x%" PRIx64 ", %zu): %s (%s)\n", func,
		dev != NULL && dev->name != NULL ? dev->name : "NULL", addr,
		iova, len, why, strerror(-ret));
	rte_errno = -ret;
	return -1;
}

int
rte_dev_dma_map(struct rte_device *dev, void *addr, uint64_t iova,
		size_t len)
{
	return dev_dma_call(__func__, dev, false, addr, iova, len);
}

int
rte_dev_dma_unmap(struct rte_device *dev, void *addr, uint64_t iova,
		size_t len)
{
	return dev_dma_call(__func__, dev, true, addr, iova, len);
}
