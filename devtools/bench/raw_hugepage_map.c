/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The raw cost of hugepages, as a baseline for the EAL's page allocator:
 * for each of N pages create a file on hugetlbfs, size it, map it shared
 * and fault it in (MADV_POPULATE_WRITE, or a write per page on kernels
 * without it), then unmap, close and unlink them all. Nothing else: no
 * locks, no VA reservation, no IOVA lookup, no bookkeeping.
 *
 *   raw_hugepage_map [-d HUGEDIR] [-n PAGES] [-s PAGESIZE_KB] [-r RUNS]
 *
 * HUGEDIR defaults to $HPEAL_HUGE_DIR; with neither, it exits with 77 (the
 * skip status of the test suites), as it does when the pages are not free.
 *
 * Prints per run and the best run: µs per page to map (create + map +
 * fault), to unmap (unmap + close + unlink) and for both.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/vfs.h>
#include <time.h>
#include <unistd.h>

#define SKIP_STATUS 77
#define HUGETLBFS_MAGIC_NR 0x958458f6

#ifndef MADV_POPULATE_WRITE
#define MADV_POPULATE_WRITE 23
#endif

struct bench {
	const char *dir;
	unsigned int pages;
	size_t page_sz;
	unsigned int runs;
	int *fds;
	void **va;
};

struct result {
	double map_us;
	double unmap_us;
};

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
page_path(const struct bench *b, unsigned int i, char *buf, size_t sz)
{
	snprintf(buf, sz, "%s/rawbench_%d_%u", b->dir, (int)getpid(), i);
}

/* fault the page in; the kernel does it in one call when it can */
static int
page_populate(void *va, size_t sz)
{
	if (madvise(va, sz, MADV_POPULATE_WRITE) == 0)
		return 0;
	if (errno != EINVAL)
		return -errno;
	*(volatile char *)va = 0;
	return 0;
}

static int
page_map(struct bench *b, unsigned int i)
{
	char path[PATH_MAX];
	int ret;

	page_path(b, i, path, sizeof(path));
	b->fds[i] = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0600);
	if (b->fds[i] < 0)
		return -errno;
	if (ftruncate(b->fds[i], (off_t)b->page_sz) < 0)
		return -errno;
	b->va[i] = mmap(NULL, b->page_sz, PROT_READ | PROT_WRITE, MAP_SHARED,
		b->fds[i], 0);
	if (b->va[i] == MAP_FAILED) {
		b->va[i] = NULL;
		return -errno;
	}
	ret = page_populate(b->va[i], b->page_sz);
	return ret;
}

/* undo whatever page_map got done; safe on a half-mapped page */
static void
page_unmap(struct bench *b, unsigned int i)
{
	char path[PATH_MAX];

	if (b->va[i] != NULL)
		munmap(b->va[i], b->page_sz);
	if (b->fds[i] >= 0) {
		close(b->fds[i]);
		page_path(b, i, path, sizeof(path));
		unlink(path);
	}
	b->va[i] = NULL;
	b->fds[i] = -1;
}

static int
bench_run(struct bench *b, struct result *res)
{
	unsigned int i, done = 0;
	uint64_t t0, t1, t2;
	int ret = 0;

	t0 = now_ns();
	for (i = 0; i < b->pages && ret == 0; i++, done++)
		ret = page_map(b, i);
	t1 = now_ns();
	for (i = 0; i < done; i++)
		page_unmap(b, i);
	t2 = now_ns();
	if (ret < 0) {
		fprintf(stderr, "raw_hugepage_map: page %u of %u: %s\n",
			done, b->pages, strerror(-ret));
		return ret;
	}
	res->map_us = (double)(t1 - t0) / 1000.0 / b->pages;
	res->unmap_us = (double)(t2 - t1) / 1000.0 / b->pages;
	return 0;
}

static int
parse_uint(const char *s, unsigned int *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno != 0 || *s == '\0' || *end != '\0' || v == 0 || v > 1u << 20)
		return -1;
	*out = (unsigned int)v;
	return 0;
}

