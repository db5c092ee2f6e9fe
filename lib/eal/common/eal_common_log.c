/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The log system: a global level, one level per log type, types fixed
 * (RTE_LOGTYPE_*) or registered by name at run time, and level options
 * (globs and regexes) remembered so that types registered later, often
 * from constructors in drivers, pick them up.
 *
 * Types live in fixed-size chunks that are never moved, so rte_log() reads
 * them without a lock while another thread registers a type; writers take
 * log_lock.
 */

#include <errno.h>
#include <fnmatch.h>
#include <regex.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_per_lcore.h>
#include <rte_spinlock.h>
#include <rte_string_fns.h>

#include "eal_private.h"

#define LOG_CHUNK_TYPES 64
#define LOG_MAX_CHUNKS 64 /* 4096 log types */

struct log_type {
	const char *name;  /* NULL for an unused fixed id */
	uint32_t level;
};

/* a remembered --log-level or rte_log_set_level_{pattern,regexp} */
struct log_opt {
	TAILQ_ENTRY(log_opt) next;
	bool is_regex;
	char *pattern;      /* the glob or the regex text */
	regex_t re;         /* compiled when is_regex */
	uint32_t level;
};

struct log_state {
	rte_spinlock_t lock;  /* registration and option list */
	FILE *user_stream;    /* rte_openlog_stream(), NULL = default */
	uint32_t global_level;
	uint32_t count;       /* ids in use, fixed ones included */
	struct log_type *chunks[LOG_MAX_CHUNKS];
	TAILQ_HEAD(, log_opt) opts;
	char ident[64];       /* program name given to eal_log_init() */
};

static struct log_type log_fixed_chunk[LOG_CHUNK_TYPES];

/* the process-wide log configuration (DPDK has one per process too) */
static struct log_state log_state = {
	.lock = RTE_SPINLOCK_INITIALIZER,
	.global_level = RTE_LOG_DEBUG,
	.count = RTE_LOGTYPE_FIRST_EXT_ID,
	.chunks = { log_fixed_chunk },
	.opts = TAILQ_HEAD_INITIALIZER(log_state.opts),
};

/* level and type of the message being written, for stream callbacks */
struct log_cur_msg {
	uint32_t loglevel;
	uint32_t logtype;
};
static RTE_DEFINE_PER_LCORE(struct log_cur_msg, log_cur_msg);

static const struct {
	uint32_t id;
	const char *name;
} log_fixed_names[] = {
	{ RTE_LOGTYPE_EAL, "lib.eal" },
	{ RTE_LOGTYPE_MALLOC, "lib.malloc" },
	{ RTE_LOGTYPE_RING, "lib.ring" },
	{ RTE_LOGTYPE_MEMPOOL, "lib.mempool" },
	{ RTE_LOGTYPE_TIMER, "lib.timer" },
	{ RTE_LOGTYPE_PMD, "pmd" },
	{ RTE_LOGTYPE_HASH, "lib.hash" },
	{ RTE_LOGTYPE_LPM, "lib.lpm" },
	{ RTE_LOGTYPE_KNI, "lib.kni" },
	{ RTE_LOGTYPE_ACL, "lib.acl" },
	{ RTE_LOGTYPE_POWER, "lib.power" },
	{ RTE_LOGTYPE_METER, "lib.meter" },
	{ RTE_LOGTYPE_SCHED, "lib.sched" },
	{ RTE_LOGTYPE_PORT, "lib.port" },
	{ RTE_LOGTYPE_TABLE, "lib.table" },
	{ RTE_LOGTYPE_PIPELINE, "lib.pipeline" },
	{ RTE_LOGTYPE_MBUF, "lib.mbuf" },
	{ RTE_LOGTYPE_CRYPTODEV, "lib.cryptodev" },
	{ RTE_LOGTYPE_EFD, "lib.efd" },
	{ RTE_LOGTYPE_EVENTDEV, "lib.eventdev" },
	{ RTE_LOGTYPE_GSO, "lib.gso" },
	{ RTE_LOGTYPE_USER1, "user1" },
	{ RTE_LOGTYPE_USER2, "user2" },
	{ RTE_LOGTYPE_USER3, "user3" },
	{ RTE_LOGTYPE_USER4, "user4" },
	{ RTE_LOGTYPE_USER5, "user5" },
	{ RTE_LOGTYPE_USER6, "user6" },
	{ RTE_LOGTYPE_USER7, "user7" },
	{ RTE_LOGTYPE_USER8, "user8" },
};

