/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Ring creation, lookup and teardown: the slow path of rte_ring. The fast
 * path (enqueue/dequeue) is inline in the headers.
 *
 * Rings made by rte_ring_create*() live in a memzone named
 * RTE_RING_MZ_PREFIX + name and are listed in the shared tailq "RTE_RING"
 * through an entry allocated on the shared heap, so every process of the
 * application finds them. The memzone name is the uniqueness check: a
 * second ring of the same name fails to reserve it (EEXIST).
 *
 * Locking: the tailq lock (qlock) is held only to edit or walk the list,
 * never across a memzone reserve or free, which may plug or unplug pages
 * and talk to other processes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memzone.h>
#include <rte_string_fns.h>
#include <rte_tailq.h>

#include "rte_ring.h"
#include "rte_ring_elem.h"

TAILQ_HEAD(rte_ring_list, rte_tailq_entry);

static struct rte_tailq_elem rte_ring_tailq = {
	.name = "RTE_RING",
};
EAL_REGISTER_TAILQ(rte_ring_tailq)

/* every flag rte_ring_init() knows */
#define RING_F_MASK (RING_F_SP_ENQ | RING_F_SC_DEQ | RING_F_EXACT_SZ | \
	RING_F_MP_RTS_ENQ | RING_F_MC_RTS_DEQ | RING_F_MP_HTS_ENQ | \
	RING_F_MC_HTS_DEQ)

/* an RTS head may run this fraction of the capacity ahead of its tail */
#define RING_RTS_HTD_MAX_DIV 8

/*
 * The opposite side reads r->prod.tail / r->cons.tail and the sync type
 * whatever this side's mode: every variant must keep them in one place.
 */
static void
ring_check_layout(void)
{
	RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, tail) !=
		offsetof(struct rte_ring_hts_headtail, ht.pos.tail));
	RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, tail) !=
		offsetof(struct rte_ring_rts_headtail, tail.val.pos));
	RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, sync_type) !=
		offsetof(struct rte_ring_hts_headtail, sync_type));
	RTE_BUILD_BUG_ON(offsetof(struct rte_ring_headtail, sync_type) !=
		offsetof(struct rte_ring_rts_headtail, sync_type));
	RTE_BUILD_BUG_ON((offsetof(struct rte_ring, prod) &
		RTE_CACHE_LINE_MASK) != 0);
	RTE_BUILD_BUG_ON((offsetof(struct rte_ring, cons) &
		RTE_CACHE_LINE_MASK) != 0);
	RTE_BUILD_BUG_ON(offsetof(struct rte_ring, cons) -
		offsetof(struct rte_ring, prod) < 2 * RTE_CACHE_LINE_SIZE);
	RTE_BUILD_BUG_ON((sizeof(struct rte_ring) & RTE_CACHE_LINE_MASK) != 0);
}

/* slot count of the array for count objects under flags; -EINVAL if none */
static int
ring_slot_count(unsigned int count, unsigned int flags, uint32_t *size,
		uint32_t *capacity)
{
	if (flags & RING_F_EXACT_SZ) {
		if (count == 0 || count >= RTE_RING_SZ_MASK)
			return -EINVAL;
		*size = rte_align32pow2(count + 1);
		*capacity = count;
	} else {
		if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK)
			return -EINVAL;
		*size = count;
		*capacity = count - 1;
	}
	return 0;
}

/* byte size of a ring of count slots of esize bytes, or -EINVAL */
static ssize_t
ring_memsize(unsigned int esize, unsigned int count)
{
	size_t sz;

	if (esize == 0 || (esize % 4) != 0)
		return -EINVAL;
	if (!rte_is_power_of_2(count) || count > RTE_RING_SZ_MASK)
		return -EINVAL;
	sz = sizeof(struct rte_ring) + (size_t)count * esize;
	return RTE_ALIGN(sz, RTE_CACHE_LINE_SIZE);
}

