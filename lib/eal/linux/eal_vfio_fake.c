/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A type1v2 VFIO container in user space, for tests on machines without
 * /dev/vfio. It answers the three container ioctls the mapping table uses
 * the way the kernel's vfio_iommu_type1 does (as observed in the VFIO VM,
 * see doc/guides/prog_guide/vfio.rst):
 *  - MAP_DMA: EINVAL for a zero size, a misaligned address or size, or an
 *    IOVA outside the ranges; EEXIST for any overlap, identical or not;
 *    ENOSPC when the entry limit (dma_entry_limit) is reached;
 *  - UNMAP_DMA: EINVAL when the range cuts a mapping; otherwise removes the
 *    mappings inside it and reports their total size (0 for a hole);
 *  - GET_INFO: page sizes and the IOVA_RANGE and DMA_AVAIL capabilities.
 * It sits beside the real path (vfio_real_ops), never instead of it: the
 * VM suite runs the same table against the kernel.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vfio.h>

#include <rte_common.h>

#include "eal_vfio.h"

#define FAKE_PAGE 4096ULL

void
vfio_fake_init(struct vfio_fake *f, uint32_t limit)
{
	memset(f, 0, sizeof(*f));
	f->limit = limit;
	f->pgsizes = (1ULL << 12) | (1ULL << 21) | (1ULL << 30);
	f->n_ranges = 2;
	f->ranges[0].start = 0;
	f->ranges[0].end = 0xfedfffffULL;
	f->ranges[1].start = 0xfef00000ULL;
	f->ranges[1].end = (1ULL << 39) - 1;
}

void
vfio_fake_fini(struct vfio_fake *f)
{
	free(f->maps);
	f->maps = NULL;
	f->n = f->cap = 0;
}

bool
vfio_fake_has(const struct vfio_fake *f, uint64_t iova, uint64_t len)
{
	unsigned int i;

	for (i = 0; i < f->n; i++)
		if (f->maps[i].iova == iova && f->maps[i].len == len)
			return true;
	return false;
}

static bool
fake_in_ranges(const struct vfio_fake *f, uint64_t iova, uint64_t len)
{
	uint64_t last = iova + len - 1;
	unsigned int i;

	for (i = 0; i < f->n_ranges; i++)
		if (iova >= f->ranges[i].start && last <= f->ranges[i].end)
			return true;
	return false;
}

static int
fake_err(uint64_t *counter, int err)
{
	(*counter)++;
	errno = err;
	return -1;
}

static int
fake_map(struct vfio_fake *f, const struct vfio_iommu_type1_dma_map *m)
{
	uint64_t end = m->iova + m->size;
	unsigned int i;
	void *p;

	if (f->fail_next_map > 0) {
		errno = f->fail_next_map;
		f->fail_next_map = 0;
		return -1;
	}
	if (m->size == 0 || end < m->iova ||
			((m->vaddr | m->iova | m->size) & (FAKE_PAGE - 1)) ||
			!fake_in_ranges(f, m->iova, m->size))
		return fake_err(&f->n_einval, EINVAL);
	for (i = 0; i < f->n; i++)
		if (f->maps[i].iova < end &&
				m->iova < f->maps[i].iova + f->maps[i].len)
			return fake_err(&f->n_eexist, EEXIST);
	if (f->n >= f->limit)
		return fake_err(&f->n_enospc, ENOSPC);
	if (f->n == f->cap) {
		p = realloc(f->maps, (f->cap ? f->cap * 2 : 64) *
				sizeof(f->maps[0]));
		if (p == NULL) {
			errno = ENOMEM;
			return -1;
		}
		f->maps = p;
		f->cap = f->cap ? f->cap * 2 : 64;
	}
	f->maps[f->n].va = m->vaddr;
	f->maps[f->n].iova = m->iova;
	f->maps[f->n].len = m->size;
	f->n++;
	f->maps_ok++;
	return 0;
}

