/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_errno and rte_strerror(): libc messages for errno values, our own
 * for the EAL range, formatted into a per-thread buffer.
 */

#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_per_lcore.h>

RTE_DEFINE_PER_LCORE(int, _rte_errno);

#define RTE_STRERR_BUFSIZE 256

static RTE_DEFINE_PER_LCORE(char[RTE_STRERR_BUFSIZE], strerror_buf);

const char *
rte_strerror(int errnum)
{
	char *buf = RTE_PER_LCORE(strerror_buf);
	int err = errnum < 0 ? -errnum : errnum;

	/* accept -E* too: internal functions return negative errno */
	switch (err) {
	case E_RTE_SECONDARY:
		return "Invalid call in secondary process";
	case E_RTE_NO_CONFIG:
		return "Missing rte_config structure";
	default:
		break;
	}
	if (err > RTE_MIN_ERRNO && err < RTE_MAX_ERRNO) {
		snprintf(buf, RTE_STRERR_BUFSIZE, "Unknown EAL error %d",
				errnum);
		return buf;
	}
	if (err >= RTE_MAX_ERRNO) {
		snprintf(buf, RTE_STRERR_BUFSIZE, "Unknown error %d", errnum);
		return buf;
	}
	/* GNU strerror_r may return a static string instead of filling buf */
	return strerror_r(err, buf, RTE_STRERR_BUFSIZE);
}
