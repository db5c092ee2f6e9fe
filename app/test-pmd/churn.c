/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * --hotplug-churn: grow and shrink memory under live forwarding.
 *
 * A controller thread measures the forwarding rate for a warm-up period,
 * then churns: every period it reserves a memzone of SIZE and a temporary
 * mempool of SIZE/4 (a secondary, which may not create mempools, takes
 * an rte_malloc() block instead), holds them for half the period and
 * frees them. The
 * heap has no room for them, so the reservations plug pages and the frees
 * unplug them; each call is timed, and a call counts as a plug (unplug)
 * when the number of pages in use went up (down) across it. With
 * "secondary", a forked and exec'd secondary testpmd (--churn-child) runs
 * the same cycle, so every page goes through the multi-process hot-plug
 * protocol; it reports its timings over a pipe. The primary's memory event
 * callback counts the pages really plugged and unplugged either way.
 *
 * With --legacy-mem nothing can be plugged: the event callback is refused
 * (ENOTSUP), reservations are served from the static memory or fail with
 * ENOMEM, and both are counted.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#include "testpmd.h"

#define CHURN_CB_NAME "testpmd-hotplug-churn"
#define CHURN_TICK_MS 50
#define CHURN_MP_ELT 2048

/* grows by doubling; samples in nanoseconds */
struct lat_set {
	uint64_t *ns;
	size_t n, cap;
};

enum churn_mark {
	MARK_START,      /* forwarding started */
	MARK_CHURN_ON,   /* warm-up over */
	MARK_CHURN_OFF,  /* churn over */
	MARK_STOP,       /* forwarding stopping */
	MARK_COUNT,
};

struct churn {
	struct testpmd *tp;
	struct churn_params p;
	/* written by the memory event callback */
	uint64_t ev_plug, ev_unplug, pages_plugged, pages_unplugged;
	bool cb_registered;
	pthread_mutex_t lock;        /* samples and counts below */
	struct lat_set plug, unplug;
	uint64_t cycles, served, failed;
	uint32_t stop;
	pthread_t ctl;
	bool ctl_running;
	pid_t child;
	int rd_fd;
	pthread_t reader;
	bool reader_running;
	uint64_t mark_pkts[MARK_COUNT], mark_tsc[MARK_COUNT];
	bool marked[MARK_COUNT];
};

/* where one cycle's results go: the churn struct, or the child's pipe */
struct churn_sink {
	struct churn *c;             /* in-process */
	int fd;                      /* child: write end of the pipe */
	unsigned int seq;
	uint32_t *stop;
};

/* ---------------------------------------------------------------------
 * samples
 * --------------------------------------------------------------------- */

static int
lat_add(struct lat_set *s, uint64_t ns)
{
	uint64_t *p;

	if (s->n == s->cap) {
		p = realloc(s->ns, (s->cap ? s->cap * 2 : 256) * sizeof(*p));
		if (p == NULL)
			return -ENOMEM;
		s->ns = p;
		s->cap = s->cap ? s->cap * 2 : 256;
	}
	s->ns[s->n++] = ns;
	return 0;
}

static int
lat_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* nearest-rank percentile of a sorted copy */
static double
lat_pct_ms(const uint64_t *sorted, size_t n, unsigned int pct)
{
	size_t rank = (n * pct + 99) / 100;

	if (n == 0)
		return 0;
	return (double)sorted[rank ? rank - 1 : 0] / 1e6;
}

static void
lat_print(const char *what, const struct lat_set *s)
{
	uint64_t *sorted;

	if (s->n == 0) {
		printf("  %-15s none\n", what);
		return;
	}
	sorted = malloc(s->n * sizeof(*sorted));
	if (sorted == NULL)
		return;
	memcpy(sorted, s->ns, s->n * sizeof(*sorted));
	qsort(sorted, s->n, sizeof(*sorted), lat_cmp);
	printf("  %-15s p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%zu calls)\n",
		what, lat_pct_ms(sorted, s->n, 50),
		lat_pct_ms(sorted, s->n, 99),
		(double)sorted[s->n - 1] / 1e6, s->n);
	free(sorted);
}

