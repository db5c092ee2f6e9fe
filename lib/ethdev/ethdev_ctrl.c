/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Port controls that do not change the queue layout: statistics and
 * extended statistics, link state, promiscuous and all-multicast modes,
 * MAC address, MTU, and the transmit buffer helpers.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_string_fns.h>
#include <rte_mbuf.h>

#include "ethdev_driver.h"
#include "ethdev_private.h"

/* the generic extended statistics, taken from struct rte_eth_stats */
static const struct {
	const char *name;
	size_t offset;
} eth_basic_xstats[] = {
	{ "rx_good_packets", offsetof(struct rte_eth_stats, ipackets) },
	{ "tx_good_packets", offsetof(struct rte_eth_stats, opackets) },
	{ "rx_good_bytes", offsetof(struct rte_eth_stats, ibytes) },
	{ "tx_good_bytes", offsetof(struct rte_eth_stats, obytes) },
	{ "rx_missed_errors", offsetof(struct rte_eth_stats, imissed) },
	{ "rx_errors", offsetof(struct rte_eth_stats, ierrors) },
	{ "tx_errors", offsetof(struct rte_eth_stats, oerrors) },
	{ "rx_mbuf_allocation_errors", offsetof(struct rte_eth_stats,
		rx_nombuf) },
};

#define ETH_NB_BASIC_XSTATS RTE_DIM(eth_basic_xstats)

/* ---------------------------------------------------------------------
 * statistics
 * --------------------------------------------------------------------- */

int
rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (stats == NULL)
		return eth_err(-EINVAL);
	if (dev->dev_ops->stats_get == NULL)
		return eth_err(-ENOTSUP);
	memset(stats, 0, sizeof(*stats));
	stats->rx_nombuf = dev->data->rx_mbuf_alloc_failed;
	ret = dev->dev_ops->stats_get(dev, stats);
	return eth_err(ret > 0 ? -EIO : ret);
}

int
rte_eth_stats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->stats_reset == NULL)
		return eth_err(-ENOTSUP);
	ret = dev->dev_ops->stats_reset(dev);
	dev->data->rx_mbuf_alloc_failed = 0;
	return eth_err(ret > 0 ? -EIO : ret);
}

static int
eth_driver_xstats_count(struct rte_eth_dev *dev)
{
	if (dev->dev_ops->xstats_get_names == NULL)
		return 0;
	return dev->dev_ops->xstats_get_names(dev, NULL, 0);
}

int
rte_eth_xstats_get_names(uint16_t port_id,
		struct rte_eth_xstat_name *xstats_names, unsigned int size)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	unsigned int i, total;
	int drv;

	if (dev == NULL)
		return -ENODEV;
	drv = eth_driver_xstats_count(dev);
	if (drv < 0)
		return eth_err(drv);
	total = ETH_NB_BASIC_XSTATS + (unsigned int)drv;
	if (xstats_names == NULL || size < total)
		return (int)total;
	for (i = 0; i < ETH_NB_BASIC_XSTATS; i++)
		rte_strlcpy(xstats_names[i].name, eth_basic_xstats[i].name,
			sizeof(xstats_names[i].name));
	if (drv > 0) {
		drv = dev->dev_ops->xstats_get_names(dev,
			xstats_names + ETH_NB_BASIC_XSTATS, drv);
		if (drv < 0)
			return eth_err(drv);
	}
	return (int)total;
}

int
rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats,
		unsigned int n)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_stats stats;
	unsigned int i, total;
	int drv, ret;

	if (dev == NULL)
		return -ENODEV;
	drv = eth_driver_xstats_count(dev);
	if (drv < 0)
		return eth_err(drv);
	total = ETH_NB_BASIC_XSTATS + (unsigned int)drv;
	if (xstats == NULL || n < total)
		return (int)total;
	ret = rte_eth_stats_get(port_id, &stats);
	if (ret < 0)
		return ret;
	for (i = 0; i < ETH_NB_BASIC_XSTATS; i++) {
		xstats[i].id = i;
		memcpy(&xstats[i].value, (const char *)&stats +
			eth_basic_xstats[i].offset, sizeof(uint64_t));
	}
	if (drv > 0) {
		ret = dev->dev_ops->xstats_get(dev, xstats + i, drv);
		if (ret < 0)
			return eth_err(ret);
		for (; i < total; i++)
			xstats[i].id = i;
	}
	return (int)total;
}

