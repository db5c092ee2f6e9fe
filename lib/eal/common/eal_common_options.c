/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The EAL command line. One table lists every option with the form it
 * accepts; the same table drives parsing, error lines and --help, so the
 * three can never disagree. Parsing writes only the internal_config it is
 * handed (see eal_options.h); the combination rules run once every option
 * has been read, so their outcome does not depend on the order of options.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_version.h>

#include "eal_internal_cfg.h"
#include "eal_lcore.h"
#include "eal_options.h"
#include "eal_private.h"

enum eal_opt_arg {
	OPT_ARG_NONE,
	OPT_ARG_REQUIRED,
	OPT_ARG_OPTIONAL, /* only as --name=value */
};

struct parse_state;
typedef int (*opt_handler_t)(struct parse_state *st, const char *arg);

struct eal_option {
	char short_name;          /* 0 when the option has no short form */
	const char *long_name;    /* NULL when it has no long form */
	enum eal_opt_arg arg;
	const char *form;         /* accepted value, for errors and --help */
	const char *help;
	opt_handler_t handler;
};

/* state of one parse; nothing here outlives eal_options_parse() */
struct parse_state {
	struct internal_config *cfg;
	const struct eal_options_env *env;
	unsigned int requests;
	const struct eal_option *lcores_opt; /* -l, -c or --lcores seen */
	const struct eal_option *service_opt; /* -s or -S seen */
	bool mem_given;
	bool main_lcore_given;
	bool huge_unlink_given;
	const struct eal_option *err_opt;    /* option the error is about */
	const char *err_name;                /* its spelling on the line */
	char what[192];
};

static int __attribute__((format(printf, 2, 3)))
opt_fail(struct parse_state *st, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(st->what, sizeof(st->what), fmt, ap);
	va_end(ap);
	return -EINVAL;
}

/* ---------------------------------------------------------------------
 * number parsing: decimal or hex, no sign, no trailing junk
 * --------------------------------------------------------------------- */

static int
parse_u64(const char *s, int base, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (s == NULL || *s == '\0' || !isxdigit((unsigned char)*s))
		return -EINVAL;
	errno = 0;
	v = strtoull(s, &end, base);
	if (errno != 0 || *end != '\0')
		return -EINVAL;
	*out = v;
	return 0;
}

/* megabytes to bytes, refusing what would not fit */
static int
parse_mbytes(const char *s, uint64_t *bytes)
{
	uint64_t mb;

	if (parse_u64(s, 10, &mb) < 0 || mb > (UINT64_MAX >> 20))
		return -EINVAL;
	*bytes = mb << 20;
	return 0;
}

