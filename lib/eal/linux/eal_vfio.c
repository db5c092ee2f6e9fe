/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VFIO driver: containers, IOMMU groups, devices, and the DMA hook that
 * keeps the default container's IOMMU in step with hot-plugged memory.
 *
 * rte_eal_init() opens the default container only when /dev/vfio/vfio
 * exists. Nothing is mapped until a group is attached (the kernel accepts
 * SET_IOMMU only then): the first group of the default container selects
 * the IOMMU type (type1v2, else type1, else no-IOMMU), probes its ranges
 * and entry budget, maps every page already plugged (one entry per page in
 * dynamic mode so any page can be unplugged; IOVA-contiguous runs coalesced
 * in legacy mode, which never unplugs) and turns the DMA hook on. From then
 * on the page allocator calls the hook for every page it plugs, before the
 * heap sees it (a refusal rolls the pages back: the allocation fails with
 * the reason) and for every page it unplugs, after the heap let it go.
 *
 * Only the primary maps heap memory: pages are plugged by the primary (a
 * secondary's growth is served by it, see malloc_mp.c), and the container
 * is one kernel object shared through the fd a secondary receives over IPC
 * (eal_vfio_mp.c), so every page is mapped exactly once.
 *
 * Locks: vfio_state.lock -> memory_hotplug_lock -> table lock. Group and
 * container bookkeeping take vfio_state.lock; a first group's mapping pass
 * then holds memory_hotplug_lock for reading so no page is plugged unseen.
 * The DMA hook runs under memory_hotplug_lock (taken by the page
 * allocator) and takes only the table lock, never vfio_state.lock.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_vfio.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_vfio.h"

#define VFIO_MAX_CONTAINERS 64
#define VFIO_MAX_GROUPS 64
#define VFIO_DEFAULT 0 /* index of the default container */

struct vfio_container {
	bool used;
	int fd;
	int iommu_type;  /* 0 until the first group is attached */
	unsigned int n_groups;
	struct vfio_dma_table dma;
};

struct vfio_group {
	bool used;
	int num;
	int fd;
	int cont;        /* index of its container, -1 if none */
	int devices;     /* device fds handed out */
};

struct vfio_state {
	pthread_mutex_t lock;
	bool enabled;
	bool dma_on;     /* the hook maps into the default container */
	struct vfio_container cont[VFIO_MAX_CONTAINERS];
	struct vfio_group groups[VFIO_MAX_GROUPS];
};

static struct vfio_state vfio_state = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

static bool
vfio_is_primary(void)
{
	return rte_eal_process_type() == RTE_PROC_PRIMARY;
}

struct vfio_dma_table *
eal_vfio_default_table(void)
{
	return &vfio_state.cont[VFIO_DEFAULT].dma;
}

/* ---------------------------------------------------------------------
 * the DMA hook: pages of EAL memory in and out of the default container
 * --------------------------------------------------------------------- */

/* the IOVA a page is mapped at (false: it has none a device could use) */
static bool
vfio_page_iova(const struct rte_memseg *ms, uint64_t *iova)
{
	if (ms->iova != RTE_BAD_IOVA) {
		*iova = ms->iova;
		return true;
	}
	/* memory without an IOVA cannot be given to a device, unless VA */
	if (rte_eal_iova_mode() != RTE_IOVA_VA)
		return false;
	*iova = ms->addr_64;
	return true;
}

static enum vfio_map_kind
vfio_list_kind(const struct rte_memseg_list *msl)
{
	if (msl->external)
		return VFIO_MAP_EXT;
	return eal_get_internal_configuration()->legacy_mem ?
		VFIO_MAP_LEGACY : VFIO_MAP_HEAP;
}

static void
vfio_map_error(const void *va, uint64_t iova, uint64_t len, int err)
{
	RTE_LOG(ERR, EAL, "vfio: cannot map %p (IOVA 0x%" PRIx64 ", %" PRIu64
		" KiB) for DMA: %s%s\n", va, iova, len >> 10, strerror(-err),
		err == -ERANGE ? " (IOVA out of the IOMMU's reach)" :
		err == -ENOSPC ? " (no IOMMU entry left: raise "
		"vfio_iommu_type1.dma_entry_limit)" : "");
}

static void
vfio_unmap_run(struct vfio_dma_table *t, const struct rte_memseg_list *msl,
		uint64_t iova, uint64_t len)
{
	int ret;

	if (len == 0)
		return;
	ret = vfio_dma_unmap(t, iova, len, vfio_list_kind(msl));
	if (ret < 0 && ret != -ENOENT)
		RTE_LOG(ERR, EAL, "vfio: cannot unmap IOVA 0x%" PRIx64 "+0x%"
			PRIx64 ": %s\n", iova, len, strerror(-ret));
}

/* unmap the pages of [start, start+len), an IOVA-contiguous run at once */
static void
vfio_unmap_pages(struct vfio_dma_table *t, const void *start, size_t len)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(start);
	const struct rte_memseg *ms;
	uint64_t iova, run_iova = 0, run_len = 0;
	size_t off;

	if (msl == NULL)
		return;
	for (off = 0; off < len; off += msl->page_sz) {
		ms = rte_mem_virt2memseg(RTE_PTR_ADD(start, off), msl);
		if (ms == NULL || !vfio_page_iova(ms, &iova))
			continue;
		if (run_len != 0 && iova == run_iova + run_len) {
			run_len += msl->page_sz;
			continue;
		}
		vfio_unmap_run(t, msl, run_iova, run_len);
		run_iova = iova;
		run_len = msl->page_sz;
	}
	vfio_unmap_run(t, msl, run_iova, run_len);
}

