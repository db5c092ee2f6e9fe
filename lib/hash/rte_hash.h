/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_HASH_H_
#define _RTE_HASH_H_

/**
 * @file
 * RTE hash tables: fixed-size keys mapped to a stable position and a
 * pointer of user data.
 *
 * Design: not DPDK's cuckoo table but separate chaining with index links.
 * Every key lives in one of `entries` slots; a slot's index is the key's
 * position, which stays the same from add to delete. A power-of-two array
 * of at least `entries` bucket heads links the slots whose hash falls in
 * each bucket, so the load factor is at most 1 and add, lookup and delete
 * cost O(1) on average (a hash is compared before any key).
 *
 * Capacity: exactly `entries` keys always fit, whatever their hashes
 * (what DPDK guarantees only with RTE_HASH_EXTRA_FLAGS_EXT_TABLE), and the
 * next add fails with -ENOSPC. Positions are 0 .. entries - 1.
 *
 * Threads: one writer at a time, and no reader while a writer runs (the
 * DPDK default). RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY, _RW_CONCURRENCY_LF,
 * _MULTI_WRITER_ADD and _NO_FREE_ON_DEL are refused with ENOTSUP; use a
 * lock of your own. _TRANS_MEM_SUPPORT and _EXT_TABLE are accepted (the
 * first is a hint, the second's guarantee always holds) and so are unknown
 * bits, as in DPDK.
 *
 * The table and its keys are in rte_malloc memory and tables are listed by
 * name in a shared tailq, so a secondary process finds the primary's with
 * rte_hash_find_existing(); the hash function must then be at the same
 * address in both (the default one is a library function).
 */

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Largest `entries` accepted. */
#define RTE_HASH_ENTRIES_MAX (1 << 30)

/** Size of a table name, including its NUL. */
#define RTE_HASH_NAMESIZE 32

/** Most keys one bulk lookup takes. */
#define RTE_HASH_LOOKUP_BULK_MAX 64
/** Alias of RTE_HASH_LOOKUP_BULK_MAX. */
#define RTE_HASH_LOOKUP_MULTI_MAX RTE_HASH_LOOKUP_BULK_MAX

/** Hardware transactional memory hint: accepted, no effect. */
#define RTE_HASH_EXTRA_FLAGS_TRANS_MEM_SUPPORT 0x01
/** Several writers at once: not implemented, refused (ENOTSUP). */
#define RTE_HASH_EXTRA_FLAGS_MULTI_WRITER_ADD 0x02
/** Readers during writes, with a lock: not implemented, refused. */
#define RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY 0x04
/** All `entries` keys fit: always true here, accepted. */
#define RTE_HASH_EXTRA_FLAGS_EXT_TABLE 0x08
/** Delete keeps the slot until freed by position: not implemented. */
#define RTE_HASH_EXTRA_FLAGS_NO_FREE_ON_DEL 0x10
/** Lock-free readers during writes: not implemented, refused. */
#define RTE_HASH_EXTRA_FLAGS_RW_CONCURRENCY_LF 0x20

/** A key's 32-bit hash ("signature"). */
typedef uint32_t hash_sig_t;

/** Hash function: key, its length in bytes, seed. */
typedef uint32_t (*rte_hash_function)(const void *key, uint32_t key_len,
		uint32_t init_val);

/** Key comparison: 0 when equal (memcmp-like). */
typedef int (*rte_hash_cmp_eq_t)(const void *key1, const void *key2,
		size_t key_len);

/** What rte_hash_create() needs. */
struct rte_hash_parameters {
	const char *name;       /**< unique, shorter than RTE_HASH_NAMESIZE */
	uint32_t entries;       /**< keys that must fit, 8 .. ENTRIES_MAX */
	uint32_t reserved;      /**< unused */
	uint32_t key_len;       /**< bytes of every key, > 0 */
	rte_hash_function hash_func; /**< NULL: rte_hash_crc */
	uint32_t hash_func_init_val; /**< seed given to hash_func */
	int socket_id;          /**< NUMA socket, or SOCKET_ID_ANY */
	uint8_t extra_flag;     /**< RTE_HASH_EXTRA_FLAGS_* */
};

/** A hash table; opaque. */
struct rte_hash;

