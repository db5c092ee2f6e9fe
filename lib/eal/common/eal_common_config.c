/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The runtime directory and the shared configuration.
 *
 * The primary creates <runtime dir>/config, takes an open-file-description
 * write lock on it for its whole life (so "is a primary alive?" is one
 * F_OFD_GETLK, immune to other fds of the same file being closed), sizes
 * it and maps it MAP_SHARED at a fixed address: --base-virtaddr, or just
 * below the memory base address. A secondary maps the file read-only
 * anywhere to learn that address and to wait for the primary to finish its
 * init, then maps it again, writable, at exactly that address.
 *
 * Secondaries hold flock(LOCK_SH) on the runtime directory while attached;
 * the primary removes the directory at cleanup only when it can take
 * LOCK_EX, i.e. when no secondary is left. A secondary leaving after its
 * primary does the same once it let go of its own LOCK_SH: whoever leaves
 * last removes the directory.
 *
 * With --no-shconf (and --in-memory) the configuration is anonymous memory
 * and no file or directory is created.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#include "eal_filesystem.h"
#include "eal_internal_cfg.h"
#include "eal_memcfg.h"
#include "eal_options.h"
#include "eal_private.h"

/*
 * Where shared memory goes unless --base-virtaddr says otherwise. As in
 * x86-64 DPDK, from 4 GiB up: far below the libraries, heaps and stacks the
 * kernel places top-down, whose addresses differ from process to process
 * (ASLR), so a secondary finds the primary's ranges free. AddressSanitizer
 * keeps its shadow from 2 GiB to 16 TiB; a build with it starts at 32 TiB,
 * above the shadow and below its allocator (96 TiB).
 */
#if defined(__SANITIZE_ADDRESS__)
#define EAL_DEFAULT_BASE_ADDR UINT64_C(0x200000000000)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define EAL_DEFAULT_BASE_ADDR UINT64_C(0x200000000000)
#endif
#endif
#ifndef EAL_DEFAULT_BASE_ADDR
#define EAL_DEFAULT_BASE_ADDR UINT64_C(0x100000000)
#endif
#define CONFIG_MAP_ALIGN (UINT64_C(2) << 20)
#define CONFIG_WAIT_STEP_NS 1000000L

struct eal_shared_config {
	struct rte_mem_config *mcfg;
	size_t map_len;
	int fd;          /* config file; the primary's lock lives on it */
	int dir_fd;      /* secondary: runtime dir held with LOCK_SH */
	bool runtime_dir_created;
	char runtime_dir[PATH_MAX];
};

static struct eal_shared_config shared = { .fd = -1, .dir_fd = -1 };

/* ---------------------------------------------------------------------
 * runtime directory
 * --------------------------------------------------------------------- */

const char *
rte_eal_get_runtime_dir(void)
{
	return shared.runtime_dir;
}

uint64_t
rte_eal_get_baseaddr(void)
{
	uintptr_t base = eal_get_internal_configuration()->base_virtaddr;

	return base != 0 ? (uint64_t)base : EAL_DEFAULT_BASE_ADDR;
}

int
eal_runtime_dir_init(void)
{
	const char *base = "/var/run";
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	int n;

	if (getuid() != 0)
		base = xdg != NULL && xdg[0] == '/' ? xdg : "/tmp";
	n = snprintf(shared.runtime_dir, sizeof(shared.runtime_dir),
			"%s/dpdk/%s", base, eal_get_hugefile_prefix());
	if (n < 0 || (size_t)n >= sizeof(shared.runtime_dir)) {
		RTE_LOG(ERR, EAL, "runtime dir path under %s is too long\n",
			base);
		shared.runtime_dir[0] = '\0';
		return -ENAMETOOLONG;
	}
	return 0;
}

static int
mkdir_private(const char *path)
{
	struct stat st;

	if (mkdir(path, 0700) == 0)
		return 1;
	if (errno != EEXIST)
		return -errno;
	if (stat(path, &st) != 0)
		return -errno;
	return S_ISDIR(st.st_mode) ? 0 : -ENOTDIR;
}

int
eal_create_runtime_dir(void)
{
	char parent[PATH_MAX];
	char *slash;
	int ret;

	snprintf(parent, sizeof(parent), "%s", shared.runtime_dir);
	slash = strrchr(parent, '/');
	if (slash == NULL)
		return -EINVAL;
	*slash = '\0';
	ret = mkdir_private(parent);
	if (ret >= 0)
		ret = mkdir_private(shared.runtime_dir);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot create runtime dir %s: %s\n",
			shared.runtime_dir, strerror(-ret));
		return ret;
	}
	shared.runtime_dir_created = ret == 1;
	return 0;
}

