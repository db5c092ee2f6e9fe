/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Callbacks: port events (rte_eth_dev_callback_register) and the rx/tx
 * burst callbacks (rte_eth_add_rx_callback and friends).
 *
 * Event callbacks sit in one process-local list under eth_event_lock and
 * run with that lock dropped; a running entry is counted "active" so
 * that unregistering it fails with EAGAIN instead of freeing it under
 * the caller.
 *
 * Burst callbacks form one singly linked list per queue, published with
 * release stores so a burst on another lcore walks either the old or the
 * new list, never a half-built node. Removing unlinks a node but keeps
 * its memory (and its next pointer) until the port is released: a burst
 * that was inside it can finish. rte_eth_fp_ops[].rxq.clbk stays NULL
 * until a port gets its first callback, so ports without callbacks pay
 * one load and a predicted branch per burst.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_tailq.h>

#include "ethdev_driver.h"
#include "ethdev_private.h"

/* ---------------------------------------------------------------------
 * port events
 * --------------------------------------------------------------------- */

struct eth_event_cb {
	TAILQ_ENTRY(eth_event_cb) next;
	uint16_t port_id;              /* or RTE_ETH_ALL */
	enum rte_eth_event_type event;
	rte_eth_dev_cb_fn fn;
	void *arg;
	unsigned int active;           /* runs in progress */
};

static TAILQ_HEAD(, eth_event_cb) eth_event_cbs =
	TAILQ_HEAD_INITIALIZER(eth_event_cbs);
static pthread_mutex_t eth_event_lock = PTHREAD_MUTEX_INITIALIZER;

static int
eth_event_args_check(uint16_t port_id, enum rte_eth_event_type event,
		rte_eth_dev_cb_fn cb_fn)
{
	if (cb_fn == NULL || event <= RTE_ETH_EVENT_UNKNOWN ||
			event >= RTE_ETH_EVENT_MAX)
		return -EINVAL;
	if (port_id != RTE_ETH_ALL && !rte_eth_dev_is_valid_port(port_id))
		return -ENODEV;
	return 0;
}

int
rte_eth_dev_callback_register(uint16_t port_id,
		enum rte_eth_event_type event, rte_eth_dev_cb_fn cb_fn,
		void *cb_arg)
{
	struct eth_event_cb *c;
	int ret = eth_event_args_check(port_id, event, cb_fn);

	if (ret < 0)
		return eth_err(ret);
	pthread_mutex_lock(&eth_event_lock);
	TAILQ_FOREACH(c, &eth_event_cbs, next)
		if (c->port_id == port_id && c->event == event &&
				c->fn == cb_fn && c->arg == cb_arg)
			break;
	if (c == NULL) {
		c = calloc(1, sizeof(*c));
		if (c != NULL) {
			c->port_id = port_id;
			c->event = event;
			c->fn = cb_fn;
			c->arg = cb_arg;
			TAILQ_INSERT_TAIL(&eth_event_cbs, c, next);
		} else {
			ret = -ENOMEM;
		}
	}
	pthread_mutex_unlock(&eth_event_lock);
	return eth_err(ret);
}

int
rte_eth_dev_callback_unregister(uint16_t port_id,
		enum rte_eth_event_type event, rte_eth_dev_cb_fn cb_fn,
		void *cb_arg)
{
	struct eth_event_cb *c, *tmp;
	int ret = eth_event_args_check(port_id, event, cb_fn);

	if (ret < 0)
		return eth_err(ret);
	pthread_mutex_lock(&eth_event_lock);
	RTE_TAILQ_FOREACH_SAFE(c, &eth_event_cbs, next, tmp) {
		if (c->port_id != port_id || c->event != event ||
				c->fn != cb_fn ||
				(cb_arg != (void *)-1 && c->arg != cb_arg))
			continue;
		if (c->active > 0) {
			ret = -EAGAIN;
			continue;
		}
		TAILQ_REMOVE(&eth_event_cbs, c, next);
		free(c);
	}
	pthread_mutex_unlock(&eth_event_lock);
	return eth_err(ret);
}

