/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Dynamic mbuf fields and flags.
 *
 * The registry lives in the memzone "rte_mbuf_dyn" so that every process
 * sees the same offsets and bits: a byte map of struct rte_mbuf (1 where
 * a byte is free: the dynfield1 area at start) and a mask of free
 * ol_flags bits (the ones no RTE_MBUF_F_* uses), plus the registered
 * names. The memzone is made by the first registration of any process;
 * every access holds the EAL tailq lock, which all processes share.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <rte_common.h>
#include <rte_eal_memconfig.h>
#include <rte_errno.h>
#include <rte_log.h>
#include <rte_mbuf.h>
#include <rte_memzone.h>
#include <rte_string_fns.h>

#include "rte_mbuf_dyn.h"

#define MBUF_DYN_MZ "rte_mbuf_dyn"
#define MBUF_DYN_MAX 64
#define MBUF_DYN_ROOM sizeof(((struct rte_mbuf *)0)->dynfield1)
/* ol_flags bits no static flag uses: FIRST_FREE to LAST_FREE included */
#define MBUF_DYN_FREE_FLAGS ((RTE_MBUF_F_LAST_FREE | \
	(RTE_MBUF_F_LAST_FREE - 1)) & ~(RTE_MBUF_F_FIRST_FREE - 1))

struct mbuf_dyn_shm {
	uint8_t free_space[sizeof(struct rte_mbuf)];
	uint64_t free_flags;
	unsigned int nb_fields;
	unsigned int nb_flags;
	struct {
		struct rte_mbuf_dynfield params;
		size_t offset;
	} fields[MBUF_DYN_MAX];
	struct {
		struct rte_mbuf_dynflag params;
		unsigned int bitnum;
	} flags[MBUF_DYN_MAX];
};

/* the registry, made if create; tailq lock held */
static struct mbuf_dyn_shm *
dyn_shm_get(bool create)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MBUF_DYN_MZ);
	struct mbuf_dyn_shm *shm;
	size_t i;

	if (mz != NULL || !create)
		return mz != NULL ? mz->addr : NULL;
	mz = rte_memzone_reserve(MBUF_DYN_MZ, sizeof(*shm), SOCKET_ID_ANY, 0);
	if (mz == NULL)
		return NULL;
	shm = mz->addr;
	memset(shm, 0, sizeof(*shm));
	for (i = 0; i < MBUF_DYN_ROOM; i++)
		shm->free_space[offsetof(struct rte_mbuf, dynfield1) + i] = 1;
	shm->free_flags = MBUF_DYN_FREE_FLAGS;
	return shm;
}

static bool
dyn_name_ok(const char *name)
{
	size_t len = strnlen(name, RTE_MBUF_DYN_NAMESIZE);

	return len > 0 && len < RTE_MBUF_DYN_NAMESIZE;
}

/* -------------------------------------------------------------------- */
/* fields */

static bool
dyn_space_free(const struct mbuf_dyn_shm *shm, size_t off, size_t size)
{
	size_t i;

	if (off + size > sizeof(shm->free_space))
		return false;
	for (i = off; i < off + size; i++)
		if (!shm->free_space[i])
			return false;
	return true;
}

/* an offset for params (req or the first that fits), or -errno */
static int
dyn_field_place(struct mbuf_dyn_shm *shm,
		const struct rte_mbuf_dynfield *params, size_t req)
{
	size_t off;

	if (req != SIZE_MAX)
		return req % params->align == 0 &&
			dyn_space_free(shm, req, params->size) ?
			(int)req : -EBUSY;
	for (off = 0; off < sizeof(shm->free_space); off += params->align)
		if (dyn_space_free(shm, off, params->size))
			return (int)off;
	return -ENOENT;
}

