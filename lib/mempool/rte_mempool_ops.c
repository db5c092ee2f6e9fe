/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Registry of object-store drivers. Drivers register from constructors, so
 * every process of an application (built from the same binaries) gets the
 * same indexes; a pool stores only its index, which is valid everywhere.
 */
#include <errno.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_string_fns.h>

#include "rte_mempool.h"

struct rte_mempool_ops_table rte_mempool_ops_table = {
	.sl = RTE_SPINLOCK_INITIALIZER,
	.num_ops = 0,
};

int
rte_mempool_register_ops(const struct rte_mempool_ops *h)
{
	struct rte_mempool_ops *ops;
	uint32_t i;
	int idx;

	if (h == NULL || h->name[0] == '\0' || h->alloc == NULL ||
			h->enqueue == NULL || h->dequeue == NULL ||
			h->get_count == NULL) {
		RTE_LOG(ERR, MEMPOOL,
			"register_ops: missing name or callback\n");
		return -EINVAL;
	}
	if (strnlen(h->name, sizeof(ops->name)) >= sizeof(ops->name)) {
		RTE_LOG(ERR, MEMPOOL, "register_ops: name too long\n");
		return -EINVAL;
	}
	rte_spinlock_lock(&rte_mempool_ops_table.sl);
	for (i = 0; i < rte_mempool_ops_table.num_ops; i++) {
		if (strcmp(rte_mempool_ops_table.ops[i].name, h->name) == 0) {
			rte_spinlock_unlock(&rte_mempool_ops_table.sl);
			RTE_LOG(ERR, MEMPOOL, "register_ops: %s twice\n",
				h->name);
			return -EEXIST;
		}
	}
	if (rte_mempool_ops_table.num_ops >= RTE_MEMPOOL_MAX_OPS_IDX) {
		rte_spinlock_unlock(&rte_mempool_ops_table.sl);
		RTE_LOG(ERR, MEMPOOL, "register_ops: table full (%d)\n",
			RTE_MEMPOOL_MAX_OPS_IDX);
		return -ENOSPC;
	}
	idx = (int)rte_mempool_ops_table.num_ops;
	ops = &rte_mempool_ops_table.ops[idx];
	*ops = *h;
	rte_mempool_ops_table.num_ops++;
	rte_spinlock_unlock(&rte_mempool_ops_table.sl);
	return idx;
}

int
rte_mempool_ops_alloc(struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->alloc(mp);
}

void
rte_mempool_ops_free(struct rte_mempool *mp)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->free != NULL)
		ops->free(mp);
}

unsigned int
rte_mempool_ops_get_count(const struct rte_mempool *mp)
{
	return rte_mempool_get_ops(mp->ops_index)->get_count(mp);
}

ssize_t
rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->calc_mem_size == NULL)
		return rte_mempool_op_calc_mem_size_default(mp, obj_num,
			pg_shift, min_chunk_size, align);
	return ops->calc_mem_size(mp, obj_num, pg_shift, min_chunk_size,
		align);
}

int
rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->populate == NULL)
		return rte_mempool_op_populate_default(mp, max_objs, vaddr,
			iova, len, obj_cb, obj_cb_arg);
	return ops->populate(mp, max_objs, vaddr, iova, len, obj_cb,
		obj_cb_arg);
}

int
rte_mempool_ops_get_info(const struct rte_mempool *mp,
		struct rte_mempool_info *info)
{
	struct rte_mempool_ops *ops;

	if (info == NULL)
		return -EINVAL;
	ops = rte_mempool_get_ops(mp->ops_index);
	if (ops->get_info == NULL)
		return -ENOTSUP;
	return ops->get_info(mp, info);
}

int
rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name,
		void *pool_config)
{
	uint32_t i;

	if (mp == NULL || name == NULL)
		return -EINVAL;
	/* the store holds the objects: too late once it exists */
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		return -EEXIST;
	for (i = 0; i < rte_mempool_ops_table.num_ops; i++) {
		if (strcmp(name, rte_mempool_ops_table.ops[i].name) == 0) {
			mp->ops_index = (int32_t)i;
			mp->pool_config = pool_config;
			return 0;
		}
	}
	return -EINVAL;
}
