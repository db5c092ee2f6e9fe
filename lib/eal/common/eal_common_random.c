/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pseudo-random numbers: xoshiro256** (Blackman and Vigna's generator,
 * implemented here from its published description), one state per
 * thread so that lcores never share a cache line or a lock.
 *
 * rte_srand() sets a process-wide seed and bumps a generation counter;
 * each thread notices the new generation on its next call and reseeds
 * from (seed, lcore id), so every lcore gets its own repeatable stream.
 */

#include <stdint.h>

#include <rte_common.h>
#include <rte_cycles.h>
#include <rte_lcore.h>
#include <rte_per_lcore.h>
#include <rte_random.h>
#include <rte_branch_prediction.h>

struct rand_state {
	uint64_t s[4];
	uint64_t generation; /* of the seed this state was derived from */
	uint64_t anon_stream; /* non-EAL thread: its stream id, 0 = none yet */
};

/* process-wide seed; generation 0 means "never seeded" */
static struct {
	uint64_t seed;
	uint64_t generation;
	uint64_t next_anon; /* distinct streams for non-EAL threads */
} rand_seed;

static RTE_DEFINE_PER_LCORE(struct rand_state, rand_state);

/* splitmix64: spreads a seed over the 256-bit state */
static uint64_t
splitmix64_next(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

static inline uint64_t
rotl64(uint64_t x, unsigned int k)
{
	return (x << k) | (x >> (64 - k));
}

void
rte_srand(uint64_t seedval)
{
	__atomic_store_n(&rand_seed.seed, seedval, __ATOMIC_RELAXED);
	__atomic_add_fetch(&rand_seed.generation, 1, __ATOMIC_RELEASE);
}

static void
rand_state_seed(struct rand_state *st, uint64_t generation)
{
	uint64_t stream = rte_lcore_id();
	uint64_t x;
	unsigned int i;

	/* a non-EAL thread keeps one stream id, so reseeding repeats */
	if (stream == LCORE_ID_ANY) {
		if (st->anon_stream == 0)
			st->anon_stream = RTE_MAX_LCORE + 1 + __atomic_fetch_add(
					&rand_seed.next_anon, 1,
					__ATOMIC_RELAXED);
		stream = st->anon_stream;
	}
	x = __atomic_load_n(&rand_seed.seed, __ATOMIC_RELAXED) ^
			(stream * UINT64_C(0xd1342543de82ef95));
	for (i = 0; i < RTE_DIM(st->s); i++)
		st->s[i] = splitmix64_next(&x);
	st->generation = generation;
}

uint64_t
rte_rand(void)
{
	struct rand_state *st = &RTE_PER_LCORE(rand_state);
	uint64_t gen = __atomic_load_n(&rand_seed.generation, __ATOMIC_ACQUIRE);
	uint64_t result, t;

	if (unlikely(st->generation != gen || gen == 0)) {
		if (gen == 0) {
			/* nobody seeded yet: start from the TSC */
			uint64_t exp = 0;

			__atomic_compare_exchange_n(&rand_seed.seed, &exp,
					rte_rdtsc(), 0, __ATOMIC_RELAXED,
					__ATOMIC_RELAXED);
			__atomic_compare_exchange_n(&rand_seed.generation,
					&gen, 1, 0, __ATOMIC_ACQ_REL,
					__ATOMIC_ACQUIRE);
			gen = __atomic_load_n(&rand_seed.generation,
					__ATOMIC_ACQUIRE);
		}
		rand_state_seed(st, gen);
	}

	result = rotl64(st->s[1] * 5, 7) * 9;
	t = st->s[1] << 17;
	st->s[2] ^= st->s[0];
	st->s[3] ^= st->s[1];
	st->s[1] ^= st->s[2];
	st->s[0] ^= st->s[3];
	st->s[2] ^= t;
	st->s[3] = rotl64(st->s[3], 45);
	return result;
}

uint64_t
rte_rand_max(uint64_t upper_bound)
{
	uint64_t mask, res;

	if (unlikely(upper_bound < 2))
		return 0;

	/* draw under the smallest all-ones mask covering the bound, and
	 * retry the (less than half) draws that land outside it: unbiased
	 */
	mask = rte_combine64ms1b(upper_bound - 1);
	do {
		res = rte_rand() & mask;
	} while (unlikely(res >= upper_bound));
	return res;
}

double
rte_drand(void)
{
	/* the top 53 bits fill a double's mantissa exactly */
	return (double)(rte_rand() >> 11) * 0x1.0p-53;
}
