/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mbuf_autotest: struct layout, pktmbuf pools, alloc/free (single, bulk,
 * exhaustion), data offsets (prepend/append/adj/trim), chains, read across
 * segments, linearize, clone and reference counts, copy, checks, two lcores
 * allocating and freeing from one pool, the net header helpers, external
 * and pinned external buffers, offload flag values, names and checks.
 */
#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_ether.h>
#include <rte_ip.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_tcp.h>
#include <rte_udp.h>

#include "test.h"

#define NB_MBUF 1023
#define MBUF_CACHE 32

static struct rte_mempool *pool;

/* the 22.11 layout drivers rely on */
_Static_assert(offsetof(struct rte_mbuf, buf_addr) == 0, "buf_addr");
_Static_assert(offsetof(struct rte_mbuf, buf_iova) == 8, "buf_iova");
_Static_assert(offsetof(struct rte_mbuf, data_off) == 16, "data_off");
_Static_assert(offsetof(struct rte_mbuf, refcnt) == 18, "refcnt");
_Static_assert(offsetof(struct rte_mbuf, nb_segs) == 20, "nb_segs");
_Static_assert(offsetof(struct rte_mbuf, port) == 22, "port");
_Static_assert(offsetof(struct rte_mbuf, ol_flags) == 24, "ol_flags");
_Static_assert(offsetof(struct rte_mbuf, packet_type) == 32, "ptype");
_Static_assert(offsetof(struct rte_mbuf, pkt_len) == 36, "pkt_len");
_Static_assert(offsetof(struct rte_mbuf, data_len) == 40, "data_len");
_Static_assert(offsetof(struct rte_mbuf, vlan_tci) == 42, "vlan_tci");
_Static_assert(offsetof(struct rte_mbuf, hash) == 44, "hash");
_Static_assert(offsetof(struct rte_mbuf, vlan_tci_outer) == 52, "vlan2");
_Static_assert(offsetof(struct rte_mbuf, buf_len) == 54, "buf_len");
_Static_assert(offsetof(struct rte_mbuf, pool) == 56, "pool");
_Static_assert(offsetof(struct rte_mbuf, next) == 64, "next");
_Static_assert(offsetof(struct rte_mbuf, tx_offload) == 72, "tx_offload");
_Static_assert(sizeof(struct rte_mbuf) == 128, "two cache lines");
_Static_assert(sizeof(struct rte_ether_hdr) == 14, "ether hdr");
_Static_assert(sizeof(struct rte_ipv4_hdr) == 20, "ipv4 hdr");
_Static_assert(sizeof(struct rte_ipv6_hdr) == 40, "ipv6 hdr");
_Static_assert(sizeof(struct rte_udp_hdr) == 8, "udp hdr");
_Static_assert(sizeof(struct rte_tcp_hdr) == 20, "tcp hdr");

