/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hugepage inventory: which page sizes the kernel offers, how many pages of
 * each are reserved and free on every NUMA node, and which hugetlbfs mount
 * serves each size. The result lands in internal_config.hugepage_info[],
 * largest size first; memseg lists are sized from it and the page allocator
 * backs pages from its mounts.
 *
 * Sources: /sys/kernel/mm/hugepages/hugepages-<kB>kB (sizes, global counts),
 * /sys/devices/system/node/node<N>/hugepages/... (per-node counts),
 * /proc/mounts (hugetlbfs mounts, their pagesize= option), and statfs() for
 * --huge-dir, which may name a directory inside a mount.
 *
 * Each hugedir is held with flock(LOCK_EX) from discovery until memory is
 * set up (eal_hugedirs_unlock()), so two primaries sharing a mount do not
 * race on stale-file cleanup and preallocation.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_memory.h"
#include "eal_private.h"

#define SYS_HUGEPAGES "/sys/kernel/mm/hugepages"
#define SYS_NODES "/sys/devices/system/node"
#define HUGEPAGE_INFO_FILE "hugepage_info"

#ifndef HUGETLBFS_MAGIC
#define HUGETLBFS_MAGIC 0x958458f6
#endif

#define HUGE_FIX_HINT \
	"reserve pages: echo N > " \
	"/sys/kernel/mm/hugepages/hugepages-2048kB/nr_hugepages; " \
	"mount -t hugetlbfs nodev /dev/hugepages; or run with --no-huge"

/* ---------------------------------------------------------------------
 * small readers
 * ------------------------------------------------------------------- */

static int
read_count(const char *path, uint32_t *val)
{
	unsigned long v;
	FILE *f = fopen(path, "r");
	int ok;

	if (f == NULL)
		return -errno;
	ok = fscanf(f, "%lu", &v) == 1;
	fclose(f);
	if (!ok)
		return -EINVAL;
	*val = (uint32_t)RTE_MIN(v, (unsigned long)UINT32_MAX);
	return 0;
}

/* the kernel's default hugepage size (Hugepagesize: in /proc/meminfo) */
static uint64_t
default_hugepage_size(void)
{
	char line[256];
	unsigned long kb;
	uint64_t sz = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "Hugepagesize: %lu kB", &kb) == 1) {
			sz = (uint64_t)kb << 10;
			break;
		}
	}
	fclose(f);
	return sz;
}

/* "2M", "2048k", "1G", "2097152" -> bytes; 0 if unreadable */
static uint64_t
parse_size(const char *s)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);

	if (end == s)
		return 0;
	switch (*end) {
	case 'k': case 'K':
		return v << 10;
	case 'm': case 'M':
		return v << 20;
	case 'g': case 'G':
		return v << 30;
	default:
		return v;
	}
}

/* page size of a hugetlbfs mount from its options */
static uint64_t
mount_pagesize(const char *opts, uint64_t dflt)
{
	const char *p = strstr(opts, "pagesize=");

	if (p == NULL)
		return dflt;
	return parse_size(p + strlen("pagesize="));
}

/* ---------------------------------------------------------------------
 * mounts
 * ------------------------------------------------------------------- */

/* first hugetlbfs mount serving size, from /proc/mounts */
static int
find_mount(uint64_t size, uint64_t dflt, char *dir, size_t dir_sz)
{
	char line[PATH_MAX + 256], mnt[PATH_MAX], type[64], opts[256];
	FILE *f = fopen("/proc/mounts", "r");
	int ret = -ENOENT;

	if (f == NULL)
		return -errno;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%*s %4095s %63s %255s", mnt, type, opts) != 3)
			continue;
		if (strcmp(type, "hugetlbfs") != 0 ||
				mount_pagesize(opts, dflt) != size)
			continue;
		if (access(mnt, W_OK) != 0)
			continue;
		if (strlen(mnt) >= dir_sz)
			continue;
		strcpy(dir, mnt);
		ret = 0;
		break;
	}
	fclose(f);
	return ret;
}

/*
 * --huge-dir: must be on a hugetlbfs mount; statfs tells both that and its
 * page size (hugetlbfs reports the page size as the block size).
 */
