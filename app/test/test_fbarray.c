/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * fbarray_autotest: rte_fbarray checked against a plain bool-array model.
 * Every find_* function is compared, for every start index and a spread of
 * run lengths, with a brute-force answer over edge-case and random bitmaps
 * (empty, full, single bits at both ends, runs across 64-bit word
 * boundaries, lengths that are not multiples of 64, length 1). Then bad
 * arguments, the life cycle (init, attach, detach, destroy) with a real
 * second mapping in a fork()ed child, destroy refused while attached, a
 * stale file taken over, and the anonymous (--no-shconf) mode.
 *
 * fbarray_perf_autotest: cost of find_next_n_free over a large sparse array,
 * next to a bit-by-bit scan of the same bitmap for scale. Figures only.
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
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_fbarray.h>

#include "eal_fbarray.h"
#include "eal_internal_cfg.h"
#include "test.h"

/* ------------------------------------------------------------------------
 * helpers: random numbers, the reference model, the function table
 */

struct fb_rng {
	uint64_t s;
};

/* splitmix64: small, fast, and reproducible from the printed seed */
static uint64_t
fb_rand(struct fb_rng *r)
{
	uint64_t z = (r->s += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static unsigned int
fb_rand_below(struct fb_rng *r, unsigned int n)
{
	return (unsigned int)(fb_rand(r) % n);
}

/* the model: one bool per element */
struct fb_ref {
	unsigned int len;
	bool *used;
};

static bool
ref_is(const struct fb_ref *r, int64_t i, bool used)
{
	return r->used[i] == used;
}

/* first run of n in the direction, as the lowest index of the run */
static int
ref_find_n(const struct fb_ref *r, unsigned int start, unsigned int n,
		bool rev, bool used)
{
	int64_t i, step = rev ? -1 : 1;
	unsigned int k;

	i = rev ? (int64_t)start - n + 1 : start;
	for (; i >= 0 && i + n <= r->len; i += step) {
		for (k = 0; k < n && ref_is(r, i + k, used); k++)
			;
		if (k == n)
			return (int)i;
	}
	return -1;
}

static int
ref_contig(const struct fb_ref *r, unsigned int start, bool rev, bool used)
{
	int64_t i = start, step = rev ? -1 : 1;
	int n = 0;

	for (; i >= 0 && i < r->len && ref_is(r, i, used); i += step)
		n++;
	return n;
}

/* longest run on the searched side of start; the first one met wins ties */
static int
ref_biggest(const struct fb_ref *r, unsigned int start, bool rev, bool used)
{
	int64_t i = start, j, step = rev ? -1 : 1;
	int best_idx = -1, best_len = 0;

	while (i >= 0 && i < r->len) {
		if (!ref_is(r, i, used)) {
			i += step;
			continue;
		}
		for (j = i; j >= 0 && j < r->len && ref_is(r, j, used);
				j += step)
			;
		if ((j - i) * step > best_len) {
			best_len = (int)((j - i) * step);
			best_idx = (int)(rev ? j + 1 : i);
		}
		i = j;
	}
	return best_idx;
}

enum fb_kind {
	FB_FIRST,
	FB_N,
	FB_CONTIG,
	FB_BIGGEST,
};

struct fb_fn {
	const char *name;
	enum fb_kind kind;
	bool rev;
	bool used;
	int (*f)(struct rte_fbarray *arr, unsigned int start);
	int (*fn)(struct rte_fbarray *arr, unsigned int start,
			unsigned int n);
};

#define FB_F(fn, k, r, u) { #fn, k, r, u, rte_fbarray_##fn, NULL }
#define FB_FN(fn, r, u) { #fn, FB_N, r, u, NULL, rte_fbarray_##fn }

static const struct fb_fn fb_fns[] = {
	FB_F(find_next_free, FB_FIRST, false, false),
	FB_F(find_next_used, FB_FIRST, false, true),
	FB_F(find_prev_free, FB_FIRST, true, false),
	FB_F(find_prev_used, FB_FIRST, true, true),
	FB_FN(find_next_n_free, false, false),
	FB_FN(find_next_n_used, false, true),
	FB_FN(find_prev_n_free, true, false),
	FB_FN(find_prev_n_used, true, true),
	FB_F(find_contig_free, FB_CONTIG, false, false),
	FB_F(find_contig_used, FB_CONTIG, false, true),
	FB_F(find_rev_contig_free, FB_CONTIG, true, false),
	FB_F(find_rev_contig_used, FB_CONTIG, true, true),
	FB_F(find_biggest_free, FB_BIGGEST, false, false),
	FB_F(find_biggest_used, FB_BIGGEST, false, true),
	FB_F(find_rev_biggest_free, FB_BIGGEST, true, false),
	FB_F(find_rev_biggest_used, FB_BIGGEST, true, true),
};

static int
ref_answer(const struct fb_ref *r, const struct fb_fn *fn, unsigned int start,
		unsigned int n)
{
	switch (fn->kind) {
	case FB_FIRST:
		return ref_find_n(r, start, 1, fn->rev, fn->used);
	case FB_N:
		return ref_find_n(r, start, n, fn->rev, fn->used);
	case FB_CONTIG:
		return ref_contig(r, start, fn->rev, fn->used);
	default:
		return ref_biggest(r, start, fn->rev, fn->used);
	}
}

static int
fb_call(struct rte_fbarray *arr, const struct fb_fn *fn, unsigned int start,
		unsigned int n)
{
	return fn->kind == FB_N ? fn->fn(arr, start, n) : fn->f(arr, start);
}

/* ------------------------------------------------------------------------
 * comparing an array with the model
 */

/* one query; prints the case and returns -1 on a mismatch */
static int
fb_check_query(struct rte_fbarray *arr, const struct fb_ref *r,
		const struct fb_fn *fn, unsigned int start, unsigned int n,
		const char *pattern)
{
	int want = ref_answer(r, fn, start, n), got;
	int want_err = fn->used ? ENOENT : ENOSPC;

	rte_errno = 0;
	got = fb_call(arr, fn, start, n);
	if (got != want) {
		printf("  %s(start %u, n %u), len %u, pattern %s: "
			"expected %d, got %d\n",
			fn->name, start, n, r->len, pattern, want, got);
		return -1;
	}
	if (got < 0 && rte_errno != want_err) {
		printf("  %s(start %u, n %u), len %u, pattern %s: "
			"expected rte_errno %d, got %d\n",
			fn->name, start, n, r->len, pattern, want_err,
			rte_errno);
		return -1;
	}
	return 0;
}

/* the run lengths tried for the _n_ functions, clipped to 1..len */
static unsigned int
fb_lengths(unsigned int len, unsigned int *out)
{
	const unsigned int fixed[] = { 1, 2, 3, 7, 63, 64, 65, 100 };
	unsigned int i, cnt = 0;

	for (i = 0; i < RTE_DIM(fixed); i++)
		if (fixed[i] <= len)
			out[cnt++] = fixed[i];
	out[cnt++] = len;
	if (len > 2) {
		out[cnt++] = len / 2;
		out[cnt++] = len - 1;
	}
	return cnt;
}

/* every function at the given start index */
static int
fb_check_start(struct rte_fbarray *arr, const struct fb_ref *r,
		unsigned int start, const char *pattern)
{
	unsigned int lens[16], n_lens, i, j;

	n_lens = fb_lengths(r->len, lens);
	for (i = 0; i < RTE_DIM(fb_fns); i++) {
		if (fb_fns[i].kind != FB_N) {
			if (fb_check_query(arr, r, &fb_fns[i], start, 1,
					pattern) < 0)
				return -1;
			continue;
		}
		for (j = 0; j < n_lens; j++)
			if (fb_check_query(arr, r, &fb_fns[i], start, lens[j],
					pattern) < 0)
				return -1;
	}
	return 0;
}

/* the whole API against the model: state, count, validator, searches */
static int
fb_check_all(struct rte_fbarray *arr, const struct fb_ref *r,
		struct fb_rng *rng, const char *pattern)
{
	unsigned int i, used = 0, samples;
	int ret;

	for (i = 0; i < r->len; i++) {
		ret = rte_fbarray_is_used(arr, i);
		if (ret != (int)r->used[i]) {
			printf("  is_used(%u), pattern %s: "
				"expected %d, got %d\n",
				i, pattern, r->used[i], ret);
			return -1;
		}
		used += r->used[i];
	}
	if (arr->count != used || eal_fbarray_count_used(arr) != (int)used ||
			eal_fbarray_check(arr) != 0) {
		printf("  pattern %s: count %u, recount %d, model %u\n",
			pattern, arr->count, eal_fbarray_count_used(arr), used);
		return -1;
	}
	/* every start on small arrays; ends, word edges and a sample else */
	if (r->len <= 300) {
		for (i = 0; i < r->len; i++)
			if (fb_check_start(arr, r, i, pattern) < 0)
				return -1;
		return 0;
	}
	for (i = 0; i < r->len; i += 64)
		if (fb_check_start(arr, r, i, pattern) < 0 ||
				fb_check_start(arr, r, i + 63 < r->len ?
					i + 63 : r->len - 1, pattern) < 0)
			return -1;
	for (samples = 0; samples < 64; samples++)
		if (fb_check_start(arr, r, fb_rand_below(rng, r->len),
				pattern) < 0)
			return -1;
	return 0;
}

/* make the array hold the model's bitmap, through set_used/set_free */
static int
fb_apply(struct rte_fbarray *arr, const struct fb_ref *r)
{
	unsigned int i;

	for (i = 0; i < r->len; i++) {
		int ret = r->used[i] ? rte_fbarray_set_used(arr, i) :
			rte_fbarray_set_free(arr, i);

		if (ret != 0) {
			printf("  set %u failed: %d (rte_errno %d)\n", i, ret,
				rte_errno);
			return -1;
		}
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * bitmap patterns
 */

static void
fb_fill_run(struct fb_ref *r, int64_t from, int64_t to, bool used)
{
	int64_t i;

	for (i = RTE_MAX(from, (int64_t)0); i < to && i < r->len; i++)
		r->used[i] = used;
}

/* fixed shapes: pattern index -> bitmap; false when there are no more */
static bool
fb_pattern_fixed(struct fb_ref *r, unsigned int p, const char **name)
{
	unsigned int i;

	fb_fill_run(r, 0, r->len, false);
	switch (p) {
	case 0: *name = "empty"; break;
	case 1: *name = "full"; fb_fill_run(r, 0, r->len, true); break;
	case 2: *name = "first"; r->used[0] = true; break;
	case 3: *name = "last"; r->used[r->len - 1] = true; break;
	case 4:
		*name = "ends";
		r->used[0] = true;
		r->used[r->len - 1] = true;
		break;
	case 5:
		*name = "all-but-first";
		fb_fill_run(r, 1, r->len, true);
		break;
	case 6:
		*name = "all-but-last";
		fb_fill_run(r, 0, r->len - 1, true);
		break;
	case 7:
		/* used runs crossing the word edges at 64 and 128 */
		*name = "straddle-used";
		fb_fill_run(r, 61, 67, true);
		fb_fill_run(r, 120, 200, true);
		break;
	case 8:
		/* free holes crossing the word edges */
		*name = "straddle-free";
		fb_fill_run(r, 0, r->len, true);
		fb_fill_run(r, 62, 66, false);
		fb_fill_run(r, 127, 129, false);
		fb_fill_run(r, 190, 260, false);
		break;
	case 9:
		*name = "alternate";
		for (i = 0; i < r->len; i++)
			r->used[i] = i % 2;
		break;
	case 10:
		*name = "period-3";
		for (i = 0; i < r->len; i++)
			r->used[i] = i % 3 == 0;
		break;
	case 11:
		/* equal-length runs, to pin down which one wins a tie */
		*name = "ties";
		for (i = 0; i < r->len; i++)
			r->used[i] = (i / 5) % 2;
		break;
	default:
		return false;
	}
	return true;
}

/* random bits of a given density, in percent */
static void
fb_pattern_density(struct fb_ref *r, struct fb_rng *rng, unsigned int pct)
{
	unsigned int i;

	for (i = 0; i < r->len; i++)
		r->used[i] = fb_rand_below(rng, 100) < pct;
}

/* alternating runs of random length up to max_run */
static void
fb_pattern_runs(struct fb_ref *r, struct fb_rng *rng, unsigned int max_run)
{
	unsigned int i = 0;
	bool used = fb_rand(rng) & 1;

	while (i < r->len) {
		unsigned int run = 1 + fb_rand_below(rng, max_run);

		fb_fill_run(r, i, (int64_t)i + run, used);
		i += run;
		used = !used;
	}
}

/* ------------------------------------------------------------------------
 * test cases: searches
 */

static int
fb_search_one_len(unsigned int len, struct fb_rng *rng)
{
	static const unsigned int densities[] = { 3, 50, 97 };
	static const unsigned int run_sizes[] = { 8, 70, 300 };
	struct rte_fbarray arr;
	struct fb_ref r = { .len = len };
	const char *name;
	char label[64];
	unsigned int p, i;
	int ret = -1;

	r.used = calloc(len, sizeof(*r.used));
	if (r.used == NULL)
		return -1;
	snprintf(label, sizeof(label), "fbt_search_%u_%d", len, (int)getpid());
	if (rte_fbarray_init(&arr, label, len, 8) != 0) {
		printf("  init of %u elements failed: %d\n", len, rte_errno);
		goto out;
	}
	for (p = 0; fb_pattern_fixed(&r, p, &name); p++)
		if (fb_apply(&arr, &r) < 0 ||
				fb_check_all(&arr, &r, rng, name) < 0)
			goto out_destroy;
	for (i = 0; i < RTE_DIM(densities); i++) {
		fb_pattern_density(&r, rng, densities[i]);
		snprintf(label, sizeof(label), "random-%u%%", densities[i]);
		if (fb_apply(&arr, &r) < 0 ||
				fb_check_all(&arr, &r, rng, label) < 0)
			goto out_destroy;
	}
	for (i = 0; i < RTE_DIM(run_sizes); i++) {
		fb_pattern_runs(&r, rng, run_sizes[i]);
		snprintf(label, sizeof(label), "runs-upto-%u", run_sizes[i]);
		if (fb_apply(&arr, &r) < 0 ||
				fb_check_all(&arr, &r, rng, label) < 0)
			goto out_destroy;
	}
	ret = 0;
out_destroy:
	if (rte_fbarray_destroy(&arr) != 0) {
		printf("  destroy failed: %d\n", rte_errno);
		ret = -1;
	}
out:
	free(r.used);
	return ret;
}

static uint64_t
fb_seed(void)
{
	const char *env = getenv("FBARRAY_TEST_SEED");
	uint64_t seed = env != NULL ? strtoull(env, NULL, 0) :
		UINT64_C(0x6662617272617921);

	printf("  seed 0x%" PRIx64 " (set FBARRAY_TEST_SEED to repeat)\n",
		seed);
	return seed;
}

static int
test_fbarray_search_vs_model(void)
{
	static const unsigned int lens[] = {
		1, 2, 3, 63, 64, 65, 127, 128, 129, 191, 200, 257, 1000, 4099,
	};
	struct fb_rng rng = { .s = fb_seed() };
	unsigned int i;

	for (i = 0; i < RTE_DIM(lens); i++)
		TEST_ASSERT_SUCCESS(fb_search_one_len(lens[i], &rng),
			"searches disagree with the model at len %u", lens[i]);
	return TEST_SUCCESS;
}

/* random set/free steps, the model re-checked after each batch */
static int
test_fbarray_random_walk(void)
{
	struct fb_rng rng = { .s = fb_seed() ^ 0x5a5a };
	struct fb_ref r = { .len = 777 };
	struct rte_fbarray arr;
	char name[RTE_FBARRAY_NAME_LEN];
	unsigned int step, i;
	int ret = TEST_SUCCESS;

	r.used = calloc(r.len, sizeof(*r.used));
	TEST_ASSERT_NOT_NULL(r.used, "out of memory");
	snprintf(name, sizeof(name), "fbt_walk_%d", (int)getpid());
	if (rte_fbarray_init(&arr, name, r.len, 24) != 0) {
		free(r.used);
		TEST_ASSERT(0, "init failed: %d", rte_errno);
	}
	for (step = 0; step < 40 && ret == TEST_SUCCESS; step++) {
		for (i = 0; i < 50; i++) {
			unsigned int idx = fb_rand_below(&rng, r.len);

			r.used[idx] = !r.used[idx];
			if ((r.used[idx] ? rte_fbarray_set_used(&arr, idx) :
					rte_fbarray_set_free(&arr, idx)) != 0)
				ret = TEST_FAILED;
		}
		if (ret == TEST_SUCCESS &&
				fb_check_all(&arr, &r, &rng, "walk") < 0)
			ret = TEST_FAILED;
	}
	if (rte_fbarray_destroy(&arr) != 0)
		ret = TEST_FAILED;
	free(r.used);
	TEST_ASSERT_EQUAL(ret, TEST_SUCCESS, "random walk diverged at step %u",
		step);
	return TEST_SUCCESS;
}

/* ------------------------------------------------------------------------
 * test cases: arguments and errors
 */

/* the call must return -1 and set rte_errno to err */
#define FB_EXPECT_FAIL(call, err) do { \
	int fb_ret_; \
	rte_errno = 0; \
	fb_ret_ = (call); \
	TEST_ASSERT_EQUAL(fb_ret_, -1, "%s returned %d", #call, fb_ret_); \
	TEST_ASSERT_EQUAL(rte_errno, (err), \
		"%s: rte_errno %d, expected %s", #call, rte_errno, #err); \
} while (0)

/* the call must return NULL and set rte_errno to err */
#define FB_EXPECT_NULL(call, err) do { \
	void *fb_ptr_; \
	rte_errno = 0; \
	fb_ptr_ = (call); \
	TEST_ASSERT_NULL(fb_ptr_, "%s returned %p", #call, fb_ptr_); \
	TEST_ASSERT_EQUAL(rte_errno, (err), \
		"%s: rte_errno %d, expected %s", #call, rte_errno, #err); \
} while (0)

/* the backing file name, as documented in eal_common_fbarray.c */
static void
fb_path(char *buf, size_t size, const char *name)
{
	snprintf(buf, size, "%s/fbarray_%s", rte_eal_get_runtime_dir(), name);
}

static bool
fb_file_exists(const char *name)
{
	char path[PATH_MAX];

	fb_path(path, sizeof(path), name);
	return access(path, F_OK) == 0;
}

/* which backing the next init gets; restored after each case */
struct fb_mode {
	bool in_memory;
	bool no_shconf;
};

/* TEST_SUCCESS, or TEST_SKIPPED when file backing is impossible here */
static int
fb_mode_set(struct fb_mode *saved, bool anonymous)
{
	struct internal_config *cfg = eal_get_internal_configuration();

	saved->in_memory = cfg->in_memory;
	saved->no_shconf = cfg->no_shconf;
	if (!anonymous && access(rte_eal_get_runtime_dir(), W_OK) != 0) {
		printf("  no writable runtime dir: file-backed case skipped\n");
		return TEST_SKIPPED;
	}
	cfg->in_memory = anonymous && saved->in_memory;
	cfg->no_shconf = anonymous;
	return TEST_SUCCESS;
}

static void
fb_mode_restore(const struct fb_mode *saved)
{
	struct internal_config *cfg = eal_get_internal_configuration();

	cfg->in_memory = saved->in_memory;
	cfg->no_shconf = saved->no_shconf;
}

/* run a case with file backing (anonymous false) or anonymous memory */
static int
fb_in_mode(bool anonymous, int (*fn)(void))
{
	struct fb_mode saved;
	int ret = fb_mode_set(&saved, anonymous);

	if (ret != TEST_SUCCESS)
		return ret;
	ret = fn();
	fb_mode_restore(&saved);
	return ret;
}

static int
fb_bad_init(void)
{
	struct rte_fbarray arr, pristine;
	char name[RTE_FBARRAY_NAME_LEN + 1];

	memset(&arr, 0x5a, sizeof(arr));
	pristine = arr;
	memset(name, 'n', RTE_FBARRAY_NAME_LEN);
	name[RTE_FBARRAY_NAME_LEN] = '\0';
	FB_EXPECT_FAIL(rte_fbarray_init(NULL, "fbt_x", 10, 8), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, NULL, 10, 8), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, "", 10, 8), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, "a/b", 10, 8), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, name, 10, 8), ENAMETOOLONG);
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, "fbt_x", 0, 8), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, "fbt_x", 10, 0), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, "fbt_x",
		(unsigned int)INT_MAX + 1, 8), EINVAL);
	/* 8 EiB cannot be reserved: ENOMEM, and no file left behind */
	snprintf(name, sizeof(name), "fbt_huge_%d", (int)getpid());
	FB_EXPECT_FAIL(rte_fbarray_init(&arr, name, INT_MAX, UINT_MAX),
		ENOMEM);
	TEST_ASSERT(!fb_file_exists(name), "failed init left %s behind", name);
	TEST_ASSERT_BUFFERS_ARE_EQUAL(&arr, &pristine, sizeof(arr),
		"a failed init wrote to the descriptor");

	/* the longest name that fits works */
	name[RTE_FBARRAY_NAME_LEN - 1] = '\0';
	memset(name, 'm', RTE_FBARRAY_NAME_LEN - 1);
	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 1, 1),
		"63-character name refused: %d", rte_errno);
	TEST_ASSERT_EQUAL(strcmp(arr.name, name), 0, "name not stored");
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy failed");
	return TEST_SUCCESS;
}

