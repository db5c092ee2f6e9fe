/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librte_hash: separate chaining over a fixed array of key slots.
 *
 * Core types:
 *   struct rte_hash     what create() was given, and where the store is
 *   struct hash_store   the mutable part: key count, free-slot stack, the
 *                       bucket heads, the slots and the keys
 *   struct hash_slot    one key's hash, chain link and data pointer
 *
 * Links are slot index + 1 so that 0 ends a chain (buckets are zeroed at
 * creation). A free slot's link is SLOT_FREE and it is on the free stack;
 * a used slot is in exactly one chain, the one of bucket (sig & mask).
 * The public functions take a const table (as DPDK's do), so everything
 * a write changes lives in the store it points to.
 *
 * Locking: none inside a table (single writer, see rte_hash.h). The tailq
 * lock (rte_mcfg_tailq_*) guards the list of names only.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/queue.h>

#include <rte_branch_prediction.h>
#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_prefetch.h>
#include <rte_string_fns.h>
#include <rte_tailq.h>

#include "rte_hash.h"
#include "rte_hash_crc.h"
#include "hash_internal.h"

#define HASH_MIN_ENTRIES 8u     /* as DPDK (one of its buckets) */
#define SLOT_FREE UINT32_MAX
#define HASH_DEFAULT_FUNC rte_hash_crc_fn

#define HASH_LOG(level, ...) \
	RTE_LOG(level, USER1, "hash: " __VA_ARGS__)

TAILQ_HEAD(rte_hash_list, rte_tailq_entry);

static struct rte_tailq_elem rte_hash_tailq = {
	.name = "RTE_HASH",
};
EAL_REGISTER_TAILQ(rte_hash_tailq)

struct hash_slot {
	hash_sig_t sig;
	uint32_t next;          /* slot index + 1, 0 ends; SLOT_FREE */
	void *data;
};

struct hash_store {
	uint32_t count;         /* keys in the table */
	uint32_t nfree;         /* entries on free_stack */
	uint32_t *buckets;      /* [mask + 1] first slot + 1, or 0 */
	uint32_t *free_stack;   /* [entries], top at nfree - 1 */
	struct hash_slot *slots; /* [entries] */
	uint8_t *keys;          /* [entries * key_len] */
};

struct rte_hash {
	char name[RTE_HASH_NAMESIZE];
	uint32_t entries;
	uint32_t key_len;
	uint32_t bucket_mask;
	uint32_t init_val;
	rte_hash_function hash_func;
	uint8_t extra_flag;
	struct hash_store *st;
};

/* a function (not the inline) so a secondary sees the same address */
static uint32_t
rte_hash_crc_fn(const void *key, uint32_t len, uint32_t init_val)
{
	return rte_hash_crc(key, len, init_val);
}

// ---- slots and chains

static inline uint8_t *
hash_key_at(const struct rte_hash *h, uint32_t idx)
{
	return h->st->keys + (size_t)idx * h->key_len;
}

/* slot index of key, or -ENOENT; *prev_link gets the link pointing to it */
static inline int32_t
hash_find(const struct rte_hash *h, const void *key, hash_sig_t sig,
		uint32_t **prev_link)
{
	struct hash_store *st = h->st;
	uint32_t *link = &st->buckets[sig & h->bucket_mask];
	uint32_t idx;

	while (*link != 0) {
		idx = *link - 1;
		if (st->slots[idx].sig == sig &&
				memcmp(hash_key_at(h, idx), key, h->key_len) == 0) {
			if (prev_link != NULL)
				*prev_link = link;
			return (int32_t)idx;
		}
		link = &st->slots[idx].next;
	}
	return -ENOENT;
}

static int32_t
hash_insert(const struct rte_hash *h, const void *key, hash_sig_t sig,
		void *data, bool set_data)
{
	struct hash_store *st = h->st;
	uint32_t *head;
	int32_t pos;
	uint32_t idx;

	pos = hash_find(h, key, sig, NULL);
	if (pos >= 0) {
		if (set_data)
			st->slots[pos].data = data;
		return pos;
	}
	if (unlikely(st->nfree == 0))
		return -ENOSPC;
	idx = st->free_stack[--st->nfree];
	head = &st->buckets[sig & h->bucket_mask];
	memcpy(hash_key_at(h, idx), key, h->key_len);
	st->slots[idx].sig = sig;
	st->slots[idx].data = data;
	st->slots[idx].next = *head;
	*head = idx + 1;
	st->count++;
	return (int32_t)idx;
}

static int32_t
hash_remove(const struct rte_hash *h, const void *key, hash_sig_t sig)
{
	struct hash_store *st = h->st;
	uint32_t *link = NULL;
	int32_t pos;

	pos = hash_find(h, key, sig, &link);
	if (pos < 0)
		return pos;
	*link = st->slots[pos].next;
	st->slots[pos].next = SLOT_FREE;
	st->slots[pos].data = NULL;
	st->free_stack[st->nfree++] = (uint32_t)pos;
	st->count--;
	return pos;
}

/* every slot free, pushed so that the first adds get 0, 1, 2, ... */
static void
hash_store_clear(const struct rte_hash *h)
{
	struct hash_store *st = h->st;
	uint32_t i;

	memset(st->buckets, 0,
			((size_t)h->bucket_mask + 1) * sizeof(*st->buckets));
	for (i = 0; i < h->entries; i++) {
		st->slots[i].next = SLOT_FREE;
		st->slots[i].data = NULL;
		st->free_stack[i] = h->entries - 1 - i;
	}
	st->nfree = h->entries;
	st->count = 0;
}

int
hash_table_check(const struct rte_hash *h, FILE *err)
{
	const struct hash_store *st = h->st;
	uint32_t b, idx, used = 0, steps;

	for (b = 0; b <= h->bucket_mask; b++) {
		steps = 0;
		for (idx = st->buckets[b]; idx != 0;
				idx = st->slots[idx - 1].next) {
			const struct hash_slot *s = &st->slots[idx - 1];

			if (idx > h->entries || s->next == SLOT_FREE ||
					(s->sig & h->bucket_mask) != b ||
					++steps > h->entries) {
				fprintf(err, "%s: bucket %u: bad slot %u\n",
						h->name, b, idx - 1);
				return -1;
			}
			used++;
		}
	}
	for (idx = 0; idx < st->nfree; idx++) {
		if (st->slots[st->free_stack[idx]].next != SLOT_FREE) {
			fprintf(err, "%s: free stack holds used slot %u\n",
					h->name, st->free_stack[idx]);
			return -1;
		}
	}
	if (used != st->count || used + st->nfree != h->entries) {
		fprintf(err, "%s: %u chained, count %u, %u free, %u entries\n",
				h->name, used, st->count, st->nfree,
				h->entries);
		return -1;
	}
	return 0;
}

// ---- create, find, free

static int
hash_check_params(const struct rte_hash_parameters *p)
{
	const uint8_t refused = RTE_HASH_EXTRA_FLAGS_MULTI_WRITER_ADD |
		RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY |
		RTE_HASH_EXTRA_FLAGS_NO_FREE_ON_DEL |
		RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF;

	if (p == NULL || p->name == NULL) {
		HASH_LOG(ERR, "rte_hash_create: NULL parameters or name\n");
		return -EINVAL;
	}
	if (strnlen(p->name, RTE_HASH_NAMESIZE) == RTE_HASH_NAMESIZE ||
			p->entries < HASH_MIN_ENTRIES ||
			p->entries > RTE_HASH_ENTRIES_MAX || p->key_len == 0) {
		HASH_LOG(ERR, "rte_hash_create %.*s: need a name under %d "
				"bytes, %u..%u entries (got %u), key_len > 0 "
				"(got %u)\n", RTE_HASH_NAMESIZE, p->name,
				RTE_HASH_NAMESIZE, HASH_MIN_ENTRIES,
				RTE_HASH_ENTRIES_MAX, p->entries, p->key_len);
		return -EINVAL;
	}
	if (p->extra_flag & refused) {
		HASH_LOG(ERR, "rte_hash_create %s: extra_flag 0x%x: concurrent "
				"writers/readers and NO_FREE_ON_DEL are not "
				"supported; lock around the table instead\n",
				p->name, p->extra_flag & refused);
		return -ENOTSUP;
	}
	return 0;
}

static struct rte_hash *
hash_alloc(const struct rte_hash_parameters *p)
{
	uint32_t nbuckets = rte_align32pow2(p->entries);
	size_t n = p->entries;
	struct rte_hash *h;
	struct hash_store *st;
	int s = p->socket_id;

	h = rte_zmalloc_socket("HASH", sizeof(*h), 0, s);
	if (h == NULL)
		return NULL;
	st = rte_zmalloc_socket("HASH_STORE", sizeof(*st), 0, s);
	h->st = st;
	if (st == NULL)
		goto fail;
	st->buckets = rte_malloc_socket("HASH_BUCKETS",
			(size_t)nbuckets * sizeof(uint32_t), 0, s);
	st->free_stack = rte_malloc_socket("HASH_FREE", n * sizeof(uint32_t),
			0, s);
	st->slots = rte_malloc_socket("HASH_SLOTS",
			n * sizeof(struct hash_slot), 0, s);
	st->keys = rte_malloc_socket("HASH_KEYS", n * p->key_len, 0, s);
	if (st->buckets == NULL || st->free_stack == NULL ||
			st->slots == NULL || st->keys == NULL)
		goto fail;
	strlcpy(h->name, p->name, sizeof(h->name));
	h->entries = p->entries;
	h->key_len = p->key_len;
	h->bucket_mask = nbuckets - 1;
	h->init_val = p->hash_func_init_val;
	h->hash_func = p->hash_func != NULL ? p->hash_func : HASH_DEFAULT_FUNC;
	h->extra_flag = p->extra_flag;
	hash_store_clear(h);
	return h;
fail:
	if (st != NULL) {
		rte_free(st->keys);
		rte_free(st->slots);
		rte_free(st->free_stack);
		rte_free(st->buckets);
	}
	rte_free(st);
	rte_free(h);
	return NULL;
}

static void
hash_release(struct rte_hash *h)
{
	rte_free(h->st->keys);
	rte_free(h->st->slots);
	rte_free(h->st->free_stack);
	rte_free(h->st->buckets);
	rte_free(h->st);
	rte_free(h);
}

/* caller holds the tailq lock */
static struct rte_tailq_entry *
hash_lookup_name_locked(const char *name)
{
	struct rte_hash_list *list;
	struct rte_tailq_entry *te;

	list = RTE_TAILQ_CAST(rte_hash_tailq.head, rte_hash_list);
	TAILQ_FOREACH(te, list, next) {
		const struct rte_hash *h = te->data;

		if (strncmp(name, h->name, RTE_HASH_NAMESIZE) == 0)
			return te;
	}
	return NULL;
}

struct rte_hash *
rte_hash_create(const struct rte_hash_parameters *params)
{
	struct rte_hash_list *list;
	struct rte_tailq_entry *te;
	struct rte_hash *h;
	int ret;

	ret = hash_check_params(params);
	if (ret < 0) {
		rte_errno = -ret;
		return NULL;
	}
	te = rte_zmalloc("HASH_TAILQ_ENTRY", sizeof(*te), 0);
	h = hash_alloc(params);
	if (te == NULL || h == NULL) {
		HASH_LOG(ERR, "rte_hash_create %s: no memory for %u entries "
				"of %u bytes on socket %d\n", params->name,
				params->entries, params->key_len,
				params->socket_id);
		ret = -ENOMEM;
		goto fail;
	}
	te->data = h;
	rte_mcfg_tailq_write_lock();
	if (hash_lookup_name_locked(params->name) != NULL) {
		rte_mcfg_tailq_write_unlock();
		HASH_LOG(ERR, "rte_hash_create: a table named %s exists\n",
				params->name);
		ret = -EEXIST;
		goto fail;
	}
	list = RTE_TAILQ_CAST(rte_hash_tailq.head, rte_hash_list);
	TAILQ_INSERT_TAIL(list, te, next);
	rte_mcfg_tailq_write_unlock();
	return h;
fail:
	if (h != NULL)
		hash_release(h);
	rte_free(te);
	rte_errno = -ret;
	return NULL;
}

struct rte_hash *
rte_hash_find_existing(const char *name)
{
	struct rte_tailq_entry *te;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	rte_mcfg_tailq_read_lock();
	te = hash_lookup_name_locked(name);
	rte_mcfg_tailq_read_unlock();
	if (te == NULL) {
		rte_errno = ENOENT;
		return NULL;
	}
	return te->data;
}

void
rte_hash_free(struct rte_hash *h)
{
	struct rte_hash_list *list;
	struct rte_tailq_entry *te;

	if (h == NULL)
		return;
	list = RTE_TAILQ_CAST(rte_hash_tailq.head, rte_hash_list);
	rte_mcfg_tailq_write_lock();
	TAILQ_FOREACH(te, list, next) {
		if (te->data == h)
			break;
	}
	if (te != NULL)
		TAILQ_REMOVE(list, te, next);
	rte_mcfg_tailq_write_unlock();
	if (te == NULL) {
		HASH_LOG(ERR, "rte_hash_free: %p is not a hash table\n",
				(void *)h);
		return;
	}
	rte_free(te);
	hash_release(h);
}

void
rte_hash_reset(struct rte_hash *h)
{
	if (h != NULL)
		hash_store_clear(h);
}

int32_t
rte_hash_count(const struct rte_hash *h)
{
	return h == NULL ? -EINVAL : (int32_t)h->st->count;
}

int32_t
rte_hash_max_key_id(const struct rte_hash *h)
{
	return h == NULL ? -EINVAL : (int32_t)h->entries;
}

hash_sig_t
rte_hash_hash(const struct rte_hash *h, const void *key)
{
	return h->hash_func(key, h->key_len, h->init_val);
}

// ---- add, delete, lookup

int32_t
rte_hash_add_key_with_hash(const struct rte_hash *h, const void *key,
		hash_sig_t sig)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return hash_insert(h, key, sig, NULL, false);
}

