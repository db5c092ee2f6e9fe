/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The multi-process IPC channel (rte_mp_*): see eal_mp.h for the shape.
 *
 * Locks of one channel (never nested):
 *   action_lock - the named actions and the record of requests received
 *                 and not yet answered (inbound)
 *   req_lock    - the requests this process sent and waits on; sync
 *                 callers sleep on their request's condvar with it, the
 *                 async thread on async_cond. It is the only lock ever
 *                 held while waiting for a peer, and nothing is sent with
 *                 it held.
 *
 * Requests carry an id, so a late reply to a request that already timed
 * out cannot be mistaken for the answer to a newer one. A request is sent
 * to every peer first and the replies are gathered together, so a
 * broadcast costs one timeout at most, not one per peer.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/queue.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>

#include "eal_internal_cfg.h"
#include "eal_memcfg.h"
#include "eal_mp.h"
#include "eal_private.h"

#define MP_SOCKET_NAME "mp_socket"
#define MP_SECONDARY_PREFIX "mp_socket_"
#define MP_PATH_LEN sizeof(((struct sockaddr_un *)0)->sun_path)
/* unanswered requests remembered for rte_mp_reply(); the oldest go first */
#define MP_INBOUND_MAX 256
/* how long a peer whose queue stays full is retried before giving up */
#define MP_SEND_BUSY_MS 500
#define MP_CMSG_RX_SPACE (CMSG_SPACE(sizeof(int) * RTE_MP_MAX_FD_NUM) + \
		CMSG_SPACE(sizeof(struct ucred)))

#define MP_LOG(level, fmt, ...) \
	RTE_LOG(level, EAL, "IPC: " fmt "\n", ##__VA_ARGS__)

// -----------------------------------------------------------------------
// types

enum mp_slot_state {
	MP_SLOT_WAITING, /* sent, no answer yet */
	MP_SLOT_REPLIED,
	MP_SLOT_IGNORED, /* the peer said it is not ready: not counted */
	MP_SLOT_GONE,    /* never reached: dead peer or send failure */
};

/* one destination of a request */
struct mp_slot {
	char path[MP_PATH_LEN];
	enum mp_slot_state state;
	struct rte_mp_msg reply;
};

struct mp_request {
	TAILQ_ENTRY(mp_request) next;
	uint64_t id;
	bool async;
	bool armed;                /* async: sent, the async thread owns it */
	struct timespec deadline;  /* CLOCK_MONOTONIC */
	pthread_cond_t cond;       /* sync: signalled when nb_waiting is 0 */
	rte_mp_async_reply_t clb;
	struct rte_mp_msg req;
	unsigned int nb_slots;
	unsigned int nb_waiting;
	struct mp_slot slots[];
};

struct mp_action {
	TAILQ_ENTRY(mp_action) next;
	char name[RTE_MP_MAX_NAME_LEN];
	rte_mp_t action;
};

/* a request received whose reply rte_mp_reply() has to tag with its id */
struct mp_inbound {
	TAILQ_ENTRY(mp_inbound) next;
	char path[MP_PATH_LEN];
	char name[RTE_MP_MAX_NAME_LEN];
	uint64_t id;
};

struct mp_channel {
	int fd;                    /* our socket, -1 when closed */
	int stop_fd;               /* eventfd telling the handler to exit */
	bool primary;
	uid_t uid;                 /* peers must run as this uid */
	const volatile unsigned int *init_done; /* NULL: always ready */
	char dir[PATH_MAX];
	char path[MP_PATH_LEN];
	char primary_path[MP_PATH_LEN];
	unsigned int counter;      /* secondary socket names */
	pthread_t handler_tid;
	pthread_t async_tid;
	bool handler_started;
	bool async_started;
	bool stopping;             /* under req_lock */
	bool leaving;              /* threads gone: requests get an ignore */

	pthread_mutex_t action_lock;
	TAILQ_HEAD(, mp_action) actions;
	TAILQ_HEAD(, mp_inbound) inbound;
	unsigned int nb_inbound;

	pthread_mutex_t req_lock;
	pthread_cond_t async_cond;
	TAILQ_HEAD(, mp_request) requests;
	uint64_t next_id;

	struct mp_channel_stats stats;
};

/* the process' own channel, like the config a process-wide singleton */
static struct mp_channel mp_default = { .fd = -1, .stop_fd = -1 };
static pthread_once_t mp_default_once = PTHREAD_ONCE_INIT;
static int mp_default_setup_err;
static unsigned int mp_socket_counter;

// -----------------------------------------------------------------------
// helpers

static void
mp_close_fds(const struct rte_mp_msg *msg)
{
	int i;

	for (i = 0; i < msg->num_fds; i++)
		if (msg->fds[i] >= 0)
			close(msg->fds[i]);
}

static void
mp_stat_inc(uint64_t *counter)
{
	__atomic_fetch_add(counter, 1, __ATOMIC_RELAXED);
}

static void
mp_deadline(struct timespec *d, const struct timespec *ts)
{
	clock_gettime(CLOCK_MONOTONIC, d);
	d->tv_sec += ts->tv_sec;
	d->tv_nsec += ts->tv_nsec;
	if (d->tv_nsec >= 1000000000L) {
		d->tv_sec++;
		d->tv_nsec -= 1000000000L;
	}
}

static bool
mp_expired(const struct timespec *d)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return now.tv_sec > d->tv_sec ||
		(now.tv_sec == d->tv_sec && now.tv_nsec >= d->tv_nsec);
}

static int
mp_cond_init_monotonic(pthread_cond_t *cond)
{
	pthread_condattr_t attr;
	int ret;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	ret = pthread_cond_init(cond, &attr);
	pthread_condattr_destroy(&attr);
	return -ret;
}

