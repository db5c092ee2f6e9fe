/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Portable threads of DPDK 22.11: create, join and detach threads whose
 * function returns a 32-bit value, their CPU affinity and scheduling
 * priority, and thread-local keys. On Linux these are thin wrappers of
 * pthreads; the EAL's lcore threads are ordinary threads for them.
 *
 * Functions returning int give 0 on success and a positive errno value
 * on failure, except the key functions, which return -1 and set
 * rte_errno, as in DPDK.
 */
#ifndef _RTE_THREAD_H_
#define _RTE_THREAD_H_

#include <stdint.h>

#include <rte_compat.h>
#include <rte_os.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A thread's identity. */
typedef struct {
	uintptr_t opaque_id; /**< the OS thread handle */
} rte_thread_t;

/** What a thread runs; its return value reaches rte_thread_join(). */
typedef uint32_t (*rte_thread_func) (void *arg);

/** Scheduling priority of a thread. */
enum rte_thread_priority {
	RTE_THREAD_PRIORITY_NORMAL = 0,
	/**< the default time-shared scheduling */
	RTE_THREAD_PRIORITY_REALTIME_CRITICAL = 1,
	/**< real-time round-robin at the highest priority: can starve the
	 * rest of the system, use with care (needs CAP_SYS_NICE) */
};

/** How rte_thread_create() starts a thread. */
typedef struct {
	enum rte_thread_priority priority; /**< its priority */
#ifdef RTE_HAS_CPUSET
	rte_cpuset_t cpuset; /**< its CPUs; empty for the creator's */
#endif
} rte_thread_attr_t;

/** A thread-local storage key. */
typedef struct eal_tls_key *rte_thread_key;

/**
 * Start a thread running thread_func(arg).
 *
 * @param thread_id
 *   Set to the new thread's identity.
 * @param thread_attr
 *   Priority and CPUs, or NULL for the defaults.
 * @return
 *   0, or a positive errno value (EINVAL for a NULL thread_id or
 *   thread_func, EAGAIN, EPERM for a priority the caller may not set).
 */
__rte_experimental
int rte_thread_create(rte_thread_t *thread_id,
		const rte_thread_attr_t *thread_attr,
		rte_thread_func thread_func, void *arg);

/**
 * Wait for a thread to end.
 *
 * @param value_ptr
 *   If not NULL, set to what its function returned.
 * @return
 *   0, or a positive errno value (ESRCH, EINVAL, EDEADLK).
 */
__rte_experimental
int rte_thread_join(rte_thread_t thread_id, uint32_t *value_ptr);

/**
 * Let a thread's resources go when it ends; it cannot be joined then.
 *
 * @return
 *   0, or a positive errno value.
 */
__rte_experimental
int rte_thread_detach(rte_thread_t thread_id);

/** @return the calling thread's identity. */
__rte_experimental
rte_thread_t rte_thread_self(void);

/** @return non-zero if t1 and t2 are the same thread, 0 otherwise. */
__rte_experimental
int rte_thread_equal(rte_thread_t t1, rte_thread_t t2);

/**
 * Set attributes to the defaults: normal priority, no CPU set.
 *
 * @return
 *   0, or EINVAL for a NULL attr.
 */
__rte_experimental
int rte_thread_attr_init(rte_thread_attr_t *attr);

/**
 * Set the priority a thread will be created with.
 *
 * @return
 *   0, or EINVAL.
 */
__rte_experimental
int rte_thread_attr_set_priority(rte_thread_attr_t *thread_attr,
		enum rte_thread_priority priority);

#ifdef RTE_HAS_CPUSET

/**
 * Set the CPUs a thread will be created on.
 *
 * @return
 *   0, or EINVAL.
 */
__rte_experimental
int rte_thread_attr_set_affinity(rte_thread_attr_t *thread_attr,
		rte_cpuset_t *cpuset);

/**
 * Read the CPUs set with rte_thread_attr_set_affinity().
 *
 * @return
 *   0, or EINVAL.
 */
__rte_experimental
int rte_thread_attr_get_affinity(rte_thread_attr_t *thread_attr,
		rte_cpuset_t *cpuset);

/**
 * Pin a thread to a set of CPUs.
 *
 * @return
 *   0, or a positive errno value (EINVAL for an empty or impossible set).
 */
__rte_experimental
int rte_thread_set_affinity_by_id(rte_thread_t thread_id,
		const rte_cpuset_t *cpuset);

/**
 * The CPUs a thread may run on.
 *
 * @return
 *   0, or a positive errno value.
 */
__rte_experimental
int rte_thread_get_affinity_by_id(rte_thread_t thread_id,
		rte_cpuset_t *cpuset);

/**
 * Pin the calling thread to a set of CPUs and update its NUMA node as
 * the EAL sees it (rte_socket_id()).
 *
 * @return
 *   0 on success, -1 on failure.
 */
int rte_thread_set_affinity(rte_cpuset_t *cpusetp);

/**
 * The CPUs the calling thread is pinned to, as last set through the EAL.
 */
void rte_thread_get_affinity(rte_cpuset_t *cpusetp);

#endif /* RTE_HAS_CPUSET */

/**
 * A thread's priority.
 *
 * @return
 *   0, or a positive errno value.
 */
__rte_experimental
int rte_thread_get_priority(rte_thread_t thread_id,
		enum rte_thread_priority *priority);

/**
 * Change a thread's priority.
 *
 * @return
 *   0, or a positive errno value (EPERM without the privilege for
 *   RTE_THREAD_PRIORITY_REALTIME_CRITICAL, EINVAL).
 */
__rte_experimental
int rte_thread_set_priority(rte_thread_t thread_id,
		enum rte_thread_priority priority);

/**
 * Create a thread-local storage key.
 *
 * @param key
 *   Set to the new key.
 * @param destructor
 *   Called with a thread's non-NULL value when the thread ends, or NULL.
 * @return
 *   0; -1 with rte_errno EINVAL (NULL key), ENOMEM, or ENOEXEC (no key
 *   left).
 */
__rte_experimental
int rte_thread_key_create(rte_thread_key *key,
		void (*destructor)(void *));

/**
 * Delete a key; the threads' values are not destructed.
 *
 * @return
 *   0; -1 with rte_errno EINVAL or ENOEXEC.
 */
__rte_experimental
int rte_thread_key_delete(rte_thread_key key);

/**
 * Set the calling thread's value of a key.
 *
 * @return
 *   0; -1 with rte_errno EINVAL or ENOEXEC.
 */
__rte_experimental
int rte_thread_value_set(rte_thread_key key, const void *value);

/**
 * @return the calling thread's value of a key, NULL if none was set;
 *   NULL with rte_errno EINVAL for a NULL key.
 */
__rte_experimental
void *rte_thread_value_get(rte_thread_key key);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_THREAD_H_ */
