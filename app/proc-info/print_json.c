/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The snapshot as one JSON document for machines. Sizes are plain byte
 * counts, addresses are "0x..." strings (JSON numbers lose precision past
 * 2^53), and sections that were not asked for are left out rather than
 * given empty, so a reader can tell "none" from "not looked at".
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>

#include "proc_info.h"

static void
json_str(FILE *f, const char *s)
{
	const unsigned char *p;

	fputc('"', f);
	for (p = (const unsigned char *)s; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void
json_key_str(FILE *f, const char *key, const char *val)
{
	fprintf(f, "\"%s\": ", key);
	json_str(f, val);
}

static void
print_msl(FILE *f, const struct pi_snapshot *snap, const struct pi_msl *m)
{
	uint32_t k;

	fprintf(f, "{\"index\": %d, \"socket_id\": %d, \"page_size\": %" PRIu64
		", \"base_va\": \"0x%" PRIx64 "\", \"len\": %" PRIu64
		", \"external\": %s, \"heap\": ", m->index, m->socket_id,
		m->page_sz, m->base_va, m->len, m->external ? "true" : "false");
	if (m->heap_idx >= 0)
		json_str(f, snap->heaps[m->heap_idx].name);
	else
		fprintf(f, "null");
	if (m->unreadable) {
		fprintf(f, ", \"slots\": %u, \"runs\": null}", m->n_slots);
		return;
	}
	fprintf(f, ", \"slots\": %u, \"pages_used\": %u, "
		"\"pages_prealloc\": %u, \"pages_free\": %u, "
		"\"free_runs\": %u, "
		"\"holes\": %u, \"biggest_free_run\": %u, \"runs\": [",
		m->n_slots, m->n_used, m->n_floor, m->n_slots - m->n_used,
		m->n_free_runs, m->n_holes, m->biggest_free_run);
	for (k = 0; k < m->n_runs; k++)
		fprintf(f, "%s{\"start\": %u, \"count\": %u, "
			"\"state\": \"%s\"}",
			k ? ", " : "", m->runs[k].start, m->runs[k].count,
			pi_page_state_name(m->runs[k].state));
	fprintf(f, "]}");
}

static void
print_heap(FILE *f, const struct pi_heap *h)
{
	const struct rte_malloc_socket_stats *s = &h->stats;

	fprintf(f, "{");
	json_key_str(f, "name", h->name);
	if (h->partial) {
		/* memory not mapped here: free blocks were not walked */
		fprintf(f, ", \"socket_id\": %d, \"external\": true, "
			"\"mapped\": false, \"total_bytes\": %zu, "
			"\"free_bytes\": %zu, \"alloc_bytes\": %zu, "
			"\"biggest_free_block\": null, \"elements\": null, "
			"\"alloc_count\": %u, \"free_count\": null}",
			h->socket_id, s->heap_totalsz_bytes,
			s->heap_freesz_bytes, s->heap_allocsz_bytes,
			s->alloc_count);
		return;
	}
	fprintf(f, ", \"socket_id\": %d, \"external\": %s, "
		"\"mapped\": true, \"total_bytes\": %zu, \"free_bytes\": %zu, "
		"\"alloc_bytes\": %zu, \"biggest_free_block\": %zu, "
		"\"elements\": %u, \"alloc_count\": %u, \"free_count\": %u, "
		"\"pages_plugged\": %" PRIu64 ", \"pages_unplugged\": %" PRIu64
		"}", h->socket_id, h->external ? "true" : "false",
		s->heap_totalsz_bytes, s->heap_freesz_bytes,
		s->heap_allocsz_bytes, s->greatest_free_size,
		s->alloc_count + s->free_count, s->alloc_count, s->free_count,
		h->pages_plugged, h->pages_unplugged);
}

static void
print_memzone(FILE *f, const struct pi_memzone *z)
{
	fprintf(f, "{");
	json_key_str(f, "name", z->name);
	fprintf(f, ", \"len\": %" PRIu64 ", \"addr\": \"0x%" PRIx64
		"\", \"iova\": \"0x%" PRIx64 "\", \"socket_id\": %d, "
		"\"hugepage_sz\": %" PRIu64 ", \"flags\": %u}", z->len, z->addr,
		z->iova, z->socket_id, z->hugepage_sz, z->flags);
}

static void
print_mempool(FILE *f, const struct pi_mempool *p)
{
	fprintf(f, "{");
	json_key_str(f, "name", p->name);
	fprintf(f, ", ");
	json_key_str(f, "ops", p->ops);
	fprintf(f, ", \"socket_id\": %d, \"size\": %u, \"elt_size\": %u, "
		"\"cache_size\": %u, \"avail\": %u, \"in_use\": %u, "
		"\"mem_chunks\": %u, \"flags\": %u}", p->socket_id, p->size,
		p->elt_size, p->cache_size, p->avail, p->in_use,
		p->nb_mem_chunks, p->flags);
}

static void
print_port(FILE *f, const struct pi_options *opt, const struct pi_port *p)
{
	const struct rte_eth_stats *s = &p->stats;
	unsigned int i;

	fprintf(f, "{\"port_id\": %u, ", p->port_id);
	json_key_str(f, "name", p->name);
	fprintf(f, ", ");
	json_key_str(f, "driver", p->driver);
	fprintf(f, ", \"socket_id\": %d, ", p->socket_id);
	json_key_str(f, "mac", p->mac);
	fprintf(f, ", \"link_up\": %s, \"link_speed\": %u, "
		"\"rx_queues\": %u, \"tx_queues\": %u, \"mtu\": %u",
		p->link.link_status ? "true" : "false", p->link.link_speed,
		p->nb_rx_queues, p->nb_tx_queues, p->mtu);
	if (p->have_stats)
		fprintf(f, ", \"stats\": {\"ipackets\": %" PRIu64
			", \"opackets\": %" PRIu64 ", \"ibytes\": %" PRIu64
			", \"obytes\": %" PRIu64 ", \"imissed\": %" PRIu64
			", \"ierrors\": %" PRIu64 ", \"oerrors\": %" PRIu64
			", \"rx_nombuf\": %" PRIu64 "}", s->ipackets,
			s->opackets, s->ibytes, s->obytes, s->imissed,
			s->ierrors, s->oerrors, s->rx_nombuf);
	if (opt->xstats) {
		fprintf(f, ", \"xstats\": {");
		for (i = 0; i < p->n_xstats; i++) {
			fprintf(f, "%s", i ? ", " : "");
			json_str(f, p->xstats[i].name);
			fprintf(f, ": %" PRIu64, p->xstats[i].value);
		}
		fprintf(f, "}");
	}
	fprintf(f, "}");
}

/* "name": [ item, item ] with one item per line */
#define JSON_LIST(f, name, n, item_stmt) do { \
	unsigned int i_; \
	fprintf(f, ",\n\"%s\": [", name); \
	for (i_ = 0; i_ < (n); i_++) { \
		fprintf(f, "%s\n  ", i_ ? "," : ""); \
		item_stmt; \
	} \
	fprintf(f, "%s]", (n) ? "\n" : ""); \
} while (0)

int
pi_print_json(FILE *f, const struct pi_options *opt,
		const struct pi_snapshot *snap)
{
	fprintf(f, "{");
	json_key_str(f, "file_prefix", snap->file_prefix);
	fprintf(f, ",\n\"legacy_mem\": %s, \"single_file_segments\": %s, "
		"\"no_huge\": %s, \"mem_total\": %" PRIu64,
		snap->legacy_mem ? "true" : "false",
		snap->single_file_segments ? "true" : "false",
		snap->no_huge ? "true" : "false", snap->mem_total);
	if (opt->memsegs)
		JSON_LIST(f, "memseg_lists", snap->n_msls,
			print_msl(f, snap, &snap->msls[i_]));
	if (opt->heaps)
		JSON_LIST(f, "heaps", snap->n_heaps,
			print_heap(f, &snap->heaps[i_]));
	if (opt->memzones)
		JSON_LIST(f, "memzones", snap->n_memzones,
			print_memzone(f, &snap->memzones[i_]));
	if (opt->mempools)
		JSON_LIST(f, "mempools", snap->n_mempools,
			print_mempool(f, &snap->mempools[i_]));
	if (opt->stats || opt->xstats || opt->show_port)
		JSON_LIST(f, "ports", snap->n_ports,
			print_port(f, opt, &snap->ports[i_]));
	fprintf(f, "\n}\n");
	return ferror(f) ? -EIO : 0;
}
