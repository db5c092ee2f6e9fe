/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librte_timer: per-lcore skiplists of pending timers in shared memory.
 *
 * Core types:
 *   struct timer_list    one lcore's pending timers, ordered by expiry, and
 *                        the state of that lcore's manage loop
 *   struct timer_data    one instance: a timer_list per lcore (instance 0
 *                        is the default one of rte_timer_reset() & co.)
 *   struct timer_shared  the memzone every process maps: the instances
 *
 * A timer's status word says who may touch it. PENDING(owner L): it is in
 * list L, and only a thread that moves it to CONFIG (or L's manage, which
 * moves it to RUNNING) may take it out. CONFIG(owner C): thread C is
 * resetting or stopping it and nobody else touches it. RUNNING(owner R):
 * lcore R runs its callback; only that callback may reset or stop it, and
 * after the callback R stops it or (periodic) arms it again. STOP: free.
 * Every transition away from PENDING or RUNNING is a compare-and-swap, so
 * the lists need a lock only for their links.
 *
 * Lock order: rte_mcfg_timer_lock (init, finalize, instance alloc) then one
 * list lock. No thread holds two list locks: moving a timer between lcores
 * unlinks it under the old list's lock, then links it under the new one's,
 * while the timer stays CONFIG. Callbacks run with no lock held.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memzone.h>
#include <rte_pause.h>
#include <rte_spinlock.h>

#include "rte_timer.h"
#include "timer_internal.h"

#define TIMER_MZ_NAME "rte_timer_lists"
#define TIMER_MAGIC 0x544d5231u         /* "TMR1": the layout below */
#define TIMER_MAX_DATA 64u              /* instances, as DPDK */
#define TIMER_DEFAULT_ID 0u

struct timer_stats {
	uint64_t reset;                 /* arms done by this lcore */
	uint64_t stop;                  /* stops done by this lcore */
	uint64_t manage;                /* manage calls of this lcore */
};

struct timer_list {
	rte_spinlock_t lock;
	/* under lock */
	unsigned int depth;             /* levels in use, 1..MAX */
	uint64_t rng;                   /* xorshift state for node heights */
	uint64_t n_pending;
	struct rte_timer *head[MAX_SKIPLIST_DEPTH];
	/* expiry of head[0] or UINT64_MAX: read without the lock by manage */
	uint64_t next_expire;
	/* used by this lcore only, when it runs callbacks */
	struct rte_timer *running;
	int updated;                    /* running timer reset/stopped by it */
	struct timer_stats stats;
} __rte_cache_aligned;

struct timer_data {
	uint32_t in_use;                /* under rte_mcfg_timer_lock */
	struct timer_list list[RTE_MAX_LCORE];
};

struct timer_shared {
	uint32_t magic;
	uint32_t users;                 /* processes initialised */
	struct timer_data data[TIMER_MAX_DATA];
};

/* this process's view of the library */
static struct {
	struct timer_shared *shm;       /* NULL until subsystem_init */
	const struct rte_memzone *mz;
	unsigned int rr_last;           /* last lcore given to LCORE_ID_ANY */
} timer_proc = { .rr_last = UINT32_MAX };

// ---------------------------------------------------------------------
// status word

static inline union rte_timer_status
status_load(const struct rte_timer *tim)
{
	union rte_timer_status st;

	st.u32 = __atomic_load_n(&tim->status.u32, __ATOMIC_ACQUIRE);
	return st;
}

static inline union rte_timer_status
status_make(uint16_t state, int16_t owner)
{
	union rte_timer_status st;

	st.state = state;
	st.owner = owner;
	return st;
}

/* on failure *old holds the current status */
static inline bool
status_cas(struct rte_timer *tim, union rte_timer_status *old,
		uint16_t state, int16_t owner)
{
	union rte_timer_status nst = status_make(state, owner);

	return __atomic_compare_exchange_n(&tim->status.u32, &old->u32,
		nst.u32, false, __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE);
}

/* publishes every field written while the timer was ours */
static inline void
status_store(struct rte_timer *tim, uint16_t state, int16_t owner)
{
	__atomic_store_n(&tim->status.u32, status_make(state, owner).u32,
		__ATOMIC_RELEASE);
}

// ---------------------------------------------------------------------
// skiplist (every function here needs the list lock)