/**
 * Create an empty hash table.
 *
 * @param params
 *   Name, capacity, key length, hash function and seed, socket, flags.
 * @return
 *   The table, or NULL with rte_errno set: EINVAL (NULL params or name,
 *   name too long, entries below 8 or above RTE_HASH_ENTRIES_MAX, key_len
 *   0), ENOTSUP (a flag listed as refused above), EEXIST (a table of
 *   that name exists), ENOMEM.
 */
struct rte_hash *
rte_hash_create(const struct rte_hash_parameters *params);

/**
 * Find a table by the name it was created with.
 *
 * @param name
 *   The name.
 * @return
 *   The table, or NULL with rte_errno ENOENT (or EINVAL for a NULL name).
 */
struct rte_hash *
rte_hash_find_existing(const char *name);

/**
 * Destroy a table and free its memory. Keys' data pointers are not freed.
 *
 * @param h
 *   The table; NULL does nothing.
 */
void
rte_hash_free(struct rte_hash *h);

/**
 * Remove every key.
 *
 * @param h
 *   The table; NULL does nothing.
 */
void
rte_hash_reset(struct rte_hash *h);

/**
 * Number of keys in a table.
 *
 * @param h
 *   The table.
 * @return
 *   The count, or -EINVAL for NULL.
 */
int32_t
rte_hash_count(const struct rte_hash *h);

/**
 * An upper bound of positions: every position an add returns is below it.
 * It equals `entries` (as DPDK's value without per-lcore caches).
 *
 * @param h
 *   The table.
 * @return
 *   The bound, or -EINVAL for NULL.
 */
int32_t
rte_hash_max_key_id(const struct rte_hash *h);

/**
 * Add a key with user data; if the key is there, replace its data.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @param data
 *   The pointer to keep with it.
 * @return
 *   0, -EINVAL (NULL argument) or -ENOSPC (the table is full).
 */
int
rte_hash_add_key_data(const struct rte_hash *h, const void *key, void *data);

/**
 * As rte_hash_add_key_data(), with the key's hash already computed.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @param sig
 *   rte_hash_hash(h, key).
 * @param data
 *   The pointer to keep with it.
 * @return
 *   0, -EINVAL or -ENOSPC.
 */
int32_t
rte_hash_add_key_with_hash_data(const struct rte_hash *h, const void *key,
		hash_sig_t sig, void *data);

/**
 * Add a key (its data is NULL; an existing key keeps its data).
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @return
 *   The key's position (0 .. entries - 1, the same as before if it was
 *   there), -EINVAL or -ENOSPC.
 */
int32_t
rte_hash_add_key(const struct rte_hash *h, const void *key);

/**
 * As rte_hash_add_key(), with the key's hash already computed.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @param sig
 *   rte_hash_hash(h, key).
 * @return
 *   The key's position, -EINVAL or -ENOSPC.
 */
int32_t
rte_hash_add_key_with_hash(const struct rte_hash *h, const void *key,
		hash_sig_t sig);

/**
 * Remove a key; its position becomes free for a later add.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @return
 *   The position it had, -EINVAL or -ENOENT (not there).
 */
int32_t
rte_hash_del_key(const struct rte_hash *h, const void *key);

/**
 * As rte_hash_del_key(), with the key's hash already computed.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @param sig
 *   rte_hash_hash(h, key).
 * @return
 *   The position it had, -EINVAL or -ENOENT.
 */
int32_t
rte_hash_del_key_with_hash(const struct rte_hash *h, const void *key,
		hash_sig_t sig);

/**
 * The key stored at a position.
 *
 * @param h
 *   The table.
 * @param position
 *   A position returned by an add.
 * @param key
 *   Out: a pointer to the stored key (valid until it is deleted).
 * @return
 *   0, -EINVAL (NULL argument, position out of range) or -ENOENT (no key
 *   there).
 */
int
rte_hash_get_key_with_position(const struct rte_hash *h,
		const int32_t position, void **key);

/**
 * Find a key and its data.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @param data
 *   Out: its data pointer.
 * @return
 *   The key's position, -EINVAL or -ENOENT.
 */
int
rte_hash_lookup_data(const struct rte_hash *h, const void *key, void **data);

