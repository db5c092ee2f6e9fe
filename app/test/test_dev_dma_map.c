/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dev_dma_map_autotest: rte_dev_dma_map()/rte_dev_dma_unmap() through the
 * vdev bus. Two test drivers: "dmatest_rec" records what its dma_map and
 * dma_unmap callbacks get, "dmatest_none" has no DMA callbacks. Memory
 * comes from an anonymous mapping registered with rte_extmem_register(),
 * a second, unregistered mapping stands for memory the EAL does not know.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <bus_driver.h>
#include <bus_vdev_driver.h>
#include <rte_bus_vdev.h>
#include <rte_common.h>
#include <rte_dev.h>
#include <rte_errno.h>
#include <rte_memory.h>

#include "test.h"

#define DMA_PG 4096
#define DMA_PAGES 4
#define DMA_LEN (DMA_PG * DMA_PAGES)
#define DMA_IOVA UINT64_C(0x180000000)

#define REC_DEV "dmatest_rec0"
#define NONE_DEV "dmatest_none0"

/* what the recording driver's callbacks saw */
struct dma_call {
	unsigned int n;
	struct rte_vdev_device *dev;
	void *addr;
	uint64_t iova;
	size_t len;
};

static struct dma_call rec_map, rec_unmap;

/* when not 0, the recording driver's map fails: -1 with rte_errno set to
 * rec_fail_errno (DPDK style), or -rec_fail_errno when rec_fail_neg */
static int rec_fail_errno;
static bool rec_fail_neg;

/* the devices the drivers probed, and the memory of the tests */
static struct rte_device *rec_dev, *none_dev;
static void *ext_va, *unreg_va;
static int ext_registered;

static void
dma_call_record(struct dma_call *c, struct rte_vdev_device *dev, void *addr,
		uint64_t iova, size_t len)
{
	c->n++;
	c->dev = dev;
	c->addr = addr;
	c->iova = iova;
	c->len = len;
}

/* ---------------------------------------------------------------------
 * test drivers
 * --------------------------------------------------------------------- */

static int
rec_probe(struct rte_vdev_device *dev)
{
	rec_dev = &dev->device;
	return 0;
}

static int
rec_remove(struct rte_vdev_device *dev)
{
	RTE_SET_USED(dev);
	rec_dev = NULL;
	return 0;
}

static int
rec_dma_map(struct rte_vdev_device *dev, void *addr, uint64_t iova,
		size_t len)
{
	dma_call_record(&rec_map, dev, addr, iova, len);
	if (rec_fail_errno == 0)
		return 0;
	if (rec_fail_neg)
		return -rec_fail_errno;
	rte_errno = rec_fail_errno;
	return -1;
}

static int
rec_dma_unmap(struct rte_vdev_device *dev, void *addr, uint64_t iova,
		size_t len)
{
	dma_call_record(&rec_unmap, dev, addr, iova, len);
	return 0;
}

static struct rte_vdev_driver dmatest_rec_drv = {
	.probe = rec_probe,
	.remove = rec_remove,
	.dma_map = rec_dma_map,
	.dma_unmap = rec_dma_unmap,
};
RTE_PMD_REGISTER_VDEV(dmatest_rec, dmatest_rec_drv);

static int
none_probe(struct rte_vdev_device *dev)
{
	none_dev = &dev->device;
	return 0;
}

static int
none_remove(struct rte_vdev_device *dev)
{
	RTE_SET_USED(dev);
	none_dev = NULL;
	return 0;
}

static struct rte_vdev_driver dmatest_none_drv = {
	.probe = none_probe,
	.remove = none_remove,
};
RTE_PMD_REGISTER_VDEV(dmatest_none, dmatest_none_drv);

/* ---------------------------------------------------------------------
 * setup and teardown
 * --------------------------------------------------------------------- */

