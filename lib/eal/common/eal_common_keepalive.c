/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Keepalive monitor (rte_keepalive.h). Each core's state word is written
 * by the core itself (ALIVE, DOZING) and by the monitor at a ping (the
 * transitions below); both store whole words, so a mark racing with a
 * ping is either seen by this ping or by the next one. Each core's word
 * has a cache line of its own: the marks are on the fast path.
 *
 *   at a ping:  ALIVE -> MISSING   (reported ALIVE, last_seen = now)
 *               MISSING -> DEAD    (failure callback, reported DEAD)
 *               DEAD -> GONE       (reported GONE, and GONE after)
 *               DOZING -> SLEEP    (reported DOZING, then SLEEP)
 *               SLEEP, GONE stay   (until the core marks itself)
 */
#include <stdint.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_errno.h>
#include <rte_keepalive.h>
#include <rte_lcore.h>
#include <rte_malloc.h>

struct ka_core {
	int state;           /* enum rte_keepalive_state */
	uint64_t last_seen;  /* TSC at the last ping that found it alive */
} __rte_cache_aligned;

struct rte_keepalive {
	struct ka_core core[RTE_KEEPALIVE_MAXCORES];
	rte_keepalive_failure_callback_t failure_cb;
	void *failure_data;
	rte_keepalive_relay_callback_t relay_cb;
	void *relay_data;
};

struct rte_keepalive *
rte_keepalive_create(rte_keepalive_failure_callback_t callback, void *data)
{
	struct rte_keepalive *ka;

	ka = rte_zmalloc("RTE_EAL_KEEPALIVE", sizeof(*ka), RTE_CACHE_LINE_SIZE);
	if (ka == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	ka->failure_cb = callback;
	ka->failure_data = data;
	return ka;
}

/*
 * One core's transition at a ping; returns the state to report, or
 * UNUSED for a core not monitored. A mark stored by the core between our
 * load and our update wins (the update fails): the core is alive.
 */
static enum rte_keepalive_state
ka_ping_one(struct rte_keepalive *ka, int id, uint64_t now)
{
	struct ka_core *c = &ka->core[id];
	int seen = __atomic_load_n(&c->state, __ATOMIC_ACQUIRE);
	int next;

	switch (seen) {
	case RTE_KA_STATE_ALIVE:
		next = RTE_KA_STATE_MISSING;
		break;
	case RTE_KA_STATE_MISSING:
		next = RTE_KA_STATE_DEAD;
		break;
	case RTE_KA_STATE_DEAD:
		next = RTE_KA_STATE_GONE;
		break;
	case RTE_KA_STATE_DOZING:
		next = RTE_KA_STATE_SLEEP;
		break;
	default: /* UNUSED, SLEEP and GONE stay */
		return (enum rte_keepalive_state)seen;
	}
	if (!__atomic_compare_exchange_n(&c->state, &seen, next, 0,
			__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		next = seen; /* the core marked itself meanwhile */
	if (seen == RTE_KA_STATE_ALIVE)
		c->last_seen = now;
	if (next == RTE_KA_STATE_DEAD && ka->failure_cb != NULL)
		ka->failure_cb(ka->failure_data, id);
	return (enum rte_keepalive_state)(next == RTE_KA_STATE_DEAD ||
			next == RTE_KA_STATE_GONE ? next : seen);
}

void
rte_keepalive_dispatch_pings(void *ptr_timer, void *ptr_data)
{
	struct rte_keepalive *ka = ptr_data;
	enum rte_keepalive_state st;
	uint64_t now = rte_rdtsc();
	int id;

	RTE_SET_USED(ptr_timer);
	for (id = 0; id < RTE_KEEPALIVE_MAXCORES; id++) {
		st = ka_ping_one(ka, id, now);
		if (st != RTE_KA_STATE_UNUSED && ka->relay_cb != NULL)
			ka->relay_cb(ka->relay_data, id, st,
					ka->core[id].last_seen);
	}
}

void
rte_keepalive_register_core(struct rte_keepalive *keepcfg, const int id_core)
{
	if (id_core < 0 || id_core >= RTE_KEEPALIVE_MAXCORES)
		return;
	keepcfg->core[id_core].last_seen = rte_rdtsc();
	__atomic_store_n(&keepcfg->core[id_core].state, RTE_KA_STATE_ALIVE,
			__ATOMIC_RELEASE);
}

/* the calling lcore's word, NULL for a thread that is not an lcore */
static struct ka_core *
ka_self(struct rte_keepalive *keepcfg)
{
	unsigned int id = rte_lcore_id();

	return id < RTE_KEEPALIVE_MAXCORES ? &keepcfg->core[id] : NULL;
}

void
rte_keepalive_mark_alive(struct rte_keepalive *keepcfg)
{
	struct ka_core *c = ka_self(keepcfg);

	if (c != NULL)
		__atomic_store_n(&c->state, RTE_KA_STATE_ALIVE,
				__ATOMIC_RELEASE);
}

void
rte_keepalive_mark_sleep(struct rte_keepalive *keepcfg)
{
	struct ka_core *c = ka_self(keepcfg);

	if (c != NULL)
		__atomic_store_n(&c->state, RTE_KA_STATE_DOZING,
				__ATOMIC_RELEASE);
}

void
rte_keepalive_register_relay_callback(struct rte_keepalive *keepcfg,
		rte_keepalive_relay_callback_t callback, void *data)
{
	keepcfg->relay_cb = callback;
	keepcfg->relay_data = data;
}
