/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_INTERRUPTS_H_
#define _RTE_INTERRUPTS_H_

/**
 * @file
 *
 * Interrupt handles and their callbacks: a handle wraps a file
 * descriptor; callbacks registered on it run on the EAL interrupt thread
 * each time the descriptor becomes readable.
 *
 * This is the part of the DPDK interface that does not need a device
 * bound to UIO or VFIO: handles of type RTE_INTR_HANDLE_EXT (any fd the
 * application or a driver owns, an eventfd for instance) and
 * RTE_INTR_HANDLE_VDEV. Per-queue receive interrupts (rte_epoll, event
 * vectors) are not provided.
 */

#include <stdbool.h>
#include <stdint.h>

#include <rte_bitops.h>
#include <rte_common.h>
#include <rte_compat.h>

#ifdef __cplusplus
extern "C" {
#endif

/** An interrupt handle (opaque). */
struct rte_intr_handle;

/** Handle memory comes from the process heap (rte_intr_instance_alloc). */
#define RTE_INTR_INSTANCE_F_PRIVATE UINT32_C(0)
/** Handle memory comes from shared memory (rte_malloc). */
#define RTE_INTR_INSTANCE_F_SHARED RTE_BIT32(0)

/** Kind of source behind a handle. */
enum rte_intr_handle_type {
	RTE_INTR_HANDLE_UNKNOWN = 0, /**< not set */
	RTE_INTR_HANDLE_UIO,         /**< uio device */
	RTE_INTR_HANDLE_UIO_INTX,    /**< uio generic */
	RTE_INTR_HANDLE_VFIO_LEGACY, /**< vfio INTx */
	RTE_INTR_HANDLE_VFIO_MSI,    /**< vfio MSI */
	RTE_INTR_HANDLE_VFIO_MSIX,   /**< vfio MSI-X */
	RTE_INTR_HANDLE_ALARM,       /**< alarm timer */
	RTE_INTR_HANDLE_EXT,         /**< descriptor owned by the caller */
	RTE_INTR_HANDLE_VDEV,        /**< virtual device */
	RTE_INTR_HANDLE_DEV_EVENT,   /**< device event */
	RTE_INTR_HANDLE_VFIO_REQ,    /**< vfio device request */
	RTE_INTR_HANDLE_MAX          /**< count of types */
};

/** A callback run on the interrupt thread. */
typedef void (*rte_intr_callback_fn)(void *cb_arg);

/** Called once a callback queued for removal is gone. */
typedef void (*rte_intr_unregister_callback_fn)(
		struct rte_intr_handle *intr_handle, void *cb_arg);

/**
 * Run cb(cb_arg) on the interrupt thread whenever the handle's file
 * descriptor is readable. Several callbacks may share a handle; the
 * same (cb, cb_arg) pair twice is refused.
 *
 * For RTE_INTR_HANDLE_EXT handles the callback must consume the event
 * (read the descriptor), or it is called again at once.
 *
 * @param intr_handle
 *   Handle with a valid file descriptor.
 * @param cb
 *   Function to call.
 * @param cb_arg
 *   Its argument.
 * @return
 *   0 on success; -EINVAL (bad handle or fd, NULL cb), -EEXIST, -ENOMEM,
 *   or -errno when the interrupt thread cannot be started.
 */
int rte_intr_callback_register(const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb, void *cb_arg);

/**
 * Remove callbacks of a handle. A cb_arg of (void *)-1 matches any
 * argument. Fails with -EAGAIN while one of them is running (call again
 * later, or use rte_intr_callback_unregister_sync()).
 *
 * @return
 *   The number of callbacks removed (> 0), -ENOENT if none matched,
 *   -EINVAL, -EAGAIN.
 */
int rte_intr_callback_unregister(const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb, void *cb_arg);

/**
 * Like rte_intr_callback_unregister(), but a running callback is marked
 * for removal and removed by the interrupt thread once it returns;
 * ucb_fn (if not NULL) is then called with the handle and argument.
 *
 * @return
 *   The number of callbacks removed or marked, -ENOENT, -EINVAL.
 */
int rte_intr_callback_unregister_pending(
		const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb_fn, void *cb_arg,
		rte_intr_unregister_callback_fn ucb_fn);

/**
 * Like rte_intr_callback_unregister(), waiting while a matching callback
 * runs. Must not be called from the interrupt thread.
 *
 * @return
 *   The number of callbacks removed, -ENOENT, -EINVAL.
 */
__rte_experimental
int rte_intr_callback_unregister_sync(
		const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb, void *cb_arg);

/**
 * Enable the interrupt of a handle.
 *
 * @return
 *   0 for RTE_INTR_HANDLE_VDEV handles (always enabled); -1 for other
 *   types, which need a UIO/VFIO device this EAL does not drive.
 */
int rte_intr_enable(const struct rte_intr_handle *intr_handle);

/** Disable the interrupt of a handle; same results as rte_intr_enable(). */
int rte_intr_disable(const struct rte_intr_handle *intr_handle);

/** Acknowledge an interrupt; same results as rte_intr_enable(). */
int rte_intr_ack(const struct rte_intr_handle *intr_handle);

/**
 * Tell whether the caller runs on the interrupt thread.
 *
 * @return
 *   1 on the interrupt thread, 0 elsewhere.
 */
int rte_thread_is_intr(void);

/**
 * Allocate a handle (type UNKNOWN, fd -1).
 *
 * @param flags
 *   RTE_INTR_INSTANCE_F_PRIVATE or RTE_INTR_INSTANCE_F_SHARED.
 * @return
 *   The handle, or NULL with rte_errno set (EINVAL, ENOMEM).
 */
struct rte_intr_handle *rte_intr_instance_alloc(uint32_t flags);

/**
 * Free a handle allocated by rte_intr_instance_alloc(). NULL is ignored.
 * Its callbacks must have been unregistered first.
 */
void rte_intr_instance_free(struct rte_intr_handle *intr_handle);

/**
 * Set the file descriptor of a handle.
 *
 * @return
 *   0, or -EINVAL (rte_errno set) for a NULL handle.
 */
int rte_intr_fd_set(struct rte_intr_handle *intr_handle, int fd);

/**
 * File descriptor of a handle.
 *
 * @return
 *   The fd, or -1 (rte_errno = EINVAL) for a NULL handle.
 */
int rte_intr_fd_get(const struct rte_intr_handle *intr_handle);

/**
 * Set the type of a handle.
 *
 * @return
 *   0, or -EINVAL (rte_errno set) for a NULL handle or a bad type.
 */
int rte_intr_type_set(struct rte_intr_handle *intr_handle,
		enum rte_intr_handle_type type);

/**
 * Type of a handle.
 *
 * @return
 *   The type, or RTE_INTR_HANDLE_UNKNOWN (rte_errno = EINVAL) for NULL.
 */
enum rte_intr_handle_type
rte_intr_type_get(const struct rte_intr_handle *intr_handle);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_INTERRUPTS_H_ */
