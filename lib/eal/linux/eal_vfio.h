/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Internal view of the VFIO driver (eal_vfio.c, eal_vfio_dma.c,
 * eal_vfio_mp.c, eal_vfio_fake.c).
 *
 * Overview of the types:
 *  - struct vfio_ops: the container ioctls, either ioctl(2) itself or the
 *    fake of eal_vfio_fake.c that behaves like the kernel's type1 driver, so
 *    the table's rules can be tested on a machine without /dev/vfio.
 *  - struct vfio_dma_table: one per container. Every IOMMU mapping the
 *    process made in the container, sorted by IOVA, and what the IOMMU
 *    allows (IOVA ranges, entry budget). It is the only path to MAP_DMA and
 *    UNMAP_DMA, and it enforces type1's rules before the kernel does:
 *      * one entry is unmapped whole or not at all (type1v2 refuses to
 *        split: EINVAL), so hot-pluggable pages get one entry each;
 *      * an overlapping map is EEXIST, unless it is identical to an entry,
 *        which then gains a reference;
 *      * the kernel's entry budget (DMA_AVAIL, 65535 by default) is
 *        counted: a warning when 1/16 of it is left, ENOSPC at zero;
 *      * an IOVA outside the reported ranges (the MSI window, beyond the
 *        aperture) is ERANGE before the kernel is asked.
 *  - struct vfio_fake: a type1 container in user space (ranges, budget,
 *    overlap and split rules), with counters the tests read.
 *
 * Lock order: memory_hotplug_lock -> vfio state lock -> table lock. The
 * mem event hook runs with memory_hotplug_lock held (by the page allocator)
 * and only takes the table lock.
 */
#ifndef EAL_VFIO_H
#define EAL_VFIO_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_memory.h>

#include "eal_internal_cfg.h"

/* container ioctls (MAP_DMA, UNMAP_DMA, GET_INFO): -1 with errno, as ioctl */
struct vfio_ops {
	const char *name;
	int (*ioctl)(void *ctx, int fd, unsigned long req, void *arg);
};

extern const struct vfio_ops vfio_real_ops;
extern const struct vfio_ops vfio_fake_ops;

/* who asked for a mapping: decides who may remove it and how */
enum vfio_map_kind {
	VFIO_MAP_HEAP,   /* one hot-pluggable page of an EAL memseg list */
	VFIO_MAP_LEGACY, /* a run of pages that are never unplugged */
	VFIO_MAP_EXT,    /* a page of external memory added to a heap */
	VFIO_MAP_USER,   /* rte_vfio_container_dma_map() */
};

struct vfio_dma_entry {
	uint64_t va;
	uint64_t iova;
	uint64_t len;
	uint32_t refcnt;  /* identical user maps share the entry */
	uint8_t kind;     /* enum vfio_map_kind */
};

struct vfio_range {
	uint64_t start;
	uint64_t end;     /* inclusive */
};

#define VFIO_MAX_IOVA_RANGES 16
/* fraction of the budget left at which a warning is logged */
#define VFIO_DMA_WARN_DIV 16

struct vfio_dma_table {
	pthread_mutex_t lock;
	const struct vfio_ops *ops;
	void *ctx;
	int fd;                   /* the container */
	bool ready;               /* IOMMU set and probed: maps allowed */
	bool noiommu;             /* no-IOMMU container: nothing to map */
	uint64_t pgsizes;         /* IOMMU page sizes, 0 = unknown */
	uint32_t budget;          /* entries the kernel allowed at probe */
	bool warned;              /* low-budget warning given */
	unsigned int n_ranges;    /* 0: no range information, all allowed */
	struct vfio_range ranges[VFIO_MAX_IOVA_RANGES];
	struct vfio_dma_entry *e; /* sorted by iova, never overlapping */
	unsigned int n;
	unsigned int cap;
	uint64_t n_map_calls;     /* MAP_DMA / UNMAP_DMA issued (benchmarks) */
	uint64_t n_unmap_calls;
	uint64_t bytes_unmapped;  /* as the kernel reported them */
};

/* ---- mapping table (eal_vfio_dma.c) ---- */
void vfio_dma_table_init(struct vfio_dma_table *t, const struct vfio_ops *ops,
		void *ctx, int fd);
