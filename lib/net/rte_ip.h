/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_IP_H_
#define _RTE_IP_H_

/**
 * @file
 * IPv4 and IPv6 headers and the Internet checksum helpers.
 */

#include <stdint.h>
#include <string.h>
#include <netinet/in.h>

#include <rte_common.h>
#include <rte_byteorder.h>
#include <rte_mbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

/** IPv4 header; multi-byte fields big endian. */
struct rte_ipv4_hdr {
	__extension__
	union {
		uint8_t version_ihl; /**< version (high) and IHL (low) */
		struct {
#if RTE_BYTE_ORDER == RTE_LITTLE_ENDIAN
			uint8_t ihl:4;     /**< header length in words */
			uint8_t version:4; /**< 4 */
#else
			uint8_t version:4; /**< 4 */
			uint8_t ihl:4;     /**< header length in words */
#endif
		};
	};
	uint8_t type_of_service;   /**< DSCP and ECN */
	rte_be16_t total_length;   /**< header plus payload */
	rte_be16_t packet_id;      /**< identification */
	rte_be16_t fragment_offset; /**< flags and offset */
	uint8_t time_to_live;      /**< TTL */
	uint8_t next_proto_id;     /**< protocol */
	rte_be16_t hdr_checksum;   /**< header checksum */
	rte_be32_t src_addr;       /**< source */
	rte_be32_t dst_addr;       /**< destination */
} __rte_packed;

/** IPv4 address from four bytes, host order. */
#define RTE_IPV4(a, b, c, d) \
	((((uint32_t)(a) & 0xff) << 24) | (((uint32_t)(b) & 0xff) << 16) | \
	(((uint32_t)(c) & 0xff) << 8) | ((uint32_t)(d) & 0xff))

#define RTE_IPV4_MAX_PKT_LEN 65535 /**< largest IPv4 packet */
#define RTE_IPV4_HDR_IHL_MASK 0x0f /**< IHL bits */
#define RTE_IPV4_IHL_MULTIPLIER 4  /**< IHL unit in bytes */
#define RTE_IPV4_VHL_DEF 0x45      /**< version 4, 20-byte header */
#define RTE_IPV4_HDR_DF_SHIFT 14   /**< don't-fragment bit */
#define RTE_IPV4_HDR_MF_SHIFT 13   /**< more-fragments bit */
#define RTE_IPV4_HDR_FO_SHIFT 3    /**< offset unit shift */
#define RTE_IPV4_HDR_DF_FLAG (1 << RTE_IPV4_HDR_DF_SHIFT)
#define RTE_IPV4_HDR_MF_FLAG (1 << RTE_IPV4_HDR_MF_SHIFT)
#define RTE_IPV4_HDR_OFFSET_MASK ((1 << RTE_IPV4_HDR_MF_SHIFT) - 1)
#define RTE_IPV4_MIN_IHL 0x5       /**< smallest IHL */
#define RTE_IPV4_MAX_IHL 0xf       /**< largest IHL */

/** IPv4 header length in bytes. */
static inline uint8_t
rte_ipv4_hdr_len(const struct rte_ipv4_hdr *ipv4_hdr)
{
	return (uint8_t)((ipv4_hdr->version_ihl & RTE_IPV4_HDR_IHL_MASK) *
		RTE_IPV4_IHL_MULTIPLIER);
}

/** Add the 16-bit words of buf (host order) to sum, without folding. */
static inline uint32_t
__rte_raw_cksum(const void *buf, size_t len, uint32_t sum)
{
	const uint8_t *p = buf;
	size_t i;

	for (i = 0; i + 1 < len; i += 2) {
		uint16_t w;

		memcpy(&w, p + i, sizeof(w));
		sum += w;
	}
	if (len & 1) {
		uint16_t w = 0;

		memcpy(&w, p + len - 1, 1);
		sum += w;
	}
	return sum;
}

/** Fold a 32-bit sum into 16 bits. */
static inline uint16_t
__rte_raw_cksum_reduce(uint32_t sum)
{
	sum = ((sum & 0xffff0000) >> 16) + (sum & 0xffff);
	sum = ((sum & 0xffff0000) >> 16) + (sum & 0xffff);
	return (uint16_t)sum;
}

