/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * VFIO over IPC: a secondary process gets the primary's default container
 * fd and its group fds (SCM_RIGHTS through rte_mp), so every process works
 * on the same kernel container and the primary's mappings serve them all.
 *
 * Request:  struct vfio_mp_param { type, group_num }.
 * Reply:    the same struct with result (0 or -errno), the fd in fds[0].
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_vfio.h>

#include "eal_vfio.h"

#define VFIO_MP_NAME "eal_vfio_mp_sync"
#define VFIO_MP_TIMEOUT_S 5

enum vfio_mp_type {
	VFIO_MP_CONTAINER = 1,
	VFIO_MP_GROUP = 2,
};

struct vfio_mp_param {
	int type;
	int group_num;
	int result;
};

static bool vfio_mp_registered;

static int
vfio_mp_answer(const struct rte_mp_msg *msg, const void *peer)
{
	const struct vfio_mp_param *p = (const void *)msg->param;
	struct vfio_mp_param *r;
	struct rte_mp_msg reply;
	int fd = -ENOENT;

	memset(&reply, 0, sizeof(reply));
	strcpy(reply.name, VFIO_MP_NAME);
	reply.len_param = sizeof(*r);
	r = (void *)reply.param;
	if (msg->len_param != sizeof(*p))
		fd = -EINVAL;
	else if (p->type == VFIO_MP_CONTAINER)
		fd = rte_vfio_is_enabled("vfio") ?
			rte_vfio_get_container_fd() : -ENODEV;
	else if (p->type == VFIO_MP_GROUP)
		fd = rte_vfio_is_enabled("vfio") ?
			vfio_group_fd_get_or_open(p->group_num) : -ENODEV;
	r->type = msg->len_param == sizeof(*p) ? p->type : 0;
	r->group_num = msg->len_param == sizeof(*p) ? p->group_num : 0;
	r->result = fd < 0 ? fd : 0;
	if (fd >= 0) {
		reply.num_fds = 1;
		reply.fds[0] = fd;
	}
	return rte_mp_reply(&reply, peer);
}

int
vfio_mp_register(void)
{
	int ret;

	if (vfio_mp_registered)
		return 0;
	ret = rte_mp_action_register(VFIO_MP_NAME, vfio_mp_answer);
	if (ret < 0 && rte_errno != ENOTSUP) {
		RTE_LOG(ERR, EAL, "vfio: cannot register IPC action %s: %s\n",
			VFIO_MP_NAME, rte_strerror(rte_errno));
		return -rte_errno;
	}
	vfio_mp_registered = ret == 0;
	return 0;
}

void
vfio_mp_unregister(void)
{
	if (!vfio_mp_registered)
		return;
	rte_mp_action_unregister(VFIO_MP_NAME);
	vfio_mp_registered = false;
}

/* one request to the primary; the fd it sent or -errno */
static int
vfio_mp_ask(int type, int group_num)
{
	struct timespec ts = { .tv_sec = VFIO_MP_TIMEOUT_S };
	struct rte_mp_reply reply = { 0 };
	struct vfio_mp_param *p;
	const struct vfio_mp_param *r;
	struct rte_mp_msg req;
	int ret = -EIO, i;

	memset(&req, 0, sizeof(req));
	strcpy(req.name, VFIO_MP_NAME);
	req.len_param = sizeof(*p);
	p = (void *)req.param;
	p->type = type;
	p->group_num = group_num;
	if (rte_mp_request_sync(&req, &reply, &ts) < 0 ||
			reply.nb_received != 1) {
		free(reply.msgs);
		return -EIO;
	}
	r = (const void *)reply.msgs[0].param;
	if (reply.msgs[0].len_param == sizeof(*r) && r->result < 0)
		ret = r->result;
	else if (reply.msgs[0].len_param == sizeof(*r) &&
			reply.msgs[0].num_fds == 1)
		ret = reply.msgs[0].fds[0];
	/* close any fd we will not use */
	for (i = ret >= 0 ? 1 : 0; i < reply.msgs[0].num_fds; i++)
		close(reply.msgs[0].fds[i]);
	free(reply.msgs);
	return ret;
}

int
vfio_mp_get_container_fd(void)
{
	return vfio_mp_ask(VFIO_MP_CONTAINER, 0);
}

int
vfio_mp_get_group_fd(int group_num)
{
	return vfio_mp_ask(VFIO_MP_GROUP, group_num);
}
