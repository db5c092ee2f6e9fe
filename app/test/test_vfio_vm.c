/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The VFIO driver against the kernel (the vfio suite runs these in the VFIO
 * VM, see app/test/vfio/guest-tests.sh):
 *  - vfio_autotest: the edu device is set up through rte_vfio; every page
 *    plugged or unplugged is checked through the kernel (DMA_AVAIL, EEXIST
 *    when mapped again, size 0 when unmapped again); edu DMA through a
 *    freshly plugged page, then blocked once the page is unplugged; user
 *    mapping of external memory; a secondary plugging memory. In legacy
 *    mode: coalesced entries, DMA into legacy memory.
 *  - vfio_limit_autotest: run with vfio_iommu_type1.dma_entry_limit
 *    lowered: allocation fails cleanly at the limit, the heap stays sound.
 *  - vfio_secondary_autotest: the secondary half of vfio_autotest.
 * Each skips (77) where there is no VFIO or no edu device.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/pci_regs.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_vfio.h>

#include "test.h"
#include "eal_internal_cfg.h"
#include "eal_vfio.h"
#include "malloc_heap.h"

#define SYSFS_PCI "/sys/bus/pci/devices"
#define EDU_BUF 0x40000u
#define EDU_LEN 2048u
#define MAX_NEW 256

/* ---- the kernel's view, asked through the container fd ---- */

static int
kern_avail(int cfd)
{
	struct vfio_dma_table t;
	int ret;

	vfio_dma_table_init(&t, &vfio_real_ops, NULL, cfd);
	ret = vfio_dma_table_probe(&t);
	vfio_dma_table_fini(&t);
	return ret < 0 ? ret : (int)t.budget;
}

/* 0 if the kernel refuses the map with EEXIST (something is there) */
static int
kern_is_mapped(int cfd, uint64_t va, uint64_t iova, uint64_t len)
{
	struct vfio_iommu_type1_dma_map m = {
		.argsz = sizeof(m),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = va, .iova = iova, .size = len,
	};
	struct vfio_iommu_type1_dma_unmap u = {
		.argsz = sizeof(u), .iova = iova, .size = len,
	};

	if (ioctl(cfd, VFIO_IOMMU_MAP_DMA, &m) == 0) {
		ioctl(cfd, VFIO_IOMMU_UNMAP_DMA, &u);
		return -ENOENT;
	}
	return errno == EEXIST ? 0 : -errno;
}

/* 0 if nothing is mapped in [iova, iova+len): unmap finds size 0 */
static int
kern_is_unmapped(int cfd, uint64_t iova, uint64_t len)
{
	struct vfio_iommu_type1_dma_unmap u = {
		.argsz = sizeof(u), .iova = iova, .size = len,
	};

	if (ioctl(cfd, VFIO_IOMMU_UNMAP_DMA, &u) < 0)
		return -errno;
	return u.size == 0 ? 0 : -EEXIST;
}

/* ---- pages of EAL memory ---- */

struct page_set {
	unsigned int n;
	uint64_t va[MAX_NEW * 4];
	uint64_t iova[MAX_NEW * 4];
	uint64_t len;
};

static int
collect_page(const struct rte_memseg_list *msl, const struct rte_memseg *ms,
		void *arg)
{
	struct page_set *s = arg;

	if (msl->external || s->n >= RTE_DIM(s->va))
		return 0;
	s->va[s->n] = ms->addr_64;
	s->iova[s->n] = ms->iova;
	s->len = ms->len;
	s->n++;
	return 0;
}

static void
pages_now(struct page_set *s)
{
	memset(s, 0, sizeof(*s));
	rte_memseg_walk(collect_page, s);
}

static bool
page_in(const struct page_set *s, uint64_t va)
{
	unsigned int i;

	for (i = 0; i < s->n; i++)
		if (s->va[i] == va)
			return true;
	return false;
}

/* pages of b not in a */
static void
pages_new(const struct page_set *a, const struct page_set *b,
		struct page_set *out)
{
	unsigned int i;