/** One's complement sum of buf (not inverted). */
static inline uint16_t
rte_raw_cksum(const void *buf, size_t len)
{
	return __rte_raw_cksum_reduce(__rte_raw_cksum(buf, len, 0));
}

/**
 * One's complement sum of len bytes at offset off of a packet.
 * @return 0, or -1 if the packet is shorter.
 */
static inline int
rte_raw_cksum_mbuf(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		uint16_t *cksum)
{
	const struct rte_mbuf *seg;
	uint32_t sum = 0, done = 0, seglen;
	int odd = 0;

	if (off + len > m->pkt_len)
		return -1;
	for (seg = m; seg != NULL && off >= seg->data_len; seg = seg->next)
		off -= seg->data_len;
	for (; seg != NULL && done < len; seg = seg->next, off = 0) {
		uint32_t s;

		seglen = RTE_MIN((uint32_t)seg->data_len - off, len - done);
		s = __rte_raw_cksum(rte_pktmbuf_mtod_offset(seg, void *, off),
			seglen, 0);
		s = __rte_raw_cksum_reduce(s);
		/* a segment starting at an odd byte has its bytes swapped */
		if (odd)
			s = ((s & 0xff) << 8) | (s >> 8);
		sum += s;
		odd ^= seglen & 1;
		done += seglen;
	}
	*cksum = __rte_raw_cksum_reduce(sum);
	return 0;
}

/** IPv4 header checksum (hdr_checksum must be 0 or is ignored). */
static inline uint16_t
rte_ipv4_cksum(const struct rte_ipv4_hdr *ipv4_hdr)
{
	uint32_t sum;

	sum = __rte_raw_cksum(ipv4_hdr, rte_ipv4_hdr_len(ipv4_hdr), 0);
	/* leave the checksum field itself out */
	sum -= ipv4_hdr->hdr_checksum;
	sum = (sum & 0xffff) + (sum >> 16);
	sum = __rte_raw_cksum_reduce(sum);
	return (uint16_t)~sum == 0 ? 0xffff : (uint16_t)~sum;
}

/** Pseudo-header sum for UDP/TCP over IPv4 (offload form when TSO). */
static inline uint16_t
rte_ipv4_phdr_cksum(const struct rte_ipv4_hdr *ipv4_hdr, uint64_t ol_flags)
{
	struct {
		rte_be32_t src_addr;
		rte_be32_t dst_addr;
		uint8_t zero;
		uint8_t proto;
		rte_be16_t len;
	} __rte_packed psd;

	psd.src_addr = ipv4_hdr->src_addr;
	psd.dst_addr = ipv4_hdr->dst_addr;
	psd.zero = 0;
	psd.proto = ipv4_hdr->next_proto_id;
	if (ol_flags & (RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_UDP_SEG))
		psd.len = 0;
	else
		psd.len = rte_cpu_to_be_16((uint16_t)(
			rte_be_to_cpu_16(ipv4_hdr->total_length) -
			rte_ipv4_hdr_len(ipv4_hdr)));
	return rte_raw_cksum(&psd, sizeof(psd));
}

/** Sum of the L4 part of an IPv4 packet with its pseudo-header. */
static inline uint16_t
__rte_ipv4_udptcp_cksum(const struct rte_ipv4_hdr *ipv4_hdr,
		const void *l4_hdr)
{
	uint32_t l3_len = rte_be_to_cpu_16(ipv4_hdr->total_length);
	uint32_t ip_len = rte_ipv4_hdr_len(ipv4_hdr);
	uint32_t sum;

	if (l3_len < ip_len)
		return 0;
	sum = __rte_raw_cksum(l4_hdr, l3_len - ip_len, 0);
	sum += rte_ipv4_phdr_cksum(ipv4_hdr, 0);
	return (uint16_t)~__rte_raw_cksum_reduce(sum);
}

/** UDP or TCP checksum over IPv4 (the field in l4_hdr must be 0). */
static inline uint16_t
rte_ipv4_udptcp_cksum(const struct rte_ipv4_hdr *ipv4_hdr, const void *l4_hdr)
{
	uint16_t cksum = __rte_ipv4_udptcp_cksum(ipv4_hdr, l4_hdr);

	/* for UDP, 0 means "no checksum": send all ones instead */
	if (cksum == 0 && ipv4_hdr->next_proto_id == IPPROTO_UDP)
		cksum = 0xffff;
	return cksum;
}

