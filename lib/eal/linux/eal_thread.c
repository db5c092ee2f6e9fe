/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_thread.h on Linux: pthreads underneath. A created thread runs
 * through thread_start(), which turns the 32-bit result of the user's
 * function into the pthread exit value that rte_thread_join() reads.
 * Priorities map to SCHED_OTHER (normal) and SCHED_RR at its highest
 * level (real-time critical).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_thread.h>

struct eal_tls_key {
	pthread_key_t key;
};

/* what a new thread needs from its creator */
struct thread_start_ctx {
	rte_thread_func func;
	void *arg;
};

static pthread_t
os_thread(rte_thread_t id)
{
	return (pthread_t)id.opaque_id;
}

static void *
thread_start(void *p)
{
	struct thread_start_ctx ctx = *(struct thread_start_ctx *)p;

	free(p);
	return (void *)(uintptr_t)ctx.func(ctx.arg);
}

/* the OS policy and priority level of ours; EINVAL for an unknown one */
static int
priority_to_os(enum rte_thread_priority prio, int *policy,
		struct sched_param *param)
{
	memset(param, 0, sizeof(*param));
	switch (prio) {
	case RTE_THREAD_PRIORITY_NORMAL:
		*policy = SCHED_OTHER;
		param->sched_priority = 0;
		return 0;
	case RTE_THREAD_PRIORITY_REALTIME_CRITICAL:
		*policy = SCHED_RR;
		param->sched_priority = sched_get_priority_max(SCHED_RR);
		return 0;
	}
	return EINVAL;
}

/* pthread attributes for ours; 0 or a positive errno */
static int
attr_to_os(const rte_thread_attr_t *in, pthread_attr_t *out)
{
	struct sched_param param;
	int policy, ret;

	ret = priority_to_os(in->priority, &policy, &param);
	if (ret != 0)
		return ret;
	if (CPU_COUNT(&in->cpuset) > 0) {
		ret = pthread_attr_setaffinity_np(out, sizeof(in->cpuset),
				&in->cpuset);
		if (ret != 0)
			return ret;
	}
	if (in->priority == RTE_THREAD_PRIORITY_NORMAL)
		return 0; /* inherit, as a plain pthread_create() would */
	ret = pthread_attr_setinheritsched(out, PTHREAD_EXPLICIT_SCHED);
	if (ret == 0)
		ret = pthread_attr_setschedpolicy(out, policy);
	if (ret == 0)
		ret = pthread_attr_setschedparam(out, &param);
	return ret;
}

int
rte_thread_create(rte_thread_t *thread_id,
		const rte_thread_attr_t *thread_attr,
		rte_thread_func thread_func, void *arg)
{
	struct thread_start_ctx *ctx;
	pthread_attr_t attr;
	pthread_t tid;
	int ret;

	if (thread_id == NULL || thread_func == NULL)
		return EINVAL;
	ctx = malloc(sizeof(*ctx));
	if (ctx == NULL)
		return ENOMEM;
	ctx->func = thread_func;
	ctx->arg = arg;
	ret = pthread_attr_init(&attr);
	if (ret != 0)
		goto free_ctx;
	if (thread_attr != NULL) {
		ret = attr_to_os(thread_attr, &attr);
		if (ret != 0)
			goto destroy_attr;
	}
	ret = pthread_create(&tid, &attr, thread_start, ctx);
	if (ret != 0)
		goto destroy_attr;
	pthread_attr_destroy(&attr);
	thread_id->opaque_id = (uintptr_t)tid;
	return 0;

destroy_attr:
	pthread_attr_destroy(&attr);
free_ctx:
	free(ctx);
	RTE_LOG(DEBUG, EAL, "rte_thread_create: %s\n", strerror(ret));
	return ret;
}

int
rte_thread_join(rte_thread_t thread_id, uint32_t *value_ptr)
{
	void *res;
	int ret;

	ret = pthread_join(os_thread(thread_id), &res);
	if (ret == 0 && value_ptr != NULL)
		*value_ptr = (uint32_t)(uintptr_t)res;
	return ret;
}

int
rte_thread_detach(rte_thread_t thread_id)
{
	return pthread_detach(os_thread(thread_id));
}

