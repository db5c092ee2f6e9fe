#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The fwd suite: dpdk-testpmd forwarding real packets while memory is
# hot-plugged under it.
#
#   test-fwd.sh TESTPMD null|ring|pcap|veth [dynamic|legacy|secondary]
#   test-fwd.sh TESTPMD badflags
#
#   null   io forwarding on a net_null pair: every port receives and
#          sends, and what was received was sent;
#   ring   io forwarding on a net_ring pair closed into a loop by
#          "start tx_first": at stop, what was sent and not received is
#          drained from the rings, and it must be exactly the first burst,
#          every frame intact;
#   pcap   net_pcap from a pcap file to another: the output holds exactly
#          the input frames, in order;
#   veth   net_pcap on the host ends of veth pairs whose other ends live
#          in two network namespaces made here: a sender in one namespace,
#          a receiver in the other, and every frame must arrive once with
#          its payload unchanged;
#   badflags  wrong options fail, naming the option and the accepted form.
# dynamic: --hotplug-churn plugs and unplugs pages (counted by the memory
# event callback); secondary: the churn runs in a secondary process;
# legacy: --legacy-mem, memory is static and the churn is served from it
# or fails cleanly, while forwarding goes on.
#
# Hugepages: the private mount in HPEAL_HUGE_DIR; without it, --no-huge
# (dynamic memory in 2 MiB blocks of ordinary memory). Each run has its own
# --file-prefix and leaves no file, process, namespace or interface behind.
# Exit 0 pass, 1 fail, 77 skip (only when namespaces or veth pairs cannot
# be made here).
set -uo pipefail

TESTPMD=$1
CASE=$2
MODE=${3:-dynamic}
HERE=$(cd "$(dirname "$0")" && pwd)
PREFIX=tfwd_${CASE}_${MODE}_$$
WORK=$(mktemp -d "${TMPDIR:-/tmp}/test-fwd.XXXXXX")
OUT=$WORK/testpmd.out
TP_PID=
NETNS=()
LINKS=()
FAILS=0

# the main lcore and one forwarding lcore, on two cpus when there are two
LCORES=-l0-1
[ "$(nproc)" -ge 2 ] || LCORES=--lcores=0@0,1@0
EAL=("$LCORES" "--file-prefix=$PREFIX")
if [ -n "${HPEAL_HUGE_DIR:-}" ]; then
	EAL+=("--huge-dir=$HPEAL_HUGE_DIR")
elif [ "$MODE" = secondary ] && [ "$CASE" != badflags ]; then
	# secondaries map the primary's hugepage files; --no-huge has none
	echo "SKIP: no hugepages (HPEAL_HUGE_DIR unset), which a secondary" \
		"process needs"
	exit 77
else
	echo "note: HPEAL_HUGE_DIR not set, running with --no-huge"
	EAL+=(--no-huge)
fi
CHURN="size=32M,period=100,warmup=1500"
case $MODE in
dynamic) ;;
legacy) EAL+=(--legacy-mem -m 256) ;;
secondary) CHURN+=",secondary" ;;
*) echo "unknown mode $MODE"; exit 1 ;;
esac

log() {
	echo "---- $*"
}

fail() {
	echo "FAIL: $*"
	FAILS=$((FAILS + 1))
}

