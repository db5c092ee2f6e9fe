/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * pktmbuf pools and the slow paths of the mbuf API: clone, copy,
 * linearize, read across segments, bulk free, checks and dumps.
 */
#include <errno.h>
#include <stdbool.h>
#include <inttypes.h>
#include <string.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_hexdump.h>
#include <rte_log.h>
#include <rte_memcpy.h>

#include "rte_mbuf.h"

#define MBUF_LOG(level, fmt, ...) \
	rte_log(RTE_LOG_ ## level, RTE_LOGTYPE_MBUF, "MBUF: " fmt "\n", \
		##__VA_ARGS__)

#ifndef RTE_LOGTYPE_MBUF
#define RTE_LOGTYPE_MBUF RTE_LOGTYPE_MEMPOOL
#endif

/* ---- pools ---- */

void
rte_pktmbuf_pool_init(struct rte_mempool *mp, void *opaque_arg)
{
	struct rte_pktmbuf_pool_private *user = opaque_arg;
	struct rte_pktmbuf_pool_private *priv;
	struct rte_pktmbuf_pool_private def;

	RTE_VERIFY(mp->private_data_size >= sizeof(*priv));
	if (user == NULL) {
		memset(&def, 0, sizeof(def));
		def.mbuf_data_room_size = (uint16_t)(mp->elt_size -
			sizeof(struct rte_mbuf));
		user = &def;
	}
	RTE_VERIFY((user->flags & ~RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF) == 0);
	/* pinned pools keep the data room outside of the elements */
	if (!(user->flags & RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF))
		RTE_VERIFY(mp->elt_size >= sizeof(struct rte_mbuf) +
			user->mbuf_data_room_size + user->mbuf_priv_size);
	priv = rte_mempool_get_priv(mp);
	memcpy(priv, user, sizeof(*priv));
}

void
rte_pktmbuf_init(struct rte_mempool *mp, void *opaque_arg, void *_m,
	unsigned int i)
{
	struct rte_mbuf *m = _m;
	uint32_t mbuf_size, buf_len, priv_size;
	rte_iova_t iova;

	RTE_SET_USED(opaque_arg);
	RTE_SET_USED(i);
	priv_size = rte_pktmbuf_priv_size(mp);
	mbuf_size = sizeof(struct rte_mbuf) + priv_size;
	buf_len = rte_pktmbuf_data_room_size(mp);
	RTE_VERIFY(mp->elt_size >= mbuf_size + buf_len);

	memset(m, 0, mbuf_size);
	m->priv_size = (uint16_t)priv_size;
	m->buf_addr = (char *)m + mbuf_size;
	iova = rte_mempool_virt2iova(m);
	m->buf_iova = iova == RTE_BAD_IOVA ? RTE_BAD_IOVA : iova + mbuf_size;
	m->buf_len = (uint16_t)buf_len;
	rte_pktmbuf_reset_headroom(m);
	m->pool = mp;
	m->nb_segs = 1;
	m->port = UINT16_MAX;
	rte_mbuf_refcnt_set(m, 1);
	m->next = NULL;
}

/* both pool constructors: the private area keeps mbuf alignment */
static bool
pool_priv_size_ok(const char *fn, const char *name, uint16_t priv_size)
{
	if (RTE_ALIGN(priv_size, RTE_MBUF_PRIV_ALIGN) == priv_size)
		return true;
	MBUF_LOG(ERR, "%s(%s): priv_size %u is not a multiple of %d",
		fn, name, priv_size, RTE_MBUF_PRIV_ALIGN);
	rte_errno = EINVAL;
	return false;
}

struct rte_mempool *
rte_pktmbuf_pool_create_by_ops(const char *name, unsigned int n,
	unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size,
	int socket_id, const char *ops_name)
{
	struct rte_pktmbuf_pool_private priv;
	struct rte_mempool *mp;
	unsigned int elt_size;
	int ret;

	if (!pool_priv_size_ok(__func__, name, priv_size))
		return NULL;
	elt_size = sizeof(struct rte_mbuf) + (unsigned int)priv_size +
		(unsigned int)data_room_size;
	memset(&priv, 0, sizeof(priv));
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
		sizeof(struct rte_pktmbuf_pool_private), socket_id, 0);
	if (mp == NULL)
		return NULL;
	if (ops_name == NULL)
		ops_name = rte_mbuf_best_mempool_ops();
	ret = rte_mempool_set_ops_byname(mp, ops_name, NULL);
	if (ret != 0) {
		MBUF_LOG(ERR, "%s(%s): cannot use mempool ops %s", __func__,
			name, ops_name);
		goto fail;
	}
	rte_pktmbuf_pool_init(mp, &priv);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0)
		goto fail;
	rte_mempool_obj_iter(mp, rte_pktmbuf_init, NULL);
	return mp;
