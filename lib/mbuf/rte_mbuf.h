/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_MBUF_H_
#define _RTE_MBUF_H_

/**
 * @file
 * Packet buffers (mbufs): pools of them, allocation and release, data
 * offsets and lengths, segment chains and indirect (cloned) mbufs.
 *
 * An mbuf element of a pktmbuf pool is laid out as
 *   [struct rte_mbuf][private area, priv_size][buffer, buf_len]
 * and the data sits in the buffer after data_off bytes of headroom.
 */

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <rte_common.h>
#include <rte_branch_prediction.h>
#include <rte_byteorder.h>
#include <rte_mempool.h>
#include <rte_memcpy.h>
#include <rte_prefetch.h>

#include "rte_mbuf_core.h"
#include "rte_mbuf_ptype.h"
#include "rte_mbuf_pool_ops.h"
#include "rte_mbuf_dyn.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Private area of a pktmbuf pool (rte_mempool_get_priv()). */
struct rte_pktmbuf_pool_private {
	uint16_t mbuf_data_room_size; /**< buffer size of each mbuf */
	uint16_t mbuf_priv_size;      /**< private area of each mbuf */
	uint32_t flags;               /**< RTE_PKTMBUF_POOL_F_* */
};

/** The mbufs of the pool own pinned external buffers. */
#define RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF (1 << 0)

/** An area of external memory holding the data buffers of a pool. */
struct rte_pktmbuf_extmem {
	void *buf_ptr;      /**< start of the area */
	rte_iova_t buf_iova; /**< its IO address, or RTE_BAD_IOVA */
	size_t buf_len;     /**< its length */
	uint16_t elt_size;  /**< size of each data buffer carved from it */
};

/**
 * Name of one Rx offload flag, or of one value of a multi-bit Rx field.
 * @return the name, or NULL when mask names nothing.
 */
const char *rte_get_rx_ol_flag_name(uint64_t mask);
/** Name of one Tx offload flag or multi-bit value, or NULL. */
const char *rte_get_tx_ol_flag_name(uint64_t mask);

/**
 * Write in buf the names, space separated, of the Rx flags and field
 * values mask holds (fields at their zero value are named too).
 * @return 0, or -1 when buf is NULL or too short (then truncated).
 */
int rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);
/** As rte_get_rx_ol_flag_list() for Tx flags. */
int rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen);

/** Prefetch the first cache line of m. */
static inline void
rte_mbuf_prefetch_part1(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline0);
}

/** Prefetch the second cache line of m. */
static inline void
rte_mbuf_prefetch_part2(struct rte_mbuf *m)
{
	rte_prefetch0(&m->cacheline1);
}

/** Reference count of m. */
static inline uint16_t
rte_mbuf_refcnt_read(const struct rte_mbuf *m)
{
	return __atomic_load_n(&m->refcnt, __ATOMIC_RELAXED);
}

/** Set the reference count of m. */
static inline void
rte_mbuf_refcnt_set(struct rte_mbuf *m, uint16_t new_value)
{
	__atomic_store_n(&m->refcnt, new_value, __ATOMIC_RELAXED);
}

/** Add value to the reference count of m; returns the new count. */
static inline uint16_t
rte_mbuf_refcnt_update(struct rte_mbuf *m, int16_t value)
{
	/* a sole owner needs no atomic operation */
	if (likely(rte_mbuf_refcnt_read(m) == 1)) {
		uint16_t v = (uint16_t)(1 + value);

		rte_mbuf_refcnt_set(m, v);
		return v;
	}
	return __atomic_add_fetch(&m->refcnt, (uint16_t)value,
		__ATOMIC_ACQ_REL);
}

/** IO address of the buffer of mb. */
static inline rte_iova_t
rte_mbuf_iova_get(const struct rte_mbuf *m)
{
	return m->buf_iova;
}

/** Set the IO address of the buffer of mb. */
static inline void
rte_mbuf_iova_set(struct rte_mbuf *m, rte_iova_t iova)
{
	m->buf_iova = iova;
}

