/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The snapshot as text for people. Byte counts are printed exactly, with a
 * readable size after them, so that scripts grepping the text and people
 * reading it see the same numbers.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include <rte_common.h>

#include "proc_info.h"

/* runs listed per memseg list before "... N more" */
#define PI_TEXT_MAX_RUNS 24u

static const char *
human(uint64_t bytes, char *buf, size_t len)
{
	static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
	double v = (double)bytes;
	unsigned int u = 0;

	while (v >= 1024.0 && u + 1 < RTE_DIM(unit)) {
		v /= 1024.0;
		u++;
	}
	if (u == 0)
		snprintf(buf, len, "%" PRIu64 " B", bytes);
	else
		snprintf(buf, len, "%.1f %s", v, unit[u]);
	return buf;
}

static const char *
heap_name(const struct pi_snapshot *snap, int idx)
{
	return idx >= 0 ? snap->heaps[idx].name : "none";
}

static void
print_runs(FILE *f, const struct pi_msl *m)
{
	uint32_t k, shown = RTE_MIN(m->n_runs, PI_TEXT_MAX_RUNS);

	fprintf(f, "  runs:");
	for (k = 0; k < shown; k++) {
		const struct pi_run *r = &m->runs[k];

		fprintf(f, "%s %u-%u %s", k ? "," : "", r->start,
			r->start + r->count - 1, pi_page_state_name(r->state));
	}
	if (m->n_runs > shown)
		fprintf(f, ", ... %u more", m->n_runs - shown);
	fprintf(f, "\n");
}

static void
print_msls(FILE *f, const struct pi_snapshot *snap)
{
	char b1[32], b2[32];
	unsigned int i;

	fprintf(f, "== memseg lists: %u, %s in use (%s memory%s) ==\n",
		snap->n_msls, human(snap->mem_total, b1, sizeof(b1)),
		snap->legacy_mem ? "legacy" : "dynamic",
		snap->no_huge ? ", no hugepages" : "");
	for (i = 0; i < snap->n_msls; i++) {
		const struct pi_msl *m = &snap->msls[i];

		fprintf(f, "list %d: socket %d, page size %s, %u slots at "
			"0x%" PRIx64 "%s, heap %s\n", m->index, m->socket_id,
			human(m->page_sz, b1, sizeof(b1)), m->n_slots,
			m->base_va, m->external ? " (external)" : "",
			heap_name(snap, m->heap_idx));
		fprintf(f, "  pages in use: %u (%s), preallocated: %u, "
			"free: %u in %u runs, holes: %u, biggest free run: "
			"%u\n",
			m->n_used, human((uint64_t)m->n_used * m->page_sz, b2,
				sizeof(b2)),
			m->n_floor, m->n_slots - m->n_used, m->n_free_runs,
			m->n_holes, m->biggest_free_run);
		if (m->unreadable)
			fprintf(f, "  (external memory whose page table this "
				"process cannot map: pages not shown)\n");
		else
			print_runs(f, m);
	}
}

static void
print_heaps(FILE *f, const struct pi_snapshot *snap)
{
	char b1[32], b2[32], b3[32];
	unsigned int i;

	fprintf(f, "== heaps: %u ==\n", snap->n_heaps);
	for (i = 0; i < snap->n_heaps; i++) {
		const struct pi_heap *h = &snap->heaps[i];
		const struct rte_malloc_socket_stats *s = &h->stats;

		fprintf(f, "heap %s: socket %d%s\n", h->name, h->socket_id,
			h->external ? " (external)" : "");
		if (h->partial) {
			fprintf(f, "  total: %zu (%s), free: %zu (%s), "
				"allocated elements: %u; its memory is not "
				"mapped in this process, so free blocks are "
				"not counted\n", s->heap_totalsz_bytes,
				human(s->heap_totalsz_bytes, b1, sizeof(b1)),
				s->heap_freesz_bytes,
				human(s->heap_freesz_bytes, b2, sizeof(b2)),
				s->alloc_count);
			continue;
		}
		fprintf(f, "  total: %zu (%s), free: %zu (%s), biggest free "
			"block: %zu (%s)\n", s->heap_totalsz_bytes,
			human(s->heap_totalsz_bytes, b1, sizeof(b1)),
			s->heap_freesz_bytes,
			human(s->heap_freesz_bytes, b2, sizeof(b2)),
			s->greatest_free_size,
			human(s->greatest_free_size, b3, sizeof(b3)));
		fprintf(f, "  elements: %u (%u allocated, %u free), allocated: "
			"%zu, pages plugged: %" PRIu64 ", unplugged: %" PRIu64
			"\n", s->alloc_count + s->free_count, s->alloc_count,
			s->free_count, s->heap_allocsz_bytes, h->pages_plugged,
			h->pages_unplugged);
	}
}

