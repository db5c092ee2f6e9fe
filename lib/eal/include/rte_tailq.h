/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Named lists kept in the shared configuration, so every process sees the
 * same rings, mempools, hashes... Libraries register a tailq by name
 * before rte_eal_init() (EAL_REGISTER_TAILQ), and find its head by name.
 */
#ifndef _RTE_TAILQ_H_
#define _RTE_TAILQ_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdio.h>

#include <rte_common.h>
#include <rte_debug.h>

/** An entry of a shared list: points to the object it lists. */
struct rte_tailq_entry {
	RTE_TAILQ_ENTRY(rte_tailq_entry) next; /**< list linkage */
	void *data; /**< the listed object */
};

/** Head of a list of rte_tailq_entry. */
RTE_TAILQ_HEAD(rte_tailq_entry_head, rte_tailq_entry);

#define RTE_TAILQ_NAMESIZE 32

/** A named list head, stored in the shared configuration. */
struct rte_tailq_head {
	struct rte_tailq_entry_head tailq_head; /**< the list */
	char name[RTE_TAILQ_NAMESIZE];          /**< its name */
};

/** Registration record of a library's tailq. */
struct rte_tailq_elem {
	/** set by the EAL to the shared head once initialised */
	struct rte_tailq_head *head;
	RTE_TAILQ_ENTRY(rte_tailq_elem) next; /**< registration list */
	const char name[RTE_TAILQ_NAMESIZE];  /**< name, unique */
};

/** View a tailq head as a TAILQ_HEAD of another entry type. */
#define RTE_TAILQ_CAST(tailq_entry, struct_name) \
	(struct struct_name *)&(tailq_entry)->tailq_head

/** Look a tailq up by name and cast its head. */
#define RTE_TAILQ_LOOKUP(name, struct_name) \
	RTE_TAILQ_CAST(rte_eal_tailq_lookup(name), struct_name)

/** Print every tailq of the shared configuration to f. */
void rte_dump_tailq(FILE *f);

/**
 * Find a tailq head by name.
 * @return the head, or NULL if name is NULL or not found.
 */
struct rte_tailq_head *rte_eal_tailq_lookup(const char *name);

/**
 * Register a tailq. Before rte_eal_init() the registration is queued and
 * the head filled in by it; afterwards the head is set at once.
 * @return 0, or -1 if the name is empty, taken, or no slot is left.
 */
int rte_eal_tailq_register(struct rte_tailq_elem *t);

/** Register tailq t from a constructor; panics on failure. */
#define EAL_REGISTER_TAILQ(t) \
RTE_INIT(tailqinitfn_ ##t) \
{ \
	if (rte_eal_tailq_register(&t) < 0) \
		rte_panic("Cannot initialize tailq: %s\n", t.name); \
}

/** Iterate over a TAILQ, allowing removal of var inside the loop. */
#define RTE_TAILQ_FOREACH_SAFE(var, head, field, tvar) \
	for ((var) = RTE_TAILQ_FIRST((head)); \
	    (var) && ((tvar) = RTE_TAILQ_NEXT((var), field), 1); \
	    (var) = (tvar))

/* glibc's sys/queue.h lacks the _SAFE iterator; BSD code expects it */
#ifndef TAILQ_FOREACH_SAFE
#define TAILQ_FOREACH_SAFE(var, head, field, tvar) \
	RTE_TAILQ_FOREACH_SAFE(var, head, field, tvar)
#endif

#ifdef __cplusplus
}
#endif

#endif /* _RTE_TAILQ_H_ */
