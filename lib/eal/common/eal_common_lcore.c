/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU discovery and the lcore table: which CPUs exist and on which NUMA
 * node, which lcore ids are in use and for what, and the queries of
 * rte_lcore.h. The layout itself was decided by the options parser; here
 * it is applied (rte_eal_cpu_init) and served.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_lcore.h"
#include "eal_private.h"
#include "malloc_heap.h"

#define SYS_CPU_ONLINE "/sys/devices/system/cpu/online"
#define SYS_NODE_CPULIST "/sys/devices/system/node/node%u/cpulist"

static struct eal_lcores eal_lcores;

/* serialises registration of threads and of lcore callbacks */
static pthread_mutex_t lcore_lock = PTHREAD_MUTEX_INITIALIZER;

struct lcore_callback {
	TAILQ_ENTRY(lcore_callback) next;
	char *name;
	rte_lcore_init_cb init;
	rte_lcore_uninit_cb uninit;
	void *arg;
};
static TAILQ_HEAD(, lcore_callback) lcore_callbacks =
	TAILQ_HEAD_INITIALIZER(lcore_callbacks);

struct eal_lcores *
eal_lcores_get(void)
{
	return &eal_lcores;
}

/* ---------------------------------------------------------------------
 * sysfs
 * --------------------------------------------------------------------- */

/* parse a kernel cpu list ("0-3,8,10-11\n") into set */
static int
parse_cpulist(const char *s, cpu_set_t *set)
{
	char *end;
	unsigned long a, b, i;

	CPU_ZERO(set);
	while (*s != '\0' && *s != '\n') {
		a = strtoul(s, &end, 10);
		if (end == s)
			return -EINVAL;
		b = a;
		s = end;
		if (*s == '-') {
			b = strtoul(s + 1, &end, 10);
			if (end == s + 1 || b < a)
				return -EINVAL;
			s = end;
		}
		for (i = a; i <= b && i < CPU_SETSIZE; i++)
			CPU_SET(i, set);
		if (*s == ',')
			s++;
	}
	return 0;
}

static int
read_cpulist(const char *path, cpu_set_t *set)
{
	char buf[4096];
	FILE *f;
	int ret;

	f = fopen(path, "r");
	if (f == NULL)
		return -errno;
	if (fgets(buf, sizeof(buf), f) == NULL)
		buf[0] = '\0';
	fclose(f);
	ret = parse_cpulist(buf, set);
	return ret;
}

int
eal_cpu_online_set(cpu_set_t *set)
{
	int ret = read_cpulist(SYS_CPU_ONLINE, set);

	/* without sysfs, trust the CPUs we may run on */
	if (ret < 0 || CPU_COUNT(set) == 0)
		ret = sched_getaffinity(0, sizeof(*set), set) == 0 ? 0 : -errno;
	return ret;
}

/* node of every online CPU; nodes without CPUs are not counted */
static void
cpu_detect_sockets(struct eal_lcores *lc)
{
	char path[64];
	cpu_set_t node_cpus;
	unsigned int node, cpu;
	bool seen[RTE_MAX_NUMA_NODES] = { false };

	memset(lc->cpu_socket, 0, sizeof(lc->cpu_socket));
	for (node = 0; node < RTE_MAX_NUMA_NODES; node++) {
		snprintf(path, sizeof(path), SYS_NODE_CPULIST, node);
		if (read_cpulist(path, &node_cpus) < 0)
			continue;
		for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
			if (CPU_ISSET(cpu, &node_cpus))
				lc->cpu_socket[cpu] = node;
	}
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &lc->online))
			seen[lc->cpu_socket[cpu]] = true;
	lc->numa_node_count = 0;
	for (node = 0; node < RTE_MAX_NUMA_NODES; node++)
		if (seen[node])
			lc->numa_nodes[lc->numa_node_count++] = node;
}

unsigned int
eal_cpu_socket_id(unsigned int cpu)
{
	return cpu < CPU_SETSIZE ? eal_lcores.cpu_socket[cpu] : 0;
}

unsigned int
eal_cpuset_socket_id(const rte_cpuset_t *set)
{
	unsigned int cpu, socket = SOCKET_ID_ANY;

	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, set))
			continue;
		if (socket == (unsigned int)SOCKET_ID_ANY)
			socket = eal_cpu_socket_id(cpu);
		else if (socket != eal_cpu_socket_id(cpu))
			return SOCKET_ID_ANY;
	}
	return socket;
}