static bool
mp_channel_ready(const struct mp_channel *ch)
{
	return ch->init_done == NULL || *ch->init_done != 0;
}

// -----------------------------------------------------------------------
// sending

/* a secondary's socket that nobody is bound to any more: remove it */
static void
mp_peer_gone(struct mp_channel *ch, const char *path)
{
	const char *base = strrchr(path, '/');

	if (base == NULL || strncmp(base + 1, MP_SECONDARY_PREFIX,
			strlen(MP_SECONDARY_PREFIX)) != 0 ||
			strcmp(path, ch->path) == 0)
		return;
	if (unlink(path) == 0) {
		mp_stat_inc(&ch->stats.peers_removed);
		MP_LOG(INFO, "removed socket %s of a process that exited",
			path);
	}
}

/* 1 sent, 0 peer gone (primary only), -errno otherwise */
static int
mp_sendmsg_retry(struct mp_channel *ch, const struct msghdr *mh,
		const char *path)
{
	unsigned int waited_ms = 0;
	int err;

	for (;;) {
		if (sendmsg(ch->fd, mh, MSG_DONTWAIT | MSG_NOSIGNAL) >= 0)
			return 1;
		err = errno;
		if (err == EINTR)
			continue;
		/* the peer's queue is full: give it a little time, not ours */
		if (err == EAGAIN && waited_ms < MP_SEND_BUSY_MS) {
			usleep(1000);
			waited_ms++;
			continue;
		}
		break;
	}
	if (ch->primary && (err == ECONNREFUSED || err == ENOENT)) {
		mp_peer_gone(ch, path);
		return 0;
	}
	return -err;
}

static int
mp_send_to(struct mp_channel *ch, const char *path, enum mp_wire_type type,
		uint64_t id, const struct rte_mp_msg *msg)
{
	union {
		char buf[CMSG_SPACE(sizeof(int) * RTE_MP_MAX_FD_NUM)];
		struct cmsghdr align;
	} ctl;
	struct sockaddr_un to = { .sun_family = AF_UNIX };
	struct msghdr mh = { 0 };
	struct cmsghdr *cmsg;
	struct mp_wire w;
	struct iovec iov = { .iov_base = &w, .iov_len = sizeof(w) };
	size_t fd_len = sizeof(int) * (size_t)msg->num_fds;

	if (ch->fd < 0)
		return -ENOTCONN;
	if (strlen(path) >= sizeof(to.sun_path))
		return -ENAMETOOLONG;
	strcpy(to.sun_path, path);
	mp_wire_encode(&w, type, id, msg);

	mh.msg_name = &to;
	mh.msg_namelen = sizeof(to);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (msg->num_fds > 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.buf;
		mh.msg_controllen = CMSG_SPACE(fd_len);
		cmsg = CMSG_FIRSTHDR(&mh);
		cmsg->cmsg_level = SOL_SOCKET;
		cmsg->cmsg_type = SCM_RIGHTS;
		cmsg->cmsg_len = CMSG_LEN(fd_len);
		memcpy(CMSG_DATA(cmsg), msg->fds, fd_len);
	}
	return mp_sendmsg_retry(ch, &mh, path);
}

/*
 * Destinations of a broadcast: the primary sends to every secondary socket
 * in the runtime dir, a secondary to the primary only. Returns the count
 * (paths is malloc'ed, possibly NULL when 0) or -errno.
 */
static int
mp_list_peers(struct mp_channel *ch, char (**paths)[MP_PATH_LEN])
{
	char (*list)[MP_PATH_LEN] = NULL, (*grown)[MP_PATH_LEN];
	size_t plen = strlen(MP_SECONDARY_PREFIX);
	struct dirent *ent;
	int n = 0;
	DIR *d;

	if (!ch->primary) {
		list = malloc(sizeof(*list));
		if (list == NULL)
			return -ENOMEM;
		memcpy(list[0], ch->primary_path, MP_PATH_LEN);
		*paths = list;
		return 1;
	}
	d = opendir(ch->dir);
	if (d == NULL)
		return -errno;
	while ((ent = readdir(d)) != NULL) {
		if (strncmp(ent->d_name, MP_SECONDARY_PREFIX, plen) != 0)
			continue;
		grown = realloc(list, sizeof(*list) * (size_t)(n + 1));
		if (grown == NULL) {
			free(list);
			closedir(d);
			return -ENOMEM;
		}
		list = grown;
		if (snprintf(list[n], MP_PATH_LEN, "%s/%s", ch->dir,
				ent->d_name) < (int)MP_PATH_LEN)
			n++;
	}
	closedir(d);
	*paths = list;
	return n;
}

// -----------------------------------------------------------------------
// receiving

/* collect fds and credentials; extra fds beyond 8 are closed at once */
static void
mp_rx_control(struct msghdr *mh, struct mp_rx *rx, int *fds)
{
	struct cmsghdr *c;
	struct ucred cred;
	size_t i, n;
	int fd;

	for (c = CMSG_FIRSTHDR(mh); c != NULL; c = CMSG_NXTHDR(mh, c)) {
		if (c->cmsg_level != SOL_SOCKET)
			continue;
		if (c->cmsg_type == SCM_CREDENTIALS &&
				c->cmsg_len >= CMSG_LEN(sizeof(cred))) {
			memcpy(&cred, CMSG_DATA(c), sizeof(cred));
			rx->has_cred = true;
			rx->uid = cred.uid;
		} else if (c->cmsg_type == SCM_RIGHTS) {
			n = (c->cmsg_len - CMSG_LEN(0)) / sizeof(int);
			for (i = 0; i < n; i++) {
				memcpy(&fd, CMSG_DATA(c) + i * sizeof(int),
					sizeof(int));
				if (rx->nb_fds < RTE_MP_MAX_FD_NUM) {
					fds[rx->nb_fds++] = fd;
				} else {
					close(fd);
					rx->truncated = true;
				}
			}
		}
	}
}

