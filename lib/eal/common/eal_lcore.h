/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The lcore table: one entry per lcore id, filled by rte_eal_cpu_init()
 * from the layout the options chose, and the worker threads that serve
 * rte_eal_remote_launch(). A worker sleeps on its condition variable until
 * the main lcore posts a function, runs it, stores the result and wakes
 * whoever waits in rte_eal_wait_lcore().
 *
 * Lock order: lcore_lock (registration, callbacks) -> an entry's lock.
 */
#ifndef EAL_LCORE_H
#define EAL_LCORE_H

#include <pthread.h>
#include <stdbool.h>

#include <rte_launch.h>
#include <rte_lcore.h>

struct lcore_config {
	pthread_t thread_id;          /* worker thread, when started */
	bool thread_started;
	bool stop;                    /* asks the worker to return */
	pthread_mutex_t lock;         /* guards f, arg, ret, state, stop */
	pthread_cond_t work;          /* posted: a function or stop */
	pthread_cond_t done;          /* posted: back to WAIT */
	lcore_function_t *f;
	void *arg;
	int ret;
	enum rte_lcore_state_t state; /* written under lock, read atomically */
	enum rte_lcore_role_t role;
	unsigned int socket_id;       /* SOCKET_ID_ANY if CPUs span nodes */
	unsigned int core_id;         /* first CPU */
	int core_index;               /* rank among enabled lcores, or -1 */
	rte_cpuset_t cpuset;
};

/* process-wide lcore state (DPDK's rte_config, lcore half) */
struct eal_lcores {
	unsigned int main_lcore;
	unsigned int lcore_count;       /* ROLE_RTE + ROLE_NON_EAL */
	unsigned int numa_node_count;
	unsigned int numa_nodes[RTE_MAX_NUMA_NODES];
	cpu_set_t online;               /* CPUs that exist and are online */
	cpu_set_t initial_affinity;     /* of the process before pinning */
	cpu_set_t ctrl_cpuset;          /* for control threads */
	unsigned int cpu_socket[CPU_SETSIZE];
	struct lcore_config config[RTE_MAX_LCORE];
};

struct eal_lcores *eal_lcores_get(void);

/* online CPUs from sysfs; 0 or -errno */
int eal_cpu_online_set(cpu_set_t *set);

/* NUMA node of a CPU, 0 when unknown */
unsigned int eal_cpu_socket_id(unsigned int cpu);

/* node shared by every CPU of set, or SOCKET_ID_ANY */
unsigned int eal_cpuset_socket_id(const rte_cpuset_t *set);

/* pin the calling thread and record it as lcore_id (or LCORE_ID_ANY) */
int eal_thread_bind(unsigned int lcore_id, const rte_cpuset_t *cpuset);

/*
 * Turn a started worker lcore into a service lcore (service true) or back
 * (false); it then leaves (joins) the enabled lcores and rte_lcore_count().
 * 0, or -EINVAL when it is not a started worker of the other role.
 */
int eal_lcore_set_service(unsigned int lcore_id, bool service);

/* forget lcores: table back to ROLE_OFF (rte_eal_cleanup) */
void eal_lcores_reset(void);

#endif /* EAL_LCORE_H */
