/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * hotplug_fwd: forward between two ports while a secondary process makes
 * the shared memory grow and shrink underneath.
 *
 *   hotplug_fwd [EAL options] --vdev net_ring0 --vdev net_ring1 \
 *       -- [--seconds N] [--churn-mb M]
 *
 * The primary sets up two ports and forwards whatever one receives to the
 * other. On net_ring ports (each sends to itself) it first puts a closed
 * set of numbered packets into the loop, so that at the end it can check
 * that every packet came back, once and intact. It then starts itself
 * again as a secondary process (the same EAL options plus
 * --proc-type=secondary) that allocates M MiB with rte_malloc(), touches
 * it and frees it, round after round: hugepages are plugged into both
 * processes and unplugged again while packets flow. Once a second the
 * primary prints the forwarding rate, the heap size and the memory
 * plugged and unplugged. At the end it raises a stop flag in a shared
 * memzone, waits for the secondary, drains the ports and prints
 * "hotplug_fwd: OK ..." or "hotplug_fwd: FAILED ...".
 */

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_ethdev.h>
#include <rte_lcore.h>
#include <rte_malloc.h>
#include <rte_mbuf.h>
#include <rte_memory.h>
#include <rte_memzone.h>

#define CTL_MZ "hotplug_fwd_ctl"
#define NB_MBUFS 4095
#define NB_LOOP_PKTS 256
#define PKT_LEN 64
#define BURST 32
#define MAGIC 0x68706677u /* "hpfw" */

/* shared by both processes, in a memzone */
struct fwd_ctl {
	volatile int stop;          /* primary asks the secondary to leave */
	volatile uint64_t rounds;   /* secondary's allocate/free rounds */
};

struct loop_pkt {
	uint32_t magic;
	uint32_t seq;
	uint8_t fill[PKT_LEN - 8];  /* seq-dependent, checked at the end */
};

static unsigned int opt_seconds = 5;
static unsigned int opt_churn_mb = 64;
static bool opt_churn;

/* memory the primary saw plugged and unplugged (mem event callback) */
static uint64_t plugged_bytes, unplugged_bytes;

static void
mem_event(enum rte_mem_event type, const void *addr, size_t len, void *arg)
{
	(void)addr;
	(void)arg;
	__atomic_fetch_add(type == RTE_MEM_EVENT_ALLOC ? &plugged_bytes :
		&unplugged_bytes, len, __ATOMIC_RELAXED);
}

static int
parse_args(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "seconds", required_argument, NULL, 's' },
		{ "churn-mb", required_argument, NULL, 'm' },
		{ "churn", no_argument, NULL, 'c' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 's': opt_seconds = (unsigned int)atoi(optarg); break;
		case 'm': opt_churn_mb = (unsigned int)atoi(optarg); break;
		case 'c': opt_churn = true; break;
		default:
			fprintf(stderr, "usage: hotplug_fwd [EAL options] -- "
				"[--seconds N] [--churn-mb M]\n");
			return -1;
		}
	}
	return opt_seconds > 0 && opt_churn_mb > 0 ? 0 : -1;
}

/* ---------------------------------------------------------------------
 * the secondary: grow and shrink the shared memory until told to stop
 * --------------------------------------------------------------------- */

static int
churn_main(void)
{
	const struct rte_memzone *mz = rte_memzone_lookup(CTL_MZ);
	struct fwd_ctl *ctl;
	size_t len = (size_t)opt_churn_mb << 20;
	void *p;

	if (mz == NULL) {
		printf("churn: no %s memzone: start the primary first\n",
			CTL_MZ);
		return 1;
	}
	ctl = mz->addr;
	while (!ctl->stop) {
		p = rte_malloc("churn", len, 0);
		if (p != NULL) {
			memset(p, 0xa5, len); /* touch every page */
			rte_delay_ms(20);
			rte_free(p);          /* whole pages go back */
			ctl->rounds++;
		}
		rte_delay_ms(20);
	}
	printf("churn: %" PRIu64 " rounds of %u MiB\n", ctl->rounds,
		opt_churn_mb);
	return 0;
}

