/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Key/value argument lists. The list keeps one private copy of the input;
 * pairs point into it, split in place by writing NULs over the delimiters.
 * A value that opens with '[' runs to the matching ']' so it may hold
 * commas.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <rte_errno.h>
#include <rte_log.h>

#include "rte_kvargs.h"

/* end of the pair that starts at p: the next top-level comma or NUL */
static char *
kvargs_pair_end(char *p)
{
	int depth = 0;

	for (; *p != '\0'; p++) {
		if (*p == '[')
			depth++;
		else if (*p == ']' && depth > 0)
			depth--;
		else if (*p == ',' && depth == 0)
			break;
	}
	return depth == 0 ? p : NULL;
}

/* split kvlist->str in place; the caller refused a trailing comma */
static int
kvargs_tokenize(struct rte_kvargs *kvlist)
{
	char *p = kvlist->str;
	char *end, *eq;
	int last;

	while (*p != '\0') {
		end = kvargs_pair_end(p);
		if (end == NULL)
			return -EINVAL; /* unbalanced brackets */
		if (end == p)
			return -EINVAL; /* empty pair */
		if (kvlist->count >= RTE_KVARGS_MAX)
			return -E2BIG;
		last = *end == '\0';
		*end = '\0';
		eq = strchr(p, '=');
		if (eq == p)
			return -EINVAL; /* no key */
		if (eq != NULL)
			*eq++ = '\0';
		kvlist->pairs[kvlist->count].key = p;
		kvlist->pairs[kvlist->count].value = eq;
		kvlist->count++;
		if (last)
			break;
		p = end + 1;
	}
	return 0;
}

static int
kvargs_check_keys(const struct rte_kvargs *kvlist,
		const char *const valid_keys[])
{
	const char *const *k;
	unsigned int i;

	if (valid_keys == NULL)
		return 0;
	for (i = 0; i < kvlist->count; i++) {
		for (k = valid_keys; *k != NULL; k++)
			if (strcmp(*k, kvlist->pairs[i].key) == 0)
				break;
		if (*k == NULL)
			return -EINVAL;
	}
	return 0;
}

static struct rte_kvargs *
kvargs_parse_len(const char *args, size_t len, const char *const valid_keys[])
{
	struct rte_kvargs *kvlist;
	int ret;

	kvlist = calloc(1, sizeof(*kvlist));
	if (kvlist == NULL) {
		rte_errno = ENOMEM;
		return NULL;
	}
	kvlist->str = strndup(args, len);
	if (kvlist->str == NULL) {
		free(kvlist);
		rte_errno = ENOMEM;
		return NULL;
	}
	/* a trailing comma leaves an empty last pair: refuse it */
	if (len > 0 && kvlist->str[len - 1] == ',')
		ret = -EINVAL;
	else
		ret = kvargs_tokenize(kvlist);
	if (ret == 0)
		ret = kvargs_check_keys(kvlist, valid_keys);
	if (ret < 0) {
		rte_kvargs_free(kvlist);
		rte_errno = -ret;
		return NULL;
	}
	return kvlist;
}

struct rte_kvargs *
rte_kvargs_parse(const char *args, const char *const valid_keys[])
{
	if (args == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	return kvargs_parse_len(args, strlen(args), valid_keys);
}

struct rte_kvargs *
rte_kvargs_parse_delim(const char *args, const char *const valid_keys[],
		const char *valid_ends)
{
	if (args == NULL) {
		rte_errno = EINVAL;
		return NULL;
	}
	if (valid_ends == NULL)
		return rte_kvargs_parse(args, valid_keys);
	return kvargs_parse_len(args, strcspn(args, valid_ends), valid_keys);
}

void
rte_kvargs_free(struct rte_kvargs *kvlist)
{
	if (kvlist == NULL)
		return;
	free(kvlist->str);
	free(kvlist);
}

const char *
rte_kvargs_get_with_value(const struct rte_kvargs *kvlist, const char *key,
		const char *value)
{
	const struct rte_kvargs_pair *pair;
	unsigned int i;

	if (kvlist == NULL || key == NULL)
		return NULL;
	for (i = 0; i < kvlist->count; i++) {
		pair = &kvlist->pairs[i];
		if (strcmp(pair->key, key) != 0)
			continue;
		if (value != NULL && (pair->value == NULL ||
				strcmp(pair->value, value) != 0))
			continue;
		return pair->value;
	}
	return NULL;
}

const char *
rte_kvargs_get(const struct rte_kvargs *kvlist, const char *key)
{
	return rte_kvargs_get_with_value(kvlist, key, NULL);
}

int
rte_kvargs_process(const struct rte_kvargs *kvlist, const char *key_match,
		arg_handler_t handler, void *opaque_arg)
{
	const struct rte_kvargs_pair *pair;
	unsigned int i;

	if (kvlist == NULL || handler == NULL)
		return -1;
	for (i = 0; i < kvlist->count; i++) {
		pair = &kvlist->pairs[i];
		if (key_match != NULL && strcmp(pair->key, key_match) != 0)
			continue;
		if (handler(pair->key, pair->value, opaque_arg) < 0)
			return -1;
	}
	return 0;
}

unsigned
rte_kvargs_count(const struct rte_kvargs *kvlist, const char *key_match)
{
	unsigned int i, n = 0;

	if (kvlist == NULL)
		return 0;
	for (i = 0; i < kvlist->count; i++)
		if (key_match == NULL ||
				strcmp(kvlist->pairs[i].key, key_match) == 0)
			n++;
	return n;
}
