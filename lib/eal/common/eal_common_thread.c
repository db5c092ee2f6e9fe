/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Threads of the EAL: per-thread identity (lcore id, NUMA node, CPUs),
 * affinity and names, the worker thread of each lcore, and control threads
 * (named helpers pinned away from the lcores' CPUs).
 */
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_per_lcore.h>

#include "eal_internal_cfg.h"
#include "eal_lcore.h"
#include "eal_private.h"

#define EAL_THREAD_NAME_LEN 16 /* what the kernel keeps, NUL included */

RTE_DEFINE_PER_LCORE(unsigned int, _lcore_id) = LCORE_ID_ANY;
RTE_DEFINE_PER_LCORE(int, _thread_id) = -1;
static RTE_DEFINE_PER_LCORE(unsigned int, _socket_id) =
	(unsigned int)SOCKET_ID_ANY;
static RTE_DEFINE_PER_LCORE(rte_cpuset_t, _cpuset);

int
rte_sys_gettid(void)
{
	return (int)syscall(SYS_gettid);
}

unsigned int
rte_socket_id(void)
{
	return RTE_PER_LCORE(_socket_id);
}

/* record the caller's identity; cpuset NULL keeps the current affinity */
int
eal_thread_bind(unsigned int lcore_id, const rte_cpuset_t *cpuset)
{
	rte_cpuset_t cur;
	int ret;

	if (cpuset != NULL) {
		ret = pthread_setaffinity_np(pthread_self(), sizeof(*cpuset),
				cpuset);
		if (ret != 0)
			return -ret;
		cur = *cpuset;
	} else if (pthread_getaffinity_np(pthread_self(), sizeof(cur),
			&cur) != 0) {
		CPU_ZERO(&cur);
	}
	RTE_PER_LCORE(_lcore_id) = lcore_id;
	RTE_PER_LCORE(_cpuset) = cur;
	RTE_PER_LCORE(_socket_id) = eal_cpuset_socket_id(&cur);
	return 0;
}

int
rte_thread_set_affinity(rte_cpuset_t *cpusetp)
{
	unsigned int lcore_id = rte_lcore_id();
	int ret;

	ret = eal_thread_bind(lcore_id, cpusetp);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot set thread affinity: %s\n",
			strerror(-ret));
		return -1;
	}
	if (lcore_id < RTE_MAX_LCORE) {
		struct lcore_config *c = &eal_lcores_get()->config[lcore_id];

		c->cpuset = *cpusetp;
		c->socket_id = RTE_PER_LCORE(_socket_id);
	}
	return 0;
}

void
rte_thread_get_affinity(rte_cpuset_t *cpusetp)
{
	*cpusetp = RTE_PER_LCORE(_cpuset);
}

int
rte_thread_setname(pthread_t id, const char *name)
{
	char truncated[EAL_THREAD_NAME_LEN];

	if (name == NULL)
		return -EINVAL;
	snprintf(truncated, sizeof(truncated), "%s", name);
	return -pthread_setname_np(id, truncated);
}

int
rte_thread_getname(pthread_t id, char *name, size_t len)
{
	if (name == NULL || len == 0)
		return -EINVAL;
	return -pthread_getname_np(id, name, len);
}

/* ---------------------------------------------------------------------
 * worker threads
 * --------------------------------------------------------------------- */

/* wait for a function (or stop), run it, publish its result */
static void *
eal_worker_loop(void *arg)
{
	struct lcore_config *c = arg;
	unsigned int lcore_id = (unsigned int)(c - eal_lcores_get()->config);
	lcore_function_t *f;
	void *farg;
	int ret;

	eal_thread_bind(lcore_id, NULL);
	for (;;) {
		pthread_mutex_lock(&c->lock);
		while (c->f == NULL && !c->stop)
			pthread_cond_wait(&c->work, &c->lock);
		if (c->f == NULL) {
			pthread_mutex_unlock(&c->lock);
			break;
		}
		f = c->f;
		farg = c->arg;
		pthread_mutex_unlock(&c->lock);

		ret = f(farg);

		pthread_mutex_lock(&c->lock);
		c->ret = ret;
		c->f = NULL;
		__atomic_store_n(&c->state, WAIT, __ATOMIC_RELEASE);
		pthread_cond_broadcast(&c->done);
		pthread_mutex_unlock(&c->lock);
	}
	return NULL;
}

