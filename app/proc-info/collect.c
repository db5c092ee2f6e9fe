/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * One snapshot of the primary's memory and of this process's ports.
 *
 * Memseg lists are read inside rte_memseg_list_walk(), which holds the
 * memory hot-plug lock for reading, so no page is plugged or unplugged
 * while a list is being read and the page counts of one list agree with
 * each other. Heaps, memzones and mempools are read afterwards under their
 * own locks: between sections the primary may have moved on, which is why
 * the numbers of different sections are not expected to add up exactly.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_eal_memconfig.h>
#include <rte_ethdev.h>
#include <rte_fbarray.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "eal_internal_cfg.h"
#include "eal_memcfg.h"
#include "malloc_heap.h"

#include "proc_info.h"

const char *
pi_page_state_name(enum pi_page_state s)
{
	switch (s) {
	case PI_PAGE_USED:
		return "used";
	case PI_PAGE_FLOOR:
		return "prealloc";
	default:
		return "free";
	}
}

/*
 * Is [va, va + len) mapped in this process? External memory is mapped by
 * whoever created it; a secondary that did not map it too must not touch
 * it (its heap elements and its page table live there).
 */
static bool
va_mapped(uint64_t va, uint64_t len)
{
	uintptr_t pg = (uintptr_t)sysconf(_SC_PAGESIZE);
	uintptr_t first = (uintptr_t)va & ~(pg - 1);
	uintptr_t last = ((uintptr_t)va + len - 1) & ~(pg - 1);
	unsigned char vec;

	if (va == 0 || len == 0)
		return false;
	return mincore((void *)first, pg, &vec) == 0 &&
		mincore((void *)last, pg, &vec) == 0;
}

/* ---------------------------------------------------------------- lists */

struct msl_walk {
	struct pi_snapshot *snap;
	int err;
};

static int
runs_push(struct pi_msl *m, uint32_t *cap, uint32_t start, uint32_t count,
		enum pi_page_state state)
{
	struct pi_run *r;

	if (m->n_runs > 0) {
		r = &m->runs[m->n_runs - 1];
		if (r->state == state && r->start + r->count == start) {
			r->count += count;
			return 0;
		}
	}
	if (m->n_runs == *cap) {
		uint32_t ncap = *cap ? *cap * 2 : 16;

		r = realloc(m->runs, ncap * sizeof(*r));
		if (r == NULL)
			return -ENOMEM;
		m->runs = r;
		*cap = ncap;
	}
	m->runs[m->n_runs++] = (struct pi_run){ start, count, state };
	return 0;
}

/* used run [i, i + n): split where the floor flag changes */
static int
msl_read_used(const struct rte_memseg_list *msl, struct pi_msl *m,
		uint32_t *cap, uint32_t i, uint32_t n)
{
	const struct rte_fbarray *arr = &msl->memseg_arr;
	uint32_t j;
	int ret;

	for (j = i; j < i + n; j++) {
		const struct rte_memseg *ms = rte_fbarray_get(arr, j);
		enum pi_page_state st = PI_PAGE_USED;

		if (ms != NULL && (ms->flags & RTE_MEMSEG_FLAG_DO_NOT_FREE))
			st = PI_PAGE_FLOOR;
		ret = runs_push(m, cap, j, 1, st);
		if (ret < 0)
			return ret;
		m->n_used++;
		if (st == PI_PAGE_FLOOR)
			m->n_floor++;
	}
	return 0;
}

static void
msl_count_holes(struct pi_msl *m)
{
	uint32_t k;

	for (k = 0; k < m->n_runs; k++) {
		const struct pi_run *r = &m->runs[k];

		if (r->state != PI_PAGE_FREE)
			continue;
		m->n_free_runs++;
		if (r->count > m->biggest_free_run)
			m->biggest_free_run = r->count;
		if (k > 0 && k + 1 < m->n_runs)
			m->n_holes++;
	}
}

/* the runs of one list, walking free and used stretches */
static int
msl_read_runs(const struct rte_memseg_list *msl, struct pi_msl *m)
{
	/* the search functions take the array's lock, hence not const */
	struct rte_fbarray *arr = (struct rte_fbarray *)(uintptr_t)
		&msl->memseg_arr;
	uint32_t cap = 0, i = 0;
	int next, ret;

	while (i < m->n_slots) {
		next = rte_fbarray_find_next_used(arr, i);
		if (next < 0)
			next = (int)m->n_slots;
		if ((uint32_t)next > i) {
			ret = runs_push(m, &cap, i, next - i, PI_PAGE_FREE);
			if (ret < 0)
				return ret;
			i = next;
			continue;
		}
		ret = rte_fbarray_find_contig_used(arr, i);
		if (ret <= 0)
			return -EIO;
		ret = msl_read_used(msl, m, &cap, i, ret);
		if (ret < 0)
			return ret;
		i = m->runs[m->n_runs - 1].start + m->runs[m->n_runs - 1].count;
	}
	msl_count_holes(m);
	return 0;
}