/* the links leaving node, or the list head for NULL */
static inline struct rte_timer **
sl_links(struct timer_list *l, struct rte_timer *node)
{
	return node == NULL ? l->head : node->sl_next;
}

static void
sl_note_head(struct timer_list *l)
{
	uint64_t e = l->head[0] != NULL ? l->head[0]->expire : UINT64_MAX;

	__atomic_store_n(&l->next_expire, e, __ATOMIC_RELAXED);
}

/* height h with probability 4^-(h-1), at most one above the current depth */
static unsigned int
sl_pick_height(struct timer_list *l)
{
	uint64_t x = l->rng;
	unsigned int h = 1;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	l->rng = x;
	while (h < MAX_SKIPLIST_DEPTH && (x & 3) == 0) {
		h++;
		x >>= 2;
	}
	return RTE_MIN(h, l->depth + 1);
}

/* after the timers of equal expiry already there: they run first */
static void
sl_insert(struct timer_list *l, struct rte_timer *tim)
{
	struct rte_timer *update[MAX_SKIPLIST_DEPTH];
	struct rte_timer *prev = NULL, **links;
	unsigned int h = sl_pick_height(l), i;

	if (h > l->depth)
		l->depth = h;
	for (i = l->depth; i-- > 0;) {
		links = sl_links(l, prev);
		while (links[i] != NULL && links[i]->expire <= tim->expire) {
			prev = links[i];
			links = prev->sl_next;
		}
		update[i] = prev;
	}
	for (i = 0; i < MAX_SKIPLIST_DEPTH; i++) {
		if (i >= h) {
			tim->sl_next[i] = NULL;
			continue;
		}
		links = sl_links(l, update[i]);
		tim->sl_next[i] = links[i];
		links[i] = tim;
	}
	l->n_pending++;
	sl_note_head(l);
}

static void
sl_shrink(struct timer_list *l)
{
	while (l->depth > 1 && l->head[l->depth - 1] == NULL)
		l->depth--;
	l->n_pending--;
	sl_note_head(l);
}

/* tim anywhere in the list: O(log n) plus the timers of equal expiry */
static void
sl_remove(struct timer_list *l, struct rte_timer *tim)
{
	struct rte_timer *prev = NULL, **links;
	unsigned int i;

	for (i = l->depth; i-- > 0;) {
		links = sl_links(l, prev);
		while (links[i] != NULL && links[i]->expire < tim->expire) {
			prev = links[i];
			links = prev->sl_next;
		}
		/* the next level down starts again from prev */
		while (links[i] != NULL && links[i] != tim &&
				links[i]->expire == tim->expire)
			links = links[i]->sl_next;
		if (links[i] == tim)
			links[i] = tim->sl_next[i];
	}
	sl_shrink(l);
}

/* the first timer is first on every level it is on: O(levels) */
static void
sl_remove_head(struct timer_list *l, struct rte_timer *tim)
{
	unsigned int i;

	for (i = 0; i < l->depth; i++)
		if (l->head[i] == tim)
			l->head[i] = tim->sl_next[i];
	sl_shrink(l);
}

/* every node of level i is on level i-1, in order; returns 0 or -1 */
static int
sl_check_level(struct timer_list *l, unsigned int i)
{
	struct rte_timer *n, *below = l->head[i - 1];

	for (n = l->head[i]; n != NULL; n = n->sl_next[i]) {
		while (below != NULL && below != n)
			below = below->sl_next[i - 1];
		if (below == NULL)
			return -1;
		if (n->sl_next[i] != NULL && n->sl_next[i]->expire < n->expire)
			return -1;
	}
	return 0;
}

// ---------------------------------------------------------------------
// instances

static void
timer_list_init(struct timer_list *l, unsigned int lcore)
{
	memset(l, 0, sizeof(*l));
	rte_spinlock_init(&l->lock);
	l->depth = 1;
	l->rng = (rte_get_tsc_cycles() ^ ((uint64_t)lcore << 32)) | 1;
	l->next_expire = UINT64_MAX;
}

static void
timer_data_init(struct timer_data *td)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_LCORE; i++)
		timer_list_init(&td->list[i], i);
}

static struct timer_data *
timer_data_get(uint32_t id)
{
	struct timer_shared *shm = __atomic_load_n(&timer_proc.shm,
		__ATOMIC_ACQUIRE);

	if (shm == NULL || id >= TIMER_MAX_DATA ||
			!__atomic_load_n(&shm->data[id].in_use, __ATOMIC_ACQUIRE))
		return NULL;
	return &shm->data[id];
}