/* map page by page; on failure unmap what this call mapped */
static int
vfio_map_pages(struct vfio_dma_table *t, const void *start, size_t len)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(start);
	const struct rte_memseg *ms;
	size_t off;
	uint64_t iova = 0;
	int ret = 0;

	if (msl == NULL)
		return -EINVAL;
	for (off = 0; off < len; off += msl->page_sz) {
		ms = rte_mem_virt2memseg(RTE_PTR_ADD(start, off), msl);
		if (ms == NULL)
			ret = -EINVAL;
		else if (!vfio_page_iova(ms, &iova))
			continue;
		else
			ret = vfio_dma_map(t, ms->addr_64, iova, msl->page_sz,
				vfio_list_kind(msl));
		if (ret < 0) {
			vfio_map_error(RTE_PTR_ADD(start, off),
				ms != NULL ? iova : 0, msl->page_sz, ret);
			vfio_unmap_pages(t, start, off);
			return ret;
		}
	}
	return 0;
}

static int
vfio_mem_hook(enum rte_mem_event event, const void *start, size_t len)
{
	struct vfio_dma_table *t = eal_vfio_default_table();

	/* only the process that turned mapping on (the primary) maps */
	if (!__atomic_load_n(&vfio_state.dma_on, __ATOMIC_ACQUIRE))
		return 0;
	if (event == RTE_MEM_EVENT_ALLOC)
		return vfio_map_pages(t, start, len);
	vfio_unmap_pages(t, start, len);
	return 0;
}

/* legacy lists: one entry per VA- and IOVA-contiguous run */
static int
vfio_map_run(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		size_t len, void *arg)
{
	uint64_t iova;
	int ret;

	if (msl->external || !vfio_page_iova(ms, &iova))
		return 0;
	ret = vfio_dma_map(arg, ms->addr_64, iova, len, VFIO_MAP_LEGACY);
	if (ret < 0) {
		vfio_map_error(ms->addr, iova, len, ret);
		return -1;
	}
	return 0;
}

/* dynamic lists and external heap memory: one entry per page */
static int
vfio_map_seg(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	bool legacy = eal_get_internal_configuration()->legacy_mem;

	if ((legacy && !msl->external) || (msl->external && !msl->heap))
		return 0;
	return vfio_map_pages(arg, ms->addr, ms->len) < 0 ? -1 : 0;
}

/* map all memory there is, then follow hot-plug; under the hotplug lock */
static int
vfio_dma_start(struct vfio_dma_table *t)
{
	int ret = 0;

	rte_mcfg_mem_read_lock();
	if (rte_memseg_walk_thread_unsafe(vfio_map_seg, t) != 0 ||
			(eal_get_internal_configuration()->legacy_mem &&
			rte_memseg_contig_walk_thread_unsafe(vfio_map_run,
				t) != 0)) {
		vfio_dma_unmap_all(t);
		ret = -ENOMEM;
	} else {
		__atomic_store_n(&vfio_state.dma_on, true, __ATOMIC_RELEASE);
	}
	rte_mcfg_mem_read_unlock();
	if (ret == 0)
		RTE_LOG(DEBUG, EAL, "vfio: %u IOMMU entries map EAL memory\n",
			vfio_dma_count(t));
	return ret;
}

static void
vfio_dma_stop(struct vfio_dma_table *t, bool unmap)
{
	rte_mcfg_mem_read_lock();
	__atomic_store_n(&vfio_state.dma_on, false, __ATOMIC_RELEASE);
	if (unmap)
		vfio_dma_unmap_all(t);
	rte_mcfg_mem_read_unlock();
}

/* ---------------------------------------------------------------------
 * tests: the default container on a fake type1 IOMMU
 * --------------------------------------------------------------------- */

