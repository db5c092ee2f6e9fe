/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Hot-plug sync across real processes (suite mp). The primary (this test)
 * spawns secondaries running malloc_mp_child, which obey commands posted in
 * a shared control memzone: allocate and fill, check a pattern, free,
 * arm a mapping fault, hang in the sync handler, exit. The primary checks
 * what every process maps (/proc/PID/maps), the hugetlbfs dir, the system's
 * free hugepages and heap_check after each step.
 */
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <fcntl.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "eal_internal_cfg.h"
#include "eal_memalloc.h"
#include "eal_memcfg.h"
#include "malloc_heap.h"
#include "malloc_mp.h"
#include "test.h"

#define MPT_CTL_NAME "malloc_mp_ctl"
#define MPT_MAX_CHILDREN 32
#define MPT_BIG (64u << 20)
#define MPT_SMALL (2u << 20)
#define MPT_CMD_WAIT_MS 30000
#define MPT_SYNC_TIMEOUT_MS 1000

enum mpt_cmd {
	MPT_NONE,
	MPT_ALLOC,  /* arg bytes: rte_malloc, fill, publish */
	MPT_CHECK,  /* the published block holds the pattern */
	MPT_FREE,   /* rte_free the published block */
	MPT_FAULT,  /* fail the arg-th page mapping of later syncs */
	MPT_HANG,   /* the sync handler hangs from now on */
	MPT_BADREQ, /* send the primary a malformed hot-plug request */
	MPT_CHURN,  /* up to arg rounds of 16 MiB alloc + free, until told */
	MPT_EVENTS, /* record mem events in this child's slot from now on */
	MPT_SCAN,   /* time a full resync and a 32-slot delta, nothing new */
	MPT_EXIT,
};

struct mpt_child {
	_Atomic uint32_t seq;   /* bumped by the primary with a command */
	_Atomic uint32_t ack;   /* = seq when the command is done */
	uint32_t cmd;
	uint64_t arg;
	int32_t result;         /* 0 or -errno */
	uint64_t ns;            /* time the command took */
	uint64_t op_ns;         /* of it, rte_malloc/rte_free alone */
	uint64_t attach_ns;     /* process start to attached (eal init) */
	_Atomic int32_t pid;
	/* MPT_EVENTS: what the mem event callback saw */
	_Atomic uint64_t ev_alloc, ev_free;  /* bytes */
	_Atomic uint32_t ev_bad;  /* events outside the memseg lists */
	uint64_t ev_lo, ev_hi;    /* span of the ALLOC events */
	uint64_t scan_full_ns, scan_delta_ns; /* MPT_SCAN, per call */
};

struct mpt_ctl {
	_Atomic uint32_t nattached;
	_Atomic uint32_t in_sync;  /* hung handlers reached */
	_Atomic uint32_t churn_stop;  /* the churner stops at this */
	_Atomic uint64_t churn_rounds; /* rounds the churner completed */
	uint64_t ptr;              /* the published block */
	uint64_t len;
	struct mpt_child c[MPT_MAX_CHILDREN];
};

static uint64_t
mpt_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

#define MPT_SQUAT_ENV "MPT_SQUAT" /* <addr>,<len>: map there first */
#define MPT_LOG_ENV "MPT_LOG"     /* child's stdout and stderr go here */

/* when this process started, as near as a constructor can tell */
static uint64_t mpt_start_ns;

/*
 * Runs before main(), hence before rte_eal_init(), in every dpdk-test
 * process; only a child given MPT_SQUAT acts. It maps memory of its own
 * where the primary keeps something, standing for a library or heap that
 * ASLR put there, so the secondary's attach meets a collision.
 */
static void __attribute__((constructor))
mpt_squat(void)
{
	const char *v = getenv(MPT_SQUAT_ENV), *log = getenv(MPT_LOG_ENV);
	unsigned long long addr, len;
	void *p;
	int fd;

	mpt_start_ns = mpt_now_ns();
	if (v == NULL || sscanf(v, "%llx,%llx", &addr, &len) != 2)
		return;
	if (log != NULL) {
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
		if (fd >= 0) {
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
	}
	p = mmap((void *)(uintptr_t)addr, (size_t)len, PROT_NONE,
		MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
	if (p != (void *)(uintptr_t)addr)
		printf("cannot squat at 0x%llx\n", addr);
}

/* ---------------------------------------------------------------------- */
/* child side                                                             */

static void
mpt_fill(uint64_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len / sizeof(*p); i++)
		p[i] = (uint64_t)(uintptr_t)&p[i] ^ 0x5a5aa5a5c3c33c3cull;
}

static int
mpt_verify(const uint64_t *p, size_t len)
{
	size_t i;

	for (i = 0; i < len / sizeof(*p); i++)
		if (p[i] != ((uint64_t)(uintptr_t)&p[i] ^
				0x5a5aa5a5c3c33c3cull))
			return -EILSEQ;
	return 0;
}

static struct mpt_ctl *mpt_hang_ctl;

/*
 * Runs in the IPC thread as the child follows a sync. Reading both ends of
 * the range proves it is mapped: ALLOC must come after mapping and FREE
 * before unmapping, or the read faults and the child dies.
 */
static void
mpt_mem_event(enum rte_mem_event type, const void *addr, size_t len,
		void *arg)
{
	struct mpt_child *me = arg;
	const volatile uint8_t *p = addr;
	uint64_t lo = (uintptr_t)addr, hi = lo + len;

	(void)p[0];
	(void)p[len - 1];
	if (rte_mem_virt2memseg_list(addr) == NULL ||
			rte_mem_virt2memseg_list(RTE_PTR_ADD(addr, len - 1)) ==
			NULL)
		atomic_fetch_add(&me->ev_bad, 1);
	if (type == RTE_MEM_EVENT_FREE) {
		atomic_fetch_add(&me->ev_free, len);
		return;
	}
	if (me->ev_lo == 0 || lo < me->ev_lo)
		me->ev_lo = lo;
	if (hi > me->ev_hi)
		me->ev_hi = hi;
	atomic_fetch_add(&me->ev_alloc, len);
}

/* stands in for a secondary that stops answering in the middle of a sync */
static int
mpt_hang_handler(const struct rte_mp_msg *msg, const void *peer)
{
	RTE_SET_USED(msg);
	RTE_SET_USED(peer);
	atomic_fetch_add(&mpt_hang_ctl->in_sync, 1);
	for (;;)
		pause();
	return 0;
}

/* a request with a short param: dropped, never answered */
static int
mpt_bad_request(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 300 * 1000000 };
	struct rte_mp_reply reply = { 0 };
	struct rte_mp_msg msg;
	int ret = 0;

	memset(&msg, 0, sizeof(msg));
	strcpy(msg.name, "mp_malloc_request");
	msg.len_param = 3;
	if (rte_mp_request_sync(&msg, &reply, &ts) < 0)
		return 0;
	/* refused with an error reply, never served */
	if (reply.nb_received > 0 && (reply.msgs[0].len_param < 8 ||
			((const int32_t *)reply.msgs[0].param)[1] >= 0))
		ret = -EPROTO;
	free(reply.msgs);
	return ret;
}

