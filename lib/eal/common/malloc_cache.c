/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Per-lcore caches: binding, refill, overflow, the owner's flush and the
 * remote drain. The protocol between owners and drainers is described in
 * malloc_cache.h; the fast paths are inline there.
 */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#ifdef RTE_EXEC_ENV_LINUX
#include <linux/membarrier.h>
#include <sys/syscall.h>
#endif

#include <rte_common.h>
#include <rte_debug.h>
#include <rte_eal.h>
#include <rte_lcore.h>
#include <rte_pause.h>
#include <rte_spinlock.h>

#include "eal_memcfg.h"
#include "malloc_cache.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

struct malloc_caches malloc_caches;
__thread struct malloc_lcore_cache *malloc_cache_tls;

/* data bytes each class serves; an element goes to the largest it can */
static const uint32_t class_size[MALLOC_CACHE_CLASSES] = {
	64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096,
};

/* elements allocated per refill while the cache holds little */
#define CACHE_REFILL 8
/* elements handed to the heap under one lock hold */
#define RELEASE_CHUNK 64

/* serialises drainers; a sleeping lock, held across heap frees */
static pthread_mutex_t drain_lock = PTHREAD_MUTEX_INITIALIZER;

/* heads of the lists taken out of one cache, freed with no lock held */
struct cache_take {
	void *head[RTE_MAX_NUMA_NODES][MALLOC_CACHE_CLASSES];
};

/* ---------------------------------------------------------------------- */
/* init and binding                                                       */

static void
class_tables_init(void)
{
	unsigned int n, k;
	int best;

	for (n = 0; n <= MALLOC_CACHE_UNITS; n++) {
		for (k = 0; class_size[k] < n * RTE_CACHE_LINE_SIZE; k++)
			;
		malloc_caches.alloc_class[n] = (int8_t)k;
	}
	/* an element serves the largest class not above its data size, but
	 * one twice the class above is too big to park */
	for (n = 0; n <= 2 * MALLOC_CACHE_UNITS; n++) {
		best = -1;
		for (k = 0; k < MALLOC_CACHE_CLASSES; k++)
			if (class_size[k] <= n * RTE_CACHE_LINE_SIZE)
				best = (int)k;
		if (best >= 0 && best < MALLOC_CACHE_CLASSES - 1 &&
				n * RTE_CACHE_LINE_SIZE >= class_size[best + 1])
			best = -1;
		if (best == MALLOC_CACHE_CLASSES - 1 && n *
				RTE_CACHE_LINE_SIZE > 2 * MALLOC_CACHE_MAX_SIZE)
			best = -1;
		malloc_caches.free_class[n] = (int8_t)best;
	}
}

/* can this process make every thread run a barrier on demand? */
static bool
membarrier_register(void)
{
#if defined(RTE_EXEC_ENV_LINUX) && defined(__NR_membarrier)
	return syscall(__NR_membarrier,
			MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
#else
	return false;
#endif
}

static void
membarrier_all(void)
{
#if defined(RTE_EXEC_ENV_LINUX) && defined(__NR_membarrier)
	syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0);
#endif
}

void
malloc_cache_init(void)
{
	unsigned int i;

	malloc_caches.heaps = rte_eal_get_mcfg()->malloc_heaps;
	class_tables_init();
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		struct malloc_lcore_cache *c = &malloc_caches.lcore[i];

		c->any_h = -1;
		c->lcore_id = i;
		/* never matches an address masked with hint_mask == 0 */
		c->hint_page = 1;
		rte_spinlock_init(&c->lock);
	}
	malloc_caches.remote_drain = membarrier_register();
}

