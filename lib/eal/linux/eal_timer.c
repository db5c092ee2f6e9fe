/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TSC frequency and delays.
 *
 * rte_eal_timer_init() must not cost the 100 ms calibration sleep that
 * DPDK pays at every start (tests start hundreds of processes). It asks,
 * in order: the shared config (a secondary reuses the primary's value),
 * the CPU (CPUID leaf 0x15 crystal ratio, or the hypervisor's leaf
 * 0x40000010, or the base frequency of leaf 0x16), the kernel (cpu0
 * tsc_freq_khz where a kernel exports it), and only then measures the TSC
 * against CLOCK_MONOTONIC_RAW over TSC_CALIBRATE_NS.
 */

#include <cpuid.h>
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rte_common.h>
#include <rte_cpuflags.h>
#include <rte_cycles.h>
#include <rte_eal.h>
#include <rte_log.h>
#include <rte_pause.h>
#include <rte_branch_prediction.h>

#include "eal_memcfg.h"
#include "eal_private.h"

/* 4 ms: measured here, the result is then within ~10 ppm */
#define TSC_CALIBRATE_NS (4 * 1000 * 1000ULL)
#define TSC_SYSFS_KHZ "/sys/devices/system/cpu/cpu0/tsc_freq_khz"
#define CPUID_HV_BASE 0x40000000u
#define CPUID_HV_TIMING 0x40000010u

enum timer_source eal_timer_source = EAL_TIMER_TSC;

/* frequency found at init; 0 before rte_eal_timer_init() */
static uint64_t eal_tsc_hz;

void (*rte_delay_us)(unsigned int) = rte_delay_us_block;

/* ---- frequency from the CPU ---- */

/* leaf 0x15: TSC = crystal * ebx / eax; the crystal may be unreported */
static uint64_t
tsc_freq_from_leaf15(void)
{
	unsigned int a, b, c, d;

	if (__get_cpuid_max(0, NULL) < 0x15)
		return 0;
	__cpuid(0x15, a, b, c, d);
	if (a == 0 || b == 0 || c == 0)
		return 0;
	return (uint64_t)c * b / a;
}

/* hypervisors (KVM, VMware, ...) publish the TSC rate in kHz */
static uint64_t
tsc_freq_from_hypervisor(void)
{
	unsigned int a, b, c, d;

	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_HYPERVISOR) <= 0)
		return 0;
	__cpuid(CPUID_HV_BASE, a, b, c, d);
	if (a < CPUID_HV_TIMING)
		return 0;
	__cpuid(CPUID_HV_TIMING, a, b, c, d);
	return (uint64_t)a * 1000;
}

/* leaf 0x16 base frequency (MHz): the TSC rate on Intel parts with an
 * invariant TSC, exact to 1 MHz
 */
static uint64_t
tsc_freq_from_leaf16(void)
{
	unsigned int a, b, c, d;
	char vendor[13];

	if (__get_cpuid_max(0, NULL) < 0x16)
		return 0;
	__cpuid(0, a, b, c, d);
	memcpy(vendor, &b, 4);
	memcpy(vendor + 4, &d, 4);
	memcpy(vendor + 8, &c, 4);
	vendor[12] = '\0';
	if (strcmp(vendor, "GenuineIntel") != 0 ||
			rte_cpu_get_flag_enabled(RTE_CPUFLAG_INVTSC) <= 0)
		return 0;
	__cpuid(0x16, a, b, c, d);
	return (uint64_t)(a & 0xffff) * 1000 * 1000;
}

uint64_t
eal_tsc_freq_from_cpu(void)
{
	uint64_t hz;

	hz = tsc_freq_from_leaf15();
	if (hz == 0)
		hz = tsc_freq_from_hypervisor();
	if (hz == 0)
		hz = tsc_freq_from_leaf16();
	return hz;
}

/* ---- frequency from the kernel or by measurement ---- */

static uint64_t
tsc_freq_from_sysfs(void)
{
	unsigned long long khz = 0;
	FILE *f = fopen(TSC_SYSFS_KHZ, "r");

	if (f == NULL)
		return 0;
	if (fscanf(f, "%llu", &khz) != 1)
		khz = 0;
	fclose(f);
	return khz * 1000;
}

