/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Encoding and checking of IPC datagrams. Kept free of EAL state (no log,
 * no config) so that the fuzzer can build it alone: everything a peer
 * controls passes through mp_wire_decode() before anything acts on it.
 */
#include <errno.h>
#include <string.h>

#include "eal_mp.h"

void
mp_wire_encode(struct mp_wire *w, enum mp_wire_type type, uint64_t req_id,
		const struct rte_mp_msg *msg)
{
	/* zero the whole datagram: no stack bytes leak to the peer */
	memset(w, 0, sizeof(*w));
	w->magic = MP_WIRE_MAGIC;
	w->type = (uint32_t)type;
	w->req_id = req_id;
	memcpy(w->name, msg->name, strnlen(msg->name, sizeof(w->name)));
	w->len_param = msg->len_param;
	w->num_fds = msg->num_fds;
	memcpy(w->param, msg->param, (size_t)msg->len_param);
}

int
mp_msg_check(const struct rte_mp_msg *msg, const char **why)
{
	size_t n;

	if (msg == NULL) {
		*why = "message is NULL";
		return -EINVAL;
	}
	n = strnlen(msg->name, RTE_MP_MAX_NAME_LEN);
	if (n == 0) {
		*why = "empty action name";
		return -EINVAL;
	}
	if (n == RTE_MP_MAX_NAME_LEN) {
		*why = "action name not NUL-terminated within 64 bytes";
		return -E2BIG;
	}
	if (msg->len_param < 0 || msg->num_fds < 0) {
		*why = "negative len_param or num_fds";
		return -EINVAL;
	}
	if (msg->len_param > RTE_MP_MAX_PARAM_LEN) {
		*why = "len_param above 256";
		return -E2BIG;
	}
	if (msg->num_fds > RTE_MP_MAX_FD_NUM) {
		*why = "num_fds above 8";
		return -E2BIG;
	}
	return 0;
}

static const char *
mp_wire_check_header(const struct mp_wire *w)
{
	size_t n = strnlen(w->name, sizeof(w->name));

	if (w->magic != MP_WIRE_MAGIC)
		return "bad magic";
	if (w->type < MP_WIRE_MSG || w->type > MP_WIRE_IGN)
		return "unknown message type";
	if (w->type != MP_WIRE_MSG && w->req_id == 0)
		return "request or reply without an id";
	if (n == 0)
		return "empty action name";
	if (n == sizeof(w->name))
		return "action name not NUL-terminated";
	if (w->len_param < 0 || w->len_param > RTE_MP_MAX_PARAM_LEN)
		return "len_param out of range";
	if (w->num_fds < 0 || w->num_fds > RTE_MP_MAX_FD_NUM)
		return "num_fds out of range";
	return NULL;
}

const char *
mp_wire_decode(const struct mp_rx *rx, uid_t self_uid,
		struct mp_decoded *out)
{
	struct mp_wire w;
	const char *why;

	if (rx->truncated || rx->len > sizeof(w))
		return "oversized datagram or too many fds";
	if (rx->len < sizeof(w))
		return "short datagram";
	if (!rx->has_cred)
		return "no sender credentials";
	if (rx->uid != self_uid)
		return "sender uid differs from ours";
	/* copy out: the buffer may be unaligned for the wire struct */
	memcpy(&w, rx->buf, sizeof(w));
	why = mp_wire_check_header(&w);
	if (why != NULL)
		return why;
	if (w.num_fds != rx->nb_fds)
		return "fd count differs from fds received";

	memset(out, 0, sizeof(*out));
	out->type = (enum mp_wire_type)w.type;
	out->req_id = w.req_id;
	/* bytes after the name's NUL are the sender's noise: not passed on */
	memcpy(out->msg.name, w.name, strnlen(w.name, sizeof(w.name)));
	out->msg.len_param = w.len_param;
	out->msg.num_fds = w.num_fds;
	memcpy(out->msg.param, w.param, (size_t)w.len_param);
	memcpy(out->msg.fds, rx->fds, sizeof(int) * (size_t)rx->nb_fds);
	return NULL;
}