/* the page size of a hugetlbfs directory, 0 if it is not one */
static size_t
hugetlbfs_page_size(const char *dir)
{
	struct statfs sf;

	if (statfs(dir, &sf) < 0 || (unsigned long)sf.f_type !=
			(unsigned long)HUGETLBFS_MAGIC_NR)
		return 0;
	return (size_t)sf.f_bsize;
}

static int
parse_args(int argc, char **argv, struct bench *b)
{
	unsigned int kb = 0;
	int c;

	while ((c = getopt(argc, argv, "d:n:s:r:")) != -1) {
		switch (c) {
		case 'd':
			b->dir = optarg;
			break;
		case 'n':
			if (parse_uint(optarg, &b->pages) < 0)
				return -1;
			break;
		case 's':
			if (parse_uint(optarg, &kb) < 0)
				return -1;
			break;
		case 'r':
			if (parse_uint(optarg, &b->runs) < 0)
				return -1;
			break;
		default:
			return -1;
		}
	}
	b->page_sz = (size_t)kb * 1024;
	if (b->dir == NULL)
		b->dir = getenv("HPEAL_HUGE_DIR");
	return optind != argc ? -1 : 0;
}

int
main(int argc, char **argv)
{
	struct bench b = { .pages = 512, .runs = 5 };
	struct result r, best = { 0, 0 };
	unsigned int i, run;
	size_t dir_page_sz;
	int ret;

	if (parse_args(argc, argv, &b) < 0) {
		fprintf(stderr, "usage: %s [-d HUGEDIR] [-n PAGES] "
			"[-s PAGESIZE_KB] [-r RUNS]\n", argv[0]);
		return 2;
	}
	if (b.dir == NULL || b.dir[0] == '\0') {
		fprintf(stderr, "raw_hugepage_map: no -d and no "
			"HPEAL_HUGE_DIR: skipped\n");
		return SKIP_STATUS;
	}
	dir_page_sz = hugetlbfs_page_size(b.dir);
	if (dir_page_sz == 0) {
		fprintf(stderr, "raw_hugepage_map: %s is not a hugetlbfs "
			"mount\n", b.dir);
		return 1;
	}
	/* -s must agree with the mount, which decides the real page size */
	if (b.page_sz == 0)
		b.page_sz = dir_page_sz;
	if (b.page_sz != dir_page_sz) {
		fprintf(stderr, "raw_hugepage_map: %s has %zu kB pages, "
			"not %zu kB\n", b.dir, dir_page_sz / 1024,
			b.page_sz / 1024);
		return 2;
	}
	b.fds = calloc(b.pages, sizeof(*b.fds));
	b.va = calloc(b.pages, sizeof(*b.va));
	if (b.fds == NULL || b.va == NULL) {
		fprintf(stderr, "raw_hugepage_map: out of memory\n");
		return 1;
	}
	for (i = 0; i < b.pages; i++)
		b.fds[i] = -1;
	for (run = 0; run < b.runs; run++) {
		ret = bench_run(&b, &r);
		/* too few free pages: nothing to measure */
		if (ret == -ENOSPC || ret == -ENOMEM)
			return SKIP_STATUS;
		if (ret < 0)
			return 1;
		printf("run %u: map %.1f us/page, unmap %.1f us/page, "
			"total %.1f us/page\n", run, r.map_us, r.unmap_us,
			r.map_us + r.unmap_us);
		if (run == 0 || r.map_us + r.unmap_us <
				best.map_us + best.unmap_us)
			best = r;
	}
	printf("best of %u, %u pages of %zu kB: map %.1f us/page, "
		"unmap %.1f us/page, total %.1f us/page (%.2f ms)\n",
		b.runs, b.pages, b.page_sz / 1024, best.map_us, best.unmap_us,
		best.map_us + best.unmap_us,
		(best.map_us + best.unmap_us) * b.pages / 1000.0);
	free(b.fds);
	free(b.va);
	return 0;
}