/* run this program again as a secondary with the same EAL options */
static pid_t
churn_spawn(int argc, char **argv, int eal_argc)
{
	char **av = calloc((size_t)eal_argc + 7, sizeof(*av));
	char mb[16];
	pid_t pid;
	int i, n = 0;

	if (av == NULL)
		return -1;
	snprintf(mb, sizeof(mb), "%u", opt_churn_mb);
	av[n++] = argv[0];
	av[n++] = (char *)(uintptr_t)"--proc-type=secondary";
	for (i = 1; i < eal_argc && i < argc; i++)
		if (strcmp(argv[i], "--") != 0)
			av[n++] = argv[i];
	av[n++] = (char *)(uintptr_t)"--";
	av[n++] = (char *)(uintptr_t)"--churn";
	av[n++] = (char *)(uintptr_t)"--churn-mb";
	av[n++] = mb;
	av[n] = NULL;
	pid = fork();
	if (pid == 0) {
		execv("/proc/self/exe", av);
		_exit(127);
	}
	free(av);
	return pid;
}

/* ---------------------------------------------------------------------
 * the primary: two ports, a closed loop of packets, forwarding
 * --------------------------------------------------------------------- */

static int
port_init(uint16_t port, struct rte_mempool *pool)
{
	struct rte_eth_conf conf;
	uint16_t rxd = 1024, txd = 1024;

	memset(&conf, 0, sizeof(conf));
	if (rte_eth_dev_configure(port, 1, 1, &conf) != 0 ||
			rte_eth_dev_adjust_nb_rx_tx_desc(port, &rxd,
				&txd) != 0 ||
			rte_eth_rx_queue_setup(port, 0, rxd,
				rte_eth_dev_socket_id(port), NULL, pool) != 0 ||
			rte_eth_tx_queue_setup(port, 0, txd,
				rte_eth_dev_socket_id(port), NULL) != 0)
		return -1;
	return rte_eth_dev_start(port);
}

static void
fill_pkt(struct loop_pkt *p, uint32_t seq)
{
	p->magic = MAGIC;
	p->seq = seq;
	memset(p->fill, (int)(seq & 0xff), sizeof(p->fill));
}

/* NB_LOOP_PKTS numbered packets sent on port; 0 on success */
static int
inject(uint16_t port, struct rte_mempool *pool)
{
	struct rte_mbuf *m[NB_LOOP_PKTS];
	uint16_t i, sent;

	if (rte_pktmbuf_alloc_bulk(pool, m, NB_LOOP_PKTS) != 0)
		return -1;
	for (i = 0; i < NB_LOOP_PKTS; i++)
		fill_pkt((struct loop_pkt *)rte_pktmbuf_append(m[i], PKT_LEN),
			i);
	sent = rte_eth_tx_burst(port, 0, m, NB_LOOP_PKTS);
	rte_pktmbuf_free_bulk(&m[sent], NB_LOOP_PKTS - sent);
	return sent == NB_LOOP_PKTS ? 0 : -1;
}

/* forward ports[0] <-> ports[1] for one pass; returns packets moved */
static uint64_t
forward_once(const uint16_t ports[2], uint64_t *lost)
{
	struct rte_mbuf *m[BURST];
	uint64_t moved = 0;
	uint16_t n, sent;
	int i;

	for (i = 0; i < 2; i++) {
		n = rte_eth_rx_burst(ports[i], 0, m, BURST);
		if (n == 0)
			continue;
		sent = rte_eth_tx_burst(ports[i ^ 1], 0, m, n);
		if (sent < n) {
			*lost += n - sent;
			rte_pktmbuf_free_bulk(&m[sent], n - sent);
		}
		moved += sent;
	}
	return moved;
}