static int
mpt_churn(struct mpt_ctl *ctl, uint64_t rounds)
{
	/* legacy memory cannot grow: churn within what it has */
	size_t len = eal_get_internal_configuration()->legacy_mem ?
		(1u << 20) : (16u << 20);
	uint64_t i;
	void *p;

	for (i = 0; i < rounds && !atomic_load(&ctl->churn_stop); i++) {
		p = rte_malloc(NULL, len, 0);
		if (p == NULL)
			return -rte_errno;
		mpt_fill(p, len);
		if (mpt_verify(p, len) != 0)
			return -EILSEQ;
		rte_free(p);
		atomic_fetch_add(&ctl->churn_rounds, 1);
	}
	return 0;
}

/*
 * What one sync costs a secondary when nothing is left to map: rescanning
 * every memseg list (the recovery path) against looking at the 32 slots a
 * delta names (the usual path).
 */
static int
mpt_scan_bench(struct mpt_child *me)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	struct eal_memalloc_delta d = { .list_idx = 0, .first = 0,
		.count = 32 };
	const int rounds = 200;
	uint64_t t0;
	int i, ret = 0;

	t0 = mpt_now_ns();
	for (i = 0; i < rounds && ret == 0; i++)
		ret = eal_memalloc_sync_with_primary();
	me->scan_full_ns = (mpt_now_ns() - t0) / rounds;
	t0 = mpt_now_ns();
	for (i = 0; i < rounds && ret == 0; i++) {
		/* follows on from what we saw: the range alone is looked at */
		d.ver_from = d.ver_to = mcfg->memsegs[0].version;
		ret = eal_memalloc_sync_delta(&d, 1);
	}
	me->scan_delta_ns = (mpt_now_ns() - t0) / rounds;
	return ret;
}

static int
mpt_child_exec(struct mpt_ctl *ctl, struct mpt_child *me)
{
	uint64_t t0;
	void *p;

	switch (me->cmd) {
	case MPT_ALLOC:
		t0 = mpt_now_ns();
		p = rte_malloc(NULL, me->arg, 0);
		me->op_ns = mpt_now_ns() - t0;
		if (p == NULL)
			return -rte_errno;
		mpt_fill(p, me->arg);
		ctl->ptr = (uint64_t)(uintptr_t)p;
		ctl->len = me->arg;
		return 0;
	case MPT_CHECK:
		return mpt_verify((void *)(uintptr_t)ctl->ptr, ctl->len);
	case MPT_FREE:
		t0 = mpt_now_ns();
		rte_free((void *)(uintptr_t)ctl->ptr);
		me->op_ns = mpt_now_ns() - t0;
		return 0;
	case MPT_FAULT:
		eal_memalloc_fault_inject((int)me->arg);
		return 0;
	case MPT_HANG:
		mpt_hang_ctl = ctl;
		rte_mp_action_unregister("mp_malloc_sync");
		return rte_mp_action_register("mp_malloc_sync",
				mpt_hang_handler) < 0 ? -rte_errno : 0;
	case MPT_BADREQ:
		return mpt_bad_request();
	case MPT_CHURN:
		return mpt_churn(ctl, me->arg);
	case MPT_SCAN:
		return mpt_scan_bench(me);
	case MPT_EVENTS:
		return rte_mem_event_callback_register("malloc_mp_test",
				mpt_mem_event, me) < 0 ? -rte_errno : 0;
	default:
		return -EINVAL;
	}
}

/*
 * An idle child sleeps until the primary posts a command: children polling
 * the control page would load the machine in proportion to their number
 * and so skew every timing taken with many of them attached.
 */
static void
mpt_futex_wait(_Atomic uint32_t *addr, uint32_t seen)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = 100 * 1000 * 1000 };

	/* shared futex: the control page is mapped by every process */
	syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAIT, seen, &ts, NULL, 0);
}

static void
mpt_futex_wake(_Atomic uint32_t *addr)
{
	syscall(SYS_futex, (uint32_t *)addr, FUTEX_WAKE, INT32_MAX, NULL,
		NULL, 0);
}