/* "N,N,...": one megabyte count per NUMA node */
static int
parse_per_socket(struct parse_state *st, const char *arg, uint64_t *vals)
{
	char buf[256];
	char *tok, *save = NULL;
	unsigned int n = 0;

	if (strlen(arg) >= sizeof(buf) || arg[0] == '\0')
		return opt_fail(st, "'%.64s' is not a list of sizes", arg);
	if (arg[strlen(arg) - 1] == ',' || strstr(arg, ",,") || arg[0] == ',')
		return opt_fail(st, "empty size in '%s'", arg);
	strcpy(buf, arg);
	for (tok = strtok_r(buf, ",", &save); tok != NULL;
			tok = strtok_r(NULL, ",", &save)) {
		if (n >= RTE_MAX_NUMA_NODES)
			return opt_fail(st, "more than %d NUMA nodes",
					RTE_MAX_NUMA_NODES);
		if (parse_mbytes(tok, &vals[n]) < 0)
			return opt_fail(st, "'%s' is not a size in megabytes",
					tok);
		n++;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * lcore layouts: -l, -c and --lcores
 * --------------------------------------------------------------------- */

static void
skip_blanks(const char **p)
{
	while (isblank((unsigned char)**p))
		(*p)++;
}

/* one id below max, as decimal digits */
static int
parse_id(const char **p, unsigned int max, unsigned int *id)
{
	unsigned long v = 0;
	const char *s;

	skip_blanks(p);
	s = *p;
	if (!isdigit((unsigned char)*s))
		return -EINVAL;
	while (isdigit((unsigned char)*s)) {
		v = v * 10 + (unsigned long)(*s - '0');
		if (v >= max)
			return -ERANGE;
		s++;
	}
	*p = s;
	skip_blanks(p);
	*id = (unsigned int)v;
	return 0;
}

/* "N" or "N-M" (either order), adding every id to set */
static int
parse_id_range(const char **p, unsigned int max, cpu_set_t *set)
{
	unsigned int a, b, i;
	int ret;

	ret = parse_id(p, max, &a);
	if (ret < 0)
		return ret;
	b = a;
	if (**p == '-') {
		(*p)++;
		ret = parse_id(p, max, &b);
		if (ret < 0)
			return ret;
	}
	if (a > b) {
		i = a;
		a = b;
		b = i;
	}
	for (i = a; i <= b; i++)
		CPU_SET(i, set);
	return 0;
}

/* ranges separated by commas, up to (not including) stop */
static int
parse_id_list(const char **p, unsigned int max, char stop, cpu_set_t *set)
{
	int ret;

	for (;;) {
		ret = parse_id_range(p, max, set);
		if (ret < 0)
			return ret;
		if (**p != ',')
			break;
		(*p)++;
	}
	return **p == stop ? 0 : -EINVAL;
}

/* "(list)" or a single range */
static int
parse_id_group(const char **p, unsigned int max, cpu_set_t *set, bool *group)
{
	int ret;

	skip_blanks(p);
	*group = **p == '(';
	if (!*group)
		return parse_id_range(p, max, set);
	(*p)++;
	ret = parse_id_list(p, max, ')', set);
	if (ret < 0)
		return ret;
	(*p)++;
	skip_blanks(p);
	return 0;
}

static int
lcore_enable(struct parse_state *st, unsigned int lcore, const cpu_set_t *cpus)
{
	struct internal_config *cfg = st->cfg;

	if (cfg->lcore_enabled[lcore])
		return opt_fail(st, "lcore %u is given twice", lcore);
	cfg->lcore_enabled[lcore] = true;
	cfg->lcore_cpuset[lcore] = *cpus;
	cfg->lcore_count++;
	return 0;
}

/* every lcore of set runs on the CPU of the same number */
static int
lcores_one_to_one(struct parse_state *st, const cpu_set_t *set)
{
	cpu_set_t cpu;
	unsigned int i;
	int ret;

	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (!CPU_ISSET(i, set))
			continue;
		CPU_ZERO(&cpu);
		CPU_SET(i, &cpu);
		ret = lcore_enable(st, i, &cpu);
		if (ret < 0)
			return ret;
	}
	return 0;
}

static int
range_fail(struct parse_state *st, int err, const char *arg, unsigned int max)
{
	if (err == -ERANGE)
		return opt_fail(st, "id in '%.64s' is not below %u", arg, max);
	return opt_fail(st, "cannot parse '%.64s'", arg);
}

/* "0-3,5": the lcores of a list, the whole argument */
static int
parse_lcore_list(struct parse_state *st, const char *arg, cpu_set_t *set)
{
	const char *p = arg;
	int ret;

	CPU_ZERO(set);
	ret = parse_id_list(&p, RTE_MAX_LCORE, '\0', set);
	return ret < 0 ? range_fail(st, ret, arg, RTE_MAX_LCORE) : 0;
}

/* -l 0-3,5 */
static int
opt_lcore_list(struct parse_state *st, const char *arg)
{
	cpu_set_t set;
	int ret;

	ret = parse_lcore_list(st, arg, &set);
	return ret < 0 ? ret : lcores_one_to_one(st, &set);
}

/* "0xf" or "f": bit i selects lcore i */
static int
parse_lcore_mask(struct parse_state *st, const char *arg, cpu_set_t *set)
{
	const char *p = arg;
	size_t len, i;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	len = strlen(p);
	if (len == 0)
		return opt_fail(st, "'%s' is not a hex mask", arg);
	CPU_ZERO(set);
	for (i = 0; i < len; i++) {
		int c = (unsigned char)p[len - 1 - i];
		unsigned int v, b;

		if (!isxdigit(c))
			return opt_fail(st, "'%.64s' is not a hex mask", arg);
		v = (unsigned int)(isdigit(c) ? c - '0' : tolower(c) - 'a' + 10);
		for (b = 0; b < 4; b++) {
			if (!(v & (1u << b)))
				continue;
			if (i * 4 + b >= RTE_MAX_LCORE)
				return opt_fail(st, "bit %zu is set but lcores stop at %u",
						i * 4 + b, RTE_MAX_LCORE - 1);
			CPU_SET(i * 4 + b, set);
		}
	}
	if (CPU_COUNT(set) == 0)
		return opt_fail(st, "mask '%s' selects no lcore", arg);
	return 0;
}

/* -c 0xf: bit i is lcore i on CPU i */
static int
opt_coremask(struct parse_state *st, const char *arg)
{
	cpu_set_t set;
	int ret;

	ret = parse_lcore_mask(st, arg, &set);
	if (ret < 0)
		return ret;
	return lcores_one_to_one(st, &set);
}

/* one element of --lcores: lcores[@cpus] */
static int
parse_lcores_elem(struct parse_state *st, const char **p, const char *arg)
{
	cpu_set_t lcores, cpus;
	bool lgroup, cgroup;
	unsigned int i;
	int ret;

	CPU_ZERO(&lcores);
	ret = parse_id_group(p, RTE_MAX_LCORE, &lcores, &lgroup);
	if (ret < 0)
		return range_fail(st, ret, arg, RTE_MAX_LCORE);
	if (**p != '@') {
		/* "(1-3)" shares CPUs 1-3 among three lcores; "1-3" does not */
		if (!lgroup)
			return lcores_one_to_one(st, &lcores);
		cpus = lcores;
	} else {
		(*p)++;
		CPU_ZERO(&cpus);
		ret = parse_id_group(p, CPU_SETSIZE, &cpus, &cgroup);
		if (ret < 0)
			return range_fail(st, ret, arg, CPU_SETSIZE);
	}
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (!CPU_ISSET(i, &lcores))
			continue;
		ret = lcore_enable(st, i, &cpus);
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* --lcores 0-3,4@5,(6,7)@(8-9) */
static int
opt_lcores(struct parse_state *st, const char *arg)
{
	const char *p = arg;
	int ret;

	for (;;) {
		ret = parse_lcores_elem(st, &p, arg);
		if (ret < 0)
			return ret;
		if (*p == '\0')
			return 0;
		if (*p != ',')
			return opt_fail(st, "cannot parse '%.64s'", arg);
		p++;
	}
}

/* ---------------------------------------------------------------------
 * option handlers
 * --------------------------------------------------------------------- */

static int
opt_main_lcore(struct parse_state *st, const char *arg)
{
	uint64_t v;

	if (parse_u64(arg, 10, &v) < 0 || v >= RTE_MAX_LCORE)
		return opt_fail(st, "'%s' is not an lcore id below %u", arg,
				RTE_MAX_LCORE);
	st->cfg->main_lcore = (unsigned int)v;
	st->main_lcore_given = true;
	return 0;
}

static int
opt_nchannel(struct parse_state *st, const char *arg)
{
	uint64_t v;

	if (parse_u64(arg, 10, &v) < 0 || v == 0 || v > 32)
		return opt_fail(st, "'%s' is not a channel count of 1-32", arg);
	st->cfg->force_nchannel = (unsigned int)v;
	return 0;
}

static int
opt_nrank(struct parse_state *st, const char *arg)
{
	uint64_t v;

	if (parse_u64(arg, 10, &v) < 0 || v == 0 || v > 16)
		return opt_fail(st, "'%s' is not a rank count of 1-16", arg);
	st->cfg->force_nrank = (unsigned int)v;
	return 0;
}

static int
opt_memory(struct parse_state *st, const char *arg)
{
	uint64_t bytes;

	if (parse_mbytes(arg, &bytes) < 0 || bytes == 0 || bytes > SIZE_MAX)
		return opt_fail(st, "'%s' is not a positive size in megabytes",
				arg);
	st->cfg->memory = (size_t)bytes;
	st->mem_given = true;
	return 0;
}

static int
opt_socket_mem(struct parse_state *st, const char *arg)
{
	st->cfg->force_sockets = true;
	return parse_per_socket(st, arg, st->cfg->socket_mem);
}

static int
opt_socket_limit(struct parse_state *st, const char *arg)
{
	st->cfg->force_socket_limits = true;
	return parse_per_socket(st, arg, st->cfg->socket_limit);
}

/* replace a string field with a copy of arg */
static int
set_string(struct parse_state *st, char **field, const char *arg)
{
	char *copy = strdup(arg);

	if (copy == NULL)
		return opt_fail(st, "out of memory");
	free(*field);
	*field = copy;
	return 0;
}

static int
opt_huge_dir(struct parse_state *st, const char *arg)
{
	if (arg[0] == '\0')
		return opt_fail(st, "empty directory");
	if (strlen(arg) >= PATH_MAX)
		return opt_fail(st, "path longer than %d bytes", PATH_MAX - 1);
	return set_string(st, &st->cfg->hugepage_dir, arg);
}

static int
opt_file_prefix(struct parse_state *st, const char *arg)
{
	if (arg[0] == '\0')
		return opt_fail(st, "empty prefix");
	if (strlen(arg) >= EAL_FILE_PREFIX_MAX)
		return opt_fail(st, "prefix longer than %d bytes",
				EAL_FILE_PREFIX_MAX - 1);
	if (strpbrk(arg, "/%") != NULL || strcmp(arg, ".") == 0 ||
			strcmp(arg, "..") == 0)
		return opt_fail(st, "'%s' contains '/' or '%%' or is a dot name",
				arg);
	return set_string(st, &st->cfg->hugefile_prefix, arg);
}

static int
opt_huge_unlink(struct parse_state *st, const char *arg)
{
	if (arg == NULL || strcmp(arg, "always") == 0)
		st->cfg->huge_unlink = EAL_HUGE_UNLINK_ALWAYS;
	else if (strcmp(arg, "existing") == 0)
		st->cfg->huge_unlink = EAL_HUGE_UNLINK_EXISTING;
	else if (strcmp(arg, "never") == 0)
		st->cfg->huge_unlink = EAL_HUGE_UNLINK_NEVER;
	else
		return opt_fail(st, "unknown mode '%.64s'", arg);
	st->huge_unlink_given = true;
	return 0;
}

static int
opt_proc_type(struct parse_state *st, const char *arg)
{
	if (strcmp(arg, "primary") == 0)
		st->cfg->process_type = RTE_PROC_PRIMARY;
	else if (strcmp(arg, "secondary") == 0)
		st->cfg->process_type = RTE_PROC_SECONDARY;
	else if (strcmp(arg, "auto") == 0)
		st->cfg->process_type = RTE_PROC_AUTO;
	else
		return opt_fail(st, "unknown process type '%.64s'", arg);
	return 0;
}

static int
opt_iova_mode(struct parse_state *st, const char *arg)
{
	if (strcmp(arg, "pa") == 0)
		st->cfg->iova_mode = RTE_IOVA_PA;
	else if (strcmp(arg, "va") == 0)
		st->cfg->iova_mode = RTE_IOVA_VA;
	else
		return opt_fail(st, "unknown IOVA mode '%.64s'", arg);
	return 0;
}

static int
opt_base_virtaddr(struct parse_state *st, const char *arg)
{
	const char *p = arg;
	uint64_t v;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X'))
		p += 2;
	/* user space ends at 2^47 on x86-64 with 4-level page tables */
	if (parse_u64(p, 16, &v) < 0 || v == 0 || v >= (UINT64_C(1) << 47))
		return opt_fail(st, "'%.64s' is not a user-space address", arg);
	st->cfg->base_virtaddr = (uintptr_t)v;
	return 0;
}

static int
opt_vdev(struct parse_state *st, const char *arg)
{
	struct internal_config *cfg = st->cfg;
	struct eal_vdev_arg *v;
	const char *comma;
	size_t len;

	if (cfg->num_vdevs >= EAL_MAX_VDEV_ARGS)
		return opt_fail(st, "more than %d devices", EAL_MAX_VDEV_ARGS);
	comma = strchr(arg, ',');
	len = comma != NULL ? (size_t)(comma - arg) : strlen(arg);
	if (len == 0)
		return opt_fail(st, "empty device name in '%.64s'", arg);
	v = &cfg->vdevs[cfg->num_vdevs];
	v->name = strndup(arg, len);
	v->args = strdup(comma != NULL ? comma + 1 : "");
	if (v->name == NULL || v->args == NULL) {
		free(v->name);
		free(v->args);
		v->name = v->args = NULL;
		return opt_fail(st, "out of memory");
	}
	cfg->num_vdevs++;
	return 0;
}

/* -a/-b: there is no PCI bus here, but scripts pass them; check the form */
static int
opt_devargs(struct parse_state *st, const char *arg)
{
	if (arg[0] == '\0' || arg[0] == ',')
		return opt_fail(st, "empty device address");
	return 0;
}

static int
opt_log_level(struct parse_state *st, const char *arg)
{
	if (st->env->log_level != NULL && st->env->log_level(arg) < 0)
		return opt_fail(st, "cannot apply '%.64s'", arg);
	return 0;
}

static int
opt_mbuf_pool_ops(struct parse_state *st, const char *arg)
{
	if (arg[0] == '\0')
		return opt_fail(st, "empty name");
	if (strlen(arg) >= RTE_MP_MAX_NAME_LEN)
		return opt_fail(st, "name longer than %d bytes",
				RTE_MP_MAX_NAME_LEN - 1);
	return set_string(st, &st->cfg->user_mbuf_pool_ops_name, arg);
}

#define FLAG_HANDLER(fn, field) \
static int \
fn(struct parse_state *st, const char *arg) \
{ \
	(void)arg; \
	st->cfg->field = true; \
	return 0; \
}

FLAG_HANDLER(opt_no_huge, no_hugetlbfs)
FLAG_HANDLER(opt_in_memory, in_memory)
FLAG_HANDLER(opt_single_file, single_file_segments)
FLAG_HANDLER(opt_legacy_mem, legacy_mem)
FLAG_HANDLER(opt_match_alloc, match_allocations)
FLAG_HANDLER(opt_no_shconf, no_shconf)
FLAG_HANDLER(opt_no_pci, no_pci)

/* a power of two from 64 (no SIMD) up, as rte_vect.h counts bits */
static int
opt_simd_bitwidth(struct parse_state *st, const char *arg)
{
	uint64_t v;

	if (parse_u64(arg, 10, &v) < 0 || v < 64 || v > 32768 ||
			(v & (v - 1)) != 0)
		return opt_fail(st, "'%.64s' is not a bit width", arg);
	st->cfg->max_simd_bitwidth = (unsigned int)v;
	return 0;
}

/*
 * -s/-S: these lcores run rte_service callbacks instead of application
 * code; whether they are in the lcore set is checked once all is parsed
 */
static void
service_lcores_set(struct parse_state *st, const cpu_set_t *set)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (CPU_ISSET(i, set))
			st->cfg->lcore_service[i] = true;
}

/* -s 0x6 */
static int
opt_service_mask(struct parse_state *st, const char *arg)
{
	cpu_set_t set;
	int ret;

	ret = parse_lcore_mask(st, arg, &set);
	if (ret == 0)
		service_lcores_set(st, &set);
	return ret;
}

/* -S 1-2 */
static int
opt_service_list(struct parse_state *st, const char *arg)
{
	cpu_set_t set;
	int ret;

	ret = parse_lcore_list(st, arg, &set);
	if (ret == 0)
		service_lcores_set(st, &set);
	return ret;
}

static int
opt_accept(struct parse_state *st, const char *arg)
{
	(void)st;
	(void)arg;
	return 0;
}

static int
opt_version(struct parse_state *st, const char *arg)
{
	(void)arg;
	st->requests |= EAL_OPTIONS_SHOW_VERSION;
	return 0;
}

static int
opt_help(struct parse_state *st, const char *arg)
{
	(void)arg;
	st->requests |= EAL_OPTIONS_SHOW_HELP;
	return 0;
}

/* ---------------------------------------------------------------------
 * the table
 * --------------------------------------------------------------------- */

enum {
	IDX_L, IDX_C, IDX_LCORES, IDX_MAIN, IDX_N, IDX_R, IDX_M, IDX_SOCKET_MEM,
	IDX_SOCKET_LIMIT, IDX_NO_HUGE, IDX_HUGE_DIR, IDX_FILE_PREFIX,
	IDX_IN_MEMORY, IDX_SINGLE_FILE, IDX_HUGE_UNLINK, IDX_LEGACY_MEM,
	IDX_PROC_TYPE, IDX_IOVA_MODE, IDX_BASE_VIRTADDR, IDX_MATCH_ALLOC,
	IDX_NO_SHCONF, IDX_VDEV, IDX_NO_PCI, IDX_ALLOW, IDX_BLOCK,
	IDX_LOG_LEVEL, IDX_MBUF_POOL_OPS, IDX_TELEMETRY, IDX_NO_TELEMETRY,
	IDX_SIMD, IDX_SERVICE_MASK, IDX_SERVICE_LIST,
	IDX_VERSION, IDX_HELP, IDX_COUNT
};

static const struct eal_option eal_options[IDX_COUNT] = {
	[IDX_L] = { 'l', NULL, OPT_ARG_REQUIRED, "<lcore list, e.g. 0-3,5>",
		"run lcores on the CPUs of the same numbers", opt_lcore_list },
	[IDX_C] = { 'c', NULL, OPT_ARG_REQUIRED, "<hex mask, e.g. 0xf>",
		"run lcore i on CPU i for every bit i set", opt_coremask },
	[IDX_LCORES] = { 0, "lcores", OPT_ARG_REQUIRED,
		"<lcores[@cpus][,...]>, e.g. 0-3,4@5,(6,7)@(8-9)",
		"map lcores to CPUs or CPU groups", opt_lcores },
	[IDX_MAIN] = { 0, "main-lcore", OPT_ARG_REQUIRED,
		"<an lcore id of the lcore set>",
		"lcore that runs main() (default: the first)", opt_main_lcore },
	[IDX_N] = { 'n', NULL, OPT_ARG_REQUIRED, "<channels, 1-32>",
		"memory channels (informational)", opt_nchannel },
	[IDX_R] = { 'r', NULL, OPT_ARG_REQUIRED, "<ranks, 1-16>",
		"memory ranks (informational)", opt_nrank },
	[IDX_M] = { 'm', NULL, OPT_ARG_REQUIRED, "<megabytes>",
		"memory preallocated and never released", opt_memory },
	[IDX_SOCKET_MEM] = { 0, "socket-mem", OPT_ARG_REQUIRED,
		"<MB per NUMA node, e.g. 512,512>",
		"memory preallocated per node", opt_socket_mem },
	[IDX_SOCKET_LIMIT] = { 0, "socket-limit", OPT_ARG_REQUIRED,
		"<MB per NUMA node, 0 = none, e.g. 1024,0>",
		"most memory used per node", opt_socket_limit },
	[IDX_NO_HUGE] = { 0, "no-huge", OPT_ARG_NONE, NULL,
		"use ordinary memory instead of hugepages", opt_no_huge },
	[IDX_HUGE_DIR] = { 0, "huge-dir", OPT_ARG_REQUIRED,
		"<hugetlbfs directory>", "where hugepage files go",
		opt_huge_dir },
	[IDX_FILE_PREFIX] = { 0, "file-prefix", OPT_ARG_REQUIRED,
		"<name without '/' or '%'>",
		"names the runtime dir and hugepage files", opt_file_prefix },
	[IDX_IN_MEMORY] = { 0, "in-memory", OPT_ARG_NONE, NULL,
		"no files at all (implies --no-shconf)", opt_in_memory },
	[IDX_SINGLE_FILE] = { 0, "single-file-segments", OPT_ARG_NONE, NULL,
		"one hugepage file per memseg list", opt_single_file },
	[IDX_HUGE_UNLINK] = { 0, "huge-unlink", OPT_ARG_OPTIONAL,
		"[=existing|always|never]",
		"when hugepage files are removed", opt_huge_unlink },
	[IDX_LEGACY_MEM] = { 0, "legacy-mem", OPT_ARG_NONE, NULL,
		"map all memory at init, never release it", opt_legacy_mem },
	[IDX_PROC_TYPE] = { 0, "proc-type", OPT_ARG_REQUIRED,
		"<primary|secondary|auto>", "role of this process",
		opt_proc_type },
	[IDX_IOVA_MODE] = { 0, "iova-mode", OPT_ARG_REQUIRED, "<pa|va>",
		"IO addresses are physical or virtual", opt_iova_mode },
	[IDX_BASE_VIRTADDR] = { 0, "base-virtaddr", OPT_ARG_REQUIRED,
		"<hex address, e.g. 0x100000000>",
		"where shared memory is mapped", opt_base_virtaddr },
	[IDX_MATCH_ALLOC] = { 0, "match-allocations", OPT_ARG_NONE, NULL,
		"free pages exactly as they were allocated", opt_match_alloc },
	[IDX_NO_SHCONF] = { 0, "no-shconf", OPT_ARG_NONE, NULL,
		"no shared config file, no secondaries", opt_no_shconf },
	[IDX_VDEV] = { 0, "vdev", OPT_ARG_REQUIRED,
		"<driver><id>[,key=value,...]", "add a virtual device",
		opt_vdev },
	[IDX_NO_PCI] = { 0, "no-pci", OPT_ARG_NONE, NULL,
		"do not use the PCI bus", opt_no_pci },
	[IDX_ALLOW] = { 'a', "allow", OPT_ARG_REQUIRED, "<device address>",
		"accepted and ignored (no PCI bus)", opt_devargs },
	[IDX_BLOCK] = { 'b', "block", OPT_ARG_REQUIRED, "<device address>",
		"accepted and ignored (no PCI bus)", opt_devargs },
	[IDX_LOG_LEVEL] = { 0, "log-level", OPT_ARG_REQUIRED,
		"<level> or <type>:<level>", "set log levels", opt_log_level },
	[IDX_MBUF_POOL_OPS] = { 0, "mbuf-pool-ops-name", OPT_ARG_REQUIRED,
		"<mempool ops name>", "mempool ops for mbuf pools",
		opt_mbuf_pool_ops },
	[IDX_TELEMETRY] = { 0, "telemetry", OPT_ARG_NONE, NULL,
		"accepted (no telemetry here)", opt_accept },
	[IDX_NO_TELEMETRY] = { 0, "no-telemetry", OPT_ARG_NONE, NULL,
		"accepted (no telemetry here)", opt_accept },
	[IDX_SIMD] = { 0, "force-max-simd-bitwidth", OPT_ARG_REQUIRED,
		"<64|128|256|512>", "widest SIMD code paths may use (bits)",
		opt_simd_bitwidth },
	[IDX_SERVICE_MASK] = { 's', NULL, OPT_ARG_REQUIRED,
		"<hex mask of lcores of the set, not the main one, e.g. 0x6>",
		"lcores that run services (rte_service.h)", opt_service_mask },
	[IDX_SERVICE_LIST] = { 'S', NULL, OPT_ARG_REQUIRED,
		"<list of lcores of the set, not the main one, e.g. 1-2>",
		"lcores that run services (rte_service.h)", opt_service_list },
	[IDX_VERSION] = { 'v', NULL, OPT_ARG_NONE, NULL,
		"print the version at startup", opt_version },
	[IDX_HELP] = { 'h', "help", OPT_ARG_NONE, NULL,
		"print this help and exit", opt_help },
};

/* ---------------------------------------------------------------------
 * combination rules, checked once all options are in
 * --------------------------------------------------------------------- */

static int
combo_fail(struct parse_state *st, unsigned int idx, const char *what)
{
	const struct eal_option *o = &eal_options[idx];

	st->err_opt = o;
	st->err_name = NULL;
	snprintf(st->what, sizeof(st->what), "%s", what);
	return -EINVAL;
}

static int
check_memory_rules(struct parse_state *st)
{
	const struct internal_config *cfg = st->cfg;
	unsigned int i;

	if (st->mem_given && cfg->force_sockets)
		return combo_fail(st, IDX_SOCKET_MEM, "cannot be used with -m");
	if (cfg->no_hugetlbfs && cfg->force_sockets)
		return combo_fail(st, IDX_SOCKET_MEM,
				"cannot be used with --no-huge");
	if (cfg->legacy_mem && cfg->force_socket_limits)
		return combo_fail(st, IDX_SOCKET_LIMIT,
				"cannot be used with --legacy-mem");
	for (i = 0; cfg->force_sockets && cfg->force_socket_limits &&
			i < RTE_MAX_NUMA_NODES; i++)
		if (cfg->socket_limit[i] != 0 &&
				cfg->socket_limit[i] < cfg->socket_mem[i])
			return combo_fail(st, IDX_SOCKET_LIMIT,
					"a node's limit is below its --socket-mem");
	if (cfg->legacy_mem && cfg->in_memory)
		return combo_fail(st, IDX_LEGACY_MEM,
				"cannot be used with --in-memory");
	if (cfg->legacy_mem && cfg->match_allocations)
		return combo_fail(st, IDX_MATCH_ALLOC,
				"cannot be used with --legacy-mem");
	if (cfg->no_hugetlbfs && cfg->match_allocations)
		return combo_fail(st, IDX_MATCH_ALLOC,
				"cannot be used with --no-huge");
	return 0;
}

static int
check_file_rules(struct parse_state *st)
{
	const struct internal_config *cfg = st->cfg;

	if (cfg->in_memory && cfg->huge_unlink == EAL_HUGE_UNLINK_NEVER)
		return combo_fail(st, IDX_HUGE_UNLINK,
				"=never cannot be used with --in-memory");
	if (cfg->no_hugetlbfs && st->huge_unlink_given && !cfg->in_memory)
		return combo_fail(st, IDX_HUGE_UNLINK,
				"cannot be used with --no-huge");
	if (cfg->single_file_segments && !cfg->in_memory &&
			cfg->huge_unlink == EAL_HUGE_UNLINK_ALWAYS)
		return combo_fail(st, IDX_HUGE_UNLINK,
				"=always cannot be used with --single-file-segments");
	if (cfg->process_type == RTE_PROC_SECONDARY &&
			(cfg->in_memory || cfg->no_shconf))
		return combo_fail(st, IDX_PROC_TYPE,
				"=secondary needs a shared config, not --in-memory or --no-shconf");
	return 0;
}

/* the lcore set: defaults, CPUs that exist, main lcore inside it */
static int
check_lcore_rules(struct parse_state *st)
{
	struct internal_config *cfg = st->cfg;
	const cpu_set_t *present = st->env->present;
	unsigned int i, first = RTE_MAX_LCORE;
	cpu_set_t bad;
	char msg[80];
	unsigned int idx = st->lcores_opt != NULL ?
			(unsigned int)(st->lcores_opt - eal_options) : IDX_L;

	if (st->lcores_opt == NULL) {
		cpu_set_t one;

		for (i = 0; i < RTE_MAX_LCORE; i++) {
			if (!CPU_ISSET(i, present))
				continue;
			CPU_ZERO(&one);
			CPU_SET(i, &one);
			lcore_enable(st, i, &one);
		}
	}
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (!cfg->lcore_enabled[i])
			continue;
		if (first == RTE_MAX_LCORE && !cfg->lcore_service[i])
			first = i;
		CPU_AND(&bad, &cfg->lcore_cpuset[i], present);
		if (CPU_EQUAL(&bad, &cfg->lcore_cpuset[i]))
			continue;
		snprintf(msg, sizeof(msg),
				"lcore %u is mapped to a CPU this machine lacks", i);
		return combo_fail(st, idx, msg);
	}
	if (first == RTE_MAX_LCORE && st->service_opt != NULL)
		return combo_fail(st, (unsigned int)(st->service_opt -
				eal_options), "every lcore would be a service "
				"core; the main lcore needs one");
	if (first == RTE_MAX_LCORE)
		return combo_fail(st, idx, "no usable lcore");
	if (!st->main_lcore_given)
		cfg->main_lcore = first;
	else if (!cfg->lcore_enabled[cfg->main_lcore])
		return combo_fail(st, IDX_MAIN, "lcore is not in the lcore set");
	return 0;
}