/**
 * As rte_hash_lookup_data(), with the key's hash already computed.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @param sig
 *   rte_hash_hash(h, key).
 * @param data
 *   Out: its data pointer.
 * @return
 *   The key's position, -EINVAL or -ENOENT.
 */
int
rte_hash_lookup_with_hash_data(const struct rte_hash *h, const void *key,
		hash_sig_t sig, void **data);

/**
 * Find a key.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @return
 *   The key's position, -EINVAL or -ENOENT.
 */
int32_t
rte_hash_lookup(const struct rte_hash *h, const void *key);

/**
 * As rte_hash_lookup(), with the key's hash already computed.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @param sig
 *   rte_hash_hash(h, key).
 * @return
 *   The key's position, -EINVAL or -ENOENT.
 */
int32_t
rte_hash_lookup_with_hash(const struct rte_hash *h, const void *key,
		hash_sig_t sig);

/**
 * The hash of a key with the table's function and seed.
 *
 * @param h
 *   The table.
 * @param key
 *   key_len bytes.
 * @return
 *   The hash.
 */
hash_sig_t
rte_hash_hash(const struct rte_hash *h, const void *key);

/**
 * Find several keys.
 *
 * @param h
 *   The table.
 * @param keys
 *   num_keys pointers to keys.
 * @param num_keys
 *   1 .. RTE_HASH_LOOKUP_BULK_MAX.
 * @param positions
 *   Out: for each key its position, or -ENOENT.
 * @return
 *   0, or -EINVAL (NULL argument, num_keys out of range).
 */
int
rte_hash_lookup_bulk(const struct rte_hash *h, const void **keys,
		uint32_t num_keys, int32_t *positions);

/**
 * As rte_hash_lookup_bulk(), with the keys' hashes already computed.
 *
 * @param h
 *   The table.
 * @param keys
 *   num_keys pointers to keys.
 * @param sig
 *   Their hashes.
 * @param num_keys
 *   1 .. RTE_HASH_LOOKUP_BULK_MAX.
 * @param positions
 *   Out: for each key its position, or -ENOENT.
 * @return
 *   0 or -EINVAL.
 */
int
rte_hash_lookup_with_hash_bulk(const struct rte_hash *h, const void **keys,
		hash_sig_t *sig, uint32_t num_keys, int32_t *positions);

/**
 * Find several keys and their data.
 *
 * @param h
 *   The table.
 * @param keys
 *   num_keys pointers to keys.
 * @param num_keys
 *   1 .. RTE_HASH_LOOKUP_BULK_MAX.
 * @param hit_mask
 *   Out: bit i set when keys[i] was found.
 * @param data
 *   Out: data[i] for each key found (others untouched).
 * @return
 *   The number of keys found, or -EINVAL.
 */
int
rte_hash_lookup_bulk_data(const struct rte_hash *h, const void **keys,
		uint32_t num_keys, uint64_t *hit_mask, void *data[]);

/**
 * As rte_hash_lookup_bulk_data(), with the keys' hashes already computed.
 *
 * @param h
 *   The table.
 * @param keys
 *   num_keys pointers to keys.
 * @param sig
 *   Their hashes.
 * @param num_keys
 *   1 .. RTE_HASH_LOOKUP_BULK_MAX.
 * @param hit_mask
 *   Out: bit i set when keys[i] was found.
 * @param data
 *   Out: data[i] for each key found.
 * @return
 *   The number of keys found, or -EINVAL.
 */
int
rte_hash_lookup_with_hash_bulk_data(const struct rte_hash *h,
		const void **keys, hash_sig_t *sig, uint32_t num_keys,
		uint64_t *hit_mask, void *data[]);

/**
 * Visit the keys, one per call, in position order. Start with *next = 0;
 * keys added or deleted during a walk may or may not be seen.
 *
 * @param h
 *   The table.
 * @param key
 *   Out: the key.
 * @param data
 *   Out: its data.
 * @param next
 *   In/out: the walk's cursor.
 * @return
 *   The key's position, -ENOENT when no key is left, or -EINVAL.
 */
int32_t
rte_hash_iterate(const struct rte_hash *h, const void **key, void **data,
		uint32_t *next);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_HASH_H_ */
