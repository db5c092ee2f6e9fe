/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * External memory: areas the application mapped itself, described as
 * memseg lists flagged external (one page per memseg, IOVAs as given) so
 * that walks, virt2iova and DMA mapping see them. rte_extmem_*() only
 * registers an area; rte_malloc_heap_memory_*() also puts it in a named
 * heap. Changes to the list table take the memory_hotplug_lock for writing.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_log.h>
#include <rte_malloc.h>
#include <rte_memory.h>

#include "eal_memalloc.h"
#include "eal_memcfg.h"
#include "malloc_elem.h"
#include "malloc_heap.h"

#define EXT_LOG(level, ...) RTE_LOG(level, EAL, __VA_ARGS__)

/* ---------------------------------------------------------------------- */
/* memseg lists for external areas (hotplug lock held for writing)        */

static bool
area_overlaps(const void *va, size_t len)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va == NULL)
			continue;
		if ((uintptr_t)va < (uintptr_t)msl->base_va + msl->len &&
				(uintptr_t)msl->base_va < (uintptr_t)va + len)
			return true;
	}
	return false;
}

static void
fill_segs(struct rte_memseg_list *msl, rte_iova_t iova_addrs[],
		unsigned int n_pages, int socket_id)
{
	unsigned int i;

	for (i = 0; i < n_pages; i++) {
		struct rte_memseg *ms = rte_fbarray_get(&msl->memseg_arr, i);

		memset(ms, 0, sizeof(*ms));
		ms->addr = RTE_PTR_ADD(msl->base_va, (size_t)i * msl->page_sz);
		ms->iova = iova_addrs != NULL ? iova_addrs[i] : RTE_BAD_IOVA;
		ms->len = msl->page_sz;
		ms->hugepage_sz = msl->page_sz;
		ms->socket_id = socket_id;
		ms->flags = RTE_MEMSEG_FLAG_EXTERNAL;
		rte_fbarray_set_used(&msl->memseg_arr, i);
	}
}

struct rte_memseg_list *
malloc_heap_create_external_seg(void *va, rte_iova_t iova_addrs[],
		unsigned int n_pages, size_t page_sz, const char *seg_name,
		unsigned int socket_id)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct rte_memseg_list *msl = NULL;
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		if (mcfg->memsegs[i].base_va == NULL &&
				mcfg->memsegs[i].len == 0) {
			msl = &mcfg->memsegs[i];
			break;
		}
	}
	if (msl == NULL) {
		rte_errno = ENOSPC;
		return NULL;
	}
	if (rte_fbarray_init(&msl->memseg_arr, seg_name, n_pages,
			sizeof(struct rte_memseg)) < 0) {
		rte_errno = rte_errno != 0 ? rte_errno : ENOMEM;
		return NULL;
	}
	msl->page_sz = page_sz;
	msl->socket_id = (int)socket_id;
	msl->len = (size_t)n_pages * page_sz;
	msl->external = 1;
	msl->heap = 0;
	msl->version = 0;
	msl->base_va = va;
	fill_segs(msl, iova_addrs, n_pages, (int)socket_id);
	return msl;
}

struct rte_memseg_list *
malloc_heap_find_external_seg(void *va, size_t len)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->external && msl->base_va == va && msl->len == len)
			return msl;
	}
	return NULL;
}

int
malloc_heap_destroy_external_seg(struct rte_memseg_list *msl)
{
	if (rte_fbarray_destroy(&msl->memseg_arr) < 0)
		return -rte_errno;
	memset(msl, 0, sizeof(*msl));
	return 0;
}

/* checks shared by every call that names an area */
static int
check_area(const void *va, size_t len, size_t page_sz)
{
	if (va == NULL || len == 0 || !rte_is_power_of_2(page_sz) ||
			((uintptr_t)va & (page_sz - 1)) != 0 ||
			(len & (page_sz - 1)) != 0 ||
			len / page_sz > UINT32_MAX)
		return -EINVAL;
	return 0;
}

static int
register_area(void *va, size_t len, rte_iova_t iova_addrs[],
		unsigned int n_pages, size_t page_sz, unsigned int socket_id,
		struct rte_memseg_list **out)
{
	char name[RTE_FBARRAY_NAME_LEN];
	struct rte_memseg_list *msl;

	/* as in DPDK, n_pages only counts the IOVA table: without one it is
	 * ignored (DPDK's own autotests pass the page count anyway) */
	if (check_area(va, len, page_sz) != 0 ||
			(iova_addrs != NULL && n_pages != len / page_sz))
		return -EINVAL;
	if (area_overlaps(va, len))
		return -EEXIST;
	snprintf(name, sizeof(name), "extmem_%p", va);
	msl = malloc_heap_create_external_seg(va, iova_addrs,
			(unsigned int)(len / page_sz), page_sz, name,
			socket_id);
	if (msl == NULL)
		return -rte_errno;
	*out = msl;
	return 0;
}

