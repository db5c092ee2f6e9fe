/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memzones: the named reservation table (mcfg->memzones, an fbarray of
 * struct rte_memzone shared by all processes) over heap allocations.
 *
 * mlock comes after the heap locks and the hotplug lock in the lock order,
 * and a reservation may plug pages, so reserve is prepare -> allocate ->
 * commit: check the name under mlock (read), allocate with no lock of ours
 * held, then take mlock (write) to claim a slot, freeing the memory again
 * if the name was taken or the table filled up meanwhile.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_rwlock.h>

#include "eal_memcfg.h"
#include "eal_private.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

#define MZ_LOG(level, ...) RTE_LOG(level, EAL, __VA_ARGS__)

#define MZ_PAGE_FLAGS (RTE_MEMZONE_2MB | RTE_MEMZONE_1GB | \
	RTE_MEMZONE_16MB | RTE_MEMZONE_16GB | RTE_MEMZONE_256KB | \
	RTE_MEMZONE_256MB | RTE_MEMZONE_512MB | RTE_MEMZONE_4GB | \
	RTE_MEMZONE_4KB | RTE_MEMZONE_64KB)
#define MZ_ALL_FLAGS (MZ_PAGE_FLAGS | RTE_MEMZONE_SIZE_HINT_ONLY | \
	RTE_MEMZONE_IOVA_CONTIG)

/* ---------------------------------------------------------------------- */
/* table (mlock held by the caller)                                       */

static struct rte_memzone *
mz_find_locked(struct rte_mem_config *mcfg, const char *name)
{
	struct rte_fbarray *arr = &mcfg->memzones;
	int idx = rte_fbarray_find_next_used(arr, 0);

	while (idx >= 0) {
		struct rte_memzone *mz = rte_fbarray_get(arr, idx);

		if (strncmp(mz->name, name, RTE_MEMZONE_NAMESIZE) == 0)
			return mz;
		idx = rte_fbarray_find_next_used(arr, idx + 1);
	}
	return NULL;
}

/* 0 if name may be reserved now, else -EEXIST or -ENOSPC */
static int
mz_check_name(const char *name)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int ret = 0;

	rte_rwlock_read_lock(&mcfg->mlock);
	if (mz_find_locked(mcfg, name) != NULL)
		ret = -EEXIST;
	else if (rte_fbarray_find_next_free(&mcfg->memzones, 0) < 0)
		ret = -ENOSPC;
	rte_rwlock_read_unlock(&mcfg->mlock);
	return ret;
}

static void
mz_fill(struct rte_memzone *mz, const char *name, void *addr, size_t len,
		int socket_id, unsigned int flags)
{
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);

	memset(mz, 0, sizeof(*mz));
	snprintf(mz->name, sizeof(mz->name), "%s", name);
	mz->addr = addr;
	mz->iova = rte_malloc_virt2iova(addr);
	mz->len = len;
	mz->hugepage_sz = msl != NULL ? msl->page_sz : 0;
	mz->socket_id = socket_id;
	mz->flags = flags;
}

/* claim a slot for addr; -EEXIST/-ENOSPC if it can no longer be had */
static const struct rte_memzone *
mz_commit(const char *name, void *addr, size_t len, int socket_id,
		unsigned int flags, int *err)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct rte_memzone *mz = NULL;
	int idx;

	rte_rwlock_write_lock(&mcfg->mlock);
	if (mz_find_locked(mcfg, name) != NULL) {
		*err = -EEXIST;
	} else {
		idx = rte_fbarray_find_next_free(&mcfg->memzones, 0);
		if (idx < 0) {
			*err = -ENOSPC;
		} else {
			mz = rte_fbarray_get(&mcfg->memzones, idx);
			mz_fill(mz, name, addr, len, socket_id, flags);
			rte_fbarray_set_used(&mcfg->memzones, idx);
		}
	}
	rte_rwlock_write_unlock(&mcfg->mlock);
	return mz;
}

/* ---------------------------------------------------------------------- */
/* allocation                                                             */

static void
mz_release_memory(void *addr)
{
	struct malloc_elem *elem = malloc_elem_from_data(addr);

	if (elem != NULL)
		malloc_heap_free(elem);
}

