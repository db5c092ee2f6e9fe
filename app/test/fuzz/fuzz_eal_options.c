/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target for the EAL option parser (eal_options_parse).
 *
 * The input is split at NUL and newline bytes into up to 32 arguments
 * after a program name. Whatever they are, the parser must either accept
 * them with a consistent lcore layout (at least one lcore, the main lcore
 * among them, every lcore on CPUs that exist) or refuse them with exactly
 * one error line "option X: ...; expected ...", leaving no allocation in
 * the configuration; anything else traps. Leaks are ASan's to find.
 */
#include <sched.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "eal_internal_cfg.h"
#include "eal_lcore.h"
#include "eal_options.h"
#include "eal_private.h"

#define FUZZ_MAX_ARGS 32
#define FUZZ_CPUS 8

/* what eal_common_options.c links against outside the parser itself */
int
rte_log(uint32_t level, uint32_t logtype, const char *format, ...)
{
	(void)level;
	(void)logtype;
	(void)format;
	return 0;
}

const char *
rte_version(void)
{
	return "fuzz";
}

int
eal_cpu_online_set(cpu_set_t *set)
{
	CPU_ZERO(set);
	return 0;
}

/* accepts "N" with N a digit, like the simplest real level */
int
eal_log_level_parse(const char *arg)
{
	return arg[0] >= '0' && arg[0] <= '8' && arg[1] == '\0' ? 0 : -1;
}

static void
fuzz_check_accepted(const struct internal_config *cfg, const cpu_set_t *cpus)
{
	unsigned int i, n = 0;
	cpu_set_t and;

	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (!cfg->lcore_enabled[i])
			continue;
		n++;
		CPU_AND(&and, &cfg->lcore_cpuset[i], cpus);
		if (CPU_COUNT(&cfg->lcore_cpuset[i]) == 0 ||
				!CPU_EQUAL(&and, &cfg->lcore_cpuset[i]))
			__builtin_trap();
	}
	if (n == 0 || n != cfg->lcore_count ||
			cfg->main_lcore >= RTE_MAX_LCORE ||
			!cfg->lcore_enabled[cfg->main_lcore])
		__builtin_trap();
	if (cfg->in_memory && !cfg->no_shconf)
		__builtin_trap();
	if (cfg->memory != 0 && cfg->force_sockets)
		__builtin_trap();
}

static void
fuzz_check_refused(const struct internal_config *cfg, const char *err)
{
	if (strncmp(err, "option ", 7) != 0 ||
			strstr(err, "; expected ") == NULL ||
			strchr(err, '\n') != NULL)
		__builtin_trap();
	if (cfg->hugepage_dir != NULL || cfg->hugefile_prefix != NULL ||
			cfg->user_mbuf_pool_ops_name != NULL ||
			cfg->num_vdevs != 0)
		__builtin_trap();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct internal_config cfg;
	char *argv[FUZZ_MAX_ARGS + 2];
	char err[EAL_OPTION_ERR_MAX] = "";
	struct eal_options_env env;
	unsigned int requests;
	cpu_set_t cpus;
	char *buf, *p;
	int argc = 1, i, ret;

	buf = malloc(size + 1);
	if (buf == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	argv[0] = (char *)(uintptr_t)"fuzz";
	for (p = buf; argc <= FUZZ_MAX_ARGS; argc++) {
		argv[argc] = p;
		p += strcspn(p, "\n");
		if (*p == '\0' || p >= buf + size)
			break;
		*p++ = '\0';
	}
	argc = argc > FUZZ_MAX_ARGS ? FUZZ_MAX_ARGS + 1 : argc + 1;
	argv[argc] = NULL;
	CPU_ZERO(&cpus);
	for (i = 0; i < FUZZ_CPUS; i++)
		CPU_SET(i, &cpus);
	env.present = &cpus;
	env.log_level = eal_log_level_parse;
	eal_reset_internal_config(&cfg);
	ret = eal_options_parse(&cfg, &env, argc, argv, &requests, err,
			sizeof(err));
	if (ret >= 0) {
		if (ret >= argc)
			__builtin_trap();
		fuzz_check_accepted(&cfg, &cpus);
	} else {
		fuzz_check_refused(&cfg, err);
	}
	eal_options_free(&cfg);
	free(buf);
	return 0;
}