	memset(out, 0, sizeof(*out));
	out->len = b->len;
	for (i = 0; i < b->n; i++)
		if (!page_in(a, b->va[i])) {
			out->va[out->n] = b->va[i];
			out->iova[out->n] = b->iova[i];
			out->n++;
		}
}

static bool
legacy_mode(void)
{
	return eal_get_internal_configuration()->legacy_mem;
}

static double
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* ---- QEMU's edu device: a DMA engine with a 4 KiB buffer at 0x40000 ---- */

struct edu {
	const char *bdf;
	int fd;
	volatile uint32_t *bar;
	size_t bar_len;
};

static struct edu edu = { .fd = -1 };

static void
edu_w(unsigned int off, uint32_t v)
{
	edu.bar[off / 4] = v;
}

static uint32_t
edu_r(unsigned int off)
{
	return edu.bar[off / 4];
}

/* to_dev: RAM(iova) -> edu buffer, else edu buffer -> RAM(iova) */
static int
edu_dma(uint64_t iova, uint32_t len, bool to_dev)
{
	uint64_t src = to_dev ? iova : EDU_BUF, dst = to_dev ? EDU_BUF : iova;
	struct timespec ts = { 0, 10 * 1000 * 1000 };
	int i;

	edu_w(0x80, (uint32_t)src);
	edu_w(0x84, (uint32_t)(src >> 32));
	edu_w(0x88, (uint32_t)dst);
	edu_w(0x8c, (uint32_t)(dst >> 32));
	edu_w(0x90, len);
	edu_w(0x94, 0);
	edu_w(0x98, 1 | (to_dev ? 0 : 2));
	for (i = 0; i < 1000; i++) {
		if (!(edu_r(0x98) & 1))
			return 0;
		nanosleep(&ts, NULL);
	}
	return -ETIMEDOUT;
}

static int
edu_enable(void)
{
	struct vfio_region_info cfg = { .argsz = sizeof(cfg),
		.index = VFIO_PCI_CONFIG_REGION_INDEX };
	struct vfio_region_info bar = { .argsz = sizeof(bar),
		.index = VFIO_PCI_BAR0_REGION_INDEX };
	uint16_t cmd;
	void *p;

	if (ioctl(edu.fd, VFIO_DEVICE_GET_REGION_INFO, &cfg) < 0 ||
			ioctl(edu.fd, VFIO_DEVICE_GET_REGION_INFO, &bar) < 0)
		return -errno;
	if (pread(edu.fd, &cmd, 2, cfg.offset + PCI_COMMAND) != 2)
		return -EIO;
	cmd |= PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER;
	if (pwrite(edu.fd, &cmd, 2, cfg.offset + PCI_COMMAND) != 2)
		return -EIO;
	p = mmap(NULL, bar.size, PROT_READ | PROT_WRITE, MAP_SHARED, edu.fd,
		bar.offset);
	if (p == MAP_FAILED)
		return -errno;
	edu.bar = p;
	edu.bar_len = bar.size;
	return (edu_r(0) & 0xff) == 0xed ? 0 : -ENODEV;
}

static int
edu_open(void)
{
	struct vfio_device_info info;
	int ret;

	edu.bdf = getenv("VFIO_VM_EDU");
	if (edu.bdf == NULL || edu.bdf[0] == '\0' ||
			!rte_vfio_is_enabled("vfio")) {
		printf("no VFIO or no edu device (VFIO_VM_EDU): run in the "
			"VFIO VM (meson test --suite vfio)\n");
		return TEST_SKIPPED;
	}
	ret = rte_vfio_setup_device(SYSFS_PCI, edu.bdf, &edu.fd, &info);
	TEST_ASSERT_EQUAL(ret, 0, "setup of %s: %d (%s)", edu.bdf, ret,
		rte_strerror(rte_errno));
	TEST_ASSERT(info.num_regions > VFIO_PCI_BAR0_REGION_INDEX,
		"%u regions", info.num_regions);
	ret = edu_enable();
	TEST_ASSERT_SUCCESS(ret, "edu BAR0: %s", strerror(-ret));
	return TEST_SUCCESS;
}

