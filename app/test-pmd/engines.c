/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Forwarding engines: what one burst of one stream does. Each runs on the
 * lcore that owns the stream, so its counters need no atomics beyond a
 * relaxed store that readers can load without tearing.
 *
 * txonly frames are Ether/IPv4/UDP; their payload starts with a marker
 * (magic, sequence) followed by bytes derived from the sequence, so that
 * a frame that went around a loop can be checked byte for byte.
 */
#include <string.h>

#include <rte_byteorder.h>
#include <rte_ip.h>
#include <rte_udp.h>

#include "testpmd.h"

/* 198.18.0.1 -> 198.18.0.2 (benchmarking range); spelled out because
 * RTE_IPV4() of lib/net shifts an int into its sign bit for 198
 */
#define TP_IP_SRC ((198u << 24) | (18u << 16) | 1u)
#define TP_IP_DST ((198u << 24) | (18u << 16) | 2u)

/* the packets tx_burst did not take are dropped and counted */
static inline void
tp_send(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n)
{
	uint16_t sent = 0;

	if (n != 0)
		sent = rte_eth_tx_burst(fs->tx_port, fs->tx_queue, pkts, n);
	if (unlikely(sent < n)) {
		rte_pktmbuf_free_bulk(&pkts[sent], n - sent);
		tp_add(&fs->fwd_dropped, n - sent);
	}
	tp_add(&fs->tx_packets, sent);
}

static inline uint16_t
tp_recv(struct fwd_stream *fs, struct rte_mbuf **pkts)
{
	uint16_t n = rte_eth_rx_burst(fs->rx_port, fs->rx_queue, pkts,
		fs->tp->cfg.burst);

	if (n != 0)
		tp_add(&fs->rx_packets, n);
	return n;
}

static void
tp_fwd_io(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];

	tp_send(fs, pkts, tp_recv(fs, pkts));
}

static void
tp_fwd_mac(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	struct testpmd *tp = fs->tp;
	const struct rte_ether_addr *src = &tp->ports[fs->tx_port].mac;
	const struct rte_ether_addr *dst = &tp->cfg.peer[fs->tx_port];
	struct rte_ether_hdr *eth;
	uint16_t i, n = tp_recv(fs, pkts);

	for (i = 0; i < n; i++) {
		eth = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);
		rte_ether_addr_copy(dst, &eth->dst_addr);
		rte_ether_addr_copy(src, &eth->src_addr);
	}
	tp_send(fs, pkts, n);
}

static void
tp_fwd_macswap(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	struct rte_ether_hdr *eth;
	struct rte_ether_addr tmp;
	uint16_t i, n = tp_recv(fs, pkts);

	for (i = 0; i < n; i++) {
		eth = rte_pktmbuf_mtod(pkts[i], struct rte_ether_hdr *);
		rte_ether_addr_copy(&eth->dst_addr, &tmp);
		rte_ether_addr_copy(&eth->src_addr, &eth->dst_addr);
		rte_ether_addr_copy(&tmp, &eth->src_addr);
	}
	tp_send(fs, pkts, n);
}

static void
tp_fwd_rxonly(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];
	uint16_t n = tp_recv(fs, pkts);

	if (n != 0)
		rte_pktmbuf_free_bulk(pkts, n);
}

static void
tp_fwd_txonly(struct fwd_stream *fs)
{
	struct rte_mbuf *pkts[TP_MAX_BURST];

	tp_send(fs, pkts, tp_txonly_fill(fs, pkts, fs->tp->cfg.burst));
}

const struct fwd_engine tp_engines[FWD_MODE_COUNT] = {
	[FWD_MODE_IO] = {"io", tp_fwd_io},
	[FWD_MODE_MAC] = {"mac", tp_fwd_mac},
	[FWD_MODE_MACSWAP] = {"macswap", tp_fwd_macswap},
	[FWD_MODE_TXONLY] = {"txonly", tp_fwd_txonly},
	[FWD_MODE_RXONLY] = {"rxonly", tp_fwd_rxonly},
};

/* ---------------------------------------------------------------------
 * txonly frames and their check
 * --------------------------------------------------------------------- */

