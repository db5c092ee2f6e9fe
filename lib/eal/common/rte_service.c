/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Service cores (rte_service.h, rte_service_component.h).
 *
 * A service is a slot of the registry; a service core is an EAL worker
 * lcore whose role became ROLE_SERVICE and which, while started, runs
 * service_lcore_loop() (launched with rte_eal_remote_launch). The loop
 * calls every service mapped to its core whose application and component
 * runstates are both running.
 *
 * Who writes what:
 *  - registry.lock (a mutex) serialises the control functions that change
 *    structure: register/unregister, mapping, lcore add/del/start/stop.
 *    It is never taken by a service core's loop, so a control function may
 *    wait for a loop to return while holding it.
 *  - runstates, the stats switch and the mapped check are single words
 *    written atomically without the lock; the loop reads them atomically.
 *  - active_mask of a service core is written only by its own loop. A
 *    loop sets a service's bit *before* checking that the service may run
 *    (both sequentially consistent), and a stopper clears the runstate
 *    before reading the bits: so once rte_service_may_be_active() saw no
 *    bit after a stop, no loop can enter the callback any more.
 *  - execute_lock serialises a service without RTE_SERVICE_CAP_MT_SAFE
 *    across service cores and rte_service_run_iter_on_app_lcore().
 */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_launch.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_pause.h>
#include <rte_service.h>
#include <rte_service_component.h>

#include "eal_internal_cfg.h"
#include "eal_lcore.h"
#include "eal_private.h"

#define RUNSTATE_STOPPED 0
#define RUNSTATE_RUNNING 1

/* life of a registry slot */
enum service_state {
	SERVICE_FREE,
	SERVICE_REGISTERED,
	SERVICE_RETIRING, /* unregistered, a loop may still be in it */
};

struct service {
	struct rte_service_spec spec;  /* constant while not FREE */
	uint32_t state;                /* enum service_state */
	uint32_t app_runstate;
	uint32_t comp_runstate;
	uint32_t stats_enabled;
	uint32_t mapped_check;
	uint32_t num_mapped_cores;
	uint32_t execute_lock;         /* 0 free, 1 held */
	uint64_t calls;
	uint64_t cycles;
} __rte_cache_aligned;

struct service_lcore {
	uint64_t service_mask;  /* mapped services; written under the lock */
	uint64_t active_mask;   /* written by this core's loop only */
	uint32_t is_service;
	uint32_t runstate;
	uint32_t loop_running;  /* launched and not yet returned */
	uint64_t loops;
	uint64_t cycles;
} __rte_cache_aligned;

struct service_registry {
	pthread_mutex_t lock;
	uint32_t count;         /* services registered */
	struct service services[RTE_SERVICE_NUM_MAX];
	struct service_lcore lcores[RTE_MAX_LCORE];
};

static struct service_registry registry = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
};

/* ---------------------------------------------------------------------
 * helpers
 * --------------------------------------------------------------------- */

/* the public API's refusal: rte_errno set, reason at debug level */
static int32_t __attribute__((format(printf, 3, 4)))
service_refuse(int32_t err, const char *fn, const char *fmt, ...)
{
	char what[128];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	RTE_LOG(DEBUG, EAL, "%s: %s\n", fn, what);
	rte_errno = -err;
	return err;
}

#define REFUSE(err, ...) service_refuse(err, __func__, __VA_ARGS__)

/* a registered service, or NULL */
static struct service *
service_get(struct service_registry *r, uint32_t id)
{
	if (id >= RTE_SERVICE_NUM_MAX ||
			__atomic_load_n(&r->services[id].state,
				__ATOMIC_ACQUIRE) != SERVICE_REGISTERED)
		return NULL;
	return &r->services[id];
}

/* a service core, or NULL */
static struct service_lcore *
service_lcore_get(struct service_registry *r, uint32_t lcore)
{
	if (lcore >= RTE_MAX_LCORE ||
			!__atomic_load_n(&r->lcores[lcore].is_service,
				__ATOMIC_ACQUIRE))
		return NULL;
	return &r->lcores[lcore];
}