static void
churn_record(struct churn *c, char kind, uint64_t ns)
{
	pthread_mutex_lock(&c->lock);
	switch (kind) {
	case 'P': lat_add(&c->plug, ns); break;
	case 'U': lat_add(&c->unplug, ns); break;
	case 'S': c->served++; break;
	case 'F': c->failed++; break;
	case 'C': c->cycles++; break;
	default: break;
	}
	pthread_mutex_unlock(&c->lock);
}

/* lines like "P 123456\n" fit in PIPE_BUF, so each write is whole */
static void
sink_put(struct churn_sink *s, char kind, uint64_t ns)
{
	char line[48];
	int len;

	if (s->c != NULL) {
		churn_record(s->c, kind, ns);
		return;
	}
	len = snprintf(line, sizeof(line), "%c %" PRIu64 "\n", kind, ns);
	if (write(s->fd, line, (size_t)len) != len)
		__atomic_store_n(s->stop, 1, __ATOMIC_RELAXED);
}

/* ---------------------------------------------------------------------
 * one churn cycle (in-process controller or the secondary)
 * --------------------------------------------------------------------- */

static int
churn_count_seg(const struct rte_memseg_list *msl,
		const struct rte_memseg *ms, void *arg)
{
	RTE_SET_USED(msl);
	RTE_SET_USED(ms);
	(*(uint64_t *)arg)++;
	return 0;
}

static uint64_t
churn_pages_in_use(void)
{
	uint64_t n = 0;

	rte_memseg_walk(churn_count_seg, &n);
	return n;
}

static uint64_t
churn_now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* sleep ms, waking early when *stop is raised; false when it was */
static bool
churn_nap(uint32_t *stop, unsigned int ms)
{
	struct timespec ts;
	unsigned int step;

	while (ms > 0) {
		if (__atomic_load_n(stop, __ATOMIC_RELAXED))
			return false;
		step = RTE_MIN(ms, (unsigned int)CHURN_TICK_MS);
		ts.tv_sec = 0;
		ts.tv_nsec = (long)step * 1000000L;
		nanosleep(&ts, NULL);
		ms -= step;
	}
	return !__atomic_load_n(stop, __ATOMIC_RELAXED);
}

/* classify a timed allocation by the pages in use around it */
static void
churn_put_alloc(struct churn_sink *s, bool ok, uint64_t before,
		uint64_t t0)
{
	uint64_t dt = churn_now_ns() - t0;

	if (!ok)
		sink_put(s, 'F', dt);
	else if (churn_pages_in_use() > before)
		sink_put(s, 'P', dt);
	else
		sink_put(s, 'S', dt);
}

static void
churn_put_free(struct churn_sink *s, uint64_t before, uint64_t t0)
{
	uint64_t dt = churn_now_ns() - t0;

	if (churn_pages_in_use() < before)
		sink_put(s, 'U', dt);
}

/* the second allocation of a cycle: a temporary mempool in the primary;
 * a secondary may not create mempools, so there a plain rte_malloc()
 */
struct churn_extra {
	struct rte_mempool *mp;
	void *buf;
};

static bool
churn_extra_alloc(struct churn_extra *x, const char *name, size_t size)
{
	unsigned int n_obj = RTE_MAX(size / CHURN_MP_ELT, (size_t)64);

	if (rte_eal_process_type() == RTE_PROC_PRIMARY) {
		x->mp = rte_mempool_create(name, n_obj, CHURN_MP_ELT, 0, 0,
			NULL, NULL, NULL, NULL, SOCKET_ID_ANY, 0);
		return x->mp != NULL;
	}
	x->buf = rte_malloc(name, size, 0);
	return x->buf != NULL;
}

static void
churn_extra_free(struct churn_extra *x)
{
	rte_mempool_free(x->mp);
	rte_free(x->buf);
}

