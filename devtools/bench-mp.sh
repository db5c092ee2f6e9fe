#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
#
# Multi-process hot-plug timings: the secondary attach time and the
# rte_malloc/rte_free times (the calls alone, 2 MiB and 64 MiB, 1/4/8
# secondaries) that malloc_mp_perf_autotest prints, the nothing-to-map sync
# of malloc_mp_autotest and the request_sync round trips of
# mp_ipc_perf_autotest, as medians over several runs. Given two build dirs,
# runs alternate between them so that load from elsewhere on the machine
# hits both alike.
#
#   devtools/bench-mp.sh [-n runs] [-p prefix] [-s] [-e eal-args] build-dir
#                        [other-build-dir]
#
# -s also runs the whole malloc_mp_autotest (minutes) for the rescan figures;
# -e adds EAL arguments, e.g. -e --single-file-segments.
#
# Needs hugepages: HPEAL_HUGE_DIR names the hugetlbfs mount to use.

set -e
runs=5
prefix=bench_mp
scan=
eal=
while getopts n:p:se: opt; do
	case $opt in
	n) runs=$OPTARG ;;
	p) prefix=$OPTARG ;;
	s) scan=1 ;;
	e) eal=$OPTARG ;;
	*) echo "usage: $0 [-n runs] [-p prefix] build [build2]" >&2
	   exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 1 ] || { echo "usage: $0 [-n runs] build [build2]" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

one() { # build tag run
	bin=$1/app/test/dpdk-test
	DPDK_TEST=malloc_mp_perf_autotest $bin --file-prefix=$prefix $eal \
		>"$out/$2.mp.$3" 2>&1 || echo "$2 run $3: malloc_mp_perf failed" >&2
	[ -n "$scan" ] && { DPDK_TEST=malloc_mp_autotest $bin \
		--file-prefix=$prefix $eal >"$out/$2.scan.$3" 2>&1 ||
		echo "$2 run $3: malloc_mp failed" >&2; }
	DPDK_TEST=mp_ipc_perf_autotest $bin --file-prefix=$prefix \
		>"$out/$2.ipc.$3" 2>&1 || echo "$2 run $3: mp_ipc_perf failed" >&2
}

i=1
while [ $i -le "$runs" ]; do
	one "$1" a $i
	[ $# -ge 2 ] && one "$2" b $i
	i=$((i + 1))
done

# median of the numbers read on stdin
median() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (NR == 0) { print "-"; exit }
		print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

report() { # tag dir
	echo "== $2 ($runs runs, medians)"
	for n in 1 4 8; do
		v=$(cat "$out"/$1.mp.* | sed -n "s/^secondary attach (process \
start to initialised) with $n secondaries: \([0-9.]*\) ms$/\1/p" | median)
		echo "secondary attach, $n secondaries: $v ms"
	done
	for op in rte_malloc rte_free; do
		for kib in 65536 2048; do
			for n in 1 4 8; do
				v=$(cat "$out"/$1.mp.* | sed -n "s/^secondary \
$op($kib KiB) with $n secondaries: \([0-9.]*\) ms$/\1/p" | median)
				echo "secondary $op $((kib / 1024)) MiB, $n \
secondaries: $v ms"
			done
		done
	done
	for n in 1 4 8; do
		[ -n "$scan" ] || continue
		v=$(cat "$out"/$1.scan.* | sed -n "s/^secondary sync with nothing \
to map ($n secondaries): full rescan \([0-9.]*\) us.*/\1/p" | median)
		w=$(cat "$out"/$1.scan.* | sed -n "s/^secondary sync with nothing \
to map ($n secondaries): .* delta \([0-9.]*\) us$/\1/p" | median)
		echo "secondary sync, nothing to map, $n secondaries: full \
rescan $v us, delta $w us"
	done
	for n in 1 4; do
		v=$(cat "$out"/$1.ipc.* | sed -n "s/^mp_ipc perf: request_sync \
to $n peer(s): mean [0-9.]* us, p50 \([0-9.]*\) us.*/\1/p" | median)
		echo "request_sync RTT p50, $n peer(s): $v us"
	done
}

report a "$1"
[ $# -ge 2 ] && report b "$2"
exit 0
