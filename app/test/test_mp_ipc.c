/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * mp_ipc_autotest: the multi-process IPC channel between real processes.
 *
 * This process is the primary; it spawns peers (this binary again, running
 * the helper command mp_ipc_peer) that attach as EAL secondaries with our
 * --file-prefix. When a secondary cannot attach on this build, each peer
 * instead runs as a primary of its own and opens a secondary-role channel
 * (eal_mp_channel_open) on our runtime dir: the channel code under test is
 * the same, only the EAL attach is skipped; the test says which mode ran.
 *
 * Peer actions: mpt_echo (reply with the param and the peer's pid),
 * mpt_fd (write to the fd received, reply with a pipe of its own),
 * mpt_silent (never reply), mpt_note (answer with an mpt_note_ack
 * message), mpt_poke (request_sync mpt_ask to the primary, report the
 * outcome with mpt_poke_ack), mpt_stats (reply with the pid and the count
 * of datagrams the channel dropped), mpt_quit. A peer says mpt_hello when
 * ready, after asking the primary mpt_ask once (secondary -> primary
 * request).
 *
 * mp_ipc_perf_autotest measures request_sync round trips.
 */

#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rte_common.h>
#include <rte_eal.h>
#include <rte_errno.h>

#include "eal_internal_cfg.h"
#include "eal_mp.h"
#include "test.h"

#define MPT_DIR_ENV "MPT_IPC_DIR"
#define MPT_MAX_PEERS 4
#define MPT_WAIT_MS 20000
#define MPT_PEER_LIFE_S 120

/* ---------------------------------------------------------------------
 * shared helpers
 * ------------------------------------------------------------------- */

static double
mpt_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void
mpt_msg(struct rte_mp_msg *m, const char *name, const void *param,
		int len)
{
	memset(m, 0, sizeof(*m));
	snprintf(m->name, sizeof(m->name), "%s", name);
	if (len > 0)
		memcpy(m->param, param, (size_t)len);
	m->len_param = len;
}

/* wait until *v reaches want; 0 or -1 on timeout */
static int
mpt_wait_count(atomic_int *v, int want, int ms)
{
	double end = mpt_now() + ms / 1e3;

	while (atomic_load(v) < want) {
		if (mpt_now() > end)
			return -1;
		usleep(1000);
	}
	return 0;
}

/* ---------------------------------------------------------------------
 * the peer (a secondary, or a primary with a secondary-role channel)
 * ------------------------------------------------------------------- */

struct mpt_peer {
	struct mp_channel *ch;      /* channel talking to the test primary */
	struct mp_channel *own;     /* opened by us (fallback mode) */
	atomic_int quit;
	atomic_int pokes;
};

static struct mpt_peer mpt_peer;

static int
mpt_peer_echo(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r = *msg;
	int pid = getpid();

	/* the param back, with our pid after it */
	if (msg->len_param > RTE_MP_MAX_PARAM_LEN - (int)sizeof(pid))
		return -1;
	r.num_fds = 0;
	memcpy(r.param + msg->len_param, &pid, sizeof(pid));
	r.len_param = msg->len_param + (int)sizeof(pid);
	return eal_mp_channel_reply(mpt_peer.ch, &r, peer);
}

static int
mpt_peer_fd(const struct rte_mp_msg *msg, const void *peer)
{
	char line[32];
	struct rte_mp_msg r;
	int p[2], n, ret;

	n = snprintf(line, sizeof(line), "peer-%d;", (int)getpid());
	if (msg->num_fds != 1 || write(msg->fds[0], line, n) != n)
		return -1;
	close(msg->fds[0]);
	if (pipe(p) < 0)
		return -1;
	if (write(p[1], line, n) != n)
		n = -1;
	close(p[1]);
	mpt_msg(&r, msg->name, NULL, 0);
	r.num_fds = 1;
	r.fds[0] = p[0];
	ret = eal_mp_channel_reply(mpt_peer.ch, &r, peer);
	close(p[0]);
	return n < 0 ? -1 : ret;
}

static int
mpt_peer_silent(const struct rte_mp_msg *msg, const void *peer)
{
	return 0;
}

static int
mpt_peer_note(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg ack;
	int pid = getpid();

	mpt_msg(&ack, "mpt_note_ack", &pid, sizeof(pid));
	return eal_mp_channel_sendmsg(mpt_peer.ch, &ack);
}

static int
mpt_peer_stats(const struct rte_mp_msg *msg, const void *peer)
{
	struct mp_channel_stats st;
	uint64_t v[2];
	struct rte_mp_msg r;

	eal_mp_channel_get_stats(mpt_peer.ch, &st);
	v[0] = (uint64_t)getpid();
	v[1] = st.dropped;
	mpt_msg(&r, msg->name, v, sizeof(v));
	return eal_mp_channel_reply(mpt_peer.ch, &r, peer);
}

static int
mpt_peer_quit(const struct rte_mp_msg *msg, const void *peer)
{
	atomic_store(&mpt_peer.quit, 1);
	return 0;
}

static int
mpt_peer_poke(const struct rte_mp_msg *msg, const void *peer)
{
	/* a request from here would deadlock the handler: defer it */
	atomic_fetch_add(&mpt_peer.pokes, 1);
	return 0;
}

/* request_sync mpt_ask to the primary; 1 if the expected answer came */
static int
mpt_peer_ask(void)
{
	struct timespec ts = { .tv_sec = 5 };
	struct rte_mp_reply reply;
	struct rte_mp_msg req;
	int ok;

	mpt_msg(&req, "mpt_ask", "ping", 4);
	if (eal_mp_channel_request_sync(mpt_peer.ch, &req, &reply, &ts) < 0)
		return 0;
	ok = reply.nb_sent == 1 && reply.nb_received == 1 &&
		reply.msgs[0].len_param == 4 &&
		memcmp(reply.msgs[0].param, "pong", 4) == 0;
	free(reply.msgs);
	return ok;
}

static void
mpt_peer_say(const char *name, int status)
{
	int v[2] = { (int)getpid(), status };
	struct rte_mp_msg m;

	mpt_msg(&m, name, v, sizeof(v));
	if (eal_mp_channel_sendmsg(mpt_peer.ch, &m) < 0)
		printf("peer %d: cannot send %s\n", (int)getpid(), name);
}

static int
mpt_peer_attach(void)
{
	const char *dir = getenv(MPT_DIR_ENV);

	if (rte_eal_process_type() == RTE_PROC_SECONDARY) {
		mpt_peer.ch = eal_mp_default_channel();
		return mpt_peer.ch != NULL ? 0 : -1;
	}
	if (dir == NULL)
		return -1;
	mpt_peer.own = eal_mp_channel_open(dir, false);
	mpt_peer.ch = mpt_peer.own;
	return mpt_peer.ch != NULL ? 0 : -1;
}

static int
mpt_peer_register(void)
{
	static const struct {
		const char *name;
		rte_mp_t fn;
	} acts[] = {
		{ "mpt_echo", mpt_peer_echo },
		{ "mpt_fd", mpt_peer_fd },
		{ "mpt_silent", mpt_peer_silent },
		{ "mpt_note", mpt_peer_note },
		{ "mpt_quit", mpt_peer_quit },
		{ "mpt_poke", mpt_peer_poke },
		{ "mpt_stats", mpt_peer_stats },
	};
	unsigned int i;

	for (i = 0; i < RTE_DIM(acts); i++)
		if (eal_mp_channel_action_register(mpt_peer.ch, acts[i].name,
				acts[i].fn) < 0)
			return -1;
	return 0;
}

static int
test_mp_ipc_peer(void)
{
	double end = mpt_now() + MPT_PEER_LIFE_S;

	if (mpt_peer_attach() < 0 || mpt_peer_register() < 0) {
		printf("peer %d: cannot attach to the test primary\n",
			(int)getpid());
		return TEST_FAILED;
	}
	mpt_peer_say("mpt_hello", mpt_peer_ask());
	while (!atomic_load(&mpt_peer.quit) && mpt_now() < end) {
		if (atomic_load(&mpt_peer.pokes) > 0) {
			atomic_fetch_sub(&mpt_peer.pokes, 1);
			mpt_peer_say("mpt_poke_ack", mpt_peer_ask());
		}
		usleep(1000);
	}
	eal_mp_channel_close(mpt_peer.own);
	return atomic_load(&mpt_peer.quit) ? TEST_SUCCESS : TEST_FAILED;
}

REGISTER_TEST_COMMAND(mp_ipc_peer, test_mp_ipc_peer);

/* ---------------------------------------------------------------------
 * the primary side
 * ------------------------------------------------------------------- */

struct mpt_state {
	bool eal_secondaries;      /* peers attach as real EAL secondaries */
	int pids[MPT_MAX_PEERS + 1];
	int nb_pids;
	atomic_int hellos;
	atomic_int hello_bad;      /* peers whose own request failed */
	atomic_int note_acks;
	atomic_int poke_acks;
	atomic_int poke_bad;
	atomic_int raw_runs;       /* mpt_raw dispatched */
	atomic_int async_done;
	int async_sent, async_received;
	bool async_on_ctrl_thread;
};

static struct mpt_state mpt;

static int
mpt_on_hello(const struct rte_mp_msg *msg, const void *peer)
{
	int v[2];

	memcpy(v, msg->param, sizeof(v));
	if (!v[1])
		atomic_fetch_add(&mpt.hello_bad, 1);
	atomic_fetch_add(&mpt.hellos, 1);
	return 0;
}

static int
mpt_on_ask(const struct rte_mp_msg *msg, const void *peer)
{
	struct rte_mp_msg r;

	mpt_msg(&r, msg->name, "pong", 4);
	return rte_mp_reply(&r, peer);
}

static int
mpt_on_note_ack(const struct rte_mp_msg *msg, const void *peer)
{
	atomic_fetch_add(&mpt.note_acks, 1);
	return 0;
}

static int
mpt_on_poke_ack(const struct rte_mp_msg *msg, const void *peer)
{
	int v[2];

	memcpy(v, msg->param, sizeof(v));
	if (!v[1])
		atomic_fetch_add(&mpt.poke_bad, 1);
	atomic_fetch_add(&mpt.poke_acks, 1);
	return 0;
}

static int
mpt_on_raw(const struct rte_mp_msg *msg, const void *peer)
{
	atomic_fetch_add(&mpt.raw_runs, 1);
	return 0;
}

static const char *const *
mpt_peer_args(bool secondary)
{
	static char prefix[PATH_MAX + 16];
	static const char *args[6];
	const struct internal_config *cfg = eal_get_internal_configuration();
	int n = 0;

	if (secondary) {
		snprintf(prefix, sizeof(prefix), "--file-prefix=%s",
			cfg->hugefile_prefix);
		args[n++] = "--proc-type=secondary";
		args[n++] = prefix;
		if (cfg->no_hugetlbfs)
			args[n++] = "--no-huge";
	} else {
		/* a primary of its own, light: the channel is under test */
		args[n++] = "--no-huge";
		args[n++] = "--no-shconf";
	}
	args[n] = NULL;
	return args;
}

/* start one peer and wait for its hello; its pid or -1 */
static int
mpt_spawn(void)
{
	int want = atomic_load(&mpt.hellos) + 1;
	int pid;

	pid = test_spawn_child("mp_ipc_peer",
		mpt_peer_args(mpt.eal_secondaries));
	if (pid <= 0)
		return -1;
	mpt.pids[mpt.nb_pids++] = pid;
	if (mpt_wait_count(&mpt.hellos, want, MPT_WAIT_MS) < 0) {
		printf("peer %d did not say hello\n", pid);
		return -1;
	}
	return pid;
}

/* can a secondary attach here? decides the mode once */
static void
mpt_pick_mode(void)
{
	int pid, status = -1;
	double end;

	mpt.eal_secondaries = true;
	pid = test_spawn_child("mp_ipc_peer", mpt_peer_args(true));
	end = mpt_now() + MPT_WAIT_MS / 1e3;
	while (pid > 0 && atomic_load(&mpt.hellos) == 0 && mpt_now() < end) {
		if (waitpid(pid, &status, WNOHANG) == pid) {
			pid = -1;
			break;
		}
		usleep(2000);
	}
	if (pid > 0 && atomic_load(&mpt.hellos) > 0) {
		mpt.pids[mpt.nb_pids++] = pid;
		printf("mp_ipc: peers are EAL secondaries\n");
		return;
	}
	if (pid > 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
	}
	mpt.eal_secondaries = false;
	printf("mp_ipc: an EAL secondary cannot attach on this build "
		"(status %d): peers run a secondary-role channel instead\n",
		status);
}

static int
mpt_setup(void)
{
	const char *dir = rte_eal_get_runtime_dir();

	if (eal_mp_default_channel() == NULL) {
		printf("IPC is disabled in this process: skipped\n");
		return TEST_SKIPPED;
	}
	memset(&mpt, 0, sizeof(mpt));
	if (setenv(MPT_DIR_ENV, dir, 1) < 0)
		return TEST_FAILED;
	if (rte_mp_action_register("mpt_hello", mpt_on_hello) < 0 ||
			rte_mp_action_register("mpt_ask", mpt_on_ask) < 0 ||
			rte_mp_action_register("mpt_note_ack",
				mpt_on_note_ack) < 0 ||
			rte_mp_action_register("mpt_poke_ack",
				mpt_on_poke_ack) < 0 ||
			rte_mp_action_register("mpt_raw", mpt_on_raw) < 0)
		return TEST_FAILED;
	mpt_pick_mode();
	if (mpt.nb_pids == 0 && mpt_spawn() < 0)
		return TEST_FAILED;
	return TEST_SUCCESS;
}

static void
mpt_teardown(void)
{
	double end = mpt_now() + 10;
	struct rte_mp_msg m;
	int i, status;

	mpt_msg(&m, "mpt_quit", NULL, 0);
	rte_mp_sendmsg(&m);
	for (i = 0; i < mpt.nb_pids; i++) {
		if (mpt.pids[i] <= 0)
			continue;
		while (waitpid(mpt.pids[i], &status, WNOHANG) == 0 &&
				mpt_now() < end)
			usleep(2000);
		if (mpt_now() >= end) {
			kill(mpt.pids[i], SIGKILL);
			waitpid(mpt.pids[i], &status, 0);
		}
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			printf("peer %d ended badly (status 0x%x)\n",
				mpt.pids[i], status);
	}
	rte_mp_action_unregister("mpt_hello");
	rte_mp_action_unregister("mpt_ask");
	rte_mp_action_unregister("mpt_note_ack");
	rte_mp_action_unregister("mpt_poke_ack");
	rte_mp_action_unregister("mpt_raw");
	unsetenv(MPT_DIR_ENV);
}

/* request_sync mpt_echo to every peer; checks every pid answered once */
static int
mpt_echo_all(int expect)
{
	struct timespec ts = { .tv_sec = 5 };
	struct rte_mp_reply reply;
	struct rte_mp_msg req;
	int i, j, pid, seen = 0;

	mpt_msg(&req, "mpt_echo", "abc", 3);
	TEST_ASSERT_SUCCESS(rte_mp_request_sync(&req, &reply, &ts),
		"request_sync failed: %s", strerror(rte_errno));
	TEST_ASSERT_EQUAL(reply.nb_sent, expect, "sent to %d peers",
		reply.nb_sent);
	TEST_ASSERT_EQUAL(reply.nb_received, expect, "got %d replies",
		reply.nb_received);
	for (i = 0; i < reply.nb_received; i++) {
		TEST_ASSERT(strcmp(reply.msgs[i].name, "mpt_echo") == 0 &&
			reply.msgs[i].len_param == 7 &&
			memcmp(reply.msgs[i].param, "abc", 3) == 0,
			"reply %d is not the echo", i);
		memcpy(&pid, reply.msgs[i].param + 3, sizeof(pid));
		for (j = 0; j < mpt.nb_pids; j++)
			seen += mpt.pids[j] == pid;
	}
	free(reply.msgs);
	TEST_ASSERT_EQUAL(seen, expect, "replies came from %d known peers",
		seen);
	return TEST_SUCCESS;
}

static int
test_sendmsg_both_ways(void)
{
	int before = atomic_load(&mpt.note_acks);
	struct rte_mp_msg m;

	/* the hello and the peer's mpt_ask were secondary -> primary */
	TEST_ASSERT_EQUAL(atomic_load(&mpt.hello_bad), 0,
		"a peer's request_sync to the primary failed");
	mpt_msg(&m, "mpt_note", "n", 1);
	TEST_ASSERT_SUCCESS(rte_mp_sendmsg(&m), "sendmsg: %s",
		strerror(rte_errno));
	TEST_ASSERT_SUCCESS(mpt_wait_count(&mpt.note_acks,
		before + mpt.nb_pids, MPT_WAIT_MS),
		"%d of %d peers acknowledged the note",
		atomic_load(&mpt.note_acks) - before, mpt.nb_pids);
	return TEST_SUCCESS;
}

static int
test_request_sync_one(void)
{
	TEST_ASSERT_EQUAL(mpt.nb_pids, 1, "one peer expected");
	return mpt_echo_all(1);
}

static int
test_request_sync_four(void)
{
	while (mpt.nb_pids < MPT_MAX_PEERS)
		TEST_ASSERT(mpt_spawn() > 0, "cannot start peer %d",
			mpt.nb_pids + 1);
	return mpt_echo_all(MPT_MAX_PEERS);
}

static int
mpt_async_cb(const struct rte_mp_msg *req, const struct rte_mp_reply *reply)
{
	char name[32] = "";

	pthread_getname_np(pthread_self(), name, sizeof(name));
	mpt.async_on_ctrl_thread = strcmp(name, "rte_mp_async") == 0;
	mpt.async_sent = reply->nb_sent;
	mpt.async_received = reply->nb_received;
	atomic_fetch_add(&mpt.async_done, 1);
	return 0;
}

static int
mpt_async_run(const char *name, long ns, int *sent, int *received)
{
	struct timespec ts = { .tv_sec = ns / 1000000000L,
		.tv_nsec = ns % 1000000000L };
	int before = atomic_load(&mpt.async_done);
	struct rte_mp_msg req;

	mpt_msg(&req, name, "x", 1);
	TEST_ASSERT_SUCCESS(rte_mp_request_async(&req, &ts, mpt_async_cb),
		"request_async: %s", strerror(rte_errno));
	TEST_ASSERT_SUCCESS(mpt_wait_count(&mpt.async_done, before + 1,
		MPT_WAIT_MS), "async callback never ran");
	*sent = mpt.async_sent;
	*received = mpt.async_received;
	return TEST_SUCCESS;
}

static int
test_request_async(void)
{
	int sent, received;

	TEST_ASSERT_SUCCESS(mpt_async_run("mpt_echo", 5000000000L, &sent,
		&received), "async echo");
	TEST_ASSERT_EQUAL(sent, mpt.nb_pids, "async sent to %d", sent);
	TEST_ASSERT_EQUAL(received, mpt.nb_pids, "async got %d", received);
	TEST_ASSERT(mpt.async_on_ctrl_thread,
		"callback did not run on the rte_mp_async control thread");
	return TEST_SUCCESS;
}

static int
mpt_read_all(int fd, char *buf, size_t len)
{
	size_t got = 0;
	ssize_t n;

	while (got < len - 1 && (n = read(fd, buf + got, len - 1 - got)) > 0)
		got += (size_t)n;
	buf[got] = '\0';
	return (int)got;
}

static int
test_fds_passed(void)
{
	struct timespec ts = { .tv_sec = 5 };
	struct rte_mp_reply reply;
	struct rte_mp_msg req;
	char buf[512], tag[32];
	int p[2], i, j, ret;

	TEST_ASSERT_SUCCESS(pipe(p), "pipe");
	mpt_msg(&req, "mpt_fd", NULL, 0);
	req.num_fds = 1;
	req.fds[0] = p[1];
	ret = rte_mp_request_sync(&req, &reply, &ts);
	close(p[1]);
	TEST_ASSERT_SUCCESS(ret, "request with an fd: %s",
		strerror(rte_errno));
	TEST_ASSERT_EQUAL(reply.nb_received, mpt.nb_pids, "replies");
	/* every peer wrote through the fd it got, and closed it */
	mpt_read_all(p[0], buf, sizeof(buf));
	close(p[0]);
	for (i = 0; i < mpt.nb_pids; i++) {
		snprintf(tag, sizeof(tag), "peer-%d;", mpt.pids[i]);
		TEST_ASSERT_NOT_NULL(strstr(buf, tag), "%s missing in '%s'",
			tag, buf);
	}
	/* and every reply carries a readable pipe of the peer's */
	for (i = 0; i < reply.nb_received; i++) {
		TEST_ASSERT_EQUAL(reply.msgs[i].num_fds, 1, "reply fds");
		j = mpt_read_all(reply.msgs[i].fds[0], buf, sizeof(buf));
		close(reply.msgs[i].fds[0]);
		TEST_ASSERT(j > 5 && strncmp(buf, "peer-", 5) == 0,
			"reply fd gave '%s'", buf);
	}
	free(reply.msgs);
	return TEST_SUCCESS;
}

static int
test_timeout(void)
{
	struct timespec ts = { .tv_nsec = 300000000L };
	struct rte_mp_reply reply;
	struct rte_mp_msg req;
	int ret, sent, received;
	double t0, dt;

	mpt_msg(&req, "mpt_silent", NULL, 0);
	t0 = mpt_now();
	ret = rte_mp_request_sync(&req, &reply, &ts);
	dt = mpt_now() - t0;
	TEST_ASSERT_EQUAL(ret, -1, "silent peers: request_sync succeeded");
	TEST_ASSERT_EQUAL(rte_errno, ETIMEDOUT, "rte_errno %d", rte_errno);
	TEST_ASSERT(reply.msgs == NULL && reply.nb_received == 0,
		"replies left after a timeout");
	TEST_ASSERT(dt >= 0.29 && dt < 2.0, "timed out after %.3f s", dt);

	TEST_ASSERT_SUCCESS(mpt_async_run("mpt_silent", 300000000L, &sent,
		&received), "async silent");
	TEST_ASSERT_EQUAL(sent, mpt.nb_pids, "async silent sent %d", sent);
	TEST_ASSERT_EQUAL(received, 0, "async silent got %d", received);
	/* the channel still works after requests timed out */
	return mpt_echo_all(mpt.nb_pids);
}

static int
mpt_count_sockets(void)
{
	char cmd[PATH_MAX + 64];
	int n = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "ls '%s' | grep -c '^mp_socket_'",
		rte_eal_get_runtime_dir());
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	if (fscanf(f, "%d", &n) != 1)
		n = -1;
	pclose(f);
	return n;
}