/*
 * A secondary maps the page table (fbarray) of external memory only when
 * told to (rte_extmem_attach()); attach it for the time of the read. If
 * that is impossible (no shared files), the list is shown without runs.
 */
static int
msl_read_maybe_attach(const struct rte_memseg_list *msl, struct pi_msl *m)
{
	struct rte_fbarray *arr = (struct rte_fbarray *)(uintptr_t)
		&msl->memseg_arr;
	int ret;

	if (!msl->external || va_mapped((uintptr_t)arr->data, 1))
		return msl_read_runs(msl, m);
	if (rte_fbarray_attach(arr) < 0) {
		m->unreadable = true;
		return 0;
	}
	ret = msl_read_runs(msl, m);
	rte_fbarray_detach(arr);
	return ret;
}

static int
heap_idx_of_socket(const struct pi_snapshot *snap, int socket_id)
{
	unsigned int h;

	for (h = 0; h < snap->n_heaps; h++)
		if (snap->heaps[h].socket_id == socket_id)
			return (int)h;
	return -1;
}

static int
msl_walk_cb(const struct rte_memseg_list *msl, void *arg)
{
	struct msl_walk *w = arg;
	struct pi_snapshot *snap = w->snap;
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct pi_msl *m;

	m = &snap->msls[snap->n_msls];
	memset(m, 0, sizeof(*m));
	m->index = (int)(msl - mcfg->memsegs);
	m->socket_id = msl->socket_id;
	m->page_sz = msl->page_sz;
	m->base_va = (uint64_t)(uintptr_t)msl->base_va;
	m->len = msl->len;
	m->external = msl->external != 0;
	m->heap = msl->heap != 0;
	m->heap_idx = m->heap ? heap_idx_of_socket(snap, msl->socket_id) : -1;
	m->n_slots = msl->memseg_arr.len;
	snap->n_msls++;
	w->err = msl_read_maybe_attach(msl, m);
	if (w->err < 0)
		return -1;
	snap->mem_total += (uint64_t)m->n_used * m->page_sz;
	return 0;
}

static int
collect_msls(struct pi_snapshot *snap)
{
	struct msl_walk w = { snap, 0 };

	snap->msls = calloc(RTE_MAX_MEMSEG_LISTS, sizeof(*snap->msls));
	if (snap->msls == NULL)
		return -ENOMEM;
	if (rte_memseg_list_walk(msl_walk_cb, &w) < 0)
		return w.err < 0 ? w.err : -EIO;
	return 0;
}

/* ---------------------------------------------------------------- heaps */

/* is every list of external heap socket_id mapped in this process? */
static bool
ext_heap_mapped(int socket_id)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	bool mapped = true;
	unsigned int i;

	rte_mcfg_mem_read_lock();
	for (i = 0; i < RTE_MAX_MEMSEG_LISTS && mapped; i++) {
		const struct rte_memseg_list *msl = &mcfg->memsegs[i];

		if (msl->base_va != NULL && msl->external &&
				msl->socket_id == socket_id)
			mapped = va_mapped((uintptr_t)msl->base_va, msl->len);
	}
	rte_mcfg_mem_read_unlock();
	return mapped;
}

/*
 * The heap's memory is not mapped here, so its elements (and the free
 * lists through them) cannot be walked: report what the shared heap
 * header says and mark the rest unknown.
 */
static void
heap_counters_only(const struct malloc_heap *heap, struct pi_heap *h)
{
	h->partial = true;
	h->stats.heap_totalsz_bytes = heap->total_size;
	h->stats.heap_allocsz_bytes = heap->alloc_size;
	h->stats.heap_freesz_bytes = heap->total_size - heap->alloc_size;
	h->stats.alloc_count = heap->alloc_count;
}