int
eal_vfio_fake_attach(struct vfio_fake *f)
{
	struct vfio_container *c = &vfio_state.cont[VFIO_DEFAULT];
	int ret;

	if (vfio_state.enabled || !vfio_is_primary())
		return -EBUSY; /* a real container is in use */
	vfio_dma_table_init(&c->dma, &vfio_fake_ops, f, -1);
	ret = vfio_dma_table_probe(&c->dma);
	if (ret == 0) {
		eal_memalloc_dma_hook_set(vfio_mem_hook);
		ret = vfio_dma_start(&c->dma);
	}
	if (ret < 0) {
		eal_memalloc_dma_hook_set(NULL);
		vfio_dma_table_fini(&c->dma);
	}
	return ret;
}

int
eal_vfio_fake_detach(void)
{
	struct vfio_container *c = &vfio_state.cont[VFIO_DEFAULT];

	if (vfio_state.enabled || c->dma.ops != &vfio_fake_ops)
		return -EINVAL;
	vfio_dma_stop(&c->dma, true);
	eal_memalloc_dma_hook_set(NULL);
	vfio_dma_table_fini(&c->dma);
	return 0;
}

/* ---------------------------------------------------------------------
 * containers
 * --------------------------------------------------------------------- */

/* index of the container behind fd (-1 = the default), or -1 */
static int
vfio_cont_idx(int fd)
{
	unsigned int i;

	if (fd == RTE_VFIO_DEFAULT_CONTAINER_FD)
		return vfio_state.cont[VFIO_DEFAULT].used ? VFIO_DEFAULT : -1;
	for (i = 0; i < VFIO_MAX_CONTAINERS; i++)
		if (vfio_state.cont[i].used && vfio_state.cont[i].fd == fd)
			return (int)i;
	return -1;
}

static int
vfio_container_open(void)
{
	int fd, ret;

	fd = open(VFIO_CONTAINER_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = ioctl(fd, VFIO_GET_API_VERSION);
	if (ret != VFIO_API_VERSION) {
		RTE_LOG(ERR, EAL, "vfio: API version %d, expected %d\n", ret,
			VFIO_API_VERSION);
		close(fd);
		return -ENOTSUP;
	}
	return fd;
}

/* a slot for fd; the table is not ready until a group brings an IOMMU */
static int
vfio_cont_add(int idx, int fd)
{
	struct vfio_container *c;
	int i;

	if (idx < 0) {
		for (i = VFIO_DEFAULT + 1; i < VFIO_MAX_CONTAINERS; i++)
			if (!vfio_state.cont[i].used)
				break;
		if (i == VFIO_MAX_CONTAINERS)
			return -ENOSPC;
		idx = i;
	}
	c = &vfio_state.cont[idx];
	memset(c, 0, sizeof(*c));
	c->used = true;
	c->fd = fd;
	vfio_dma_table_init(&c->dma, &vfio_real_ops, NULL, fd);
	return idx;
}

/* type1v2 first: it refuses to split a mapping instead of doing it */
static int
vfio_set_iommu(struct vfio_container *c)
{
	static const int types[] = {
		VFIO_TYPE1v2_IOMMU, VFIO_TYPE1_IOMMU, RTE_VFIO_NOIOMMU,
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(types); i++) {
		if (ioctl(c->fd, VFIO_CHECK_EXTENSION, types[i]) <= 0)
			continue;
		if (ioctl(c->fd, VFIO_SET_IOMMU, types[i]) < 0) {
			/* a secondary finds it set by the primary: fine */
			if (errno == EBUSY || errno == EINVAL)
				continue;
			return -errno;
		}
		c->iommu_type = types[i];
		return 0;
	}
	return -ENOTSUP;
}

/* after the container's first group: IOMMU type, limits, EAL memory */
static int
vfio_cont_first_group(int idx)
{
	struct vfio_container *c = &vfio_state.cont[idx];
	int ret;

	ret = vfio_set_iommu(c);
	if (ret < 0 && !vfio_is_primary())
		ret = 0; /* the primary set it; probing tells the type */
	if (ret < 0)
		return ret;
	c->dma.noiommu = c->iommu_type == RTE_VFIO_NOIOMMU;
	if (c->dma.noiommu) {
		c->dma.ready = true;
		return 0;
	}
	ret = vfio_dma_table_probe(&c->dma);
	if (ret == 0 && idx == VFIO_DEFAULT && vfio_is_primary())
		ret = vfio_dma_start(&c->dma);
	return ret;
}

/* ---------------------------------------------------------------------
 * groups
 * --------------------------------------------------------------------- */

static struct vfio_group *
vfio_group_find(int num)
{
	unsigned int i;

	for (i = 0; i < VFIO_MAX_GROUPS; i++)
		if (vfio_state.groups[i].used &&
				vfio_state.groups[i].num == num)
			return &vfio_state.groups[i];
	return NULL;
}

/* the group of fd, or a free slot when fd is -1 */
static struct vfio_group *
vfio_group_find_fd(int fd)
{
	unsigned int i;

	for (i = 0; i < VFIO_MAX_GROUPS; i++) {
		struct vfio_group *g = &vfio_state.groups[i];

		if (fd < 0 ? !g->used : (g->used && g->fd == fd))
			return g;
	}
	return NULL;
}

/* open /dev/vfio/N (or noiommu-N) and check that it is viable */
static int
vfio_group_open_dev(int num)
{
	struct vfio_group_status st = { .argsz = sizeof(st) };
	char path[PATH_MAX];
	int fd;

	snprintf(path, sizeof(path), VFIO_GROUP_FMT, (unsigned int)num);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0 && errno == ENOENT) {
		snprintf(path, sizeof(path), VFIO_NOIOMMU_GROUP_FMT,
			(unsigned int)num);
		fd = open(path, O_RDWR | O_CLOEXEC);
	}
	if (fd < 0)
		return -errno;
	if (ioctl(fd, VFIO_GROUP_GET_STATUS, &st) < 0 ||
			!(st.flags & VFIO_GROUP_FLAGS_VIABLE)) {
		RTE_LOG(ERR, EAL, "vfio: group %d is not viable: bind every "
			"device of the group to vfio-pci\n", num);
		close(fd);
		return -EPERM;
	}
	return fd;
}

