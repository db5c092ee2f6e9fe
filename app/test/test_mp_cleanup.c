/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Nothing is left behind when the last process of a group exits (suite
 * mp). This test starts a whole group of its own, primary included, as
 * separate processes under a prefix of its own, stops or kills them in
 * each order, and then looks at the hugetlbfs mount and at the group's
 * runtime dir. Members report and are stopped through files in a control
 * dir named by MPC_DIR in their environment.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_malloc.h>

#include "eal_internal_cfg.h"
#include "test.h"

#define MPC_DIR_ENV "MPC_DIR"
#define MPC_KEEP_ENV "MPC_KEEP" /* members exit with their block plugged */
#define MPC_BLOCK (8u << 20)
#define MPC_WAIT_MS 30000
#define MPC_MAX_MEMBERS 4

static uint64_t
mpc_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

/* 0, or -ENAMETOOLONG when the path does not fit */
static int
mpc_flag_path(char *buf, size_t len, const char *dir, int pid,
		const char *what)
{
	int n = snprintf(buf, len, "%s/%d.%s", dir, pid, what);

	return n < 0 || (size_t)n >= len ? -ENAMETOOLONG : 0;
}

static int
mpc_touch(const char *dir, int pid, const char *what)
{
	char path[PATH_MAX];
	int fd;

	if (mpc_flag_path(path, sizeof(path), dir, pid, what) != 0)
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static bool
mpc_flag_set(const char *dir, int pid, const char *what)
{
	char path[PATH_MAX];

	return mpc_flag_path(path, sizeof(path), dir, pid, what) == 0 &&
		access(path, F_OK) == 0;
}

/* ---------------------------------------------------------------------- */
/* member side: any role of the group                                     */

/*
 * Plug memory (a secondary through the primary), say so, wait to be told
 * to stop (or for the tester to vanish), then free and return: the test
 * runner's rte_eal_cleanup() and exit follow.
 */
static int
test_mp_cleanup_member(void)
{
	const char *dir = getenv(MPC_DIR_ENV);
	size_t len = eal_get_internal_configuration()->legacy_mem ?
		(256u << 10) : MPC_BLOCK;
	pid_t parent = getppid();
	void *p;

	if (dir == NULL)
		return TEST_FAILED;
	p = rte_malloc(NULL, len, 0);
	if (p == NULL) {
		printf("member %d: rte_malloc: %s\n", getpid(),
			rte_strerror(rte_errno));
		return TEST_FAILED;
	}
	memset(p, 0xa5, len);
	if (mpc_touch(dir, getpid(), "ready") < 0)
		return TEST_FAILED;
	while (!mpc_flag_set(dir, getpid(), "stop") && kill(parent, 0) == 0)
		usleep(1000);
	/* with its primary gone, a secondary's heap is only a memory */
	if (getenv(MPC_KEEP_ENV) == NULL && (rte_eal_process_type() ==
			RTE_PROC_PRIMARY || rte_eal_primary_proc_alive(NULL)))
		rte_free(p);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(mp_cleanup_member, test_mp_cleanup_member);

/* ---------------------------------------------------------------------- */
/* tester side                                                            */

struct mpc_group {
	char ctl[PATH_MAX];        /* control dir */
	char prefix[NAME_MAX];     /* the group's --file-prefix */
	char prefix_arg[NAME_MAX + 16];
	char runtime[PATH_MAX];    /* the group's runtime dir */
	const char *extra;         /* one more EAL option, or NULL */
	int pids[MPC_MAX_MEMBERS]; /* [0] primary */
	int n;
};

static int
mpc_group_init(struct mpc_group *g, const char *tag, const char *extra)
{
	const char *ours = rte_eal_get_runtime_dir();
	const char *slash = strrchr(ours, '/');

	memset(g, 0, sizeof(*g));
	g->extra = extra;
	snprintf(g->ctl, sizeof(g->ctl), "/tmp/mpc-%d-XXXXXX", getpid());
	if (mkdtemp(g->ctl) == NULL || slash == NULL)
		return -1;
	snprintf(g->prefix, sizeof(g->prefix), "%s_mpc_%s",
		test_file_prefix(), tag);
	snprintf(g->prefix_arg, sizeof(g->prefix_arg), "--file-prefix=%s",
		g->prefix);
	snprintf(g->runtime, sizeof(g->runtime), "%.*s/%s",
		(int)(slash - ours), ours, g->prefix);
	return setenv(MPC_DIR_ENV, g->ctl, 1);
}

/* remove the control dir and its flags */
static void
mpc_group_fini(struct mpc_group *g)
{
	struct dirent *e;
	DIR *d = opendir(g->ctl);

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL)
		if (e->d_name[0] != '.')
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	rmdir(g->ctl);
	unsetenv(MPC_DIR_ENV);
	unsetenv(MPC_KEEP_ENV);
}

/* 0 once pid raised the flag; -1 if it exited (reaped) or took too long */
static int
mpc_wait_flag(struct mpc_group *g, int pid, const char *what)
{
	uint64_t end = mpc_now_ms() + MPC_WAIT_MS;
	int st;

	while (!mpc_flag_set(g->ctl, pid, what)) {
		if (waitpid(pid, &st, WNOHANG) == pid)
			return -1;
		if (mpc_now_ms() > end) {
			kill(pid, SIGKILL);
			test_wait_child(pid);
			return -1;
		}
		usleep(1000);
	}
	return 0;
}

/*
 * Start one member (the first is the primary) and wait until it is up. A
 * secondary may fail to attach when ASLR put something of its own where
 * the primary's memory is (it says so); that limit of every secondary is
 * not what is tested here, so such a member is started again.
 */
static int
mpc_start(struct mpc_group *g)
{
	const char *args[6];
	const struct internal_config *cfg = eal_get_internal_configuration();
	int n = 0, pid, attempt;

	/* the group runs the memory model of this test's row */
	args[n++] = g->n == 0 ? "--proc-type=primary" :
		"--proc-type=secondary";
	args[n++] = g->prefix_arg;
	if (cfg->legacy_mem)
		args[n++] = "--legacy-mem";
	if (cfg->single_file_segments)
		args[n++] = "--single-file-segments";
	if (g->extra != NULL)
		args[n++] = g->extra;
	args[n] = NULL;
	for (attempt = 0; attempt < (g->n == 0 ? 1 : 4); attempt++) {
		pid = test_spawn_child("mp_cleanup_member", args);
		if (pid < 0)
			return -1;
		if (mpc_wait_flag(g, pid, "ready") == 0) {
			g->pids[g->n++] = pid;
			return 0;
		}
		printf("member %d of group %s did not come up\n", pid,
			g->prefix);
	}
	return -1;
}

/* stop member i and wait for it; its exit status */
static int
mpc_stop(struct mpc_group *g, int i)
{
	int st;

	if (g->pids[i] <= 0)
		return 0;
	mpc_touch(g->ctl, g->pids[i], "stop");
	st = test_wait_child(g->pids[i]);
	g->pids[i] = 0;
	return st;
}

static void
mpc_kill(struct mpc_group *g, int i)
{
	if (g->pids[i] <= 0)
		return;
	kill(g->pids[i], SIGKILL);
	test_wait_child(g->pids[i]);
	g->pids[i] = 0;
}

/* files of the group's prefix in the hugetlbfs mount; with rm, removed */
static int
mpc_huge_files(const struct mpc_group *g, bool rm)
{
	const char *dir = eal_get_internal_configuration()->hugepage_info[0]
			.hugedir;
	size_t plen = strlen(g->prefix);
	struct dirent *e;
	int n = 0;
	DIR *d = opendir(dir);

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL) {
		if (strncmp(e->d_name, g->prefix, plen) != 0 ||
				strncmp(e->d_name + plen, "map_", 4) != 0)
			continue;
		n++;
		if (rm)
			unlinkat(dirfd(d), e->d_name, 0);
	}
	closedir(d);
	return n;
}

