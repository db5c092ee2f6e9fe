/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ethdev calls typical applications make beyond the basic forwarding
 * loop, over a net_ring loopback port (the row passes --vdev=net_ring0:
 * what queue q sends, queue q receives): name <-> id lookups, device
 * info, descriptor adjustment, event callbacks (link changes, ports
 * made and released), rx/tx burst callbacks (order, effect, removal),
 * per-queue start and stop with deferred start, and packet types.
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"

#define RING_PORT "net_ring0"
#define NB_MBUF 1023
#define BURST 16

static struct rte_mempool *api_pool;
static uint16_t api_port;

static int
api_setup(void)
{
	api_pool = rte_pktmbuf_pool_create("test_api_pool", NB_MBUF, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (api_pool == NULL)
		return TEST_FAILED;
	if (rte_eth_dev_get_port_by_name(RING_PORT, &api_port) != 0) {
		printf("no %s: run with --vdev=%s\n", RING_PORT, RING_PORT);
		return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static void
api_teardown(void)
{
	rte_eth_dev_stop(api_port);
	rte_mempool_free(api_pool);
	api_pool = NULL;
}

/* configure nb_q queue pairs, queue 1 (if any) with deferred rx start */
static int
api_port_up(const struct rte_eth_conf *conf, uint16_t nb_q, int defer)
{
	struct rte_eth_rxconf rxc;
	uint16_t q;

	rte_eth_dev_stop(api_port);
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(api_port, nb_q, nb_q, conf),
		"configure");
	for (q = 0; q < nb_q; q++) {
		memset(&rxc, 0, sizeof(rxc));
		rxc.rx_deferred_start = defer && q == 1;
		TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(api_port, q, 64,
			SOCKET_ID_ANY, &rxc, api_pool), "rx queue %u", q);
		TEST_ASSERT_SUCCESS(rte_eth_tx_queue_setup(api_port, q, 64,
			SOCKET_ID_ANY, NULL), "tx queue %u", q);
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(api_port), "start");
	return TEST_SUCCESS;
}

/* send n fresh mbufs on queue q; returns how many the port took */
static uint16_t
api_send(uint16_t q, uint16_t n)
{
	struct rte_mbuf *m[BURST];
	uint16_t sent;

	if (n > BURST || rte_pktmbuf_alloc_bulk(api_pool, m, n) != 0)
		return 0;
	sent = rte_eth_tx_burst(api_port, q, m, n);
	if (sent < n)
		rte_pktmbuf_free_bulk(&m[sent], n - sent);
	return sent;
}

static uint16_t
api_recv(uint16_t q)
{
	struct rte_mbuf *m[BURST];
	uint16_t n;

	n = rte_eth_rx_burst(api_port, q, m, BURST);
	rte_pktmbuf_free_bulk(m, n);
	return n;
}

static int
test_api_names_and_info(void)
{
	char name[RTE_ETH_NAME_MAX_LEN];
	struct rte_eth_dev_info info;
	struct rte_eth_conf conf = { 0 };
	uint16_t id, rxd = 100, txd = 200;

	TEST_ASSERT_SUCCESS(rte_eth_dev_get_name_by_port(api_port, name),
		"name of port %u", api_port);
	TEST_ASSERT(strcmp(name, RING_PORT) == 0, "name %s", name);
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name(name, &id), "id");
	TEST_ASSERT_EQUAL(id, api_port, "round trip gave %u", id);
	TEST_ASSERT_EQUAL(rte_eth_dev_get_port_by_name("no_such", &id),
		-ENODEV, "unknown name");
	TEST_ASSERT_EQUAL(rte_eth_dev_get_name_by_port(RTE_MAX_ETHPORTS,
		name), -ENODEV, "bad port id");

	TEST_ASSERT_SUCCESS(api_port_up(&conf, 2, 0), "port up");
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(api_port, &info), "info");
	TEST_ASSERT(info.driver_name != NULL &&
		strcmp(info.driver_name, "net_ring") == 0, "driver %s",
		info.driver_name ? info.driver_name : "(null)");
	TEST_ASSERT(info.max_rx_queues >= 2 && info.max_tx_queues >= 2,
		"max queues %u/%u", info.max_rx_queues, info.max_tx_queues);
	TEST_ASSERT_EQUAL(info.nb_rx_queues, 2, "nb_rx_queues");
	TEST_ASSERT(info.dev_flags != NULL &&
		(*info.dev_flags & RTE_ETH_DEV_INTR_LSC), "LSC flag");
	TEST_ASSERT_SUCCESS(rte_eth_dev_adjust_nb_rx_tx_desc(api_port, &rxd,
		&txd), "adjust");
	TEST_ASSERT(rxd >= info.rx_desc_lim.nb_min &&
		rxd <= info.rx_desc_lim.nb_max &&
		txd <= info.tx_desc_lim.nb_max,
		"adjusted %u/%u outside the limits", rxd, txd);
	TEST_ASSERT_EQUAL(rte_eth_dev_adjust_nb_rx_tx_desc(RTE_MAX_ETHPORTS,
		&rxd, &txd), -ENODEV, "adjust on a bad port");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * events
 * --------------------------------------------------------------------- */