/* ---------------------------------------------------------------------
 * applying the layout
 * --------------------------------------------------------------------- */

static void
lcore_entry_reset(struct lcore_config *c)
{
	memset(c, 0, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	pthread_cond_init(&c->work, NULL);
	pthread_cond_init(&c->done, NULL);
	c->state = WAIT;
	c->role = ROLE_OFF;
	c->core_index = -1;
	c->socket_id = SOCKET_ID_ANY;
}

/* control threads get the CPUs no lcore uses, else the main lcore's */
static void
compute_ctrl_cpuset(struct eal_lcores *lc)
{
	unsigned int i;
	cpu_set_t used;

	CPU_ZERO(&used);
	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (lc->config[i].role == ROLE_RTE)
			CPU_OR(&used, &used, &lc->config[i].cpuset);
	lc->ctrl_cpuset = lc->initial_affinity;
	for (i = 0; i < CPU_SETSIZE; i++)
		if (CPU_ISSET(i, &used))
			CPU_CLR(i, &lc->ctrl_cpuset);
	if (CPU_COUNT(&lc->ctrl_cpuset) == 0)
		lc->ctrl_cpuset = lc->config[lc->main_lcore].cpuset;
}

int
rte_eal_cpu_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct eal_lcores *lc = &eal_lcores;
	unsigned int i;
	int index = 0, ret;

	ret = eal_cpu_online_set(&lc->online);
	if (ret < 0) {
		RTE_LOG(ERR, EAL, "cannot list the online CPUs: %s\n",
			strerror(-ret));
		return ret;
	}
	if (sched_getaffinity(0, sizeof(lc->initial_affinity),
			&lc->initial_affinity) != 0)
		lc->initial_affinity = lc->online;
	cpu_detect_sockets(lc);
	lc->lcore_count = 0;
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		struct lcore_config *c = &lc->config[i];

		lcore_entry_reset(c);
		if (!cfg->lcore_enabled[i])
			continue;
		c->role = ROLE_RTE;
		c->cpuset = cfg->lcore_cpuset[i];
		c->core_index = index++;
		c->socket_id = eal_cpuset_socket_id(&c->cpuset);
		for (c->core_id = 0; c->core_id < CPU_SETSIZE; c->core_id++)
			if (CPU_ISSET(c->core_id, &c->cpuset))
				break;
		lc->lcore_count++;
	}
	lc->main_lcore = cfg->main_lcore;
	compute_ctrl_cpuset(lc);
	RTE_LOG(DEBUG, EAL, "%u lcores, %u NUMA nodes, main lcore %u\n",
		lc->lcore_count, lc->numa_node_count, lc->main_lcore);
	return 0;
}

int
eal_lcore_set_service(unsigned int lcore_id, bool service)
{
	struct eal_lcores *lc = &eal_lcores;
	enum rte_lcore_role_t from = service ? ROLE_RTE : ROLE_SERVICE;
	struct lcore_config *c;
	int ret = -EINVAL;

	if (lcore_id >= RTE_MAX_LCORE || lcore_id == lc->main_lcore)
		return -EINVAL;
	c = &lc->config[lcore_id];
	pthread_mutex_lock(&lcore_lock);
	if (c->role == from && c->thread_started) {
		c->role = service ? ROLE_SERVICE : ROLE_RTE;
		if (service)
			lc->lcore_count--;
		else
			lc->lcore_count++;
		ret = 0;
	}
	pthread_mutex_unlock(&lcore_lock);
	return ret;
}

void
eal_lcores_reset(void)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE; i++)
		lcore_entry_reset(&eal_lcores.config[i]);
	eal_lcores.lcore_count = 0;
}

/* ---------------------------------------------------------------------
 * queries (rte_lcore.h)
 * --------------------------------------------------------------------- */

unsigned int
rte_get_main_lcore(void)
{
	return eal_lcores.main_lcore;
}

unsigned int
rte_lcore_count(void)
{
	return eal_lcores.lcore_count;
}

int
rte_lcore_index(int lcore_id)
{
	if (lcore_id == -1)
		lcore_id = (int)rte_lcore_id();
	if (lcore_id < 0 || lcore_id >= RTE_MAX_LCORE)
		return -1;
	return eal_lcores.config[lcore_id].core_index;
}

int
rte_lcore_to_cpu_id(int lcore_id)
{
	if (lcore_id == -1)
		lcore_id = (int)rte_lcore_id();
	if (lcore_id < 0 || lcore_id >= RTE_MAX_LCORE)
		return -1;
	return (int)eal_lcores.config[lcore_id].core_id;
}

