/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * memalloc_autotest: the page allocator (eal_memalloc.h) plugs and unplugs
 * pages in whatever backing mode the EAL was started with (per-page files,
 * --single-file-segments, --in-memory, --no-huge); meson runs it once per
 * mode. Every case checks that what it plugged is gone afterwards: the
 * fbarray counts, the files in the hugedir, the hugepages this process maps
 * and the system's free hugepage count all return to where they started.
 *
 * memalloc_perf_autotest: microseconds per page plugged and unplugged.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_memory.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_memcfg.h"
#include "eal_private.h"
#include "test.h"

/* validators of other areas, used when they are linked in */
int eal_fbarray_check(const struct rte_fbarray *arr) __attribute__((weak));
int eal_msl_check(const struct rte_memseg_list *msl) __attribute__((weak));

#define MT_MAX_EVENTS 256
#define MT_PATTERN 0x5a

struct mt_event {
	enum rte_mem_event type;
	const void *addr;
	size_t len;
	bool slots_used;   /**< every slot of the range was marked used */
	bool intact;       /**< FREE: memory still mapped, pattern intact */
};

/* what the test runs on: one (socket, page size) and how it is backed */
struct mt_ctx {
	struct rte_mem_config *mcfg;
	struct rte_memseg_list *msl; /**< first list of (socket, page_sz) */
	size_t page_sz;
	int socket;
	bool anon;      /**< --no-huge */
	bool hugetlbfs; /**< backed by files in a hugedir */
	bool files;     /**< ... which stay visible (not --huge-unlink=always) */
	bool per_page;  /**< one file per page */
	const char *dir;
	const char *prefix;
	int n_events;
	struct mt_event ev[MT_MAX_EVENTS];
	int validator_calls;
	size_t validator_new_len;
	int validator_answer;
};

static struct mt_ctx mt;

struct mt_snap {
	unsigned int used;   /**< used slots of (socket, page_sz) */
	int files;           /**< our files in the hugedir */
	long proc_huge_kb;   /**< HugetlbPages of this process */
	long free_pages;     /**< system free hugepages of page_sz */
};

/* ------------------------------------------------------------------------
 * observation helpers
 * ------------------------------------------------------------------------ */

static long
mt_proc_hugetlb_kb(void)
{
	char line[256];
	long kb = -1;
	FILE *f = fopen("/proc/self/status", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "HugetlbPages: %ld kB", &kb) == 1)
			break;
	fclose(f);
	return kb;
}

static long
mt_free_hugepages(size_t page_sz)
{
	char path[128];
	long n = -1;
	FILE *f;

	snprintf(path, sizeof(path),
		"/sys/kernel/mm/hugepages/hugepages-%zukB/free_hugepages",
		page_sz >> 10);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%ld", &n) != 1)
		n = -1;
	fclose(f);
	return n;
}

/* files named <prefix>map_* in the hugedir */
static int
mt_count_files(void)
{
	char head[NAME_MAX];
	struct dirent *de;
	DIR *d;
	int n = 0;

	if (!mt.files)
		return 0;
	snprintf(head, sizeof(head), "%smap_", mt.prefix);
	d = opendir(mt.dir);
	if (d == NULL)
		return -1;
	while ((de = readdir(d)) != NULL)
		if (strncmp(de->d_name, head, strlen(head)) == 0)
			n++;
	closedir(d);
	return n;
}

static unsigned int
mt_used_slots(void)
{
	unsigned int i, n = 0;
	struct rte_memseg_list *msl;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		msl = &mt.mcfg->memsegs[i];
		if (msl->base_va != NULL && !msl->external &&
				msl->page_sz == mt.page_sz &&
				msl->socket_id == mt.socket)
			n += msl->memseg_arr.count;
	}
	return n;
}

static uint64_t
mt_socket_bytes(void)
{
	struct rte_memseg_list *msl;
	uint64_t total = 0;
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		msl = &mt.mcfg->memsegs[i];
		if (msl->base_va != NULL && !msl->external &&
				msl->socket_id == mt.socket)
			total += (uint64_t)msl->memseg_arr.count * msl->page_sz;
	}
	return total;
}

static void
mt_snap_take(struct mt_snap *s)
{
	s->used = mt_used_slots();
	s->files = mt_count_files();
	s->proc_huge_kb = mt.anon ? 0 : mt_proc_hugetlb_kb();
	s->free_pages = mt.anon ? 0 : mt_free_hugepages(mt.page_sz);
}

/*
 * Back where we started? The system-wide free count may move under other
 * processes for a moment, and the kernel may hand freed pages back to the
 * pool from a work queue, so it gets up to 5 s; the rest is ours alone.
 */