static void
churn_cycle(struct churn_sink *s, const struct churn_params *p)
{
	char name[RTE_MEMZONE_NAMESIZE];
	const struct rte_memzone *mz;
	struct churn_extra x = { NULL, NULL };
	bool x_ok;
	uint64_t before, t0;

	snprintf(name, sizeof(name), "churn_%d_%u", (int)getpid(), s->seq++);
	before = churn_pages_in_use();
	t0 = churn_now_ns();
	mz = rte_memzone_reserve(name, p->size, SOCKET_ID_ANY, 0);
	churn_put_alloc(s, mz != NULL, before, t0);
	name[0] = 'C';
	before = churn_pages_in_use();
	t0 = churn_now_ns();
	x_ok = churn_extra_alloc(&x, name, p->size / 4);
	churn_put_alloc(s, x_ok, before, t0);
	churn_nap(s->stop, p->period_ms / 2);
	if (x_ok) {
		before = churn_pages_in_use();
		t0 = churn_now_ns();
		churn_extra_free(&x);
		churn_put_free(s, before, t0);
	}
	if (mz != NULL) {
		before = churn_pages_in_use();
		t0 = churn_now_ns();
		rte_memzone_free(mz);
		churn_put_free(s, before, t0);
	}
	sink_put(s, 'C', 0);
	churn_nap(s->stop, p->period_ms - p->period_ms / 2);
}

/* pages counted here are the ones every process really mapped */
static void
churn_mem_event(enum rte_mem_event ev, const void *addr, size_t len,
		void *arg)
{
	struct churn *c = arg;
	const struct rte_memseg_list *msl = rte_mem_virt2memseg_list(addr);
	uint64_t pages = msl != NULL && msl->page_sz ? len / msl->page_sz : 0;

	if (ev == RTE_MEM_EVENT_ALLOC) {
		__atomic_fetch_add(&c->ev_plug, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&c->pages_plugged, pages, __ATOMIC_RELAXED);
	} else {
		__atomic_fetch_add(&c->ev_unplug, 1, __ATOMIC_RELAXED);
		__atomic_fetch_add(&c->pages_unplugged, pages,
			__ATOMIC_RELAXED);
	}
}

/* ---------------------------------------------------------------------
 * the secondary: spawn, read its reports, stop it
 * --------------------------------------------------------------------- */

/* EAL options the secondary must not repeat, and whether they take a
 * value as the next word: it gets its own lcore and no devices
 */
static int
churn_skip_arg(const char *a)
{
	static const char *const with_val[] = {
		"-l", "-c", "--lcores", "--main-lcore", "--vdev",
		"--proc-type", "-m", "--socket-mem", "--socket-limit",
		"-a", "-b", "--allow", "--block", NULL,
	};
	unsigned int i;
	size_t n;

	for (i = 0; with_val[i] != NULL; i++) {
		n = strlen(with_val[i]);
		if (strcmp(a, with_val[i]) == 0)
			return 2;
		if (strncmp(a, with_val[i], n) == 0 &&
				(a[n] == '=' || (a[1] != '-' && a[n] != '\0')))
			return 1;
	}
	return 0;
}

static char **
churn_child_argv(const struct churn *c, char *lcore, char *churn_arg,
		char *fd_arg)
{
	const struct testpmd *tp = c->tp;
	char **argv = calloc((size_t)tp->eal_argc + 8, sizeof(char *));
	int i, n = 0, skip;

	if (argv == NULL)
		return NULL;
	argv[n++] = tp->eal_argv[0];
	for (i = 1; i < tp->eal_argc; i += skip ? skip : 1) {
		skip = churn_skip_arg(tp->eal_argv[i]);
		if (skip == 0)
			argv[n++] = tp->eal_argv[i];
	}
	argv[n++] = (char *)(uintptr_t)"--proc-type=secondary";
	argv[n++] = lcore;
	argv[n++] = (char *)(uintptr_t)"--";
	argv[n++] = churn_arg;
	argv[n++] = fd_arg;
	argv[n] = NULL;
	return argv;
}

static int
churn_spawn(struct churn *c)
{
	char lcore[32], churn_arg[96], fd_arg[48], exe[PATH_MAX];
	char **argv;
	int fds[2];
	ssize_t len;

	len = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (len <= 0 || pipe2(fds, O_CLOEXEC) < 0)
		return -errno;
	exe[len] = '\0';
	snprintf(lcore, sizeof(lcore), "-l%u", rte_get_main_lcore());
	snprintf(churn_arg, sizeof(churn_arg),
		"--hotplug-churn=size=%zu,period=%u", c->p.size,
		c->p.period_ms);
	snprintf(fd_arg, sizeof(fd_arg), "--churn-child=%d", fds[1]);
	argv = churn_child_argv(c, lcore, churn_arg, fd_arg);
	if (argv == NULL)
		goto fail;
	fflush(NULL);
	c->child = fork();
	if (c->child == 0) {
		/* the child dies with us, and keeps only the pipe's end */
		prctl(PR_SET_PDEATHSIG, SIGTERM);
		fcntl(fds[1], F_SETFD, 0);
		execv(exe, argv);
		_exit(127);
	}
	free(argv);
	if (c->child < 0)
		goto fail;
	close(fds[1]);
	c->rd_fd = fds[0];
	return 0;
fail:
	close(fds[0]);
	close(fds[1]);
	return -ENOMEM;
}