static int
huge_dir_check(const char *dir, uint64_t *size)
{
	struct statfs st;

	if (statfs(dir, &st) != 0) {
		RTE_LOG(ERR, EAL, "--huge-dir %s: %s\n", dir, strerror(errno));
		return -errno;
	}
	if ((unsigned long)st.f_type != (unsigned long)HUGETLBFS_MAGIC) {
		RTE_LOG(ERR, EAL, "--huge-dir %s is not on a hugetlbfs mount; "
				"mount one with: mount -t hugetlbfs -o "
				"pagesize=2M nodev %s\n", dir, dir);
		return -EINVAL;
	}
	if (access(dir, W_OK) != 0) {
		RTE_LOG(ERR, EAL, "--huge-dir %s is not writable: %s\n", dir,
				strerror(errno));
		return -EACCES;
	}
	*size = (uint64_t)st.f_bsize;
	return 0;
}

/* ---------------------------------------------------------------------
 * page counts
 * ------------------------------------------------------------------- */

/*
 * Pages reserved by mappings not yet faulted are still counted free; take
 * them off, node by node, so nobody plans on pages already promised.
 */
static void
counts_drop_reserved(const char *dname, struct hugepage_info *hpi)
{
	char path[PATH_MAX];
	uint32_t resv = 0;
	unsigned int s;

	snprintf(path, sizeof(path), SYS_HUGEPAGES "/%s/resv_hugepages", dname);
	if (read_count(path, &resv) != 0)
		return;
	for (s = 0; s < RTE_MAX_NUMA_NODES && resv > 0; s++) {
		uint32_t take = RTE_MIN(resv, hpi->num_pages[s]);

		hpi->num_pages[s] -= take;
		resv -= take;
	}
}

/* free and reserved pages of one size on every node */
static void
counts_read(const char *dname, struct hugepage_info *hpi)
{
	unsigned int n_sockets = eal_mem_num_sockets();
	char path[PATH_MAX];
	bool per_node = false;
	unsigned int s;

	for (s = 0; s < n_sockets; s++) {
		snprintf(path, sizeof(path), SYS_NODES
				"/node%u/hugepages/%s/free_hugepages", s, dname);
		if (read_count(path, &hpi->num_pages[s]) != 0)
			continue;
		snprintf(path, sizeof(path), SYS_NODES
				"/node%u/hugepages/%s/nr_hugepages", s, dname);
		if (read_count(path, &hpi->total_pages[s]) != 0)
			hpi->total_pages[s] = hpi->num_pages[s];
		per_node = true;
	}
	if (!per_node) {
		/* no NUMA sysfs: everything is node 0 */
		snprintf(path, sizeof(path), SYS_HUGEPAGES "/%s/free_hugepages",
				dname);
		if (read_count(path, &hpi->num_pages[0]) != 0)
			hpi->num_pages[0] = 0;
		snprintf(path, sizeof(path), SYS_HUGEPAGES "/%s/nr_hugepages",
				dname);
		if (read_count(path, &hpi->total_pages[0]) != 0)
			hpi->total_pages[0] = hpi->num_pages[0];
	}
	counts_drop_reserved(dname, hpi);
}

static uint64_t
pages_sum(const uint32_t *per_node)
{
	uint64_t n = 0;
	unsigned int s;

	for (s = 0; s < RTE_MAX_NUMA_NODES; s++)
		n += per_node[s];
	return n;
}

/* ---------------------------------------------------------------------
 * discovery
 * ------------------------------------------------------------------- */

struct hp_scan {
	struct hugepage_info sizes[MAX_HUGEPAGE_SIZES * 2];
	unsigned int n;
	uint64_t dflt;            /* kernel default page size */
	uint64_t huge_dir_sz;     /* page size of --huge-dir, 0 if none */
};

static int
scan_sizes(struct hp_scan *sc)
{
	struct dirent *de;
	DIR *d = opendir(SYS_HUGEPAGES);

	if (d == NULL)
		return -errno;
	while ((de = readdir(d)) != NULL) {
		struct hugepage_info *hpi;
		unsigned long kb;

		if (sscanf(de->d_name, "hugepages-%lukB", &kb) != 1)
			continue;
		if (sc->n == RTE_DIM(sc->sizes)) {
			RTE_LOG(WARNING, EAL, "ignoring hugepage size %lu kB: "
					"too many sizes\n", kb);
			continue;
		}
		hpi = &sc->sizes[sc->n++];
		memset(hpi, 0, sizeof(*hpi));
		hpi->hugepage_sz = (uint64_t)kb << 10;
		hpi->lock_descriptor = -1;
		counts_read(de->d_name, hpi);
	}
	closedir(d);
	return 0;
}