static void
tp_write_headers(struct fwd_stream *fs, uint8_t *p, uint32_t len)
{
	struct testpmd *tp = fs->tp;
	struct rte_ether_hdr *eth = (struct rte_ether_hdr *)p;
	struct rte_ipv4_hdr *ip = (struct rte_ipv4_hdr *)(eth + 1);
	struct rte_udp_hdr *udp = (struct rte_udp_hdr *)(ip + 1);

	rte_ether_addr_copy(&tp->cfg.peer[fs->tx_port], &eth->dst_addr);
	rte_ether_addr_copy(&tp->ports[fs->tx_port].mac, &eth->src_addr);
	eth->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_IPV4);
	memset(ip, 0, sizeof(*ip));
	ip->version_ihl = RTE_IPV4_VHL_DEF;
	ip->time_to_live = 64;
	ip->next_proto_id = IPPROTO_UDP;
	ip->total_length = rte_cpu_to_be_16((uint16_t)(len - 14));
	ip->src_addr = rte_cpu_to_be_32(TP_IP_SRC);
	ip->dst_addr = rte_cpu_to_be_32(TP_IP_DST);
	ip->hdr_checksum = rte_ipv4_cksum(ip);
	udp->src_port = rte_cpu_to_be_16(9);
	udp->dst_port = rte_cpu_to_be_16(9);
	udp->dgram_len = rte_cpu_to_be_16((uint16_t)(len - 34));
	udp->dgram_cksum = 0;
}

/* marker and pattern after the headers: byte i is (seq + i) mod 256 */
static void
tp_write_payload(uint8_t *p, uint32_t len, uint32_t seq)
{
	uint32_t i, magic = rte_cpu_to_be_32(TP_PKT_MAGIC);
	uint32_t bseq = rte_cpu_to_be_32(seq);

	if (len < TP_PKT_HDR_LEN + TP_PKT_MARK_LEN)
		return;
	memcpy(p + TP_PKT_HDR_LEN, &magic, 4);
	memcpy(p + TP_PKT_HDR_LEN + 4, &bseq, 4);
	for (i = TP_PKT_HDR_LEN + TP_PKT_MARK_LEN; i < len; i++)
		p[i] = (uint8_t)(seq + i);
}

/* one frame over the --txpkts segments */
static struct rte_mbuf *
tp_build_one(struct fwd_stream *fs, struct rte_mempool *mp)
{
	const struct testpmd_cfg *cfg = &fs->tp->cfg;
	uint8_t frame[RTE_ETHER_MAX_LEN];
	struct rte_mbuf *head, *seg;
	uint32_t off = 0;
	unsigned int i;

	tp_write_headers(fs, frame, cfg->txpkt_len);
	tp_write_payload(frame, cfg->txpkt_len, fs->seq++);
	head = rte_pktmbuf_alloc(mp);
	if (head == NULL)
		return NULL;
	for (i = 0, seg = head; i < cfg->nb_txsegs; i++) {
		if (i > 0) {
			seg = rte_pktmbuf_alloc(mp);
			if (seg == NULL || rte_pktmbuf_chain(head, seg) != 0) {
				rte_pktmbuf_free(seg);
				rte_pktmbuf_free(head);
				return NULL;
			}
		}
		memcpy(rte_pktmbuf_mtod(seg, uint8_t *), frame + off,
			cfg->txpkts[i]);
		seg->data_len = cfg->txpkts[i];
		off += cfg->txpkts[i];
	}
	head->pkt_len = cfg->txpkt_len;
	return head;
}

uint16_t
tp_txonly_fill(struct fwd_stream *fs, struct rte_mbuf **pkts, uint16_t n)
{
	struct rte_mempool *mp = fs->tp->pool;
	uint16_t i;

	for (i = 0; i < n; i++) {
		pkts[i] = tp_build_one(fs, mp);
		if (pkts[i] == NULL)
			break;
	}
	return i;
}

/*
 * 1: a txonly frame, intact; 0: not one of ours; -1: ours but damaged
 * (wrong length, checksum, or a payload byte that differs)
 */
int
tp_pkt_check(const struct rte_mbuf *m)
{
	uint8_t buf[RTE_ETHER_MAX_LEN];
	const uint8_t *p;
	struct rte_ipv4_hdr ip;
	uint16_t cksum;
	uint32_t magic, seq, i, len = m->pkt_len;

	if (len < TP_PKT_HDR_LEN + TP_PKT_MARK_LEN || len > sizeof(buf))
		return 0;
	p = rte_pktmbuf_read(m, 0, len, buf);
	if (p == NULL)
		return -1;
	memcpy(&magic, p + TP_PKT_HDR_LEN, 4);
	if (rte_be_to_cpu_32(magic) != TP_PKT_MAGIC)
		return 0;
	memcpy(&ip, p + 14, sizeof(ip));
	cksum = ip.hdr_checksum;
	ip.hdr_checksum = 0;
	if (rte_be_to_cpu_16(ip.total_length) != len - 14 ||
			rte_ipv4_cksum(&ip) != cksum)
		return -1;
	memcpy(&seq, p + TP_PKT_HDR_LEN + 4, 4);
	seq = rte_be_to_cpu_32(seq);
	for (i = TP_PKT_HDR_LEN + TP_PKT_MARK_LEN; i < len; i++)
		if (p[i] != (uint8_t)(seq + i))
			return -1;
	return 1;
}