rte_cpuset_t
rte_lcore_cpuset(unsigned int lcore_id)
{
	rte_cpuset_t empty;

	if (lcore_id >= RTE_MAX_LCORE) {
		CPU_ZERO(&empty);
		return empty;
	}
	return eal_lcores.config[lcore_id].cpuset;
}

enum rte_lcore_role_t
rte_eal_lcore_role(unsigned int lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return ROLE_OFF;
	return eal_lcores.config[lcore_id].role;
}

int
rte_lcore_has_role(unsigned int lcore_id, enum rte_lcore_role_t role)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return -EINVAL;
	return eal_lcores.config[lcore_id].role == role;
}

int
rte_lcore_is_enabled(unsigned int lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return 0;
	return eal_lcores.config[lcore_id].role == ROLE_RTE;
}

unsigned int
rte_get_next_lcore(unsigned int i, int skip_main, int wrap)
{
	unsigned int n;

	i++;
	if (wrap)
		i %= RTE_MAX_LCORE;
	for (n = 0; i < RTE_MAX_LCORE && n < RTE_MAX_LCORE; n++) {
		if (rte_lcore_is_enabled(i) &&
				!(skip_main && i == eal_lcores.main_lcore))
			return i;
		i++;
		if (wrap)
			i %= RTE_MAX_LCORE;
	}
	return RTE_MAX_LCORE;
}

unsigned int
rte_lcore_to_socket_id(unsigned int lcore_id)
{
	if (lcore_id >= RTE_MAX_LCORE)
		return SOCKET_ID_ANY;
	return eal_lcores.config[lcore_id].socket_id;
}

unsigned int
rte_socket_count(void)
{
	return eal_lcores.numa_node_count;
}

int
rte_socket_id_by_idx(unsigned int idx)
{
	if (idx >= eal_lcores.numa_node_count) {
		rte_errno = EINVAL;
		return -1;
	}
	return (int)eal_lcores.numa_nodes[idx];
}

/* ---------------------------------------------------------------------
 * non-EAL threads and lcore callbacks
 * --------------------------------------------------------------------- */

static int
callback_init(struct lcore_callback *cb, unsigned int lcore_id)
{
	if (cb->init == NULL)
		return 0;
	return cb->init(lcore_id, cb->arg);
}

static void
callback_uninit(struct lcore_callback *cb, unsigned int lcore_id)
{
	if (cb->uninit != NULL)
		cb->uninit(lcore_id, cb->arg);
}

/* a free lcore id for a registered thread, or RTE_MAX_LCORE */
static unsigned int
lcore_id_alloc_thread_unsafe(void)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE; i++) {
		struct lcore_config *c = &eal_lcores.config[i];

		if (c->role != ROLE_OFF)
			continue;
		c->role = ROLE_NON_EAL;
		eal_lcores.lcore_count++;
		return i;
	}
	return RTE_MAX_LCORE;
}

static void
lcore_id_free_thread_unsafe(unsigned int lcore_id)
{
	eal_lcores.config[lcore_id].role = ROLE_OFF;
	eal_lcores.lcore_count--;
}

/* run every init callback for a new non-EAL lcore; undo all on refusal */
static int
callbacks_init_lcore_thread_unsafe(unsigned int lcore_id)
{
	struct lcore_callback *cb, *undo;

	TAILQ_FOREACH(cb, &lcore_callbacks, next) {
		if (callback_init(cb, lcore_id) == 0)
			continue;
		TAILQ_FOREACH(undo, &lcore_callbacks, next) {
			if (undo == cb)
				break;
			callback_uninit(undo, lcore_id);
		}
		return -1;
	}
	return 0;
}

int
rte_thread_register(void)
{
	rte_cpuset_t cpuset;
	unsigned int lcore_id;

	if (rte_lcore_id() != LCORE_ID_ANY)
		return 0; /* already an lcore */
	/* rte_eal_init() rebuilds the table, so ids given before it are lost */
	if (!eal_get_internal_configuration()->init_complete) {
		rte_errno = EINVAL;
		return -1;
	}
	pthread_mutex_lock(&lcore_lock);
	lcore_id = lcore_id_alloc_thread_unsafe();
	if (lcore_id != RTE_MAX_LCORE &&
			callbacks_init_lcore_thread_unsafe(lcore_id) < 0) {
		lcore_id_free_thread_unsafe(lcore_id);
		lcore_id = RTE_MAX_LCORE;
	}
	pthread_mutex_unlock(&lcore_lock);
	if (lcore_id == RTE_MAX_LCORE) {
		rte_errno = ENOMEM;
		return -1;
	}
	if (pthread_getaffinity_np(pthread_self(), sizeof(cpuset),
			&cpuset) != 0)
		CPU_ZERO(&cpuset);
	eal_thread_bind(lcore_id, NULL);
	eal_lcores.config[lcore_id].cpuset = cpuset;
	RTE_LOG(DEBUG, EAL, "registered non-EAL thread as lcore %u\n",
		lcore_id);
	return 0;
}

