/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Queue setup and the port life cycle (start, stop, close). Start hands
 * the driver's burst functions and queue arrays to the fast-path table;
 * stop puts the idle stubs back before the driver stops, so no burst
 * reaches a driver that is tearing its queues down.
 */
#include <errno.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "ethdev_driver.h"
#include "ethdev_private.h"

#define ETH_DEFAULT_RING_SIZE 1024

static int
eth_queue_check(struct rte_eth_dev *dev, uint16_t qid, uint16_t nb_queues,
		const char *dir)
{
	if (!dev->data->dev_configured) {
		ETHDEV_LOG(ERR, "%s: configure the port before its queues\n",
			dev->data->name);
		return -EINVAL;
	}
	if (qid >= nb_queues) {
		ETHDEV_LOG(ERR, "%s: %s queue %u, only %u configured\n",
			dev->data->name, dir, qid, nb_queues);
		return -EINVAL;
	}
	if (dev->data->dev_started) {
		ETHDEV_LOG(ERR, "%s: stop the port before setting up queues\n",
			dev->data->name);
		return -EBUSY;
	}
	return 0;
}

static int
eth_rx_queue_setup_locked(struct rte_eth_dev *dev, uint16_t qid,
		uint16_t nb_desc, unsigned int socket_id,
		const struct rte_eth_rxconf *conf, struct rte_mempool *mp)
{
	struct rte_eth_dev_info info;
	struct rte_eth_rxconf local;
	int ret;

	ret = eth_queue_check(dev, qid, dev->data->nb_rx_queues, "rx");
	if (ret < 0)
		return ret;
	if (mp == NULL) {
		ETHDEV_LOG(ERR, "%s: rx queue %u needs a mempool\n",
			dev->data->name, qid);
		return -EINVAL;
	}
	ret = rte_eth_dev_info_get(dev->data->port_id, &info);
	if (ret < 0)
		return ret;
	if (nb_desc == 0)
		nb_desc = info.default_rxportconf.ring_size != 0 ?
			info.default_rxportconf.ring_size :
			ETH_DEFAULT_RING_SIZE;
	if (nb_desc > info.rx_desc_lim.nb_max ||
			nb_desc < info.rx_desc_lim.nb_min) {
		ETHDEV_LOG(ERR, "%s: %u rx descriptors outside [%u, %u]\n",
			dev->data->name, nb_desc, info.rx_desc_lim.nb_min,
			info.rx_desc_lim.nb_max);
		return -EINVAL;
	}
	local = conf != NULL ? *conf : info.default_rxconf;
	local.offloads |= dev->data->dev_conf.rxmode.offloads;
	if (dev->data->rx_queues[qid] != NULL &&
			dev->dev_ops->rx_queue_release != NULL) {
		dev->dev_ops->rx_queue_release(dev, qid);
		dev->data->rx_queues[qid] = NULL;
	}
	dev->data->rx_queue_deferred[qid] = local.rx_deferred_start != 0;
	ret = dev->dev_ops->rx_queue_setup(dev, qid, nb_desc, socket_id,
		&local, mp);
	return ret > 0 ? -EIO : ret;
}

int
rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id,
		uint16_t nb_rx_desc, unsigned int socket_id,
		const struct rte_eth_rxconf *rx_conf,
		struct rte_mempool *mb_pool)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->rx_queue_setup == NULL)
		return eth_err(-ENOTSUP);
	pthread_mutex_lock(&eth_dev_lock);
	ret = eth_rx_queue_setup_locked(dev, rx_queue_id, nb_rx_desc,
		socket_id, rx_conf, mb_pool);
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret);
}

static int
eth_tx_queue_setup_locked(struct rte_eth_dev *dev, uint16_t qid,
		uint16_t nb_desc, unsigned int socket_id,
		const struct rte_eth_txconf *conf)
{
	struct rte_eth_dev_info info;
	struct rte_eth_txconf local;
	int ret;

	ret = eth_queue_check(dev, qid, dev->data->nb_tx_queues, "tx");
	if (ret < 0)
		return ret;
	ret = rte_eth_dev_info_get(dev->data->port_id, &info);
	if (ret < 0)
		return ret;
	if (nb_desc == 0)
		nb_desc = info.default_txportconf.ring_size != 0 ?
			info.default_txportconf.ring_size :
			ETH_DEFAULT_RING_SIZE;
	if (nb_desc > info.tx_desc_lim.nb_max ||
			nb_desc < info.tx_desc_lim.nb_min) {
		ETHDEV_LOG(ERR, "%s: %u tx descriptors outside [%u, %u]\n",
			dev->data->name, nb_desc, info.tx_desc_lim.nb_min,
			info.tx_desc_lim.nb_max);
		return -EINVAL;
	}
	local = conf != NULL ? *conf : info.default_txconf;
	local.offloads |= dev->data->dev_conf.txmode.offloads;
	if (dev->data->tx_queues[qid] != NULL &&
			dev->dev_ops->tx_queue_release != NULL) {
		dev->dev_ops->tx_queue_release(dev, qid);
		dev->data->tx_queues[qid] = NULL;
	}
	dev->data->tx_queue_deferred[qid] = local.tx_deferred_start != 0;
	ret = dev->dev_ops->tx_queue_setup(dev, qid, nb_desc, socket_id,
		&local);
	return ret > 0 ? -EIO : ret;
}