ssize_t
rte_ring_get_memsize_elem(unsigned int esize, unsigned int count)
{
	ssize_t sz = ring_memsize(esize, count);

	if (sz < 0)
		RTE_LOG(ERR, RING, "rte_ring_get_memsize_elem: element size "
			"%u (must be a non-zero multiple of 4) or count %u "
			"(must be a power of 2 up to %u) not acceptable\n",
			esize, count, RTE_RING_SZ_MASK);
	return sz;
}

ssize_t
rte_ring_get_memsize(unsigned int count)
{
	return rte_ring_get_memsize_elem(sizeof(void *), count);
}

/* sync mode of one side from its three flags; -EINVAL if several are set */
static int
ring_sync_type(unsigned int flags, unsigned int st, unsigned int rts,
		unsigned int hts, enum rte_ring_sync_type *type)
{
	unsigned int set = flags & (st | rts | hts);

	if (set == 0)
		*type = RTE_RING_SYNC_MT;
	else if (set == st)
		*type = RTE_RING_SYNC_ST;
	else if (set == rts)
		*type = RTE_RING_SYNC_MT_RTS;
	else if (set == hts)
		*type = RTE_RING_SYNC_MT_HTS;
	else
		return -EINVAL;
	return 0;
}

/* check flags and count; fill the sizes and both sides' modes */
static int
ring_check_params(unsigned int count, unsigned int flags, uint32_t *size,
		uint32_t *capacity, enum rte_ring_sync_type *prod,
		enum rte_ring_sync_type *cons)
{
	if ((flags & ~RING_F_MASK) != 0)
		return -EINVAL;
	if (ring_sync_type(flags, RING_F_SP_ENQ, RING_F_MP_RTS_ENQ,
			RING_F_MP_HTS_ENQ, prod) < 0 ||
			ring_sync_type(flags, RING_F_SC_DEQ, RING_F_MC_RTS_DEQ,
			RING_F_MC_HTS_DEQ, cons) < 0)
		return -EINVAL;
	return ring_slot_count(count, flags, size, capacity);
}

/* zero one side's positions in the layout of its mode */
static void
ring_side_reset(struct rte_ring_headtail *ht, enum rte_ring_sync_type type,
		uint32_t capacity)
{
	struct rte_ring_hts_headtail *hts = (void *)ht;
	struct rte_ring_rts_headtail *rts = (void *)ht;

	switch (type) {
	case RTE_RING_SYNC_MT_HTS:
		hts->ht.raw = 0;
		break;
	case RTE_RING_SYNC_MT_RTS:
		rts->head.raw = 0;
		rts->tail.raw = 0;
		if (rts->htd_max == 0)
			rts->htd_max = RTE_MAX(capacity / RING_RTS_HTD_MAX_DIV,
				1u);
		break;
	default:
		ht->head = 0;
		ht->tail = 0;
		break;
	}
	ht->sync_type = type;
}

int
rte_ring_init(struct rte_ring *r, const char *name, unsigned int count,
	unsigned int flags)
{
	enum rte_ring_sync_type prod, cons;
	uint32_t size, capacity;
	int ret;

	ring_check_layout();
	if (r == NULL || name == NULL)
		return -EINVAL;
	ret = ring_check_params(count, flags, &size, &capacity, &prod, &cons);
	if (ret < 0)
		return ret;
	if (strnlen(name, RTE_RING_NAMESIZE) >= RTE_RING_NAMESIZE)
		return -ENAMETOOLONG;

	memset(r, 0, sizeof(*r));
	rte_strlcpy(r->name, name, sizeof(r->name));
	r->flags = (int)flags;
	r->size = size;
	r->mask = size - 1;
	r->capacity = capacity;
	ring_side_reset(&r->prod, prod, capacity);
	ring_side_reset(&r->cons, cons, capacity);
	return 0;
}

void
rte_ring_reset(struct rte_ring *r)
{
	ring_side_reset(&r->prod, r->prod.sync_type, r->capacity);
	ring_side_reset(&r->cons, r->cons.sync_type, r->capacity);
}

