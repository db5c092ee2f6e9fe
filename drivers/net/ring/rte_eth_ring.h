/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_ETH_RING_H_
#define _RTE_ETH_RING_H_

/**
 * @file
 *
 * net_ring: ports whose queues are rte_rings. A port made with no
 * arguments loops back: transmit queue i and receive queue i share ring i.
 */

#include <rte_ring.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Most receive queues of a ring port. */
#define RTE_PMD_RING_MAX_RX_RINGS 16
/** Most transmit queues of a ring port. */
#define RTE_PMD_RING_MAX_TX_RINGS 16

/**
 * Make a port from existing rings: receive queue i dequeues from
 * rx_queues[i], transmit queue i enqueues to tx_queues[i]. The rings stay
 * the caller's.
 *
 * @param name
 *   Port name; it names the virtual device too, so it must start with
 *   "net_ring" (or the alias "eth_ring") for the bus to pick this driver.
 * @param rx_queues
 *   Receive rings.
 * @param nb_rx_queues
 *   Their number, 1 to RTE_PMD_RING_MAX_RX_RINGS.
 * @param tx_queues
 *   Transmit rings.
 * @param nb_tx_queues
 *   Their number, 1 to RTE_PMD_RING_MAX_TX_RINGS.
 * @param numa_node
 *   NUMA node of the port data.
 * @return
 *   The port id, or -1 with rte_errno set (EINVAL, EEXIST, ENOMEM...).
 */
int rte_eth_from_rings(const char *name, struct rte_ring *const rx_queues[],
		const unsigned int nb_rx_queues,
		struct rte_ring *const tx_queues[],
		const unsigned int nb_tx_queues, const unsigned int numa_node);

/**
 * Make a loopback port from one ring, named after the ring (so the ring
 * name must start with "net_ring", see rte_eth_from_rings()).
 *
 * @param r
 *   The ring, used as the single receive and transmit queue.
 * @return
 *   The port id, or -1 with rte_errno set.
 */
int rte_eth_from_ring(struct rte_ring *r);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ETH_RING_H_ */