struct ev_log {
	unsigned int n[RTE_ETH_EVENT_MAX];
	uint16_t last_port;
};

static int
api_event_cb(uint16_t port_id, enum rte_eth_event_type event, void *cb_arg,
		void *ret_param)
{
	struct ev_log *log = cb_arg;

	RTE_SET_USED(ret_param);
	log->n[event]++;
	log->last_port = port_id;
	return 0;
}

static int
test_api_lsc_events(void)
{
	struct rte_eth_conf conf = { .intr_conf = { .lsc = 1 } };
	struct ev_log log = { 0 };

	TEST_ASSERT_SUCCESS(api_port_up(&conf, 1, 0), "port up with lsc");
	TEST_ASSERT_SUCCESS(rte_eth_dev_callback_register(api_port,
		RTE_ETH_EVENT_INTR_LSC, api_event_cb, &log), "register");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_down(api_port), "down");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_down(api_port), "down");
	TEST_ASSERT_EQUAL(log.n[RTE_ETH_EVENT_INTR_LSC], 1,
		"one change, one event (got %u)",
		log.n[RTE_ETH_EVENT_INTR_LSC]);
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_up(api_port), "up");
	TEST_ASSERT_EQUAL(log.n[RTE_ETH_EVENT_INTR_LSC], 2, "second event");
	TEST_ASSERT_EQUAL(log.last_port, api_port, "event port");
	TEST_ASSERT_SUCCESS(rte_eth_dev_callback_unregister(api_port,
		RTE_ETH_EVENT_INTR_LSC, api_event_cb, (void *)-1),
		"unregister");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_down(api_port), "down");
	TEST_ASSERT_EQUAL(log.n[RTE_ETH_EVENT_INTR_LSC], 2,
		"no event after unregister");
	TEST_ASSERT_SUCCESS(rte_eth_dev_set_link_up(api_port), "up");
	TEST_ASSERT_EQUAL(rte_eth_dev_callback_register(api_port,
		RTE_ETH_EVENT_MAX, api_event_cb, &log), -EINVAL, "bad event");
	TEST_ASSERT_EQUAL(rte_eth_dev_callback_register(RTE_MAX_ETHPORTS - 1,
		RTE_ETH_EVENT_INTR_LSC, api_event_cb, &log), -ENODEV,
		"unused port");
	return TEST_SUCCESS;
}

/* RTE_ETH_ALL sees ports made and released; null has no LSC to offer */
static int
test_api_new_destroy_events(void)
{
	struct rte_eth_conf conf = { .intr_conf = { .lsc = 1 } };
	struct ev_log log = { 0 };
	uint16_t id;

	TEST_ASSERT_SUCCESS(rte_eth_dev_callback_register(RTE_ETH_ALL,
		RTE_ETH_EVENT_NEW, api_event_cb, &log), "register NEW");
	TEST_ASSERT_SUCCESS(rte_eth_dev_callback_register(RTE_ETH_ALL,
		RTE_ETH_EVENT_DESTROY, api_event_cb, &log), "register DESTROY");
	TEST_ASSERT_SUCCESS(rte_vdev_init("net_null_api", NULL), "vdev");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_null_api", &id),
		"new port");
	TEST_ASSERT_EQUAL(log.n[RTE_ETH_EVENT_NEW], 1, "NEW events");
	TEST_ASSERT_EQUAL(log.last_port, id, "NEW for port %u", id);
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(id, 1, 1, &conf), -EINVAL,
		"lsc asked of a driver without link interrupts");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_null_api"), "uninit");
	TEST_ASSERT_EQUAL(log.n[RTE_ETH_EVENT_DESTROY], 1, "DESTROY events");
	TEST_ASSERT_SUCCESS(rte_eth_dev_callback_unregister(RTE_ETH_ALL,
		RTE_ETH_EVENT_NEW, api_event_cb, &log), "unregister");
	TEST_ASSERT_SUCCESS(rte_eth_dev_callback_unregister(RTE_ETH_ALL,
		RTE_ETH_EVENT_DESTROY, api_event_cb, &log), "unregister");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * burst callbacks
 * --------------------------------------------------------------------- */

