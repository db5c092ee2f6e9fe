/* SPDX-License-Identifier: BSD-3-Clause */
/* Ethernet address formatting, parsing and random generation. */
#include <ctype.h>
#include <errno.h>
#include <stdio.h>

#include <rte_errno.h>
#include <rte_random.h>

#include "rte_ether.h"

void
rte_eth_random_addr(uint8_t *addr)
{
	uint64_t rand = rte_rand();
	unsigned int i;

	for (i = 0; i < RTE_ETHER_ADDR_LEN; i++)
		addr[i] = (uint8_t)(rand >> (8 * i));
	addr[0] &= (uint8_t)~RTE_ETHER_GROUP_ADDR;
	addr[0] |= RTE_ETHER_LOCAL_ADMIN_ADDR;
}

void
rte_ether_format_addr(char *buf, uint16_t size,
	const struct rte_ether_addr *eth_addr)
{
	snprintf(buf, size, RTE_ETHER_ADDR_PRT_FMT,
		RTE_ETHER_ADDR_BYTES(eth_addr));
}

static int
ether_hex(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/*
 * parse groups of hex digits separated by ':' (or '-'); each group of
 * group_len digits gives group_len / 2 bytes
 */
static int
ether_parse_groups(const char *s, struct rte_ether_addr *ea,
		unsigned int group_len)
{
	unsigned int byte = 0, nib = 0, n_in_group = 0;
	uint8_t out[RTE_ETHER_ADDR_LEN] = { 0 };

	for (; *s != '\0'; s++) {
		int v = ether_hex(*s);

		if (v < 0) {
			if ((*s != ':' && *s != '-') || n_in_group != group_len)
				return -1;
			n_in_group = 0;
			continue;
		}
		if (byte >= RTE_ETHER_ADDR_LEN || n_in_group >= group_len)
			return -1;
		out[byte] = (uint8_t)((out[byte] << 4) | v);
		n_in_group++;
		if (++nib == 2) {
			nib = 0;
			byte++;
		}
	}
	if (byte != RTE_ETHER_ADDR_LEN || nib != 0 || n_in_group != group_len)
		return -1;
	memcpy(ea->addr_bytes, out, sizeof(out));
	return 0;
}

int
rte_ether_unformat_addr(const char *s, struct rte_ether_addr *ea)
{
	size_t len;
	int ret = -1;

	if (s == NULL || ea == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	len = strlen(s);
	if (len == 17)
		ret = ether_parse_groups(s, ea, 2);
	else if (len == 14)
		ret = ether_parse_groups(s, ea, 4);
	else if (len == 12)
		ret = ether_parse_groups(s, ea, 12);
	if (ret != 0)
		rte_errno = EINVAL;
	return ret;
}
