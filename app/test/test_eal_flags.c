/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * eal_flags_autotest: every EAL option, accepted and refused, each in a real
 * child process. A good option must let rte_eal_init() succeed (and show
 * its effect, which the child prints); a bad one must make it fail with
 * exit status 1 and ONE error line "EAL: option <name>: ...; expected ...".
 * After every child, nothing may be left: no runtime dir for its prefix, no
 * hugepage file with its prefix, no child process.
 *
 * eal_flags_huge_autotest: the same for options that need hugepages.
 * eal_flags_mp_autotest: --proc-type with a live primary.
 * eal_init_perf_autotest: wall time of init+cleanup, from child runs.
 */
#include <dirent.h>
#include <fcntl.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>
#include <rte_lcore.h>
#include <rte_service.h>
#include <rte_vect.h>

#include "test.h"

#define FLAGS_MAX_ARGS 16
#define FLAGS_OUT_MAX 65536
#define FLAGS_RELEASE_ENV "EALFLAGS_RELEASE"
#define FLAGS_PERF_RUNS 15

/* one child run: args, expected exit status and what its output shows */
struct flags_case {
	const char *args[FLAGS_MAX_ARGS]; /* EAL args, NULL-terminated */
	int status;                       /* 0 accepted, 1 refused */
	const char *names;   /* refused: "option <names>:" must be printed */
	const char *shows;   /* the child's output contains this */
};

/* ---------------------------------------------------------------------
 * the child side
 * --------------------------------------------------------------------- */

static const char *
iova_name(enum rte_iova_mode m)
{
	return m == RTE_IOVA_PA ? "PA" : m == RTE_IOVA_VA ? "VA" : "DC";
}

