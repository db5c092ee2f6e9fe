/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MBUF_PTYPE_H_
#define _RTE_MBUF_PTYPE_H_

/**
 * @file
 * Packet types (rte_mbuf.packet_type): one 4-bit field per layer, outer
 * L2/L3/L4, tunnel, then inner L2/L3/L4. Values as in DPDK 22.11.
 */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Unknown or unrecognised packet type. */
#define RTE_PTYPE_UNKNOWN 0x00000000

/* l2 */
#define RTE_PTYPE_L2_ETHER 0x00000001 /**< ether */
#define RTE_PTYPE_L2_ETHER_TIMESYNC 0x00000002 /**< ether timesync */
#define RTE_PTYPE_L2_ETHER_ARP 0x00000003 /**< ether arp */
#define RTE_PTYPE_L2_ETHER_LLDP 0x00000004 /**< ether lldp */
#define RTE_PTYPE_L2_ETHER_NSH 0x00000005 /**< ether nsh */
#define RTE_PTYPE_L2_ETHER_VLAN 0x00000006 /**< ether vlan */
#define RTE_PTYPE_L2_ETHER_QINQ 0x00000007 /**< ether qinq */
#define RTE_PTYPE_L2_ETHER_PPPOE 0x00000008 /**< ether pppoe */
#define RTE_PTYPE_L2_ETHER_FCOE 0x00000009 /**< ether fcoe */
#define RTE_PTYPE_L2_ETHER_MPLS 0x0000000a /**< ether mpls */
#define RTE_PTYPE_L2_MASK 0x0000000f /**< l2 field */

/* l3 */
#define RTE_PTYPE_L3_IPV4 0x00000010 /**< ipv4 */
#define RTE_PTYPE_L3_IPV4_EXT 0x00000030 /**< ipv4 ext */
#define RTE_PTYPE_L3_IPV6 0x00000040 /**< ipv6 */
#define RTE_PTYPE_L3_IPV4_EXT_UNKNOWN 0x00000090 /**< ipv4 ext unknown */
#define RTE_PTYPE_L3_IPV6_EXT 0x000000c0 /**< ipv6 ext */
#define RTE_PTYPE_L3_IPV6_EXT_UNKNOWN 0x000000e0 /**< ipv6 ext unknown */
#define RTE_PTYPE_L3_MASK 0x000000f0 /**< l3 field */

/* l4 */
#define RTE_PTYPE_L4_TCP 0x00000100 /**< tcp */
#define RTE_PTYPE_L4_UDP 0x00000200 /**< udp */
#define RTE_PTYPE_L4_FRAG 0x00000300 /**< frag */
#define RTE_PTYPE_L4_SCTP 0x00000400 /**< sctp */
#define RTE_PTYPE_L4_ICMP 0x00000500 /**< icmp */
#define RTE_PTYPE_L4_NONFRAG 0x00000600 /**< nonfrag */
#define RTE_PTYPE_L4_IGMP 0x00000700 /**< igmp */
#define RTE_PTYPE_L4_MASK 0x00000f00 /**< l4 field */

/* tunnel */
#define RTE_PTYPE_TUNNEL_IP 0x00001000 /**< ip */
#define RTE_PTYPE_TUNNEL_GRE 0x00002000 /**< gre */
#define RTE_PTYPE_TUNNEL_VXLAN 0x00003000 /**< vxlan */
#define RTE_PTYPE_TUNNEL_NVGRE 0x00004000 /**< nvgre */
#define RTE_PTYPE_TUNNEL_GENEVE 0x00005000 /**< geneve */
#define RTE_PTYPE_TUNNEL_GRENAT 0x00006000 /**< grenat */
#define RTE_PTYPE_TUNNEL_GTPC 0x00007000 /**< gtpc */
#define RTE_PTYPE_TUNNEL_GTPU 0x00008000 /**< gtpu */
#define RTE_PTYPE_TUNNEL_ESP 0x00009000 /**< esp */
#define RTE_PTYPE_TUNNEL_L2TP 0x0000a000 /**< l2tp */
#define RTE_PTYPE_TUNNEL_VXLAN_GPE 0x0000b000 /**< vxlan gpe */
#define RTE_PTYPE_TUNNEL_MPLS_IN_GRE 0x0000c000 /**< mpls in gre */
#define RTE_PTYPE_TUNNEL_MPLS_IN_UDP 0x0000d000 /**< mpls in udp */
#define RTE_PTYPE_TUNNEL_MASK 0x0000f000 /**< tunnel field */

/* inner l2 */
#define RTE_PTYPE_INNER_L2_ETHER 0x00010000 /**< ether */
#define RTE_PTYPE_INNER_L2_ETHER_VLAN 0x00020000 /**< ether vlan */
#define RTE_PTYPE_INNER_L2_ETHER_QINQ 0x00030000 /**< ether qinq */
#define RTE_PTYPE_INNER_L2_MASK 0x000f0000 /**< inner l2 field */

/* inner l3 */
#define RTE_PTYPE_INNER_L3_IPV4 0x00100000 /**< ipv4 */
#define RTE_PTYPE_INNER_L3_IPV4_EXT 0x00200000 /**< ipv4 ext */
#define RTE_PTYPE_INNER_L3_IPV6 0x00300000 /**< ipv6 */
#define RTE_PTYPE_INNER_L3_IPV4_EXT_UNKNOWN 0x00400000 /**< ipv4 ext unknown */
#define RTE_PTYPE_INNER_L3_IPV6_EXT 0x00500000 /**< ipv6 ext */
#define RTE_PTYPE_INNER_L3_IPV6_EXT_UNKNOWN 0x00600000 /**< ipv6 ext unknown */
#define RTE_PTYPE_INNER_L3_MASK 0x00f00000 /**< inner l3 field */

/* inner l4 */
#define RTE_PTYPE_INNER_L4_TCP 0x01000000 /**< tcp */
#define RTE_PTYPE_INNER_L4_UDP 0x02000000 /**< udp */
#define RTE_PTYPE_INNER_L4_FRAG 0x03000000 /**< frag */
#define RTE_PTYPE_INNER_L4_SCTP 0x04000000 /**< sctp */
#define RTE_PTYPE_INNER_L4_ICMP 0x05000000 /**< icmp */
#define RTE_PTYPE_INNER_L4_NONFRAG 0x06000000 /**< nonfrag */
#define RTE_PTYPE_INNER_L4_MASK 0x0f000000 /**< inner l4 field */

/** Every packet type bit. */
#define RTE_PTYPE_ALL_MASK 0x0fffffff

/** True if the outer L3 is IPv4 (any form). */
#define RTE_ETH_IS_IPV4_HDR(ptype) ((ptype) & RTE_PTYPE_L3_IPV4)
/** True if the outer L3 is IPv6 (any form). */
#define RTE_ETH_IS_IPV6_HDR(ptype) ((ptype) & RTE_PTYPE_L3_IPV6)
/** True if the packet is tunnelled. */
#define RTE_ETH_IS_TUNNEL_PKT(ptype) ((ptype) & \
	(RTE_PTYPE_TUNNEL_MASK | RTE_PTYPE_INNER_L2_MASK | \
	 RTE_PTYPE_INNER_L3_MASK | RTE_PTYPE_INNER_L4_MASK))

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_PTYPE_H_ */