static void
mp_peer_path(const struct sockaddr_un *from, socklen_t len, char *path)
{
	size_t n = 0;

	/* unnamed and abstract senders have no path one could reply to */
	if (len > offsetof(struct sockaddr_un, sun_path) &&
			from->sun_path[0] != '\0')
		n = strnlen(from->sun_path, len -
			offsetof(struct sockaddr_un, sun_path));
	if (n >= MP_PATH_LEN)
		n = MP_PATH_LEN - 1;
	memcpy(path, from->sun_path, n);
	path[n] = '\0';
}

static void
mp_inbound_push(struct mp_channel *ch, const char *peer,
		const struct mp_decoded *d)
{
	struct mp_inbound *in;

	if (ch->nb_inbound >= MP_INBOUND_MAX) {
		in = TAILQ_FIRST(&ch->inbound);
		TAILQ_REMOVE(&ch->inbound, in, next);
		ch->nb_inbound--;
	} else {
		in = malloc(sizeof(*in));
		if (in == NULL)
			return;
	}
	snprintf(in->path, sizeof(in->path), "%s", peer);
	memcpy(in->name, d->msg.name, sizeof(in->name));
	in->id = d->req_id;
	TAILQ_INSERT_TAIL(&ch->inbound, in, next);
	ch->nb_inbound++;
}

/* id of the oldest unanswered request from peer for name, 0 if none */
static uint64_t
mp_inbound_take(struct mp_channel *ch, const char *peer, const char *name)
{
	struct mp_inbound *in;
	uint64_t id = 0;

	pthread_mutex_lock(&ch->action_lock);
	TAILQ_FOREACH(in, &ch->inbound, next) {
		if (strcmp(in->path, peer) == 0 &&
				strncmp(in->name, name, sizeof(in->name)) == 0)
			break;
	}
	if (in != NULL) {
		id = in->id;
		TAILQ_REMOVE(&ch->inbound, in, next);
		ch->nb_inbound--;
		free(in);
	}
	pthread_mutex_unlock(&ch->action_lock);
	return id;
}

static struct mp_action *
mp_action_find(struct mp_channel *ch, const char *name)
{
	struct mp_action *a;

	TAILQ_FOREACH(a, &ch->actions, next)
		if (strncmp(a->name, name, sizeof(a->name)) == 0)
			return a;
	return NULL;
}

static void
mp_run_action(struct mp_channel *ch, struct mp_decoded *d, const char *peer)
{
	struct rte_mp_msg ign;
	struct mp_action *a;
	rte_mp_t fn = NULL;

	pthread_mutex_lock(&ch->action_lock);
	a = ch->leaving ? NULL : mp_action_find(ch, d->msg.name);
	if (a != NULL) {
		fn = a->action;
		if (d->type == MP_WIRE_REQ)
			mp_inbound_push(ch, peer, d);
	}
	pthread_mutex_unlock(&ch->action_lock);

	if (fn != NULL) {
		/* the action now owns the fds, as in DPDK */
		if (fn(&d->msg, peer) < 0)
			MP_LOG(ERR, "action %s failed on a message from %s",
				d->msg.name, peer);
		return;
	}
	mp_close_fds(&d->msg);
	if (d->type == MP_WIRE_REQ && (!mp_channel_ready(ch) ||
			ch->leaving)) {
		/*
		 * still initialising, or closing: tell the requester not to
		 * wait for us
		 */
		memset(&ign, 0, sizeof(ign));
		memcpy(ign.name, d->msg.name, sizeof(ign.name));
		mp_send_to(ch, peer, MP_WIRE_IGN, d->req_id, &ign);
		return;
	}
	MP_LOG(ERR, "no action registered for %s (from %s)", d->msg.name,
		peer);
}

static struct mp_slot *
mp_slot_find(struct mp_channel *ch, uint64_t id, const char *peer,
		struct mp_request **req)
{
	struct mp_request *r;
	unsigned int i;

	TAILQ_FOREACH(r, &ch->requests, next) {
		if (r->id != id)
			continue;
		for (i = 0; i < r->nb_slots; i++) {
			if (r->slots[i].state == MP_SLOT_WAITING &&
					strcmp(r->slots[i].path, peer) == 0) {
				*req = r;
				return &r->slots[i];
			}
		}
		break;
	}
	return NULL;
}

/* a reply or an ignore: hand it to the request waiting for it */
static void
mp_take_answer(struct mp_channel *ch, struct mp_decoded *d, const char *peer)
{
	struct mp_request *r = NULL;
	struct mp_slot *slot;

	pthread_mutex_lock(&ch->req_lock);
	slot = mp_slot_find(ch, d->req_id, peer, &r);
	if (slot == NULL) {
		pthread_mutex_unlock(&ch->req_lock);
		mp_stat_inc(&ch->stats.unmatched);
		mp_close_fds(&d->msg);
		MP_LOG(DEBUG, "reply %s from %s answers no pending request",
			d->msg.name, peer);
		return;
	}
	if (d->type == MP_WIRE_REP) {
		slot->reply = d->msg;
		slot->state = MP_SLOT_REPLIED;
	} else {
		slot->state = MP_SLOT_IGNORED;
	}
	if (--r->nb_waiting == 0) {
		if (r->async)
			pthread_cond_signal(&ch->async_cond);
		else
			pthread_cond_signal(&r->cond);
	}
	pthread_mutex_unlock(&ch->req_lock);
}

