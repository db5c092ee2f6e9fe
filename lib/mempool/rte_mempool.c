/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Mempool creation, population over (possibly scattered) dynamic memory,
 * lookup, counts and dumps. The fast get/put paths are inline in
 * rte_mempool.h; only the cache refill lives here.
 *
 * Memory layout of one element:
 *   [struct rte_mempool_objhdr, padded to header_size][object][trailer]
 * An element never spans two pages whose IO addresses are not contiguous
 * unless the pool says RTE_MEMPOOL_F_NO_IOVA_CONTIG: populate_virt() cuts
 * the memory into IOVA-contiguous chunks and each chunk is filled on its own.
 *
 * Locks: mempool list lock (rte_mcfg_mempool_*) → tailq lock.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/queue.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_eal_paging.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_string_fns.h>
#include <rte_tailq.h>

#include "rte_mempool.h"

static void mempool_event_invoke(enum rte_mempool_event event,
	struct rte_mempool *mp);

#define MEMPOOL_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, RTE_LOGTYPE_MEMPOOL, "MEMPOOL: " fmt "\n", \
		##__VA_ARGS__)

/* a cache flushes once it holds half again its nominal size */
#define CACHE_FLUSHTHRESH(sz) ((sz) * 3 / 2)

static struct rte_tailq_elem rte_mempool_tailq = {
	.name = "RTE_MEMPOOL",
};
EAL_REGISTER_TAILQ(rte_mempool_tailq)

/* ---- sizes ---- */

uint32_t
rte_mempool_calc_obj_size(uint32_t elt_size, uint32_t flags,
	struct rte_mempool_objsz *sz)
{
	struct rte_mempool_objsz lsz;

	if (sz == NULL)
		sz = &lsz;
	sz->header_size = sizeof(struct rte_mempool_objhdr);
	if ((flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) == 0)
		sz->header_size = RTE_ALIGN_CEIL(sz->header_size,
			RTE_MEMPOOL_ALIGN);
	sz->elt_size = elt_size;
	sz->trailer_size = 0;
	if ((flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) == 0) {
		/* pad so the next header starts on a cache line */
		uint32_t total = sz->header_size + elt_size;

		sz->trailer_size = RTE_ALIGN_CEIL(total, RTE_MEMPOOL_ALIGN) -
			total;
	}
	sz->total_size = sz->header_size + sz->elt_size + sz->trailer_size;
	return sz->total_size;
}

static size_t
mempool_total_elt_size(const struct rte_mempool *mp)
{
	return (size_t)mp->header_size + mp->elt_size + mp->trailer_size;
}

ssize_t
rte_mempool_op_calc_mem_size_default(const struct rte_mempool *mp,
		uint32_t obj_num, uint32_t pg_shift,
		size_t *min_chunk_size, size_t *align)
{
	size_t total = mempool_total_elt_size(mp);
	size_t pg_sz, per_page, full, mem;

	if (total == 0 || obj_num == 0) {
		mem = 0;
	} else if (pg_shift == 0 || (per_page = ((size_t)1 << pg_shift) /
			total) == 0) {
		/* no page constraint, or objects need contiguous chunks */
		mem = total * obj_num;
	} else {
		/*
		 * worst case: the memory breaks at every page boundary, so each
		 * page holds only per_page objects, the first page may start
		 * anywhere and the last one is partly used
		 */
		pg_sz = (size_t)1 << pg_shift;
		full = (obj_num - 1) / per_page;
		mem = full * pg_sz + (obj_num - full * per_page) * total;
		mem += total;
	}
	if (mem != 0)
		mem += RTE_MEMPOOL_ALIGN;
	*min_chunk_size = total;
	*align = RTE_MEMPOOL_ALIGN;
	return (ssize_t)mem;
}

int
rte_mempool_op_populate_default(struct rte_mempool *mp,
		unsigned int max_objs, void *vaddr, rte_iova_t iova, size_t len,
		rte_mempool_populate_obj_cb_t *obj_cb, void *obj_cb_arg)
{
	size_t total = mempool_total_elt_size(mp);
	size_t off;
	unsigned int i;

	for (i = 0, off = 0; i < max_objs && off + total <= len; i++) {
		char *obj = (char *)vaddr + off + mp->header_size;
		rte_iova_t obj_iova = iova == RTE_BAD_IOVA ? RTE_BAD_IOVA :
			iova + off + mp->header_size;

		obj_cb(mp, obj_cb_arg, obj, obj_iova);
		off += total;
	}
	return (int)i;
}

/* ---- population ---- */

