/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ports: slots, names and ids, configuration, queues, start/stop/close.
 *
 * The data of every port (struct rte_eth_dev_data: name, queues,
 * configuration, link, driver private data) lives in the shared memzone
 * "rte_eth_dev_data", so a secondary process attaches to the ports the
 * primary made (rte_eth_dev_attach_secondary() from a driver's probe)
 * and bursts on the same queues. What holds function pointers stays in
 * the process: rte_eth_devices[] (driver ops, bursts) and rte_eth_fp_ops[].
 *
 * Control functions hold eth_dev_lock while they change a slot; the
 * inline bursts read only rte_eth_fp_ops[], which start fills and stop
 * resets to stubs that move nothing, so the fast path takes no lock and
 * checks no state. The lock is per process: changing one port from two
 * processes at once is the application's business, as in DPDK.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_string_fns.h>

#include "ethdev_driver.h"
#include "ethdev_private.h"
#include "ethdev_vdev.h"

struct rte_eth_dev rte_eth_devices[RTE_MAX_ETHPORTS];
struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];
pthread_mutex_t eth_dev_lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

/* the port data shared by every process, in one memzone */
#define ETH_DEV_DATA_MZ "rte_eth_dev_data"
struct eth_dev_shared {
	struct rte_eth_dev_data data[RTE_MAX_ETHPORTS];
};
static struct rte_eth_dev_data *eth_dev_data;
/* the memzone, when a secondary made it (its primary has no port) */
static const struct rte_memzone *eth_dev_data_mz_made;
/* ports this process allocated (its data is this process's to free) */
static bool eth_dev_made_here[RTE_MAX_ETHPORTS];

/* queue pointers of a stopped port: never dereferenced by the stubs */
static void *eth_dummy_queues[RTE_MAX_QUEUES_PER_PORT];

#define ETH_DEFAULT_MTU 1500

/* --------------------------------------------------------------------- */
/* fast-path table */

static uint16_t
eth_dummy_rx(void *rxq, struct rte_mbuf **pkts, uint16_t n)
{
	RTE_SET_USED(rxq);
	RTE_SET_USED(pkts);
	RTE_SET_USED(n);
	return 0;
}

static uint16_t
eth_dummy_tx(void *txq, struct rte_mbuf **pkts, uint16_t n)
{
	RTE_SET_USED(txq);
	RTE_SET_USED(pkts);
	RTE_SET_USED(n);
	return 0;
}

void
eth_dev_fp_ops_reset(uint16_t port_id)
{
	struct rte_eth_fp_ops *fp = &rte_eth_fp_ops[port_id];

	fp->rx_pkt_burst = eth_dummy_rx;
	fp->tx_pkt_burst = eth_dummy_tx;
	fp->tx_pkt_prepare = NULL;
	fp->rx_queue_count = NULL;
	fp->rxq.data = eth_dummy_queues;
	fp->txq.data = eth_dummy_queues;
	fp->rxq.clbk = NULL;
	fp->txq.clbk = NULL;
}

void
eth_dev_fp_ops_setup(struct rte_eth_dev *dev)
{
	struct rte_eth_fp_ops *fp = &rte_eth_fp_ops[dev->data->port_id];

	fp->rxq.data = dev->data->rx_queues;
	fp->txq.data = dev->data->tx_queues;
	fp->rx_queue_count = dev->rx_queue_count;
	fp->tx_pkt_prepare = dev->tx_pkt_prepare;
	fp->rx_pkt_burst = dev->rx_pkt_burst;
	fp->tx_pkt_burst = dev->tx_pkt_burst;
	fp->rxq.clbk = eth_dev_rx_clbk(dev->data->port_id);
	fp->txq.clbk = eth_dev_tx_clbk(dev->data->port_id);
}

RTE_INIT(eth_dev_fp_ops_init)
{
	uint16_t i;

	for (i = 0; i < RTE_MAX_ETHPORTS; i++)
		eth_dev_fp_ops_reset(i);
}

/* --------------------------------------------------------------------- */
/* slots, names, ids */

