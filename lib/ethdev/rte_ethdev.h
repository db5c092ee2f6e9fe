/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_ETHDEV_H_
#define _RTE_ETHDEV_H_

/**
 * @file
 *
 * Ethernet devices (ports): configuration, queues, start/stop, the inline
 * receive and transmit bursts, statistics and link state.
 *
 * Functions that take a port id return -ENODEV for an invalid port and
 * -EINVAL for bad arguments, and set rte_errno likewise, unless their
 * documentation says otherwise.
 */

#include <stdint.h>
#include <stdio.h>

#include <rte_bitops.h>
#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_config.h>
#include <rte_dev.h>
#include <rte_devargs.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_log.h>

#include "rte_ethdev_core.h"

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mempool;
struct rte_mbuf;

/** Longest port name, NUL included. */
#define RTE_ETH_NAME_MAX_LEN RTE_DEV_NAME_MAX_LEN
/** Longest extended statistic name, NUL included. */
#define RTE_ETH_XSTATS_NAME_SIZE 64
/** Owner id meaning "owned by nobody". */
#define RTE_ETH_DEV_NO_OWNER 0
/** Longest link string written by rte_eth_link_to_str(). */
#define RTE_ETH_LINK_MAX_STR_LEN 40

/** @name Link speeds (Mb/s) */
/**@{*/
#define RTE_ETH_SPEED_NUM_NONE 0
#define RTE_ETH_SPEED_NUM_10M 10
#define RTE_ETH_SPEED_NUM_100M 100
#define RTE_ETH_SPEED_NUM_1G 1000
#define RTE_ETH_SPEED_NUM_2_5G 2500
#define RTE_ETH_SPEED_NUM_5G 5000
#define RTE_ETH_SPEED_NUM_10G 10000
#define RTE_ETH_SPEED_NUM_20G 20000
#define RTE_ETH_SPEED_NUM_25G 25000
#define RTE_ETH_SPEED_NUM_40G 40000
#define RTE_ETH_SPEED_NUM_50G 50000
#define RTE_ETH_SPEED_NUM_56G 56000
#define RTE_ETH_SPEED_NUM_100G 100000
#define RTE_ETH_SPEED_NUM_200G 200000
#define RTE_ETH_SPEED_NUM_400G 400000
#define RTE_ETH_SPEED_NUM_UNKNOWN UINT32_MAX
/**@}*/

/** @name Link speed capability bits (rte_eth_conf.link_speeds) */
/**@{*/
#define RTE_ETH_LINK_SPEED_AUTONEG 0
#define RTE_ETH_LINK_SPEED_FIXED RTE_BIT32(0)
#define RTE_ETH_LINK_SPEED_10M_HD RTE_BIT32(1)
#define RTE_ETH_LINK_SPEED_10M RTE_BIT32(2)
#define RTE_ETH_LINK_SPEED_100M_HD RTE_BIT32(3)
#define RTE_ETH_LINK_SPEED_100M RTE_BIT32(4)
#define RTE_ETH_LINK_SPEED_1G RTE_BIT32(5)
#define RTE_ETH_LINK_SPEED_2_5G RTE_BIT32(6)
#define RTE_ETH_LINK_SPEED_5G RTE_BIT32(7)
#define RTE_ETH_LINK_SPEED_10G RTE_BIT32(8)
#define RTE_ETH_LINK_SPEED_20G RTE_BIT32(9)
#define RTE_ETH_LINK_SPEED_25G RTE_BIT32(10)
#define RTE_ETH_LINK_SPEED_40G RTE_BIT32(11)
#define RTE_ETH_LINK_SPEED_50G RTE_BIT32(12)
#define RTE_ETH_LINK_SPEED_56G RTE_BIT32(13)
#define RTE_ETH_LINK_SPEED_100G RTE_BIT32(14)
#define RTE_ETH_LINK_SPEED_200G RTE_BIT32(15)
/**@}*/

/** @name Link state values */
/**@{*/
#define RTE_ETH_LINK_HALF_DUPLEX 0
#define RTE_ETH_LINK_FULL_DUPLEX 1
#define RTE_ETH_LINK_DOWN 0
#define RTE_ETH_LINK_UP 1
#define RTE_ETH_LINK_FIXED 0
#define RTE_ETH_LINK_AUTONEG 1
/**@}*/

/** Link state of a port. */
struct rte_eth_link {
	uint32_t link_speed;        /**< RTE_ETH_SPEED_NUM_* */
	uint16_t link_duplex : 1;   /**< RTE_ETH_LINK_[HALF/FULL]_DUPLEX */
	uint16_t link_autoneg : 1;  /**< RTE_ETH_LINK_[AUTONEG/FIXED] */
	uint16_t link_status : 1;   /**< RTE_ETH_LINK_[DOWN/UP] */
} __rte_aligned(8);

/** Basic statistics of a port. */
struct rte_eth_stats {
	uint64_t ipackets;  /**< packets received */
	uint64_t opackets;  /**< packets sent */
	uint64_t ibytes;    /**< bytes received */
	uint64_t obytes;    /**< bytes sent */
	uint64_t imissed;   /**< packets dropped by the device on receive */
	uint64_t ierrors;   /**< erroneous packets received */
	uint64_t oerrors;   /**< packets that failed to be sent */
	uint64_t rx_nombuf; /**< receive mbuf allocation failures */
	uint64_t q_ipackets[RTE_ETHDEV_QUEUE_STAT_CNTRS]; /**< per rx queue */
	uint64_t q_opackets[RTE_ETHDEV_QUEUE_STAT_CNTRS]; /**< per tx queue */
	uint64_t q_ibytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];   /**< per rx queue */
	uint64_t q_obytes[RTE_ETHDEV_QUEUE_STAT_CNTRS];   /**< per tx queue */
	uint64_t q_errors[RTE_ETHDEV_QUEUE_STAT_CNTRS];   /**< per rx queue */
};

/** One extended statistic. */
struct rte_eth_xstat {
	uint64_t id;    /**< index in the name table */
	uint64_t value; /**< its value */
};

/** Name of one extended statistic. */
struct rte_eth_xstat_name {
	char name[RTE_ETH_XSTATS_NAME_SIZE]; /**< the name */
};