int
rte_eth_dev_callback_process(struct rte_eth_dev *dev,
		enum rte_eth_event_type event, void *ret_param)
{
	struct eth_event_cb *c;
	uint16_t port_id;
	int ret = 0;

	if (dev == NULL || dev->data == NULL)
		return 0;
	port_id = dev->data->port_id;
	pthread_mutex_lock(&eth_event_lock);
	TAILQ_FOREACH(c, &eth_event_cbs, next) {
		if (c->event != event ||
				(c->port_id != port_id &&
				 c->port_id != RTE_ETH_ALL))
			continue;
		/* active: nobody frees c while it runs unlocked */
		c->active++;
		pthread_mutex_unlock(&eth_event_lock);
		ret = c->fn(port_id, event, c->arg, ret_param);
		pthread_mutex_lock(&eth_event_lock);
		c->active--;
	}
	pthread_mutex_unlock(&eth_event_lock);
	return ret;
}

void
eth_dev_event_callbacks_free(uint16_t port_id)
{
	struct eth_event_cb *c, *tmp;

	pthread_mutex_lock(&eth_event_lock);
	RTE_TAILQ_FOREACH_SAFE(c, &eth_event_cbs, next, tmp)
		if (c->port_id == port_id && c->active == 0) {
			TAILQ_REMOVE(&eth_event_cbs, c, next);
			free(c);
		}
	pthread_mutex_unlock(&eth_event_lock);
}

/* ---------------------------------------------------------------------
 * rx/tx burst callbacks
 * --------------------------------------------------------------------- */

struct rte_eth_rxtx_callback {
	struct rte_eth_rxtx_callback *next;   /* read by bursts: atomic */
	union {
		rte_rx_callback_fn rx;
		rte_tx_callback_fn tx;
	} fn;
	void *param;
	struct rte_eth_rxtx_callback *all_next; /* every node of the port */
};

/* per direction, per port: queue list heads, and every node made */
struct eth_cb_dir {
	void *heads[RTE_MAX_ETHPORTS][RTE_MAX_QUEUES_PER_PORT];
	struct rte_eth_rxtx_callback *all[RTE_MAX_ETHPORTS];
};

static struct eth_cb_dir eth_rx_cb, eth_tx_cb;

uint16_t
rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id,
		struct rte_mbuf **rx_pkts, uint16_t nb_rx, uint16_t nb_pkts,
		void *opaque)
{
	const struct rte_eth_rxtx_callback *cb = opaque;

	for (; cb != NULL; cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE))
		nb_rx = cb->fn.rx(port_id, queue_id, rx_pkts, nb_rx, nb_pkts,
			cb->param);
	return nb_rx;
}

uint16_t
rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id,
		struct rte_mbuf **tx_pkts, uint16_t nb_pkts, void *opaque)
{
	const struct rte_eth_rxtx_callback *cb = opaque;

	for (; cb != NULL; cb = __atomic_load_n(&cb->next, __ATOMIC_ACQUIRE))
		nb_pkts = cb->fn.tx(port_id, queue_id, tx_pkts, nb_pkts,
			cb->param);
	return nb_pkts;
}

/* the callback lists of a port for the fast path, NULL if it has none */
void **
eth_dev_rx_clbk(uint16_t port_id)
{
	return eth_rx_cb.all[port_id] != NULL ?
		eth_rx_cb.heads[port_id] : NULL;
}

void **
eth_dev_tx_clbk(uint16_t port_id)
{
	return eth_tx_cb.all[port_id] != NULL ?
		eth_tx_cb.heads[port_id] : NULL;
}

/* link a new node into a queue's list; eth_dev_lock held */
static void
eth_cb_link(struct eth_cb_dir *dir, uint16_t port_id, uint16_t queue_id,
		struct rte_eth_rxtx_callback *cb, bool first)
{
	struct rte_eth_rxtx_callback **pos =
		(struct rte_eth_rxtx_callback **)
		&dir->heads[port_id][queue_id];

	if (first)
		cb->next = *pos;
	else
		while (*pos != NULL)
			pos = &(*pos)->next;
	cb->all_next = dir->all[port_id];
	dir->all[port_id] = cb;
	__atomic_store_n(pos, cb, __ATOMIC_RELEASE);
}