static int
mbuf_setup(void)
{
	pool = rte_pktmbuf_pool_create("test_mbuf_pool", NB_MBUF, MBUF_CACHE,
		0, RTE_MBUF_DEFAULT_BUF_SIZE, SOCKET_ID_ANY);
	if (pool == NULL) {
		printf("pool create: %s\n", rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static void
mbuf_teardown(void)
{
	rte_mempool_free(pool);
	pool = NULL;
}

static int
pool_is_full(void)
{
	return rte_mempool_avail_count(pool) == NB_MBUF;
}

static int
test_mbuf_alloc_fields(void)
{
	struct rte_mbuf *m;

	const char *want = rte_eal_mbuf_user_pool_ops();

	/* --mbuf-pool-ops-name wins over the default */
	if (want == NULL)
		want = RTE_MBUF_DEFAULT_MEMPOOL_OPS;
	TEST_ASSERT(strcmp(rte_mbuf_best_mempool_ops(), want) == 0,
		"best ops %s, want %s", rte_mbuf_best_mempool_ops(), want);
	TEST_ASSERT(strcmp(rte_mempool_get_ops(pool->ops_index)->name,
		want) == 0, "pool ops %s",
		rte_mempool_get_ops(pool->ops_index)->name);
	TEST_ASSERT_EQUAL(rte_pktmbuf_data_room_size(pool),
		RTE_MBUF_DEFAULT_BUF_SIZE, "data room");
	TEST_ASSERT_EQUAL(rte_pktmbuf_priv_size(pool), 0, "priv size");
	m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	TEST_ASSERT(m->pool == pool, "pool");
	TEST_ASSERT_EQUAL(rte_pktmbuf_headroom(m), RTE_PKTMBUF_HEADROOM,
		"headroom");
	TEST_ASSERT_EQUAL(rte_pktmbuf_tailroom(m), RTE_MBUF_DEFAULT_DATAROOM,
		"tailroom");
	TEST_ASSERT_EQUAL(m->pkt_len, 0u, "pkt_len");
	TEST_ASSERT_EQUAL(m->nb_segs, 1, "nb_segs");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "refcnt");
	TEST_ASSERT(m->buf_addr == (char *)m + sizeof(*m), "buf_addr");
	if (m->buf_iova != RTE_BAD_IOVA)
		TEST_ASSERT_EQUAL(m->buf_iova, rte_mempool_virt2iova(m) +
			sizeof(*m), "buf_iova");
	TEST_ASSERT(RTE_MBUF_DIRECT(m), "direct");
	rte_mbuf_sanity_check(m, 1);
	rte_pktmbuf_free(m);
	rte_pktmbuf_free(NULL);
	TEST_ASSERT(pool_is_full(), "not returned");
	TEST_ASSERT_NULL(rte_pktmbuf_pool_create("test_mbuf_bad", 64, 0, 3,
		2048, SOCKET_ID_ANY), "odd priv_size accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno");
	return TEST_SUCCESS;
}

static int
test_mbuf_offsets(void)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	char *data, *hdr;

	TEST_ASSERT_NOT_NULL(m, "alloc");
	data = rte_pktmbuf_append(m, 100);
	TEST_ASSERT(data == rte_pktmbuf_mtod(m, char *), "append start");
	memset(data, 0x11, 100);
	TEST_ASSERT_EQUAL(m->pkt_len, 100u, "pkt_len after append");
	TEST_ASSERT_EQUAL(m->data_len, 100, "data_len after append");
	TEST_ASSERT_NULL(rte_pktmbuf_append(m, rte_pktmbuf_tailroom(m) + 1),
		"append beyond tailroom");
	hdr = rte_pktmbuf_prepend(m, 14);
	TEST_ASSERT(hdr == data - 14, "prepend");
	TEST_ASSERT_EQUAL(m->pkt_len, 114u, "pkt_len after prepend");
	TEST_ASSERT_NULL(rte_pktmbuf_prepend(m, RTE_PKTMBUF_HEADROOM),
		"prepend beyond headroom");
	TEST_ASSERT(rte_pktmbuf_mtod_offset(m, char *, 14) == data, "mtod");
	TEST_ASSERT(rte_pktmbuf_adj(m, 14) == data, "adj");
	TEST_ASSERT_NULL(rte_pktmbuf_adj(m, 101), "adj beyond data");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_trim(m, 40), "trim");
	TEST_ASSERT_EQUAL(m->pkt_len, 60u, "pkt_len after trim");
	TEST_ASSERT_FAIL(rte_pktmbuf_trim(m, 61), "trim beyond data");
	TEST_ASSERT_EQUAL(rte_pktmbuf_headroom(m) + m->data_len +
		rte_pktmbuf_tailroom(m), m->buf_len, "room sums");
	TEST_ASSERT_EQUAL(rte_pktmbuf_iova(m), m->buf_iova + m->data_off,
		"iova");
	rte_pktmbuf_reset(m);
	TEST_ASSERT_EQUAL(m->data_len, 0, "reset");
	TEST_ASSERT_EQUAL(rte_pktmbuf_headroom(m), RTE_PKTMBUF_HEADROOM,
		"reset headroom");
	rte_pktmbuf_free(m);
	TEST_ASSERT(pool_is_full(), "not returned");
	return TEST_SUCCESS;
}