/* with vfio_state.lock held */
static struct vfio_group *
vfio_group_get_locked(int num, int *err)
{
	struct vfio_group *g = vfio_group_find(num);
	int fd;

	if (g != NULL)
		return g;
	g = vfio_group_find_fd(-1);
	if (g == NULL) {
		*err = -ENOSPC;
		return NULL;
	}
	fd = vfio_is_primary() ? vfio_group_open_dev(num) :
		vfio_mp_get_group_fd(num);
	if (fd < 0) {
		*err = fd;
		return NULL;
	}
	g->used = true;
	g->num = num;
	g->fd = fd;
	g->cont = -1;
	g->devices = 0;
	return g;
}

int
vfio_group_fd_get_or_open(int group_num)
{
	struct vfio_group *g;
	int err = 0;

	pthread_mutex_lock(&vfio_state.lock);
	g = vfio_group_get_locked(group_num, &err);
	pthread_mutex_unlock(&vfio_state.lock);
	return g != NULL ? g->fd : err;
}

/* attach g to container idx unless the group already is (secondary) */
static int
vfio_group_attach(struct vfio_group *g, int idx)
{
	struct vfio_group_status st = { .argsz = sizeof(st) };
	struct vfio_container *c = &vfio_state.cont[idx];
	int ret;

	if (g->cont == idx)
		return 0;
	if (g->cont >= 0)
		return -EBUSY;
	if (ioctl(g->fd, VFIO_GROUP_GET_STATUS, &st) < 0)
		return -errno;
	if (!(st.flags & VFIO_GROUP_FLAGS_CONTAINER_SET) &&
			ioctl(g->fd, VFIO_GROUP_SET_CONTAINER, &c->fd) < 0)
		return -errno;
	g->cont = idx;
	c->n_groups++;
	if (c->n_groups > 1 || c->dma.ready)
		return 0;
	ret = vfio_cont_first_group(idx);
	if (ret < 0) {
		ioctl(g->fd, VFIO_GROUP_UNSET_CONTAINER);
		g->cont = -1;
		c->n_groups--;
	}
	return ret;
}

static void
vfio_group_detach(struct vfio_group *g, bool unset)
{
	struct vfio_container *c;

	if (g->cont < 0)
		return;
	c = &vfio_state.cont[g->cont];
	/* the last group takes the IOMMU with it: forget its mappings */
	if (c->n_groups == 1) {
		if (g->cont == VFIO_DEFAULT && vfio_state.dma_on)
			vfio_dma_stop(&c->dma, true);
		vfio_dma_table_fini(&c->dma);
		vfio_dma_table_init(&c->dma, &vfio_real_ops, NULL, c->fd);
	}
	if (unset && vfio_is_primary())
		ioctl(g->fd, VFIO_GROUP_UNSET_CONTAINER);
	c->n_groups--;
	g->cont = -1;
}

static void
vfio_group_close(struct vfio_group *g)
{
	vfio_group_detach(g, true);
	close(g->fd);
	g->used = false;
	g->fd = -1;
	g->devices = 0;
}

