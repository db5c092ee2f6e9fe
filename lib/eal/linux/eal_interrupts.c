/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Interrupt handles and the interrupt thread ("eal-intr-thread").
 *
 * Callbacks sit in one list, each with the descriptor of its handle. A
 * descriptor is in the epoll set while at least one callback uses it. The
 * thread is created with the first registration; on an event it marks
 * the descriptor "running", copies the callbacks of that descriptor and
 * runs them with the lock dropped, so callbacks may register and
 * unregister others. Unregistering a callback of the running descriptor
 * fails with EAGAIN (or is deferred with the _pending variant).
 *
 * Lock: intr_state.lock (a mutex); never held while a callback runs.
 */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/queue.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_interrupts.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_tailq.h>

struct rte_intr_handle {
	int fd;
	enum rte_intr_handle_type type;
	uint32_t alloc_flags;
};

struct intr_callback {
	TAILQ_ENTRY(intr_callback) next;
	const struct rte_intr_handle *handle;
	int fd;
	rte_intr_callback_fn cb;
	void *arg;
	bool pending_delete;
	rte_intr_unregister_callback_fn ucb;
};

TAILQ_HEAD(intr_callback_list, intr_callback);

/* most callbacks run for one event; more are run on the next event */
#define INTR_MAX_BATCH 32

static struct {
	pthread_mutex_t lock;
	struct intr_callback_list list;
	int epfd;
	bool started;
	pthread_t thread;
	int running_fd;   /* descriptor whose callbacks run now, or -1 */
} intr_state = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.list = TAILQ_HEAD_INITIALIZER(intr_state.list),
	.epfd = -1,
	.running_fd = -1,
};

/* -------------------------------------------------------------------- */
/* handles */

