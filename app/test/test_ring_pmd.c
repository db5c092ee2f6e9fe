/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_ring (the row passes --vdev=net_ring0): the loopback port gives
 * back exactly the mbufs it was sent, in order and intact, and counts
 * them; ports made with rte_eth_from_rings() over crossed rings carry
 * packets from one to the other; nodeaction creates named rings that go
 * away with the device; bad arguments are refused.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_errno.h>
#include <rte_eth_ring.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>
#include <rte_ring.h>

#include "test.h"

#define BURST 32

static struct rte_mempool *rpmd_pool;

static int
rpmd_setup(void)
{
	rpmd_pool = rte_pktmbuf_pool_create("test_rpmd_pool", 255, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	return rpmd_pool == NULL ? TEST_FAILED : TEST_SUCCESS;
}

static void
rpmd_teardown(void)
{
	rte_mempool_free(rpmd_pool);
	rpmd_pool = NULL;
}

static int
rpmd_port_up(uint16_t port)
{
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(port, 1, 1, &conf),
		"configure %u", port);
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(port, 0, 0, SOCKET_ID_ANY,
		NULL, rpmd_pool), "rx setup");
	TEST_ASSERT_SUCCESS(rte_eth_tx_queue_setup(port, 0, 0, SOCKET_ID_ANY,
		NULL), "tx setup");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port), "start %u", port);
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(port), "stats reset");
	return TEST_SUCCESS;
}

/* BURST packets, packet i holding 64 bytes of value i */
static int
rpmd_make(struct rte_mbuf **pkts)
{
	char *data;
	int i;

	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(rpmd_pool, pkts, BURST),
		"mbuf alloc");
	for (i = 0; i < BURST; i++) {
		data = rte_pktmbuf_append(pkts[i], 64);
		TEST_ASSERT_NOT_NULL(data, "append");
		memset(data, i, 64);
	}
	return TEST_SUCCESS;
}

static int
rpmd_check(struct rte_mbuf **sent, struct rte_mbuf **got, uint16_t n)
{
	const uint8_t *d;
	uint16_t i, j;

	TEST_ASSERT_EQUAL(n, BURST, "received %u of %u", n, BURST);
	for (i = 0; i < n; i++) {
		TEST_ASSERT(got[i] == sent[i], "packet %u is another mbuf", i);
		d = rte_pktmbuf_mtod(got[i], const uint8_t *);
		for (j = 0; j < 64; j++)
			TEST_ASSERT_EQUAL(d[j], i, "packet %u byte %u is %u",
				i, j, d[j]);
	}
	return TEST_SUCCESS;
}

static int
test_ring_pmd_loopback(void)
{
	struct rte_mbuf *sent[BURST], *got[BURST * 2];
	struct rte_eth_stats st;
	uint16_t port, n;

	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_ring0", &port),
		"net_ring0 from --vdev not found");
	TEST_ASSERT_EQUAL(rpmd_port_up(port), TEST_SUCCESS, "up");
	TEST_ASSERT_EQUAL(rpmd_make(sent), TEST_SUCCESS, "make");
	memcpy(got, sent, sizeof(sent));
	n = rte_eth_tx_burst(port, 0, got, BURST);
	TEST_ASSERT_EQUAL(n, BURST, "sent %u", n);
	memset(got, 0, sizeof(got));
	n = rte_eth_rx_burst(port, 0, got, BURST * 2);
	TEST_ASSERT_EQUAL(rpmd_check(sent, got, n), TEST_SUCCESS, "payload");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, got, BURST), 0,
		"more came back than was sent");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(port, &st), "stats");
	TEST_ASSERT(st.opackets == BURST && st.ipackets == BURST &&
		st.oerrors == 0, "stats tx %" PRIu64 " rx %" PRIu64
		" err %" PRIu64, st.opackets, st.ipackets, st.oerrors);
	rte_pktmbuf_free_bulk(sent, BURST);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(rpmd_pool), 0u, "leak");
	return TEST_SUCCESS;
}

