/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One-shot alarms, run by one control thread ("eal-alarm").
 *
 * Pending alarms sit in a list sorted by deadline (CLOCK_MONOTONIC). The
 * thread sleeps on a condition variable until the first deadline or until
 * a new alarm becomes the first; it runs one callback at a time with the
 * lock dropped, marking the entry "executing" so that a concurrent
 * rte_eal_alarm_cancel() waits for it (from another thread) or reports
 * EINPROGRESS (from the callback itself, which cannot wait for itself).
 *
 * Lock: alarm_state.lock (a mutex: cancel may sleep on it). Callbacks run
 * without it, so they may set and cancel alarms.
 */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <time.h>

#include <rte_alarm.h>
#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_tailq.h>

#include "eal_private.h"

struct alarm_entry {
	TAILQ_ENTRY(alarm_entry) next;
	uint64_t deadline_ns;      /* CLOCK_MONOTONIC */
	rte_eal_alarm_callback cb_fn;
	void *cb_arg;
	bool executing;            /* callback running now */
	pthread_t executing_id;    /* the thread running it */
};

TAILQ_HEAD(alarm_list, alarm_entry);

static struct {
	pthread_mutex_t lock;
	pthread_cond_t wake;       /* thread: list head changed or stop */
	pthread_cond_t done;       /* cancellers: a callback finished */
	struct alarm_list list;
	pthread_t thread;
	bool running;              /* thread started and not stopped */
	bool stop;
} alarm_state = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.done = PTHREAD_COND_INITIALIZER,
	.list = TAILQ_HEAD_INITIALIZER(alarm_state.list),
};

static uint64_t
alarm_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* run the first entry, due now; called and returns with the lock held */
static void
alarm_run_first_locked(struct alarm_entry *ap)
{
	ap->executing = true;
	ap->executing_id = pthread_self();
	pthread_mutex_unlock(&alarm_state.lock);

	ap->cb_fn(ap->cb_arg);

	pthread_mutex_lock(&alarm_state.lock);
	/* the callback may have added earlier alarms: remove by pointer */
	TAILQ_REMOVE(&alarm_state.list, ap, next);
	free(ap);
	pthread_cond_broadcast(&alarm_state.done);
}

static void *
alarm_thread_main(void *arg)
{
	RTE_SET_USED(arg);

	pthread_mutex_lock(&alarm_state.lock);
	while (!alarm_state.stop) {
		struct alarm_entry *ap = TAILQ_FIRST(&alarm_state.list);
		struct timespec ts;

		if (ap == NULL) {
			pthread_cond_wait(&alarm_state.wake, &alarm_state.lock);
			continue;
		}
		if (ap->deadline_ns > alarm_now_ns()) {
			ts.tv_sec = (time_t)(ap->deadline_ns / NS_PER_S);
			ts.tv_nsec = (long)(ap->deadline_ns % NS_PER_S);
			pthread_cond_timedwait(&alarm_state.wake,
					&alarm_state.lock, &ts);
			continue;
		}
		alarm_run_first_locked(ap);
	}
	pthread_mutex_unlock(&alarm_state.lock);
	return NULL;
}

int
rte_eal_alarm_init(void)
{
	pthread_condattr_t attr;
	int ret;

	if (alarm_state.running)
		return 0;

	/* deadlines are monotonic: wall-clock jumps must not fire alarms */
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	ret = pthread_cond_init(&alarm_state.wake, &attr);
	pthread_condattr_destroy(&attr);
	if (ret != 0) {
		RTE_LOG(ERR, EAL, "Cannot init alarm condition: %s\n",
			strerror(ret));
		return -ret;
	}

	alarm_state.stop = false;
	ret = rte_ctrl_thread_create(&alarm_state.thread, "eal-alarm", NULL,
			alarm_thread_main, NULL);
	if (ret != 0) {
		pthread_cond_destroy(&alarm_state.wake);
		RTE_LOG(ERR, EAL, "Cannot create the alarm thread: %s\n",
			strerror(ret < 0 ? -ret : ret));
		return ret < 0 ? ret : -ret;
	}
	alarm_state.running = true;
	return 0;
}