/** Receive multi-queue mode. */
enum rte_eth_rx_mq_mode {
	RTE_ETH_MQ_RX_NONE = 0,
	RTE_ETH_MQ_RX_RSS = 1,
	RTE_ETH_MQ_RX_DCB = 2,
	RTE_ETH_MQ_RX_DCB_RSS = 3,
	RTE_ETH_MQ_RX_VMDQ_ONLY = 4,
	RTE_ETH_MQ_RX_VMDQ_RSS = 5,
	RTE_ETH_MQ_RX_VMDQ_DCB = 6,
	RTE_ETH_MQ_RX_VMDQ_DCB_RSS = 7,
};

/** Transmit multi-queue mode. */
enum rte_eth_tx_mq_mode {
	RTE_ETH_MQ_TX_NONE = 0,
	RTE_ETH_MQ_TX_DCB,
	RTE_ETH_MQ_TX_VMDQ_DCB,
	RTE_ETH_MQ_TX_VMDQ_ONLY,
};

/** @name RSS hash types */
/**@{*/
#define RTE_ETH_RSS_IPV4 RTE_BIT64(2)
#define RTE_ETH_RSS_FRAG_IPV4 RTE_BIT64(3)
#define RTE_ETH_RSS_NONFRAG_IPV4_TCP RTE_BIT64(4)
#define RTE_ETH_RSS_NONFRAG_IPV4_UDP RTE_BIT64(5)
#define RTE_ETH_RSS_NONFRAG_IPV4_SCTP RTE_BIT64(6)
#define RTE_ETH_RSS_NONFRAG_IPV4_OTHER RTE_BIT64(7)
#define RTE_ETH_RSS_IPV6 RTE_BIT64(8)
#define RTE_ETH_RSS_FRAG_IPV6 RTE_BIT64(9)
#define RTE_ETH_RSS_NONFRAG_IPV6_TCP RTE_BIT64(10)
#define RTE_ETH_RSS_NONFRAG_IPV6_UDP RTE_BIT64(11)
#define RTE_ETH_RSS_NONFRAG_IPV6_SCTP RTE_BIT64(12)
#define RTE_ETH_RSS_NONFRAG_IPV6_OTHER RTE_BIT64(13)
#define RTE_ETH_RSS_L2_PAYLOAD RTE_BIT64(14)
#define RTE_ETH_RSS_IP (RTE_ETH_RSS_IPV4 | RTE_ETH_RSS_FRAG_IPV4 | \
	RTE_ETH_RSS_NONFRAG_IPV4_OTHER | RTE_ETH_RSS_IPV6 | \
	RTE_ETH_RSS_FRAG_IPV6 | RTE_ETH_RSS_NONFRAG_IPV6_OTHER)
#define RTE_ETH_RSS_UDP (RTE_ETH_RSS_NONFRAG_IPV4_UDP | \
	RTE_ETH_RSS_NONFRAG_IPV6_UDP)
#define RTE_ETH_RSS_TCP (RTE_ETH_RSS_NONFRAG_IPV4_TCP | \
	RTE_ETH_RSS_NONFRAG_IPV6_TCP)
/**@}*/

/** @name Receive offload bits (rte_eth_rxmode.offloads, capabilities) */
/**@{*/
#define RTE_ETH_RX_OFFLOAD_VLAN_STRIP RTE_BIT64(0)
#define RTE_ETH_RX_OFFLOAD_IPV4_CKSUM RTE_BIT64(1)
#define RTE_ETH_RX_OFFLOAD_UDP_CKSUM RTE_BIT64(2)
#define RTE_ETH_RX_OFFLOAD_TCP_CKSUM RTE_BIT64(3)
#define RTE_ETH_RX_OFFLOAD_TCP_LRO RTE_BIT64(4)
#define RTE_ETH_RX_OFFLOAD_QINQ_STRIP RTE_BIT64(5)
#define RTE_ETH_RX_OFFLOAD_OUTER_IPV4_CKSUM RTE_BIT64(6)
#define RTE_ETH_RX_OFFLOAD_MACSEC_STRIP RTE_BIT64(7)
#define RTE_ETH_RX_OFFLOAD_VLAN_FILTER RTE_BIT64(9)
#define RTE_ETH_RX_OFFLOAD_VLAN_EXTEND RTE_BIT64(10)
#define RTE_ETH_RX_OFFLOAD_SCATTER RTE_BIT64(13)
#define RTE_ETH_RX_OFFLOAD_TIMESTAMP RTE_BIT64(14)
#define RTE_ETH_RX_OFFLOAD_SECURITY RTE_BIT64(15)
#define RTE_ETH_RX_OFFLOAD_KEEP_CRC RTE_BIT64(16)
#define RTE_ETH_RX_OFFLOAD_SCTP_CKSUM RTE_BIT64(17)
#define RTE_ETH_RX_OFFLOAD_OUTER_UDP_CKSUM RTE_BIT64(18)
#define RTE_ETH_RX_OFFLOAD_RSS_HASH RTE_BIT64(19)
#define RTE_ETH_RX_OFFLOAD_BUFFER_SPLIT RTE_BIT64(20)
/** the three checksum checks together */
#define RTE_ETH_RX_OFFLOAD_CHECKSUM (RTE_ETH_RX_OFFLOAD_IPV4_CKSUM | \
	RTE_ETH_RX_OFFLOAD_UDP_CKSUM | RTE_ETH_RX_OFFLOAD_TCP_CKSUM)
/** every VLAN receive offload */
#define RTE_ETH_RX_OFFLOAD_VLAN (RTE_ETH_RX_OFFLOAD_VLAN_STRIP | \
	RTE_ETH_RX_OFFLOAD_VLAN_FILTER | RTE_ETH_RX_OFFLOAD_VLAN_EXTEND | \
	RTE_ETH_RX_OFFLOAD_QINQ_STRIP)
/**@}*/