/* in whatever mode the EAL runs: the arguments are checked before backing */
static int
test_fbarray_bad_init(void)
{
	return fb_bad_init();
}

/* every function with arguments out of range, on a live array */
static int
fb_bad_calls(struct rte_fbarray *arr)
{
	unsigned int len = arr->len, i;
	char *p = arr->data;

	FB_EXPECT_NULL(rte_fbarray_get(NULL, 0), EINVAL);
	FB_EXPECT_NULL(rte_fbarray_get(arr, len), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_find_idx(NULL, p), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_find_idx(arr, NULL), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_find_idx(arr, p - 1), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_find_idx(arr, p + (size_t)len * arr->elt_sz),
		EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_set_used(NULL, 0), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_set_used(arr, len), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_set_free(arr, len), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_is_used(NULL, 0), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_is_used(arr, len), EINVAL);
	for (i = 0; i < RTE_DIM(fb_fns); i++) {
		const struct fb_fn *fn = &fb_fns[i];

		FB_EXPECT_FAIL(fb_call(NULL, fn, 0, 1), EINVAL);
		FB_EXPECT_FAIL(fb_call(arr, fn, len, 1), EINVAL);
		FB_EXPECT_FAIL(fb_call(arr, fn, UINT_MAX, 1), EINVAL);
		if (fn->kind != FB_N)
			continue;
		FB_EXPECT_FAIL(fb_call(arr, fn, 0, 0), EINVAL);
		FB_EXPECT_FAIL(fb_call(arr, fn, 0, len + 1), EINVAL);
		/* a run that cannot fit before the end is "not found" */
		FB_EXPECT_FAIL(fb_call(arr, fn, fn->rev ? 2 : len - 3, 4),
			fn->used ? ENOENT : ENOSPC);
	}
	FB_EXPECT_FAIL(rte_fbarray_detach(NULL), EINVAL);
	FB_EXPECT_FAIL(rte_fbarray_destroy(NULL), EINVAL);
	rte_errno = 0;
	rte_fbarray_dump_metadata(NULL, stdout);
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "dump(NULL) rte_errno %d",
		rte_errno);
	rte_errno = 0;
	rte_fbarray_dump_metadata(arr, NULL);
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "dump(f NULL) rte_errno %d",
		rte_errno);
	TEST_ASSERT_EQUAL(eal_fbarray_check(NULL), -EINVAL, "check(NULL)");
	return TEST_SUCCESS;
}