static void
edu_close(void)
{
	if (edu.bar != NULL)
		munmap((void *)(uintptr_t)edu.bar, edu.bar_len);
	edu.bar = NULL;
	if (edu.fd >= 0)
		rte_vfio_release_device(SYSFS_PCI, edu.bdf, edu.fd);
	edu.fd = -1;
}

/* RAM(src) -> device -> RAM(dst), both by IOVA */
static int
edu_copy(uint64_t src, uint64_t dst)
{
	int ret = edu_dma(src, EDU_LEN, true);

	return ret == 0 ? edu_dma(dst, EDU_LEN, false) : ret;
}

/* edu's DMA mask is 28 bits: IOVAs from 256 MiB up are cut short */
#define EDU_REACH (UINT64_C(1) << 28)

static bool
edu_reaches(uint64_t iova)
{
	return iova + EDU_LEN <= EDU_REACH;
}

/*
 * IOVA=VA runs place memory low (--base-virtaddr) so edu reaches it; with
 * IOVA=PA the pages land where the guest's allocator put them.
 */
static int
edu_unreachable(uint64_t iova)
{
	printf("IOVA 0x%" PRIx64 " is beyond edu's 28-bit DMA mask%s\n", iova,
		rte_eal_iova_mode() == RTE_IOVA_PA ? ": DMA part not run" :
		"; run with --base-virtaddr below 256 MiB");
	return rte_eal_iova_mode() == RTE_IOVA_PA ? TEST_SUCCESS :
		TEST_FAILED;
}

/* a free IOVA edu can reach, mapped for va by the user API; 0 if none */
static uint64_t
user_map_low(void *va, size_t len)
{
	uint64_t iova;

	for (iova = 2u << 20; iova + len <= EDU_REACH; iova += 2u << 20)
		if (rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD,
				(uintptr_t)va, iova, len) == 0)
			return iova;
	return 0;
}

/* ---- vfio_autotest ---- */

static int cfd = -1;

/* the kernel's entry count and ours agree */
static int
check_budget(const char *when)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	int avail = kern_avail(cfd);

	TEST_ASSERT(avail >= 0, "%s: GET_INFO failed", when);
	TEST_ASSERT_EQUAL((unsigned int)avail, t->budget - vfio_dma_count(t),
		"%s: kernel has %d entries free, table says %u - %u", when,
		avail, t->budget, vfio_dma_count(t));
	TEST_ASSERT_SUCCESS(vfio_dma_check(t), "%s: table unsound", when);
	TEST_ASSERT_SUCCESS(malloc_heap_check_all(), "%s: heap unsound",
		when);
	return TEST_SUCCESS;
}

static int
test_initial_mapping(void)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	static struct page_set s;
	unsigned int i;
	int ret;

	pages_now(&s);
	for (i = 0; i < s.n; i++) {
		ret = kern_is_mapped(cfd, s.va[i], s.iova[i], s.len);
		TEST_ASSERT_SUCCESS(ret, "page %p (IOVA 0x%" PRIx64 ") is not "
			"mapped: %d", (void *)(uintptr_t)s.va[i], s.iova[i],
			ret);
	}
	printf("%s mode, IOVA as %s: %u pages (%" PRIu64 " MiB) use %u IOMMU "
		"entries of %u\n", legacy_mode() ? "legacy" : "dynamic",
		rte_eal_iova_mode() == RTE_IOVA_VA ? "VA" : "PA", s.n,
		(uint64_t)s.n * s.len >> 20, vfio_dma_count(t), t->budget);
	if (legacy_mode())
		TEST_ASSERT(s.n <= 1 || vfio_dma_count(t) < s.n,
			"legacy runs not coalesced");
	else
		TEST_ASSERT_EQUAL(vfio_dma_count(t), s.n, "one entry per page");
	return check_budget("after setup");
}

/* every page of n is mapped once (EEXIST) or, after the free, gone */
static int
check_pages(const struct page_set *n, bool mapped)
{
	unsigned int i;
	int ret;

	for (i = 0; i < n->n; i++) {
		if (mapped)
			ret = kern_is_mapped(cfd, n->va[i], n->iova[i], n->len);
		else
			ret = kern_is_unmapped(cfd, n->iova[i], n->len);
		TEST_ASSERT_SUCCESS(ret, "page IOVA 0x%" PRIx64 " should be "
			"%s: %d", n->iova[i], mapped ? "mapped" : "unmapped",
			ret);
	}
	return TEST_SUCCESS;
}

