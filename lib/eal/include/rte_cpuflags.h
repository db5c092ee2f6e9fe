/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * CPU feature flags (x86), read with CPUID at run time.
 */
#ifndef _RTE_CPUFLAGS_H_
#define _RTE_CPUFLAGS_H_

#ifdef __cplusplus
extern "C" {
#endif

#include <stdint.h>

#include <rte_common.h>
#include <rte_compat.h>

/** x86 CPU features that can be queried. */
enum rte_cpu_flag_t {
	/* leaf 1, ecx */
	RTE_CPUFLAG_SSE3 = 0,
	RTE_CPUFLAG_PCLMULQDQ,
	RTE_CPUFLAG_DTES64,
	RTE_CPUFLAG_MONITOR,
	RTE_CPUFLAG_DS_CPL,
	RTE_CPUFLAG_VMX,
	RTE_CPUFLAG_SMX,
	RTE_CPUFLAG_EIST,
	RTE_CPUFLAG_TM2,
	RTE_CPUFLAG_SSSE3,
	RTE_CPUFLAG_CNXT_ID,
	RTE_CPUFLAG_FMA,
	RTE_CPUFLAG_CMPXCHG16B,
	RTE_CPUFLAG_XTPR,
	RTE_CPUFLAG_PDCM,
	RTE_CPUFLAG_PCID,
	RTE_CPUFLAG_DCA,
	RTE_CPUFLAG_SSE4_1,
	RTE_CPUFLAG_SSE4_2,
	RTE_CPUFLAG_X2APIC,
	RTE_CPUFLAG_MOVBE,
	RTE_CPUFLAG_POPCNT,
	RTE_CPUFLAG_TSC_DEADLINE,
	RTE_CPUFLAG_AES,
	RTE_CPUFLAG_XSAVE,
	RTE_CPUFLAG_OSXSAVE,
	RTE_CPUFLAG_AVX,
	RTE_CPUFLAG_F16C,
	RTE_CPUFLAG_RDRAND,
	RTE_CPUFLAG_HYPERVISOR,

	/* leaf 1, edx */
	RTE_CPUFLAG_FPU,
	RTE_CPUFLAG_VME,
	RTE_CPUFLAG_DE,
	RTE_CPUFLAG_PSE,
	RTE_CPUFLAG_TSC,
	RTE_CPUFLAG_MSR,
	RTE_CPUFLAG_PAE,
	RTE_CPUFLAG_MCE,
	RTE_CPUFLAG_CX8,
	RTE_CPUFLAG_APIC,
	RTE_CPUFLAG_SEP,
	RTE_CPUFLAG_MTRR,
	RTE_CPUFLAG_PGE,
	RTE_CPUFLAG_MCA,
	RTE_CPUFLAG_CMOV,
	RTE_CPUFLAG_PAT,
	RTE_CPUFLAG_PSE36,
	RTE_CPUFLAG_PSN,
	RTE_CPUFLAG_CLFSH,
	RTE_CPUFLAG_DS,
	RTE_CPUFLAG_ACPI,
	RTE_CPUFLAG_MMX,
	RTE_CPUFLAG_FXSR,
	RTE_CPUFLAG_SSE,
	RTE_CPUFLAG_SSE2,
	RTE_CPUFLAG_SS,
	RTE_CPUFLAG_HTT,
	RTE_CPUFLAG_TM,
	RTE_CPUFLAG_PBE,

	/* leaf 6, eax */
	RTE_CPUFLAG_DIGTEMP,
	RTE_CPUFLAG_TRBOBST,
	RTE_CPUFLAG_ARAT,
	RTE_CPUFLAG_PLN,
	RTE_CPUFLAG_ECMD,
	RTE_CPUFLAG_PTM,

	/* leaf 6, ecx */
	RTE_CPUFLAG_MPERF_APERF_MSR,
	RTE_CPUFLAG_ACNT2,
	RTE_CPUFLAG_ENERGY_EFF,

	/* leaf 7, ebx */
	RTE_CPUFLAG_FSGSBASE,
	RTE_CPUFLAG_BMI1,
	RTE_CPUFLAG_HLE,
	RTE_CPUFLAG_AVX2,
	RTE_CPUFLAG_SMEP,
	RTE_CPUFLAG_BMI2,
	RTE_CPUFLAG_ERMS,
	RTE_CPUFLAG_INVPCID,
	RTE_CPUFLAG_RTM,
	RTE_CPUFLAG_AVX512F,
	RTE_CPUFLAG_RDSEED,
	RTE_CPUFLAG_ADX,
	RTE_CPUFLAG_SMAP,

	/* extended leaf 0x80000001 */
	RTE_CPUFLAG_LAHF_SAHF,
	RTE_CPUFLAG_LZCNT,
	RTE_CPUFLAG_SYSCALL,
	RTE_CPUFLAG_XD,
	RTE_CPUFLAG_1GB_PG,
	RTE_CPUFLAG_RDTSCP,
	RTE_CPUFLAG_EM64T,

	/* extended leaf 0x80000007 */
	RTE_CPUFLAG_INVTSC,

	/* leaf 7, AVX-512 and later */
	RTE_CPUFLAG_AVX512DQ,
	RTE_CPUFLAG_AVX512IFMA,
	RTE_CPUFLAG_AVX512CD,
	RTE_CPUFLAG_AVX512BW,
	RTE_CPUFLAG_AVX512VL,
	RTE_CPUFLAG_AVX512VBMI,
	RTE_CPUFLAG_AVX512VBMI2,
	RTE_CPUFLAG_GFNI,
	RTE_CPUFLAG_VAES,
	RTE_CPUFLAG_VPCLMULQDQ,
	RTE_CPUFLAG_AVX512VNNI,
	RTE_CPUFLAG_AVX512BITALG,
	RTE_CPUFLAG_AVX512VPOPCNTDQ,
	RTE_CPUFLAG_CLDEMOTE,
	RTE_CPUFLAG_MOVDIRI,
	RTE_CPUFLAG_MOVDIR64B,
	RTE_CPUFLAG_AVX512VP2INTERSECT,
	RTE_CPUFLAG_WAITPKG,

	/** number of flags; not a flag */
	RTE_CPUFLAG_NUMFLAGS
};

/**
 * Whether the running CPU has a feature.
 * @return 1 if it has, 0 if not, -ENOENT if feature is out of range.
 */
int rte_cpu_get_flag_enabled(enum rte_cpu_flag_t feature);

/**
 * Name of a feature, e.g. "AVX2".
 * @return the name, or NULL if feature is out of range.
 */
const char *rte_cpu_get_flag_name(enum rte_cpu_flag_t feature);

/**
 * Check that the CPU has every feature this library was compiled to use;
 * print the missing ones and exit if not.
 */
void rte_cpu_check_supported(void);

/**
 * Whether the CPU has every feature this library was compiled to use.
 * @return 1 if it has, 0 if not (the missing ones are printed).
 */
int rte_cpu_is_supported(void);

/** Power-management instructions the CPU offers. */
struct rte_cpu_intrinsics {
	uint32_t power_monitor : 1;       /**< UMONITOR/UMWAIT */
	uint32_t power_pause : 1;         /**< TPAUSE */
	uint32_t power_monitor_multi : 1; /**< monitoring several addresses */
};

/** Fill in which power-management instructions are available. */
void rte_cpu_get_intrinsics_support(struct rte_cpu_intrinsics *intrinsics);

#ifdef __cplusplus
}
#endif

#endif /* _RTE_CPUFLAGS_H_ */