/* service lcores: in the lcore set, and not the main lcore */
static int
check_service_rules(struct parse_state *st)
{
	const struct internal_config *cfg = st->cfg;
	unsigned int i;
	char msg[96];

	if (st->service_opt == NULL)
		return 0;
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (!cfg->lcore_service[i])
			continue;
		if (!cfg->lcore_enabled[i])
			snprintf(msg, sizeof(msg), "lcore %u is not in the "
				"lcore set (-l, -c or --lcores)", i);
		else if (i == cfg->main_lcore)
			snprintf(msg, sizeof(msg), "lcore %u is the main lcore "
				"and cannot be a service core", i);
		else
			continue;
		return combo_fail(st, (unsigned int)(st->service_opt -
				eal_options), msg);
	}
	return 0;
}

static int
check_rules(struct parse_state *st)
{
	struct internal_config *cfg = st->cfg;
	int ret;

	ret = check_memory_rules(st);
	if (ret == 0)
		ret = check_file_rules(st);
	if (ret == 0)
		ret = check_lcore_rules(st);
	if (ret == 0)
		ret = check_service_rules(st);
	if (ret == 0 && cfg->in_memory)
		cfg->no_shconf = true;
	return ret;
}

/* ---------------------------------------------------------------------
 * the scanner
 * --------------------------------------------------------------------- */