static int
test_fbarray_bad_args(void)
{
	struct rte_fbarray arr;
	char name[RTE_FBARRAY_NAME_LEN];
	int ret;

	snprintf(name, sizeof(name), "fbt_args_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 100, 12),
		"init failed: %d", rte_errno);
	ret = fb_bad_calls(&arr);
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "bad calls broke it");
	TEST_ASSERT_EQUAL(arr.count, 0u, "bad calls changed the count");
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy failed");
	return ret;
}

/* get, find_idx and idempotent set_used/set_free */
static int
test_fbarray_elements(void)
{
	struct rte_fbarray arr;
	char name[RTE_FBARRAY_NAME_LEN];
	char *p;
	unsigned int i;

	snprintf(name, sizeof(name), "fbt_elts_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 130, 12),
		"init failed: %d", rte_errno);
	p = arr.data;
	for (i = 0; i < arr.len; i++) {
		TEST_ASSERT_EQUAL(rte_fbarray_get(&arr, i), p + i * 12,
			"get(%u)", i);
		TEST_ASSERT_EQUAL(rte_fbarray_find_idx(&arr, p + i * 12 + 11),
			(int)i, "find_idx of the last byte of %u", i);
	}
	for (i = 0; i < arr.len; i++)
		TEST_ASSERT_EQUAL(((char *)rte_fbarray_get(&arr, i))[5], 0,
			"element %u not zero-filled", i);
	TEST_ASSERT_SUCCESS(rte_fbarray_set_used(&arr, 64), "set_used");
	TEST_ASSERT_SUCCESS(rte_fbarray_set_used(&arr, 64), "set_used again");
	TEST_ASSERT_EQUAL(arr.count, 1u, "count after double set_used");
	TEST_ASSERT_SUCCESS(rte_fbarray_set_free(&arr, 64), "set_free");
	TEST_ASSERT_SUCCESS(rte_fbarray_set_free(&arr, 64), "set_free again");
	TEST_ASSERT_EQUAL(arr.count, 0u, "count after double set_free");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "check failed");
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy failed");
	return TEST_SUCCESS;
}