struct rte_eth_dev *
eth_dev_get(uint16_t port_id)
{
	if (port_id >= RTE_MAX_ETHPORTS ||
			rte_eth_devices[port_id].state == RTE_ETH_DEV_UNUSED) {
		rte_errno = ENODEV;
		return NULL;
	}
	return &rte_eth_devices[port_id];
}

int
rte_eth_dev_is_valid_port(uint16_t port_id)
{
	return port_id < RTE_MAX_ETHPORTS &&
		rte_eth_devices[port_id].state != RTE_ETH_DEV_UNUSED;
}

uint16_t
rte_eth_find_next(uint16_t port_id)
{
	while (port_id < RTE_MAX_ETHPORTS &&
			rte_eth_devices[port_id].state != RTE_ETH_DEV_ATTACHED)
		port_id++;
	return port_id < RTE_MAX_ETHPORTS ? port_id : RTE_MAX_ETHPORTS;
}

uint64_t
rte_eth_find_next_owned_by(uint16_t port_id, const uint64_t owner_id)
{
	for (port_id = rte_eth_find_next(port_id);
			port_id < RTE_MAX_ETHPORTS &&
			rte_eth_devices[port_id].data->owner_id != owner_id;
			port_id = rte_eth_find_next(port_id + 1))
		;
	return port_id;
}

uint16_t
rte_eth_dev_count_avail(void)
{
	uint16_t p, n = 0;

	RTE_ETH_FOREACH_DEV(p)
		n++;
	return n;
}

uint16_t
rte_eth_dev_count_total(void)
{
	uint16_t p, n = 0;

	for (p = 0; p < RTE_MAX_ETHPORTS; p++)
		if (rte_eth_devices[p].state != RTE_ETH_DEV_UNUSED)
			n++;
	return n;
}

static struct rte_eth_dev *
eth_dev_find_by_name(const char *name)
{
	uint16_t p;

	for (p = 0; p < RTE_MAX_ETHPORTS; p++)
		if (rte_eth_devices[p].state != RTE_ETH_DEV_UNUSED &&
				strcmp(rte_eth_devices[p].data->name,
					name) == 0)
			return &rte_eth_devices[p];
	return NULL;
}

struct rte_eth_dev *
rte_eth_dev_allocated(const char *name)
{
	struct rte_eth_dev *dev;

	if (name == NULL)
		return NULL;
	pthread_mutex_lock(&eth_dev_lock);
	dev = eth_dev_find_by_name(name);
	pthread_mutex_unlock(&eth_dev_lock);
	return dev;
}

/*
 * map the shared port data: the first process that needs it (the primary,
 * or a secondary of a primary without ports) makes it, the others find it
 */
static int
eth_dev_shared_data_get(void)
{
	const struct rte_memzone *mz;

	if (eth_dev_data != NULL)
		return 0;
	mz = rte_memzone_lookup(ETH_DEV_DATA_MZ);
	if (mz == NULL) {
		mz = rte_memzone_reserve(ETH_DEV_DATA_MZ,
			sizeof(struct eth_dev_shared), SOCKET_ID_ANY, 0);
		if (mz != NULL) {
			memset(mz->addr, 0, mz->len);
			if (rte_eal_process_type() != RTE_PROC_PRIMARY)
				eth_dev_data_mz_made = mz;
		} else if (rte_errno == EEXIST) {
			mz = rte_memzone_lookup(ETH_DEV_DATA_MZ);
		}
	}
	if (mz == NULL) {
		ETHDEV_LOG(ERR, "cannot reserve the shared port data "
			"(memzone %s): %s\n", ETH_DEV_DATA_MZ,
			rte_strerror(rte_errno));
		return -ENOMEM;
	}
	eth_dev_data = ((struct eth_dev_shared *)mz->addr)->data;
	return 0;
}

/*
 * a secondary that made the table gives it back with its last port, so a
 * secondary's private ports leave nothing behind in the primary's heap
 */
static void
eth_dev_shared_data_put_locked(void)
{
	uint16_t p;

	if (eth_dev_data_mz_made == NULL)
		return;
	for (p = 0; p < RTE_MAX_ETHPORTS; p++)
		if (eth_dev_data[p].name[0] != '\0')
			return;
	rte_memzone_free(eth_dev_data_mz_made);
	eth_dev_data_mz_made = NULL;
	eth_dev_data = NULL;
}

