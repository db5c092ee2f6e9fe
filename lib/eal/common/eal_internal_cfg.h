/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The process-local configuration built from the EAL options. Every field
 * here is filled by eal_parse_args() (eal_common_options.c) and read by the
 * rest of the EAL through eal_get_internal_configuration(). Shared state that
 * other processes must see lives in struct rte_mem_config (eal_memcfg.h).
 */
#ifndef EAL_INTERNAL_CFG_H
#define EAL_INTERNAL_CFG_H

#include <limits.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stddef.h>

#include <rte_eal.h>

#define MAX_HUGEPAGE_SIZES 3 /* 2M, 1G and one more per architecture */

/* one usable hugepage size, discovered by eal_hugepage_info_init() */
struct hugepage_info {
	uint64_t hugepage_sz;          /**< page size in bytes */
	char hugedir[PATH_MAX];        /**< hugetlbfs mount for this size */
	uint32_t num_pages[RTE_MAX_NUMA_NODES]; /**< pages free per node */
	uint32_t total_pages[RTE_MAX_NUMA_NODES]; /**< pages reserved per node */
	int lock_descriptor;           /**< fd of hugedir held with flock */
};

enum eal_huge_unlink_mode {
	EAL_HUGE_UNLINK_EXISTING, /**< default: reuse and unlink stale files */
	EAL_HUGE_UNLINK_ALWAYS,   /**< unlink a page file as soon as mapped */
	EAL_HUGE_UNLINK_NEVER,    /**< keep page files after exit */
};

/* a --vdev argument, recorded for the vdev bus */
struct eal_vdev_arg {
	char *name;  /**< driver/device name, e.g. "net_null0" */
	char *args;  /**< devargs after the first comma, or "" */
};

#define EAL_MAX_VDEV_ARGS 64

struct internal_config {
	size_t memory;                       /**< -m in bytes, 0 if not given */
	bool force_sockets;                  /**< --socket-mem given */
	uint64_t socket_mem[RTE_MAX_NUMA_NODES];   /**< bytes per node */
	bool force_socket_limits;            /**< --socket-limit given */
	uint64_t socket_limit[RTE_MAX_NUMA_NODES]; /**< bytes, 0 = none */

	bool no_hugetlbfs;           /**< --no-huge */
	bool legacy_mem;             /**< --legacy-mem */
	bool single_file_segments;   /**< --single-file-segments */
	bool in_memory;              /**< --in-memory (implies no_shconf) */
	bool no_shconf;              /**< --no-shconf */
	bool match_allocations;      /**< --match-allocations */
	bool no_pci;                 /**< --no-pci, recorded for the bus */
	enum eal_huge_unlink_mode huge_unlink; /**< --huge-unlink */

	enum rte_proc_type_t process_type; /**< --proc-type, resolved */
	enum rte_iova_mode iova_mode;      /**< --iova-mode; DC = decide */
	uintptr_t base_virtaddr;           /**< --base-virtaddr, 0 = any */

	char *hugepage_dir;     /**< --huge-dir, NULL = from /proc/mounts */
	char *hugefile_prefix;  /**< --file-prefix, default "rte" */
	char *user_mbuf_pool_ops_name; /**< --mbuf-pool-ops-name */

	unsigned int num_hugepage_sizes;
	struct hugepage_info hugepage_info[MAX_HUGEPAGE_SIZES];

	unsigned int main_lcore;      /**< --main-lcore or the first lcore */
	unsigned int force_nchannel;  /**< -n, 0 if not given */
	unsigned int force_nrank;     /**< -r, 0 if not given */

	/*
	 * lcore layout from -l/-c/--lcores, or one lcore per CPU when none was
	 * given; rte_eal_cpu_init() applies it to the lcore table.
	 */
	unsigned int lcore_count;
	bool lcore_enabled[RTE_MAX_LCORE];
	cpu_set_t lcore_cpuset[RTE_MAX_LCORE];
	/** -s/-S: lcores of the set that become service cores */
	bool lcore_service[RTE_MAX_LCORE];
	unsigned int mp_timeout_ms;   /**< IPC/hot-plug sync timeout */
	/** --force-max-simd-bitwidth, 0 when not given */
	unsigned int max_simd_bitwidth;

	unsigned int num_vdevs;
	struct eal_vdev_arg vdevs[EAL_MAX_VDEV_ARGS];

	volatile unsigned int init_complete; /**< rte_eal_init() finished */
};

/* the one instance, owned by eal_common_options.c */
struct internal_config *eal_get_internal_configuration(void);

/* set every field to its default (used before parsing and by tests) */
void eal_reset_internal_config(struct internal_config *internal_cfg);

#endif /* EAL_INTERNAL_CFG_H */
