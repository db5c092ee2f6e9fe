/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * dpdk-proc-info: a secondary process that looks at a running primary.
 *
 * The work is split in two: collect.c takes one snapshot of everything
 * asked for (memseg lists page by page, heaps, memzones, mempools, the
 * ports this process probed) into the structures below, under the
 * primary's locks; then exactly one printer renders the snapshot as text
 * (print_text.c), as one JSON document (print_json.c) and/or as an SVG
 * picture of the memory map (print_svg.c). Printers never call the EAL,
 * so the three views of one run always agree.
 */
#ifndef PROC_INFO_H
#define PROC_INFO_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <rte_ethdev.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>
#include <rte_mempool.h>

#include "malloc_heap.h"

/* state of one memseg slot */
enum pi_page_state {
	PI_PAGE_FREE,     /**< reserved address space, no page behind it */
	PI_PAGE_USED,     /**< a plugged page, may be unplugged when free */
	PI_PAGE_FLOOR,    /**< preallocated (-m/--socket-mem, legacy): kept */
};

/* consecutive slots of one state */
struct pi_run {
	uint32_t start;
	uint32_t count;
	enum pi_page_state state;
};

struct pi_msl {
	int index;               /**< slot in the shared config */
	int socket_id;
	uint64_t page_sz;
	uint64_t base_va;
	uint64_t len;
	bool external;
	bool heap;               /**< pages feed a malloc heap */
	int heap_idx;            /**< index into pi_snapshot.heaps, or -1 */
	uint32_t n_slots;
	uint32_t n_used;         /**< used + floor */
	uint32_t n_floor;
	uint32_t n_free_runs;
	uint32_t n_holes;        /**< free runs with used pages on both sides */
	uint32_t biggest_free_run;
	bool unreadable;         /**< external, page table not attachable */
	struct pi_run *runs;
	uint32_t n_runs;
};

struct pi_heap {
	char name[RTE_HEAP_NAME_MAX_LEN];
	int socket_id;
	bool external;
	struct rte_malloc_socket_stats stats;
	bool partial;            /**< memory not mapped here: no free-list
	                              walk, free_count and biggest unknown */
	uint64_t pages_plugged;
	uint64_t pages_unplugged;
};

struct pi_memzone {
	char name[RTE_MEMZONE_NAMESIZE];
	uint64_t addr;
	uint64_t iova;
	uint64_t len;
	uint64_t hugepage_sz;
	int socket_id;
	uint32_t flags;
};

struct pi_mempool {
	char name[RTE_MEMPOOL_NAMESIZE];
	char ops[RTE_MEMPOOL_OPS_NAMESIZE];
	int socket_id;
	uint32_t size;
	uint32_t elt_size;
	uint32_t cache_size;
	uint32_t avail;
	uint32_t in_use;
	uint32_t nb_mem_chunks;
	uint32_t flags;
};

struct pi_xstat {
	char name[RTE_ETH_XSTATS_NAME_SIZE];
	uint64_t value;
};

struct pi_port {
	uint16_t port_id;
	char name[RTE_ETH_NAME_MAX_LEN];
	char driver[64];
	int socket_id;
	char mac[RTE_ETHER_ADDR_FMT_SIZE];
	struct rte_eth_link link;
	uint16_t nb_rx_queues;
	uint16_t nb_tx_queues;
	uint16_t mtu;
	int promiscuous;
	bool have_stats;
	struct rte_eth_stats stats;
	struct pi_xstat *xstats;
	unsigned int n_xstats;
};

#define PI_MAX_HEAPS RTE_MAX_HEAPS

struct pi_snapshot {
	char file_prefix[64];
	bool legacy_mem;
	bool single_file_segments;
	bool no_huge;
	uint64_t mem_total;       /**< bytes of pages plugged, all lists */

	struct pi_msl *msls;
	unsigned int n_msls;
	struct pi_heap heaps[PI_MAX_HEAPS];
	unsigned int n_heaps;
	struct pi_memzone *memzones;
	unsigned int n_memzones;
	struct pi_mempool *mempools;
	unsigned int n_mempools;
	struct pi_port *ports;
	unsigned int n_ports;
};

/* what the user asked for (after "--") */
struct pi_options {
	bool memsegs;
	bool heaps;
	bool memzones;
	bool mempools;
	const char *mempool_name;  /**< --show-mempool=NAME, else NULL */
	bool stats;
	bool xstats;
	bool stats_reset;
	bool xstats_reset;
	bool show_port;
	uint64_t portmask;         /**< -p, 0 = every port */
	bool json;
	const char *svg_path;
};

/* collect.c: fill snap; 0 or -errno (message printed) */
int pi_collect(const struct pi_options *opt, struct pi_snapshot *snap);
void pi_snapshot_free(struct pi_snapshot *snap);
const char *pi_page_state_name(enum pi_page_state s);

/* printers; 0 or -errno */
int pi_print_text(FILE *f, const struct pi_options *opt,
		const struct pi_snapshot *snap);
int pi_print_json(FILE *f, const struct pi_options *opt,
		const struct pi_snapshot *snap);
int pi_print_svg(FILE *f, const struct pi_snapshot *snap);

#endif /* PROC_INFO_H */