/* the heap with the biggest free block among candidates */
static struct malloc_heap *
biggest_heap(int socket_id)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct rte_malloc_socket_stats st;
	struct malloc_heap *best = NULL;
	size_t best_sz = 0;
	int i;

	if (socket_id != SOCKET_ID_ANY)
		return malloc_heap_get(socket_id);
	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *heap = &mcfg->malloc_heaps[i];

		if (!heap->in_use || heap->external)
			continue;
		malloc_heap_get_stats(heap, &st);
		if (best == NULL || st.greatest_free_size > best_sz) {
			best = heap;
			best_sz = st.greatest_free_size;
		}
	}
	return best;
}

static void *
mz_alloc(const struct malloc_req *req, int socket_id, bool biggest,
		struct malloc_heap **used, int *err)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct malloc_heap *heap;
	void *addr;
	int i;

	*err = -ENOMEM;
	if (biggest) {
		heap = biggest_heap(socket_id);
		*used = heap;
		return heap == NULL ? NULL :
			malloc_heap_alloc_biggest(heap, req, err);
	}
	heap = malloc_heap_get(socket_id == SOCKET_ID_ANY ?
			(int)rte_socket_id() : socket_id);
	if (heap == NULL && socket_id == SOCKET_ID_ANY)
		heap = malloc_heap_get(0);
	if (heap != NULL) {
		*used = heap;
		addr = malloc_heap_alloc(heap, req, err);
		if (addr != NULL || socket_id != SOCKET_ID_ANY)
			return addr;
	}
	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		struct malloc_heap *h = &mcfg->malloc_heaps[i];

		if (!h->in_use || h->external || h == heap)
			continue;
		*used = h;
		addr = malloc_heap_alloc(h, req, err);
		if (addr != NULL)
			return addr;
	}
	return NULL;
}

static int
mz_check_args(const char *name, size_t len, int socket_id,
		unsigned int flags, unsigned int align, unsigned int bound)
{
	if (name == NULL)
		return -EINVAL;
	if (strnlen(name, RTE_MEMZONE_NAMESIZE) == RTE_MEMZONE_NAMESIZE)
		return -ENAMETOOLONG;
	if (name[0] == '\0' || (flags & ~MZ_ALL_FLAGS) != 0)
		return -EINVAL;
	if (align != 0 && !rte_is_power_of_2(align))
		return -EINVAL;
	/* an alignment above the boundary is fine: a start aligned to it
	 * is aligned to the boundary too (DPDK accepts it) */
	if (bound != 0 && (!rte_is_power_of_2(bound) || bound < len))
		return -EINVAL;
	if (socket_id != SOCKET_ID_ANY && malloc_heap_get(socket_id) == NULL)
		return -EINVAL;
	if (len > SIZE_MAX - RTE_CACHE_LINE_SIZE)
		return -ENOMEM;
	return 0;
}

static const struct rte_memzone *
mz_reserve(const char *name, size_t len, int socket_id, unsigned int flags,
		unsigned int align, unsigned int bound)
{
	struct malloc_req req = { 0 };
	struct malloc_heap *heap = NULL;
	const struct rte_memzone *mz;
	void *addr;
	int err;

	err = mz_check_args(name, len, socket_id, flags, align, bound);
	if (err == 0)
		err = mz_check_name(name);
	if (err != 0)
		goto fail;
	req.size = RTE_ALIGN_CEIL(len, RTE_CACHE_LINE_SIZE);
	/* len 0 asks for the biggest zone; under a boundary that is the
	 * boundary itself, as in DPDK */
	if (len == 0 && bound != 0)
		req.size = bound;
	req.align = RTE_MAX(align, (unsigned int)RTE_CACHE_LINE_SIZE);
	req.bound = bound;
	req.flags = flags;
	req.contig = (flags & RTE_MEMZONE_IOVA_CONTIG) != 0;
	addr = mz_alloc(&req, socket_id, req.size == 0, &heap, &err);
	if (addr == NULL)
		goto fail;
	if (req.size == 0)
		req.size = malloc_elem_data_size(malloc_elem_from_data(addr));
	mz = mz_commit(name, addr, req.size, (int)heap->socket_id, flags,
			&err);
	if (mz == NULL) {
		mz_release_memory(addr);
		goto fail;
	}
	return mz;
fail:
	MZ_LOG(ERR, "memzone reserve %s (len %zu socket %d flags 0x%x align "
			"%u bound %u): %s\n", name != NULL ? name : "(null)",
			len, socket_id, flags, align, bound, strerror(-err));
	rte_errno = -err;
	return NULL;
}

