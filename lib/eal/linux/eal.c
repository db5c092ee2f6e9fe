/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_eal_init() and rte_eal_cleanup() for Linux.
 *
 * Init is a list of steps (the order of eal_private.h); each step that
 * leaves something behind records it in struct eal_init_state, and a
 * failure at any point undoes exactly what was recorded, newest first, so a
 * failed init leaves no runtime dir, no hugepage file and no thread.
 * rte_eal_cleanup() runs the same undo list after a successful init.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/io.h>
#include <unistd.h>

#include <rte_bus.h>
#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_log.h>
#include <rte_memory.h>
#include <rte_service_component.h>

#include "eal_filesystem.h"
#include "eal_internal_cfg.h"
#include "eal_lcore.h"
#include "eal_memcfg.h"
#include "eal_options.h"
#include "eal_private.h"
#include "eal_vfio.h"
#include "malloc_mp.h"

#define IOMMU_GROUPS_DIR "/sys/kernel/iommu_groups"

/* what init has done so far, in order, for the undo list */
struct eal_init_state {
	bool args;          /* internal config holds allocations */
	bool runtime_dir;   /* primary created (or reused) the runtime dir */
	bool config;        /* shared config mapped */
	bool config_owner;  /* ... and this process is its primary */
	bool mp;            /* IPC channel up */
	bool hugepage_info; /* hugedir locks held */
	bool memory;
	bool alarm;
	bool lcores;        /* worker threads running */
	bool service;       /* service cores may exist (and run) */
	bool bus;           /* buses scanned/probed */
	bool vfio;          /* VFIO containers/groups may be open */
};

static struct eal_init_state eal_state;
static uint32_t run_once;

enum rte_proc_type_t
rte_eal_process_type(void)
{
	return eal_get_internal_configuration()->process_type;
}

enum rte_iova_mode
rte_eal_iova_mode(void)
{
	return eal_get_internal_configuration()->iova_mode;
}

int
rte_eal_iopl_init(void)
{
	return iopl(3) == 0 ? 0 : -1;
}

/* ---------------------------------------------------------------------
 * the undo list
 * --------------------------------------------------------------------- */

static void
eal_hugedirs_unlock(void)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	unsigned int i;

	for (i = 0; i < MAX_HUGEPAGE_SIZES; i++) {
		if (cfg->hugepage_info[i].lock_descriptor < 0)
			continue;
		close(cfg->hugepage_info[i].lock_descriptor);
		cfg->hugepage_info[i].lock_descriptor = -1;
	}
}

static void
eal_undo(struct eal_init_state *st)
{
	/* service callbacks may use devices: stop them before the buses go */
	if (st->service)
		rte_service_finalize();
	if (st->bus)
		eal_bus_cleanup();
	if (st->lcores)
		eal_lcores_stop();
	if (st->vfio)
		eal_vfio_cleanup();
	if (st->alarm)
		rte_eal_alarm_cleanup();
	if (st->memory)
		rte_eal_memory_cleanup();
	if (st->hugepage_info)
		eal_hugedirs_unlock();
	if (st->mp) {
		malloc_mp_unregister();
		rte_mp_channel_cleanup();
	}
	if (st->config)
		rte_eal_config_cleanup();
	/* only the primary's files go; a secondary leaves the dir alone */
	if (st->runtime_dir && st->config_owner)
		eal_remove_runtime_dir();
	eal_lcores_reset();
	if (st->args)
		eal_options_free(eal_get_internal_configuration());
	memset(st, 0, sizeof(*st));
}

/* ---------------------------------------------------------------------
 * steps
 * --------------------------------------------------------------------- */

/* --proc-type=auto: secondary if a primary holds the config file */
static void
eal_resolve_proc_type(struct internal_config *cfg)
{
	if (cfg->process_type != RTE_PROC_AUTO)
		return;
	cfg->process_type = rte_eal_primary_proc_alive(NULL) ?
			RTE_PROC_SECONDARY : RTE_PROC_PRIMARY;
	RTE_LOG(INFO, EAL, "auto-detected process type: %s\n",
		cfg->process_type == RTE_PROC_PRIMARY ?
		"PRIMARY" : "SECONDARY");
}

