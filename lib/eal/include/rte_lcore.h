/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_LCORE_H_
#define _RTE_LCORE_H_

/**
 * @file
 *
 * Logical cores (lcores): the EAL threads, each pinned to a set of CPUs and
 * known by a small integer id, plus control threads and threads that an
 * application registers itself.
 */

#include <pthread.h>
#include <sched.h>
#include <stdio.h>

#include <rte_config.h>
#include <rte_os.h>
#include <rte_per_lcore.h>
#include <rte_eal.h>
#include <rte_launch.h>

#ifdef __cplusplus
extern "C" {
#endif

#ifndef RTE_HAS_CPUSET
/** A set of CPUs. */
typedef cpu_set_t rte_cpuset_t;
#define RTE_HAS_CPUSET
#endif

#ifdef __cplusplus
}
#endif

/* rte_thread_set_affinity() and rte_thread_get_affinity() live there */
#include <rte_thread.h>

#ifdef __cplusplus
extern "C" {
#endif

/** lcore id of a thread that is not an EAL lcore. */
#define LCORE_ID_ANY UINT32_MAX

RTE_DECLARE_PER_LCORE(unsigned int, _lcore_id); /**< lcore id of this thread */

/** What an lcore id is used for. */
enum rte_lcore_role_t {
	ROLE_RTE,     /**< an EAL lcore (-l, -c, --lcores) */
	ROLE_OFF,     /**< unused */
	ROLE_SERVICE, /**< a service core */
	ROLE_NON_EAL, /**< a thread registered with rte_thread_register() */
};

/**
 * Role of an lcore id.
 *
 * @param lcore_id
 *   The lcore.
 * @return
 *   Its role; ROLE_OFF when lcore_id is out of range.
 */
enum rte_lcore_role_t rte_eal_lcore_role(unsigned int lcore_id);

/**
 * Test the role of an lcore.
 *
 * @param lcore_id
 *   The lcore.
 * @param role
 *   The role to test.
 * @return
 *   1 if lcore_id has that role, 0 if not, -EINVAL if lcore_id is invalid.
 */
int rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role);

/**
 * lcore id of the calling thread.
 *
 * @return
 *   The id, or LCORE_ID_ANY for a thread that is no lcore.
 */
static inline unsigned int
rte_lcore_id(void)
{
	return RTE_PER_LCORE(_lcore_id);
}

/**
 * The main lcore: the one rte_eal_init() ran on.
 *
 * @return
 *   Its id.
 */
unsigned int rte_get_main_lcore(void);

/**
 * Number of enabled lcores (EAL and registered threads).
 *
 * @return
 *   The count.
 */
unsigned int rte_lcore_count(void);

/**
 * Rank of an lcore among the enabled ones, counting from 0.
 *
 * @param lcore_id
 *   The lcore, or -1 for the caller.
 * @return
 *   The rank, or -1 if lcore_id is not enabled.
 */
int rte_lcore_index(int lcore_id);

/**
 * NUMA node of the CPU the caller runs on.
 *
 * @return
 *   The node id, or SOCKET_ID_ANY when unknown.
 */
unsigned int rte_socket_id(void);

/**
 * Number of NUMA nodes that have CPUs.
 *
 * @return
 *   The count.
 */
unsigned int rte_socket_count(void);

/**
 * NUMA node id by its rank (0 .. rte_socket_count() - 1).
 *
 * @param idx
 *   The rank.
 * @return
 *   The node id, or -1 with rte_errno = EINVAL when idx is out of range.
 */
int rte_socket_id_by_idx(unsigned int idx);

/**
 * NUMA node of an lcore.
 *
 * @param lcore_id
 *   The lcore.
 * @return
 *   The node id.
 */
unsigned int rte_lcore_to_socket_id(unsigned int lcore_id);

/**
 * First CPU of an lcore.
 *
 * @param lcore_id
 *   The lcore.
 * @return
 *   The CPU id, or -1 if lcore_id is out of range.
 */
int rte_lcore_to_cpu_id(int lcore_id);

/**
 * CPUs an lcore is pinned to.
 *
 * @param lcore_id
 *   The lcore.
 * @return
 *   The set (empty if lcore_id is out of range).
 */
rte_cpuset_t rte_lcore_cpuset(unsigned int lcore_id);