static int
fail(const char *fn, int err, const void *va, size_t len)
{
	EXT_LOG(ERR, "%s(%p, %zu): %s\n", fn, va, len, strerror(-err));
	rte_errno = -err;
	return -1;
}

/* ---------------------------------------------------------------------- */
/* rte_extmem_*: registration without a heap                              */

int
rte_extmem_register(void *va_addr, size_t len, rte_iova_t iova_addrs[],
		unsigned int n_pages, size_t page_sz)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct rte_memseg_list *msl;
	int ret;

	rte_mcfg_mem_write_lock();
	ret = register_area(va_addr, len, iova_addrs, n_pages, page_sz,
			(unsigned int)mcfg->next_socket_id, &msl);
	if (ret == 0)
		mcfg->next_socket_id++;
	rte_mcfg_mem_write_unlock();
	return ret == 0 ? 0 : fail(__func__, ret, va_addr, len);
}

int
rte_extmem_unregister(void *va_addr, size_t len)
{
	struct rte_memseg_list *msl;
	int ret = -ENOENT;

	if (va_addr == NULL || len == 0)
		return fail(__func__, -EINVAL, va_addr, len);
	rte_mcfg_mem_write_lock();
	msl = malloc_heap_find_external_seg(va_addr, len);
	if (msl != NULL && msl->heap)
		ret = -EBUSY; /* in a heap: rte_malloc_heap_memory_remove() */
	else if (msl != NULL)
		ret = malloc_heap_destroy_external_seg(msl);
	rte_mcfg_mem_write_unlock();
	return ret == 0 ? 0 : fail(__func__, ret, va_addr, len);
}

static int
attach_detach(const char *fn, void *va_addr, size_t len, bool attach)
{
	struct rte_memseg_list *msl;
	int ret = -ENOENT;

	if (va_addr == NULL || len == 0)
		return fail(fn, -EINVAL, va_addr, len);
	rte_mcfg_mem_read_lock();
	msl = malloc_heap_find_external_seg(va_addr, len);
	if (msl != NULL) {
		ret = attach ? rte_fbarray_attach(&msl->memseg_arr) :
				rte_fbarray_detach(&msl->memseg_arr);
		if (ret < 0)
			ret = -rte_errno;
	}
	rte_mcfg_mem_read_unlock();
	return ret == 0 ? 0 : fail(fn, ret, va_addr, len);
}

int
rte_extmem_attach(void *va_addr, size_t len)
{
	return attach_detach(__func__, va_addr, len, true);
}

int
rte_extmem_detach(void *va_addr, size_t len)
{
	return attach_detach(__func__, va_addr, len, false);
}

/* ---------------------------------------------------------------------- */
/* named heaps                                                            */

static int
named_heap(const char *name, struct malloc_heap **heap)
{
	if (name == NULL || name[0] == '\0' ||
			strnlen(name, RTE_HEAP_NAME_MAX_LEN) ==
			RTE_HEAP_NAME_MAX_LEN)
		return -EINVAL;
	*heap = malloc_heap_find_named(name);
	if (*heap == NULL)
		return -ENOENT;
	if (!(*heap)->external)
		return -EPERM;
	return 0;
}

/* the named heap a memory call is about; as in DPDK, a bad area is EINVAL
 * before the heap is looked up */
static int
named_heap_area(const char *name, const void *va, size_t len,
		struct malloc_heap **heap)
{
	if (va == NULL || len == 0)
		return -EINVAL;
	return named_heap(name, heap);
}