static int
eal_config_step(struct eal_init_state *st, struct internal_config *cfg)
{
	int ret;

	if (cfg->process_type == RTE_PROC_PRIMARY) {
		if (!cfg->no_shconf) {
			ret = eal_create_runtime_dir();
			if (ret < 0)
				return ret;
		}
		ret = rte_eal_config_create();
		if (ret < 0) {
			/* another primary may own the dir: leave it */
			return ret;
		}
		st->runtime_dir = !cfg->no_shconf;
		st->config = st->config_owner = true;
		return 0;
	}
	ret = rte_eal_config_attach();
	if (ret < 0)
		return ret;
	st->config = true;
	ret = rte_eal_config_reattach();
	/* the primary may have called rte_mp_disable(): then stay out */
	if (ret == 0 && !eal_mp_enable()) {
		RTE_LOG(ERR, EAL, "the primary refuses secondary processes "
			"(it called rte_mp_disable())\n");
		ret = -EPERM;
	}
	return ret;
}

static bool
eal_iommu_present(void)
{
	char path[] = IOMMU_GROUPS_DIR "/0";

	return access(path, F_OK) == 0;
}

/* decide RTE_IOVA_PA or RTE_IOVA_VA once hugepages are known */
static int
eal_iova_step(struct internal_config *cfg)
{
	enum rte_iova_mode bus_mode = rte_bus_get_iommu_class();
	bool phys = rte_eal_using_phys_addrs() != 0;

	if (cfg->process_type == RTE_PROC_SECONDARY)
		return 0; /* adopted from the primary */
	if (cfg->iova_mode == RTE_IOVA_PA && !phys) {
		RTE_LOG(ERR, EAL, "option --iova-mode: pa needs physical "
			"addresses, which this process cannot read (needs root "
			"and hugepages); expected va\n");
		return -EINVAL;
	}
	if (eal_vfio_iova_select(cfg, phys) < 0)
		return -EINVAL;
	if (cfg->iova_mode == RTE_IOVA_DC) {
		if (bus_mode == RTE_IOVA_PA || bus_mode == RTE_IOVA_VA)
			cfg->iova_mode = bus_mode;
		else if (phys && !eal_iommu_present())
			cfg->iova_mode = RTE_IOVA_PA;
		else
			cfg->iova_mode = RTE_IOVA_VA;
		if (cfg->iova_mode == RTE_IOVA_PA && !phys)
			cfg->iova_mode = RTE_IOVA_VA;
	}
	rte_eal_get_mcfg()->iova_mode = cfg->iova_mode;
	RTE_LOG(DEBUG, EAL, "selected IOVA mode '%s'\n",
		cfg->iova_mode == RTE_IOVA_PA ? "PA" : "VA");
	return 0;
}

static int
eal_hugepage_step(struct eal_init_state *st, struct internal_config *cfg)
{
	int ret;

	if (cfg->no_hugetlbfs)
		return 0;
	st->hugepage_info = true;
	if (cfg->process_type == RTE_PROC_SECONDARY)
		return eal_hugepage_info_read();
	ret = eal_hugepage_info_init();
	if (ret < 0)
		return ret;
	if (cfg->num_hugepage_sizes == 0) {
		RTE_LOG(ERR, EAL, "no usable hugepages (no hugetlbfs mount or "
			"no free page); reserve some, pass --huge-dir, or use "
			"--no-huge\n");
		return -ENOMEM;
	}
	if (!cfg->in_memory)
		return eal_hugedirs_clean_stale();
	return 0;
}

/* heap, memzones, tailqs, timer, alarms: each its own owner's step */
static int
eal_services_step(struct eal_init_state *st)
{
	int ret;

	ret = rte_eal_tailqs_init();
	if (ret == 0)
		ret = rte_eal_malloc_heap_init();
	if (ret == 0)
		ret = rte_eal_memzone_init();
	if (ret == 0)
		ret = rte_eal_timer_init();
	if (ret == 0) {
		ret = rte_eal_alarm_init();
		st->alarm = ret == 0;
	}
	return ret;
}

static int
eal_bus_step(struct eal_init_state *st)
{
	st->bus = true;
	if (rte_bus_scan() < 0) {
		RTE_LOG(ERR, EAL, "cannot scan the buses\n");
		return -ENODEV;
	}
	if (rte_bus_probe() < 0) {
		RTE_LOG(ERR, EAL, "cannot probe the devices\n");
		return -ENODEV;
	}
	return 0;
}

