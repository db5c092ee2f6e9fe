/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MEMPOOL_H_
#define _RTE_MEMPOOL_H_

/**
 * @file
 * Fixed-size object pools.
 *
 * A pool is a named set of equal-sized objects carved out of memzones and
 * kept in a store chosen by name (the "ops", by default a ring). Each lcore
 * gets a small cache in front of the store so that get/put rarely touches
 * shared state. Every object is preceded by a header naming its pool and
 * giving its IO address; with RTE_MEMPOOL_F_NO_IOVA_CONTIG unset, an object
 * never spans two pages whose IO addresses are not contiguous, so pools can
 * live in dynamic memory made of scattered pages.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/queue.h>
#include <sys/types.h>

#include <rte_common.h>
#include <rte_branch_prediction.h>
#include <rte_debug.h>
#include <rte_lcore.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_spinlock.h>
#include <rte_tailq.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Prefix of the memzones (and ring) backing a pool. */
#define RTE_MEMPOOL_MZ_PREFIX "MP_"
/** Length of a pool name, with its NUL. */
#define RTE_MEMPOOL_NAMESIZE (RTE_MEMZONE_NAMESIZE - 5)
/** Name format of a pool's header memzone. */
#define RTE_MEMPOOL_MZ_FORMAT RTE_MEMPOOL_MZ_PREFIX "%s"
/** Largest object count of a per-lcore cache. */
#ifndef RTE_MEMPOOL_CACHE_MAX_SIZE
#define RTE_MEMPOOL_CACHE_MAX_SIZE 512
#endif
/** Pool header alignment unit. */
#define RTE_MEMPOOL_ALIGN RTE_CACHE_LINE_SIZE
#define RTE_MEMPOOL_ALIGN_MASK (RTE_MEMPOOL_ALIGN - 1)

/** Objects are not spread over memory channels (no effect here). */
#define RTE_MEMPOOL_F_NO_SPREAD 0x0001
/** Objects are not cache aligned. */
#define RTE_MEMPOOL_F_NO_CACHE_ALIGN 0x0002
/** Single-producer put by default. */
#define RTE_MEMPOOL_F_SP_PUT 0x0004
/** Single-consumer get by default. */
#define RTE_MEMPOOL_F_SC_GET 0x0008
/** Internal: the store (ops alloc) has been created. */
#define RTE_MEMPOOL_F_POOL_CREATED 0x0010
/** Objects need not be IOVA contiguous. */
#define RTE_MEMPOOL_F_NO_IOVA_CONTIG 0x0020
/** Internal: the pool holds no memory usable for IO. */
#define RTE_MEMPOOL_F_NON_IO 0x0040

/** Flags a user may pass to rte_mempool_create(). */
#define RTE_MEMPOOL_VALID_USER_FLAGS (RTE_MEMPOOL_F_NO_SPREAD \
	| RTE_MEMPOOL_F_NO_CACHE_ALIGN | RTE_MEMPOOL_F_SP_PUT \
	| RTE_MEMPOOL_F_SC_GET | RTE_MEMPOOL_F_NO_IOVA_CONTIG)

/* older names of the flags */
#define MEMPOOL_F_NO_SPREAD RTE_MEMPOOL_F_NO_SPREAD
#define MEMPOOL_F_NO_CACHE_ALIGN RTE_MEMPOOL_F_NO_CACHE_ALIGN
#define MEMPOOL_F_SP_PUT RTE_MEMPOOL_F_SP_PUT
#define MEMPOOL_F_SC_GET RTE_MEMPOOL_F_SC_GET
#define MEMPOOL_F_POOL_CREATED RTE_MEMPOOL_F_POOL_CREATED
#define MEMPOOL_F_NO_IOVA_CONTIG RTE_MEMPOOL_F_NO_IOVA_CONTIG
#define MEMPOOL_F_NO_PHYS_CONTIG RTE_MEMPOOL_F_NO_IOVA_CONTIG

/** Per-lcore cache of free objects. */
struct rte_mempool_cache {
	uint32_t size;        /**< nominal size */
	uint32_t flushthresh; /**< flush back to the store above this */
	uint32_t len;         /**< objects held now */
	/** the objects; room for a burst beyond the threshold */
	void *objs[RTE_MEMPOOL_CACHE_MAX_SIZE * 2] __rte_cache_aligned;
} __rte_cache_aligned;