/* nothing of the group is left: no hugepage file, no runtime dir */
static int
mpc_nothing_left(struct mpc_group *g, const char *when)
{
	int files = mpc_huge_files(g, false);
	struct stat st;

	TEST_ASSERT_EQUAL(files, 0, "%s: %d hugepage file(s) of %s left",
		when, files, g->prefix);
	TEST_ASSERT(stat(g->runtime, &st) != 0 && errno == ENOENT,
		"%s: runtime dir %s left", when, g->runtime);
	return TEST_SUCCESS;
}

/* whatever a failed case left: kill the members, remove their files */
static void
mpc_reap(struct mpc_group *g)
{
	char cmd[PATH_MAX + 16];
	int i;

	for (i = g->n - 1; i >= 0; i--)
		mpc_kill(g, i);
	mpc_huge_files(g, true);
	if (access(g->runtime, F_OK) == 0) {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", g->runtime);
		if (system(cmd) != 0)
			printf("cannot remove %s\n", g->runtime);
	}
	mpc_group_fini(g);
}

/* a primary, nsec secondaries; the start of every case */
static int
mpc_group_up(struct mpc_group *g, const char *tag, const char *extra,
		int nsec)
{
	int i;

	if (mpc_group_init(g, tag, extra) < 0)
		return -1;
	for (i = 0; i <= nsec; i++)
		if (mpc_start(g) < 0)
			return -1;
	return 0;
}