/** @name Transmit offload bits (rte_eth_txmode.offloads, capabilities) */
/**@{*/
#define RTE_ETH_TX_OFFLOAD_VLAN_INSERT RTE_BIT64(0)
#define RTE_ETH_TX_OFFLOAD_IPV4_CKSUM RTE_BIT64(1)
#define RTE_ETH_TX_OFFLOAD_UDP_CKSUM RTE_BIT64(2)
#define RTE_ETH_TX_OFFLOAD_TCP_CKSUM RTE_BIT64(3)
#define RTE_ETH_TX_OFFLOAD_SCTP_CKSUM RTE_BIT64(4)
#define RTE_ETH_TX_OFFLOAD_TCP_TSO RTE_BIT64(5)
#define RTE_ETH_TX_OFFLOAD_UDP_TSO RTE_BIT64(6)
#define RTE_ETH_TX_OFFLOAD_OUTER_IPV4_CKSUM RTE_BIT64(7)
#define RTE_ETH_TX_OFFLOAD_QINQ_INSERT RTE_BIT64(8)
#define RTE_ETH_TX_OFFLOAD_VXLAN_TNL_TSO RTE_BIT64(9)
#define RTE_ETH_TX_OFFLOAD_GRE_TNL_TSO RTE_BIT64(10)
#define RTE_ETH_TX_OFFLOAD_IPIP_TNL_TSO RTE_BIT64(11)
#define RTE_ETH_TX_OFFLOAD_GENEVE_TNL_TSO RTE_BIT64(12)
#define RTE_ETH_TX_OFFLOAD_MACSEC_INSERT RTE_BIT64(13)
#define RTE_ETH_TX_OFFLOAD_MT_LOCKFREE RTE_BIT64(14)
#define RTE_ETH_TX_OFFLOAD_MULTI_SEGS RTE_BIT64(15)
#define RTE_ETH_TX_OFFLOAD_MBUF_FAST_FREE RTE_BIT64(16)
#define RTE_ETH_TX_OFFLOAD_SECURITY RTE_BIT64(17)
#define RTE_ETH_TX_OFFLOAD_UDP_TNL_TSO RTE_BIT64(18)
#define RTE_ETH_TX_OFFLOAD_IP_TNL_TSO RTE_BIT64(19)
#define RTE_ETH_TX_OFFLOAD_OUTER_UDP_CKSUM RTE_BIT64(20)
#define RTE_ETH_TX_OFFLOAD_SEND_ON_TIMESTAMP RTE_BIT64(21)
/**@}*/

/** @name Port flags (*rte_eth_dev_info.dev_flags) */
/**@{*/
#define RTE_ETH_DEV_FLOW_OPS_THREAD_SAFE RTE_BIT32(0) /**< flow API locks */
#define RTE_ETH_DEV_INTR_LSC RTE_BIT32(1)   /**< raises link change events */
#define RTE_ETH_DEV_BONDED_SLAVE RTE_BIT32(2) /**< member of a bond */
#define RTE_ETH_DEV_INTR_RMV RTE_BIT32(3)   /**< raises removal events */
#define RTE_ETH_DEV_REPRESENTOR RTE_BIT32(4) /**< port representor */
#define RTE_ETH_DEV_NOLIVE_MAC_ADDR RTE_BIT32(5) /**< MAC set when stopped */
#define RTE_ETH_DEV_AUTOFILL_QUEUE_XSTATS RTE_BIT32(6) /**< queue xstats */
/**@}*/

/** @name Device capabilities (rte_eth_dev_info.dev_capa) */
/**@{*/
#define RTE_ETH_DEV_CAPA_RUNTIME_RX_QUEUE_SETUP RTE_BIT64(0)
#define RTE_ETH_DEV_CAPA_RUNTIME_TX_QUEUE_SETUP RTE_BIT64(1)
#define RTE_ETH_DEV_CAPA_RXQ_SHARE RTE_BIT64(2)
#define RTE_ETH_DEV_CAPA_FLOW_RULE_KEEP RTE_BIT64(3)
#define RTE_ETH_DEV_CAPA_FLOW_SHARED_OBJECT_KEEP RTE_BIT64(4)
/**@}*/