static const struct eal_option *
find_long(const char *name, size_t len)
{
	unsigned int i;

	for (i = 0; i < IDX_COUNT; i++) {
		const char *l = eal_options[i].long_name;

		if (l != NULL && strlen(l) == len && memcmp(l, name, len) == 0)
			return &eal_options[i];
	}
	return NULL;
}

static const struct eal_option *
find_short(char c)
{
	unsigned int i;

	for (i = 0; i < IDX_COUNT; i++)
		if (c != 0 && eal_options[i].short_name == c)
			return &eal_options[i];
	return NULL;
}

/* the option and its value at argv[*i]; advances *i past a separate value */
static int
scan_one(struct parse_state *st, int argc, char *const argv[], int *i,
		const struct eal_option **opt, const char **val)
{
	const char *a = argv[*i];
	const char *eq = NULL;
	bool is_long = a[1] == '-';

	st->err_name = a;
	st->err_opt = NULL;
	if (is_long) {
		eq = strchr(a + 2, '=');
		*opt = find_long(a + 2, eq ? (size_t)(eq - a - 2) : strlen(a + 2));
	} else {
		*opt = find_short(a[1]);
		if (a[2] != '\0')
			eq = a + 1; /* "-l0-3": the value is glued on */
	}
	if (*opt == NULL)
		return opt_fail(st, "unknown option");
	st->err_opt = *opt;
	*val = eq != NULL ? eq + 1 : NULL;
	if ((*opt)->arg == OPT_ARG_NONE && eq != NULL)
		return opt_fail(st, "takes no value");
	if ((*opt)->arg == OPT_ARG_REQUIRED && eq == NULL) {
		if (*i + 1 >= argc)
			return opt_fail(st, "a value is missing");
		*val = argv[++(*i)];
	}
	return 0;
}