static bool
service_mt_safe(const struct service *s)
{
	return (s->spec.capabilities & RTE_SERVICE_CAP_MT_SAFE) != 0;
}

/* both runstates running: the service may be called by anyone */
static bool
service_running(const struct service *s)
{
	return __atomic_load_n(&s->app_runstate, __ATOMIC_SEQ_CST) ==
			RUNSTATE_RUNNING &&
		__atomic_load_n(&s->comp_runstate, __ATOMIC_SEQ_CST) ==
			RUNSTATE_RUNNING;
}

/* one call of the callback, measured when stats are on */
static void
service_invoke(struct service *s, struct service_lcore *cs)
{
	uint64_t t0, dt;

	if (!__atomic_load_n(&s->stats_enabled, __ATOMIC_RELAXED)) {
		s->spec.callback(s->spec.callback_userdata);
		return;
	}
	t0 = rte_rdtsc();
	s->spec.callback(s->spec.callback_userdata);
	dt = rte_rdtsc() - t0;
	__atomic_fetch_add(&s->calls, 1, __ATOMIC_RELAXED);
	__atomic_fetch_add(&s->cycles, dt, __ATOMIC_RELAXED);
	if (cs != NULL)
		__atomic_store_n(&cs->cycles, cs->cycles + dt,
				__ATOMIC_RELAXED);
}