static int
test_malloc_mp_child(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(MPT_CTL_NAME);
	pid_t parent = getppid();
	struct mpt_ctl *ctl;
	struct mpt_child *me;
	uint32_t seen = 0, seq, idx;
	uint64_t t0;

	if (mz == NULL || rte_eal_process_type() != RTE_PROC_SECONDARY)
		return TEST_FAILED;
	ctl = mz->addr;
	idx = atomic_fetch_add(&ctl->nattached, 1);
	if (idx >= MPT_MAX_CHILDREN)
		return TEST_FAILED;
	me = &ctl->c[idx];
	me->attach_ns = mpt_now_ns() - mpt_start_ns;
	atomic_store(&me->pid, getpid());
	for (;;) {
		seq = atomic_load(&me->seq);
		if (seq == seen) {
			if (kill(parent, 0) < 0)
				return TEST_FAILED; /* orphaned */
			mpt_futex_wait(&me->seq, seen);
			continue;
		}
		seen = seq;
		if (me->cmd == MPT_EXIT)
			break;
		t0 = mpt_now_ns();
		me->result = mpt_child_exec(ctl, me);
		me->ns = mpt_now_ns() - t0;
		atomic_store(&me->ack, seq);
	}
	atomic_store(&me->ack, seen);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(malloc_mp_child, test_malloc_mp_child);

/* ---------------------------------------------------------------------- */
/* primary side: helpers                                                  */

struct mpt {
	struct mpt_ctl *ctl;
	const struct rte_memzone *mz;
	int pids[MPT_MAX_CHILDREN];
	int n;
};

static int
mpt_wait(_Atomic uint32_t *v, uint32_t want, unsigned int ms)
{
	uint64_t end = mpt_now_ns() + (uint64_t)ms * 1000000ull;

	while (atomic_load(v) < want) {
		if (mpt_now_ns() > end)
			return -ETIMEDOUT;
		usleep(200);
	}
	return 0;
}

/*
 * Spawn one secondary and wait until it attached. A secondary may fail to
 * attach when ASLR put something of its own where the memseg lists go (it
 * says so and exits); that is the address-space limit of every secondary,
 * not what is tested here, so such a child is started again.
 */
static int
mpt_spawn_one(struct mpt *m)
{
	uint32_t want = atomic_load(&m->ctl->nattached) + 1;
	int attempt, pid, st;
	uint64_t end;

	for (attempt = 0; attempt < 4; attempt++) {
		pid = test_spawn_child("malloc_mp_child", test_secondary_args(NULL));
		if (pid < 0)
			return -1;
		end = mpt_now_ns() + MPT_CMD_WAIT_MS * 1000000ull;
		while (atomic_load(&m->ctl->nattached) < want &&
				mpt_now_ns() < end &&
				waitpid(pid, &st, WNOHANG) == 0)
			usleep(200);
		if (atomic_load(&m->ctl->nattached) >= want)
			return 0;
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
		printf("secondary %d did not attach, starting another\n", pid);
	}
	return -1;
}

static int
mpt_start(struct mpt *m, int n)
{
	int i;

	memset(m, 0, sizeof(*m));
	m->mz = rte_memzone_reserve(MPT_CTL_NAME, sizeof(struct mpt_ctl),
			SOCKET_ID_ANY, 0);
	if (m->mz == NULL) {
		printf("cannot reserve the control memzone: %s\n",
			rte_strerror(rte_errno));
		return -1;
	}
	m->ctl = m->mz->addr;
	memset(m->ctl, 0, sizeof(*m->ctl));
	for (i = 0; i < n; i++) {
		if (mpt_spawn_one(m) < 0) {
			printf("secondary %d of %d cannot attach\n", i, n);
			return -1;
		}
		/* slots go in attach order: index the pids the same way */
		while (atomic_load(&m->ctl->c[i].pid) == 0)
			usleep(100);
		m->pids[i] = atomic_load(&m->ctl->c[i].pid);
		m->n++;
	}
	return 0;
}

/* post cmd to child idx and wait for it; its result, or -ETIMEDOUT */
static int
mpt_cmd(struct mpt *m, int idx, enum mpt_cmd cmd, uint64_t arg)
{
	struct mpt_child *c = &m->ctl->c[idx];
	uint32_t seq = atomic_load(&c->seq) + 1;

	c->cmd = cmd;
	c->arg = arg;
	atomic_store(&c->seq, seq);
	mpt_futex_wake(&c->seq);
	if (cmd == MPT_EXIT)
		return 0;
	if (mpt_wait(&c->ack, seq, MPT_CMD_WAIT_MS) < 0)
		return -ETIMEDOUT;
	return c->result;
}

/* tell every child to exit; 0 if all exited with success */
static int
mpt_stop(struct mpt *m)
{
	int i, ret = 0, st;

	for (i = 0; i < m->n; i++) {
		if (m->pids[i] <= 0)
			continue;
		mpt_cmd(m, i, MPT_EXIT, 0);
		st = test_wait_child(m->pids[i]);
		if (st != 0) {
			printf("secondary %d exited with %d\n", m->pids[i], st);
			ret = -1;
		}
		m->pids[i] = 0;
	}
	if (m->mz != NULL)
		rte_memzone_free(m->mz);
	m->mz = NULL;
	return ret;
}

/* does pid map hugetlbfs memory inside [va, va + len)? -1 on error */
static int
mpt_maps_huge(int pid, uint64_t va, uint64_t len)
{
	const char *dir = eal_get_internal_configuration()->hugepage_info[0]
			.hugedir;
	char path[64], line[PATH_MAX + 128], *name;
	unsigned long long lo, hi;
	int found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", pid);
	f = fopen(path, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (sscanf(line, "%llx-%llx", &lo, &hi) != 2 ||
				hi <= va || lo >= va + len)
			continue;
		name = strchr(line, '/');
		if (name != NULL && strncmp(name, dir, strlen(dir)) == 0)
			found = 1;
	}
	fclose(f);
	return found;
}

/* files of our prefix in the hugetlbfs dir */
static int
mpt_huge_files(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	char want[PATH_MAX];
	struct dirent *e;
	int n = 0;
	DIR *d = opendir(cfg->hugepage_info[0].hugedir);

	if (d == NULL)
		return -1;
	snprintf(want, sizeof(want), "%smap_", cfg->hugefile_prefix);
	while ((e = readdir(d)) != NULL)
		n += strncmp(e->d_name, want, strlen(want)) == 0;
	closedir(d);
	return n;
}

static long
mpt_free_hugepages(void)
{
	char line[128];
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f) != NULL)
		if (sscanf(line, "HugePages_Free: %ld", &v) == 1)
			break;
	fclose(f);
	return v;
}