static const char * const log_level_names[] = {
	[RTE_LOG_EMERG] = "emergency",
	[RTE_LOG_ALERT] = "alert",
	[RTE_LOG_CRIT] = "critical",
	[RTE_LOG_ERR] = "error",
	[RTE_LOG_WARNING] = "warning",
	[RTE_LOG_NOTICE] = "notice",
	[RTE_LOG_INFO] = "info",
	[RTE_LOG_DEBUG] = "debug",
};

/* fixed types exist before any constructor that might log runs */
RTE_INIT_PRIO(log_fixed_types_init, LOG)
{
	unsigned int i;

	for (i = 0; i < RTE_LOGTYPE_FIRST_EXT_ID; i++)
		log_fixed_chunk[i].level = RTE_LOG_INFO;
	for (i = 0; i < RTE_DIM(log_fixed_names); i++)
		log_fixed_chunk[log_fixed_names[i].id].name =
				log_fixed_names[i].name;
}

/* ---- type table ---- */

static struct log_type *
log_type_get(uint32_t id)
{
	uint32_t count = __atomic_load_n(&log_state.count, __ATOMIC_ACQUIRE);

	if (id >= count)
		return NULL;
	return &log_state.chunks[id / LOG_CHUNK_TYPES][id % LOG_CHUNK_TYPES];
}

static const char *
log_level_name(uint32_t level)
{
	if (level >= RTE_DIM(log_level_names) || log_level_names[level] == NULL)
		return "unknown";
	return log_level_names[level];
}

/* id of a named type, or -1; caller holds the lock */
static int
log_type_find_locked(const char *name)
{
	uint32_t i;

	for (i = 0; i < log_state.count; i++) {
		struct log_type *t = log_type_get(i);

		if (t->name != NULL && strcmp(t->name, name) == 0)
			return (int)i;
	}
	return -1;
}

static bool
log_opt_matches(const struct log_opt *opt, const char *name)
{
	if (opt->is_regex)
		return regexec(&opt->re, name, 0, NULL, 0) == 0;
	return fnmatch(opt->pattern, name, 0) == 0;
}

/* append a new type; caller holds the lock */
static int
log_type_add_locked(const char *name, uint32_t level_def)
{
	uint32_t id = log_state.count;
	uint32_t chunk = id / LOG_CHUNK_TYPES;
	struct log_type *t;
	struct log_opt *opt;
	char *dup;

	if (chunk >= LOG_MAX_CHUNKS)
		return -ENOSPC;
	if (log_state.chunks[chunk] == NULL) {
		log_state.chunks[chunk] = calloc(LOG_CHUNK_TYPES, sizeof(*t));
		if (log_state.chunks[chunk] == NULL)
			return -ENOMEM;
	}
	dup = strdup(name);
	if (dup == NULL)
		return -ENOMEM;

	/* the last option given that matches wins over the default */
	TAILQ_FOREACH(opt, &log_state.opts, next)
		if (log_opt_matches(opt, name))
			level_def = opt->level;

	t = &log_state.chunks[chunk][id % LOG_CHUNK_TYPES];
	t->name = dup;
	t->level = level_def;
	/* publish the entry only once it is complete */
	__atomic_store_n(&log_state.count, id + 1, __ATOMIC_RELEASE);
	return (int)id;
}

int
rte_log_register_type_and_pick_level(const char *name, uint32_t level_def)
{
	int id;

	if (name == NULL || name[0] == '\0' || level_def < RTE_LOG_EMERG ||
			level_def > RTE_LOG_MAX) {
		rte_errno = EINVAL;
		return -1;
	}

	rte_spinlock_lock(&log_state.lock);
	id = log_type_find_locked(name);
	if (id < 0)
		id = log_type_add_locked(name, level_def);
	rte_spinlock_unlock(&log_state.lock);

	if (id < 0) {
		rte_errno = -id;
		return -1;
	}
	return id;
}