/* ------------------------------------------------------------------------
 * test cases: life cycle
 */

/* an address range that is free right now, for attach cases */
static void *
fb_free_va(size_t len)
{
	void *va = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
			-1, 0);

	if (va == MAP_FAILED)
		return NULL;
	munmap(va, len);
	return va;
}

static int
fb_lifecycle(void)
{
	struct rte_fbarray arr, other;
	char name[RTE_FBARRAY_NAME_LEN];
	uint64_t *elt;

	snprintf(name, sizeof(name), "fbt_life_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 100, 16),
		"init failed: %d", rte_errno);
	TEST_ASSERT(fb_file_exists(name), "no backing file for %s", name);
	/* the name is taken while the array lives */
	FB_EXPECT_FAIL(rte_fbarray_init(&other, name, 100, 16), EBUSY);
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "failed init hurt it");

	elt = rte_fbarray_get(&arr, 7);
	*elt = UINT64_C(0x1122334455667788);
	TEST_ASSERT_SUCCESS(rte_fbarray_set_used(&arr, 7), "set_used");
	FB_EXPECT_FAIL(rte_fbarray_attach(&arr), EEXIST);

	/* detach and attach again: the file keeps the contents */
	TEST_ASSERT_SUCCESS(rte_fbarray_detach(&arr), "detach: %d", rte_errno);
	TEST_ASSERT(fb_file_exists(name), "detach removed the file");
	FB_EXPECT_FAIL(rte_fbarray_detach(&arr), ENOENT);
	FB_EXPECT_FAIL(rte_fbarray_destroy(&arr), ENOENT);
	TEST_ASSERT_SUCCESS(rte_fbarray_attach(&arr), "attach: %d", rte_errno);
	elt = rte_fbarray_get(&arr, 7);
	TEST_ASSERT_EQUAL(*elt, UINT64_C(0x1122334455667788),
		"element lost over detach/attach");
	TEST_ASSERT_EQUAL(rte_fbarray_is_used(&arr, 7), 1, "bit lost");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "check after attach");

	/* attach by a name that was never created */
	other = arr;
	other.name[0] = 'X';
	other.data = fb_free_va(1 << 20);
	TEST_ASSERT_NOT_NULL(other.data, "no address space for the case");
	FB_EXPECT_FAIL(rte_fbarray_attach(&other), ENOENT);

	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy: %d",
		rte_errno);
	TEST_ASSERT(!fb_file_exists(name), "destroy left the file");
	TEST_ASSERT(arr.data == NULL && arr.len == 0 && arr.name[0] == '\0',
		"destroy did not clear the descriptor");
	FB_EXPECT_FAIL(rte_fbarray_destroy(&arr), EINVAL);
	return TEST_SUCCESS;
}