/* create the pinned worker of one lcore */
static int
worker_start(unsigned int lcore_id)
{
	struct lcore_config *c = &eal_lcores_get()->config[lcore_id];
	char name[32];
	pthread_attr_t attr;
	int ret;

	ret = pthread_attr_init(&attr);
	if (ret != 0)
		return -ret;
	/* pinned before its first instruction: no migration window */
	ret = pthread_attr_setaffinity_np(&attr, sizeof(c->cpuset), &c->cpuset);
	if (ret == 0)
		ret = pthread_create(&c->thread_id, &attr, eal_worker_loop, c);
	pthread_attr_destroy(&attr);
	if (ret != 0) {
		RTE_LOG(ERR, EAL, "cannot start the thread of lcore %u: %s\n",
			lcore_id, strerror(ret));
		return -ret;
	}
	c->thread_started = true;
	snprintf(name, sizeof(name), "lcore-worker-%u", lcore_id);
	rte_thread_setname(c->thread_id, name);
	return 0;
}

static void
worker_stop(struct lcore_config *c)
{
	pthread_mutex_lock(&c->lock);
	/* a function still running finishes first */
	while (c->f != NULL)
		pthread_cond_wait(&c->done, &c->lock);
	c->stop = true;
	pthread_cond_signal(&c->work);
	pthread_mutex_unlock(&c->lock);
	pthread_join(c->thread_id, NULL);
	c->thread_started = false;
	c->stop = false;
}

void
eal_lcores_stop(void)
{
	struct eal_lcores *lc = eal_lcores_get();
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (lc->config[i].thread_started)
			worker_stop(&lc->config[i]);
	/* the caller (the main lcore) goes back to what it was before init */
	eal_thread_bind(LCORE_ID_ANY, &lc->initial_affinity);
}

int
eal_lcores_start(void)
{
	struct eal_lcores *lc = eal_lcores_get();
	unsigned int i;
	int ret;

	/* the main lcore is the calling thread itself */
	ret = eal_thread_bind(lc->main_lcore, &lc->config[lc->main_lcore].cpuset);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot pin the main lcore %u: %s\n",
			lc->main_lcore, strerror(-ret));
		return ret;
	}
	lc->config[lc->main_lcore].thread_id = pthread_self();
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (lc->config[i].role != ROLE_RTE || i == lc->main_lcore)
			continue;
		ret = worker_start(i);
		if (ret < 0) {
			eal_lcores_stop();
			return ret;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * control threads
 * --------------------------------------------------------------------- */

struct ctrl_thread_start {
	void *(*start_routine)(void *);
	void *arg;
};

static void *
ctrl_thread_main(void *arg)
{
	struct ctrl_thread_start start = *(struct ctrl_thread_start *)arg;

	free(arg);
	eal_thread_bind(LCORE_ID_ANY, NULL);
	return start.start_routine(start.arg);
}

int
rte_ctrl_thread_create(pthread_t *thread, const char *name,
		const pthread_attr_t *attr,
		void *(*start_routine)(void *), void *arg)
{
	const cpu_set_t *ctrl_cpuset = &eal_lcores_get()->ctrl_cpuset;
	struct ctrl_thread_start *start;
	pthread_attr_t own;
	const pthread_attr_t *use = attr;
	int ret;

	if (thread == NULL || name == NULL || start_routine == NULL)
		return -EINVAL;
	start = malloc(sizeof(*start));
	if (start == NULL)
		return -ENOMEM;
	start->start_routine = start_routine;
	start->arg = arg;
	if (attr == NULL) {
		ret = pthread_attr_init(&own);
		if (ret != 0)
			goto fail;
		/* pinned from the start to the CPUs no lcore uses */
		if (CPU_COUNT(ctrl_cpuset) != 0)
			pthread_attr_setaffinity_np(&own, sizeof(*ctrl_cpuset),
					ctrl_cpuset);
		use = &own;
	}
	ret = pthread_create(thread, use, ctrl_thread_main, start);
	if (attr == NULL)
		pthread_attr_destroy(&own);
	if (ret != 0)
		goto fail;
	if (attr != NULL && CPU_COUNT(ctrl_cpuset) != 0)
		pthread_setaffinity_np(*thread, sizeof(*ctrl_cpuset),
				ctrl_cpuset);
	rte_thread_setname(*thread, name);
	return 0;
fail:
	free(start);
	return -ret;
}
