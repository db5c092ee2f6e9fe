#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Benchmark (not a test): dpdk-testpmd io forwarding rate before, during
# and after --hotplug-churn, and the plug/unplug latencies, on a net_null
# pair and on a net_ring loop, for each memory mode.
#
#   app/test-pmd/test/bench-fwd.sh [BUILD_DIR [SECONDS]]
#
# Each run forwards SECONDS (default 12): 30% before the churn, 40% with
# it, 30% after (--stats-period keeps testpmd forwarding until SIGINT). Hugepages: HPEAL_HUGE_DIR, else /dev/hugepages when
# mounted; modes needing them are left out otherwise. Prints one table
# row per run and the exact command of each.
set -uo pipefail

BUILD=${1:-build}
SECS=${2:-12}
TESTPMD=$BUILD/app/test-pmd/dpdk-testpmd
CHURN_SIZE=${BENCH_CHURN_SIZE:-64M}
CHURN_PERIOD=${BENCH_CHURN_PERIOD:-200}
HUGE=${HPEAL_HUGE_DIR:-}
[ -z "$HUGE" ] && mountpoint -q /dev/hugepages && HUGE=/dev/hugepages
[ -x "$TESTPMD" ] || { echo "no $TESTPMD: build first" >&2; exit 1; }
OUT=$(mktemp "${TMPDIR:-/tmp}/bench-fwd.XXXXXX")
trap 'rm -f "$OUT"' EXIT

field() { # sed expression
	sed -n "$1" "$OUT" | tail -1
}

run() { # label vdev-kind mode
	local label=$1 kind=$2 mode=$3 mem=() churn tx=() cmd pid
	local warm=$((SECS * 300)) dur=$((SECS * 400))
	churn="size=$CHURN_SIZE,period=$CHURN_PERIOD,warmup=$warm"
	churn+=",duration=$dur"
	case $mode in
	dynamic) mem=("--huge-dir=$HUGE") ;;
	secondary) mem=("--huge-dir=$HUGE"); churn+=",secondary" ;;
	legacy) mem=("--huge-dir=$HUGE" --legacy-mem -m 512) ;;
	no-huge) mem=(--no-huge) ;;
	esac
	[ "$kind" = ring ] && tx=(--tx-first)
	cmd=("$TESTPMD" -l 0-1 "--file-prefix=bench_fwd_$$" "${mem[@]}"
		"--vdev=net_${kind}0" "--vdev=net_${kind}1" --
		"--hotplug-churn=$churn" "${tx[@]}" --stats-period=3600)
	"${cmd[@]}" </dev/null >"$OUT" 2>&1 &
	pid=$!
	# the "after" phase starts when the churn is over, however long the
	# start took on a busy machine
	until grep -q "churn over" "$OUT" || ! kill -0 $pid 2>/dev/null; do
		sleep 0.2
	done
	sleep $((SECS * 3 / 10))
	kill -INT $pid 2>/dev/null
	wait $pid
	printf "%-22s %-10s %-10s %-10s %-26s %-26s\n" "$label" \
		"$(field 's/.*rate: before \([0-9.n/a]*\).*/\1/p')" \
		"$(field 's/.*, during \([0-9.n/a]*\).*/\1/p')" \
		"$(field 's/.*, after \([0-9.n/a]*\).*/\1/p')" \
		"$(field 's/^  plug latency: *p50 \([0-9.]*\) ms  p99 \([0-9.]*\) ms  max \([0-9.]*\).*/\1\/\2\/\3/p')" \
		"$(field 's/^  unplug latency: *p50 \([0-9.]*\) ms  p99 \([0-9.]*\) ms  max \([0-9.]*\).*/\1\/\2\/\3/p')"
	echo "    ${cmd[*]}"
}

printf "%-22s %-10s %-10s %-10s %-26s %-26s\n" "run" "before" "during" \
	"after" "plug ms p50/p99/max" "unplug ms p50/p99/max"
echo "(rates in Mpps, all ports together)"
for kind in null ring; do
	for mode in dynamic secondary legacy no-huge; do
		if [ -z "$HUGE" ] && [ "$mode" != no-huge ]; then
			continue
		fi
		run "net_$kind $mode" "$kind" "$mode"
	done
done