static void
print_memzones(FILE *f, const struct pi_snapshot *snap)
{
	char b1[32], b2[32];
	unsigned int i;

	fprintf(f, "== memzones: %u ==\n", snap->n_memzones);
	for (i = 0; i < snap->n_memzones; i++) {
		const struct pi_memzone *z = &snap->memzones[i];

		fprintf(f, "memzone %s: len %" PRIu64 " (%s), socket %d, "
			"page %s, addr 0x%" PRIx64 ", iova 0x%" PRIx64
			", flags 0x%x\n", z->name, z->len,
			human(z->len, b1, sizeof(b1)), z->socket_id,
			human(z->hugepage_sz, b2, sizeof(b2)), z->addr, z->iova,
			z->flags);
	}
}

static void
print_mempools(FILE *f, const struct pi_snapshot *snap)
{
	unsigned int i;

	fprintf(f, "== mempools: %u ==\n", snap->n_mempools);
	for (i = 0; i < snap->n_mempools; i++) {
		const struct pi_mempool *p = &snap->mempools[i];

		fprintf(f, "mempool %s: size %u, elt_size %u, cache %u, "
			"avail %u, in use %u, ops %s, socket %d, chunks %u, "
			"flags 0x%x\n", p->name, p->size, p->elt_size,
			p->cache_size, p->avail, p->in_use, p->ops,
			p->socket_id, p->nb_mem_chunks, p->flags);
	}
}

static void
print_port(FILE *f, const struct pi_options *opt, const struct pi_port *p)
{
	const struct rte_eth_stats *s = &p->stats;
	unsigned int i;

	fprintf(f, "port %u: %s, driver %s, socket %d\n", p->port_id, p->name,
		p->driver, p->socket_id);
	if (opt->show_port)
		fprintf(f, "  mac %s, link %s %u Mbps %s, rx queues %u, "
			"tx queues %u, mtu %u, promiscuous %d\n", p->mac,
			p->link.link_status ? "up" : "down", p->link.link_speed,
			p->link.link_duplex ? "full-duplex" : "half-duplex",
			p->nb_rx_queues, p->nb_tx_queues, p->mtu,
			p->promiscuous);
	if (opt->stats && p->have_stats)
		fprintf(f, "  rx packets %" PRIu64 ", bytes %" PRIu64
			", missed %" PRIu64 ", errors %" PRIu64
			", no mbuf %" PRIu64 "\n  tx packets %" PRIu64
			", bytes %" PRIu64 ", errors %" PRIu64 "\n",
			s->ipackets, s->ibytes, s->imissed, s->ierrors,
			s->rx_nombuf, s->opackets, s->obytes, s->oerrors);
	for (i = 0; opt->xstats && i < p->n_xstats; i++)
		fprintf(f, "  %s: %" PRIu64 "\n", p->xstats[i].name,
			p->xstats[i].value);
}

static void
print_ports(FILE *f, const struct pi_options *opt,
		const struct pi_snapshot *snap)
{
	unsigned int i;

	fprintf(f, "== ports: %u ==\n", snap->n_ports);
	if (snap->n_ports == 0)
		fprintf(f, "no port: ports are per process, and this one "
			"probed none (give it --vdev=... before '--')\n");
	for (i = 0; i < snap->n_ports; i++)
		print_port(f, opt, &snap->ports[i]);
}

int
pi_print_text(FILE *f, const struct pi_options *opt,
		const struct pi_snapshot *snap)
{
	fprintf(f, "dpdk-proc-info: primary with file prefix '%s'\n",
		snap->file_prefix);
	if (opt->memsegs)
		print_msls(f, snap);
	if (opt->heaps)
		print_heaps(f, snap);
	if (opt->memzones)
		print_memzones(f, snap);
	if (opt->mempools)
		print_mempools(f, snap);
	if (opt->stats || opt->xstats || opt->show_port)
		print_ports(f, opt, snap);
	return ferror(f) ? -EIO : 0;
}