/* reserve the memzone and build the ring in it; NULL with rte_errno set */
static struct rte_ring *
ring_create_in_memzone(const char *name, unsigned int esize, uint32_t size,
		unsigned int count, int socket_id, unsigned int flags)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct rte_ring *r;
	ssize_t memsize;
	int ret;

	memsize = ring_memsize(esize, size);
	if (memsize < 0) {
		rte_errno = EINVAL;
		return NULL;
	}
	snprintf(mz_name, sizeof(mz_name), "%s%s", RTE_RING_MZ_PREFIX, name);
	mz = rte_memzone_reserve_aligned(mz_name, memsize, socket_id, 0,
		RTE_CACHE_LINE_SIZE);
	if (mz == NULL)
		return NULL;
	r = mz->addr;
	ret = rte_ring_init(r, name, count, flags);
	if (ret < 0) {
		/* parameters were checked already: this cannot happen */
		rte_memzone_free(mz);
		rte_errno = -ret;
		return NULL;
	}
	r->memzone = mz;
	return r;
}

struct rte_ring *
rte_ring_create_elem(const char *name, unsigned int esize, unsigned int count,
	int socket_id, unsigned int flags)
{
	enum rte_ring_sync_type prod, cons;
	struct rte_ring_list *ring_list;
	struct rte_tailq_entry *te;
	uint32_t size, capacity;
	struct rte_ring *r;

	if (name == NULL || esize == 0 || (esize % 4) != 0 ||
			ring_check_params(count, flags, &size, &capacity,
			&prod, &cons) < 0) {
		RTE_LOG(ERR, RING, "rte_ring_create: ring '%s': element size "
			"%u, count %u or flags 0x%x not acceptable\n",
			name ? name : "(null)", esize, count, flags);
		rte_errno = EINVAL;
		return NULL;
	}
	if (strnlen(name, RTE_RING_NAMESIZE) >= RTE_RING_NAMESIZE) {
		RTE_LOG(ERR, RING, "rte_ring_create: name '%s' is longer than "
			"%zu characters\n", name, RTE_RING_NAMESIZE - 1);
		rte_errno = ENAMETOOLONG;
		return NULL;
	}
	te = rte_zmalloc("RING_TAILQ_ENTRY", sizeof(*te), 0);
	if (te == NULL) {
		RTE_LOG(ERR, RING, "rte_ring_create: ring '%s': no memory "
			"for its list entry\n", name);
		rte_errno = ENOMEM;
		return NULL;
	}
	r = ring_create_in_memzone(name, esize, size, count, socket_id, flags);
	if (r == NULL) {
		int err = rte_errno;

		RTE_LOG(ERR, RING, "rte_ring_create: ring '%s' (%u x %u "
			"bytes): cannot reserve its memzone: %s\n", name, size,
			esize, rte_strerror(err));
		rte_free(te);
		rte_errno = err;
		return NULL;
	}
	te->data = r;
	ring_list = RTE_TAILQ_CAST(rte_ring_tailq.head, rte_ring_list);
	rte_mcfg_tailq_write_lock();
	TAILQ_INSERT_TAIL(ring_list, te, next);
	rte_mcfg_tailq_write_unlock();
	return r;
}

struct rte_ring *
rte_ring_create(const char *name, unsigned int count, int socket_id,
	unsigned int flags)
{
	return rte_ring_create_elem(name, sizeof(void *), count, socket_id,
		flags);
}

void
rte_ring_free(struct rte_ring *r)
{
	struct rte_ring_list *ring_list;
	struct rte_tailq_entry *te;

	if (r == NULL)
		return;
	if (r->memzone == NULL) {
		RTE_LOG(ERR, RING, "rte_ring_free: ring '%s' was not made by "
			"rte_ring_create(); its owner frees the memory\n",
			r->name);
		return;
	}
	ring_list = RTE_TAILQ_CAST(rte_ring_tailq.head, rte_ring_list);
	rte_mcfg_tailq_write_lock();
	TAILQ_FOREACH(te, ring_list, next) {
		if (te->data == r)
			break;
	}
	if (te != NULL)
		TAILQ_REMOVE(ring_list, te, next);
	rte_mcfg_tailq_write_unlock();
	if (te == NULL) {
		RTE_LOG(ERR, RING, "rte_ring_free: ring '%s' is not in the "
			"ring list (freed twice?)\n", r->name);
		return;
	}
	if (rte_memzone_free(r->memzone) != 0)
		RTE_LOG(ERR, RING, "rte_ring_free: cannot free the memzone "
			"of ring '%s'\n", r->name);
	rte_free(te);
}