static void *
dma_area_map(void)
{
	void *va = mmap(NULL, DMA_LEN, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return va == MAP_FAILED ? NULL : va;
}

/* undo whatever part of the suite setup (or the cleanup case) is left */
static void
dma_suite_teardown(void)
{
	if (rec_dev != NULL)
		rte_vdev_uninit(REC_DEV);
	if (none_dev != NULL)
		rte_vdev_uninit(NONE_DEV);
	if (ext_registered)
		rte_extmem_unregister(ext_va, DMA_LEN);
	ext_registered = 0;
	if (ext_va != NULL)
		munmap(ext_va, DMA_LEN);
	if (unreg_va != NULL)
		munmap(unreg_va, DMA_LEN);
	ext_va = NULL;
	unreg_va = NULL;
}

static int
dma_suite_setup(void)
{
	rte_iova_t iova[DMA_PAGES];
	unsigned int i;

	ext_va = dma_area_map();
	unreg_va = dma_area_map();
	if (ext_va == NULL || unreg_va == NULL)
		goto fail;
	for (i = 0; i < DMA_PAGES; i++)
		iova[i] = DMA_IOVA + (uint64_t)i * DMA_PG;
	if (rte_extmem_register(ext_va, DMA_LEN, iova, DMA_PAGES,
			DMA_PG) != 0) {
		printf("rte_extmem_register: %s\n", rte_strerror(rte_errno));
		goto fail;
	}
	ext_registered = 1;
	if (rte_vdev_init(REC_DEV, NULL) != 0 ||
			rte_vdev_init(NONE_DEV, NULL) != 0) {
		printf("rte_vdev_init: %s\n", rte_strerror(rte_errno));
		goto fail;
	}
	if (rec_dev == NULL || none_dev == NULL) {
		printf("the test drivers did not probe their devices\n");
		goto fail;
	}
	return TEST_SUCCESS;
fail:
	dma_suite_teardown();
	return TEST_FAILED;
}

/* every case starts with no call recorded */
static int
dma_case_setup(void)
{
	memset(&rec_map, 0, sizeof(rec_map));
	memset(&rec_unmap, 0, sizeof(rec_unmap));
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * cases
 * --------------------------------------------------------------------- */

/*
 * Map (or unmap) a sub-range of registered memory, so that no argument is
 * a default: the call succeeds and the driver's callback, and only that
 * one, saw the same device, addr, iova and len.
 */
static int
call_reaches_driver(bool unmap)
{
	const struct dma_call *c = unmap ? &rec_unmap : &rec_map;
	const struct dma_call *other = unmap ? &rec_map : &rec_unmap;
	const char *what = unmap ? "unmap" : "map";
	void *addr = RTE_PTR_ADD(ext_va, DMA_PG);
	uint64_t iova = DMA_IOVA + DMA_PG;
	size_t len = 2 * DMA_PG;
	int ret;

	ret = unmap ? rte_dev_dma_unmap(rec_dev, addr, iova, len) :
		rte_dev_dma_map(rec_dev, addr, iova, len);
	TEST_ASSERT_EQUAL(ret, 0, "rte_dev_dma_%s gave %d (%s)", what, ret,
		rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(c->n, 1u, "driver %s called %u times", what, c->n);
	TEST_ASSERT(c->dev != NULL && &c->dev->device == rec_dev,
		"driver %s got device %p, expected the one it probed", what,
		(void *)c->dev);
	TEST_ASSERT(c->addr == addr, "driver %s got addr %p, expected %p",
		what, c->addr, addr);
	TEST_ASSERT_EQUAL(c->iova, iova, "driver %s got iova 0x%" PRIx64,
		what, c->iova);
	TEST_ASSERT_EQUAL(c->len, len, "driver %s got len %zu", what, c->len);
	TEST_ASSERT_EQUAL(other->n, 0u, "%s reached the other callback",
		what);
	return TEST_SUCCESS;
}

static int
test_map_registered_reaches_driver(void)
{
	return call_reaches_driver(false);
}

static int
test_unmap_registered_reaches_driver(void)
{
	return call_reaches_driver(true);
}

/* a driver's failure, either style, is -1 with the driver's errno */
static int
map_driver_fails(bool neg)
{
	int ret, err;

	rec_fail_errno = EFAULT;
	rec_fail_neg = neg;
	ret = rte_dev_dma_map(rec_dev, ext_va, DMA_IOVA, DMA_PG);
	err = rte_errno;
	rec_fail_errno = 0;
	TEST_ASSERT_EQUAL(rec_map.n, 1u, "driver map called %u times",
		rec_map.n);
	TEST_ASSERT_EQUAL(ret, -1, "failing driver (%s): gave %d",
		neg ? "-errno" : "-1 and rte_errno", ret);
	TEST_ASSERT_EQUAL(err, EFAULT, "failing driver (%s): rte_errno %d "
		"(%s), expected EFAULT", neg ? "-errno" : "-1 and rte_errno",
		err, rte_strerror(err));
	return TEST_SUCCESS;
}

static int
test_driver_failure_minus_one_keeps_errno(void)
{
	return map_driver_fails(false);
}

static int
test_driver_failure_negative_errno(void)
{
	return map_driver_fails(true);
}

static int
test_map_unregistered_is_einval(void)
{
	int ret;

	rte_errno = 0;
	ret = rte_dev_dma_map(rec_dev, unreg_va, DMA_IOVA, DMA_PG);
	TEST_ASSERT_EQUAL(ret, -1, "map of unregistered memory gave %d", ret);
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rec_map.n, 0u, "driver called for unregistered "
		"memory");
	return TEST_SUCCESS;
}

static int
test_unmap_unregistered_is_einval(void)
{
	int ret;

	rte_errno = 0;
	ret = rte_dev_dma_unmap(rec_dev, unreg_va, DMA_IOVA, DMA_PG);
	TEST_ASSERT_EQUAL(ret, -1, "unmap of unregistered memory gave %d",
		ret);
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rec_unmap.n, 0u, "driver called for unregistered "
		"memory");
	return TEST_SUCCESS;
}

static int
test_zero_len_is_enotsup(void)
{
	int ret;

	rte_errno = 0;
	ret = rte_dev_dma_map(rec_dev, ext_va, DMA_IOVA, 0);
	TEST_ASSERT_EQUAL(ret, -1, "map of 0 bytes gave %d", ret);
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "map: rte_errno %d", rte_errno);
	rte_errno = 0;
	ret = rte_dev_dma_unmap(rec_dev, ext_va, DMA_IOVA, 0);
	TEST_ASSERT_EQUAL(ret, -1, "unmap of 0 bytes gave %d", ret);
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "unmap: rte_errno %d",
		rte_errno);
	TEST_ASSERT_EQUAL(rec_map.n + rec_unmap.n, 0u,
		"driver called for 0 bytes");
	return TEST_SUCCESS;
}