static const struct rte_eth_rxtx_callback *
eth_cb_add(bool rx, uint16_t port_id, uint16_t queue_id, void *fn,
		void *user_param, bool first)
{
	struct eth_cb_dir *dir = rx ? &eth_rx_cb : &eth_tx_cb;
	struct rte_eth_rxtx_callback *cb;
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_fp_ops *fp;

	if (dev == NULL)
		return NULL;
	if (fn == NULL || queue_id >= (rx ? dev->data->nb_rx_queues :
			dev->data->nb_tx_queues)) {
		rte_errno = EINVAL;
		return NULL;
	}
	cb = calloc(1, sizeof(*cb));
	if (cb == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	if (rx)
		cb->fn.rx = (rte_rx_callback_fn)fn;
	else
		cb->fn.tx = (rte_tx_callback_fn)fn;
	cb->param = user_param;
	pthread_mutex_lock(&eth_dev_lock);
	eth_cb_link(dir, port_id, queue_id, cb, first);
	fp = &rte_eth_fp_ops[port_id];
	if (dev->data->dev_started)
		__atomic_store_n(rx ? &fp->rxq.clbk : &fp->txq.clbk,
			dir->heads[port_id], __ATOMIC_RELEASE);
	pthread_mutex_unlock(&eth_dev_lock);
	return cb;
}

const struct rte_eth_rxtx_callback *
rte_eth_add_rx_callback(uint16_t port_id, uint16_t queue_id,
		rte_rx_callback_fn fn, void *user_param)
{
	return eth_cb_add(true, port_id, queue_id, (void *)fn, user_param,
		false);
}

const struct rte_eth_rxtx_callback *
rte_eth_add_first_rx_callback(uint16_t port_id, uint16_t queue_id,
		rte_rx_callback_fn fn, void *user_param)
{
	return eth_cb_add(true, port_id, queue_id, (void *)fn, user_param,
		true);
}

const struct rte_eth_rxtx_callback *
rte_eth_add_tx_callback(uint16_t port_id, uint16_t queue_id,
		rte_tx_callback_fn fn, void *user_param)
{
	return eth_cb_add(false, port_id, queue_id, (void *)fn, user_param,
		false);
}

static int
eth_cb_remove(struct eth_cb_dir *dir, uint16_t port_id, uint16_t queue_id,
		const struct rte_eth_rxtx_callback *user_cb)
{
	struct rte_eth_rxtx_callback **pos;
	int ret = -EINVAL;

	if (eth_dev_get(port_id) == NULL)
		return -ENODEV;
	if (user_cb == NULL || queue_id >= RTE_MAX_QUEUES_PER_PORT)
		return eth_err(-EINVAL);
	pthread_mutex_lock(&eth_dev_lock);
	pos = (struct rte_eth_rxtx_callback **)&dir->heads[port_id][queue_id];
	for (; *pos != NULL; pos = &(*pos)->next)
		if (*pos == user_cb) {
			/* the node keeps its next: a burst inside it goes on */
			__atomic_store_n(pos, user_cb->next,
				__ATOMIC_RELEASE);
			ret = 0;
			break;
		}
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret);
}

int
rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
		const struct rte_eth_rxtx_callback *user_cb)
{
	return eth_cb_remove(&eth_rx_cb, port_id, queue_id, user_cb);
}

int
rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
		const struct rte_eth_rxtx_callback *user_cb)
{
	return eth_cb_remove(&eth_tx_cb, port_id, queue_id, user_cb);
}

static void
eth_cb_dir_free(struct eth_cb_dir *dir, uint16_t port_id)
{
	struct rte_eth_rxtx_callback *cb, *next;

	for (cb = dir->all[port_id]; cb != NULL; cb = next) {
		next = cb->all_next;
		free(cb);
	}
	dir->all[port_id] = NULL;
	memset(dir->heads[port_id], 0, sizeof(dir->heads[port_id]));
}

/* the port's fast path is reset (no burst can be inside a callback) */
void
eth_dev_rxtx_callbacks_free(uint16_t port_id)
{
	eth_cb_dir_free(&eth_rx_cb, port_id);
	eth_cb_dir_free(&eth_tx_cb, port_id);
}