static int
collect_heaps(struct pi_snapshot *snap)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	unsigned int i;

	for (i = 0; i < RTE_MAX_HEAPS; i++) {
		const struct malloc_heap *heap = &mcfg->malloc_heaps[i];
		struct pi_heap *h;

		if (!heap->in_use)
			continue;
		h = &snap->heaps[snap->n_heaps];
		memset(h, 0, sizeof(*h));
		snprintf(h->name, sizeof(h->name), "%s", heap->name);
		h->socket_id = (int)heap->socket_id;
		h->external = heap->external != 0;
		h->pages_plugged = heap->pages_plugged;
		h->pages_unplugged = heap->pages_unplugged;
		if (h->external && !ext_heap_mapped(h->socket_id)) {
			heap_counters_only(heap, h);
		} else if (rte_malloc_get_socket_stats(h->socket_id,
				&h->stats) < 0) {
			continue; /* destroyed since we looked */
		}
		snap->n_heaps++;
	}
	return 0;
}

/* ------------------------------------------------------------- memzones */

struct grow_array {
	void *data;
	unsigned int n;
	unsigned int cap;
	size_t elt_sz;
	int err;
};

static void *
grow_array_next(struct grow_array *g)
{
	if (g->n == g->cap) {
		unsigned int ncap = g->cap ? g->cap * 2 : 16;
		void *p = realloc(g->data, ncap * g->elt_sz);

		if (p == NULL) {
			g->err = -ENOMEM;
			return NULL;
		}
		g->data = p;
		g->cap = ncap;
	}
	return (char *)g->data + g->elt_sz * g->n++;
}

static void
memzone_cb(const struct rte_memzone *mz, void *arg)
{
	struct pi_memzone *z = grow_array_next(arg);

	if (z == NULL)
		return;
	memset(z, 0, sizeof(*z));
	snprintf(z->name, sizeof(z->name), "%s", mz->name);
	z->addr = (uint64_t)(uintptr_t)mz->addr;
	z->iova = mz->iova;
	z->len = mz->len;
	z->hugepage_sz = mz->hugepage_sz;
	z->socket_id = mz->socket_id;
	z->flags = mz->flags;
}

static int
collect_memzones(struct pi_snapshot *snap)
{
	struct grow_array g = { .elt_sz = sizeof(struct pi_memzone) };

	rte_memzone_walk(memzone_cb, &g);
	snap->memzones = g.data;
	snap->n_memzones = g.n;
	return g.err;
}

/* ------------------------------------------------------------- mempools */

struct mempool_walk {
	struct grow_array g;
	const char *only;
};

static void
mempool_cb(struct rte_mempool *mp, void *arg)
{
	struct mempool_walk *w = arg;
	struct pi_mempool *p;

	if (w->only != NULL && strcmp(w->only, mp->name) != 0)
		return;
	p = grow_array_next(&w->g);
	if (p == NULL)
		return;
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "%s", mp->name);
	snprintf(p->ops, sizeof(p->ops), "%s",
		rte_mempool_get_ops(mp->ops_index)->name);
	p->socket_id = mp->socket_id;
	p->size = mp->size;
	p->elt_size = mp->elt_size;
	p->cache_size = mp->cache_size;
	p->avail = rte_mempool_avail_count(mp);
	p->in_use = rte_mempool_in_use_count(mp);
	p->nb_mem_chunks = mp->nb_mem_chunks;
	p->flags = mp->flags;
}

static int
collect_mempools(const struct pi_options *opt, struct pi_snapshot *snap)
{
	struct mempool_walk w = {
		.g = { .elt_sz = sizeof(struct pi_mempool) },
		.only = opt->mempool_name,
	};

	rte_mempool_walk(mempool_cb, &w);
	snap->mempools = w.g.data;
	snap->n_mempools = w.g.n;
	if (w.g.err == 0 && opt->mempool_name != NULL && w.g.n == 0) {
		fprintf(stderr, "dpdk-proc-info: --show-mempool=%s: the "
			"primary has no mempool of that name\n",
			opt->mempool_name);
		return -ENOENT;
	}
	return w.g.err;
}

/* ---------------------------------------------------------------- ports */