static bool
service_trylock(struct service *s)
{
	uint32_t expected = 0;

	return __atomic_compare_exchange_n(&s->execute_lock, &expected, 1,
			false, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
}

static void
service_unlock(struct service *s)
{
	__atomic_store_n(&s->execute_lock, 0, __ATOMIC_RELEASE);
}

/* ---------------------------------------------------------------------
 * the service core loop
 * --------------------------------------------------------------------- */

static void
active_clear(struct service_lcore *cs, uint64_t bit)
{
	__atomic_store_n(&cs->active_mask, cs->active_mask & ~bit,
			__ATOMIC_SEQ_CST);
}

/* registered, both runstates running and still mapped to cs */
static bool
service_runnable_here(const struct service *s,
		const struct service_lcore *cs, uint64_t bit)
{
	return __atomic_load_n(&s->state, __ATOMIC_SEQ_CST) ==
			SERVICE_REGISTERED && service_running(s) &&
		(__atomic_load_n(&cs->service_mask, __ATOMIC_SEQ_CST) & bit);
}

/* service i is mapped here: announce, check, call */
static void
service_run_on_lcore(struct service_registry *r, struct service_lcore *cs,
		unsigned int i)
{
	struct service *s = &r->services[i];
	uint64_t bit = UINT64_C(1) << i;

	/* a stopped service does not even flicker active */
	if (!service_runnable_here(s, cs, bit)) {
		if (cs->active_mask & bit)
			active_clear(cs, bit);
		return;
	}
	/* announce, then check again: see the top of the file */
	if (!(cs->active_mask & bit)) {
		__atomic_store_n(&cs->active_mask, cs->active_mask | bit,
				__ATOMIC_SEQ_CST);
		if (!service_runnable_here(s, cs, bit)) {
			active_clear(cs, bit);
			return;
		}
	}
	if (service_mt_safe(s)) {
		service_invoke(s, cs);
		return;
	}
	/* another core has it: it gets called there this round */
	if (!service_trylock(s))
		return;
	service_invoke(s, cs);
	service_unlock(s);
}

static int
service_lcore_loop(void *arg)
{
	struct service_registry *r = &registry;
	struct service_lcore *cs = arg;
	uint64_t mapped, todo;
	unsigned int i;

	while (__atomic_load_n(&cs->runstate, __ATOMIC_ACQUIRE) ==
			RUNSTATE_RUNNING) {
		mapped = __atomic_load_n(&cs->service_mask, __ATOMIC_ACQUIRE);
		/* unmapped services still flagged active get their flag off */
		todo = mapped | cs->active_mask;
		while (todo != 0) {
			i = (unsigned int)__builtin_ctzll(todo);
			todo &= todo - 1;
			if (mapped & (UINT64_C(1) << i))
				service_run_on_lcore(r, cs, i);
			else
				active_clear(cs, UINT64_C(1) << i);
		}
		__atomic_store_n(&cs->loops, cs->loops + 1, __ATOMIC_RELAXED);
	}
	__atomic_store_n(&cs->active_mask, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&cs->loop_running, 0, __ATOMIC_RELEASE);
	return 0;
}

/* ---------------------------------------------------------------------
 * component side
 * --------------------------------------------------------------------- */

static int
service_find_thread_unsafe(struct service_registry *r, const char *name)
{
	unsigned int i;

	for (i = 0; i < RTE_SERVICE_NUM_MAX; i++)
		if (r->services[i].state == SERVICE_REGISTERED &&
				strcmp(r->services[i].spec.name, name) == 0)
			return (int)i;
	return -1;
}

int32_t
rte_service_component_register(const struct rte_service_spec *spec,
		uint32_t *service_id)
{
	struct service_registry *r = &registry;
	struct service *s = NULL;
	unsigned int i;

	if (spec == NULL || spec->callback == NULL || spec->name[0] == '\0' ||
			memchr(spec->name, '\0', sizeof(spec->name)) == NULL)
		return REFUSE(-EINVAL, "no spec, no callback or a bad name");
	pthread_mutex_lock(&r->lock);
	if (service_find_thread_unsafe(r, spec->name) >= 0) {
		pthread_mutex_unlock(&r->lock);
		return REFUSE(-EEXIST, "service %s exists", spec->name);
	}
	for (i = 0; i < RTE_SERVICE_NUM_MAX && s == NULL; i++)
		if (r->services[i].state == SERVICE_FREE)
			s = &r->services[i];
	if (s == NULL) {
		pthread_mutex_unlock(&r->lock);
		return REFUSE(-ENOSPC, "all %d service slots are taken",
				RTE_SERVICE_NUM_MAX);
	}
	memset(s, 0, sizeof(*s));
	s->spec = *spec;
	s->mapped_check = 1;
	__atomic_store_n(&s->state, SERVICE_REGISTERED, __ATOMIC_RELEASE);
	r->count++;
	pthread_mutex_unlock(&r->lock);
	if (service_id != NULL)
		*service_id = (uint32_t)(s - r->services);
	return 0;
}

/* whether a service core other than the caller has bit set */
static bool
service_active_elsewhere(struct service_registry *r, uint64_t bit)
{
	unsigned int self = rte_lcore_id(), i;

	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (i != self && (__atomic_load_n(&r->lcores[i].active_mask,
				__ATOMIC_SEQ_CST) & bit))
			return true;
	return false;
}

int32_t
rte_service_component_unregister(uint32_t id)
{
	struct service_registry *r = &registry;
	uint64_t bit = UINT64_C(1) << (id % RTE_SERVICE_NUM_MAX);
	struct service *s;
	unsigned int i;

	pthread_mutex_lock(&r->lock);
	s = service_get(r, id);
	if (s == NULL) {
		pthread_mutex_unlock(&r->lock);
		return REFUSE(-EINVAL, "no service %u", id);
	}
	/* RETIRING: invisible to the API, but the slot is not reused yet */
	__atomic_store_n(&s->state, SERVICE_RETIRING, __ATOMIC_SEQ_CST);
	for (i = 0; i < RTE_MAX_LCORE; i++)
		__atomic_store_n(&r->lcores[i].service_mask,
			r->lcores[i].service_mask & ~bit, __ATOMIC_SEQ_CST);
	s->num_mapped_cores = 0;
	r->count--;
	pthread_mutex_unlock(&r->lock);

	/* a loop in the callback leaves it within one call */
	while (service_active_elsewhere(r, bit))
		rte_pause();
	__atomic_store_n(&s->state, SERVICE_FREE, __ATOMIC_RELEASE);
	return 0;
}

/* set one of a service's two runstates (app or component) */
static int32_t
service_runstate_store(uint32_t id, uint32_t runstate, bool component)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	__atomic_store_n(component ? &s->comp_runstate : &s->app_runstate,
		runstate ? RUNSTATE_RUNNING : RUNSTATE_STOPPED,
		__ATOMIC_SEQ_CST);
	return 0;
}