/** Sizes of the parts of one pool element. */
struct rte_mempool_objsz {
	uint32_t elt_size;     /**< object size */
	uint32_t header_size;  /**< header before the object */
	uint32_t trailer_size; /**< padding after the object */
	uint32_t total_size;   /**< sum of the three */
};

struct rte_mempool;

/** Header in front of every object. */
struct rte_mempool_objhdr {
	RTE_STAILQ_ENTRY(rte_mempool_objhdr) next; /**< pool's object list */
	struct rte_mempool *mp;                    /**< owning pool */
	union {
		rte_iova_t iova;      /**< IO address of the object */
		phys_addr_t physaddr; /**< older name */
	};
};

/** List of object headers. */
RTE_STAILQ_HEAD(rte_mempool_objhdr_list, rte_mempool_objhdr);

struct rte_mempool_memhdr;

/** Called when a memory chunk is released with its pool. */
typedef void (rte_mempool_memchunk_free_cb_t)(struct rte_mempool_memhdr *memhdr,
		void *opaque);

/** A memory chunk holding objects of a pool. */
struct rte_mempool_memhdr {
	RTE_STAILQ_ENTRY(rte_mempool_memhdr) next; /**< pool's chunk list */
	struct rte_mempool *mp;  /**< owning pool */
	void *addr;              /**< virtual address */
	union {
		rte_iova_t iova;      /**< IO address, or RTE_BAD_IOVA */
		phys_addr_t phys_addr; /**< older name */
	};
	size_t len;              /**< length */
	rte_mempool_memchunk_free_cb_t *free_cb; /**< release callback */
	void *opaque;            /**< callback argument */
};

/** List of memory chunks. */
RTE_STAILQ_HEAD(rte_mempool_memhdr_list, rte_mempool_memhdr);

/** Information an ops driver may report. */
struct rte_mempool_info {
	unsigned int contig_block_size; /**< objects per contiguous block */
} __rte_cache_aligned;

/** A pool. Lives in a memzone, so secondaries see it at the same address. */
struct rte_mempool {
	char name[RTE_MEMPOOL_NAMESIZE]; /**< name */
	RTE_STD_C11
	union {
		void *pool_data;  /**< store of the ops (e.g. the ring) */
		uint64_t pool_id; /**< external store id */
	};
	void *pool_config;          /**< ops argument */
	const struct rte_memzone *mz; /**< memzone holding this header */
	unsigned int flags;         /**< RTE_MEMPOOL_F_* */
	int socket_id;              /**< socket asked at creation */
	uint32_t size;              /**< number of objects */
	uint32_t cache_size;        /**< per-lcore cache size */
	uint32_t elt_size;          /**< object size */
	uint32_t header_size;       /**< object header size */
	uint32_t trailer_size;      /**< object trailer size */
	unsigned int private_data_size; /**< private area after the header */
	/** index of the ops in rte_mempool_ops_table */
	int32_t ops_index;
	struct rte_mempool_cache *local_cache; /**< per-lcore caches */
	uint32_t populated_size;    /**< objects populated so far */
	struct rte_mempool_objhdr_list elt_list; /**< every object */
	uint32_t nb_mem_chunks;     /**< memory chunks */
	struct rte_mempool_memhdr_list mem_list; /**< every chunk */
} __rte_cache_aligned;

/** Size of the pool header with its per-lcore caches. */
#define RTE_MEMPOOL_HEADER_SIZE(mp, cs) \
	(sizeof(*(mp)) + (((cs) == 0) ? 0 : \
	(sizeof(struct rte_mempool_cache) * RTE_MAX_LCORE)))

/** Header of an object. */
static inline struct rte_mempool_objhdr *
rte_mempool_get_header(void *obj)
{
	return (struct rte_mempool_objhdr *)RTE_PTR_SUB(obj,
		sizeof(struct rte_mempool_objhdr));
}

/** Pool an object belongs to. */
static inline struct rte_mempool *
rte_mempool_from_obj(void *obj)
{
	return rte_mempool_get_header(obj)->mp;
}

/** Private area that follows the pool header. */
static inline void *
rte_mempool_get_priv(struct rte_mempool *mp)
{
	return (char *)mp + RTE_MEMPOOL_HEADER_SIZE(mp, mp->cache_size);
}

/* ---- ops: the object store behind a pool ---- */