static const char *
ring_sync_name(enum rte_ring_sync_type t)
{
	switch (t) {
	case RTE_RING_SYNC_MT:
		return "MT";
	case RTE_RING_SYNC_ST:
		return "ST";
	case RTE_RING_SYNC_MT_RTS:
		return "MT_RTS";
	case RTE_RING_SYNC_MT_HTS:
		return "MT_HTS";
	}
	return "?";
}

/* one side's positions as its mode keeps them */
static void
ring_dump_side(FILE *f, const char *side, const struct rte_ring_headtail *ht)
{
	const struct rte_ring_hts_headtail *hts = (const void *)ht;
	const struct rte_ring_rts_headtail *rts = (const void *)ht;

	fprintf(f, "  %s: %s", side, ring_sync_name(ht->sync_type));
	switch (ht->sync_type) {
	case RTE_RING_SYNC_MT_HTS:
		fprintf(f, " head=%" PRIu32 " tail=%" PRIu32 "\n",
			hts->ht.pos.head, hts->ht.pos.tail);
		break;
	case RTE_RING_SYNC_MT_RTS:
		fprintf(f, " head=%" PRIu32 " (cnt %" PRIu32 ") tail=%" PRIu32
			" (cnt %" PRIu32 ") htd_max=%" PRIu32 "\n",
			rts->head.val.pos, rts->head.val.cnt,
			rts->tail.val.pos, rts->tail.val.cnt, rts->htd_max);
		break;
	default:
		fprintf(f, " head=%" PRIu32 " tail=%" PRIu32 "\n",
			ht->head, ht->tail);
		break;
	}
}

void
rte_ring_dump(FILE *f, const struct rte_ring *r)
{
	if (f == NULL || r == NULL)
		return;
	fprintf(f, "ring <%s>@%p\n", r->name, (const void *)r);
	fprintf(f, "  flags=0x%x\n", (unsigned int)r->flags);
	fprintf(f, "  size=%" PRIu32 "\n", r->size);
	fprintf(f, "  capacity=%" PRIu32 "\n", r->capacity);
	ring_dump_side(f, "prod", &r->prod);
	ring_dump_side(f, "cons", &r->cons);
	fprintf(f, "  used=%u\n", rte_ring_count(r));
	fprintf(f, "  avail=%u\n", rte_ring_free_count(r));
}

void
rte_ring_list_dump(FILE *f)
{
	struct rte_ring_list *ring_list;
	struct rte_tailq_entry *te;

	/* before rte_eal_init() there is no list, hence no ring */
	if (f == NULL || rte_ring_tailq.head == NULL)
		return;
	ring_list = RTE_TAILQ_CAST(rte_ring_tailq.head, rte_ring_list);
	rte_mcfg_tailq_read_lock();
	TAILQ_FOREACH(te, ring_list, next)
		rte_ring_dump(f, te->data);
	rte_mcfg_tailq_read_unlock();
}

struct rte_ring *
rte_ring_lookup(const char *name)
{
	struct rte_ring_list *ring_list;
	struct rte_tailq_entry *te;
	struct rte_ring *r = NULL;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (rte_ring_tailq.head == NULL) {
		rte_errno = ENOENT;
		return NULL;
	}
	ring_list = RTE_TAILQ_CAST(rte_ring_tailq.head, rte_ring_list);
	rte_mcfg_tailq_read_lock();
	TAILQ_FOREACH(te, ring_list, next) {
		struct rte_ring *cur = te->data;

		if (strncmp(name, cur->name, RTE_RING_NAMESIZE) == 0) {
			r = cur;
			break;
		}
	}
	rte_mcfg_tailq_read_unlock();
	if (r == NULL)
		rte_errno = ENOENT;
	return r;
}