static void
mempool_add_elem(struct rte_mempool *mp, void *opaque, void *obj,
		rte_iova_t iova)
{
	struct rte_mempool_objhdr *hdr = rte_mempool_get_header(obj);

	RTE_SET_USED(opaque);
	hdr->mp = mp;
	hdr->iova = iova;
	STAILQ_INSERT_TAIL(&mp->elt_list, hdr, next);
	mp->populated_size++;
	rte_mempool_ops_enqueue_bulk(mp, &obj, 1);
}

static int
mempool_ops_alloc_once(struct rte_mempool *mp)
{
	int ret;

	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		return 0;
	ret = rte_mempool_ops_alloc(mp);
	if (ret != 0)
		return ret;
	mp->flags |= RTE_MEMPOOL_F_POOL_CREATED;
	return 0;
}

int
rte_mempool_populate_iova(struct rte_mempool *mp, char *vaddr,
	rte_iova_t iova, size_t len, rte_mempool_memchunk_free_cb_t *free_cb,
	void *opaque)
{
	struct rte_mempool_memhdr *memhdr;
	size_t off = 0;
	int ret;

	if (mp == NULL || vaddr == NULL)
		return -EINVAL;
	if (mp->populated_size >= mp->size)
		return -ENOSPC;
	ret = mempool_ops_alloc_once(mp);
	if (ret != 0)
		return ret;

	memhdr = rte_zmalloc("MEMPOOL_MEMHDR", sizeof(*memhdr), 0);
	if (memhdr == NULL)
		return -ENOMEM;
	memhdr->mp = mp;
	memhdr->addr = vaddr;
	memhdr->iova = iova;
	memhdr->len = len;
	memhdr->free_cb = free_cb;
	memhdr->opaque = opaque;

	if ((mp->flags & RTE_MEMPOOL_F_NO_CACHE_ALIGN) == 0)
		off = RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(vaddr,
			RTE_MEMPOOL_ALIGN), vaddr);
	if (off > len) {
		ret = 0;
	} else {
		ret = rte_mempool_ops_populate(mp,
			mp->size - mp->populated_size, vaddr + off,
			iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + off,
			len - off, mempool_add_elem, NULL);
	}
	if (ret <= 0) {
		/* the chunk is too small for one element */
		rte_free(memhdr);
		return ret < 0 ? ret : -EINVAL;
	}
	/* some objects can do IO now (unless they may span IOVA runs) */
	if (iova != RTE_BAD_IOVA && !(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG))
		mp->flags &= ~RTE_MEMPOOL_F_NON_IO;
	STAILQ_INSERT_TAIL(&mp->mem_list, memhdr, next);
	mp->nb_mem_chunks++;
	/* ready once every object is in: users may map the memory now */
	if (mp->populated_size >= mp->size)
		mempool_event_invoke(RTE_MEMPOOL_EVENT_READY, mp);
	return ret;
}

/* IO address of addr; with IOVA as VA no lookup is needed */
static rte_iova_t
mempool_virt2iova(const void *addr)
{
	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		return (uintptr_t)addr;
	return rte_mem_virt2iova(addr);
}

/* length of the IOVA-contiguous run of pages starting at addr */
static size_t
mempool_contig_run(char *addr, size_t len, size_t pg_sz, rte_iova_t iova)
{
	size_t run;

	run = RTE_PTR_DIFF(RTE_PTR_ALIGN_CEIL(addr + 1, pg_sz), addr);
	if (rte_eal_iova_mode() == RTE_IOVA_VA)
		return len;
	while (run < len) {
		rte_iova_t next = mempool_virt2iova(addr + run);

		if (iova == RTE_BAD_IOVA ? next != RTE_BAD_IOVA :
				next != iova + run)
			break;
		run += pg_sz;
	}
	return RTE_MIN(run, len);
}

