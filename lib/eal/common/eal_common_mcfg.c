/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The public locks of the shared configuration (rte_eal_memconfig.h). They
 * are thin: the locks themselves live in struct rte_mem_config so that every
 * process mapping it shares them. Lock order is documented in eal_memcfg.h.
 */
#include <stdbool.h>

#include <rte_eal_memconfig.h>
#include <rte_rwlock.h>
#include <rte_spinlock.h>

#include "eal_memcfg.h"

void
rte_mcfg_mem_read_lock(void)
{
	rte_rwlock_read_lock(&rte_eal_get_mcfg()->memory_hotplug_lock);
}

void
rte_mcfg_mem_read_unlock(void)
{
	rte_rwlock_read_unlock(&rte_eal_get_mcfg()->memory_hotplug_lock);
}

void
rte_mcfg_mem_write_lock(void)
{
	rte_rwlock_write_lock(&rte_eal_get_mcfg()->memory_hotplug_lock);
}

void
rte_mcfg_mem_write_unlock(void)
{
	rte_rwlock_write_unlock(&rte_eal_get_mcfg()->memory_hotplug_lock);
}

void
rte_mcfg_tailq_read_lock(void)
{
	rte_rwlock_read_lock(&rte_eal_get_mcfg()->qlock);
}

void
rte_mcfg_tailq_read_unlock(void)
{
	rte_rwlock_read_unlock(&rte_eal_get_mcfg()->qlock);
}

void
rte_mcfg_tailq_write_lock(void)
{
	rte_rwlock_write_lock(&rte_eal_get_mcfg()->qlock);
}

void
rte_mcfg_tailq_write_unlock(void)
{
	rte_rwlock_write_unlock(&rte_eal_get_mcfg()->qlock);
}

void
rte_mcfg_mempool_read_lock(void)
{
	rte_rwlock_read_lock(&rte_eal_get_mcfg()->mplock);
}

void
rte_mcfg_mempool_read_unlock(void)
{
	rte_rwlock_read_unlock(&rte_eal_get_mcfg()->mplock);
}

void
rte_mcfg_mempool_write_lock(void)
{
	rte_rwlock_write_lock(&rte_eal_get_mcfg()->mplock);
}

void
rte_mcfg_mempool_write_unlock(void)
{
	rte_rwlock_write_unlock(&rte_eal_get_mcfg()->mplock);
}

void
rte_mcfg_timer_lock(void)
{
	rte_spinlock_lock(&rte_eal_get_mcfg()->tlock);
}

void
rte_mcfg_timer_unlock(void)
{
	rte_spinlock_unlock(&rte_eal_get_mcfg()->tlock);
}

bool
rte_mcfg_get_single_file_segments(void)
{
	return rte_eal_get_mcfg()->single_file_segments != 0;
}
