/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _ETHDEV_DRIVER_H_
#define _ETHDEV_DRIVER_H_

/**
 * @file
 *
 * Ethernet devices as drivers see them: the port structures, the driver
 * operations, and port allocation.
 *
 * A port's slow-path state (rte_eth_devices[], its data) is changed under
 * the ethdev lock by the control functions of rte_ethdev.c; the fast path
 * only reads rte_eth_fp_ops[], which is filled at start and reset at stop.
 */

#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <dev_driver.h>

#include "rte_ethdev.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rte_eth_dev;

/** State of a port slot. */
enum rte_eth_dev_state {
	RTE_ETH_DEV_UNUSED = 0, /**< free slot */
	RTE_ETH_DEV_ATTACHED,   /**< allocated and usable */
	RTE_ETH_DEV_REMOVED,    /**< device gone, slot not yet released */
};

/** Receive queue state. */
#define RTE_ETH_QUEUE_STATE_STOPPED 0
/** Receive queue state. */
#define RTE_ETH_QUEUE_STATE_STARTED 1

/** Driver callbacks; unsupported ones are NULL. */
typedef int (*eth_dev_configure_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_start_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_stop_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_set_link_up_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_set_link_down_t)(struct rte_eth_dev *dev);
typedef int (*eth_dev_close_t)(struct rte_eth_dev *dev);
typedef int (*eth_promiscuous_enable_t)(struct rte_eth_dev *dev);
typedef int (*eth_promiscuous_disable_t)(struct rte_eth_dev *dev);
typedef int (*eth_allmulticast_enable_t)(struct rte_eth_dev *dev);
typedef int (*eth_allmulticast_disable_t)(struct rte_eth_dev *dev);
typedef int (*eth_link_update_t)(struct rte_eth_dev *dev,
		int wait_to_complete);
typedef int (*eth_stats_get_t)(struct rte_eth_dev *dev,
		struct rte_eth_stats *igb_stats);
typedef int (*eth_stats_reset_t)(struct rte_eth_dev *dev);
typedef int (*eth_xstats_get_t)(struct rte_eth_dev *dev,
		struct rte_eth_xstat *stats, unsigned int n);
typedef int (*eth_xstats_reset_t)(struct rte_eth_dev *dev);
typedef int (*eth_xstats_get_names_t)(struct rte_eth_dev *dev,
		struct rte_eth_xstat_name *xstats_names, unsigned int size);
typedef int (*eth_dev_infos_get_t)(struct rte_eth_dev *dev,
		struct rte_eth_dev_info *dev_info);
typedef int (*eth_rx_queue_setup_t)(struct rte_eth_dev *dev,
		uint16_t rx_queue_id, uint16_t nb_rx_desc,
		unsigned int socket_id, const struct rte_eth_rxconf *rx_conf,
		struct rte_mempool *mb_pool);
typedef int (*eth_tx_queue_setup_t)(struct rte_eth_dev *dev,
		uint16_t tx_queue_id, uint16_t nb_tx_desc,
		unsigned int socket_id, const struct rte_eth_txconf *tx_conf);
typedef void (*eth_queue_release_t)(struct rte_eth_dev *dev,
		uint16_t queue_id);
typedef int (*mtu_set_t)(struct rte_eth_dev *dev, uint16_t mtu);
typedef int (*eth_queue_start_t)(struct rte_eth_dev *dev, uint16_t queue_id);
typedef int (*eth_queue_stop_t)(struct rte_eth_dev *dev, uint16_t queue_id);
typedef const uint32_t *(*eth_dev_supported_ptypes_get_t)(
		struct rte_eth_dev *dev);
typedef int (*eth_dev_ptypes_set_t)(struct rte_eth_dev *dev,
		uint32_t ptype_mask);
typedef int (*eth_read_clock_t)(struct rte_eth_dev *dev, uint64_t *clock);
typedef int (*eth_mac_addr_set_t)(struct rte_eth_dev *dev,
		struct rte_ether_addr *mac_addr);