/* what the parent checks: the effect of the options */
static int
test_eal_flags_child(void)
{
	const char *ops = rte_eal_mbuf_user_pool_ops();
	char *argv[] = { (char *)(uintptr_t)"again", NULL };

	printf("EALFLAGS lcores=%u main=%u iova=%s proc=%s huge=%d pci=%d "
		"ops=%s rundir=%s slcores=%d simd=%u\n", rte_lcore_count(),
		rte_get_main_lcore(), iova_name(rte_eal_iova_mode()),
		rte_eal_process_type() == RTE_PROC_PRIMARY ? "primary" :
		"secondary", rte_eal_has_hugepages(), rte_eal_has_pci(),
		ops != NULL ? ops : "-", rte_eal_get_runtime_dir(),
		rte_service_lcore_count(), rte_vect_get_max_simd_bitwidth());
	/* a second init must be refused and change nothing */
	TEST_ASSERT(rte_eal_init(1, argv) == -1 && rte_errno == EALREADY,
		"second rte_eal_init() not refused with EALREADY");
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(eal_flags_child_autotest, test_eal_flags_child);

/* a primary that stays up until the parent creates the release file */
static int
test_eal_flags_hold(void)
{
	const char *release = getenv(FLAGS_RELEASE_ENV);
	const struct timespec step = { 0, 5 * 1000 * 1000 };
	int i;

	TEST_ASSERT_NOT_NULL(release, FLAGS_RELEASE_ENV " not set");
	for (i = 0; i < 4000 && access(release, F_OK) != 0; i++)
		nanosleep(&step, NULL);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(eal_flags_hold_autotest, test_eal_flags_hold);

static int
test_eal_flags_noop(void)
{
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(eal_flags_noop_autotest, test_eal_flags_noop);

/* ---------------------------------------------------------------------
 * running a child and capturing what it prints
 * --------------------------------------------------------------------- */

/* run test_name in a child with args; its stdout+stderr land in out */
static int
run_captured(const char *test_name, const char *const args[], char *out,
		size_t outlen)
{
	int cap, saved_out, saved_err, status;
	ssize_t n;

	out[0] = '\0';
	cap = memfd_create("eal_flags_out", MFD_CLOEXEC);
	if (cap < 0)
		return -1;
	fflush(stdout);
	fflush(stderr);
	saved_out = dup(STDOUT_FILENO);
	saved_err = dup(STDERR_FILENO);
	dup2(cap, STDOUT_FILENO);
	dup2(cap, STDERR_FILENO);
	status = test_run_child(test_name, args);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, STDOUT_FILENO);
	dup2(saved_err, STDERR_FILENO);
	close(saved_out);
	close(saved_err);
	n = pread(cap, out, outlen - 1, 0);
	out[n > 0 ? n : 0] = '\0';
	close(cap);
	return status;
}

/* ---------------------------------------------------------------------
 * what must not be left behind
 * --------------------------------------------------------------------- */

static void
runtime_dir_of(const char *prefix, char *buf, size_t len)
{
	const char *xdg = getenv("XDG_RUNTIME_DIR");
	const char *base = "/var/run";

	if (getuid() != 0)
		base = xdg != NULL && xdg[0] == '/' ? xdg : "/tmp";
	snprintf(buf, len, "%s/dpdk/%s", base, prefix);
}

/* a file named <prefix>map_* in any hugetlbfs mount, or NULL */
static const char *
hugefile_left(const char *prefix, char *buf, size_t len)
{
	char dev[256], dir[PATH_MAX], type[64];
	size_t plen = strlen(prefix);
	FILE *f = fopen("/proc/mounts", "r");
	const char *found = NULL;

	if (f == NULL)
		return NULL;
	while (found == NULL && fscanf(f, "%255s %4095s %63s %*[^\n]",
			dev, dir, type) == 3) {
		DIR *d;
		struct dirent *e;

		if (strcmp(type, "hugetlbfs") != 0)
			continue;
		d = opendir(dir);
		while (d != NULL && (e = readdir(d)) != NULL) {
			if (strncmp(e->d_name, prefix, plen) != 0 ||
					strncmp(e->d_name + plen, "map_", 4) != 0)
				continue;
			if (snprintf(buf, len, "%s/%s", dir, e->d_name) >=
					(int)len)
				continue;
			found = buf;
			break;
		}
		if (d != NULL)
			closedir(d);
	}
	fclose(f);
	return found;
}

/* pid of a process whose parent is us, or 0 */
static int
child_left(void)
{
	char path[300], buf[512];
	DIR *d = opendir("/proc");
	struct dirent *e;
	int ppid, found = 0;
	FILE *f;

	while (d != NULL && found == 0 && (e = readdir(d)) != NULL) {
		if (e->d_name[0] < '0' || e->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/stat", e->d_name);
		f = fopen(path, "r");
		if (f == NULL)
			continue;
		/* the comm field may hold spaces: parse after its ')' */
		if (fgets(buf, sizeof(buf), f) != NULL && strrchr(buf, ')') &&
				sscanf(strrchr(buf, ')') + 2, "%*c %d", &ppid) == 1 &&
				ppid == getpid())
			found = atoi(e->d_name);
		fclose(f);
	}
	if (d != NULL)
		closedir(d);
	return found;
}

static int
check_nothing_left(const char *prefix)
{
	char path[PATH_MAX], file[PATH_MAX];
	struct stat st;
	int pid;

	runtime_dir_of(prefix, path, sizeof(path));
	TEST_ASSERT(stat(path, &st) != 0, "runtime dir %s left behind", path);
	TEST_ASSERT_NULL(hugefile_left(prefix, file, sizeof(file)),
		"hugepage file %s left behind", file);
	pid = child_left();
	TEST_ASSERT(pid == 0, "child process %d left behind", pid);
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * one case
 * --------------------------------------------------------------------- */

/* the error line must name the option, say what was expected, be alone */
static int
check_error_line(const char *out, const char *opt)
{
	char want[96];
	const char *line, *p;
	int lines = 0;

	snprintf(want, sizeof(want), "EAL: option %s: ", opt);
	line = strstr(out, want);
	TEST_ASSERT_NOT_NULL(line, "no line '%s...' in:\n%s", want, out);
	p = strchr(line, '\n');
	TEST_ASSERT(p != NULL && memmem(line, (size_t)(p - line),
		"; expected ", 11) != NULL,
		"error line lacks '; expected': %.*s", (int)(p ? p - line : 80),
		line);
	for (p = out; (p = strstr(p, "EAL: option ")) != NULL; p++)
		lines++;
	TEST_ASSERT_EQUAL(lines, 1, "%d option error lines in:\n%s", lines,
		out);
	return TEST_SUCCESS;
}

static bool
case_has_arg(const struct flags_case *c, const char *opt)
{
	size_t len = strlen(opt);
	int i;

	for (i = 0; c->args[i] != NULL; i++)
		if (strncmp(c->args[i], opt, len) == 0)
			return true;
	return false;
}

/* build argv: our prefix unless the case has one, the hugedir if set */
static const char *
case_argv(const struct flags_case *c, const char **argv, char *prefix_arg,
		size_t plen, char *huge_arg, size_t hlen, unsigned int idx)
{
	const char *prefix = NULL;
	int n = 0, i;

	if (!case_has_arg(c, "--file-prefix")) {
		snprintf(prefix_arg, plen, "--file-prefix=efl%d_%u",
			(int)getpid(), idx);
		argv[n++] = prefix_arg;
		prefix = prefix_arg + strlen("--file-prefix=");
	}
	if (test_huge_dir() != NULL && !case_has_arg(c, "--no-huge") &&
			!case_has_arg(c, "--huge-dir")) {
		snprintf(huge_arg, hlen, "--huge-dir=%s", test_huge_dir());
		argv[n++] = huge_arg;
	}
	for (i = 0; c->args[i] != NULL && n < FLAGS_MAX_ARGS + 1; i++) {
		argv[n++] = c->args[i];
		/* an empty prefix is refused before anything is created */
		if (strncmp(c->args[i], "--file-prefix=", 14) == 0)
			prefix = c->args[i][14] != '\0' ? c->args[i] + 14 : NULL;
	}
	argv[n] = NULL;
	return prefix;
}

static int
run_case(const struct flags_case *c, unsigned int idx, char *out)
{
	const char *argv[FLAGS_MAX_ARGS + 3];
	char prefix_arg[64], huge_arg[PATH_MAX + 16];
	const char *prefix;
	int status;

	prefix = case_argv(c, argv, prefix_arg, sizeof(prefix_arg), huge_arg,
			sizeof(huge_arg), idx);
	status = run_captured("eal_flags_child_autotest", argv, out,
			FLAGS_OUT_MAX);
	TEST_ASSERT_EQUAL(status, c->status,
		"case %u (%s %s ...): exit %d, expected %d; output:\n%s", idx,
		c->args[0], c->args[1] ? c->args[1] : "", status, c->status,
		out);
	if (c->status != 0 && c->names != NULL &&
			check_error_line(out, c->names) != TEST_SUCCESS) {
		printf("  in case %u (%s)\n", idx, c->args[0]);
		return TEST_FAILED;
	}
	if (c->shows != NULL)
		TEST_ASSERT_NOT_NULL(strstr(out, c->shows),
			"case %u (%s): '%s' not in:\n%s", idx, c->args[0],
			c->shows, out);
	if (prefix != NULL && check_nothing_left(prefix) != TEST_SUCCESS) {
		printf("  after case %u (%s)\n", idx, c->args[0]);
		return TEST_FAILED;
	}
	return TEST_SUCCESS;
}

static int
run_cases(const struct flags_case *cases, unsigned int n)
{
	char *out = malloc(FLAGS_OUT_MAX);
	unsigned int i;
	int ret = TEST_SUCCESS;

	TEST_ASSERT_NOT_NULL(out, "out of memory");
	for (i = 0; i < n && ret == TEST_SUCCESS; i++)
		ret = run_case(&cases[i], i, out);
	free(out);
	return ret;
}

#define OK(shows, ...) { { __VA_ARGS__, NULL }, 0, NULL, shows }
#define BAD(opt, ...) { { __VA_ARGS__, NULL }, 1, opt, NULL }
/* refused after parsing (by the step that uses it): the log names it */
#define BAD_LATER(shows, ...) { { __VA_ARGS__, NULL }, 1, NULL, shows }

/* ---------------------------------------------------------------------
 * cases without hugepages
 * --------------------------------------------------------------------- */

static const struct flags_case lcore_cases[] = {
	OK("main=0 ", "--no-huge", "-l", "0"),
	OK("lcores=1 main=0 ", "--no-huge", "-l0"),
	OK("lcores=1 ", "--no-huge", "-c", "0x1"),
	OK("lcores=1 ", "--no-huge", "-c", "1"),
	OK("lcores=1 ", "--no-huge", "--lcores", "0"),
	OK("lcores=1 ", "--no-huge", "--lcores=0@0"),
	OK("lcores=2 main=5 ", "--no-huge", "--lcores", "5@0,(6)@(0)",
		"--main-lcore", "5"),
	OK("lcores=3 main=1 ", "--no-huge", "--lcores=(1-3)@0"),
	BAD("-l", "--no-huge", "-l", "abc"),
	BAD("-l", "--no-huge", "-l", "100000"),
	BAD("-l", "--no-huge", "-l", "0-"),
	BAD("-l", "--no-huge", "-l"),
	BAD("-l", "--no-huge", "-l", "1023"),
	BAD("-c", "--no-huge", "-c", "0"),
	BAD("-c", "--no-huge", "-c", "0xzz"),
	BAD("-c", "--no-huge", "-l", "0", "-c", "1"),
	BAD("--lcores", "--no-huge", "--lcores", "0@100000"),
	BAD("--lcores", "--no-huge", "--lcores", "0,0"),
	BAD("--lcores", "--no-huge", "--lcores", "(0-1@0"),
	BAD("--lcores", "--no-huge", "--lcores", "0@"),
	BAD("--main-lcore", "--no-huge", "-l", "0", "--main-lcore", "5"),
	BAD("--main-lcore", "--no-huge", "--main-lcore", "x"),
	BAD("--main-lcore", "--no-huge", "--main-lcore", "100000"),
};

/* base addresses high enough to be free under ASan's shadow too */
static const struct flags_case memory_cases[] = {
	OK(NULL, "--no-huge", "-n", "4"),
	OK(NULL, "--no-huge", "-r", "2"),
	OK("huge=0 ", "--no-huge", "-m", "64"),
	OK(NULL, "--no-huge", "--legacy-mem", "-m", "32"),
	OK(NULL, "--no-huge", "--single-file-segments"),
	OK(NULL, "--no-huge", "--socket-limit", "1024"),
	OK(NULL, "--no-huge", "--in-memory"),
	OK(NULL, "--no-huge", "--no-shconf"),
	OK(NULL, "--no-huge", "--in-memory", "--huge-unlink=always"),
	OK("iova=VA ", "--no-huge", "--iova-mode=va"),
	OK(NULL, "--no-huge", "--base-virtaddr", "0x200000000000"),
	BAD("-n", "--no-huge", "-n", "0"),
	BAD("-n", "--no-huge", "-n", "many"),
	BAD("-r", "--no-huge", "-r", "99"),
	BAD("-m", "--no-huge", "-m", "0"),
	BAD("-m", "--no-huge", "-m", "12abc"),
	BAD("-m", "--no-huge", "-m", "-5"),
	BAD("--socket-mem", "--no-huge", "--socket-mem", "64"),
	BAD("--socket-mem", "-m", "64", "--socket-mem", "64"),
	BAD("--socket-mem", "--socket-mem", "64,,64"),
	BAD("--socket-mem", "--socket-mem", "x"),
	BAD("--socket-mem", "--socket-mem", "1,1,1,1,1,1,1,1,1"),
	BAD("--socket-limit", "--socket-limit", "64", "--legacy-mem"),
	BAD("--socket-limit", "--socket-limit", "zz"),
	BAD("--socket-limit", "--socket-mem", "128", "--socket-limit", "64"),
	BAD("--no-huge", "--no-huge=yes"),
	BAD("--huge-unlink", "--no-huge", "--huge-unlink"),
	BAD("--huge-unlink", "--huge-unlink=sometimes"),
	BAD("--huge-unlink", "--in-memory", "--huge-unlink=never"),
	BAD("--huge-unlink", "--single-file-segments",
		"--huge-unlink=always"),
	BAD("--legacy-mem", "--legacy-mem", "--in-memory"),
	BAD("--match-allocations", "--legacy-mem", "--match-allocations"),
	BAD("--match-allocations", "--no-huge", "--match-allocations"),
	BAD("--huge-dir", "--huge-dir="),
	BAD("--iova-mode", "--no-huge", "--iova-mode=xx"),
	BAD("--iova-mode", "--no-huge", "--iova-mode"),
	BAD("--base-virtaddr", "--no-huge", "--base-virtaddr", "zz"),
	BAD("--base-virtaddr", "--no-huge", "--base-virtaddr", "0"),
};

static const struct flags_case misc_cases[] = {
	OK("proc=primary ", "--no-huge", "--proc-type=primary"),
	OK("proc=primary ", "--no-huge", "--proc-type", "auto"),
	OK("rundir=/", "--no-huge", "--file-prefix=eflx"),
	OK(NULL, "--no-huge", "--vdev", "net_null0",
		"--vdev=net_null1,size=64"),
	OK("pci=0 ", "--no-huge", "--no-pci"),
	OK(NULL, "--no-huge", "-a", "0000:00:01.0", "-b", "0000:00:02.0"),
	OK(NULL, "--no-huge", "--allow=0000:00:01.0",
		"--block", "0000:00:02.0"),
	OK(NULL, "--no-huge", "--log-level", "7"),
	OK(NULL, "--no-huge", "--log-level=eal:debug"),
	OK("ops=ring_sp_sc ", "--no-huge", "--mbuf-pool-ops-name",
		"ring_sp_sc"),
	OK(NULL, "--no-huge", "--telemetry"),
	OK(NULL, "--no-huge", "--no-telemetry"),
	OK("RTE Version", "--no-huge", "-v"),
	OK("--base-virtaddr", "--no-huge", "-h"),
	OK("--mbuf-pool-ops-name", "--no-huge", "--help"),
	OK("EALFLAGS ", "--no-huge", "--"),
	BAD("--proc-type", "--no-huge", "--proc-type=bogus"),
	BAD("--proc-type", "--proc-type=secondary", "--in-memory"),
	BAD("--file-prefix", "--no-huge", "--file-prefix=a/b"),
	BAD("--file-prefix", "--no-huge", "--file-prefix="),
	BAD("--vdev", "--no-huge", "--vdev", ",x=1"),
	BAD("-a", "--no-huge", "-a", ""),
	BAD("--log-level", "--no-huge", "--log-level", "eal:nonsense"),
	BAD("--mbuf-pool-ops-name", "--no-huge", "--mbuf-pool-ops-name="),
	BAD("--bogus", "--no-huge", "--bogus"),
	BAD("--bogus", "--no-huge", "--bogus=1"),
	BAD("-x", "--no-huge", "-x"),
	BAD("--telemetry", "--no-huge", "--telemetry=1"),
	OK("simd=256\n", "--no-huge", "--force-max-simd-bitwidth", "256"),
	OK("simd=64\n", "--no-huge", "--force-max-simd-bitwidth=64"),
	BAD("--force-max-simd-bitwidth", "--no-huge",
		"--force-max-simd-bitwidth=100"),
	BAD("--force-max-simd-bitwidth", "--no-huge",
		"--force-max-simd-bitwidth", "32"),
	/* service lcores leave the enabled lcores; several may share a CPU */
	OK("lcores=1 main=0 ", "--no-huge", "--lcores", "(0-1)@0", "-s", "0x2"),
	OK("slcores=2 ", "--no-huge", "--lcores", "(0-2)@0", "-S", "1-2"),
	/* without --main-lcore, the main lcore is the first non-service one */
	OK("lcores=1 main=1 ", "--no-huge", "--lcores", "(0-1)@0", "-s", "1"),
	BAD("-s", "--no-huge", "-l", "0", "-s", "0x2"),
	BAD("-s", "--no-huge", "--lcores", "(0-1)@0", "--main-lcore", "0",
		"-s", "0x1"),
	BAD("-S", "--no-huge", "--lcores", "(0-1)@0", "-S", "0-1"),
	BAD("-s", "--no-huge", "-s", "0xg"),
	BAD("-S", "--no-huge", "-S", "1-x"),
	BAD("-S", "--no-huge", "--lcores", "(0-2)@0", "-s", "0x2", "-S", "2"),
};

static int
test_lcore_options(void)
{
	return run_cases(lcore_cases, RTE_DIM(lcore_cases));
}

static int
test_memory_options(void)
{
	return run_cases(memory_cases, RTE_DIM(memory_cases));
}

static int
test_misc_options(void)
{
	return run_cases(misc_cases, RTE_DIM(misc_cases));
}

/* -l with every CPU we have; skipped on a single-CPU machine */
static int
test_two_lcores(void)
{
	static const struct flags_case two[] = {
		OK("lcores=2 main=0 ", "--no-huge", "-l", "0-1"),
		OK("lcores=2 main=1 ", "--no-huge", "-l", "0,1",
			"--main-lcore=1"),
		OK("lcores=2 ", "--no-huge", "-c", "0x3"),
		OK("lcores=2 ", "--no-huge", "--lcores", "(0-1)"),
		OK("lcores=2 ", "--no-huge", "--lcores", "0@1,1@0"),
	};

	if (sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return TEST_SKIPPED;
	return run_cases(two, RTE_DIM(two));
}

/* a secondary without a primary fails cleanly, naming the cause */
static int
test_secondary_without_primary(void)
{
	char *out = malloc(FLAGS_OUT_MAX);
	char prefix_arg[64];
	const char *argv[] = { prefix_arg, "--proc-type=secondary", NULL };
	int status;

	TEST_ASSERT_NOT_NULL(out, "out of memory");
	snprintf(prefix_arg, sizeof(prefix_arg), "--file-prefix=efl%d_nop",
		(int)getpid());
	status = run_captured("eal_flags_child_autotest", argv, out,
			FLAGS_OUT_MAX);
	if (status != 1 || strstr(out, "no primary process") == NULL) {
		printf("exit %d, output:\n%s\n", status, out);
		free(out);
		return TEST_FAILED;
	}
	free(out);
	return check_nothing_left(prefix_arg + strlen("--file-prefix="));
}

static struct unit_test_suite eal_flags_suite = {
	.suite_name = "EAL options (no hugepages)",
	.unit_test_cases = {
		TEST_CASE(test_lcore_options),
		TEST_CASE(test_two_lcores),
		TEST_CASE(test_memory_options),
		TEST_CASE(test_misc_options),
		TEST_CASE(test_secondary_without_primary),
		TEST_CASES_END()
	}
};

static int
test_eal_flags(void)
{
	return unit_test_suite_runner(&eal_flags_suite);
}

REGISTER_TEST_COMMAND(eal_flags_autotest, test_eal_flags);

/* ---------------------------------------------------------------------
 * cases with hugepages
 * --------------------------------------------------------------------- */

static const struct flags_case huge_cases[] = {
	OK("huge=1 ", "-l", "0"),
	OK(NULL, "-m", "64"),
	OK(NULL, "--socket-mem", "64"),
	OK(NULL, "--socket-mem", "32", "--socket-limit", "256"),
	OK(NULL, "--legacy-mem", "-m", "64"),
	OK(NULL, "--legacy-mem", "--single-file-segments", "-m", "16"),
	OK(NULL, "--single-file-segments"),
	OK(NULL, "--single-file-segments", "-m", "32"),
	OK(NULL, "--in-memory"),
	OK(NULL, "--in-memory", "-m", "32"),
	OK(NULL, "--in-memory", "--single-file-segments"),
	OK(NULL, "--huge-unlink"),
	OK(NULL, "--huge-unlink=existing", "-m", "16"),
	OK(NULL, "--huge-unlink=always", "-m", "16"),
	OK(NULL, "--match-allocations"),
	OK(NULL, "--no-shconf", "-m", "16"),
	OK("iova=VA ", "--iova-mode=va", "-m", "16"),
	OK(NULL, "--base-virtaddr=0x300000000000", "-m", "16"),
	BAD("--socket-mem", "--socket-mem", "64", "-m", "64"),
	BAD_LATER("--huge-dir", "--huge-dir", "/nonexistent/hugepages"),
};

static int
test_huge_options(void)
{
	return run_cases(huge_cases, RTE_DIM(huge_cases));
}

/*
 * --huge-unlink=never keeps the page files after exit by design: the
 * test removes them itself, and checks they were there.
 */
static int
test_huge_unlink_never(void)
{
	static const struct flags_case keep =
		OK(NULL, "--huge-unlink=never", "-m", "16");
	const char *argv[FLAGS_MAX_ARGS + 3];
	char prefix_arg[64], huge_arg[PATH_MAX + 16], file[PATH_MAX];
	char *out = malloc(FLAGS_OUT_MAX);
	const char *prefix;
	int status, kept = 0;

	TEST_ASSERT_NOT_NULL(out, "out of memory");
	prefix = case_argv(&keep, argv, prefix_arg, sizeof(prefix_arg),
			huge_arg, sizeof(huge_arg), 999);
	status = run_captured("eal_flags_child_autotest", argv, out,
			FLAGS_OUT_MAX);
	while (hugefile_left(prefix, file, sizeof(file)) != NULL &&
			unlink(file) == 0)
		kept++;
	if (status != 0) {
		printf("exit %d, output:\n%s\n", status, out);
		free(out);
		return TEST_FAILED;
	}
	free(out);
	TEST_ASSERT(kept > 0, "--huge-unlink=never left no page file");
	return check_nothing_left(prefix);
}

/* --iova-mode=pa: accepted where physical addresses are readable */
static int
test_iova_pa(void)
{
	static const struct flags_case pa_ok =
		OK("iova=PA ", "--iova-mode=pa", "-m", "16");
	static const struct flags_case pa_bad =
		BAD("--iova-mode", "--iova-mode=pa", "-m", "16");

	return run_case(getuid() == 0 ? &pa_ok : &pa_bad, 0,
			(char[FLAGS_OUT_MAX]){ 0 });
}

static int
huge_setup(void)
{
	return test_have_hugepages() ? TEST_SUCCESS : TEST_SKIPPED;
}

static struct unit_test_suite eal_flags_huge_suite = {
	.suite_name = "EAL options (hugepages)",
	.setup = huge_setup,
	.unit_test_cases = {
		TEST_CASE(test_huge_options),
		TEST_CASE(test_huge_unlink_never),
		TEST_CASE(test_iova_pa),
		TEST_CASES_END()
	}
};

static int
test_eal_flags_huge(void)
{
	return unit_test_suite_runner(&eal_flags_huge_suite);
}

REGISTER_TEST_COMMAND(eal_flags_huge_autotest, test_eal_flags_huge);

/* ---------------------------------------------------------------------
 * --proc-type with a live primary
 * --------------------------------------------------------------------- */

struct mp_fixture {
	char prefix[64];
	char prefix_arg[80];
	char release[PATH_MAX];
	char config[PATH_MAX];
	int primary;
};

/* start a primary child that holds until mp->release exists */
static int
mp_start_primary(struct mp_fixture *mp, const char *extra)
{
	const char *argv[] = { mp->prefix_arg, extra, NULL };
	char dir[PATH_MAX];
	int i;

	snprintf(mp->prefix, sizeof(mp->prefix), "eflmp%d", (int)getpid());
	snprintf(mp->prefix_arg, sizeof(mp->prefix_arg), "--file-prefix=%s",
		mp->prefix);
	snprintf(mp->release, sizeof(mp->release), "/tmp/%s.release",
		mp->prefix);
	unlink(mp->release);
	runtime_dir_of(mp->prefix, dir, sizeof(dir));
	TEST_ASSERT(snprintf(mp->config, sizeof(mp->config), "%s/config",
		dir) < (int)sizeof(mp->config), "runtime dir path too long");
	setenv(FLAGS_RELEASE_ENV, mp->release, 1);
	mp->primary = test_spawn_child("eal_flags_hold_autotest", argv);
	TEST_ASSERT(mp->primary > 0, "cannot start the primary");
	/* alive = its config file is locked and its init finished */
	for (i = 0; i < 2000 && !rte_eal_primary_proc_alive(mp->config); i++)
		usleep(5000);
	TEST_ASSERT(rte_eal_primary_proc_alive(mp->config),
		"primary did not come up");
	return TEST_SUCCESS;
}

static int
mp_stop_primary(struct mp_fixture *mp)
{
	int fd, status;

	fd = open(mp->release, O_CREAT | O_WRONLY, 0600);
	if (fd >= 0)
		close(fd);
	status = test_wait_child(mp->primary);
	unlink(mp->release);
	TEST_ASSERT_EQUAL(status, 0, "primary exited with %d", status);
	return check_nothing_left(mp->prefix);
}

static int
mp_run(struct mp_fixture *mp, const char *const extra[], int want,
		const char *shows)
{
	const char *argv[8] = { mp->prefix_arg };
	char *out = malloc(FLAGS_OUT_MAX);
	int i, status;

	TEST_ASSERT_NOT_NULL(out, "out of memory");
	for (i = 0; extra[i] != NULL && i < 6; i++)
		argv[i + 1] = extra[i];
	status = run_captured("eal_flags_child_autotest", argv, out,
			FLAGS_OUT_MAX);
	if (status != want || strstr(out, shows) == NULL) {
		printf("%s: exit %d (want %d), '%s' expected in:\n%s\n",
			extra[0], status, want, shows, out);
		free(out);
		return TEST_FAILED;
	}
	free(out);
	return TEST_SUCCESS;
}

static int
test_mp_proc_types(void)
{
	static const char *const sec[] = { "--proc-type=secondary", NULL };
	static const char *const aut[] = { "--proc-type=auto", NULL };
	static const char *const pri[] = { "--proc-type=primary", NULL };
	struct mp_fixture mp;
	int ret;

	if (!test_have_hugepages())
		return TEST_SKIPPED;
	ret = mp_start_primary(&mp, "-m16");
	if (ret != TEST_SUCCESS)
		return ret;
	ret = mp_run(&mp, sec, 0, "proc=secondary ");
	if (ret == TEST_SUCCESS)
		ret = mp_run(&mp, aut, 0, "proc=secondary ");
	if (ret == TEST_SUCCESS)
		ret = mp_run(&mp, pri, 1, "already runs");
	/* the primary's dir survives its secondaries' exits */
	if (ret == TEST_SUCCESS && !rte_eal_primary_proc_alive(mp.config)) {
		printf("primary lost its lock after secondaries exited\n");
		ret = TEST_FAILED;
	}
	if (mp_stop_primary(&mp) != TEST_SUCCESS)
		ret = TEST_FAILED;
	return ret;
}

static struct unit_test_suite eal_flags_mp_suite = {
	.suite_name = "EAL --proc-type with a live primary",
	.unit_test_cases = {
		TEST_CASE(test_mp_proc_types),
		TEST_CASES_END()
	}
};

static int
test_eal_flags_mp(void)
{
	return unit_test_suite_runner(&eal_flags_mp_suite);
}

REGISTER_TEST_COMMAND(eal_flags_mp_autotest, test_eal_flags_mp);

/* ---------------------------------------------------------------------
 * init time
 * --------------------------------------------------------------------- */

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* median wall time (ms) of FLAGS_PERF_RUNS children run with args */
static double
time_children(const char *const args[], char *out)
{
	double ms[FLAGS_PERF_RUNS];
	struct timespec t0, t1;
	int i;

	for (i = 0; i < FLAGS_PERF_RUNS; i++) {
		clock_gettime(CLOCK_MONOTONIC, &t0);
		if (run_captured("eal_flags_noop_autotest", args, out,
				FLAGS_OUT_MAX) != 0)
			return -1.0;
		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms[i] = (double)(t1.tv_sec - t0.tv_sec) * 1e3 +
			(double)(t1.tv_nsec - t0.tv_nsec) / 1e6;
	}
	qsort(ms, FLAGS_PERF_RUNS, sizeof(ms[0]), cmp_double);
	return ms[FLAGS_PERF_RUNS / 2];
}

/*
 * A child's wall time is exec + init + cleanup + exit; the same child
 * stopped by -h right after parsing gives exec + exit, so the difference
 * estimates rte_eal_init() + rte_eal_cleanup().
 */
static int
test_eal_init_perf(void)
{
	static const char *const base[] = { "-h", NULL };
	static const char *const dflt[] = { NULL };
	static const char *const nohuge[] = { "--no-huge", NULL };
	static const char *const mem[] = { "-m", "64", NULL };
	char *out = malloc(FLAGS_OUT_MAX);
	double b, d, n, m;

	TEST_ASSERT_NOT_NULL(out, "out of memory");
	b = time_children(base, out);
	n = time_children(nohuge, out);
	d = test_have_hugepages() ? time_children(dflt, out) : -1.0;
	m = test_have_hugepages() ? time_children(mem, out) : -1.0;
	free(out);
	TEST_ASSERT(b >= 0 && n >= 0, "a timed child failed");
	printf("eal_init_perf: median of %d child runs, wall ms\n"
		"  exec+exit (-h):            %7.2f\n"
		"  default:                   %7.2f  (init+cleanup ~%.2f)\n"
		"  -m 64:                     %7.2f  (init+cleanup ~%.2f)\n"
		"  --no-huge:                 %7.2f  (init+cleanup ~%.2f)\n",
		FLAGS_PERF_RUNS, b, d, d - b, m, m - b, n, n - b);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(eal_init_perf_autotest, test_eal_init_perf);
