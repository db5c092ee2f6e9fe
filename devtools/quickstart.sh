#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# From a fresh Debian machine to dpdk-testpmd forwarding while memory is
# hot-plugged under it, in one command:
#
#   devtools/quickstart.sh [--duration S] [--build-dir DIR] [--no-build]
#                          [--skip-deps] [--no-huge] [--secondary]
#
# 1. installs missing build dependencies (devtools/install-deps.sh, root);
# 2. builds in DIR (default build/) unless --no-build;
# 3. hugepages: uses HPEAL_HUGE_DIR when set (nothing on the machine is
#    touched); otherwise, as root, makes sure 128 2 MiB pages are free
#    (growing the pool only if needed) and mounts a private hugetlbfs;
#    when that is impossible, or with --no-huge, runs with --no-huge
#    (memory is then still plugged and unplugged, in 2 MiB blocks of
#    ordinary memory);
# 4. runs testpmd in io mode on a net_null pair for DURATION seconds
#    (default 10, or the DURATION environment variable): forwarding alone
#    for ~30% of the time, then a memory churn that plugs and unplugs pages
#    (in a secondary process with --secondary), then forwarding alone
#    again; it prints port throughput, hot-plug latencies and the rate
#    before, during and after;
# 5. stops testpmd with SIGINT and puts the machine back as it was
#    (nr_hugepages, mount, files). Exits 0 when the demo ran and, unless
#    memory was static, pages were really plugged and unplugged.
set -uo pipefail

cd "$(dirname "$0")/.."
SRC=$PWD
DURATION=${DURATION:-10}
BUILD=$SRC/build
DO_BUILD=1
DO_DEPS=1
NO_HUGE=0
SECONDARY=
WANT_PAGES=128
HUGE_DIR=
HUGE_STATE=
LOG=

note() {
	echo "==== quickstart: $*"
}

die() {
	echo "quickstart: $*" >&2
	exit 1
}

usage() {
	sed -n '4,27p' "$0" | sed 's/^# \{0,1\}//'
	exit "$1"
}

while [ $# -gt 0 ]; do
	case $1 in
	--duration) DURATION=${2:-}; shift ;;
	--duration=*) DURATION=${1#*=} ;;
	--build-dir) BUILD=${2:-}; shift ;;
	--build-dir=*) BUILD=${1#*=} ;;
	--no-build) DO_BUILD=0 ;;
	--skip-deps) DO_DEPS=0 ;;
	--no-huge) NO_HUGE=1 ;;
	--secondary) SECONDARY=,secondary ;;
	-h|--help) usage 0 ;;
	*) echo "quickstart: unknown option '$1'" >&2; usage 2 ;;
	esac
	shift
done
[[ $DURATION =~ ^[0-9]+$ ]] && [ "$DURATION" -ge 3 ] ||
	die "--duration (or DURATION) must be a whole number of seconds >= 3," \
		"e.g. --duration 10"

cleanup() {
	[ -n "$LOG" ] && rm -f "$LOG"
	if [ -n "$HUGE_DIR$HUGE_STATE" ]; then
		bash devtools/setup-hugepages.sh release "$HUGE_DIR" \
			"$HUGE_STATE" || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

build() {
	if [ ! -f "$BUILD/build.ninja" ]; then
		note "meson setup $BUILD"
		meson setup "$BUILD" "$SRC" >/dev/null ||
			die "meson setup failed (missing dependencies? run as" \
				"root so that they are installed)"
	fi
	note "ninja -C $BUILD"
	ninja -C "$BUILD" >/dev/null || die "the build failed"
}

# sets EAL_MEM to the memory options of the demo
prepare_memory() {
	EAL_MEM=()
	if [ $NO_HUGE -eq 1 ]; then
		EAL_MEM=(--no-huge)
		return
	fi
	if [ -n "${HPEAL_HUGE_DIR:-}" ]; then
		EAL_MEM=("--huge-dir=$HPEAL_HUGE_DIR")
		note "hugepages: using HPEAL_HUGE_DIR=$HPEAL_HUGE_DIR"
		return
	fi
	if [ "$(id -u)" -eq 0 ]; then
		HUGE_STATE=$(mktemp "${TMPDIR:-/tmp}/quickstart-nr.XXXXXX")
		bash devtools/setup-hugepages.sh reserve $WANT_PAGES \
			"$HUGE_STATE" >/dev/null 2>&1 || true
		HUGE_DIR=$(bash devtools/setup-hugepages.sh mount-private \
			2>/dev/null) || HUGE_DIR=
	fi
	if [ -n "$HUGE_DIR" ] && [ "$(cat /sys/kernel/mm/hugepages/\
hugepages-2048kB/free_hugepages 2>/dev/null || echo 0)" -ge 64 ]; then
		EAL_MEM=("--huge-dir=$HUGE_DIR")
		note "hugepages: private hugetlbfs at $HUGE_DIR"
	else
		EAL_MEM=(--no-huge)
		note "no usable 2 MiB hugepages here (needs root and free" \
			"pages): running with --no-huge, where memory is still" \
			"plugged and unplugged, in 2 MiB blocks of ordinary memory"
	fi
}

run_demo() {
	if [ -n "$SECONDARY" ] && [ "${EAL_MEM[0]}" = --no-huge ]; then
		note "--secondary needs hugepage files: churning in-process"
		SECONDARY=
	fi
	local testpmd=$BUILD/app/test-pmd/dpdk-testpmd lcores=-l0-1 rc
	local warm=$((DURATION * 300)) churn=$((DURATION * 400))
	[ -x "$testpmd" ] || die "$testpmd is missing: build first"
	# one forwarding lcore besides the main one, even on a single cpu
	[ "$(nproc)" -ge 2 ] || lcores=--lcores=0@0,1@0
	LOG=$(mktemp "${TMPDIR:-/tmp}/quickstart-log.XXXXXX")
	set -- "$testpmd" "$lcores" "--file-prefix=quickstart_$$" \
		"${EAL_MEM[@]}" --vdev=net_null0 --vdev=net_null1 -- \
		--forward-mode=io --stats-period=$(((DURATION + 2) / 3)) \
		"--hotplug-churn=size=64M,period=200,warmup=$warm,duration=$churn$(
		)$SECONDARY"
	note "running for $DURATION s:"
	echo "  $*"
	timeout --preserve-status -s INT -k 30 "$DURATION" "$@" </dev/null 2>&1 |
		tee "$LOG"
	rc=${PIPESTATUS[0]}
	[ "$rc" -eq 0 ] || die "testpmd exited with status $rc"
	grep -q "Hot-plug churn:" "$LOG" || die "no hot-plug churn summary"
	if grep -q "memory is static" "$LOG"; then
		note "memory was static: nothing to plug"
	elif ! grep -Eq "\(([1-9][0-9]*) pages unplugged\)" "$LOG"; then
		die "no page was plugged and unplugged during the demo"
	fi
	note "done: testpmd forwarded while memory was plugged and unplugged"
}

main() {
	if [ $DO_DEPS -eq 1 ]; then
		bash devtools/install-deps.sh
	fi
	if [ $DO_BUILD -eq 1 ]; then
		build
	fi
	prepare_memory
	run_demo
}

main
