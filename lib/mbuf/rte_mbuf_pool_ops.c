/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Which mempool ops pktmbuf pools use: the user's choice (set by API, else
 * --mbuf-pool-ops-name), else the
 * platform's, else RTE_MBUF_DEFAULT_MEMPOOL_OPS. The choices are kept in a
 * small memzone so that secondary processes see the primary's.
 */
#include <errno.h>
#include <string.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_memzone.h>
#include <rte_string_fns.h>

#include "rte_mbuf.h"

#define MBUF_POOL_OPS_MZ "mbuf_pool_ops"

struct mbuf_pool_ops_names {
	char platform[RTE_MEMPOOL_OPS_NAMESIZE];
	char user[RTE_MEMPOOL_OPS_NAMESIZE];
};

static struct mbuf_pool_ops_names *
mbuf_pool_ops_get(int create)
{
	const struct rte_memzone *mz;

	mz = rte_memzone_lookup(MBUF_POOL_OPS_MZ);
	if (mz == NULL && create)
		mz = rte_memzone_reserve(MBUF_POOL_OPS_MZ,
			sizeof(struct mbuf_pool_ops_names), SOCKET_ID_ANY, 0);
	if (mz == NULL)
		return NULL;
	return mz->addr;
}

static int
mbuf_ops_name_ok(const char *ops_name)
{
	return ops_name != NULL && ops_name[0] != '\0' &&
		strnlen(ops_name, RTE_MEMPOOL_OPS_NAMESIZE) <
		RTE_MEMPOOL_OPS_NAMESIZE;
}

int
rte_mbuf_set_platform_mempool_ops(const char *ops_name)
{
	struct mbuf_pool_ops_names *names;

	if (!mbuf_ops_name_ok(ops_name))
		return -EINVAL;
	names = mbuf_pool_ops_get(1);
	if (names == NULL)
		return -ENOMEM;
	if (names->platform[0] != '\0')
		return strcmp(names->platform, ops_name) == 0 ? 0 : -EEXIST;
	strlcpy(names->platform, ops_name, sizeof(names->platform));
	return 0;
}

const char *
rte_mbuf_platform_mempool_ops(void)
{
	struct mbuf_pool_ops_names *names = mbuf_pool_ops_get(0);

	if (names == NULL || names->platform[0] == '\0')
		return NULL;
	return names->platform;
}

int
rte_mbuf_set_user_mempool_ops(const char *ops_name)
{
	struct mbuf_pool_ops_names *names;

	if (!mbuf_ops_name_ok(ops_name))
		return -EINVAL;
	names = mbuf_pool_ops_get(1);
	if (names == NULL)
		return -ENOMEM;
	strlcpy(names->user, ops_name, sizeof(names->user));
	return 0;
}

const char *
rte_mbuf_user_mempool_ops(void)
{
	struct mbuf_pool_ops_names *names = mbuf_pool_ops_get(0);

	if (names != NULL && names->user[0] != '\0')
		return names->user;
	/* else what --mbuf-pool-ops-name asked for, if anything */
	return rte_eal_mbuf_user_pool_ops();
}

const char *
rte_mbuf_best_mempool_ops(void)
{
	const char *name = rte_mbuf_user_mempool_ops();

	if (name != NULL)
		return name;
	name = rte_mbuf_platform_mempool_ops();
	if (name != NULL)
		return name;
	return RTE_MBUF_DEFAULT_MEMPOOL_OPS;
}