static int
test_mbuf_exhaust_and_bulk(void)
{
	static struct rte_mbuf *ms[NB_MBUF + 1];
	unsigned int i;

	for (i = 0; i < NB_MBUF; i++) {
		ms[i] = rte_pktmbuf_alloc(pool);
		TEST_ASSERT_NOT_NULL(ms[i], "alloc %u of %u", i, NB_MBUF);
	}
	TEST_ASSERT_NULL(rte_pktmbuf_alloc(pool), "alloc from empty pool");
	for (i = 0; i < NB_MBUF; i++)
		rte_pktmbuf_free(ms[i]);
	TEST_ASSERT(pool_is_full(), "not all returned");

	TEST_ASSERT_SUCCESS(rte_pktmbuf_alloc_bulk(pool, ms, 500), "bulk 500");
	TEST_ASSERT_FAIL(rte_pktmbuf_alloc_bulk(pool, ms + 500, 600),
		"bulk beyond what is left");
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), NB_MBUF - 500u,
		"failed bulk took mbufs");
	for (i = 0; i < 500; i++)
		TEST_ASSERT(ms[i]->nb_segs == 1 && ms[i]->data_len == 0,
			"bulk mbuf %u not reset", i);
	ms[NB_MBUF] = ms[7];
	ms[7] = NULL; /* NULL entries are skipped */
	rte_pktmbuf_free_bulk(ms, 500);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), NB_MBUF - 1u,
		"free_bulk");
	rte_pktmbuf_free(ms[NB_MBUF]);
	TEST_ASSERT(pool_is_full(), "not all returned");
	return TEST_SUCCESS;
}

static struct rte_mbuf *
make_seg(uint16_t len, uint8_t first)
{
	struct rte_mbuf *m = rte_pktmbuf_alloc(pool);
	uint8_t *d;

	if (m == NULL)
		return NULL;
	d = (uint8_t *)rte_pktmbuf_append(m, len);
	for (uint16_t i = 0; i < len; i++)
		d[i] = (uint8_t)(first + i);
	return m;
}

static int
test_mbuf_chain(void)
{
	struct rte_mbuf *a = make_seg(100, 0), *b = make_seg(200, 100);
	struct rte_mbuf *c = make_seg(300, 44);
	uint8_t buf[600];
	const uint8_t *p;
	const char *reason;

	TEST_ASSERT(a && b && c, "alloc");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(a, b), "chain a b");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(a, c), "chain a c");
	TEST_ASSERT_EQUAL(a->nb_segs, 3, "nb_segs");
	TEST_ASSERT_EQUAL(a->pkt_len, 600u, "pkt_len");
	TEST_ASSERT(rte_pktmbuf_lastseg(a) == c, "lastseg");
	TEST_ASSERT(!rte_pktmbuf_is_contiguous(a), "contiguous");
	TEST_ASSERT_SUCCESS(rte_mbuf_check(a, 1, &reason), "check: %s",
		reason);
	/* bytes run 0..255, 0..88 across the three segments */
	p = rte_pktmbuf_read(a, 50, 300, buf);
	TEST_ASSERT(p == buf, "read across segments not copied");
	for (unsigned int i = 0; i < 300; i++)
		TEST_ASSERT_EQUAL(p[i], (uint8_t)(50 + i), "read byte %u", i);
	TEST_ASSERT_NULL(rte_pktmbuf_read(a, 590, 11, buf), "read past end");
	TEST_ASSERT(rte_pktmbuf_read(a, 110, 10, buf) ==
		rte_pktmbuf_mtod_offset(b, void *, 10),
		"in-segment read copied");
	TEST_ASSERT_NOT_NULL(rte_pktmbuf_append(a, 10), "append to chain");
	TEST_ASSERT_EQUAL(c->data_len, 310, "append went to the last seg");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_trim(a, 10), "trim chain");

	TEST_ASSERT_SUCCESS(rte_pktmbuf_linearize(a), "linearize");
	TEST_ASSERT_EQUAL(a->nb_segs, 1, "segments left");
	TEST_ASSERT_EQUAL(a->data_len, 600, "data_len after linearize");
	p = rte_pktmbuf_mtod(a, const uint8_t *);
	for (unsigned int i = 0; i < 600; i++)
		TEST_ASSERT_EQUAL(p[i], (uint8_t)i, "linear byte %u", i);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pool), NB_MBUF - 1u,
		"linearize did not free the segments");

	/* a broken chain is caught */
	a->pkt_len = 601;
	TEST_ASSERT_FAIL(rte_mbuf_check(a, 1, &reason), "bad pkt_len passed");
	a->pkt_len = 600;
	rte_pktmbuf_free(a);
	TEST_ASSERT(pool_is_full(), "not returned");
	return TEST_SUCCESS;
}