static uint64_t
mono_raw_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/*
 * Count TSC ticks over TSC_CALIBRATE_NS of CLOCK_MONOTONIC_RAW. Each end
 * is sampled as a clock read bracketed by two TSC reads, keeping the
 * tightest bracket, so preemption between the reads costs nothing.
 */
static void
tsc_clock_pair(uint64_t *tsc, uint64_t *ns)
{
	uint64_t best = UINT64_MAX;
	int i;

	/* -O3 cannot see that the first round always takes the sample */
	*tsc = 0;
	*ns = 0;
	for (i = 0; i < 5; i++) {
		uint64_t t0 = rte_rdtsc_precise();
		uint64_t n = mono_raw_ns();
		uint64_t t1 = rte_rdtsc_precise();

		if (t1 - t0 < best) {
			best = t1 - t0;
			*tsc = t0 + (t1 - t0) / 2;
			*ns = n;
		}
	}
}

static uint64_t
tsc_freq_calibrate(void)
{
	struct timespec req = { 0, (long)TSC_CALIBRATE_NS };
	uint64_t tsc0, ns0, tsc1, ns1;

	tsc_clock_pair(&tsc0, &ns0);
	while (nanosleep(&req, &req) != 0 && errno == EINTR)
		;
	tsc_clock_pair(&tsc1, &ns1);
	if (ns1 <= ns0 || tsc1 <= tsc0)
		return 0;
	/* round to the kHz: the measurement is not better than that */
	return (tsc1 - tsc0) * NS_PER_S / (ns1 - ns0) / 1000 * 1000;
}

int
rte_eal_timer_init(void)
{
	struct rte_mem_config *mcfg = rte_eal_get_mcfg();
	const char *how = "shared config";
	uint64_t hz = 0;

	if (mcfg != NULL && rte_eal_process_type() == RTE_PROC_SECONDARY)
		hz = mcfg->tsc_hz;
	if (hz == 0) {
		how = "CPUID";
		hz = eal_tsc_freq_from_cpu();
	}
	if (hz == 0) {
		how = "sysfs";
		hz = tsc_freq_from_sysfs();
	}
	if (hz == 0) {
		how = "calibration";
		hz = tsc_freq_calibrate();
	}
	if (hz == 0) {
		RTE_LOG(ERR, EAL, "Cannot determine the TSC frequency\n");
		return -ENOTSUP;
	}
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_INVTSC) <= 0)
		RTE_LOG(WARNING, EAL, "TSC is not invariant: timings may "
			"drift with CPU frequency changes\n");

	eal_tsc_hz = hz;
	if (mcfg != NULL && rte_eal_process_type() == RTE_PROC_PRIMARY)
		mcfg->tsc_hz = hz;
	RTE_LOG(DEBUG, EAL, "TSC frequency is ~%" PRIu64 " KHz (%s)\n",
		hz / 1000, how);
	return 0;
}

uint64_t
rte_get_tsc_hz(void)
{
	return eal_tsc_hz;
}

/* ---- delays ---- */

void
rte_delay_us_block(unsigned int us)
{
	const uint64_t start = rte_get_timer_cycles();
	const uint64_t hz = rte_get_timer_hz();
	const uint64_t ticks = (uint64_t)us * hz / US_PER_S;

	/* before rte_eal_timer_init() the rate is unknown: still wait */
	if (unlikely(hz == 0)) {
		rte_delay_us_sleep(us);
		return;
	}
	while ((rte_get_timer_cycles() - start) < ticks)
		rte_pause();
}

void
rte_delay_us_sleep(unsigned int us)
{
	struct timespec req, rem;

	req.tv_sec = us / US_PER_S;
	req.tv_nsec = (long)(us % US_PER_S) * 1000;
	/* a signal may cut the sleep short: sleep the rest */
	while (nanosleep(&req, &rem) != 0 && errno == EINTR)
		req = rem;
}

void
rte_delay_us_callback_register(void (*userfunc)(unsigned int))
{
	rte_delay_us = userfunc;
}
