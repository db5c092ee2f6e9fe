/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * net_pcap: a pcap file read through rx_pcap= and sent to tx_pcap= comes
 * out holding exactly the input frames in order; infinite_rx= replays the
 * file without end; missing files and bad arguments are refused.
 */

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <net/if.h>

#include <pcap/pcap.h>

#include <rte_bus_vdev.h>
#include <rte_byteorder.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_ethdev.h>
#include <rte_ether.h>
#include <rte_mbuf.h>
#include <rte_mempool.h>

#include "test.h"

#define NB_FRAMES 20
#define BURST 8

static struct rte_mempool *pcap_pool;
static char in_path[64], out_path[64];

static uint16_t
frame_len(int i)
{
	return (uint16_t)(60 + i * 37);
}

static int
write_input(void)
{
	uint8_t frame[1600];
	struct pcap_pkthdr hdr = { .ts = { 1, 0 } };
	pcap_dumper_t *d;
	pcap_t *dead;
	int i;

	dead = pcap_open_dead(DLT_EN10MB, 65535);
	TEST_ASSERT_NOT_NULL(dead, "pcap_open_dead");
	d = pcap_dump_open(dead, in_path);
	TEST_ASSERT_NOT_NULL(d, "cannot write %s", in_path);
	for (i = 0; i < NB_FRAMES; i++) {
		memset(frame, i + 1, sizeof(frame));
		hdr.caplen = hdr.len = frame_len(i);
		pcap_dump((u_char *)d, &hdr, frame);
	}
	pcap_dump_close(d);
	pcap_close(dead);
	return TEST_SUCCESS;
}

static int
pcap_suite_setup(void)
{
	snprintf(in_path, sizeof(in_path), "/tmp/pcap_pmd_in_%d.pcap",
		(int)getpid());
	snprintf(out_path, sizeof(out_path), "/tmp/pcap_pmd_out_%d.pcap",
		(int)getpid());
	pcap_pool = rte_pktmbuf_pool_create("test_pcap_pool", 255, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (pcap_pool == NULL)
		return TEST_FAILED;
	return write_input();
}

static void veth_del(void);

static void
pcap_suite_teardown(void)
{
	unlink(in_path);
	unlink(out_path);
	veth_del(); /* a failed assertion returned early */
	rte_mempool_free(pcap_pool);
}

static int
port_up(uint16_t port)
{
	struct rte_eth_conf conf;

	memset(&conf, 0, sizeof(conf));
	TEST_ASSERT_SUCCESS(rte_eth_dev_configure(port, 1, 1, &conf),
		"configure");
	TEST_ASSERT_SUCCESS(rte_eth_rx_queue_setup(port, 0, 0, SOCKET_ID_ANY,
		NULL, pcap_pool), "rx setup");
	TEST_ASSERT_SUCCESS(rte_eth_tx_queue_setup(port, 0, 0, SOCKET_ID_ANY,
		NULL), "tx setup");
	TEST_ASSERT_SUCCESS(rte_eth_dev_start(port), "start");
	return TEST_SUCCESS;
}

static int
check_output(void)
{
	char err[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *hdr;
	const u_char *data;
	pcap_t *p;
	int i = 0, j;

	p = pcap_open_offline(out_path, err);
	TEST_ASSERT_NOT_NULL(p, "cannot read %s: %s", out_path, err);
	while (pcap_next_ex(p, &hdr, &data) == 1) {
		TEST_ASSERT(i < NB_FRAMES, "more than %d frames", NB_FRAMES);
		TEST_ASSERT_EQUAL(hdr->caplen, (uint32_t)frame_len(i),
			"frame %d is %u bytes", i, hdr->caplen);
		for (j = 0; j < (int)hdr->caplen; j++)
			TEST_ASSERT_EQUAL(data[j], i + 1,
				"frame %d byte %d corrupted", i, j);
		i++;
	}
	pcap_close(p);
	TEST_ASSERT_EQUAL(i, NB_FRAMES, "output holds %d frames", i);
	return TEST_SUCCESS;
}

static int
test_pcap_file_to_file(void)
{
	struct rte_mbuf *pkts[BURST];
	struct rte_eth_stats st;
	char args[160];
	uint16_t port, n, total = 0;
	int idle = 0;

	snprintf(args, sizeof(args), "rx_pcap=%s,tx_pcap=%s", in_path,
		out_path);
	TEST_ASSERT_SUCCESS(rte_vdev_init("net_pcap_t0", args), "vdev_init");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_pcap_t0", &port),
		"port");
	TEST_ASSERT_EQUAL(port_up(port), TEST_SUCCESS, "up");
	while (idle < 3) {
		n = rte_eth_rx_burst(port, 0, pkts, BURST);
		idle = n == 0 ? idle + 1 : 0;
		total += n;
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, n), n, "tx");
	}
	TEST_ASSERT_EQUAL(total, NB_FRAMES, "read %u frames", total);
	TEST_ASSERT_SUCCESS(rte_eth_stats_get(port, &st), "stats");
	TEST_ASSERT(st.ipackets == NB_FRAMES && st.opackets == NB_FRAMES,
		"stats rx %" PRIu64 " tx %" PRIu64, st.ipackets, st.opackets);
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_pcap_t0"), "uninit");
	TEST_ASSERT_EQUAL(rte_mempool_in_use_count(pcap_pool), 0u, "leak");
	return check_output();
}