static bool
is_lcore_option(const struct eal_option *o)
{
	return o == &eal_options[IDX_L] || o == &eal_options[IDX_C] ||
		o == &eal_options[IDX_LCORES];
}

static bool
is_service_option(const struct eal_option *o)
{
	return o == &eal_options[IDX_SERVICE_MASK] ||
		o == &eal_options[IDX_SERVICE_LIST];
}

static int
parse_argv(struct parse_state *st, int argc, char *const argv[])
{
	const struct eal_option *opt;
	const char *val = NULL;
	int i, last = 0, ret;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a == NULL || a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--") == 0)
			return i;
		ret = scan_one(st, argc, argv, &i, &opt, &val);
		if (ret < 0)
			return ret;
		if (is_lcore_option(opt)) {
			if (st->lcores_opt != NULL)
				return opt_fail(st,
					"only one of -l, -c and --lcores may be given");
			st->lcores_opt = opt;
		}
		if (is_service_option(opt)) {
			if (st->service_opt != NULL)
				return opt_fail(st,
					"only one of -s and -S may be given");
			st->service_opt = opt;
		}
		ret = opt->handler(st, val);
		if (ret < 0)
			return ret;
		last = i;
	}
	return last;
}

static const char *
option_name(const struct eal_option *o, char *buf, size_t len)
{
	if (o->long_name != NULL)
		snprintf(buf, len, "--%s", o->long_name);
	else
		snprintf(buf, len, "-%c", o->short_name);
	return buf;
}