/* unlink every entry of the runtime dir (it has no subdirectories) */
static void
empty_runtime_dir(int dir_fd)
{
	DIR *d;
	struct dirent *e;
	int fd = dup(dir_fd);

	if (fd < 0)
		return;
	d = fdopendir(fd);
	if (d == NULL) {
		close(fd);
		return;
	}
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (unlinkat(dir_fd, e->d_name, 0) != 0)
			RTE_LOG(DEBUG, EAL, "cannot remove %s/%s: %s\n",
				shared.runtime_dir, e->d_name, strerror(errno));
	}
	closedir(d);
}

static int config_lock(int fd, short type, int cmd);

/*
 * Secondary: -1 while a primary lives. Else the config file's fd (or -2
 * when there is none) with the primary's lock taken by us, so that a
 * primary starting meanwhile cannot adopt files that are about to go.
 */
static int
runtime_dir_claim(void)
{
	const char *path = eal_runtime_config_path();
	int fd;

	if (eal_get_internal_configuration()->process_type ==
			RTE_PROC_PRIMARY)
		return -2;
	fd = path != NULL ? open(path, O_RDWR | O_CLOEXEC) : -1;
	if (fd < 0)
		return errno == ENOENT ? -2 : -1;
	if (config_lock(fd, F_WRLCK, F_OFD_SETLK) != 0) {
		close(fd);
		return -1;
	}
	return fd;
}

void
eal_remove_runtime_dir(void)
{
	int fd, cfg_fd;

	if (shared.runtime_dir[0] == '\0')
		return;
	cfg_fd = runtime_dir_claim();
	if (cfg_fd == -1)
		return;
	fd = open(shared.runtime_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		if (cfg_fd >= 0)
			close(cfg_fd);
		return;
	}
	/* a secondary still attached holds LOCK_SH: leave its files alone */
	if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
		RTE_LOG(DEBUG, EAL, "runtime dir %s still in use, kept\n",
			shared.runtime_dir);
		close(fd);
		if (cfg_fd >= 0)
			close(cfg_fd);
		return;
	}
	empty_runtime_dir(fd);
	if (rmdir(shared.runtime_dir) != 0)
		RTE_LOG(DEBUG, EAL, "cannot remove %s: %s\n",
			shared.runtime_dir, strerror(errno));
	close(fd);
	if (cfg_fd >= 0)
		close(cfg_fd);
	shared.runtime_dir_created = false;
}

int
eal_parse_sysfs_value(const char *filename, unsigned long *val)
{
	char buf[64], *end;
	FILE *f;

	f = fopen(filename, "r");
	if (f == NULL)
		return -1;
	if (fgets(buf, sizeof(buf), f) == NULL) {
		fclose(f);
		return -1;
	}
	fclose(f);
	errno = 0;
	*val = strtoul(buf, &end, 0);
	if (errno != 0 || end == buf || (*end != '\0' && *end != '\n'))
		return -1;
	return 0;
}

/* ---------------------------------------------------------------------
 * primary liveness: an OFD write lock over the whole config file
 * --------------------------------------------------------------------- */

static int
config_lock(int fd, short type, int cmd)
{
	struct flock fl = {
		.l_type = type,
		.l_whence = SEEK_SET,
		.l_start = 0,
		.l_len = 0,
	};

	if (fcntl(fd, cmd, &fl) != 0)
		return -errno;
	return cmd == F_OFD_GETLK ? fl.l_type != F_UNLCK : 0;
}

int
rte_eal_primary_proc_alive(const char *config_file_path)
{
	const char *path = config_file_path;
	int fd, ret;

	if (path == NULL) {
		if (shared.runtime_dir[0] == '\0' && eal_runtime_dir_init() < 0)
			return 0;
		path = eal_runtime_config_path();
		if (path == NULL)
			return 0;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ret = config_lock(fd, F_WRLCK, F_OFD_GETLK);
	close(fd);
	return ret == 1;
}

/* ---------------------------------------------------------------------
 * mapping
 * --------------------------------------------------------------------- */

struct rte_mem_config *
rte_eal_get_mcfg(void)
{
	return shared.mcfg;
}

static size_t
config_map_len(void)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	return RTE_ALIGN_CEIL(sizeof(struct rte_mem_config), pg);
}

/* where the primary puts the config: just below the memory base */
static void *
config_default_addr(size_t len)
{
	uint64_t base = rte_eal_get_baseaddr();
	uint64_t want = RTE_ALIGN_CEIL((uint64_t)len, CONFIG_MAP_ALIGN);

	if (base <= want)
		return (void *)(uintptr_t)base;
	return (void *)(uintptr_t)(base - want);
}

/* map at exactly addr; -EEXIST if something is there already */
static int
map_config_at(void *addr, size_t len, int prot, int fd, void **out)
{
	void *p = mmap(addr, len, prot, MAP_SHARED | MAP_FIXED_NOREPLACE,
			fd, 0);

	if (p == MAP_FAILED)
		return -errno;
	if (p != addr) {
		/* kernels before 4.17 treat the flag as a mere hint */
		munmap(p, len);
		return -EEXIST;
	}
	*out = p;
	return 0;
}

