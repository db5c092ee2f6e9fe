/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Dump memory in hex, for debugging.
 */
#ifndef _RTE_HEXDUMP_H_
#define _RTE_HEXDUMP_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdio.h>

/**
 * Print len bytes at buf to f as offset, 16 hex bytes and their ASCII,
 * under a title line.
 */
void rte_hexdump(FILE *f, const char *title, const void *buf,
		unsigned int len);

/** Print len bytes at buf to f as rows of hex bytes, no ASCII. */
void rte_memdump(FILE *f, const char *title, const void *buf,
		unsigned int len);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_HEXDUMP_H_ */