int
rte_log_register(const char *name)
{
	return rte_log_register_type_and_pick_level(name, RTE_LOG_INFO);
}

/* ---- levels ---- */

void
rte_log_set_global_level(uint32_t level)
{
	__atomic_store_n(&log_state.global_level, level, __ATOMIC_RELAXED);
}

uint32_t
rte_log_get_global_level(void)
{
	return __atomic_load_n(&log_state.global_level, __ATOMIC_RELAXED);
}

int
rte_log_get_level(uint32_t type)
{
	struct log_type *t = log_type_get(type);

	if (t == NULL)
		return -1;
	return (int)__atomic_load_n(&t->level, __ATOMIC_RELAXED);
}

int
rte_log_set_level(uint32_t type, uint32_t level)
{
	struct log_type *t = log_type_get(type);

	if (t == NULL || level > RTE_LOG_MAX)
		return -1;
	__atomic_store_n(&t->level, level, __ATOMIC_RELAXED);
	return 0;
}

bool
rte_log_can_log(uint32_t logtype, uint32_t level)
{
	struct log_type *t;

	if (level > rte_log_get_global_level())
		return false;
	t = log_type_get(logtype);
	if (t == NULL)
		return false;
	return level <= __atomic_load_n(&t->level, __ATOMIC_RELAXED);
}

/* remember an option and apply it to the types registered so far */
static int
log_opt_add(const char *pattern, bool is_regex, uint32_t level)
{
	struct log_opt *opt;
	uint32_t i;

	if (pattern == NULL || level > RTE_LOG_MAX)
		return -EINVAL;
	opt = calloc(1, sizeof(*opt));
	if (opt == NULL)
		return -ENOMEM;
	opt->pattern = strdup(pattern);
	if (opt->pattern == NULL) {
		free(opt);
		return -ENOMEM;
	}
	opt->is_regex = is_regex;
	opt->level = level;
	if (is_regex && regcomp(&opt->re, pattern, REG_EXTENDED | REG_NOSUB)) {
		free(opt->pattern);
		free(opt);
		return -EINVAL;
	}

	rte_spinlock_lock(&log_state.lock);
	TAILQ_INSERT_TAIL(&log_state.opts, opt, next);
	for (i = 0; i < log_state.count; i++) {
		struct log_type *t = log_type_get(i);

		if (t->name != NULL && log_opt_matches(opt, t->name))
			__atomic_store_n(&t->level, level, __ATOMIC_RELAXED);
	}
	rte_spinlock_unlock(&log_state.lock);
	return 0;
}

int
rte_log_set_level_pattern(const char *pattern, uint32_t level)
{
	return log_opt_add(pattern, false, level) < 0 ? -1 : 0;
}

int
rte_log_set_level_regexp(const char *regex, uint32_t level)
{
	return log_opt_add(regex, true, level) < 0 ? -1 : 0;
}

/* ---- output ---- */

int
rte_openlog_stream(FILE *f)
{
	__atomic_store_n(&log_state.user_stream, f, __ATOMIC_RELEASE);
	return 0;
}

FILE *
rte_log_get_stream(void)
{
	FILE *f = __atomic_load_n(&log_state.user_stream, __ATOMIC_ACQUIRE);

	return f != NULL ? f : stderr;
}

int
rte_log_cur_msg_loglevel(void)
{
	return (int)RTE_PER_LCORE(log_cur_msg).loglevel;
}

int
rte_log_cur_msg_logtype(void)
{
	return (int)RTE_PER_LCORE(log_cur_msg).logtype;
}

int
rte_vlog(uint32_t level, uint32_t logtype, const char *format, va_list ap)
{
	FILE *f;
	int ret;

	if (!rte_log_can_log(logtype, level))
		return 0;

	RTE_PER_LCORE(log_cur_msg).loglevel = level;
	RTE_PER_LCORE(log_cur_msg).logtype = logtype;

	f = rte_log_get_stream();
	ret = vfprintf(f, format, ap);
	fflush(f);
	return ret < 0 ? ret : 0;
}

