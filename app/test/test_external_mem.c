/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * external_mem_autotest: named heaps over memory the application mapped
 * itself (rte_malloc_heap_*), and bare registration (rte_extmem_*).
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "malloc_heap.h"
#include "test.h"

#define EXT_PG 4096
#define EXT_PAGES 256
#define EXT_LEN (EXT_PG * EXT_PAGES)
#define HEAP_OK() TEST_ASSERT_SUCCESS(malloc_heap_check_all(), \
		"heap_check failed (see stderr)")

struct ext_events {
	unsigned int n_alloc, n_free;
	size_t len;
};

static void
ext_event_cb(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	struct ext_events *ev = arg;

	RTE_SET_USED(addr);
	if (type == RTE_MEM_EVENT_ALLOC)
		ev->n_alloc++;
	else
		ev->n_free++;
	ev->len = len;
}

static void *
ext_map(void)
{
	void *va = mmap(NULL, EXT_LEN, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	return va == MAP_FAILED ? NULL : va;
}

static int
test_named_heap(void)
{
	rte_iova_t iova[EXT_PAGES];
	struct ext_events ev = { 0 };
	const struct rte_memzone *mz;
	void *va = ext_map(), *p, *q;
	bool ev_ok;
	unsigned int i;
	int socket;

	TEST_ASSERT_NOT_NULL(va, "mmap");
	for (i = 0; i < EXT_PAGES; i++)
		iova[i] = 0x100000000ULL + (uint64_t)i * EXT_PG;
	TEST_ASSERT_SUCCESS(rte_malloc_heap_create("ext_heap"), "create");
	TEST_ASSERT_EQUAL(rte_malloc_heap_create("ext_heap"), -1, "twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "errno %d", rte_errno);
	socket = rte_malloc_heap_get_socket("ext_heap");
	TEST_ASSERT(socket >= RTE_MAX_NUMA_NODES, "socket id %d", socket);
	TEST_ASSERT_EQUAL(rte_malloc_heap_socket_is_external(socket), 1,
			"not external");
	/* empty heap: nothing to allocate, and no hot-plug for it */
	TEST_ASSERT_NULL(rte_malloc_socket(NULL, 64, 0, socket), "from empty");
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("ext_heap", va, EXT_LEN,
			iova, 3, EXT_PG), -1, "wrong page count accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	/* without an IOVA table the page count is ignored, as in DPDK */
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_add("ext_heap", va, EXT_LEN,
			NULL, EXT_PAGES, EXT_PG), "no IOVAs, page count: %s",
			rte_strerror(rte_errno));
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("ext_heap", va,
			EXT_LEN), "remove: %s", rte_strerror(rte_errno));
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("socket_0", va, EXT_LEN,
			iova, EXT_PAGES, EXT_PG), -1, "added to a socket heap");
	TEST_ASSERT_EQUAL(rte_errno, EPERM, "errno %d", rte_errno);
	ev_ok = rte_mem_event_callback_register("ext_test", ext_event_cb,
			&ev) == 0;
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_add("ext_heap", va,
			EXT_LEN, iova, EXT_PAGES, EXT_PG), "add: %s",
			rte_strerror(rte_errno));
	TEST_ASSERT(!ev_ok || (ev.n_alloc == 1 && ev.len == EXT_LEN),
			"ALLOC event for the added memory: %u", ev.n_alloc);
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_add("ext_heap", va, EXT_LEN,
			iova, EXT_PAGES, EXT_PG), -1, "added twice");
	HEAP_OK();
	p = rte_malloc_socket(NULL, 100000, 0, socket);
	TEST_ASSERT_NOT_NULL(p, "malloc from external heap");
	TEST_ASSERT(p >= va && RTE_PTR_ADD(p, 100000) <=
			RTE_PTR_ADD(va, EXT_LEN), "%p outside the area", p);
	TEST_ASSERT_EQUAL(rte_malloc_virt2iova(p), iova[0] +
			RTE_PTR_DIFF(p, va), "IOVA of external memory");
	q = rte_malloc_socket(NULL, 64, 0, socket);
	TEST_ASSERT_NOT_NULL(q, "small malloc from external heap");
	mz = rte_memzone_reserve("ext_mz", 4096, socket, 0);
	TEST_ASSERT_NOT_NULL(mz, "memzone on external heap");
	TEST_ASSERT_EQUAL(mz->socket_id, socket, "memzone socket");
	HEAP_OK();
	TEST_ASSERT_EQUAL(rte_malloc_heap_memory_remove("ext_heap", va,
			EXT_LEN), -1, "removed while in use");
	TEST_ASSERT_EQUAL(rte_errno, EBUSY, "errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_malloc_heap_destroy("ext_heap"), -1,
			"destroyed with memory");
	rte_free(p);
	rte_free(q);
	TEST_ASSERT_SUCCESS(rte_memzone_free(mz), "free memzone");
	HEAP_OK();
	TEST_ASSERT_SUCCESS(rte_malloc_heap_memory_remove("ext_heap", va,
			EXT_LEN), "remove: %s", rte_strerror(rte_errno));
	TEST_ASSERT(!ev_ok || ev.n_free == 1, "FREE event: %u", ev.n_free);
	if (ev_ok)
		rte_mem_event_callback_unregister("ext_test", &ev);
	TEST_ASSERT_EQUAL(rte_malloc_heap_destroy("socket_0"), -1,
			"socket heap destroyed");
	TEST_ASSERT_EQUAL(rte_errno, EPERM, "errno %d", rte_errno);
	TEST_ASSERT_SUCCESS(rte_malloc_heap_destroy("ext_heap"), "destroy");
	TEST_ASSERT_EQUAL(rte_malloc_heap_get_socket("ext_heap"), -1,
			"destroyed heap found");
	HEAP_OK();
	munmap(va, EXT_LEN);
	return TEST_SUCCESS;
}

