/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Memory hot-plug kept in step across processes (see DESIGN.md, "hot-plug
 * sync"). Only the primary plugs and unplugs pages; every page it plugs is
 * mapped by every secondary before the heap may hand it out, and every page
 * it unplugs is unmapped everywhere after the heap forgot it. Secondaries
 * that need the heap to grow or shrink ask the primary, which serves one
 * request at a time on a worker thread (the IPC handler thread may not wait
 * for replies itself).
 *
 * Locking: the primary holds memory_hotplug_lock for writing for the whole
 * plug -> sync -> add (or rollback) sequence; a secondary initialising holds
 * it for reading while it maps the pages that exist, so no process is
 * half-attached while memory changes. No heap spinlock is held while any
 * process waits on IPC.
 */
#ifndef MALLOC_MP_H
#define MALLOC_MP_H

#include <stddef.h>

#include "malloc_heap.h"

/* register the actions of this process' role; after the IPC channel */
int malloc_mp_register(void);
/* stop the primary's worker and unregister; safe if never registered */
void malloc_mp_unregister(void);

/*
 * Primary, memory_hotplug_lock held for writing: ask every secondary to
 * map/unmap pages so its view matches the memseg lists. 0 when every live
 * secondary confirmed in time, -errno (nothing undone) otherwise.
 */
int malloc_mp_sync_all(void);
/* the same when the outcome does not matter (after a free or a rollback) */
void malloc_mp_notify_all(void);

/*
 * Secondary: have the primary grow heap for req, sync every process and
 * allocate from it. The data pointer, or NULL with *err = -errno.
 */
void *malloc_mp_request_alloc(struct malloc_heap *heap,
		const struct malloc_req *req, int *err);
/* secondary: have the primary unplug [start, start + len), whole pages */
int malloc_mp_request_free(void *start, size_t len);

/* test hook: timeout of one sync round in ms (0 restores the default) */
void malloc_mp_set_timeout(unsigned int ms);

#endif /* MALLOC_MP_H */
