/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The virtual device bus. Drivers register from constructors; scan turns
 * every --vdev argument into a device, probe binds each device to the
 * driver whose name (or alias) is a prefix of the device name, so
 * "net_null0" goes to net_null.
 *
 * One recursive mutex guards the driver, device and callback lists; a
 * driver's probe may create further devices (rte_vdev_init) under it.
 *
 * A secondary process also gets the primary's devices: the primary keeps
 * their names and arguments in the memzone "bus_vdev_list" (rewritten
 * under the EAL tailq lock whenever its device list changes), the
 * secondary's scan copies them, and its drivers then attach to the ports
 * the primary made. A primary without virtual devices (or without this
 * bus) has no such memzone, and its secondaries scan only their own
 * --vdev arguments.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <bus_driver.h>
#include <dev_driver.h>
#include <rte_common.h>
#include <rte_devargs.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_string_fns.h>
#include <rte_tailq.h>

#include <eal_internal_cfg.h>

#include "bus_vdev_driver.h"

#define VDEV_LOG(level, ...) RTE_LOG(level, EAL, "vdev: " __VA_ARGS__)

struct vdev_custom_scan {
	TAILQ_ENTRY(vdev_custom_scan) next;
	rte_vdev_scan_callback callback;
	void *user_arg;
};

static TAILQ_HEAD(, rte_vdev_driver) vdev_drivers =
	TAILQ_HEAD_INITIALIZER(vdev_drivers);
static TAILQ_HEAD(, rte_vdev_device) vdev_devices =
	TAILQ_HEAD_INITIALIZER(vdev_devices);
static TAILQ_HEAD(, vdev_custom_scan) vdev_scans =
	TAILQ_HEAD_INITIALIZER(vdev_scans);
static pthread_mutex_t vdev_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

static struct rte_bus vdev_bus;

static void vdev_publish_locked(void);

void
rte_vdev_register(struct rte_vdev_driver *driver)
{
	pthread_mutex_lock(&vdev_lock);
	TAILQ_INSERT_TAIL(&vdev_drivers, driver, next);
	pthread_mutex_unlock(&vdev_lock);
}

void
rte_vdev_unregister(struct rte_vdev_driver *driver)
{
	pthread_mutex_lock(&vdev_lock);
	TAILQ_REMOVE(&vdev_drivers, driver, next);
	pthread_mutex_unlock(&vdev_lock);
}

/* ---------------------------------------------------------------------
 * lookups (vdev_lock held)
 * --------------------------------------------------------------------- */

static int
vdev_name_has_prefix(const char *name, const char *prefix)
{
	return prefix != NULL && strncmp(name, prefix, strlen(prefix)) == 0;
}

/* the longest matching driver name wins, so net_ring is not net_r... */
static struct rte_vdev_driver *
vdev_find_driver(const char *name)
{
	struct rte_vdev_driver *drv, *best = NULL;
	size_t best_len = 0, len;

	TAILQ_FOREACH(drv, &vdev_drivers, next) {
		len = 0;
		if (vdev_name_has_prefix(name, drv->driver.name))
			len = strlen(drv->driver.name);
		if (vdev_name_has_prefix(name, drv->driver.alias) &&
				strlen(drv->driver.alias) > len)
			len = strlen(drv->driver.alias);
		if (len > best_len) {
			best = drv;
			best_len = len;
		}
	}
	return best;
}

static struct rte_vdev_device *
vdev_find_device(const char *name)
{
	struct rte_vdev_device *dev;

	TAILQ_FOREACH(dev, &vdev_devices, next)
		if (strcmp(dev->device.name, name) == 0)
			return dev;
	return NULL;
}

/* ---------------------------------------------------------------------
 * device life cycle (vdev_lock held)
 * --------------------------------------------------------------------- */

static void
vdev_device_free(struct rte_vdev_device *dev)
{
	if (dev == NULL)
		return;
	if (dev->device.devargs != NULL)
		free(dev->device.devargs->data);
	free(dev->device.devargs);
	free(dev);
}

static int
vdev_device_alloc(const char *name, const char *args,
		struct rte_vdev_device **out)
{
	struct rte_vdev_device *dev;
	struct rte_devargs *da;