rte_thread_t
rte_thread_self(void)
{
	rte_thread_t id = { .opaque_id = (uintptr_t)pthread_self() };

	return id;
}

int
rte_thread_equal(rte_thread_t t1, rte_thread_t t2)
{
	return pthread_equal(os_thread(t1), os_thread(t2));
}

/* ---------------------------------------------------------------------- */
/* attributes, affinity, priority                                         */

int
rte_thread_attr_init(rte_thread_attr_t *attr)
{
	if (attr == NULL)
		return EINVAL;
	attr->priority = RTE_THREAD_PRIORITY_NORMAL;
	CPU_ZERO(&attr->cpuset);
	return 0;
}

int
rte_thread_attr_set_priority(rte_thread_attr_t *thread_attr,
		enum rte_thread_priority priority)
{
	struct sched_param param;
	int policy;

	if (thread_attr == NULL ||
			priority_to_os(priority, &policy, &param) != 0)
		return EINVAL;
	thread_attr->priority = priority;
	return 0;
}

int
rte_thread_attr_set_affinity(rte_thread_attr_t *thread_attr,
		rte_cpuset_t *cpuset)
{
	if (thread_attr == NULL || cpuset == NULL)
		return EINVAL;
	thread_attr->cpuset = *cpuset;
	return 0;
}

int
rte_thread_attr_get_affinity(rte_thread_attr_t *thread_attr,
		rte_cpuset_t *cpuset)
{
	if (thread_attr == NULL || cpuset == NULL)
		return EINVAL;
	*cpuset = thread_attr->cpuset;
	return 0;
}

int
rte_thread_set_affinity_by_id(rte_thread_t thread_id,
		const rte_cpuset_t *cpuset)
{
	if (cpuset == NULL)
		return EINVAL;
	return pthread_setaffinity_np(os_thread(thread_id), sizeof(*cpuset),
			cpuset);
}

int
rte_thread_get_affinity_by_id(rte_thread_t thread_id, rte_cpuset_t *cpuset)
{
	if (cpuset == NULL)
		return EINVAL;
	return pthread_getaffinity_np(os_thread(thread_id), sizeof(*cpuset),
			cpuset);
}

int
rte_thread_get_priority(rte_thread_t thread_id,
		enum rte_thread_priority *priority)
{
	struct sched_param param;
	int policy, ret;

	if (priority == NULL)
		return EINVAL;
	ret = pthread_getschedparam(os_thread(thread_id), &policy, &param);
	if (ret != 0)
		return ret;
	*priority = policy == SCHED_RR || policy == SCHED_FIFO ?
		RTE_THREAD_PRIORITY_REALTIME_CRITICAL :
		RTE_THREAD_PRIORITY_NORMAL;
	return 0;
}

int
rte_thread_set_priority(rte_thread_t thread_id,
		enum rte_thread_priority priority)
{
	struct sched_param param;
	int policy, ret;

	ret = priority_to_os(priority, &policy, &param);
	if (ret != 0)
		return ret;
	return pthread_setschedparam(os_thread(thread_id), policy, &param);
}

/* ---------------------------------------------------------------------- */
/* thread-local keys                                                      */

int
rte_thread_key_create(rte_thread_key *key, void (*destructor)(void *))
{
	struct eal_tls_key *k;

	if (key == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	k = malloc(sizeof(*k));
	if (k == NULL) {
		rte_errno = ENOMEM;
		return -1;
	}
	if (pthread_key_create(&k->key, destructor) != 0) {
		RTE_LOG(DEBUG, EAL, "rte_thread_key_create: no key left\n");
		free(k);
		rte_errno = ENOEXEC;
		return -1;
	}
	*key = k;
	return 0;
}

int
rte_thread_key_delete(rte_thread_key key)
{
	if (key == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	if (pthread_key_delete(key->key) != 0) {
		rte_errno = ENOEXEC;
		return -1;
	}
	free(key);
	return 0;
}

int
rte_thread_value_set(rte_thread_key key, const void *value)
{
	if (key == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	if (pthread_setspecific(key->key, value) != 0) {
		rte_errno = ENOEXEC;
		return -1;
	}
	return 0;
}

void *
rte_thread_value_get(rte_thread_key key)
{
	if (key == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	return pthread_getspecific(key->key);
}
