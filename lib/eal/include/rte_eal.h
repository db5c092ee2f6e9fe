/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_EAL_H_
#define _RTE_EAL_H_

/**
 * @file
 *
 * Entry points of the Environment Abstraction Layer: initialisation and
 * teardown, the role of this process, the IOVA mode chosen, and the message
 * types of the multi-process channel.
 */

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include <rte_config.h>
#include <rte_compat.h>
#include <rte_per_lcore.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Value written by the primary once its shared state is ready. */
#define RTE_MAGIC 19820526

/** Role of a process in a multi-process group. */
enum rte_proc_type_t {
	RTE_PROC_AUTO = -1,   /**< primary if none is running, else secondary */
	RTE_PROC_PRIMARY = 0, /**< owns the shared state */
	RTE_PROC_SECONDARY,   /**< attaches to a running primary */

	RTE_PROC_INVALID
};

/**
 * Role of the calling process.
 *
 * @return
 *   RTE_PROC_PRIMARY or RTE_PROC_SECONDARY once rte_eal_init() has run.
 */
enum rte_proc_type_t rte_eal_process_type(void);

/**
 * Request I/O privilege for the calling thread (x86 only).
 *
 * @return
 *   0 on success, -1 when the privilege cannot be granted.
 */
int rte_eal_iopl_init(void);

/**
 * Initialise the EAL from the command line.
 *
 * Parses the EAL options at the front of argv (up to an optional "--"),
 * sets up hugepage memory, the shared configuration, the lcore threads and
 * the buses. On failure everything done so far is undone.
 *
 * @param argc
 *   Number of arguments in argv.
 * @param argv
 *   Arguments; argv[0] is the program name.
 * @return
 *   The number of arguments consumed (>= 0) on success, -1 on failure with
 *   rte_errno set (EINVAL bad option, EALREADY called twice, ENOMEM, ...).
 */
int rte_eal_init(int argc, char **argv);

/**
 * Release every resource rte_eal_init() acquired: worker threads, memory,
 * the shared configuration and, for the last user, the runtime directory.
 *
 * @return
 *   0 on success, -1 with rte_errno = EALREADY if the EAL is not
 *   initialised (never was, or already cleaned up).
 */
int rte_eal_cleanup(void);

/**
 * Tell whether a primary process holds the given configuration file.
 *
 * @param config_file_path
 *   Path of the configuration file, or NULL for the default one of this
 *   process' --file-prefix.
 * @return
 *   1 if a primary process is alive, 0 otherwise.
 */
int rte_eal_primary_proc_alive(const char *config_file_path);

/**
 * Disable the multi-process channel, if no secondary uses it.
 *
 * @return
 *   true if the channel is (now) disabled.
 */
bool rte_mp_disable(void);

#define RTE_MP_MAX_FD_NUM 8     /**< most fds carried by one message */
#define RTE_MP_MAX_NAME_LEN 64  /**< action name length, NUL included */
#define RTE_MP_MAX_PARAM_LEN 256 /**< most payload bytes in one message */

/** A message of the multi-process channel. */
struct rte_mp_msg {
	char name[RTE_MP_MAX_NAME_LEN]; /**< action the message is for */
	int len_param;                  /**< bytes used in param */
	int num_fds;                    /**< fds used in fds */
	uint8_t param[RTE_MP_MAX_PARAM_LEN]; /**< payload */
	int fds[RTE_MP_MAX_FD_NUM];     /**< file descriptors passed along */
};

/** The answers collected for one request. */
struct rte_mp_reply {
	int nb_sent;              /**< requests sent */
	int nb_received;          /**< replies received */
	struct rte_mp_msg *msgs;  /**< replies; the caller frees the array */
};

/**
 * Handler of a named action.
 *
 * @param msg
 *   The message received.
 * @param peer
 *   Opaque address of the sender, to pass to rte_mp_reply().
 * @return
 *   0 on success, <0 on failure.
 */
typedef int (*rte_mp_t)(const struct rte_mp_msg *msg, const void *peer);

/**
 * Callback of an asynchronous request, called once every reply arrived or
 * the timeout expired.
 *
 * @param request
 *   The request that was sent.
 * @param reply
 *   The replies gathered.
 * @return
 *   0 on success, <0 on failure.
 */
typedef int (*rte_mp_async_reply_t)(const struct rte_mp_msg *request,
		const struct rte_mp_reply *reply);

/** Function printing the application's own usage after the EAL's. */
typedef void (*rte_usage_hook_t)(const char *prgname);

/**
 * Register a function that prints the application's usage.
 *
 * @param usage_func
 *   The function, or NULL to remove it.
 * @return
 *   The previously registered function, or NULL.
 */
rte_usage_hook_t rte_set_application_usage_hook(rte_usage_hook_t usage_func);

/**
 * Tell whether the EAL runs on hugepages.
 *
 * @return
 *   1 unless --no-huge was given, 0 then.
 */
int rte_eal_has_hugepages(void);

