/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The testpmd> prompt, and the wait of a non-interactive run. stdin is
 * read line by line with poll(), so a signal, EOF or the stats period is
 * noticed within a fraction of a second and no readline is needed.
 */
#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <rte_cycles.h>

#include "testpmd.h"

#define TP_LINE_MAX 512
#define TP_POLL_MS 100

struct tp_reader {
	char buf[TP_LINE_MAX];
	size_t len;
	bool eof;
};

/* 1: a line in out; 0: nothing yet; -1: end of input */
static int
tp_read_line(struct tp_reader *r, char *out, size_t size, int timeout_ms)
{
	struct pollfd pfd = { .fd = STDIN_FILENO, .events = POLLIN };
	char *nl;
	ssize_t n;
	size_t len;

	for (;;) {
		nl = memchr(r->buf, '\n', r->len);
		if (nl != NULL || (r->eof && r->len != 0) ||
				r->len == sizeof(r->buf)) {
			len = nl != NULL ? (size_t)(nl - r->buf) : r->len;
			snprintf(out, size, "%.*s", (int)len, r->buf);
			len += nl != NULL;
			memmove(r->buf, r->buf + len, r->len - len);
			r->len -= len;
			return 1;
		}
		if (r->eof)
			return -1;
		if (poll(&pfd, 1, timeout_ms) <= 0)
			return 0;
		n = read(STDIN_FILENO, r->buf + r->len,
			sizeof(r->buf) - r->len);
		if (n < 0 && (errno == EINTR || errno == EAGAIN))
			return 0;
		if (n <= 0)
			r->eof = true;
		else
			r->len += (size_t)n;
		timeout_ms = 0;
	}
}

static void
tp_help(void)
{
	printf("Commands:\n"
		"  start                     start forwarding\n"
		"  start tx_first [N]        send N bursts first (default 1)\n"
		"  stop                      stop forwarding, show statistics\n"
		"  show port stats all|N     NIC statistics\n"
		"  clear port stats all      reset NIC statistics\n"
		"  show config fwd           streams and lcores\n"
		"  set fwd MODE              %s\n"
		"  show hotplug churn        hot-plug churn figures so far\n"
		"  quit                      stop, close ports and exit\n",
		tp_mode_names());
}

static void
tp_cmd_set_fwd(struct testpmd *tp, const char *mode)
{
	const struct fwd_engine *e = tp_engine_find(mode);

	if (e == NULL) {
		printf("Bad arguments: unknown forwarding mode '%s', "
			"expected %s\n", mode, tp_mode_names());
		return;
	}
	if (tp->forwarding) {
		printf("Please stop forwarding first\n");
		return;
	}
	tp->cfg.mode = (enum fwd_mode)(e - tp_engines);
	tp->engine = e;
	printf("Set %s packet forwarding mode\n", e->name);
}

static void
tp_cmd_start(struct testpmd *tp, char **w, int n)
{
	unsigned long bursts = 1;
	char *end;

	if (n >= 2 && strcmp(w[1], "tx_first") == 0) {
		if (n == 3) {
			bursts = strtoul(w[2], &end, 10);
			if (*end != '\0' || bursts == 0 || bursts > 1024) {
				printf("Bad arguments: start tx_first N takes "
					"N from 1 to 1024\n");
				return;
			}
		}
		if (tp->forwarding) {
			printf("Packet forwarding already started\n");
			return;
		}
		tp_start(tp, (unsigned int)bursts);
		return;
	}
	if (n != 1) {
		printf("Bad arguments: start [tx_first [N]]\n");
		return;
	}
	tp_start(tp, 0);
}

static void
tp_cmd_show(struct testpmd *tp, char **w, int n)
{
	char *end;
	long port;

	if (n == 4 && strcmp(w[1], "port") == 0 &&
			strcmp(w[2], "stats") == 0) {
		if (strcmp(w[3], "all") == 0) {
			tp_show_port_stats(tp, -1);
			return;
		}
		port = strtol(w[3], &end, 10);
		if (*end == '\0' && port >= 0 && port < RTE_MAX_ETHPORTS) {
			tp_show_port_stats(tp, (int)port);
			return;
		}
	} else if (n == 3 && strcmp(w[1], "config") == 0 &&
			strcmp(w[2], "fwd") == 0) {
		tp_show_config_fwd(tp);
		return;
	} else if (n == 3 && strcmp(w[1], "hotplug") == 0 &&
			strcmp(w[2], "churn") == 0) {
		tp_churn_show(tp);
		return;
	}
	printf("Bad arguments: show port stats all|N, show config fwd, "
		"show hotplug churn\n");
}

/* false when the command asks to quit */
static bool
tp_dispatch(struct testpmd *tp, char *line)
{
	char *w[8], *save = NULL, *tok;
	int n = 0;

	for (tok = strtok_r(line, " \t\r", &save); tok != NULL && n < 8;
			tok = strtok_r(NULL, " \t\r", &save))
		w[n++] = tok;
	if (n == 0)
		return true;
	if (strcmp(w[0], "quit") == 0 || strcmp(w[0], "exit") == 0)
		return false;
	if (strcmp(w[0], "start") == 0)
		tp_cmd_start(tp, w, n);
	else if (strcmp(w[0], "stop") == 0 && n == 1)
		tp_stop(tp);
	else if (strcmp(w[0], "show") == 0)
		tp_cmd_show(tp, w, n);
	else if (n == 4 && strcmp(w[0], "clear") == 0 &&
			strcmp(w[1], "port") == 0 && strcmp(w[2], "stats") == 0)
		tp_clear_port_stats(tp);
	else if (n == 3 && strcmp(w[0], "set") == 0 &&
			strcmp(w[1], "fwd") == 0)
		tp_cmd_set_fwd(tp, w[2]);
	else if (strcmp(w[0], "help") == 0)
		tp_help();
	else
		printf("Bad arguments: '%s' is not a command (try help)\n",
			w[0]);
	return true;
}

int
tp_prompt(struct testpmd *tp)
{
	struct tp_reader r = { .len = 0, .eof = false };
	char line[TP_LINE_MAX];
	int got;

	for (;;) {
		printf("testpmd> ");
		fflush(stdout);
		do {
			if (tp_quitting())
				return 0;
			got = tp_read_line(&r, line, sizeof(line), TP_POLL_MS);
		} while (got == 0);
		if (got < 0) {
			printf("\n");
			return 0;
		}
		if (!tp_dispatch(tp, line))
			return 0;
	}
}

/*
 * Without --stats-period: until enter, EOF or a signal. With it, as in
 * DPDK: statistics every period until a signal, stdin unread (so that a
 * run under nohup or with stdin closed keeps forwarding).
 */
int
tp_wait_noninteractive(struct testpmd *tp)
{
	struct tp_reader r = { .len = 0, .eof = false };
	char line[TP_LINE_MAX];
	uint64_t hz = rte_get_tsc_hz(), next = 0;
	struct timespec nap = { .tv_sec = 0, .tv_nsec = TP_POLL_MS * 1000000L };

	if (tp->cfg.stats_period == 0) {
		printf("Press enter to exit\n");
		fflush(stdout);
		while (!tp_quitting() && tp_read_line(&r, line,
				sizeof(line), TP_POLL_MS) == 0)
			;
		return 0;
	}
	next = rte_get_tsc_cycles() + tp->cfg.stats_period * hz;
	while (!tp_quitting()) {
		nanosleep(&nap, NULL);
		if (rte_get_tsc_cycles() >= next) {
			tp_show_port_stats(tp, -1);
			next += tp->cfg.stats_period * hz;
		}
	}
	return 0;
}
