/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * String helpers: bounded copies that always terminate, and splitting.
 */
#ifndef _RTE_STRING_FNS_H_
#define _RTE_STRING_FNS_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <rte_common.h>
#include <rte_compat.h>

/**
 * Split string at each delim into at most maxtokens tokens, in place (the
 * delimiters become NULs); stringlen bounds the scan.
 * @return the number of tokens, or -1 with errno EINVAL on bad arguments.
 */
int rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens,
		char delim);

/**
 * Copy src to dst (size bytes) and always terminate it, like BSD
 * strlcpy().
 * @return strlen(src): truncation happened if it is >= size.
 */
static inline size_t
rte_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size != 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

/**
 * Append src to dst (a buffer of size bytes) and keep it terminated, like
 * BSD strlcat().
 * @return the length the result would have had without truncation.
 */
static inline size_t
rte_strlcat(char *dst, const char *src, size_t size)
{
	size_t l = strnlen(dst, size);

	if (l < size)
		return l + rte_strlcpy(&dst[l], src, size - l);
	return l + strlen(src);
}

/* glibc has strlcpy/strlcat from 2.38 on; before that, ours stand in */
#if !defined(RTE_USE_LIBBSD) && \
	!(defined(__GLIBC__) && \
	  (__GLIBC__ > 2 || (__GLIBC__ == 2 && __GLIBC_MINOR__ >= 38)))
#ifndef strlcpy
#define strlcpy(dst, src, size) rte_strlcpy(dst, src, size)
#endif
#ifndef strlcat
#define strlcat(dst, src, size) rte_strlcat(dst, src, size)
#endif
#endif

/**
 * Copy src to dst (dsize bytes), always terminating dst unless dsize is 0.
 * @return the number of characters copied (without the NUL), or -E2BIG
 *   with rte_errno set if src did not fit (dst then holds a truncated copy).
 */
ssize_t rte_strscpy(char *dst, const char *src, size_t dsize);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_STRING_FNS_H_ */