/**
 * Tell whether PCI devices may be used.
 *
 * @return
 *   1 unless --no-pci was given, 0 then.
 */
int rte_eal_has_pci(void);

/**
 * Tell whether UIO device files should be created (never here).
 *
 * @return
 *   0.
 */
int rte_eal_create_uio_dev(void);

/**
 * Kernel thread id of the caller, from the system call.
 *
 * @return
 *   The thread id, or -1 on error.
 */
int rte_sys_gettid(void);

RTE_DECLARE_PER_LCORE(int, _thread_id);

/**
 * Kernel thread id of the caller, cached per thread.
 *
 * @return
 *   The thread id.
 */
static inline int
rte_gettid(void)
{
	if (RTE_PER_LCORE(_thread_id) == -1)
		RTE_PER_LCORE(_thread_id) = rte_sys_gettid();
	return RTE_PER_LCORE(_thread_id);
}

/** How devices address memory (IO virtual addresses). */
enum rte_iova_mode {
	RTE_IOVA_DC = 0,       /**< don't care: let the EAL choose */
	RTE_IOVA_PA = (1 << 0), /**< IOVA are physical addresses */
	RTE_IOVA_VA = (1 << 1)  /**< IOVA are virtual addresses */
};

/**
 * IOVA mode of this process.
 *
 * @return
 *   RTE_IOVA_PA or RTE_IOVA_VA once rte_eal_init() has run.
 */
enum rte_iova_mode rte_eal_iova_mode(void);

/**
 * Mempool ops name given with --mbuf-pool-ops-name.
 *
 * @return
 *   The name, or NULL if the option was not given.
 */
const char *rte_eal_mbuf_user_pool_ops(void);

/**
 * Directory holding this process group's runtime files.
 *
 * @return
 *   The path, e.g. "/var/run/dpdk/rte".
 */
const char *rte_eal_get_runtime_dir(void);

/**
 * Virtual address below which the EAL tries to map its memory.
 *
 * @return
 *   --base-virtaddr if given, else the default base address.
 */
__rte_internal
uint64_t rte_eal_get_baseaddr(void);

/* multi-process channel (eal_common_proc.c) */

/**
 * Register the function run when a message or request named name arrives.
 * It runs on the IPC handler thread; fds of the message become its own.
 *
 * @param name
 *   Action name, 1 to 63 characters.
 * @param action
 *   The handler.
 * @return
 *   0 on success, -1 with rte_errno: EINVAL (bad name), E2BIG (name too
 *   long), EEXIST (already registered), ENOMEM, ENOTSUP (IPC disabled by
 *   --no-shconf or --in-memory).
 */
int rte_mp_action_register(const char *name, rte_mp_t action);

/**
 * Remove the action registered under name, if any.
 *
 * @param name
 *   Action name.
 */
void rte_mp_action_unregister(const char *name);

/**
 * Send a message without waiting for an answer: from the primary to every
 * secondary, from a secondary to the primary.
 *
 * @param msg
 *   The message; its fds are passed to the peers (and stay open here).
 * @return
 *   0 on success, -1 with rte_errno: EINVAL, E2BIG (bad message), ENOTSUP
 *   (IPC disabled), or the error of a failed send.
 */
int rte_mp_sendmsg(struct rte_mp_msg *msg);

/**
 * Send a request and wait for every peer's reply (the primary asks all
 * secondaries, a secondary asks the primary). Must not be called from an
 * action (the IPC handler thread).
 *
 * @param req
 *   The request.
 * @param reply
 *   Filled with the count sent and the replies; the caller frees
 *   reply->msgs with free().
 * @param ts
 *   How long to wait, relative.
 * @return
 *   0 when every peer replied, -1 with rte_errno otherwise (ETIMEDOUT if
 *   a peer did not reply in time, EINVAL, E2BIG, ENOTSUP, EDEADLK).
 */
int rte_mp_request_sync(struct rte_mp_msg *req, struct rte_mp_reply *reply,
		const struct timespec *ts);

/**
 * Send a request and return at once; clb runs on a control thread when
 * every peer replied or ts elapsed, also when there was no peer to ask.
 *
 * @param req
 *   The request (copied).
 * @param ts
 *   How long to wait for the replies, relative.
 * @param clb
 *   Called with the request and the replies gathered.
 * @return
 *   0 on success (clb will run), -1 with rte_errno otherwise (clb will not).
 */
int rte_mp_request_async(struct rte_mp_msg *req, const struct timespec *ts,
		rte_mp_async_reply_t clb);

/**
 * Answer a request, from its action (or later, with the peer it was given).
 * msg->name must be the request's name.
 *
 * @param msg
 *   The reply.
 * @param peer
 *   The peer argument the action received.
 * @return
 *   0 on success, -1 with rte_errno: EINVAL, E2BIG, ENOENT (no request
 *   from this peer with this name awaits a reply), or a send error.
 */
int rte_mp_reply(struct rte_mp_msg *msg, const char *peer);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_EAL_H_ */