/* logs once and sets rte_errno: for the API edge */
static int
timer_einval(const char *fn, const char *why)
{
	RTE_LOG(ERR, TIMER, "%s: %s\n", fn, why);
	rte_errno = EINVAL;
	return -EINVAL;
}

static inline struct timer_stats *
timer_stats_of(struct timer_data *td, unsigned int lcore)
{
	return lcore < RTE_MAX_LCORE ? &td->list[lcore].stats : NULL;
}

int
rte_timer_data_alloc(uint32_t *id_ptr)
{
	struct timer_shared *shm = timer_proc.shm;
	uint32_t id;

	if (id_ptr == NULL || shm == NULL)
		return timer_einval(__func__, id_ptr == NULL ? "NULL id_ptr" :
			"call rte_timer_subsystem_init() first");
	rte_mcfg_timer_lock();
	for (id = 0; id < TIMER_MAX_DATA; id++)
		if (!shm->data[id].in_use)
			break;
	if (id < TIMER_MAX_DATA) {
		timer_data_init(&shm->data[id]);
		__atomic_store_n(&shm->data[id].in_use, 1, __ATOMIC_RELEASE);
	}
	rte_mcfg_timer_unlock();
	if (id == TIMER_MAX_DATA) {
		RTE_LOG(ERR, TIMER, "%s: all %u timer data instances in use\n",
			__func__, TIMER_MAX_DATA);
		rte_errno = ENOSPC;
		return -ENOSPC;
	}
	*id_ptr = id;
	return 0;
}

int
rte_timer_data_dealloc(uint32_t id)
{
	struct timer_data *td = timer_data_get(id);

	if (td == NULL || id == TIMER_DEFAULT_ID)
		return timer_einval(__func__, "not an allocated instance");
	rte_mcfg_timer_lock();
	__atomic_store_n(&td->in_use, 0, __ATOMIC_RELEASE);
	rte_mcfg_timer_unlock();
	return 0;
}

// ---------------------------------------------------------------------
// subsystem

/* under rte_mcfg_timer_lock: the first process in creates the lists */
static const struct rte_memzone *
timer_shared_attach(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(TIMER_MZ_NAME);
	struct timer_shared *shm;

	if (mz != NULL)
		return mz;
	mz = rte_memzone_reserve_aligned(TIMER_MZ_NAME, sizeof(*shm),
		SOCKET_ID_ANY, 0, RTE_CACHE_LINE_SIZE);
	if (mz == NULL)
		return NULL;
	shm = mz->addr;
	memset(shm, 0, sizeof(*shm));
	timer_data_init(&shm->data[TIMER_DEFAULT_ID]);
	shm->data[TIMER_DEFAULT_ID].in_use = 1;
	shm->magic = TIMER_MAGIC;
	return mz;
}

int
rte_timer_subsystem_init(void)
{
	const struct rte_memzone *mz;
	struct timer_shared *shm;

	if (timer_proc.shm != NULL)
		return -EALREADY;
	rte_mcfg_timer_lock();
	mz = timer_shared_attach();
	shm = mz != NULL ? mz->addr : NULL;
	if (shm != NULL && shm->magic == TIMER_MAGIC)
		shm->users++;
	rte_mcfg_timer_unlock();
	if (mz == NULL) {
		RTE_LOG(ERR, TIMER, "%s: cannot reserve memzone %s of %zu "
			"bytes: %s\n", __func__, TIMER_MZ_NAME,
			sizeof(struct timer_shared), rte_strerror(rte_errno));
		rte_errno = ENOMEM;
		return -ENOMEM;
	}
	if (shm->magic != TIMER_MAGIC) {
		RTE_LOG(ERR, TIMER, "%s: memzone %s is not a timer list of "
			"this version\n", __func__, TIMER_MZ_NAME);
		rte_errno = EINVAL;
		return -EINVAL;
	}
	timer_proc.mz = mz;
	__atomic_store_n(&timer_proc.shm, shm, __ATOMIC_RELEASE);
	return 0;
}

