/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MBUF_CORE_H_
#define _RTE_MBUF_CORE_H_

/**
 * @file
 * The packet buffer structure and its flags. The layout (two cache lines,
 * Rx-written fields in the first) is the one DPDK 22.11 drivers expect.
 */

#include <limits.h>
#include <stdint.h>

#include <rte_common.h>
#include <rte_byteorder.h>
#include <rte_memory.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Rx offload flags ---- */
/** The packet carries a VLAN tag; vlan_tci holds it. */
#define RTE_MBUF_F_RX_VLAN (1ULL << 0)
/** hash.rss is valid. */
#define RTE_MBUF_F_RX_RSS_HASH (1ULL << 1)
/** hash.fdir is valid. */
#define RTE_MBUF_F_RX_FDIR (1ULL << 2)
/** Outer IP checksum is bad. */
#define RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD (1ULL << 5)
/** The VLAN tag was stripped into vlan_tci. */
#define RTE_MBUF_F_RX_VLAN_STRIPPED (1ULL << 6)
/** IP checksum state mask and values. */
#define RTE_MBUF_F_RX_IP_CKSUM_MASK ((1ULL << 4) | (1ULL << 7))
#define RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN 0
#define RTE_MBUF_F_RX_IP_CKSUM_BAD (1ULL << 4)
#define RTE_MBUF_F_RX_IP_CKSUM_GOOD (1ULL << 7)
#define RTE_MBUF_F_RX_IP_CKSUM_NONE ((1ULL << 4) | (1ULL << 7))
/** L4 checksum state mask and values. */
#define RTE_MBUF_F_RX_L4_CKSUM_MASK ((1ULL << 3) | (1ULL << 8))
#define RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN 0
#define RTE_MBUF_F_RX_L4_CKSUM_BAD (1ULL << 3)
#define RTE_MBUF_F_RX_L4_CKSUM_GOOD (1ULL << 8)
#define RTE_MBUF_F_RX_L4_CKSUM_NONE ((1ULL << 3) | (1ULL << 8))
/** IEEE1588 PTP packet. */
#define RTE_MBUF_F_RX_IEEE1588_PTP (1ULL << 9)
/** IEEE1588 timestamped packet. */
#define RTE_MBUF_F_RX_IEEE1588_TMST (1ULL << 10)
/** FDIR id reported. */
#define RTE_MBUF_F_RX_FDIR_ID (1ULL << 13)
/** FDIR flexible bytes reported. */
#define RTE_MBUF_F_RX_FDIR_FLX (1ULL << 14)
/** Outer VLAN stripped. */
#define RTE_MBUF_F_RX_QINQ_STRIPPED (1ULL << 15)
/** LRO packet. */
#define RTE_MBUF_F_RX_LRO (1ULL << 16)
/** A security offload (inline IPsec...) processed the packet. */
#define RTE_MBUF_F_RX_SEC_OFFLOAD (1ULL << 18)
/** The security offload failed on the packet. */
#define RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED (1ULL << 19)
/** Double VLAN present. */
#define RTE_MBUF_F_RX_QINQ (1ULL << 20)
/** Outer L4 checksum state: mask and values. */
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK ((1ULL << 21) | (1ULL << 22))
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN 0
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD (1ULL << 21)
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD (1ULL << 22)
#define RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID ((1ULL << 21) | (1ULL << 22))

/** First ol_flags bit left to dynamic flags (rte_mbuf_dyn.h). */
#define RTE_MBUF_F_FIRST_FREE (1ULL << 23)
/** Last ol_flags bit left to dynamic flags. */
#define RTE_MBUF_F_LAST_FREE (1ULL << 40)