/** Length of an ops name. */
#define RTE_MEMPOOL_OPS_NAMESIZE 32

/** Create the store. */
typedef int (*rte_mempool_alloc_t)(struct rte_mempool *mp);
/** Destroy the store. */
typedef void (*rte_mempool_free_t)(struct rte_mempool *mp);
/** Put objects in the store. */
typedef int (*rte_mempool_enqueue_t)(struct rte_mempool *mp,
		void * const *obj_table, unsigned int n);
/** Take objects from the store. */
typedef int (*rte_mempool_dequeue_t)(struct rte_mempool *mp,
		void **obj_table, unsigned int n);
/** Take contiguous blocks from the store. */
typedef int (*rte_mempool_dequeue_contig_blocks_t)(struct rte_mempool *mp,
		void **first_obj_table, unsigned int n);
/** Objects in the store. */
typedef unsigned int (*rte_mempool_get_count)(const struct rte_mempool *mp);
/** Memory needed for obj_num objects. */
typedef ssize_t (*rte_mempool_calc_mem_size_t)(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align);
/** Called for each object a populate step creates. */
typedef void (rte_mempool_populate_obj_cb_t)(struct rte_mempool *mp,
		void *opaque, void *vaddr, rte_iova_t iova);
/** Lay objects out in a chunk. */
typedef int (*rte_mempool_populate_t)(struct rte_mempool *mp,
		unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);
/** Report driver information. */
typedef int (*rte_mempool_get_info_t)(const struct rte_mempool *mp,
		struct rte_mempool_info *info);

/** An object store driver. */
struct rte_mempool_ops {
	char name[RTE_MEMPOOL_OPS_NAMESIZE]; /**< name */
	rte_mempool_alloc_t alloc;           /**< create store */
	rte_mempool_free_t free;             /**< destroy store */
	rte_mempool_enqueue_t enqueue;       /**< put */
	rte_mempool_dequeue_t dequeue;       /**< get */
	rte_mempool_get_count get_count;     /**< count */
	rte_mempool_calc_mem_size_t calc_mem_size; /**< optional */
	rte_mempool_populate_t populate;     /**< optional */
	rte_mempool_get_info_t get_info;     /**< optional */
	/** optional */
	rte_mempool_dequeue_contig_blocks_t dequeue_contig_blocks;
} __rte_cache_aligned;

/** Most ops a process may register. */
#define RTE_MEMPOOL_MAX_OPS_IDX 16

/** The registered ops, in registration order (same in every process). */
struct rte_mempool_ops_table {
	rte_spinlock_t sl; /**< guards registration */
	uint32_t num_ops;  /**< registered ops */
	struct rte_mempool_ops ops[RTE_MEMPOOL_MAX_OPS_IDX]; /**< the ops */
} __rte_cache_aligned;

/** The process's ops table. */
extern struct rte_mempool_ops_table rte_mempool_ops_table;

/** Ops at an index. */
static inline struct rte_mempool_ops *
rte_mempool_get_ops(int ops_index)
{
	RTE_VERIFY((ops_index >= 0) && (ops_index < RTE_MEMPOOL_MAX_OPS_IDX));
	return &rte_mempool_ops_table.ops[ops_index];
}

/** Take n objects from the store: 0 or a negative errno. */
static inline int
rte_mempool_ops_dequeue_bulk(struct rte_mempool *mp, void **obj_table,
		unsigned int n)
{
	return rte_mempool_get_ops(mp->ops_index)->dequeue(mp, obj_table, n);
}

/** Put n objects in the store: 0 or a negative errno. */
static inline int
rte_mempool_ops_enqueue_bulk(struct rte_mempool *mp, void * const *obj_table,
		unsigned int n)
{
	return rte_mempool_get_ops(mp->ops_index)->enqueue(mp, obj_table, n);
}

/** Create the store of mp via its ops. */
int rte_mempool_ops_alloc(struct rte_mempool *mp);
/** Destroy the store of mp. */
void rte_mempool_ops_free(struct rte_mempool *mp);
/** Objects in the store of mp. */
unsigned int rte_mempool_ops_get_count(const struct rte_mempool *mp);
/** Memory size via the ops (or the default). */
ssize_t rte_mempool_ops_calc_mem_size(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align);
/** Populate via the ops (or the default). */
int rte_mempool_ops_populate(struct rte_mempool *mp, unsigned int max_objs,
		void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);