static void *
churn_reader(void *arg)
{
	struct churn *c = arg;
	char buf[4096], *line, *nl;
	size_t have = 0;
	ssize_t n;
	char kind;
	uint64_t ns;

	while ((n = read(c->rd_fd, buf + have, sizeof(buf) - 1 - have)) > 0) {
		have += (size_t)n;
		buf[have] = '\0';
		line = buf;
		while ((nl = strchr(line, '\n')) != NULL) {
			*nl = '\0';
			if (sscanf(line, "%c %" SCNu64, &kind, &ns) == 2)
				churn_record(c, kind, ns);
			line = nl + 1;
		}
		have = (size_t)(buf + have - line);
		memmove(buf, line, have);
	}
	return NULL;
}

/* SIGTERM lets it finish its cycle and free what it holds */
static void
churn_reap(struct churn *c)
{
	int status = 0, i;

	if (c->child <= 0)
		return;
	kill(c->child, SIGTERM);
	for (i = 0; i < 200; i++) {
		if (waitpid(c->child, &status, WNOHANG) == c->child)
			break;
		usleep(50 * 1000);
	}
	if (i == 200) {
		printf("hotplug-churn: secondary %d did not exit, killed\n",
			(int)c->child);
		kill(c->child, SIGKILL);
		waitpid(c->child, &status, 0);
	} else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		printf("hotplug-churn: secondary %d exited abnormally "
			"(status 0x%x)\n", (int)c->child, status);
	}
	c->child = 0;
	if (c->reader_running)
		pthread_join(c->reader, NULL);
	c->reader_running = false;
	close(c->rd_fd);
	c->rd_fd = -1;
}

/* ---------------------------------------------------------------------
 * the controller: phases and progress
 * --------------------------------------------------------------------- */

/* under the lock: "show hotplug churn" may read the marks meanwhile */
static void
churn_mark(struct churn *c, enum churn_mark m)
{
	uint64_t pkts = tp_fwd_packets(c->tp), tsc = rte_get_tsc_cycles();

	pthread_mutex_lock(&c->lock);
	c->mark_pkts[m] = pkts;
	c->mark_tsc[m] = tsc;
	c->marked[m] = true;
	pthread_mutex_unlock(&c->lock);
}

/* Mpps between two marks, < 0 when not measured */
static double
churn_rate(const struct churn *c, enum churn_mark a, enum churn_mark b)
{
	double secs;

	if (!c->marked[a] || !c->marked[b] || c->mark_tsc[b] <= c->mark_tsc[a])
		return -1;
	secs = (double)(c->mark_tsc[b] - c->mark_tsc[a]) /
		(double)rte_get_tsc_hz();
	if (secs < 0.2)
		return -1;
	return (double)(c->mark_pkts[b] - c->mark_pkts[a]) / secs / 1e6;
}

static void
churn_progress(struct churn *c, uint64_t *last_pkts, uint64_t *last_tsc)
{
	uint64_t pkts = tp_fwd_packets(c->tp), tsc = rte_get_tsc_cycles();
	double secs = (double)(tsc - *last_tsc) / (double)rte_get_tsc_hz();
	uint64_t cycles, nplug, nunplug;

	pthread_mutex_lock(&c->lock);
	cycles = c->cycles;
	nplug = c->plug.n;
	nunplug = c->unplug.n;
	pthread_mutex_unlock(&c->lock);
	printf("hotplug-churn: %" PRIu64 " cycles, %" PRIu64 " plug / %"
		PRIu64 " unplug calls, pages plugged %" PRIu64 " unplugged %"
		PRIu64 ", forwarding %.3f Mpps\n", cycles, nplug, nunplug,
		__atomic_load_n(&c->pages_plugged, __ATOMIC_RELAXED),
		__atomic_load_n(&c->pages_unplugged, __ATOMIC_RELAXED),
		secs > 0 ? (double)(pkts - *last_pkts) / secs / 1e6 : 0.0);
	fflush(stdout);
	*last_pkts = pkts;
	*last_tsc = tsc;
}