/* ---- Tx offload flags ---- */
/** Outer UDP checksum offload. */
#define RTE_MBUF_F_TX_OUTER_UDP_CKSUM (1ULL << 41)
/** UDP segmentation offload. */
#define RTE_MBUF_F_TX_UDP_SEG (1ULL << 42)
/** Security offload. */
#define RTE_MBUF_F_TX_SEC_OFFLOAD (1ULL << 43)
/** MACsec offload. */
#define RTE_MBUF_F_TX_MACSEC (1ULL << 44)
/** Tunnel type of a Tx packet (4 bits): mask and values. */
#define RTE_MBUF_F_TX_TUNNEL_VXLAN (0x1ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GRE (0x2ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_IPIP (0x3ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GENEVE (0x4ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_MPLSINUDP (0x5ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE (0x6ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_GTP (0x7ULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_ESP (0x8ULL << 45)
/** Generic IP-in-IP tunnel the NIC need not parse. */
#define RTE_MBUF_F_TX_TUNNEL_IP (0xDULL << 45)
/** Generic UDP tunnel the NIC need not parse. */
#define RTE_MBUF_F_TX_TUNNEL_UDP (0xEULL << 45)
#define RTE_MBUF_F_TX_TUNNEL_MASK (0xFULL << 45)
/** Double VLAN insertion. */
#define RTE_MBUF_F_TX_QINQ (1ULL << 49)
/** TCP segmentation offload. */
#define RTE_MBUF_F_TX_TCP_SEG (1ULL << 50)
/** Tx IEEE1588 timestamp. */
#define RTE_MBUF_F_TX_IEEE1588_TMST (1ULL << 51)
/** L4 checksum request: mask and values. */
#define RTE_MBUF_F_TX_L4_NO_CKSUM (0ULL << 52)
#define RTE_MBUF_F_TX_TCP_CKSUM (1ULL << 52)
#define RTE_MBUF_F_TX_SCTP_CKSUM (2ULL << 52)
#define RTE_MBUF_F_TX_UDP_CKSUM (3ULL << 52)
#define RTE_MBUF_F_TX_L4_MASK (3ULL << 52)
/** IP checksum offload. */
#define RTE_MBUF_F_TX_IP_CKSUM (1ULL << 54)
/** The packet is IPv4. */
#define RTE_MBUF_F_TX_IPV4 (1ULL << 55)
/** The packet is IPv6. */
#define RTE_MBUF_F_TX_IPV6 (1ULL << 56)
/** VLAN insertion. */
#define RTE_MBUF_F_TX_VLAN (1ULL << 57)
/** Outer IP checksum offload. */
#define RTE_MBUF_F_TX_OUTER_IP_CKSUM (1ULL << 58)
/** Outer IPv4. */
#define RTE_MBUF_F_TX_OUTER_IPV4 (1ULL << 59)
/** Outer IPv6. */
#define RTE_MBUF_F_TX_OUTER_IPV6 (1ULL << 60)

/* ---- attach flags ---- */
/** The mbuf points at an external buffer (shinfo). */
#define RTE_MBUF_F_EXTERNAL (1ULL << 61)
/** The mbuf is indirect: its data belongs to another mbuf. */
#define RTE_MBUF_F_INDIRECT (1ULL << 62)

/** Every Tx flag. */
#define RTE_MBUF_F_TX_OFFLOAD_MASK (RTE_MBUF_F_TX_OUTER_UDP_CKSUM | \
	RTE_MBUF_F_TX_UDP_SEG | RTE_MBUF_F_TX_SEC_OFFLOAD | \
	RTE_MBUF_F_TX_MACSEC | RTE_MBUF_F_TX_TUNNEL_MASK | \
	RTE_MBUF_F_TX_QINQ | RTE_MBUF_F_TX_TCP_SEG | \
	RTE_MBUF_F_TX_IEEE1588_TMST | RTE_MBUF_F_TX_L4_MASK | \
	RTE_MBUF_F_TX_IP_CKSUM | RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6 | \
	RTE_MBUF_F_TX_VLAN | RTE_MBUF_F_TX_OUTER_IP_CKSUM | \
	RTE_MBUF_F_TX_OUTER_IPV4 | RTE_MBUF_F_TX_OUTER_IPV6)

/* older names apps still use */
#define PKT_RX_VLAN RTE_MBUF_F_RX_VLAN
#define PKT_RX_RSS_HASH RTE_MBUF_F_RX_RSS_HASH
#define PKT_TX_IP_CKSUM RTE_MBUF_F_TX_IP_CKSUM
#define PKT_TX_IPV4 RTE_MBUF_F_TX_IPV4
#define PKT_TX_IPV6 RTE_MBUF_F_TX_IPV6
#define PKT_TX_TCP_CKSUM RTE_MBUF_F_TX_TCP_CKSUM
#define PKT_TX_UDP_CKSUM RTE_MBUF_F_TX_UDP_CKSUM
#define PKT_TX_VLAN RTE_MBUF_F_TX_VLAN
#define IND_ATTACHED_MBUF RTE_MBUF_F_INDIRECT

