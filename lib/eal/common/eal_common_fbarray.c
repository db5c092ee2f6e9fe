/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * File-backed arrays (rte_fbarray).
 *
 * Layout of one array: a single shared mapping of page-rounded size holding
 *
 *   [ elements: len * elt_sz, rounded up to a cache line ]
 *   [ struct fbarray_mask: header, then ceil(len / 64) 64-bit words ]
 *
 * Bit i of word k says whether element k * 64 + i is used. Bits at or beyond
 * len are always clear (eal_fbarray_check() verifies it), so whole words can
 * be compared and popcounted without masking. The header repeats len and
 * elt_sz so that an attach with a mismatched descriptor is detected.
 *
 * Backing: a file "fbarray_<name>" in the runtime directory, mapped
 * MAP_SHARED at the same address in every process; or, with --in-memory or
 * --no-shconf, anonymous MAP_SHARED memory that only this process (and its
 * fork()ed children) can see.
 *
 * File lock scheme (open file description locks, fcntl F_OFD_SETLK, on byte
 * 0 of the file): every process that maps the array holds a read lock on
 * its own descriptor for as long as the mapping exists.
 *   - init takes a write lock while it creates and zeroes the file, then
 *     converts it to a read lock; attach therefore fails with EBUSY while
 *     creation is in progress, and a second init of a live name fails too.
 *   - destroy converts its read lock to a write lock; that fails while any
 *     other process (or another mapping in this process) holds a read lock,
 *     so destroy of an array attached elsewhere fails with EBUSY. A failed
 *     conversion leaves the read lock in place (fcntl conversions are atomic,
 *     unlike flock()'s).
 *   - a process that dies drops its locks, so a file left behind by a dead
 *     creator can be taken over by the next init of that name.
 * OFD locks, unlike classic POSIX record locks, belong to the open file
 * description: closing another descriptor of the same file in the same
 * process does not drop them, and two descriptors conflict even within one
 * process.
 *
 * Locking: the mapping list of this process is guarded by a mutex (it is held
 * across mmap and file I/O, so it is not a spinlock). The rwlock inside
 * struct rte_fbarray guards the bitmap and count: searches take it for
 * reading, set_used/set_free for writing. Lock order: mapping list mutex,
 * then the array's rwlock (never the other way round). In the EAL-wide order
 * the fbarray rwlock comes last (see eal_memcfg.h).
 */

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/queue.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>
#include <rte_log.h>
#include <rte_rwlock.h>

#include "eal_fbarray.h"
#include "eal_filesystem.h"
#include "eal_internal_cfg.h"
#include "eal_private.h"

#define FBARRAY_MASK_MAGIC 0x46424d4bu /* "FBMK" */
#define FBARRAY_WORD_BITS 64u

/* lives right after the (cache-line rounded) element area of the mapping */
struct fbarray_mask {
	uint32_t magic;   /**< FBARRAY_MASK_MAGIC once initialised */
	uint32_t len;     /**< copy of rte_fbarray.len */
	uint32_t elt_sz;  /**< copy of rte_fbarray.elt_sz */
	uint32_t n_words; /**< number of entries in words[] */
	uint64_t words[]; /**< the used-bitmap */
};

/* ------------------------------------------------------------------------
 * layout
 */

static size_t
fbarray_page_size(void)
{
	long sz = sysconf(_SC_PAGESIZE);

	return sz > 0 ? (size_t)sz : 4096;
}

static unsigned int
fbarray_n_words(unsigned int len)
{
	return (len + FBARRAY_WORD_BITS - 1) / FBARRAY_WORD_BITS;
}

static size_t
fbarray_data_size(unsigned int len, unsigned int elt_sz)
{
	return RTE_ALIGN_CEIL((size_t)len * elt_sz,
			(size_t)RTE_CACHE_LINE_SIZE);
}

/* size of the whole mapping; len <= INT_MAX keeps this far from overflow */
static size_t
fbarray_map_size(unsigned int len, unsigned int elt_sz)
{
	size_t sz = fbarray_data_size(len, elt_sz) +
		sizeof(struct fbarray_mask) +
		(size_t)fbarray_n_words(len) * sizeof(uint64_t);

	return RTE_ALIGN_CEIL(sz, fbarray_page_size());
}

static struct fbarray_mask *
fbarray_mask(const struct rte_fbarray *arr)
{
	return RTE_PTR_ADD(arr->data, fbarray_data_size(arr->len, arr->elt_sz));
}

/* 0, -EINVAL or -ENAMETOOLONG */
static int
fbarray_check_params(const char *name, unsigned int len, unsigned int elt_sz)
{
	size_t name_len;

	if (name == NULL || len == 0 || len > INT_MAX || elt_sz == 0)
		return -EINVAL;
	name_len = strnlen(name, RTE_FBARRAY_NAME_LEN);
	if (name_len == RTE_FBARRAY_NAME_LEN)
		return -ENAMETOOLONG;
	/* the name becomes a file name: keep it inside the runtime dir */
	if (name_len == 0 || strchr(name, '/') != NULL)
		return -EINVAL;
	return 0;
}

/* ------------------------------------------------------------------------
 * the search core: every find_* function below is one call pattern of
 * fbarray_scan() and fbarray_find_run()
 */

/* the bitmap word as seen by a search for used (1 = used) or free elements */
static inline uint64_t
fbarray_word(const struct fbarray_mask *m, unsigned int k, bool used)
{
	return used ? m->words[k] : ~m->words[k];
}

/*
 * First index from pos towards stop (both inclusive; downwards when rev)
 * whose element is used (or free, when !used). Returns stop + 1 (stop - 1
 * when rev) when there is none. Inverted words have ones beyond len in the
 * last word; callers keep stop < len, and hits past stop are discarded.
 */
static int64_t
fbarray_scan(const struct fbarray_mask *m, int64_t pos, int64_t stop,
		bool rev, bool used)
{
	unsigned int k, end;
	uint64_t w;
	int64_t idx;

	if (!rev) {
		if (pos > stop)
			return stop + 1;
		k = pos / FBARRAY_WORD_BITS;
		end = stop / FBARRAY_WORD_BITS;
		w = fbarray_word(m, k, used) & (UINT64_MAX << (pos % 64));
		while (w == 0) {
			if (++k > end)
				return stop + 1;
			w = fbarray_word(m, k, used);
		}
		idx = (int64_t)k * 64 + __builtin_ctzll(w);
		return idx > stop ? stop + 1 : idx;
	}
	if (pos < stop)
		return stop - 1;
	k = pos / FBARRAY_WORD_BITS;
	end = stop / FBARRAY_WORD_BITS;
	w = fbarray_word(m, k, used) & (UINT64_MAX >> (63 - pos % 64));
	while (w == 0) {
		if (k-- == end)
			return stop - 1;
		w = fbarray_word(m, k, used);
	}
	idx = (int64_t)k * 64 + 63 - __builtin_clzll(w);
	return idx < stop ? stop - 1 : idx;
}

/* a run of same-state elements found by fbarray_find_run() */
struct fbarray_run {
	int64_t near; /**< first element met in the search direction */
	int64_t len;  /**< number of elements in the run */
};

/*
 * The one search routine. Looks from start in the given direction (upwards,
 * or downwards when rev) for the first run of at least n used (or free)
 * elements; the run is clipped to the searched side of start. Returns true
 * and fills *run when found.
 *
 * When capped, only "is there a run of n here" matters: the window of n
 * elements from the first candidate is checked from its far end backwards,
 * and an element of the other kind at x rules out every window that
 * contains x, so the search resumes just past x. Over a sparse bitmap this
 * skips about n elements per step. run->len is then n, not the whole run.
 * Otherwise every run is measured whole (contig, biggest).
 */
static bool
fbarray_find_run(const struct rte_fbarray *arr, unsigned int start, bool rev,
		bool used, unsigned int n, bool capped, struct fbarray_run *run)
{
	const struct fbarray_mask *m = fbarray_mask(arr);
	int64_t step = rev ? -1 : 1;
	int64_t limit = rev ? 0 : (int64_t)arr->len - 1;
	int64_t pos = start, near, far, end;

	for (;;) {
		near = fbarray_scan(m, pos, limit, rev, used);
		if (near == limit + step)
			return false;
		if (capped) {
			if ((limit - near) * step + 1 < n)
				return false;
			end = near + step * (int64_t)(n - 1);
			far = fbarray_scan(m, end, near, !rev, !used);
			if (far == near - step) {
				run->near = near;
				run->len = n;
				return true;
			}
			pos = far + step;
			continue;
		}
		/* the run ends where the first element of the other kind is */
		far = fbarray_scan(m, near, limit, rev, !used);
		if ((far - near) * step >= n) {
			run->near = near;
			run->len = (far - near) * step;
			return true;
		}
		pos = far;
	}
}

/* what a public find_* function asks of fbarray_query() */
enum fbarray_query_kind {
	FBARRAY_Q_FIRST,   /**< first element of the kind (next/prev) */
	FBARRAY_Q_N,       /**< first run of n (next_n/prev_n) */
	FBARRAY_Q_CONTIG,  /**< run length at start (contig/rev_contig) */
	FBARRAY_Q_BIGGEST, /**< longest run (biggest/rev_biggest) */
};

/* longest run on the searched side of start; -1 if there is none */
static int
fbarray_biggest(const struct rte_fbarray *arr, unsigned int start, bool rev,
		bool used)
{
	struct fbarray_run run, best = { .near = -1, .len = 0 };
	int64_t pos = start;

	/* each pass only accepts a run longer than the best so far */
	while (pos >= 0 && pos < arr->len &&
			fbarray_find_run(arr, pos, rev, used, best.len + 1,
				false, &run)) {
		best = run;
		pos = run.near + (rev ? -run.len : run.len);
	}
	if (best.near < 0)
		return -1;
	return rev ? best.near - best.len + 1 : best.near;
}

/*
 * Answers a query when the array is all one kind (every element used, or
 * every element free), which needs no bitmap reads. Returns false when the
 * bitmap must be searched.
 */
static bool
fbarray_query_uniform(const struct rte_fbarray *arr, unsigned int start,
		unsigned int n, bool rev, bool used, enum fbarray_query_kind q,
		int *ret)
{
	unsigned int of_kind = used ? arr->count : arr->len - arr->count;

	if (of_kind != 0 && of_kind != arr->len)
		return false;
	if (of_kind == 0) {
		*ret = q == FBARRAY_Q_CONTIG ? 0 : -1;
		return true;
	}
	switch (q) {
	case FBARRAY_Q_N:
		*ret = rev ? (int)(start - n + 1) : (int)start;
		break;
	case FBARRAY_Q_CONTIG:
		*ret = rev ? (int)start + 1 : (int)(arr->len - start);
		break;
	case FBARRAY_Q_BIGGEST:
		*ret = rev ? 0 : (int)start;
		break;
	default:
		*ret = (int)start;
		break;
	}
	return true;
}

static int
fbarray_query_locked(const struct rte_fbarray *arr, unsigned int start,
		unsigned int n, bool rev, bool used, enum fbarray_query_kind q)
{
	struct fbarray_run run;
	int ret;

	if (fbarray_query_uniform(arr, start, n, rev, used, q, &ret))
		return ret;
	switch (q) {
	case FBARRAY_Q_CONTIG:
		if (fbarray_word(fbarray_mask(arr), start / 64, used) &
				(UINT64_C(1) << (start % 64)))
			return fbarray_find_run(arr, start, rev, used, 1,
					false, &run) ? (int)run.len : 0;
		return 0;
	case FBARRAY_Q_BIGGEST:
		return fbarray_biggest(arr, start, rev, used);
	default:
		if (!fbarray_find_run(arr, start, rev, used, n, true, &run))
			return -1;
		return rev ? (int)(run.near - n + 1) : (int)run.near;
	}
}

/* argument checks, locking and rte_errno for every find_* function */
static int
fbarray_query(struct rte_fbarray *arr, unsigned int start, unsigned int n,
		bool rev, bool used, enum fbarray_query_kind q)
{
	int ret;

	if (arr == NULL || arr->data == NULL || start >= arr->len ||
			n == 0 || n > arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	/* a run of n cannot fit between start and the end searched towards */
	if (q == FBARRAY_Q_N &&
			(rev ? start + 1 < n : arr->len - start < n)) {
		rte_errno = used ? ENOENT : ENOSPC;
		return -1;
	}
	rte_rwlock_read_lock(&arr->rwlock);
	ret = fbarray_query_locked(arr, start, n, rev, used, q);
	rte_rwlock_read_unlock(&arr->rwlock);
	if (ret < 0)
		rte_errno = used ? ENOENT : ENOSPC;
	return ret;
}

/* ------------------------------------------------------------------------
 * the find_* family
 */

int
rte_fbarray_find_next_free(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, false, false, FBARRAY_Q_FIRST);
}

int
rte_fbarray_find_next_used(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, false, true, FBARRAY_Q_FIRST);
}

