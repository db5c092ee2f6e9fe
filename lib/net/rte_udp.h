/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_UDP_H_
#define _RTE_UDP_H_

/**
 * @file
 * UDP header.
 */

#include <stdint.h>

#include <rte_byteorder.h>

#ifdef __cplusplus
extern "C" {
#endif

/** UDP header; every field big endian. */
struct rte_udp_hdr {
	rte_be16_t src_port;    /**< source port */
	rte_be16_t dst_port;    /**< destination port */
	rte_be16_t dgram_len;   /**< header plus payload length */
	rte_be16_t dgram_cksum; /**< checksum, 0 if none (IPv4) */
} __rte_packed;

#ifdef __cplusplus
}
#endif

#endif /* _RTE_UDP_H_ */
