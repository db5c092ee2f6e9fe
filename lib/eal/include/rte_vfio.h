/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * VFIO helpers of the EAL (Linux): containers, IOMMU groups, devices and
 * the DMA mappings that let a device reach memory.
 *
 * The default container is opened by rte_eal_init() when /dev/vfio/vfio
 * exists. Once its first group is attached, every page of EAL memory is
 * mapped into its IOMMU and every page plugged or unplugged later is mapped
 * before the heap can hand it out and unmapped before it is released.
 * Containers made with rte_vfio_container_create() only hold what the
 * application maps into them with rte_vfio_container_dma_map().
 */
#ifndef RTE_VFIO_H
#define RTE_VFIO_H

#include <stdbool.h>
#include <stdint.h>

#include <rte_compat.h>
#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

#if !defined(VFIO_PRESENT) && defined(RTE_EXEC_ENV_LINUX)
#define VFIO_PRESENT
#endif

#ifdef VFIO_PRESENT

#include <linux/vfio.h>

/** Directory of the VFIO character devices. */
#define VFIO_DIR "/dev/vfio"
/** The container device. */
#define VFIO_CONTAINER_PATH "/dev/vfio/vfio"
/** Format of an IOMMU group's device path, from its number. */
#define VFIO_GROUP_FMT "/dev/vfio/%u"
/** Format of a group's device path in no-IOMMU mode. */
#define VFIO_NOIOMMU_GROUP_FMT "/dev/vfio/noiommu-%u"
/** Offset in a device fd of region x (vfio-pci's layout). */
#define VFIO_GET_REGION_ADDR(x) ((uint64_t)(x) << 40ULL)
/** Region index of a device fd offset (vfio-pci's layout). */
#define VFIO_GET_REGION_IDX(x) ((x) >> 40)
/** Module parameter that enables VFIO's unsafe no-IOMMU mode. */
#define VFIO_NOIOMMU_MODE \
	"/sys/module/vfio/parameters/enable_unsafe_noiommu_mode"

/** IOMMU type of the no-IOMMU mode. */
#ifdef VFIO_NOIOMMU_IOMMU
#define RTE_VFIO_NOIOMMU VFIO_NOIOMMU_IOMMU
#else
#define RTE_VFIO_NOIOMMU 8
#endif

/** Flag of region info telling that a capability chain follows. */
#ifdef VFIO_REGION_INFO_FLAG_CAPS
#define RTE_VFIO_INFO_FLAG_CAPS VFIO_REGION_INFO_FLAG_CAPS
#define VFIO_CAP_OFFSET(x) ((x)->cap_offset)
#else
#define RTE_VFIO_INFO_FLAG_CAPS (1 << 3)
#define VFIO_CAP_OFFSET(x) ((x)->resv)
#endif

/** Region capability: the BAR holding the MSI-X table may be mmap'ed. */
#ifdef VFIO_REGION_INFO_CAP_MSIX_MAPPABLE
#define RTE_VFIO_CAP_MSIX_MAPPABLE VFIO_REGION_INFO_CAP_MSIX_MAPPABLE
#else
#define RTE_VFIO_CAP_MSIX_MAPPABLE 3
#endif

#else /* !VFIO_PRESENT */

/* only pointers to it are used */
struct vfio_device_info;

#endif /* VFIO_PRESENT */

/** Stands for the default container in the rte_vfio_container_*() calls. */
#define RTE_VFIO_DEFAULT_CONTAINER_FD (-1)

/**
 * Open a device through VFIO: find its IOMMU group, open the group (or
 * reuse it), attach it to its container (the default one unless the group
 * was bound elsewhere with rte_vfio_container_group_bind()), choose the
 * IOMMU type and map all EAL memory when it is the container's first
 * group, then get the device fd and its info.
 *
 * @param sysfs_base
 *   sysfs directory of the bus' devices, e.g. "/sys/bus/pci/devices".
 * @param dev_addr
 *   the device's name under sysfs_base, e.g. "0000:00:04.0".
 * @param vfio_dev_fd
 *   receives the device fd.
 * @param device_info
 *   receives VFIO_DEVICE_GET_INFO's answer.
 * @return
 *   0 on success, <0 on failure (rte_errno set), 1 if the device is not
 *   bound to a VFIO driver (nothing done).
 */
int rte_vfio_setup_device(const char *sysfs_base, const char *dev_addr,
		int *vfio_dev_fd, struct vfio_device_info *device_info);

/**
 * Close a device fd got from rte_vfio_setup_device(); the group is closed
 * and detached from its container when its last device goes.
 *
 * @param sysfs_base
 *   sysfs directory of the bus' devices.
 * @param dev_addr
 *   the device's name under sysfs_base.
 * @param fd
 *   the device fd.
 * @return
 *   0 on success, <0 on failure (rte_errno set).
 */
int rte_vfio_release_device(const char *sysfs_base, const char *dev_addr,
		int fd);

