/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * ethdev over net_null (the row passes --vdev=net_null0,size=128): the
 * --vdev port is found by name and id, configures, starts, receives
 * size-byte packets, sends them (freeing them), counts both ways in stats
 * and xstats; a stopped port moves nothing; bad calls fail with the
 * documented errors; rte_vdev_init/uninit add and remove ports.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_bus_vdev.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"

#define NULL_PORT "net_null0"
#define NULL_SIZE 128
#define BURST 32
#define NB_MBUF 511

static struct rte_mempool *null_pool;

static int
null_setup(void)
{
	null_pool = rte_pktmbuf_pool_create("test_null_pool", NB_MBUF, 32, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	return null_pool == NULL ? TEST_FAILED : TEST_SUCCESS;
}

static void
null_teardown(void)
{
	rte_mempool_free(null_pool);
	null_pool = NULL;
}

static int
null_port_up(uint16_t port, uint16_t nb_q)
{
	struct rte_eth_conf conf;
	uint16_t q;

	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(port, nb_q, nb_q, &conf),
		"configure port %u", port);
	for (q = 0; q < nb_q; q++) {
		TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(port, q, 256,
			rte_eth_dev_socket_id(port), NULL, null_pool),
			"rx queue %u setup", q);
		TEST_ASSERT_SUCCESS(rte_eth_tx_queue_setup(port, q, 256,
			rte_eth_dev_socket_id(port), NULL), "tx queue %u", q);
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port), "start port %u", port);
	return TEST_SUCCESS;
}

static int
test_null_port_lookup(void)
{
	struct rte_eth_dev_info info;
	char name[RTE_ETH_NAME_MAX_LEN];
	uint16_t port, p, seen = 0;

	TEST_ASSERT(rte_eth_dev_count_avail() >= 1, "no port from --vdev");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name(NULL_PORT, &port),
		"%s not found", NULL_PORT);
	TEST_ASSERT(rte_eth_dev_is_valid_port(port), "port %u invalid", port);
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_name_by_port(port, name),
		"name of port %u", port);
	TEST_ASSERT(strcmp(name, NULL_PORT) == 0, "port named %s", name);
	RTE_ETH_FOREACH_DEV(p)
		seen += p == port;
	TEST_ASSERT_EQUAL(seen, 1, "RTE_ETH_FOREACH_DEV saw port %u %u times",
		port, seen);
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(port, &info), "info_get");
	TEST_ASSERT(info.driver_name != NULL &&
		strcmp(info.driver_name, "net_null") == 0, "driver %s",
		info.driver_name ? info.driver_name : "(null)");
	TEST_ASSERT(info.max_rx_queues >= 1 && info.max_tx_queues >= 1,
		"no queues allowed");
	return TEST_SUCCESS;
}

static int
test_null_traffic(void)
{
	struct rte_mbuf *pkts[BURST];
	struct rte_eth_stats st;
	struct rte_eth_link link;
	uint16_t port, n, i;

	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name(NULL_PORT, &port),
		"lookup");
	TEST_ASSERT_EQUAL(null_port_up(port, 1), TEST_SUCCESS, "port up");
	TEST_ASSERT_SUCCESS(rte_eth_link_get_nowait(port, &link), "link");
	TEST_ASSERT_EQUAL(link.link_status, RTE_ETH_LINK_UP, "link down");
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(port), "stats reset");

	n = rte_eth_rx_burst(port, 0, pkts, BURST);
	TEST_ASSERT_EQUAL(n, BURST, "received %u of %u", n, BURST);
	for (i = 0; i < n; i++)
		TEST_ASSERT(pkts[i]->pkt_len == NULL_SIZE &&
			pkts[i]->data_len == NULL_SIZE,
			"packet %u is %u bytes, size=%u asked", i,
			pkts[i]->pkt_len, NULL_SIZE);
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(null_pool), (unsigned)BURST,
		"pool has %u in use", rte_mempool_in_use_count(null_pool));
	n = rte_eth_tx_burst(port, 0, pkts, BURST);
	TEST_ASSERT_EQUAL(n, BURST, "sent %u of %u", n, BURST);
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(null_pool), 0u,
		"tx did not free the packets");

	TEST_ASSERT_SUCCESS(rte_eth_stats_get(port, &st), "stats_get");
	TEST_ASSERT(st.ipackets == BURST && st.opackets == BURST,
		"stats rx %" PRIu64 " tx %" PRIu64, st.ipackets, st.opackets);
	TEST_ASSERT(st.ibytes == BURST * NULL_SIZE &&
		st.obytes == BURST * NULL_SIZE, "bytes rx %" PRIu64
		" tx %" PRIu64, st.ibytes, st.obytes);
	TEST_ASSERT(st.q_ipackets[0] == BURST, "queue 0 rx count");

	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, pkts, BURST), 0,
		"a stopped port received");
	TEST_ASSERT_SUCCESS(rte_eth_stats_reset(port), "stats reset");
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(port, &st), "stats_get");
	TEST_ASSERT(st.ipackets == 0 && st.opackets == 0, "reset kept counts");
	return TEST_SUCCESS;
}