/* fill the process-local slot p for the shared data of port p */
static struct rte_eth_dev *
eth_dev_slot_bind(uint16_t p)
{
	struct rte_eth_dev *dev = &rte_eth_devices[p];

	memset(dev, 0, sizeof(*dev));
	dev->data = &eth_dev_data[p];
	dev->rx_pkt_burst = eth_dummy_rx;
	dev->tx_pkt_burst = eth_dummy_tx;
	dev->state = RTE_ETH_DEV_ATTACHED;
	eth_dev_fp_ops_reset(p);
	return dev;
}

struct rte_eth_dev *
rte_eth_dev_attach_secondary(const char *name)
{
	struct rte_eth_dev *dev = NULL;
	uint16_t p;

	if (name == NULL || eth_dev_shared_data_get() < 0)
		return NULL;
	pthread_mutex_lock(&eth_dev_lock);
	for (p = 0; p < RTE_MAX_ETHPORTS; p++) {
		if (strcmp(eth_dev_data[p].name, name) != 0)
			continue;
		dev = &rte_eth_devices[p];
		if (dev->state == RTE_ETH_DEV_UNUSED)
			dev = eth_dev_slot_bind(p);
		break;
	}
	pthread_mutex_unlock(&eth_dev_lock);
	if (dev == NULL)
		ETHDEV_LOG(INFO, "no port %s in the primary process\n", name);
	return dev;
}

static bool
eth_dev_name_taken(const char *name)
{
	uint16_t p;

	for (p = 0; p < RTE_MAX_ETHPORTS; p++)
		if (strcmp(eth_dev_data[p].name, name) == 0)
			return true;
	return false;
}

static struct rte_eth_dev *
eth_dev_allocate_locked(const char *name)
{
	struct rte_eth_dev *dev;
	uint16_t p;

	if (eth_dev_name_taken(name))
		return NULL;
	for (p = 0; p < RTE_MAX_ETHPORTS; p++)
		if (rte_eth_devices[p].state == RTE_ETH_DEV_UNUSED &&
				eth_dev_data[p].name[0] == '\0')
			break;
	if (p == RTE_MAX_ETHPORTS)
		return NULL;
	memset(&eth_dev_data[p], 0, sizeof(eth_dev_data[p]));
	eth_dev_made_here[p] = true;
	dev = eth_dev_slot_bind(p);
	rte_strlcpy(dev->data->name, name, sizeof(dev->data->name));
	dev->data->port_id = p;
	dev->data->mtu = ETH_DEFAULT_MTU;
	dev->data->numa_node = SOCKET_ID_ANY;
	return dev;
}

struct rte_eth_dev *
rte_eth_dev_allocate(const char *name)
{
	struct rte_eth_dev *dev;
	size_t len;

	len = name != NULL ? strnlen(name, RTE_ETH_NAME_MAX_LEN) : 0;
	if (len == 0 || len == RTE_ETH_NAME_MAX_LEN) {
		ETHDEV_LOG(ERR, "port name missing or too long\n");
		rte_errno = EINVAL;
		return NULL;
	}
	if (eth_dev_shared_data_get() < 0) {
		rte_errno = ENOMEM;
		return NULL;
	}
	pthread_mutex_lock(&eth_dev_lock);
	dev = eth_dev_allocate_locked(name);
	pthread_mutex_unlock(&eth_dev_lock);
	if (dev == NULL) {
		rte_errno = eth_dev_name_taken(name) ? EEXIST : ENOSPC;
		ETHDEV_LOG(ERR, "cannot allocate port %s: %s\n", name,
			rte_errno == EEXIST ? "name in use" :
			"all RTE_MAX_ETHPORTS ports in use");
	}
	return dev;
}

struct rte_eth_dev *
rte_eth_vdev_allocate(struct rte_vdev_device *dev, size_t private_data_size)
{
	struct rte_eth_dev *eth_dev;
	const char *name = rte_vdev_device_name(dev);

	eth_dev = rte_eth_dev_allocate(name);
	if (eth_dev == NULL)
		return NULL;
	if (private_data_size > 0) {
		eth_dev->data->dev_private = rte_zmalloc_socket(name,
			private_data_size, RTE_CACHE_LINE_SIZE,
			dev->device.numa_node);
		if (eth_dev->data->dev_private == NULL) {
			rte_eth_dev_release_port(eth_dev);
			rte_errno = ENOMEM;
			return NULL;
		}
	}
	eth_dev->device = &dev->device;
	eth_dev->data->numa_node = dev->device.numa_node;
	return eth_dev;
}