static int
mt_snap_same(const struct mt_snap *a)
{
	struct mt_snap b;
	int tries;

	for (tries = 0; tries < 100; tries++) {
		mt_snap_take(&b);
		if (b.free_pages == a->free_pages)
			break;
		usleep(50 * 1000);
	}
	TEST_ASSERT_EQUAL(a->used, b.used, "used slots %u, now %u",
		a->used, b.used);
	TEST_ASSERT_EQUAL(a->files, b.files, "hugedir files %d, now %d",
		a->files, b.files);
	TEST_ASSERT_EQUAL(a->proc_huge_kb, b.proc_huge_kb,
		"HugetlbPages %ld kB, now %ld kB", a->proc_huge_kb,
		b.proc_huge_kb);
	TEST_ASSERT_EQUAL(a->free_pages, b.free_pages,
		"HugePages_Free %ld, now %ld", a->free_pages, b.free_pages);
	return TEST_SUCCESS;
}

/* the other areas' structure validators, after every step */
static int
mt_structures_ok(void)
{
	struct rte_memseg_list *msl;
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		msl = &mt.mcfg->memsegs[i];
		if (msl->base_va == NULL)
			continue;
		if (eal_fbarray_check != NULL)
			TEST_ASSERT_SUCCESS(eal_fbarray_check(&msl->memseg_arr),
				"fbarray of list %u inconsistent", i);
		if (eal_msl_check != NULL)
			TEST_ASSERT_SUCCESS(eal_msl_check(msl),
				"memseg list %u inconsistent", i);
	}
	return TEST_SUCCESS;
}

static struct rte_memseg_list *
mt_list_of(const void *addr, int *seg)
{
	struct rte_memseg_list *msl;
	uintptr_t a = (uintptr_t)addr, base;
	unsigned int i;

	for (i = 0; i < RTE_MAX_MEMSEG_LISTS; i++) {
		msl = &mt.mcfg->memsegs[i];
		base = (uintptr_t)msl->base_va;
		if (msl->base_va != NULL && a >= base && a < base + msl->len) {
			*seg = (int)((a - base) / msl->page_sz);
			return msl;
		}
	}
	return NULL;
}

/* ------------------------------------------------------------------------
 * allocator calls as the heap makes them: under the hotplug write lock
 * ------------------------------------------------------------------------ */

static int
mt_alloc(struct rte_memseg **ms, int n, bool exact)
{
	int ret;

	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_alloc_seg_bulk(ms, n, mt.page_sz, mt.socket, exact);
	rte_mcfg_mem_write_unlock();
	return ret;
}

static int
mt_alloc_contig(struct rte_memseg **ms, int n)
{
	int ret;

	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_alloc_seg_bulk_contig(ms, n, mt.page_sz, mt.socket);
	rte_mcfg_mem_write_unlock();
	return ret;
}

static int
mt_free(struct rte_memseg **ms, int n)
{
	int ret;

	rte_mcfg_mem_write_lock();
	ret = eal_memalloc_free_seg_bulk(ms, n);
	rte_mcfg_mem_write_unlock();
	return ret;
}

/* ------------------------------------------------------------------------
 * callbacks
 * ------------------------------------------------------------------------ */

static bool
mt_range_used(const void *addr, size_t len)
{
	struct rte_memseg_list *msl;
	size_t off;
	int seg;

	for (off = 0; off < len; off += mt.page_sz) {
		msl = mt_list_of(RTE_PTR_ADD(addr, off), &seg);
		if (msl == NULL ||
				rte_fbarray_is_used(&msl->memseg_arr, seg) != 1)
			return false;
	}
	return true;
}

static bool
mt_range_intact(const void *addr, size_t len)
{
	const volatile uint8_t *p = addr;
	size_t off;

	for (off = 0; off < len; off += mt.page_sz)
		if (p[off] != MT_PATTERN || p[off + mt.page_sz - 1] !=
				MT_PATTERN)
			return false;
	return true;
}

static void
mt_event_cb(enum rte_mem_event type, const void *addr, size_t len,
		void *arg)
{
	struct mt_ctx *c = arg;
	struct mt_event *e;
	volatile uint8_t *p = (volatile uint8_t *)(uintptr_t)addr;

	if (c->n_events >= MT_MAX_EVENTS)
		return;
	e = &c->ev[c->n_events++];
	e->type = type;
	e->addr = addr;
	e->len = len;
	e->slots_used = mt_range_used(addr, len);
	if (type == RTE_MEM_EVENT_FREE) {
		e->intact = mt_range_intact(addr, len);
	} else {
		/* mapped and writable already: this faults if it is not */
		p[0] = MT_PATTERN;
		p[len - 1] = MT_PATTERN;
		e->intact = true;
	}
}

static int
mt_validator(int socket_id, size_t cur_limit, size_t new_len)
{
	RTE_SET_USED(socket_id);
	RTE_SET_USED(cur_limit);
	mt.validator_calls++;
	mt.validator_new_len = new_len;
	return mt.validator_answer;
}

