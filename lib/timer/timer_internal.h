/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * librte_timer internals for tests (app/test); not installed.
 */
#ifndef TIMER_INTERNAL_H
#define TIMER_INTERNAL_H

#include <stdint.h>
#include <stdio.h>

/*
 * Validate every lcore's list of an instance: expiry order, each timer
 * PENDING and owned by the lcore whose list holds it, the pending count,
 * the depth, and each skiplist level a subsequence of the one below.
 * Call only while no timer of the instance is being changed. Returns 0,
 * -1 (and says what is wrong on err), or -EINVAL for an unknown instance.
 */
int timer_data_check(uint32_t timer_data_id, FILE *err);

#endif /* TIMER_INTERNAL_H */