void
rte_eth_dev_probing_finish(struct rte_eth_dev *dev)
{
	if (dev == NULL)
		return;
	/* a secondary attaching to a running port bursts on it at once */
	if (rte_eal_process_type() == RTE_PROC_SECONDARY &&
			dev->data->dev_started) {
		pthread_mutex_lock(&eth_dev_lock);
		eth_dev_fp_ops_setup(dev);
		pthread_mutex_unlock(&eth_dev_lock);
	}
	rte_eth_dev_callback_process(dev, RTE_ETH_EVENT_NEW, NULL);
}

static void
eth_dev_queues_free(struct rte_eth_dev *dev)
{
	struct rte_eth_dev_data *d = dev->data;
	uint16_t q;

	for (q = 0; d->rx_queues != NULL && q < d->nb_rx_queues; q++)
		if (d->rx_queues[q] != NULL && dev->dev_ops != NULL &&
				dev->dev_ops->rx_queue_release != NULL)
			dev->dev_ops->rx_queue_release(dev, q);
	for (q = 0; d->tx_queues != NULL && q < d->nb_tx_queues; q++)
		if (d->tx_queues[q] != NULL && dev->dev_ops != NULL &&
				dev->dev_ops->tx_queue_release != NULL)
			dev->dev_ops->tx_queue_release(dev, q);
	rte_free(d->rx_queues);
	rte_free(d->tx_queues);
	d->rx_queues = NULL;
	d->tx_queues = NULL;
	d->nb_rx_queues = 0;
	d->nb_tx_queues = 0;
}

int
rte_eth_dev_release_port(struct rte_eth_dev *eth_dev)
{
	if (eth_dev == NULL || eth_dev->data == NULL) {
		rte_errno = EINVAL;
		return -EINVAL;
	}
	if (eth_dev->state != RTE_ETH_DEV_UNUSED)
		rte_eth_dev_callback_process(eth_dev, RTE_ETH_EVENT_DESTROY,
			NULL);
	pthread_mutex_lock(&eth_dev_lock);
	eth_dev_fp_ops_reset(eth_dev->data->port_id);
	eth_dev_rxtx_callbacks_free(eth_dev->data->port_id);
	/* a port attached from the primary: only let go of it */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY ||
			eth_dev_made_here[eth_dev->data->port_id]) {
		eth_dev_made_here[eth_dev->data->port_id] = false;
		eth_dev_queues_free(eth_dev);
		rte_free(eth_dev->data->dev_private);
		rte_free(eth_dev->data->mac_addrs);
		memset(eth_dev->data, 0, sizeof(*eth_dev->data));
	}
	eth_dev_event_callbacks_free(eth_dev->data->port_id);
	memset(eth_dev, 0, sizeof(*eth_dev));
	eth_dev->state = RTE_ETH_DEV_UNUSED;
	eth_dev_shared_data_put_locked();
	pthread_mutex_unlock(&eth_dev_lock);
	return 0;
}

int
rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id)
{
	struct rte_eth_dev *dev;

	if (name == NULL || port_id == NULL)
		return eth_err(-EINVAL);
	dev = rte_eth_dev_allocated(name);
	if (dev == NULL)
		return eth_err(-ENODEV);
	*port_id = dev->data->port_id;
	return 0;
}

int
rte_eth_dev_get_name_by_port(uint16_t port_id, char *name)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL)
		return -ENODEV;
	if (name == NULL)
		return eth_err(-EINVAL);
	rte_strlcpy(name, dev->data->name, RTE_ETH_NAME_MAX_LEN);
	return 0;
}

int
rte_eth_dev_socket_id(uint16_t port_id)
{
	struct rte_eth_dev *dev = eth_dev_get(port_id);

	if (dev == NULL) {
		rte_errno = EINVAL;
		return SOCKET_ID_ANY;
	}
	return dev->data->numa_node;
}
