/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_ETHER_H_
#define _RTE_ETHER_H_

/**
 * @file
 * Ethernet addresses and headers.
 */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_byteorder.h>
#include <rte_mbuf.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RTE_ETHER_ADDR_LEN 6 /**< address length */
#define RTE_ETHER_TYPE_LEN 2 /**< EtherType length */
#define RTE_ETHER_CRC_LEN 4  /**< frame check sequence length */
/** Header length (two addresses and the type). */
#define RTE_ETHER_HDR_LEN \
	(RTE_ETHER_ADDR_LEN * 2 + RTE_ETHER_TYPE_LEN)
#define RTE_ETHER_MIN_LEN 64     /**< smallest frame, CRC included */
#define RTE_ETHER_MAX_LEN 1518   /**< largest untagged frame, CRC included */
/** Default MTU. */
#define RTE_ETHER_MTU (RTE_ETHER_MAX_LEN - RTE_ETHER_HDR_LEN - \
	RTE_ETHER_CRC_LEN)
#define RTE_ETHER_MAX_VLAN_FRAME_LEN (RTE_ETHER_MAX_LEN + 4) /**< tagged */
#define RTE_ETHER_MAX_JUMBO_FRAME_LEN 0x3F00 /**< largest jumbo frame */
#define RTE_ETHER_MAX_VLAN_ID 4095 /**< largest VLAN id */
#define RTE_ETHER_MIN_MTU 68       /**< smallest MTU (IPv4) */

#define RTE_ETHER_LOCAL_ADMIN_ADDR 0x02 /**< locally administered bit */
#define RTE_ETHER_GROUP_ADDR 0x01       /**< multicast bit */

/** An Ethernet address, in transmission order. */
struct rte_ether_addr {
	uint8_t addr_bytes[RTE_ETHER_ADDR_LEN]; /**< the bytes */
} __rte_aligned(2);

/** Ethernet header. */
struct rte_ether_hdr {
	struct rte_ether_addr dst_addr; /**< destination */
	struct rte_ether_addr src_addr; /**< source */
	rte_be16_t ether_type;          /**< EtherType, big endian */
} __rte_aligned(2);

/** 802.1Q tag (after the source address). */
struct rte_vlan_hdr {
	rte_be16_t vlan_tci;  /**< priority, DEI, VLAN id */
	rte_be16_t eth_proto; /**< EtherType of the payload */
} __rte_packed;

#define RTE_ETHER_TYPE_IPV4 0x0800 /**< IPv4 */
#define RTE_ETHER_TYPE_IPV6 0x86DD /**< IPv6 */
#define RTE_ETHER_TYPE_ARP 0x0806  /**< ARP */
#define RTE_ETHER_TYPE_RARP 0x8035 /**< reverse ARP */
#define RTE_ETHER_TYPE_VLAN 0x8100 /**< 802.1Q */
#define RTE_ETHER_TYPE_QINQ 0x88A8 /**< 802.1ad */
#define RTE_ETHER_TYPE_QINQ1 0x9100 /**< older QinQ */
#define RTE_ETHER_TYPE_PPPOE_DISCOVERY 0x8863 /**< PPPoE discovery */
#define RTE_ETHER_TYPE_PPPOE_SESSION 0x8864   /**< PPPoE session */
#define RTE_ETHER_TYPE_ETAG 0x893F /**< 802.1BR */
#define RTE_ETHER_TYPE_1588 0x88F7 /**< PTP */
#define RTE_ETHER_TYPE_SLOW 0x8809 /**< LACP and marker */
#define RTE_ETHER_TYPE_TEB 0x6558  /**< transparent Ethernet bridging */
#define RTE_ETHER_TYPE_LLDP 0x88CC /**< LLDP */
#define RTE_ETHER_TYPE_MPLS 0x8847 /**< MPLS unicast */
#define RTE_ETHER_TYPE_MPLSM 0x8848 /**< MPLS multicast */
#define RTE_ETHER_TYPE_ECPRI 0xAEFE /**< eCPRI */

/** Length of a formatted address with its NUL. */
#define RTE_ETHER_ADDR_FMT_SIZE 18
/** printf format of an address, with RTE_ETHER_ADDR_BYTES(). */
#define RTE_ETHER_ADDR_PRT_FMT "%02X:%02X:%02X:%02X:%02X:%02X"
/** The six bytes of an address as printf arguments. */
#define RTE_ETHER_ADDR_BYTES(mac_addrs) ((mac_addrs)->addr_bytes[0]), \
	((mac_addrs)->addr_bytes[1]), ((mac_addrs)->addr_bytes[2]), \
	((mac_addrs)->addr_bytes[3]), ((mac_addrs)->addr_bytes[4]), \
	((mac_addrs)->addr_bytes[5])