/** Driver information via the ops. */
int rte_mempool_ops_get_info(const struct rte_mempool *mp,
		struct rte_mempool_info *info);

/**
 * Default memory size computation: room for obj_num objects when a chunk
 * may break at any page boundary of 2^pg_shift bytes (0: no pages).
 */
ssize_t rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align);

/** Default populate: objects laid back to back from vaddr. */
int rte_mempool_op_populate_default(struct rte_mempool *mp,
		unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg);

/**
 * Choose the ops of a pool not yet populated.
 * @return 0, -EINVAL (unknown name), -EEXIST (pool already populated).
 */
int rte_mempool_set_ops_byname(struct rte_mempool *mp, const char *name,
		void *pool_config);

/**
 * Register ops (normally from RTE_MEMPOOL_REGISTER_OPS).
 * @return the index, or -EINVAL, -ENOSPC, -EEXIST.
 */
int rte_mempool_register_ops(const struct rte_mempool_ops *ops);

/** Register ops from a constructor. */
#define RTE_MEMPOOL_REGISTER_OPS(ops) \
	RTE_INIT(mp_hdlr_init_##ops) \
	{ \
		rte_mempool_register_ops(&ops); \
	}
/** Older name. */
#define MEMPOOL_REGISTER_OPS(ops) RTE_MEMPOOL_REGISTER_OPS(ops)

/* ---- creation and population ---- */

/** Called once on the pool after its creation (private area init). */
typedef void (rte_mempool_ctor_t)(struct rte_mempool *, void *);
/** Called on every object (also used by rte_mempool_obj_iter). */
typedef void (rte_mempool_obj_cb_t)(struct rte_mempool *mp,
		void *opaque, void *obj, unsigned int obj_idx);
/** Older name. */
typedef rte_mempool_obj_cb_t rte_mempool_obj_ctor_t;
/** Called on every memory chunk by rte_mempool_mem_iter. */
typedef void (rte_mempool_mem_cb_t)(struct rte_mempool *mp,
		void *opaque, struct rte_mempool_memhdr *memhdr,
		unsigned int mem_idx);

/**
 * Create and populate a pool.
 *
 * @param name  unique name, shorter than RTE_MEMPOOL_NAMESIZE
 * @param n     number of objects
 * @param elt_size  object size
 * @param cache_size  per-lcore cache size (0: none); at most
 *   RTE_MEMPOOL_CACHE_MAX_SIZE and n / 1.5
 * @param private_data_size  private area after the pool header
 * @param mp_init  called once on the pool, may be NULL
 * @param mp_init_arg  its argument
 * @param obj_init  called on each object, may be NULL
 * @param obj_init_arg  its argument
 * @param socket_id  socket, or SOCKET_ID_ANY
 * @param flags  RTE_MEMPOOL_F_* user flags
 * @return the pool, or NULL with rte_errno set (EINVAL, ENOSPC, EEXIST,
 *   ENOMEM, ENAMETOOLONG); a secondary process may create pools too
 */
struct rte_mempool *
rte_mempool_create(const char *name, unsigned int n, unsigned int elt_size,
		unsigned int cache_size, unsigned int private_data_size,
		rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		int socket_id, unsigned int flags);

/**
 * Create a pool without memory; populate it next. Its ops are the
 * default ("ring_mp_mc", or the single-producer/consumer variant the
 * flags ask for) until rte_mempool_set_ops_byname().
 * Same parameters and errors as rte_mempool_create().
 */
struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned int n,
	unsigned int elt_size, unsigned int cache_size,
	unsigned int private_data_size, int socket_id, unsigned int flags);

/** Release a pool, its store and its memory. NULL is a no-op. */
void rte_mempool_free(struct rte_mempool *mp);

/**
 * Add objects in a chunk that is IOVA contiguous (or iova RTE_BAD_IOVA).
 * @return objects added (>0), or a negative errno (-EINVAL if the chunk
 *   holds no object, -ENOSPC if the pool is already full).
 */
int rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr,
	rte_iova_t iova, size_t len, rte_mempool_memchunk_free_cb_t *free_cb,
	void *opaque);

/**
 * Add objects in virtual memory made of pages of pg_sz bytes, split where
 * IO addresses are not contiguous; no object spans such a split.
 * @return objects added, or a negative errno.
 */