struct cb_rec {
	unsigned int calls;
	unsigned int pkts;
	char order[8];
	unsigned int norder;
};

static uint16_t
api_tx_count(uint16_t port, uint16_t q, struct rte_mbuf *pkts[], uint16_t n,
		void *arg)
{
	struct cb_rec *r = arg;

	RTE_SET_USED(port);
	RTE_SET_USED(q);
	RTE_SET_USED(pkts);
	r->calls++;
	r->pkts += n;
	return n;
}

/* drops the last packet of each non-empty burst, records its tag */
static uint16_t
api_rx_drop_last(uint16_t port, uint16_t q, struct rte_mbuf *pkts[],
		uint16_t n, uint16_t max, void *arg)
{
	struct cb_rec *r = arg;

	RTE_SET_USED(port);
	RTE_SET_USED(q);
	RTE_SET_USED(max);
	if (r->norder < sizeof(r->order))
		r->order[r->norder++] = 'd';
	if (n == 0)
		return 0;
	r->pkts++;
	rte_pktmbuf_free(pkts[n - 1]);
	return n - 1;
}

static uint16_t
api_rx_mark_first(uint16_t port, uint16_t q, struct rte_mbuf *pkts[],
		uint16_t n, uint16_t max, void *arg)
{
	struct cb_rec *r = arg;

	RTE_SET_USED(port);
	RTE_SET_USED(q);
	RTE_SET_USED(pkts);
	RTE_SET_USED(max);
	if (r->norder < sizeof(r->order))
		r->order[r->norder++] = 'f';
	return n;
}