int
rte_fbarray_find_prev_free(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, true, false, FBARRAY_Q_FIRST);
}

int
rte_fbarray_find_prev_used(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, true, true, FBARRAY_Q_FIRST);
}

int
rte_fbarray_find_next_n_free(struct rte_fbarray *arr, unsigned int start,
		unsigned int n)
{
	return fbarray_query(arr, start, n, false, false, FBARRAY_Q_N);
}

int
rte_fbarray_find_next_n_used(struct rte_fbarray *arr, unsigned int start,
		unsigned int n)
{
	return fbarray_query(arr, start, n, false, true, FBARRAY_Q_N);
}

int
rte_fbarray_find_prev_n_free(struct rte_fbarray *arr, unsigned int start,
		unsigned int n)
{
	return fbarray_query(arr, start, n, true, false, FBARRAY_Q_N);
}

int
rte_fbarray_find_prev_n_used(struct rte_fbarray *arr, unsigned int start,
		unsigned int n)
{
	return fbarray_query(arr, start, n, true, true, FBARRAY_Q_N);
}

int
rte_fbarray_find_contig_free(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, false, false, FBARRAY_Q_CONTIG);
}

int
rte_fbarray_find_contig_used(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, false, true, FBARRAY_Q_CONTIG);
}

int
rte_fbarray_find_rev_contig_free(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, true, false, FBARRAY_Q_CONTIG);
}

