/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _ETHDEV_PRIVATE_H_
#define _ETHDEV_PRIVATE_H_

/*
 * Shared between the files of librte_ethdev: the slow-path lock, port
 * lookup with the error convention, and fast-path table upkeep.
 */

#include <pthread.h>
#include <stdbool.h>

#include <rte_log.h>

#include "ethdev_driver.h"

#define ETHDEV_LOG(level, ...) RTE_LOG(level, PMD, "ethdev: " __VA_ARGS__)

/* serialises every control-path change of a port slot */
extern pthread_mutex_t eth_dev_lock;

/* the port of a valid id, or NULL with rte_errno = ENODEV */
struct rte_eth_dev *eth_dev_get(uint16_t port_id);

/* sets rte_errno from a negative return and passes it through */
static inline int
eth_err(int ret)
{
	if (ret < 0)
		rte_errno = -ret;
	return ret;
}

/* point the fast path of a port at its queues, or at the idle stubs */
void eth_dev_fp_ops_setup(struct rte_eth_dev *dev);
void eth_dev_fp_ops_reset(uint16_t port_id);

/* burst callback lists of a port for rte_eth_fp_ops, NULL when none */
void **eth_dev_rx_clbk(uint16_t port_id);
void **eth_dev_tx_clbk(uint16_t port_id);

/* queue states as the port starts (on) or stops */
void eth_dev_queue_states_set(struct rte_eth_dev *dev, bool on);

/* forget the callbacks of a port being released */
void eth_dev_rxtx_callbacks_free(uint16_t port_id);
void eth_dev_event_callbacks_free(uint16_t port_id);

#endif /* _ETHDEV_PRIVATE_H_ */