/* widths of the tx_offload bit-fields, in their order from bit 0 */
#define RTE_MBUF_L2_LEN_BITS 7
#define RTE_MBUF_L3_LEN_BITS 9
#define RTE_MBUF_L4_LEN_BITS 8
#define RTE_MBUF_TSO_SEGSZ_BITS 16
#define RTE_MBUF_OUTL3_LEN_BITS 9
#define RTE_MBUF_OUTL2_LEN_BITS 7
#define RTE_MBUF_TXOFLD_UNUSED_BITS (sizeof(uint64_t) * CHAR_BIT - \
	RTE_MBUF_L2_LEN_BITS - RTE_MBUF_L3_LEN_BITS - \
	RTE_MBUF_L4_LEN_BITS - RTE_MBUF_TSO_SEGSZ_BITS - \
	RTE_MBUF_OUTL3_LEN_BITS - RTE_MBUF_OUTL2_LEN_BITS)

/** Largest nb_segs. */
#define RTE_MBUF_MAX_NB_SEGS UINT16_MAX

/** Scheduler fields of hash. */
struct rte_mbuf_sched {
	uint32_t queue_id;   /**< queue */
	uint8_t traffic_class; /**< class */
	uint8_t color;       /**< color */
	uint16_t reserved;   /**< unused */
};

struct rte_mbuf_ext_shared_info;

/** A packet buffer (segment). */
struct rte_mbuf {
	RTE_MARKER cacheline0;

	void *buf_addr; /**< start of the buffer (headroom included) */
	RTE_STD_C11
	union {
		rte_iova_t buf_iova; /**< IO address of buf_addr */
		rte_iova_t buf_physaddr; /**< older name */
	};

	/* the next 8 bytes are rewritten as one word by Rx paths */
	RTE_MARKER64 rearm_data;
	uint16_t data_off; /**< offset of the data in the buffer */
	RTE_STD_C11
	union {
		uint16_t refcnt; /**< references to this buffer */
	};
	uint16_t nb_segs; /**< segments of the packet (first segment) */
	uint16_t port;    /**< input port */

	uint64_t ol_flags; /**< RTE_MBUF_F_* */

	RTE_MARKER rx_descriptor_fields1;

	RTE_STD_C11
	union {
		uint32_t packet_type; /**< RTE_PTYPE_* */
		__extension__
		struct {
			uint8_t l2_type:4;   /**< L2 type */
			uint8_t l3_type:4;   /**< L3 type */
			uint8_t l4_type:4;   /**< L4 type */
			uint8_t tun_type:4;  /**< tunnel type */
			uint8_t inner_l2_type:4; /**< inner L2 type */
			uint8_t inner_l3_type:4; /**< inner L3 type */
			uint8_t inner_l4_type:4; /**< inner L4 type */
		};
	};

	uint32_t pkt_len;  /**< packet length: sum of data_len */
	uint16_t data_len; /**< data in this segment */
	uint16_t vlan_tci; /**< VLAN TCI (host order) */

	RTE_STD_C11
	union {
		union {
			uint32_t rss; /**< RSS hash */
			struct {
				union {
					__extension__
					struct {
						uint16_t hash; /**< hash */
						uint16_t id;   /**< id */
					};
					uint32_t lo; /**< low word */
				};
				uint32_t hi; /**< high word */
			} fdir; /**< flow director */
			struct rte_mbuf_sched sched; /**< scheduler */
			struct {
				uint32_t reserved1; /**< unused */
				uint16_t reserved2; /**< unused */
				uint16_t txq; /**< Tx queue */
			} txadapter; /**< event Tx adapter */
			uint32_t usr; /**< user data */
		} hash; /**< hash information */
	};

	uint16_t vlan_tci_outer; /**< outer VLAN TCI */
	uint16_t buf_len; /**< buffer length */

	struct rte_mempool *pool; /**< pool of this mbuf */