struct rte_intr_handle *
rte_intr_instance_alloc(uint32_t flags)
{
	struct rte_intr_handle *h;

	if ((flags & ~RTE_INTR_INSTANCE_F_SHARED) != 0) {
		RTE_LOG(ERR, EAL, "rte_intr_instance_alloc: unknown flags "
			"0x%x\n", flags);
		rte_errno = EINVAL;
		return NULL;
	}
	if (flags & RTE_INTR_INSTANCE_F_SHARED)
		h = rte_zmalloc("intr_handle", sizeof(*h), 0);
	else
		h = calloc(1, sizeof(*h));
	if (h == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	h->fd = -1;
	h->type = RTE_INTR_HANDLE_UNKNOWN;
	h->alloc_flags = flags;
	return h;
}

void
rte_intr_instance_free(struct rte_intr_handle *intr_handle)
{
	if (intr_handle == NULL)
		return;
	if (intr_handle->alloc_flags & RTE_INTR_INSTANCE_F_SHARED)
		rte_free(intr_handle);
	else
		free(intr_handle);
}

int
rte_intr_fd_set(struct rte_intr_handle *intr_handle, int fd)
{
	if (intr_handle == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	intr_handle->fd = fd;
	return 0;
}

int
rte_intr_fd_get(const struct rte_intr_handle *intr_handle)
{
	if (intr_handle == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	return intr_handle->fd;
}

int
rte_intr_type_set(struct rte_intr_handle *intr_handle,
		enum rte_intr_handle_type type)
{
	if (intr_handle == NULL || type < RTE_INTR_HANDLE_UNKNOWN ||
			type >= RTE_INTR_HANDLE_MAX) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	intr_handle->type = type;
	return 0;
}

enum rte_intr_handle_type
rte_intr_type_get(const struct rte_intr_handle *intr_handle)
{
	if (intr_handle == NULL) {
		rte_errno = EINVAL;
		return RTE_INTR_HANDLE_UNKNOWN;
	}
	return intr_handle->type;
}

static int
intr_toggle(const struct rte_intr_handle *intr_handle)
{
	if (intr_handle == NULL)
		return -1;
	/* virtual devices signal through their fd, nothing to program */
	return intr_handle->type == RTE_INTR_HANDLE_VDEV ? 0 : -1;
}

int
rte_intr_enable(const struct rte_intr_handle *intr_handle)
{
	return intr_toggle(intr_handle);
}

int
rte_intr_disable(const struct rte_intr_handle *intr_handle)
{
	return intr_toggle(intr_handle);
}

int
rte_intr_ack(const struct rte_intr_handle *intr_handle)
{
	return intr_toggle(intr_handle);
}

int
rte_thread_is_intr(void)
{
	return intr_state.started &&
		pthread_equal(intr_state.thread, pthread_self());
}

/* -------------------------------------------------------------------- */
/* the interrupt thread */

static bool
intr_fd_in_use_locked(int fd)
{
	struct intr_callback *c;

	TAILQ_FOREACH(c, &intr_state.list, next)
		if (c->fd == fd)
			return true;
	return false;
}

static void
intr_remove_locked(struct intr_callback *c)
{
	TAILQ_REMOVE(&intr_state.list, c, next);
	if (!intr_fd_in_use_locked(c->fd))
		epoll_ctl(intr_state.epfd, EPOLL_CTL_DEL, c->fd, NULL);
}

/* callbacks marked while they ran are removed now, then told */
static void
intr_reap_pending_locked(int fd)
{
	struct intr_callback *c, *tmp;

	RTE_TAILQ_FOREACH_SAFE(c, &intr_state.list, next, tmp) {
		if (c->fd != fd || !c->pending_delete)
			continue;
		intr_remove_locked(c);
		if (c->ucb != NULL)
			c->ucb((struct rte_intr_handle *)(uintptr_t)c->handle,
				c->arg);
		free(c);
	}
}

static void
intr_dispatch(int fd)
{
	struct intr_callback batch[INTR_MAX_BATCH];
	struct intr_callback *c;
	unsigned int n = 0, i;

	pthread_mutex_lock(&intr_state.lock);
	TAILQ_FOREACH(c, &intr_state.list, next)
		if (c->fd == fd && !c->pending_delete && n < INTR_MAX_BATCH)
			batch[n++] = *c;
	intr_state.running_fd = fd;
	pthread_mutex_unlock(&intr_state.lock);

	for (i = 0; i < n; i++)
		batch[i].cb(batch[i].arg);

	pthread_mutex_lock(&intr_state.lock);
	intr_state.running_fd = -1;
	intr_reap_pending_locked(fd);
	pthread_mutex_unlock(&intr_state.lock);
}

static void *
intr_thread_main(void *arg)
{
	struct epoll_event ev[8];
	int n, i;

	RTE_SET_USED(arg);
	for (;;) {
		n = epoll_wait(intr_state.epfd, ev, RTE_DIM(ev), -1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			RTE_LOG(ERR, EAL, "interrupt thread: epoll_wait: %s\n",
				strerror(errno));
			return NULL;
		}
		for (i = 0; i < n; i++)
			intr_dispatch(ev[i].data.fd);
	}
	return NULL;
}

static int
intr_thread_start_locked(void)
{
	int ret;

	if (intr_state.started)
		return 0;
	intr_state.epfd = epoll_create1(EPOLL_CLOEXEC);
	if (intr_state.epfd < 0)
		return -errno;
	ret = rte_ctrl_thread_create(&intr_state.thread, "eal-intr-thread",
		NULL, intr_thread_main, NULL);
	if (ret != 0) {
		close(intr_state.epfd);
		intr_state.epfd = -1;
		return ret < 0 ? ret : -ret;
	}
	intr_state.started = true;
	return 0;
}

/* -------------------------------------------------------------------- */
/* registration */

static int
intr_register_locked(const struct rte_intr_handle *h,
		rte_intr_callback_fn cb, void *cb_arg)
{
	struct epoll_event ev = { .events = EPOLLIN | EPOLLPRI };
	struct intr_callback *c;
	int ret;

	TAILQ_FOREACH(c, &intr_state.list, next)
		if (c->fd == h->fd && c->cb == cb && c->arg == cb_arg &&
				!c->pending_delete)
			return -EEXIST;
	ret = intr_thread_start_locked();
	if (ret < 0)
		return ret;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return -ENOMEM;
	c->handle = h;
	c->fd = h->fd;
	c->cb = cb;
	c->arg = cb_arg;
	if (!intr_fd_in_use_locked(h->fd)) {
		ev.data.fd = h->fd;
		if (epoll_ctl(intr_state.epfd, EPOLL_CTL_ADD, h->fd,
				&ev) < 0) {
			ret = -errno;
			free(c);
			return ret;
		}
	}
	TAILQ_INSERT_TAIL(&intr_state.list, c, next);
	return 0;
}

int
rte_intr_callback_register(const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb, void *cb_arg)
{
	int ret;

	if (intr_handle == NULL || intr_handle->fd < 0 || cb == NULL) {
		RTE_LOG(ERR, EAL, "rte_intr_callback_register: needs a handle "
			"with a valid fd (rte_intr_fd_set) and a callback\n");
		return -EINVAL;
	}
	pthread_mutex_lock(&intr_state.lock);
	ret = intr_register_locked(intr_handle, cb, cb_arg);
	pthread_mutex_unlock(&intr_state.lock);
	if (ret < 0 && ret != -EEXIST)
		RTE_LOG(ERR, EAL, "rte_intr_callback_register: fd %d: %s\n",
			intr_handle->fd, strerror(-ret));
	return ret;
}

static bool
intr_match(const struct intr_callback *c, int fd, rte_intr_callback_fn cb,
		void *cb_arg)
{
	return c->fd == fd && c->cb == cb && !c->pending_delete &&
		(cb_arg == (void *)-1 || c->arg == cb_arg);
}

/* defer: mark callbacks of a running descriptor instead of failing */
static int
intr_unregister(const struct rte_intr_handle *h, rte_intr_callback_fn cb,
		void *cb_arg, bool defer, rte_intr_unregister_callback_fn ucb)
{
	struct intr_callback *c, *tmp;
	int n = 0;

	if (h == NULL || h->fd < 0)
		return -EINVAL;
	pthread_mutex_lock(&intr_state.lock);
	if (intr_state.running_fd == h->fd) {
		if (!defer) {
			pthread_mutex_unlock(&intr_state.lock);
			return -EAGAIN;
		}
		TAILQ_FOREACH(c, &intr_state.list, next)
			if (intr_match(c, h->fd, cb, cb_arg)) {
				c->pending_delete = true;
				c->ucb = ucb;
				n++;
			}
	} else {
		RTE_TAILQ_FOREACH_SAFE(c, &intr_state.list, next, tmp)
			if (intr_match(c, h->fd, cb, cb_arg)) {
				intr_remove_locked(c);
				free(c);
				n++;
			}
	}
	pthread_mutex_unlock(&intr_state.lock);
	return n > 0 ? n : -ENOENT;
}

int
rte_intr_callback_unregister(const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb, void *cb_arg)
{
	return intr_unregister(intr_handle, cb, cb_arg, false, NULL);
}

int
rte_intr_callback_unregister_pending(const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb_fn, void *cb_arg,
		rte_intr_unregister_callback_fn ucb_fn)
{
	return intr_unregister(intr_handle, cb_fn, cb_arg, true, ucb_fn);
}

int
rte_intr_callback_unregister_sync(const struct rte_intr_handle *intr_handle,
		rte_intr_callback_fn cb, void *cb_arg)
{
	int ret;

	while ((ret = intr_unregister(intr_handle, cb, cb_arg, false,
			NULL)) == -EAGAIN)
		usleep(100);
	return ret;
}