static int
test_dead_peer_cleaned(void)
{
	struct mp_channel_stats before, after;
	int victim = mpt.pids[mpt.nb_pids - 1];
	int n0;

	eal_mp_channel_get_stats(eal_mp_default_channel(), &before);
	n0 = mpt_count_sockets();
	TEST_ASSERT_EQUAL(n0, mpt.nb_pids, "%d peer sockets before", n0);
	TEST_ASSERT_SUCCESS(kill(victim, SIGKILL), "kill");
	TEST_ASSERT_EQUAL(waitpid(victim, NULL, 0), victim, "waitpid");
	mpt.pids[--mpt.nb_pids] = 0;

	TEST_ASSERT_SUCCESS(mpt_echo_all(mpt.nb_pids),
		"request after a peer died");
	eal_mp_channel_get_stats(eal_mp_default_channel(), &after);
	TEST_ASSERT_EQUAL(after.peers_removed, before.peers_removed + 1,
		"dead peer's socket not removed");
	TEST_ASSERT_EQUAL(mpt_count_sockets(), mpt.nb_pids,
		"socket file of the dead peer still there");
	return TEST_SUCCESS;
}

/* ---------------------------------------------------------------------
 * malformed datagrams sent raw into our own (the primary's) socket
 * ------------------------------------------------------------------- */