/** Reference count of an external buffer. */
static inline uint16_t
rte_mbuf_ext_refcnt_read(const struct rte_mbuf_ext_shared_info *shinfo)
{
	return __atomic_load_n(&shinfo->refcnt, __ATOMIC_RELAXED);
}

/** Set the reference count of an external buffer. */
static inline void
rte_mbuf_ext_refcnt_set(struct rte_mbuf_ext_shared_info *shinfo,
		uint16_t new_value)
{
	__atomic_store_n(&shinfo->refcnt, new_value, __ATOMIC_RELAXED);
}

/** Add value to the reference count of an external buffer; new count. */
static inline uint16_t
rte_mbuf_ext_refcnt_update(struct rte_mbuf_ext_shared_info *shinfo,
		int16_t value)
{
	/* a sole owner needs no atomic operation */
	if (likely(rte_mbuf_ext_refcnt_read(shinfo) == 1)) {
		uint16_t v = (uint16_t)(1 + value);

		rte_mbuf_ext_refcnt_set(shinfo, v);
		return v;
	}
	return __atomic_add_fetch(&shinfo->refcnt, (uint16_t)value,
		__ATOMIC_ACQ_REL);
}

/** IO address of the data of mb. */
static inline rte_iova_t
rte_mbuf_data_iova(const struct rte_mbuf *mb)
{
	return mb->buf_iova + mb->data_off;
}

/** IO address the data of mb has after a reset (default headroom). */
static inline rte_iova_t
rte_mbuf_data_iova_default(const struct rte_mbuf *mb)
{
	return mb->buf_iova + RTE_PKTMBUF_HEADROOM;
}

/** The direct mbuf whose buffer the indirect mbuf mi uses. */
static inline struct rte_mbuf *
rte_mbuf_from_indirect(struct rte_mbuf *mi)
{
	return (struct rte_mbuf *)RTE_PTR_SUB(mi->buf_addr,
		sizeof(*mi) + mi->priv_size);
}

/** Data room size of the mbufs of a pktmbuf pool. */
static inline uint16_t
rte_pktmbuf_data_room_size(struct rte_mempool *mp)
{
	struct rte_pktmbuf_pool_private *priv = rte_mempool_get_priv(mp);

	return priv->mbuf_data_room_size;
}

/** Private area size of the mbufs of a pktmbuf pool. */
static inline uint16_t
rte_pktmbuf_priv_size(struct rte_mempool *mp)
{
	struct rte_pktmbuf_pool_private *priv = rte_mempool_get_priv(mp);

	return priv->mbuf_priv_size;
}

/** RTE_PKTMBUF_POOL_F_* flags of a pktmbuf pool. */
static inline uint32_t
rte_pktmbuf_priv_flags(struct rte_mempool *mp)
{
	struct rte_pktmbuf_pool_private *priv = rte_mempool_get_priv(mp);

	return priv->flags;
}

/** 1 if m carries an external buffer pinned to it by its pool. */
static inline int
rte_mbuf_has_pinned_extbuf(const struct rte_mbuf *m)
{
	return RTE_MBUF_HAS_EXTBUF(m) && (rte_pktmbuf_priv_flags(m->pool) &
		RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF) != 0;
}

/** Buffer address of mb when it is direct. */
static inline char *
rte_mbuf_buf_addr(struct rte_mbuf *mb, struct rte_mempool *mp)
{
	return (char *)mb + sizeof(*mb) + rte_pktmbuf_priv_size(mp);
}

/** Default data address of mb (direct buffer plus headroom). */
static inline char *
rte_mbuf_data_addr_default(struct rte_mbuf *mb)
{
	return rte_mbuf_buf_addr(mb, mb->pool) + RTE_PKTMBUF_HEADROOM;
}

/** Older name of rte_mbuf_buf_addr(md, md->pool). */
static inline char *
rte_mbuf_to_baddr(struct rte_mbuf *md)
{
	return rte_mbuf_buf_addr(md, md->pool);
}

/** Private area of m. */
static inline void *
rte_mbuf_to_priv(struct rte_mbuf *m)
{
	return RTE_PTR_ADD(m, sizeof(struct rte_mbuf));
}