int32_t
rte_service_component_runstate_set(uint32_t id, uint32_t runstate)
{
	return service_runstate_store(id, runstate, true);
}

int32_t
rte_service_start_with_defaults(void)
{
	uint32_t ids[RTE_MAX_LCORE];
	int32_t n, ret;
	unsigned int i, k = 0;

	n = rte_service_lcore_list(ids, RTE_DIM(ids));
	if (n <= 0)
		return -ENOTSUP;
	for (i = 0; i < RTE_SERVICE_NUM_MAX; i++) {
		if (service_get(&registry, i) == NULL)
			continue;
		rte_service_map_lcore_set(i, ids[k++ % (uint32_t)n], 1);
		rte_service_runstate_set(i, 1);
	}
	for (k = 0; k < (unsigned int)n; k++) {
		ret = rte_service_lcore_start(ids[k]);
		if (ret < 0 && ret != -EALREADY)
			return ret;
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * application side: services
 * --------------------------------------------------------------------- */

uint32_t
rte_service_get_count(void)
{
	return __atomic_load_n(&registry.count, __ATOMIC_RELAXED);
}

int32_t
rte_service_get_by_name(const char *name, uint32_t *service_id)
{
	struct service_registry *r = &registry;
	int id;

	if (name == NULL || service_id == NULL)
		return REFUSE(-EINVAL, "NULL name or id");
	pthread_mutex_lock(&r->lock);
	id = service_find_thread_unsafe(r, name);
	pthread_mutex_unlock(&r->lock);
	if (id < 0)
		return REFUSE(-ENODEV, "no service named %.32s", name);
	*service_id = (uint32_t)id;
	return 0;
}

const char *
rte_service_get_name(uint32_t id)
{
	struct service *s = service_get(&registry, id);

	return s != NULL ? s->spec.name : NULL;
}

int32_t
rte_service_probe_capability(uint32_t id, uint32_t capability)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	return (s->spec.capabilities & capability) != 0;
}

int32_t
rte_service_map_lcore_set(uint32_t service_id, uint32_t lcore,
		uint32_t enable)
{
	struct service_registry *r = &registry;
	uint64_t bit = UINT64_C(1) << (service_id % RTE_SERVICE_NUM_MAX);
	struct service_lcore *cs;
	struct service *s;
	bool mapped;

	pthread_mutex_lock(&r->lock);
	s = service_get(r, service_id);
	cs = service_lcore_get(r, lcore);
	if (s == NULL || cs == NULL) {
		pthread_mutex_unlock(&r->lock);
		return REFUSE(-EINVAL, "no service %u or lcore %u is not a "
				"service core", service_id, lcore);
	}
	mapped = (cs->service_mask & bit) != 0;
	if (enable && !mapped) {
		__atomic_store_n(&cs->service_mask, cs->service_mask | bit,
				__ATOMIC_SEQ_CST);
		__atomic_fetch_add(&s->num_mapped_cores, 1, __ATOMIC_SEQ_CST);
	} else if (!enable && mapped) {
		__atomic_store_n(&cs->service_mask, cs->service_mask & ~bit,
				__ATOMIC_SEQ_CST);
		__atomic_fetch_sub(&s->num_mapped_cores, 1, __ATOMIC_SEQ_CST);
	}
	pthread_mutex_unlock(&r->lock);
	return 0;
}

int32_t
rte_service_map_lcore_get(uint32_t service_id, uint32_t lcore)
{
	struct service_registry *r = &registry;
	struct service_lcore *cs = service_lcore_get(r, lcore);

	if (service_get(r, service_id) == NULL || cs == NULL)
		return REFUSE(-EINVAL, "no service %u or lcore %u is not a "
				"service core", service_id, lcore);
	return (__atomic_load_n(&cs->service_mask, __ATOMIC_ACQUIRE) >>
			service_id) & 1;
}

int32_t
rte_service_runstate_set(uint32_t id, uint32_t runstate)
{
	return service_runstate_store(id, runstate, false);
}

int32_t
rte_service_runstate_get(uint32_t id)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	if (!service_running(s))
		return 0;
	return !__atomic_load_n(&s->mapped_check, __ATOMIC_RELAXED) ||
		__atomic_load_n(&s->num_mapped_cores, __ATOMIC_RELAXED) > 0;
}

