#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Runs inside the VFIO VM (busybox sh), started by devtools/test-vfio.sh:
# every VFIO test of dpdk-test in one boot. A skip (77) counts as a failure
# here: the VM has VFIO, hugepages and the edu device, so nothing may skip.
#
#   guest-tests.sh /test/dpdk-test
T=${1:-/test/dpdk-test}
LIMIT=/sys/module/vfio_iommu_type1/parameters/dma_entry_limit
rc=0

# the initramfs has /run but no /var/run, where the EAL's runtime dir goes
[ -e /var/run ] || { mkdir -p /var && ln -s /run /var/run; }

run() { # label test-name dpdk-test-args...
	label=$1
	name=$2
	shift 2
	echo "=== $label: $name $*"
	DPDK_TEST=$name "$T" "$@"
	r=$?
	echo "=== $label: exit $r"
	[ $r -eq 0 ] || rc=1
}

# edu's DMA mask is 28 bits: IOVA=VA memory must sit below 256 MiB (also
# below ASan's shadow, which would push the EAL's own 4 GiB choice away)
low=--base-virtaddr=0x2000000
run dynamic vfio_autotest --file-prefix=vdyn -l 0-1 $low
run dynamic-pa vfio_autotest --file-prefix=vpa --iova-mode=pa
run legacy vfio_autotest --file-prefix=vleg --legacy-mem -m 64 $low
run fake-here vfio_fake_autotest --file-prefix=vfake --no-huge

# the kernel reads dma_entry_limit when a container is opened
old=$(cat $LIMIT)
if echo 48 > $LIMIT; then
	run limit vfio_limit_autotest --file-prefix=vlim $low
	echo "$old" > $LIMIT
else
	echo "=== limit: cannot write $LIMIT"
	rc=1
fi
exit $rc
