#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Benchmark (not a test): our dpdk-testpmd against DPDK 22.11's, side by
# side in one run, io forwarding with one forwarding core.
#
#   devtools/bench-fwd-dpdk.sh OUR_BUILD_DIR REF_ROOT PMD_DIR HUGE_DIR \
#       [SECONDS [REPEATS]]
#
# REF_ROOT is an unpacked (dpkg-deb -x) Debian dpdk-dev + librte-*23 tree,
# never installed system-wide; PMD_DIR holds its plugin PMDs (net_null,
# net_pcap, mempool_ring) in a directory no parent of which is
# world-writable (DPDK refuses to load plugins from under /tmp).
# HUGE_DIR is a private hugetlbfs mount used by both.
#
# Cases, each variant run alternately REPEATS times (default 3) for
# SECONDS (default 5):
#   null:    net_null pair, hugepages: DPDK vs ours (dynamic memory)
#   churn:   ours with --hotplug-churn vs without
#   no-huge: --no-huge for both (compare with the null case)
#   pcap:    two net_pcap ports replaying a looped 64-byte pcap
# The rate of a run is the mean Rx-pps per port over the non-zero stats
# periods (--stats-period=1) but the first, which is partly start-up;
# the table shows medians, and
# the 1-minute load average read at the end of each run.
set -uo pipefail

OUR=${1:?our build dir}
REF=${2:?DPDK 22.11 root (usr)}
PMDS=${3:?DPDK plugin dir}
HUGE=${4:?hugetlbfs mount}
SECS=${5:-5}
# BENCH_OUR2: a second build of ours (e.g. the default buildtype) added
# to the null case
OUR2=${BENCH_OUR2:-}
REPS=${6:-3}
OUR_PMD=$OUR/app/test-pmd/dpdk-testpmd
REF_PMD=$REF/bin/dpdk-testpmd
REF_LIB=$REF/lib/x86_64-linux-gnu
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-fwd-dpdk.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

for f in "$OUR_PMD" "$REF_PMD"; do
	[ -x "$f" ] || { echo "missing $f" >&2; exit 1; }
done
mountpoint -q "$HUGE" || { echo "$HUGE is not a hugetlbfs mount" >&2; exit 1; }

# a pcap file of 64 64-byte UDP-sized frames
PCAP=$WORK/in64.pcap
python3 - "$PCAP" <<'EOF'
import struct, sys
with open(sys.argv[1], 'wb') as f:
    f.write(struct.pack('<IHHiIII', 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    for i in range(64):
        frame = b'\xff' * 6 + bytes([2, 0, 0, 0, 0, i]) + b'\x08\x00'
        frame += bytes([0x45]) + bytes(49)
        f.write(struct.pack('<IIII', 1, i, 64, 64) + frame)
EOF

# run ours|ref ARGS...: prints "MPPS LOAD", logs the command
run() {
	local who=$1 out=$WORK/out pid mpps load eal=() env=()
	shift
	local cmd=()
	if [ "$who" = ref ]; then
		env=(env "LD_LIBRARY_PATH=$REF_LIB")
		cmd=("$REF_PMD" -d "$PMDS")
	elif [ "$who" = ours2 ]; then
		cmd=("$OUR2/app/test-pmd/dpdk-testpmd")
	else
		cmd=("$OUR_PMD")
	fi
	eal=(-l 0-1 "--file-prefix=bfd_$$")
	cmd+=("${eal[@]}" "$@")
	echo "  $who: ${cmd[*]}" >>"$WORK/cmds"
	"${env[@]}" "${cmd[@]}" </dev/null >"$out" 2>&1 &
	pid=$!
	# start-up (zeroing 1 GiB with --no-huge on a busy machine) is not
	# measured: the clock starts at the first forwarding sample
	for _ in $(seq 600); do
		grep -aq 'Rx-pps: *[1-9]' "$out" && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	sleep "$SECS"
	load=$(cut -d' ' -f1 /proc/loadavg)
	kill -INT $pid 2>/dev/null
	wait $pid
	rm -f "$HUGE"/bfd_$$* 2>/dev/null
	mpps=$(grep -a 'Rx-pps:' "$out" | awk -v np="$NPORTS" '
		$2 > 0 { v[n++] = $2 }
		END {
			s = 0; c = 0
			for (i = np; i < n; i++) { s += v[i]; c++ }
			if (c == 0) print "n/a"; else printf "%.2f", s / c / 1e6
		}')
	echo "$mpps $load"
}

median() { # numbers on stdin
	sort -g | awk '{ v[n++] = $1 } END {
		if (n == 0) print "n/a"; else print v[int((n - 1) / 2)] }'
}

# case LABEL NPORTS then "variant|who|args" lines on stdin
bench_case() {
	local label=$1 v who args r res
	NPORTS=$2
	mapfile -t variants
	for r in $(seq "$REPS"); do
		for v in "${variants[@]}"; do
			[ -n "$v" ] || continue
			IFS='|' read -r name who args <<<"$v"
			# shellcheck disable=SC2086
			res=$(run "$who" $args)
			echo "$res" >>"$WORK/r.$label.$name"
			printf "  %-8s %-22s rep %d: %s Mpps/port (load %s)\n" \
				"$label" "$name" "$r" ${res}
		done
	done
	for v in "${variants[@]}"; do
		[ -n "$v" ] || continue
		IFS='|' read -r name who args <<<"$v"
		printf "%-8s %-22s median %6s Mpps/port  load %s\n" "$label" \
			"$name" \
			"$(cut -d' ' -f1 "$WORK/r.$label.$name" | median)" \
			"$(cut -d' ' -f2 "$WORK/r.$label.$name" | tr '\n' ' ')" \
			>>"$WORK/table"
	done
}

NULL="--vdev=net_null0 --vdev=net_null1"
FWD="-- --forward-mode=io --nb-cores=1 --auto-start --stats-period=1"
H="--huge-dir=$HUGE"
P="--vdev=net_pcap0,rx_pcap=$PCAP,infinite_rx=1"
P+=" --vdev=net_pcap1,rx_pcap=$PCAP,infinite_rx=1"

bench_case null 2 <<EOF
dpdk-22.11|ref|$H $NULL $FWD
ours-dynamic|ours|$H $NULL $FWD
ours-legacy|ours|$H --legacy-mem -m 1024 $NULL $FWD
${OUR2:+ours2-dynamic|ours2|$H $NULL $FWD}
EOF
bench_case churn 2 <<EOF
ours-no-churn|ours|$H $NULL $FWD
ours-churn|ours|$H $NULL $FWD --hotplug-churn=size=64M,period=200
EOF
bench_case no-huge 2 <<EOF
dpdk-22.11|ref|--no-huge -m 1024 $NULL $FWD
ours|ours|--no-huge -m 1024 $NULL $FWD
EOF
bench_case pcap 2 <<EOF
dpdk-22.11|ref|$H $P $FWD
ours|ours|$H $P $FWD
EOF

echo
echo "== medians ($REPS runs of ${SECS}s each, alternating) =="
cat "$WORK/table"
echo "== commands =="
sort -u "$WORK/cmds"