/* what one MAP_DMA and one UNMAP_DMA of a page cost in this machine */
static void
measure_map_cost(const struct page_set *n)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	double t0, t1, t2;
	unsigned int i;

	t0 = now_us();
	for (i = 0; i < n->n; i++)
		vfio_dma_unmap(t, n->iova[i], n->len, VFIO_MAP_HEAP);
	t1 = now_us();
	for (i = 0; i < n->n; i++)
		vfio_dma_map(t, n->va[i], n->iova[i], n->len, VFIO_MAP_HEAP);
	t2 = now_us();
	printf("DMA mapping cost per %" PRIu64 " KiB page over %u pages: "
		"unmap %.1f us, map %.1f us\n", n->len >> 10, n->n,
		(t1 - t0) / n->n, (t2 - t1) / n->n);
	if (rte_eal_iova_mode() != RTE_IOVA_VA)
		return;
	/* VA-contiguous pages are IOVA-contiguous: one unmap for all */
	t0 = now_us();
	vfio_dma_unmap(t, n->iova[0], n->len * n->n, VFIO_MAP_HEAP);
	t1 = now_us();
	for (i = 0; i < n->n; i++)
		vfio_dma_map(t, n->va[i], n->iova[i], n->len, VFIO_MAP_HEAP);
	printf("one unmap of all %u pages: %.1f us per page\n", n->n,
		(t1 - t0) / n->n);
}

static int
test_hotplug_64m(void)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	static struct page_set a, b, n;
	uint64_t unmaps0, unmapped0;
	int avail0, ret;
	double t0, t1, t2;
	void *p;

	if (legacy_mode())
		return TEST_SKIPPED;
	avail0 = kern_avail(cfd);
	pages_now(&a);
	t0 = now_us();
	p = rte_malloc(NULL, 64 << 20, 0);
	t1 = now_us();
	TEST_ASSERT_NOT_NULL(p, "64 MiB: %s", rte_strerror(rte_errno));
	pages_now(&b);
	pages_new(&a, &b, &n);
	TEST_ASSERT(n.n >= 32, "only %u pages plugged for 64 MiB", n.n);
	TEST_ASSERT_EQUAL(kern_avail(cfd), avail0 - (int)n.n, "kernel: %d "
		"free, expected %d - %u", kern_avail(cfd), avail0, n.n);
	ret = check_pages(&n, true);
	if (ret != TEST_SUCCESS)
		return ret;
	measure_map_cost(&n);
	unmaps0 = t->n_unmap_calls;
	unmapped0 = t->bytes_unmapped;
	t2 = now_us();
	rte_free(p);
	printf("64 MiB: plug+map %u pages %.0f us (%.1f us/page), "
		"unmap+unplug %.0f us\n", n.n, t1 - t0, (t1 - t0) / n.n,
		now_us() - t2);
	/* the kernel removed exactly these pages, in runs of whole entries */
	TEST_ASSERT_EQUAL(t->bytes_unmapped - unmapped0, n.n * n.len,
		"kernel unmapped %" PRIu64 " bytes for %u pages",
		t->bytes_unmapped - unmapped0, n.n);
	printf("64 MiB: %u pages unmapped in %" PRIu64 " UNMAP_DMA calls\n",
		n.n, t->n_unmap_calls - unmaps0);
	TEST_ASSERT_EQUAL(kern_avail(cfd), avail0, "kernel: %d free after "
		"the free, expected %d", kern_avail(cfd), avail0);
	ret = check_pages(&n, false);
	if (ret != TEST_SUCCESS)
		return ret;
	return check_budget("after 64 MiB");
}

static void
fill(uint8_t *p, uint8_t seed)
{
	unsigned int i;

	for (i = 0; i < EDU_LEN; i++)
		p[i] = (uint8_t)(i * 7 + seed);
}

