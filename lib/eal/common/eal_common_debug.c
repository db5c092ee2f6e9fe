/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Fatal paths: rte_panic() (log, stack dump, abort for a core file) and
 * rte_exit() (log, release EAL resources, exit with a code), plus
 * rte_dump_stack().
 */

#include <execinfo.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>

#define BACKTRACE_SIZE 256

void
rte_dump_stack(void)
{
	void *func[BACKTRACE_SIZE];
	char **symbols;
	int i, n;

	n = backtrace(func, BACKTRACE_SIZE);
	symbols = backtrace_symbols(func, n);

	/* frame 0 is this function: start from its caller */
	for (i = 1; i < n; i++) {
		if (symbols != NULL)
			rte_log(RTE_LOG_ERR, RTE_LOGTYPE_EAL, "%d: [%s]\n",
					n - i, symbols[i]);
		else
			rte_log(RTE_LOG_ERR, RTE_LOGTYPE_EAL, "%d: [%p]\n",
					n - i, func[i]);
	}
	free(symbols);
}

void
__rte_panic(const char *funcname, const char *format, ...)
{
	va_list ap;

	rte_log(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, "PANIC in %s():\n", funcname);
	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);
	rte_dump_stack();
	abort();
}

void
rte_exit(int exit_code, const char *format, ...)
{
	va_list ap;

	if (exit_code != 0)
		RTE_LOG(CRIT, EAL, "Error - exiting with code: %d\n"
				"  Cause: ", exit_code);
	va_start(ap, format);
	rte_vlog(RTE_LOG_CRIT, RTE_LOGTYPE_EAL, format, ap);
	va_end(ap);

	/* harmless if rte_eal_init() never ran or already cleaned up */
	if (rte_eal_cleanup() != 0 && rte_errno != EALREADY)
		RTE_LOG(CRIT, EAL, "EAL could not release all resources\n");
	exit(exit_code);
}