static int
test_pcap_infinite_rx(void)
{
	struct rte_mbuf *pkts[BURST];
	char args[160];
	uint16_t port, n;
	int i, k = 0;

	snprintf(args, sizeof(args), "rx_pcap=%s,infinite_rx=1", in_path);
	TEST_ASSERT_SUCCESS(rte_vdev_init("net_pcap_t1", args), "vdev_init");
	TEST_ASSERT_SUCCESS(rte_eth_dev_get_port_by_name("net_pcap_t1", &port),
		"port");
	TEST_ASSERT_EQUAL(port_up(port), TEST_SUCCESS, "up");
	for (i = 0; i < 10; i++) {
		n = rte_eth_rx_burst(port, 0, pkts, BURST);
		TEST_ASSERT_EQUAL(n, BURST, "burst %d got %u", i, n);
		for (; n > 0; n--, k++)
			TEST_ASSERT_EQUAL(pkts[BURST - n]->pkt_len,
				(uint32_t)frame_len(k % NB_FRAMES),
				"replayed frame %d has the wrong length", k);
		TEST_ASSERT_EQUAL(rte_eth_tx_burst(port, 0, pkts, BURST),
			BURST, "drop tx");
	}
	TEST_ASSERT_SUCCESS(rte_eth_dev_stop(port), "stop");
	TEST_ASSERT_SUCCESS(rte_vdev_uninit("net_pcap_t1"), "uninit");
	return TEST_SUCCESS;
}

static int
test_pcap_bad_args(void)
{
	uint16_t before = rte_eth_dev_count_avail();

	TEST_ASSERT(rte_vdev_init("net_pcap_t2",
		"rx_pcap=/nonexistent/x.pcap") < 0, "missing file accepted");
	TEST_ASSERT(rte_vdev_init("net_pcap_t2", "tx_pcap=/tmp/x.pcap") < 0,
		"no receive source accepted");
	TEST_ASSERT(rte_vdev_init("net_pcap_t2", "iface=nosuchif0") < 0,
		"missing interface accepted");
	TEST_ASSERT(rte_vdev_init("net_pcap_t2", "infinite_rx=2") < 0,
		"infinite_rx=2 accepted");
	TEST_ASSERT_EQUAL(rte_eth_dev_count_avail(), before,
		"a failed probe left a port");
	unlink("/tmp/x.pcap");
	return TEST_SUCCESS;
}

/* veth pair for the iface= test; "" when none was made */
static char veth_a[IFNAMSIZ], veth_b[IFNAMSIZ];

static void
veth_del(void)
{
	char cmd[64];

	if (veth_a[0] == '\0')
		return;
	snprintf(cmd, sizeof(cmd), "ip link del %s 2>/dev/null", veth_a);
	if (system(cmd) != 0)
		printf("could not delete %s\n", veth_a);
	veth_a[0] = '\0';
}

/*
 * The kernel finishes bringing a link up later (linkwatch): until the
 * operstate says "up", the device has no queueing discipline and drops
 * whatever is sent on it.
 */
static int
veth_wait_up(const char *ifname)
{
	char path[64], state[16];
	FILE *f;
	int ms;

	snprintf(path, sizeof(path), "/sys/class/net/%s/operstate", ifname);
	for (ms = 0; ms < 5000; ms += 10) {
		f = fopen(path, "r");
		if (f == NULL)
			return -1;
		if (fgets(state, sizeof(state), f) == NULL)
			state[0] = '\0';
		fclose(f);
		if (strncmp(state, "up", 2) == 0)
			return 0;
		usleep(10 * 1000);
	}
	printf("%s still not up after 5 s: %s", ifname, state);
	return -1;
}

static int
veth_add(void)
{
	char cmd[160];

	snprintf(veth_a, sizeof(veth_a), "tpcA%d", (int)getpid() % 100000);
	snprintf(veth_b, sizeof(veth_b), "tpcB%d", (int)getpid() % 100000);
	snprintf(cmd, sizeof(cmd), "ip link add %s type veth peer name %s "
		"2>&1 && ip link set %s up && ip link set %s up", veth_a,
		veth_b, veth_a, veth_b);
	if (system(cmd) != 0) {
		veth_del(); /* in case only the up step failed */
		return -1;
	}
	return 0;
}