void
rte_timer_subsystem_finalize(void)
{
	struct timer_shared *shm = timer_proc.shm;

	if (shm == NULL)
		return;
	__atomic_store_n(&timer_proc.shm, NULL, __ATOMIC_RELEASE);
	rte_mcfg_timer_lock();
	if (--shm->users == 0) {
		shm->magic = 0;
		rte_memzone_free(timer_proc.mz);
	}
	rte_mcfg_timer_unlock();
	timer_proc.mz = NULL;
}

// ---------------------------------------------------------------------
// arming and stopping

void
rte_timer_init(struct rte_timer *tim)
{
	if (tim == NULL)
		return;
	tim->expire = 0;
	tim->period = 0;
	tim->f = NULL;
	tim->arg = NULL;
	status_store(tim, RTE_TIMER_STOP, RTE_TIMER_NO_OWNER);
}

/*
 * Move tim to CONFIG for the calling thread; *prev receives the status it
 * had. Fails (-1) while someone else configures it or its callback runs
 * anywhere but in the calling lcore's callback of that very timer.
 */
static int
timer_claim(struct timer_data *td, struct rte_timer *tim, unsigned int self,
		union rte_timer_status *prev)
{
	union rte_timer_status st = status_load(tim);
	bool own_cb;

	do {
		own_cb = st.state == RTE_TIMER_RUNNING &&
			self < RTE_MAX_LCORE && st.owner == (int16_t)self &&
			td->list[self].running == tim;
		if (st.state == RTE_TIMER_CONFIG ||
				(st.state == RTE_TIMER_RUNNING && !own_cb))
			return -1;
	} while (!status_cas(tim, &st, RTE_TIMER_CONFIG, (int16_t)self));
	if (own_cb)
		td->list[self].updated = 1;
	*prev = st;
	return 0;
}

/* tim is ours (CONFIG); take it out of the list it was pending in */
static void
timer_unlink(struct timer_data *td, struct rte_timer *tim,
		union rte_timer_status prev)
{
	struct timer_list *l;

	if (prev.state != RTE_TIMER_PENDING)
		return;
	l = &td->list[prev.owner];
	rte_spinlock_lock(&l->lock);
	sl_remove(l, tim);
	rte_spinlock_unlock(&l->lock);
}

/* tim is ours (CONFIG or RUNNING): put it in lcore's list, then publish */
static void
timer_link(struct timer_data *td, struct rte_timer *tim, unsigned int lcore)
{
	struct timer_list *l = &td->list[lcore];

	rte_spinlock_lock(&l->lock);
	sl_insert(l, tim);
	rte_spinlock_unlock(&l->lock);
	status_store(tim, RTE_TIMER_PENDING, (int16_t)lcore);
}

static unsigned int
timer_next_any_lcore(void)
{
	unsigned int last = __atomic_load_n(&timer_proc.rr_last,
		__ATOMIC_RELAXED);
	unsigned int next = rte_get_next_lcore(last, 0, 1);

	__atomic_store_n(&timer_proc.rr_last, next, __ATOMIC_RELAXED);
	return next;
}

static int
timer_arm(struct timer_data *td, struct rte_timer *tim, uint64_t ticks,
		enum rte_timer_type type, unsigned int lcore,
		rte_timer_cb_t fct, void *arg)
{
	unsigned int self = rte_lcore_id();
	union rte_timer_status prev;
	struct timer_stats *stats;

	if (timer_claim(td, tim, self, &prev) < 0)
		return -1;
	timer_unlink(td, tim, prev);
	tim->expire = rte_get_timer_cycles() + ticks;
	tim->period = type == PERIODICAL ? ticks : 0;
	tim->f = fct;
	tim->arg = arg;
	timer_link(td, tim, lcore);
	stats = timer_stats_of(td, self);
	if (stats != NULL)
		stats->reset++;
	return 0;
}

static int
timer_disarm(struct timer_data *td, struct rte_timer *tim)
{
	unsigned int self = rte_lcore_id();
	union rte_timer_status prev;
	struct timer_stats *stats;

	if (timer_claim(td, tim, self, &prev) < 0)
		return -1;
	timer_unlink(td, tim, prev);
	status_store(tim, RTE_TIMER_STOP, RTE_TIMER_NO_OWNER);
	stats = timer_stats_of(td, self);
	if (stats != NULL)
		stats->stop++;
	return 0;
}