/**
 * Check an mbuf (and with is_header its whole chain).
 * @return 0, or -1 with *reason set.
 */
int rte_mbuf_check(const struct rte_mbuf *m, int is_header,
		const char **reason);

/** Panic if rte_mbuf_check() finds a problem. */
void rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header);

#ifdef RTE_LIBRTE_MBUF_DEBUG
#define __rte_mbuf_sanity_check(m, is_h) rte_mbuf_sanity_check(m, is_h)
#else
#define __rte_mbuf_sanity_check(m, is_h) do { } while (0)
#endif

/** Raw allocation: no reset beyond what free left (refcnt 1, next NULL). */
static inline struct rte_mbuf *
rte_mbuf_raw_alloc(struct rte_mempool *mp)
{
	struct rte_mbuf *m;

	if (rte_mempool_get(mp, (void **)&m) < 0)
		return NULL;
	return m;
}

/** Return m to its pool; m must be direct, refcnt 1, next NULL. */
static __rte_always_inline void
rte_mbuf_raw_free(struct rte_mbuf *m)
{
	rte_mempool_put(m->pool, m);
}

/** Put data_off back to the default headroom (bounded by buf_len). */
static inline void
rte_pktmbuf_reset_headroom(struct rte_mbuf *m)
{
	m->data_off = (uint16_t)RTE_MIN((uint16_t)RTE_PKTMBUF_HEADROOM,
		(uint16_t)m->buf_len);
}

/** Reset the packet fields of m (a direct single segment, empty). */
static inline void
rte_pktmbuf_reset(struct rte_mbuf *m)
{
	m->next = NULL;
	m->pkt_len = 0;
	m->tx_offload = 0;
	m->vlan_tci = 0;
	m->vlan_tci_outer = 0;
	m->nb_segs = 1;
	m->port = UINT16_MAX;
	m->ol_flags &= RTE_MBUF_F_EXTERNAL;
	m->packet_type = 0;
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
}

/** Allocate and reset an mbuf; NULL when the pool is empty. */
static inline struct rte_mbuf *
rte_pktmbuf_alloc(struct rte_mempool *mp)
{
	struct rte_mbuf *m = rte_mbuf_raw_alloc(mp);

	if (m != NULL)
		rte_pktmbuf_reset(m);
	return m;
}

/** Allocate count mbufs, all or none: 0 or -ENOENT. */
static inline int
rte_pktmbuf_alloc_bulk(struct rte_mempool *pool, struct rte_mbuf **mbufs,
		unsigned int count)
{
	unsigned int i;
	int rc;

	rc = rte_mempool_get_bulk(pool, (void **)mbufs, count);
	if (unlikely(rc != 0))
		return rc;
	for (i = 0; i < count; i++)
		rte_pktmbuf_reset(mbufs[i]);
	return 0;
}

/**
 * Place the shared information of an external buffer at its end.
 *
 * @param buf_addr  the buffer
 * @param buf_len  its length in, what is left for data out
 * @param free_cb  called with (buf_addr, fcb_opaque) when the last
 *   reference goes
 * @param fcb_opaque  its argument
 * @return the shared information (refcnt 1), or NULL if the buffer is too
 *   small to hold it.
 */
static inline struct rte_mbuf_ext_shared_info *
rte_pktmbuf_ext_shinfo_init_helper(void *buf_addr, uint16_t *buf_len,
	rte_mbuf_extbuf_free_callback_t free_cb, void *fcb_opaque)
{
	struct rte_mbuf_ext_shared_info *shinfo;
	void *end = RTE_PTR_ADD(buf_addr, *buf_len);
	void *addr;

	if (*buf_len < sizeof(*shinfo) + sizeof(uintptr_t))
		return NULL;
	addr = RTE_PTR_ALIGN_FLOOR(RTE_PTR_SUB(end, sizeof(*shinfo)),
		sizeof(uintptr_t));
	if (addr <= buf_addr)
		return NULL;
	shinfo = (struct rte_mbuf_ext_shared_info *)addr;
	shinfo->free_cb = free_cb;
	shinfo->fcb_opaque = fcb_opaque;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	*buf_len = (uint16_t)RTE_PTR_DIFF(shinfo, buf_addr);
	return shinfo;
}