/* until stop, or the duration is over; progress once a second */
static void
churn_run(struct churn *c)
{
	struct churn_sink sink = { .c = c, .fd = -1, .stop = &c->stop };
	uint64_t hz = rte_get_tsc_hz(), start = rte_get_tsc_cycles();
	uint64_t end = c->p.duration_ms ?
		start + c->p.duration_ms * hz / 1000 : UINT64_MAX;
	uint64_t next = start + hz, last_pkts = tp_fwd_packets(c->tp);
	uint64_t last_tsc = start;

	while (!__atomic_load_n(&c->stop, __ATOMIC_RELAXED) &&
			rte_get_tsc_cycles() < end) {
		if (c->p.secondary)
			churn_nap(&c->stop, CHURN_TICK_MS);
		else
			churn_cycle(&sink, &c->p);
		if (rte_get_tsc_cycles() >= next) {
			churn_progress(c, &last_pkts, &last_tsc);
			next += hz;
		}
	}
}

static void *
churn_controller(void *arg)
{
	struct churn *c = arg;
	int ret;

	churn_mark(c, MARK_START);
	if (!churn_nap(&c->stop, c->p.warmup_ms))
		goto stopped;
	churn_mark(c, MARK_CHURN_ON);
	printf("hotplug-churn: forwarding before churn: %.3f Mpps; churning "
		"%zu MiB every %u ms (%s)\n",
		churn_rate(c, MARK_START, MARK_CHURN_ON), c->p.size >> 20,
		c->p.period_ms, c->p.secondary ? "secondary process" :
		"in-process");
	fflush(stdout);
	if (c->p.secondary) {
		ret = churn_spawn(c);
		if (ret == 0)
			c->reader_running = pthread_create(&c->reader, NULL,
				churn_reader, c) == 0;
		else
			printf("hotplug-churn: cannot start the secondary: "
				"%s\n", strerror(-ret));
	}
	churn_run(c);
	churn_reap(c);
	churn_mark(c, MARK_CHURN_OFF);
	printf("hotplug-churn: churn over, forwarding during churn: %.3f "
		"Mpps\n", churn_rate(c, MARK_CHURN_ON, MARK_CHURN_OFF));
	fflush(stdout);
	while (churn_nap(&c->stop, 1000))
		;
stopped:
	churn_mark(c, MARK_STOP);
	return NULL;
}

/* ---------------------------------------------------------------------
 * testpmd's entry points
 * --------------------------------------------------------------------- */

static struct churn *
churn_get(struct testpmd *tp)
{
	struct churn *c = tp->churn;

	if (c != NULL)
		return c;
	c = calloc(1, sizeof(*c));
	if (c == NULL)
		return NULL;
	c->tp = tp;
	c->p = tp->cfg.churn;
	c->rd_fd = -1;
	pthread_mutex_init(&c->lock, NULL);
	if (rte_mem_event_callback_register(CHURN_CB_NAME, churn_mem_event,
			c) == 0)
		c->cb_registered = true;
	else if (rte_errno == ENOTSUP)
		tp->static_mem = true;
	else
		printf("hotplug-churn: no memory event callback (%s): pages "
			"plugged will not be counted\n",
			rte_strerror(rte_errno));
	tp->churn = c;
	return c;
}

/* figures restart with each "start" so that the phases line up */
static void
churn_reset(struct churn *c)
{
	c->plug.n = c->unplug.n = 0;
	c->cycles = c->served = c->failed = 0;
	c->ev_plug = c->ev_unplug = 0;
	c->pages_plugged = c->pages_unplugged = 0;
	memset(c->marked, 0, sizeof(c->marked));
	c->stop = 0;
}

int
tp_churn_start(struct testpmd *tp)
{
	struct churn *c = churn_get(tp);

	if (c == NULL)
		return -ENOMEM;
	churn_reset(c);
	if (tp->static_mem)
		printf("hotplug-churn: memory is static (--legacy-mem): "
			"nothing can be plugged or unplugged; churn "
			"reservations come from the static memory or fail\n");
	/* on the control cpus, away from the forwarding lcores */
	if (rte_ctrl_thread_create(&c->ctl, "churn-ctl", NULL,
			churn_controller, c) != 0) {
		printf("hotplug-churn: cannot create the controller thread\n");
		return -EAGAIN;
	}
	c->ctl_running = true;
	return 0;
}