fail:
	rte_mempool_free(mp);
	rte_errno = -ret;
	return NULL;
}

struct rte_mempool *
rte_pktmbuf_pool_create(const char *name, unsigned int n,
	unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size,
	int socket_id)
{
	return rte_pktmbuf_pool_create_by_ops(name, n, cache_size, priv_size,
		data_room_size, socket_id, NULL);
}

/* ---- slow paths ---- */

void
rte_pktmbuf_free_bulk(struct rte_mbuf **mbufs, unsigned int count)
{
	/* return segments in batches of one pool to amortise the store */
	void *pending[64];
	struct rte_mempool *pool = NULL;
	unsigned int i, n = 0;

	for (i = 0; i < count; i++) {
		struct rte_mbuf *m = mbufs[i], *next;

		for (; m != NULL; m = next) {
			next = m->next;
			m = rte_pktmbuf_prefree_seg(m);
			if (m == NULL)
				continue;
			if (n == RTE_DIM(pending) || (n != 0 &&
					m->pool != pool)) {
				rte_mempool_put_bulk(pool, pending, n);
				n = 0;
			}
			pool = m->pool;
			pending[n++] = m;
		}
	}
	if (n != 0)
		rte_mempool_put_bulk(pool, pending, n);
}

struct rte_mbuf *
rte_pktmbuf_clone(struct rte_mbuf *md, struct rte_mempool *mp)
{
	struct rte_mbuf *mc, *mi, **prev;
	uint32_t pktlen;
	uint16_t nseg;

	mc = rte_pktmbuf_alloc(mp);
	if (mc == NULL)
		return NULL;
	mi = mc;
	prev = &mi->next;
	pktlen = md->pkt_len;
	nseg = 0;
	do {
		nseg++;
		rte_pktmbuf_attach(mi, md);
		*prev = mi;
		prev = &mi->next;
	} while ((md = md->next) != NULL &&
		(mi = rte_pktmbuf_alloc(mp)) != NULL);
	*prev = NULL;
	mc->nb_segs = nseg;
	mc->pkt_len = pktlen;
	/* ran out of mbufs part-way: undo */
	if (md != NULL) {
		rte_pktmbuf_free(mc);
		return NULL;
	}
	return mc;
}

struct rte_mbuf *
rte_pktmbuf_copy(const struct rte_mbuf *m, struct rte_mempool *mp,
		uint32_t off, uint32_t len)
{
	struct rte_mbuf *mc, *seg;
	uint32_t copied = 0;

	if (off > m->pkt_len)
		return NULL;
	len = RTE_MIN(len, m->pkt_len - off);
	mc = rte_pktmbuf_alloc(mp);
	if (mc == NULL)
		return NULL;
	mc->port = m->port;
	mc->vlan_tci = m->vlan_tci;
	mc->vlan_tci_outer = m->vlan_tci_outer;
	mc->tx_offload = m->tx_offload;
	mc->hash = m->hash;
	mc->packet_type = m->packet_type;
	/* the copy keeps its own buffer (pinned external one included) */
	mc->ol_flags = (m->ol_flags & ~(RTE_MBUF_F_INDIRECT |
		RTE_MBUF_F_EXTERNAL)) | (mc->ol_flags & RTE_MBUF_F_EXTERNAL);
	rte_mbuf_dynfield_copy(mc, m);
	seg = mc;
	while (copied < len) {
		uint16_t room = rte_pktmbuf_tailroom(seg);
		uint32_t chunk = RTE_MIN(len - copied, (uint32_t)room);
		char *dst;

		if (chunk == 0) {
			struct rte_mbuf *nseg = rte_pktmbuf_alloc(mp);

			if (nseg == NULL || rte_pktmbuf_chain(mc, nseg) != 0) {
				rte_pktmbuf_free(nseg);
				rte_pktmbuf_free(mc);
				return NULL;
			}
			seg = nseg;
			continue;
		}
		const void *src;

		dst = rte_pktmbuf_append(mc, (uint16_t)chunk);
		src = rte_pktmbuf_read(m, off + copied, chunk, dst);
		if (src != dst)
			memcpy(dst, src, chunk);
		copied += chunk;
	}
	return mc;
}