/**
 * Make m (direct, refcnt 1) use an external buffer: its data is empty at
 * the start of buf_addr. The caller holds the reference it gives m (the
 * shinfo reference count is not incremented).
 */
static inline void
rte_pktmbuf_attach_extbuf(struct rte_mbuf *m, void *buf_addr,
	rte_iova_t buf_iova, uint16_t buf_len,
	struct rte_mbuf_ext_shared_info *shinfo)
{
	RTE_ASSERT(RTE_MBUF_DIRECT(m));
	RTE_ASSERT(shinfo->free_cb != NULL);
	m->buf_addr = buf_addr;
	rte_mbuf_iova_set(m, buf_iova);
	m->buf_len = buf_len;
	m->data_len = 0;
	m->data_off = 0;
	m->ol_flags |= RTE_MBUF_F_EXTERNAL;
	m->shinfo = shinfo;
}

/** Copy the dynamic fields of msrc into mdst. */
static inline void
rte_mbuf_dynfield_copy(struct rte_mbuf *mdst, const struct rte_mbuf *msrc)
{
	memcpy(&mdst->dynfield1, msrc->dynfield1, sizeof(mdst->dynfield1));
}

/**
 * Make mi an indirect mbuf that points at the data of m (which may itself
 * be indirect: the direct owner is referenced; or carry an external
 * buffer: the buffer is referenced and mi carries it too). mi must be
 * direct with refcnt 1.
 */
static inline void
rte_pktmbuf_attach(struct rte_mbuf *mi, struct rte_mbuf *m)
{
	if (RTE_MBUF_HAS_EXTBUF(m)) {
		rte_mbuf_ext_refcnt_update(m->shinfo, 1);
		mi->ol_flags = m->ol_flags;
		mi->shinfo = m->shinfo;
	} else {
		struct rte_mbuf *md = RTE_MBUF_CLONED(m) ?
			rte_mbuf_from_indirect(m) : m;

		rte_mbuf_refcnt_update(md, 1);
		mi->priv_size = m->priv_size;
		mi->ol_flags = m->ol_flags | RTE_MBUF_F_INDIRECT;
	}
	mi->buf_iova = m->buf_iova;
	mi->buf_addr = m->buf_addr;
	mi->buf_len = m->buf_len;
	mi->data_off = m->data_off;
	mi->data_len = m->data_len;
	mi->port = m->port;
	mi->vlan_tci = m->vlan_tci;
	mi->vlan_tci_outer = m->vlan_tci_outer;
	mi->tx_offload = m->tx_offload;
	mi->hash = m->hash;
	mi->next = NULL;
	mi->pkt_len = mi->data_len;
	mi->nb_segs = 1;
	mi->packet_type = m->packet_type;
	rte_mbuf_dynfield_copy(mi, m);
}

/** Drop m's reference to its external buffer, freeing it if the last. */
static inline void
__rte_pktmbuf_free_extbuf(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	if (rte_mbuf_ext_refcnt_update(shinfo, -1) == 0)
		shinfo->free_cb(m->buf_addr, shinfo->fcb_opaque);
}

/** Free the direct mbuf behind an indirect one when its last user goes. */
static inline void
__rte_pktmbuf_free_direct(struct rte_mbuf *m)
{
	struct rte_mbuf *md = rte_mbuf_from_indirect(m);

	if (rte_mbuf_refcnt_update(md, -1) == 0) {
		md->next = NULL;
		md->nb_segs = 1;
		rte_mbuf_refcnt_set(md, 1);
		rte_mbuf_raw_free(md);
	}
}

/**
 * Give an indirect mbuf, or one with an external buffer, its own buffer
 * back. A pinned external buffer (pool flag) stays attached.
 */