void
tp_churn_stop(struct testpmd *tp)
{
	struct churn *c = tp->churn;

	if (c == NULL || !c->ctl_running)
		return;
	__atomic_store_n(&c->stop, 1, __ATOMIC_RELAXED);
	pthread_join(c->ctl, NULL);
	c->ctl_running = false;
}

static void
churn_show_rates(const struct churn *c)
{
	double before = churn_rate(c, MARK_START, MARK_CHURN_ON);
	double during = churn_rate(c, MARK_CHURN_ON, MARK_CHURN_OFF);
	double after = churn_rate(c, MARK_CHURN_OFF, MARK_STOP);

	printf("  forwarding rate: before ");
	before < 0 ? printf("n/a") : printf("%.3f Mpps", before);
	printf(", during ");
	during < 0 ? printf("n/a") : printf("%.3f Mpps", during);
	if (before > 0 && during >= 0)
		printf(" (%.1f%%)", 100.0 * during / before);
	printf(", after ");
	after < 0 ? printf("n/a\n") : printf("%.3f Mpps\n", after);
}

void
tp_churn_show(struct testpmd *tp)
{
	struct churn *c = tp->churn;

	if (c == NULL) {
		printf("hotplug-churn: not enabled (--hotplug-churn)\n");
		return;
	}
	pthread_mutex_lock(&c->lock);
	printf("\n  ======== Hot-plug churn: %zu MiB every %u ms, %s "
		"========\n",
		c->p.size >> 20, c->p.period_ms,
		c->p.secondary ? "secondary process" : "in-process");
	printf("  cycles: %" PRIu64 ", reservations that plugged pages: %zu, "
		"served without plugging: %" PRIu64 ", failed: %" PRIu64 "\n",
		c->cycles, c->plug.n, c->served, c->failed);
	if (tp->static_mem)
		printf("  memory is static (--legacy-mem): 0 pages plugged, "
			"0 unplugged\n");
	else
		printf("  memory events: %" PRIu64 " plug (%" PRIu64 " pages "
			"plugged), %" PRIu64 " unplug (%" PRIu64 " pages "
			"unplugged)\n",
			__atomic_load_n(&c->ev_plug, __ATOMIC_RELAXED),
			__atomic_load_n(&c->pages_plugged, __ATOMIC_RELAXED),
			__atomic_load_n(&c->ev_unplug, __ATOMIC_RELAXED),
			__atomic_load_n(&c->pages_unplugged,
				__ATOMIC_RELAXED));
	lat_print("plug latency:", &c->plug);
	lat_print("unplug latency:", &c->unplug);
	churn_show_rates(c);
	pthread_mutex_unlock(&c->lock);
	fflush(stdout);
}

void
tp_churn_free(struct testpmd *tp)
{
	struct churn *c = tp->churn;

	if (c == NULL)
		return;
	tp_churn_stop(tp);
	if (c->cb_registered)
		rte_mem_event_callback_unregister(CHURN_CB_NAME, c);
	free(c->plug.ns);
	free(c->unplug.ns);
	pthread_mutex_destroy(&c->lock);
	free(c);
	tp->churn = NULL;
}

/* the secondary: cycles until SIGTERM or until the primary is gone */
int
tp_churn_child_main(struct testpmd *tp)
{
	struct churn_sink sink = { .c = NULL };
	char *end;
	long fd;

	fd = strtol(tp->cfg.churn_child, &end, 10);
	if (*end != '\0' || fd < 0 || fd > INT_MAX || !tp->cfg.churn_on) {
		fprintf(stderr, "testpmd: --churn-child=FD is internal and "
			"needs --hotplug-churn\n");
		return -EINVAL;
	}
	signal(SIGPIPE, SIG_IGN);
	sink.fd = (int)fd;
	/* SIGTERM raises it, and so does a write to a closed pipe */
	sink.stop = &tp_quit_signal;
	while (!tp_quitting())
		churn_cycle(&sink, &tp->cfg.churn);
	close(sink.fd);
	return 0;
}
