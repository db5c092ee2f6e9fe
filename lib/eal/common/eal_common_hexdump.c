/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hex dumps for debugging.
 */

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_common.h>
#include <rte_hexdump.h>

#define HEXDUMP_BYTES_PER_LINE 16

/* one line: offset, hex bytes padded to a full line, printable ASCII */
static void
hexdump_line(FILE *f, const uint8_t *data, unsigned int ofs,
		unsigned int n)
{
	unsigned int i;

	fprintf(f, "%08X:", ofs);
	for (i = 0; i < HEXDUMP_BYTES_PER_LINE; i++) {
		if (i < n)
			fprintf(f, " %02X", data[ofs + i]);
		else
			fprintf(f, "   ");
	}
	fprintf(f, " | ");
	for (i = 0; i < n; i++) {
		int c = data[ofs + i];

		fputc(isprint(c) ? c : '.', f);
	}
	fputc('\n', f);
}

void
rte_hexdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const uint8_t *data = buf;
	unsigned int ofs;

	if (f == NULL)
		f = stdout;
	fprintf(f, "%s at [%p], len=%u\n", title != NULL ? title : "  Dump data",
			buf, len);
	for (ofs = 0; ofs < len; ofs += HEXDUMP_BYTES_PER_LINE)
		hexdump_line(f, data, ofs,
				RTE_MIN(len - ofs, (unsigned int)HEXDUMP_BYTES_PER_LINE));
	fflush(f);
}

void
rte_memdump(FILE *f, const char *title, const void *buf, unsigned int len)
{
	const uint8_t *data = buf;
	unsigned int i;

	if (f == NULL)
		f = stdout;
	if (title != NULL)
		fprintf(f, "%s: ", title);
	for (i = 0; i < len; i++) {
		fprintf(f, "%02x%s", data[i],
				(i + 1) % HEXDUMP_BYTES_PER_LINE == 0 ? "\n" : ":");
	}
	if (len % HEXDUMP_BYTES_PER_LINE != 0)
		fputc('\n', f);
	fflush(f);
}