static int
mpt_raw_send(const void *buf, size_t len, const int *fds, int nb_fds)
{
	union {
		char b[CMSG_SPACE(sizeof(int) * 16)];
		struct cmsghdr align;
	} ctl;
	struct sockaddr_un to = { .sun_family = AF_UNIX };
	struct iovec iov = { .iov_base = (void *)(uintptr_t)buf,
		.iov_len = len };
	struct msghdr mh = { 0 };
	struct cmsghdr *c;
	int s, ret;

	snprintf(to.sun_path, sizeof(to.sun_path), "%s",
		eal_mp_channel_path(eal_mp_default_channel()));
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (s < 0)
		return -1;
	mh.msg_name = &to;
	mh.msg_namelen = sizeof(to);
	mh.msg_iov = &iov;
	mh.msg_iovlen = 1;
	if (nb_fds > 0) {
		memset(&ctl, 0, sizeof(ctl));
		mh.msg_control = ctl.b;
		mh.msg_controllen = CMSG_SPACE(sizeof(int) * nb_fds);
		c = CMSG_FIRSTHDR(&mh);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		c->cmsg_len = CMSG_LEN(sizeof(int) * nb_fds);
		memcpy(CMSG_DATA(c), fds, sizeof(int) * nb_fds);
	}
	ret = sendmsg(s, &mh, 0) < 0 ? -1 : 0;
	close(s);
	return ret;
}