/* ---------------------------------------------------------------------
 * public API: groups and devices
 * --------------------------------------------------------------------- */

static int
vfio_api_fail(const char *fn, int err)
{
	RTE_LOG(ERR, EAL, "%s(): %s\n", fn, strerror(-err));
	rte_errno = -err;
	return -1;
}

int
rte_vfio_get_group_num(const char *sysfs_base, const char *dev_addr,
		int *iommu_group_num)
{
	char link[PATH_MAX], target[PATH_MAX], *end;
	ssize_t n;
	long num;

	if (sysfs_base == NULL || dev_addr == NULL || iommu_group_num == NULL)
		return -1;
	snprintf(link, sizeof(link), "%s/%s/iommu_group", sysfs_base,
		dev_addr);
	n = readlink(link, target, sizeof(target) - 1);
	if (n < 0)
		return 0; /* no IOMMU group: not a VFIO device */
	target[n] = '\0';
	errno = 0;
	num = strtol(basename(target), &end, 10);
	if (errno != 0 || *end != '\0' || num < 0 || num > INT_MAX) {
		RTE_LOG(ERR, EAL, "vfio: cannot read the group of %s from "
			"%s\n", dev_addr, target);
		return -1;
	}
	*iommu_group_num = (int)num;
	return 1;
}

int
rte_vfio_get_group_fd(int iommu_group_num)
{
	int fd;

	if (!vfio_state.enabled)
		return vfio_api_fail(__func__, -ENODEV);
	fd = vfio_group_fd_get_or_open(iommu_group_num);
	return fd < 0 ? vfio_api_fail(__func__, fd) : fd;
}

int
rte_vfio_clear_group(int vfio_group_fd)
{
	struct vfio_group *g;

	pthread_mutex_lock(&vfio_state.lock);
	g = vfio_group_find_fd(vfio_group_fd < 0 ? INT_MAX : vfio_group_fd);
	if (g != NULL) {
		/* the caller owns the fd (and closes it), as in DPDK */
		vfio_group_detach(g, false);
		g->used = false;
		g->fd = -1;
		g->devices = 0;
	}
	pthread_mutex_unlock(&vfio_state.lock);
	return g == NULL ? vfio_api_fail(__func__, -ENOENT) : 0;
}

static int
vfio_device_open(struct vfio_group *g, const char *dev_addr,
		struct vfio_device_info *info)
{
	int fd;

	fd = ioctl(g->fd, VFIO_GROUP_GET_DEVICE_FD, dev_addr);
	if (fd < 0)
		return -errno;
	if (info != NULL) {
		memset(info, 0, sizeof(*info));
		info->argsz = sizeof(*info);
		if (ioctl(fd, VFIO_DEVICE_GET_INFO, info) < 0) {
			int err = errno;

			close(fd);
			return -err;
		}
	}
	g->devices++;
	return fd;
}

static int
vfio_setup_locked(int num, const char *dev_addr, int *dev_fd,
		struct vfio_device_info *info)
{
	struct vfio_group *g;
	int ret = 0, fd;

	g = vfio_group_get_locked(num, &ret);
	if (g == NULL)
		return ret;
	ret = vfio_group_attach(g, g->cont >= 0 ? g->cont : VFIO_DEFAULT);
	if (ret == 0) {
		fd = vfio_device_open(g, dev_addr, info);
		if (fd >= 0)
			*dev_fd = fd;
		ret = fd < 0 ? fd : 0;
	}
	if (ret < 0 && g->devices == 0)
		vfio_group_close(g);
	return ret;
}

