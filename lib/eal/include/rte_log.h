/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Logging: messages have a level (EMERG..DEBUG) and a type (a subsystem);
 * a message is printed when its level is at or below both the global level
 * and its type's level. Types are fixed (RTE_LOGTYPE_*) or registered at
 * run time by name.
 */
#ifndef _RTE_LOG_H_
#define _RTE_LOG_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>
#include <stdio.h>
#include <stdarg.h>
#include <stdbool.h>

#include <rte_common.h>
#include <rte_config.h>

/* fixed log types; dynamic ones are numbered from RTE_LOGTYPE_FIRST_EXT_ID */
#define RTE_LOGTYPE_EAL        0 /**< the EAL */
#define RTE_LOGTYPE_MALLOC     1 /**< rte_malloc */
#define RTE_LOGTYPE_RING       2 /**< rte_ring */
#define RTE_LOGTYPE_MEMPOOL    3 /**< rte_mempool */
#define RTE_LOGTYPE_TIMER      4 /**< rte_timer */
#define RTE_LOGTYPE_PMD        5 /**< poll mode drivers */
#define RTE_LOGTYPE_HASH       6 /**< rte_hash */
#define RTE_LOGTYPE_LPM        7 /**< rte_lpm */
#define RTE_LOGTYPE_KNI        8 /**< rte_kni */
#define RTE_LOGTYPE_ACL        9 /**< rte_acl */
#define RTE_LOGTYPE_POWER     10 /**< rte_power */
#define RTE_LOGTYPE_METER     11 /**< QoS meter */
#define RTE_LOGTYPE_SCHED     12 /**< QoS scheduler */
#define RTE_LOGTYPE_PORT      13 /**< rte_port */
#define RTE_LOGTYPE_TABLE     14 /**< rte_table */
#define RTE_LOGTYPE_PIPELINE  15 /**< rte_pipeline */
#define RTE_LOGTYPE_MBUF      16 /**< rte_mbuf */
#define RTE_LOGTYPE_CRYPTODEV 17 /**< cryptodev */
#define RTE_LOGTYPE_EFD       18 /**< EFD */
#define RTE_LOGTYPE_EVENTDEV  19 /**< eventdev */
#define RTE_LOGTYPE_GSO       20 /**< GSO */

/* for applications */
#define RTE_LOGTYPE_USER1     24 /**< user-defined 1 */
#define RTE_LOGTYPE_USER2     25 /**< user-defined 2 */
#define RTE_LOGTYPE_USER3     26 /**< user-defined 3 */
#define RTE_LOGTYPE_USER4     27 /**< user-defined 4 */
#define RTE_LOGTYPE_USER5     28 /**< user-defined 5 */
#define RTE_LOGTYPE_USER6     29 /**< user-defined 6 */
#define RTE_LOGTYPE_USER7     30 /**< user-defined 7 */
#define RTE_LOGTYPE_USER8     31 /**< user-defined 8 */

/** First id handed out by rte_log_register(). */
#define RTE_LOGTYPE_FIRST_EXT_ID 32

/* levels: lower is more severe */
#define RTE_LOG_EMERG    1U  /**< system is unusable */
#define RTE_LOG_ALERT    2U  /**< action must be taken immediately */
#define RTE_LOG_CRIT     3U  /**< critical condition */
#define RTE_LOG_ERR      4U  /**< error */
#define RTE_LOG_WARNING  5U  /**< warning */
#define RTE_LOG_NOTICE   6U  /**< normal but significant */
#define RTE_LOG_INFO     7U  /**< informational */
#define RTE_LOG_DEBUG    8U  /**< debug */
#define RTE_LOG_MAX RTE_LOG_DEBUG /**< most verbose level */

/**
 * Send log output to f instead of the default (stderr, and syslog when
 * enabled); NULL restores the default.
 * @return 0
 */
int rte_openlog_stream(FILE *f);

/** The stream log output currently goes to. */
FILE *rte_log_get_stream(void);

/** Set the global level: messages above it are dropped whatever the type. */
void rte_log_set_global_level(uint32_t level);

/** The global level. */
uint32_t rte_log_get_global_level(void);

/**
 * The level of a log type.
 * @return the level, or -1 if logtype is not registered.
 */