static void
mpt_raw_valid(struct mp_wire *w)
{
	memset(w, 0, sizeof(*w));
	w->magic = MP_WIRE_MAGIC;
	w->type = MP_WIRE_MSG;
	snprintf(w->name, sizeof(w->name), "mpt_raw");
}

/* send one bad datagram (with a pipe end when with_fd) and check it died */
static int
mpt_expect_dropped(const char *what, const void *buf, size_t len,
		int nb_fds)
{
	struct mp_channel *ch = eal_mp_default_channel();
	struct mp_channel_stats before, now;
	int runs = atomic_load(&mpt.raw_runs);
	int p[2], fds[16], i;
	double end = mpt_now() + 5;
	char c;

	TEST_ASSERT_SUCCESS(pipe(p), "pipe");
	for (i = 0; i < nb_fds; i++)
		fds[i] = p[1];
	eal_mp_channel_get_stats(ch, &before);
	TEST_ASSERT_SUCCESS(mpt_raw_send(buf, len, fds, nb_fds),
		"%s: cannot send", what);
	close(p[1]);
	do {
		usleep(1000);
		eal_mp_channel_get_stats(ch, &now);
	} while (now.dropped == before.dropped && mpt_now() < end);
	TEST_ASSERT_EQUAL(now.dropped, before.dropped + 1,
		"%s: not dropped", what);
	TEST_ASSERT_EQUAL(atomic_load(&mpt.raw_runs), runs,
		"%s: reached the action", what);
	/* every copy of the write end we passed was closed by the receiver */
	if (nb_fds > 0)
		TEST_ASSERT_EQUAL(read(p[0], &c, 1), 0,
			"%s: received fds left open", what);
	close(p[0]);
	return TEST_SUCCESS;
}