static int
test_fbarray_lifecycle(void)
{
	return fb_in_mode(false, fb_lifecycle);
}

/* a file left by a dead creator is taken over and starts clean */
static int
fb_stale_file(void)
{
	char name[RTE_FBARRAY_NAME_LEN], path[PATH_MAX];
	struct rte_fbarray arr;
	char junk[4096];
	unsigned int i;
	int fd;

	snprintf(name, sizeof(name), "fbt_stale_%d", (int)getpid());
	fb_path(path, sizeof(path), name);
	fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0600);
	TEST_ASSERT(fd >= 0, "cannot create %s", path);
	memset(junk, 0xff, sizeof(junk));
	for (i = 0; i < 64; i++)
		if (write(fd, junk, sizeof(junk)) != sizeof(junk))
			break;
	close(fd);
	TEST_ASSERT_EQUAL(i, 64u, "cannot fill %s", path);

	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 5000, 4),
		"stale file not taken over: %d", rte_errno);
	TEST_ASSERT_EQUAL(arr.count, 0u, "count not zero");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "stale bits survived");
	TEST_ASSERT_EQUAL(rte_fbarray_find_next_used(&arr, 0), -1,
		"a used bit survived");
	for (i = 0; i < arr.len; i++)
		TEST_ASSERT_EQUAL(*(uint32_t *)rte_fbarray_get(&arr, i), 0u,
			"stale data in element %u", i);
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy failed");
	return TEST_SUCCESS;
}

static int
test_fbarray_stale_file(void)
{
	return fb_in_mode(false, fb_stale_file);
}

/* ------------------------------------------------------------------------
 * test cases: a second process
 */

#define FB_MP_LEN 1000u
#define FB_MP_MARK UINT64_C(0xdeadbeefcafef00d)

