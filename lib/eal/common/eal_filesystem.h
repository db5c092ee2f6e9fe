/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Where the EAL keeps its files. Everything a process group shares lives in
 * its runtime directory, /var/run/dpdk/<file-prefix> for root or
 * $XDG_RUNTIME_DIR/dpdk/<file-prefix> (else /tmp/dpdk/<file-prefix>) for
 * others; hugepage files live in the hugetlbfs mount and carry the prefix
 * in their names. The helpers format into a caller's buffer, or into a
 * per-file static buffer for the fixed names, and return NULL when the
 * path does not fit.
 */
#ifndef EAL_FILESYSTEM_H
#define EAL_FILESYSTEM_H

#include <limits.h>
#include <stddef.h>
#include <stdio.h>

#include <rte_eal.h>

#include "eal_options.h"

#define RUNTIME_CONFIG_FNAME "config"
#define HUGEPAGE_INFO_FNAME "hugepage_info"
#define HUGEPAGE_DATA_FNAME "hugepage_data"
#define FBARRAY_NAME_FMT "%s/fbarray_%s"
/* per-page files: <hugedir>/<prefix>map_<list>_<seg> */
#define HUGEFILE_SEG_FMT "%s/%smap_%d_%d"
/* single-file-segments (one file per list) and legacy files */
#define HUGEFILE_FMT "%s/%smap_%d"

/* work out the runtime dir path from the uid, env and --file-prefix */
int eal_runtime_dir_init(void);
/* create the runtime dir (0700) and its parents; 0 or -errno */
int eal_create_runtime_dir(void);
/* remove it if no other process of the group still uses it */
void eal_remove_runtime_dir(void);

/* read one unsigned number from a sysfs file; 0 or -1 */
int eal_parse_sysfs_value(const char *filename, unsigned long *val);

static inline const char *
eal_runtime_file_path(char *buf, size_t len, const char *fname)
{
	int n = snprintf(buf, len, "%s/%s", rte_eal_get_runtime_dir(), fname);

	return n < 0 || (size_t)n >= len ? NULL : buf;
}

/* the shared config file */
static inline const char *
eal_runtime_config_path(void)
{
	static char buf[PATH_MAX];

	return eal_runtime_file_path(buf, sizeof(buf), RUNTIME_CONFIG_FNAME);
}

/* hugepage sizes and mounts, written by the primary for secondaries */
static inline const char *
eal_hugepage_info_path(void)
{
	static char buf[PATH_MAX];

	return eal_runtime_file_path(buf, sizeof(buf), HUGEPAGE_INFO_FNAME);
}

/* legacy-mode page table, written by the primary for secondaries */
static inline const char *
eal_hugepage_data_path(void)
{
	static char buf[PATH_MAX];

	return eal_runtime_file_path(buf, sizeof(buf), HUGEPAGE_DATA_FNAME);
}

/* backing file of the fbarray called name */
static inline const char *
eal_get_fbarray_path(char *buf, size_t len, const char *name)
{
	int n = snprintf(buf, len, FBARRAY_NAME_FMT,
			rte_eal_get_runtime_dir(), name);

	return n < 0 || (size_t)n >= len ? NULL : buf;
}

/* hugepage file of one list (single-file-segments, legacy) */
static inline const char *
eal_get_hugefile_path(char *buf, size_t len, const char *hugedir, int f_id)
{
	int n = snprintf(buf, len, HUGEFILE_FMT, hugedir,
			eal_get_hugefile_prefix(), f_id);

	return n < 0 || (size_t)n >= len ? NULL : buf;
}

/* hugepage file of one page of one list */
static inline const char *
eal_get_hugefile_seg_path(char *buf, size_t len, const char *hugedir,
		int list_idx, int seg_idx)
{
	int n = snprintf(buf, len, HUGEFILE_SEG_FMT, hugedir,
			eal_get_hugefile_prefix(), list_idx, seg_idx);

	return n < 0 || (size_t)n >= len ? NULL : buf;
}

#endif /* EAL_FILESYSTEM_H */