/* as root: a datagram from another uid (connect first, then drop uid) */
static int
mpt_other_uid(struct mp_wire *w)
{
	struct sockaddr_un to = { .sun_family = AF_UNIX };
	int pid, s, status;

	snprintf(to.sun_path, sizeof(to.sun_path), "%s",
		eal_mp_channel_path(eal_mp_default_channel()));
	pid = fork();
	if (pid == 0) {
		s = socket(AF_UNIX, SOCK_DGRAM, 0);
		if (s < 0 || connect(s, (struct sockaddr *)&to,
				sizeof(to)) < 0 || setgid(65534) < 0 ||
				setuid(65534) < 0)
			_exit(1);
		_exit(send(s, w, sizeof(*w), 0) == sizeof(*w) ? 0 : 1);
	}
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return WIFEXITED(status) && WEXITSTATUS(status) == 0 ? 0 : -1;
}

static int
mpt_expect_uid_dropped(void)
{
	struct mp_channel *ch = eal_mp_default_channel();
	struct mp_channel_stats before, now;
	int runs = atomic_load(&mpt.raw_runs);
	double end = mpt_now() + 5;
	struct mp_wire w;

	if (geteuid() != 0) {
		printf("not root: the other-uid case is not tested\n");
		return TEST_SUCCESS;
	}
	mpt_raw_valid(&w);
	eal_mp_channel_get_stats(ch, &before);
	TEST_ASSERT_SUCCESS(mpt_other_uid(&w), "cannot send as uid 65534");
	do {
		usleep(1000);
		eal_mp_channel_get_stats(ch, &now);
	} while (now.dropped == before.dropped && mpt_now() < end);
	TEST_ASSERT_EQUAL(now.dropped, before.dropped + 1,
		"other uid: not dropped");
	TEST_ASSERT_EQUAL(atomic_load(&mpt.raw_runs), runs,
		"other uid: reached the action");
	return TEST_SUCCESS;
}

