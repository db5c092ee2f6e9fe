#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The vfio suite: boot the VFIO VM once and run app/test/vfio/guest-tests.sh
# in it with this build's dpdk-test (its shared libraries go along).
#
#   devtools/test-vfio.sh BUILD/app/test/dpdk-test
#
# The VM tool is ../shared/tools/vfio-vm/run-in-vm.sh next to the repository
# (or /work/shared/...) unless VFIO_VM_TOOL names another. Exit 77 (skip) when the tool is missing
# or cannot start a VM (its status 125); otherwise the tests' status.
set -u

root=$(cd "$(dirname "$0")/.." && pwd)
# next to the repository, else where this machine keeps the shared tools
# (a CI clone elsewhere has no ../shared)
tool=${VFIO_VM_TOOL:-}
if [ -z "$tool" ]; then
	for tool in "$root/../shared/tools/vfio-vm/run-in-vm.sh" \
			/work/shared/tools/vfio-vm/run-in-vm.sh; do
		[ -x "$tool" ] && break
	done
fi
bin=${1:?usage: $0 path/to/dpdk-test}
# the guest mounts a fresh /tmp, so the build tree's own libraries (found
# through dpdk-test's $ORIGIN rpath on the host) go to /test/lib with the
# binary; system libraries the tool copies from ldd at their own paths
bin=$(readlink -f "$bin")
files=(--file "$bin:/test/dpdk-test")
builddir=$(cd "$(dirname "$bin")/../.." && pwd)
for lib in $(ldd "$bin" | grep -o '/[^ ]*' | sort -u); do
	case "$lib" in
	"$builddir"/*) # the soname link's target, under the soname
		files+=(--file "$(readlink -f "$lib"):/test/lib/${lib##*/}") ;;
	esac
done

if [ ! -x "$tool" ]; then
	echo "vfio-vm tool not found at $tool (set VFIO_VM_TOOL): skipping"
	exit 77
fi
"$tool" --quiet --timeout "${VFIO_VM_TIMEOUT:-800}" --hugepages 128 \
	--env LD_LIBRARY_PATH=/test/lib "${files[@]}" \
	"$root/app/test/vfio/guest-tests.sh" /test/dpdk-test
rc=$?
if [ $rc -eq 125 ]; then
	echo "the VFIO VM could not start (status 125): skipping"
	exit 77
fi
exit $rc