static void
report_collision(const char *who, void *addr, size_t len, int err)
{
	RTE_LOG(ERR, EAL, "%s cannot map the shared config at "
		"[0x%" PRIxPTR ", 0x%" PRIxPTR "): %s; pick a free range with "
		"--base-virtaddr (in the primary)\n", who, (uintptr_t)addr,
		(uintptr_t)addr + len, err == -EEXIST ?
		"the range is already in use" : strerror(-err));
}

static void
mcfg_init_fields(struct rte_mem_config *mcfg)
{
	const struct internal_config *cfg = eal_get_internal_configuration();

	mcfg->version = RTE_MEM_CONFIG_VERSION;
	mcfg->mem_cfg_addr = (uint64_t)(uintptr_t)mcfg;
	mcfg->legacy_mem = cfg->legacy_mem;
	mcfg->single_file_segments = cfg->single_file_segments;
	mcfg->no_hugetlbfs = cfg->no_hugetlbfs;
	mcfg->iova_mode = cfg->iova_mode;
	mcfg->nchannel = cfg->force_nchannel;
	mcfg->nrank = cfg->force_nrank;
	rte_rwlock_init(&mcfg->mlock);
	rte_rwlock_init(&mcfg->qlock);
	rte_rwlock_init(&mcfg->mplock);
	rte_spinlock_init(&mcfg->tlock);
	rte_rwlock_init(&mcfg->memory_hotplug_lock);
}

static int
config_create_anonymous(size_t len)
{
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		RTE_LOG(ERR, EAL, "cannot allocate the config: %s\n",
			strerror(errno));
		return -ENOMEM;
	}
	shared.mcfg = p;
	shared.map_len = len;
	mcfg_init_fields(shared.mcfg);
	return 0;
}

/* open, lock and empty the config file; the fd or -errno */
static int
config_file_open_primary(const char *path)
{
	int fd, ret;

	fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0) {
		ret = -errno;
		RTE_LOG(ERR, EAL, "cannot open %s: %s\n", path, strerror(-ret));
		return ret;
	}
	ret = config_lock(fd, F_WRLCK, F_OFD_SETLK);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "a primary process already runs with "
			"--file-prefix %s (it locks %s); use another prefix or "
			"--proc-type=secondary\n", eal_get_hugefile_prefix(),
			path);
		close(fd);
		return -EBUSY;
	}
	/* a dead primary's content must not leak into ours */
	if (ftruncate(fd, 0) != 0 ||
			ftruncate(fd, (off_t)config_map_len()) != 0) {
		ret = -errno;
		RTE_LOG(ERR, EAL, "cannot size %s: %s\n", path, strerror(-ret));
		close(fd);
		return ret;
	}
	return fd;
}

int
rte_eal_config_create(void)
{
	size_t len = config_map_len();
	const char *path;
	void *addr, *p = NULL;
	int fd, ret;

	if (eal_get_internal_configuration()->no_shconf)
		return config_create_anonymous(len);
	path = eal_runtime_config_path();
	if (path == NULL)
		return -ENAMETOOLONG;
	fd = config_file_open_primary(path);
	if (fd < 0)
		return fd;
	addr = config_default_addr(len);
	ret = map_config_at(addr, len, PROT_READ | PROT_WRITE, fd, &p);
	if (ret < 0 && eal_get_internal_configuration()->base_virtaddr == 0) {
		/* the default spot is taken: anywhere will do */
		p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
		ret = p == MAP_FAILED ? -errno : 0;
	}
	if (ret < 0) {
		report_collision("primary", addr, len, ret);
		close(fd);
		unlink(path);
		return ret;
	}
	shared.fd = fd;
	shared.mcfg = p;
	shared.map_len = len;
	mcfg_init_fields(shared.mcfg);
	return 0;
}

/* the primary sets the magic last, once its init is complete */
static int
config_wait_complete(const struct rte_mem_config *ro, unsigned int timeout_ms)
{
	const struct timespec step = { 0, CONFIG_WAIT_STEP_NS };
	unsigned int waited;

	for (waited = 0; waited <= timeout_ms; waited++) {
		if (__atomic_load_n(&ro->magic, __ATOMIC_ACQUIRE) ==
				RTE_MEM_CONFIG_MAGIC)
			return ro->version == RTE_MEM_CONFIG_VERSION ? 0 :
					-EPROTO;
		nanosleep(&step, NULL);
	}
	return -ETIMEDOUT;
}