/** Receive settings of a port. */
struct rte_eth_rxmode {
	enum rte_eth_rx_mq_mode mq_mode; /**< multi-queue mode */
	uint32_t mtu;                    /**< MTU, 0 for the default */
	uint32_t max_lro_pkt_size;       /**< largest LRO aggregate */
	uint16_t split_hdr_size;         /**< unused */
	uint64_t offloads;               /**< RTE_ETH_RX_OFFLOAD_* */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** Transmit settings of a port. */
struct rte_eth_txmode {
	enum rte_eth_tx_mq_mode mq_mode; /**< multi-queue mode */
	uint64_t offloads;               /**< RTE_ETH_TX_OFFLOAD_* */
	uint16_t pvid;                   /**< port VLAN id */
	uint8_t hw_vlan_reject_tagged : 1;
	uint8_t hw_vlan_reject_untagged : 1;
	uint8_t hw_vlan_insert_pvid : 1;
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** RSS settings. */
struct rte_eth_rss_conf {
	uint8_t *rss_key;    /**< hash key, NULL for the default */
	uint8_t rss_key_len; /**< its length */
	uint64_t rss_hf;     /**< RTE_ETH_RSS_* */
};

/** Interrupt settings. */
struct rte_eth_intr_conf {
	uint32_t lsc : 1; /**< link state change interrupt */
	uint32_t rxq : 1; /**< receive queue interrupts */
	uint32_t rmv : 1; /**< device removal interrupt */
};

/** Configuration of a port, given to rte_eth_dev_configure(). */
struct rte_eth_conf {
	uint32_t link_speeds;          /**< RTE_ETH_LINK_SPEED_* */
	struct rte_eth_rxmode rxmode;  /**< receive settings */
	struct rte_eth_txmode txmode;  /**< transmit settings */
	uint32_t lpbk_mode;            /**< loopback mode, 0 for none */
	struct {
		struct rte_eth_rss_conf rss_conf; /**< RSS */
	} rx_adv_conf;                 /**< advanced receive settings */
	uint32_t dcb_capability_en;    /**< DCB capabilities */
	struct rte_eth_intr_conf intr_conf; /**< interrupts */
};

/** Queue thresholds. */
struct rte_eth_thresh {
	uint8_t pthresh; /**< prefetch */
	uint8_t hthresh; /**< host */
	uint8_t wthresh; /**< write-back */
};

/** Receive queue settings. */
struct rte_eth_rxconf {
	struct rte_eth_thresh rx_thresh; /**< thresholds */
	uint16_t rx_free_thresh;   /**< free descriptors in batches of this */
	uint8_t rx_drop_en;        /**< drop when no descriptor is free */
	uint8_t rx_deferred_start; /**< do not start with the port */
	uint16_t rx_nseg;          /**< buffer split segments, 0 for none */
	uint16_t share_group;      /**< shared queue group, 0 for none */
	uint16_t share_qid;        /**< queue id in the shared group */
	uint64_t offloads;         /**< RTE_ETH_RX_OFFLOAD_* */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** Transmit queue settings. */
struct rte_eth_txconf {
	struct rte_eth_thresh tx_thresh; /**< thresholds */
	uint16_t tx_rs_thresh;     /**< report status every this many */
	uint16_t tx_free_thresh;   /**< free sent buffers past this */
	uint8_t tx_deferred_start; /**< do not start with the port */
	uint64_t offloads;         /**< RTE_ETH_TX_OFFLOAD_* */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** Descriptor count limits of a queue. */
struct rte_eth_desc_lim {
	uint16_t nb_max;         /**< most descriptors */
	uint16_t nb_min;         /**< fewest descriptors */
	uint16_t nb_align;       /**< count must be a multiple of this */
	uint16_t nb_seg_max;     /**< most segments per packet */
	uint16_t nb_mtu_seg_max; /**< most segments per MTU-sized packet */
};

/** Preferred settings of a port's queues (0 when it has none). */
struct rte_eth_dev_portconf {
	uint16_t burst_size; /**< burst size */
	uint16_t ring_size;  /**< descriptors per queue */
	uint16_t nb_queues;  /**< number of queues */
};

/** Switch domain of a port. */
struct rte_eth_switch_info {
	const char *name;   /**< switch name */
	uint16_t domain_id; /**< switch domain */
	uint16_t port_id;   /**< port in the domain */
	uint16_t rx_domain; /**< shared receive queue domain */
};

/** What a port can do, from rte_eth_dev_info_get(). */
struct rte_eth_dev_info {
	struct rte_device *device;   /**< the generic device */
	const char *driver_name;     /**< driver name */
	unsigned int if_index;       /**< kernel interface index, or 0 */
	uint16_t min_mtu;            /**< smallest MTU */
	uint16_t max_mtu;            /**< largest MTU */
	const uint32_t *dev_flags;   /**< RTE_ETH_DEV_* flags */
	uint32_t min_rx_bufsize;     /**< smallest receive buffer */
	uint32_t max_rx_pktlen;      /**< largest received packet */
	uint32_t max_lro_pkt_size;   /**< largest LRO aggregate */
	uint16_t max_rx_queues;      /**< most receive queues */
	uint16_t max_tx_queues;      /**< most transmit queues */
	uint32_t max_mac_addrs;      /**< most MAC addresses */
	uint32_t max_hash_mac_addrs; /**< most hashed MAC addresses */
	uint16_t max_vfs;            /**< most virtual functions */
	uint16_t max_vmdq_pools;     /**< most VMDq pools */
	uint64_t rx_offload_capa;    /**< port receive offloads */
	uint64_t tx_offload_capa;    /**< port transmit offloads */
	uint64_t rx_queue_offload_capa; /**< per-queue receive offloads */
	uint64_t tx_queue_offload_capa; /**< per-queue transmit offloads */
	uint16_t reta_size;          /**< RSS redirection table size */
	uint8_t hash_key_size;       /**< RSS key size */
	uint64_t flow_type_rss_offloads; /**< RSS hash types supported */
	struct rte_eth_rxconf default_rxconf; /**< default queue settings */
	struct rte_eth_txconf default_txconf; /**< default queue settings */
	uint16_t vmdq_queue_base;    /**< first VMDq queue */
	uint16_t vmdq_queue_num;     /**< VMDq queues */
	uint16_t vmdq_pool_base;     /**< first VMDq pool */
	struct rte_eth_desc_lim rx_desc_lim; /**< receive ring limits */
	struct rte_eth_desc_lim tx_desc_lim; /**< transmit ring limits */
	uint32_t speed_capa;         /**< RTE_ETH_LINK_SPEED_* */
	uint16_t nb_rx_queues;       /**< configured receive queues */
	uint16_t nb_tx_queues;       /**< configured transmit queues */
	struct rte_eth_dev_portconf default_rxportconf; /**< preferences */
	struct rte_eth_dev_portconf default_txportconf; /**< preferences */
	uint64_t dev_capa;           /**< RTE_ETH_DEV_CAPA_* */
	uint16_t max_rx_mempools;    /**< pools per receive queue, 0: one */
	struct rte_eth_switch_info switch_info; /**< switch domain */
	uint64_t reserved_64s[2];
	void *reserved_ptrs[2];
};

/** Port id iteration helpers; see RTE_ETH_FOREACH_DEV. */
uint64_t rte_eth_find_next_owned_by(uint16_t port_id,
		const uint64_t owner_id);

/**
 * The first valid port at or after port_id.
 *
 * @param port_id
 *   Where to start.
 * @return
 *   A port id, or RTE_MAX_ETHPORTS when there is none.
 */
uint16_t rte_eth_find_next(uint16_t port_id);

/** Iterate over every usable port. */
#define RTE_ETH_FOREACH_DEV(p) \
	for (p = rte_eth_find_next_owned_by(0, RTE_ETH_DEV_NO_OWNER); \
		p < RTE_MAX_ETHPORTS; \
		p = rte_eth_find_next_owned_by(p + 1, RTE_ETH_DEV_NO_OWNER))

/**
 * Number of usable ports.
 *
 * @return
 *   The count.
 */
uint16_t rte_eth_dev_count_avail(void);

/**
 * Number of allocated ports, usable or not.
 *
 * @return
 *   The count.
 */
uint16_t rte_eth_dev_count_total(void);

/**
 * Test a port id.
 *
 * @param port_id
 *   The port.
 * @return
 *   1 if it names an allocated port, 0 otherwise.
 */
int rte_eth_dev_is_valid_port(uint16_t port_id);

/**
 * Port id of a port name.
 *
 * @param name
 *   Port (device) name.
 * @param port_id
 *   Where to store the id.
 * @return
 *   0 on success, -EINVAL, -ENODEV when no port has that name.
 */
int rte_eth_dev_get_port_by_name(const char *name, uint16_t *port_id);

/**
 * Name of a port.
 *
 * @param port_id
 *   The port.
 * @param name
 *   Buffer of RTE_ETH_NAME_MAX_LEN bytes.
 * @return
 *   0 on success, -ENODEV, -EINVAL.
 */
int rte_eth_dev_get_name_by_port(uint16_t port_id, char *name);

/**
 * NUMA socket of a port.
 *
 * @param port_id
 *   The port.
 * @return
 *   The socket, SOCKET_ID_ANY (-1) when unknown or the port is invalid
 *   (rte_errno then EINVAL).
 */
int rte_eth_dev_socket_id(uint16_t port_id);

/**
 * Capabilities and limits of a port.
 *
 * @param port_id
 *   The port.
 * @param dev_info
 *   Filled in.
 * @return
 *   0 on success, -ENODEV, -EINVAL, or the driver's error.
 */
int rte_eth_dev_info_get(uint16_t port_id, struct rte_eth_dev_info *dev_info);

/**
 * Configure a stopped port: queue counts and port settings. Queues set
 * up earlier are released.
 *
 * @param port_id
 *   The port.
 * @param nb_rx_queue
 *   Receive queues.
 * @param nb_tx_queue
 *   Transmit queues.
 * @param eth_conf
 *   Settings.
 * @return
 *   0 on success, -ENODEV, -EINVAL (counts beyond the limits, offloads not
 *   supported), -EBUSY if started, or the driver's error.
 */
int rte_eth_dev_configure(uint16_t port_id, uint16_t nb_rx_queue,
		uint16_t nb_tx_queue, const struct rte_eth_conf *eth_conf);

/**
 * Clamp descriptor counts to the limits of a port.
 *
 * @param port_id
 *   The port.
 * @param nb_rx_desc
 *   Receive descriptors, updated.
 * @param nb_tx_desc
 *   Transmit descriptors, updated.
 * @return
 *   0 on success, -ENODEV, -EINVAL.
 */
int rte_eth_dev_adjust_nb_rx_tx_desc(uint16_t port_id, uint16_t *nb_rx_desc,
		uint16_t *nb_tx_desc);

/**
 * Set up a receive queue of a configured, stopped port.
 *
 * @param port_id
 *   The port.
 * @param rx_queue_id
 *   Queue index, below the configured count.
 * @param nb_rx_desc
 *   Ring size, 0 for the driver's default.
 * @param socket_id
 *   NUMA socket of the ring.
 * @param rx_conf
 *   Settings, or NULL for the driver's defaults.
 * @param mb_pool
 *   Pool received packets are allocated from.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -EBUSY, -ENOMEM, or the driver's error.
 */
int rte_eth_rx_queue_setup(uint16_t port_id, uint16_t rx_queue_id,
		uint16_t nb_rx_desc, unsigned int socket_id,
		const struct rte_eth_rxconf *rx_conf,
		struct rte_mempool *mb_pool);

/**
 * Set up a transmit queue of a configured, stopped port.
 *
 * @param port_id
 *   The port.
 * @param tx_queue_id
 *   Queue index, below the configured count.
 * @param nb_tx_desc
 *   Ring size, 0 for the driver's default.
 * @param socket_id
 *   NUMA socket of the ring.
 * @param tx_conf
 *   Settings, or NULL for the driver's defaults.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -EBUSY, -ENOMEM, or the driver's error.
 */
int rte_eth_tx_queue_setup(uint16_t port_id, uint16_t tx_queue_id,
		uint16_t nb_tx_desc, unsigned int socket_id,
		const struct rte_eth_txconf *tx_conf);

/**
 * Start a configured port whose queues are all set up.
 *
 * @param port_id
 *   The port.
 * @return
 *   0 on success (also when already started), -ENODEV, -EINVAL if not
 *   configured or a queue is missing, or the driver's error.
 */
int rte_eth_dev_start(uint16_t port_id);

/**
 * Stop a port; its bursts then move nothing.
 *
 * @param port_id
 *   The port.
 * @return
 *   0 on success (also when already stopped), -ENODEV, or the driver's
 *   error.
 */
int rte_eth_dev_stop(uint16_t port_id);

/**
 * Close a stopped port and release it; the port id becomes invalid.
 *
 * @param port_id
 *   The port.
 * @return
 *   0 on success, -ENODEV, -EBUSY if started.
 */
int rte_eth_dev_close(uint16_t port_id);

/** Set the link up. @return 0, -ENODEV, -ENOTSUP. */
int rte_eth_dev_set_link_up(uint16_t port_id);

/** Set the link down. @return 0, -ENODEV, -ENOTSUP. */
int rte_eth_dev_set_link_down(uint16_t port_id);

/**
 * Read the basic statistics of a port.
 *
 * @param port_id
 *   The port.
 * @param stats
 *   Filled in.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -ENOTSUP.
 */
int rte_eth_stats_get(uint16_t port_id, struct rte_eth_stats *stats);

/**
 * Reset the statistics of a port.
 *
 * @param port_id
 *   The port.
 * @return
 *   0 on success, -ENODEV, -ENOTSUP.
 */
int rte_eth_stats_reset(uint16_t port_id);

/**
 * Names of the extended statistics of a port: the basic statistics,
 * then the driver's own.
 *
 * @param port_id
 *   The port.
 * @param xstats_names
 *   Array to fill, or NULL to ask for the count.
 * @param size
 *   Its size.
 * @return
 *   The number of statistics (when larger than size, nothing is filled),
 *   or -ENODEV.
 */
int rte_eth_xstats_get_names(uint16_t port_id,
		struct rte_eth_xstat_name *xstats_names, unsigned int size);

/**
 * Values of the extended statistics, in the order of their names.
 *
 * @param port_id
 *   The port.
 * @param xstats
 *   Array to fill, or NULL to ask for the count.
 * @param n
 *   Its size.
 * @return
 *   The number of statistics (when larger than n, nothing is filled), or
 *   -ENODEV.
 */
int rte_eth_xstats_get(uint16_t port_id, struct rte_eth_xstat *xstats,
		unsigned int n);

/**
 * Reset the extended (and basic) statistics.
 *
 * @param port_id
 *   The port.
 * @return
 *   0 on success, -ENODEV, -ENOTSUP.
 */
int rte_eth_xstats_reset(uint16_t port_id);

/**
 * Receive all packets whatever their destination address.
 *
 * @param port_id
 *   The port.
 * @return
 *   0 on success, -ENODEV, -ENOTSUP, or the driver's error.
 */
int rte_eth_promiscuous_enable(uint16_t port_id);

/** Leave promiscuous mode. @return 0, -ENODEV, -ENOTSUP. */
int rte_eth_promiscuous_disable(uint16_t port_id);

/**
 * Promiscuous mode of a port.
 *
 * @param port_id
 *   The port.
 * @return
 *   1 when on, 0 when off, -1 for an invalid port.
 */
int rte_eth_promiscuous_get(uint16_t port_id);

/** Receive all multicast packets. @return 0, -ENODEV, -ENOTSUP. */
int rte_eth_allmulticast_enable(uint16_t port_id);

/** Stop receiving all multicast. @return 0, -ENODEV, -ENOTSUP. */
int rte_eth_allmulticast_disable(uint16_t port_id);

/** All-multicast mode: 1 on, 0 off, -1 for an invalid port. */
int rte_eth_allmulticast_get(uint16_t port_id);

/**
 * Primary MAC address of a port.
 *
 * @param port_id
 *   The port.
 * @param mac_addr
 *   Filled in.
 * @return
 *   0 on success, -ENODEV, -EINVAL.
 */
int rte_eth_macaddr_get(uint16_t port_id, struct rte_ether_addr *mac_addr);

/**
 * Change the primary MAC address.
 *
 * @param port_id
 *   The port.
 * @param mac_addr
 *   New address.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -ENOTSUP.
 */
int rte_eth_dev_default_mac_addr_set(uint16_t port_id,
		struct rte_ether_addr *mac_addr);

/**
 * Link state, waiting up to 9 s for the link to come up.
 *
 * @param port_id
 *   The port.
 * @param link
 *   Filled in.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -ENOTSUP.
 */
int rte_eth_link_get(uint16_t port_id, struct rte_eth_link *link);

/**
 * Link state, without waiting.
 *
 * @param port_id
 *   The port.
 * @param link
 *   Filled in.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -ENOTSUP.
 */
int rte_eth_link_get_nowait(uint16_t port_id, struct rte_eth_link *link);

/**
 * Name of a link speed ("10 Gbps", "None", "Unknown").
 *
 * @param link_speed
 *   RTE_ETH_SPEED_NUM_*.
 * @return
 *   A static string.
 */
const char *rte_eth_link_speed_to_str(uint32_t link_speed);

/**
 * Describe a link ("Link up at 10 Gbps FDX Autoneg").
 *
 * @param str
 *   Buffer.
 * @param len
 *   Its size.
 * @param eth_link
 *   The link.
 * @return
 *   Characters written, or -EINVAL.
 */
int rte_eth_link_to_str(char *str, size_t len,
		const struct rte_eth_link *eth_link);

/**
 * MTU of a port.
 *
 * @param port_id
 *   The port.
 * @param mtu
 *   Filled in.
 * @return
 *   0 on success, -ENODEV, -EINVAL.
 */
int rte_eth_dev_get_mtu(uint16_t port_id, uint16_t *mtu);

/**
 * Change the MTU of a port.
 *
 * @param port_id
 *   The port.
 * @param mtu
 *   New MTU, within the port's limits.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -ENOTSUP.
 */
int rte_eth_dev_set_mtu(uint16_t port_id, uint16_t mtu);

/* ---------------------------------------------------------------------
 * events, per-queue start/stop, packet types, rx/tx callbacks
 * --------------------------------------------------------------------- */

/** Port id meaning "every port", for rte_eth_dev_callback_register(). */
#define RTE_ETH_ALL RTE_MAX_ETHPORTS

/** Events a port reports to rte_eth_dev_callback_register() callbacks. */
enum rte_eth_event_type {
	RTE_ETH_EVENT_UNKNOWN,     /**< unknown */
	RTE_ETH_EVENT_INTR_LSC,    /**< link status changed */
	RTE_ETH_EVENT_QUEUE_STATE, /**< queue state changed */
	RTE_ETH_EVENT_INTR_RESET,  /**< device reset asked */
	RTE_ETH_EVENT_VF_MBOX,     /**< message from a VF */
	RTE_ETH_EVENT_MACSEC,      /**< MACsec offload event */
	RTE_ETH_EVENT_INTR_RMV,    /**< device removed */
	RTE_ETH_EVENT_NEW,         /**< port probed */
	RTE_ETH_EVENT_DESTROY,     /**< port released */
	RTE_ETH_EVENT_IPSEC,       /**< IPsec offload event */
	RTE_ETH_EVENT_FLOW_AGED,   /**< flows aged out */
	RTE_ETH_EVENT_RX_AVAIL_THRESH, /**< receive threshold reached */
	RTE_ETH_EVENT_MAX          /**< count of events */
};

/**
 * Event callback: port, event, its registration argument and an event
 * argument (NULL for the events of this library's drivers).
 */
typedef int (*rte_eth_dev_cb_fn)(uint16_t port_id,
		enum rte_eth_event_type event, void *cb_arg, void *ret_param);

/**
 * Call cb_fn(port, event, cb_arg, ret_param) whenever a port reports the
 * event. Callbacks run on the thread that raises the event (the
 * control thread calling rte_eth_dev_set_link_up() for a virtual
 * device's link change, the probing thread for RTE_ETH_EVENT_NEW).
 * A callback of one port goes away with the port; one registered for
 * RTE_ETH_ALL also sees ports made later.
 *
 * @param port_id
 *   The port, or RTE_ETH_ALL.
 * @param event
 *   The event.
 * @param cb_fn
 *   The callback.
 * @param cb_arg
 *   Its argument.
 * @return
 *   0 on success (also when the same callback is registered already),
 *   -EINVAL, -ENODEV, -ENOMEM.
 */
int rte_eth_dev_callback_register(uint16_t port_id,
		enum rte_eth_event_type event, rte_eth_dev_cb_fn cb_fn,
		void *cb_arg);

/**
 * Remove event callbacks; a cb_arg of (void *)-1 matches any argument.
 *
 * @return
 *   0 on success (also when nothing matched), -EINVAL, -ENODEV, -EAGAIN
 *   while a matching callback runs.
 */
int rte_eth_dev_callback_unregister(uint16_t port_id,
		enum rte_eth_event_type event, rte_eth_dev_cb_fn cb_fn,
		void *cb_arg);

/**
 * Start one receive queue of a started port (one set up with
 * rx_deferred_start, or stopped by rte_eth_dev_rx_queue_stop()).
 *
 * @return
 *   0 on success (also if it runs already), -ENODEV, -EINVAL (bad queue,
 *   port not started, queue not set up), -ENOTSUP (driver cannot).
 */
int rte_eth_dev_rx_queue_start(uint16_t port_id, uint16_t rx_queue_id);

/**
 * Stop one receive queue: its bursts then return no packet.
 *
 * @return
 *   0 on success (also if stopped already), -ENODEV, -EINVAL, -ENOTSUP.
 */
int rte_eth_dev_rx_queue_stop(uint16_t port_id, uint16_t rx_queue_id);

/** Transmit counterpart of rte_eth_dev_rx_queue_start(). */
int rte_eth_dev_tx_queue_start(uint16_t port_id, uint16_t tx_queue_id);

/** Transmit counterpart of rte_eth_dev_rx_queue_stop(). */
int rte_eth_dev_tx_queue_stop(uint16_t port_id, uint16_t tx_queue_id);

/**
 * Packet types the receive path of a port recognises (and writes to
 * mbuf->packet_type), limited to ptype_mask.
 *
 * @param port_id
 *   The port.
 * @param ptype_mask
 *   RTE_PTYPE_*_MASK bits of the layers asked about.
 * @param ptypes
 *   Array to fill, may be NULL when num is 0.
 * @param num
 *   Its size.
 * @return
 *   The number of matching types (more than num: only num written),
 *   -ENODEV, -EINVAL, -ENOTSUP when the driver does not say.
 */
int rte_eth_dev_get_supported_ptypes(uint16_t port_id, uint32_t ptype_mask,
		uint32_t *ptypes, int num);

/**
 * Tell a port which packet types the application needs recognised, so
 * that it may skip the others. A driver that cannot choose keeps what
 * it does and the call succeeds with set_ptypes[0] = RTE_PTYPE_UNKNOWN.
 *
 * @param port_id
 *   The port.
 * @param ptype_mask
 *   RTE_PTYPE_*_MASK bits wanted, 0 for none.
 * @param set_ptypes
 *   Filled with the types now recognised, RTE_PTYPE_UNKNOWN last; may be
 *   NULL when num is 0.
 * @param num
 *   Its size.
 * @return
 *   0 on success, -ENODEV, -EINVAL, or the driver's error.
 */
int rte_eth_dev_set_ptypes(uint16_t port_id, uint32_t ptype_mask,
		uint32_t *set_ptypes, unsigned int num);

/**
 * Read the clock of a port, in the unit of the timestamps it puts in
 * received mbufs (RTE_ETH_RX_OFFLOAD_TIMESTAMP).
 *
 * @param port_id
 *   The port.
 * @param clock
 *   Filled in.
 * @return
 *   0 on success, -ENODEV, -EINVAL, -ENOTSUP when the device has no clock
 *   (the case of every driver here: none timestamps packets).
 */
int rte_eth_read_clock(uint16_t port_id, uint64_t *clock);

/** A registered rx or tx callback (opaque). */
struct rte_eth_rxtx_callback;

/**
 * Receive callback: runs after the driver filled pkts[0..nb_pkts-1] (of
 * max_pkts room) and returns how many packets the application gets.
 */
typedef uint16_t (*rte_rx_callback_fn)(uint16_t port_id, uint16_t queue,
		struct rte_mbuf *pkts[], uint16_t nb_pkts, uint16_t max_pkts,
		void *user_param);

/**
 * Transmit callback: runs before the driver sees pkts[0..nb_pkts-1] and
 * returns how many of them go on to the driver.
 */
typedef uint16_t (*rte_tx_callback_fn)(uint16_t port_id, uint16_t queue,
		struct rte_mbuf *pkts[], uint16_t nb_pkts, void *user_param);

/**
 * Run fn on every burst received from a queue, after the callbacks
 * added before it. Safe while the port forwards: the lcore polling the
 * queue sees the callback from its next burst.
 *
 * @param port_id
 *   The port.
 * @param queue_id
 *   Receive queue, below the configured count.
 * @param fn
 *   The callback.
 * @param user_param
 *   Its last argument.
 * @return
 *   A handle for rte_eth_remove_rx_callback(), or NULL with rte_errno
 *   EINVAL, ENODEV or ENOMEM.
 */
const struct rte_eth_rxtx_callback *
rte_eth_add_rx_callback(uint16_t port_id, uint16_t queue_id,
		rte_rx_callback_fn fn, void *user_param);

/** Like rte_eth_add_rx_callback(), but the callback runs first. */
const struct rte_eth_rxtx_callback *
rte_eth_add_first_rx_callback(uint16_t port_id, uint16_t queue_id,
		rte_rx_callback_fn fn, void *user_param);

/** Transmit counterpart of rte_eth_add_rx_callback(). */
const struct rte_eth_rxtx_callback *
rte_eth_add_tx_callback(uint16_t port_id, uint16_t queue_id,
		rte_tx_callback_fn fn, void *user_param);

/**
 * Stop running a receive callback. A burst already inside it may still
 * finish it; its memory is kept until the port is released, so that
 * burst never reads freed memory.
 *
 * @return
 *   0 on success, -ENODEV, -EINVAL (not a callback of that queue).
 */
int rte_eth_remove_rx_callback(uint16_t port_id, uint16_t queue_id,
		const struct rte_eth_rxtx_callback *user_cb);

/** Transmit counterpart of rte_eth_remove_rx_callback(). */
int rte_eth_remove_tx_callback(uint16_t port_id, uint16_t queue_id,
		const struct rte_eth_rxtx_callback *user_cb);

/**
 * Run the receive callbacks of a queue (called by rte_eth_rx_burst()
 * when the port has any; opaque is the queue's list).
 *
 * @return
 *   Packets left for the application.
 */
uint16_t rte_eth_call_rx_callbacks(uint16_t port_id, uint16_t queue_id,
		struct rte_mbuf **rx_pkts, uint16_t nb_rx, uint16_t nb_pkts,
		void *opaque);

/**
 * Run the transmit callbacks of a queue (called by rte_eth_tx_burst()).
 *
 * @return
 *   Packets to hand to the driver.
 */
uint16_t rte_eth_call_tx_callbacks(uint16_t port_id, uint16_t queue_id,
		struct rte_mbuf **tx_pkts, uint16_t nb_pkts, void *opaque);

/**
 * Receive a burst of packets. Returns 0 on a stopped port. The port and
 * queue ids are not checked: the caller must pass valid ones.
 *
 * @param port_id
 *   The port.
 * @param queue_id
 *   Receive queue.
 * @param rx_pkts
 *   Array that receives the packets.
 * @param nb_pkts
 *   Its size.
 * @return
 *   Packets received.
 */
static inline uint16_t
rte_eth_rx_burst(uint16_t port_id, uint16_t queue_id,
		struct rte_mbuf **rx_pkts, const uint16_t nb_pkts)
{
	const struct rte_eth_fp_ops *p = &rte_eth_fp_ops[port_id];
	void **cbs;
	uint16_t nb_rx;