/* the events recorded must cover exactly ms[0..n) in order, in runs */
static int
mt_events_cover(enum rte_mem_event type, struct rte_memseg **ms, int n)
{
	int i = 0, k;
	size_t covered;

	for (k = 0; k < mt.n_events && i < n; k++) {
		struct mt_event *e = &mt.ev[k];

		TEST_ASSERT_EQUAL(e->type, type, "event %d has type %d", k,
			e->type);
		TEST_ASSERT(e->addr == ms[i]->addr,
			"event %d at %p, page %d at %p", k, e->addr, i,
			ms[i]->addr);
		TEST_ASSERT(e->slots_used, "event %d: slots not marked used",
			k);
		TEST_ASSERT(e->intact, "event %d: memory not there", k);
		for (covered = 0; covered < e->len && i < n; i++) {
			TEST_ASSERT(ms[i]->addr == RTE_PTR_ADD(e->addr, covered),
				"page %d not where event %d says", i, k);
			covered += ms[i]->len;
		}
		TEST_ASSERT_EQUAL(covered, e->len, "event %d length %zu",
			k, e->len);
	}
	TEST_ASSERT_EQUAL(i, n, "events cover %d of %d pages", i, n);
	TEST_ASSERT_EQUAL(k, mt.n_events, "%d events, %d expected",
		mt.n_events, k);
	return TEST_SUCCESS;
}

/* ------------------------------------------------------------------------
 * test cases
 * ------------------------------------------------------------------------ */

/* each page plugged, where its slot says, usable, with a sane IOVA */
static int
mt_pages_ok(struct rte_memseg **ms, int n)
{
	struct rte_memseg_list *msl;
	bool pa = rte_eal_iova_mode() == RTE_IOVA_PA && !mt.anon;
	int i, seg;

	for (i = 0; i < n; i++) {
		msl = mt_list_of(ms[i]->addr, &seg);
		TEST_ASSERT_NOT_NULL(msl, "page %d at %p in no list", i,
			ms[i]->addr);
		TEST_ASSERT(rte_fbarray_get(&msl->memseg_arr, seg) == ms[i],
			"page %d: memseg is not its slot's", i);
		TEST_ASSERT_EQUAL(rte_fbarray_is_used(&msl->memseg_arr, seg),
			1, "page %d: slot %d not used", i, seg);
		TEST_ASSERT_EQUAL(ms[i]->len, mt.page_sz, "page %d len", i);
		TEST_ASSERT_EQUAL(ms[i]->socket_id, mt.socket, "page %d", i);
		TEST_ASSERT(ms[i]->iova != RTE_BAD_IOVA, "page %d: no IOVA", i);
		if (!pa)
			TEST_ASSERT_EQUAL(ms[i]->iova, (rte_iova_t)(uintptr_t)
				ms[i]->addr, "page %d: IOVA != VA", i);
		memset(ms[i]->addr, MT_PATTERN, ms[i]->len);
	}
	return mt_structures_ok();
}

static int
test_alloc_free_events(void)
{
	struct rte_memseg *ms[8];
	struct mt_snap s0, s1;
	int n = RTE_DIM(ms), ret, files;

	mt_snap_take(&s0);
	mt.n_events = 0;
	ret = mt_alloc(ms, n, true);
	TEST_ASSERT_EQUAL(ret, n, "alloc of %d pages gave %d", n, ret);
	TEST_ASSERT_SUCCESS(mt_events_cover(RTE_MEM_EVENT_ALLOC, ms, n),
		"ALLOC events wrong");
	TEST_ASSERT_SUCCESS(mt_pages_ok(ms, n), "pages wrong");
	mt_snap_take(&s1);
	TEST_ASSERT_EQUAL(s1.used, s0.used + n, "used slots %u -> %u",
		s0.used, s1.used);
	files = mt.per_page ? n : 0;
	if (mt.files && !mt.per_page && s0.files == 0)
		files = 1; /* the list file appears with its first page */
	TEST_ASSERT_EQUAL(s1.files, s0.files + files, "files %d -> %d",
		s0.files, s1.files);
	if (!mt.anon)
		TEST_ASSERT_EQUAL(s1.proc_huge_kb, s0.proc_huge_kb +
			(long)(n * (mt.page_sz >> 10)), "HugetlbPages");

	mt.n_events = 0;
	TEST_ASSERT_SUCCESS(mt_free(ms, n), "free failed");
	/* the memsegs are zeroed now: rebuild addresses for the check */
	TEST_ASSERT_EQUAL(mt.n_events, 1, "one FREE event for a run");
	TEST_ASSERT_EQUAL(mt.ev[0].type, RTE_MEM_EVENT_FREE, "FREE type");
	TEST_ASSERT_EQUAL(mt.ev[0].len, n * mt.page_sz, "FREE length");
	TEST_ASSERT(mt.ev[0].slots_used, "FREE after the slots were freed");
	TEST_ASSERT(mt.ev[0].intact, "FREE after the memory was unmapped");
	TEST_ASSERT_SUCCESS(mt_structures_ok(), "structures");
	if (mt.files && !mt.per_page)
		s0.files = s1.files; /* the list file stays while we live */
	return mt_snap_same(&s0);
}