/* 1 when a datagram was read (and handled or dropped), 0 when none */
static int
mp_receive_one(struct mp_channel *ch)
{
	union {
		struct mp_wire w;
		char raw[sizeof(struct mp_wire) + 1];
	} buf;
	union {
		char buf[MP_CMSG_RX_SPACE];
		struct cmsghdr align;
	} ctl;
	struct iovec iov = { .iov_base = &buf, .iov_len = sizeof(buf) };
	struct sockaddr_un from;
	struct msghdr mh = { 0 };
	int fds[RTE_MP_MAX_FD_NUM];
	char peer[MP_PATH_LEN];
	struct mp_rx rx = { .buf = &buf, .fds = fds };
	struct mp_decoded d;
	const char *why;
	ssize_t n;
	int i;

	memset(&from, 0, sizeof(from));
	mh.msg_name = &from;
	mh.msg_namelen = sizeof(from);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	mh.msg_control = ctl.buf;
	mh.msg_controllen = sizeof(ctl.buf);
	n = recvmsg(ch->fd, &mh, MSG_DONTWAIT | MSG_CMSG_CLOEXEC | MSG_TRUNC);
	if (n < 0) {
		if (errno != EAGAIN && errno != EINTR)
			MP_LOG(ERR, "recvmsg on %s: %s", ch->path,
				strerror(errno));
		return errno == EINTR;
	}
	mp_stat_inc(&ch->stats.received);
	rx.len = (size_t)n;
	rx.truncated = (mh.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) != 0;
	mp_rx_control(&mh, &rx, fds);
	mp_peer_path(&from, mh.msg_namelen, peer);

	why = mp_wire_decode(&rx, ch->uid, &d);
	if (why != NULL) {
		for (i = 0; i < rx.nb_fds; i++)
			close(fds[i]);
		mp_stat_inc(&ch->stats.dropped);
		MP_LOG(WARNING, "dropped %zd bytes, %d fds from %s: %s", n,
			rx.nb_fds, peer[0] != '\0' ? peer : "(unnamed)", why);
		return 1;
	}
	if (d.type == MP_WIRE_REP || d.type == MP_WIRE_IGN)
		mp_take_answer(ch, &d, peer);
	else
		mp_run_action(ch, &d, peer);
	return 1;
}

static void *
mp_handle(void *arg)
{
	struct mp_channel *ch = arg;
	struct pollfd pfd[2] = {
		{ .fd = ch->fd, .events = POLLIN },
		{ .fd = ch->stop_fd, .events = POLLIN },
	};

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			MP_LOG(ERR, "poll on %s: %s", ch->path,
				strerror(errno));
			break;
		}
		if (pfd[1].revents != 0)
			break;
		if (pfd[0].revents != 0)
			mp_receive_one(ch);
	}
	return NULL;
}

// -----------------------------------------------------------------------
// requests

static struct mp_request *
mp_request_alloc(const struct rte_mp_msg *req, char (*paths)[MP_PATH_LEN],
		int n, const struct timespec *ts)
{
	struct mp_request *r;
	int i;

	r = calloc(1, sizeof(*r) + sizeof(r->slots[0]) * (size_t)n);
	if (r == NULL)
		return NULL;
	if (mp_cond_init_monotonic(&r->cond) != 0) {
		free(r);
		return NULL;
	}
	r->req = *req;
	r->nb_slots = (unsigned int)n;
	r->nb_waiting = (unsigned int)n;
	for (i = 0; i < n; i++) {
		memcpy(r->slots[i].path, paths[i], MP_PATH_LEN);
		r->slots[i].state = MP_SLOT_WAITING;
	}
	mp_deadline(&r->deadline, ts);
	return r;
}

static void
mp_request_free(struct mp_request *r, bool close_reply_fds)
{
	unsigned int i;

	for (i = 0; close_reply_fds && i < r->nb_slots; i++)
		if (r->slots[i].state == MP_SLOT_REPLIED)
			mp_close_fds(&r->slots[i].reply);
	pthread_cond_destroy(&r->cond);
	free(r);
}

/*
 * Queue r, then send it to every slot (no lock held while sending).
 * Returns 0 or the -errno of a local failure, which ends the sending.
 */