	nb_rx = p->rx_pkt_burst(p->rxq.data[queue_id], rx_pkts, nb_pkts);
	/* NULL unless an rx callback was ever added to the port */
	cbs = __atomic_load_n(&p->rxq.clbk, __ATOMIC_ACQUIRE);
	if (unlikely(cbs != NULL))
		nb_rx = rte_eth_call_rx_callbacks(port_id, queue_id, rx_pkts,
			nb_rx, nb_pkts, cbs[queue_id]);
	return nb_rx;
}

/**
 * Send a burst of packets. Packets not sent stay the caller's. Returns 0
 * on a stopped port. Ids are not checked.
 *
 * @param port_id
 *   The port.
 * @param queue_id
 *   Transmit queue.
 * @param tx_pkts
 *   Packets to send.
 * @param nb_pkts
 *   Their number.
 * @return
 *   Packets taken by the driver (the first ones of the array).
 */
static inline uint16_t
rte_eth_tx_burst(uint16_t port_id, uint16_t queue_id,
		struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	const struct rte_eth_fp_ops *p = &rte_eth_fp_ops[port_id];
	void **cbs;

	/* NULL unless a tx callback was ever added to the port */
	cbs = __atomic_load_n(&p->txq.clbk, __ATOMIC_ACQUIRE);
	if (unlikely(cbs != NULL))
		nb_pkts = rte_eth_call_tx_callbacks(port_id, queue_id, tx_pkts,
			nb_pkts, cbs[queue_id]);
	return p->tx_pkt_burst(p->txq.data[queue_id], tx_pkts, nb_pkts);
}

/**
 * Check packets before rte_eth_tx_burst() (offload fix-ups). Drivers
 * without such needs accept every packet.
 *
 * @return
 *   Number of packets ready to send.
 */
static inline uint16_t
rte_eth_tx_prepare(uint16_t port_id, uint16_t queue_id,
		struct rte_mbuf **tx_pkts, uint16_t nb_pkts)
{
	const struct rte_eth_fp_ops *p = &rte_eth_fp_ops[port_id];