static int
test_mbuf_clone(void)
{
	struct rte_mbuf *m = make_seg(64, 1), *m2 = make_seg(32, 65);
	struct rte_mbuf *c, *c2, *cp;

	TEST_ASSERT(m && m2, "alloc");
	TEST_ASSERT_SUCCESS(rte_pktmbuf_chain(m, m2), "chain");
	c = rte_pktmbuf_clone(m, pool);
	TEST_ASSERT_NOT_NULL(c, "clone");
	TEST_ASSERT(RTE_MBUF_CLONED(c) && RTE_MBUF_CLONED(c->next),
		"clone not indirect");
	TEST_ASSERT_EQUAL(c->pkt_len, 96u, "clone pkt_len");
	TEST_ASSERT_EQUAL(c->nb_segs, 2, "clone nb_segs");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 2, "refcnt of m");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m2), 2, "refcnt of m2");
	TEST_ASSERT(rte_pktmbuf_mtod(c, char *) == rte_pktmbuf_mtod(m, char *),
		"clone data not shared");
	TEST_ASSERT(rte_mbuf_from_indirect(c) == m, "from_indirect");

	/* a clone of a clone references the direct mbufs */
	c2 = rte_pktmbuf_clone(c, pool);
	TEST_ASSERT_NOT_NULL(c2, "clone of clone");
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 3, "refcnt after 2 clones");

	cp = rte_pktmbuf_copy(m, pool, 10, 80);
	TEST_ASSERT_NOT_NULL(cp, "copy");
	TEST_ASSERT_EQUAL(cp->pkt_len, 80u, "copy length");
	TEST_ASSERT(RTE_MBUF_DIRECT(cp), "copy indirect");
	TEST_ASSERT_EQUAL(*rte_pktmbuf_mtod(cp, uint8_t *), 11, "copy data");
	rte_pktmbuf_free(cp);

	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 2, "m freed too early");
	rte_pktmbuf_free(c);
	rte_pktmbuf_free(c2);
	TEST_ASSERT(pool_is_full(), "clones leaked (%u free)",
		rte_mempool_avail_count(pool));

	m = make_seg(10, 0);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_pktmbuf_refcnt_update(m, 1);
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(rte_mbuf_refcnt_read(m), 1, "refcnt_update");
	rte_pktmbuf_free(m);
	TEST_ASSERT(pool_is_full(), "not returned");
	return TEST_SUCCESS;
}

static int
test_mbuf_dump(void)
{
	struct rte_mbuf *m = make_seg(40, 0);
	FILE *f = fopen("/dev/null", "w");

	TEST_ASSERT(m != NULL && f != NULL, "setup");
	rte_pktmbuf_dump(f, m, 40);
	fclose(f);
	TEST_ASSERT(strcmp(rte_get_rx_ol_flag_name(RTE_MBUF_F_RX_VLAN),
		"RTE_MBUF_F_RX_VLAN") == 0, "rx flag name");
	TEST_ASSERT_NULL(rte_get_tx_ol_flag_name(1ULL << 30), "unknown flag");
	rte_pktmbuf_free(m);
	return TEST_SUCCESS;
}