static int
config_attach_error(int ret, const char *path)
{
	if (ret == -ENOENT || ret == -ESRCH)
		RTE_LOG(ERR, EAL, "no primary process runs with --file-prefix "
			"%s (%s %s); start one first\n",
			eal_get_hugefile_prefix(), path,
			ret == -ENOENT ? "does not exist" : "is not locked");
	else if (ret == -ETIMEDOUT)
		RTE_LOG(ERR, EAL, "the primary process did not finish its "
			"init in time\n");
	else if (ret == -EPROTO)
		RTE_LOG(ERR, EAL, "the primary process runs another version "
			"of the shared config\n");
	else
		RTE_LOG(ERR, EAL, "cannot attach to %s: %s\n", path,
			strerror(-ret));
	return ret;
}

int
rte_eal_config_attach(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	size_t len = config_map_len();
	const char *path = eal_runtime_config_path();
	void *p;
	int fd, ret;

	if (path == NULL)
		return -ENAMETOOLONG;
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return config_attach_error(-errno, path);
	ret = config_lock(fd, F_WRLCK, F_OFD_GETLK);
	if (ret != 1) {
		close(fd);
		return config_attach_error(ret < 0 ? ret : -ESRCH, path);
	}
	p = mmap(NULL, len, PROT_READ, MAP_SHARED, fd, 0);
	if (p == MAP_FAILED) {
		ret = -errno;
		close(fd);
		return config_attach_error(ret, path);
	}
	ret = config_wait_complete(p, cfg->mp_timeout_ms);
	if (ret < 0) {
		munmap(p, len);
		close(fd);
		return config_attach_error(ret, path);
	}
	shared.fd = fd;
	shared.mcfg = p;
	shared.map_len = len;
	return 0;
}

/*
 * Secondaries must be started with the primary's memory layout options:
 * mapping its pages any other way cannot work, so say which option differs.
 */
static int
config_check_option(const char *opt, uint32_t primary, bool secondary)
{
	if ((primary != 0) == secondary)
		return 0;
	RTE_LOG(ERR, EAL, "the primary runs %s %s but this secondary %s; "
		"start the secondary with the same memory options\n",
		primary ? "with" : "without", opt,
		secondary ? "asks for it" : "does not");
	return -EINVAL;
}

static int
config_adopt_primary_settings(const struct rte_mem_config *mcfg)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	int ret;

	ret = config_check_option("--legacy-mem", mcfg->legacy_mem,
			cfg->legacy_mem);
	if (ret == 0)
		ret = config_check_option("--single-file-segments",
				mcfg->single_file_segments,
				cfg->single_file_segments);
	if (ret == 0)
		ret = config_check_option("--no-huge", mcfg->no_hugetlbfs,
				cfg->no_hugetlbfs);
	if (ret < 0)
		return ret;
	cfg->iova_mode = (enum rte_iova_mode)mcfg->iova_mode;
	return 0;
}

int
rte_eal_config_reattach(void)
{
	void *addr = (void *)(uintptr_t)shared.mcfg->mem_cfg_addr;
	size_t len = shared.map_len;
	void *p = NULL;
	int ret, dir_fd;

	munmap(shared.mcfg, len);
	shared.mcfg = NULL;
	ret = map_config_at(addr, len, PROT_READ | PROT_WRITE, shared.fd, &p);
	if (ret < 0) {
		report_collision("secondary", addr, len, ret);
		return ret;
	}
	shared.mcfg = p;
	dir_fd = open(shared.runtime_dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dir_fd < 0 || flock(dir_fd, LOCK_SH) != 0) {
		ret = -errno;
		RTE_LOG(ERR, EAL, "cannot hold runtime dir %s: %s\n",
			shared.runtime_dir, strerror(-ret));
		if (dir_fd >= 0)
			close(dir_fd);
		return ret;
	}
	shared.dir_fd = dir_fd;
	return config_adopt_primary_settings(shared.mcfg);
}

/* primary: tell secondaries the shared state is ready */
void
eal_mcfg_complete(void)
{
	struct rte_mem_config *mcfg = shared.mcfg;

	if (mcfg != NULL)
		__atomic_store_n(&mcfg->magic, RTE_MEM_CONFIG_MAGIC,
				__ATOMIC_RELEASE);
}

void
rte_eal_config_cleanup(void)
{
	if (shared.mcfg != NULL)
		munmap(shared.mcfg, shared.map_len);
	shared.mcfg = NULL;
	shared.map_len = 0;
	if (shared.dir_fd >= 0)
		close(shared.dir_fd);
	shared.dir_fd = -1;
	/* closing drops the primary's lock: from here it counts as dead */
	if (shared.fd >= 0)
		close(shared.fd);
	shared.fd = -1;
	/* a secondary that outlived its primary may be the last one out */
	if (eal_get_internal_configuration()->process_type ==
			RTE_PROC_SECONDARY)
		eal_remove_runtime_dir();
}