int
rte_vfio_setup_device(const char *sysfs_base, const char *dev_addr,
		int *vfio_dev_fd, struct vfio_device_info *device_info)
{
	int num, ret;

	if (vfio_dev_fd == NULL)
		return vfio_api_fail(__func__, -EINVAL);
	ret = rte_vfio_get_group_num(sysfs_base, dev_addr, &num);
	if (ret <= 0) {
		if (ret == 0)
			RTE_LOG(WARNING, EAL, "vfio: %s has no IOMMU group, "
				"not managed by VFIO\n", dev_addr);
		return ret == 0 ? 1 : vfio_api_fail(__func__, -EINVAL);
	}
	if (!vfio_state.enabled)
		return vfio_api_fail(__func__, -ENODEV);
	pthread_mutex_lock(&vfio_state.lock);
	ret = vfio_setup_locked(num, dev_addr, vfio_dev_fd, device_info);
	pthread_mutex_unlock(&vfio_state.lock);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "vfio: cannot set up %s (group %d): %s\n",
			dev_addr, num, strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int
rte_vfio_release_device(const char *sysfs_base, const char *dev_addr,
		int fd)
{
	struct vfio_group *g;
	int num, ret;

	ret = rte_vfio_get_group_num(sysfs_base, dev_addr, &num);
	if (ret <= 0)
		return vfio_api_fail(__func__, -ENODEV);
	pthread_mutex_lock(&vfio_state.lock);
	g = vfio_group_find(num);
	if (g != NULL) {
		close(fd);
		if (--g->devices <= 0)
			vfio_group_close(g);
	}
	pthread_mutex_unlock(&vfio_state.lock);
	return g == NULL ? vfio_api_fail(__func__, -ENOENT) : 0;
}

/* ---------------------------------------------------------------------
 * public API: containers and user mappings
 * --------------------------------------------------------------------- */

int
rte_vfio_get_container_fd(void)
{
	if (!vfio_state.enabled)
		return vfio_api_fail(__func__, -ENODEV);
	return vfio_state.cont[VFIO_DEFAULT].fd;
}

int
rte_vfio_container_create(void)
{
	int fd, idx;

	fd = vfio_container_open();
	if (fd < 0)
		return vfio_api_fail(__func__, fd);
	pthread_mutex_lock(&vfio_state.lock);
	idx = vfio_cont_add(-1, fd);
	pthread_mutex_unlock(&vfio_state.lock);
	if (idx < 0) {
		close(fd);
		return vfio_api_fail(__func__, idx);
	}
	return fd;
}

int
rte_vfio_container_destroy(int container_fd)
{
	struct vfio_container *c;
	unsigned int i;
	int idx;

	pthread_mutex_lock(&vfio_state.lock);
	idx = vfio_cont_idx(container_fd);
	if (idx > VFIO_DEFAULT) {
		for (i = 0; i < VFIO_MAX_GROUPS; i++)
			if (vfio_state.groups[i].used &&
					vfio_state.groups[i].cont == idx)
				vfio_group_close(&vfio_state.groups[i]);
		c = &vfio_state.cont[idx];
		vfio_dma_table_fini(&c->dma);
		close(c->fd);
		c->used = false;
	}
	pthread_mutex_unlock(&vfio_state.lock);
	return idx > VFIO_DEFAULT ? 0 : vfio_api_fail(__func__, -EINVAL);
}

int
rte_vfio_container_group_bind(int container_fd, int iommu_group_num)
{
	struct vfio_group *g = NULL;
	int idx, ret = 0;

	pthread_mutex_lock(&vfio_state.lock);
	idx = vfio_cont_idx(container_fd);
	if (idx < 0)
		ret = -EINVAL;
	else
		g = vfio_group_get_locked(iommu_group_num, &ret);
	if (g != NULL) {
		ret = vfio_group_attach(g, idx);
		if (ret < 0 && g->devices == 0)
			vfio_group_close(g);
	}
	pthread_mutex_unlock(&vfio_state.lock);
	return ret < 0 ? vfio_api_fail(__func__, ret) : g->fd;
}

int
rte_vfio_container_group_unbind(int container_fd, int iommu_group_num)
{
	struct vfio_group *g;
	int idx, ret = 0;

	pthread_mutex_lock(&vfio_state.lock);
	idx = vfio_cont_idx(container_fd);
	g = vfio_group_find(iommu_group_num);
	if (idx < 0 || g == NULL || g->cont != idx)
		ret = -ENOENT;
	else
		vfio_group_close(g);
	pthread_mutex_unlock(&vfio_state.lock);
	return ret < 0 ? vfio_api_fail(__func__, ret) : 0;
}

/* the table of a container fd, probing it now if a group came meanwhile */
static struct vfio_dma_table *
vfio_user_table(int container_fd, int *err)
{
	struct vfio_dma_table *t = NULL;
	int idx;

	pthread_mutex_lock(&vfio_state.lock);
	idx = vfio_cont_idx(container_fd);
	if (idx < 0) {
		*err = -EINVAL;
	} else {
		t = &vfio_state.cont[idx].dma;
		if (!t->ready && vfio_state.cont[idx].n_groups == 0 &&
				idx == VFIO_DEFAULT && !vfio_is_primary())
			vfio_dma_table_probe(t);
		*err = t->ready ? 0 : -ENODEV;
	}
	pthread_mutex_unlock(&vfio_state.lock);
	return *err == 0 ? t : NULL;
}

int
rte_vfio_container_dma_map(int container_fd, uint64_t vaddr, uint64_t iova,
		uint64_t len)
{
	struct vfio_dma_table *t;
	int ret;

	t = vfio_user_table(container_fd, &ret);
	if (t != NULL)
		ret = vfio_dma_map(t, vaddr, iova, len, VFIO_MAP_USER);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "%s(): va 0x%" PRIx64 " iova 0x%" PRIx64
			" len 0x%" PRIx64 ": %s\n", __func__, vaddr, iova, len,
			ret == -EEXIST ? "overlaps another mapping" :
			ret == -ENODEV ? "no IOMMU: bind a group first" :
			ret == -ERANGE ? "IOVA outside the IOMMU's ranges" :
			strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int
rte_vfio_container_dma_unmap(int container_fd, uint64_t vaddr,
		uint64_t iova, uint64_t len)
{
	struct vfio_dma_table *t;
	int ret;

	RTE_SET_USED(vaddr);
	t = vfio_user_table(container_fd, &ret);
	if (t != NULL)
		ret = vfio_dma_unmap(t, iova, len, VFIO_MAP_USER);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "%s(): iova 0x%" PRIx64 " len 0x%" PRIx64
			": %s\n", __func__, iova, len,
			ret == -EINVAL ? "the range cuts a mapping (type1 "
			"unmaps whole mappings only)" :
			ret == -EPERM ? "EAL memory is unmapped by the EAL" :
			strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * enable, init and cleanup
 * --------------------------------------------------------------------- */

static bool
vfio_module_loaded(const char *modname)
{
	char path[PATH_MAX];

	snprintf(path, sizeof(path), "/sys/module/%s", modname);
	return access(path, F_OK) == 0;
}

int
rte_vfio_noiommu_is_enabled(void)
{
	char c = 'N';
	int fd, n;

	fd = open(VFIO_NOIOMMU_MODE, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 0 : -1;
	n = (int)read(fd, &c, 1);
	close(fd);
	if (n != 1)
		return -1;
	return c == 'Y' || c == 'y' || c == '1';
}

int
rte_vfio_is_enabled(const char *modname)
{
	return vfio_state.enabled && modname != NULL &&
		vfio_module_loaded(modname);
}

/* the default container: opened here, or the primary's for a secondary */
static int
vfio_default_open(void)
{
	int fd, idx;

	fd = vfio_is_primary() ? vfio_container_open() :
		vfio_mp_get_container_fd();
	if (fd < 0)
		return fd;
	pthread_mutex_lock(&vfio_state.lock);
	idx = vfio_cont_add(VFIO_DEFAULT, fd);
	pthread_mutex_unlock(&vfio_state.lock);
	return idx;
}

int
rte_vfio_enable(const char *modname)
{
	int ret;

	if (modname == NULL)
		return vfio_api_fail(__func__, -EINVAL);
	if (vfio_state.enabled)
		return 0;
	if (!vfio_module_loaded(modname)) {
		RTE_LOG(DEBUG, EAL, "vfio: module %s not loaded, VFIO not "
			"used\n", modname);
		return 0;
	}
	ret = vfio_default_open();
	if (ret < 0)
		return vfio_api_fail(__func__, ret);
	if (vfio_is_primary())
		eal_memalloc_dma_hook_set(vfio_mem_hook);
	vfio_state.enabled = true;
	RTE_LOG(DEBUG, EAL, "vfio: default container fd %d\n",
		vfio_state.cont[VFIO_DEFAULT].fd);
	return 0;
}

/* IOVA=VA lists beyond the IOMMU's reach: say so now, not at first DMA */
static int
vfio_list_reach(const struct rte_memseg_list *msl, void *arg)
{
	const unsigned int *bits = arg;
	uint64_t end = (uintptr_t)msl->base_va + msl->len;

	if (!msl->external && (end - 1) >> *bits != 0)
		RTE_LOG(WARNING, EAL, "vfio: memory at %p-0x%" PRIx64 " is "
			"beyond the IOMMU's %u-bit reach: its pages cannot be "
			"mapped for DMA; use --base-virtaddr lower or "
			"--iova-mode=pa\n", msl->base_va, end - 1, *bits);
	return 0;
}

static void
vfio_check_reach(void)
{
	unsigned int bits;
	bool need_pa;

	if (rte_eal_iova_mode() != RTE_IOVA_VA ||
			eal_vfio_iova_constraints(&need_pa, &bits) < 0 ||
			bits == 0 || bits >= 64)
		return;
	rte_memseg_list_walk(vfio_list_reach, &bits);
}

int
eal_vfio_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	int ret;

	/* no VFIO on this machine: nothing to do, nothing to pay */
	if (access(VFIO_CONTAINER_PATH, F_OK) != 0)
		return 0;
	if (vfio_is_primary() && !cfg->no_shconf) {
		ret = vfio_mp_register();
		if (ret < 0)
			return ret;
	}
	if (vfio_is_primary())
		vfio_check_reach();
	if (rte_vfio_enable("vfio") < 0) {
		/* e.g. not root: the EAL works on, devices cannot use VFIO */
		RTE_LOG(WARNING, EAL, "vfio: %s exists but cannot be used: "
			"%s; VFIO devices will not work\n",
			VFIO_CONTAINER_PATH, rte_strerror(rte_errno));
	}
	return 0;
}

void
eal_vfio_cleanup(void)
{
	struct vfio_container *c;
	unsigned int i;

	pthread_mutex_lock(&vfio_state.lock);
	for (i = 0; i < VFIO_MAX_GROUPS; i++)
		if (vfio_state.groups[i].used)
			vfio_group_close(&vfio_state.groups[i]);
	if (vfio_state.enabled)
		eal_memalloc_dma_hook_set(NULL);
	for (i = 0; i < VFIO_MAX_CONTAINERS; i++) {
		c = &vfio_state.cont[i];
		if (!c->used)
			continue;
		vfio_dma_table_fini(&c->dma);
		close(c->fd);
		c->used = false;
	}
	vfio_state.enabled = false;
	pthread_mutex_unlock(&vfio_state.lock);
	vfio_mp_unregister();
}

/* ---------------------------------------------------------------------
 * what VFIO asks of the IOVA mode
 * --------------------------------------------------------------------- */

/* narrowest address width of the Intel IOMMUs (MGAW of their cap reg) */
static unsigned int
vfio_iommu_width(void)
{
	char path[PATH_MAX];
	struct dirent *de;
	unsigned long long cap;
	unsigned int w, width = 0;
	DIR *d = opendir("/sys/class/iommu");
	FILE *f;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path),
			"/sys/class/iommu/%s/intel-iommu/cap", de->d_name);
		f = fopen(path, "r");
		if (f == NULL)
			continue;
		if (fscanf(f, "%llx", &cap) == 1) {
			w = (unsigned int)((cap >> 16) & 0x3f) + 1;
			if (width == 0 || w < width)
				width = w;
		}
		fclose(f);
	}
	closedir(d);
	return width;
}