int
rte_mempool_populate_virt(struct rte_mempool *mp, char *addr,
	size_t len, size_t pg_sz, rte_mempool_memchunk_free_cb_t *free_cb,
	void *opaque)
{
	size_t off, run;
	rte_iova_t iova;
	int ret, cnt = 0;

	if (mp == NULL || addr == NULL || pg_sz == 0 ||
			(pg_sz & (pg_sz - 1)) != 0)
		return -EINVAL;
	for (off = 0; off < len && mp->populated_size < mp->size;
			off += run) {
		iova = RTE_BAD_IOVA;
		if ((mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) == 0)
			iova = mempool_virt2iova(addr + off);
		if (iova == RTE_BAD_IOVA)
			run = len - off;
		else
			run = mempool_contig_run(addr + off, len - off,
				pg_sz, iova);
		ret = rte_mempool_populate_iova(mp, addr + off, iova, run,
			NULL, NULL);
		if (ret == -EINVAL)
			continue; /* a short piece between two breaks */
		if (ret < 0) {
			if (cnt == 0)
				return ret;
			break;
		}
		cnt += ret;
	}
	if (cnt == 0)
		return -EINVAL;
	/* the last chunk of this range releases the whole range */
	if (free_cb != NULL) {
		struct rte_mempool_memhdr *last = NULL, *m;

		STAILQ_FOREACH(m, &mp->mem_list, next)
			last = m;
		last->free_cb = free_cb;
		last->opaque = opaque;
	}
	return cnt;
}

/*
 * chunk memzones are found by name, not through a callback pointer: the
 * pool may have been populated by another process, where our functions
 * live at other addresses. Chunk idx never exceeds the chunk count.
 */
static void
mempool_free_chunk_mzs(const struct rte_mempool *mp, unsigned int nb)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	unsigned int idx;
	int ret;

	for (idx = 0; idx < nb; idx++) {
		ret = snprintf(mz_name, sizeof(mz_name),
			RTE_MEMPOOL_MZ_FORMAT "_%u", mp->name, idx);
		if (ret < 0 || ret >= (int)sizeof(mz_name))
			return;
		mz = rte_memzone_lookup(mz_name);
		if (mz != NULL)
			rte_memzone_free(mz);
	}
}

static int
mempool_min_page_size_cb(const struct rte_memseg_list *msl, void *arg)
{
	size_t *min = arg;

	if (msl->external == 0 && msl->page_sz < *min)
		*min = msl->page_sz;
	return 0;
}

/* page size objects must respect, 0 if none */
static size_t
mempool_page_size(const struct rte_mempool *mp)
{
	size_t pg_sz = SIZE_MAX;

	if (mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG)
		return 0;
	if (!rte_eal_has_hugepages())
		return rte_mem_page_size();
	rte_memseg_list_walk(mempool_min_page_size_cb, &pg_sz);
	return pg_sz == SIZE_MAX ? rte_mem_page_size() : pg_sz;
}

/* reserve a memzone for mem_size bytes, shrinking on ENOMEM */
static const struct rte_memzone *
mempool_reserve_chunk(const struct rte_mempool *mp, const char *mz_name,
		size_t mem_size, size_t min_chunk, size_t align,
		unsigned int mz_flags)
{
	const struct rte_memzone *mz;

	for (;;) {
		mz = rte_memzone_reserve_aligned(mz_name, mem_size,
			mp->socket_id, mz_flags, align);
		if (mz != NULL || rte_errno != ENOMEM || mem_size <= min_chunk)
			return mz;
		/* memory is short or fragmented: take a smaller piece */
		mem_size = RTE_MAX(mem_size / 2, min_chunk);
	}
}

static int
mempool_populate_one_mz(struct rte_mempool *mp, unsigned int idx,
		size_t pg_sz)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	unsigned int mz_flags = 0;
	size_t min_chunk, align;
	ssize_t mem_size;
	int ret;

	mem_size = rte_mempool_ops_calc_mem_size(mp,
		mp->size - mp->populated_size,
		pg_sz == 0 ? 0 : (uint32_t)__builtin_ctzll(pg_sz),
		&min_chunk, &align);
	if (mem_size <= 0)
		return mem_size < 0 ? (int)mem_size : -EINVAL;
	if ((mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) == 0 &&
			(pg_sz == 0 || min_chunk > pg_sz ||
			 min_chunk == (size_t)mem_size))
		mz_flags |= RTE_MEMZONE_IOVA_CONTIG;
	ret = snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT "_%u",
		mp->name, idx);
	if (ret < 0 || ret >= (int)sizeof(mz_name))
		return -ENAMETOOLONG;
	mz = mempool_reserve_chunk(mp, mz_name, mem_size, min_chunk, align,
		mz_flags);
	if (mz == NULL)
		return -rte_errno;
	if (pg_sz == 0 || (mz_flags & RTE_MEMZONE_IOVA_CONTIG))
		ret = rte_mempool_populate_iova(mp, mz->addr,
			(mp->flags & RTE_MEMPOOL_F_NO_IOVA_CONTIG) ?
			RTE_BAD_IOVA : mz->iova, mz->len,
			NULL, (void *)(uintptr_t)mz);
	else
		ret = rte_mempool_populate_virt(mp, mz->addr, mz->len, pg_sz,
			NULL, (void *)(uintptr_t)mz);
	if (ret <= 0) {
		rte_memzone_free(mz);
		return ret < 0 ? ret : -ENOMEM;
	}
	return ret;
}

