/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The mapping table of one VFIO container: every IOMMU entry the process
 * made, and type1's rules applied before the kernel sees a request (see
 * eal_vfio.h for the rules and why).
 *
 * Entries are kept sorted by IOVA; since they never overlap, their ends are
 * sorted too and a binary search on the end finds the first entry a range
 * can touch. The table lock is a mutex, not a spinlock: MAP_DMA pins pages
 * and may take milliseconds.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <linux/vfio.h>

#include <rte_common.h>
#include <rte_log.h>

#include "eal_vfio.h"

static int
real_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
	RTE_SET_USED(ctx);
	return ioctl(fd, req, arg);
}

const struct vfio_ops vfio_real_ops = {
	.name = "kernel",
	.ioctl = real_ioctl,
};

void
vfio_dma_table_init(struct vfio_dma_table *t, const struct vfio_ops *ops,
		void *ctx, int fd)
{
	memset(t, 0, sizeof(*t));
	pthread_mutex_init(&t->lock, NULL);
	t->ops = ops;
	t->ctx = ctx;
	t->fd = fd;
}

void
vfio_dma_table_fini(struct vfio_dma_table *t)
{
	pthread_mutex_lock(&t->lock);
	free(t->e);
	t->e = NULL;
	t->n = t->cap = 0;
	t->ready = false;
	pthread_mutex_unlock(&t->lock);
}

/* -------------------------------------------------------------------------
 * what the IOMMU allows (VFIO_IOMMU_GET_INFO)
 * ------------------------------------------------------------------------- */

/*
 * The kernel packs capabilities at 4-byte offsets, so a capability holding
 * 64-bit fields may be misaligned: every field is copied out, never read
 * in place.
 */
static void
probe_cap_ranges(struct vfio_dma_table *t, const char *cap)
{
	struct vfio_iommu_type1_info_cap_iova_range r;
	struct vfio_iova_range one;
	unsigned int i;

	memcpy(&r, cap, sizeof(r));
	t->n_ranges = RTE_MIN(r.nr_iovas, (uint32_t)VFIO_MAX_IOVA_RANGES);
	for (i = 0; i < t->n_ranges; i++) {
		memcpy(&one, cap + sizeof(r) + i * sizeof(one), sizeof(one));
		t->ranges[i].start = one.start;
		t->ranges[i].end = one.end;
	}
}

static void
probe_caps(struct vfio_dma_table *t, const struct vfio_iommu_type1_info *ii)
{
	const char *base = (const char *)ii;
	struct vfio_info_cap_header h;
	uint32_t off = ii->cap_offset;

	while (off != 0 && off + sizeof(h) <= ii->argsz) {
		memcpy(&h, base + off, sizeof(h));
		if (h.id == VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE)
			probe_cap_ranges(t, base + off);
#ifdef VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL
		if (h.id == VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL) {
			struct vfio_iommu_type1_info_dma_avail a;

			memcpy(&a, base + off, sizeof(a));
			/* what we hold already counts against the budget */
			t->budget = a.avail + t->n;
		}
#endif
		off = h.next;
	}
}

static int
probe_locked(struct vfio_dma_table *t)
{
	struct vfio_iommu_type1_info head = { .argsz = sizeof(head) };
	struct vfio_iommu_type1_info *ii;

	if (t->ops->ioctl(t->ctx, t->fd, VFIO_IOMMU_GET_INFO, &head) < 0)
		return -errno;
	ii = calloc(1, RTE_MAX(head.argsz, (uint32_t)sizeof(head)));
	if (ii == NULL)
		return -ENOMEM;
	ii->argsz = RTE_MAX(head.argsz, (uint32_t)sizeof(head));
	if (t->ops->ioctl(t->ctx, t->fd, VFIO_IOMMU_GET_INFO, ii) < 0) {
		int err = errno;

		free(ii);
		return -err;
	}
	t->pgsizes = ii->iova_pgsizes;
	t->n_ranges = 0;
	t->budget = 0;
	if ((ii->flags & VFIO_IOMMU_INFO_CAPS) && ii->cap_offset != 0)
		probe_caps(t, ii);
	free(ii);
	t->ready = true;
	return 0;
}

int
vfio_dma_table_probe(struct vfio_dma_table *t)
{
	unsigned int i;
	int ret;

	pthread_mutex_lock(&t->lock);
	ret = probe_locked(t);
	pthread_mutex_unlock(&t->lock);
	if (ret < 0)
		return ret;
	RTE_LOG(DEBUG, EAL, "vfio: IOMMU page sizes 0x%" PRIx64 ", entry "
		"budget %u%s, %u IOVA range(s)\n", t->pgsizes, t->budget,
		t->budget == 0 ? " (not reported)" : "", t->n_ranges);
	for (i = 0; i < t->n_ranges; i++)
		RTE_LOG(DEBUG, EAL, "vfio:   IOVA [0x%" PRIx64 ", 0x%" PRIx64
			"]\n", t->ranges[i].start, t->ranges[i].end);
	return 0;
}