static int
test_single_page(void)
{
	struct mt_snap s0;
	struct rte_memseg *ms;

	mt_snap_take(&s0);
	rte_mcfg_mem_write_lock();
	ms = eal_memalloc_alloc_seg(mt.page_sz, mt.socket);
	rte_mcfg_mem_write_unlock();
	TEST_ASSERT_NOT_NULL(ms, "one page: %s", strerror(rte_errno));
	TEST_ASSERT_SUCCESS(mt_pages_ok(&ms, 1), "page wrong");
	rte_mcfg_mem_write_lock();
	TEST_ASSERT_SUCCESS(eal_memalloc_free_seg(ms), "free one page");
	rte_mcfg_mem_write_unlock();
	if (mt.files && !mt.per_page)
		s0.files = mt_count_files();
	return mt_snap_same(&s0);
}

static int
test_bad_args(void)
{
	struct rte_memseg *ms[2];
	struct rte_memseg fake;

	TEST_ASSERT_EQUAL(mt_alloc(NULL, 1, true), -EINVAL, "NULL array");
	TEST_ASSERT_EQUAL(mt_alloc(ms, 0, true), -EINVAL, "0 pages");
	rte_mcfg_mem_write_lock();
	TEST_ASSERT_EQUAL(eal_memalloc_alloc_seg_bulk(ms, 1, 12345,
		mt.socket, true), -ENOMEM, "page size with no list");
	TEST_ASSERT_EQUAL(eal_memalloc_alloc_seg_bulk(ms, 1, mt.page_sz,
		RTE_MAX_NUMA_NODES, true), -EINVAL, "socket out of range");
	rte_mcfg_mem_write_unlock();
	memset(&fake, 0, sizeof(fake));
	fake.addr = mt.msl->base_va;
	ms[0] = &fake;
	TEST_ASSERT_EQUAL(mt_free(ms, 1), -EINVAL, "freeing a stranger");
	TEST_ASSERT_EQUAL(eal_memalloc_get_seg_fd(-1, 0), -EINVAL, "fd -1");
	return mt_structures_ok();
}

static int
test_validator_refuses(void)
{
	struct rte_memseg *ms[4];
	struct mt_snap s0;
	uint64_t before = mt_socket_bytes();
	int ret;

	TEST_ASSERT_SUCCESS(rte_mem_alloc_validator_register("mt_val",
		mt_validator, mt.socket, (size_t)before), "register");
	TEST_ASSERT_EQUAL(rte_mem_alloc_validator_register("mt_val",
		mt_validator, mt.socket, 0), -1, "registered twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "twice: %d", rte_errno);
	mt_snap_take(&s0);
	mt.validator_calls = 0;
	mt.validator_answer = -1;
	mt.n_events = 0;
	ret = mt_alloc(ms, 4, true);
	TEST_ASSERT_EQUAL(ret, -ENOMEM, "refused alloc returned %d", ret);
	TEST_ASSERT_EQUAL(mt.validator_calls, 1, "validator asked %d times",
		mt.validator_calls);
	TEST_ASSERT_EQUAL(mt.validator_new_len, before + 4 * mt.page_sz,
		"validator saw new_len %zu", mt.validator_new_len);
	TEST_ASSERT_EQUAL(mt.n_events, 0, "events fired for a refusal");
	TEST_ASSERT_SUCCESS(mt_snap_same(&s0), "refusal changed state");

	mt.validator_answer = 0;
	ret = mt_alloc(ms, 4, true);
	TEST_ASSERT_EQUAL(ret, 4, "accepted alloc returned %d", ret);
	TEST_ASSERT_SUCCESS(mt_pages_ok(ms, 4), "pages");
	TEST_ASSERT_SUCCESS(mt_free(ms, 4), "free");
	TEST_ASSERT_SUCCESS(rte_mem_alloc_validator_unregister("mt_val",
		mt.socket), "unregister");
	TEST_ASSERT_EQUAL(rte_mem_alloc_validator_unregister("mt_val",
		mt.socket), -1, "unregistered twice");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "twice: %d", rte_errno);
	if (mt.files && !mt.per_page)
		s0.files = mt_count_files();
	return mt_snap_same(&s0);
}

static int
test_partial_and_injected(void)
{
	struct rte_memseg *ms[5];
	struct mt_snap s0;
	int ret;

	mt_snap_take(&s0);
	/* the third page fails: exact rolls the two before it back */
	eal_memalloc_fault_inject(3);
	mt.n_events = 0;
	ret = mt_alloc(ms, 5, true);
	eal_memalloc_fault_inject(0);
	TEST_ASSERT_EQUAL(ret, -ENOMEM, "exact with a fault gave %d", ret);
	TEST_ASSERT_EQUAL(mt.n_events, 0, "events for a rolled-back alloc");
	TEST_ASSERT_SUCCESS(mt_structures_ok(), "structures");
	if (mt.files && !mt.per_page)
		s0.files = mt_count_files();
	TEST_ASSERT_SUCCESS(mt_snap_same(&s0), "rollback left something");

	/* without exact, the two pages plugged are the answer */
	eal_memalloc_fault_inject(3);
	ret = mt_alloc(ms, 5, false);
	eal_memalloc_fault_inject(0);
	TEST_ASSERT_EQUAL(ret, 2, "non-exact with a fault gave %d", ret);
	TEST_ASSERT_SUCCESS(mt_events_cover(RTE_MEM_EVENT_ALLOC, ms, 2),
		"events");
	TEST_ASSERT_SUCCESS(mt_pages_ok(ms, 2), "pages");
	TEST_ASSERT_SUCCESS(mt_free(ms, 2), "free");
	return mt_snap_same(&s0);
}

