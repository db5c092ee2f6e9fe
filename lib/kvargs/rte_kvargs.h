/* SPDX-License-Identifier: BSD-3-Clause */
#ifndef _RTE_KVARGS_H_
#define _RTE_KVARGS_H_

/**
 * @file
 *
 * Key/value argument lists, as drivers receive them in device arguments:
 * "key1=value1,key2=value2,flag". A value may hold commas when it is
 * enclosed in square brackets ("list=[1,2,3]").
 */

#ifdef __cplusplus
extern "C" {
#endif

/** Most pairs one list may hold. */
#define RTE_KVARGS_MAX 32

/** Separator between pairs. */
#define RTE_KVARGS_PAIRS_DELIM ","

/** Separator between a key and its value. */
#define RTE_KVARGS_KV_DELIM "="

/**
 * Callback of rte_kvargs_process().
 *
 * @param key
 *   The key of the pair.
 * @param value
 *   Its value, or NULL when the key was given alone.
 * @param opaque
 *   The caller's argument.
 * @return
 *   0 to continue, a negative value to stop with an error.
 */
typedef int (*arg_handler_t)(const char *key, const char *value, void *opaque);

/** One key and its value. */
struct rte_kvargs_pair {
	char *key;   /**< the key */
	char *value; /**< the value, or NULL for a lone key */
};

/** A parsed list. */
struct rte_kvargs {
	char *str;      /**< private copy of the parsed string */
	unsigned count; /**< number of pairs */
	struct rte_kvargs_pair pairs[RTE_KVARGS_MAX]; /**< the pairs */
};

/**
 * Parse a list of "key=value" pairs separated by commas.
 *
 * @param args
 *   The string to parse.
 * @param valid_keys
 *   NULL-terminated array of accepted keys, or NULL to accept any key.
 * @return
 *   A list to release with rte_kvargs_free(), or NULL when args is NULL,
 *   malformed, holds too many pairs or a key not in valid_keys.
 */
struct rte_kvargs *rte_kvargs_parse(const char *args,
		const char *const valid_keys[]);

/**
 * Like rte_kvargs_parse(), but only parse args up to the first character
 * found in valid_ends.
 *
 * @param args
 *   The string to parse.
 * @param valid_keys
 *   NULL-terminated array of accepted keys, or NULL to accept any key.
 * @param valid_ends
 *   Characters that end the list, or NULL to parse the whole string.
 * @return
 *   A list to release with rte_kvargs_free(), or NULL on error.
 */
struct rte_kvargs *rte_kvargs_parse_delim(const char *args,
		const char *const valid_keys[], const char *valid_ends);

/**
 * Release a list.
 *
 * @param kvlist
 *   The list, or NULL.
 */
void rte_kvargs_free(struct rte_kvargs *kvlist);

/**
 * Value of the first pair with a key.
 *
 * @param kvlist
 *   The list.
 * @param key
 *   The key.
 * @return
 *   The value, or NULL if the key is absent, has no value, or on bad
 *   arguments.
 */
const char *rte_kvargs_get(const struct rte_kvargs *kvlist, const char *key);

/**
 * Find a pair by key and value.
 *
 * @param kvlist
 *   The list.
 * @param key
 *   The key.
 * @param value
 *   The value to match, or NULL to match any value.
 * @return
 *   The value of the first matching pair, or NULL.
 */
const char *rte_kvargs_get_with_value(const struct rte_kvargs *kvlist,
		const char *key, const char *value);

/**
 * Call a handler for every pair with a key.
 *
 * @param kvlist
 *   The list.
 * @param key_match
 *   The key, or NULL to call the handler on every pair.
 * @param handler
 *   The callback.
 * @param opaque_arg
 *   Passed to the handler.
 * @return
 *   0 on success, -1 when kvlist is NULL or a handler returned < 0.
 */
int rte_kvargs_process(const struct rte_kvargs *kvlist, const char *key_match,
		arg_handler_t handler, void *opaque_arg);

/**
 * Count the pairs with a key.
 *
 * @param kvlist
 *   The list.
 * @param key_match
 *   The key, or NULL to count every pair.
 * @return
 *   The number of matching pairs.
 */
unsigned rte_kvargs_count(const struct rte_kvargs *kvlist,
		const char *key_match);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_KVARGS_H_ */
