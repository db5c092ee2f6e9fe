/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The "stack" mempool store: a LIFO of object pointers under a spinlock,
 * in shared memory so every process of the group uses the same one. The
 * most recently freed object is handed out first, which keeps it warm in
 * the cache of the lcore that freed it.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_malloc.h>
#include <rte_mempool.h>
#include <rte_spinlock.h>

struct mempool_stack {
	rte_spinlock_t lock;
	uint32_t size; /* room, in objects */
	uint32_t len;  /* objects stored */
	void *objs[];
};

static int
stack_alloc(struct rte_mempool *mp)
{
	struct mempool_stack *s;

	s = rte_zmalloc_socket("mempool_stack", sizeof(*s) +
		(size_t)mp->size * sizeof(void *), RTE_CACHE_LINE_SIZE,
		mp->socket_id);
	if (s == NULL)
		return -ENOMEM;
	rte_spinlock_init(&s->lock);
	s->size = mp->size;
	mp->pool_data = s;
	return 0;
}

static void
stack_free(struct rte_mempool *mp)
{
	rte_free(mp->pool_data);
	mp->pool_data = NULL;
}

static int
stack_enqueue(struct rte_mempool *mp, void * const *obj_table,
		unsigned int n)
{
	struct mempool_stack *s = mp->pool_data;

	rte_spinlock_lock(&s->lock);
	if (s->len + n > s->size) {
		rte_spinlock_unlock(&s->lock);
		return -ENOBUFS;
	}
	memcpy(&s->objs[s->len], obj_table, n * sizeof(void *));
	s->len += n;
	rte_spinlock_unlock(&s->lock);
	return 0;
}

static int
stack_dequeue(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	struct mempool_stack *s = mp->pool_data;
	unsigned int i;

	rte_spinlock_lock(&s->lock);
	if (n > s->len) {
		rte_spinlock_unlock(&s->lock);
		return -ENOBUFS;
	}
	/* top of the stack first */
	for (i = 0; i < n; i++)
		obj_table[i] = s->objs[s->len - 1 - i];
	s->len -= n;
	rte_spinlock_unlock(&s->lock);
	return 0;
}

static unsigned int
stack_get_count(const struct rte_mempool *mp)
{
	const struct mempool_stack *s = mp->pool_data;

	return __atomic_load_n(&s->len, __ATOMIC_RELAXED);
}

static const struct rte_mempool_ops ops_stack = {
	.name = "stack",
	.alloc = stack_alloc,
	.free = stack_free,
	.enqueue = stack_enqueue,
	.dequeue = stack_dequeue,
	.get_count = stack_get_count,
};

RTE_MEMPOOL_REGISTER_OPS(ops_stack);
