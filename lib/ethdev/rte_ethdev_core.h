/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_ETHDEV_CORE_H_
#define _RTE_ETHDEV_CORE_H_

/**
 * @file
 *
 * The per-port fast-path table the inline rx/tx functions read. Each
 * entry holds the burst functions and the queue pointers of one port;
 * a stopped port's entry points to functions that move nothing, so the
 * inline path needs no lock and no started check.
 */

#include <stdint.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

struct rte_mbuf;

/** Receive up to nb_pkts packets from a queue. */
typedef uint16_t (*eth_rx_burst_t)(void *rxq, struct rte_mbuf **rx_pkts,
		uint16_t nb_pkts);

/** Send up to nb_pkts packets on a queue. */
typedef uint16_t (*eth_tx_burst_t)(void *txq, struct rte_mbuf **tx_pkts,
		uint16_t nb_pkts);

/** Prepare packets for sending (offload fix-ups). */
typedef uint16_t (*eth_tx_prep_t)(void *txq, struct rte_mbuf **tx_pkts,
		uint16_t nb_pkts);

/** Number of used descriptors of a receive queue. */
typedef int (*eth_rx_queue_count_t)(void *rxq);

/** Queue pointers of one direction of a port. */
struct rte_ethdev_qdata {
	void **data; /**< queue private data, indexed by queue id */
	void **clbk; /**< per-queue callback lists, NULL when none */
};

/** Fast-path entry of one port. */
struct rte_eth_fp_ops {
	struct rte_ethdev_qdata rxq;        /**< receive queues */
	eth_rx_burst_t rx_pkt_burst;        /**< receive function */
	eth_rx_queue_count_t rx_queue_count; /**< optional */
	uintptr_t reserved1[3];
	struct rte_ethdev_qdata txq;        /**< transmit queues */
	eth_tx_burst_t tx_pkt_burst;        /**< transmit function */
	eth_tx_prep_t tx_pkt_prepare;       /**< optional */
	uintptr_t reserved2[3];
} __rte_cache_aligned;

/** The fast-path table, one entry per port id. */
extern struct rte_eth_fp_ops rte_eth_fp_ops[RTE_MAX_ETHPORTS];

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ETHDEV_CORE_H_ */