static int
test_edu_dma(void)
{
	static struct page_set a, b, n;
	const size_t big = (3u << 20) / 2; /* fits no page beside another */
	uint8_t *p, *q, expect[EDU_LEN], p_data[EDU_LEN];
	uint64_t piova, qiova;
	int ret;

	q = rte_malloc(NULL, big, 4096);
	TEST_ASSERT_NOT_NULL(q, "keeper buffer");
	pages_now(&a);
	p = rte_malloc(NULL, big, 4096);
	TEST_ASSERT_NOT_NULL(p, "DMA buffer");
	pages_now(&b);
	pages_new(&a, &b, &n);
	if (!legacy_mode())
		TEST_ASSERT(n.n >= 1, "the DMA buffer plugged no page");
	piova = rte_malloc_virt2iova(p);
	qiova = rte_malloc_virt2iova(q);
	if (!edu_reaches(piova) || !edu_reaches(qiova)) {
		rte_free(p);
		rte_free(q);
		return edu_unreachable(piova);
	}
	/* the device reads p through the IOMMU, writes q */
	fill(p, 3);
	memset(q, 0, EDU_LEN);
	ret = edu_copy(piova, qiova);
	TEST_ASSERT_SUCCESS(ret, "edu DMA: %d", ret);
	TEST_ASSERT_BUFFERS_ARE_EQUAL(p, q, EDU_LEN, "edu copied wrong data "
		"(IOVA 0x%" PRIx64 " -> 0x%" PRIx64 ")", piova, qiova);
	printf("edu DMA through the IOMMU: 0x%" PRIx64 " -> 0x%" PRIx64
		" ok\n", piova, qiova);
	if (legacy_mode()) {
		rte_free(p);
		rte_free(q);
		return check_budget("after edu DMA");
	}
	/* the device's buffer now holds a marker, then p's page goes */
	fill(q, 99);
	memcpy(expect, q, EDU_LEN);
	TEST_ASSERT_SUCCESS(edu_dma(qiova, EDU_LEN, true), "marker");
	fill(p, 3);
	fill(p_data, 3);
	rte_free(p);
	pages_now(&b);
	TEST_ASSERT(!page_in(&b, n.va[0]), "page of the DMA buffer not "
		"unplugged");
	ret = kern_is_unmapped(cfd, n.iova[0], n.len);
	TEST_ASSERT_SUCCESS(ret, "unplugged page still mapped: %d", ret);
	/* from the unplugged page: the IOMMU must block the read */
	ret = edu_dma(piova, EDU_LEN, true);
	TEST_ASSERT_SUCCESS(ret, "edu DMA from the unmapped IOVA hung");
	memset(q, 0, EDU_LEN);
	TEST_ASSERT_SUCCESS(edu_dma(qiova, EDU_LEN, false), "read back");
	TEST_ASSERT(q[0] != 3 || memcmp(q, p_data, EDU_LEN) != 0, "the "
		"device read an unplugged page: the IOMMU let it through");
	printf("edu DMA from unplugged IOVA 0x%" PRIx64 " blocked (device "
		"buffer %s)\n", piova, memcmp(q, expect, EDU_LEN) == 0 ?
		"kept its marker" : "changed, but not to the page's data");
	rte_free(q);
	return check_budget("after edu DMA");
}