static void
format_error(const struct parse_state *st, char *err, size_t errlen)
{
	char name[48];
	const char *shown;

	if (st->err_opt == NULL) {
		/* unknown option: name it as typed, up to any '=' */
		shown = st->err_name != NULL ? st->err_name : "?";
		/* bounded, so the "; expected" part always fits */
		snprintf(err, errlen, "option %.*s: %s; expected %s",
			(int)RTE_MIN(strcspn(shown, "="), (size_t)64), shown,
			st->what,
			"one of the options listed by --help");
		return;
	}
	if (st->err_name != NULL && st->err_name[1] != '-')
		snprintf(name, sizeof(name), "-%c", st->err_opt->short_name);
	else
		option_name(st->err_opt, name, sizeof(name));
	if (st->err_opt->form == NULL) {
		snprintf(err, errlen, "option %s: %s; expected %s alone",
			name, st->what, name);
		return;
	}
	snprintf(err, errlen, "option %s: %s; expected %s", name, st->what,
			st->err_opt->form);
}

int
eal_options_parse(struct internal_config *cfg,
		const struct eal_options_env *env, int argc, char *const argv[],
		unsigned int *requests, char *err, size_t errlen)
{
	struct parse_state st;
	int consumed, ret;

	memset(&st, 0, sizeof(st));
	st.cfg = cfg;
	st.env = env;
	consumed = parse_argv(&st, argc, argv);
	ret = consumed < 0 ? consumed : check_rules(&st);
	if (ret < 0) {
		format_error(&st, err, errlen);
		eal_options_free(cfg);
		return ret;
	}
	if (requests != NULL)
		*requests = st.requests;
	return consumed;
}