#define MT_LOOPS 100000

static int
mbuf_mt_worker(void *arg)
{
	struct rte_mbuf *ms[8];
	unsigned int i, j;

	RTE_SET_USED(arg);
	for (i = 0; i < MT_LOOPS; i++) {
		if (rte_pktmbuf_alloc_bulk(pool, ms, RTE_DIM(ms)) != 0)
			continue;
		for (j = 0; j < RTE_DIM(ms); j++) {
			unsigned int *p = rte_pktmbuf_mtod(ms[j],
				unsigned int *);

			*p = rte_lcore_id();
			rte_pktmbuf_append(ms[j], sizeof(unsigned int));
		}
		for (j = 0; j < RTE_DIM(ms); j++)
			if (*rte_pktmbuf_mtod(ms[j], unsigned int *) !=
					rte_lcore_id() ||
					rte_mbuf_refcnt_read(ms[j]) != 1)
				return -1;
		rte_pktmbuf_free_bulk(ms, RTE_DIM(ms));
	}
	rte_mempool_cache_flush(NULL, pool);
	return 0;
}

static int
test_mbuf_two_lcores(void)
{
	unsigned int worker = rte_get_next_lcore(-1, 1, 0);
	int ret;

	if (worker >= RTE_MAX_LCORE)
		return TEST_SKIPPED;
	rte_mempool_cache_flush(NULL, pool);
	rte_eal_remote_launch(mbuf_mt_worker, NULL, worker);
	ret = mbuf_mt_worker(NULL);
	ret |= rte_eal_wait_lcore(worker);
	TEST_ASSERT_SUCCESS(ret, "an mbuf was shared by two lcores");
	TEST_ASSERT(pool_is_full(), "mbufs lost: %u free",
		rte_mempool_avail_count(pool));
	return TEST_SUCCESS;
}