int32_t
rte_hash_add_key(const struct rte_hash *h, const void *key)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return hash_insert(h, key, rte_hash_hash(h, key), NULL, false);
}

int32_t
rte_hash_add_key_with_hash_data(const struct rte_hash *h, const void *key,
		hash_sig_t sig, void *data)
{
	int32_t pos;

	if (h == NULL || key == NULL)
		return -EINVAL;
	pos = hash_insert(h, key, sig, data, true);
	return pos < 0 ? pos : 0;
}

int
rte_hash_add_key_data(const struct rte_hash *h, const void *key, void *data)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return rte_hash_add_key_with_hash_data(h, key, rte_hash_hash(h, key),
			data);
}

int32_t
rte_hash_del_key_with_hash(const struct rte_hash *h, const void *key,
		hash_sig_t sig)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return hash_remove(h, key, sig);
}

int32_t
rte_hash_del_key(const struct rte_hash *h, const void *key)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return hash_remove(h, key, rte_hash_hash(h, key));
}

int
rte_hash_get_key_with_position(const struct rte_hash *h,
		const int32_t position, void **key)
{
	if (h == NULL || key == NULL || position < 0 ||
			(uint32_t)position >= h->entries)
		return -EINVAL;
	if (h->st->slots[position].next == SLOT_FREE)
		return -ENOENT;
	*key = hash_key_at(h, (uint32_t)position);
	return 0;
}