/* ---------------------------------------------------------------------
 * the process' configuration and the public accessors
 * --------------------------------------------------------------------- */

static struct internal_config internal_config;
static rte_usage_hook_t application_usage_hook;

struct internal_config *
eal_get_internal_configuration(void)
{
	return &internal_config;
}

void
eal_reset_internal_config(struct internal_config *cfg)
{
	memset(cfg, 0, sizeof(*cfg));
	cfg->process_type = RTE_PROC_PRIMARY;
	cfg->iova_mode = RTE_IOVA_DC;
	cfg->huge_unlink = EAL_HUGE_UNLINK_EXISTING;
	cfg->mp_timeout_ms = EAL_DEFAULT_MP_TIMEOUT_MS;
	for (unsigned int i = 0; i < MAX_HUGEPAGE_SIZES; i++)
		cfg->hugepage_info[i].lock_descriptor = -1;
}

void
eal_options_free(struct internal_config *cfg)
{
	unsigned int i;

	free(cfg->hugepage_dir);
	free(cfg->hugefile_prefix);
	free(cfg->user_mbuf_pool_ops_name);
	for (i = 0; i < cfg->num_vdevs && i < EAL_MAX_VDEV_ARGS; i++) {
		free(cfg->vdevs[i].name);
		free(cfg->vdevs[i].args);
	}
	eal_reset_internal_config(cfg);
}