bool
vfio_dma_iova_ok(const struct vfio_dma_table *t, uint64_t iova, uint64_t len)
{
	uint64_t last = iova + len - 1;
	unsigned int i;

	if (len == 0 || last < iova)
		return false;
	if (t->n_ranges == 0)
		return true;
	for (i = 0; i < t->n_ranges; i++)
		if (iova >= t->ranges[i].start && last <= t->ranges[i].end)
			return true;
	return false;
}

/* -------------------------------------------------------------------------
 * the sorted array
 * ------------------------------------------------------------------------- */

/* first entry whose end lies above iova */
static unsigned int
dma_lower(const struct vfio_dma_table *t, uint64_t iova)
{
	unsigned int lo = 0, hi = t->n, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (t->e[mid].iova + t->e[mid].len <= iova)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
dma_reserve(struct vfio_dma_table *t)
{
	struct vfio_dma_entry *e;
	unsigned int cap;

	if (t->n < t->cap)
		return 0;
	cap = t->cap == 0 ? 64 : t->cap * 2;
	e = realloc(t->e, (size_t)cap * sizeof(*e));
	if (e == NULL)
		return -ENOMEM;
	t->e = e;
	t->cap = cap;
	return 0;
}

static void
dma_insert(struct vfio_dma_table *t, unsigned int i,
		const struct vfio_dma_entry *ne)
{
	memmove(&t->e[i + 1], &t->e[i], (t->n - i) * sizeof(t->e[0]));
	t->e[i] = *ne;
	t->n++;
}

static void
dma_remove(struct vfio_dma_table *t, unsigned int i)
{
	memmove(&t->e[i], &t->e[i + 1], (t->n - i - 1) * sizeof(t->e[0]));
	t->n--;
}

/* warn once when the budget runs low, again if it recovers and runs low */
static void
dma_budget_note(struct vfio_dma_table *t)
{
	uint32_t left;

	if (t->budget == 0)
		return;
	left = t->budget > t->n ? t->budget - t->n : 0;
	if (left > t->budget / VFIO_DMA_WARN_DIV) {
		t->warned = false;
		return;
	}
	if (!t->warned)
		RTE_LOG(WARNING, EAL, "vfio: %u of %u IOMMU entries used, %u "
			"left; raise vfio_iommu_type1.dma_entry_limit or use "
			"larger pages\n", t->n, t->budget, left);
	t->warned = true;
}

/* -------------------------------------------------------------------------
 * map
 * ------------------------------------------------------------------------- */

static uint64_t
dma_min_page(const struct vfio_dma_table *t)
{
	return t->pgsizes != 0 ? t->pgsizes & -t->pgsizes : 4096;
}

static int
dma_args_check(const struct vfio_dma_table *t, uint64_t va, uint64_t iova,
		uint64_t len)
{
	uint64_t pg = dma_min_page(t);

	if (len == 0 || (va | iova | len) & (pg - 1) || va + len < va)
		return -EINVAL;
	if (!vfio_dma_iova_ok(t, iova, len))
		return -ERANGE;
	return 0;
}

static int
dma_ioctl_map(struct vfio_dma_table *t, uint64_t va, uint64_t iova,
		uint64_t len)
{
	struct vfio_iommu_type1_dma_map m = {
		.argsz = sizeof(m),
		.flags = VFIO_DMA_MAP_FLAG_READ | VFIO_DMA_MAP_FLAG_WRITE,
		.vaddr = va,
		.iova = iova,
		.size = len,
	};

	t->n_map_calls++;
	return t->ops->ioctl(t->ctx, t->fd, VFIO_IOMMU_MAP_DMA, &m) < 0 ?
		-errno : 0;
}

static int
dma_map_locked(struct vfio_dma_table *t, const struct vfio_dma_entry *ne)
{
	struct vfio_dma_entry *e;
	unsigned int i;
	int ret;

	if (!t->ready)
		return -ENODEV;
	if (t->noiommu)
		return 0;
	ret = dma_args_check(t, ne->va, ne->iova, ne->len);
	if (ret < 0)
		return ret;
	i = dma_lower(t, ne->iova);
	if (i < t->n && t->e[i].iova < ne->iova + ne->len) {
		e = &t->e[i];
		if (e->iova != ne->iova || e->len != ne->len || e->va != ne->va)
			return -EEXIST;
		e->refcnt++;
		return 0;
	}
	if (t->budget != 0 && t->n >= t->budget)
		return -ENOSPC;
	ret = dma_reserve(t);
	if (ret == 0)
		ret = dma_ioctl_map(t, ne->va, ne->iova, ne->len);
	if (ret < 0)
		return ret;
	dma_insert(t, i, ne);
	dma_budget_note(t);
	return 0;
}

int
vfio_dma_map(struct vfio_dma_table *t, uint64_t va, uint64_t iova,
		uint64_t len, enum vfio_map_kind kind)
{
	struct vfio_dma_entry ne = {
		.va = va, .iova = iova, .len = len, .refcnt = 1,
		.kind = (uint8_t)kind,
	};
	int ret;

	pthread_mutex_lock(&t->lock);
	ret = dma_map_locked(t, &ne);
	pthread_mutex_unlock(&t->lock);
	return ret;
}

/* -------------------------------------------------------------------------
 * unmap
 * ------------------------------------------------------------------------- */

static int
dma_ioctl_unmap(struct vfio_dma_table *t, const struct vfio_dma_entry *e)
{
	struct vfio_iommu_type1_dma_unmap u = {
		.argsz = sizeof(u),
		.iova = e->iova,
		.size = e->len,
	};

	t->n_unmap_calls++;
	if (t->ops->ioctl(t->ctx, t->fd, VFIO_IOMMU_UNMAP_DMA, &u) < 0)
		return -errno;
	/* the kernel says how much it removed: exactly our entry, or trouble */
	if (u.size != e->len) {
		RTE_LOG(ERR, EAL, "vfio: unmapping IOVA 0x%" PRIx64 " removed "
			"0x%llx bytes instead of 0x%" PRIx64 "\n", e->iova,
			(unsigned long long)u.size, e->len);
		return -EIO;
	}
	t->bytes_unmapped += u.size;
	return 0;
}

/* a user unmap drops its reference; a page going away drops the entry */
static int
dma_entry_drop(struct vfio_dma_table *t, unsigned int i,
		enum vfio_map_kind kind)
{
	struct vfio_dma_entry *e = &t->e[i];
	int ret;

	if (e->refcnt > 1 && kind == VFIO_MAP_USER) {
		e->refcnt--;
		return 0;
	}
	if (e->refcnt > 1)
		RTE_LOG(WARNING, EAL, "vfio: IOVA 0x%" PRIx64 " is unmapped "
			"with the memory under it, though the application "
			"mapped it too\n", e->iova);
	ret = dma_ioctl_unmap(t, e);
	if (ret == 0) {
		dma_remove(t, i);
		dma_budget_note(t);
	}
	return ret;
}

/* the entries [*first, *end) the range covers, whole */
static int
dma_unmap_span(const struct vfio_dma_table *t, uint64_t iova, uint64_t len,
		enum vfio_map_kind kind, unsigned int *first, unsigned int *end)
{
	uint64_t last = iova + len;
	unsigned int i = dma_lower(t, iova), j;

	if (i >= t->n || t->e[i].iova >= last)
		return -ENOENT;
	if (t->e[i].iova < iova)
		return -EINVAL; /* would cut the head off an entry */
	for (j = i; j < t->n && t->e[j].iova < last; j++) {
		if (t->e[j].iova + t->e[j].len > last)
			return -EINVAL; /* would cut its tail */
		if (kind == VFIO_MAP_USER && t->e[j].kind != VFIO_MAP_USER &&
				t->e[j].refcnt <= 1)
			return -EPERM; /* EAL memory: the EAL unmaps it */
	}
	*first = i;
	*end = j;
	return 0;
}

/*
 * Entries [i, j) tile [iova, iova+len) exactly and none is shared: one
 * UNMAP_DMA removes them all (the kernel takes several whole mappings in
 * one call and reports the total), and since there is no gap it cannot
 * touch a mapping that is not ours. Saves an IOTLB flush per page.
 */
static bool
dma_batchable(const struct vfio_dma_table *t, unsigned int i, unsigned int j,
		uint64_t iova, uint64_t len, enum vfio_map_kind kind)
{
	uint64_t at = iova;
	unsigned int k;

	if (j - i < 2)
		return false;
	for (k = i; k < j; k++) {
		if (t->e[k].iova != at ||
				(t->e[k].refcnt > 1 && kind == VFIO_MAP_USER))
			return false;
		at += t->e[k].len;
	}
	return at == iova + len;
}

static int
dma_unmap_batch(struct vfio_dma_table *t, unsigned int i, unsigned int j,
		uint64_t iova, uint64_t len)
{
	struct vfio_dma_entry span = { .iova = iova, .len = len };
	int ret;

	ret = dma_ioctl_unmap(t, &span);
	if (ret < 0)
		return ret;
	memmove(&t->e[i], &t->e[j], (t->n - j) * sizeof(t->e[0]));
	t->n -= j - i;
	dma_budget_note(t);
	return 0;
}

static int
dma_unmap_locked(struct vfio_dma_table *t, uint64_t iova, uint64_t len,
		enum vfio_map_kind kind)
{
	unsigned int i, j;
	int ret, r;

	if (!t->ready)
		return -ENODEV;
	if (t->noiommu)
		return 0;
	if (len == 0 || iova + len < iova)
		return -EINVAL;
	ret = dma_unmap_span(t, iova, len, kind, &i, &j);
	if (ret < 0)
		return ret;
	if (dma_batchable(t, i, j, iova, len, kind))
		return dma_unmap_batch(t, i, j, iova, len);
	/* from the top so that indexes below stay valid */
	while (j-- > i) {
		r = dma_entry_drop(t, j, kind);
		if (r < 0 && ret == 0)
			ret = r;
	}
	return ret;
}

int
vfio_dma_unmap(struct vfio_dma_table *t, uint64_t iova, uint64_t len,
		enum vfio_map_kind kind)
{
	int ret;

	pthread_mutex_lock(&t->lock);
	ret = dma_unmap_locked(t, iova, len, kind);
	pthread_mutex_unlock(&t->lock);
	return ret;
}

int
vfio_dma_unmap_all(struct vfio_dma_table *t)
{
	int ret = 0, r;

	pthread_mutex_lock(&t->lock);
	while (t->n > 0) {
		r = dma_ioctl_unmap(t, &t->e[t->n - 1]);
		if (r < 0 && ret == 0)
			ret = r;
		t->n--; /* the kernel drops whatever is left with the fd */
	}
	t->warned = false;
	pthread_mutex_unlock(&t->lock);
	return ret;
}

/* -------------------------------------------------------------------------
 * queries and checks
 * ------------------------------------------------------------------------- */

int
vfio_dma_lookup(struct vfio_dma_table *t, uint64_t iova,
		struct vfio_dma_entry *out)
{
	unsigned int i;
	int ret = -ENOENT;

	pthread_mutex_lock(&t->lock);
	i = dma_lower(t, iova);
	if (i < t->n && t->e[i].iova <= iova) {
		*out = t->e[i];
		ret = 0;
	}
	pthread_mutex_unlock(&t->lock);
	return ret;
}

unsigned int
vfio_dma_count(struct vfio_dma_table *t)
{
	unsigned int n;

	pthread_mutex_lock(&t->lock);
	n = t->n;
	pthread_mutex_unlock(&t->lock);
	return n;
}

static int
dma_check_entry(const struct vfio_dma_table *t, unsigned int i)
{
	const struct vfio_dma_entry *e = &t->e[i];

	if (e->len == 0 || e->refcnt == 0 || e->kind > VFIO_MAP_USER)
		return -EFAULT;
	if (!vfio_dma_iova_ok(t, e->iova, e->len))
		return -EFAULT;
	if (i > 0 && t->e[i - 1].iova + t->e[i - 1].len > e->iova)
		return -EFAULT;
	return 0;
}

int
vfio_dma_check(struct vfio_dma_table *t)
{
	unsigned int i;
	int ret = 0;

	pthread_mutex_lock(&t->lock);
	if (t->budget != 0 && t->n > t->budget) {
		RTE_LOG(ERR, EAL, "vfio: %u entries over a budget of %u\n",
			t->n, t->budget);
		ret = -EFAULT;
	}
	for (i = 0; i < t->n && ret == 0; i++) {
		ret = dma_check_entry(t, i);
		if (ret < 0)
			RTE_LOG(ERR, EAL, "vfio: bad entry %u: iova 0x%" PRIx64
				" len 0x%" PRIx64 " refcnt %u kind %u\n", i,
				t->e[i].iova, t->e[i].len, t->e[i].refcnt,
				t->e[i].kind);
	}
	pthread_mutex_unlock(&t->lock);
	return ret;
}

void
vfio_dma_dump(struct vfio_dma_table *t, FILE *f)
{
	static const char *const kinds[] = { "heap", "legacy", "ext", "user" };
	unsigned int i;

	pthread_mutex_lock(&t->lock);
	fprintf(f, "vfio container fd %d (%s): %u entries, budget %u\n",
		t->fd, t->ops->name, t->n, t->budget);
	for (i = 0; i < t->n; i++)
		fprintf(f, "  iova 0x%" PRIx64 "+0x%" PRIx64 " va 0x%" PRIx64
			" %s x%u\n", t->e[i].iova, t->e[i].len, t->e[i].va,
			kinds[t->e[i].kind], t->e[i].refcnt);
	pthread_mutex_unlock(&t->lock);
}