static int
test_api_burst_callbacks(void)
{
	struct rte_eth_conf conf = { 0 };
	const struct rte_eth_rxtx_callback *tx_cb, *rx_cb, *first_cb;
	struct cb_rec txr = { 0 }, rxr = { 0 };

	TEST_ASSERT_SUCCESS(api_port_up(&conf, 1, 0), "port up");
	tx_cb = rte_eth_add_tx_callback(api_port, 0, api_tx_count, &txr);
	rx_cb = rte_eth_add_rx_callback(api_port, 0, api_rx_drop_last, &rxr);
	first_cb = rte_eth_add_first_rx_callback(api_port, 0,
		api_rx_mark_first, &rxr);
	TEST_ASSERT(tx_cb != NULL && rx_cb != NULL && first_cb != NULL,
		"add callbacks: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(api_send(0, 10), 10, "send");
	TEST_ASSERT_EQUAL(txr.calls, 1, "tx callback calls");
	TEST_ASSERT_EQUAL(txr.pkts, 10, "tx callback saw %u", txr.pkts);
	TEST_ASSERT_EQUAL(api_recv(0), 9, "rx callback dropped one");
	TEST_ASSERT(rxr.norder == 2 && memcmp(rxr.order, "fd", 2) == 0,
		"first-added callback runs first (%.*s)", (int)rxr.norder,
		rxr.order);

	TEST_ASSERT_SUCCESS(rte_eth_remove_tx_callback(api_port, 0, tx_cb),
		"remove tx");
	TEST_ASSERT_SUCCESS(rte_eth_remove_rx_callback(api_port, 0, rx_cb),
		"remove rx");
	TEST_ASSERT_EQUAL(rte_eth_remove_rx_callback(api_port, 0, rx_cb),
		-EINVAL, "removed twice");
	TEST_ASSERT_EQUAL(api_send(0, 10), 10, "send");
	TEST_ASSERT_EQUAL(txr.pkts, 10, "removed tx callback still ran");
	TEST_ASSERT_EQUAL(api_recv(0), 10, "removed rx callback still ran");
	TEST_ASSERT_SUCCESS(rte_eth_remove_rx_callback(api_port, 0, first_cb),
		"remove first");
	TEST_ASSERT_NULL(rte_eth_add_rx_callback(api_port, 5,
		api_rx_drop_last, &rxr), "callback on a missing queue");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * per-queue start/stop
 * --------------------------------------------------------------------- */

static int
test_api_queue_start_stop(void)
{
	struct rte_eth_conf conf = { 0 };

	TEST_ASSERT_SUCCESS(api_port_up(&conf, 2, 1), "port up, rxq 1 "
		"deferred");
	TEST_ASSERT_EQUAL(api_send(1, 8), 8, "tx queue 1 runs");
	TEST_ASSERT_EQUAL(api_recv(1), 0, "deferred rx queue 1 is stopped");
	TEST_ASSERT_SUCCESS(rte_eth_dev_rx_queue_start(api_port, 1), "start");
	TEST_ASSERT_EQUAL(api_recv(1), 8, "started rx queue 1 receives");

	TEST_ASSERT_SUCCESS(rte_eth_dev_tx_queue_stop(api_port, 0), "stop");
	TEST_ASSERT_EQUAL(api_send(0, 4), 0, "stopped tx queue sends");
	TEST_ASSERT_SUCCESS(rte_eth_dev_tx_queue_start(api_port, 0), "start");
	TEST_ASSERT_EQUAL(api_send(0, 4), 4, "restarted tx queue");
	TEST_ASSERT_SUCCESS(rte_eth_dev_rx_queue_stop(api_port, 0), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_rx_queue_stop(api_port, 0), "again");
	TEST_ASSERT_EQUAL(api_recv(0), 0, "stopped rx queue receives");
	TEST_ASSERT_SUCCESS(rte_eth_dev_rx_queue_start(api_port, 0), "start");
	TEST_ASSERT_EQUAL(api_recv(0), 4, "packets waited in the ring");

	TEST_ASSERT_EQUAL(rte_eth_dev_rx_queue_start(api_port, 7), -EINVAL,
		"queue beyond the configured ones");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(api_port), "port stop");
	TEST_ASSERT_EQUAL(rte_eth_dev_rx_queue_start(api_port, 0), -EINVAL,
		"queue start on a stopped port");
	TEST_ASSERT_EQUAL(rte_eth_dev_rx_queue_start(RTE_MAX_ETHPORTS, 0),
		-ENODEV, "bad port");
	return TEST_SUCCESS;
}

static int
test_api_ptypes(void)
{
	uint32_t set[4] = { 1, 1, 1, 1 };

	TEST_ASSERT_SUCCESS(rte_eth_dev_set_ptypes(api_port, 0, set, 4),
		"set_ptypes on a driver that cannot choose");
	TEST_ASSERT_EQUAL(set[0], RTE_PTYPE_UNKNOWN, "list ends at once");
	TEST_ASSERT_EQUAL(rte_eth_dev_get_supported_ptypes(api_port,
		RTE_PTYPE_ALL_MASK, set, 4), -ENOTSUP, "no ptype list");
	TEST_ASSERT_EQUAL(rte_eth_dev_set_ptypes(api_port, 0, NULL, 2),
		-EINVAL, "NULL array with room");
	return TEST_SUCCESS;
}

static struct unit_test_suite ethdev_api_suite = {
	.suite_name = "ethdev API over net_ring",
	.setup = api_setup,
	.teardown = api_teardown,
	.unit_test_cases = {
		TEST_CASE(test_api_names_and_info),
		TEST_CASE(test_api_lsc_events),
		TEST_CASE(test_api_new_destroy_events),
		TEST_CASE(test_api_burst_callbacks),
		TEST_CASE(test_api_queue_start_stop),
		TEST_CASE(test_api_ptypes),
		TEST_CASES_END()
	},
};

static int
test_ethdev_api(void)
{
	return unit_test_suite_runner(&ethdev_api_suite);
}

REGISTER_TEST_COMMAND(ethdev_api_autotest, test_ethdev_api);