/* the descriptor must be seen by both processes, as in the shared config */
static struct rte_fbarray *
fb_shared_descriptor(void)
{
	void *p = mmap(NULL, sizeof(struct rte_fbarray),
			PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS,
			-1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/*
 * The child: drop the mapping fork() gave it, attach by name at the same
 * address, check what the parent wrote, write something back, tell the
 * parent, wait, detach. Returns the step that failed (exit status), 0 if
 * none.
 */
static int
fb_child_attach(struct rte_fbarray *arr, int rd, int wr)
{
	struct rte_fbarray bad;
	unsigned int i;
	uint64_t *elt;
	char c = 'a';

	if (rte_fbarray_detach(arr) != 0)
		return 2;
	/* same size, other element size: the header must refuse it */
	bad = *arr;
	bad.elt_sz = 7;
	if (rte_fbarray_attach(&bad) != -1 || rte_errno != EINVAL)
		return 3;
	if (rte_fbarray_attach(arr) != 0)
		return 4;
	for (i = 0; i < FB_MP_LEN - 1; i++) {
		elt = rte_fbarray_get(arr, i);
		if (*elt != i * 3 + 1u ||
				rte_fbarray_is_used(arr, i) != (i % 7 == 0))
			return 5;
	}
	elt = rte_fbarray_get(arr, FB_MP_LEN - 1);
	*elt = FB_MP_MARK;
	if (rte_fbarray_set_used(arr, FB_MP_LEN - 1) != 0 ||
			eal_fbarray_check(arr) != 0)
		return 6;
	if (write(wr, &c, 1) != 1 || read(rd, &c, 1) != 1)
		return 7;
	if (rte_fbarray_detach(arr) != 0)
		return 8;
	return 0;
}

/* fill the parent's side: element i holds 3i+1, multiples of 7 used */
static int
fb_parent_fill(struct rte_fbarray *arr)
{
	unsigned int i;

	for (i = 0; i < FB_MP_LEN; i++) {
		*(uint64_t *)rte_fbarray_get(arr, i) = i * 3 + 1u;
		if (i % 7 == 0 && rte_fbarray_set_used(arr, i) != 0)
			return -1;
	}
	return 0;
}

/* wait for the child and report its exit status, -1 if it was killed */
static int
fb_child_status(pid_t pid)
{
	int status;

	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
}

/* the parent's side while the child holds the array */
static int
fb_parent_check(struct rte_fbarray *arr, const char *name)
{
	TEST_ASSERT_EQUAL(*(uint64_t *)rte_fbarray_get(arr, FB_MP_LEN - 1),
		FB_MP_MARK, "the child's write is not visible");
	TEST_ASSERT_EQUAL(rte_fbarray_is_used(arr, FB_MP_LEN - 1), 1,
		"the child's set_used is not visible");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(arr), "inconsistent");
	FB_EXPECT_FAIL(rte_fbarray_destroy(arr), EBUSY);
	TEST_ASSERT(fb_file_exists(name), "refused destroy removed the file");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(arr), "refused destroy hurt it");
	return TEST_SUCCESS;
}

static int
fb_second_process(void)
{
	int p2c[2], c2p[2], ret, status;
	char name[RTE_FBARRAY_NAME_LEN];
	struct rte_fbarray *arr;
	char c = 'b';
	pid_t pid;

	arr = fb_shared_descriptor();
	TEST_ASSERT_NOT_NULL(arr, "no shared page");
	snprintf(name, sizeof(name), "fbt_mp_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(arr, name, FB_MP_LEN, 8),
		"init failed: %d", rte_errno);
	TEST_ASSERT_SUCCESS(fb_parent_fill(arr), "fill failed");
	TEST_ASSERT(pipe(p2c) == 0 && pipe(c2p) == 0, "pipe failed");
	fflush(stdout);
	pid = fork();
	TEST_ASSERT(pid >= 0, "fork failed");
	if (pid == 0) {
		close(p2c[1]);
		close(c2p[0]);
		_exit(fb_child_attach(arr, p2c[0], c2p[1]));
	}
	close(p2c[0]);
	close(c2p[1]);
	/* EOF here means the child died before attaching */
	if (read(c2p[0], &c, 1) == 1)
		ret = fb_parent_check(arr, name);
	else
		ret = TEST_FAILED;
	if (write(p2c[1], &c, 1) != 1)
		ret = TEST_FAILED;
	close(p2c[1]);
	close(c2p[0]);
	status = fb_child_status(pid);
	TEST_ASSERT_EQUAL(status, 0, "child failed at step %d", status);
	TEST_ASSERT_EQUAL(ret, TEST_SUCCESS, "parent checks failed");
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(arr),
		"destroy after the child left: %d", rte_errno);
	TEST_ASSERT(!fb_file_exists(name), "destroy left the file");
	munmap(arr, sizeof(*arr));
	return TEST_SUCCESS;
}

static int
test_fbarray_second_process(void)
{
	return fb_in_mode(false, fb_second_process);
}

/* anonymous backing: no file, no attach, but fork()ed children share it */
static int
fb_anonymous(void)
{
	char name[RTE_FBARRAY_NAME_LEN];
	struct rte_fbarray *arr, copy;
	pid_t pid;

	arr = fb_shared_descriptor();
	TEST_ASSERT_NOT_NULL(arr, "no shared page");
	snprintf(name, sizeof(name), "fbt_anon_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(arr, name, 300, 8),
		"init failed: %d", rte_errno);
	TEST_ASSERT(!fb_file_exists(name), "anonymous array has a file");
	copy = *arr;
	copy.data = fb_free_va(1 << 20);
	FB_EXPECT_FAIL(rte_fbarray_attach(&copy), ENOTSUP);
	fflush(stdout);
	pid = fork();
	TEST_ASSERT(pid >= 0, "fork failed");
	if (pid == 0) {
		*(uint64_t *)rte_fbarray_get(arr, 299) = FB_MP_MARK;
		_exit(rte_fbarray_set_used(arr, 299) == 0 ? 0 : 1);
	}
	TEST_ASSERT_EQUAL(fb_child_status(pid), 0, "child failed");
	TEST_ASSERT_EQUAL(*(uint64_t *)rte_fbarray_get(arr, 299), FB_MP_MARK,
		"the child's write is not shared");
	TEST_ASSERT_EQUAL(rte_fbarray_find_next_used(arr, 0), 299,
		"the child's set_used is not shared");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(arr), "inconsistent");
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(arr), "destroy: %d",
		rte_errno);
	munmap(arr, sizeof(*arr));
	return TEST_SUCCESS;
}

static int
test_fbarray_anonymous(void)
{
	return fb_in_mode(true, fb_anonymous);
}