/* forget every entry without unmapping (the container is being closed) */
void vfio_dma_table_fini(struct vfio_dma_table *t);
/* GET_INFO: page sizes, IOVA ranges, DMA_AVAIL; then maps are allowed */
int vfio_dma_table_probe(struct vfio_dma_table *t);
int vfio_dma_map(struct vfio_dma_table *t, uint64_t va, uint64_t iova,
		uint64_t len, enum vfio_map_kind kind);
/* the range must cover whole entries of this kind (or be one of them) */
int vfio_dma_unmap(struct vfio_dma_table *t, uint64_t iova, uint64_t len,
		enum vfio_map_kind kind);
/* unmap every entry, newest IOVA first; 0 or the first error */
int vfio_dma_unmap_all(struct vfio_dma_table *t);
/* is [iova, iova+len) inside one IOVA range the IOMMU reported? */
bool vfio_dma_iova_ok(const struct vfio_dma_table *t, uint64_t iova,
		uint64_t len);
/* the entry holding iova, copied out; -ENOENT if none */
int vfio_dma_lookup(struct vfio_dma_table *t, uint64_t iova,
		struct vfio_dma_entry *out);
unsigned int vfio_dma_count(struct vfio_dma_table *t);
/* sorted, no overlap, inside the ranges, within the budget: 0 or -EFAULT */
int vfio_dma_check(struct vfio_dma_table *t);
void vfio_dma_dump(struct vfio_dma_table *t, FILE *f);

/* ---- fake type1 container (eal_vfio_fake.c) ---- */
struct vfio_fake_map {
	uint64_t va;
	uint64_t iova;
	uint64_t len;
};

struct vfio_fake {
	uint32_t limit;          /* like vfio_iommu_type1.dma_entry_limit */
	uint64_t pgsizes;
	unsigned int n_ranges;
	struct vfio_range ranges[VFIO_MAX_IOVA_RANGES];
	struct vfio_fake_map *maps;
	unsigned int n;
	unsigned int cap;
	/* what the tests check */
	uint64_t maps_ok;
	uint64_t unmaps_ok;
	uint64_t bytes_unmapped;
	uint64_t n_eexist;
	uint64_t n_einval;
	uint64_t n_enospc;
	int fail_next_map;       /* >0: that errno for the next MAP_DMA */
};

/* a type1v2 container like the VM's: 4K|2M|1G, MSI hole, 39 bits */
void vfio_fake_init(struct vfio_fake *f, uint32_t limit);
void vfio_fake_fini(struct vfio_fake *f);
/* is exactly [iova, iova+len) one mapping of the fake? */
bool vfio_fake_has(const struct vfio_fake *f, uint64_t iova, uint64_t len);

/* ---- driver (eal_vfio.c) ---- */
/* rte_eal_init step: open the default container if /dev/vfio/vfio exists */
int eal_vfio_init(void);
void eal_vfio_cleanup(void);
/*
 * IOVA-mode constraints from VFIO, before memory is reserved: *need_pa when
 * only physical addresses work (no-IOMMU mode), *va_bits the IOMMU's
 * address width (0 if no IOMMU or unknown). 0, or -ENODEV without VFIO.
 */
int eal_vfio_iova_constraints(bool *need_pa, unsigned int *va_bits);
/*
 * eal_iova_step() (primary): refuse --iova-mode=va in no-IOMMU mode, pick
 * pa there, and when the IOMMU is narrower than the VA space (39 bits on
 * many VT-d parts) reserve memory low enough for IOVA=VA to be mappable.
 * 0 or -EINVAL after logging which option to change.
 */
int eal_vfio_iova_select(struct internal_config *cfg, bool phys);
/* the default container's table (tests, benchmarks, the IPC server) */
struct vfio_dma_table *eal_vfio_default_table(void);
/*
 * Tests: run the default container on a fake (no /dev/vfio needed). Every
 * page already plugged is mapped, and the hook follows hot-plug from now
 * on; eal_vfio_fake_detach() unmaps everything and stops it.
 */
int eal_vfio_fake_attach(struct vfio_fake *f);
int eal_vfio_fake_detach(void);

/* ---- multi-process (eal_vfio_mp.c) ---- */
int vfio_mp_register(void);      /* primary: answer secondaries */
void vfio_mp_unregister(void);
/* secondary: ask the primary; the fd (>=0) or -errno */
int vfio_mp_get_container_fd(void);
int vfio_mp_get_group_fd(int group_num);
/* primary side of the group request */
int vfio_group_fd_get_or_open(int group_num);

#endif /* EAL_VFIO_H */