int32_t
rte_service_may_be_active(uint32_t id)
{
	struct service_registry *r = &registry;

	if (service_get(r, id) == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	return service_active_elsewhere(r, UINT64_C(1) << id);
}

int32_t
rte_service_set_runstate_mapped_check(uint32_t id, int32_t enable)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	__atomic_store_n(&s->mapped_check, enable ? 1 : 0, __ATOMIC_RELAXED);
	return 0;
}

int32_t
rte_service_run_iter_on_app_lcore(uint32_t id,
		uint32_t serialize_multithread_unsafe)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	if (!service_running(s))
		return -ENOEXEC;
	if (!serialize_multithread_unsafe || service_mt_safe(s)) {
		service_invoke(s, NULL);
		return 0;
	}
	if (!service_trylock(s))
		return -EBUSY;
	service_invoke(s, NULL);
	service_unlock(s);
	return 0;
}

int32_t
rte_service_set_stats_enable(uint32_t id, int32_t enable)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	__atomic_store_n(&s->stats_enabled, enable ? 1 : 0, __ATOMIC_RELAXED);
	return 0;
}

int32_t
rte_service_attr_get(uint32_t id, uint32_t attr_id, uint64_t *attr_value)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL || attr_value == NULL)
		return REFUSE(-EINVAL, "no service %u or NULL value", id);
	switch (attr_id) {
	case RTE_SERVICE_ATTR_CYCLES:
		*attr_value = __atomic_load_n(&s->cycles, __ATOMIC_RELAXED);
		return 0;
	case RTE_SERVICE_ATTR_CALL_COUNT:
		*attr_value = __atomic_load_n(&s->calls, __ATOMIC_RELAXED);
		return 0;
	default:
		return REFUSE(-EINVAL, "unknown attribute %u", attr_id);
	}
}

int32_t
rte_service_attr_reset_all(uint32_t id)
{
	struct service *s = service_get(&registry, id);

	if (s == NULL)
		return REFUSE(-EINVAL, "no service %u", id);
	__atomic_store_n(&s->calls, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&s->cycles, 0, __ATOMIC_RELAXED);
	return 0;
}

/* ---------------------------------------------------------------------
 * application side: service cores
 * --------------------------------------------------------------------- */

