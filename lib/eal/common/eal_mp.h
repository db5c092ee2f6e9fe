/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The multi-process IPC channel, inside the EAL.
 *
 * Every process of a group owns one unix datagram socket in the runtime
 * directory: the primary "mp_socket", each secondary
 * "mp_socket_<pid>_<counter>". A handler thread reads the socket, checks
 * each datagram (mp_wire_decode) and dispatches it: plain messages and
 * requests to the named action, replies to the pending request they answer
 * (matched by request id and sender). A second control thread completes
 * asynchronous requests and runs their callbacks.
 *
 * The public rte_mp_* functions act on the process' default channel. The
 * eal_mp_channel_* functions below act on any channel, so that tests can
 * run a second one (for instance a secondary-role peer inside a process
 * that is not an EAL secondary) and so that the decoder can be fuzzed.
 */
#ifndef EAL_MP_H
#define EAL_MP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <sys/types.h>

#include <rte_eal.h>

/* ---------------------------------------------------------------------
 * wire format: one fixed-size datagram per message, fds ride beside it
 * as SCM_RIGHTS and the sender's credentials as SCM_CREDENTIALS
 * ------------------------------------------------------------------- */

#define MP_WIRE_MAGIC 0x504d5048u /* "HPMP" */

enum mp_wire_type {
	MP_WIRE_MSG = 1, /* fire and forget */
	MP_WIRE_REQ,     /* request: the receiver's action should reply */
	MP_WIRE_REP,     /* reply to the request with the same id */
	MP_WIRE_IGN,     /* receiver not ready: do not count it as a peer */
};

struct mp_wire {
	uint32_t magic;                      /* MP_WIRE_MAGIC */
	uint32_t type;                       /* enum mp_wire_type */
	uint64_t req_id;                     /* 0 for plain messages */
	char name[RTE_MP_MAX_NAME_LEN];      /* NUL-terminated action name */
	int32_t len_param;                   /* bytes of param in use */
	int32_t num_fds;                     /* fds sent as SCM_RIGHTS */
	uint8_t param[RTE_MP_MAX_PARAM_LEN];
};

/* one datagram as the socket delivered it, before any check */
struct mp_rx {
	const void *buf;  /* payload */
	size_t len;       /* its length as sent (may exceed the buffer) */
	bool truncated;   /* MSG_TRUNC or MSG_CTRUNC was reported */
	const int *fds;   /* fds received with it */
	int nb_fds;
	bool has_cred;    /* SCM_CREDENTIALS came with it */
	uid_t uid;        /* sender's uid when has_cred */
};

/* what a valid datagram decodes to */
struct mp_decoded {
	enum mp_wire_type type;
	uint64_t req_id;
	struct rte_mp_msg msg; /* fds filled from mp_rx.fds */
};

/*
 * Check one datagram against the wire format and the receiver's uid.
 * Returns NULL and fills out when it is valid, else a short reason for the
 * log (out is then undefined; the caller still owns and closes rx->fds).
 */
const char *mp_wire_decode(const struct mp_rx *rx, uid_t self_uid,
		struct mp_decoded *out);

/* fill w for sending msg (already validated by the caller) */
void mp_wire_encode(struct mp_wire *w, enum mp_wire_type type,
		uint64_t req_id, const struct rte_mp_msg *msg);

/* -EINVAL or -E2BIG and a reason when a user message cannot be sent */
int mp_msg_check(const struct rte_mp_msg *msg, const char **why);

/* ---------------------------------------------------------------------
 * channels
 * ------------------------------------------------------------------- */

struct mp_channel;

/* counters of one channel, for tests */
struct mp_channel_stats {
	uint64_t received;   /* datagrams read */
	uint64_t dropped;    /* datagrams that failed mp_wire_decode */
	uint64_t unmatched;  /* valid replies no pending request wanted */
	uint64_t peers_removed; /* sockets of dead peers unlinked */
};

/*
 * Open a channel in dir, as the primary (binds "mp_socket") or as a
 * secondary (binds "mp_socket_<pid>_<n>" and talks to the primary), and
 * start its two threads. Returns NULL with rte_errno set.
 */
struct mp_channel *eal_mp_channel_open(const char *dir, bool primary);
/* stop the threads, close and unlink the socket, free everything */
void eal_mp_channel_close(struct mp_channel *ch);

/* the default channel's behaviour, on any channel; -errno on failure */
int eal_mp_channel_action_register(struct mp_channel *ch, const char *name,
		rte_mp_t action);
void eal_mp_channel_action_unregister(struct mp_channel *ch,
		const char *name);
int eal_mp_channel_sendmsg(struct mp_channel *ch,
		const struct rte_mp_msg *msg);
int eal_mp_channel_request_sync(struct mp_channel *ch,
		const struct rte_mp_msg *req, struct rte_mp_reply *reply,
		const struct timespec *ts);
int eal_mp_channel_request_async(struct mp_channel *ch,
		const struct rte_mp_msg *req, const struct timespec *ts,
		rte_mp_async_reply_t clb);
int eal_mp_channel_reply(struct mp_channel *ch,
		const struct rte_mp_msg *msg, const char *peer);

/* path of the channel's own socket */
const char *eal_mp_channel_path(const struct mp_channel *ch);
void eal_mp_channel_get_stats(struct mp_channel *ch,
		struct mp_channel_stats *stats);

/* the default channel of this process, NULL before rte_mp_channel_init */
struct mp_channel *eal_mp_default_channel(void);

#endif /* EAL_MP_H */