int
rte_mempool_populate_virt(struct rte_mempool *mp, char *addr,
	size_t len, size_t pg_sz, rte_mempool_memchunk_free_cb_t *free_cb,
	void *opaque);

/**
 * Populate a pool with memzones from the heap (several if memory is short
 * or fragmented).
 * @return objects added, or a negative errno.
 */
int rte_mempool_populate_default(struct rte_mempool *mp);

/**
 * Populate with anonymous mmap'ed memory (objects not usable for IO).
 * @return objects added, or 0 with rte_errno set.
 */
int rte_mempool_populate_anon(struct rte_mempool *mp);

/** Call obj_cb on every object. @return objects visited. */
uint32_t rte_mempool_obj_iter(struct rte_mempool *mp,
	rte_mempool_obj_cb_t *obj_cb, void *obj_cb_arg);

/** Call mem_cb on every memory chunk. @return chunks visited. */
uint32_t rte_mempool_mem_iter(struct rte_mempool *mp,
	rte_mempool_mem_cb_t *mem_cb, void *mem_cb_arg);

/** Print a pool to f. */
void rte_mempool_dump(FILE *f, struct rte_mempool *mp);

/* ---- per-lcore caches ---- */

/** Create a user-owned cache (for non-EAL threads). NULL on error. */
struct rte_mempool_cache *
rte_mempool_cache_create(uint32_t size, int socket_id);

/** Free a user-owned cache (flush it first). */
void rte_mempool_cache_free(struct rte_mempool_cache *cache);

/** Cache of lcore_id for mp, or NULL (no cache, or not an EAL lcore). */
static __rte_always_inline struct rte_mempool_cache *
rte_mempool_default_cache(struct rte_mempool *mp, unsigned int lcore_id)
{
	if (mp->cache_size == 0)
		return NULL;
	if (lcore_id >= RTE_MAX_LCORE)
		return NULL;
	return &mp->local_cache[lcore_id];
}

/** Return every object of cache to the store of mp. */
static __rte_always_inline void
rte_mempool_cache_flush(struct rte_mempool_cache *cache,
		struct rte_mempool *mp)
{
	if (cache == NULL)
		cache = rte_mempool_default_cache(mp, rte_lcore_id());
	if (cache == NULL || cache->len == 0)
		return;
	rte_mempool_ops_enqueue_bulk(mp, cache->objs, cache->len);
	cache->len = 0;
}

/* ---- get and put ---- */

/** Put n objects, through cache when given (NULL: straight to the store). */
static __rte_always_inline void
rte_mempool_generic_put(struct rte_mempool *mp, void * const *obj_table,
		unsigned int n, struct rte_mempool_cache *cache)
{
	void **cache_objs;

	/* bursts larger than the cache go straight to the store */
	if (unlikely(cache == NULL || n > RTE_MEMPOOL_CACHE_MAX_SIZE))
		goto direct;

	cache_objs = &cache->objs[cache->len];
	for (unsigned int i = 0; i < n; i++)
		cache_objs[i] = obj_table[i];
	cache->len += n;

	if (cache->len >= cache->flushthresh) {
		/* keep size objects, return the surplus */
		rte_mempool_ops_enqueue_bulk(mp, &cache->objs[cache->size],
			cache->len - cache->size);
		cache->len = cache->size;
	}
	return;

direct:
	/* the ring store of a created pool always has room for them */
	rte_mempool_ops_enqueue_bulk(mp, obj_table, n);
}

/** Put n objects through the calling lcore's cache. */
static __rte_always_inline void
rte_mempool_put_bulk(struct rte_mempool *mp, void * const *obj_table,
		unsigned int n)
{
	rte_mempool_generic_put(mp, obj_table, n,
		rte_mempool_default_cache(mp, rte_lcore_id()));
}

/** Put one object. */
static __rte_always_inline void
rte_mempool_put(struct rte_mempool *mp, void *obj)
{
	rte_mempool_put_bulk(mp, &obj, 1);
}

/** Refill path of rte_mempool_generic_get (out of line in the library). */
int rte_mempool_cache_refill_get(struct rte_mempool *mp, void **obj_table,
		unsigned int n, struct rte_mempool_cache *cache);

/**
 * Get n objects, all or none, through cache when given.
 * @return 0, or -ENOENT when fewer than n are free.
 */