static int
port_read_xstats(struct pi_port *p)
{
	struct rte_eth_xstat_name *names = NULL;
	struct rte_eth_xstat *vals = NULL;
	int n, i, ret = -ENOMEM;

	n = rte_eth_xstats_get_names(p->port_id, NULL, 0);
	if (n <= 0)
		return n < 0 ? n : 0;
	names = calloc(n, sizeof(*names));
	vals = calloc(n, sizeof(*vals));
	p->xstats = calloc(n, sizeof(*p->xstats));
	if (names == NULL || vals == NULL || p->xstats == NULL)
		goto out;
	ret = -EIO;
	if (rte_eth_xstats_get_names(p->port_id, names, n) != n ||
			rte_eth_xstats_get(p->port_id, vals, n) != n)
		goto out;
	for (i = 0; i < n; i++) {
		if (vals[i].id >= (uint64_t)n)
			goto out;
		snprintf(p->xstats[i].name, sizeof(p->xstats[i].name), "%s",
			names[vals[i].id].name);
		p->xstats[i].value = vals[i].value;
	}
	p->n_xstats = n;
	ret = 0;
out:
	free(names);
	free(vals);
	return ret;
}

static int
port_read(const struct pi_options *opt, uint16_t pid, struct pi_port *p)
{
	struct rte_eth_dev_info info;
	struct rte_ether_addr mac;

	memset(p, 0, sizeof(*p));
	p->port_id = pid;
	if (opt->stats_reset)
		rte_eth_stats_reset(pid);
	if (opt->xstats_reset)
		rte_eth_xstats_reset(pid);
	rte_eth_dev_get_name_by_port(pid, p->name);
	if (rte_eth_dev_info_get(pid, &info) == 0 && info.driver_name)
		snprintf(p->driver, sizeof(p->driver), "%s", info.driver_name);
	p->socket_id = rte_eth_dev_socket_id(pid);
	if (rte_eth_macaddr_get(pid, &mac) == 0)
		rte_ether_format_addr(p->mac, sizeof(p->mac), &mac);
	rte_eth_link_get_nowait(pid, &p->link);
	p->nb_rx_queues = info.nb_rx_queues;
	p->nb_tx_queues = info.nb_tx_queues;
	rte_eth_dev_get_mtu(pid, &p->mtu);
	p->promiscuous = rte_eth_promiscuous_get(pid);
	p->have_stats = rte_eth_stats_get(pid, &p->stats) == 0;
	if (opt->xstats)
		return port_read_xstats(p);
	return 0;
}

static int
collect_ports(const struct pi_options *opt, struct pi_snapshot *snap)
{
	uint16_t pid;
	int ret;

	snap->ports = calloc(RTE_MAX_ETHPORTS, sizeof(*snap->ports));
	if (snap->ports == NULL)
		return -ENOMEM;
	RTE_ETH_FOREACH_DEV(pid) {
		if (opt->portmask != 0 && (pid >= 64 ||
				!(opt->portmask & (UINT64_C(1) << pid))))
			continue;
		ret = port_read(opt, pid, &snap->ports[snap->n_ports]);
		snap->n_ports++;
		if (ret < 0)
			return ret;
	}
	return 0;
}

/* ------------------------------------------------------------------ all */

int
pi_collect(const struct pi_options *opt, struct pi_snapshot *snap)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	int ret;

	memset(snap, 0, sizeof(*snap));
	snprintf(snap->file_prefix, sizeof(snap->file_prefix), "%s",
		cfg->hugefile_prefix ? cfg->hugefile_prefix : "rte");
	snap->legacy_mem = mcfg->legacy_mem != 0;
	snap->single_file_segments = mcfg->single_file_segments != 0;
	snap->no_huge = mcfg->no_hugetlbfs != 0;

	/* heaps first: memseg lists refer to them */
	ret = collect_heaps(snap);
	if (ret == 0 && (opt->memsegs || opt->svg_path != NULL))
		ret = collect_msls(snap);
	if (ret == 0 && opt->memzones)
		ret = collect_memzones(snap);
	if (ret == 0 && opt->mempools)
		ret = collect_mempools(opt, snap);
	if (ret == 0 && (opt->stats || opt->xstats || opt->show_port))
		ret = collect_ports(opt, snap);
	if (ret < 0 && ret != -ENOENT)
		fprintf(stderr, "dpdk-proc-info: reading the primary's state "
			"failed: %s\n", strerror(-ret));
	return ret;
}

void
pi_snapshot_free(struct pi_snapshot *snap)
{
	unsigned int i;

	for (i = 0; i < snap->n_msls; i++)
		free(snap->msls[i].runs);
	free(snap->msls);
	free(snap->memzones);
	free(snap->mempools);
	for (i = 0; i < snap->n_ports; i++)
		free(snap->ports[i].xstats);
	free(snap->ports);
	memset(snap, 0, sizeof(*snap));
}
