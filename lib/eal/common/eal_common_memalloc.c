/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory event callbacks and allocation validators: the two registries the
 * page allocator consults, and their public rte_mem_* wrappers.
 *
 * Both registries are per process and live in one struct guarded by its own
 * rwlock. The page allocator runs with memory_hotplug_lock held for writing
 * (its caller takes it), so callbacks and validators are always invoked
 * under that lock; they must therefore not call anything that takes it
 * (rte_memseg_walk() and friends: use the _thread_unsafe variants). Lock
 * order: memory_hotplug_lock -> registry lock. A callback must not register
 * or unregister callbacks from inside itself (the registry lock is held for
 * reading while it runs).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_errno.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_rwlock.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"

struct mem_event_callback_entry {
	TAILQ_ENTRY(mem_event_callback_entry) next;
	char name[RTE_MEM_EVENT_CALLBACK_NAME_LEN];
	rte_mem_event_callback_t clb;
	void *arg;
};

struct mem_alloc_validator_entry {
	TAILQ_ENTRY(mem_alloc_validator_entry) next;
	char name[RTE_MEM_ALLOC_VALIDATOR_NAME_LEN];
	rte_mem_alloc_validator_t clb;
	int socket_id;
	size_t limit;
};

TAILQ_HEAD(mem_event_callback_list, mem_event_callback_entry);
TAILQ_HEAD(mem_alloc_validator_list, mem_alloc_validator_entry);

/* everything this file owns, in one place */
struct memalloc_registry {
	rte_rwlock_t lock;
	struct mem_event_callback_list callbacks;
	struct mem_alloc_validator_list validators;
};

static struct memalloc_registry memalloc_registry = {
	.lock = RTE_RWLOCK_INITIALIZER,
	.callbacks = TAILQ_HEAD_INITIALIZER(memalloc_registry.callbacks),
	.validators = TAILQ_HEAD_INITIALIZER(memalloc_registry.validators),
};

/* -------------------------------------------------------------------------
 * memory event callbacks
 * ------------------------------------------------------------------------- */

/* callbacks are identified by (name, arg), as in DPDK */
static struct mem_event_callback_entry *
callback_find(struct memalloc_registry *reg, const char *name, void *arg)
{
	struct mem_event_callback_entry *e;

	TAILQ_FOREACH(e, &reg->callbacks, next) {
		if (e->arg == arg && strcmp(e->name, name) == 0)
			return e;
	}
	return NULL;
}

/* 0, -EINVAL (empty) or -ENAMETOOLONG (no room for the NUL) */
static int
registry_name_check(const char *name, size_t max)
{
	size_t len = strnlen(name, max);

	if (len == 0)
		return -EINVAL;
	if (len == max)
		return -ENAMETOOLONG;
	return 0;
}

int
eal_memalloc_mem_event_callback_register(const char *name,
		rte_mem_event_callback_t clb, void *arg)
{
	struct memalloc_registry *reg = &memalloc_registry;
	struct mem_event_callback_entry *e;
	int ret;

	if (name == NULL || clb == NULL)
		return -EINVAL;
	ret = registry_name_check(name, sizeof(e->name));
	if (ret < 0)
		return ret;

	rte_rwlock_write_lock(&reg->lock);
	if (callback_find(reg, name, arg) != NULL) {
		ret = -EEXIST;
		goto unlock;
	}
	e = calloc(1, sizeof(*e));
	if (e == NULL) {
		ret = -ENOMEM;
		goto unlock;
	}
	strcpy(e->name, name);
	e->clb = clb;
	e->arg = arg;
	TAILQ_INSERT_TAIL(&reg->callbacks, e, next);
	RTE_LOG(DEBUG, EAL, "mem event callback '%s:%p' registered\n",
		name, arg);
	ret = 0;
unlock:
	rte_rwlock_write_unlock(&reg->lock);
	return ret;
}

