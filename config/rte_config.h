/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Compile-time defaults of hotplug-eal. These are defaults, not walls: where
 * the options or the hugepage inventory can size a structure at run time,
 * they do. The names are the ones DPDK 22.11 applications test for.
 */
#ifndef _RTE_CONFIG_H_
#define _RTE_CONFIG_H_

#define RTE_VER_PREFIX "DPDK"
#define RTE_VER_YEAR 22
#define RTE_VER_MONTH 11
#define RTE_VER_MINOR 0
#define RTE_VER_SUFFIX ""
#define RTE_VER_RELEASE 99

#define RTE_EXEC_ENV_LINUX 1
#define RTE_EXEC_ENV_LINUXAPP 1
#define RTE_ARCH_X86_64 1
#define RTE_ARCH_X86 1
#define RTE_ARCH_64 1
#define RTE_ARCH "x86_64"
#define RTE_TOOLCHAIN_GCC 1
#define RTE_CACHE_LINE_SIZE 64
#define RTE_CACHE_LINE_MIN_SIZE 64
#define RTE_IOVA_AS_PA 1

/* EAL */
#define RTE_MAX_LCORE 128
#define RTE_MAX_NUMA_NODES 8
#define RTE_MAX_HEAPS 32
#define RTE_MAX_MEMSEG_LISTS 128
#define RTE_MAX_MEMSEG_PER_LIST 8192
#define RTE_MAX_MEM_MB_PER_LIST 32768
#define RTE_MAX_MEMSEG_PER_TYPE 32768
#define RTE_MAX_MEM_MB_PER_TYPE 65536
#define RTE_MAX_MEMZONE 2560
#define RTE_MAX_TAILQ 32
#define RTE_SERVICE_NUM_MAX 64 /* services one process can register */
#define RTE_LOG_DP_LEVEL RTE_LOG_INFO
#define RTE_BACKTRACE 1
#define RTE_MAX_VFIO_GROUPS 64
#define RTE_MAX_VFIO_CONTAINERS 64
#define RTE_ENABLE_ASSERT 1

/* malloc: build with -Dc_args=-DRTE_MALLOC_DEBUG for trailer cookies */

/* ring, mempool, mbuf, ethdev */
#define RTE_MEMPOOL_CACHE_MAX_SIZE 512
#define RTE_MBUF_DEFAULT_MEMPOOL_OPS "ring_mp_mc"
#define RTE_MBUF_REFCNT_ATOMIC 1
#define RTE_PKTMBUF_HEADROOM 128
#define RTE_MAX_ETHPORTS 32
#define RTE_MAX_QUEUES_PER_PORT 1024
#define RTE_ETHDEV_QUEUE_STAT_CNTRS 16
#define RTE_ETHDEV_RXTX_CALLBACKS 1

#endif /* _RTE_CONFIG_H_ */