static int
test_floor_refused(void)
{
	struct rte_memseg *ms[2];
	struct mt_snap s0;
	void *a0, *a1;

	mt_snap_take(&s0);
	TEST_ASSERT_EQUAL(mt_alloc(ms, 2, true), 2, "alloc");
	TEST_ASSERT_SUCCESS(mt_pages_ok(ms, 2), "pages");
	a0 = ms[0]->addr;
	a1 = ms[1]->addr;
	ms[1]->flags |= RTE_MEMSEG_FLAG_DO_NOT_FREE;
	mt.n_events = 0;
	TEST_ASSERT_EQUAL(mt_free(&ms[1], 1), -EPERM, "floor page freed");
	TEST_ASSERT_EQUAL(mt_free(ms, 2), -EPERM, "bulk with a floor page");
	TEST_ASSERT_EQUAL(mt.n_events, 0, "events for a refused free");
	TEST_ASSERT(ms[0]->addr == a0 && ms[1]->addr == a1,
		"refused free touched the memsegs");
	TEST_ASSERT(mt_range_intact(a0, mt.page_sz) &&
		mt_range_intact(a1, mt.page_sz), "refused free lost memory");
	TEST_ASSERT_EQUAL(mt_used_slots(), s0.used + 2, "slots freed");
	ms[1]->flags &= ~RTE_MEMSEG_FLAG_DO_NOT_FREE;
	TEST_ASSERT_SUCCESS(mt_free(ms, 2), "free");
	if (mt.files && !mt.per_page)
		s0.files = mt_count_files();
	return mt_snap_same(&s0);
}

static int mt_contig_check(struct rte_memseg **ms, int n,
		const struct mt_snap *s0);

static int
mt_contig_once(int n)
{
	struct rte_memseg **ms = calloc(n, sizeof(*ms));
	struct mt_snap s0;
	int ret;

	TEST_ASSERT_NOT_NULL(ms, "calloc");
	mt_snap_take(&s0);
	mt.n_events = 0;
	ret = mt_alloc_contig(ms, n);
	if (ret != n)
		free(ms);
	TEST_ASSERT_EQUAL(ret, n, "contig %d gave %d", n, ret);
	ret = mt_contig_check(ms, n, &s0);
	if (mt_free(ms, n) != 0)
		ret = TEST_FAILED;
	free(ms);
	TEST_ASSERT_SUCCESS(ret, "contig %d pages", n);
	if (mt.files && !mt.per_page)
		s0.files = mt_count_files();
	return mt_snap_same(&s0);
}

static int
mt_contig_check(struct rte_memseg **ms, int n, const struct mt_snap *s0)
{
	bool pa = rte_eal_iova_mode() == RTE_IOVA_PA && !mt.anon;
	struct mt_snap s1;
	int i;

	TEST_ASSERT_EQUAL(mt.n_events, 1, "one ALLOC event for a run");
	TEST_ASSERT_EQUAL(mt.ev[0].len, n * mt.page_sz, "event length");
	for (i = 1; i < n; i++) {
		TEST_ASSERT(ms[i]->addr == RTE_PTR_ADD(ms[i - 1]->addr,
			mt.page_sz), "page %d not VA-contiguous", i);
		if (pa)
			TEST_ASSERT_EQUAL(ms[i]->iova, ms[i - 1]->iova +
				mt.page_sz, "page %d not IOVA-contiguous", i);
	}
	TEST_ASSERT_SUCCESS(mt_pages_ok(ms, n), "pages");
	mt_snap_take(&s1);
	if (mt.per_page)
		TEST_ASSERT_EQUAL(s1.files, s0->files + n,
			"candidates left files: %d -> %d", s0->files, s1.files);
	if (!mt.anon)
		TEST_ASSERT_EQUAL(s1.proc_huge_kb, s0->proc_huge_kb +
			(long)(n * (mt.page_sz >> 10)), "HugetlbPages");
	printf("contig %d pages: IOVA %s [0x%" PRIx64 ", +%zu)\n", n,
		pa ? "PA" : "VA", ms[0]->iova, n * mt.page_sz);
	return TEST_SUCCESS;
}

static int
test_contig(void)
{
	TEST_ASSERT_SUCCESS(mt_contig_once(2), "2 pages");
	TEST_ASSERT_SUCCESS(mt_contig_once(8), "8 pages");
	return mt_contig_once(32);
}

/*
 * More pages than the system has free: the request runs out part-way (a
 * real ENOSPC from the kernel, not an injected one) and nothing may stay
 * behind. All but a few free hugepages are held by a memfd meanwhile.
 */