int
rte_hash_lookup_with_hash_data(const struct rte_hash *h, const void *key,
		hash_sig_t sig, void **data)
{
	int32_t pos;

	if (h == NULL || key == NULL || data == NULL)
		return -EINVAL;
	pos = hash_find(h, key, sig, NULL);
	if (pos >= 0)
		*data = h->st->slots[pos].data;
	return pos;
}

int
rte_hash_lookup_data(const struct rte_hash *h, const void *key, void **data)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return rte_hash_lookup_with_hash_data(h, key, rte_hash_hash(h, key),
			data);
}

int32_t
rte_hash_lookup_with_hash(const struct rte_hash *h, const void *key,
		hash_sig_t sig)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return hash_find(h, key, sig, NULL);
}

int32_t
rte_hash_lookup(const struct rte_hash *h, const void *key)
{
	if (h == NULL || key == NULL)
		return -EINVAL;
	return hash_find(h, key, rte_hash_hash(h, key), NULL);
}

// ---- bulk lookups: hash everything, prefetch the buckets, then walk

static bool
hash_bulk_args_ok(const struct rte_hash *h, const void **keys,
		uint32_t num_keys, const void *out)
{
	uint32_t i;

	if (h == NULL || keys == NULL || out == NULL || num_keys == 0 ||
			num_keys > RTE_HASH_LOOKUP_BULK_MAX)
		return false;
	for (i = 0; i < num_keys; i++)
		if (keys[i] == NULL)
			return false;
	return true;
}