int
rte_timer_alt_reset(uint32_t timer_data_id, struct rte_timer *tim,
		uint64_t ticks, enum rte_timer_type type,
		unsigned int tim_lcore, rte_timer_cb_t fct, void *arg)
{
	struct timer_data *td = timer_data_get(timer_data_id);

	if (td == NULL)
		return timer_einval(__func__, timer_proc.shm == NULL ?
			"call rte_timer_subsystem_init() first" :
			"unknown timer data id");
	if (tim == NULL || fct == NULL)
		return timer_einval(__func__, tim == NULL ? "NULL timer" :
			"NULL callback");
	if (type != SINGLE && type != PERIODICAL)
		return timer_einval(__func__, "type is neither SINGLE nor "
			"PERIODICAL");
	if (tim_lcore == LCORE_ID_ANY)
		tim_lcore = timer_next_any_lcore();
	if (tim_lcore >= RTE_MAX_LCORE)
		return timer_einval(__func__, "lcore out of range");
	return timer_arm(td, tim, ticks, type, tim_lcore, fct, arg);
}

int
rte_timer_reset(struct rte_timer *tim, uint64_t ticks,
		enum rte_timer_type type, unsigned int tim_lcore,
		rte_timer_cb_t fct, void *arg)
{
	return rte_timer_alt_reset(TIMER_DEFAULT_ID, tim, ticks, type,
		tim_lcore, fct, arg);
}

void
rte_timer_reset_sync(struct rte_timer *tim, uint64_t ticks,
		enum rte_timer_type type, unsigned int tim_lcore,
		rte_timer_cb_t fct, void *arg)
{
	while (rte_timer_reset(tim, ticks, type, tim_lcore, fct, arg) == -1)
		rte_pause();
}

int
rte_timer_alt_stop(uint32_t timer_data_id, struct rte_timer *tim)
{
	struct timer_data *td = timer_data_get(timer_data_id);

	if (td == NULL)
		return timer_einval(__func__, timer_proc.shm == NULL ?
			"call rte_timer_subsystem_init() first" :
			"unknown timer data id");
	if (tim == NULL)
		return timer_einval(__func__, "NULL timer");
	return timer_disarm(td, tim);
}

int
rte_timer_stop(struct rte_timer *tim)
{
	return rte_timer_alt_stop(TIMER_DEFAULT_ID, tim);
}

void
rte_timer_stop_sync(struct rte_timer *tim)
{
	while (rte_timer_stop(tim) == -1)
		rte_pause();
}

int
rte_timer_pending(struct rte_timer *tim)
{
	return tim != NULL && status_load(tim).state == RTE_TIMER_PENDING;
}

// ---------------------------------------------------------------------
// running expired timers

/*
 * Claim the expired timers at the front of l for the runner lcore and
 * return them chained through sl_next[0], in expiry order. Stops at a
 * timer that someone is configuring: it is about to leave the list.
 */
static struct rte_timer *
timer_take_expired(struct timer_list *l, uint64_t now, unsigned int runner)
{
	struct rte_timer *first = NULL, **tail = &first, *tim;
	union rte_timer_status st;

	if (__atomic_load_n(&l->next_expire, __ATOMIC_RELAXED) > now)
		return NULL;
	rte_spinlock_lock(&l->lock);
	while ((tim = l->head[0]) != NULL && tim->expire <= now) {
		st = status_load(tim);
		if (st.state != RTE_TIMER_PENDING ||
				!status_cas(tim, &st, RTE_TIMER_RUNNING,
					(int16_t)runner))
			break;
		sl_remove_head(l, tim);
		*tail = tim;
		tail = &tim->sl_next[0];
	}
	*tail = NULL;
	rte_spinlock_unlock(&l->lock);
	return first;
}

/* run one claimed timer, then stop it or arm it again on home */
static void
timer_run(struct timer_data *td, struct rte_timer *tim, unsigned int home,
		unsigned int runner, uint64_t now, rte_timer_alt_manage_cb_t f)
{
	struct timer_list *me = &td->list[runner];

	me->running = tim;
	me->updated = 0;
	if (f != NULL)
		f(tim);
	else
		tim->f(tim, tim->arg);
	me->running = NULL;
	if (me->updated)
		return;         /* the callback reset or stopped it */
	if (tim->period == 0) {
		status_store(tim, RTE_TIMER_STOP, RTE_TIMER_NO_OWNER);
		return;
	}
	tim->expire = now + tim->period;
	timer_link(td, tim, home);
}