static __rte_always_inline int
rte_mempool_generic_get(struct rte_mempool *mp, void **obj_table,
		unsigned int n, struct rte_mempool_cache *cache)
{
	if (likely(cache != NULL && n <= cache->len)) {
		/* hot objects first: the last ones put */
		void **cache_objs = &cache->objs[cache->len];

		for (unsigned int i = 0; i < n; i++)
			obj_table[i] = *--cache_objs;
		cache->len -= n;
		return 0;
	}
	return rte_mempool_cache_refill_get(mp, obj_table, n, cache);
}

/** Get n objects through the calling lcore's cache: 0 or -ENOENT. */
static __rte_always_inline int
rte_mempool_get_bulk(struct rte_mempool *mp, void **obj_table, unsigned int n)
{
	return rte_mempool_generic_get(mp, obj_table, n,
		rte_mempool_default_cache(mp, rte_lcore_id()));
}

/** Get one object: 0 or -ENOENT. */
static __rte_always_inline int
rte_mempool_get(struct rte_mempool *mp, void **obj_p)
{
	return rte_mempool_get_bulk(mp, obj_p, 1);
}

/**
 * Get n blocks of contiguous objects (drivers with dequeue_contig_blocks
 * only). @return 0, -ENOTSUP or -ENOENT.
 */
int rte_mempool_get_contig_blocks(struct rte_mempool *mp,
		void **first_obj_table, unsigned int n);

/* ---- counts ---- */

/** Free objects: in the store and in every cache. */
unsigned int rte_mempool_avail_count(const struct rte_mempool *mp);
/** Objects taken out of the pool. */
unsigned int rte_mempool_in_use_count(const struct rte_mempool *mp);

/** Older name of rte_mempool_avail_count. */
static inline unsigned int
rte_mempool_count(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp);
}
/** Older name of rte_mempool_in_use_count. */
static inline unsigned int
rte_mempool_free_count(const struct rte_mempool *mp)
{
	return rte_mempool_in_use_count(mp);
}

/** 1 if every object is free. */
static inline int
rte_mempool_full(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == mp->size;
}

/** 1 if no object is free. */
static inline int
rte_mempool_empty(const struct rte_mempool *mp)
{
	return rte_mempool_avail_count(mp) == 0;
}

/** IO address of an object (RTE_BAD_IOVA if its pool has none). */
static inline rte_iova_t
rte_mempool_virt2iova(const void *elt)
{
	const struct rte_mempool_objhdr *hdr;

	hdr = (const struct rte_mempool_objhdr *)RTE_PTR_SUB(elt,
		sizeof(*hdr));
	return hdr->iova;
}

/** Check a pool's consistency; panics on corruption. */
void rte_mempool_audit(struct rte_mempool *mp);

/** Print every pool to f. */
void rte_mempool_list_dump(FILE *f);

/** Pool by name, or NULL with rte_errno ENOENT. */
struct rte_mempool *rte_mempool_lookup(const char *name);

/**
 * Element sizes for elt_size and flags; fills sz when not NULL.
 * @return total size of one element.
 */
uint32_t rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
	struct rte_mempool_objsz *sz);

/** Call func on every pool. */
void rte_mempool_walk(void (*func)(struct rte_mempool *, void *arg),
	void *arg);

/** What happened to a mempool (rte_mempool_event_callback_register()). */
enum rte_mempool_event {
	/** The pool is fully populated: its objects can be used. */
	RTE_MEMPOOL_EVENT_READY = 0,
	/** The pool is being freed: its memory goes away after this. */
	RTE_MEMPOOL_EVENT_DESTROY = 1,
};

/** A mempool event callback; it may register and unregister callbacks. */
typedef void (rte_mempool_event_callback)(enum rte_mempool_event event,
	struct rte_mempool *mp, void *user_data);

/**
 * Call func(event, mp, user_data) when a mempool of this process becomes
 * ready or is freed. Callbacks run in the thread populating or freeing
 * the pool, without mempool locks held.
 *
 * @return 0; -EINVAL (func NULL), -EEXIST (the pair is registered
 *   already) or -ENOMEM, rte_errno set to the same positive value.
 */
int rte_mempool_event_callback_register(rte_mempool_event_callback *func,
	void *user_data);

/**
 * Remove the callback registered with exactly func and user_data.
 * @return 0, or -ENOENT (not registered), rte_errno set.
 */
int rte_mempool_event_callback_unregister(rte_mempool_event_callback *func,
	void *user_data);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MEMPOOL_H_ */
