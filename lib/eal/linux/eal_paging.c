/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * rte_eal_paging.h over mmap(2): flag translation and rte_errno on error.
 */
#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <rte_eal_paging.h>
#include <rte_errno.h>
#include <rte_log.h>

static int
to_mmap_prot(int prot)
{
	int p = PROT_NONE;

	if (prot & RTE_PROT_READ)
		p |= PROT_READ;
	if (prot & RTE_PROT_WRITE)
		p |= PROT_WRITE;
	if (prot & RTE_PROT_EXECUTE)
		p |= PROT_EXEC;
	return p;
}

static int
to_mmap_flags(int flags)
{
	int f = 0;

	if (flags & RTE_MAP_SHARED)
		f |= MAP_SHARED;
	if (flags & RTE_MAP_PRIVATE)
		f |= MAP_PRIVATE;
	if (flags & RTE_MAP_ANONYMOUS)
		f |= MAP_ANONYMOUS;
	if (flags & RTE_MAP_FORCE_ADDRESS)
		f |= MAP_FIXED;
	return f;
}

void *
rte_mem_map(void *requested_addr, size_t size, int prot, int flags,
		int fd, uint64_t offset)
{
	void *p;

	p = mmap(requested_addr, size, to_mmap_prot(prot),
			to_mmap_flags(flags), fd, (off_t)offset);
	if (p == MAP_FAILED) {
		rte_errno = errno;
		RTE_LOG(DEBUG, EAL, "mmap of %zu bytes failed: %s\n", size,
			strerror(errno));
		return NULL;
	}
	return p;
}

int
rte_mem_unmap(void *virt, size_t size)
{
	if (munmap(virt, size) != 0) {
		rte_errno = errno;
		return -1;
	}
	return 0;
}

size_t
rte_mem_page_size(void)
{
	static size_t page_size;

	if (page_size == 0)
		page_size = (size_t)sysconf(_SC_PAGESIZE);
	return page_size;
}

int
rte_mem_lock(const void *virt, size_t size)
{
	if (mlock(virt, size) != 0) {
		rte_errno = errno;
		return -1;
	}
	return 0;
}