int
rte_fbarray_find_rev_contig_used(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, true, true, FBARRAY_Q_CONTIG);
}

int
rte_fbarray_find_biggest_free(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, false, false, FBARRAY_Q_BIGGEST);
}

int
rte_fbarray_find_biggest_used(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, false, true, FBARRAY_Q_BIGGEST);
}

int
rte_fbarray_find_rev_biggest_free(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, true, false, FBARRAY_Q_BIGGEST);
}

int
rte_fbarray_find_rev_biggest_used(struct rte_fbarray *arr, unsigned int start)
{
	return fbarray_query(arr, start, 1, true, true, FBARRAY_Q_BIGGEST);
}

/* ------------------------------------------------------------------------
 * elements and their state
 */

void *
rte_fbarray_get(const struct rte_fbarray *arr, unsigned int idx)
{
	if (arr == NULL || arr->data == NULL || idx >= arr->len) {
		rte_errno = EINVAL;
		return NULL;
	}
	return RTE_PTR_ADD(arr->data, (size_t)idx * arr->elt_sz);
}

int
rte_fbarray_find_idx(const struct rte_fbarray *arr, const void *elt)
{
	uintptr_t start, off;

	if (arr == NULL || arr->data == NULL || elt == NULL ||
			arr->elt_sz == 0) {
		rte_errno = EINVAL;
		return -1;
	}
	start = (uintptr_t)arr->data;
	off = (uintptr_t)elt - start;
	/* unsigned wrap-around turns addresses below data into huge offsets */
	if (off >= (size_t)arr->len * arr->elt_sz) {
		rte_errno = EINVAL;
		return -1;
	}
	return (int)(off / arr->elt_sz);
}

