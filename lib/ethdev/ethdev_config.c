/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port configuration: device info, configure, queue setup, start, stop,
 * close. Each function takes eth_dev_lock for the whole change, checks
 * its arguments against the driver's dev_info, then calls the driver.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>

#include "ethdev_driver.h"
#include "ethdev_private.h"

/* ---------------------------------------------------------------------
 * device info
 * --------------------------------------------------------------------- */

static int
eth_dev_info_get_locked(struct rte_eth_dev *dev, struct rte_eth_dev_info *info)
{
	const struct rte_eth_desc_lim lim = {
		.nb_max = UINT16_MAX, .nb_min = 0, .nb_align = 1,
		.nb_seg_max = UINT16_MAX, .nb_mtu_seg_max = UINT16_MAX,
	};
	int ret;

	memset(info, 0, sizeof(*info));
	info->rx_desc_lim = lim;
	info->tx_desc_lim = lim;
	info->device = dev->device;
	info->min_mtu = RTE_ETHER_MIN_MTU;
	info->max_mtu = UINT16_MAX;
	info->max_rx_pktlen = UINT32_MAX;
	if (dev->dev_ops == NULL || dev->dev_ops->dev_infos_get == NULL)
		return -ENOTSUP;
	ret = dev->dev_ops->dev_infos_get(dev, info);
	if (ret != 0)
		return ret < 0 ? ret : -EIO;
	if (dev->device != NULL && dev->device->driver != NULL)
		info->driver_name = dev->device->driver->name;
	info->nb_rx_queues = dev->data->nb_rx_queues;
	info->nb_tx_queues = dev->data->nb_tx_queues;
	info->dev_flags = &dev->data->dev_flags;
	return 0;
}

int
rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev_info == NULL)
		return eth_err(-EINVAL);
	pthread_mutex_lock(&eth_dev_lock);
	ret = eth_dev_info_get_locked(dev, dev_info);
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret);
}

/* ---------------------------------------------------------------------
 * configure
 * --------------------------------------------------------------------- */

static int
eth_dev_queue_arrays(struct rte_eth_dev *dev, uint16_t nb_rx, uint16_t nb_tx)
{
	struct rte_eth_dev_data *d = dev->data;
	void **rxq, **txq;
	uint16_t q;

	/* at least one slot so the fast path never sees a NULL array */
	/* in shared memory: secondaries burst on the same queues */
	rxq = rte_zmalloc_socket("eth_rxq", RTE_MAX(nb_rx, 1) * sizeof(void *),
		RTE_CACHE_LINE_SIZE, d->numa_node);
	txq = rte_zmalloc_socket("eth_txq", RTE_MAX(nb_tx, 1) * sizeof(void *),
		RTE_CACHE_LINE_SIZE, d->numa_node);
	if (rxq == NULL || txq == NULL) {
		rte_free(rxq);
		rte_free(txq);
		return -ENOMEM;
	}
	for (q = 0; q < d->nb_rx_queues && d->rx_queues != NULL; q++)
		if (d->rx_queues[q] != NULL &&
				dev->dev_ops->rx_queue_release != NULL)
			dev->dev_ops->rx_queue_release(dev, q);
	for (q = 0; q < d->nb_tx_queues && d->tx_queues != NULL; q++)
		if (d->tx_queues[q] != NULL &&
				dev->dev_ops->tx_queue_release != NULL)
			dev->dev_ops->tx_queue_release(dev, q);
	rte_free(d->rx_queues);
	rte_free(d->tx_queues);
	d->rx_queues = rxq;
	d->tx_queues = txq;
	d->nb_rx_queues = nb_rx;
	d->nb_tx_queues = nb_tx;
	return 0;
}