	/* second cache line: Tx and slow-path fields */
	RTE_MARKER cacheline1 __rte_cache_min_aligned;

	struct rte_mbuf *next; /**< next segment, or NULL */

	RTE_STD_C11
	union {
		uint64_t tx_offload; /**< all the Tx lengths */
		__extension__
		struct {
			/** L2 header length */
			uint64_t l2_len:RTE_MBUF_L2_LEN_BITS;
			/** L3 header length */
			uint64_t l3_len:RTE_MBUF_L3_LEN_BITS;
			/** L4 header length */
			uint64_t l4_len:RTE_MBUF_L4_LEN_BITS;
			/** TSO segment size */
			uint64_t tso_segsz:RTE_MBUF_TSO_SEGSZ_BITS;
			/** outer L3 length */
			uint64_t outer_l3_len:RTE_MBUF_OUTL3_LEN_BITS;
			/** outer L2 length */
			uint64_t outer_l2_len:RTE_MBUF_OUTL2_LEN_BITS;
		};
	};

	/** external buffer information (RTE_MBUF_F_EXTERNAL) */
	struct rte_mbuf_ext_shared_info *shinfo;

	uint16_t priv_size; /**< private area between mbuf and buffer */
	uint16_t timesync;  /**< timesync flags */
	uint32_t dynfield1[9]; /**< dynamic fields */
} __rte_cache_aligned;

/** Callback freeing an external buffer. */
typedef void (*rte_mbuf_extbuf_free_callback_t)(void *addr, void *opaque);

/** Shared information of an external buffer. */
struct rte_mbuf_ext_shared_info {
	rte_mbuf_extbuf_free_callback_t free_cb; /**< release */
	void *fcb_opaque;                        /**< its argument */
	uint16_t refcnt;                         /**< references */
};

/** 1 if the mbuf data is another mbuf's (indirect). */
#define RTE_MBUF_CLONED(mb) ((mb)->ol_flags & RTE_MBUF_F_INDIRECT)
/** 1 if the mbuf uses an external buffer. */
#define RTE_MBUF_HAS_EXTBUF(mb) ((mb)->ol_flags & RTE_MBUF_F_EXTERNAL)
/** 1 if the mbuf uses a pinned external buffer (its pool's). */
#define RTE_MBUF_HAS_PINNED_EXTBUF(mb) rte_mbuf_has_pinned_extbuf(mb)
/** 1 if the mbuf owns its buffer. */
#define RTE_MBUF_DIRECT(mb) \
	(!((mb)->ol_flags & (RTE_MBUF_F_INDIRECT | RTE_MBUF_F_EXTERNAL)))
/** Older name of RTE_MBUF_CLONED. */
#define RTE_MBUF_INDIRECT(mb) RTE_MBUF_CLONED(mb)

/** Default headroom. */
#ifndef RTE_PKTMBUF_HEADROOM
#define RTE_PKTMBUF_HEADROOM 128
#endif
/** Default data room: 2 KiB of data plus the headroom. */
#define RTE_MBUF_DEFAULT_DATAROOM 2048
/** Default buffer size for rte_pktmbuf_pool_create(). */
#define RTE_MBUF_DEFAULT_BUF_SIZE \
	(RTE_MBUF_DEFAULT_DATAROOM + RTE_PKTMBUF_HEADROOM)

/** Pointer at offset o of the data of mbuf m, as type t. */
#define rte_pktmbuf_mtod_offset(m, t, o) \
	((t)(void *)((char *)(m)->buf_addr + (m)->data_off + (o)))
/** Pointer to the data of mbuf m, as type t. */
#define rte_pktmbuf_mtod(m, t) rte_pktmbuf_mtod_offset(m, t, 0)
/** IO address at offset o of the data. */
#define rte_pktmbuf_iova_offset(m, o) \
	(rte_iova_t)((m)->buf_iova + (m)->data_off + (o))
/** IO address of the data. */
#define rte_pktmbuf_iova(m) rte_pktmbuf_iova_offset(m, 0)
/** Packet length. */
#define rte_pktmbuf_pkt_len(m) ((m)->pkt_len)
/** Segment data length. */
#define rte_pktmbuf_data_len(m) ((m)->data_len)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_CORE_H_ */