/** 1 if the UDP/TCP checksum over IPv4 verifies, else 0. */
static inline int
rte_ipv4_udptcp_cksum_verify(const struct rte_ipv4_hdr *ipv4_hdr,
		const void *l4_hdr)
{
	return __rte_ipv4_udptcp_cksum(ipv4_hdr, l4_hdr) == 0;
}

/** IPv6 header; multi-byte fields big endian. */
struct rte_ipv6_hdr {
	rte_be32_t vtc_flow;     /**< version, traffic class, flow label */
	rte_be16_t payload_len;  /**< payload length */
	uint8_t proto;           /**< next header */
	uint8_t hop_limits;      /**< hop limit */
	uint8_t src_addr[16];    /**< source */
	uint8_t dst_addr[16];    /**< destination */
} __rte_packed;

#define RTE_IPV6_HDR_FL_SHIFT 0  /**< flow label shift */
#define RTE_IPV6_HDR_TC_SHIFT 20 /**< traffic class shift */
#define RTE_IPV6_HDR_FL_MASK ((1u << RTE_IPV6_HDR_TC_SHIFT) - 1)
#define RTE_IPV6_HDR_TC_MASK (0xffu << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_DSCP_MASK (0xfcu << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_ECN_MASK (0x03u << RTE_IPV6_HDR_TC_SHIFT)
#define RTE_IPV6_HDR_ECN_CE RTE_IPV6_HDR_ECN_MASK
#define RTE_IPV6_MIN_MTU 1280 /**< smallest IPv6 MTU */

/** Pseudo-header sum for UDP/TCP over IPv6. */
static inline uint16_t
rte_ipv6_phdr_cksum(const struct rte_ipv6_hdr *ipv6_hdr, uint64_t ol_flags)
{
	uint32_t sum;
	struct {
		rte_be32_t len;
		rte_be32_t proto;
	} psd;

	if (ol_flags & (RTE_MBUF_F_TX_TCP_SEG | RTE_MBUF_F_TX_UDP_SEG))
		psd.len = 0;
	else
		psd.len = rte_cpu_to_be_32(
			rte_be_to_cpu_16(ipv6_hdr->payload_len));
	psd.proto = rte_cpu_to_be_32(ipv6_hdr->proto);
	sum = __rte_raw_cksum(ipv6_hdr->src_addr,
		sizeof(ipv6_hdr->src_addr) + sizeof(ipv6_hdr->dst_addr), 0);
	sum = __rte_raw_cksum(&psd, sizeof(psd), sum);
	return __rte_raw_cksum_reduce(sum);
}

/** Sum of the L4 part of an IPv6 packet with its pseudo-header. */
static inline uint16_t
__rte_ipv6_udptcp_cksum(const struct rte_ipv6_hdr *ipv6_hdr,
		const void *l4_hdr)
{
	uint32_t sum;

	sum = __rte_raw_cksum(l4_hdr, rte_be_to_cpu_16(ipv6_hdr->payload_len),
		0);
	sum += rte_ipv6_phdr_cksum(ipv6_hdr, 0);
	return (uint16_t)~__rte_raw_cksum_reduce(sum);
}

/** UDP or TCP checksum over IPv6 (the field in l4_hdr must be 0). */
static inline uint16_t
rte_ipv6_udptcp_cksum(const struct rte_ipv6_hdr *ipv6_hdr, const void *l4_hdr)
{
	uint16_t cksum = __rte_ipv6_udptcp_cksum(ipv6_hdr, l4_hdr);

	if (cksum == 0)
		cksum = 0xffff;
	return cksum;
}

/** 1 if the UDP/TCP checksum over IPv6 verifies, else 0. */
static inline int
rte_ipv6_udptcp_cksum_verify(const struct rte_ipv6_hdr *ipv6_hdr,
		const void *l4_hdr)
{
	return __rte_ipv6_udptcp_cksum(ipv6_hdr, l4_hdr) == 0;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_IP_H_ */