/* index of the batch whose first timer is due first, or -1 */
static int
timer_first_batch(struct rte_timer *const *batch, int n)
{
	int i, best = -1;

	for (i = 0; i < n; i++)
		if (batch[i] != NULL && (best < 0 ||
				batch[i]->expire < batch[best]->expire))
			best = i;
	return best;
}

static int
timer_manage(struct timer_data *td, const unsigned int *lcores, int n,
		rte_timer_alt_manage_cb_t f)
{
	struct rte_timer *batch[RTE_MAX_LCORE], *tim;
	unsigned int self = rte_lcore_id();
	uint64_t now = rte_get_timer_cycles();
	int i;

	td->list[self].stats.manage++;
	for (i = 0; i < n; i++)
		batch[i] = timer_take_expired(&td->list[lcores[i]], now, self);
	while ((i = timer_first_batch(batch, n)) >= 0) {
		tim = batch[i];
		batch[i] = tim->sl_next[0];
		timer_run(td, tim, lcores[i], self, now, f);
	}
	return 0;
}

int
rte_timer_alt_manage(uint32_t timer_data_id, unsigned int *poll_lcores,
		int n_poll_lcores, rte_timer_alt_manage_cb_t f)
{
	struct timer_data *td = timer_data_get(timer_data_id);
	unsigned int self = rte_lcore_id();
	int i;

	if (td == NULL)
		return timer_einval(__func__, "unknown timer data id or no "
			"rte_timer_subsystem_init()");
	if (self >= RTE_MAX_LCORE)
		return timer_einval(__func__, "not called from an lcore");
	if (poll_lcores == NULL)
		return timer_manage(td, &self, 1, f);
	if (n_poll_lcores < 0 || n_poll_lcores > (int)RTE_MAX_LCORE)
		return timer_einval(__func__, "bad n_poll_lcores");
	for (i = 0; i < n_poll_lcores; i++)
		if (poll_lcores[i] >= RTE_MAX_LCORE)
			return timer_einval(__func__, "lcore out of range");
	return timer_manage(td, poll_lcores, n_poll_lcores, f);
}

int
rte_timer_manage(void)
{
	struct timer_data *td = timer_data_get(TIMER_DEFAULT_ID);
	unsigned int self = rte_lcore_id();

	if (td == NULL || self >= RTE_MAX_LCORE)
		return timer_einval(__func__, td == NULL ?
			"call rte_timer_subsystem_init() first" :
			"not called from an lcore");
	return timer_manage(td, &self, 1, NULL);
}

int64_t
rte_timer_next_ticks(void)
{
	struct timer_data *td = timer_data_get(TIMER_DEFAULT_ID);
	unsigned int self = rte_lcore_id();
	uint64_t next, now;

	if (td == NULL || self >= RTE_MAX_LCORE)
		return timer_einval(__func__, td == NULL ?
			"call rte_timer_subsystem_init() first" :
			"not called from an lcore");
	next = __atomic_load_n(&td->list[self].next_expire, __ATOMIC_RELAXED);
	if (next == UINT64_MAX)
		return -ENOENT;
	now = rte_get_timer_cycles();
	return next <= now ? 0 : (int64_t)(next - now);
}

/* unlink and claim every PENDING timer of l; chained through sl_next[0] */
static struct rte_timer *
timer_take_all(struct timer_list *l, unsigned int self)
{
	struct rte_timer *first = NULL, **tail = &first, *tim, *next;
	union rte_timer_status st;

	rte_spinlock_lock(&l->lock);
	for (tim = l->head[0]; tim != NULL; tim = next) {
		next = tim->sl_next[0];
		st = status_load(tim);
		if (st.state != RTE_TIMER_PENDING ||
				!status_cas(tim, &st, RTE_TIMER_CONFIG,
					(int16_t)self))
			continue;
		sl_remove(l, tim);
		*tail = tim;
		tail = &tim->sl_next[0];
	}
	*tail = NULL;
	rte_spinlock_unlock(&l->lock);
	return first;
}

