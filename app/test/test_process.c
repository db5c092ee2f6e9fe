/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Child processes for tests, and the environment facts tests ask about.
 *
 * A child is this same binary re-executed through /proc/self/exe with
 * DPDK_TEST naming the test to run and the EAL arguments the caller chose.
 * It shares stdout/stderr with us (so meson's log shows both), reads
 * /dev/null, and dies with us (PR_SET_PDEATHSIG) so a killed or timed-out
 * test never leaves a process holding hugepages. Unless the caller passes
 * --file-prefix, the child gets a prefix of its own, derived from ours, so
 * it is a primary of its own and cannot collide with other tests.
 */

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "eal_internal_cfg.h"
#include "test.h"
#include "test_internal.h"

extern char **environ;

#define TEST_DEFAULT_PREFIX "rte"
#define TEST_HUGEPAGES_SYSFS "/sys/kernel/mm/hugepages"

/* the file prefix this process runs with; set once, before any test runs */
static char test_prefix[NAME_MAX] = TEST_DEFAULT_PREFIX;

/* value of "--opt=value" / "--opt value" at argv[*i], advancing *i */
static const char *
test_opt_value(char **argv, int argc, int *i, const char *opt)
{
	size_t len = strlen(opt);

	if (strncmp(argv[*i], opt, len) != 0)
		return NULL;
	if (argv[*i][len] == '=')
		return argv[*i] + len + 1;
	if (argv[*i][len] == '\0' && *i + 1 < argc) {
		(*i)++;
		return argv[*i];
	}
	return NULL;
}

static int
test_args_have(const char *const args[], const char *opt)
{
	size_t len = strlen(opt);
	int i;

	for (i = 0; args != NULL && args[i] != NULL; i++) {
		if (strcmp(args[i], "--") == 0)
			break;
		if (strncmp(args[i], opt, len) == 0 &&
				(args[i][len] == '\0' || args[i][len] == '='))
			return 1;
	}
	return 0;
}

static void
test_eal_args_scan(struct test_eal_args *ea, int argc, char **argv)
{
	const char *v;
	int i;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0)
			break;
		if (strcmp(argv[i], "--no-huge") == 0)
			ea->no_huge = true;
		else if (strncmp(argv[i], "--huge-dir", 10) == 0)
			ea->huge_dir = true;
		v = test_opt_value(argv, argc, &i, "--file-prefix");
		if (v != NULL)
			ea->file_prefix = v;
	}
}

int
test_eal_args_prepare(struct test_eal_args *ea, int argc, char **argv)
{
	const char *dir = test_huge_dir();
	int i, n = 0;

	memset(ea, 0, sizeof(*ea));
	test_eal_args_scan(ea, argc, argv);
	ea->argv = calloc(argc + 2, sizeof(char *));
	if (ea->argv == NULL)
		return -ENOMEM;
	ea->argv[n++] = argv[0];
	if (dir != NULL && !ea->no_huge && !ea->huge_dir) {
		if (asprintf(&ea->huge_arg, "--huge-dir=%s", dir) < 0) {
			ea->huge_arg = NULL;
			free(ea->argv);
			ea->argv = NULL;
			return -ENOMEM;
		}
		ea->argv[n++] = ea->huge_arg;
	}
	for (i = 1; i < argc; i++)
		ea->argv[n++] = argv[i];
	ea->argv[n] = NULL;
	ea->argc = n;
	return 0;
}

void
test_eal_args_release(struct test_eal_args *ea)
{
	free(ea->huge_arg);
	free(ea->argv);
	memset(ea, 0, sizeof(*ea));
}

void
test_set_file_prefix(const char *prefix)
{
	snprintf(test_prefix, sizeof(test_prefix), "%s",
		prefix != NULL ? prefix : TEST_DEFAULT_PREFIX);
}

const char *
test_file_prefix(void)
{
	return test_prefix;
}

const char *
test_self_exe(void)
{
	static char path[PATH_MAX];
	ssize_t len;

	if (path[0] != '\0')
		return path;
	len = readlink("/proc/self/exe", path, sizeof(path) - 1);
	if (len <= 0)
		return "/proc/self/exe";
	path[len] = '\0';
	return path;
}

const char *
test_huge_dir(void)
{
	const char *dir = getenv(TEST_HUGE_DIR_ENV);

	return dir != NULL && dir[0] != '\0' ? dir : NULL;
}

/* first hugetlbfs mount in /proc/mounts we may write to, into buf */
static int
test_find_hugetlbfs(char *buf, size_t len)
{
	char dev[256], dir[PATH_MAX], type[64];
	FILE *f = fopen("/proc/mounts", "r");
	int found = 0;

	if (f == NULL)
		return 0;
	while (!found && fscanf(f, "%255s %4095s %63s %*[^\n]",
			dev, dir, type) == 3) {
		if (strcmp(type, "hugetlbfs") == 0 &&
				access(dir, W_OK | X_OK) == 0) {
			snprintf(buf, len, "%s", dir);
			found = 1;
		}
	}
	fclose(f);
	return found;
}

static unsigned long
test_free_hugepages(void)
{
	char path[PATH_MAX];
	unsigned long total = 0, n;
	struct dirent *de;
	DIR *d = opendir(TEST_HUGEPAGES_SYSFS);
	FILE *f;

	if (d == NULL)
		return 0;
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "hugepages-", 10) != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s/free_hugepages",
			TEST_HUGEPAGES_SYSFS, de->d_name);
		f = fopen(path, "r");
		if (f == NULL)
			continue;
		if (fscanf(f, "%lu", &n) == 1)
			total += n;
		fclose(f);
	}
	closedir(d);
	return total;
}