static bool
mpt_legacy(void)
{
	return eal_get_internal_configuration()->legacy_mem;
}

/* heap of socket 0 is valid and holds what it held before */
struct mpt_snap {
	uint64_t heap_total;
	int files;
	long free_pages;
};

static void
mpt_snap(struct mpt_snap *s)
{
	struct rte_malloc_socket_stats st;

	memset(&st, 0, sizeof(st));
	rte_malloc_get_socket_stats(0, &st);
	s->heap_total = st.heap_totalsz_bytes;
	s->files = mpt_huge_files();
	s->free_pages = mpt_free_hugepages();
}

static int
mpt_same(const struct mpt_snap *before, const char *what)
{
	struct mpt_snap now;

	mpt_snap(&now);
	TEST_ASSERT_SUCCESS(malloc_heap_check_all(),
		"%s: heap_check fails", what);
	TEST_ASSERT_EQUAL(now.heap_total, before->heap_total,
		"%s: heap holds %" PRIu64 " bytes, expected %" PRIu64, what,
		now.heap_total, before->heap_total);
	TEST_ASSERT_EQUAL(now.files, before->files,
		"%s: %d hugepage files, expected %d", what, now.files,
		before->files);
	/* other users of the machine move this count: report, not assert */
	if (now.free_pages != before->free_pages)
		printf("%s: HugePages_Free %ld, was %ld\n", what,
			now.free_pages, before->free_pages);
	return TEST_SUCCESS;
}

