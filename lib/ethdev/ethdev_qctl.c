/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-queue start and stop, packet type negotiation, the device clock.
 *
 * Queue states live in the port data (rx_queue_state[]): ethdev sets them
 * when the port starts (STARTED unless the queue was set up with
 * *_deferred_start) and stops; drivers that support per-queue control
 * read them in their bursts, and their *_queue_start/stop operations
 * change them.
 */
#include <errno.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf_ptype.h>

#include "ethdev_driver.h"
#include "ethdev_private.h"

static int
eth_queue_ctl_check(struct rte_eth_dev *dev, uint16_t qid, bool rx,
		void *op)
{
	const struct rte_eth_dev_data *d = dev->data;
	uint16_t nb = rx ? d->nb_rx_queues : d->nb_tx_queues;
	void **queues = rx ? d->rx_queues : d->tx_queues;

	if (qid >= nb) {
		ETHDEV_LOG(ERR, "%s: %s queue %u, only %u configured\n",
			d->name, rx ? "rx" : "tx", qid, nb);
		return -EINVAL;
	}
	if (op == NULL)
		return -ENOTSUP;
	if (!d->dev_started) {
		ETHDEV_LOG(ERR, "%s: start the port before its %s queue %u\n",
			d->name, rx ? "rx" : "tx", qid);
		return -EINVAL;
	}
	if (queues[qid] == NULL) {
		ETHDEV_LOG(ERR, "%s: %s queue %u is not set up\n", d->name,
			rx ? "rx" : "tx", qid);
		return -EINVAL;
	}
	return 0;
}

/* start (on) or stop one queue through the driver's operation */
static int
eth_queue_ctl(uint16_t port_id, uint16_t qid, bool rx, bool on)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	const struct eth_dev_ops *ops;
	uint8_t *state;
	void *op;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	ops = dev->dev_ops;
	if (rx)
		op = on ? (void *)ops->rx_queue_start :
			(void *)ops->rx_queue_stop;
	else
		op = on ? (void *)ops->tx_queue_start :
			(void *)ops->tx_queue_stop;
	pthread_mutex_lock(&eth_dev_lock);
	ret = eth_queue_ctl_check(dev, qid, rx, op);
	if (ret == 0) {
		state = rx ? &dev->data->rx_queue_state[qid] :
			&dev->data->tx_queue_state[qid];
		if (*state == (on ? RTE_ETH_QUEUE_STATE_STARTED :
				RTE_ETH_QUEUE_STATE_STOPPED))
			ret = 0; /* already there */
		else if (on)
			ret = ((eth_queue_start_t)op)(dev, qid);
		else
			ret = ((eth_queue_stop_t)op)(dev, qid);
	}
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret > 0 ? -EIO : ret);
}

int
rte_eth_dev_rx_queue_start(uint16_t port_id, uint16_t rx_queue_id)
{
	return eth_queue_ctl(port_id, rx_queue_id, true, true);
}

int
rte_eth_dev_rx_queue_stop(uint16_t port_id, uint16_t rx_queue_id)
{
	return eth_queue_ctl(port_id, rx_queue_id, true, false);
}

int
rte_eth_dev_tx_queue_start(uint16_t port_id, uint16_t tx_queue_id)
{
	return eth_queue_ctl(port_id, tx_queue_id, false, true);
}

int
rte_eth_dev_tx_queue_stop(uint16_t port_id, uint16_t tx_queue_id)
{
	return eth_queue_ctl(port_id, tx_queue_id, false, false);
}

/* queue states when the port starts (on) or stops; eth_dev_lock held */
void
eth_dev_queue_states_set(struct rte_eth_dev *dev, bool on)
{
	struct rte_eth_dev_data *d = dev->data;
	uint16_t q;

	for (q = 0; q < d->nb_rx_queues; q++)
		d->rx_queue_state[q] = on && !d->rx_queue_deferred[q] ?
			RTE_ETH_QUEUE_STATE_STARTED :
			RTE_ETH_QUEUE_STATE_STOPPED;
	for (q = 0; q < d->nb_tx_queues; q++)
		d->tx_queue_state[q] = on && !d->tx_queue_deferred[q] ?
			RTE_ETH_QUEUE_STATE_STARTED :
			RTE_ETH_QUEUE_STATE_STOPPED;
}

/* ---------------------------------------------------------------------
 * packet types
 * --------------------------------------------------------------------- */

int
rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask,
		uint32_t *ptypes, int num)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	const uint32_t *all;
	int i, n = 0;

	if (dev == NULL)
		return -ENODEV;
	if (num > 0 && ptypes == NULL)
		return eth_err(-EINVAL);
	if (dev->dev_ops->dev_supported_ptypes_get == NULL)
		return eth_err(-ENOTSUP);
	all = dev->dev_ops->dev_supported_ptypes_get(dev);
	for (i = 0; all != NULL && all[i] != RTE_PTYPE_UNKNOWN; i++) {
		if ((all[i] & ptype_mask) == 0)
			continue;
		if (n < num)
			ptypes[n] = all[i];
		n++;
	}
	return n;
}

/* every supported type in ptype_mask, RTE_PTYPE_UNKNOWN after them */
static void
eth_ptypes_fill(const uint32_t *all, uint32_t ptype_mask,
		uint32_t *set_ptypes, unsigned int num)
{
	unsigned int i, n = 0;

	for (i = 0; all != NULL && all[i] != RTE_PTYPE_UNKNOWN &&
			n + 1 < num; i++)
		if ((all[i] & ptype_mask) != 0)
			set_ptypes[n++] = all[i];
	if (num > 0)
		set_ptypes[n] = RTE_PTYPE_UNKNOWN;
}

int
rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask,
		uint32_t *set_ptypes, unsigned int num)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	const struct eth_dev_ops *ops;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (num > 0 && set_ptypes == NULL)
		return eth_err(-EINVAL);
	ops = dev->dev_ops;
	/* a driver that cannot choose keeps its behaviour: not an error */
	if (ops->dev_supported_ptypes_get == NULL ||
			ops->dev_ptypes_set == NULL) {
		if (num > 0)
			set_ptypes[0] = RTE_PTYPE_UNKNOWN;
		return 0;
	}
	ret = ops->dev_ptypes_set(dev, ptype_mask);
	if (ret != 0)
		return eth_err(ret > 0 ? -EIO : ret);
	eth_ptypes_fill(ops->dev_supported_ptypes_get(dev), ptype_mask,
		set_ptypes, num);
	return 0;
}

int
rte_eth_read_clock(uint16_t port_id, uint64_t *clock)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (clock == NULL)
		return eth_err(-EINVAL);
	if (dev->dev_ops->read_clock == NULL)
		return eth_err(-ENOTSUP);
	return eth_err(dev->dev_ops->read_clock(dev, clock));
}