static int
test_net_headers(void)
{
	static const uint8_t ip[20] = {
		0x45, 0x00, 0x00, 0x73, 0x00, 0x00, 0x40, 0x00, 0x40, 0x11,
		0x00, 0x00, 0xc0, 0xa8, 0x00, 0x01, 0xc0, 0xa8, 0x00, 0xc7,
	};
	struct {
		struct rte_ipv4_hdr ip;
		struct rte_udp_hdr udp;
		uint8_t payload[7];
	} __rte_packed pkt;
	struct rte_ether_addr ea, eb;
	char buf[RTE_ETHER_ADDR_FMT_SIZE];

	TEST_ASSERT_SUCCESS(rte_ether_unformat_addr("02:1b:21:Aa:bb:0c", &ea),
		"unformat");
	rte_ether_format_addr(buf, sizeof(buf), &ea);
	TEST_ASSERT(strcmp(buf, "02:1B:21:AA:BB:0C") == 0, "format %s", buf);
	TEST_ASSERT_FAIL(rte_ether_unformat_addr("021b.21aa.bb0c", &eb),
		"dotted form accepted");
	TEST_ASSERT_SUCCESS(rte_ether_unformat_addr("021b:21aa:bb0c", &eb),
		"three groups");
	TEST_ASSERT(rte_is_same_ether_addr(&ea, &eb), "same");
	TEST_ASSERT_FAIL(rte_ether_unformat_addr("02:1b:21:aa:bb", &eb),
		"short address");
	TEST_ASSERT(rte_is_local_admin_ether_addr(&ea) &&
		rte_is_unicast_ether_addr(&ea) &&
		rte_is_valid_assigned_ether_addr(&ea), "predicates");
	rte_eth_random_addr(eb.addr_bytes);
	TEST_ASSERT(rte_is_valid_assigned_ether_addr(&eb) &&
		rte_is_local_admin_ether_addr(&eb), "random address");
	memset(&eb, 0xff, sizeof(eb));
	TEST_ASSERT(rte_is_broadcast_ether_addr(&eb) &&
		rte_is_multicast_ether_addr(&eb), "broadcast");
	rte_ether_addr_copy(&ea, &eb);
	TEST_ASSERT(rte_is_same_ether_addr(&ea, &eb), "copy");

	TEST_ASSERT(RTE_ETH_IS_IPV4_HDR(RTE_PTYPE_L2_ETHER |
		RTE_PTYPE_L3_IPV4_EXT_UNKNOWN | RTE_PTYPE_L4_UDP) &&
		!RTE_ETH_IS_IPV6_HDR(RTE_PTYPE_L3_IPV4) &&
		RTE_ETH_IS_IPV6_HDR(RTE_PTYPE_L3_IPV6_EXT) &&
		!RTE_ETH_IS_TUNNEL_PKT(RTE_PTYPE_L4_TCP) &&
		RTE_ETH_IS_TUNNEL_PKT(RTE_PTYPE_INNER_L4_UDP), "ptype macros");
	memcpy(&pkt.ip, ip, sizeof(ip));
	TEST_ASSERT_EQUAL(rte_ipv4_cksum(&pkt.ip), rte_cpu_to_be_16(0xb861),
		"ipv4 checksum 0x%04x", rte_ipv4_cksum(&pkt.ip));
	pkt.ip.total_length = rte_cpu_to_be_16(sizeof(pkt));
	pkt.udp.src_port = rte_cpu_to_be_16(1234);
	pkt.udp.dst_port = rte_cpu_to_be_16(5678);
	pkt.udp.dgram_len = rte_cpu_to_be_16(sizeof(pkt) - 20);
	pkt.udp.dgram_cksum = 0;
	memcpy(pkt.payload, "payload", 7);
	pkt.udp.dgram_cksum = rte_ipv4_udptcp_cksum(&pkt.ip, &pkt.udp);
	TEST_ASSERT(rte_ipv4_udptcp_cksum_verify(&pkt.ip, &pkt.udp),
		"udp checksum does not verify");
	pkt.payload[3] ^= 1;
	TEST_ASSERT(!rte_ipv4_udptcp_cksum_verify(&pkt.ip, &pkt.udp),
		"corruption not detected");
	return TEST_SUCCESS;
}

static void
extbuf_free_cb(void *addr, void *opaque)
{
	int *calls = opaque;

	rte_free(addr);
	(*calls)++;
}

/* an external buffer outlives every mbuf using it, and only that long */
static int
test_mbuf_extbuf(void)
{
	struct rte_mbuf_ext_shared_info *shinfo;
	uint16_t len = 1024;
	struct rte_mbuf *m, *c;
	int calls = 0;
	void *buf;

	buf = rte_malloc(NULL, len, 0);
	TEST_ASSERT_NOT_NULL(buf, "rte_malloc");
	len = 8;
	TEST_ASSERT_NULL(rte_pktmbuf_ext_shinfo_init_helper(buf, &len,
		extbuf_free_cb, &calls), "shinfo in 8 bytes");
	len = 1024;
	shinfo = rte_pktmbuf_ext_shinfo_init_helper(buf, &len,
		extbuf_free_cb, &calls);
	TEST_ASSERT_NOT_NULL(shinfo, "shinfo helper");
	TEST_ASSERT(len < 1024 && (char *)shinfo >= (char *)buf + len,
		"shinfo overlaps the data (len %u)", len);
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_read(shinfo), 1, "refcnt");

	m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	rte_pktmbuf_attach_extbuf(m, buf, rte_mem_virt2iova(buf), len, shinfo);
	TEST_ASSERT(RTE_MBUF_HAS_EXTBUF(m) && !RTE_MBUF_HAS_PINNED_EXTBUF(m),
		"flags 0x%" PRIx64, m->ol_flags);
	TEST_ASSERT_NOT_NULL(rte_pktmbuf_append(m, 100), "append");
	c = rte_pktmbuf_clone(m, pool);
	TEST_ASSERT_NOT_NULL(c, "clone");
	TEST_ASSERT(c->ol_flags == RTE_MBUF_F_EXTERNAL && c->buf_addr == buf,
		"clone does not carry the buffer");
	TEST_ASSERT_EQUAL(rte_mbuf_ext_refcnt_read(shinfo), 2, "ext refcnt");
	TEST_ASSERT_EQUAL(rte_pktmbuf_linearize(m), 0, "contiguous");

	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(calls, 0, "buffer freed while the clone uses it");
	rte_pktmbuf_free(c);
	TEST_ASSERT_EQUAL(calls, 1, "buffer not freed once (%d)", calls);
	TEST_ASSERT(pool_is_full(), "mbufs not returned");
	return TEST_SUCCESS;
}

