/* SPDX-License-Identifier: BSD-3-Clause */
/* see cmdline_parse.h: the one type DPDK's test.h names from here */
#ifndef HPEAL_COMPAT_CMDLINE_PARSE_STRING_H
#define HPEAL_COMPAT_CMDLINE_PARSE_STRING_H

typedef char cmdline_fixed_string_t[128];

#endif