static int
eth_dev_check_conf(struct rte_eth_dev *dev, uint16_t nb_rx, uint16_t nb_tx,
		const struct rte_eth_conf *conf,
		const struct rte_eth_dev_info *info)
{
	const char *name = dev->data->name;
	uint64_t bad;

	if (nb_rx > info->max_rx_queues || nb_tx > info->max_tx_queues) {
		ETHDEV_LOG(ERR,
			"%s: %u rx / %u tx queues asked, at most %u / %u\n",
			name, nb_rx, nb_tx, info->max_rx_queues,
			info->max_tx_queues);
		return -EINVAL;
	}
	if (nb_rx == 0 && nb_tx == 0) {
		ETHDEV_LOG(ERR, "%s: no queue asked\n", name);
		return -EINVAL;
	}
	bad = conf->rxmode.offloads & ~info->rx_offload_capa;
	if (bad != 0) {
		ETHDEV_LOG(ERR, "%s: rx offloads 0x%" PRIx64 " not supported\n",
			name, bad);
		return -EINVAL;
	}
	bad = conf->txmode.offloads & ~info->tx_offload_capa;
	if (bad != 0) {
		ETHDEV_LOG(ERR, "%s: tx offloads 0x%" PRIx64 " not supported\n",
			name, bad);
		return -EINVAL;
	}
	if ((conf->intr_conf.lsc &&
			!(dev->data->dev_flags & RTE_ETH_DEV_INTR_LSC)) ||
			(conf->intr_conf.rmv &&
			!(dev->data->dev_flags & RTE_ETH_DEV_INTR_RMV))) {
		ETHDEV_LOG(ERR, "%s: the driver raises no %s event; clear "
			"intr_conf.%s\n", name, conf->intr_conf.lsc &&
			!(dev->data->dev_flags & RTE_ETH_DEV_INTR_LSC) ?
			"link (LSC)" : "removal (RMV)",
			conf->intr_conf.lsc &&
			!(dev->data->dev_flags & RTE_ETH_DEV_INTR_LSC) ?
			"lsc" : "rmv");
		return -EINVAL;
	}
	if (conf->rxmode.mtu != 0 && (conf->rxmode.mtu < info->min_mtu ||
			conf->rxmode.mtu > info->max_mtu)) {
		ETHDEV_LOG(ERR, "%s: MTU %u outside [%u, %u]\n", name,
			conf->rxmode.mtu, info->min_mtu, info->max_mtu);
		return -EINVAL;
	}
	return 0;
}

static int
eth_dev_configure_locked(struct rte_eth_dev *dev, uint16_t nb_rx,
		uint16_t nb_tx, const struct rte_eth_conf *conf)
{
	struct rte_eth_dev_info info;
	struct rte_eth_conf saved = dev->data->dev_conf;
	int ret;

	if (dev->data->dev_started) {
		ETHDEV_LOG(ERR, "%s: stop the port before configuring it\n",
			dev->data->name);
		return -EBUSY;
	}
	ret = eth_dev_info_get_locked(dev, &info);
	if (ret == 0)
		ret = eth_dev_check_conf(dev, nb_rx, nb_tx, conf, &info);
	if (ret == 0)
		ret = eth_dev_queue_arrays(dev, nb_rx, nb_tx);
	if (ret < 0)
		return ret;
	dev->data->dev_conf = *conf;
	if (conf->rxmode.mtu != 0)
		dev->data->mtu = conf->rxmode.mtu;
	dev->data->dev_conf.rxmode.mtu = dev->data->mtu;
	ret = dev->dev_ops->dev_configure(dev);
	if (ret != 0) {
		ETHDEV_LOG(ERR, "%s: driver refused the configuration (%d)\n",
			dev->data->name, ret);
		dev->data->dev_conf = saved;
		dev->data->dev_configured = 0;
		return ret < 0 ? ret : -EIO;
	}
	dev->data->dev_configured = 1;
	return 0;
}

int
rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue,
		uint16_t nb_tx_queue, const struct rte_eth_conf *eth_conf)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (eth_conf == NULL)
		return eth_err(-EINVAL);
	if (dev->dev_ops->dev_configure == NULL)
		return eth_err(-ENOTSUP);
	pthread_mutex_lock(&eth_dev_lock);
	ret = eth_dev_configure_locked(dev, nb_rx_queue, nb_tx_queue,
		eth_conf);
	pthread_mutex_unlock(&eth_dev_lock);
	return eth_err(ret);
}

static void
eth_desc_clamp(uint16_t *nb, const struct rte_eth_desc_lim *lim)
{
	uint32_t n = *nb;

	if (lim->nb_align > 1)
		n = RTE_ALIGN_CEIL(n, lim->nb_align);
	n = RTE_MIN(n, lim->nb_max);
	n = RTE_MAX(n, lim->nb_min);
	*nb = (uint16_t)n;
}

int
rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc,
		uint16_t *nb_tx_desc)
{
	struct rte_eth_dev_info info;
	int ret;

	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret < 0)
		return ret;
	if (nb_rx_desc != NULL)
		eth_desc_clamp(nb_rx_desc, &info.rx_desc_lim);
	if (nb_tx_desc != NULL)
		eth_desc_clamp(nb_tx_desc, &info.tx_desc_lim);
	return 0;
}
