/* SPDX-License-Identifier: BSD-3-Clause */
/**
 * @file
 * Which mempool ops pktmbuf pools use: the user's choice
 * (--mbuf-pool-ops-name or rte_mbuf_set_user_mempool_ops()), else the
 * platform's, else the build default ("ring_mp_mc").
 */
#ifndef _RTE_MBUF_POOL_OPS_H_
#define _RTE_MBUF_POOL_OPS_H_

#ifdef __cplusplus
extern "C" {
#endif

/** Mempool ops name pktmbuf pools use by default. */
const char *rte_mbuf_best_mempool_ops(void);
/** Set the platform's preferred ops: 0, -EINVAL, -EACCES (already set). */
int rte_mbuf_set_platform_mempool_ops(const char *ops_name);
/** Platform ops, or NULL. */
const char *rte_mbuf_platform_mempool_ops(void);
/** Set the user's preferred ops: 0 or -EINVAL. */
int rte_mbuf_set_user_mempool_ops(const char *ops_name);
/** User ops, or NULL. */
const char *rte_mbuf_user_mempool_ops(void);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_POOL_OPS_H_ */