int
eal_memalloc_mem_event_callback_unregister(const char *name, void *arg)
{
	struct memalloc_registry *reg = &memalloc_registry;
	struct mem_event_callback_entry *e;
	int ret;

	if (name == NULL)
		return -EINVAL;
	ret = registry_name_check(name, sizeof(e->name));
	if (ret < 0)
		return ret;

	rte_rwlock_write_lock(&reg->lock);
	e = callback_find(reg, name, arg);
	if (e == NULL) {
		ret = -ENOENT;
	} else {
		TAILQ_REMOVE(&reg->callbacks, e, next);
		free(e);
		RTE_LOG(DEBUG, EAL, "mem event callback '%s:%p' unregistered\n",
			name, arg);
	}
	rte_rwlock_write_unlock(&reg->lock);
	return ret;
}

/* set once by the VFIO driver; read under memory_hotplug_lock */
static eal_memalloc_dma_hook_t memalloc_dma_hook;

void
eal_memalloc_dma_hook_set(eal_memalloc_dma_hook_t hook)
{
	__atomic_store_n(&memalloc_dma_hook, hook, __ATOMIC_RELEASE);
}

int
eal_memalloc_mem_event_notify(enum rte_mem_event event, const void *start,
		size_t len)
{
	struct memalloc_registry *reg = &memalloc_registry;
	struct mem_event_callback_entry *e;
	eal_memalloc_dma_hook_t hook;
	int ret;

	hook = __atomic_load_n(&memalloc_dma_hook, __ATOMIC_ACQUIRE);
	if (hook != NULL && event == RTE_MEM_EVENT_ALLOC) {
		ret = hook(event, start, len);
		if (ret < 0)
			return ret;
	}
	rte_rwlock_read_lock(&reg->lock);
	TAILQ_FOREACH(e, &reg->callbacks, next) {
		RTE_LOG(DEBUG, EAL, "mem event %s %p+%zu -> '%s'\n",
			event == RTE_MEM_EVENT_ALLOC ? "alloc" : "free",
			start, len, e->name);
		e->clb(event, start, len, e->arg);
	}
	rte_rwlock_read_unlock(&reg->lock);
	if (hook != NULL && event == RTE_MEM_EVENT_FREE)
		hook(event, start, len);
	return 0;
}

/* -------------------------------------------------------------------------
 * allocation validators
 * ------------------------------------------------------------------------- */

/* validators are identified by (name, socket) */
static struct mem_alloc_validator_entry *
validator_find(struct memalloc_registry *reg, const char *name, int socket_id)
{
	struct mem_alloc_validator_entry *e;

	TAILQ_FOREACH(e, &reg->validators, next) {
		if (e->socket_id == socket_id && strcmp(e->name, name) == 0)
			return e;
	}
	return NULL;
}

static int
validator_args_check(const char *name, int socket_id)
{
	if (name == NULL || socket_id < 0 || socket_id >= RTE_MAX_NUMA_NODES)
		return -EINVAL;
	return registry_name_check(name, RTE_MEM_ALLOC_VALIDATOR_NAME_LEN);
}

/* register (or fail) a validator; -errno */
static int
validator_register(const char *name, rte_mem_alloc_validator_t clb,
		int socket_id, size_t limit)
{
	struct memalloc_registry *reg = &memalloc_registry;
	struct mem_alloc_validator_entry *e;
	int ret;

	if (clb == NULL)
		return -EINVAL;
	ret = validator_args_check(name, socket_id);
	if (ret < 0)
		return ret;

	rte_rwlock_write_lock(&reg->lock);
	if (validator_find(reg, name, socket_id) != NULL) {
		ret = -EEXIST;
		goto unlock;
	}
	e = calloc(1, sizeof(*e));
	if (e == NULL) {
		ret = -ENOMEM;
		goto unlock;
	}
	strcpy(e->name, name);
	e->clb = clb;
	e->socket_id = socket_id;
	e->limit = limit;
	TAILQ_INSERT_TAIL(&reg->validators, e, next);
	RTE_LOG(DEBUG, EAL, "mem alloc validator '%s' on socket %d, limit %zu\n",
		name, socket_id, limit);
	ret = 0;
unlock:
	rte_rwlock_write_unlock(&reg->lock);
	return ret;
}