	if (p->tx_pkt_prepare == NULL)
		return nb_pkts;
	return p->tx_pkt_prepare(p->txq.data[queue_id], tx_pkts, nb_pkts);
}

/** Called with the packets a buffered flush could not send. */
typedef void (*buffer_tx_error_fn)(struct rte_mbuf **unsent, uint16_t count,
		void *userdata);

/** A transmit buffer: packets gathered before one burst. */
struct rte_eth_dev_tx_buffer {
	buffer_tx_error_fn error_callback; /**< gets unsent packets */
	void *error_userdata;              /**< its argument */
	uint16_t size;                     /**< capacity */
	uint16_t length;                   /**< packets held */
	struct rte_mbuf *pkts[];           /**< the packets */
};

/** Bytes needed by a transmit buffer of sz packets. */
#define RTE_ETH_TX_BUFFER_SIZE(sz) \
	(sizeof(struct rte_eth_dev_tx_buffer) + \
		(sz) * sizeof(struct rte_mbuf *))

/**
 * Initialise a transmit buffer; unsent packets are freed by default.
 *
 * @param buffer
 *   Memory of RTE_ETH_TX_BUFFER_SIZE(size) bytes.
 * @param size
 *   Capacity, not 0.
 * @return
 *   0 on success, -EINVAL.
 */
int rte_eth_tx_buffer_init(struct rte_eth_dev_tx_buffer *buffer,
		uint16_t size);

/**
 * Choose what happens to packets a flush could not send.
 *
 * @return
 *   0 on success, -EINVAL.
 */
int rte_eth_tx_buffer_set_err_callback(struct rte_eth_dev_tx_buffer *buffer,
		buffer_tx_error_fn callback, void *userdata);

/** Error callback that frees the unsent packets (the default). */
void rte_eth_tx_buffer_drop_callback(struct rte_mbuf **pkts, uint16_t unsent,
		void *userdata);

/**
 * Error callback that frees the unsent packets and adds their number to
 * the uint64_t userdata points to.
 */
void rte_eth_tx_buffer_count_callback(struct rte_mbuf **pkts, uint16_t unsent,
		void *userdata);

/**
 * Send the packets held by a buffer.
 *
 * @return
 *   Packets sent; the others went to the error callback.
 */
static inline uint16_t
rte_eth_tx_buffer_flush(uint16_t port_id, uint16_t queue_id,
		struct rte_eth_dev_tx_buffer *buffer)
{
	uint16_t n = buffer->length;
	uint16_t sent;

	if (n == 0)
		return 0;
	sent = rte_eth_tx_burst(port_id, queue_id, buffer->pkts, n);
	buffer->length = 0;
	if (unlikely(sent < n))
		buffer->error_callback(&buffer->pkts[sent], n - sent,
			buffer->error_userdata);
	return sent;
}

/**
 * Add a packet to a buffer, sending the buffer when it fills up.
 *
 * @return
 *   Packets sent by this call (0 unless the buffer filled).
 */
static __rte_always_inline uint16_t
rte_eth_tx_buffer(uint16_t port_id, uint16_t queue_id,
		struct rte_eth_dev_tx_buffer *buffer, struct rte_mbuf *tx_pkt)
{
	buffer->pkts[buffer->length++] = tx_pkt;
	if (buffer->length < buffer->size)
		return 0;
	return rte_eth_tx_buffer_flush(port_id, queue_id, buffer);
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ETHDEV_H_ */
