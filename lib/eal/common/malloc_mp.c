/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hot-plug sync between processes; the protocol is described in
 * malloc_mp.h and DESIGN.md. Two actions travel over the IPC channel:
 *
 *   MP_ACTION_SYNC    primary -> every secondary: make your mappings match
 *                     the memseg lists; reply with the result. It carries
 *                     what changed (list, first slot, count, and the list
 *                     versions before and after), so a secondary maps only
 *                     those slots; one whose view does not follow on from
 *                     the version before rescans the list (recovery).
 *   MP_ACTION_REQUEST secondary -> primary: grow the heap and allocate, or
 *                     unplug a range; reply when done.
 *
 * The primary queues requests to one worker thread, which serves them one
 * at a time: the IPC handler thread cannot wait for the sync replies that
 * only it can read.
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <time.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_string_fns.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"
#include "malloc_mp.h"

#define MP_ACTION_SYNC "mp_malloc_sync"
#define MP_ACTION_REQUEST "mp_malloc_request"

/* lists one sync may name; more and every secondary rescans all */
#define MP_SYNC_MAX_DELTA 8

/* a request waits for at most this many sync rounds plus a margin */
#define MP_REQ_ROUNDS 3
#define MP_REQ_MARGIN_MS 1000

enum mp_req_type {
	MP_REQ_ALLOC = 1,
	MP_REQ_FREE,
};

/* the param of both actions, and of their replies */
struct mp_req_param {
	uint32_t type;          /* enum mp_req_type; 0 for a sync */
	int32_t result;         /* reply: 0 or -errno */
	uint64_t deadline_ns;   /* CLOCK_MONOTONIC: the requester gives up */
	uint64_t ptr;           /* alloc reply: data; free: start */
	uint64_t len;           /* free: bytes */
	uint64_t size, align, bound;
	uint32_t flags;
	int32_t socket_id;      /* heap of the alloc */
	uint8_t contig;
};

/* the param of a sync request (its reply is a struct mp_req_param) */
struct mp_sync_param {
	uint32_t type;          /* 0 */
	int32_t n_delta;        /* ranges in delta[]; -1: rescan everything */
	struct eal_memalloc_delta delta[MP_SYNC_MAX_DELTA];
};

struct mp_job {
	TAILQ_ENTRY(mp_job) next;
	struct rte_mp_msg msg;
	char peer[PATH_MAX];
};

/* the process' protocol state; the primary's worker owns the queue */
struct malloc_mp_state {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	TAILQ_HEAD(, mp_job) queue;
	pthread_t worker;
	bool worker_running;
	bool stop;
	bool registered;
	unsigned int timeout_ms;  /* test override, 0 = configured */
};

static struct malloc_mp_state mp_state = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.cond = PTHREAD_COND_INITIALIZER,
	.queue = TAILQ_HEAD_INITIALIZER(mp_state.queue),
};

static unsigned int
mp_timeout_ms(void)
{
	unsigned int ms = __atomic_load_n(&mp_state.timeout_ms,
			__ATOMIC_RELAXED);

	if (ms == 0)
		ms = eal_get_internal_configuration()->mp_timeout_ms;
	return ms != 0 ? ms : 5000;
}