struct malloc_lcore_cache *
malloc_cache_bind(void)
{
	unsigned int lcore = rte_lcore_id();
	struct malloc_lcore_cache *c;
	struct malloc_heap *heap;
	int h;

	if (lcore >= RTE_MAX_LCORE || malloc_caches.heaps == NULL)
		return NULL;
	c = &malloc_caches.lcore[lcore];
	/* a thread off any node allocates from the first heap */
	heap = malloc_heap_get((int)rte_socket_id());
	if (heap == NULL)
		heap = malloc_heap_get(0);
	c->any_heap = NULL;
	h = heap != NULL ? malloc_cache_heap_idx(c, heap) : -1;
	c->any_h = h;
	c->any_bins = h >= 0 ? c->bin[h] : NULL;
	c->any_socket = h >= 0 ? (int)heap->socket_id : SOCKET_ID_ANY - 1;
	c->any_heap = h >= 0 ? heap : NULL;
	malloc_cache_tls = c;
	return c;
}

/* ---------------------------------------------------------------------- */
/* taking elements out and giving them back to the heaps                  */

static inline struct malloc_elem *
data_elem(void *data)
{
	return RTE_PTR_SUB(data, MALLOC_ELEM_HEADER_LEN);
}

static inline void
bin_count_set(struct malloc_cache_bin *bin, uint32_t n)
{
	__atomic_store_n(&bin->count, n, __ATOMIC_RELAXED);
}

static inline void
bytes_add(struct malloc_lcore_cache *c, int h, ssize_t n)
{
	__atomic_store_n(&c->bytes[h], c->bytes[h] + n, __ATOMIC_RELAXED);
}

/*
 * Unlink up to n of bin's elements (heap h) into list *take; the cache
 * lock is held, or the owner cannot run a fast operation.
 */
static void
bin_take(struct malloc_lcore_cache *c, int h, int k, uint32_t n,
		void **take)
{
	struct malloc_cache_bin *bin = &c->bin[h][k];
	void *data;

	while (n-- > 0 && bin->head != NULL) {
		data = bin->head;
		bin->head = *(void **)data;
		bin_count_set(bin, bin->count - 1);
		bytes_add(c, h, -(ssize_t)data_elem(data)->size);
		/* no longer in a bin: nothing may count on it as cached */
		data_elem(data)->state = ELEM_TAKEN;
		*(void **)data = *take;
		*take = data;
	}
}

static void
cache_take_all(struct malloc_lcore_cache *c, struct cache_take *t)
{
	int h, k;

	for (h = 0; h < RTE_MAX_NUMA_NODES; h++) {
		for (k = 0; k < MALLOC_CACHE_CLASSES; k++) {
			t->head[h][k] = NULL;
			if (c->bin[h][k].head != NULL)
				bin_take(c, h, k, UINT32_MAX, &t->head[h][k]);
		}
	}
}

/* free a list of cached elements of heap h, in chunks; no lock held */
static unsigned int
list_release(int h, void *list, bool drain_ok)
{
	struct malloc_elem *elems[RELEASE_CHUNK];
	unsigned int n = 0, total = 0;

	while (list != NULL) {
		elems[n++] = data_elem(list);
		list = *(void **)list;
		if (n == RELEASE_CHUNK || list == NULL) {
			malloc_heap_free_bulk(&malloc_caches.heaps[h], elems, n,
					drain_ok);
			total += n;
			n = 0;
		}
	}
	return total;
}

static unsigned int
cache_release(struct cache_take *t, bool drain_ok)
{
	unsigned int n = 0;
	int h, k;

	for (h = 0; h < RTE_MAX_NUMA_NODES; h++)
		for (k = 0; k < MALLOC_CACHE_CLASSES; k++)
			if (t->head[h][k] != NULL)
				n += list_release(h, t->head[h][k], drain_ok);
	return n;
}

/*
 * Owner, cache lock held: without remote drains, a pending request is
 * served by the owner itself; what it took goes back after the unlock.
 */
static bool
owner_drain_locked(struct malloc_lcore_cache *c, struct cache_take *t)
{
	if (malloc_caches.remote_drain || !c->drain_req)
		return false;
	cache_take_all(c, t);
	__atomic_store_n(&c->drain_req, 0, __ATOMIC_RELEASE);
	return true;
}