int
eal_vfio_iova_constraints(bool *need_pa, unsigned int *va_bits)
{
	*need_pa = false;
	*va_bits = 0;
	if (access(VFIO_CONTAINER_PATH, F_OK) != 0)
		return -ENODEV;
	*need_pa = rte_vfio_noiommu_is_enabled() == 1;
	if (!*need_pa)
		*va_bits = vfio_iommu_width();
	return 0;
}

/* where IOVA=VA memory goes when the IOMMU is narrower than the VA space */
#define VFIO_VA_BASE (UINT64_C(1) << 32)
#define VFIO_CPU_VA_BITS 47

static int
vfio_iova_noiommu(struct internal_config *cfg, bool phys)
{
	if (cfg->iova_mode == RTE_IOVA_VA) {
		RTE_LOG(ERR, EAL, "option --iova-mode: va is impossible: VFIO "
			"runs in no-IOMMU mode (%s), where devices see "
			"physical addresses; use --iova-mode=pa (as root)\n",
			VFIO_NOIOMMU_MODE);
		return -EINVAL;
	}
	if (phys)
		cfg->iova_mode = RTE_IOVA_PA;
	else
		RTE_LOG(WARNING, EAL, "vfio: no-IOMMU mode needs physical "
			"addresses, which this process cannot read (not "
			"root?): devices will not be able to DMA\n");
	return 0;
}

int
eal_vfio_iova_select(struct internal_config *cfg, bool phys)
{
	unsigned int bits;
	bool need_pa;

	if (eal_vfio_iova_constraints(&need_pa, &bits) < 0)
		return 0;
	if (need_pa)
		return vfio_iova_noiommu(cfg, phys);
	if (bits == 0 || bits >= VFIO_CPU_VA_BITS ||
			cfg->iova_mode == RTE_IOVA_PA)
		return 0;
	if (cfg->base_virtaddr == 0) {
		/* the kernel would place memory near the top of 47 bits */
		cfg->base_virtaddr = VFIO_VA_BASE;
		RTE_LOG(INFO, EAL, "vfio: the IOMMU reaches %u bits of IOVA: "
			"EAL memory is reserved from 0x%" PRIx64 " so that "
			"IOVA=VA stays within reach\n", bits, VFIO_VA_BASE);
	} else if (cfg->base_virtaddr >> bits != 0) {
		RTE_LOG(ERR, EAL, "option --base-virtaddr: 0x%" PRIxPTR " is "
			"beyond the IOMMU's %u-bit reach; use a lower address "
			"or --iova-mode=pa\n", cfg->base_virtaddr, bits);
		return -EINVAL;
	}
	return 0;
}
