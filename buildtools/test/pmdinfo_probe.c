/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A program for the pmdinfo test: it carries metadata of its own (a
 * made-up driver with a parameter string, a kernel module dependency, and
 * one record the reader must reject as malformed) and is linked with
 * librte_ethdev, whose PMDs dpdk-pmdinfo.py must find by following it.
 * It is linked with --gc-sections, which must not drop the records.
 */
#include <stdio.h>

#include <rte_dev.h>
#include <rte_ethdev.h>

RTE_PMD_EXPORT_NAME(net_pmdinfo_probe, 0);
RTE_PMD_REGISTER_PARAM_STRING(net_pmdinfo_probe,
	"alpha=<int> "
	"beta=<path:with:colons>");
RTE_PMD_REGISTER_KMOD_DEP(net_pmdinfo_probe, "* vfio-pci");
RTE_PMD_INFO_RECORD(pmdinfo_probe_bad, "colour", "net_pmdinfo_probe", "red");

int
main(void)
{
	/* a real reference, so the linker keeps librte_ethdev as needed */
	printf("%u ports\n", (unsigned int)rte_eth_dev_count_avail());
	return 0;
}
