/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * UUIDs in their 36-character text form (rte_uuid.h). The parser checks
 * the whole form before it writes a byte, so a refused string leaves the
 * caller's UUID as it was.
 */

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_uuid.h>

#define UUID_TEXT_LEN 36

/* offsets of the dashes in the text form; hex digit pairs elsewhere */
static bool
uuid_dash_at(size_t i)
{
	return i == 8 || i == 13 || i == 18 || i == 23;
}

/* value of a hex digit of either case, or -1 */
static int
uuid_hex_val(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool
rte_uuid_is_null(const rte_uuid_t uu)
{
	size_t i;

	for (i = 0; i < sizeof(rte_uuid_t); i++)
		if (uu[i] != 0)
			return false;
	return true;
}

int
rte_uuid_compare(const rte_uuid_t a, const rte_uuid_t b)
{
	int diff = memcmp(a, b, sizeof(rte_uuid_t));

	return (diff > 0) - (diff < 0);
}

int
rte_uuid_parse(const char *in, rte_uuid_t uu)
{
	rte_uuid_t out;
	size_t i, n = 0;
	int hi, lo;

	if (in == NULL || strnlen(in, UUID_TEXT_LEN + 1) != UUID_TEXT_LEN)
		return -1;
	for (i = 0; i < UUID_TEXT_LEN; i += 2) {
		if (uuid_dash_at(i)) {
			if (in[i] != '-')
				return -1;
			i++;
		}
		hi = uuid_hex_val(in[i]);
		lo = uuid_hex_val(in[i + 1]);
		/* a dash in the second digit's place is refused here too */
		if (hi < 0 || lo < 0)
			return -1;
		out[n++] = (unsigned char)(hi << 4 | lo);
	}
	rte_uuid_copy(uu, out);
	return 0;
}

void
rte_uuid_unparse(const rte_uuid_t uu, char *out, size_t len)
{
	static const char digits[] = "0123456789abcdef";
	char text[RTE_UUID_STRLEN];
	size_t i, n = 0;

	if (len == 0)
		return;
	for (i = 0; i < sizeof(rte_uuid_t); i++) {
		if (uuid_dash_at(n))
			text[n++] = '-';
		text[n++] = digits[uu[i] >> 4];
		text[n++] = digits[uu[i] & 0xf];
	}
	text[n] = '\0';
	if (len > sizeof(text))
		len = sizeof(text);
	memcpy(out, text, len - 1);
	out[len - 1] = '\0';
}