/* ---------------------------------------------------------------------- */
/* owner slow paths                                                       */

/* pop under the cache lock, the bin known to belong to heap h */
static void *
bin_pop_locked(struct malloc_lcore_cache *c, int h, int k)
{
	struct malloc_cache_bin *bin = &c->bin[h][k];
	void *data = bin->head;

	if (data == NULL)
		return NULL;
	bin->head = *(void **)data;
	bin_count_set(bin, bin->count - 1);
	data_elem(data)->state = ELEM_BUSY;
	bytes_add(c, h, -(ssize_t)data_elem(data)->size);
	return data;
}

static void
bin_push_locked(struct malloc_lcore_cache *c, int h, int k,
		struct malloc_elem *elem)
{
	struct malloc_cache_bin *bin = &c->bin[h][k];
	void *data = malloc_elem_data(elem);

	elem->state = ELEM_CACHED;
	elem->cache_lcore = c->lcore_id;
	*(void **)data = bin->head;
	bin->head = data;
	bin_count_set(bin, bin->count + 1);
	bytes_add(c, h, (ssize_t)elem->size);
}

/* allocate the first element for the caller, park a few more */
static void *
refill_locked(struct malloc_lcore_cache *c, int h, int k)
{
	struct malloc_heap *heap = &malloc_caches.heaps[h];
	struct malloc_req req = {
		.size = class_size[k],
		.align = RTE_CACHE_LINE_SIZE,
	};
	unsigned int i, n = c->bytes[h] < MALLOC_CACHE_MAX_BYTES / 2 ?
			CACHE_REFILL : 1;
	void *first, *data;

	rte_spinlock_lock(&heap->lock);
	first = malloc_heap_alloc_locked(heap, &req);
	for (i = 1; first != NULL && i < n; i++) {
		data = malloc_heap_alloc_locked(heap, &req);
		if (data == NULL)
			break;
		/* plain requests never get padding (malloc_elem.c) */
		RTE_ASSERT(data_elem(data)->state == ELEM_BUSY &&
				data_elem(data)->pad == 0);
		bin_push_locked(c, h, k, data_elem(data));
	}
	rte_spinlock_unlock(&heap->lock);
	return first;
}

void *
malloc_cache_alloc_slow(struct malloc_lcore_cache *c, int h, size_t size)
{
	int k = malloc_caches.alloc_class[size / RTE_CACHE_LINE_SIZE];
	struct cache_take t;
	bool took;
	void *data;

	rte_spinlock_lock(&c->lock);
	took = owner_drain_locked(c, &t);
	/* a fast pop may only have backed off because a drain was pending */
	data = bin_pop_locked(c, h, k);
	if (data == NULL)
		data = refill_locked(c, h, k);
	rte_spinlock_unlock(&c->lock);
	if (took)
		cache_release(&t, true);
	return data;
}

bool
malloc_cache_free_slow(struct malloc_lcore_cache *c, struct malloc_elem *elem,
		int h)
{
	size_t units = (elem->size - MALLOC_ELEM_OVERHEAD) /
		RTE_CACHE_LINE_SIZE;
	struct cache_take t;
	void *over = NULL;
	bool took;
	int k;

	if (elem->pad != 0 || units > 2 * MALLOC_CACHE_UNITS ||
			malloc_caches.free_class[units] < 0)
		return false;
	k = malloc_caches.free_class[units];
	rte_spinlock_lock(&c->lock);
	took = owner_drain_locked(c, &t);
	/* full: half of every bin of this heap goes back in one go */
	if (c->bin[h][k].count >= MALLOC_CACHE_BIN_MAX ||
			c->bytes[h] >= MALLOC_CACHE_MAX_BYTES) {
		int j;

		for (j = 0; j < MALLOC_CACHE_CLASSES; j++)
			bin_take(c, h, j, (c->bin[h][j].count + 1) / 2, &over);
	}
	bin_push_locked(c, h, k, elem);
	rte_spinlock_unlock(&c->lock);
	if (took)
		cache_release(&t, true);
	if (over != NULL)
		list_release(h, over, true);
	return true;
}