/**
 * Test whether an lcore is enabled.
 *
 * @param lcore_id
 *   The lcore.
 * @return
 *   1 if it is an EAL lcore, 0 otherwise.
 */
int rte_lcore_is_enabled(unsigned int lcore_id);

/**
 * Next enabled lcore after i.
 *
 * @param i
 *   Start after this lcore; (unsigned int)-1 to start from the first.
 * @param skip_main
 *   Skip the main lcore.
 * @param wrap
 *   Wrap around to the first lcore after the last one.
 * @return
 *   The next lcore id, or RTE_MAX_LCORE when there is none.
 */
unsigned int rte_get_next_lcore(unsigned int i, int skip_main, int wrap);

/** Iterate over every enabled lcore. */
#define RTE_LCORE_FOREACH(i) \
	for ((i) = rte_get_next_lcore(-1, 0, 0); \
	     (i) < RTE_MAX_LCORE; \
	     (i) = rte_get_next_lcore((i), 0, 0))

/** Iterate over every enabled lcore except the main one. */
#define RTE_LCORE_FOREACH_WORKER(i) \
	for ((i) = rte_get_next_lcore(-1, 1, 0); \
	     (i) < RTE_MAX_LCORE; \
	     (i) = rte_get_next_lcore((i), 1, 0))

/** Called for each lcore when a callback is registered or a thread starts. */
typedef int (*rte_lcore_init_cb)(unsigned int lcore_id, void *arg);

/** Called for each lcore when a callback is removed or a thread stops. */
typedef void (*rte_lcore_uninit_cb)(unsigned int lcore_id, void *arg);

/**
 * Register callbacks run for each lcore, existing and future.
 *
 * @param name
 *   Name for logs.
 * @param init
 *   Called for each lcore; a failure refuses the registration.
 * @param uninit
 *   Called when the lcore goes away, or NULL.
 * @param arg
 *   Passed to both.
 * @return
 *   A handle for rte_lcore_callback_unregister(), or NULL.
 */
void *rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
		rte_lcore_uninit_cb uninit, void *arg);

/**
 * Remove callbacks registered with rte_lcore_callback_register().
 *
 * @param handle
 *   The handle it returned.
 */
void rte_lcore_callback_unregister(void *handle);

/** Called by rte_lcore_iterate() for each lcore; non-zero stops it. */
typedef int (*rte_lcore_iterate_cb)(unsigned int lcore_id, void *arg);

/**
 * Call cb for each lcore in use.
 *
 * @param cb
 *   The function.
 * @param arg
 *   Its argument.
 * @return
 *   0, or the first non-zero value cb returned.
 */
int rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg);

/**
 * Print the lcores: role, CPUs, NUMA node.
 *
 * @param f
 *   Output stream.
 */
void rte_lcore_dump(FILE *f);

/**
 * Name a thread (truncated to what the kernel keeps).
 *
 * @param id
 *   The thread.
 * @param name
 *   Its name.
 * @return
 *   0 on success, a negative errno on failure.
 */
int rte_thread_setname(pthread_t id, const char *name);

/**
 * Name of a thread.
 *
 * @param id
 *   The thread.
 * @param name
 *   Buffer for the name.
 * @param len
 *   Size of the buffer.
 * @return
 *   0 on success, a negative errno on failure.
 */
int rte_thread_getname(pthread_t id, char *name, size_t len);

/**
 * Give the calling non-EAL thread an lcore id (role ROLE_NON_EAL).
 *
 * @return
 *   0 on success, -1 with rte_errno = ENOMEM when all ids are taken.
 */
int rte_thread_register(void);

/**
 * Release the lcore id of the calling registered thread.
 */
void rte_thread_unregister(void);

/**
 * Create a control thread: named, pinned to the CPUs that no lcore uses
 * (or to all of them if every CPU is an lcore), never an lcore itself.
 *
 * @param thread
 *   Filled with the thread.
 * @param name
 *   Its name.
 * @param attr
 *   pthread attributes, or NULL.
 * @param start_routine
 *   Function the thread runs.
 * @param arg
 *   Its argument.
 * @return
 *   0 on success, a negative errno on failure.
 */
int rte_ctrl_thread_create(pthread_t *thread, const char *name,
		const pthread_attr_t *attr,
		void *(*start_routine)(void *), void *arg);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_LCORE_H_ */