static inline void
rte_pktmbuf_detach(struct rte_mbuf *m)
{
	struct rte_mempool *mp = m->pool;
	uint32_t mbuf_size, buf_len;
	uint16_t priv_size;

	if (RTE_MBUF_HAS_EXTBUF(m)) {
		if (rte_pktmbuf_priv_flags(mp) &
				RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF)
			return;
		__rte_pktmbuf_free_extbuf(m);
	} else {
		__rte_pktmbuf_free_direct(m);
	}
	priv_size = rte_pktmbuf_priv_size(mp);
	mbuf_size = (uint32_t)(sizeof(struct rte_mbuf) + priv_size);
	buf_len = rte_pktmbuf_data_room_size(mp);
	m->priv_size = priv_size;
	m->buf_addr = (char *)m + mbuf_size;
	m->buf_iova = rte_mempool_virt2iova(m) == RTE_BAD_IOVA ?
		RTE_BAD_IOVA : rte_mempool_virt2iova(m) + mbuf_size;
	m->buf_len = (uint16_t)buf_len;
	rte_pktmbuf_reset_headroom(m);
	m->data_len = 0;
	m->ol_flags = 0;
}

/** Detach the external buffer of m (same as rte_pktmbuf_detach()). */
#define rte_pktmbuf_detach_extbuf(m) rte_pktmbuf_detach(m)

/*
 * m (refcnt 1) with a pinned external buffer is being freed: drop its own
 * reference to the buffer. Returns 1 if clones still use the buffer (then
 * the last of them returns m to its pool through the free callback).
 */
static inline int
__rte_pktmbuf_pinned_extbuf_decref(struct rte_mbuf *m)
{
	struct rte_mbuf_ext_shared_info *shinfo = m->shinfo;

	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	if (likely(rte_mbuf_ext_refcnt_read(shinfo) == 1))
		return 0;
	if (__atomic_sub_fetch(&shinfo->refcnt, 1, __ATOMIC_ACQ_REL) != 0)
		return 1;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	return 0;
}

/* last reference to segment m gone: detach it; 1 if it must not be freed */
static inline int
__rte_pktmbuf_prefree_detach(struct rte_mbuf *m)
{
	if (RTE_MBUF_DIRECT(m))
		return 0;
	rte_pktmbuf_detach(m);
	return RTE_MBUF_HAS_EXTBUF(m) && RTE_MBUF_HAS_PINNED_EXTBUF(m) &&
		__rte_pktmbuf_pinned_extbuf_decref(m);
}

/**
 * Drop one reference to segment m before freeing it.
 * @return m if it can go back to its pool (reset), NULL if still in use.
 */
static __rte_always_inline struct rte_mbuf *
rte_pktmbuf_prefree_seg(struct rte_mbuf *m)
{
	if (likely(rte_mbuf_refcnt_read(m) == 1)) {
		if (__rte_pktmbuf_prefree_detach(m))
			return NULL;
		if (m->next != NULL)
			m->next = NULL;
		if (m->nb_segs != 1)
			m->nb_segs = 1;
		return m;
	}
	if (__atomic_sub_fetch(&m->refcnt, 1, __ATOMIC_ACQ_REL) == 0) {
		rte_mbuf_refcnt_set(m, 1);
		if (__rte_pktmbuf_prefree_detach(m))
			return NULL;
		m->next = NULL;
		m->nb_segs = 1;
		return m;
	}
	return NULL;
}

/** Free one segment (not the rest of its chain). */
static __rte_always_inline void
rte_pktmbuf_free_seg(struct rte_mbuf *m)
{
	m = rte_pktmbuf_prefree_seg(m);
	if (likely(m != NULL))
		rte_mbuf_raw_free(m);
}

/** Free a packet and all its segments; NULL is a no-op. */
static inline void
rte_pktmbuf_free(struct rte_mbuf *m)
{
	struct rte_mbuf *next;

	while (m != NULL) {
		next = m->next;
		rte_pktmbuf_free_seg(m);
		m = next;
	}
}

/** Free count packets (NULL entries skipped), batching per pool. */
void rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count);

/**
 * Clone md: a new chain of indirect mbufs from mp sharing md's data.
 * @return the clone, or NULL (pool empty).
 */
struct rte_mbuf *rte_pktmbuf_clone(struct rte_mbuf *md,
		struct rte_mempool *mp);

/**
 * Copy len bytes from offset off of m into a new packet from mp.
 * @return the copy, or NULL.
 */