cleanup() {
	local ns l
	exec 3>&- 2>/dev/null
	if [ -n "$TP_PID" ] && kill -0 "$TP_PID" 2>/dev/null; then
		kill -INT "$TP_PID" 2>/dev/null
		sleep 2
		kill -KILL "$TP_PID" 2>/dev/null
	fi
	for l in "${LINKS[@]}"; do
		ip link del "$l" 2>/dev/null
	done
	for ns in "${NETNS[@]}"; do
		ip netns pids "$ns" 2>/dev/null | xargs -r kill -KILL
		ip netns del "$ns" 2>/dev/null
	done
	if [ -n "${HPEAL_HUGE_DIR:-}" ]; then
		rm -f "$HPEAL_HUGE_DIR/$PREFIX"map_* 2>/dev/null
	fi
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# testpmd -i reading a fifo that stays open, so commands come when we say
start_testpmd() {
	mkfifo "$WORK/in"
	"$TESTPMD" "${EAL[@]}" "$@" <"$WORK/in" >"$OUT" 2>&1 &
	TP_PID=$!
	exec 3>"$WORK/in"
}

cmd() {
	echo "$*" >&3
}

wait_for() { # regex seconds
	local end=$((SECONDS + $2))
	while [ $SECONDS -lt "$end" ]; do
		grep -Eq "$1" "$OUT" && return 0
		kill -0 "$TP_PID" 2>/dev/null || break
		sleep 0.2
	done
	grep -Eq "$1" "$OUT" && return 0
	fail "no '$1' in testpmd's output within $2 s"
	return 1
}

# quit at the prompt and check the exit
finish_testpmd() {
	local rc i
	cmd quit
	exec 3>&-
	for i in $(seq 1 150); do
		kill -0 "$TP_PID" 2>/dev/null || break
		sleep 0.2
	done
	wait "$TP_PID"
	rc=$?
	TP_PID=
	echo "==== testpmd output"
	cat "$OUT"
	echo "==== end of testpmd output (exit $rc)"
	[ "$rc" -eq 0 ] || fail "testpmd exited with $rc"
	grep -q '^Bye' "$OUT" || fail "testpmd did not say Bye (no clean exit)"
}

# value of "LABEL: N" in the block whose title matches TITLE
block_value() { # title label
	awk -v t="$1" -v l="$2:" '
		index($0, t) { inb = 1; next }
		inb && /^  [-+]+$/ { inb = 0 }
		inb { for (i = 1; i < NF; i++) if ($i == l) { print $(i + 1); exit } }
	' "$OUT"
}

port_value() { # port label
	block_value "Forward statistics for port $1 " "$2"
}

acc_value() { # label
	block_value "Accumulated forward statistics" "$1"
}

check_churn() {
	local plugged unplugged calls served failed
	grep -q "Hot-plug churn:" "$OUT" || { fail "no churn summary"; return; }
	grep -E "hotplug-churn: (secondary .* (exited abnormally|did not exit)|cannot)" \
		"$OUT" && fail "the churn secondary or thread failed"
	served=$(sed -n 's/.*served without plugging: \([0-9]*\).*/\1/p' "$OUT" |
		tail -1)
	failed=$(sed -n 's/.*failed: \([0-9]*\)$/\1/p' "$OUT" | tail -1)
	calls=$(sed -n 's/.*reservations that plugged pages: \([0-9]*\).*/\1/p' \
		"$OUT" | tail -1)
	if [ "$MODE" = legacy ]; then
		grep -q "memory is static (--legacy-mem)" "$OUT" ||
			fail "legacy run does not report static memory"
		[ "${calls:-1}" -eq 0 ] || fail "legacy run plugged pages"
		[ $((${served:-0} + ${failed:-0})) -gt 0 ] ||
			fail "legacy churn neither served nor failed anything"
		return
	fi
	plugged=$(sed -n 's/.*(\([0-9]*\) pages plugged).*/\1/p' "$OUT" | tail -1)
	unplugged=$(sed -n 's/.*(\([0-9]*\) pages unplugged).*/\1/p' "$OUT" |
		tail -1)
	log "churn: $calls plugging reservations, ${plugged:-0} pages" \
		"plugged, ${unplugged:-0} unplugged, $served served, $failed failed"
	[ "${plugged:-0}" -gt 0 ] || fail "no page was plugged"
	[ "${unplugged:-0}" -gt 0 ] || fail "no page was unplugged"
	[ "${calls:-0}" -gt 0 ] || fail "no reservation plugged pages"
	grep -q "plug latency: *p50" "$OUT" || fail "no plug latency figures"
	grep -q "unplug latency: *p50" "$OUT" ||
		fail "no unplug latency figures"
	grep -q "forwarding rate: before [0-9.]* Mpps, during [0-9.]* Mpps" \
		"$OUT" || fail "no forwarding rate before and during churn"
}

check_leftovers() {
	local left
	if [ -n "${HPEAL_HUGE_DIR:-}" ]; then
		left=$(find "$HPEAL_HUGE_DIR" -name "${PREFIX}*" | head -3)
		[ -z "$left" ] || fail "hugepage files left behind: $left"
	fi
	if pgrep -f -- "--file-prefix=$PREFIX" >/dev/null; then
		fail "a process with --file-prefix=$PREFIX is still running"
	fi
}

# ---------------------------------------------------------------------
# null: a net_null pair
# ---------------------------------------------------------------------
case_null() {
	local p rx tx
	start_testpmd --vdev=net_null0 --vdev=net_null1 -- -i \
		"--hotplug-churn=$CHURN,duration=2500" --no-lsc-interrupt
	wait_for '^testpmd> ' 60 || return
	cmd start
	wait_for 'churn over' 90 || return
	sleep 1
	cmd show port stats all
	cmd stop
	wait_for '^Done\.' 60
	finish_testpmd
	for p in 0 1; do
		rx=$(port_value $p RX-packets)
		tx=$(port_value $p TX-packets)
		log "port $p: RX-packets ${rx:-none} TX-packets ${tx:-none}"
		[ "${rx:-0}" -gt 0 ] || fail "port $p received nothing"
		[ "${tx:-0}" -gt 0 ] || fail "port $p sent nothing"
	done
	rx=$(acc_value RX-total)
	tx=$(acc_value TX-total)
	[ -n "$rx" ] && [ "$rx" = "$tx" ] ||
		fail "accumulated RX-total ${rx:-?} != TX-total ${tx:-?}"
	[ "$(acc_value TX-dropped)" = 0 ] || fail "packets dropped on tx"
	grep -q "NIC statistics for port 1 " "$OUT" ||
		fail "no NIC statistics block"
	check_churn
}

# ---------------------------------------------------------------------
# ring: a closed loop of two net_ring ports
# ---------------------------------------------------------------------
case_ring() {
	local first drained intact rx tx
	start_testpmd --vdev=net_ring0 --vdev=net_ring1 -- -i \
		"--hotplug-churn=$CHURN,duration=2500" --txpkts=128 --burst=64
	wait_for '^testpmd> ' 60 || return
	cmd start tx_first 4
	wait_for 'churn over' 90 || return
	sleep 1
	cmd stop
	wait_for '^Done\.' 60
	finish_testpmd
	first=$(sed -n 's/^tx_first: \([0-9]*\) packets.*/\1/p' "$OUT")
	drained=$(sed -n 's/.*Drained from rx queues: \([0-9]*\) packets.*/\1/p' \
		"$OUT")
	intact=$(sed -n 's/.*payload intact: \([0-9]*\),.*/\1/p' "$OUT")
	rx=$(acc_value RX-packets)
	tx=$(acc_value TX-packets)
	log "tx_first ${first:-?}, drained ${drained:-?} (${intact:-?}" \
		"intact), RX ${rx:-?} TX ${tx:-?}"
	[ "${first:-0}" -eq 512 ] ||
		fail "tx_first sent ${first:-0} packets, expected 4 x 64 x 2"
	[ "${drained:--1}" = "$first" ] ||
		fail "drained ${drained:-?} packets, expected the ${first:-?} sent"
	[ "${intact:--1}" = "$first" ] ||
		fail "only ${intact:-?} of ${first:-?} packets came back intact"
	grep -q "corrupted: 0, other: 0)" "$OUT" ||
		fail "corrupted or foreign packets in the loop"
	[ $((tx - rx)) -eq "${first:-0}" ] ||
		fail "TX-packets - RX-packets = $((tx - rx)), expected $first"
	[ "$(acc_value RX-dropped)" = 0 ] && [ "$(acc_value TX-dropped)" = 0 ] ||
		fail "packets dropped in the loop"
	[ "${rx:-0}" -gt "${first:-0}" ] || fail "the loop did not turn"
	grep -q "Mbufs in use after drain: 0 " "$OUT" ||
		fail "mbufs still in use after the drain (leak)"
	check_churn
}

# ---------------------------------------------------------------------
# veth: real frames through the kernel
# ---------------------------------------------------------------------

# two namespaces, three veth pairs: A (sender side) and B (receiver side)
# carry the traffic; port 1 receives on Q, a quiet pair, because a pcap
# handle on an interface also captures what is sent on it and port 1 sends
# on B (a loop through both ports would follow)
make_veths() {
	local id=$$ p
	NS_A=tfwda$id
	NS_B=tfwdb$id
	for p in a b q; do
		eval "H_$p=tf${p}h$id; N_$p=tf${p}n$id"
	done
	ip netns add "$NS_A" 2>"$WORK/err" || return 1
	NETNS+=("$NS_A")
	ip netns add "$NS_B" 2>>"$WORK/err" || return 1
	NETNS+=("$NS_B")
	for p in a b q; do
		eval "ip link add \$H_$p type veth peer name \$N_$p" \
			2>>"$WORK/err" || return 1
		eval "LINKS+=(\$H_$p)"
	done
	ip link set "$N_a" netns "$NS_A" && ip link set "$N_b" netns "$NS_B" &&
		ip link set "$N_q" netns "$NS_B" || return 2
	for p in a b q; do
		eval "sysctl -qw net.ipv6.conf.\$H_$p.disable_ipv6=1"
		eval "ip link set \$H_$p up" || return 2
	done
	ip netns exec "$NS_A" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip netns exec "$NS_B" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
	ip -n "$NS_A" link set "$N_a" up && ip -n "$NS_B" link set "$N_b" up &&
		ip -n "$NS_B" link set "$N_q" up || return 2
	return 0
}

case_veth() {
	local n=2000 run=$((RANDOM * 32768 + RANDOM)) rc dst rx tx r_pid
	make_veths
	rc=$?
	if [ $rc -eq 1 ]; then
		echo "SKIP: cannot create network namespaces or veth pairs" \
			"here: $(cat "$WORK/err")"
		exit 77
	fi
	[ $rc -eq 0 ] || { fail "veth setup failed after creation"; return; }
	dst=$(ip -n "$NS_B" -o link show "$N_b" |
		sed -n 's/.*link\/ether \([0-9a-f:]*\).*/\1/p')
	ip netns exec "$NS_B" python3 "$HERE/traffic.py" recv "$N_b" \
		$n $run "$WORK/ready" 60 >"$WORK/recv.out" 2>&1 &
	r_pid=$!
	start_testpmd "--vdev=net_pcap0,iface=$H_a" \
		"--vdev=net_pcap1,rx_iface=$H_q,tx_iface=$H_b" -- -i \
		"--hotplug-churn=$CHURN"
	wait_for '^testpmd> ' 60 || return
	cmd start
	wait_for 'forwarding before churn' 60 || return
	for rc in $(seq 1 50); do
		[ -e "$WORK/ready" ] && break
		sleep 0.2
	done
	ip netns exec "$NS_A" python3 "$HERE/traffic.py" send "$N_a" \
		"$dst" $n $run || fail "the sender failed"
	wait "$r_pid"
	rc=$?
	cat "$WORK/recv.out"
	[ $rc -eq 0 ] || fail "the receiver did not get every frame intact"
	sleep 1
	cmd stop
	wait_for '^Done\.' 60
	finish_testpmd
	rx=$(port_value 0 RX-packets)
	tx=$(port_value 1 TX-packets)
	log "port 0 RX-packets ${rx:-?}, port 1 TX-packets ${tx:-?}"
	[ "${rx:-0}" -ge $n ] || fail "port 0 received ${rx:-0} < $n frames"
	[ "${tx:-0}" -ge $n ] || fail "port 1 sent ${tx:-0} < $n frames"
	check_churn
}

# ---------------------------------------------------------------------
# pcap: a pcap file through testpmd into another
# ---------------------------------------------------------------------
case_pcap() {
	local n=3000 run=$((RANDOM * 32768 + RANDOM)) rx tx
	python3 "$HERE/traffic.py" pcap-write "$WORK/in.pcap" $n $run &&
		python3 "$HERE/traffic.py" pcap-write "$WORK/empty.pcap" 0 0 ||
		{ fail "cannot write the input pcap files"; return; }
	# port 0 reads in.pcap; port 1 writes what port 0 received
	start_testpmd "--vdev=net_pcap0,rx_pcap=$WORK/in.pcap" \
		"--vdev=net_pcap1,rx_pcap=$WORK/empty.pcap,tx_pcap=$WORK/out.pcap" \
		-- -i "--hotplug-churn=$CHURN,duration=2500"
	wait_for '^testpmd> ' 60 || return
	cmd start
	wait_for 'churn over' 90 || return
	cmd stop
	wait_for '^Done\.' 60
	finish_testpmd
	rx=$(port_value 0 RX-packets)
	tx=$(port_value 1 TX-packets)
	log "port 0 RX-packets ${rx:-?}, port 1 TX-packets ${tx:-?}"
	[ "${rx:-0}" -eq $n ] && [ "${tx:-0}" -eq $n ] ||
		fail "expected $n frames in and out"
	python3 "$HERE/traffic.py" pcap-compare "$WORK/in.pcap" \
		"$WORK/out.pcap" || fail "out.pcap differs from in.pcap"
	check_churn
}

# ---------------------------------------------------------------------
# badflags: each wrong option fails and says which and how
# ---------------------------------------------------------------------
bad_flag() { # expected-text testpmd-options...
	local want=$1 rc
	shift
	"$TESTPMD" "$LCORES" --no-huge "--file-prefix=$PREFIX" \
		--vdev=net_null0 --vdev=net_null1 -- "$@" </dev/null \
		>"$OUT" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		fail "testpmd accepted $*"
	elif ! grep -qF -- "$want" "$OUT"; then
		fail "testpmd $*: no '$want' in: $(grep -v '^PMD\|^EAL' "$OUT")"
	else
		log "$* -> $(grep -F -- "$want" "$OUT" | head -1)"
	fi
}

case_badflags() {
	bad_flag "'--bogus-flag'" --bogus-flag
	bad_flag "--forward-mode: expected one of io|mac|macswap|txonly|rxonly" \
		--forward-mode=bogus
	bad_flag "expected size=SIZE,period=MS" --hotplug-churn=size=abc
	bad_flag "expected size=SIZE,period=MS" --hotplug-churn=size=64M
	bad_flag "expected size=SIZE,period=MS" \
		--hotplug-churn=size=64M,period=10,colour=blue
	bad_flag "for --rxd: expected an integer from 1 to 16384" --rxd=0
	bad_flag "for --burst: expected an integer from 1 to 512" --burst=9999
	bad_flag "for --stats-period: expected an integer" --stats-period=x
	bad_flag "for --eth-peer: expected PORT,XX:XX:XX:XX:XX:XX" \
		--eth-peer=0,zz
	bad_flag "for --txpkts: expected LEN[,LEN...]" --txpkts=10
	bad_flag "for --total-num-mbufs: expected an integer from 1025" \
		--total-num-mbufs=100
	bad_flag "--nb-cores=2 but only 1 worker lcores" --nb-cores=2
	bad_flag "missing value for option '--rxq'" --rxq
	bad_flag "no port to forward on" --portmask=0x4
	bad_flag "needs memory shared between processes through hugepage" \
		--hotplug-churn=size=8M,period=10,secondary
	"$TESTPMD" "$LCORES" --no-huge --in-memory --vdev=net_null0 -- \
		--hotplug-churn=size=8M,period=10,secondary </dev/null \
		>"$OUT" 2>&1 && fail "secondary churn accepted with --in-memory"
	grep -q "needs memory shared between processes" "$OUT" ||
		fail "secondary churn with --in-memory: unclear error"
	# options kept for DPDK scripts are accepted and harmless
	echo quit | "$TESTPMD" "$LCORES" --no-huge "--file-prefix=$PREFIX" \
		--vdev=net_null0 -- -i --no-lsc-interrupt --nb-ports=1 \
		--portmask=0x1 --txpkts=64,64 >"$OUT" 2>&1 ||
		fail "ignored options were not accepted: $(cat "$OUT")"
}

case $CASE in
null|ring|pcap|veth|badflags) "case_$CASE" ;;
*) echo "unknown case $CASE"; exit 1 ;;
esac
check_leftovers
if [ $FAILS -ne 0 ]; then
	echo "$FAILS check(s) failed"
	exit 1
fi
echo "PASS: $CASE $MODE"
exit 0
