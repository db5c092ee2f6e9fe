/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The EAL command line parser. eal_options_parse() is pure: it reads argv
 * and the set of CPUs that exist, writes only the internal_config it is
 * given and an error line, and touches no global state, so it can be unit
 * tested and fuzzed. eal_parse_args() is the wrapper rte_eal_init() calls.
 */
#ifndef EAL_OPTIONS_H
#define EAL_OPTIONS_H

#include <sched.h>
#include <stdbool.h>
#include <stddef.h>

#include "eal_internal_cfg.h"

#define EAL_DEFAULT_FILE_PREFIX "rte"
#define EAL_FILE_PREFIX_MAX 64
#define EAL_DEFAULT_MP_TIMEOUT_MS 5000
#define EAL_OPTION_ERR_MAX 320

/* what the parser needs from the outside world */
struct eal_options_env {
	const cpu_set_t *present;  /* CPUs that exist on this machine */
	/* validates (and applies) one --log-level argument; 0 or -errno */
	int (*log_level)(const char *arg);
};

/* requests that the caller acts upon once parsing succeeded */
#define EAL_OPTIONS_SHOW_HELP (1u << 0)
#define EAL_OPTIONS_SHOW_VERSION (1u << 1)

/*
 * Parse the EAL options of argv[1..] into cfg (reset first by the caller).
 * Stops after "--" or before the first argument that is not an option.
 * Returns the index of the last argument consumed (0 if none) or -EINVAL,
 * in which case err holds one line "option --X: what; expected form" and
 * cfg holds no allocation (eal_options_free() was called).
 */
int eal_options_parse(struct internal_config *cfg,
		const struct eal_options_env *env, int argc, char *const argv[],
		unsigned int *requests, char *err, size_t errlen);

/* free what parsing allocated in cfg (strings, vdev args) and reset it */
void eal_options_free(struct internal_config *cfg);

/* --file-prefix or the default */
const char *eal_get_hugefile_prefix(void);

#endif /* EAL_OPTIONS_H */