static int
test_malformed_dropped(void)
{
	char big[sizeof(struct mp_wire) + 64];
	struct rte_mp_msg m;
	struct mp_wire w;
	int runs, before;

	mpt_raw_valid(&w);
	TEST_ASSERT_SUCCESS(mpt_expect_dropped("short", &w, sizeof(w) - 1,
		0), "short");
	mpt_raw_valid(&w);
	memset(w.name, 'a', sizeof(w.name));
	TEST_ASSERT_SUCCESS(mpt_expect_dropped("unterminated name", &w,
		sizeof(w), 0), "name");
	mpt_raw_valid(&w);
	w.num_fds = 0;
	TEST_ASSERT_SUCCESS(mpt_expect_dropped("fd count mismatch", &w,
		sizeof(w), 2), "fds");
	mpt_raw_valid(&w);
	w.num_fds = 9;
	TEST_ASSERT_SUCCESS(mpt_expect_dropped("nine fds", &w, sizeof(w), 9),
		"nine fds");
	mpt_raw_valid(&w);
	w.len_param = RTE_MP_MAX_PARAM_LEN + 1;
	TEST_ASSERT_SUCCESS(mpt_expect_dropped("len_param 257", &w,
		sizeof(w), 0), "len_param");
	mpt_raw_valid(&w);
	memset(big, 0, sizeof(big));
	memcpy(big, &w, sizeof(w));
	TEST_ASSERT_SUCCESS(mpt_expect_dropped("oversized", big,
		sizeof(big), 1), "oversized");
	TEST_ASSERT_SUCCESS(mpt_expect_uid_dropped(), "uid");

	/* a well-formed raw datagram still goes through */
	runs = atomic_load(&mpt.raw_runs);
	mpt_raw_valid(&w);
	TEST_ASSERT_SUCCESS(mpt_raw_send(&w, sizeof(w), NULL, 0), "send");
	TEST_ASSERT_SUCCESS(mpt_wait_count(&mpt.raw_runs, runs + 1, 5000),
		"valid raw message not dispatched");

	/* and the primary still answers its peers' requests */
	before = atomic_load(&mpt.poke_acks);
	mpt_msg(&m, "mpt_poke", NULL, 0);
	TEST_ASSERT_SUCCESS(rte_mp_sendmsg(&m), "poke");
	TEST_ASSERT_SUCCESS(mpt_wait_count(&mpt.poke_acks,
		before + mpt.nb_pids, MPT_WAIT_MS), "peers got no answer");
	TEST_ASSERT_EQUAL(atomic_load(&mpt.poke_bad), 0,
		"a peer's request to the primary failed after bad input");
	return TEST_SUCCESS;
}

/* the dropped count of peer pid, asked over IPC; -1 if it did not answer */
static int64_t
mpt_peer_dropped(int pid)
{
	struct timespec ts = { .tv_sec = 5 };
	struct rte_mp_reply reply;
	struct rte_mp_msg req;
	uint64_t v[2];
	int64_t ret = -1;
	int i;

	mpt_msg(&req, "mpt_stats", NULL, 0);
	if (rte_mp_request_sync(&req, &reply, &ts) < 0)
		return -1;
	for (i = 0; i < reply.nb_received; i++) {
		if (reply.msgs[i].len_param != sizeof(v))
			continue;
		memcpy(v, reply.msgs[i].param, sizeof(v));
		if (v[0] == (uint64_t)pid)
			ret = (int64_t)v[1];
	}
	free(reply.msgs);
	return ret;
}

/* the socket of peer pid in our runtime dir, into path */
static int
mpt_peer_socket(int pid, char *path, size_t len)
{
	const char *dir = rte_eal_get_runtime_dir();
	char want[64];
	struct dirent *e;
	DIR *d = opendir(dir);
	int ret = -1;

	if (d == NULL)
		return -1;
	snprintf(want, sizeof(want), "mp_socket_%d_", pid);
	while ((e = readdir(d)) != NULL && ret < 0)
		if (strncmp(e->d_name, want, strlen(want)) == 0 &&
				(size_t)snprintf(path, len, "%s/%s", dir,
					e->d_name) < len)
			ret = 0;
	closedir(d);
	return ret;
}

static int
mpt_connected(const char *path)
{
	struct sockaddr_un to = { .sun_family = AF_UNIX };
	size_t n = strlen(path);
	int s;

	if (n >= sizeof(to.sun_path))
		return -1;
	memcpy(to.sun_path, path, n + 1);
	s = socket(AF_UNIX, SOCK_DGRAM, 0);
	if (s >= 0 && connect(s, (struct sockaddr *)&to, sizeof(to)) < 0) {
		close(s);
		s = -1;
	}
	return s;
}