int
rte_mempool_populate_default(struct rte_mempool *mp)
{
	unsigned int idx, start;
	size_t pg_sz;
	int ret, cnt = 0;

	if (mp == NULL)
		return -EINVAL;
	ret = mempool_ops_alloc_once(mp);
	if (ret != 0)
		return ret;
	pg_sz = mempool_page_size(mp);
	start = mp->nb_mem_chunks;
	for (idx = start; mp->populated_size < mp->size; idx++) {
		ret = mempool_populate_one_mz(mp, idx, pg_sz);
		if (ret < 0) {
			MEMPOOL_LOG(ERR, "%s: cannot populate pool %s: %s",
				__func__, mp->name, strerror(-ret));
			return ret;
		}
		cnt += ret;
	}
	return cnt;
}

static void
mempool_anon_free_cb(struct rte_mempool_memhdr *memhdr, void *opaque)
{
	munmap(opaque, memhdr->len);
}

int
rte_mempool_populate_anon(struct rte_mempool *mp)
{
	size_t size, min_chunk, align;
	ssize_t mem;
	void *addr;
	int ret;

	if (mp == NULL || mp->nb_mem_chunks != 0) {
		rte_errno = EINVAL;
		return 0;
	}
	ret = mempool_ops_alloc_once(mp);
	if (ret != 0) {
		rte_errno = -ret;
		return 0;
	}
	mem = rte_mempool_ops_calc_mem_size(mp, mp->size, 0, &min_chunk,
		&align);
	if (mem <= 0) {
		rte_errno = EINVAL;
		return 0;
	}
	size = RTE_ALIGN_CEIL((size_t)mem, rte_mem_page_size());
	addr = mmap(NULL, size, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (addr == MAP_FAILED) {
		rte_errno = errno;
		return 0;
	}
	/* anonymous memory has no IO address: the pool becomes non-IO */
	ret = rte_mempool_populate_iova(mp, addr, RTE_BAD_IOVA, size,
		mempool_anon_free_cb, addr);
	if (ret <= 0) {
		munmap(addr, size);
		rte_errno = ret < 0 ? -ret : EINVAL;
		return 0;
	}
	return ret;
}

/* ---- creation and release ---- */

static void
mempool_cache_init(struct rte_mempool_cache *cache, uint32_t size)
{
	cache->size = size;
	cache->flushthresh = CACHE_FLUSHTHRESH(size);
	cache->len = 0;
}

static int
mempool_check_args(const char *name, unsigned int n, unsigned int elt_size,
		unsigned int cache_size, unsigned int flags)
{
	if (name == NULL || name[0] == '\0' || n == 0 || elt_size == 0)
		return -EINVAL;
	if (strnlen(name, RTE_MEMPOOL_NAMESIZE) >= RTE_MEMPOOL_NAMESIZE)
		return -ENAMETOOLONG;
	if (flags & ~RTE_MEMPOOL_VALID_USER_FLAGS)
		return -EINVAL;
	/* a cache that could hold most of the pool would starve others */
	if (cache_size > RTE_MEMPOOL_CACHE_MAX_SIZE ||
			CACHE_FLUSHTHRESH((uint64_t)cache_size) > n)
		return -EINVAL;
	return 0;
}

/* default ring ops for the producer/consumer flags */
static const char *
mempool_default_ops(unsigned int flags)
{
	bool sp = flags & RTE_MEMPOOL_F_SP_PUT;
	bool sc = flags & RTE_MEMPOOL_F_SC_GET;

	if (sp && sc)
		return "ring_sp_sc";
	if (sp)
		return "ring_sp_mc";
	if (sc)
		return "ring_mp_sc";
	return "ring_mp_mc";
}

static struct rte_mempool *
mempool_lookup_locked(const char *name)
{
	struct rte_tailq_entry_head *list;
	struct rte_tailq_entry *te;

	list = &rte_mempool_tailq.head->tailq_head;
	TAILQ_FOREACH(te, list, next) {
		struct rte_mempool *mp = te->data;

		if (strncmp(name, mp->name, RTE_MEMPOOL_NAMESIZE) == 0)
			return mp;
	}
	return NULL;
}


static struct rte_mempool *
mempool_create_locked(const char *name, unsigned int n,
	unsigned int elt_size, unsigned int cache_size,
	unsigned int private_data_size, int socket_id, unsigned int flags,
	struct rte_tailq_entry *te)
{
	char mz_name[RTE_MEMZONE_NAMESIZE];
	struct rte_mempool_objsz objsz;
	const struct rte_memzone *mz;
	struct rte_mempool *mp;
	size_t hdr_size;
	unsigned int i;

	if (mempool_lookup_locked(name) != NULL) {
		rte_errno = EEXIST;
		return NULL;
	}
	rte_mempool_calc_obj_size(elt_size, flags, &objsz);
	private_data_size = RTE_ALIGN_CEIL(private_data_size,
		RTE_MEMPOOL_ALIGN);
	hdr_size = RTE_MEMPOOL_HEADER_SIZE(mp, cache_size) +
		private_data_size;
	snprintf(mz_name, sizeof(mz_name), RTE_MEMPOOL_MZ_FORMAT, name);
	mz = rte_memzone_reserve(mz_name, hdr_size, socket_id, 0);
	if (mz == NULL)
		return NULL;
	mp = mz->addr;
	memset(mp, 0, hdr_size);
	strlcpy(mp->name, name, sizeof(mp->name));
	mp->mz = mz;
	mp->size = n;
	/* no object can do IO until memory with an IOVA is added */
	mp->flags = flags | RTE_MEMPOOL_F_NON_IO;
	mp->socket_id = socket_id;
	mp->elt_size = objsz.elt_size;
	mp->header_size = objsz.header_size;
	mp->trailer_size = objsz.trailer_size;
	mp->cache_size = cache_size;
	mp->private_data_size = private_data_size;
	STAILQ_INIT(&mp->elt_list);
	STAILQ_INIT(&mp->mem_list);
	mp->local_cache = (struct rte_mempool_cache *)
		RTE_PTR_ADD(mp, sizeof(*mp));
	if (cache_size != 0)
		for (i = 0; i < RTE_MAX_LCORE; i++)
			mempool_cache_init(&mp->local_cache[i], cache_size);
	if (rte_mempool_set_ops_byname(mp, mempool_default_ops(flags),
			NULL) != 0) {
		rte_memzone_free(mz);
		rte_errno = ENOENT;
		return NULL;
	}
	te->data = mp;
	rte_mcfg_tailq_write_lock();
	TAILQ_INSERT_TAIL(&rte_mempool_tailq.head->tailq_head, te, next);
	rte_mcfg_tailq_write_unlock();
	return mp;
}

struct rte_mempool *
rte_mempool_create_empty(const char *name, unsigned int n,
	unsigned int elt_size, unsigned int cache_size,
	unsigned int private_data_size, int socket_id, unsigned int flags)
{
	struct rte_tailq_entry *te;
	struct rte_mempool *mp;
	int ret;

	ret = mempool_check_args(name, n, elt_size, cache_size, flags);
	if (ret != 0) {
		MEMPOOL_LOG(ERR, "%s(%s): invalid arguments (n %u, elt_size "
			"%u, cache_size %u, flags 0x%x)", __func__,
			name != NULL ? name : "NULL", n, elt_size, cache_size,
			flags);
		rte_errno = -ret;
		return NULL;
	}
	te = rte_zmalloc("MEMPOOL_TAILQ_ENTRY", sizeof(*te), 0);
	if (te == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	rte_mcfg_mempool_write_lock();
	mp = mempool_create_locked(name, n, elt_size, cache_size,
		private_data_size, socket_id, flags, te);
	rte_mcfg_mempool_write_unlock();
	if (mp == NULL) {
		MEMPOOL_LOG(ERR, "%s(%s): %s", __func__, name,
			rte_strerror(rte_errno));
		rte_free(te);
	}
	return mp;
}

struct rte_mempool *
rte_mempool_create(const char *name, unsigned int n, unsigned int elt_size,
		unsigned int cache_size, unsigned int private_data_size,
		rte_mempool_ctor_t *mp_init, void *mp_init_arg,
		rte_mempool_obj_cb_t *obj_init, void *obj_init_arg,
		int socket_id, unsigned int flags)
{
	struct rte_mempool *mp;
	int ret;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
		private_data_size, socket_id, flags);
	if (mp == NULL)
		return NULL;
	if (mp_init != NULL)
		mp_init(mp, mp_init_arg);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0) {
		rte_mempool_free(mp);
		rte_errno = -ret;
		return NULL;
	}
	if (obj_init != NULL)
		rte_mempool_obj_iter(mp, obj_init, obj_init_arg);
	return mp;
}