/**
 * Make sure VFIO can be used: the kernel module modname is loaded and the
 * default container is open.
 *
 * @param modname
 *   kernel module to check, e.g. "vfio" or "vfio_pci".
 * @return
 *   0 on success, <0 on failure (rte_errno set).
 */
int rte_vfio_enable(const char *modname);

/**
 * Whether VFIO was enabled with the module modname loaded.
 *
 * @param modname
 *   kernel module name.
 * @return
 *   1 if enabled, 0 otherwise.
 */
int rte_vfio_is_enabled(const char *modname);

/**
 * Whether VFIO runs in its unsafe no-IOMMU mode.
 *
 * @return
 *   1 if so, 0 if not, <0 if it cannot be told.
 */
int rte_vfio_noiommu_is_enabled(void);

/**
 * Forget a group fd: drop it from the group table (and its container's
 * bookkeeping). The caller keeps the fd and closes it.
 *
 * @param vfio_group_fd
 *   the group fd.
 * @return
 *   0 on success, <0 on failure (rte_errno set).
 */
int rte_vfio_clear_group(int vfio_group_fd);

/**
 * Find the IOMMU group of a device.
 *
 * @param sysfs_base
 *   sysfs directory of the bus' devices.
 * @param dev_addr
 *   the device's name under sysfs_base.
 * @param iommu_group_num
 *   receives the group number.
 * @return
 *   1 when found, 0 if the device has no IOMMU group, <0 on error.
 */
int rte_vfio_get_group_num(const char *sysfs_base, const char *dev_addr,
		int *iommu_group_num);

/**
 * The default container's fd (a secondary process gets it from the
 * primary).
 *
 * @return
 *   the fd, or <0 on failure (rte_errno set).
 */
int rte_vfio_get_container_fd(void);

/**
 * The fd of an IOMMU group, opened if it is not open yet.
 *
 * @param iommu_group_num
 *   the group number.
 * @return
 *   the fd, or <0 on failure (rte_errno set).
 */
int rte_vfio_get_group_fd(int iommu_group_num);

/**
 * Open a new, empty container. EAL memory is not mapped into it: the
 * application maps what its devices need with rte_vfio_container_dma_map().
 * It is private to the calling process.
 *
 * @return
 *   the container fd, or <0 on failure (rte_errno set).
 */
int rte_vfio_container_create(void);

/**
 * Close a container made by rte_vfio_container_create(), unbinding its
 * groups first.
 *
 * @param container_fd
 *   the container fd.
 * @return
 *   0 on success, <0 on failure (rte_errno set).
 */
int rte_vfio_container_destroy(int container_fd);

/**
 * Open an IOMMU group and attach it to a container.
 *
 * @param container_fd
 *   the container fd.
 * @param iommu_group_num
 *   the group number.
 * @return
 *   the group fd, or <0 on failure (rte_errno set).
 */
int rte_vfio_container_group_bind(int container_fd, int iommu_group_num);

/**
 * Detach an IOMMU group from a container and close it.
 *
 * @param container_fd
 *   the container fd.
 * @param iommu_group_num
 *   the group number.
 * @return
 *   0 on success, <0 on failure (rte_errno set).
 */
int rte_vfio_container_group_unbind(int container_fd, int iommu_group_num);

/**
 * Map vaddr..vaddr+len-1 at iova in a container's IOMMU. The mapping is
 * one IOMMU entry: it can only be unmapped whole. Mapping exactly what is
 * already mapped succeeds (and must be unmapped as many times); any other
 * overlap fails with EEXIST.
 *
 * @param container_fd
 *   the container fd, or RTE_VFIO_DEFAULT_CONTAINER_FD.
 * @param vaddr
 *   start of the memory (page aligned).
 * @param iova
 *   IO address to map it at (page aligned, inside the IOMMU's ranges).
 * @param len
 *   length (page aligned).
 * @return
 *   0 on success, <0 on failure with rte_errno set: EEXIST (overlap),
 *   ENOSPC (no IOMMU entry left), ERANGE (IOVA out of the IOMMU's reach),
 *   EINVAL (bad arguments), ENODEV (no IOMMU set up yet).
 */
int rte_vfio_container_dma_map(int container_fd, uint64_t vaddr,
		uint64_t iova, uint64_t len);

/**
 * Unmap what rte_vfio_container_dma_map() mapped. The range must cover
 * whole mappings (type1 IOMMUs cannot split one).
 *
 * @param container_fd
 *   the container fd, or RTE_VFIO_DEFAULT_CONTAINER_FD.
 * @param vaddr
 *   start of the memory.
 * @param iova
 *   IO address it was mapped at.
 * @param len
 *   length.
 * @return
 *   0 on success, <0 on failure with rte_errno set: EINVAL (the range
 *   cuts a mapping or does not match), ENOENT (nothing mapped there),
 *   EPERM (EAL memory, which the EAL maps itself).
 */
int rte_vfio_container_dma_unmap(int container_fd, uint64_t vaddr,
		uint64_t iova, uint64_t len);

#ifdef __cplusplus
}
#endif

#endif /* RTE_VFIO_H */
