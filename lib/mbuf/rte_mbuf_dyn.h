/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MBUF_DYN_H_
#define _RTE_MBUF_DYN_H_

/**
 * @file
 *
 * Dynamic mbuf fields and flags: a library or application registers a
 * field (name, size, alignment) and gets an offset inside the free area
 * of struct rte_mbuf (dynfield1), or a flag and gets a free bit of
 * ol_flags. Registrations are shared by all processes; registering the
 * same name again with the same parameters returns the same offset or
 * bit.
 */

#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Longest field or flag name, NUL included. */
#define RTE_MBUF_DYN_NAMESIZE 64

/** A dynamic field. */
struct rte_mbuf_dynfield {
	char name[RTE_MBUF_DYN_NAMESIZE]; /**< unique name */
	size_t size;                      /**< bytes */
	size_t align;                     /**< alignment, a power of 2 */
	unsigned int flags;               /**< reserved, must be 0 */
};

/** A dynamic flag. */
struct rte_mbuf_dynflag {
	char name[RTE_MBUF_DYN_NAMESIZE]; /**< unique name */
	unsigned int flags;               /**< reserved, must be 0 */
};

/**
 * Register a dynamic field at the first free offset that fits.
 *
 * @param params
 *   Name, size, alignment.
 * @return
 *   The offset in struct rte_mbuf, or -1 with rte_errno: EINVAL (bad
 *   parameters), EEXIST (name taken with other parameters), ENOENT (no
 *   room left), ENOMEM.
 */
int rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params);

/**
 * Register a dynamic field at a given offset (SIZE_MAX: any).
 *
 * @return
 *   As rte_mbuf_dynfield_register(); EBUSY when that offset is taken.
 */
int rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params,
		size_t offset);

/**
 * Find a registered dynamic field.
 *
 * @param name
 *   Its name.
 * @param params
 *   Filled with its parameters if not NULL.
 * @return
 *   Its offset, or -1 with rte_errno ENOENT.
 */
int rte_mbuf_dynfield_lookup(const char *name,
		struct rte_mbuf_dynfield *params);

/**
 * Register a dynamic flag on the first free bit of ol_flags.
 *
 * @return
 *   The bit number, or -1 with rte_errno as rte_mbuf_dynfield_register().
 */
int rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params);

/**
 * Register a dynamic flag on a given bit (UINT_MAX: any).
 *
 * @return
 *   The bit number, or -1 with rte_errno (EBUSY when the bit is taken).
 */
int rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params,
		unsigned int bitnum);

/**
 * Find a registered dynamic flag.
 *
 * @return
 *   Its bit number, or -1 with rte_errno ENOENT.
 */
int rte_mbuf_dynflag_lookup(const char *name,
		struct rte_mbuf_dynflag *params);

/** Print the registered fields and flags, and the free space. */
void rte_mbuf_dyn_dump(FILE *out);

/** Pointer to a dynamic field of an mbuf, as type (a pointer type). */
#define RTE_MBUF_DYNFIELD(m, offset, type) \
	((type)((uintptr_t)(m) + (offset)))

/** @name Names of the well-known dynamic fields and flags */
/**@{*/
#define RTE_MBUF_DYNFIELD_METADATA_NAME "rte_flow_dynfield_metadata"
#define RTE_MBUF_DYNFLAG_METADATA_NAME "rte_flow_dynflag_metadata"
#define RTE_MBUF_DYNFIELD_TIMESTAMP_NAME "rte_dynfield_timestamp"
#define RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME "rte_dynflag_rx_timestamp"
#define RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME "rte_dynflag_tx_timestamp"
/**@}*/

/** Type of the timestamp dynamic field. */
typedef uint64_t rte_mbuf_timestamp_t;

/**
 * Register the timestamp field and the receive timestamp flag.
 *
 * @param field_offset
 *   Set to the field's offset (if not NULL).
 * @param rx_flag
 *   Set to the flag's mask (if not NULL).
 * @return
 *   0, or -1 with rte_errno set.
 */
int rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag);

/** Transmit counterpart of rte_mbuf_dyn_rx_timestamp_register(). */
int rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_DYN_H_ */