static int
mt_exhaust_with(int want)
{
	struct rte_memseg *ms[64];
	int ret;

	mt.n_events = 0;
	ret = mt_alloc(ms, want, true);
	if (ret > 0)
		mt_free(ms, ret);
	TEST_ASSERT_EQUAL(ret, -ENOMEM, "exact %d pages gave %d", want, ret);
	TEST_ASSERT_EQUAL(mt.n_events, 0, "events for a failed alloc");
	TEST_ASSERT_SUCCESS(mt_structures_ok(), "structures");
	ret = mt_alloc_contig(ms, want);
	if (ret > 0)
		mt_free(ms, ret);
	TEST_ASSERT_EQUAL(ret, -ENOMEM, "contig %d pages gave %d", want, ret);
	ret = mt_alloc(ms, want, false);
	if (ret > 0)
		mt_free(ms, ret);
	TEST_ASSERT(ret >= 1 && ret < want, "non-exact %d pages gave %d",
		want, ret);
	return mt_structures_ok();
}

static int
test_exhaustion(void)
{
	struct mt_snap s0;
	long hold, left;
	int fd, ret;

	if (mt.anon)
		return TEST_SKIPPED;
	mt_snap_take(&s0);
	hold = s0.free_pages - 4;
	if (hold <= 0)
		return TEST_SKIPPED;
	fd = memfd_create("mt_hog", MFD_HUGETLB |
		((unsigned int)rte_log2_u64(mt.page_sz) << 26));
	TEST_ASSERT(fd >= 0, "memfd: %s", strerror(errno));
	if (fallocate(fd, 0, 0, (off_t)(hold * mt.page_sz)) < 0) {
		close(fd);
		return TEST_SKIPPED; /* someone else took pages meanwhile */
	}
	left = mt_free_hugepages(mt.page_sz);
	ret = left > 0 && left < 32 ? mt_exhaust_with((int)left + 4) :
		TEST_SKIPPED;
	close(fd);
	/* other processes freed pages meanwhile: the machine moved under us */
	if (ret == TEST_SKIPPED)
		return TEST_SKIPPED;
	TEST_ASSERT_SUCCESS(ret, "with %ld pages left", left);
	if (mt.files && !mt.per_page)
		s0.files = mt_count_files();
	return mt_snap_same(&s0);
}

static int
test_seg_fd(void)
{
	struct rte_memseg *ms[1];
	struct rte_memseg_list *msl;
	size_t off = 1;
	int seg = -1, list, fd;

	TEST_ASSERT_EQUAL(mt_alloc(ms, 1, true), 1, "alloc");
	msl = mt_list_of(ms[0]->addr, &seg);
	list = (int)(msl - mt.mcfg->memsegs);
	fd = eal_memalloc_get_seg_fd(list, seg);
	if (mt.anon) {
		TEST_ASSERT_EQUAL(fd, -ENOTSUP, "anonymous page has fd %d", fd);
	} else {
		TEST_ASSERT(fd >= 0, "no fd: %d", fd);
		TEST_ASSERT_SUCCESS(eal_memalloc_get_seg_fd_offset(list, seg,
			&off), "offset");
		TEST_ASSERT_EQUAL(off, mt.per_page ? 0 : seg * mt.page_sz,
			"offset %zu", off);
	}
	return mt_free(ms, 1);
}

static int
test_callback_api(void)
{
	TEST_ASSERT_EQUAL(rte_mem_event_callback_register("mt_events",
		mt_event_cb, &mt), -1, "registered twice");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "twice: %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_mem_event_callback_register(NULL, mt_event_cb,
		NULL), -1, "NULL name");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "NULL name: %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_mem_event_callback_unregister("mt_nobody",
		NULL), -1, "unknown name");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "unknown: %d", rte_errno);
	/* same name, other arg: a different registration */
	TEST_ASSERT_SUCCESS(rte_mem_event_callback_register("mt_events",
		mt_event_cb, NULL), "other arg");
	TEST_ASSERT_SUCCESS(rte_mem_event_callback_unregister("mt_events",
		NULL), "other arg");
	return TEST_SUCCESS;
}

/* ------------------------------------------------------------------------
 * stale files: a dead process's files go, a live one's stay
 * ------------------------------------------------------------------------ */

/* a child that creates and locks path, then waits to be killed */
static pid_t
mt_locker_spawn(const char *path)
{
	int p[2], fd;
	pid_t pid;
	char c = 0;

	if (pipe(p) < 0)
		return -1;
	pid = fork();
	if (pid == 0) {
		/* never outlive the test, whatever happens to it */
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		close(p[0]);
		fd = open(path, O_CREAT | O_RDWR, 0600);
		if (fd < 0 || flock(fd, LOCK_SH) < 0)
			_exit(1);
		if (write(p[1], &c, 1) != 1)
			_exit(1);
		for (;;)
			pause();
	}
	close(p[1]);
	if (pid < 0 || read(p[0], &c, 1) != 1) {
		if (pid > 0) {
			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
		}
		pid = -1;
	}
	close(p[0]);
	return pid;
}

