/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Version of the DPDK API this library provides, at compile time (macros)
 * and at run time (functions, for the library actually loaded).
 */
#ifndef _RTE_VERSION_H_
#define _RTE_VERSION_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_config.h>
#include <rte_compat.h>

/** Pack a version into one comparable number. */
#define RTE_VERSION_NUM(a, b, c, d) ((a) << 24 | (b) << 16 | (c) << 8 | (d))

/** The version these headers describe, e.g. 22.11.0 packed. */
#define RTE_VERSION RTE_VERSION_NUM( \
			RTE_VER_YEAR, \
			RTE_VER_MONTH, \
			RTE_VER_MINOR, \
			RTE_VER_RELEASE)

/** "DPDK" */
const char *rte_version_prefix(void);
/** 22 */
unsigned int rte_version_year(void);
/** 11 */
unsigned int rte_version_month(void);
/** minor (patch) number */
unsigned int rte_version_minor(void);
/** suffix such as "-rc1", or "" */
const char *rte_version_suffix(void);
/** release number; 99 outside release candidates */
unsigned int rte_version_release(void);

/** The version string, e.g. "DPDK 22.11.0". */
const char *rte_version(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_VERSION_H_ */