static int
dyn_field_register_locked(const struct rte_mbuf_dynfield *params,
		size_t req)
{
	struct mbuf_dyn_shm *shm = dyn_shm_get(true);
	unsigned int i;
	int off;

	if (shm == NULL)
		return -ENOMEM;
	for (i = 0; i < shm->nb_fields; i++) {
		if (strcmp(shm->fields[i].params.name, params->name) != 0)
			continue;
		if (shm->fields[i].params.size != params->size ||
				shm->fields[i].params.align != params->align ||
				shm->fields[i].params.flags != params->flags ||
				(req != SIZE_MAX &&
				 req != shm->fields[i].offset))
			return -EEXIST;
		return (int)shm->fields[i].offset;
	}
	if (shm->nb_fields == MBUF_DYN_MAX)
		return -ENOMEM;
	off = dyn_field_place(shm, params, req);
	if (off < 0)
		return off;
	memset(&shm->free_space[off], 0, params->size);
	shm->fields[shm->nb_fields].params = *params;
	shm->fields[shm->nb_fields].offset = (size_t)off;
	shm->nb_fields++;
	return off;
}

int
rte_mbuf_dynfield_register_offset(const struct rte_mbuf_dynfield *params,
		size_t offset)
{
	int ret;

	if (params == NULL || !dyn_name_ok(params->name) ||
			params->size == 0 || params->flags != 0 ||
			params->align == 0 ||
			!rte_is_power_of_2((uint32_t)params->align) ||
			params->size > MBUF_DYN_ROOM) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_mcfg_tailq_write_lock();
	ret = dyn_field_register_locked(params, offset);
	rte_mcfg_tailq_write_unlock();
	if (ret < 0) {
		RTE_LOG(ERR, MBUF, "cannot register dynamic field %s: %s\n",
			params->name, ret == -ENOENT ? "no room left" :
			strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return ret;
}

int
rte_mbuf_dynfield_register(const struct rte_mbuf_dynfield *params)
{
	return rte_mbuf_dynfield_register_offset(params, SIZE_MAX);
}

int
rte_mbuf_dynfield_lookup(const char *name, struct rte_mbuf_dynfield *params)
{
	struct mbuf_dyn_shm *shm;
	unsigned int i;
	int ret = -1;

	if (name == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_mcfg_tailq_read_lock();
	shm = dyn_shm_get(false);
	for (i = 0; shm != NULL && i < shm->nb_fields; i++)
		if (strcmp(shm->fields[i].params.name, name) == 0) {
			if (params != NULL)
				*params = shm->fields[i].params;
			ret = (int)shm->fields[i].offset;
			break;
		}
	rte_mcfg_tailq_read_unlock();
	if (ret < 0)
		rte_errno = ENOENT;
	return ret;
}

/* -------------------------------------------------------------------- */
/* flags */

static int
dyn_flag_register_locked(const struct rte_mbuf_dynflag *params,
		unsigned int req)
{
	struct mbuf_dyn_shm *shm = dyn_shm_get(true);
	unsigned int i, bit;

	if (shm == NULL)
		return -ENOMEM;
	for (i = 0; i < shm->nb_flags; i++) {
		if (strcmp(shm->flags[i].params.name, params->name) != 0)
			continue;
		if (shm->flags[i].params.flags != params->flags ||
				(req != UINT_MAX &&
				 req != shm->flags[i].bitnum))
			return -EEXIST;
		return (int)shm->flags[i].bitnum;
	}
	if (req != UINT_MAX) {
		if (req >= 64 || !(shm->free_flags & (UINT64_C(1) << req)))
			return -EBUSY;
		bit = req;
	} else {
		if (shm->free_flags == 0)
			return -ENOENT;
		bit = (unsigned int)__builtin_ctzll(shm->free_flags);
	}
	shm->free_flags &= ~(UINT64_C(1) << bit);
	shm->flags[shm->nb_flags].params = *params;
	shm->flags[shm->nb_flags].bitnum = bit;
	shm->nb_flags++;
	return (int)bit;
}

int
rte_mbuf_dynflag_register_bitnum(const struct rte_mbuf_dynflag *params,
		unsigned int bitnum)
{
	int ret;

	if (params == NULL || !dyn_name_ok(params->name) ||
			params->flags != 0) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_mcfg_tailq_write_lock();
	ret = dyn_flag_register_locked(params, bitnum);
	rte_mcfg_tailq_write_unlock();
	if (ret < 0) {
		RTE_LOG(ERR, MBUF, "cannot register dynamic flag %s: %s\n",
			params->name, ret == -ENOENT ? "no free bit left" :
			strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return ret;
}

int
rte_mbuf_dynflag_register(const struct rte_mbuf_dynflag *params)
{
	return rte_mbuf_dynflag_register_bitnum(params, UINT_MAX);
}

int
rte_mbuf_dynflag_lookup(const char *name, struct rte_mbuf_dynflag *params)
{
	struct mbuf_dyn_shm *shm;
	unsigned int i;
	int ret = -1;

	if (name == NULL) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_mcfg_tailq_read_lock();
	shm = dyn_shm_get(false);
	for (i = 0; shm != NULL && i < shm->nb_flags; i++)
		if (strcmp(shm->flags[i].params.name, name) == 0) {
			if (params != NULL)
				*params = shm->flags[i].params;
			ret = (int)shm->flags[i].bitnum;
			break;
		}
	rte_mcfg_tailq_read_unlock();
	if (ret < 0)
		rte_errno = ENOENT;
	return ret;
}

void
rte_mbuf_dyn_dump(FILE *out)
{
	struct mbuf_dyn_shm *shm;
	unsigned int i, free_bytes = 0;

	rte_mcfg_tailq_read_lock();
	shm = dyn_shm_get(false);
	if (shm == NULL) {
		rte_mcfg_tailq_read_unlock();
		fprintf(out, "no dynamic mbuf field or flag registered\n");
		return;
	}
	for (i = 0; i < shm->nb_fields; i++)
		fprintf(out, "field %s: offset %zu, size %zu, align %zu\n",
			shm->fields[i].params.name, shm->fields[i].offset,
			shm->fields[i].params.size,
			shm->fields[i].params.align);
	for (i = 0; i < shm->nb_flags; i++)
		fprintf(out, "flag %s: bit %u\n", shm->flags[i].params.name,
			shm->flags[i].bitnum);
	for (i = 0; i < sizeof(shm->free_space); i++)
		free_bytes += shm->free_space[i];
	fprintf(out, "free: %u bytes, flags 0x%016" PRIx64 "\n", free_bytes,
		shm->free_flags);
	rte_mcfg_tailq_read_unlock();
}

/* -------------------------------------------------------------------- */
/* timestamps */

static int
dyn_timestamp_register(const char *flag_name, int *field_offset,
		uint64_t *flag)
{
	const struct rte_mbuf_dynfield field = {
		.name = RTE_MBUF_DYNFIELD_TIMESTAMP_NAME,
		.size = sizeof(rte_mbuf_timestamp_t),
		.align = __alignof__(rte_mbuf_timestamp_t),
	};
	struct rte_mbuf_dynflag fl = { .flags = 0 };
	int off, bit;

	rte_strlcpy(fl.name, flag_name, sizeof(fl.name));
	off = rte_mbuf_dynfield_register(&field);
	if (off < 0)
		return -1;
	bit = rte_mbuf_dynflag_register(&fl);
	if (bit < 0)
		return -1;
	if (field_offset != NULL)
		*field_offset = off;
	if (flag != NULL)
		*flag = UINT64_C(1) << bit;
	return 0;
}

int
rte_mbuf_dyn_rx_timestamp_register(int *field_offset, uint64_t *rx_flag)
{
	return dyn_timestamp_register(RTE_MBUF_DYNFLAG_RX_TIMESTAMP_NAME,
		field_offset, rx_flag);
}

int
rte_mbuf_dyn_tx_timestamp_register(int *field_offset, uint64_t *tx_flag)
{
	return dyn_timestamp_register(RTE_MBUF_DYNFLAG_TX_TIMESTAMP_NAME,
		field_offset, tx_flag);
}