void
rte_eal_alarm_cleanup(void)
{
	struct alarm_entry *ap, *tmp;

	if (!alarm_state.running)
		return;

	pthread_mutex_lock(&alarm_state.lock);
	alarm_state.stop = true;
	pthread_cond_signal(&alarm_state.wake);
	pthread_mutex_unlock(&alarm_state.lock);

	/* rte_exit() from inside a callback: we are the alarm thread */
	if (pthread_equal(pthread_self(), alarm_state.thread))
		pthread_detach(alarm_state.thread);
	else
		pthread_join(alarm_state.thread, NULL);
	alarm_state.running = false;

	pthread_mutex_lock(&alarm_state.lock);
	RTE_TAILQ_FOREACH_SAFE(ap, &alarm_state.list, next, tmp) {
		if (ap->executing)
			continue; /* freed by its thread when it returns */
		TAILQ_REMOVE(&alarm_state.list, ap, next);
		free(ap);
	}
	pthread_mutex_unlock(&alarm_state.lock);
	pthread_cond_destroy(&alarm_state.wake);
}

int
rte_eal_alarm_set(uint64_t us, rte_eal_alarm_callback cb_fn, void *cb_arg)
{
	struct alarm_entry *ap, *pos;
	uint64_t now = alarm_now_ns();

	/* the deadline in ns must not overflow */
	if (us < 1 || us > (UINT64_MAX - now) / 1000 || cb_fn == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	ap = calloc(1, sizeof(*ap));
	if (ap == NULL) {
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	ap->deadline_ns = now + us * 1000;
	ap->cb_fn = cb_fn;
	ap->cb_arg = cb_arg;

	pthread_mutex_lock(&alarm_state.lock);
	/* after every entry due no later: equal deadlines fire in order */
	TAILQ_FOREACH(pos, &alarm_state.list, next)
		if (pos->deadline_ns > ap->deadline_ns && !pos->executing)
			break;
	if (pos != NULL)
		TAILQ_INSERT_BEFORE(pos, ap, next);
	else
		TAILQ_INSERT_TAIL(&alarm_state.list, ap, next);
	if (TAILQ_FIRST(&alarm_state.list) == ap && alarm_state.running)
		pthread_cond_signal(&alarm_state.wake);
	pthread_mutex_unlock(&alarm_state.lock);
	return 0;
}

/*
 * Remove the matching entries that are not running. Returns how many;
 * *busy tells whether a matching one runs in another thread, *self
 * whether one runs in this one.
 */
static int
alarm_remove_matching_locked(rte_eal_alarm_callback cb_fn, void *cb_arg,
		bool *busy, bool *self)
{
	struct alarm_entry *ap, *tmp;
	int count = 0;

	*busy = false;
	RTE_TAILQ_FOREACH_SAFE(ap, &alarm_state.list, next, tmp) {
		if (ap->cb_fn != cb_fn ||
				(cb_arg != (void *)-1 && ap->cb_arg != cb_arg))
			continue;
		if (!ap->executing) {
			TAILQ_REMOVE(&alarm_state.list, ap, next);
			free(ap);
			count++;
		} else if (pthread_equal(ap->executing_id, pthread_self())) {
			*self = true;
		} else {
			*busy = true;
		}
	}
	return count;
}

int
rte_eal_alarm_cancel(rte_eal_alarm_callback cb_fn, void *cb_arg)
{
	bool busy, self = false;
	int count = 0;

	if (cb_fn == NULL) {
		rte_errno = EINVAL;
		return -1;
	}

	pthread_mutex_lock(&alarm_state.lock);
	for (;;) {
		count += alarm_remove_matching_locked(cb_fn, cb_arg, &busy,
				&self);
		if (!busy)
			break;
		/* let the running callback finish, then look again */
		pthread_cond_wait(&alarm_state.done, &alarm_state.lock);
	}
	pthread_mutex_unlock(&alarm_state.lock);

	if (self)
		rte_errno = EINPROGRESS;
	else if (count == 0)
		rte_errno = ENOENT;
	return count;
}
