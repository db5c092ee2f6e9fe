/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Shared named lists. Libraries register a struct rte_tailq_elem from a
 * constructor; rte_eal_tailqs_init() (called by rte_eal_init() once the
 * shared config exists) gives each one a head in mcfg->tailq_head[]: the
 * primary claims a free slot, a secondary finds the primary's slot by
 * name. Registrations after init are resolved at once.
 *
 * Lock: mcfg->qlock (rwlock) guards the slots' names; the lists
 * themselves are guarded by their owners (rings, mempools...).
 */

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_rwlock.h>
#include <rte_string_fns.h>
#include <rte_tailq.h>

#include "eal_memcfg.h"
#include "eal_private.h"

/* registrations of this process, in constructor order */
static struct {
	TAILQ_HEAD(, rte_tailq_elem) elems;
	bool initialised; /* rte_eal_tailqs_init() ran */
} tailq_reg = {
	.elems = TAILQ_HEAD_INITIALIZER(tailq_reg.elems),
};

/* slot named name, or NULL; caller holds qlock */
static struct rte_tailq_head *
tailq_find_locked(struct rte_mem_config *mcfg, const char *name)
{
	unsigned int i;

	for (i = 0; i < RTE_MAX_TAILQ; i++) {
		struct rte_tailq_head *h = &mcfg->tailq_head[i];

		if (h->name[0] != '\0' &&
				strncmp(h->name, name, RTE_TAILQ_NAMESIZE) == 0)
			return h;
	}
	return NULL;
}

struct rte_tailq_head *
rte_eal_tailq_lookup(const char *name)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct rte_tailq_head *h;

	if (name == NULL || mcfg == NULL)
		return NULL;
	rte_rwlock_read_lock(&mcfg->qlock);
	h = tailq_find_locked(mcfg, name);
	rte_rwlock_read_unlock(&mcfg->qlock);
	return h;
}

/* primary: claim a slot (or reuse the one of the same name) */
static struct rte_tailq_head *
tailq_create(struct rte_mem_config *mcfg, const char *name)
{
	struct rte_tailq_head *h;
	unsigned int i;

	rte_rwlock_write_lock(&mcfg->qlock);
	h = tailq_find_locked(mcfg, name);
	for (i = 0; h == NULL && i < RTE_MAX_TAILQ; i++) {
		if (mcfg->tailq_head[i].name[0] != '\0')
			continue;
		h = &mcfg->tailq_head[i];
		TAILQ_INIT(&h->tailq_head);
		rte_strlcpy(h->name, name, sizeof(h->name));
	}
	rte_rwlock_write_unlock(&mcfg->qlock);
	return h;
}

/* give t its shared head: 0 or -ENOSPC/-ENOENT */
static int
tailq_resolve(struct rte_tailq_elem *t)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();

	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		t->head = tailq_create(mcfg, t->name);
		return t->head != NULL ? 0 : -ENOSPC;
	}
	t->head = rte_eal_tailq_lookup(t->name);
	return t->head != NULL ? 0 : -ENOENT;
}

static bool
tailq_registered(const char *name)
{
	struct rte_tailq_elem *t;

	TAILQ_FOREACH(t, &tailq_reg.elems, next)
		if (strncmp(t->name, name, RTE_TAILQ_NAMESIZE) == 0)
			return true;
	return false;
}

int
rte_eal_tailq_register(struct rte_tailq_elem *t)
{
	if (t == NULL || t->name[0] == '\0' ||
			strnlen(t->name, RTE_TAILQ_NAMESIZE) ==
			RTE_TAILQ_NAMESIZE) {
		rte_errno = EINVAL;
		goto error;
	}
	if (tailq_registered(t->name)) {
		rte_errno = EEXIST;
		goto error;
	}

	t->head = NULL;
	TAILQ_INSERT_TAIL(&tailq_reg.elems, t, next);
	if (tailq_reg.initialised) {
		int ret = tailq_resolve(t);

		if (ret < 0) {
			TAILQ_REMOVE(&tailq_reg.elems, t, next);
			rte_errno = -ret;
			goto error;
		}
	}
	return 0;
error:
	RTE_LOG(ERR, EAL, "Cannot register tailq \"%.*s\": %s\n",
		RTE_TAILQ_NAMESIZE, t != NULL ? t->name : "(null)",
		rte_strerror(rte_errno));
	return -1;
}

int
rte_eal_tailqs_init(void)
{
	struct rte_tailq_elem *t;
	int ret;

	TAILQ_FOREACH(t, &tailq_reg.elems, next) {
		ret = tailq_resolve(t);
		if (ret < 0) {
			RTE_LOG(ERR, EAL, "Cannot initialise tailq \"%s\": %s%s\n",
				t->name, rte_strerror(-ret),
				ret == -ENOSPC ? " (raise RTE_MAX_TAILQ)" :
				" (the primary did not create it: different "
				"libraries linked?)");
			return ret;
		}
	}
	tailq_reg.initialised = true;
	return 0;
}

/* forget the heads at cleanup, so a later init resolves them again */
void
eal_tailqs_cleanup(void)
{
	struct rte_tailq_elem *t;

	TAILQ_FOREACH(t, &tailq_reg.elems, next)
		t->head = NULL;
	tailq_reg.initialised = false;
}

void
rte_dump_tailq(FILE *f)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;

	if (mcfg == NULL)
		return;
	rte_rwlock_read_lock(&mcfg->qlock);
	for (i = 0; i < RTE_MAX_TAILQ; i++) {
		const struct rte_tailq_head *h = &mcfg->tailq_head[i];

		if (h->name[0] == '\0')
			continue;
		fprintf(f, "Tailq %u: qname:<%s>, tqh_first:%p, tqh_last:%p\n",
			i, h->name, (void *)h->tailq_head.tqh_first,
			(void *)h->tailq_head.tqh_last);
	}
	rte_rwlock_read_unlock(&mcfg->qlock);
}