/* secondaries leave first, the primary last */
static int
test_primary_last(void)
{
	struct mpc_group g;
	int ret = TEST_FAILED;

	if (mpc_group_up(&g, "plast", NULL, 2) < 0)
		goto out;
	if (mpc_stop(&g, 2) != 0 || mpc_stop(&g, 1) != 0 ||
			mpc_stop(&g, 0) != 0)
		goto out;
	ret = mpc_nothing_left(&g, "primary last");
out:
	mpc_reap(&g);
	return ret;
}

/* the primary leaves while secondaries still map its memory */
static int
test_secondary_last(void)
{
	struct mpc_group g;
	int ret = TEST_FAILED;

	if (mpc_group_up(&g, "slast", NULL, 2) < 0)
		goto out;
	if (mpc_stop(&g, 0) != 0 || mpc_stop(&g, 1) != 0 ||
			mpc_stop(&g, 2) != 0)
		goto out;
	ret = mpc_nothing_left(&g, "secondary last");
out:
	mpc_reap(&g);
	return ret;
}

/* a secondary is SIGKILLed; the others leave normally, primary last */
static int
test_killed_secondary(void)
{
	struct mpc_group g;
	int ret = TEST_FAILED;

	if (mpc_group_up(&g, "kill", NULL, 2) < 0)
		goto out;
	mpc_kill(&g, 1);
	if (mpc_stop(&g, 2) != 0 || mpc_stop(&g, 0) != 0)
		goto out;
	ret = mpc_nothing_left(&g, "after a killed secondary");
out:
	mpc_reap(&g);
	return ret;
}

/* a secondary is SIGKILLed after the primary left; the last one cleans */
static int
test_killed_secondary_after_primary(void)
{
	struct mpc_group g;
	int ret = TEST_FAILED;

	if (mpc_group_up(&g, "kill2", NULL, 2) < 0)
		goto out;
	if (mpc_stop(&g, 0) != 0)
		goto out;
	mpc_kill(&g, 1);
	if (mpc_stop(&g, 2) != 0)
		goto out;
	ret = mpc_nothing_left(&g, "killed secondary, primary gone");
out:
	mpc_reap(&g);
	return ret;
}

/*
 * --huge-unlink=never: the files of pages still plugged at exit stay, by
 * request (the test removes them); the runtime dir goes all the same
 */
static int
test_huge_unlink_never(void)
{
	struct mpc_group g;
	struct stat st;
	int ret = TEST_FAILED, files;

	if (setenv(MPC_KEEP_ENV, "1", 1) != 0 ||
			mpc_group_up(&g, "never", "--huge-unlink=never", 1) < 0)
		goto out;
	if (mpc_stop(&g, 1) != 0 || mpc_stop(&g, 0) != 0)
		goto out;
	files = mpc_huge_files(&g, false);
	if (files <= 0) {
		printf("--huge-unlink=never: no hugepage file kept\n");
		goto out;
	}
	if (stat(g.runtime, &st) == 0) {
		printf("--huge-unlink=never: runtime dir %s left\n",
			g.runtime);
		goto out;
	}
	ret = TEST_SUCCESS;
out:
	mpc_reap(&g);
	return ret;
}

static int
mpc_setup(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();

	if (rte_eal_process_type() != RTE_PROC_PRIMARY ||
			!test_have_hugepages() || cfg->no_shconf ||
			cfg->in_memory || cfg->num_hugepage_sizes == 0) {
		printf("needs a primary with hugepages and shared config\n");
		return TEST_SKIPPED;
	}
	return TEST_SUCCESS;
}

static struct unit_test_suite mp_cleanup_suite = {
	.suite_name = "multi-process cleanup at exit",
	.setup = mpc_setup,
	.unit_test_cases = {
		TEST_CASE(test_primary_last),
		TEST_CASE(test_secondary_last),
		TEST_CASE(test_killed_secondary),
		TEST_CASE(test_killed_secondary_after_primary),
		TEST_CASE(test_huge_unlink_never),
		TEST_CASES_END()
	}
};

static int
test_mp_cleanup(void)
{
	return unit_test_suite_runner(&mp_cleanup_suite);
}

REGISTER_TEST_COMMAND(mp_cleanup_autotest, test_mp_cleanup);