static void
mempool_free_memchunks(struct rte_mempool *mp)
{
	struct rte_mempool_memhdr *memhdr;

	while (!STAILQ_EMPTY(&mp->elt_list))
		STAILQ_REMOVE_HEAD(&mp->elt_list, next);
	while ((memhdr = STAILQ_FIRST(&mp->mem_list)) != NULL) {
		STAILQ_REMOVE_HEAD(&mp->mem_list, next);
		/* chunks of one memzone precede the one that frees it */
		if (memhdr->free_cb != NULL)
			memhdr->free_cb(memhdr, memhdr->opaque);
		rte_free(memhdr);
		mp->nb_mem_chunks--;
	}
	mp->populated_size = 0;
}

void
rte_mempool_free(struct rte_mempool *mp)
{
	struct rte_tailq_entry_head *list;
	struct rte_tailq_entry *te;
	unsigned int nb;

	if (mp == NULL)
		return;
	/* before any lock: callbacks may call the mempool API */
	mempool_event_invoke(RTE_MEMPOOL_EVENT_DESTROY, mp);
	rte_mcfg_mempool_write_lock();
	rte_mcfg_tailq_write_lock();
	list = &rte_mempool_tailq.head->tailq_head;
	TAILQ_FOREACH(te, list, next) {
		if (te->data == mp)
			break;
	}
	if (te != NULL)
		TAILQ_REMOVE(list, te, next);
	rte_mcfg_tailq_write_unlock();
	rte_free(te);
	if (mp->flags & RTE_MEMPOOL_F_POOL_CREATED)
		rte_mempool_ops_free(mp);
	nb = mp->nb_mem_chunks;
	mempool_free_memchunks(mp);
	mempool_free_chunk_mzs(mp, nb);
	rte_memzone_free(mp->mz);
	rte_mcfg_mempool_write_unlock();
}