static void
print_second(unsigned int t, uint64_t pkts, const struct fwd_ctl *ctl)
{
	struct rte_malloc_socket_stats st = { 0 };

	rte_malloc_get_socket_stats((int)rte_socket_id(), &st);
	printf("t=%2us  %8.3f Mpps  heap %5zu MiB  plugged %6" PRIu64
		" MiB  unplugged %6" PRIu64 " MiB  churn rounds %" PRIu64 "\n",
		t, pkts / 1e6, st.heap_totalsz_bytes >> 20,
		__atomic_load_n(&plugged_bytes, __ATOMIC_RELAXED) >> 20,
		__atomic_load_n(&unplugged_bytes, __ATOMIC_RELAXED) >> 20,
		ctl->rounds);
	fflush(stdout);
}

static uint64_t
forward_for(const uint16_t ports[2], const struct fwd_ctl *ctl,
		uint64_t *lost)
{
	uint64_t hz = rte_get_timer_hz(), next = rte_get_timer_cycles() + hz;
	uint64_t total = 0, this_second = 0;
	unsigned int t = 0;

	while (t < opt_seconds) {
		this_second += forward_once(ports, lost);
		if (rte_get_timer_cycles() < next)
			continue;
		print_second(++t, this_second, ctl);
		total += this_second;
		this_second = 0;
		next += hz;
	}
	return total;
}

static int
check_pkt(const struct rte_mbuf *m, uint8_t *seen)
{
	const struct loop_pkt *got;
	struct loop_pkt want;

	got = rte_pktmbuf_mtod(m, const struct loop_pkt *);
	if (m->pkt_len != PKT_LEN || got->magic != MAGIC ||
			got->seq >= NB_LOOP_PKTS || seen[got->seq])
		return -1;
	fill_pkt(&want, got->seq);
	if (memcmp(&want, got, sizeof(want)) != 0)
		return -1;
	seen[got->seq] = 1;
	return 0;
}

/* drain both ports; counts loop packets back intact, and the others */
static void
drain_and_check(const uint16_t ports[2], unsigned int *back,
		unsigned int *bad)
{
	uint8_t seen[NB_LOOP_PKTS] = { 0 };
	struct rte_mbuf *m[BURST];
	unsigned int empty = 0;
	uint16_t n, k, j;
	int i;

	while (empty < 1000) {
		for (i = 0, n = 0; i < 2; i++, n += k) {
			k = rte_eth_rx_burst(ports[i], 0, m, BURST);
			for (j = 0; j < k; j++)
				*(check_pkt(m[j], seen) == 0 ? back : bad) += 1;
			rte_pktmbuf_free_bulk(m, k);
		}
		empty = n == 0 ? empty + 1 : 0;
	}
}

static bool
is_loopback(uint16_t port)
{
	struct rte_eth_dev_info info;

	return rte_eth_dev_info_get(port, &info) == 0 &&
		info.driver_name != NULL &&
		strcmp(info.driver_name, "net_ring") == 0;
}

/* the two ports, the control memzone, the pool; exits on failure */
static struct fwd_ctl *
primary_setup(uint16_t ports[2], struct rte_mempool **pool)
{
	const struct rte_memzone *mz;
	uint16_t p, n = 0;

	RTE_ETH_FOREACH_DEV(p)
		if (n < 2)
			ports[n++] = p;
	if (n < 2)
		rte_exit(EXIT_FAILURE, "needs two ports, e.g. --vdev net_ring0"
			" --vdev net_ring1\n");
	*pool = rte_pktmbuf_pool_create("hpf_pool", NB_MBUFS, 0, 0,
		RTE_MBUF_DEFAULT_BUF_SIZE, (int)rte_socket_id());
	mz = rte_memzone_reserve(CTL_MZ, sizeof(struct fwd_ctl),
		SOCKET_ID_ANY, 0);
	if (*pool == NULL || mz == NULL)
		rte_exit(EXIT_FAILURE, "cannot allocate: %s\n",
			rte_strerror(rte_errno));
	memset(mz->addr, 0, sizeof(struct fwd_ctl));
	if (port_init(ports[0], *pool) != 0 || port_init(ports[1], *pool) != 0)
		rte_exit(EXIT_FAILURE, "cannot start ports %u and %u\n",
			ports[0], ports[1]);
	return mz->addr;
}