const void *
__rte_pktmbuf_read(const struct rte_mbuf *m, uint32_t off, uint32_t len,
	void *buf)
{
	const struct rte_mbuf *seg = m;
	uint32_t copied = 0;

	if (off + len > m->pkt_len)
		return NULL;
	while (off >= seg->data_len) {
		off -= seg->data_len;
		seg = seg->next;
	}
	if (off + len <= seg->data_len)
		return rte_pktmbuf_mtod_offset(seg, char *, off);
	while (copied < len) {
		uint32_t chunk = RTE_MIN(len - copied,
			(uint32_t)seg->data_len - off);

		memcpy((char *)buf + copied,
			rte_pktmbuf_mtod_offset(seg, char *, off), chunk);
		copied += chunk;
		off = 0;
		seg = seg->next;
	}
	return buf;
}

int
rte_pktmbuf_linearize(struct rte_mbuf *mbuf)
{
	struct rte_mbuf *seg, *next;
	char *dst;

	if (rte_pktmbuf_is_contiguous(mbuf))
		return 0;
	/* a buffer others read too cannot be written */
	if (RTE_MBUF_CLONED(mbuf) || rte_mbuf_refcnt_read(mbuf) > 1 ||
			(RTE_MBUF_HAS_EXTBUF(mbuf) &&
			 rte_mbuf_ext_refcnt_read(mbuf->shinfo) > 1))
		return -1;
	if (mbuf->pkt_len - mbuf->data_len > rte_pktmbuf_tailroom(mbuf))
		return -1;
	dst = rte_pktmbuf_mtod_offset(mbuf, char *, mbuf->data_len);
	for (seg = mbuf->next; seg != NULL; seg = next) {
		next = seg->next;
		memcpy(dst, rte_pktmbuf_mtod(seg, char *), seg->data_len);
		dst += seg->data_len;
		mbuf->data_len = (uint16_t)(mbuf->data_len + seg->data_len);
		seg->next = NULL;
		rte_pktmbuf_free_seg(seg);
	}
	mbuf->next = NULL;
	mbuf->nb_segs = 1;
	return 0;
}

/* ---- checks and dumps ---- */

static int
mbuf_check_seg(const struct rte_mbuf *m, const char **reason)
{
	if (m->pool == NULL) {
		*reason = "bad mbuf pool";
		return -1;
	}
	if (m->buf_addr == NULL) {
		*reason = "bad virt addr";
		return -1;
	}
	if (RTE_IOVA_AS_PA && rte_mbuf_iova_get(m) == 0) {
		*reason = "bad IO addr";
		return -1;
	}
	if (rte_mbuf_refcnt_read(m) == 0 ||
			rte_mbuf_refcnt_read(m) == UINT16_MAX) {
		*reason = "bad ref cnt";
		return -1;
	}
	if ((uint32_t)m->data_off + m->data_len > m->buf_len) {
		*reason = "data offset and length beyond the buffer";
		return -1;
	}
	return 0;
}

int
rte_mbuf_check(const struct rte_mbuf *m, int is_header, const char **reason)
{
	unsigned int nb_segs = 0;
	uint32_t pkt_len = 0;
	const char *dummy;

	if (reason == NULL)
		reason = &dummy;
	if (m == NULL) {
		*reason = "mbuf is NULL";
		return -1;
	}
	if (!is_header)
		return mbuf_check_seg(m, reason);
	nb_segs = m->nb_segs;
	pkt_len = m->pkt_len;
	do {
		if (mbuf_check_seg(m, reason) != 0)
			return -1;
		if (nb_segs == 0) {
			*reason = "more segments than nb_segs";
			return -1;
		}
		nb_segs--;
		if (pkt_len < m->data_len) {
			*reason = "pkt_len smaller than the data";
			return -1;
		}
		pkt_len -= m->data_len;
	} while ((m = m->next) != NULL);
	if (nb_segs != 0) {
		*reason = "fewer segments than nb_segs";
		return -1;
	}
	if (pkt_len != 0) {
		*reason = "pkt_len larger than the data";
		return -1;
	}
	return 0;
}

void
rte_mbuf_sanity_check(const struct rte_mbuf *m, int is_header)
{
	const char *reason;

	if (rte_mbuf_check(m, is_header, &reason) != 0)
		rte_panic("mbuf %p: %s\n", (const void *)m, reason);
}