/* pinned buffers: an mbuf comes back to its pool when its last clone goes */
static int
test_mbuf_pinned_pool(void)
{
	struct rte_pktmbuf_extmem ext;
	const struct rte_memzone *mz;
	struct rte_mempool *pp;
	struct rte_mbuf *m, *c;
	unsigned int n = 64;

	mz = rte_memzone_reserve("test_mbuf_pinned", n * 2048, SOCKET_ID_ANY,
		0);
	TEST_ASSERT_NOT_NULL(mz, "memzone");
	ext.buf_ptr = mz->addr;
	ext.buf_iova = mz->iova;
	ext.buf_len = mz->len;
	ext.elt_size = 2048;
	pp = rte_pktmbuf_pool_create_extbuf("test_mbuf_pp", n + 1, 0, 0, 2048,
		SOCKET_ID_ANY, &ext, 1);
	TEST_ASSERT(pp == NULL && rte_errno == EINVAL,
		"more mbufs than buffers accepted");
	pp = rte_pktmbuf_pool_create_extbuf("test_mbuf_pp", n, 0, 0, 2048,
		SOCKET_ID_ANY, &ext, 1);
	TEST_ASSERT_NOT_NULL(pp, "pool: %s", rte_strerror(rte_errno));
	m = rte_pktmbuf_alloc(pp);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	TEST_ASSERT(RTE_MBUF_HAS_PINNED_EXTBUF(m), "not pinned");
	TEST_ASSERT(m->buf_addr >= mz->addr &&
		RTE_PTR_ADD(m->buf_addr, m->buf_len) <=
		RTE_PTR_ADD(mz->addr, mz->len), "buffer outside the zone");
	TEST_ASSERT_NOT_NULL(rte_pktmbuf_append(m, 60), "append");
	c = rte_pktmbuf_clone(m, pool);
	TEST_ASSERT_NOT_NULL(c, "clone");
	rte_pktmbuf_free(m);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pp), n - 1,
		"pinned mbuf back while its clone reads the buffer");
	rte_pktmbuf_free(c);
	TEST_ASSERT_EQUAL(rte_mempool_avail_count(pp), n,
		"pinned mbuf not back after its clone");
	m = rte_pktmbuf_alloc(pp);
	TEST_ASSERT(m != NULL && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
		m->pkt_len == 0, "reused pinned mbuf");
	rte_pktmbuf_free(m);
	rte_mempool_free(pp);
	rte_memzone_free(mz);
	TEST_ASSERT(pool_is_full(), "clone not returned");
	return TEST_SUCCESS;
}

