/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Prototypes of the EAL's internal init steps, in the order rte_eal_init()
 * (lib/eal/linux/eal.c) calls them. Each returns 0 or a negative errno and
 * logs its own error once; rte_eal_init() sets rte_errno and unwinds.
 */
#ifndef EAL_PRIVATE_H
#define EAL_PRIVATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <rte_lcore.h>
#include <rte_memory.h>

/* log (eal_common_log.c) */
int eal_log_init(const char *id);
int eal_log_level_parse(const char *arg); /* "N", "type:N", "type:level" */

/* options (eal_common_options.c); 0 or -EINVAL after printing one line */
int eal_parse_args(int argc, char **argv); /* returns args consumed or <0 */
void eal_usage(const char *prgname);

/* runtime dir and shared config (eal_common_config.c) */
int eal_create_runtime_dir(void);
void eal_remove_runtime_dir(void);
int rte_eal_config_create(void);
int rte_eal_config_attach(void);
int rte_eal_config_reattach(void);
void rte_eal_config_cleanup(void);
void eal_mcfg_complete(void); /* primary: shared state ready (magic) */

/* lcores (eal_common_lcore.c, eal_common_thread.c, eal_common_launch.c) */
int rte_eal_cpu_init(void);
int eal_lcores_start(void);   /* spawn pinned workers */
void eal_lcores_stop(void);   /* join them */

/* service cores (rte_service.c): -s/-S lcores become service cores */
int rte_service_init(void);        /* after eal_lcores_start() */
void rte_service_finalize(void);   /* stop and wait for service cores */

/* timer (linux/eal_timer.c) */
int rte_eal_timer_init(void);
uint64_t eal_tsc_freq_from_cpu(void); /* 0 if neither CPU nor kernel tell */

/* tailqs, alarms, interrupts/control threads */
int rte_eal_tailqs_init(void);
int rte_eal_alarm_init(void);
void rte_eal_alarm_cleanup(void);
/* forget tailq heads at rte_eal_cleanup() so a re-init resolves them */
void eal_tailqs_cleanup(void);
/* --force-max-simd-bitwidth: set the cap and refuse later changes */
int eal_vect_force_max_simd_bitwidth(uint16_t bitwidth);

/* hugepages and memory (linux/eal_hugepage_info.c, eal_common_memory.c) */
int eal_hugepage_info_init(void);      /* primary: discover sizes, mounts */
int eal_hugepage_info_read(void);      /* secondary: from the primary */
int rte_eal_memseg_init(void);         /* reserve VA for memseg lists */
int rte_eal_memory_init(void);         /* lists + legacy/prealloc pages */
void rte_eal_memory_cleanup(void);
int eal_hugedirs_clean_stale(void);    /* files of dead same-prefix procs */

/*
 * Reserve size bytes of VA (PROT_NONE), page_sz aligned, at requested_addr
 * when possible. flags: EAL_VIRTUAL_AREA_*; returns NULL with rte_errno set.
 */
#define EAL_VIRTUAL_AREA_ADDR_IS_HINT (1 << 0)
#define EAL_VIRTUAL_AREA_ALLOW_SHRINK (1 << 1)
#define EAL_VIRTUAL_AREA_UNMAP (1 << 2)
void *eal_get_virtual_area(void *requested_addr, size_t *size,
		size_t page_sz, int flags, int reserve_flags);
void eal_mem_free(void *virt, size_t size);

/* heap and memzones (issue 3) */
int rte_eal_malloc_heap_init(void);
int rte_eal_memzone_init(void);

/* multi-process IPC (issue 4) */
int rte_mp_channel_init(void);
void rte_mp_channel_cleanup(void);
/* a secondary attaching asks this; false: rte_mp_disable() refused it */
bool eal_mp_enable(void);

/* buses (vdev) */
int rte_bus_scan(void);
int rte_bus_probe(void);
void eal_bus_cleanup(void); /* each bus' cleanup, at rte_eal_cleanup() */

#endif /* EAL_PRIVATE_H */