static void
mt_locker_kill(pid_t pid)
{
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

static bool
mt_exists(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0;
}

struct mt_stale {
	char prefix[NAME_MAX];
	char dead_page[PATH_MAX];
	char dead_list[PATH_MAX];
	char live[PATH_MAX];
	char other[PATH_MAX];
	pid_t live_pid;
};

static int
mt_stale_setup(struct mt_stale *s)
{
	pid_t pid;
	int fd;

	snprintf(s->prefix, sizeof(s->prefix), "%sstl%d", mt.prefix,
		(int)getpid());
	snprintf(s->dead_page, sizeof(s->dead_page), "%s/%smap_3_7", mt.dir,
		s->prefix);
	snprintf(s->dead_list, sizeof(s->dead_list), "%s/%smap_4", mt.dir,
		s->prefix);
	snprintf(s->live, sizeof(s->live), "%s/%smap_3_8", mt.dir, s->prefix);
	snprintf(s->other, sizeof(s->other), "%s/%smap_x", mt.dir, s->prefix);
	pid = mt_locker_spawn(s->dead_page);
	TEST_ASSERT(pid > 0, "locker child for %s", s->dead_page);
	mt_locker_kill(pid);
	pid = mt_locker_spawn(s->dead_list);
	TEST_ASSERT(pid > 0, "locker child for %s", s->dead_list);
	mt_locker_kill(pid);
	s->live_pid = mt_locker_spawn(s->live);
	TEST_ASSERT(s->live_pid > 0, "locker child for %s", s->live);
	fd = open(s->other, O_CREAT | O_RDWR, 0600);
	TEST_ASSERT(fd >= 0, "create %s", s->other);
	close(fd);
	return TEST_SUCCESS;
}

static int mt_stale_check(struct mt_stale *s, const struct mt_snap *s0);

static int
test_stale_files(void)
{
	struct mt_stale s;
	struct mt_snap s0;
	int ret;

	if (!mt.hugetlbfs)
		return TEST_SKIPPED;
	mt_snap_take(&s0);
	TEST_ASSERT_SUCCESS(mt_stale_setup(&s), "setup");
	ret = mt_stale_check(&s, &s0);
	mt_locker_kill(s.live_pid);
	unlink(s.live);
	unlink(s.other);
	TEST_ASSERT_SUCCESS(ret, "stale file handling");
	if (mt.files && !mt.per_page)
		s0.files = mt_count_files();
	return mt_snap_same(&s0);
}

static int
mt_stale_check(struct mt_stale *s, const struct mt_snap *s0)
{
	struct rte_memseg *ms[1];
	char prefix_arg[NAME_MAX + 32], dir_arg[PATH_MAX + 32];
	const char *args[] = { prefix_arg, dir_arg, NULL, NULL };
	int ret;

	/* our own live page file must survive a cleaning pass */
	TEST_ASSERT_EQUAL(mt_alloc(ms, 1, true), 1, "alloc");
	ret = eal_hugedirs_clean_stale();
	if (ret == 0 && mt.files)
		ret = mt_count_files() == s0->files + (s0->files == 0 ||
			mt.per_page ? 1 : 0) ? 0 : -1;
	TEST_ASSERT_SUCCESS(mt_free(ms, 1), "free");
	TEST_ASSERT_SUCCESS(ret, "cleaning removed our own live files");

	/* a fresh primary with that prefix cleans at init */
	snprintf(prefix_arg, sizeof(prefix_arg), "--file-prefix=%s",
		s->prefix);
	snprintf(dir_arg, sizeof(dir_arg), "--huge-dir=%s", mt.dir);
	if (!mt.per_page)
		args[2] = "--single-file-segments";
	ret = test_run_child("memalloc_stale_child_autotest", args);
	TEST_ASSERT_EQUAL(ret, 0, "child primary exited with %d", ret);
	TEST_ASSERT(!mt_exists(s->dead_page), "dead page file stayed");
	TEST_ASSERT(!mt_exists(s->dead_list), "dead list file stayed");
	TEST_ASSERT(mt_exists(s->live), "live process's file removed");
	TEST_ASSERT(mt_exists(s->other), "non-matching name removed");
	return TEST_SUCCESS;
}

/* run as the child above: its rte_eal_init() has cleaned already */
static int
test_memalloc_stale_child(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();

	TEST_ASSERT_EQUAL(cfg->process_type, RTE_PROC_PRIMARY, "not primary");
	return TEST_SUCCESS;
}

/* ------------------------------------------------------------------------
 * suite
 * ------------------------------------------------------------------------ */

static int
mt_setup(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	unsigned int i;

	memset(&mt, 0, sizeof(mt));
	mt.mcfg = rte_eal_get_mcfg();
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS && mt.msl == NULL; i++) {
		struct rte_memseg_list *msl = &mt.mcfg->memsegs[i];

		if (msl->base_va != NULL && !msl->external &&
				msl->memseg_arr.len > msl->memseg_arr.count)
			mt.msl = msl;
	}
	if (mt.msl == NULL || cfg->legacy_mem) {
		printf("no dynamic memseg list: nothing to test\n");
		return TEST_SKIPPED;
	}
	mt.page_sz = mt.msl->page_sz;
	mt.socket = mt.msl->socket_id;
	mt.anon = cfg->no_hugetlbfs;
	mt.hugetlbfs = !cfg->no_hugetlbfs && !cfg->in_memory;
	mt.files = mt.hugetlbfs && cfg->huge_unlink != EAL_HUGE_UNLINK_ALWAYS;
	mt.per_page = mt.files && !cfg->single_file_segments;
	mt.prefix = cfg->hugefile_prefix != NULL ? cfg->hugefile_prefix : "rte";
	for (i = 0; i < cfg->num_hugepage_sizes; i++)
		if (cfg->hugepage_info[i].hugepage_sz == mt.page_sz)
			mt.dir = cfg->hugepage_info[i].hugedir;
	if (mt.hugetlbfs && mt.dir == NULL)
		return TEST_FAILED;
	printf("memalloc: %zu kB pages on socket %d, %s, IOVA %s\n",
		mt.page_sz >> 10, mt.socket, mt.anon ? "anonymous" :
		!mt.files ? "memfd" : mt.per_page ? "per-page files" :
		"single file", rte_eal_iova_mode() == RTE_IOVA_PA ? "PA" : "VA");
	if (rte_mem_event_callback_register("mt_events", mt_event_cb, &mt))
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static void
mt_teardown(void)
{
	eal_memalloc_fault_inject(0);
	rte_mem_event_callback_unregister("mt_events", &mt);
}

static struct unit_test_suite memalloc_suite = {
	.suite_name = "page allocator",
	.setup = mt_setup,
	.teardown = mt_teardown,
	.unit_test_cases = {
		TEST_CASE(test_alloc_free_events),
		TEST_CASE(test_single_page),
		TEST_CASE(test_bad_args),
		TEST_CASE(test_callback_api),
		TEST_CASE(test_validator_refuses),
		TEST_CASE(test_partial_and_injected),
		TEST_CASE(test_floor_refused),
		TEST_CASE(test_contig),
		TEST_CASE(test_seg_fd),
		TEST_CASE(test_exhaustion),
		TEST_CASE(test_stale_files),
		TEST_CASES_END(),
	},
};

static int
test_memalloc(void)
{
	return unit_test_suite_runner(&memalloc_suite);
}

REGISTER_TEST_COMMAND(memalloc_autotest, test_memalloc);
REGISTER_TEST_COMMAND(memalloc_stale_child_autotest, test_memalloc_stale_child);

/* ------------------------------------------------------------------------
 * perf: microseconds per page plugged and unplugged
 * ------------------------------------------------------------------------ */

static double
mt_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* the floor: fallocate + mmap + fault + munmap of one page by hand */
static double
mt_raw_page_us(int reps)
{
	double t0, t = 0;
	void *p;
	int fd, i;

	for (i = 0; i < reps; i++) {
		t0 = mt_now_us();
		if (mt.anon) {
			p = mmap(NULL, mt.page_sz, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
				-1, 0);
			fd = -1;
		} else {
			fd = memfd_create("mt_raw", MFD_HUGETLB);
			if (fd < 0 || ftruncate(fd, mt.page_sz) < 0)
				return -1;
			p = mmap(NULL, mt.page_sz, PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_POPULATE, fd, 0);
		}
		if (p == MAP_FAILED)
			return -1;
		munmap(p, mt.page_sz);
		if (fd >= 0)
			close(fd);
		t += mt_now_us() - t0;
	}
	return t / reps;
}

static int
mt_perf_one(int n, int reps)
{
	struct rte_memseg **ms = calloc(n, sizeof(*ms));
	double t0, t_alloc = 0, t_free = 0;
	int r, ret;

	TEST_ASSERT_NOT_NULL(ms, "calloc");
	for (r = 0; r < reps; r++) {
		t0 = mt_now_us();
		ret = mt_alloc(ms, n, true);
		t_alloc += mt_now_us() - t0;
		if (ret != n) {
			free(ms);
			TEST_ASSERT_EQUAL(ret, n, "alloc %d", n);
		}
		t0 = mt_now_us();
		ret = mt_free(ms, n);
		t_free += mt_now_us() - t0;
		TEST_ASSERT_SUCCESS(ret, "free");
	}
	free(ms);
	printf("  %4d pages: plug %8.1f us/page, unplug %8.1f us/page\n", n,
		t_alloc / reps / n, t_free / reps / n);
	return TEST_SUCCESS;
}

static int
test_memalloc_perf(void)
{
	int ret = mt_setup();

	if (ret != TEST_SUCCESS)
		return ret;
	rte_mem_event_callback_unregister("mt_events", &mt);
	printf("raw mmap+fault of one page: %.1f us\n", mt_raw_page_us(20));
	if (mt_perf_one(1, 50) || mt_perf_one(16, 10) || mt_perf_one(512, 3))
		return TEST_FAILED;
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(memalloc_perf_autotest, test_memalloc_perf);