/** Operations of a driver. */
struct eth_dev_ops {
	eth_dev_configure_t dev_configure;     /**< mandatory */
	eth_dev_start_t dev_start;             /**< mandatory */
	eth_dev_stop_t dev_stop;               /**< mandatory */
	eth_dev_set_link_up_t dev_set_link_up;
	eth_dev_set_link_down_t dev_set_link_down;
	eth_dev_close_t dev_close;             /**< release driver state */
	eth_link_update_t link_update;
	eth_promiscuous_enable_t promiscuous_enable;
	eth_promiscuous_disable_t promiscuous_disable;
	eth_allmulticast_enable_t allmulticast_enable;
	eth_allmulticast_disable_t allmulticast_disable;
	eth_mac_addr_set_t mac_addr_set;
	mtu_set_t mtu_set;
	eth_stats_get_t stats_get;
	eth_stats_reset_t stats_reset;
	eth_xstats_get_t xstats_get;
	eth_xstats_reset_t xstats_reset;
	eth_xstats_get_names_t xstats_get_names;
	eth_dev_infos_get_t dev_infos_get;     /**< mandatory */
	eth_rx_queue_setup_t rx_queue_setup;   /**< mandatory */
	eth_queue_release_t rx_queue_release;
	eth_tx_queue_setup_t tx_queue_setup;   /**< mandatory */
	eth_queue_release_t tx_queue_release;
	eth_queue_start_t rx_queue_start;      /**< per-queue start */
	eth_queue_stop_t rx_queue_stop;        /**< per-queue stop */
	eth_queue_start_t tx_queue_start;      /**< per-queue start */
	eth_queue_stop_t tx_queue_stop;        /**< per-queue stop */
	/** packet types the receive path recognises, RTE_PTYPE_UNKNOWN last */
	eth_dev_supported_ptypes_get_t dev_supported_ptypes_get;
	eth_dev_ptypes_set_t dev_ptypes_set;   /**< limit recognised types */
	eth_read_clock_t read_clock;           /**< device clock, for stamps */
};

/** Data of a port. */
struct rte_eth_dev_data {
	char name[RTE_ETH_NAME_MAX_LEN]; /**< port (device) name */
	void **rx_queues;            /**< receive queues, driver data */
	void **tx_queues;            /**< transmit queues, driver data */
	uint16_t nb_rx_queues;       /**< configured receive queues */
	uint16_t nb_tx_queues;       /**< configured transmit queues */
	void *dev_private;           /**< driver private data */
	struct rte_eth_link dev_link; /**< link state */
	struct rte_eth_conf dev_conf; /**< configuration */
	uint16_t mtu;                /**< MTU */
	uint32_t min_rx_buf_size;    /**< smallest receive buffer seen */
	uint64_t rx_mbuf_alloc_failed; /**< receive allocation failures */
	struct rte_ether_addr *mac_addrs; /**< MAC addresses, [0] primary */
	uint16_t port_id;            /**< port id */
	uint8_t promiscuous : 1;     /**< promiscuous mode */
	uint8_t scattered_rx : 1;    /**< scattered receive */
	uint8_t all_multicast : 1;   /**< all-multicast mode */
	uint8_t dev_started : 1;     /**< started */
	uint8_t lro : 1;             /**< LRO on */
	uint8_t dev_configured : 1;  /**< configured */
	uint8_t rx_queue_state[RTE_MAX_QUEUES_PER_PORT]; /**< queue states */
	uint8_t tx_queue_state[RTE_MAX_QUEUES_PER_PORT]; /**< queue states */
	/** queues set up with rx_deferred_start: left stopped by start */
	uint8_t rx_queue_deferred[RTE_MAX_QUEUES_PER_PORT];
	/** queues set up with tx_deferred_start: left stopped by start */
	uint8_t tx_queue_deferred[RTE_MAX_QUEUES_PER_PORT];
	uint32_t dev_flags;          /**< RTE_ETH_DEV_* flags */
	int numa_node;               /**< NUMA node */
	uint64_t owner_id;           /**< owner, RTE_ETH_DEV_NO_OWNER */
} __rte_cache_aligned;