/* ---- caches ---- */

struct rte_mempool_cache *
rte_mempool_cache_create(uint32_t size, int socket_id)
{
	struct rte_mempool_cache *cache;

	if (size == 0 || size > RTE_MEMPOOL_CACHE_MAX_SIZE) {
		rte_errno = EINVAL;
		return NULL;
	}
	cache = rte_zmalloc_socket("MEMPOOL_CACHE", sizeof(*cache),
		RTE_CACHE_LINE_SIZE, socket_id);
	if (cache == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	mempool_cache_init(cache, size);
	return cache;
}

void
rte_mempool_cache_free(struct rte_mempool_cache *cache)
{
	rte_free(cache);
}

int
rte_mempool_cache_refill_get(struct rte_mempool *mp, void **obj_table,
		unsigned int n, struct rte_mempool_cache *cache)
{
	unsigned int have, i;

	if (cache == NULL || n >= cache->size)
		goto direct;
	/* refill to the nominal size plus what this call takes */
	have = cache->len;
	if (rte_mempool_ops_dequeue_bulk(mp, &cache->objs[have],
			cache->size + n - have) == 0) {
		cache->len = cache->size + n;
		for (i = 0; i < n; i++)
			obj_table[i] = cache->objs[--cache->len];
		return 0;
	}
direct:
	/* the store is short: cached objects plus the rest from the store */
	have = cache == NULL ? 0 : RTE_MIN(cache->len, n);
	if (have < n && rte_mempool_ops_dequeue_bulk(mp, obj_table + have,
			n - have) < 0)
		return -ENOENT;
	for (i = 0; i < have; i++)
		obj_table[i] = cache->objs[--cache->len];
	return 0;
}

int
rte_mempool_get_contig_blocks(struct rte_mempool *mp,
		void **first_obj_table, unsigned int n)
{
	struct rte_mempool_ops *ops = rte_mempool_get_ops(mp->ops_index);

	if (ops->dequeue_contig_blocks == NULL)
		return -ENOTSUP;
	return ops->dequeue_contig_blocks(mp, first_obj_table, n) < 0 ?
		-ENOENT : 0;
}

/* ---- counts, iteration, dumps ---- */

unsigned int
rte_mempool_avail_count(const struct rte_mempool *mp)
{
	unsigned int count, i;

	count = rte_mempool_ops_get_count(mp);
	if (mp->cache_size != 0)
		for (i = 0; i < RTE_MAX_LCORE; i++)
			count += mp->local_cache[i].len;
	/* caches are read racily: never report more than exists */
	return RTE_MIN(count, mp->size);
}

unsigned int
rte_mempool_in_use_count(const struct rte_mempool *mp)
{
	return mp->size - rte_mempool_avail_count(mp);
}

uint32_t
rte_mempool_obj_iter(struct rte_mempool *mp, rte_mempool_obj_cb_t *obj_cb,
	void *obj_cb_arg)
{
	struct rte_mempool_objhdr *hdr;
	uint32_t n = 0;

	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		obj_cb(mp, obj_cb_arg, (char *)hdr + sizeof(*hdr), n);
		n++;
	}
	return n;
}