const char *
eal_get_hugefile_prefix(void)
{
	if (internal_config.hugefile_prefix != NULL)
		return internal_config.hugefile_prefix;
	return EAL_DEFAULT_FILE_PREFIX;
}

int
rte_eal_has_hugepages(void)
{
	return !internal_config.no_hugetlbfs;
}

int
rte_eal_has_pci(void)
{
	return !internal_config.no_pci;
}

int
rte_eal_create_uio_dev(void)
{
	return 0;
}

const char *
rte_eal_mbuf_user_pool_ops(void)
{
	return internal_config.user_mbuf_pool_ops_name;
}

rte_usage_hook_t
rte_set_application_usage_hook(rte_usage_hook_t usage_func)
{
	rte_usage_hook_t old = application_usage_hook;

	application_usage_hook = usage_func;
	return old;
}

void
eal_usage(const char *prgname)
{
	char name[48];
	unsigned int i;

	printf("\nUsage: %s [EAL options] -- [application options]\n\n"
		"EAL options:\n", prgname != NULL ? prgname : "app");
	for (i = 0; i < IDX_COUNT; i++) {
		const struct eal_option *o = &eal_options[i];
		char spelled[64];

		option_name(o, name, sizeof(name));
		if (o->short_name != 0 && o->long_name != NULL)
			snprintf(spelled, sizeof(spelled), "-%c, %s",
				o->short_name, name);
		else
			snprintf(spelled, sizeof(spelled), "%s", name);
		printf("  %s%s%s\n      %s\n", spelled,
			o->form != NULL && o->arg != OPT_ARG_OPTIONAL ? " " : "",
			o->form != NULL ? o->form : "", o->help);
	}
	if (application_usage_hook != NULL) {
		printf("\n");
		application_usage_hook(prgname);
	}
}

/* ---------------------------------------------------------------------
 * what rte_eal_init() calls
 * --------------------------------------------------------------------- */

int
eal_parse_args(int argc, char **argv)
{
	struct internal_config *cfg = &internal_config;
	struct eal_options_env env = { .log_level = eal_log_level_parse };
	char err[EAL_OPTION_ERR_MAX];
	unsigned int requests = 0;
	cpu_set_t online;
	int ret;

	ret = eal_cpu_online_set(&online);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot list the online CPUs: %s\n",
			strerror(-ret));
		return ret;
	}
	env.present = &online;
	ret = eal_options_parse(cfg, &env, argc, argv, &requests, err,
			sizeof(err));
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "%s\n", err);
		return ret;
	}
	if (requests & EAL_OPTIONS_SHOW_HELP) {
		eal_usage(argc > 0 ? argv[0] : NULL);
		eal_options_free(cfg);
		exit(EXIT_SUCCESS);
	}
	if (requests & EAL_OPTIONS_SHOW_VERSION)
		RTE_LOG(INFO, EAL, "RTE Version: '%s'\n", rte_version());
	return ret;
}