/* ---------------------------------------------------------------------- */
/* API                                                                    */

const struct rte_memzone *
rte_memzone_reserve(const char *name, size_t len, int socket_id,
		unsigned int flags)
{
	return mz_reserve(name, len, socket_id, flags, RTE_CACHE_LINE_SIZE, 0);
}

const struct rte_memzone *
rte_memzone_reserve_aligned(const char *name, size_t len, int socket_id,
		unsigned int flags, unsigned int align)
{
	return mz_reserve(name, len, socket_id, flags, align, 0);
}

const struct rte_memzone *
rte_memzone_reserve_bounded(const char *name, size_t len, int socket_id,
		unsigned int flags, unsigned int align, unsigned int bound)
{
	return mz_reserve(name, len, socket_id, flags, align, bound);
}

int
rte_memzone_free(const struct rte_memzone *mz)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	void *addr = NULL;
	int idx;

	if (mz == NULL)
		return -EINVAL;
	rte_rwlock_write_lock(&mcfg->mlock);
	idx = rte_fbarray_find_idx(&mcfg->memzones, mz);
	if (idx >= 0 && rte_fbarray_is_used(&mcfg->memzones, idx) == 1) {
		addr = mz->addr;
		memset(rte_fbarray_get(&mcfg->memzones, idx), 0, sizeof(*mz));
		rte_fbarray_set_free(&mcfg->memzones, idx);
	}
	rte_rwlock_write_unlock(&mcfg->mlock);
	if (addr == NULL) {
		MZ_LOG(ERR, "rte_memzone_free: %p is not a reserved memzone\n",
				(const void *)mz);
		return -EINVAL;
	}
	mz_release_memory(addr);
	return 0;
}

const struct rte_memzone *
rte_memzone_lookup(const char *name)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	const struct rte_memzone *mz;

	if (name == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	rte_rwlock_read_lock(&mcfg->mlock);
	mz = mz_find_locked(mcfg, name);
	rte_rwlock_read_unlock(&mcfg->mlock);
	if (mz == NULL)
		rte_errno = ENOENT;
	return mz;
}

void
rte_memzone_walk(void (*func)(const struct rte_memzone *, void *arg),
		void *arg)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int idx;

	if (func == NULL)
		return;
	rte_rwlock_read_lock(&mcfg->mlock);
	for (idx = rte_fbarray_find_next_used(&mcfg->memzones, 0); idx >= 0;
			idx = rte_fbarray_find_next_used(&mcfg->memzones,
			idx + 1))
		func(rte_fbarray_get(&mcfg->memzones, idx), arg);
	rte_rwlock_read_unlock(&mcfg->mlock);
}

static void
dump_one(const struct rte_memzone *mz, void *arg)
{
	FILE *f = arg;
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(mz->addr);
	const void *p, *end = RTE_PTR_ADD(mz->addr, mz->len);

	fprintf(f, "Zone %s: addr %p len 0x%zx iova 0x%" PRIx64 " socket %d"
			" page_sz %" PRIu64 " flags 0x%x\n", mz->name,
			mz->addr, mz->len, mz->iova, mz->socket_id,
			mz->hugepage_sz, mz->flags);
	if (msl == NULL)
		return;
	for (p = RTE_PTR_ALIGN_FLOOR(mz->addr, msl->page_sz); p < end;
			p = RTE_PTR_ADD(p, msl->page_sz)) {
		const struct rte_memseg *ms = rte_mem_virt2memseg(p, msl);

		fprintf(f, "  page %p iova 0x%" PRIx64 "\n", p,
				ms != NULL ? ms->iova : RTE_BAD_IOVA);
	}
}

void
rte_memzone_dump(FILE *f)
{
	rte_memzone_walk(dump_one, f);
}

int
rte_eal_memzone_init(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int ret;

	/* init runs before anything else may touch the table: no mlock */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		ret = rte_fbarray_init(&mcfg->memzones, "memzone",
				RTE_MAX_MEMZONE, sizeof(struct rte_memzone));
	else
		ret = rte_fbarray_attach(&mcfg->memzones);
	if (ret < 0) {
		MZ_LOG(ERR, "memzone table: cannot %s it: %s\n",
				rte_eal_process_type() == RTE_PROC_PRIMARY ?
				"create" : "attach", rte_strerror(rte_errno));
		return -rte_errno;
	}
	return 0;
}