void
rte_pktmbuf_dump(FILE *f, const struct rte_mbuf *m, unsigned int dump_len)
{
	unsigned int len, nb_segs;

	if (f == NULL || m == NULL)
		return;
	fprintf(f, "dump mbuf at %p, iova=0x%" PRIx64 ", buf_len=%u\n",
		(const void *)m, (uint64_t)m->buf_iova, m->buf_len);
	fprintf(f, "  pkt_len=%u, ol_flags=0x%" PRIx64 ", nb_segs=%u, "
		"port=%u", m->pkt_len, m->ol_flags, m->nb_segs, m->port);
	if (m->ol_flags & (RTE_MBUF_F_RX_VLAN | RTE_MBUF_F_TX_VLAN))
		fprintf(f, ", vlan_tci=%u", m->vlan_tci);
	fprintf(f, ", ptype=0x%" PRIx32 "\n", m->packet_type);
	nb_segs = m->nb_segs;
	while (m != NULL && nb_segs != 0) {
		fprintf(f, "  segment at %p, data=%p, len=%u, off=%u, "
			"refcnt=%u\n", (const void *)m,
			rte_pktmbuf_mtod(m, const void *), m->data_len,
			m->data_off, rte_mbuf_refcnt_read(m));
		len = RTE_MIN(dump_len, (unsigned int)m->data_len);
		if (len != 0)
			rte_hexdump(f, NULL, rte_pktmbuf_mtod(m, const void *),
				len);
		dump_len -= len;
		m = m->next;
		nb_segs--;
	}
}

/* ---- pools of mbufs with pinned external buffers ---- */

struct mbuf_extmem_ctx {
	const struct rte_pktmbuf_extmem *ext_mem;
	unsigned int ext_num;
	unsigned int ext; /* area the next buffer comes from */
	size_t off;       /* offset of the next buffer in it */
};

/* free_cb of a pinned buffer: the last user gone, its mbuf goes home */
static void
mbuf_pinned_extbuf_free(void *addr, void *opaque)
{
	struct rte_mbuf *m = opaque;

	RTE_SET_USED(addr);
	RTE_ASSERT(RTE_MBUF_HAS_PINNED_EXTBUF(m));
	rte_mbuf_ext_refcnt_set(m->shinfo, 1);
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	m->next = NULL;
	m->nb_segs = 1;
	rte_mbuf_raw_free(m);
}

static void
mbuf_init_pinned(struct rte_mempool *mp, void *opaque, void *obj,
	unsigned int idx)
{
	struct mbuf_extmem_ctx *ctx = opaque;
	const struct rte_pktmbuf_extmem *ext;
	struct rte_mbuf_ext_shared_info *shinfo;
	struct rte_mbuf *m = obj;
	uint32_t mbuf_size;

	RTE_SET_USED(idx);
	RTE_VERIFY(ctx->ext < ctx->ext_num);
	ext = &ctx->ext_mem[ctx->ext];
	mbuf_size = sizeof(struct rte_mbuf) + rte_pktmbuf_priv_size(mp);
	memset(m, 0, mbuf_size);
	m->priv_size = rte_pktmbuf_priv_size(mp);
	m->pool = mp;
	m->nb_segs = 1;
	m->port = UINT16_MAX;
	rte_mbuf_refcnt_set(m, 1);
	m->buf_addr = RTE_PTR_ADD(ext->buf_ptr, ctx->off);
	m->buf_iova = ext->buf_iova == RTE_BAD_IOVA ? RTE_BAD_IOVA :
		ext->buf_iova + ctx->off;
	m->buf_len = ext->elt_size;
	rte_pktmbuf_reset_headroom(m);
	/* the shared information lives right after the mbuf header */
	shinfo = RTE_PTR_ADD(m, mbuf_size);
	shinfo->free_cb = mbuf_pinned_extbuf_free;
	shinfo->fcb_opaque = m;
	rte_mbuf_ext_refcnt_set(shinfo, 1);
	m->shinfo = shinfo;
	m->ol_flags = RTE_MBUF_F_EXTERNAL;
	ctx->off += ext->elt_size;
	if (ctx->off + ext->elt_size > ext->buf_len) {
		ctx->ext++;
		ctx->off = 0;
	}
}

