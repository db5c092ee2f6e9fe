/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Run-time version, from the values this library was built with.
 */

#include <rte_common.h>
#include <rte_version.h>

const char *
rte_version_prefix(void)
{
	return RTE_VER_PREFIX;
}

unsigned int
rte_version_year(void)
{
	return RTE_VER_YEAR;
}

unsigned int
rte_version_month(void)
{
	return RTE_VER_MONTH;
}

unsigned int
rte_version_minor(void)
{
	return RTE_VER_MINOR;
}

const char *
rte_version_suffix(void)
{
	return RTE_VER_SUFFIX;
}

unsigned int
rte_version_release(void)
{
	return RTE_VER_RELEASE;
}

const char *
rte_version(void)
{
	/* "DPDK 22.11.0", with "-rcN" appended for release candidates */
	static const char version[] = RTE_VER_PREFIX " "
		RTE_STR(RTE_VER_YEAR) "." RTE_STR(RTE_VER_MONTH) "."
		RTE_STR(RTE_VER_MINOR) RTE_VER_SUFFIX;

	return version;
}