int
rte_malloc_heap_create(const char *heap_name)
{
	int ret;

	if (heap_name == NULL || heap_name[0] == '\0' ||
			strnlen(heap_name, RTE_HEAP_NAME_MAX_LEN) ==
			RTE_HEAP_NAME_MAX_LEN) {
		EXT_LOG(ERR, "rte_malloc_heap_create: bad heap name\n");
		rte_errno = EINVAL;
		return -1;
	}
	rte_mcfg_mem_write_lock();
	ret = malloc_heap_create(heap_name);
	rte_mcfg_mem_write_unlock();
	if (ret < 0) {
		EXT_LOG(ERR, "rte_malloc_heap_create(%s): %s\n", heap_name,
				strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int
rte_malloc_heap_destroy(const char *heap_name)
{
	struct malloc_heap *heap;
	int ret;

	rte_mcfg_mem_write_lock();
	ret = named_heap(heap_name, &heap);
	if (ret == 0)
		ret = malloc_heap_destroy(heap);
	rte_mcfg_mem_write_unlock();
	if (ret < 0) {
		EXT_LOG(ERR, "rte_malloc_heap_destroy(%s): %s\n",
				heap_name != NULL ? heap_name : "(null)",
				strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int
rte_malloc_heap_memory_add(const char *heap_name, void *va_addr, size_t len,
		rte_iova_t iova_addrs[], unsigned int n_pages, size_t page_sz)
{
	struct malloc_heap *heap;
	struct rte_memseg_list *msl;
	int ret;

	rte_mcfg_mem_write_lock();
	ret = named_heap_area(heap_name, va_addr, len, &heap);
	if (ret == 0)
		ret = register_area(va_addr, len, iova_addrs, n_pages, page_sz,
				heap->socket_id, &msl);
	if (ret == 0 && len < MALLOC_ELEM_MIN_SIZE) {
		malloc_heap_destroy_external_seg(msl);
		ret = -EINVAL;
	}
	if (ret == 0) {
		/* DMA mappers (VFIO) learn about it before the heap hands it out */
		ret = eal_memalloc_mem_event_notify(RTE_MEM_EVENT_ALLOC,
				va_addr, len);
		if (ret < 0)
			malloc_heap_destroy_external_seg(msl);
	}
	if (ret == 0) {
		ret = malloc_heap_add_external_memory(heap, msl);
		if (ret < 0)
			eal_memalloc_mem_event_notify(RTE_MEM_EVENT_FREE,
					va_addr, len);
	}
	rte_mcfg_mem_write_unlock();
	return ret == 0 ? 0 : fail(__func__, ret, va_addr, len);
}

int
rte_malloc_heap_memory_remove(const char *heap_name, void *va_addr,
		size_t len)
{
	struct malloc_heap *heap;
	struct rte_memseg_list *msl = NULL;
	int ret;

	rte_mcfg_mem_write_lock();
	ret = named_heap_area(heap_name, va_addr, len, &heap);
	if (ret == 0) {
		msl = malloc_heap_find_external_seg(va_addr, len);
		if (msl == NULL || msl->socket_id != (int)heap->socket_id)
			ret = -ENOENT;
	}
	if (ret == 0)
		ret = malloc_heap_remove_external_memory(heap, va_addr, len);
	if (ret == 0) {
		eal_memalloc_mem_event_notify(RTE_MEM_EVENT_FREE, va_addr, len);
		ret = malloc_heap_destroy_external_seg(msl);
	}
	rte_mcfg_mem_write_unlock();
	return ret == 0 ? 0 : fail(__func__, ret, va_addr, len);
}

static int
heap_attach_detach(const char *fn, const char *heap_name, void *va_addr,
		size_t len, bool attach)
{
	struct malloc_heap *heap;
	int ret;

	rte_mcfg_mem_read_lock();
	ret = named_heap_area(heap_name, va_addr, len, &heap);
	if (ret == 0) {
		struct rte_memseg_list *msl =
			malloc_heap_find_external_seg(va_addr, len);

		if (msl == NULL || msl->socket_id != (int)heap->socket_id)
			ret = -ENOENT;
	}
	rte_mcfg_mem_read_unlock();
	if (ret < 0)
		return fail(fn, ret, va_addr, len);
	return attach_detach(fn, va_addr, len, attach);
}

int
rte_malloc_heap_memory_attach(const char *heap_name, void *va_addr,
		size_t len)
{
	return heap_attach_detach(__func__, heap_name, va_addr, len, true);
}

int
rte_malloc_heap_memory_detach(const char *heap_name, void *va_addr,
		size_t len)
{
	return heap_attach_detach(__func__, heap_name, va_addr, len, false);
}

int
rte_malloc_heap_get_socket(const char *name)
{
	struct malloc_heap *heap;

	if (name == NULL || strnlen(name, RTE_HEAP_NAME_MAX_LEN) ==
			RTE_HEAP_NAME_MAX_LEN || name[0] == '\0') {
		EXT_LOG(ERR, "rte_malloc_heap_get_socket: bad name\n");
		rte_errno = EINVAL;
		return -1;
	}
	heap = malloc_heap_find_named(name);
	if (heap == NULL) {
		EXT_LOG(ERR, "rte_malloc_heap_get_socket: no heap %s\n", name);
		rte_errno = ENOENT;
		return -1;
	}
	return (int)heap->socket_id;
}

int
rte_malloc_heap_socket_is_external(int socket_id)
{
	struct malloc_heap *heap = malloc_heap_get(socket_id);

	if (heap == NULL) {
		EXT_LOG(ERR, "rte_malloc_heap_socket_is_external: no heap "
				"with socket %d\n", socket_id);
		rte_errno = EINVAL;
		return -1;
	}
	return heap->external ? 1 : 0;
}