/* ---------------------------------------------------------------------- */
/* flush and drain                                                        */

void
malloc_heap_cache_flush(void)
{
	struct malloc_lcore_cache *c = malloc_cache_self();
	struct cache_take t;

	if (c == NULL)
		return;
	rte_spinlock_lock(&c->lock);
	cache_take_all(c, &t);
	if (!malloc_caches.remote_drain)
		__atomic_store_n(&c->drain_req, 0, __ATOMIC_RELEASE);
	rte_spinlock_unlock(&c->lock);
	cache_release(&t, true);
}

static size_t
cache_bytes(const struct malloc_lcore_cache *c)
{
	size_t n = 0;
	int h;

	for (h = 0; h < RTE_MAX_NUMA_NODES; h++)
		n += __atomic_load_n(&c->bytes[h], __ATOMIC_RELAXED);
	return n;
}

/* take one owner's bins once it is outside any fast operation */
static unsigned int
drain_one(struct malloc_lcore_cache *c)
{
	struct cache_take t;
	unsigned int spins = 0;

	while (__atomic_load_n(&c->active, __ATOMIC_ACQUIRE)) {
		if (++spins % 1024 == 0)
			sched_yield();
		else
			rte_pause();
	}
	rte_spinlock_lock(&c->lock);
	cache_take_all(c, &t);
	__atomic_store_n(&c->drain_req, 0, __ATOMIC_RELEASE);
	rte_spinlock_unlock(&c->lock);
	/* no further drain from here: every cache is being emptied */
	return cache_release(&t, false);
}

unsigned int
malloc_cache_drain_all(void)
{
	static uint8_t flagged[RTE_MAX_LCORE];
	unsigned int i, n = 0, any = 0;

	pthread_mutex_lock(&drain_lock);
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		struct malloc_lcore_cache *c = &malloc_caches.lcore[i];

		flagged[i] = cache_bytes(c) != 0;
		if (flagged[i]) {
			__atomic_store_n(&c->drain_req, 1, __ATOMIC_RELAXED);
			any++;
		}
	}
	if (any != 0 && malloc_caches.remote_drain) {
		/* from here on every owner sees drain_req or we see active */
		membarrier_all();
		for (i = 0; i < RTE_MAX_LCORE; i++)
			if (flagged[i])
				n += drain_one(&malloc_caches.lcore[i]);
	}
	pthread_mutex_unlock(&drain_lock);
	return n;
}

void
malloc_cache_stats(const struct malloc_heap *heap, size_t *bytes,
		unsigned int *count)
{
	ptrdiff_t h = heap - malloc_caches.heaps;
	unsigned int i, k;

	*bytes = 0;
	*count = 0;
	if (malloc_caches.heaps == NULL || h < 0 || h >= RTE_MAX_NUMA_NODES ||
			heap->external)
		return;
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		const struct malloc_lcore_cache *c = &malloc_caches.lcore[i];

		*bytes += __atomic_load_n(&c->bytes[h], __ATOMIC_RELAXED);
		for (k = 0; k < MALLOC_CACHE_CLASSES; k++)
			*count += __atomic_load_n(&c->bin[h][k].count,
					__ATOMIC_RELAXED);
	}
}

void
malloc_cache_thread_release(void)
{
	struct malloc_lcore_cache *c = malloc_cache_tls;

	if (c == NULL)
		return;
	malloc_heap_cache_flush();
	c->any_heap = NULL;
	c->any_bins = NULL;
	c->any_h = -1;
	c->hint_page = 1;
	c->hint_mask = 0;
	malloc_cache_tls = NULL;
}