/* pick the mount serving hpi; false if none (and none is needed) */
static bool
size_mount(const struct internal_config *cfg, const struct hp_scan *sc,
		struct hugepage_info *hpi)
{
	if (cfg->hugepage_dir != NULL) {
		if (hpi->hugepage_sz != sc->huge_dir_sz)
			return cfg->in_memory;
		if (strlen(cfg->hugepage_dir) >= sizeof(hpi->hugedir))
			return false;
		strcpy(hpi->hugedir, cfg->hugepage_dir);
		return true;
	}
	if (find_mount(hpi->hugepage_sz, sc->dflt, hpi->hugedir,
			sizeof(hpi->hugedir)) == 0)
		return true;
	/* --in-memory backs pages with memfd: no mount needed */
	return cfg->in_memory;
}

static int
size_cmp_desc(const void *a, const void *b)
{
	const struct hugepage_info *x = a, *y = b;

	if (x->hugepage_sz == y->hugepage_sz)
		return 0;
	return x->hugepage_sz < y->hugepage_sz ? 1 : -1;
}

/* one message naming what is missing, and the fix */
static void
report_unusable(const struct internal_config *cfg, const struct hp_scan *sc,
		uint64_t reserved, uint64_t with_mount)
{
	const char *why;

	if (sc->n == 0)
		why = "the kernel offers no hugepage sizes";
	else if (reserved == 0)
		why = "no hugepages are reserved";
	else if (with_mount == 0 && cfg->hugepage_dir != NULL)
		why = "no reserved hugepages of the --huge-dir page size";
	else if (with_mount == 0)
		why = "no hugetlbfs is mounted for the reserved page sizes";
	else
		why = "every reserved hugepage is in use";
	RTE_LOG(ERR, EAL, "no usable hugepages: %s. To fix: %s\n", why,
			HUGE_FIX_HINT);
}

/* keep the usable sizes, largest first, in cfg */
static int
sizes_select(struct internal_config *cfg, struct hp_scan *sc)
{
	uint64_t reserved = 0, with_mount = 0, free_pages = 0;
	unsigned int i, n = 0;

	qsort(sc->sizes, sc->n, sizeof(sc->sizes[0]), size_cmp_desc);
	for (i = 0; i < sc->n; i++) {
		struct hugepage_info *hpi = &sc->sizes[i];
		uint64_t total = pages_sum(hpi->total_pages);

		reserved += total;
		if (total == 0 || !size_mount(cfg, sc, hpi))
			continue;
		with_mount += total;
		free_pages += pages_sum(hpi->num_pages);
		if (n == MAX_HUGEPAGE_SIZES) {
			RTE_LOG(WARNING, EAL, "ignoring %" PRIu64 " kB pages: "
					"only %d sizes are used\n",
					hpi->hugepage_sz >> 10,
					MAX_HUGEPAGE_SIZES);
			continue;
		}
		cfg->hugepage_info[n++] = *hpi;
	}
	cfg->num_hugepage_sizes = n;
	if (n == 0 || free_pages == 0) {
		report_unusable(cfg, sc, reserved, with_mount);
		cfg->num_hugepage_sizes = 0;
		return -ENOENT;
	}
	return 0;
}

static int
hugedirs_lock(struct internal_config *cfg)
{
	unsigned int i;

	for (i = 0; i < cfg->num_hugepage_sizes; i++) {
		struct hugepage_info *hpi = &cfg->hugepage_info[i];

		if (hpi->hugedir[0] == '\0')
			continue;
		hpi->lock_descriptor = open(hpi->hugedir,
				O_RDONLY | O_DIRECTORY | O_CLOEXEC);
		if (hpi->lock_descriptor < 0 ||
				flock(hpi->lock_descriptor, LOCK_EX) != 0) {
			int err = errno;

			RTE_LOG(ERR, EAL, "cannot lock hugedir %s: %s\n",
					hpi->hugedir, strerror(err));
			eal_hugedirs_unlock();
			return -err;
		}
	}
	return 0;
}

void
eal_hugedirs_unlock(void)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	unsigned int i;

	for (i = 0; i < cfg->num_hugepage_sizes; i++) {
		struct hugepage_info *hpi = &cfg->hugepage_info[i];

		if (hpi->lock_descriptor >= 0) {
			/* closing drops the flock */
			close(hpi->lock_descriptor);
			hpi->lock_descriptor = -1;
		}
	}
}

