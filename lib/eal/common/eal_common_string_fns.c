/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * String helpers that are not inline: splitting and rte_strscpy().
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>

#include <rte_common.h>
#include <rte_errno.h>
#include <rte_string_fns.h>

int
rte_strsplit(char *string, int stringlen, char **tokens, int maxtokens,
		char delim)
{
	int i, tok = 0;
	int tokstart = 1; /* the next character starts a token */

	if (string == NULL || tokens == NULL || stringlen <= 0 ||
			maxtokens <= 0) {
		errno = EINVAL;
		return -1;
	}

	for (i = 0; i < stringlen; i++) {
		if (string[i] == '\0' || tok >= maxtokens)
			break;
		if (tokstart) {
			tokstart = 0;
			tokens[tok++] = &string[i];
		}
		if (string[i] == delim) {
			string[i] = '\0';
			tokstart = 1;
		}
	}
	return tok;
}

ssize_t
rte_strscpy(char *dst, const char *src, size_t dsize)
{
	size_t i;

	for (i = 0; i < dsize; i++) {
		dst[i] = src[i];
		if (src[i] == '\0')
			return (ssize_t)i;
	}

	/* src did not fit: keep dst terminated, report truncation */
	if (i > 0)
		dst[i - 1] = '\0';
	rte_errno = E2BIG;
	return -E2BIG;
}