static int
test_user_extmem(void)
{
	const size_t len = 2u << 20;
	uint64_t uiova;
	int avail0, ret;
	uint8_t *va, *q;

	va = mmap(NULL, len, PROT_READ | PROT_WRITE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	TEST_ASSERT(va != MAP_FAILED, "mmap");
	TEST_ASSERT_SUCCESS(rte_extmem_register(va, len, NULL, 0, 4096),
		"extmem register: %s", rte_strerror(rte_errno));
	/* before counting: its page may stay plugged (per-lcore cache) */
	q = rte_malloc(NULL, 4096, 4096);
	TEST_ASSERT_NOT_NULL(q, "buffer");
	avail0 = kern_avail(cfd);
	uiova = user_map_low(va, len);
	TEST_ASSERT(uiova != 0, "no free IOVA below 256 MiB for a user map");
	TEST_ASSERT_EQUAL(kern_avail(cfd), avail0 - 1, "one entry expected");
	TEST_ASSERT_SUCCESS(kern_is_mapped(cfd, (uintptr_t)va, uiova,
		4096), "kernel does not see the user map");
	/* identical again: shared; overlapping otherwise: EEXIST */
	TEST_ASSERT_SUCCESS(rte_vfio_container_dma_map(
		RTE_VFIO_DEFAULT_CONTAINER_FD, (uintptr_t)va, uiova, len),
		"identical map");
	TEST_ASSERT_EQUAL(kern_avail(cfd), avail0 - 1, "identical map used "
		"an entry");
	ret = rte_vfio_container_dma_map(RTE_VFIO_DEFAULT_CONTAINER_FD,
		(uintptr_t)va, uiova + 4096, 4096);
	TEST_ASSERT(ret < 0 && rte_errno == EEXIST, "overlap: %d/%d", ret,
		rte_errno);
	ret = rte_vfio_container_dma_unmap(RTE_VFIO_DEFAULT_CONTAINER_FD,
		(uintptr_t)va, uiova, 4096);
	TEST_ASSERT(ret < 0 && rte_errno == EINVAL, "partial unmap: %d/%d",
		ret, rte_errno);
	/* the device writes into external memory through the user map */
	fill(q, 42);
	memset(va, 0, EDU_LEN);
	if (edu_reaches(rte_malloc_virt2iova(q))) {
		TEST_ASSERT_SUCCESS(edu_copy(rte_malloc_virt2iova(q), uiova),
			"edu DMA into external memory");
		TEST_ASSERT_BUFFERS_ARE_EQUAL(va, q, EDU_LEN, "external "
			"memory did not receive the DMA");
	} else if (edu_unreachable(rte_malloc_virt2iova(q)) != 0) {
		return TEST_FAILED;
	}
	TEST_ASSERT_SUCCESS(rte_vfio_container_dma_unmap(
		RTE_VFIO_DEFAULT_CONTAINER_FD, (uintptr_t)va, uiova, len),
		"unmap 1");
	TEST_ASSERT_EQUAL(kern_avail(cfd), avail0 - 1, "shared entry gone");
	TEST_ASSERT_SUCCESS(rte_vfio_container_dma_unmap(
		RTE_VFIO_DEFAULT_CONTAINER_FD, (uintptr_t)va, uiova, len),
		"unmap 2");
	TEST_ASSERT_EQUAL(kern_avail(cfd), avail0, "entry not returned");
	TEST_ASSERT_SUCCESS(kern_is_unmapped(cfd, uiova, len), "still "
		"mapped in the kernel");
	TEST_ASSERT_SUCCESS(rte_extmem_unregister(va, len), "unregister");
	munmap(va, len);
	rte_free(q);
	return check_budget("after user maps");
}

static int
test_secondary(void)
{
	const char *args[] = { "--proc-type=secondary", NULL, NULL };
	char prefix[64];
	int st;

	if (legacy_mode())
		return TEST_SKIPPED;
	snprintf(prefix, sizeof(prefix), "--file-prefix=%s",
		test_file_prefix());
	args[1] = prefix;
	st = test_run_child("vfio_secondary_autotest", args);
	TEST_ASSERT_EQUAL(st, 0, "secondary returned %d", st);
	return check_budget("after the secondary");
}

static int
vfio_vm_setup(void)
{
	int ret = edu_open();

	if (ret != TEST_SUCCESS)
		return ret;
	cfd = rte_vfio_get_container_fd();
	TEST_ASSERT(cfd >= 0, "container fd");
	return TEST_SUCCESS;
}

static void
vfio_vm_teardown(void)
{
	edu_close();
}

static struct unit_test_suite vfio_vm_suite = {
	.suite_name = "vfio against the kernel (VM)",
	.setup = vfio_vm_setup,
	.teardown = vfio_vm_teardown,
	.unit_test_cases = {
		TEST_CASE(test_initial_mapping),
		TEST_CASE(test_hotplug_64m),
		TEST_CASE(test_edu_dma),
		TEST_CASE(test_user_extmem),
		TEST_CASE(test_secondary),
		TEST_CASES_END()
	}
};

static int
test_vfio_vm(void)
{
	return unit_test_suite_runner(&vfio_vm_suite);
}

REGISTER_TEST_COMMAND(vfio_autotest, test_vfio_vm);

/* ---- vfio_secondary_autotest: memory plugged on behalf of a secondary ---- */

static int
test_vfio_secondary(void)
{
	static struct page_set a, b, n;
	int fd, avail0, ret;
	void *p;

	if (rte_eal_process_type() != RTE_PROC_SECONDARY ||
			!rte_vfio_is_enabled("vfio"))
		return TEST_SKIPPED;
	fd = rte_vfio_get_container_fd();
	TEST_ASSERT(fd >= 0, "no container fd from the primary");
	cfd = fd;
	avail0 = kern_avail(fd);
	TEST_ASSERT(avail0 > 0, "the primary's container has no IOMMU: %d",
		avail0);
	pages_now(&a);
	p = rte_malloc(NULL, 16 << 20, 0);
	TEST_ASSERT_NOT_NULL(p, "16 MiB in the secondary: %s",
		rte_strerror(rte_errno));
	pages_now(&b);
	pages_new(&a, &b, &n);
	TEST_ASSERT(n.n >= 8, "%u pages plugged for 16 MiB", n.n);
	/* mapped once, by the primary, in the one container */
	TEST_ASSERT_EQUAL(kern_avail(fd), avail0 - (int)n.n, "kernel: %d "
		"free, expected %d - %u", kern_avail(fd), avail0, n.n);
	ret = check_pages(&n, true);
	if (ret != TEST_SUCCESS)
		return ret;
	rte_free(p);
	TEST_ASSERT_EQUAL(kern_avail(fd), avail0, "kernel: %d free after the "
		"free, expected %d", kern_avail(fd), avail0);
	printf("secondary: %u pages plugged through the primary, mapped and "
		"unmapped once each\n", n.n);
	return check_pages(&n, false);
}

REGISTER_TEST_COMMAND(vfio_secondary_autotest, test_vfio_secondary);

/* ---- vfio_limit_autotest: dma_entry_limit lowered in the VM ---- */

static int
test_vfio_limit(void)
{
	struct vfio_dma_table *t = eal_vfio_default_table();
	static void *p[512];
	unsigned int n, i;
	int ret;

	ret = edu_open();
	if (ret != TEST_SUCCESS)
		return ret;
	cfd = rte_vfio_get_container_fd();
	if (legacy_mode() || t->budget > RTE_DIM(p) / 2) {
		printf("budget %u: lower vfio_iommu_type1.dma_entry_limit "
			"below %zu before this test\n", t->budget,
			RTE_DIM(p) / 2);
		edu_close();
		return TEST_SKIPPED;
	}
	for (n = 0; n < RTE_DIM(p); n++) {
		p[n] = rte_malloc(NULL, (2u << 20) - 65536, 0);
		if (p[n] == NULL)
			break;
	}
	printf("limit %u: %u page-sized allocations before the refusal "
		"(%s); table %u entries\n", t->budget, n,
		rte_strerror(rte_errno), vfio_dma_count(t));
	TEST_ASSERT(n < RTE_DIM(p), "the limit never stopped allocation");
	TEST_ASSERT_EQUAL(vfio_dma_count(t), t->budget, "stopped at %u of %u",
		vfio_dma_count(t), t->budget);
	TEST_ASSERT_EQUAL(kern_avail(cfd), 0, "kernel has %d entries left",
		kern_avail(cfd));
	ret = check_budget("at the limit");
	for (i = 0; i < n; i++)
		rte_free(p[i]);
	if (ret == TEST_SUCCESS)
		ret = check_budget("after freeing");
	if (ret == TEST_SUCCESS) {
		p[0] = rte_malloc(NULL, 4u << 20, 0);
		ret = p[0] != NULL ? TEST_SUCCESS : TEST_FAILED;
		rte_free(p[0]);
	}
	edu_close();
	return ret;
}

REGISTER_TEST_COMMAND(vfio_limit_autotest, test_vfio_limit);