static int
validator_unregister(const char *name, int socket_id)
{
	struct memalloc_registry *reg = &memalloc_registry;
	struct mem_alloc_validator_entry *e;
	int ret;

	ret = validator_args_check(name, socket_id);
	if (ret < 0)
		return ret;

	rte_rwlock_write_lock(&reg->lock);
	e = validator_find(reg, name, socket_id);
	if (e == NULL) {
		ret = -ENOENT;
	} else {
		TAILQ_REMOVE(&reg->validators, e, next);
		free(e);
	}
	rte_rwlock_write_unlock(&reg->lock);
	return ret;
}

/*
 * A validator is only asked when the new total would exceed the limit it
 * registered with; any validator answering < 0 refuses the growth.
 */
int
eal_memalloc_mem_alloc_validate(int socket_id, size_t new_len)
{
	struct memalloc_registry *reg = &memalloc_registry;
	struct mem_alloc_validator_entry *e;
	int ret = 0;

	rte_rwlock_read_lock(&reg->lock);
	TAILQ_FOREACH(e, &reg->validators, next) {
		if (e->socket_id != socket_id || e->limit >= new_len)
			continue;
		RTE_LOG(DEBUG, EAL, "validator '%s' asked: socket %d, %zu > %zu\n",
			e->name, socket_id, new_len, e->limit);
		if (e->clb(socket_id, e->limit, new_len) < 0) {
			RTE_LOG(DEBUG, EAL, "validator '%s' refused growth\n",
				e->name);
			ret = -1;
			break;
		}
	}
	rte_rwlock_read_unlock(&reg->lock);
	return ret;
}

bool
eal_memalloc_is_floor_seg(const struct rte_memseg *ms)
{
	return ms != NULL && (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE) != 0;
}

/* -------------------------------------------------------------------------
 * public API (rte_memory.h): rte_errno set and error logged here only
 * ------------------------------------------------------------------------- */

/* hot-plug events do not exist in legacy mode, so registering is refused */
static int
memalloc_api_check_mode(const char *func)
{
	if (eal_get_internal_configuration()->legacy_mem) {
		RTE_LOG(DEBUG, EAL, "%s: no memory hot-plug in legacy mode\n",
			func);
		return -ENOTSUP;
	}
	return 0;
}

static int
memalloc_api_result(int ret, const char *func, const char *name)
{
	if (ret == 0)
		return 0;
	rte_errno = -ret;
	RTE_LOG(ERR, EAL, "%s('%s'): %s\n", func, name ? name : "(null)",
		strerror(-ret));
	return -1;
}

int
rte_mem_event_callback_register(const char *name, rte_mem_event_callback_t clb,
		void *arg)
{
	int ret = memalloc_api_check_mode(__func__);

	if (ret == 0)
		ret = eal_memalloc_mem_event_callback_register(name, clb, arg);
	return memalloc_api_result(ret, __func__, name);
}

int
rte_mem_event_callback_unregister(const char *name, void *arg)
{
	int ret = memalloc_api_check_mode(__func__);

	if (ret == 0)
		ret = eal_memalloc_mem_event_callback_unregister(name, arg);
	return memalloc_api_result(ret, __func__, name);
}

int
rte_mem_alloc_validator_register(const char *name,
		rte_mem_alloc_validator_t clb, int socket_id, size_t limit)
{
	int ret = memalloc_api_check_mode(__func__);

	if (ret == 0)
		ret = validator_register(name, clb, socket_id, limit);
	return memalloc_api_result(ret, __func__, name);
}

int
rte_mem_alloc_validator_unregister(const char *name, int socket_id)
{
	int ret = memalloc_api_check_mode(__func__);

	if (ret == 0)
		ret = validator_unregister(name, socket_id);
	return memalloc_api_result(ret, __func__, name);
}
