/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Run one function on several threads at once for the lock and atomic
 * tests: on the EAL worker lcores when there are any (so the real launch
 * path is exercised), otherwise on plain pthreads.
 */
#ifndef TEST_BASE_WORKERS_H
#define TEST_BASE_WORKERS_H

#include <pthread.h>
#include <sched.h>
#include <unistd.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_lcore.h>
#include <rte_launch.h>

#define TEST_WORKERS_MAX 8

struct test_worker_pthread {
	pthread_t tid;
	int (*fn)(void *);
	void *arg;
	int ret;
};

static void *
test_worker_pthread_main(void *p)
{
	struct test_worker_pthread *w = p;

	w->ret = w->fn(w->arg);
	return NULL;
}

/*
 * Run fn(arg) at the same time on every EAL lcore (workers and this main
 * lcore) when there are at least two, otherwise on n_threads pthreads,
 * and wait for all. Returns how many ran, or -1 if any returned non-zero
 * or could not start.
 */
static inline int
test_run_on_workers(int (*fn)(void *), void *arg, unsigned int n_threads)
{
	struct test_worker_pthread w[TEST_WORKERS_MAX];
	unsigned int lcore, n = 0, i;
	pthread_attr_t attr;
	int failed = 0;
	cpu_set_t all;
	long ncpu;

	if (rte_lcore_count() > 1) {
		RTE_LCORE_FOREACH_WORKER(lcore) {
			if (rte_eal_remote_launch(fn, arg, lcore) != 0)
				failed = 1;
			else
				n++;
		}
		if (fn(arg) != 0)
			failed = 1;
		n++;
		RTE_LCORE_FOREACH_WORKER(lcore)
			if (rte_eal_wait_lcore(lcore) != 0)
				failed = 1;
		printf("ran on %u lcores\n", n);
		return failed ? -1 : (int)n;
	}

	/*
	 * the main lcore is pinned, and threads inherit that: let them use
	 * every online CPU, and do not oversubscribe (a ticket lock hands
	 * over to a descheduled waiter for a whole time slice otherwise)
	 */
	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	CPU_ZERO(&all);
	for (i = 0; i < (unsigned int)ncpu && i < CPU_SETSIZE; i++)
		CPU_SET(i, &all);
	if (ncpu > 1 && n_threads > (unsigned int)ncpu)
		n_threads = (unsigned int)ncpu;
	if (n_threads < 2)
		n_threads = 2;
	if (n_threads > TEST_WORKERS_MAX)
		n_threads = TEST_WORKERS_MAX;
	pthread_attr_init(&attr);
	pthread_attr_setaffinity_np(&attr, sizeof(all), &all);
	for (i = 0; i < n_threads; i++) {
		w[i].fn = fn;
		w[i].arg = arg;
		w[i].ret = 0;
		if (pthread_create(&w[i].tid, &attr, test_worker_pthread_main,
				&w[i]) != 0) {
			failed = 1;
			break;
		}
		n++;
	}
	for (i = 0; i < n; i++) {
		pthread_join(w[i].tid, NULL);
		if (w[i].ret != 0)
			failed = 1;
	}
	pthread_attr_destroy(&attr);
	printf("ran on %u pthreads (one lcore only)\n", n);
	return failed ? -1 : (int)n;
}

#endif /* TEST_BASE_WORKERS_H */
