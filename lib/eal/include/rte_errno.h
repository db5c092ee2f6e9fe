/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_errno: the error code of the last failed EAL call of this thread,
 * and the EAL-specific codes above the libc range.
 */
#ifndef _RTE_ERRNO_H_
#define _RTE_ERRNO_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <rte_per_lcore.h>

RTE_DECLARE_PER_LCORE(int, _rte_errno); /**< backing of rte_errno */

/** Error code of the last EAL call of this thread that failed. */
#define rte_errno RTE_PER_LCORE(_rte_errno)

/**
 * Text for an error code: libc's message for errno values, the EAL's own
 * for the codes below. Thread safe; the result stays valid until the next
 * call from the same thread.
 *
 * @param errnum
 *   An errno or E_RTE_* value.
 * @return
 *   A message, never NULL.
 */
const char *rte_strerror(int errnum);

#ifndef __ELASTERROR
/** End of the range libc may use; EAL codes start above it. */
#define __ELASTERROR 1000
#endif

/** EAL-specific error codes. */
enum {
	RTE_MIN_ERRNO = __ELASTERROR, /**< start of the EAL range */

	E_RTE_SECONDARY, /**< operation not allowed in a secondary process */
	E_RTE_NO_CONFIG, /**< missing rte_config */

	RTE_MAX_ERRNO    /**< end of the EAL range */
};

#ifdef __cplusplus
}
#endif

#endif /* _RTE_ERRNO_H_ */