static int
fake_unmap(struct vfio_fake *f, struct vfio_iommu_type1_dma_unmap *u)
{
	uint64_t end = u->iova + u->size, done = 0;
	unsigned int i;

	if ((u->iova | u->size) & (FAKE_PAGE - 1) || end < u->iova)
		return fake_err(&f->n_einval, EINVAL);
	/* type1v2 never splits: a mapping cut by the range refuses it all */
	for (i = 0; i < f->n; i++) {
		const struct vfio_fake_map *m = &f->maps[i];

		if (m->iova < end && u->iova < m->iova + m->len &&
				(m->iova < u->iova || m->iova + m->len > end))
			return fake_err(&f->n_einval, EINVAL);
	}
	for (i = 0; i < f->n; ) {
		if (f->maps[i].iova >= u->iova && f->maps[i].iova < end) {
			done += f->maps[i].len;
			f->maps[i] = f->maps[--f->n];
			f->unmaps_ok++;
		} else {
			i++;
		}
	}
	f->bytes_unmapped += done;
	u->size = done;
	return 0;
}

static size_t
fake_info_size(const struct vfio_fake *f)
{
	return sizeof(struct vfio_iommu_type1_info) +
		sizeof(struct vfio_iommu_type1_info_cap_iova_range) +
		f->n_ranges * sizeof(struct vfio_iova_range) +
		sizeof(struct vfio_iommu_type1_info_dma_avail);
}

/*
 * DMA_AVAIL first (12 bytes), then IOVA_RANGE at a 4-byte, not 8-byte,
 * aligned offset: the kernel packs its chain the same way, so readers must
 * copy fields out rather than dereference them in place.
 */
static int
fake_info(struct vfio_fake *f, struct vfio_iommu_type1_info *ii)
{
	size_t need = fake_info_size(f);
	struct vfio_iommu_type1_info_cap_iova_range r;
	struct vfio_iommu_type1_info_dma_avail a;
	char *base = (char *)ii;
	size_t off_a = sizeof(*ii), off_r = off_a + sizeof(a);
	unsigned int i;

	if (ii->argsz < sizeof(*ii)) {
		errno = EINVAL;
		return -1;
	}
	ii->flags = VFIO_IOMMU_INFO_PGSIZES | VFIO_IOMMU_INFO_CAPS;
	ii->iova_pgsizes = f->pgsizes;
	ii->cap_offset = 0;
	if (ii->argsz < need) {
		ii->argsz = (uint32_t)need; /* as the kernel: ask again */
		return 0;
	}
	memset(&a, 0, sizeof(a));
	a.header.id = VFIO_IOMMU_TYPE1_INFO_DMA_AVAIL;
	a.header.version = 1;
	a.header.next = (uint32_t)off_r;
	a.avail = f->limit > f->n ? f->limit - f->n : 0;
	memcpy(base + off_a, &a, sizeof(a));
	memset(&r, 0, sizeof(r));
	r.header.id = VFIO_IOMMU_TYPE1_INFO_CAP_IOVA_RANGE;
	r.header.version = 1;
	r.nr_iovas = f->n_ranges;
	memcpy(base + off_r, &r, sizeof(r));
	for (i = 0; i < f->n_ranges; i++)
		memcpy(base + off_r + sizeof(r) + i * sizeof(f->ranges[0]),
			&f->ranges[i], sizeof(f->ranges[0]));
	ii->cap_offset = (uint32_t)off_a;
	return 0;
}

static int
fake_ioctl(void *ctx, int fd, unsigned long req, void *arg)
{
	struct vfio_fake *f = ctx;

	RTE_SET_USED(fd);
	switch (req) {
	case VFIO_IOMMU_MAP_DMA:
		return fake_map(f, arg);
	case VFIO_IOMMU_UNMAP_DMA:
		return fake_unmap(f, arg);
	case VFIO_IOMMU_GET_INFO:
		return fake_info(f, arg);
	default:
		errno = ENOTTY;
		return -1;
	}
}

const struct vfio_ops vfio_fake_ops = {
	.name = "fake type1v2",
	.ioctl = fake_ioctl,
};