/** A port. */
struct rte_eth_dev {
	eth_rx_burst_t rx_pkt_burst;   /**< receive function */
	eth_tx_burst_t tx_pkt_burst;   /**< transmit function */
	eth_tx_prep_t tx_pkt_prepare;  /**< optional transmit check */
	eth_rx_queue_count_t rx_queue_count; /**< optional */
	struct rte_eth_dev_data *data; /**< port data */
	void *process_private;         /**< per-process driver data */
	const struct eth_dev_ops *dev_ops; /**< driver operations */
	struct rte_device *device;     /**< the device */
	enum rte_eth_dev_state state;  /**< slot state */
} __rte_cache_aligned;

/**
 * Run the application callbacks registered for an event of a port
 * (rte_eth_dev_callback_register()), in registration order, on the
 * calling thread. Drivers call it when the link changes
 * (RTE_ETH_EVENT_LSC), the device goes away (RTE_ETH_EVENT_INTR_RMV),
 * and so on; ethdev itself raises RTE_ETH_EVENT_NEW and _DESTROY.
 *
 * @param dev
 *   The port.
 * @param event
 *   The event.
 * @param ret_param
 *   Passed to the callbacks as their ret_param.
 * @return
 *   The return value of the last callback run, 0 if none ran.
 */
int rte_eth_dev_callback_process(struct rte_eth_dev *dev,
		enum rte_eth_event_type event, void *ret_param);

/** Every port slot, indexed by port id. */
extern struct rte_eth_dev rte_eth_devices[];

/**
 * Allocate a port slot under a name.
 *
 * @param name
 *   Port name, unique.
 * @return
 *   The port, its data zeroed but for name, port_id and mtu; NULL when
 *   the name is taken or no slot is free.
 */
struct rte_eth_dev *rte_eth_dev_allocate(const char *name);

/**
 * Find an allocated port by name.
 *
 * @param name
 *   Port name.
 * @return
 *   The port, or NULL.
 */
struct rte_eth_dev *rte_eth_dev_allocated(const char *name);

/**
 * Attach to a port allocated by the primary process (same as
 * rte_eth_dev_allocated() here: ports are per process).
 */
struct rte_eth_dev *rte_eth_dev_attach_secondary(const char *name);

/**
 * Release a port slot. Frees data->dev_private and data->mac_addrs with
 * rte_free(), so drivers that own them must set them to NULL first.
 *
 * @param eth_dev
 *   The port.
 * @return
 *   0 on success, -EINVAL.
 */
int rte_eth_dev_release_port(struct rte_eth_dev *eth_dev);

/**
 * Tell ethdev that a driver finished probing a port: it becomes visible
 * to applications.
 *
 * @param dev
 *   The port.
 */
void rte_eth_dev_probing_finish(struct rte_eth_dev *dev);

/**
 * Store a new link state atomically.
 *
 * @param dev
 *   The port.
 * @param new_link
 *   The state.
 * @return
 *   0 if the state changed, -1 if it is the same.
 */
static inline int
rte_eth_linkstatus_set(struct rte_eth_dev *dev,
		const struct rte_eth_link *new_link)
{
	uint64_t *dst = (uint64_t *)&dev->data->dev_link;
	uint64_t val, old;

	memcpy(&val, new_link, sizeof(val));
	old = __atomic_exchange_n(dst, val, __ATOMIC_SEQ_CST);
	return old == val ? -1 : 0;
}

/**
 * Read the link state atomically.
 *
 * @param dev
 *   The port.
 * @param link
 *   Filled in.
 */
static inline void
rte_eth_linkstatus_get(const struct rte_eth_dev *dev,
		struct rte_eth_link *link)
{
	uint64_t val = __atomic_load_n((const uint64_t *)&dev->data->dev_link,
		__ATOMIC_SEQ_CST);

	memcpy(link, &val, sizeof(val));
}

#ifdef __cplusplus
}
#endif

#endif /* _ETHDEV_DRIVER_H_ */