static void
hash_bulk_find(const struct rte_hash *h, const void **keys,
		const hash_sig_t *sig, uint32_t n, int32_t *positions)
{
	hash_sig_t own[RTE_HASH_LOOKUP_BULK_MAX];
	uint32_t i;

	if (sig == NULL) {
		for (i = 0; i < n; i++)
			own[i] = rte_hash_hash(h, keys[i]);
		sig = own;
	}
	for (i = 0; i < n; i++)
		rte_prefetch0(&h->st->buckets[sig[i] & h->bucket_mask]);
	for (i = 0; i < n; i++)
		positions[i] = hash_find(h, keys[i], sig[i], NULL);
}

int
rte_hash_lookup_with_hash_bulk(const struct rte_hash *h, const void **keys,
		hash_sig_t *sig, uint32_t num_keys, int32_t *positions)
{
	if (!hash_bulk_args_ok(h, keys, num_keys, positions) || sig == NULL)
		return -EINVAL;
	hash_bulk_find(h, keys, sig, num_keys, positions);
	return 0;
}

int
rte_hash_lookup_bulk(const struct rte_hash *h, const void **keys,
		uint32_t num_keys, int32_t *positions)
{
	if (!hash_bulk_args_ok(h, keys, num_keys, positions))
		return -EINVAL;
	hash_bulk_find(h, keys, NULL, num_keys, positions);
	return 0;
}