struct rte_mbuf *rte_pktmbuf_copy(const struct rte_mbuf *m,
		struct rte_mempool *mp, uint32_t offset, uint32_t length);

/** Add v to the reference count of every segment of m. */
static inline void
rte_pktmbuf_refcnt_update(struct rte_mbuf *m, int16_t v)
{
	do {
		rte_mbuf_refcnt_update(m, v);
	} while ((m = m->next) != NULL);
}

/** Bytes before the data of segment m. */
static inline uint16_t
rte_pktmbuf_headroom(const struct rte_mbuf *m)
{
	return m->data_off;
}

/** Bytes after the data of segment m. */
static inline uint16_t
rte_pktmbuf_tailroom(const struct rte_mbuf *m)
{
	return (uint16_t)(m->buf_len - rte_pktmbuf_headroom(m) -
		m->data_len);
}

/** Last segment of m. */
static inline struct rte_mbuf *
rte_pktmbuf_lastseg(struct rte_mbuf *m)
{
	while (m->next != NULL)
		m = m->next;
	return m;
}

/**
 * Grow the packet by len bytes at its front.
 * @return the new data start, or NULL if the headroom is too small.
 */
static inline char *
rte_pktmbuf_prepend(struct rte_mbuf *m, uint16_t len)
{
	if (unlikely(len > rte_pktmbuf_headroom(m)))
		return NULL;
	m->data_off = (uint16_t)(m->data_off - len);
	m->data_len = (uint16_t)(m->data_len + len);
	m->pkt_len = m->pkt_len + len;
	return (char *)m->buf_addr + m->data_off;
}

/**
 * Grow the packet by len bytes at its end (last segment).
 * @return the start of the added bytes, or NULL if the tailroom is short.
 */
static inline char *
rte_pktmbuf_append(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last = rte_pktmbuf_lastseg(m);
	void *tail;

	if (unlikely(len > rte_pktmbuf_tailroom(last)))
		return NULL;
	tail = (char *)last->buf_addr + last->data_off + last->data_len;
	last->data_len = (uint16_t)(last->data_len + len);
	m->pkt_len = m->pkt_len + len;
	return (char *)tail;
}

/**
 * Remove len bytes from the front of the first segment.
 * @return the new data start, or NULL if the segment is shorter.
 */
static inline char *
rte_pktmbuf_adj(struct rte_mbuf *m, uint16_t len)
{
	if (unlikely(len > m->data_len))
		return NULL;
	m->data_len = (uint16_t)(m->data_len - len);
	m->data_off = (uint16_t)(m->data_off + len);
	m->pkt_len = m->pkt_len - len;
	return (char *)m->buf_addr + m->data_off;
}

/**
 * Remove len bytes from the end of the last segment.
 * @return 0, or -1 if the last segment is shorter.
 */
static inline int
rte_pktmbuf_trim(struct rte_mbuf *m, uint16_t len)
{
	struct rte_mbuf *last = rte_pktmbuf_lastseg(m);

	if (unlikely(len > last->data_len))
		return -1;
	last->data_len = (uint16_t)(last->data_len - len);
	m->pkt_len = m->pkt_len - len;
	return 0;
}

/** 1 if the packet is one segment. */
static inline int
rte_pktmbuf_is_contiguous(const struct rte_mbuf *m)
{
	return m->nb_segs == 1;
}

/** Slow path of rte_pktmbuf_read(): copies across segments. */
const void *__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off,
	uint32_t len, void *buf);

/**
 * Read len bytes at offset off: a pointer into the mbuf when they are in
 * one segment, else a copy in buf; NULL if the packet is too short.
 */
static inline const void *
rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len,
		void *buf)
{
	if (likely(off + len <= rte_pktmbuf_data_len(m)))
		return rte_pktmbuf_mtod_offset(m, char *, off);
	return __rte_pktmbuf_read(m, off, len, buf);
}

/**
 * Append packet tail to packet head.
 * @return 0, or -EOVERFLOW if the chain would exceed RTE_MBUF_MAX_NB_SEGS.
 */
