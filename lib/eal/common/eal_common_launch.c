/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Handing functions to worker lcores and collecting their results. The
 * worker side is eal_worker_loop() in eal_common_thread.c; both sides meet
 * under the lcore entry's lock, and waiting sleeps on a condition variable
 * instead of spinning.
 */
#include <errno.h>
#include <pthread.h>

#include <rte_launch.h>
#include <rte_lcore.h>

#include "eal_lcore.h"

/* the entry of a started worker lcore, or NULL */
static struct lcore_config *
worker_config(unsigned int worker_id)
{
	struct eal_lcores *lc = eal_lcores_get();

	if (worker_id >= RTE_MAX_LCORE || worker_id == lc->main_lcore ||
			!lc->config[worker_id].thread_started)
		return NULL;
	return &lc->config[worker_id];
}

int
rte_eal_remote_launch(lcore_function_t *f, void *arg, unsigned int worker_id)
{
	struct lcore_config *c = worker_config(worker_id);
	int ret = 0;

	if (c == NULL || f == NULL)
		return -EINVAL;
	pthread_mutex_lock(&c->lock);
	if (c->state != WAIT) {
		ret = -EBUSY;
	} else {
		c->f = f;
		c->arg = arg;
		__atomic_store_n(&c->state, RUNNING, __ATOMIC_RELEASE);
		pthread_cond_signal(&c->work);
	}
	pthread_mutex_unlock(&c->lock);
	return ret;
}

int
rte_eal_mp_remote_launch(lcore_function_t *f, void *arg,
		enum rte_rmt_call_main_t call_main)
{
	struct eal_lcores *lc = eal_lcores_get();
	unsigned int i;

	/* all or nothing: refuse before launching anything */
	RTE_LCORE_FOREACH_WORKER(i)
		if (rte_eal_get_lcore_state(i) != WAIT)
			return -EBUSY;
	RTE_LCORE_FOREACH_WORKER(i)
		rte_eal_remote_launch(f, arg, i);
	if (call_main == CALL_MAIN) {
		struct lcore_config *m = &lc->config[lc->main_lcore];

		__atomic_store_n(&m->state, RUNNING, __ATOMIC_RELEASE);
		m->ret = f(arg);
		__atomic_store_n(&m->state, WAIT, __ATOMIC_RELEASE);
	}
	return 0;
}

enum rte_lcore_state_t
rte_eal_get_lcore_state(unsigned int worker_id)
{
	if (worker_id >= RTE_MAX_LCORE)
		return WAIT;
	return __atomic_load_n(&eal_lcores_get()->config[worker_id].state,
			__ATOMIC_ACQUIRE);
}

int
rte_eal_wait_lcore(unsigned int worker_id)
{
	struct lcore_config *c = worker_config(worker_id);
	int ret;

	if (c == NULL) {
		if (worker_id >= RTE_MAX_LCORE)
			return 0;
		return eal_lcores_get()->config[worker_id].ret;
	}
	pthread_mutex_lock(&c->lock);
	while (c->state != WAIT)
		pthread_cond_wait(&c->done, &c->lock);
	ret = c->ret;
	pthread_mutex_unlock(&c->lock);
	return ret;
}

void
rte_eal_mp_wait_lcore(void)
{
	unsigned int i;

	RTE_LCORE_FOREACH_WORKER(i)
		rte_eal_wait_lcore(i);
}