/** 1 if the two addresses are equal. */
static inline int
rte_is_same_ether_addr(const struct rte_ether_addr *ea1,
		const struct rte_ether_addr *ea2)
{
	return memcmp(ea1->addr_bytes, ea2->addr_bytes,
		RTE_ETHER_ADDR_LEN) == 0;
}

/** 1 if the address is all zeroes. */
static inline int
rte_is_zero_ether_addr(const struct rte_ether_addr *ea)
{
	static const struct rte_ether_addr zero;

	return rte_is_same_ether_addr(ea, &zero);
}

/** 1 if the address is unicast. */
static inline int
rte_is_unicast_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_GROUP_ADDR) == 0;
}

/** 1 if the address is multicast (broadcast included). */
static inline int
rte_is_multicast_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_GROUP_ADDR) != 0;
}

/** 1 if the address is ff:ff:ff:ff:ff:ff. */
static inline int
rte_is_broadcast_ether_addr(const struct rte_ether_addr *ea)
{
	static const struct rte_ether_addr bcast = {
		.addr_bytes = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff },
	};

	return rte_is_same_ether_addr(ea, &bcast);
}

/** 1 if the address is universally administered. */
static inline int
rte_is_universal_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) == 0;
}

/** 1 if the address is locally administered. */
static inline int
rte_is_local_admin_ether_addr(const struct rte_ether_addr *ea)
{
	return (ea->addr_bytes[0] & RTE_ETHER_LOCAL_ADMIN_ADDR) != 0;
}

/** 1 if the address is unicast and not zero (fit for a port). */
static inline int
rte_is_valid_assigned_ether_addr(const struct rte_ether_addr *ea)
{
	return rte_is_unicast_ether_addr(ea) && !rte_is_zero_ether_addr(ea);
}

/** Random locally administered unicast address in addr[6]. */
void rte_eth_random_addr(uint8_t *addr);

/** Copy an address. */
static inline void
rte_ether_addr_copy(const struct rte_ether_addr *ea_from,
		struct rte_ether_addr *ea_to)
{
	*ea_to = *ea_from;
}

/** Format eth_addr as "XX:XX:XX:XX:XX:XX" into buf. */
void rte_ether_format_addr(char *buf, uint16_t size,
	const struct rte_ether_addr *eth_addr);

/**
 * Parse "XX:XX:XX:XX:XX:XX", "XXXX:XXXX:XXXX" or "XXXXXXXXXXXX".
 * @return 0, or -1 with rte_errno EINVAL.
 */
int rte_ether_unformat_addr(const char *str, struct rte_ether_addr *eth_addr);

/**
 * Move the VLAN tag of m into vlan_tci (RTE_MBUF_F_RX_VLAN(_STRIPPED)).
 * @return 0, or -1 if the frame is not tagged.
 */
static inline int
rte_vlan_strip(struct rte_mbuf *m)
{
	struct rte_ether_hdr *eh = rte_pktmbuf_mtod(m, struct rte_ether_hdr *);
	struct rte_vlan_hdr *vh;

	if (eh->ether_type != rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN))
		return -1;
	vh = (struct rte_vlan_hdr *)(eh + 1);
	m->ol_flags |= RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_RX_VLAN_STRIPPED;
	m->vlan_tci = rte_be_to_cpu_16(vh->vlan_tci);
	/* slide the addresses over the tag */
	memmove(rte_pktmbuf_adj(m, sizeof(struct rte_vlan_hdr)), eh,
		2 * RTE_ETHER_ADDR_LEN);
	return 0;
}

/**
 * Insert m->vlan_tci as an 802.1Q tag.
 * @return 0, -EINVAL (shared or indirect mbuf), -ENOSPC (no headroom).
 */
static inline int
rte_vlan_insert(struct rte_mbuf **m)
{
	struct rte_ether_hdr *oh, *nh;
	struct rte_vlan_hdr *vh;

	if (!RTE_MBUF_DIRECT(*m) || rte_mbuf_refcnt_read(*m) > 1)
		return -EINVAL;
	oh = rte_pktmbuf_mtod(*m, struct rte_ether_hdr *);
	nh = (struct rte_ether_hdr *)(void *)rte_pktmbuf_prepend(*m,
		sizeof(struct rte_vlan_hdr));
	if (nh == NULL)
		return -ENOSPC;
	memmove(nh, oh, 2 * RTE_ETHER_ADDR_LEN);
	nh->ether_type = rte_cpu_to_be_16(RTE_ETHER_TYPE_VLAN);
	vh = (struct rte_vlan_hdr *)(nh + 1);
	vh->vlan_tci = rte_cpu_to_be_16((*m)->vlan_tci);
	(*m)->ol_flags &= ~(RTE_MBUF_F_RX_VLAN_STRIPPED | RTE_MBUF_F_TX_VLAN);
	if ((*m)->ol_flags & RTE_MBUF_F_TX_TCP_SEG)
		(*m)->outer_l2_len += sizeof(struct rte_vlan_hdr);
	return 0;
}

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ETHER_H_ */