/*
 * Forked child, a process of its own: a malformed (bad magic), a short, an
 * oversized datagram to path, then, as root, one more from uid nobody
 * (connected before dropping root: the runtime dir is 0700). Exits with
 * the number of datagrams sent, or 0xff on failure.
 */
static void
mpt_bad_sender(const char *path)
{
	char big[sizeof(struct mp_wire) + 64];
	struct mp_wire w;
	int s[4], i, sent = 0;

	for (i = 0; i < 4; i++)
		if ((s[i] = mpt_connected(path)) < 0)
			_exit(0xff);
	mpt_raw_valid(&w);
	w.magic = ~MP_WIRE_MAGIC;
	sent += send(s[0], &w, sizeof(w), 0) == sizeof(w);
	mpt_raw_valid(&w);
	sent += send(s[1], &w, 10, 0) == 10;
	memset(big, 0, sizeof(big));
	memcpy(big, &w, sizeof(w));
	sent += send(s[2], big, sizeof(big), 0) == sizeof(big);
	if (geteuid() == 0) {
		if (setgid(65534) < 0 || setuid(65534) < 0)
			_exit(0xff);
		sent += send(s[3], &w, sizeof(w), 0) == sizeof(w);
	}
	_exit(sent);
}

/*
 * Bad datagrams from another process into a peer's socket: each dropped
 * (its counter says so) and the peer goes on answering.
 */
static int
test_bad_input_to_peer(void)
{
	char path[PATH_MAX];
	int pid = mpt.pids[0], child, status, want;
	int64_t before, now = -1;
	double end;

	TEST_ASSERT_SUCCESS(mpt_peer_socket(pid, path, sizeof(path)),
		"no socket of peer %d", pid);
	before = mpt_peer_dropped(pid);
	TEST_ASSERT(before >= 0, "peer %d does not answer", pid);
	child = fork();
	if (child == 0)
		mpt_bad_sender(path);
	TEST_ASSERT(child > 0 && waitpid(child, &status, 0) == child &&
		WIFEXITED(status), "bad sender failed");
	want = WEXITSTATUS(status);
	TEST_ASSERT(want == (geteuid() == 0 ? 4 : 3),
		"bad sender sent %d datagrams", want);
	if (geteuid() != 0)
		printf("not root: no datagram from another uid sent\n");
	end = mpt_now() + 5;
	while (mpt_now() < end && (now = mpt_peer_dropped(pid)) >= 0 &&
			now < before + want)
		usleep(1000);
	TEST_ASSERT_EQUAL(now, before + want,
		"peer %d dropped %" PRId64 " of %d bad datagrams", pid,
		now - before, want);
	TEST_ASSERT_EQUAL(kill(pid, 0), 0, "peer %d died", pid);
	return TEST_SUCCESS;
}

static int
test_api_errors(void)
{
	struct timespec ts = { .tv_sec = 1 };
	struct rte_mp_reply reply;
	struct rte_mp_msg m;

	mpt_msg(&m, "", NULL, 0);
	TEST_ASSERT_EQUAL(rte_mp_sendmsg(&m), -1, "empty name accepted");
	TEST_ASSERT_EQUAL(rte_errno, EINVAL, "empty name errno");
	mpt_msg(&m, "mpt_echo", NULL, 0);
	m.len_param = RTE_MP_MAX_PARAM_LEN + 1;
	TEST_ASSERT_EQUAL(rte_mp_sendmsg(&m), -1, "len 257 accepted");
	TEST_ASSERT_EQUAL(rte_errno, E2BIG, "len 257 errno");
	mpt_msg(&m, "mpt_echo", NULL, 0);
	m.num_fds = RTE_MP_MAX_FD_NUM + 1;
	TEST_ASSERT_EQUAL(rte_mp_request_sync(&m, &reply, &ts), -1,
		"9 fds accepted");
	TEST_ASSERT_EQUAL(rte_errno, E2BIG, "9 fds errno");
	TEST_ASSERT_EQUAL(rte_mp_action_register("mpt_hello", mpt_on_hello),
		-1, "duplicate action accepted");
	TEST_ASSERT_EQUAL(rte_errno, EEXIST, "duplicate errno");
	mpt_msg(&m, "mpt_echo", NULL, 0);
	TEST_ASSERT_EQUAL(rte_mp_reply(&m, "/nonexistent"), -1,
		"reply to nothing accepted");
	TEST_ASSERT_EQUAL(rte_errno, ENOENT, "reply to nothing errno");
	return TEST_SUCCESS;
}

