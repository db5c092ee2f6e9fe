/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Markers of API stability. hotplug-eal ships one ABI, so they only document:
 * experimental and internal symbols are usable without opt-in macros.
 */
#ifndef _RTE_COMPAT_H_
#define _RTE_COMPAT_H_

#ifdef __cplusplus
extern "C" {
#endif

/** The symbol belongs to the experimental API and may change. */
#ifndef __rte_experimental
#define __rte_experimental
#endif

/** The symbol is for DPDK's own libraries and drivers, not applications. */
#ifndef __rte_internal
#define __rte_internal
#endif

#ifdef __cplusplus
}
#endif

#endif /* _RTE_COMPAT_H_ */