int32_t
rte_service_lcore_add(uint32_t lcore)
{
	struct service_registry *r = &registry;
	struct service_lcore *cs;
	int ret;

	if (lcore >= RTE_MAX_LCORE)
		return REFUSE(-EINVAL, "lcore %u is out of range", lcore);
	cs = &r->lcores[lcore];
	pthread_mutex_lock(&r->lock);
	if (cs->is_service) {
		pthread_mutex_unlock(&r->lock);
		return REFUSE(-EALREADY, "lcore %u is a service core", lcore);
	}
	if (rte_eal_lcore_role(lcore) == ROLE_RTE &&
			lcore != rte_get_main_lcore() &&
			rte_eal_get_lcore_state(lcore) != WAIT) {
		pthread_mutex_unlock(&r->lock);
		return REFUSE(-EBUSY, "lcore %u runs a launched function",
				lcore);
	}
	ret = eal_lcore_set_service(lcore, true);
	if (ret == 0) {
		memset(cs, 0, sizeof(*cs));
		__atomic_store_n(&cs->is_service, 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&r->lock);
	if (ret < 0)
		return REFUSE(ret, "lcore %u is not an EAL worker lcore",
				lcore);
	return 0;
}

/* cs stopped: wait for its loop, then unmap everything from it */
static void
service_lcore_quiesce_thread_unsafe(struct service_registry *r,
		uint32_t lcore)
{
	struct service_lcore *cs = &r->lcores[lcore];
	uint64_t mask;
	unsigned int i;

	rte_eal_wait_lcore(lcore);
	for (mask = cs->service_mask; mask != 0; mask &= mask - 1) {
		i = (unsigned int)__builtin_ctzll(mask);
		__atomic_fetch_sub(&r->services[i].num_mapped_cores, 1,
				__ATOMIC_SEQ_CST);
	}
	__atomic_store_n(&cs->service_mask, 0, __ATOMIC_SEQ_CST);
}

int32_t
rte_service_lcore_del(uint32_t lcore)
{
	struct service_registry *r = &registry;
	struct service_lcore *cs;

	pthread_mutex_lock(&r->lock);
	cs = service_lcore_get(r, lcore);
	if (cs == NULL || cs->runstate == RUNSTATE_RUNNING) {
		pthread_mutex_unlock(&r->lock);
		if (cs == NULL)
			return REFUSE(-EINVAL, "lcore %u is not a service core",
					lcore);
		return REFUSE(-EBUSY, "service core %u is started", lcore);
	}
	service_lcore_quiesce_thread_unsafe(r, lcore);
	__atomic_store_n(&cs->is_service, 0, __ATOMIC_RELEASE);
	eal_lcore_set_service(lcore, false);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

int32_t
rte_service_lcore_start(uint32_t lcore_id)
{
	struct service_registry *r = &registry;
	struct service_lcore *cs;
	int ret;

	pthread_mutex_lock(&r->lock);
	cs = service_lcore_get(r, lcore_id);
	if (cs == NULL || cs->runstate == RUNSTATE_RUNNING) {
		pthread_mutex_unlock(&r->lock);
		if (cs == NULL)
			return REFUSE(-EINVAL, "lcore %u is not a service core",
					lcore_id);
		return REFUSE(-EALREADY, "service core %u is started",
				lcore_id);
	}
	/* a loop stopped a moment ago may not have returned yet */
	rte_eal_wait_lcore(lcore_id);
	__atomic_store_n(&cs->runstate, RUNSTATE_RUNNING, __ATOMIC_RELEASE);
	__atomic_store_n(&cs->loop_running, 1, __ATOMIC_RELEASE);
	ret = rte_eal_remote_launch(service_lcore_loop, cs, lcore_id);
	if (ret < 0) {
		__atomic_store_n(&cs->runstate, RUNSTATE_STOPPED,
				__ATOMIC_RELEASE);
		__atomic_store_n(&cs->loop_running, 0, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&r->lock);
	if (ret < 0)
		return REFUSE(ret, "cannot launch the loop of lcore %u",
				lcore_id);
	return 0;
}

/* a running service mapped to cs only would stop being called */
static bool
service_lcore_sole_runner_thread_unsafe(struct service_registry *r,
		const struct service_lcore *cs)
{
	uint64_t mask;
	unsigned int i;

	for (mask = cs->service_mask; mask != 0; mask &= mask - 1) {
		i = (unsigned int)__builtin_ctzll(mask);
		if (service_running(&r->services[i]) &&
				r->services[i].num_mapped_cores == 1)
			return true;
	}
	return false;
}

int32_t
rte_service_lcore_stop(uint32_t lcore_id)
{
	struct service_registry *r = &registry;
	struct service_lcore *cs;
	int32_t ret = 0;

	pthread_mutex_lock(&r->lock);
	cs = service_lcore_get(r, lcore_id);
	if (cs == NULL)
		ret = -EINVAL;
	else if (cs->runstate == RUNSTATE_STOPPED)
		ret = -EALREADY;
	else if (service_lcore_sole_runner_thread_unsafe(r, cs))
		ret = -EBUSY;
	else
		__atomic_store_n(&cs->runstate, RUNSTATE_STOPPED,
				__ATOMIC_SEQ_CST);
	pthread_mutex_unlock(&r->lock);
	if (ret < 0)
		return REFUSE(ret, "service core %u: not one, stopped, or the "
				"only core of a running service", lcore_id);
	return 0;
}

int32_t
rte_service_lcore_may_be_active(uint32_t lcore_id)
{
	struct service_lcore *cs = service_lcore_get(&registry, lcore_id);

	if (cs == NULL)
		return REFUSE(-EINVAL, "lcore %u is not a service core",
				lcore_id);
	return (int32_t)__atomic_load_n(&cs->loop_running, __ATOMIC_ACQUIRE);
}

int32_t
rte_service_lcore_count(void)
{
	struct service_registry *r = &registry;
	int32_t n = 0;
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE; i++)
		n += service_lcore_get(r, i) != NULL;
	return n;
}

int32_t
rte_service_lcore_list(uint32_t array[], uint32_t n)
{
	struct service_registry *r = &registry;
	uint32_t ids[RTE_MAX_LCORE];
	uint32_t count = 0;
	unsigned int i;

	if (array == NULL)
		return REFUSE(-EINVAL, "NULL array");
	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (service_lcore_get(r, i) != NULL)
			ids[count++] = i;
	if (count > n)
		return REFUSE(-ENOMEM, "%u service cores, room for %u", count,
				n);
	memcpy(array, ids, count * sizeof(ids[0]));
	return (int32_t)count;
}

int32_t
rte_service_lcore_reset_all(void)
{
	struct service_registry *r = &registry;
	unsigned int i;

	pthread_mutex_lock(&r->lock);
	/* stop them all first, so they wind down together */
	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (service_lcore_get(r, i) != NULL)
			__atomic_store_n(&r->lcores[i].runstate,
				RUNSTATE_STOPPED, __ATOMIC_SEQ_CST);
	for (i = 0; i < RTE_MAX_LCORE; i++)
		if (service_lcore_get(r, i) != NULL)
			service_lcore_quiesce_thread_unsafe(r, i);
	pthread_mutex_unlock(&r->lock);
	return 0;
}

int32_t
rte_service_lcore_count_services(uint32_t lcore)
{
	struct service_lcore *cs = service_lcore_get(&registry, lcore);

	if (cs == NULL)
		return REFUSE(-EINVAL, "lcore %u is not a service core", lcore);
	return __builtin_popcountll(__atomic_load_n(&cs->service_mask,
			__ATOMIC_ACQUIRE));
}

int32_t
rte_service_lcore_attr_get(uint32_t lcore, uint32_t attr_id,
		uint64_t *attr_value)
{
	struct service_lcore *cs;

	if (lcore >= RTE_MAX_LCORE || attr_value == NULL)
		return REFUSE(-EINVAL, "lcore %u out of range or NULL value",
				lcore);
	cs = service_lcore_get(&registry, lcore);
	if (cs == NULL)
		return REFUSE(-ENOTSUP, "lcore %u is not a service core",
				lcore);
	switch (attr_id) {
	case RTE_SERVICE_LCORE_ATTR_LOOPS:
		*attr_value = __atomic_load_n(&cs->loops, __ATOMIC_RELAXED);
		return 0;
	case RTE_SERVICE_LCORE_ATTR_CYCLES:
		*attr_value = __atomic_load_n(&cs->cycles, __ATOMIC_RELAXED);
		return 0;
	default:
		return REFUSE(-EINVAL, "unknown lcore attribute %u", attr_id);
	}
}

int32_t
rte_service_lcore_attr_reset_all(uint32_t lcore)
{
	struct service_lcore *cs;

	if (lcore >= RTE_MAX_LCORE)
		return REFUSE(-EINVAL, "lcore %u out of range", lcore);
	cs = service_lcore_get(&registry, lcore);
	if (cs == NULL)
		return REFUSE(-ENOTSUP, "lcore %u is not a service core",
				lcore);
	/* the loop stores its own counters: a racing store may undo this */
	__atomic_store_n(&cs->loops, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&cs->cycles, 0, __ATOMIC_RELAXED);
	return 0;
}

/* ---------------------------------------------------------------------
 * dump
 * --------------------------------------------------------------------- */

static void
service_dump_one(FILE *f, uint32_t id, const struct service *s)
{
	uint64_t calls = __atomic_load_n(&s->calls, __ATOMIC_RELAXED);
	uint64_t cycles = __atomic_load_n(&s->cycles, __ATOMIC_RELAXED);

	fprintf(f, "  service %u %s: app %s, component %s, %u core(s), %s, "
		"stats %s, calls %" PRIu64 ", cycles %" PRIu64
		", cycles/call %" PRIu64 "\n", id, s->spec.name,
		s->app_runstate ? "running" : "stopped",
		s->comp_runstate ? "running" : "stopped",
		__atomic_load_n(&s->num_mapped_cores, __ATOMIC_RELAXED),
		service_mt_safe(s) ? "MT-safe" : "not MT-safe",
		s->stats_enabled ? "on" : "off", calls, cycles,
		calls != 0 ? cycles / calls : 0);
}

static void
service_dump_lcores(FILE *f, struct service_registry *r)
{
	const struct service_lcore *cs;
	unsigned int i;

	fprintf(f, "service cores (%d):\n", rte_service_lcore_count());
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		cs = service_lcore_get(r, i);
		if (cs == NULL)
			continue;
		fprintf(f, "  lcore %u: %s, services 0x%" PRIx64 ", loops %"
			PRIu64 ", cycles %" PRIu64 "\n", i,
			cs->runstate ? "started" : "stopped",
			__atomic_load_n(&cs->service_mask, __ATOMIC_RELAXED),
			__atomic_load_n(&cs->loops, __ATOMIC_RELAXED),
			__atomic_load_n(&cs->cycles, __ATOMIC_RELAXED));
	}
}

int32_t
rte_service_dump(FILE *f, uint32_t id)
{
	struct service_registry *r = &registry;
	const struct service *s;
	uint32_t i;

	if (f == NULL)
		return REFUSE(-EINVAL, "NULL file");
	if (id != UINT32_MAX) {
		s = service_get(r, id);
		if (s == NULL)
			return REFUSE(-EINVAL, "no service %u", id);
		service_dump_one(f, id, s);
		return 0;
	}
	fprintf(f, "services (%u):\n", rte_service_get_count());
	for (i = 0; i < RTE_SERVICE_NUM_MAX; i++) {
		s = service_get(r, i);
		if (s != NULL)
			service_dump_one(f, i, s);
	}
	service_dump_lcores(f, r);
	return 0;
}

/* ---------------------------------------------------------------------
 * EAL init and cleanup
 * --------------------------------------------------------------------- */

int
rte_service_init(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	unsigned int i;
	int ret;

	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (!cfg->lcore_service[i])
			continue;
		ret = rte_service_lcore_add(i);
		if (ret < 0) {
			RTE_LOG(ERR, EAL, "cannot make lcore %u a service "
				"core: %s\n", i, strerror(-ret));
			return ret;
		}
	}
	return 0;
}

void
rte_service_finalize(void)
{
	struct service_registry *r = &registry;
	unsigned int i;

	rte_service_lcore_reset_all();
	pthread_mutex_lock(&r->lock);
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (service_lcore_get(r, i) == NULL)
			continue;
		__atomic_store_n(&r->lcores[i].is_service, 0,
				__ATOMIC_RELEASE);
		eal_lcore_set_service(i, false);
	}
	/* a later rte_eal_init() starts from an empty registry */
	memset(r->services, 0, sizeof(r->services));
	memset(r->lcores, 0, sizeof(r->lcores));
	r->count = 0;
	pthread_mutex_unlock(&r->lock);
}