int
test_have_hugepages(void)
{
	char dir[PATH_MAX];
	const char *env = test_huge_dir();

	if (env != NULL) {
		if (access(env, W_OK | X_OK) != 0)
			return 0;
	} else if (!test_find_hugetlbfs(dir, sizeof(dir))) {
		return 0;
	}
	return test_free_hugepages() > 0;
}

/* everything a child needs, built before fork() so the child only execs */
struct test_child_spec {
	char **argv;
	char **envp;
	char *prefix_arg;
	char *name_env;
};

static void
test_child_spec_free(struct test_child_spec *cs)
{
	free(cs->argv);
	free(cs->envp);
	free(cs->prefix_arg);
	free(cs->name_env);
}

static int
test_child_argv(struct test_child_spec *cs, const char *const eal_args[])
{
	static atomic_uint child_seq;
	int i, n = 0, nargs = 0;

	while (eal_args != NULL && eal_args[nargs] != NULL)
		nargs++;
	cs->argv = calloc(nargs + 3, sizeof(char *));
	if (cs->argv == NULL)
		return -ENOMEM;
	cs->argv[n++] = (char *)(uintptr_t)test_self_exe();
	if (!test_args_have(eal_args, "--file-prefix")) {
		if (asprintf(&cs->prefix_arg, "--file-prefix=%s_c%d_%u",
				test_prefix, (int)getpid(),
				atomic_fetch_add(&child_seq, 1)) < 0) {
			cs->prefix_arg = NULL;
			return -ENOMEM;
		}
		cs->argv[n++] = cs->prefix_arg;
	}
	for (i = 0; i < nargs; i++)
		cs->argv[n++] = (char *)(uintptr_t)eal_args[i];
	cs->argv[n] = NULL;
	return 0;
}

static int
test_child_envp(struct test_child_spec *cs, const char *test_name)
{
	static char child_flag[] = TEST_CHILD_ENV "=1";
	int i, n = 0, nenv = 0;

	while (environ[nenv] != NULL)
		nenv++;
	cs->envp = calloc(nenv + 3, sizeof(char *));
	if (cs->envp == NULL)
		return -ENOMEM;
	if (asprintf(&cs->name_env, "DPDK_TEST=%s", test_name) < 0) {
		cs->name_env = NULL;
		return -ENOMEM;
	}
	for (i = 0; i < nenv; i++) {
		if (strncmp(environ[i], "DPDK_TEST=", 10) == 0 ||
				strncmp(environ[i], TEST_CHILD_ENV "=",
					strlen(TEST_CHILD_ENV) + 1) == 0)
			continue;
		cs->envp[n++] = environ[i];
	}
	cs->envp[n++] = cs->name_env;
	cs->envp[n++] = child_flag;
	cs->envp[n] = NULL;
	return 0;
}

/* between fork and exec: async-signal-safe calls only */
static void __attribute__((noreturn))
test_child_exec(const struct test_child_spec *cs, pid_t parent)
{
	int fd;

	if (prctl(PR_SET_PDEATHSIG, SIGKILL) < 0 || getppid() != parent)
		_exit(127);
	fd = open("/dev/null", O_RDONLY);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		if (fd != STDIN_FILENO)
			close(fd);
	}
	execve("/proc/self/exe", cs->argv, cs->envp);
	_exit(127);
}

int
test_spawn_child(const char *test_name, const char *const eal_args[])
{
	struct test_child_spec cs = { 0 };
	pid_t parent = getpid();
	pid_t pid;

	if (test_name == NULL || test_name[0] == '\0') {
		printf("test_spawn_child: a test name is required\n");
		return -1;
	}
	if (test_child_argv(&cs, eal_args) < 0 ||
			test_child_envp(&cs, test_name) < 0) {
		printf("test_spawn_child: out of memory\n");
		test_child_spec_free(&cs);
		return -1;
	}
	/* buffered output would otherwise be written twice */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0)
		test_child_exec(&cs, parent);
	if (pid < 0)
		printf("test_spawn_child: fork: %s\n", strerror(errno));
	test_child_spec_free(&cs);
	return pid < 0 ? -1 : (int)pid;
}

int
test_wait_child(int pid)
{
	int status;

	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			printf("waitpid(%d): %s\n", pid, strerror(errno));
			return -1;
		}
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		printf("child %d killed by signal %d\n", pid,
			WTERMSIG(status));
	return -1;
}

const char *const *
test_secondary_args(const char *extra)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	static char prefix[PATH_MAX + 16];
	static const char *args[8];
	unsigned int n = 0;

	snprintf(prefix, sizeof(prefix), "--file-prefix=%s",
		test_file_prefix());
	args[n++] = "--proc-type=secondary";
	args[n++] = prefix;
	if (cfg->legacy_mem)
		args[n++] = "--legacy-mem";
	if (cfg->single_file_segments)
		args[n++] = "--single-file-segments";
	if (cfg->no_hugetlbfs)
		args[n++] = "--no-huge";
	if (extra != NULL)
		args[n++] = extra;
	args[n] = NULL;
	return args;
}

int
test_run_child(const char *test_name, const char *const eal_args[])
{
	int pid = test_spawn_child(test_name, eal_args);

	if (pid < 0)
		return -1;
	return test_wait_child(pid);
}