	if (name[0] == '\0' || strlen(name) >= RTE_DEV_NAME_MAX_LEN)
		return -EINVAL;
	dev = calloc(1, sizeof(*dev));
	da = calloc(1, sizeof(*da));
	if (dev == NULL || da == NULL)
		goto nomem;
	da->data = strdup(args != NULL ? args : "");
	if (da->data == NULL)
		goto nomem;
	da->type = RTE_DEVTYPE_VIRTUAL;
	da->policy = RTE_DEV_ALLOWED;
	da->bus = &vdev_bus;
	da->bus_str = "vdev";
	da->args = da->data;
	rte_strlcpy(da->name, name, sizeof(da->name));
	dev->device.devargs = da;
	dev->device.name = da->name;
	dev->device.bus = &vdev_bus;
	dev->device.numa_node = SOCKET_ID_ANY;
	*out = dev;
	return 0;
nomem:
	free(da);
	free(dev);
	return -ENOMEM;
}

static int
vdev_probe_device(struct rte_vdev_device *dev)
{
	struct rte_vdev_driver *drv;
	int ret;

	if (dev->device.driver != NULL)
		return 0;
	drv = vdev_find_driver(dev->device.name);
	if (drv == NULL)
		return -ENOTSUP;
	dev->device.driver = &drv->driver;
	ret = drv->probe(dev);
	if (ret != 0) {
		dev->device.driver = NULL;
		return ret < 0 ? ret : -EIO;
	}
	return 0;
}

static int
vdev_remove_device(struct rte_vdev_device *dev)
{
	const struct rte_vdev_driver *drv;
	int ret = 0;

	if (dev->device.driver != NULL) {
		drv = RTE_DRV_TO_VDRV_CONST(dev->device.driver);
		if (drv->remove != NULL)
			ret = drv->remove(dev);
		if (ret != 0)
			return ret < 0 ? ret : -EIO;
		dev->device.driver = NULL;
	}
	TAILQ_REMOVE(&vdev_devices, dev, next);
	vdev_device_free(dev);
	return 0;
}

/* ---------------------------------------------------------------------
 * public API
 * --------------------------------------------------------------------- */

static int
vdev_init_locked(const char *name, const char *args)
{
	struct rte_vdev_device *dev;
	int ret;

	if (vdev_find_device(name) != NULL)
		return -EEXIST;
	ret = vdev_device_alloc(name, args, &dev);
	if (ret < 0)
		return ret;
	TAILQ_INSERT_TAIL(&vdev_devices, dev, next);
	ret = vdev_probe_device(dev);
	if (ret < 0) {
		TAILQ_REMOVE(&vdev_devices, dev, next);
		vdev_device_free(dev);
	} else {
		vdev_publish_locked();
	}
	return ret;
}