static int
veth_up(void)
{
	return veth_wait_up(veth_a) == 0 && veth_wait_up(veth_b) == 0 ?
		TEST_SUCCESS : TEST_FAILED;
}

#define VETH_TYPE 0x88b5 /* local experimental ethertype: our frames only */
#define VETH_FRAMES 32

static int
veth_send(uint16_t port)
{
	struct rte_mbuf *pkts[VETH_FRAMES];
	struct rte_ether_hdr *eh;
	uint16_t i, sent = 0;

	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(pcap_pool, pkts,
		VETH_FRAMES), "alloc");
	for (i = 0; i < VETH_FRAMES; i++) {
		eh = (struct rte_ether_hdr *)rte_pktmbuf_append(pkts[i], 64);
		memset(eh, 0xa5, 64);
		memset(&eh->dst_addr, 0xff, RTE_ETHER_ADDR_LEN);
		eh->ether_type = rte_cpu_to_be_16(VETH_TYPE);
	}
	while (sent < VETH_FRAMES)
		sent += rte_eth_tx_burst(port, 0, pkts + sent,
			VETH_FRAMES - sent);
	return TEST_SUCCESS;
}

/* our frames received on port within ms milliseconds */
static unsigned int
veth_count(uint16_t port, unsigned int want, int ms)
{
	struct rte_mbuf *pkts[BURST];
	struct rte_ether_hdr *eh;
	unsigned int got = 0;
	uint16_t i, n;

	for (; ms > 0 && got < want; ms--) {
		n = rte_eth_rx_burst(port, 0, pkts, BURST);
		for (i = 0; i < n; i++) {
			eh = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);
			if (pkts[i]->pkt_len == 64 && eh->ether_type ==
					rte_cpu_to_be_16(VETH_TYPE))
				got++;
		}
		rte_pktmbuf_free_bulk(pkts, n);
		if (n == 0)
			rte_delay_ms(1);
	}
	return got;
}

/*
 * iface= on both ends of a veth pair: what one port sends, the other
 * receives, and the sender does not capture its own frames (two
 * handles would, and two ports forwarding to each other would then
 * bounce every frame forever).
 */
static int
test_pcap_iface_veth(void)
{
	struct rte_eth_stats st;
	uint16_t pa = RTE_MAX_ETHPORTS, pb = RTE_MAX_ETHPORTS;
	unsigned int got;
	char args[64];
	int ret = TEST_FAILED;

	if (veth_add() != 0) {
		printf("cannot create a veth pair (no CAP_NET_ADMIN or no "
			"veth module): skipping\n");
		return TEST_SKIPPED;
	}
	snprintf(args, sizeof(args), "iface=%s", veth_a);
	if (rte_vdev_init("net_pcap_va", args) != 0)
		goto out;
	snprintf(args, sizeof(args), "iface=%s", veth_b);
	if (rte_vdev_init("net_pcap_vb", args) != 0)
		goto out_a;
	if (rte_eth_dev_get_port_by_name("net_pcap_va", &pa) != 0 ||
			rte_eth_dev_get_port_by_name("net_pcap_vb", &pb) != 0 ||
			port_up(pa) != TEST_SUCCESS ||
			port_up(pb) != TEST_SUCCESS ||
			veth_up() != TEST_SUCCESS ||
			veth_send(pa) != TEST_SUCCESS)
		goto out_b;
	got = veth_count(pb, VETH_FRAMES, 3000);
	if (got != VETH_FRAMES) {
		printf("peer received %u of %d frames\n", got, VETH_FRAMES);
		goto out_b;
	}
	got = veth_count(pa, 1, 300);
	if (got != 0) {
		printf("sender captured %u of its own frames\n", got);
		goto out_b;
	}
	if (rte_eth_stats_get(pb, &st) != 0 || st.imissed != 0) {
		printf("imissed %" PRIu64 " with an idle capture\n",
			st.imissed);
		goto out_b;
	}
	ret = TEST_SUCCESS;
out_b:
	rte_eth_dev_stop(pb);
	rte_vdev_uninit("net_pcap_vb");
out_a:
	rte_eth_dev_stop(pa);
	rte_vdev_uninit("net_pcap_va");
out:
	veth_del();
	return ret;
}

static struct unit_test_suite pcap_suite = {
	.suite_name = "net_pcap PMD",
	.setup = pcap_suite_setup,
	.teardown = pcap_suite_teardown,
	.unit_test_cases = {
		TEST_CASE(test_pcap_file_to_file),
		TEST_CASE(test_pcap_infinite_rx),
		TEST_CASE(test_pcap_bad_args),
		TEST_CASE(test_pcap_iface_veth),
		TEST_CASES_END()
	}
};

static int
test_pcap_pmd(void)
{
	return unit_test_suite_runner(&pcap_suite);
}

REGISTER_TEST_COMMAND(pcap_pmd_autotest, test_pcap_pmd);