/* 0 if the areas hold n buffers of data_room_size at least, else -EINVAL */
static int
mbuf_extmem_check(const char *name, unsigned int n, uint16_t data_room_size,
	const struct rte_pktmbuf_extmem *ext_mem, unsigned int ext_num)
{
	uint64_t bufs = 0;
	unsigned int i;

	if (ext_mem == NULL || ext_num == 0) {
		MBUF_LOG(ERR, "%s(%s): no external memory (ext_mem %p, "
			"ext_num %u)", __func__, name, (const void *)ext_mem,
			ext_num);
		return -EINVAL;
	}
	for (i = 0; i < ext_num; i++) {
		if (ext_mem[i].buf_ptr == NULL || ext_mem[i].elt_size == 0 ||
				ext_mem[i].elt_size < data_room_size) {
			MBUF_LOG(ERR, "%s(%s): ext_mem[%u]: NULL area or "
				"elt_size %u below the data room %u", __func__,
				name, i, ext_mem[i].elt_size, data_room_size);
			return -EINVAL;
		}
		bufs += ext_mem[i].buf_len / ext_mem[i].elt_size;
	}
	if (bufs < n) {
		MBUF_LOG(ERR, "%s(%s): the areas hold %" PRIu64 " buffers, "
			"%u wanted", __func__, name, bufs, n);
		return -EINVAL;
	}
	return 0;
}

struct rte_mempool *
rte_pktmbuf_pool_create_extbuf(const char *name, unsigned int n,
	unsigned int cache_size, uint16_t priv_size, uint16_t data_room_size,
	int socket_id, const struct rte_pktmbuf_extmem *ext_mem,
	unsigned int ext_num)
{
	struct mbuf_extmem_ctx ctx = { ext_mem, ext_num, 0, 0 };
	struct rte_pktmbuf_pool_private priv;
	struct rte_mempool *mp;
	unsigned int elt_size;
	int ret;

	if (!pool_priv_size_ok(__func__, name, priv_size))
		return NULL;
	ret = mbuf_extmem_check(name, n, data_room_size, ext_mem, ext_num);
	if (ret != 0) {
		rte_errno = -ret;
		return NULL;
	}
	elt_size = sizeof(struct rte_mbuf) + (unsigned int)priv_size +
		sizeof(struct rte_mbuf_ext_shared_info);
	memset(&priv, 0, sizeof(priv));
	priv.mbuf_data_room_size = data_room_size;
	priv.mbuf_priv_size = priv_size;
	priv.flags = RTE_PKTMBUF_POOL_F_PINNED_EXT_BUF;

	mp = rte_mempool_create_empty(name, n, elt_size, cache_size,
		sizeof(struct rte_pktmbuf_pool_private), socket_id, 0);
	if (mp == NULL)
		return NULL;
	ret = rte_mempool_set_ops_byname(mp, rte_mbuf_best_mempool_ops(),
		NULL);
	if (ret != 0)
		goto fail;
	rte_pktmbuf_pool_init(mp, &priv);
	ret = rte_mempool_populate_default(mp);
	if (ret < 0)
		goto fail;
	rte_mempool_obj_iter(mp, mbuf_init_pinned, &ctx);
	return mp;
fail:
	rte_mempool_free(mp);
	rte_errno = -ret;
	return NULL;
}

/* ---- offload flag names ---- */

/* a flag, or a value of a multi-bit field (mask != flag) */
struct mbuf_flag_name {
	uint64_t flag;
	uint64_t mask;
	const char *name;
};

#define FLAG1(f) { f, f, #f }
#define FLAGV(f, m) { f, m, #f }