static void
sizes_log(const struct internal_config *cfg)
{
	unsigned int i, s, n_sockets = eal_mem_num_sockets();

	for (i = 0; i < cfg->num_hugepage_sizes; i++) {
		const struct hugepage_info *hpi = &cfg->hugepage_info[i];

		for (s = 0; s < n_sockets; s++)
			RTE_LOG(DEBUG, EAL, "%" PRIu64 " kB pages on node %u: "
					"%u free of %u, dir %s\n",
					hpi->hugepage_sz >> 10, s,
					hpi->num_pages[s], hpi->total_pages[s],
					hpi->hugedir[0] ? hpi->hugedir :
					"(memfd)");
	}
}

int
eal_hugepage_info_init(void)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	struct hp_scan sc;
	int ret;

	cfg->num_hugepage_sizes = 0;
	if (cfg->no_hugetlbfs)
		return 0;
	memset(&sc, 0, sizeof(sc));
	sc.dflt = default_hugepage_size();
	if (cfg->hugepage_dir != NULL) {
		ret = huge_dir_check(cfg->hugepage_dir, &sc.huge_dir_sz);
		if (ret < 0)
			return ret;
	}
	ret = scan_sizes(&sc);
	if (ret < 0 && ret != -ENOENT) {
		RTE_LOG(ERR, EAL, "cannot read %s: %s\n", SYS_HUGEPAGES,
				strerror(-ret));
		return ret;
	}
	ret = sizes_select(cfg, &sc);
	if (ret < 0)
		return ret;
	ret = hugedirs_lock(cfg);
	if (ret < 0)
		return ret;
	sizes_log(cfg);
	if (!cfg->no_shconf && !cfg->in_memory) {
		ret = eal_hugepage_info_save();
		if (ret < 0) {
			eal_hugedirs_unlock();
			return ret;
		}
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * handing the inventory to secondaries
 * ------------------------------------------------------------------- */

static int
info_path(char *buf, size_t sz)
{
	const char *dir = rte_eal_get_runtime_dir();

	if (dir == NULL || dir[0] == '\0')
		return -ENOENT;
	if ((size_t)snprintf(buf, sz, "%s/%s", dir, HUGEPAGE_INFO_FILE) >= sz)
		return -ENAMETOOLONG;
	return 0;
}

int
eal_hugepage_info_save(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	char path[PATH_MAX];
	uint32_t n = cfg->num_hugepage_sizes;
	FILE *f;
	int ret = info_path(path, sizeof(path));

	if (ret < 0)
		goto fail;
	f = fopen(path, "w");
	if (f == NULL) {
		ret = -errno;
		goto fail;
	}
	if (fwrite(&n, sizeof(n), 1, f) != 1 ||
			(n > 0 && fwrite(cfg->hugepage_info,
			sizeof(cfg->hugepage_info[0]), n, f) != n))
		ret = -EIO;
	if (fclose(f) != 0 && ret == 0)
		ret = -errno;
	if (ret == 0)
		return 0;
	unlink(path);
fail:
	RTE_LOG(ERR, EAL, "cannot record hugepage info for secondaries in "
			"%s: %s\n", path, strerror(-ret));
	return ret;
}

int
eal_hugepage_info_read(void)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	char path[PATH_MAX];
	uint32_t n = 0, i;
	FILE *f;
	int ret = info_path(path, sizeof(path));

	if (ret < 0)
		return ret;
	f = fopen(path, "r");
	if (f == NULL) {
		RTE_LOG(ERR, EAL, "cannot read the primary's hugepage info "
				"%s: %s (is a primary with this --file-prefix "
				"running?)\n", path, strerror(errno));
		return -errno;
	}
	if (fread(&n, sizeof(n), 1, f) != 1 || n > MAX_HUGEPAGE_SIZES ||
			fread(cfg->hugepage_info, sizeof(cfg->hugepage_info[0]),
			n, f) != n) {
		fclose(f);
		RTE_LOG(ERR, EAL, "hugepage info %s is damaged\n", path);
		return -EINVAL;
	}
	fclose(f);
	cfg->num_hugepage_sizes = n;
	/* the primary's descriptors mean nothing here */
	for (i = 0; i < n; i++)
		cfg->hugepage_info[i].lock_descriptor = -1;
	return 0;
}