int
rte_eth_xstats_reset(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->xstats_reset != NULL)
		return eth_err(dev->dev_ops->xstats_reset(dev));
	return rte_eth_stats_reset(port_id);
}

/* ---------------------------------------------------------------------
 * link
 * --------------------------------------------------------------------- */

static int
eth_link_get(uint16_t port_id, struct rte_eth_link *link, int wait)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (link == NULL)
		return eth_err(-EINVAL);
	if (dev->data->dev_conf.intr_conf.lsc == 0) {
		if (dev->dev_ops->link_update == NULL)
			return eth_err(-ENOTSUP);
		dev->dev_ops->link_update(dev, wait);
	}
	rte_eth_linkstatus_get(dev, link);
	return 0;
}

int
rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link)
{
	return eth_link_get(port_id, link, 1);
}

int
rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link)
{
	return eth_link_get(port_id, link, 0);
}

static int
eth_link_op(uint16_t port_id, int up)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int (*op)(struct rte_eth_dev *);

	if (dev == NULL)
		return -ENODEV;
	op = up ? dev->dev_ops->dev_set_link_up :
		dev->dev_ops->dev_set_link_down;
	if (op == NULL)
		return eth_err(-ENOTSUP);
	return eth_err(op(dev));
}

int
rte_eth_dev_set_link_up(uint16_t port_id)
{
	return eth_link_op(port_id, 1);
}

int
rte_eth_dev_set_link_down(uint16_t port_id)
{
	return eth_link_op(port_id, 0);
}

const char *
rte_eth_link_speed_to_str(uint32_t link_speed)
{
	static const struct {
		uint32_t speed;
		const char *str;
	} names[] = {
		{ RTE_ETH_SPEED_NUM_NONE, "None" },
		{ RTE_ETH_SPEED_NUM_10M, "10 Mbps" },
		{ RTE_ETH_SPEED_NUM_100M, "100 Mbps" },
		{ RTE_ETH_SPEED_NUM_1G, "1 Gbps" },
		{ RTE_ETH_SPEED_NUM_2_5G, "2.5 Gbps" },
		{ RTE_ETH_SPEED_NUM_5G, "5 Gbps" },
		{ RTE_ETH_SPEED_NUM_10G, "10 Gbps" },
		{ RTE_ETH_SPEED_NUM_20G, "20 Gbps" },
		{ RTE_ETH_SPEED_NUM_25G, "25 Gbps" },
		{ RTE_ETH_SPEED_NUM_40G, "40 Gbps" },
		{ RTE_ETH_SPEED_NUM_50G, "50 Gbps" },
		{ RTE_ETH_SPEED_NUM_56G, "56 Gbps" },
		{ RTE_ETH_SPEED_NUM_100G, "100 Gbps" },
		{ RTE_ETH_SPEED_NUM_200G, "200 Gbps" },
		{ RTE_ETH_SPEED_NUM_400G, "400 Gbps" },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(names); i++)
		if (names[i].speed == link_speed)
			return names[i].str;
	return "Unknown";
}

int
rte_eth_link_to_str(char *str, size_t len, const struct rte_eth_link *link)
{
	if (str == NULL || len == 0 || link == NULL)
		return -EINVAL;
	if (link->link_status == RTE_ETH_LINK_DOWN)
		return snprintf(str, len, "Link down");
	return snprintf(str, len, "Link up at %s %s %s",
		rte_eth_link_speed_to_str(link->link_speed),
		link->link_duplex == RTE_ETH_LINK_FULL_DUPLEX ? "FDX" : "HDX",
		link->link_autoneg == RTE_ETH_LINK_AUTONEG ?
			"Autoneg" : "Fixed");
}

/* ---------------------------------------------------------------------
 * receive modes, MAC, MTU
 * --------------------------------------------------------------------- */