uint32_t
rte_mempool_mem_iter(struct rte_mempool *mp, rte_mempool_mem_cb_t *mem_cb,
	void *mem_cb_arg)
{
	struct rte_mempool_memhdr *hdr;
	uint32_t n = 0;

	STAILQ_FOREACH(hdr, &mp->mem_list, next) {
		mem_cb(mp, mem_cb_arg, hdr, n);
		n++;
	}
	return n;
}

void
rte_mempool_audit(struct rte_mempool *mp)
{
	struct rte_mempool_objhdr *hdr;
	unsigned int n = 0, i;

	STAILQ_FOREACH(hdr, &mp->elt_list, next) {
		if (hdr->mp != mp)
			rte_panic("mempool %s: object %p names pool %p\n",
				mp->name, (void *)(hdr + 1), (void *)hdr->mp);
		n++;
	}
	if (n != mp->populated_size)
		rte_panic("mempool %s: %u objects listed, %u populated\n",
			mp->name, n, mp->populated_size);
	if (mp->cache_size != 0)
		for (i = 0; i < RTE_MAX_LCORE; i++)
			if (mp->local_cache[i].len >
					2 * RTE_MEMPOOL_CACHE_MAX_SIZE)
				rte_panic("mempool %s: cache %u holds %u\n",
					mp->name, i, mp->local_cache[i].len);
}

static void
mempool_dump_caches(FILE *f, const struct rte_mempool *mp)
{
	unsigned int i, total = 0;

	fprintf(f, "  cache_size=%" PRIu32 "\n", mp->cache_size);
	if (mp->cache_size == 0)
		return;
	for (i = 0; i < RTE_MAX_LCORE; i++) {
		if (mp->local_cache[i].len == 0)
			continue;
		fprintf(f, "    cache_count[%u]=%" PRIu32 "\n", i,
			mp->local_cache[i].len);
		total += mp->local_cache[i].len;
	}
	fprintf(f, "    total_cache_count=%u\n", total);
}

void
rte_mempool_dump(FILE *f, struct rte_mempool *mp)
{
	struct rte_mempool_memhdr *memhdr;

	if (f == NULL || mp == NULL)
		return;
	fprintf(f, "mempool <%s>@%p\n", mp->name, (void *)mp);
	fprintf(f, "  flags=%x\n", mp->flags);
	fprintf(f, "  socket_id=%d\n", mp->socket_id);
	fprintf(f, "  pool=%p\n", mp->pool_data);
	fprintf(f, "  ops=%s\n", rte_mempool_get_ops(mp->ops_index)->name);
	fprintf(f, "  size=%" PRIu32 "\n", mp->size);
	fprintf(f, "  populated_size=%" PRIu32 "\n", mp->populated_size);
	fprintf(f, "  header_size=%" PRIu32 "\n", mp->header_size);
	fprintf(f, "  elt_size=%" PRIu32 "\n", mp->elt_size);
	fprintf(f, "  trailer_size=%" PRIu32 "\n", mp->trailer_size);
	fprintf(f, "  total_obj_size=%zu\n", mempool_total_elt_size(mp));
	fprintf(f, "  private_data_size=%u\n", mp->private_data_size);
	fprintf(f, "  nb_mem_chunks=%" PRIu32 "\n", mp->nb_mem_chunks);
	STAILQ_FOREACH(memhdr, &mp->mem_list, next)
		fprintf(f, "    addr=%p iova=0x%" PRIx64 " len=%zu\n",
			memhdr->addr, (uint64_t)memhdr->iova, memhdr->len);
	mempool_dump_caches(f, mp);
	fprintf(f, "  common_pool_count=%u\n", rte_mempool_ops_get_count(mp));
	fprintf(f, "  avail_count=%u in_use_count=%u\n",
		rte_mempool_avail_count(mp), rte_mempool_in_use_count(mp));
}

void
rte_mempool_walk(void (*func)(struct rte_mempool *, void *), void *arg)
{
	struct rte_tailq_entry_head *list;
	struct rte_tailq_entry *te, *tmp;

	if (func == NULL)
		return;
	list = &rte_mempool_tailq.head->tailq_head;
	rte_mcfg_mempool_read_lock();
	RTE_TAILQ_FOREACH_SAFE(te, list, next, tmp)
		func(te->data, arg);
	rte_mcfg_mempool_read_unlock();
}