/* -s/-S given: map every service and start the service cores */
static int
eal_service_start_step(void)
{
	int ret = rte_service_start_with_defaults();

	if (ret == -ENOTSUP) /* no service core: nothing to start */
		return 0;
	if (ret < 0)
		RTE_LOG(ERR, EAL, "cannot start the service cores: %s\n",
			strerror(-ret));
	return ret;
}

/* parse, log, CPUs, runtime dir path and process type */
static int
eal_early_steps(struct eal_init_state *st, int argc, char **argv)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	const char *slash;
	int ret;

	eal_reset_internal_config(cfg);
	ret = eal_parse_args(argc, argv);
	if (ret < 0)
		return ret;
	st->args = true;
	if (cfg->max_simd_bitwidth != 0 && eal_vect_force_max_simd_bitwidth(
			(uint16_t)cfg->max_simd_bitwidth) < 0)
		return -EINVAL;
	slash = argc > 0 && argv[0] != NULL ? strrchr(argv[0], '/') : NULL;
	if (eal_log_init(slash != NULL ? slash + 1 :
			(argc > 0 && argv[0] != NULL ? argv[0] : "dpdk")) < 0)
		return -EFAULT;
	if (rte_eal_cpu_init() < 0)
		return -EFAULT;
	if (eal_runtime_dir_init() < 0)
		return -ENAMETOOLONG;
	eal_resolve_proc_type(cfg);
	return ret;
}

static int
eal_init_steps(struct eal_init_state *st, int argc, char **argv)
{
	struct internal_config *cfg = eal_get_internal_configuration();
	int consumed, ret;

	consumed = eal_early_steps(st, argc, argv);
	if (consumed < 0)
		return consumed;
	ret = eal_config_step(st, cfg);
	if (ret == 0 && !cfg->no_shconf) {
		ret = rte_mp_channel_init();
		st->mp = ret == 0;
		/* before memory init: no page may be plugged unseen by us */
		if (ret == 0)
			ret = malloc_mp_register();
	}
	if (ret == 0 && cfg->process_type == RTE_PROC_SECONDARY &&
			!eal_mp_enable()) {
		RTE_LOG(ERR, EAL, "the primary process refuses secondaries "
			"(it called rte_mp_disable())\n");
		ret = -EPERM;
	}
	if (ret == 0)
		ret = eal_hugepage_step(st, cfg);
	if (ret == 0)
		ret = eal_iova_step(cfg);
	if (ret == 0) {
		/* a half-done memory init is undone by its own cleanup */
		st->memory = true;
		ret = rte_eal_memory_init();
	}
	if (ret == 0)
		ret = eal_services_step(st);
	if (ret == 0) {
		st->vfio = true;
		ret = eal_vfio_init();
	}
	if (ret == 0) {
		ret = eal_lcores_start();
		st->lcores = ret == 0;
	}
	if (ret == 0) {
		/* before probing: drivers may register services */
		st->service = true;
		ret = rte_service_init();
	}
	if (ret == 0)
		ret = eal_bus_step(st);
	if (ret == 0)
		ret = eal_service_start_step();
	return ret < 0 ? ret : consumed;
}

int
rte_eal_init(int argc, char **argv)
{
	uint32_t expected = 0;
	int ret;

	if (!__atomic_compare_exchange_n(&run_once, &expected, 1, false,
			__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		RTE_LOG(ERR, EAL, "rte_eal_init() may only be called once\n");
		rte_errno = EALREADY;
		return -1;
	}
	ret = eal_init_steps(&eal_state, argc, argv);
	if (ret < 0) {
		eal_undo(&eal_state);
		rte_errno = -ret;
		/* nothing is left, so a corrected call may try again */
		__atomic_store_n(&run_once, 0, __ATOMIC_RELEASE);
		return -1;
	}
	if (ret > 0 && ret < argc)
		argv[ret] = argv[0]; /* the app's argv + ret starts with a name */
	if (rte_eal_process_type() == RTE_PROC_PRIMARY)
		eal_mcfg_complete();
	eal_get_internal_configuration()->init_complete = 1;
	return ret;
}

int
rte_eal_cleanup(void)
{
	struct internal_config *cfg = eal_get_internal_configuration();

	if (!cfg->init_complete) {
		rte_errno = EALREADY;
		return -1;
	}
	cfg->init_complete = 0;
	eal_undo(&eal_state);
	return 0;
}
