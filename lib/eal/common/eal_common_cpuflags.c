/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * x86 CPU feature flags from CPUID, the check that the CPU can run the
 * code this library was compiled for, and the run-time SIMD width cap.
 */

#include <cpuid.h>
#include <errno.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <rte_common.h>
#include <rte_cpuflags.h>
#include <rte_log.h>
#include <rte_vect.h>

enum cpuid_reg { REG_EAX, REG_EBX, REG_ECX, REG_EDX, REG_NUM };

struct feature_entry {
	uint32_t leaf;    /* CPUID leaf */
	uint32_t subleaf; /* CPUID subleaf */
	uint8_t reg;      /* register holding the bit */
	uint8_t bit;
	const char *name;
};

#define FEAT(f, l, s, r, b) \
	[RTE_CPUFLAG_##f] = { l, s, r, b, #f }

static const struct feature_entry cpu_features[] = {
	FEAT(SSE3, 0x1, 0, REG_ECX, 0),
	FEAT(PCLMULQDQ, 0x1, 0, REG_ECX, 1),
	FEAT(DTES64, 0x1, 0, REG_ECX, 2),
	FEAT(MONITOR, 0x1, 0, REG_ECX, 3),
	FEAT(DS_CPL, 0x1, 0, REG_ECX, 4),
	FEAT(VMX, 0x1, 0, REG_ECX, 5),
	FEAT(SMX, 0x1, 0, REG_ECX, 6),
	FEAT(EIST, 0x1, 0, REG_ECX, 7),
	FEAT(TM2, 0x1, 0, REG_ECX, 8),
	FEAT(SSSE3, 0x1, 0, REG_ECX, 9),
	FEAT(CNXT_ID, 0x1, 0, REG_ECX, 10),
	FEAT(FMA, 0x1, 0, REG_ECX, 12),
	FEAT(CMPXCHG16B, 0x1, 0, REG_ECX, 13),
	FEAT(XTPR, 0x1, 0, REG_ECX, 14),
	FEAT(PDCM, 0x1, 0, REG_ECX, 15),
	FEAT(PCID, 0x1, 0, REG_ECX, 17),
	FEAT(DCA, 0x1, 0, REG_ECX, 18),
	FEAT(SSE4_1, 0x1, 0, REG_ECX, 19),
	FEAT(SSE4_2, 0x1, 0, REG_ECX, 20),
	FEAT(X2APIC, 0x1, 0, REG_ECX, 21),
	FEAT(MOVBE, 0x1, 0, REG_ECX, 22),
	FEAT(POPCNT, 0x1, 0, REG_ECX, 23),
	FEAT(TSC_DEADLINE, 0x1, 0, REG_ECX, 24),
	FEAT(AES, 0x1, 0, REG_ECX, 25),
	FEAT(XSAVE, 0x1, 0, REG_ECX, 26),
	FEAT(OSXSAVE, 0x1, 0, REG_ECX, 27),
	FEAT(AVX, 0x1, 0, REG_ECX, 28),
	FEAT(F16C, 0x1, 0, REG_ECX, 29),
	FEAT(RDRAND, 0x1, 0, REG_ECX, 30),
	FEAT(HYPERVISOR, 0x1, 0, REG_ECX, 31),

	FEAT(FPU, 0x1, 0, REG_EDX, 0),
	FEAT(VME, 0x1, 0, REG_EDX, 1),
	FEAT(DE, 0x1, 0, REG_EDX, 2),
	FEAT(PSE, 0x1, 0, REG_EDX, 3),
	FEAT(TSC, 0x1, 0, REG_EDX, 4),
	FEAT(MSR, 0x1, 0, REG_EDX, 5),
	FEAT(PAE, 0x1, 0, REG_EDX, 6),
	FEAT(MCE, 0x1, 0, REG_EDX, 7),
	FEAT(CX8, 0x1, 0, REG_EDX, 8),
	FEAT(APIC, 0x1, 0, REG_EDX, 9),
	FEAT(SEP, 0x1, 0, REG_EDX, 11),
	FEAT(MTRR, 0x1, 0, REG_EDX, 12),
	FEAT(PGE, 0x1, 0, REG_EDX, 13),
	FEAT(MCA, 0x1, 0, REG_EDX, 14),
	FEAT(CMOV, 0x1, 0, REG_EDX, 15),
	FEAT(PAT, 0x1, 0, REG_EDX, 16),
	FEAT(PSE36, 0x1, 0, REG_EDX, 17),
	FEAT(PSN, 0x1, 0, REG_EDX, 18),
	FEAT(CLFSH, 0x1, 0, REG_EDX, 19),
	FEAT(DS, 0x1, 0, REG_EDX, 21),
	FEAT(ACPI, 0x1, 0, REG_EDX, 22),
	FEAT(MMX, 0x1, 0, REG_EDX, 23),
	FEAT(FXSR, 0x1, 0, REG_EDX, 24),
	FEAT(SSE, 0x1, 0, REG_EDX, 25),
	FEAT(SSE2, 0x1, 0, REG_EDX, 26),
	FEAT(SS, 0x1, 0, REG_EDX, 27),
	FEAT(HTT, 0x1, 0, REG_EDX, 28),
	FEAT(TM, 0x1, 0, REG_EDX, 29),
	FEAT(PBE, 0x1, 0, REG_EDX, 31),

	FEAT(DIGTEMP, 0x6, 0, REG_EAX, 0),
	FEAT(TRBOBST, 0x6, 0, REG_EAX, 1),
	FEAT(ARAT, 0x6, 0, REG_EAX, 2),
	FEAT(PLN, 0x6, 0, REG_EAX, 4),
	FEAT(ECMD, 0x6, 0, REG_EAX, 5),
	FEAT(PTM, 0x6, 0, REG_EAX, 6),

	FEAT(MPERF_APERF_MSR, 0x6, 0, REG_ECX, 0),
	FEAT(ACNT2, 0x6, 0, REG_ECX, 1),
	FEAT(ENERGY_EFF, 0x6, 0, REG_ECX, 3),

	FEAT(FSGSBASE, 0x7, 0, REG_EBX, 0),
	FEAT(BMI1, 0x7, 0, REG_EBX, 3),
	FEAT(HLE, 0x7, 0, REG_EBX, 4),
	FEAT(AVX2, 0x7, 0, REG_EBX, 5),
	FEAT(SMEP, 0x7, 0, REG_EBX, 7),
	FEAT(BMI2, 0x7, 0, REG_EBX, 8),
	FEAT(ERMS, 0x7, 0, REG_EBX, 9),
	FEAT(INVPCID, 0x7, 0, REG_EBX, 10),
	FEAT(RTM, 0x7, 0, REG_EBX, 11),
	FEAT(AVX512F, 0x7, 0, REG_EBX, 16),
	FEAT(RDSEED, 0x7, 0, REG_EBX, 18),
	FEAT(ADX, 0x7, 0, REG_EBX, 19),
	FEAT(SMAP, 0x7, 0, REG_EBX, 20),

	FEAT(LAHF_SAHF, 0x80000001, 0, REG_ECX, 0),
	FEAT(LZCNT, 0x80000001, 0, REG_ECX, 4),
	FEAT(SYSCALL, 0x80000001, 0, REG_EDX, 11),
	FEAT(XD, 0x80000001, 0, REG_EDX, 20),
	FEAT(1GB_PG, 0x80000001, 0, REG_EDX, 26),
	FEAT(RDTSCP, 0x80000001, 0, REG_EDX, 27),
	FEAT(EM64T, 0x80000001, 0, REG_EDX, 29),

	FEAT(INVTSC, 0x80000007, 0, REG_EDX, 8),

	FEAT(AVX512DQ, 0x7, 0, REG_EBX, 17),
	FEAT(AVX512IFMA, 0x7, 0, REG_EBX, 21),
	FEAT(AVX512CD, 0x7, 0, REG_EBX, 28),
	FEAT(AVX512BW, 0x7, 0, REG_EBX, 30),
	FEAT(AVX512VL, 0x7, 0, REG_EBX, 31),
	FEAT(AVX512VBMI, 0x7, 0, REG_ECX, 1),
	FEAT(WAITPKG, 0x7, 0, REG_ECX, 5),
	FEAT(AVX512VBMI2, 0x7, 0, REG_ECX, 6),
	FEAT(GFNI, 0x7, 0, REG_ECX, 8),
	FEAT(VAES, 0x7, 0, REG_ECX, 9),
	FEAT(VPCLMULQDQ, 0x7, 0, REG_ECX, 10),
	FEAT(AVX512VNNI, 0x7, 0, REG_ECX, 11),
	FEAT(AVX512BITALG, 0x7, 0, REG_ECX, 12),
	FEAT(AVX512VPOPCNTDQ, 0x7, 0, REG_ECX, 14),
	FEAT(CLDEMOTE, 0x7, 0, REG_ECX, 25),
	FEAT(MOVDIRI, 0x7, 0, REG_ECX, 27),
	FEAT(MOVDIR64B, 0x7, 0, REG_ECX, 28),
	FEAT(AVX512VP2INTERSECT, 0x7, 0, REG_EDX, 8),
};

int
rte_cpu_get_flag_enabled(enum rte_cpu_flag_t feature)
{
	const struct feature_entry *feat;
	unsigned int regs[REG_NUM];
	unsigned int max_leaf;

	if ((unsigned int)feature >= RTE_DIM(cpu_features))
		return -ENOENT;
	feat = &cpu_features[feature];
	if (feat->name == NULL)
		return -EFAULT;

	/* the leaf must exist in its range (basic or extended) */
	max_leaf = __get_cpuid_max(feat->leaf & 0x80000000, NULL);
	if (max_leaf == 0 || max_leaf < feat->leaf)
		return 0;

	__cpuid_count(feat->leaf, feat->subleaf, regs[REG_EAX], regs[REG_EBX],
			regs[REG_ECX], regs[REG_EDX]);
	return (regs[feat->reg] >> feat->bit) & 1;
}

const char *
rte_cpu_get_flag_name(enum rte_cpu_flag_t feature)
{
	if ((unsigned int)feature >= RTE_DIM(cpu_features))
		return NULL;
	return cpu_features[feature].name;
}

/* features the compiler may have used in this library's code */
static const enum rte_cpu_flag_t compile_time_flags[] = {
	RTE_CPUFLAG_SSE, RTE_CPUFLAG_SSE2,
#ifdef __SSE3__
	RTE_CPUFLAG_SSE3,
#endif
#ifdef __SSSE3__
	RTE_CPUFLAG_SSSE3,
#endif
#ifdef __SSE4_1__
	RTE_CPUFLAG_SSE4_1,
#endif
#ifdef __SSE4_2__
	RTE_CPUFLAG_SSE4_2,
#endif
#ifdef __POPCNT__
	RTE_CPUFLAG_POPCNT,
#endif
#ifdef __AVX__
	RTE_CPUFLAG_AVX,
#endif
#ifdef __AVX2__
	RTE_CPUFLAG_AVX2,
#endif
#ifdef __BMI__
	RTE_CPUFLAG_BMI1,
#endif
#ifdef __BMI2__
	RTE_CPUFLAG_BMI2,
#endif
#ifdef __AVX512F__
	RTE_CPUFLAG_AVX512F,
#endif
#ifdef __AVX512BW__
	RTE_CPUFLAG_AVX512BW,
#endif
#ifdef __AVX512VL__
	RTE_CPUFLAG_AVX512VL,
#endif
#ifdef __AES__
	RTE_CPUFLAG_AES,
#endif
#ifdef __PCLMUL__
	RTE_CPUFLAG_PCLMULQDQ,
#endif
};

int
rte_cpu_is_supported(void)
{
	unsigned int i;
	int ok = 1;

	for (i = 0; i < RTE_DIM(compile_time_flags); i++) {
		enum rte_cpu_flag_t f = compile_time_flags[i];

		if (rte_cpu_get_flag_enabled(f) <= 0) {
			fprintf(stderr, "ERROR: this system does not support "
				"\"%s\"; please check that the build machine "
				"option (-Dmachine) suits this CPU\n",
				rte_cpu_get_flag_name(f));
			ok = 0;
		}
	}
	return ok;
}

void
rte_cpu_check_supported(void)
{
	if (!rte_cpu_is_supported())
		exit(1);
}

void
rte_cpu_get_intrinsics_support(struct rte_cpu_intrinsics *intrinsics)
{
	memset(intrinsics, 0, sizeof(*intrinsics));
	if (rte_cpu_get_flag_enabled(RTE_CPUFLAG_WAITPKG) > 0) {
		intrinsics->power_monitor = 1;
		intrinsics->power_pause = 1;
	}
}

/* ---- SIMD width cap ---- */

static struct {
	uint16_t bitwidth;
	bool forced; /* fixed by --force-max-simd-bitwidth */
} simd_cap = { RTE_VECT_SIMD_MAX, false };

uint16_t
rte_vect_get_max_simd_bitwidth(void)
{
	return __atomic_load_n(&simd_cap.bitwidth, __ATOMIC_RELAXED);
}

int
rte_vect_set_max_simd_bitwidth(uint16_t bitwidth)
{
	if (simd_cap.forced) {
		RTE_LOG(ERR, EAL, "SIMD bitwidth is fixed by "
			"--force-max-simd-bitwidth and cannot be changed\n");
		return -EPERM;
	}
	if (bitwidth < RTE_VECT_SIMD_DISABLED ||
			!rte_is_power_of_2(bitwidth)) {
		RTE_LOG(ERR, EAL, "invalid SIMD bitwidth %u: use a power of "
			"two from 64 up\n", bitwidth);
		return -EINVAL;
	}
	__atomic_store_n(&simd_cap.bitwidth, bitwidth, __ATOMIC_RELAXED);
	return 0;
}

int
eal_vect_force_max_simd_bitwidth(uint16_t bitwidth)
{
	int ret = rte_vect_set_max_simd_bitwidth(bitwidth);

	if (ret == 0)
		simd_cap.forced = true;
	return ret;
}