static void
mempool_dump_one(struct rte_mempool *mp, void *arg)
{
	rte_mempool_dump(arg, mp);
}

void
rte_mempool_list_dump(FILE *f)
{
	rte_mempool_walk(mempool_dump_one, f);
}

struct rte_mempool *
rte_mempool_lookup(const char *name)
{
	struct rte_mempool *mp;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	rte_mcfg_mempool_read_lock();
	mp = mempool_lookup_locked(name);
	rte_mcfg_mempool_read_unlock();
	if (mp == NULL)
		rte_errno = ENOENT;
	return mp;
}

/* ---- mempool event callbacks (per process: function addresses) ---- */

struct mempool_event_cb {
	TAILQ_ENTRY(mempool_event_cb) next;
	rte_mempool_event_callback *func;
	void *user_data;
};

static TAILQ_HEAD(, mempool_event_cb) mempool_event_cbs =
	TAILQ_HEAD_INITIALIZER(mempool_event_cbs);
static pthread_mutex_t mempool_event_lock = PTHREAD_MUTEX_INITIALIZER;

static struct mempool_event_cb *
mempool_event_find(rte_mempool_event_callback *func, void *user_data)
{
	struct mempool_event_cb *cb;

	TAILQ_FOREACH(cb, &mempool_event_cbs, next)
		if (cb->func == func && cb->user_data == user_data)
			return cb;
	return NULL;
}

int
rte_mempool_event_callback_register(rte_mempool_event_callback *func,
	void *user_data)
{
	struct mempool_event_cb *cb;
	int ret = 0;

	if (func == NULL) {
		RTE_LOG(ERR, MEMPOOL, "%s(): func is NULL\n", __func__);
		rte_errno = EINVAL;
		return -EINVAL;
	}
	pthread_mutex_lock(&mempool_event_lock);
	if (mempool_event_find(func, user_data) != NULL) {
		ret = -EEXIST;
		goto out;
	}
	cb = malloc(sizeof(*cb));
	if (cb == NULL) {
		ret = -ENOMEM;
		goto out;
	}
	cb->func = func;
	cb->user_data = user_data;
	TAILQ_INSERT_TAIL(&mempool_event_cbs, cb, next);
out:
	pthread_mutex_unlock(&mempool_event_lock);
	if (ret != 0)
		rte_errno = -ret;
	return ret;
}

int
rte_mempool_event_callback_unregister(rte_mempool_event_callback *func,
	void *user_data)
{
	struct mempool_event_cb *cb;

	pthread_mutex_lock(&mempool_event_lock);
	cb = mempool_event_find(func, user_data);
	if (cb != NULL)
		TAILQ_REMOVE(&mempool_event_cbs, cb, next);
	pthread_mutex_unlock(&mempool_event_lock);
	if (cb == NULL) {
		rte_errno = ENOENT;
		return -ENOENT;
	}
	free(cb);
	return 0;
}

/*
 * Call the callbacks registered when the event starts, unlocked so that
 * they may use the API; one unregistered meanwhile is skipped and one
 * registered meanwhile waits for the next event.
 */
static void
mempool_event_invoke(enum rte_mempool_event event, struct rte_mempool *mp)
{
	struct mempool_event_cb *cb, *snap;
	unsigned int n = 0, i;

	pthread_mutex_lock(&mempool_event_lock);
	TAILQ_FOREACH(cb, &mempool_event_cbs, next)
		n++;
	snap = n != 0 ? malloc(n * sizeof(*snap)) : NULL;
	if (snap == NULL) {
		if (n != 0)
			RTE_LOG(ERR, MEMPOOL, "%s: no memory to call the "
				"event callbacks of %s\n", __func__, mp->name);
		pthread_mutex_unlock(&mempool_event_lock);
		return;
	}
	i = 0;
	TAILQ_FOREACH(cb, &mempool_event_cbs, next)
		snap[i++] = *cb;
	pthread_mutex_unlock(&mempool_event_lock);
	for (i = 0; i < n; i++) {
		pthread_mutex_lock(&mempool_event_lock);
		cb = mempool_event_find(snap[i].func, snap[i].user_data);
		pthread_mutex_unlock(&mempool_event_lock);
		if (cb != NULL)
			snap[i].func(event, mp, snap[i].user_data);
	}
	free(snap);
}