static int
hash_bulk_data(const struct rte_hash *h, const void **keys,
		const hash_sig_t *sig, uint32_t n, uint64_t *hit_mask,
		void *data[])
{
	int32_t pos[RTE_HASH_LOOKUP_BULK_MAX];
	uint64_t mask = 0;
	int hits = 0;
	uint32_t i;

	hash_bulk_find(h, keys, sig, n, pos);
	for (i = 0; i < n; i++) {
		if (pos[i] < 0)
			continue;
		data[i] = h->st->slots[pos[i]].data;
		mask |= UINT64_C(1) << i;
		hits++;
	}
	*hit_mask = mask;
	return hits;
}

int
rte_hash_lookup_bulk_data(const struct rte_hash *h, const void **keys,
		uint32_t num_keys, uint64_t *hit_mask, void *data[])
{
	if (!hash_bulk_args_ok(h, keys, num_keys, hit_mask) || data == NULL)
		return -EINVAL;
	return hash_bulk_data(h, keys, NULL, num_keys, hit_mask, data);
}

int
rte_hash_lookup_with_hash_bulk_data(const struct rte_hash *h,
		const void **keys, hash_sig_t *sig, uint32_t num_keys,
		uint64_t *hit_mask, void *data[])
{
	if (!hash_bulk_args_ok(h, keys, num_keys, hit_mask) || data == NULL ||
			sig == NULL)
		return -EINVAL;
	return hash_bulk_data(h, keys, sig, num_keys, hit_mask, data);
}

// ---- iteration

int32_t
rte_hash_iterate(const struct rte_hash *h, const void **key, void **data,
		uint32_t *next)
{
	const struct hash_store *st;
	uint32_t i;

	if (h == NULL || key == NULL || data == NULL || next == NULL)
		return -EINVAL;
	st = h->st;
	for (i = *next; i < h->entries; i++) {
		if (st->slots[i].next == SLOT_FREE)
			continue;
		*key = hash_key_at(h, i);
		*data = st->slots[i].data;
		*next = i + 1;
		return (int32_t)i;
	}
	*next = h->entries;
	return -ENOENT;
}