static int
test_null_xstats_and_modes(void)
{
	struct rte_eth_xstat_name names[64];
	struct rte_eth_xstat xs[64];
	struct rte_ether_addr mac;
	struct rte_mbuf *pkts[BURST];
	int n, i, found = 0;
	uint16_t port, got;

	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name(NULL_PORT, &port),
		"lookup");
	TEST_ASSERT_EQUAL(null_port_up(port, 2), TEST_SUCCESS, "port up");
	got = rte_eth_rx_burst(port, 1, pkts, 8);
	TEST_ASSERT_EQUAL(got, 8, "queue 1 received %u", got);
	rte_pktmbuf_free_bulk(pkts, got);

	n = rte_eth_xstats_get_names(port, NULL, 0);
	TEST_ASSERT(n >= 8 && n <= 64, "%d xstats", n);
	TEST_ASSERT_EQUAL(rte_eth_xstats_get_names(port, names, n), n,
		"names");
	TEST_ASSERT_EQUAL(rte_eth_xstats_get(port, xs, 1), n,
		"a short array must get the count");
	TEST_ASSERT_EQUAL(rte_eth_xstats_get(port, xs, n), n, "values");
	for (i = 0; i < n; i++)
		if (strcmp(names[i].name, "rx_good_packets") == 0) {
			found = 1;
			TEST_ASSERT(xs[i].value >= 8, "rx_good_packets %"
				PRIu64, xs[i].value);
		}
	TEST_ASSERT(found, "no rx_good_packets xstat");

	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_enable(port), "promisc on");
	TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(port), 1, "promisc get");
	TEST_ASSERT_SUCCESS(rte_eth_promiscuous_disable(port), "promisc off");
	TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(port), 0, "promisc get");
	TEST_ASSERT_SUCCESS(rte_eth_macaddr_get(port, &mac), "macaddr_get");
	TEST_ASSERT(rte_is_valid_assigned_ether_addr(&mac),
		"MAC is not a unicast address");
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop");
	return TEST_SUCCESS;
}

static int
test_null_bad_calls(void)
{
	struct rte_eth_conf conf;
	struct rte_eth_dev_info info;
	uint16_t port, bad = RTE_MAX_ETHPORTS;

	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(bad, 1, 1, &conf), -ENODEV,
		"configure of an invalid port");
	TEST_ASSERT_EQUAL(rte_errno, ENODEV, "rte_errno %d", rte_errno);
	TEST_ASSERT(!rte_eth_dev_is_valid_port(bad), "port %u valid", bad);
	TEST_ASSERT_EQUAL(rte_eth_promiscuous_get(bad), -1, "promisc_get");
	TEST_ASSERT_EQUAL(rte_eth_dev_get_port_by_name("nope", &port),
		-ENODEV, "found a port named nope");

	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name(NULL_PORT, &port),
		"lookup");
	TEST_ASSERT_SUCCESS(rte_eth_dev_info_get(port, &info), "info");
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(port,
		info.max_rx_queues + 1, 1, &conf), -EINVAL,
		"too many rx queues accepted");
	conf.rxmode.offloads = RTE_ETH_RX_OFFLOAD_TCP_LRO;
	TEST_ASSERT_EQUAL(rte_eth_dev_configure(port, 1, 1, &conf), -EINVAL,
		"unsupported offload accepted");
	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(port, 1, 1, &conf),
		"configure");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(port, 1, 0, 0, NULL,
		null_pool), -EINVAL, "queue beyond the configured count");
	TEST_ASSERT_EQUAL(rte_eth_rx_queue_setup(port, 0, 0, 0, NULL, NULL),
		-EINVAL, "rx queue without a mempool");
	TEST_ASSERT_EQUAL(rte_eth_dev_start(port), -EINVAL,
		"started with queues not set up");
	return TEST_SUCCESS;
}

static int
test_null_vdev_init_uninit(void)
{
	struct rte_mbuf *pkts[4];
	uint16_t before = rte_eth_dev_count_avail(), port;

	TEST_ASSERT_EQUAL(rte_vdev_init("net_nosuch0", NULL), -ENOTSUP,
		"a device no driver matches was created");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_null9", "size=abc"), -EINVAL,
		"size=abc accepted");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_null9", "bogus=1"), -EINVAL,
		"unknown key accepted");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), before,
		"a failed probe left a port");
	TEST_ASSERT_SUCCESS(rte_vdev_init("net_null9", "size=60,copy=1"),
		"vdev_init");
	TEST_ASSERT_EQUAL(rte_vdev_init("net_null9", NULL), -EEXIST,
		"duplicate device name");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), before + 1, "count");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_null9", &port),
		"new port not found");
	TEST_ASSERT_EQUAL(null_port_up(port, 1), TEST_SUCCESS, "port up");
	TEST_ASSERT_EQUAL(rte_eth_rx_burst(port, 0, pkts, 4), 4, "rx");
	TEST_ASSERT_EQUAL(pkts[0]->pkt_len, 60u, "size=60 gave %u",
		pkts[0]->pkt_len);
	TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, 4), 4, "tx");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_null9"), "vdev_uninit");
	TEST_ASSERT(!rte_eth_dev_is_valid_port(port), "port survived uninit");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), before, "count after");
	TEST_ASSERT_EQUAL(rte_vdev_uninit("net_null9"), -ENOENT,
		"second uninit");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(null_pool), 0u,
		"mbufs leaked");
	return TEST_SUCCESS;
}

static struct unit_test_suite ethdev_null_suite = {
	.suite_name = "ethdev over net_null",
	.setup = null_setup,
	.teardown = null_teardown,
	.unit_test_cases = {
		TEST_CASE(test_null_port_lookup),
		TEST_CASE(test_null_traffic),
		TEST_CASE(test_null_xstats_and_modes),
		TEST_CASE(test_null_bad_calls),
		TEST_CASE(test_null_vdev_init_uninit),
		TEST_CASES_END()
	}
};

static int
test_ethdev_null(void)
{
	uint16_t port;

	if (rte_eth_dev_get_port_by_name(NULL_PORT, &port) != 0) {
		printf("ethdev_null_autotest needs --vdev=%s,size=%u\n",
			NULL_PORT, NULL_SIZE);
		return TEST_FAILED;
	}
	return unit_test_suite_runner(&ethdev_null_suite);
}

REGISTER_TEST_COMMAND(ethdev_null_autotest, test_ethdev_null);