static int
fbarray_set(struct rte_fbarray *arr, unsigned int idx, bool used)
{
	struct fbarray_mask *m;
	uint64_t bit;
	bool was_used;

	if (arr == NULL || arr->data == NULL || idx >= arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	m = fbarray_mask(arr);
	bit = UINT64_C(1) << (idx % 64);
	rte_rwlock_write_lock(&arr->rwlock);
	was_used = (m->words[idx / 64] & bit) != 0;
	if (was_used != used) {
		if (used) {
			m->words[idx / 64] |= bit;
			arr->count++;
		} else {
			m->words[idx / 64] &= ~bit;
			arr->count--;
		}
	}
	rte_rwlock_write_unlock(&arr->rwlock);
	return 0;
}

int
rte_fbarray_set_used(struct rte_fbarray *arr, unsigned int idx)
{
	return fbarray_set(arr, idx, true);
}

int
rte_fbarray_set_free(struct rte_fbarray *arr, unsigned int idx)
{
	return fbarray_set(arr, idx, false);
}

int
rte_fbarray_is_used(struct rte_fbarray *arr, unsigned int idx)
{
	int ret;

	if (arr == NULL || arr->data == NULL || idx >= arr->len) {
		rte_errno = EINVAL;
		return -1;
	}
	rte_rwlock_read_lock(&arr->rwlock);
	ret = (fbarray_mask(arr)->words[idx / 64] >> (idx % 64)) & 1;
	rte_rwlock_read_unlock(&arr->rwlock);
	return ret;
}

/* ------------------------------------------------------------------------
 * the mappings of this process
 */

struct fbarray_mapping {
	TAILQ_ENTRY(fbarray_mapping) next;
	void *addr;           /**< start of the mapping (rte_fbarray.data) */
	size_t len;           /**< size of the mapping */
	int fd;               /**< backing file holding our lock, -1 if anon */
	char path[PATH_MAX];  /**< backing file, "" if anonymous */
};

TAILQ_HEAD(fbarray_mapping_list, fbarray_mapping);

/* process-wide by nature: a mapping belongs to the process, not to a struct */
static struct {
	pthread_mutex_t lock;
	struct fbarray_mapping_list list;
} fbarray_maps = {
	.lock = PTHREAD_MUTEX_INITIALIZER,
	.list = TAILQ_HEAD_INITIALIZER(fbarray_maps.list),
};

/* caller holds fbarray_maps.lock */
static struct fbarray_mapping *
fbarray_mapping_find(const void *addr, size_t len)
{
	struct fbarray_mapping *ma;

	TAILQ_FOREACH(ma, &fbarray_maps.list, next)
		if (ma->addr == addr && ma->len == len)
			return ma;
	return NULL;
}

/* caller holds fbarray_maps.lock */
static bool
fbarray_mapping_overlaps(const void *addr, size_t len)
{
	uintptr_t lo = (uintptr_t)addr, hi = lo + len;
	struct fbarray_mapping *ma;

	TAILQ_FOREACH(ma, &fbarray_maps.list, next) {
		uintptr_t ma_lo = (uintptr_t)ma->addr;

		if (lo < ma_lo + ma->len && ma_lo < hi)
			return true;
	}
	return false;
}

/* true if arr->data is the start of a mapping of this process */
static bool
fbarray_is_mapped(const struct rte_fbarray *arr)
{
	bool found;

	if (arr == NULL || arr->data == NULL ||
			fbarray_check_params(arr->name, arr->len, arr->elt_sz))
		return false;
	pthread_mutex_lock(&fbarray_maps.lock);
	found = fbarray_mapping_find(arr->data,
			fbarray_map_size(arr->len, arr->elt_sz)) != NULL;
	pthread_mutex_unlock(&fbarray_maps.lock);
	return found;
}

/* ------------------------------------------------------------------------
 * backing files, file locks and address space
 */

/* "<runtime dir>/fbarray_<name>"; 0 or -ENAMETOOLONG */
static int
fbarray_path(char *buf, size_t size, const char *name)
{
	return eal_get_fbarray_path(buf, size, name) == NULL ?
		-ENAMETOOLONG : 0;
}

static bool
fbarray_anonymous(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();

	return cfg->in_memory || cfg->no_shconf;
}

/* F_RDLCK, F_WRLCK or F_UNLCK on byte 0, never waiting; 0 or -errno */
static int
fbarray_file_lock(int fd, short type)
{
	struct flock fl = {
		.l_type = type,
		.l_whence = SEEK_SET,
		.l_start = 0,
		.l_len = 1,
	};

	if (fcntl(fd, F_OFD_SETLK, &fl) == 0)
		return 0;
	return errno == EAGAIN || errno == EACCES ? -EBUSY : -errno;
}

/*
 * Open (creating if asked) the backing file and take a lock of the given
 * type on it. The check that the path still names the locked file closes a
 * race with a destroy unlinking it between our open and our lock.
 * Returns the fd or -errno (-EBUSY when the lock is held elsewhere).
 */
static int
fbarray_open_locked(const char *path, bool create, short type)
{
	struct stat fd_st, path_st;
	int attempt, fd, ret;

	for (attempt = 0; attempt < 8; attempt++) {
		fd = open(path, O_RDWR | O_CLOEXEC | (create ? O_CREAT : 0),
				0600);
		if (fd < 0)
			return -errno;
		ret = fbarray_file_lock(fd, type);
		if (ret == 0 && fstat(fd, &fd_st) < 0)
			ret = -errno;
		if (ret < 0) {
			close(fd);
			return ret;
		}
		if (stat(path, &path_st) == 0 &&
				path_st.st_ino == fd_st.st_ino &&
				path_st.st_dev == fd_st.st_dev)
			return fd;
		close(fd);
		if (!create)
			return -ENOENT;
	}
	return -EBUSY;
}

/*
 * Reserve len bytes of address space through the EAL's VA allocator (which
 * honours --base-virtaddr), at want exactly when want is not NULL.
 * Returns the address or NULL with -errno in *err.
 */
static void *
fbarray_reserve_va(void *want, size_t len, int *err)
{
	size_t size = len;
	void *va;

	va = eal_get_virtual_area(want, &size, fbarray_page_size(), 0, 0);
	if (va == NULL) {
		*err = rte_errno != 0 ? -rte_errno : -ENOMEM;
		return NULL;
	}
	return va;
}

/* map the backing (fd, or anonymous memory if fd < 0) over a reservation */
static int
fbarray_map_over(void *va, size_t len, int fd)
{
	int flags = MAP_SHARED | MAP_FIXED | (fd < 0 ? MAP_ANONYMOUS : 0);

	if (mmap(va, len, PROT_READ | PROT_WRITE, flags, fd, 0) == MAP_FAILED)
		return -errno;
	return 0;
}

/* ------------------------------------------------------------------------
 * init, attach, detach, destroy
 */

/*
 * Create the backing of a new array over the reservation va: a locked, zeroed
 * file of the right size mapped there (ma->fd and ma->path filled), or
 * anonymous memory. Caller holds fbarray_maps.lock.
 */
static int
fbarray_create_backing(struct fbarray_mapping *ma, const char *name)
{
	int fd, ret;

	ma->fd = -1;
	ma->path[0] = '\0';
	if (fbarray_anonymous())
		return fbarray_map_over(ma->addr, ma->len, -1);

	ret = fbarray_path(ma->path, sizeof(ma->path), name);
	if (ret < 0)
		return ret;
	fd = fbarray_open_locked(ma->path, true, F_WRLCK);
	if (fd < 0)
		return fd;
	/* truncating to 0 first drops any stale contents of a dead creator */
	if (ftruncate(fd, 0) < 0 || ftruncate(fd, ma->len) < 0) {
		ret = -errno;
		goto fail;
	}
	ret = fbarray_map_over(ma->addr, ma->len, fd);
	if (ret < 0)
		goto fail;
	ma->fd = fd;
	return 0;
fail:
	/* we held the write lock, so nobody else uses this file */
	unlink(ma->path);
	close(fd);
	return ret;
}

static int
fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		unsigned int elt_sz)
{
	struct fbarray_mapping *ma;
	struct fbarray_mask *m;
	int ret;

	ma = calloc(1, sizeof(*ma));
	if (ma == NULL)
		return -ENOMEM;
	ma->len = fbarray_map_size(len, elt_sz);
	pthread_mutex_lock(&fbarray_maps.lock);
	ma->addr = fbarray_reserve_va(NULL, ma->len, &ret);
	if (ma->addr == NULL)
		goto fail;
	ret = fbarray_create_backing(ma, name);
	if (ret < 0)
		goto fail_unmap;

	m = RTE_PTR_ADD(ma->addr, fbarray_data_size(len, elt_sz));
	m->len = len;
	m->elt_sz = elt_sz;
	m->n_words = fbarray_n_words(len);
	m->magic = FBARRAY_MASK_MAGIC;
	/* creation is complete: let attachers in */
	if (ma->fd >= 0) {
		ret = fbarray_file_lock(ma->fd, F_RDLCK);
		if (ret < 0) {
			unlink(ma->path);
			close(ma->fd);
			goto fail_unmap;
		}
	}

	memset(arr, 0, sizeof(*arr));
	strcpy(arr->name, name);
	arr->len = len;
	arr->elt_sz = elt_sz;
	arr->data = ma->addr;
	rte_rwlock_init(&arr->rwlock);
	TAILQ_INSERT_TAIL(&fbarray_maps.list, ma, next);
	pthread_mutex_unlock(&fbarray_maps.lock);
	return 0;

fail_unmap:
	eal_mem_free(ma->addr, ma->len);
fail:
	pthread_mutex_unlock(&fbarray_maps.lock);
	free(ma);
	return ret;
}