static int
test_ring_pmd_from_rings(void)
{
	struct rte_mbuf *sent[BURST], *got[BURST];
	struct rte_ring *a, *b;
	struct rte_eth_stats st;
	int p1, p2;
	uint16_t n;

	a = rte_ring_create("rpmd_a", 64, SOCKET_ID_ANY, 0);
	b = rte_ring_create("rpmd_b", 64, SOCKET_ID_ANY, 0);
	TEST_ASSERT(a != NULL && b != NULL, "ring create");
	p1 = rte_eth_from_rings("net_ring_p1", &a, 1, &b, 1, SOCKET_ID_ANY);
	p2 = rte_eth_from_rings("net_ring_p2", &b, 1, &a, 1, SOCKET_ID_ANY);
	TEST_ASSERT(p1 >= 0 && p2 >= 0, "from_rings gave %d %d", p1, p2);
	TEST_ASSERT_EQUAL(rte_eth_from_rings("net_ring_p1", &a, 1, &b, 1, 0),
		-1,
		"duplicate name accepted");
	TEST_ASSERT_EQUAL(rte_eth_from_rings("net_ring_p3", NULL, 1, &b, 1, 0),
		-1, "NULL rings accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "rte_errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rpmd_port_up(p1), TEST_SUCCESS, "p1 up");
	TEST_ASSERT_EQUAL(rpmd_port_up(p2), TEST_SUCCESS, "p2 up");
	TEST_ASSERT_EQUAL(rpmd_make(sent), TEST_SUCCESS, "make");
	memcpy(got, sent, sizeof(sent));
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(p1, 0, got, BURST), BURST, "tx");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(p1, 0, got, BURST), 0,
		"p1 got its own packets back");
	n = rte_eth_rx_burst(p2, 0, got, BURST);
	TEST_ASSERT_EQUAL(rpmd_check(sent, got, n), TEST_SUCCESS, "payload");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(p2, &st), "stats");
	TEST_ASSERT_EQUAL(st.ipackets, (uint64_t)BURST, "p2 rx count");
	rte_pktmbuf_free_bulk(sent, BURST);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p1), "stop");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(p2), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_ring_p1"), "uninit p1");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_ring_p2"), "uninit p2");
	TEST_ASSERT(rte_ring_lookup("rpmd_a") == a, "caller's ring freed");
	rte_ring_free(a);
	rte_ring_free(b);
	return TEST_SUCCESS;
}

static int
test_ring_pmd_nodeaction(void)
{
	uint16_t port;

	TEST_ASSERT_SUCCESS(rte_vdev_init("net_ring_na",
		"nodeaction=rpmd_na:0:CREATE"), "nodeaction CREATE");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("rpmd_na", &port),
		"port named by nodeaction missing");
	TEST_ASSERT_NOT_NULL(rte_ring_lookup("ETH_RXTX0_rpmd_na"),
		"ring 0 not created");
	TEST_ASSERT_EQUAL(rpmd_port_up(port), TEST_SUCCESS, "up");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_ring_na"), "uninit");
	TEST_ASSERT(!rte_eth_dev_is_valid_port(port), "port left");
	TEST_ASSERT_NULL(rte_ring_lookup("ETH_RXTX0_rpmd_na"),
		"created ring not freed");
	TEST_ASSERT(rte_vdev_init("net_ring_nb",
		"nodeaction=rpmd_nb:0:ATTACH") < 0,
		"ATTACH to missing rings succeeded");
	TEST_ASSERT(rte_vdev_init("net_ring_nc", "nodeaction=x:0:EXPLODE") < 0,
		"bad action accepted");
	TEST_ASSERT(rte_vdev_init("net_ring_nd", "nodeaction=x") < 0,
		"missing node accepted");
	TEST_ASSERT(rte_vdev_init("net_ring_ne", "internal") < 0,
		"internal key from outside accepted");
	return TEST_SUCCESS;
}

static struct unit_test_suite ring_pmd_suite = {
	.suite_name = "net_ring PMD",
	.setup = rpmd_setup,
	.teardown = rpmd_teardown,
	.unit_test_cases = {
		TEST_CASE(test_ring_pmd_loopback),
		TEST_CASE(test_ring_pmd_from_rings),
		TEST_CASE(test_ring_pmd_nodeaction),
		TEST_CASES_END()
	}
};

static int
test_ring_pmd(void)
{
	return unit_test_suite_runner(&ring_pmd_suite);
}

REGISTER_TEST_COMMAND(ring_pmd_autotest, test_ring_pmd);