/* child primary of its own: disable mp, then a secondary must be refused */
static int
test_mp_ipc_disable_primary(void)
{
	const char *const *args = mpt_peer_args(true);
	int ret;

	TEST_ASSERT(rte_mp_disable(), "rte_mp_disable() refused with no "
		"secondary attached");
	TEST_ASSERT(rte_mp_disable(), "second rte_mp_disable() refused");
	ret = test_run_child("mp_ipc_peer", args);
	TEST_ASSERT(ret != 0 && ret != TEST_SKIPPED,
		"a secondary attached after rte_mp_disable() (status %d)", ret);
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(mp_ipc_disable_primary, test_mp_ipc_disable_primary);

static int
test_mp_disable(void)
{
	const struct internal_config *cfg = eal_get_internal_configuration();
	static char huge[PATH_MAX + 16];
	const char *args[4] = { "-m", "8", NULL, NULL };

	if (!mpt.eal_secondaries) {
		printf("no EAL secondaries on this build: not tested\n");
		return TEST_SKIPPED;
	}
	TEST_ASSERT(!rte_mp_disable(),
		"rte_mp_disable() accepted with secondaries attached");
	if (cfg->no_hugetlbfs) {
		args[0] = "--no-huge";
		args[1] = NULL;
	} else if (cfg->hugepage_dir != NULL) {
		snprintf(huge, sizeof(huge), "--huge-dir=%s",
			cfg->hugepage_dir);
		args[2] = huge;
	}
	TEST_ASSERT_EQUAL(test_run_child("mp_ipc_disable_primary", args), 0,
		"a primary that disabled mp still admitted a secondary");
	return TEST_SUCCESS;
}

/* child run with --in-memory or --no-shconf: IPC must be off, as in DPDK */
static int
test_mp_ipc_disabled(void)
{
	struct timespec ts = { .tv_sec = 1 };
	struct rte_mp_reply reply;
	struct rte_mp_msg m;

	mpt_msg(&m, "mpt_off", NULL, 0);
	TEST_ASSERT_NULL(eal_mp_default_channel(), "channel opened");
	TEST_ASSERT_EQUAL(rte_mp_action_register("mpt_off", mpt_on_raw), -1,
		"action registered");
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "register errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_mp_sendmsg(&m), -1, "sendmsg worked");
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "sendmsg errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_mp_request_sync(&m, &reply, &ts), -1,
		"request_sync worked");
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "sync errno %d", rte_errno);
	TEST_ASSERT(reply.nb_sent == 0 && reply.msgs == NULL, "reply filled");
	TEST_ASSERT_EQUAL(rte_mp_request_async(&m, &ts, mpt_async_cb), -1,
		"request_async worked");
	TEST_ASSERT_EQUAL(rte_errno, ENOTSUP, "async errno %d", rte_errno);
	TEST_ASSERT_EQUAL(rte_mp_reply(&m, "peer"), 0, "reply not a no-op");
	return TEST_SUCCESS;
}

REGISTER_TEST_COMMAND(mp_ipc_disabled, test_mp_ipc_disabled);

static int
test_disabled_by_options(void)
{
	static const char *const in_memory[] = { "--no-huge", "--in-memory",
		NULL };
	static const char *const no_shconf[] = { "--no-huge", "--no-shconf",
		NULL };

	TEST_ASSERT_EQUAL(test_run_child("mp_ipc_disabled", in_memory), 0,
		"--in-memory");
	TEST_ASSERT_EQUAL(test_run_child("mp_ipc_disabled", no_shconf), 0,
		"--no-shconf");
	return TEST_SUCCESS;
}

static struct unit_test_suite mp_ipc_suite = {
	.suite_name = "multi-process IPC channel",
	.setup = mpt_setup,
	.teardown = mpt_teardown,
	.unit_test_cases = {
		TEST_CASE(test_api_errors),
		TEST_CASE(test_request_sync_one),
		TEST_CASE(test_request_sync_four),
		TEST_CASE(test_sendmsg_both_ways),
		TEST_CASE(test_request_async),
		TEST_CASE(test_fds_passed),
		TEST_CASE(test_timeout),
		TEST_CASE(test_malformed_dropped),
		TEST_CASE(test_bad_input_to_peer),
		TEST_CASE(test_dead_peer_cleaned),
		TEST_CASE(test_mp_disable),
		TEST_CASE(test_disabled_by_options),
		TEST_CASES_END()
	}
};

static int
test_mp_ipc(void)
{
	return unit_test_suite_runner(&mp_ipc_suite);
}

REGISTER_TEST_COMMAND(mp_ipc_autotest, test_mp_ipc);

/* ---------------------------------------------------------------------
 * benchmark: request_sync round trip, primary -> N peers and back
 * ------------------------------------------------------------------- */

static int
mpt_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int
mpt_perf_run(int nb_peers, int rounds)
{
	struct timespec ts = { .tv_sec = 5 };
	struct rte_mp_reply reply;
	struct rte_mp_msg req;
	double *lat, t0, sum = 0;
	int i;

	lat = calloc((size_t)rounds, sizeof(*lat));
	TEST_ASSERT_NOT_NULL(lat, "no memory");
	mpt_msg(&req, "mpt_echo", "abc", 3);
	for (i = 0; i < rounds; i++) {
		t0 = mpt_now();
		if (rte_mp_request_sync(&req, &reply, &ts) < 0 ||
				reply.nb_received != nb_peers) {
			free(lat);
			TEST_ASSERT(0, "round %d failed", i);
		}
		lat[i] = (mpt_now() - t0) * 1e6;
		sum += lat[i];
		free(reply.msgs);
	}
	qsort(lat, (size_t)rounds, sizeof(*lat), mpt_cmp_double);
	printf("mp_ipc perf: request_sync to %d peer(s): mean %.1f us, "
		"p50 %.1f us, p99 %.1f us (%d rounds, %s)\n", nb_peers,
		sum / rounds, lat[rounds / 2], lat[rounds * 99 / 100], rounds,
		mpt.eal_secondaries ? "EAL secondaries" : "channel peers");
	free(lat);
	return TEST_SUCCESS;
}

static int
test_mp_ipc_perf(void)
{
	int ret;

	ret = mpt_setup();
	if (ret != TEST_SUCCESS)
		return ret;
	ret = mpt_perf_run(1, 2000);
	while (ret == TEST_SUCCESS && mpt.nb_pids < MPT_MAX_PEERS)
		if (mpt_spawn() < 0)
			ret = TEST_FAILED;
	if (ret == TEST_SUCCESS)
		ret = mpt_perf_run(MPT_MAX_PEERS, 2000);
	mpt_teardown();
	return ret;
}

REGISTER_TEST_COMMAND(mp_ipc_perf_autotest, test_mp_ipc_perf);