int
rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id,
		uint16_t nb_tx_desc, unsigned int socket_id,
		const struct rte_eth_txconf *tx_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->tx_queue_setup == NULL)
		return eth_err(-ENOTSUP);
	pthread_mutex_lock(&eth_dev_lock);
	ret = eth_tx_queue_setup_locked(dev, tx_queue_id, nb_tx_desc,
		socket_id, tx_conf);
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret);
}

/* ---------------------------------------------------------------------
 * start, stop, close
 * --------------------------------------------------------------------- */

static int
eth_queue_missing(const struct rte_eth_dev_data *d, const char *dir,
		uint16_t q)
{
	ETHDEV_LOG(ERR, "%s: %s queue %u is not set up\n", d->name, dir, q);
	return -EINVAL;
}

static int
eth_dev_start_locked(struct rte_eth_dev *dev)
{
	struct rte_eth_dev_data *d = dev->data;
	uint16_t q;
	int ret;

	if (d->dev_started)
		return 0;
	if (!d->dev_configured) {
		ETHDEV_LOG(ERR, "%s: configure the port before starting it\n",
			d->name);
		return -EINVAL;
	}
	for (q = 0; q < d->nb_rx_queues; q++)
		if (d->rx_queues[q] == NULL)
			return eth_queue_missing(d, "rx", q);
	for (q = 0; q < d->nb_tx_queues; q++)
		if (d->tx_queues[q] == NULL)
			return eth_queue_missing(d, "tx", q);
	eth_dev_queue_states_set(dev, true);
	ret = dev->dev_ops->dev_start(dev);
	if (ret != 0) {
		eth_dev_queue_states_set(dev, false);
		ETHDEV_LOG(ERR, "%s: driver failed to start (%d)\n",
			d->name, ret);
		return ret < 0 ? ret : -EIO;
	}
	d->dev_started = 1;
	if (dev->dev_ops->link_update != NULL)
		dev->dev_ops->link_update(dev, 0);
	eth_dev_fp_ops_setup(dev);
	return 0;
}

int
rte_eth_dev_start(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->dev_start == NULL)
		return eth_err(-ENOTSUP);
	pthread_mutex_lock(&eth_dev_lock);
	ret = eth_dev_start_locked(dev);
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret);
}

static int
eth_dev_stop_locked(struct rte_eth_dev *dev)
{
	int ret;

	if (!dev->data->dev_started)
		return 0;
	eth_dev_fp_ops_reset(dev->data->port_id);
	ret = dev->dev_ops->dev_stop(dev);
	eth_dev_queue_states_set(dev, false);
	dev->data->dev_started = 0;
	return ret > 0 ? -EIO : ret;
}

int
rte_eth_dev_stop(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->dev_stop == NULL)
		return eth_err(-ENOTSUP);
	pthread_mutex_lock(&eth_dev_lock);
	ret = eth_dev_stop_locked(dev);
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret);
}

int
rte_eth_dev_close(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret = 0;

	if (dev == NULL)
		return -ENODEV;
	pthread_mutex_lock(&eth_dev_lock);
	if (dev->data->dev_started) {
		pthread_mutex_unlock(&eth_dev_lock);
		ETHDEV_LOG(ERR, "%s: stop the port before closing it\n",
			dev->data->name);
		return eth_err(-EBUSY);
	}
	if (dev->dev_ops->dev_close != NULL)
		ret = dev->dev_ops->dev_close(dev);
	/* the driver may have released the port itself */
	if (dev->state != RTE_ETH_DEV_UNUSED)
		rte_eth_dev_release_port(dev);
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret > 0 ? -EIO : ret);
}