/* every process (children and us) maps [va, va + len), or none does */
static int
mpt_all_map(struct mpt *m, uint64_t va, uint64_t len, int want)
{
	int i;

	TEST_ASSERT_EQUAL(mpt_maps_huge(getpid(), va, len), want,
		"primary maps 0x%" PRIx64 ": expected %d", va, want);
	for (i = 0; i < m->n; i++)
		TEST_ASSERT(m->pids[i] <= 0 ||
			mpt_maps_huge(m->pids[i], va, len) == want,
			"secondary %d maps 0x%" PRIx64 ": expected %d",
			m->pids[i], va, want);
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------- */
/* cases                                                                  */

/* child 0 allocates and fills, everyone reads, child 0 frees */
static int
mpt_share_and_free(struct mpt *m, size_t len, bool report)
{
	struct mpt_snap before;
	uint64_t va;
	int i, ret;

	mpt_snap(&before);
	ret = mpt_cmd(m, 0, MPT_ALLOC, len);
	TEST_ASSERT_SUCCESS(ret, "secondary alloc of %zu: %s", len,
		strerror(-ret));
	va = m->ctl->ptr;
	if (report)
		printf("secondary rte_malloc(%zu KiB) with %d secondaries: "
			"%.3f ms\n", len >> 10, m->n, m->ctl->c[0].ns / 1e6);
	TEST_ASSERT_SUCCESS(mpt_verify((void *)(uintptr_t)va, len),
		"primary reads another pattern at 0x%" PRIx64, va);
	for (i = 1; i < m->n; i++)
		TEST_ASSERT(m->pids[i] <= 0 ||
			mpt_cmd(m, i, MPT_CHECK, 0) == 0,
			"secondary %d reads another pattern", i);
	if (!mpt_legacy())
		TEST_ASSERT_SUCCESS(mpt_all_map(m, va, len, 1), "not mapped");
	TEST_ASSERT_SUCCESS(mpt_cmd(m, 0, MPT_FREE, 0), "secondary free");
	if (report)
		printf("secondary rte_free(%zu KiB) with %d secondaries: "
			"%.3f ms\n", len >> 10, m->n, m->ctl->c[0].ns / 1e6);
	if (mpt_legacy())
		return mpt_same(&before, "legacy free");
	/* the pages are gone from every process and from hugetlbfs */
	TEST_ASSERT_SUCCESS(mpt_all_map(m, va, len, 0), "still mapped");
	return mpt_same(&before, "after secondary free");
}

/*
 * Legacy memory is laid out by physical address, so its VA-contiguous runs
 * may be short when the machine's hugepages are fragmented: keep each
 * block within one page there.
 */
static size_t
mpt_big(void)
{
	return mpt_legacy() ? (1u << 20) : MPT_BIG;
}

static size_t
mpt_small(void)
{
	return mpt_legacy() ? (512u << 10) : MPT_SMALL;
}

static int
mpt_attach_n(int n)
{
	struct mpt m;
	int ret;

	if (mpt_start(&m, n) < 0) {
		mpt_stop(&m);
		return TEST_FAILED;
	}
	ret = mpt_share_and_free(&m, mpt_big(), true);
	if (ret == TEST_SUCCESS)
		ret = mpt_share_and_free(&m, mpt_small(), true);
	/* a figure for the report, never asserted */
	if (ret == TEST_SUCCESS && !mpt_legacy() &&
			mpt_cmd(&m, 0, MPT_SCAN, 0) == 0)
		printf("secondary sync with nothing to map (%d "
			"secondaries): full rescan %.1f us, 32-slot delta "
			"%.1f us\n", n, m.ctl->c[0].scan_full_ns / 1e3,
			m.ctl->c[0].scan_delta_ns / 1e3);
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

static int
test_attach_1(void)
{
	return mpt_attach_n(1);
}

static int
test_attach_4(void)
{
	return mpt_attach_n(4);
}

static int
test_attach_8(void)
{
	return mpt_attach_n(8);
}

/* the primary's own growth is seen by secondaries, its free unmaps there */
static int
test_primary_alloc_seen(void)
{
	struct mpt_snap before;
	struct mpt m;
	void *p;
	int ret = TEST_FAILED;

	if (mpt_start(&m, 2) < 0)
		goto out;
	mpt_snap(&before);
	p = rte_malloc(NULL, mpt_big(), 0);
	if (p == NULL) {
		printf("primary alloc failed: %s\n", rte_strerror(rte_errno));
		goto out;
	}
	mpt_fill(p, mpt_big());
	m.ctl->ptr = (uint64_t)(uintptr_t)p;
	m.ctl->len = mpt_big();
	if (mpt_cmd(&m, 0, MPT_CHECK, 0) != 0 ||
			mpt_cmd(&m, 1, MPT_CHECK, 0) != 0) {
		printf("a secondary does not see the primary's block\n");
		rte_free(p);
		goto out;
	}
	rte_free(p);
	if (!mpt_legacy() && mpt_all_map(&m, (uintptr_t)p, mpt_big(), 0) != 0)
		goto out;
	ret = mpt_same(&before, "after primary free");
out:
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

/* a secondary failing to map: the whole request is undone everywhere */
static int
test_sync_fault_rolls_back(void)
{
	struct mpt_snap before;
	struct mpt m;
	void *p;
	int ret = TEST_FAILED;

	if (mpt_legacy())
		return TEST_SKIPPED; /* no hot-plug to sync */
	if (mpt_start(&m, 3) < 0)
		goto out;
	mpt_snap(&before);
	/* the 5th page secondary 2 maps fails, after it mapped 4 */
	if (mpt_cmd(&m, 2, MPT_FAULT, 5) != 0)
		goto out;
	p = rte_malloc(NULL, MPT_BIG, 0);
	if (p != NULL) {
		printf("primary alloc succeeded despite a failed sync\n");
		rte_free(p);
		goto out;
	}
	if (mpt_same(&before, "after failed primary alloc") != 0)
		goto out;
	/* the same from a secondary: the primary answers with the error */
	if (mpt_cmd(&m, 2, MPT_FAULT, 3) != 0 ||
			mpt_cmd(&m, 0, MPT_ALLOC, MPT_BIG) != -ENOMEM) {
		printf("secondary alloc did not fail with ENOMEM\n");
		goto out;
	}
	if (mpt_same(&before, "after failed secondary alloc") != 0)
		goto out;
	/* disarmed: it works again, and goes back cleanly */
	if (mpt_cmd(&m, 2, MPT_FAULT, 0) != 0 ||
			mpt_share_and_free(&m, mpt_big(), false) != 0)
		goto out;
	ret = TEST_SUCCESS;
out:
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

/*
 * A secondary hangs in the sync handler and is SIGKILLed there, or just
 * hangs: the request ends within the timeout, rolled back, heap valid.
 */
static int
mpt_hung_peer(bool kill_it)
{
	struct mpt_snap before;
	struct mpt m;
	uint64_t t0, ms;
	int ret = TEST_FAILED, r;

	if (mpt_start(&m, 3) < 0)
		goto out;
	malloc_mp_set_timeout(MPT_SYNC_TIMEOUT_MS);
	mpt_snap(&before);
	if (mpt_cmd(&m, 2, MPT_HANG, 0) != 0)
		goto out;
	/* child 0 asks; the primary's sync reaches child 2, which hangs */
	m.ctl->c[0].cmd = MPT_ALLOC;
	m.ctl->c[0].arg = MPT_BIG;
	t0 = mpt_now_ns();
	atomic_fetch_add(&m.ctl->c[0].seq, 1);
	mpt_futex_wake(&m.ctl->c[0].seq);
	if (mpt_wait(&m.ctl->in_sync, 1, MPT_CMD_WAIT_MS) < 0)
		goto out;
	if (kill_it) {
		kill(m.pids[2], SIGKILL);
		test_wait_child(m.pids[2]);
		m.pids[2] = 0;
	}
	if (mpt_wait(&m.ctl->c[0].ack, atomic_load(&m.ctl->c[0].seq),
			MPT_CMD_WAIT_MS) < 0)
		goto out;
	ms = (mpt_now_ns() - t0) / 1000000;
	r = m.ctl->c[0].result;
	printf("request with a %s peer ended in %" PRIu64 " ms: %s\n",
		kill_it ? "killed" : "hung", ms, r == 0 ? "done" :
		strerror(-r));
	/*
	 * bounded by the timeouts (a sync and its rollback notify), not by
	 * the peer; the slack is for a loaded machine
	 */
	if (ms > 6 * MPT_SYNC_TIMEOUT_MS)
		goto out;
	if (r == 0) /* finished without the dead peer: give it back */
		r = mpt_cmd(&m, 0, MPT_FREE, 0);
	if (!kill_it) {
		kill(m.pids[2], SIGKILL);
		test_wait_child(m.pids[2]);
		m.pids[2] = 0;
	}
	ret = mpt_same(&before, "after the hung peer");
	/* and the survivors still grow and shrink together */
	if (ret == TEST_SUCCESS)
		ret = mpt_share_and_free(&m, mpt_big(), false);
out:
	malloc_mp_set_timeout(0);
	/* a hung child never leaves by itself: do not wait for it */
	if (m.ctl != NULL && m.pids[2] > 0 &&
			atomic_load(&m.ctl->in_sync) > 0) {
		kill(m.pids[2], SIGKILL);
		test_wait_child(m.pids[2]);
		m.pids[2] = 0;
	}
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

static int
test_killed_mid_sync(void)
{
	if (mpt_legacy())
		return TEST_SKIPPED;
	return mpt_hung_peer(true);
}

static int
test_hung_mid_sync(void)
{
	if (mpt_legacy())
		return TEST_SKIPPED;
	return mpt_hung_peer(false);
}

/* a malformed request is dropped; the primary keeps serving */
static int
test_malformed_request(void)
{
	struct mpt_snap before;
	struct mpt m;
	int ret = TEST_FAILED;

	if (mpt_start(&m, 1) < 0)
		goto out;
	mpt_snap(&before);
	if (mpt_cmd(&m, 0, MPT_BADREQ, 0) != 0) {
		printf("a malformed request was answered\n");
		goto out;
	}
	ret = mpt_share_and_free(&m, mpt_big(), false);
	if (ret == TEST_SUCCESS)
		ret = mpt_same(&before, "after a malformed request");
out:
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

#define MPT_CHURN_STAY 3    /* late comers that stay to the end */
#define MPT_CHURN_VISIT 20  /* late comers that attach, check and leave */

/* one more secondary during the churn; it checks the published block */
static int
mpt_churn_attach(struct mpt *m, bool leave)
{
	int idx = m->n, ret;

	if (mpt_spawn_one(m) < 0)
		return -ECHILD;
	while (atomic_load(&m->ctl->c[idx].pid) == 0)
		usleep(100);
	m->pids[idx] = atomic_load(&m->ctl->c[idx].pid);
	m->n++;
	/* it mapped at attach what the primary had plugged before it */
	ret = mpt_cmd(m, idx, MPT_CHECK, 0);
	if (ret != 0 || !leave)
		return ret;
	mpt_cmd(m, idx, MPT_EXIT, 0);
	ret = test_wait_child(m->pids[idx]);
	m->pids[idx] = 0;
	return ret == 0 ? 0 : -ECHILD;
}

/*
 * Secondaries attach (and leave) while another one grows and shrinks the
 * heap without pause, so syncs reach them at every point of their init:
 * before their channel is bound, between bind and action registration,
 * while they map the memseg lists. None may stall a sync (the churn would
 * fail with ENOMEM after a timeout) and each must see all memory.
 */
static int
test_attach_during_churn(void)
{
	struct mpt_child *c;
	struct mpt_snap before;
	struct mpt m;
	uint64_t r0;
	void *block = NULL;
	uint32_t seq;
	int i, ret = TEST_FAILED;

	if (mpt_start(&m, 1) < 0)
		goto out;
	mpt_snap(&before);
	block = rte_malloc(NULL, mpt_small(), 0);
	if (block == NULL)
		goto out;
	mpt_fill(block, mpt_small());
	m.ctl->ptr = (uint64_t)(uintptr_t)block;
	m.ctl->len = mpt_small();
	c = &m.ctl->c[0];
	c->cmd = MPT_CHURN;
	c->arg = UINT64_MAX;
	seq = atomic_fetch_add(&c->seq, 1) + 1;
	mpt_futex_wake(&c->seq);
	for (i = 0; i < MPT_CHURN_STAY + MPT_CHURN_VISIT; i++) {
		r0 = atomic_load(&m.ctl->churn_rounds);
		if (mpt_churn_attach(&m, i >= MPT_CHURN_STAY) != 0) {
			printf("late comer %d failed\n", i);
			goto stop_churn;
		}
		if (atomic_load(&c->ack) == seq) {
			printf("churn ended early: %s\n",
				strerror(-c->result));
			goto out;
		}
		if (atomic_load(&m.ctl->churn_rounds) == r0)
			printf("no churn round during attach %d\n", i);
	}
	ret = TEST_SUCCESS;
stop_churn:
	atomic_store(&m.ctl->churn_stop, 1);
	if (mpt_wait(&c->ack, seq, MPT_CMD_WAIT_MS) < 0 || c->result != 0) {
		printf("churn failed: %s\n", strerror(-c->result));
		ret = TEST_FAILED;
	}
	printf("%" PRIu64 " churn rounds during %d attaches\n",
		atomic_load(&m.ctl->churn_rounds), i);
	if (ret != TEST_SUCCESS)
		goto out;
	rte_free(block);
	block = NULL;
	/* the late comers that stayed follow later changes too */
	ret = mpt_share_and_free(&m, mpt_big(), false);
	if (ret == TEST_SUCCESS)
		ret = mpt_same(&before, "after churn");
out:
	rte_free(block);
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

/* the events child idx saw cover [va, va + len), ALLOC and FREE alike */
static int
mpt_events_cover(struct mpt *m, int idx, uint64_t va, uint64_t len)
{
	struct mpt_child *c = &m->ctl->c[idx];
	uint64_t a = atomic_load(&c->ev_alloc), f = atomic_load(&c->ev_free);

	TEST_ASSERT_EQUAL(atomic_load(&c->ev_bad), 0,
		"secondary %d: event outside the memseg lists", idx);
	TEST_ASSERT(a >= len, "secondary %d: ALLOC events of %" PRIu64
		" bytes for a %" PRIu64 "-byte block", idx, a, len);
	TEST_ASSERT(c->ev_lo <= va && c->ev_hi >= va + len,
		"secondary %d: ALLOC events span 0x%" PRIx64 "-0x%" PRIx64
		", block 0x%" PRIx64 "+%" PRIu64, idx, c->ev_lo, c->ev_hi,
		va, len);
	TEST_ASSERT_EQUAL(f, a, "secondary %d: FREE events of %" PRIu64
		" bytes after ALLOC of %" PRIu64, idx, f, a);
	return TEST_SUCCESS;
}

static void
mpt_events_reset(struct mpt *m, int idx)
{
	struct mpt_child *c = &m->ctl->c[idx];

	atomic_store(&c->ev_alloc, 0);
	atomic_store(&c->ev_free, 0);
	c->ev_lo = c->ev_hi = 0;
}

/*
 * Secondaries fire the user's mem event callbacks as they follow a sync:
 * ALLOC once the pages are mapped, FREE before they are unmapped, for pages
 * plugged by another secondary and by the primary alike.
 */
static int
test_secondary_mem_events(void)
{
	struct mpt m;
	uint64_t va;
	void *p;
	int ret = TEST_FAILED;

	if (mpt_legacy())
		return TEST_SKIPPED; /* no hot-plug, no events */
	if (mpt_start(&m, 2) < 0 || mpt_cmd(&m, 1, MPT_EVENTS, 0) != 0)
		goto out;
	if (mpt_cmd(&m, 0, MPT_ALLOC, MPT_BIG) != 0)
		goto out;
	va = m.ctl->ptr;
	if (mpt_cmd(&m, 0, MPT_FREE, 0) != 0 ||
			mpt_events_cover(&m, 1, va, MPT_BIG) != TEST_SUCCESS)
		goto out;
	mpt_events_reset(&m, 1);
	p = rte_malloc(NULL, MPT_BIG, 0);
	if (p == NULL)
		goto out;
	rte_free(p);
	ret = mpt_events_cover(&m, 1, (uintptr_t)p, MPT_BIG);
out:
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

/* a secondary whose [addr, addr + len) is taken fails and says why */
static int
mpt_collide(const char *what, uint64_t addr, uint64_t len)
{
	char squat[64], log[64], want[32], text[4096];
	size_t n = 0;
	FILE *f;
	int st;

	snprintf(squat, sizeof(squat), "%" PRIx64 ",%" PRIx64, addr, len);
	snprintf(log, sizeof(log), "/tmp/mpt-collide-%d.log", getpid());
	snprintf(want, sizeof(want), "0x%" PRIx64, addr);
	setenv(MPT_SQUAT_ENV, squat, 1);
	setenv(MPT_LOG_ENV, log, 1);
	st = test_run_child("malloc_mp_child", test_secondary_args(NULL));
	unsetenv(MPT_SQUAT_ENV);
	unsetenv(MPT_LOG_ENV);
	f = fopen(log, "r");
	if (f != NULL) {
		n = fread(text, 1, sizeof(text) - 1, f);
		fclose(f);
	}
	text[n] = '\0';
	unlink(log);
	printf("secondary colliding at %s %s: exit %d, said: %s", what, want,
		st, text);
	TEST_ASSERT(st != 0, "secondary attached over the %s at %s", what,
		want);
	TEST_ASSERT(strstr(text, "cannot squat") == NULL,
		"the child could not take %s first", want);
	TEST_ASSERT(strstr(text, want) != NULL, "error does not name %s",
		want);
	TEST_ASSERT(strstr(text, "--base-virtaddr") != NULL,
		"error does not name --base-virtaddr");
	return TEST_SUCCESS;
}

/*
 * Only a primary cleans stale hugepage files, at its init: a secondary
 * attaching leaves an unlocked file of the prefix alone (it may be one a
 * primary has just created and not locked yet).
 */
static int
test_secondary_keeps_stale_files(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	char path[PATH_MAX + NAME_MAX + 32];
	struct mpt m;
	int fd, ret = TEST_FAILED;

	snprintf(path, sizeof(path), "%s/%smap_%d_0",
		cfg->hugepage_info[0].hugedir, cfg->hugefile_prefix,
		RTE_MAX_MEMSEG_LISTS + 7);
	fd = open(path, O_CREAT | O_EXCL | O_RDWR | O_CLOEXEC, 0600);
	TEST_ASSERT(fd >= 0, "cannot create %s: %s", path, strerror(errno));
	close(fd);
	if (mpt_start(&m, 1) < 0)
		goto out;
	if (access(path, F_OK) != 0) {
		printf("a secondary removed the unlocked file %s\n", path);
		goto out;
	}
	ret = TEST_SUCCESS;
out:
	unlink(path);
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

/*
 * Address-space collisions of a secondary, at the shared config, at the
 * first memseg list and at its fbarray: clear error naming the address and
 * the option to use.
 */
static int
test_vaddr_collision(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	const struct rte_memseg_list *msl = &mcfg->memsegs[0];
	int ret;

	ret = mpt_collide("shared config", mcfg->mem_cfg_addr, 4096);
	if (ret == TEST_SUCCESS && msl->base_va != NULL)
		ret = mpt_collide("memseg list 0",
			(uint64_t)(uintptr_t)msl->base_va, msl->page_sz);
	if (ret == TEST_SUCCESS && msl->memseg_arr.data != NULL)
		ret = mpt_collide("memseg array 0",
			(uint64_t)(uintptr_t)msl->memseg_arr.data, 4096);
	return ret;
}

/* legacy: a secondary asking for more than exists fails cleanly */
static int
test_legacy_no_hotplug(void)
{
	struct mpt_snap before;
	struct mpt m;
	int ret = TEST_FAILED;

	if (!mpt_legacy())
		return TEST_SKIPPED;
	if (mpt_start(&m, 1) < 0)
		goto out;
	mpt_snap(&before);
	if (mpt_cmd(&m, 0, MPT_ALLOC, (uint64_t)64 << 30) != -ENOMEM) {
		printf("legacy secondary alloc beyond memory: not ENOMEM\n");
		goto out;
	}
	ret = mpt_same(&before, "legacy alloc refused");
out:
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

/* a secondary whose memory options differ from the primary's is refused */
static int
test_mismatched_options(void)
{
	const char *const *args;

	args = test_secondary_args("--single-file-segments");
	TEST_ASSERT_EQUAL(test_run_child("malloc_mp_child", args), 1,
		"secondary with --single-file-segments not refused");
	if (mpt_legacy()) {
		/* the child args carry --legacy-mem: drop it */
		args = (const char *const[]){ "--proc-type=secondary",
			test_secondary_args(NULL)[1], NULL };
		TEST_ASSERT_EQUAL(test_run_child("malloc_mp_child", args), 1,
			"dynamic secondary of a legacy primary not refused");
	} else {
		args = test_secondary_args("--legacy-mem");
		TEST_ASSERT_EQUAL(test_run_child("malloc_mp_child", args), 1,
			"legacy secondary of a dynamic primary not refused");
	}
	return TEST_SUCCESS;
}

static int
mpt_setup(void)
{
	if (rte_eal_process_type() != RTE_PROC_PRIMARY ||
			!test_have_hugepages() ||
			eal_get_internal_configuration()->no_shconf)
		return TEST_SKIPPED;
	return TEST_SUCCESS;
}

static struct unit_test_suite malloc_mp_suite = {
	.suite_name = "malloc multi-process hot-plug",
	.setup = mpt_setup,
	.unit_test_cases = {
		TEST_CASE(test_attach_1),
		TEST_CASE(test_attach_4),
		TEST_CASE(test_attach_8),
		TEST_CASE(test_primary_alloc_seen),
		TEST_CASE(test_sync_fault_rolls_back),
		TEST_CASE(test_killed_mid_sync),
		TEST_CASE(test_hung_mid_sync),
		TEST_CASE(test_malformed_request),
		TEST_CASE(test_attach_during_churn),
		TEST_CASE(test_secondary_mem_events),
		TEST_CASE(test_vaddr_collision),
		TEST_CASE(test_secondary_keeps_stale_files),
		TEST_CASE(test_legacy_no_hotplug),
		TEST_CASE(test_mismatched_options),
		TEST_CASES_END()
	}
};

static int
test_malloc_mp(void)
{
	return unit_test_suite_runner(&malloc_mp_suite);
}

REGISTER_TEST_COMMAND(malloc_mp_autotest, test_malloc_mp);

/* ---------------------------------------------------------------------- */
/* timings for devtools/bench-mp.sh (printed, never asserted)             */

#define MPT_PERF_ROUNDS 7

static int
mpt_cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static double
mpt_median_ms(uint64_t *v, int n)
{
	qsort(v, (size_t)n, sizeof(v[0]), mpt_cmp_u64);
	return (n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2) / 1e6;
}

/* rounds of alloc + free of len by child 0; medians of the calls alone */
static int
mpt_perf_rounds(struct mpt *m, size_t len)
{
	uint64_t a[MPT_PERF_ROUNDS], f[MPT_PERF_ROUNDS];
	int i, ret;

	for (i = 0; i < MPT_PERF_ROUNDS; i++) {
		ret = mpt_cmd(m, 0, MPT_ALLOC, len);
		TEST_ASSERT_SUCCESS(ret, "secondary alloc: %s", strerror(-ret));
		a[i] = m->ctl->c[0].op_ns;
		TEST_ASSERT_SUCCESS(mpt_cmd(m, 0, MPT_FREE, 0), "free");
		f[i] = m->ctl->c[0].op_ns;
	}
	printf("secondary rte_malloc(%zu KiB) with %d secondaries: %.3f ms\n",
		len >> 10, m->n, mpt_median_ms(a, MPT_PERF_ROUNDS));
	printf("secondary rte_free(%zu KiB) with %d secondaries: %.3f ms\n",
		len >> 10, m->n, mpt_median_ms(f, MPT_PERF_ROUNDS));
	return TEST_SUCCESS;
}

static int
mpt_perf_n(int n)
{
	uint64_t att[MPT_MAX_CHILDREN];
	struct mpt m;
	int i, ret = TEST_FAILED;

	if (mpt_start(&m, n) < 0)
		goto out;
	for (i = 0; i < n; i++)
		att[i] = m.ctl->c[i].attach_ns;
	printf("secondary attach (process start to initialised) with %d "
		"secondaries: %.3f ms\n", n, mpt_median_ms(att, n));
	ret = mpt_perf_rounds(&m, MPT_BIG);
	if (ret == TEST_SUCCESS)
		ret = mpt_perf_rounds(&m, MPT_SMALL);
out:
	if (mpt_stop(&m) < 0)
		ret = TEST_FAILED;
	return ret;
}

static int
test_malloc_mp_perf(void)
{
	static const int counts[] = { 1, 4, 8 };
	unsigned int i;
	int ret;

	ret = mpt_setup();
	if (ret != TEST_SUCCESS || mpt_legacy())
		return TEST_SKIPPED;
	for (i = 0; i < RTE_DIM(counts); i++)
		if (mpt_perf_n(counts[i]) != TEST_SUCCESS)
			return TEST_FAILED;
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(malloc_mp_perf_autotest, test_malloc_mp_perf);