/* flag values and helpers apps compare and store, as in 22.11 */
static int
test_mbuf_offload_flags(void)
{
	struct rte_mbuf *m;
	char buf[256];

	TEST_ASSERT_EQUAL(RTE_MBUF_F_TX_TUNNEL_IP, 0xDULL << 45, "tunnel ip");
	TEST_ASSERT_EQUAL(RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD, 1ULL << 22,
		"outer l4 good");
	TEST_ASSERT_EQUAL(RTE_MBUF_F_LAST_FREE, 1ULL << 40, "last free");
	TEST_ASSERT(strcmp(rte_get_tx_ol_flag_name(RTE_MBUF_F_TX_UDP_CKSUM),
		"RTE_MBUF_F_TX_UDP_CKSUM") == 0, "tx name");
	TEST_ASSERT_NULL(rte_get_rx_ol_flag_name(0), "name of 0");
	TEST_ASSERT_EQUAL(rte_get_rx_ol_flag_list(RTE_MBUF_F_RX_VLAN |
		RTE_MBUF_F_RX_L4_CKSUM_GOOD, buf, sizeof(buf)), 0, "list");
	TEST_ASSERT(strstr(buf, "RTE_MBUF_F_RX_VLAN ") != NULL &&
		strstr(buf, "RTE_MBUF_F_RX_L4_CKSUM_GOOD ") != NULL &&
		strstr(buf, "RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN ") != NULL,
		"list: %s", buf);
	TEST_ASSERT_EQUAL(rte_get_tx_ol_flag_list(0, buf, 6), -1, "short");
	TEST_ASSERT_EQUAL(strlen(buf), 5u, "truncated to the buffer");
	TEST_ASSERT_EQUAL(rte_get_tx_ol_flag_list(0, NULL, 0), -1, "NULL");

	m = rte_pktmbuf_alloc(pool);
	TEST_ASSERT_NOT_NULL(m, "alloc");
	m->l2_len = 14;
	m->l3_len = 20;
	m->l4_len = 20;
	m->tso_segsz = 1400;
	TEST_ASSERT_EQUAL(m->tx_offload, rte_mbuf_tx_offload(14, 20, 20, 1400,
		0, 0, 0), "rte_mbuf_tx_offload");
	m->ol_flags = RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_TCP_SEG |
		RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_TCP_CKSUM;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -ENOTSUP,
		"headers beyond the data");
	TEST_ASSERT_NOT_NULL(rte_pktmbuf_append(m, 54), "append");
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), 0, "valid TSO");
	m->ol_flags &= ~RTE_MBUF_F_TX_IP_CKSUM;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -EINVAL,
		"IPv4 TSO without IP checksum");
	m->ol_flags = RTE_MBUF_F_TX_OUTER_IP_CKSUM | RTE_MBUF_F_TX_OUTER_IPV6;
	TEST_ASSERT_EQUAL(rte_validate_tx_offload(m), -EINVAL,
		"outer IP checksum on IPv6");
	rte_mbuf_sched_set(m, 0x12345, 7, 2);
	rte_mbuf_sched_color_set(m, 1);
	TEST_ASSERT(rte_mbuf_sched_queue_get(m) == 0x12345 &&
		rte_mbuf_sched_traffic_class_get(m) == 7 &&
		rte_mbuf_sched_color_get(m) == 1 &&
		m->hash.sched.reserved == 0, "sched fields");
	rte_pktmbuf_free(m);
	return TEST_SUCCESS;
}

static struct unit_test_suite mbuf_suite = {
	.suite_name = "mbuf autotest",
	.setup = mbuf_setup,
	.teardown = mbuf_teardown,
	.unit_test_cases = {
		TEST_CASE(test_mbuf_alloc_fields),
		TEST_CASE(test_mbuf_offsets),
		TEST_CASE(test_mbuf_exhaust_and_bulk),
		TEST_CASE(test_mbuf_chain),
		TEST_CASE(test_mbuf_clone),
		TEST_CASE(test_mbuf_dump),
		TEST_CASE(test_mbuf_two_lcores),
		TEST_CASE(test_net_headers),
		TEST_CASE(test_mbuf_extbuf),
		TEST_CASE(test_mbuf_pinned_pool),
		TEST_CASE(test_mbuf_offload_flags),
		TEST_CASES_END(),
	},
};

static int
test_mbuf(void)
{
	return unit_test_suite_runner(&mbuf_suite);
}

REGISTER_TEST_COMMAND(mbuf_autotest, test_mbuf);