int
rte_vdev_init(const char *name, const char *args)
{
	int ret;

	if (name == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	pthread_mutex_lock(&vdev_lock);
	ret = vdev_init_locked(name, args);
	pthread_mutex_unlock(&vdev_lock);
	if (ret < 0) {
		VDEV_LOG(ERR, "cannot create device %s: %s\n", name,
			ret == -ENOTSUP ? "no driver matches its name" :
			strerror(-ret));
		rte_errno = -ret;
	}
	return ret;
}

int
rte_vdev_uninit(const char *name)
{
	struct rte_vdev_device *dev;
	int ret;

	if (name == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	pthread_mutex_lock(&vdev_lock);
	dev = vdev_find_device(name);
	ret = dev == NULL ? -ENOENT : vdev_remove_device(dev);
	if (ret == 0)
		vdev_publish_locked();
	pthread_mutex_unlock(&vdev_lock);
	if (ret < 0) {
		VDEV_LOG(ERR, "cannot remove device %s: %s\n", name,
			strerror(-ret));
		rte_errno = -ret;
	}
	return ret;
}

int
rte_vdev_add_custom_scan(rte_vdev_scan_callback callback, void *user_arg)
{
	struct vdev_custom_scan *s;

	if (callback == NULL)
		return -EINVAL;
	s = calloc(1, sizeof(*s));
	if (s == NULL)
		return -ENOMEM;
	s->callback = callback;
	s->user_arg = user_arg;
	pthread_mutex_lock(&vdev_lock);
	TAILQ_INSERT_TAIL(&vdev_scans, s, next);
	pthread_mutex_unlock(&vdev_lock);
	return 0;
}

int
rte_vdev_remove_custom_scan(rte_vdev_scan_callback callback, void *user_arg)
{
	struct vdev_custom_scan *s, *tmp;
	int found = 0;

	pthread_mutex_lock(&vdev_lock);
	RTE_TAILQ_FOREACH_SAFE(s, &vdev_scans, next, tmp) {
		if (s->callback != callback || (user_arg != (void *)-1 &&
				s->user_arg != user_arg))
			continue;
		TAILQ_REMOVE(&vdev_scans, s, next);
		free(s);
		found = 1;
	}
	pthread_mutex_unlock(&vdev_lock);
	return found ? 0 : -1;
}

/* ---------------------------------------------------------------------
 * bus callbacks
 * --------------------------------------------------------------------- */

/* ---------------------------------------------------------------------
 * the primary's devices, for secondaries
 * --------------------------------------------------------------------- */

#define VDEV_LIST_MZ "bus_vdev_list"
#define VDEV_LIST_MAX 64
#define VDEV_ARGS_MAX 256

struct vdev_list_entry {
	char name[RTE_DEV_NAME_MAX_LEN];
	char args[VDEV_ARGS_MAX];
};

struct vdev_list_shm {
	uint32_t n;
	struct vdev_list_entry e[VDEV_LIST_MAX];
};

/* primary, vdev_lock held: publish the device list (made when needed) */
static void
vdev_publish_locked(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(VDEV_LIST_MZ);
	struct rte_vdev_device *dev;
	struct vdev_list_shm *l;
	uint32_t n = 0;

	if (rte_eal_process_type() != RTE_PROC_PRIMARY ||
			(mz == NULL && TAILQ_EMPTY(&vdev_devices)))
		return;
	if (mz == NULL)
		mz = rte_memzone_reserve(VDEV_LIST_MZ, sizeof(*l),
			SOCKET_ID_ANY, 0);
	if (mz == NULL) {
		VDEV_LOG(WARNING, "secondaries will not see the devices: %s\n",
			rte_strerror(rte_errno));
		return;
	}
	l = mz->addr;
	rte_mcfg_tailq_write_lock();
	TAILQ_FOREACH(dev, &vdev_devices, next) {
		if (n == VDEV_LIST_MAX || strlen(rte_vdev_device_args(dev)) >=
				VDEV_ARGS_MAX) {
			VDEV_LOG(WARNING, "%s not shown to secondaries (too "
				"many devices or arguments too long)\n",
				dev->device.name);
			continue;
		}
		rte_strlcpy(l->e[n].name, dev->device.name,
			sizeof(l->e[n].name));
		rte_strlcpy(l->e[n].args, rte_vdev_device_args(dev),
			sizeof(l->e[n].args));
		n++;
	}
	l->n = n;
	rte_mcfg_tailq_write_unlock();
}

/* secondary: add the primary's devices this process does not have */
static int
vdev_scan_primary(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(VDEV_LIST_MZ);
	struct vdev_list_entry *copy;
	struct rte_vdev_device *dev;
	uint32_t i, n;

	if (mz == NULL)
		return 0; /* the primary has no virtual device */
	copy = malloc(sizeof(struct vdev_list_shm));
	if (copy == NULL)
		return -ENOMEM;
	rte_mcfg_tailq_read_lock();
	n = RTE_MIN(((struct vdev_list_shm *)mz->addr)->n,
		(uint32_t)VDEV_LIST_MAX);
	memcpy(copy, ((struct vdev_list_shm *)mz->addr)->e,
		n * sizeof(*copy));
	rte_mcfg_tailq_read_unlock();
	pthread_mutex_lock(&vdev_lock);
	for (i = 0; i < n; i++)
		if (vdev_find_device(copy[i].name) == NULL &&
				vdev_device_alloc(copy[i].name, copy[i].args,
					&dev) == 0)
			TAILQ_INSERT_TAIL(&vdev_devices, dev, next);
	pthread_mutex_unlock(&vdev_lock);
	free(copy);
	return 0;
}

/* one device per --vdev argument; a rescan skips devices already made */
static int
vdev_scan(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_vdev_device *dev;
	struct vdev_custom_scan *s;
	unsigned int i;
	int ret = 0, r;

	if (rte_eal_process_type() == RTE_PROC_SECONDARY &&
			vdev_scan_primary() < 0)
		ret = -1;
	pthread_mutex_lock(&vdev_lock);
	TAILQ_FOREACH(s, &vdev_scans, next)
		s->callback(s->user_arg);
	for (i = 0; i < cfg->num_vdevs; i++) {
		if (vdev_find_device(cfg->vdevs[i].name) != NULL)
			continue;
		r = vdev_device_alloc(cfg->vdevs[i].name, cfg->vdevs[i].args,
			&dev);
		if (r < 0) {
			VDEV_LOG(ERR, "--vdev %s: %s\n", cfg->vdevs[i].name,
				strerror(-r));
			ret = -1;
			continue;
		}
		TAILQ_INSERT_TAIL(&vdev_devices, dev, next);
	}
	vdev_publish_locked();
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

static int
vdev_probe(void)
{
	struct rte_vdev_device *dev;
	int ret = 0, r;

	pthread_mutex_lock(&vdev_lock);
	TAILQ_FOREACH(dev, &vdev_devices, next) {
		r = vdev_probe_device(dev);
		if (r < 0) {
			VDEV_LOG(ERR, "cannot probe %s: %s\n", dev->device.name,
				r == -ENOTSUP ? "no driver matches its name" :
				strerror(-r));
			ret = -1;
		}
	}
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

static int
vdev_cleanup(void)
{
	struct rte_vdev_device *dev, *tmp;
	int ret = 0;

	pthread_mutex_lock(&vdev_lock);
	RTE_TAILQ_FOREACH_SAFE(dev, &vdev_devices, next, tmp)
		if (vdev_remove_device(dev) < 0)
			ret = -1;
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

static struct rte_device *
vdev_find_device_cb(const struct rte_device *start, rte_dev_cmp_t cmp,
		const void *data)
{
	struct rte_vdev_device *dev;
	struct rte_device *found = NULL;

	pthread_mutex_lock(&vdev_lock);
	if (start != NULL)
		dev = TAILQ_NEXT(RTE_DEV_TO_VDEV_CONST(start), next);
	else
		dev = TAILQ_FIRST(&vdev_devices);
	for (; dev != NULL; dev = TAILQ_NEXT(dev, next)) {
		if (cmp(&dev->device, data) == 0) {
			found = &dev->device;
			break;
		}
	}
	pthread_mutex_unlock(&vdev_lock);
	return found;
}

static int
vdev_plug(struct rte_device *dev)
{
	int ret;

	pthread_mutex_lock(&vdev_lock);
	ret = vdev_probe_device(RTE_DEV_TO_VDEV(dev));
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

static int
vdev_unplug(struct rte_device *dev)
{
	return rte_vdev_uninit(dev->name);
}

static int
vdev_parse(const char *name, void *addr)
{
	const struct rte_vdev_driver *drv;

	pthread_mutex_lock(&vdev_lock);
	drv = vdev_find_driver(name);
	pthread_mutex_unlock(&vdev_lock);
	if (drv == NULL)
		return 1;
	if (addr != NULL)
		*(const char **)addr = name;
	return 0;
}

/*
 * DMA (un)mapping is the bound driver's business: a driver without the
 * operation needs none and gets 0, a device without a driver has nothing
 * to map for and gets 1 (as in DPDK). vdev_lock is held across the call so
 * that the driver cannot be unbound, nor the device freed, meanwhile; it
 * is a recursive mutex, so the driver may sleep or use the vdev API.
 */
static int
vdev_dma_op(struct rte_device *dev, bool unmap, void *addr, uint64_t iova,
		size_t len)
{
	const struct rte_vdev_driver *drv;
	rte_vdev_dma_map_t *op;
	int ret = 0;

	pthread_mutex_lock(&vdev_lock);
	if (dev->driver == NULL) {
		pthread_mutex_unlock(&vdev_lock);
		VDEV_LOG(DEBUG, "%s: no driver bound, nothing to %s\n",
			dev->name, unmap ? "unmap" : "map");
		return 1;
	}
	drv = RTE_DRV_TO_VDRV_CONST(dev->driver);
	op = unmap ? drv->dma_unmap : drv->dma_map;
	if (op != NULL)
		ret = op(RTE_DEV_TO_VDEV(dev), addr, iova, len);
	pthread_mutex_unlock(&vdev_lock);
	return ret;
}

static int
vdev_dma_map(struct rte_device *dev, void *addr, uint64_t iova, size_t len)
{
	return vdev_dma_op(dev, false, addr, iova, len);
}

static int
vdev_dma_unmap(struct rte_device *dev, void *addr, uint64_t iova, size_t len)
{
	return vdev_dma_op(dev, true, addr, iova, len);
}

static struct rte_bus vdev_bus = {
	.scan = vdev_scan,
	.probe = vdev_probe,
	.find_device = vdev_find_device_cb,
	.plug = vdev_plug,
	.unplug = vdev_unplug,
	.parse = vdev_parse,
	.dma_map = vdev_dma_map,
	.dma_unmap = vdev_dma_unmap,
	.cleanup = vdev_cleanup,
};

RTE_REGISTER_BUS(vdev, vdev_bus);