int rte_log_get_level(uint32_t logtype);

/** Whether a message of this type and level would be printed. */
bool rte_log_can_log(uint32_t logtype, uint32_t loglevel);

/**
 * Set the level of every type whose name matches the shell glob pattern,
 * including types registered later.
 * @return 0, or -1 on bad level or no memory.
 */
int rte_log_set_level_pattern(const char *pattern, uint32_t level);

/**
 * Set the level of every type whose name matches the POSIX extended regular
 * expression regex, including types registered later.
 * @return 0, or -1 on bad level, bad regex or no memory.
 */
int rte_log_set_level_regexp(const char *regex, uint32_t level);

/**
 * Set the level of one log type.
 * @return 0, or -1 if type or level is out of range.
 */
int rte_log_set_level(uint32_t logtype, uint32_t level);

/** Level of the message being printed (valid inside a log stream). */
int rte_log_cur_msg_loglevel(void);

/** Type of the message being printed (valid inside a log stream). */
int rte_log_cur_msg_logtype(void);

/**
 * Register a dynamic log type by name; registering an existing name
 * returns its id.
 * @return the type id, or -1 with rte_errno set (ENOMEM, EINVAL).
 */
int rte_log_register(const char *name);

/**
 * Register a log type and set its level: level_def, unless an earlier
 * --log-level pattern or regex matches the name, in which case that wins.
 * @return the type id, or -1 with rte_errno set.
 */
int rte_log_register_type_and_pick_level(const char *name, uint32_t level_def);

/** Print every registered type whose name starts with prefix (or all). */
void rte_log_list_types(FILE *out, const char *prefix);

/** Dump the global level and every type with its level to f. */
void rte_log_dump(FILE *f);

/**
 * Print a message of the given level and type if both allow it.
 * @return 0 (also when filtered), or a negative value on output error.
 */
int rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
#ifdef __GNUC__
	__attribute__((cold))
#endif
	__rte_format_printf(3, 4);

/** va_list version of rte_log(). */
int rte_vlog(uint32_t level, uint32_t logtype, const char *format,
		va_list ap)
	__rte_format_printf(3, 0);

/**
 * Log with a fixed type: RTE_LOG(ERR, EAL, "...") prefixes "EAL: ".
 */
#define RTE_LOG(l, t, ...) \
	rte_log(RTE_LOG_ ## l, \
		RTE_LOGTYPE_ ## t, # t ": " __VA_ARGS__)

/**
 * Like RTE_LOG(), but compiled out when the level is above
 * RTE_LOG_DP_LEVEL (for data-path code).
 */
#define RTE_LOG_DP(l, t, ...) \
	(void)((RTE_LOG_ ## l <= RTE_LOG_DP_LEVEL) ? \
	 rte_log(RTE_LOG_ ## l, \
		 RTE_LOGTYPE_ ## t, # t ": " __VA_ARGS__) : \
	 0)

/* common body of the RTE_LOG_REGISTER* macros */
#define RTE_LOG_REGISTER_IMPL(type, name, level) \
int type; \
RTE_INIT(__##type) \
{ \
	type = rte_log_register_type_and_pick_level(name, \
			RTE_LOG_##level); \
	if (type < 0) \
		type = RTE_LOGTYPE_EAL; \
}

/**
 * Define int variable type and register it at startup as log type name
 * with default level (NOTICE, INFO, ...).
 */
#define RTE_LOG_REGISTER(type, name, level) \
	RTE_LOG_REGISTER_IMPL(type, RTE_STR(name), level)

/** Register the component's default type RTE_LOG_DEFAULT_LOGTYPE. */
#define RTE_LOG_REGISTER_DEFAULT(type, level) \
	RTE_LOG_REGISTER_IMPL(type, RTE_STR(RTE_LOG_DEFAULT_LOGTYPE), level)

/** Register RTE_LOG_DEFAULT_LOGTYPE.suffix. */
#define RTE_LOG_REGISTER_SUFFIX(type, suffix, level) \
	RTE_LOG_REGISTER_IMPL(type, \
		RTE_STR(RTE_LOG_DEFAULT_LOGTYPE) "." RTE_STR(suffix), level)

#ifdef __cplusplus
}
#endif

#endif /* _RTE_LOG_H_ */