static int
mp_request_post(struct mp_channel *ch, struct mp_request *r)
{
	unsigned int i, j;
	int ret;

	pthread_mutex_lock(&ch->req_lock);
	r->id = ++ch->next_id;
	TAILQ_INSERT_TAIL(&ch->requests, r, next);
	pthread_mutex_unlock(&ch->req_lock);

	for (i = 0; i < r->nb_slots; i++) {
		ret = mp_send_to(ch, r->slots[i].path, MP_WIRE_REQ, r->id,
			&r->req);
		/* a hung peer stays counted and times out like a silent one */
		if (ret == 1 || ret == -EAGAIN)
			continue;
		pthread_mutex_lock(&ch->req_lock);
		for (j = i; j < (ret < 0 ? r->nb_slots : i + 1); j++) {
			if (r->slots[j].state != MP_SLOT_WAITING)
				continue;
			r->slots[j].state = MP_SLOT_GONE;
			r->nb_waiting--;
		}
		pthread_mutex_unlock(&ch->req_lock);
		if (ret < 0) {
			MP_LOG(ERR, "cannot send request %s to %s: %s",
				r->req.name, r->slots[i].path, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

/*
 * Build the user's view of the answers. strict (sync): a peer that never
 * answered fails the whole request with -ETIMEDOUT, as in DPDK.
 */
static int
mp_request_collect(struct mp_request *r, struct rte_mp_reply *reply,
		bool strict)
{
	int nb_sent = 0, nb_recv = 0, k = 0;
	struct rte_mp_msg *msgs = NULL;
	unsigned int i;

	for (i = 0; i < r->nb_slots; i++) {
		nb_sent += r->slots[i].state == MP_SLOT_WAITING ||
			r->slots[i].state == MP_SLOT_REPLIED;
		nb_recv += r->slots[i].state == MP_SLOT_REPLIED;
	}
	reply->nb_sent = nb_sent;
	reply->nb_received = 0;
	reply->msgs = NULL;
	if (strict && nb_recv < nb_sent)
		return -ETIMEDOUT;
	if (nb_recv > 0) {
		msgs = malloc(sizeof(*msgs) * (size_t)nb_recv);
		if (msgs == NULL)
			return -ENOMEM;
	}
	for (i = 0; i < r->nb_slots; i++)
		if (r->slots[i].state == MP_SLOT_REPLIED)
			msgs[k++] = r->slots[i].reply;
	reply->nb_received = nb_recv;
	reply->msgs = msgs;
	return 0;
}

/* name the peers that let a request time out: the log says who hangs */
static void
mp_log_silent(const struct mp_request *r)
{
	unsigned int i;

	for (i = 0; i < r->nb_slots; i++)
		if (r->slots[i].state == MP_SLOT_WAITING)
			MP_LOG(ERR, "no reply from %s to request %s",
				r->slots[i].path, r->req.name);
}

/* the async request that is due, removed from the list, or NULL */
static struct mp_request *
mp_async_due(struct mp_channel *ch, struct timespec *earliest)
{
	struct mp_request *r;
	bool have = false;

	TAILQ_FOREACH(r, &ch->requests, next) {
		if (!r->async || !r->armed)
			continue;
		if (r->nb_waiting == 0 || mp_expired(&r->deadline)) {
			TAILQ_REMOVE(&ch->requests, r, next);
			return r;
		}
		if (!have || r->deadline.tv_sec < earliest->tv_sec ||
				(r->deadline.tv_sec == earliest->tv_sec &&
				 r->deadline.tv_nsec < earliest->tv_nsec))
			*earliest = r->deadline;
		have = true;
	}
	if (!have)
		mp_deadline(earliest, &(struct timespec){ .tv_sec = 1 });
	return NULL;
}

static void
mp_async_finish(struct mp_request *r)
{
	struct rte_mp_reply reply;
	bool failed;

	/* without memory the callback still runs, with no reply in it */
	failed = mp_request_collect(r, &reply, false) < 0;
	if (failed)
		MP_LOG(ERR, "no memory for the replies to %s", r->req.name);
	r->clb(&r->req, &reply);
	free(reply.msgs);
	mp_request_free(r, failed);
}

/* the rte_mp_async thread: completes async requests, runs callbacks */
static void *
mp_async_handle(void *arg)
{
	struct mp_channel *ch = arg;
	struct timespec earliest;
	struct mp_request *r;

	pthread_mutex_lock(&ch->req_lock);
	while (!ch->stopping) {
		r = mp_async_due(ch, &earliest);
		if (r != NULL) {
			pthread_mutex_unlock(&ch->req_lock);
			mp_async_finish(r);
			pthread_mutex_lock(&ch->req_lock);
			continue;
		}
		pthread_cond_timedwait(&ch->async_cond, &ch->req_lock,
			&earliest);
	}
	pthread_mutex_unlock(&ch->req_lock);
	return NULL;
}

// -----------------------------------------------------------------------
// channel operations (eal_mp.h)

int
eal_mp_channel_action_register(struct mp_channel *ch, const char *name,
		rte_mp_t action)
{
	struct mp_action *a;

	if (action == NULL)
		return -EINVAL;
	a = calloc(1, sizeof(*a));
	if (a == NULL)
		return -ENOMEM;
	snprintf(a->name, sizeof(a->name), "%s", name);
	a->action = action;
	pthread_mutex_lock(&ch->action_lock);
	if (mp_action_find(ch, name) != NULL) {
		pthread_mutex_unlock(&ch->action_lock);
		free(a);
		return -EEXIST;
	}
	TAILQ_INSERT_TAIL(&ch->actions, a, next);
	pthread_mutex_unlock(&ch->action_lock);
	return 0;
}

void
eal_mp_channel_action_unregister(struct mp_channel *ch, const char *name)
{
	struct mp_action *a;

	pthread_mutex_lock(&ch->action_lock);
	a = mp_action_find(ch, name);
	if (a != NULL)
		TAILQ_REMOVE(&ch->actions, a, next);
	pthread_mutex_unlock(&ch->action_lock);
	free(a);
}

int
eal_mp_channel_sendmsg(struct mp_channel *ch, const struct rte_mp_msg *msg)
{
	char (*paths)[MP_PATH_LEN] = NULL;
	int i, n, ret, err = 0;
	const char *why;

	ret = mp_msg_check(msg, &why);
	if (ret < 0)
		return ret;
	n = mp_list_peers(ch, &paths);
	if (n < 0)
		return n;
	for (i = 0; i < n; i++) {
		ret = mp_send_to(ch, paths[i], MP_WIRE_MSG, 0, msg);
		if (ret < 0 && err == 0) {
			MP_LOG(ERR, "cannot send %s to %s: %s", msg->name,
				paths[i], strerror(-ret));
			err = ret;
		}
	}
	free(paths);
	return err;
}

int
eal_mp_channel_request_sync(struct mp_channel *ch,
		const struct rte_mp_msg *req, struct rte_mp_reply *reply,
		const struct timespec *ts)
{
	char (*paths)[MP_PATH_LEN] = NULL;
	struct mp_request *r;
	int n, ret, rc = 0;
	const char *why;

	reply->nb_sent = 0;
	reply->nb_received = 0;
	reply->msgs = NULL;
	ret = mp_msg_check(req, &why);
	if (ret < 0)
		return ret;
	/* the handler thread would be waiting for replies only it can read */
	if (ch->handler_started &&
			pthread_equal(pthread_self(), ch->handler_tid))
		return -EDEADLK;
	n = mp_list_peers(ch, &paths);
	if (n < 0)
		return n;
	r = mp_request_alloc(req, paths, n, ts);
	free(paths);
	if (r == NULL)
		return -ENOMEM;

	ret = mp_request_post(ch, r);
	pthread_mutex_lock(&ch->req_lock);
	while (ret == 0 && r->nb_waiting > 0 && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&r->cond, &ch->req_lock,
			&r->deadline);
	TAILQ_REMOVE(&ch->requests, r, next);
	pthread_mutex_unlock(&ch->req_lock);

	if (ret == 0)
		mp_log_silent(r);
	if (ret == 0)
		ret = mp_request_collect(r, reply, true);
	mp_request_free(r, ret < 0);
	return ret;
}

int
eal_mp_channel_request_async(struct mp_channel *ch,
		const struct rte_mp_msg *req, const struct timespec *ts,
		rte_mp_async_reply_t clb)
{
	char (*paths)[MP_PATH_LEN] = NULL;
	struct mp_request *r;
	const char *why;
	int n, ret;

	ret = mp_msg_check(req, &why);
	if (ret < 0 || clb == NULL)
		return ret < 0 ? ret : -EINVAL;
	n = mp_list_peers(ch, &paths);
	if (n < 0)
		return n;
	r = mp_request_alloc(req, paths, n, ts);
	free(paths);
	if (r == NULL)
		return -ENOMEM;
	r->async = true;
	r->clb = clb;

	ret = mp_request_post(ch, r);
	pthread_mutex_lock(&ch->req_lock);
	if (ret < 0) {
		TAILQ_REMOVE(&ch->requests, r, next);
	} else {
		r->armed = true;
		pthread_cond_signal(&ch->async_cond);
	}
	pthread_mutex_unlock(&ch->req_lock);
	if (ret < 0)
		mp_request_free(r, true);
	return ret;
}

int
eal_mp_channel_reply(struct mp_channel *ch, const struct rte_mp_msg *msg,
		const char *peer)
{
	const char *why;
	uint64_t id;
	int ret;

	ret = mp_msg_check(msg, &why);
	if (ret < 0 || peer == NULL)
		return ret < 0 ? ret : -EINVAL;
	id = mp_inbound_take(ch, peer, msg->name);
	if (id == 0)
		return -ENOENT;
	ret = mp_send_to(ch, peer, MP_WIRE_REP, id, msg);
	return ret < 0 ? ret : 0;
}

const char *
eal_mp_channel_path(const struct mp_channel *ch)
{
	return ch->path;
}

void
eal_mp_channel_get_stats(struct mp_channel *ch, struct mp_channel_stats *s)
{
	s->received = __atomic_load_n(&ch->stats.received, __ATOMIC_RELAXED);
	s->dropped = __atomic_load_n(&ch->stats.dropped, __ATOMIC_RELAXED);
	s->unmatched = __atomic_load_n(&ch->stats.unmatched,
		__ATOMIC_RELAXED);
	s->peers_removed = __atomic_load_n(&ch->stats.peers_removed,
		__ATOMIC_RELAXED);
}

struct mp_channel *
eal_mp_default_channel(void)
{
	return mp_default.fd >= 0 ? &mp_default : NULL;
}

// -----------------------------------------------------------------------
// channel life cycle

/* locks and lists: done once, so actions may be registered before init */
static int
mp_channel_setup(struct mp_channel *ch)
{
	ch->fd = -1;
	ch->stop_fd = -1;
	TAILQ_INIT(&ch->actions);
	TAILQ_INIT(&ch->inbound);
	TAILQ_INIT(&ch->requests);
	pthread_mutex_init(&ch->action_lock, NULL);
	pthread_mutex_init(&ch->req_lock, NULL);
	return mp_cond_init_monotonic(&ch->async_cond);
}

static void
mp_default_setup(void)
{
	mp_default_setup_err = mp_channel_setup(&mp_default);
}

/* 0 once the default channel's locks exist, else -1 with rte_errno */
static int
mp_default_ready(void)
{
	pthread_once(&mp_default_once, mp_default_setup);
	if (mp_default_setup_err == 0)
		return 0;
	MP_LOG(ERR, "cannot initialise the IPC channel: %s",
		strerror(-mp_default_setup_err));
	rte_errno = -mp_default_setup_err;
	return -1;
}

static int
mp_channel_paths(struct mp_channel *ch, const char *dir, bool primary)
{
	int n1, n2;

	if (snprintf(ch->dir, sizeof(ch->dir), "%s", dir) >=
			(int)sizeof(ch->dir))
		return -ENAMETOOLONG;
	n1 = snprintf(ch->primary_path, MP_PATH_LEN, "%s/%s", dir,
		MP_SOCKET_NAME);
	ch->counter = __atomic_fetch_add(&mp_socket_counter, 1,
		__ATOMIC_RELAXED);
	if (primary)
		n2 = snprintf(ch->path, MP_PATH_LEN, "%s", ch->primary_path);
	else
		n2 = snprintf(ch->path, MP_PATH_LEN, "%s/%s%d_%u", dir,
			MP_SECONDARY_PREFIX, (int)getpid(), ch->counter);
	if (n1 >= (int)MP_PATH_LEN || n2 >= (int)MP_PATH_LEN)
		return -ENAMETOOLONG;
	ch->primary = primary;
	ch->uid = geteuid();
	return 0;
}

static int
mp_socket_open(struct mp_channel *ch)
{
	struct sockaddr_un un = { .sun_family = AF_UNIX };
	int one = 1, err;

	ch->fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (ch->fd < 0)
		return -errno;
	/* have the kernel attach every sender's credentials */
	if (setsockopt(ch->fd, SOL_SOCKET, SO_PASSCRED, &one,
			sizeof(one)) < 0)
		goto fail;
	strcpy(un.sun_path, ch->path);
	/* a socket file left by a dead process of the same name */
	unlink(ch->path);
	if (bind(ch->fd, (struct sockaddr *)&un, sizeof(un)) < 0)
		goto fail;
	return 0;
fail:
	err = errno;
	close(ch->fd);
	ch->fd = -1;
	return -err;
}

static int
mp_threads_start(struct mp_channel *ch)
{
	int ret;

	ch->stopping = false;
	ch->stop_fd = eventfd(0, EFD_CLOEXEC);
	if (ch->stop_fd < 0)
		return -errno;
	ret = rte_ctrl_thread_create(&ch->handler_tid, "rte_mp_handle",
		NULL, mp_handle, ch);
	if (ret != 0)
		return ret < 0 ? ret : -ret;
	ch->handler_started = true;
	ret = rte_ctrl_thread_create(&ch->async_tid, "rte_mp_async",
		NULL, mp_async_handle, ch);
	if (ret != 0)
		return ret < 0 ? ret : -ret;
	ch->async_started = true;
	return 0;
}

static void
mp_threads_stop(struct mp_channel *ch)
{
	uint64_t one = 1;

	pthread_mutex_lock(&ch->req_lock);
	ch->stopping = true;
	pthread_cond_broadcast(&ch->async_cond);
	pthread_mutex_unlock(&ch->req_lock);
	if (ch->async_started)
		pthread_join(ch->async_tid, NULL);
	if (ch->handler_started) {
		if (write(ch->stop_fd, &one, sizeof(one)) < 0)
			MP_LOG(ERR, "cannot wake the handler of %s", ch->path);
		pthread_join(ch->handler_tid, NULL);
	}
	ch->async_started = false;
	ch->handler_started = false;
	if (ch->stop_fd >= 0)
		close(ch->stop_fd);
	ch->stop_fd = -1;
}

/* async requests nobody will finish now, and the inbound record */
static void
mp_channel_drain(struct mp_channel *ch)
{
	struct mp_request *r, *tmp;
	struct mp_inbound *in;

	pthread_mutex_lock(&ch->req_lock);
	for (r = TAILQ_FIRST(&ch->requests); r != NULL; r = tmp) {
		tmp = TAILQ_NEXT(r, next);
		if (!r->async)
			continue;
		TAILQ_REMOVE(&ch->requests, r, next);
		mp_request_free(r, true);
	}
	pthread_mutex_unlock(&ch->req_lock);
	pthread_mutex_lock(&ch->action_lock);
	while ((in = TAILQ_FIRST(&ch->inbound)) != NULL) {
		TAILQ_REMOVE(&ch->inbound, in, next);
		free(in);
	}
	ch->nb_inbound = 0;
	pthread_mutex_unlock(&ch->action_lock);
}

/*
 * The name goes first: from then on a peer's send fails at once (the peer
 * counts us as gone) instead of queueing a request nobody will read. What
 * was queued before is answered with an ignore once the threads are gone,
 * so no peer waits out its timeout for a process that is leaving.
 */
static void
mp_channel_stop(struct mp_channel *ch)
{
	if (ch->fd >= 0)
		unlink(ch->path);
	mp_threads_stop(ch);
	if (ch->fd >= 0) {
		ch->leaving = true;
		while (mp_receive_one(ch) > 0)
			;
		ch->leaving = false;
		close(ch->fd);
	}
	ch->fd = -1;
	mp_channel_drain(ch);
}

static int
mp_channel_start(struct mp_channel *ch, const char *dir, bool primary)
{
	int ret;

	ret = mp_channel_paths(ch, dir, primary);
	if (ret < 0) {
		MP_LOG(ERR, "socket path in %s is too long for a unix socket",
			dir);
		return ret;
	}
	ret = mp_socket_open(ch);
	if (ret < 0) {
		MP_LOG(ERR, "cannot bind %s: %s", ch->path, strerror(-ret));
		return ret;
	}
	ret = mp_threads_start(ch);
	if (ret < 0) {
		MP_LOG(ERR, "cannot start the threads of %s: %s", ch->path,
			strerror(-ret));
		mp_channel_stop(ch);
		return ret;
	}
	MP_LOG(DEBUG, "listening on %s", ch->path);
	return 0;
}

struct mp_channel *
eal_mp_channel_open(const char *dir, bool primary)
{
	struct mp_channel *ch;
	int ret;

	ch = calloc(1, sizeof(*ch));
	if (ch == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	ret = mp_channel_setup(ch);
	if (ret == 0)
		ret = mp_channel_start(ch, dir, primary);
	if (ret < 0) {
		free(ch);
		rte_errno = -ret;
		return NULL;
	}
	return ch;
}

void
eal_mp_channel_close(struct mp_channel *ch)
{
	struct mp_action *a;

	if (ch == NULL)
		return;
	mp_channel_stop(ch);
	while ((a = TAILQ_FIRST(&ch->actions)) != NULL) {
		TAILQ_REMOVE(&ch->actions, a, next);
		free(a);
	}
	pthread_cond_destroy(&ch->async_cond);
	pthread_mutex_destroy(&ch->req_lock);
	pthread_mutex_destroy(&ch->action_lock);
	free(ch);
}

// -----------------------------------------------------------------------
// public API: the default channel; rte_errno set and logged here only

static bool
mp_disabled_by_options(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();

	return cfg->no_shconf || cfg->in_memory;
}

/* 0 when msg may go out on the default channel, else -1 with rte_errno */
static int
mp_api_check(const char *fn, const struct rte_mp_msg *msg)
{
	const char *why;
	int ret;

	ret = mp_msg_check(msg, &why);
	if (ret < 0) {
		MP_LOG(ERR, "%s: invalid message: %s", fn, why);
		rte_errno = -ret;
		return -1;
	}
	if (mp_disabled_by_options()) {
		MP_LOG(DEBUG, "%s: IPC is disabled by --no-shconf/--in-memory",
			fn);
		rte_errno = ENOTSUP;
		return -1;
	}
	if (mp_default.fd < 0) {
		MP_LOG(ERR, "%s: the IPC channel is not initialised", fn);
		rte_errno = ENOTCONN;
		return -1;
	}
	return 0;
}

static int
mp_api_result(const char *fn, const char *name, int ret)
{
	if (ret >= 0)
		return 0;
	MP_LOG(ERR, "%s(%s): %s", fn, name, strerror(-ret));
	rte_errno = -ret;
	return -1;
}

static int
mp_name_check(const char *name)
{
	size_t n;

	if (name == NULL || (n = strnlen(name, RTE_MP_MAX_NAME_LEN)) == 0) {
		MP_LOG(ERR, "action name is NULL or empty");
		rte_errno = EINVAL;
		return -1;
	}
	if (n == RTE_MP_MAX_NAME_LEN) {
		MP_LOG(ERR, "action name longer than %d bytes",
			RTE_MP_MAX_NAME_LEN - 1);
		rte_errno = E2BIG;
		return -1;
	}
	return 0;
}

int
rte_mp_action_register(const char *name, rte_mp_t action)
{
	if (mp_name_check(name) < 0)
		return -1;
	if (mp_disabled_by_options()) {
		MP_LOG(DEBUG, "no actions: IPC is disabled by options");
		rte_errno = ENOTSUP;
		return -1;
	}
	if (mp_default_ready() < 0)
		return -1;
	return mp_api_result(__func__, name,
		eal_mp_channel_action_register(&mp_default, name, action));
}

void
rte_mp_action_unregister(const char *name)
{
	if (mp_name_check(name) < 0 || mp_disabled_by_options() ||
			mp_default_ready() < 0)
		return;
	eal_mp_channel_action_unregister(&mp_default, name);
}

int
rte_mp_sendmsg(struct rte_mp_msg *msg)
{
	if (mp_api_check(__func__, msg) < 0)
		return -1;
	return mp_api_result(__func__, msg->name,
		eal_mp_channel_sendmsg(&mp_default, msg));
}

static int
mp_timeout_check(const struct timespec *ts)
{
	if (ts == NULL || ts->tv_sec < 0 || ts->tv_nsec < 0 ||
			ts->tv_nsec >= 1000000000L) {
		MP_LOG(ERR, "invalid request timeout");
		rte_errno = EINVAL;
		return -1;
	}
	return 0;
}

int
rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply,
		const struct timespec *ts)
{
	if (reply == NULL) {
		MP_LOG(ERR, "%s: reply is NULL", __func__);
		rte_errno = EINVAL;
		return -1;
	}
	reply->nb_sent = 0;
	reply->nb_received = 0;
	reply->msgs = NULL;
	if (mp_api_check(__func__, req) < 0 || mp_timeout_check(ts) < 0)
		return -1;
	return mp_api_result(__func__, req->name,
		eal_mp_channel_request_sync(&mp_default, req, reply, ts));
}

int
rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts,
		rte_mp_async_reply_t clb)
{
	if (mp_api_check(__func__, req) < 0 || mp_timeout_check(ts) < 0)
		return -1;
	return mp_api_result(__func__, req->name,
		eal_mp_channel_request_async(&mp_default, req, ts, clb));
}

int
rte_mp_reply(struct rte_mp_msg *msg, const char *peer)
{
	if (peer == NULL) {
		MP_LOG(ERR, "%s: peer is NULL", __func__);
		rte_errno = EINVAL;
		return -1;
	}
	/* as in DPDK, replying with IPC disabled is a silent no-op */
	if (msg != NULL && mp_disabled_by_options())
		return 0;
	if (mp_api_check(__func__, msg) < 0)
		return -1;
	return mp_api_result(__func__, msg->name,
		eal_mp_channel_reply(&mp_default, msg, peer));
}

// -----------------------------------------------------------------------
// secondary admission and EAL init hooks

/* mcfg->mp_status: unknown until a secondary attaches or mp is disabled */
enum mp_status {
	MP_STATUS_UNKNOWN,
	MP_STATUS_DISABLED,
	MP_STATUS_ENABLED,
};

static bool
mp_status_settle(uint32_t want)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	uint32_t expected = MP_STATUS_UNKNOWN;

	if (mcfg == NULL)
		return false;
	if (__atomic_compare_exchange_n(&mcfg->mp_status, &expected, want,
			false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return true;
	return expected == want;
}

bool
rte_mp_disable(void)
{
	return mp_status_settle(MP_STATUS_DISABLED);
}

bool
eal_mp_enable(void)
{
	return mp_status_settle(MP_STATUS_ENABLED);
}

/* an init step (eal_private.h): 0 or -errno, rte_errno set too */
int
rte_mp_channel_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	int ret;

	if (mp_disabled_by_options()) {
		MP_LOG(DEBUG, "disabled by --no-shconf/--in-memory");
		rte_errno = ENOTSUP;
		return -ENOTSUP;
	}
	if (mp_default_ready() < 0)
		return -rte_errno;
	/*
	 * before the handler thread exists: a request queued on the socket
	 * the moment it is bound must already see "not initialised" and be
	 * answered with an ignore, not be taken for a fully started process
	 * lacking the action
	 */
	mp_default.init_done = &cfg->init_complete;
	ret = mp_channel_start(&mp_default, rte_eal_get_runtime_dir(),
		rte_eal_process_type() == RTE_PROC_PRIMARY);
	if (ret < 0) {
		rte_errno = -ret;
		return ret;
	}
	return 0;
}

void
rte_mp_channel_cleanup(void)
{
	if (mp_default.fd < 0)
		return;
	mp_channel_stop(&mp_default);
}