static int
test_extmem_register(void)
{
	void *va = ext_map();

	TEST_ASSERT_NOT_NULL(va, "mmap");
	TEST_ASSERT_EQUAL(rte_extmem_register(va, EXT_LEN, NULL, 0, 3000), -1,
			"page size 3000 accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_extmem_register(RTE_PTR_ADD(va, 1), EXT_PG,
			NULL, 0, EXT_PG), -1, "misaligned area accepted");
	TEST_ASSERT_SUCCESS(rte_extmem_register(va, EXT_LEN, NULL, 0, EXT_PG),
			"register: %s", rte_strerror(rte_errno));
	TEST_ASSERT_NOT_NULL(rte_mem_virt2memseg_list(va), "no memseg list");
	TEST_ASSERT(rte_mem_virt2memseg_list(va)->external, "not external");
	TEST_ASSERT_EQUAL(rte_extmem_register(va, EXT_LEN, NULL, 0, EXT_PG),
			-1, "registered twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_extmem_unregister(va, EXT_PG), -1,
			"unregistered a part");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "errno %d", rte_errno);
	TEST_ASSERT_SUCCESS(rte_extmem_unregister(va, EXT_LEN), "unregister");
	TEST_ASSERT_NULL(rte_mem_virt2memseg_list(va), "list left behind");
	TEST_ASSERT_EQUAL(rte_extmem_unregister(va, EXT_LEN), -1,
			"unregistered twice");
	munmap(va, EXT_LEN);
	HEAP_OK();
	return TEST_SUCCESS;
}

static struct unit_test_suite ext_suite = {
	.suite_name = "external memory autotest",
	.unit_test_cases = {
		TEST_CASE(test_named_heap),
		TEST_CASE(test_extmem_register),
		TEST_CASES_END()
	}
};

static int
test_external_mem(void)
{
	return unit_test_suite_runner(&ext_suite);
}

REGISTER_TEST_COMMAND(external_mem_autotest, test_external_mem);