static int
primary_main(int argc, char **argv, int eal_argc)
{
	struct rte_mempool *pool;
	struct fwd_ctl *ctl;
	uint16_t ports[2];
	uint64_t fwd, lost = 0;
	unsigned int back = 0, bad = 0;
	bool loop, dynamic;
	int status = -1, ok;
	pid_t pid;

	ctl = primary_setup(ports, &pool);
	dynamic = rte_mem_event_callback_register("hotplug_fwd", mem_event,
		NULL) == 0;
	loop = is_loopback(ports[0]) && is_loopback(ports[1]);
	if (loop && inject(ports[0], pool) != 0)
		rte_exit(EXIT_FAILURE, "cannot put packets in the loop\n");
	pid = churn_spawn(argc, argv, eal_argc);
	if (pid < 0)
		rte_exit(EXIT_FAILURE, "cannot start the secondary\n");
	printf("forwarding %u <-> %u for %u s (%s), secondary %d churns "
		"%u MiB\n", ports[0], ports[1], opt_seconds,
		loop ? "closed loop of packets" : "open", (int)pid,
		opt_churn_mb);
	fwd = forward_for(ports, ctl, &lost);
	ctl->stop = 1;
	waitpid(pid, &status, 0);
	if (loop)
		drain_and_check(ports, &back, &bad);
	ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
		ctl->rounds > 0 && fwd > 0 && lost == 0 &&
		(!loop || (back == NB_LOOP_PKTS && bad == 0)) &&
		(!dynamic || (plugged_bytes > 0 && unplugged_bytes > 0));
	printf("hotplug_fwd: %s: %" PRIu64 " packets forwarded, %" PRIu64
		" lost, loop packets back %u/%u (bad %u), secondary %s after "
		"%" PRIu64 " rounds, %" PRIu64 " MiB plugged / %" PRIu64
		" MiB unplugged%s\n", ok ? "OK" : "FAILED", fwd, lost, back,
		loop ? NB_LOOP_PKTS : 0, bad,
		WIFEXITED(status) && WEXITSTATUS(status) == 0 ?
		"exited 0" : "FAILED", ctl->rounds, plugged_bytes >> 20,
		unplugged_bytes >> 20, dynamic ? "" : " (memory is static)");
	rte_eth_dev_stop(ports[0]);
	rte_eth_dev_stop(ports[1]);
	return ok ? 0 : 1;
}

int
main(int argc, char **argv)
{
	char **orig = malloc(((size_t)argc + 1) * sizeof(*orig));
	int eal_argc, ret;

	if (orig == NULL)
		return 1;
	/* rte_eal_init() rearranges argv; the secondary needs the EAL part */
	memcpy(orig, argv, ((size_t)argc + 1) * sizeof(*orig));
	eal_argc = rte_eal_init(argc, argv);
	if (eal_argc < 0)
		rte_exit(EXIT_FAILURE, "cannot initialise the EAL\n");
	if (parse_args(argc - eal_argc, argv + eal_argc) < 0)
		rte_exit(EXIT_FAILURE, "bad arguments\n");
	if (opt_churn)
		ret = churn_main();
	else if (rte_eal_process_type() != RTE_PROC_PRIMARY)
		rte_exit(EXIT_FAILURE, "start hotplug_fwd as a primary; it "
			"starts its secondary itself\n");
	else
		ret = primary_main(argc, orig, eal_argc);
	rte_eal_cleanup();
	free(orig);
	return ret;
}
