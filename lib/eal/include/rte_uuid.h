/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Universally unique identifiers (RFC 4122): 16 bytes, written as 36
 * characters "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx" of hex digits in the
 * bytes' order. The functions mirror libuuid's, with an rte_ prefix;
 * drivers use them for device and VF tokens.
 */
#ifndef _RTE_UUID_H_
#define _RTE_UUID_H_

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A UUID: its 16 bytes in the order they are written. */
typedef unsigned char rte_uuid_t[16];

/** @internal Byte n (0 = least significant) of the integer x. */
#define RTE_UUID_BYTE_(x, n) (((x) >> (8 * (n))) & 0xff)

/**
 * Initializer of an rte_uuid_t from the five fields of its text form,
 * as integers: RTE_UUID_INIT(0x12345678, 0x9abc, 0xdef0, 0x1234,
 * 0x56789abcdef0ULL) is 12345678-9abc-def0-1234-56789abcdef0. For
 * static tables of known ids.
 *
 * @param a
 *   The first 32 bits.
 * @param b
 *   The next 16 bits.
 * @param c
 *   The next 16 bits.
 * @param d
 *   The next 16 bits.
 * @param e
 *   The last 48 bits (a 64-bit constant).
 */
#define RTE_UUID_INIT(a, b, c, d, e) { \
	RTE_UUID_BYTE_(a, 3), RTE_UUID_BYTE_(a, 2), \
	RTE_UUID_BYTE_(a, 1), RTE_UUID_BYTE_(a, 0), \
	RTE_UUID_BYTE_(b, 1), RTE_UUID_BYTE_(b, 0), \
	RTE_UUID_BYTE_(c, 1), RTE_UUID_BYTE_(c, 0), \
	RTE_UUID_BYTE_(d, 1), RTE_UUID_BYTE_(d, 0), \
	RTE_UUID_BYTE_(e, 5), RTE_UUID_BYTE_(e, 4), \
	RTE_UUID_BYTE_(e, 3), RTE_UUID_BYTE_(e, 2), \
	RTE_UUID_BYTE_(e, 1), RTE_UUID_BYTE_(e, 0) \
}

/** Size of the buffer rte_uuid_unparse() needs: 36 characters and NUL. */
#define RTE_UUID_STRLEN (36 + 1)

/**
 * Test for the null UUID.
 *
 * @param uu
 *   The UUID to test.
 * @return
 *   true if all 16 bytes of uu are zero.
 */
bool rte_uuid_is_null(const rte_uuid_t uu);

/**
 * Copy a UUID.
 *
 * @param dst
 *   Where to copy to.
 * @param src
 *   The UUID to copy.
 */
static inline void
rte_uuid_copy(rte_uuid_t dst, const rte_uuid_t src)
{
	memcpy(dst, src, sizeof(rte_uuid_t));
}

/**
 * Compare two UUIDs, in the order of their text forms.
 *
 * @param a
 *   A UUID.
 * @param b
 *   Another UUID.
 * @return
 *   Less than, equal to or greater than zero when a sorts before, with
 *   or after b (bytes compared as unsigned, first byte first).
 */
int rte_uuid_compare(const rte_uuid_t a, const rte_uuid_t b);

/**
 * Parse the text form of a UUID.
 *
 * The string must be exactly 36 characters: dashes at offsets 8, 13, 18
 * and 23 and hex digits, of either case, everywhere else.
 *
 * @param in
 *   The string, NUL-terminated.
 * @param uu
 *   Where to store the UUID; left untouched on error.
 * @return
 *   0 on success, -1 if in is not a UUID in that form.
 */
int rte_uuid_parse(const char *in, rte_uuid_t uu);

/**
 * Write the text form of a UUID, in lowercase.
 *
 * Like snprintf(), at most len - 1 characters are written and then a
 * NUL, so RTE_UUID_STRLEN bytes hold the whole string; a shorter buffer
 * gets its prefix, len 0 gets nothing.
 *
 * @param uu
 *   The UUID to format.
 * @param out
 *   The buffer to write to.
 * @param len
 *   The size of out.
 */
void rte_uuid_unparse(const rte_uuid_t uu, char *out, size_t len);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_UUID_H_ */