static inline int
rte_pktmbuf_chain(struct rte_mbuf *head, struct rte_mbuf *tail)
{
	struct rte_mbuf *cur_tail;

	if (head->nb_segs + tail->nb_segs > RTE_MBUF_MAX_NB_SEGS)
		return -EOVERFLOW;
	cur_tail = rte_pktmbuf_lastseg(head);
	cur_tail->next = tail;
	head->nb_segs = (uint16_t)(head->nb_segs + tail->nb_segs);
	head->pkt_len += tail->pkt_len;
	/* tail is now a plain segment */
	tail->pkt_len = tail->data_len;
	return 0;
}

/**
 * The tx_offload word of the given header lengths and TSO segment size
 * (each value is cut to the width of its field).
 */
static __rte_always_inline uint64_t
rte_mbuf_tx_offload(uint64_t il2, uint64_t il3, uint64_t il4, uint64_t tso,
	uint64_t ol3, uint64_t ol2, uint64_t unused)
{
	uint64_t v = 0;
	unsigned int shift = 0;

#define MBUF_TXOFLD_PUT(val, bits) do { \
		v |= ((val) & ((UINT64_C(1) << (bits)) - 1)) << shift; \
		shift += (bits); \
	} while (0)
	MBUF_TXOFLD_PUT(il2, RTE_MBUF_L2_LEN_BITS);
	MBUF_TXOFLD_PUT(il3, RTE_MBUF_L3_LEN_BITS);
	MBUF_TXOFLD_PUT(il4, RTE_MBUF_L4_LEN_BITS);
	MBUF_TXOFLD_PUT(tso, RTE_MBUF_TSO_SEGSZ_BITS);
	MBUF_TXOFLD_PUT(ol3, RTE_MBUF_OUTL3_LEN_BITS);
	MBUF_TXOFLD_PUT(ol2, RTE_MBUF_OUTL2_LEN_BITS);
	MBUF_TXOFLD_PUT(unused, RTE_MBUF_TXOFLD_UNUSED_BITS);
#undef MBUF_TXOFLD_PUT
	return v;
}

/**
 * Check that the Tx offload flags and lengths of m are consistent.
 * @return 0; -ENOTSUP if the headers to offload are not all in the first
 *   segment; -EINVAL for an IPv4 checksum on IPv6, a checksum or TSO
 *   without the IP version, TSO with no segment size or without the IPv4
 *   checksum, an outer IP checksum without outer IPv4.
 */
static inline int
rte_validate_tx_offload(const struct rte_mbuf *m)
{
	uint64_t ol_flags = m->ol_flags;
	uint64_t hdr_end;

	if (!(ol_flags & RTE_MBUF_F_TX_OFFLOAD_MASK))
		return 0;
	hdr_end = m->l2_len;
	if (ol_flags & (RTE_MBUF_F_TX_OUTER_IPV4 | RTE_MBUF_F_TX_OUTER_IPV6))
		hdr_end += m->outer_l2_len + m->outer_l3_len;
	if (rte_pktmbuf_data_len(m) < hdr_end + m->l3_len + m->l4_len)
		return -ENOTSUP;
	if ((ol_flags & RTE_MBUF_F_TX_IP_CKSUM) &&
			(ol_flags & RTE_MBUF_F_TX_IPV6))
		return -EINVAL;
	if ((ol_flags & (RTE_MBUF_F_TX_L4_MASK | RTE_MBUF_F_TX_TCP_SEG)) &&
			!(ol_flags & (RTE_MBUF_F_TX_IPV4 | RTE_MBUF_F_TX_IPV6)))
		return -EINVAL;
	if ((ol_flags & RTE_MBUF_F_TX_TCP_SEG) && (m->tso_segsz == 0 ||
			((ol_flags & RTE_MBUF_F_TX_IPV4) &&
			 !(ol_flags & RTE_MBUF_F_TX_IP_CKSUM))))
		return -EINVAL;
	if ((ol_flags & RTE_MBUF_F_TX_OUTER_IP_CKSUM) &&
			!(ol_flags & RTE_MBUF_F_TX_OUTER_IPV4))
		return -EINVAL;
	return 0;
}