void
malloc_mp_set_timeout(unsigned int ms)
{
	__atomic_store_n(&mp_state.timeout_ms, ms, __ATOMIC_RELAXED);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static struct timespec
ms_to_ts(unsigned int ms)
{
	struct timespec ts = {
		.tv_sec = ms / 1000,
		.tv_nsec = (long)(ms % 1000) * 1000000,
	};

	return ts;
}

static void
msg_init(struct rte_mp_msg *msg, const char *name,
		const struct mp_req_param *p)
{
	memset(msg, 0, sizeof(*msg));
	strlcpy(msg->name, name, sizeof(msg->name));
	memcpy(msg->param, p, sizeof(*p));
	msg->len_param = sizeof(*p);
}

/* the param of msg, or NULL if it is not one of ours */
static const struct mp_req_param *
msg_param(const struct rte_mp_msg *msg)
{
	if (msg->len_param != (int)sizeof(struct mp_req_param))
		return NULL;
	return (const struct mp_req_param *)msg->param;
}

static bool
mp_usable(void)
{
	return !eal_get_internal_configuration()->no_shconf;
}

/* ---------------------------------------------------------------------- */
/* primary: sync rounds                                                   */

/* what changed since the last round, as the sync message carries it */
static void
sync_msg_init(struct rte_mp_msg *msg)
{
	struct mp_sync_param p = { .type = 0 };

	RTE_BUILD_BUG_ON(sizeof(p) > RTE_MP_MAX_PARAM_LEN);
	p.n_delta = eal_memalloc_delta_take(p.delta, MP_SYNC_MAX_DELTA);
	if (p.n_delta < 0)
		p.n_delta = -1;
	memset(msg, 0, sizeof(*msg));
	strlcpy(msg->name, MP_ACTION_SYNC, sizeof(msg->name));
	memcpy(msg->param, &p, sizeof(p));
	msg->len_param = sizeof(p);
}

/* 0 if every secondary that was asked confirmed in time */
static int
sync_round(bool need_all)
{
	struct rte_mp_reply reply = { 0 };
	struct rte_mp_msg msg;
	struct timespec ts = ms_to_ts(mp_timeout_ms());
	const struct mp_req_param *r;
	int i, ret = 0;

	/* taken even when nobody listens, so changes do not pile up */
	sync_msg_init(&msg);
	if (!mp_usable())
		return 0;
	if (rte_mp_request_sync(&msg, &reply, &ts) < 0) {
		ret = -rte_errno;
		if (need_all)
			RTE_LOG(ERR, EAL, "hot-plug sync: cannot ask the "
				"secondaries: %s\n", rte_strerror(rte_errno));
		return ret != 0 ? ret : -EIO;
	}
	if (reply.nb_received != reply.nb_sent) {
		if (need_all)
			RTE_LOG(ERR, EAL, "hot-plug sync: %d of %d secondaries "
				"did not answer within %u ms\n",
				reply.nb_sent - reply.nb_received,
				reply.nb_sent, mp_timeout_ms());
		ret = -ETIMEDOUT;
	}
	for (i = 0; i < reply.nb_received; i++) {
		r = msg_param(&reply.msgs[i]);
		if (r == NULL || r->result != 0) {
			if (need_all)
				RTE_LOG(ERR, EAL, "hot-plug sync: a secondary "
					"could not map the new pages: %s\n",
					strerror(r == NULL ? EPROTO :
					-r->result));
			if (ret == 0)
				ret = r == NULL ? -EPROTO : r->result;
		}
	}
	free(reply.msgs);
	return ret;
}

int
malloc_mp_sync_all(void)
{
	return sync_round(true);
}

void
malloc_mp_notify_all(void)
{
	/* pages are already gone from the heap: a straggler only wastes VA */
	(void)sync_round(false);
}

/* ---------------------------------------------------------------------- */
/* primary: requests of secondaries, served by the worker                 */

static int
serve_alloc(struct mp_req_param *p)
{
	struct malloc_heap *heap = malloc_heap_get(p->socket_id);
	struct malloc_req req = {
		.size = p->size,
		.align = p->align,
		.bound = p->bound,
		.flags = p->flags,
		.contig = p->contig != 0,
	};
	int err = -ENOMEM;
	void *ptr;

	if (heap == NULL)
		return -EINVAL;
	/* grows, syncs every process (the requester too), allocates */
	ptr = malloc_heap_alloc(heap, &req, &err);
	if (ptr == NULL)
		return err;
	p->ptr = (uint64_t)(uintptr_t)ptr;
	return 0;
}

/* the requester stopped waiting: give back what was made for it */
static void
undo_alloc(const struct mp_req_param *p)
{
	void *ptr = (void *)(uintptr_t)p->ptr;

	RTE_LOG(WARNING, EAL, "hot-plug request answered after its "
		"requester gave up; freeing %p\n", ptr);
	malloc_heap_free(malloc_elem_from_data(ptr));
}

static void
serve_job(struct mp_job *job)
{
	struct mp_req_param p;
	const struct mp_req_param *in = msg_param(&job->msg);
	struct rte_mp_msg reply;
	int ret;

	if (in == NULL)
		return; /* not ours: no reply, the requester times out */
	p = *in;
	p.result = 0;
	/* too late to finish before the requester stops waiting */
	if (now_ns() + 2ull * mp_timeout_ms() * 1000000ull > p.deadline_ns)
		ret = -ETIMEDOUT;
	else if (p.type == MP_REQ_ALLOC)
		ret = serve_alloc(&p);
	else if (p.type == MP_REQ_FREE)
		ret = malloc_heap_free_pages((void *)(uintptr_t)p.ptr,
				(size_t)p.len);
	else
		ret = -EINVAL;
	p.result = ret;
	msg_init(&reply, MP_ACTION_REQUEST, &p);
	if ((rte_mp_reply(&reply, job->peer) < 0 ||
			now_ns() > p.deadline_ns) &&
			p.type == MP_REQ_ALLOC && ret == 0)
		undo_alloc(&p);
}

static void *
worker_main(void *arg)
{
	struct malloc_mp_state *st = arg;
	struct mp_job *job;

	pthread_mutex_lock(&st->lock);
	for (;;) {
		while (!st->stop && TAILQ_EMPTY(&st->queue))
			pthread_cond_wait(&st->cond, &st->lock);
		if (st->stop)
			break;
		job = TAILQ_FIRST(&st->queue);
		TAILQ_REMOVE(&st->queue, job, next);
		pthread_mutex_unlock(&st->lock);
		serve_job(job);
		free(job);
		pthread_mutex_lock(&st->lock);
	}
	pthread_mutex_unlock(&st->lock);
	return NULL;
}

/* IPC handler thread: queue the request, never wait here */
static int
handle_request(const struct rte_mp_msg *msg, const void *peer)
{
	struct malloc_mp_state *st = &mp_state;
	struct mp_job *job;

	if (msg_param(msg) == NULL) {
		struct mp_req_param p = { .result = -EINVAL };
		struct rte_mp_msg reply;

		RTE_LOG(ERR, EAL, "malformed hot-plug request from %s\n",
			(const char *)peer);
		/* answered, so its id cannot be taken by the next request */
		msg_init(&reply, MP_ACTION_REQUEST, &p);
		rte_mp_reply(&reply, peer);
		return -1;
	}
	job = calloc(1, sizeof(*job));
	if (job == NULL)
		return -1;
	job->msg = *msg;
	strlcpy(job->peer, peer, sizeof(job->peer));
	pthread_mutex_lock(&st->lock);
	TAILQ_INSERT_TAIL(&st->queue, job, next);
	pthread_cond_signal(&st->cond);
	pthread_mutex_unlock(&st->lock);
	return 0;
}

/* ---------------------------------------------------------------------- */
/* secondary                                                              */

/* the sync's param, or NULL if it is not one (then nothing is answered) */
static const struct mp_sync_param *
sync_param(const struct rte_mp_msg *msg)
{
	const struct mp_sync_param *sp;

	if (msg->len_param != (int)sizeof(*sp))
		return NULL;
	sp = (const struct mp_sync_param *)msg->param;
	if (sp->n_delta < -1 || sp->n_delta > MP_SYNC_MAX_DELTA)
		return NULL;
	return sp;
}

/* primary's IPC thread asks: follow the memseg lists */
static int
handle_sync(const struct rte_mp_msg *msg, const void *peer)
{
	struct mp_req_param p = { .type = 0 };
	const struct mp_sync_param *sp = sync_param(msg);
	struct rte_mp_msg reply;
	int ret;

	if (sp == NULL) {
		RTE_LOG(ERR, EAL, "malformed hot-plug sync from %s\n",
			(const char *)peer);
		/* refused at once: the primary rolls back, not times out */
		ret = -EPROTO;
	} else {
		ret = eal_memalloc_sync_delta(sp->delta, sp->n_delta);
	}
	/*
	 * not initialised yet: memory init, waiting on the hot-plug lock the
	 * primary holds, will map whatever exists once it gets the lock
	 */
	if (ret == -ENODEV)
		ret = 0;
	if (ret < 0)
		RTE_LOG(ERR, EAL, "hot-plug sync failed: %s\n",
			strerror(-ret));
	p.result = ret;
	msg_init(&reply, MP_ACTION_SYNC, &p);
	return rte_mp_reply(&reply, peer);
}

/* send p to the primary and wait for its answer (in p) */
static int
request_primary(struct mp_req_param *p)
{
	unsigned int wait_ms = MP_REQ_ROUNDS * mp_timeout_ms() +
		MP_REQ_MARGIN_MS;
	struct timespec ts = ms_to_ts(wait_ms);
	struct rte_mp_reply reply = { 0 };
	const struct mp_req_param *r;
	struct rte_mp_msg msg;
	int ret;

	if (!mp_usable())
		return -ENOTSUP;
	p->deadline_ns = now_ns() + (uint64_t)wait_ms * 1000000ull;
	msg_init(&msg, MP_ACTION_REQUEST, p);
	if (rte_mp_request_sync(&msg, &reply, &ts) < 0)
		return rte_errno != 0 ? -rte_errno : -EIO;
	if (reply.nb_received != 1) {
		ret = -ETIMEDOUT;
	} else {
		r = msg_param(&reply.msgs[0]);
		ret = r == NULL ? -EPROTO : r->result;
		if (r != NULL)
			*p = *r;
	}
	free(reply.msgs);
	return ret;
}

void *
malloc_mp_request_alloc(struct malloc_heap *heap,
		const struct malloc_req *req, int *err)
{
	struct mp_req_param p = {
		.type = MP_REQ_ALLOC,
		.size = req->size,
		.align = req->align,
		.bound = req->bound,
		.flags = req->flags,
		.socket_id = (int32_t)heap->socket_id,
		.contig = req->contig,
	};
	int ret = request_primary(&p);

	if (ret < 0) {
		*err = ret;
		return NULL;
	}
	return (void *)(uintptr_t)p.ptr;
}

int
malloc_mp_request_free(void *start, size_t len)
{
	struct mp_req_param p = {
		.type = MP_REQ_FREE,
		.ptr = (uint64_t)(uintptr_t)start,
		.len = len,
	};

	return request_primary(&p);
}

/* ---------------------------------------------------------------------- */
/* registration                                                           */

static int
worker_start(struct malloc_mp_state *st)
{
	int ret;

	st->stop = false;
	ret = pthread_create(&st->worker, NULL, worker_main, st);
	if (ret != 0)
		return -ret;
	pthread_setname_np(st->worker, "hpeal-mp-malloc");
	st->worker_running = true;
	return 0;
}

int
malloc_mp_register(void)
{
	struct malloc_mp_state *st = &mp_state;
	bool primary = rte_eal_process_type() == RTE_PROC_PRIMARY;
	int ret;

	if (!mp_usable() || st->registered)
		return 0;
	if (primary) {
		ret = worker_start(st);
		if (ret < 0)
			return ret;
		ret = rte_mp_action_register(MP_ACTION_REQUEST,
				handle_request);
	} else {
		ret = rte_mp_action_register(MP_ACTION_SYNC, handle_sync);
	}
	if (ret < 0 && rte_errno != ENOTSUP && rte_errno != EEXIST) {
		ret = -rte_errno;
		RTE_LOG(ERR, EAL, "cannot register the hot-plug sync "
			"action: %s\n", strerror(-ret));
		malloc_mp_unregister();
		return ret;
	}
	st->registered = true;
	return 0;
}

void
malloc_mp_unregister(void)
{
	struct malloc_mp_state *st = &mp_state;
	struct mp_job *job;

	/*
	 * a secondary keeps answering syncs until its channel closes: once its
	 * memory is gone it confirms at once, where an unregistered action
	 * would leave the primary waiting for the whole timeout
	 */
	if (st->registered && rte_eal_process_type() == RTE_PROC_PRIMARY)
		rte_mp_action_unregister(MP_ACTION_REQUEST);
	st->registered = false;
	if (!st->worker_running)
		return;
	pthread_mutex_lock(&st->lock);
	st->stop = true;
	pthread_cond_signal(&st->cond);
	pthread_mutex_unlock(&st->lock);
	pthread_join(st->worker, NULL);
	st->worker_running = false;
	while ((job = TAILQ_FIRST(&st->queue)) != NULL) {
		TAILQ_REMOVE(&st->queue, job, next);
		free(job);
	}
}