int
rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
{
	va_list ap;
	int ret;

	va_start(ap, format);
	ret = rte_vlog(level, logtype, format, ap);
	va_end(ap);
	return ret;
}

void
rte_log_list_types(FILE *out, const char *prefix)
{
	uint32_t i, count;

	count = __atomic_load_n(&log_state.count, __ATOMIC_ACQUIRE);
	for (i = 0; i < count; i++) {
		struct log_type *t = log_type_get(i);

		if (t->name == NULL)
			continue;
		if (prefix != NULL &&
				strncmp(t->name, prefix, strlen(prefix)) != 0)
			continue;
		fprintf(out, "\t%s, level %s\n", t->name,
				log_level_name(t->level));
	}
}

void
rte_log_dump(FILE *f)
{
	uint32_t i, count;

	fprintf(f, "global log level is %s\n",
			log_level_name(rte_log_get_global_level()));
	count = __atomic_load_n(&log_state.count, __ATOMIC_ACQUIRE);
	for (i = 0; i < count; i++) {
		struct log_type *t = log_type_get(i);

		if (t->name == NULL)
			continue;
		fprintf(f, "id %u: %s, level is %s\n", i, t->name,
				log_level_name(t->level));
	}
}

/* ---- EAL hooks ---- */

int
eal_log_init(const char *id)
{
	if (id != NULL)
		rte_strlcpy(log_state.ident, id, sizeof(log_state.ident));
	return 0;
}

/*
 * A level as a number (1..8) or a name; a prefix of the name is enough
 * ("err", "warn"). Returns 0 on failure.
 */
static uint32_t
log_parse_level(const char *s)
{
	size_t len = strlen(s);
	unsigned long v;
	char *end;
	uint32_t i;

	if (len == 0)
		return 0;
	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno == 0 && *end == '\0')
		return (v >= RTE_LOG_EMERG && v <= RTE_LOG_MAX) ? v : 0;

	for (i = RTE_LOG_EMERG; i <= RTE_LOG_MAX; i++)
		if (strncasecmp(s, log_level_names[i], len) == 0)
			return i;
	return 0;
}

/*
 * --log-level forms: "LEVEL" sets the global level; "glob:LEVEL" sets the
 * matching types (pmd.net.*:debug); "regex,LEVEL" is the older form with
 * a regular expression. LEVEL is 1..8 or a level name.
 */
int
eal_log_level_parse(const char *arg)
{
	const char *sep;
	char *pattern;
	uint32_t level;
	bool is_regex;
	int ret;

	if (arg == NULL)
		return -EINVAL;

	sep = strrchr(arg, ':');
	is_regex = false;
	if (sep == NULL) {
		sep = strrchr(arg, ',');
		is_regex = true;
	}
	if (sep == NULL) {
		level = log_parse_level(arg);
		if (level == 0)
			goto bad;
		rte_log_set_global_level(level);
		return 0;
	}

	level = log_parse_level(sep + 1);
	if (level == 0 || sep == arg)
		goto bad;
	pattern = strndup(arg, (size_t)(sep - arg));
	if (pattern == NULL)
		return -ENOMEM;
	ret = log_opt_add(pattern, is_regex, level);
	free(pattern);
	if (ret == -EINVAL)
		goto bad;
	return ret;
bad:
	fprintf(stderr, "EAL: invalid --log-level '%s': expected LEVEL, "
		"TYPE-GLOB:LEVEL or TYPE-REGEX,LEVEL with LEVEL 1-8 or a "
		"name (error, warning, info, debug...)\n", arg);
	return -EINVAL;
}

/* free the remembered options and the dynamic type names at exit */
RTE_FINI_PRIO(log_cleanup, LOG)
{
	struct log_opt *opt;

	while ((opt = TAILQ_FIRST(&log_state.opts)) != NULL) {
		TAILQ_REMOVE(&log_state.opts, opt, next);
		if (opt->is_regex)
			regfree(&opt->re);
		free(opt->pattern);
		free(opt);
	}
}