int
rte_timer_stop_all(uint32_t timer_data_id, unsigned int *walk_lcores,
		int nb_walk_lcores, rte_timer_stop_all_cb_t f, void *f_arg)
{
	struct timer_data *td = timer_data_get(timer_data_id);
	struct rte_timer *tim, *next;
	int i;

	if (td == NULL)
		return timer_einval(__func__, "unknown timer data id or no "
			"rte_timer_subsystem_init()");
	if (walk_lcores == NULL && nb_walk_lcores > 0)
		return timer_einval(__func__, "NULL walk_lcores");
	for (i = 0; i < nb_walk_lcores; i++)
		if (walk_lcores[i] >= RTE_MAX_LCORE)
			return timer_einval(__func__, "lcore out of range");
	for (i = 0; i < nb_walk_lcores; i++) {
		tim = timer_take_all(&td->list[walk_lcores[i]],
			rte_lcore_id());
		for (; tim != NULL; tim = next) {
			next = tim->sl_next[0];
			status_store(tim, RTE_TIMER_STOP, RTE_TIMER_NO_OWNER);
			if (f != NULL)
				f(tim, f_arg);
		}
	}
	return 0;
}

// ---------------------------------------------------------------------
// statistics and validation

int
rte_timer_alt_dump_stats(uint32_t timer_data_id, FILE *f)
{
	struct timer_data *td = timer_data_get(timer_data_id);
	struct timer_stats sum = { 0 }, *s;
	uint64_t pending = 0, n;
	unsigned int i;

	if (td == NULL || f == NULL)
		return timer_einval(__func__, td == NULL ?
			"unknown timer data id or no rte_timer_subsystem_init()"
			: "NULL stream");
	fprintf(f, "timer data %u statistics:\n", timer_data_id);
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		s = &td->list[i].stats;
		n = __atomic_load_n(&td->list[i].n_pending, __ATOMIC_RELAXED);
		if (s->reset == 0 && s->stop == 0 && s->manage == 0 && n == 0)
			continue;
		fprintf(f, "  lcore %3u: reset %" PRIu64 ", stop %" PRIu64
			", manage %" PRIu64 ", pending %" PRIu64 "\n", i,
			s->reset, s->stop, s->manage, n);
		sum.reset += s->reset;
		sum.stop += s->stop;
		sum.manage += s->manage;
		pending += n;
	}
	fprintf(f, "  total:     reset %" PRIu64 ", stop %" PRIu64
		", manage %" PRIu64 ", pending %" PRIu64 "\n", sum.reset,
		sum.stop, sum.manage, pending);
	return 0;
}

int
rte_timer_dump_stats(FILE *f)
{
	return rte_timer_alt_dump_stats(TIMER_DEFAULT_ID, f);
}

static int
timer_list_check(struct timer_list *l, unsigned int lcore, FILE *err)
{
	struct rte_timer *tim;
	union rte_timer_status st;
	uint64_t n = 0, last = 0;
	unsigned int i;

	for (tim = l->head[0]; tim != NULL; tim = tim->sl_next[0], n++) {
		st = status_load(tim);
		if (tim->expire < last || st.state != RTE_TIMER_PENDING ||
				st.owner != (int16_t)lcore) {
			fprintf(err, "lcore %u: timer %p out of order or not "
				"pending here (state %u owner %d)\n", lcore,
				(void *)tim, st.state, st.owner);
			return -1;
		}
		last = tim->expire;
	}
	if (n != l->n_pending || (l->depth > 1 &&
			l->head[l->depth - 1] == NULL)) {
		fprintf(err, "lcore %u: %" PRIu64 " timers, counted %" PRIu64
			", depth %u\n", lcore, n, l->n_pending, l->depth);
		return -1;
	}
	for (i = 1; i < MAX_SKIPLIST_DEPTH; i++) {
		if ((i >= l->depth && l->head[i] != NULL) ||
				sl_check_level(l, i) < 0) {
			fprintf(err, "lcore %u: level %u broken\n", lcore, i);
			return -1;
		}
	}
	return 0;
}

int
timer_data_check(uint32_t timer_data_id, FILE *err)
{
	struct timer_data *td = timer_data_get(timer_data_id);
	struct timer_list *l;
	unsigned int i;
	int ret = 0;

	if (td == NULL)
		return -EINVAL;
	for (i = 0; i < RTE_MAX_LCORE && ret == 0; i++) {
		l = &td->list[i];
		rte_spinlock_lock(&l->lock);
		ret = timer_list_check(l, i, err);
		rte_spinlock_unlock(&l->lock);
	}
	return ret;
}