static int
test_driver_without_dma_ops_gives_0(void)
{
	int ret;

	ret = rte_dev_dma_map(none_dev, ext_va, DMA_IOVA, DMA_LEN);
	TEST_ASSERT_EQUAL(ret, 0, "map gave %d (%s)", ret,
		rte_strerror(rte_errno));
	ret = rte_dev_dma_unmap(none_dev, ext_va, DMA_IOVA, DMA_LEN);
	TEST_ASSERT_EQUAL(ret, 0, "unmap gave %d (%s)", ret,
		rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rec_map.n + rec_unmap.n, 0u,
		"another driver's callbacks were called");
	return TEST_SUCCESS;
}

/* a vdev without a driver: the bus has nothing to map for and says 1 */
static int
test_unbound_vdev_gives_1(void)
{
	struct rte_vdev_device unbound = {
		.device = {
			.name = "dmatest_unbound0",
			.bus = rte_dev_bus(rec_dev),
			.numa_node = SOCKET_ID_ANY,
		},
	};
	int ret;

	ret = rte_dev_dma_map(&unbound.device, ext_va, DMA_IOVA, DMA_LEN);
	TEST_ASSERT_EQUAL(ret, 1, "map gave %d", ret);
	ret = rte_dev_dma_unmap(&unbound.device, ext_va, DMA_IOVA, DMA_LEN);
	TEST_ASSERT_EQUAL(ret, 1, "unmap gave %d", ret);
	TEST_ASSERT_EQUAL(rec_map.n + rec_unmap.n, 0u,
		"a driver was called for an unbound device");
	return TEST_SUCCESS;
}

static int
test_bus_without_dma_ops_is_enotsup(void)
{
	static struct rte_bus plain_bus = { .name = "dmatest_plain" };
	struct rte_device dev = {
		.name = "dmatest_plain0",
		.bus = &plain_bus,
		.numa_node = SOCKET_ID_ANY,
	};
	int ret;

	rte_errno = 0;
	ret = rte_dev_dma_map(&dev, ext_va, DMA_IOVA, DMA_LEN);
	TEST_ASSERT_EQUAL(ret, -1, "map gave %d", ret);
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "map: rte_errno %d", rte_errno);
	rte_errno = 0;
	ret = rte_dev_dma_unmap(&dev, ext_va, DMA_IOVA, DMA_LEN);
	TEST_ASSERT_EQUAL(ret, -1, "unmap gave %d", ret);
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "unmap: rte_errno %d",
		rte_errno);
	return TEST_SUCCESS;
}

/* last: the devices go and the memory is no longer the EAL's */
static int
test_cleanup_releases_devices_and_memory(void)
{
	int ret;

	TEST_ASSERT_SUCCESS(rte_vdev_uninit(REC_DEV), "uninit %s: %s",
		REC_DEV, rte_strerror(rte_errno));
	TEST_ASSERT_NULL(rec_dev, "%s not removed by its driver", REC_DEV);
	TEST_ASSERT_SUCCESS(rte_vdev_uninit(NONE_DEV), "uninit %s: %s",
		NONE_DEV, rte_strerror(rte_errno));
	TEST_ASSERT_NULL(none_dev, "%s not removed by its driver", NONE_DEV);
	ret = rte_extmem_unregister(ext_va, DMA_LEN);
	TEST_ASSERT_SUCCESS(ret, "rte_extmem_unregister: %s",
		rte_strerror(rte_errno));
	ext_registered = 0;
	TEST_ASSERT_NULL(rte_mem_virt2memseg_list(ext_va),
		"unregistered memory still has a memseg list");
	return TEST_SUCCESS;
}

static struct unit_test_suite dev_dma_map_suite = {
	.suite_name = "dev dma map autotest",
	.setup = dma_suite_setup,
	.teardown = dma_suite_teardown,
	.unit_test_cases = {
		TEST_CASE_ST(dma_case_setup, NULL,
			test_map_registered_reaches_driver),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_unmap_registered_reaches_driver),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_driver_failure_minus_one_keeps_errno),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_driver_failure_negative_errno),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_map_unregistered_is_einval),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_unmap_unregistered_is_einval),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_zero_len_is_enotsup),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_driver_without_dma_ops_gives_0),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_unbound_vdev_gives_1),
		TEST_CASE_ST(dma_case_setup, NULL,
			test_bus_without_dma_ops_is_enotsup),
		TEST_CASE(test_cleanup_releases_devices_and_memory),
		TEST_CASES_END()
	}
};

static int
test_dev_dma_map(void)
{
	return unit_test_suite_runner(&dev_dma_map_suite);
}

REGISTER_TEST_COMMAND(dev_dma_map_autotest, test_dev_dma_map);