int
rte_fbarray_init(struct rte_fbarray *arr, const char *name, unsigned int len,
		unsigned int elt_sz)
{
	int ret;

	ret = arr == NULL ? -EINVAL : fbarray_check_params(name, len, elt_sz);
	if (ret == 0)
		ret = fbarray_init(arr, name, len, elt_sz);
	if (ret < 0) {
		RTE_LOG(ERR, EAL,
			"%s(): cannot create fbarray '%.*s' (%u x %u bytes): "
			"%s\n",
			__func__, RTE_FBARRAY_NAME_LEN - 1,
			name != NULL ? name : "(null)", len, elt_sz,
			strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

/*
 * Open and read-lock the backing file of arr, reserve arr->data and map the
 * file there (ma filled). The file is checked first so that a missing or
 * mismatched array is reported as such rather than as an address problem.
 * Caller holds fbarray_maps.lock.
 */
static int
fbarray_attach_file(const struct rte_fbarray *arr, struct fbarray_mapping *ma)
{
	const struct fbarray_mask *m;
	struct stat st;
	int fd, ret;

	ret = fbarray_path(ma->path, sizeof(ma->path), arr->name);
	if (ret < 0)
		return ret;
	fd = fbarray_open_locked(ma->path, false, F_RDLCK);
	if (fd < 0)
		return fd;
	if (fstat(fd, &st) < 0) {
		ret = -errno;
		goto fail;
	}
	/* a descriptor that does not describe this file must not map it */
	if ((size_t)st.st_size != ma->len) {
		ret = -EINVAL;
		goto fail;
	}
	ma->addr = fbarray_reserve_va(arr->data, ma->len, &ret);
	if (ma->addr == NULL)
		goto fail;
	ret = fbarray_map_over(ma->addr, ma->len, fd);
	if (ret < 0)
		goto fail_unmap;
	m = fbarray_mask(arr);
	if (m->magic != FBARRAY_MASK_MAGIC || m->len != arr->len ||
			m->elt_sz != arr->elt_sz) {
		ret = -EINVAL;
		goto fail_unmap;
	}
	ma->fd = fd;
	return 0;
fail_unmap:
	eal_mem_free(ma->addr, ma->len);
fail:
	close(fd);
	return ret;
}

static int
fbarray_attach(struct rte_fbarray *arr)
{
	struct fbarray_mapping *ma;
	int ret;

	if (fbarray_anonymous())
		return -ENOTSUP;
	ma = calloc(1, sizeof(*ma));
	if (ma == NULL)
		return -ENOMEM;
	ma->len = fbarray_map_size(arr->len, arr->elt_sz);
	pthread_mutex_lock(&fbarray_maps.lock);
	if (fbarray_mapping_overlaps(arr->data, ma->len)) {
		ret = -EEXIST;
		goto fail;
	}
	ret = fbarray_attach_file(arr, ma);
	if (ret < 0)
		goto fail;
	TAILQ_INSERT_TAIL(&fbarray_maps.list, ma, next);
	pthread_mutex_unlock(&fbarray_maps.lock);
	return 0;
fail:
	pthread_mutex_unlock(&fbarray_maps.lock);
	free(ma);
	return ret;
}

int
rte_fbarray_attach(struct rte_fbarray *arr)
{
	int ret;

	if (arr == NULL)
		ret = -EINVAL;
	else
		ret = fbarray_check_params(arr->name, arr->len, arr->elt_sz);
	if (ret == 0 && (arr->data == NULL ||
			(uintptr_t)arr->data % fbarray_page_size() != 0))
		ret = -EINVAL;
	if (ret == 0)
		ret = fbarray_attach(arr);
	if (ret < 0) {
		RTE_LOG(ERR, EAL,
			"%s(): cannot attach fbarray '%.*s' at %p: %s\n",
			__func__, RTE_FBARRAY_NAME_LEN - 1,
			arr != NULL ? arr->name : "(null)",
			arr != NULL ? arr->data : NULL, strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

/*
 * Unmap arr from this process; with destroy, first make sure no one else has
 * it mapped and delete its file. 0 or -errno.
 */
static int
fbarray_unmap(struct rte_fbarray *arr, bool destroy)
{
	struct fbarray_mapping *ma;
	int ret = 0;

	if (arr == NULL || arr->data == NULL ||
			fbarray_check_params(arr->name, arr->len, arr->elt_sz))
		return -EINVAL;
	pthread_mutex_lock(&fbarray_maps.lock);
	ma = fbarray_mapping_find(arr->data,
			fbarray_map_size(arr->len, arr->elt_sz));
	if (ma == NULL) {
		ret = -ENOENT;
		goto out;
	}
	if (destroy && ma->fd >= 0) {
		/* the write lock is granted once every other holder left */
		ret = fbarray_file_lock(ma->fd, F_WRLCK);
		if (ret < 0)
			goto out;
		unlink(ma->path);
	}
	eal_mem_free(ma->addr, ma->len);
	if (ma->fd >= 0)
		close(ma->fd);
	TAILQ_REMOVE(&fbarray_maps.list, ma, next);
	free(ma);
	if (destroy)
		memset(arr, 0, sizeof(*arr));
out:
	pthread_mutex_unlock(&fbarray_maps.lock);
	return ret;
}

int
rte_fbarray_destroy(struct rte_fbarray *arr)
{
	int ret = fbarray_unmap(arr, true);

	if (ret < 0) {
		/* EBUSY is a normal answer to callers that probe: no error */
		rte_log(ret == -EBUSY ? RTE_LOG_DEBUG : RTE_LOG_ERR,
			RTE_LOGTYPE_EAL,
			"EAL: %s(): cannot destroy fbarray '%.*s': %s\n",
			__func__, RTE_FBARRAY_NAME_LEN - 1,
			arr != NULL ? arr->name : "(null)",
			ret == -EBUSY ? "attached by another process" :
			strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

int
rte_fbarray_detach(struct rte_fbarray *arr)
{
	int ret = fbarray_unmap(arr, false);

	if (ret < 0) {
		RTE_LOG(ERR, EAL, "%s(): cannot detach fbarray '%.*s': %s\n",
			__func__, RTE_FBARRAY_NAME_LEN - 1,
			arr != NULL ? arr->name : "(null)", strerror(-ret));
		rte_errno = -ret;
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * dump and validation
 */

void
rte_fbarray_dump_metadata(struct rte_fbarray *arr, FILE *f)
{
	const struct fbarray_mask *m;
	unsigned int k;

	if (arr == NULL || f == NULL) {
		rte_errno = EINVAL;
		return;
	}
	if (!fbarray_is_mapped(arr)) {
		fprintf(f, "fbarray %p: not a valid array mapped here\n",
			(void *)arr);
		rte_errno = EINVAL;
		return;
	}
	m = fbarray_mask(arr);
	rte_rwlock_read_lock(&arr->rwlock);
	fprintf(f, "fbarray '%s'\n", arr->name);
	fprintf(f, "  data: %p, %u elements of %u bytes, %u used\n",
		arr->data, arr->len, arr->elt_sz, arr->count);
	fprintf(f, "  mask: %u words at %p\n", m->n_words, (const void *)m);
	for (k = 0; k < m->n_words; k++)
		fprintf(f, "    [%5u] 0x%016" PRIx64 "\n", k, m->words[k]);
	rte_rwlock_read_unlock(&arr->rwlock);
}

static unsigned int
fbarray_popcount(const struct fbarray_mask *m)
{
	unsigned int k, n = 0;

	for (k = 0; k < m->n_words; k++)
		n += __builtin_popcountll(m->words[k]);
	return n;
}

int
eal_fbarray_count_used(const struct rte_fbarray *arr)
{
	struct rte_fbarray *a = (struct rte_fbarray *)(uintptr_t)arr;
	int n;

	if (!fbarray_is_mapped(arr))
		return -EINVAL;
	rte_rwlock_read_lock(&a->rwlock);
	n = (int)fbarray_popcount(fbarray_mask(arr));
	rte_rwlock_read_unlock(&a->rwlock);
	return n;
}

/* the checks of eal_fbarray_check(); caller holds the read lock */
static int
fbarray_check_locked(const struct rte_fbarray *arr)
{
	const struct fbarray_mask *m = fbarray_mask(arr);
	unsigned int bits = arr->len % 64;
	unsigned int n;

	if (m->magic != FBARRAY_MASK_MAGIC || m->len != arr->len ||
			m->elt_sz != arr->elt_sz ||
			m->n_words != fbarray_n_words(arr->len)) {
		RTE_LOG(ERR, EAL, "fbarray '%s': header {magic %#x, len %u, "
			"elt_sz %u, words %u} does not match the descriptor "
			"{len %u, elt_sz %u}\n",
			arr->name, m->magic, m->len, m->elt_sz, m->n_words,
			arr->len, arr->elt_sz);
		return -EUCLEAN;
	}
	if (bits != 0 && (m->words[m->n_words - 1] >> bits) != 0) {
		RTE_LOG(ERR, EAL, "fbarray '%s': bits set beyond len %u "
			"(last word 0x%016" PRIx64 ")\n",
			arr->name, arr->len, m->words[m->n_words - 1]);
		return -EUCLEAN;
	}
	n = fbarray_popcount(m);
	if (n != arr->count) {
		RTE_LOG(ERR, EAL,
			"fbarray '%s': count says %u used, bitmap has %u\n",
			arr->name, arr->count, n);
		return -EUCLEAN;
	}
	return 0;
}

int
eal_fbarray_check(const struct rte_fbarray *arr)
{
	struct rte_fbarray *a = (struct rte_fbarray *)(uintptr_t)arr;
	int ret;

	if (!fbarray_is_mapped(arr)) {
		RTE_LOG(ERR, EAL,
			"%s(): fbarray %p is not mapped in this process\n",
			__func__, (const void *)arr);
		return -EINVAL;
	}
	rte_rwlock_read_lock(&a->rwlock);
	ret = fbarray_check_locked(arr);
	rte_rwlock_read_unlock(&a->rwlock);
	return ret;
}