/* ------------------------------------------------------------------------
 * test cases: dump and validator
 */

static int
test_fbarray_dump(void)
{
	char name[RTE_FBARRAY_NAME_LEN];
	struct rte_fbarray arr;
	char *buf = NULL;
	size_t size = 0;
	FILE *f;

	snprintf(name, sizeof(name), "fbt_dump_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 70, 8),
		"init failed: %d", rte_errno);
	rte_fbarray_set_used(&arr, 0);
	rte_fbarray_set_used(&arr, 2);
	rte_fbarray_set_used(&arr, 69);
	f = open_memstream(&buf, &size);
	TEST_ASSERT_NOT_NULL(f, "open_memstream failed");
	rte_fbarray_dump_metadata(&arr, f);
	fclose(f);
	TEST_ASSERT(strstr(buf, name) != NULL, "name missing:\n%s", buf);
	TEST_ASSERT(strstr(buf, "0x0000000000000005") != NULL &&
			strstr(buf, "0x0000000000000020") != NULL,
		"mask words missing:\n%s", buf);
	free(buf);
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy failed");
	return TEST_SUCCESS;
}

/*
 * The words of the bitmap, found by the layout documented at the top of
 * eal_common_fbarray.c (elements rounded to a cache line, then a 16-byte
 * header starting with the magic); NULL if the layout is not that.
 */
static uint64_t *
fb_mask_words(const struct rte_fbarray *arr)
{
	uint32_t *hdr = RTE_PTR_ADD(arr->data,
		RTE_ALIGN_CEIL((size_t)arr->len * arr->elt_sz,
			(size_t)RTE_CACHE_LINE_SIZE));

	return hdr[0] == 0x46424d4bu ? (uint64_t *)(hdr + 4) : NULL;
}

static int
test_fbarray_validator(void)
{
	char name[RTE_FBARRAY_NAME_LEN];
	struct rte_fbarray arr, copy;
	uint64_t *words;

	snprintf(name, sizeof(name), "fbt_check_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 100, 8),
		"init failed: %d", rte_errno);
	TEST_ASSERT_SUCCESS(rte_fbarray_set_used(&arr, 99), "set_used");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "clean array refused");

	arr.count++;
	TEST_ASSERT_EQUAL(eal_fbarray_check(&arr), -EUCLEAN, "count skew");
	arr.count--;

	words = fb_mask_words(&arr);
	TEST_ASSERT_NOT_NULL(words, "bitmap layout changed; update the test");
	words[1] |= UINT64_C(1) << 36; /* element 100: beyond len */
	TEST_ASSERT_EQUAL(eal_fbarray_check(&arr), -EUCLEAN, "tail bit");
	TEST_ASSERT_EQUAL(eal_fbarray_count_used(&arr), 2, "recount");
	words[1] &= ~(UINT64_C(1) << 36);

	copy = arr;
	copy.len = 101; /* same mapping size, other header */
	TEST_ASSERT_EQUAL(eal_fbarray_check(&copy), -EUCLEAN, "header skew");
	copy = arr;
	copy.data = fb_free_va(1 << 20);
	TEST_ASSERT_EQUAL(eal_fbarray_check(&copy), -EINVAL, "unmapped");
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "repaired array refused");
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy failed");
	return TEST_SUCCESS;
}

/* ------------------------------------------------------------------------
 * test case: concurrent writers
 */

#define FB_THREADS 4u
#define FB_THREAD_ROUNDS 200000u

struct fb_thread_arg {
	struct rte_fbarray *arr;
	unsigned int id;
	int failures;
};

/* toggles its own elements (id, id + FB_THREADS, ...) many times */
static void *
fb_thread_toggle(void *p)
{
	struct fb_thread_arg *a = p;
	unsigned int r, idx;

	for (r = 0; r < FB_THREAD_ROUNDS; r++) {
		idx = a->id + FB_THREADS * (r % (a->arr->len / FB_THREADS));
		if (rte_fbarray_set_used(a->arr, idx) != 0 ||
				rte_fbarray_is_used(a->arr, idx) != 1 ||
				rte_fbarray_find_next_used(a->arr, idx) !=
					(int)idx ||
				rte_fbarray_set_free(a->arr, idx) != 0)
			a->failures++;
	}
	return NULL;
}

/* count and bitmap stay in step under concurrent set_used/set_free */
static int
test_fbarray_threads(void)
{
	struct fb_thread_arg args[FB_THREADS];
	pthread_t tids[FB_THREADS];
	char name[RTE_FBARRAY_NAME_LEN];
	struct rte_fbarray arr;
	unsigned int i, started = 0;
	int failures = 0;

	snprintf(name, sizeof(name), "fbt_threads_%d", (int)getpid());
	TEST_ASSERT_SUCCESS(rte_fbarray_init(&arr, name, 256, 8),
		"init failed: %d", rte_errno);
	for (i = 0; i < FB_THREADS; i++) {
		args[i] = (struct fb_thread_arg){ .arr = &arr, .id = i };
		if (pthread_create(&tids[i], NULL, fb_thread_toggle,
				&args[i]) == 0)
			started++;
	}
	for (i = 0; i < started; i++) {
		pthread_join(tids[i], NULL);
		failures += args[i].failures;
	}
	TEST_ASSERT_EQUAL(started, FB_THREADS, "pthread_create failed");
	TEST_ASSERT_EQUAL(failures, 0, "%d thread steps failed", failures);
	TEST_ASSERT_EQUAL(arr.count, 0u, "count drifted to %u", arr.count);
	TEST_ASSERT_SUCCESS(eal_fbarray_check(&arr), "inconsistent");
	TEST_ASSERT_SUCCESS(rte_fbarray_destroy(&arr), "destroy failed");
	return TEST_SUCCESS;
}

static struct unit_test_suite fbarray_suite = {
	.suite_name = "fbarray",
	.unit_test_cases = {
		TEST_CASE(test_fbarray_search_vs_model),
		TEST_CASE(test_fbarray_random_walk),
		TEST_CASE(test_fbarray_bad_init),
		TEST_CASE(test_fbarray_bad_args),
		TEST_CASE(test_fbarray_elements),
		TEST_CASE(test_fbarray_lifecycle),
		TEST_CASE(test_fbarray_stale_file),
		TEST_CASE(test_fbarray_second_process),
		TEST_CASE(test_fbarray_anonymous),
		TEST_CASE(test_fbarray_dump),
		TEST_CASE(test_fbarray_validator),
		TEST_CASE(test_fbarray_threads),
		TEST_CASES_END(),
	},
};