static int
eth_mode_set(uint16_t port_id, int promisc, int on)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int (*op)(struct rte_eth_dev *);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (promisc)
		op = on ? dev->dev_ops->promiscuous_enable :
			dev->dev_ops->promiscuous_disable;
	else
		op = on ? dev->dev_ops->allmulticast_enable :
			dev->dev_ops->allmulticast_disable;
	if (op == NULL)
		return eth_err(-ENOTSUP);
	ret = op(dev);
	if (ret != 0)
		return eth_err(ret > 0 ? -EIO : ret);
	if (promisc)
		dev->data->promiscuous = on;
	else
		dev->data->all_multicast = on;
	return 0;
}

int
rte_eth_promiscuous_enable(uint16_t port_id)
{
	return eth_mode_set(port_id, 1, 1);
}

int
rte_eth_promiscuous_disable(uint16_t port_id)
{
	return eth_mode_set(port_id, 1, 0);
}

int
rte_eth_promiscuous_get(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	return dev == NULL ? -1 : dev->data->promiscuous;
}

int
rte_eth_allmulticast_enable(uint16_t port_id)
{
	return eth_mode_set(port_id, 0, 1);
}

int
rte_eth_allmulticast_disable(uint16_t port_id)
{
	return eth_mode_set(port_id, 0, 0);
}

int
rte_eth_allmulticast_get(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	return dev == NULL ? -1 : dev->data->all_multicast;
}

int
rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (mac_addr == NULL || dev->data->mac_addrs == NULL)
		return eth_err(-EINVAL);
	rte_ether_addr_copy(&dev->data->mac_addrs[0], mac_addr);
	return 0;
}

int
rte_eth_dev_default_mac_addr_set(uint16_t port_id,
		struct rte_ether_addr *mac_addr)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (mac_addr == NULL || !rte_is_valid_assigned_ether_addr(mac_addr) ||
			dev->data->mac_addrs == NULL)
		return eth_err(-EINVAL);
	if (dev->dev_ops->mac_addr_set == NULL)
		return eth_err(-ENOTSUP);
	ret = dev->dev_ops->mac_addr_set(dev, mac_addr);
	if (ret != 0)
		return eth_err(ret > 0 ? -EIO : ret);
	rte_ether_addr_copy(mac_addr, &dev->data->mac_addrs[0]);
	return 0;
}

int
rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (mtu == NULL)
		return eth_err(-EINVAL);
	*mtu = dev->data->mtu;
	return 0;
}

int
rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);
	struct rte_eth_dev_info info;
	int ret;

	if (dev == NULL)
		return -ENODEV;
	if (dev->dev_ops->mtu_set == NULL)
		return eth_err(-ENOTSUP);
	ret = rte_eth_dev_info_get(port_id, &info);
	if (ret < 0)
		return ret;
	if (mtu < info.min_mtu || mtu > info.max_mtu)
		return eth_err(-EINVAL);
	ret = dev->dev_ops->mtu_set(dev, mtu);
	if (ret != 0)
		return eth_err(ret > 0 ? -EIO : ret);
	dev->data->mtu = mtu;
	dev->data->dev_conf.rxmode.mtu = mtu;
	return 0;
}

/* ---------------------------------------------------------------------
 * transmit buffers
 * --------------------------------------------------------------------- */

void
rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent,
		void *userdata)
{
	uint16_t i;

	RTE_SET_USED(userdata);
	for (i = 0; i < unsent; i++)
		rte_pktmbuf_free(pkts[i]);
}

void
rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent,
		void *userdata)
{
	uint64_t *count = userdata;

	rte_eth_tx_buffer_drop_callback(pkts, unsent, NULL);
	*count += unsent;
}

int
rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
		buffer_tx_error_fn callback, void *userdata)
{
	if (buffer == NULL || callback == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	buffer->error_callback = callback;
	buffer->error_userdata = userdata;
	return 0;
}

int
rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer, uint16_t size)
{
	if (buffer == NULL || size == 0) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	buffer->size = size;
	buffer->length = 0;
	if (buffer->error_callback == NULL)
		return rte_eth_tx_buffer_set_err_callback(buffer,
			rte_eth_tx_buffer_drop_callback, NULL);
	return 0;
}