void
rte_thread_unregister(void)
{
	unsigned int lcore_id = rte_lcore_id();
	struct lcore_callback *cb;

	if (lcore_id >= RTE_MAX_LCORE ||
			eal_lcores.config[lcore_id].role != ROLE_NON_EAL)
		return;
	/* the next thread given this id must find an empty malloc cache */
	malloc_cache_thread_release();
	pthread_mutex_lock(&lcore_lock);
	TAILQ_FOREACH(cb, &lcore_callbacks, next)
		callback_uninit(cb, lcore_id);
	lcore_id_free_thread_unsafe(lcore_id);
	pthread_mutex_unlock(&lcore_lock);
	eal_thread_bind(LCORE_ID_ANY, NULL);
}

void *
rte_lcore_callback_register(const char *name, rte_lcore_init_cb init,
		rte_lcore_uninit_cb uninit, void *arg)
{
	struct lcore_callback *cb;
	unsigned int i, j;

	if (name == NULL)
		return NULL;
	cb = calloc(1, sizeof(*cb));
	if (cb == NULL)
		return NULL;
	cb->name = strdup(name);
	if (cb->name == NULL) {
		free(cb);
		return NULL;
	}
	cb->init = init;
	cb->uninit = uninit;
	cb->arg = arg;
	pthread_mutex_lock(&lcore_lock);
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (eal_lcores.config[i].role == ROLE_OFF ||
				callback_init(cb, i) == 0)
			continue;
		for (j = 0; j < i; j++)
			if (eal_lcores.config[j].role != ROLE_OFF)
				callback_uninit(cb, j);
		pthread_mutex_unlock(&lcore_lock);
		RTE_LOG(DEBUG, EAL, "lcore callback %s refused lcore %u\n",
			name, i);
		free(cb->name);
		free(cb);
		return NULL;
	}
	TAILQ_INSERT_TAIL(&lcore_callbacks, cb, next);
	pthread_mutex_unlock(&lcore_lock);
	return cb;
}

void
rte_lcore_callback_unregister(void *handle)
{
	struct lcore_callback *cb = handle;
	unsigned int i;

	if (cb == NULL)
		return;
	pthread_mutex_lock(&lcore_lock);
	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (eal_lcores.config[i].role != ROLE_OFF)
			callback_uninit(cb, i);
	TAILQ_REMOVE(&lcore_callbacks, cb, next);
	pthread_mutex_unlock(&lcore_lock);
	free(cb->name);
	free(cb);
}

int
rte_lcore_iterate(rte_lcore_iterate_cb cb, void *arg)
{
	unsigned int i;
	int ret = 0;

	pthread_mutex_lock(&lcore_lock);
	for (i = 0; i < RTE_MAX_LCORE && ret == 0; i++)
		if (eal_lcores.config[i].role != ROLE_OFF)
			ret = cb(i, arg);
	pthread_mutex_unlock(&lcore_lock);
	return ret;
}

static const char *
role_name(enum rte_lcore_role_t role)
{
	switch (role) {
	case ROLE_RTE:
		return "RTE";
	case ROLE_SERVICE:
		return "SERVICE";
	case ROLE_NON_EAL:
		return "NON_EAL";
	default:
		return "OFF";
	}
}

static int
lcore_dump_one(unsigned int lcore_id, void *arg)
{
	const struct lcore_config *c = &eal_lcores.config[lcore_id];
	FILE *f = arg;
	unsigned int cpu;
	const char *sep = "";

	fprintf(f, "lcore %u, socket %d, role %s, cpuset ", lcore_id,
		(int)c->socket_id, role_name(c->role));
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		if (!CPU_ISSET(cpu, &c->cpuset))
			continue;
		fprintf(f, "%s%u", sep, cpu);
		sep = ",";
	}
	fprintf(f, "\n");
	return 0;
}

void
rte_lcore_dump(FILE *f)
{
	rte_lcore_iterate(lcore_dump_one, f);
}