static int
test_fbarray(void)
{
	return unit_test_suite_runner(&fbarray_suite);
}

REGISTER_TEST_COMMAND(fbarray_autotest, test_fbarray);

/* ------------------------------------------------------------------------
 * fbarray_perf_autotest
 */

#define FB_PERF_LEN (1u << 20)
#define FB_PERF_QUERIES 20000u

static double
fb_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* the same answer as find_next_n_free, one element at a time */
static int
fb_naive_next_n_free(const bool *used, unsigned int len, unsigned int start,
		unsigned int n)
{
	unsigned int i, run = 0;

	for (i = start; i < len; i++) {
		run = used[i] ? 0 : run + 1;
		if (run == n)
			return (int)(i - n + 1);
	}
	return -1;
}

struct fb_perf {
	struct rte_fbarray arr;
	bool *used;            /* the same bitmap, one bool per element */
	unsigned int *starts;  /* random start indexes, one per query */
	int *answers;          /* what the fbarray said, for the cross-check */
	int *naive;            /* what the bit-by-bit search said */
};

/*
 * Run queries from starts[0] on until all are done or the time budget is
 * spent (checked every 16 queries); returns how many ran and their time.
 */
static unsigned int
fb_perf_loop(struct fb_perf *p, unsigned int n, bool naive, unsigned int max,
		double *ns)
{
	double t0 = fb_now_ns(), budget = 200e6;
	unsigned int q;

	for (q = 0; q < max; q++) {
		if (q % 16 == 0 && q > 0 && fb_now_ns() - t0 > budget)
			break;
		if (naive)
			p->naive[q] = fb_naive_next_n_free(p->used,
					FB_PERF_LEN, p->starts[q], n);
		else
			p->answers[q] = rte_fbarray_find_next_n_free(&p->arr,
					p->starts[q], n);
	}
	*ns = fb_now_ns() - t0;
	return q;
}

/* time one run length; -1 if the two searches disagree */
static int
fb_perf_one(struct fb_perf *p, unsigned int n)
{
	unsigned int q, n_fb, n_naive;
	double t_fb, t_naive;

	n_fb = fb_perf_loop(p, n, false, FB_PERF_QUERIES, &t_fb);
	n_naive = fb_perf_loop(p, n, true, n_fb, &t_naive);
	for (q = 0; q < n_naive; q++)
		if (p->naive[q] != p->answers[q]) {
			printf("  n %u, start %u: fbarray %d, bit-by-bit %d\n",
				n, p->starts[q], p->answers[q], p->naive[q]);
			return -1;
		}
	t_fb /= n_fb;
	t_naive /= n_naive;
	printf("  n %5u: find_next_n_free %9.1f ns/call, "
		"bit-by-bit %11.1f ns/call (x%.1f, %u/%u queries)\n",
		n, t_fb, t_naive, t_naive / t_fb, n_fb, n_naive);
	return 0;
}

/* one density (per mille of used elements) over the whole array */
static int
fb_perf_density(struct fb_perf *p, struct fb_rng *rng, unsigned int permille)
{
	static const unsigned int lens[] = { 1, 16, 64, 256, 1024, 8192 };
	unsigned int i;
	double t0;
	int ret;

	for (i = 0; i < FB_PERF_LEN; i++) {
		p->used[i] = fb_rand_below(rng, 1000) < permille;
		if (p->used[i])
			rte_fbarray_set_used(&p->arr, i);
		else
			rte_fbarray_set_free(&p->arr, i);
	}
	printf(" %u elements, %u used (%.1f%%):\n", FB_PERF_LEN, p->arr.count,
		p->arr.count * 100.0 / FB_PERF_LEN);
	for (i = 0; i < RTE_DIM(lens); i++)
		if (fb_perf_one(p, lens[i]) < 0)
			return -1;
	t0 = fb_now_ns();
	ret = rte_fbarray_find_biggest_free(&p->arr, 0);
	printf("  find_biggest_free over the whole array: %.1f us (at %d)\n",
		(fb_now_ns() - t0) / 1e3, ret);
	return eal_fbarray_check(&p->arr) == 0 ? 0 : -1;
}

static int
test_fbarray_perf(void)
{
	static const unsigned int densities[] = { 1, 10, 100 };
	struct fb_rng rng = { .s = fb_seed() };
	struct fb_perf p;
	char name[RTE_FBARRAY_NAME_LEN];
	unsigned int i;
	int ret = 0;

	p.used = calloc(FB_PERF_LEN, sizeof(*p.used));
	p.starts = calloc(FB_PERF_QUERIES, sizeof(*p.starts));
	p.answers = calloc(FB_PERF_QUERIES, sizeof(*p.answers));
	p.naive = calloc(FB_PERF_QUERIES, sizeof(*p.naive));
	snprintf(name, sizeof(name), "fbt_perf_%d", (int)getpid());
	if (p.used == NULL || p.starts == NULL || p.answers == NULL ||
			p.naive == NULL ||
			rte_fbarray_init(&p.arr, name, FB_PERF_LEN, 8) != 0) {
		free(p.used);
		free(p.starts);
		free(p.answers);
		free(p.naive);
		TEST_ASSERT(0, "setup failed: %d", rte_errno);
	}
	/* touching the result arrays now keeps page faults out of timings */
	memset(p.answers, 0xff, FB_PERF_QUERIES * sizeof(*p.answers));
	memset(p.naive, 0xff, FB_PERF_QUERIES * sizeof(*p.naive));
	for (i = 0; i < FB_PERF_QUERIES; i++)
		p.starts[i] = fb_rand_below(&rng, FB_PERF_LEN);
	for (i = 0; i < RTE_DIM(densities) && ret == 0; i++)
		ret = fb_perf_density(&p, &rng, densities[i]);
	rte_fbarray_destroy(&p.arr);
	free(p.used);
	free(p.starts);
	free(p.answers);
	free(p.naive);
	TEST_ASSERT_SUCCESS(ret, "fbarray and bit-by-bit search disagree");
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(fbarray_perf_autotest, test_fbarray_perf);