/** Scheduler queue of m (hash.sched). */
static inline uint32_t
rte_mbuf_sched_queue_get(const struct rte_mbuf *m)
{
	return m->hash.sched.queue_id;
}

/** Scheduler traffic class of m. */
static inline uint8_t
rte_mbuf_sched_traffic_class_get(const struct rte_mbuf *m)
{
	return m->hash.sched.traffic_class;
}

/** Scheduler color of m. */
static inline uint8_t
rte_mbuf_sched_color_get(const struct rte_mbuf *m)
{
	return m->hash.sched.color;
}

/** All three scheduler fields of m. */
static inline void
rte_mbuf_sched_get(const struct rte_mbuf *m, uint32_t *queue_id,
	uint8_t *traffic_class, uint8_t *color)
{
	struct rte_mbuf_sched sched = m->hash.sched;

	*queue_id = sched.queue_id;
	*traffic_class = sched.traffic_class;
	*color = sched.color;
}

/** Set the scheduler queue of m. */
static inline void
rte_mbuf_sched_queue_set(struct rte_mbuf *m, uint32_t queue_id)
{
	m->hash.sched.queue_id = queue_id;
}

/** Set the scheduler traffic class of m. */
static inline void
rte_mbuf_sched_traffic_class_set(struct rte_mbuf *m, uint8_t traffic_class)
{
	m->hash.sched.traffic_class = traffic_class;
}

/** Set the scheduler color of m. */
static inline void
rte_mbuf_sched_color_set(struct rte_mbuf *m, uint8_t color)
{
	m->hash.sched.color = color;
}

/** Set all the scheduler fields of m in one store (reserved bits 0). */
static inline void
rte_mbuf_sched_set(struct rte_mbuf *m, uint32_t queue_id,
	uint8_t traffic_class, uint8_t color)
{
	m->hash.sched = (struct rte_mbuf_sched){
		.queue_id = queue_id,
		.traffic_class = traffic_class,
		.color = color,
		.reserved = 0,
	};
}

/**
 * Copy every segment into the first one and free the rest.
 * @return 0, or -1 if the first segment's tailroom is too small.
 */
int rte_pktmbuf_linearize(struct rte_mbuf *mbuf);

/** Print m (and dump_len bytes of data) to f. */
void rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m,
	unsigned int dump_len);

/** obj_init callback of pktmbuf pools: initialises one mbuf. */
void rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *m,
	unsigned int i);

/**
 * mp_init callback of pktmbuf pools: stores the sizes in the private
 * area. opaque_arg is a struct rte_pktmbuf_pool_private or NULL (then the
 * data room is the pool's element size minus the mbuf header).
 */
void rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg);

/**
 * Create a pktmbuf pool with the best mempool ops.
 *
 * @param name  pool name
 * @param n     number of mbufs
 * @param cache_size  per-lcore cache
 * @param priv_size  private area per mbuf, a multiple of RTE_MBUF_PRIV_ALIGN
 * @param data_room_size  buffer size (headroom included)
 * @param socket_id  socket or SOCKET_ID_ANY
 * @return the pool, or NULL with rte_errno set (EINVAL, ENOSPC, EEXIST,
 *   ENOMEM); a secondary process may create pools too
 */
struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned int n,
	unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size,
	int socket_id);

/** As rte_pktmbuf_pool_create() with named ops (NULL: the best ones). */
struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n,
	unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size,
	int socket_id, const char *ops_name);

/**
 * Create a pktmbuf pool whose mbufs carry pinned external buffers carved
 * from ext_num areas of ext_mem (each mbuf keeps its buffer for life;
 * clones reference it and the mbuf returns to the pool when the last
 * user frees it).
 * @return the pool, or NULL with rte_errno set (EINVAL, ENOSPC, EEXIST,
 *   ENOMEM).
 */
struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n,
	unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size,
	int socket_id, const struct rte_pktmbuf_extmem *ext_mem,
	unsigned int ext_num);

/** Alignment of the private area size. */
#define RTE_MBUF_PRIV_ALIGN 8

#ifdef __cplusplus
}
#endif

#endif /* _RTE_MBUF_H_ */