static const struct mbuf_flag_name rx_flag_names[] = {
	FLAG1(RTE_MBUF_F_RX_VLAN),
	FLAG1(RTE_MBUF_F_RX_RSS_HASH),
	FLAG1(RTE_MBUF_F_RX_FDIR),
	FLAGV(RTE_MBUF_F_RX_L4_CKSUM_BAD, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_L4_CKSUM_GOOD, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_L4_CKSUM_NONE, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_L4_CKSUM_UNKNOWN, RTE_MBUF_F_RX_L4_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_IP_CKSUM_BAD, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_IP_CKSUM_GOOD, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_IP_CKSUM_NONE, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_IP_CKSUM_UNKNOWN, RTE_MBUF_F_RX_IP_CKSUM_MASK),
	FLAG1(RTE_MBUF_F_RX_OUTER_IP_CKSUM_BAD),
	FLAG1(RTE_MBUF_F_RX_VLAN_STRIPPED),
	FLAG1(RTE_MBUF_F_RX_IEEE1588_PTP),
	FLAG1(RTE_MBUF_F_RX_IEEE1588_TMST),
	FLAG1(RTE_MBUF_F_RX_FDIR_ID),
	FLAG1(RTE_MBUF_F_RX_FDIR_FLX),
	FLAG1(RTE_MBUF_F_RX_QINQ_STRIPPED),
	FLAG1(RTE_MBUF_F_RX_LRO),
	FLAG1(RTE_MBUF_F_RX_SEC_OFFLOAD),
	FLAG1(RTE_MBUF_F_RX_SEC_OFFLOAD_FAILED),
	FLAG1(RTE_MBUF_F_RX_QINQ),
	FLAGV(RTE_MBUF_F_RX_OUTER_L4_CKSUM_BAD,
		RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_OUTER_L4_CKSUM_GOOD,
		RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_OUTER_L4_CKSUM_INVALID,
		RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
	FLAGV(RTE_MBUF_F_RX_OUTER_L4_CKSUM_UNKNOWN,
		RTE_MBUF_F_RX_OUTER_L4_CKSUM_MASK),
};

static const struct mbuf_flag_name tx_flag_names[] = {
	FLAG1(RTE_MBUF_F_TX_VLAN),
	FLAG1(RTE_MBUF_F_TX_IP_CKSUM),
	FLAGV(RTE_MBUF_F_TX_TCP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FLAGV(RTE_MBUF_F_TX_SCTP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FLAGV(RTE_MBUF_F_TX_UDP_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FLAGV(RTE_MBUF_F_TX_L4_NO_CKSUM, RTE_MBUF_F_TX_L4_MASK),
	FLAG1(RTE_MBUF_F_TX_IEEE1588_TMST),
	FLAG1(RTE_MBUF_F_TX_TCP_SEG),
	FLAG1(RTE_MBUF_F_TX_IPV4),
	FLAG1(RTE_MBUF_F_TX_IPV6),
	FLAG1(RTE_MBUF_F_TX_OUTER_IP_CKSUM),
	FLAG1(RTE_MBUF_F_TX_OUTER_IPV4),
	FLAG1(RTE_MBUF_F_TX_OUTER_IPV6),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_VXLAN, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_GRE, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_IPIP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_GENEVE, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_MPLSINUDP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_VXLAN_GPE, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_GTP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_ESP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_IP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAGV(RTE_MBUF_F_TX_TUNNEL_UDP, RTE_MBUF_F_TX_TUNNEL_MASK),
	FLAG1(RTE_MBUF_F_TX_QINQ),
	FLAG1(RTE_MBUF_F_TX_MACSEC),
	FLAG1(RTE_MBUF_F_TX_SEC_OFFLOAD),
	FLAG1(RTE_MBUF_F_TX_UDP_SEG),
	FLAG1(RTE_MBUF_F_TX_OUTER_UDP_CKSUM),
};

#undef FLAG1
#undef FLAGV

/* name of a non-zero flag or field value; zero values have no name */
static const char *
mbuf_flag_name(const struct mbuf_flag_name *tbl, size_t n, uint64_t mask)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (tbl[i].flag != 0 && tbl[i].flag == mask)
			return tbl[i].name;
	return NULL;
}

static int
mbuf_flag_list(const struct mbuf_flag_name *tbl, size_t n, uint64_t mask,
	char *buf, size_t buflen)
{
	size_t i;
	int len;

	if (buf == NULL || buflen == 0)
		return -1;
	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		if ((mask & tbl[i].mask) != tbl[i].flag)
			continue;
		len = snprintf(buf, buflen, "%s ", tbl[i].name);
		/* truncated: buf holds what fitted */
		if (len < 0 || (size_t)len >= buflen)
			return -1;
		buf += len;
		buflen -= (size_t)len;
	}
	return 0;
}

const char *
rte_get_rx_ol_flag_name(uint64_t mask)
{
	return mbuf_flag_name(rx_flag_names, RTE_DIM(rx_flag_names), mask);
}

const char *
rte_get_tx_ol_flag_name(uint64_t mask)
{
	return mbuf_flag_name(tx_flag_names, RTE_DIM(tx_flag_names), mask);
}

int
rte_get_rx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return mbuf_flag_list(rx_flag_names, RTE_DIM(rx_flag_names), mask,
		buf, buflen);
}

int
rte_get_tx_ol_flag_list(uint64_t mask, char *buf, size_t buflen)
{
	return mbuf_flag_list(tx_flag_names, RTE_DIM(tx_flag_names), mask,
		buf, buflen);
}
