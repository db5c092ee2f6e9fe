/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * DPDK's app/test/test.h includes the cmdline library's headers for the
 * prototypes of a few interactive commands. hotplug-eal has no cmdline
 * library; the compatibility runner needs only the string type from it.
 */
#ifndef HPEAL_COMPAT_CMDLINE_PARSE_H
#define HPEAL_COMPAT_CMDLINE_PARSE_H
#endif
