#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Drop-in compatibility test: DPDK 22.11's OWN example programs, unmodified,
# built with their own Makefiles (make + pkg-config, shared linking, and
# `make static` for helloworld and l2fwd) against
# hotplug-eal installed in a temporary prefix, then run on virtual ports.
#
#   test-compat.sh BUILD_DIR SOURCE_DIR [examples|autotests]
#
# "autotests" builds DPDK 22.11's own malloc, memzone, fbarray and
# external memory autotests (app/test/test_*.c of Debian's dpdk source
# package, fetched at test time) with devtools/compat-autotest/runner.c and
# runs them in dynamic, --legacy-mem and --no-huge mode.
#
# The examples come from Debian's dpdk-doc package (DPDK 22.11, examples
# under /usr/share/dpdk/examples), fetched with `apt-get download` into a
# cache directory (HPEAL_CACHE_DIR, default ~/.cache/hotplug-eal) and
# unpacked with dpkg-deb -x into a temporary directory: nothing of it is
# installed on the system and nothing of it enters our tree. Exit 77 when
# the package archive cannot be reached and nothing is cached.
#
# Programs and checks:
#   helloworld          one "hello from core" line per lcore, exit 0
#   skeleton/basicfwd   net_ring pair: ports come up, forwarding loop
#                       starts; killed by SIGINT (it has no handler)
#   l2fwd               net_null pair, -p 0x3: packets sent and received
#                       on both ports; exits 0 on SIGINT; net_ring pair too
#   l2fwd-keepalive     net_null pair, the forwarding lcore pinged every
#                       100 ms; when it quits (the example's demo death)
#                       it is reported dead and relaunched; exit 0
#   service_cores       the app's five services on five service lcores
#                       (first profile), each started and looping
#   make static         helloworld and l2fwd: no librte_*.so loaded, hello
#                       printed, l2fwd sends on net_null
#   multi_process/symmetric_mp
#                       primary (net_null pair, 2 queues each) plus a
#                       secondary on queue 1: both forward packets, both
#                       exit 0 on SIGINT (needs hugepages: HPEAL_HUGE_DIR)
#   rxtx_callbacks      rx/tx burst callbacks on a net_null pair
#   link_status_interrupt
#                       LSC event callbacks (intr_conf.lsc) on net_ring
#   multi_process/client_server_mp
#                       mp_server (primary, ports) + mp_client (secondary
#                       sending through the server's ports)
#   timer               rte_timer: timer0 (periodic, 1 s) runs on the main
#                       lcore, timer1 (single, re-armed by its callback
#                       onto the next lcore) runs on every lcore; run 3 s,
#                       killed by SIGINT (it has no handler)
#   examples/hotplug_fwd (ours) built with its plain Makefile the same way
#
# Exit 0 pass, 1 fail, 77 skip.
set -uo pipefail

build=$(realpath "${1:-build}")
src=$(realpath "${2:-.}")
cache=${HPEAL_CACHE_DIR:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/hotplug-eal}
work=$(mktemp -d "${TMPDIR:-/tmp}/hpeal-compat.XXXXXX")
prefix_tag=compat_$$
if [ "$(id -u)" -eq 0 ]; then
	runtime_base=/var/run/dpdk
else
	runtime_base=${XDG_RUNTIME_DIR:-/tmp}/dpdk
fi
pids=()

cleanup() {
	local p
	for p in "${pids[@]}"; do
		kill -KILL "$p" 2>/dev/null
	done
	if [ -n "${HPEAL_HUGE_DIR:-}" ]; then
		rm -f "$HPEAL_HUGE_DIR"/"$prefix_tag"* 2>/dev/null
	fi
	# DPDK's examples that die by a signal never reach rte_eal_cleanup:
	# their runtime dirs stay unless removed here
	rm -rf "$runtime_base/$prefix_tag"* 2>/dev/null
	rm -rf "$work"
}
trap cleanup EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

note() {
	echo "== $*"
}

# ---------------------------------------------------------------------
# the DPDK 22.11 examples, from the cache or the archive

fetch_deb() {
	local deb
	mkdir -p "$cache" || return 1
	deb=$(ls "$cache"/dpdk-doc_22.11*_all.deb 2>/dev/null | tail -1)
	if [ -z "$deb" ]; then
		note "fetching dpdk-doc (DPDK 22.11 examples) into $cache" >&2
		(cd "$cache" && apt-get download -q dpdk-doc >/dev/null 2>&1) ||
			{ [ "$(id -u)" -eq 0 ] && apt-get update -q >/dev/null 2>&1 &&
			(cd "$cache" && apt-get download -q dpdk-doc >/dev/null 2>&1); }
		deb=$(ls "$cache"/dpdk-doc_22.11*_all.deb 2>/dev/null | tail -1)
	fi
	[ -n "$deb" ] || return 1
	echo "$deb"
}

unpack_examples() {
	local deb
	deb=$(fetch_deb)
	if [ -z "$deb" ]; then
		echo "SKIP: cannot get dpdk-doc 22.11 from the package archive" \
			"(apt-get download dpdk-doc failed, nothing in $cache)"
		exit 77
	fi
	note "examples from $(basename "$deb")"
	dpkg-deb -x "$deb" "$work/deb" || fail "dpkg-deb -x $deb"
	examples=$work/deb/usr/share/dpdk/examples
	[ -d "$examples/l2fwd" ] || fail "no examples in $deb"
}

# ---------------------------------------------------------------------
# install into a temporary prefix

install_prefix() {
	local pc dir libdir
	meson install -C "$build" --destdir "$work/root" --no-rebuild \
		--quiet >"$work/install.log" 2>&1 ||
		{ cat "$work/install.log"; fail "meson install --destdir"; }
	pc=$(find "$work/root" -name libdpdk.pc | head -1)
	[ -n "$pc" ] || fail "meson install put no libdpdk.pc in $work/root"
	# the Makefiles call plain pkg-config: give it .pc files whose
	# prefix is the staged copy
	mkdir -p "$work/pc"
	for dir in "$(dirname "$pc")"/*.pc; do
		sed "s|^prefix=\(.*\)|prefix=$work/root\1|" "$dir" \
			>"$work/pc/$(basename "$dir")"
	done
	export PKG_CONFIG_PATH=$work/pc
	export PKG_CONFIG_DISABLE_UNINSTALLED=1
	libdir=$(pkg-config --variable=libdir libdpdk)
	[ -d "$libdir" ] || fail "libdir $libdir of libdpdk.pc is missing"
	export LD_LIBRARY_PATH=$libdir${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	[[ $(pkg-config --cflags libdpdk) != *"$src"* ]] ||
		fail "installed libdpdk.pc points into the source tree"
}

# build one example with its own Makefile (shared, the default target)
make_example() { # dir-under-examples app-name
	local dir=$1 app=$2 deps
	# examples share files through ../ (client_server_mp/shared): build
	# in a copy of the whole tree, reached as $work/ex-<app>
	[ -d "$work/examples" ] || cp -r "$examples" "$work/examples" ||
		fail "copy the examples"
	ln -s "$work/examples/$dir" "$work/ex-$app" || fail "link $dir"
	note "make $dir"
	make -C "$work/ex-$app" >"$work/make-$app.log" 2>&1 ||
		{ cat "$work/make-$app.log"; fail "$dir does not build"; }
	[ -x "$work/ex-$app/build/$app" ] || fail "$dir: no build/$app"
	# not piped into grep -q: under pipefail its early exit can fail
	# ldd with SIGPIPE
	deps=$(ldd "$work/ex-$app/build/$app")
	[[ $deps == *"$work/root"*librte_eal* ]] ||
		fail "$app does not load the installed librte_eal"
}

eal_args() { # name
	local a=(--file-prefix="${prefix_tag}_$1")
	if [ -n "${HPEAL_HUGE_DIR:-}" ]; then
		a+=(--huge-dir="$HPEAL_HUGE_DIR")
	else
		a+=(--no-huge)
	fi
	echo "${a[@]}"
}

# run for secs seconds, then SIGINT; prints the exit status
run_for() { # secs out cmd...
	local secs=$1 out=$2
	shift 2
	echo "run: $*" >"$out"
	timeout --preserve-status -k 10 -s INT "$secs" stdbuf -oL -eL "$@" \
		>>"$out" 2>&1
}

# the number after "label" on the last line holding it
last_count() { # file label
	grep "$2" "$1" | tail -1 | grep -o '[0-9][0-9]*' | tail -1
}

# ---------------------------------------------------------------------
# the programs

check_helloworld() {
	local out=$work/hello.out lcores want got
	make_example helloworld helloworld
	lcores=0; want=1
	if [ "$(nproc)" -ge 2 ]; then lcores=0-1; want=2; fi
	# shellcheck disable=SC2046
	run_for 60 "$out" "$work/ex-helloworld/build/helloworld" -l $lcores \
		$(eal_args hello) || { cat "$out"; fail "helloworld exit $?"; }
	got=$(grep -c '^hello from core [0-9]' "$out")
	[ "$got" -eq "$want" ] ||
		{ cat "$out"; fail "helloworld: $got hello lines, want $want"; }
	echo "helloworld: OK ($got lcores)"
}

check_basicfwd() {
	local out=$work/basicfwd.out rc
	make_example skeleton basicfwd
	# shellcheck disable=SC2046
	run_for 4 "$out" "$work/ex-basicfwd/build/basicfwd" -l 0 \
		$(eal_args basicfwd) --vdev net_ring0 --vdev net_ring1
	rc=$?
	# no SIGINT handler: our signal ends it (128 + 2)
	[ $rc -eq 130 ] || { cat "$out"; fail "basicfwd exit $rc, want 130"; }
	grep -q '^Port 1 MAC: ' "$out" && grep -q 'forwarding packets' "$out" ||
		{ cat "$out"; fail "basicfwd did not bring up both ports"; }
	echo "basicfwd: OK (two net_ring ports, forwarding loop ran)"
}

check_l2fwd() { # vdev-driver want-traffic(0|1)
	local drv=$1 traffic=$2 out=$work/l2fwd-$1.out lcores=0 sent recv
	[ "$(nproc)" -ge 2 ] && lcores=0-1
	# shellcheck disable=SC2046
	run_for 4 "$out" "$work/ex-l2fwd/build/l2fwd" -l $lcores \
		$(eal_args "l2fwd_$drv") --vdev "${drv}0" --vdev "${drv}1" \
		-- -p 0x3 -T 1 || { cat "$out"; fail "l2fwd ($drv) exit $?"; }
	grep -q '^Bye' "$out" || { tail -30 "$out"; fail "l2fwd ($drv): no Bye"; }
	sent=$(last_count "$out" 'Total packets sent')
	recv=$(last_count "$out" 'Total packets received')
	if [ "$traffic" -eq 1 ] && { [ "${sent:-0}" -eq 0 ] ||
			[ "${recv:-0}" -eq 0 ]; }; then
		tail -30 "$out"
		fail "l2fwd ($drv): sent ${sent:-?}, received ${recv:-?}"
	fi
	echo "l2fwd ($drv): OK (sent ${sent:-0}, received ${recv:-0})"
}

# `make static`: the same example linked with `pkg-config --static --libs
# libdpdk` holds our libraries whole and loads no librte_*.so; l2fwd then
# moves packets on net_null, whose driver only the whole archive brings in
check_static() {
	local app deps out=$work/static.out lcores=0 sent
	[ "$(nproc)" -ge 2 ] && lcores=0-1
	if [[ $(pkg-config --static --libs libdpdk) != *whole-archive*.a* ]]
	then
		echo "static: not built (libdpdk.pc lists no static libraries:" \
			"-Ddefault_library=shared)"
		return 0
	fi
	for app in helloworld l2fwd; do
		note "make static in $app"
		make -C "$work/ex-$app" static >"$work/make-static-$app.log" 2>&1 ||
			{ cat "$work/make-static-$app.log";
			fail "make static in $app"; }
		deps=$(ldd "$work/ex-$app/build/$app-static")
		[[ $deps != *librte_* ]] ||
			{ echo "$deps"; fail "$app-static loads a shared librte"; }
	done
	# shellcheck disable=SC2046
	run_for 60 "$out" "$work/ex-helloworld/build/helloworld-static" \
		-l $lcores $(eal_args hello_static) ||
		{ cat "$out"; fail "helloworld-static exit $?"; }
	grep -q '^hello from core 0' "$out" ||
		{ cat "$out"; fail "helloworld-static said no hello"; }
	# shellcheck disable=SC2046
	run_for 4 "$out" "$work/ex-l2fwd/build/l2fwd-static" -l $lcores \
		$(eal_args l2fwd_static) --vdev net_null0 --vdev net_null1 \
		-- -p 0x3 -T 1 || { cat "$out"; fail "l2fwd-static exit $?"; }
	sent=$(last_count "$out" 'Total packets sent')
	[ "${sent:-0}" -gt 0 ] ||
		{ tail -30 "$out"; fail "l2fwd-static sent nothing"; }
	echo "static: OK (helloworld, l2fwd with no librte_*.so, l2fwd" \
		"sent $sent on net_null)"
}

# wait until file holds pattern, at most secs seconds
wait_for() { # file pattern secs
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	return 1
}

check_symmetric_mp() {
	local app=$work/ex-symmetric_mp/build/symmetric_mp
	local pout=$work/smp-primary.out sout=$work/smp-secondary.out
	local args=(--file-prefix="${prefix_tag}_smp" --proc-type=auto)
	local plc=0 slc=0 ppid spid prc src n
	make_example multi_process/symmetric_mp symmetric_mp
	if [ -z "${HPEAL_HUGE_DIR:-}" ]; then
		echo "symmetric_mp: built; not run (a secondary needs" \
			"hugepages: no HPEAL_HUGE_DIR)"
		return 0
	fi
	args+=(--huge-dir="$HPEAL_HUGE_DIR")
	[ "$(nproc)" -ge 2 ] && slc=1
	stdbuf -oL "$app" -l $plc "${args[@]}" --vdev net_null0 \
		--vdev net_null1 -- -p 3 --num-procs=2 --proc-id=0 \
		>"$pout" 2>&1 &
	ppid=$!; pids+=("$ppid")
	wait_for "$pout" 'using queue 0' 60 ||
		{ cat "$pout"; fail "symmetric_mp primary did not start"; }
	stdbuf -oL "$app" -l $slc "${args[@]}" -- -p 3 --num-procs=2 \
		--proc-id=1 >"$sout" 2>&1 &
	spid=$!; pids+=("$spid")
	wait_for "$sout" 'using queue 1' 60 ||
		{ cat "$pout" "$sout"; fail "symmetric_mp secondary did not start"; }
	sleep 2
	kill -INT "$spid"; wait "$spid"; src=$?
	kill -INT "$ppid"; wait "$ppid"; prc=$?
	[ $src -eq 0 ] && [ $prc -eq 0 ] || { cat "$pout" "$sout";
		fail "symmetric_mp exit: primary $prc, secondary $src"; }
	grep -q 'auto-detected process type: SECONDARY' "$sout" ||
		fail "the second symmetric_mp was not a secondary"
	for f in "$pout" "$sout"; do
		n=$(grep '^Port 0: RX - ' "$f" | grep -o 'RX - [0-9]*' |
			grep -o '[0-9]*')
		[ "${n:-0}" -gt 0 ] || { cat "$f"; fail "symmetric_mp: $f"\
			"forwarded nothing on port 0"; }
	done
	echo "symmetric_mp: OK (primary on queue 0, secondary on queue 1," \
		"both forwarded)"
}

# rx/tx burst callbacks: the rx one stamps, the tx one measures
check_rxtx_callbacks() {
	local out=$work/rxtx_callbacks.out rc
	make_example rxtx_callbacks rxtx_callbacks
	# shellcheck disable=SC2046
	run_for 4 "$out" "$work/ex-rxtx_callbacks/build/rxtx_callbacks" -l 0 \
		$(eal_args rxtx) --vdev net_null0 --vdev net_null1
	rc=$?
	[ $rc -eq 130 ] && grep -q 'forwarding packets' "$out" ||
		{ cat "$out"; fail "rxtx_callbacks exit $rc"; }
	echo "rxtx_callbacks: OK (callbacks added on both ports, forwarded)"
}

# LSC event callbacks registered with intr_conf.lsc on net_ring
check_link_status_interrupt() {
	local out=$work/lsi.out rc lcores=0
	[ "$(nproc)" -ge 2 ] && lcores=0-1
	make_example link_status_interrupt link_status_interrupt
	# shellcheck disable=SC2046
	run_for 4 "$out" \
		"$work/ex-link_status_interrupt/build/link_status_interrupt" \
		-l $lcores $(eal_args lsi) --vdev net_ring0 --vdev net_ring1 \
		-- -p 3 -q 1 -T 1
	rc=$?
	[ $rc -eq 130 ] && [ "$(grep -c 'Link status: *Link up' "$out")" -ge 2 ] ||
		{ tail -30 "$out"; fail "link_status_interrupt exit $rc"; }
	echo "link_status_interrupt: OK (LSC callbacks, both links up)"
}

# a secondary client forwards through the primary server's ports
check_client_server_mp() {
	local d=multi_process/client_server_mp sout=$work/cs-server.out
	local cout=$work/cs-client.out args spid cpid rc n
	make_example $d/mp_server mp_server
	make_example $d/mp_client mp_client
	[ -n "${HPEAL_HUGE_DIR:-}" ] || { echo "client_server_mp: built;" \
		"not run (needs HPEAL_HUGE_DIR)"; return 0; }
	args=(--file-prefix="${prefix_tag}_cs" --huge-dir="$HPEAL_HUGE_DIR")
	[ "$(nproc)" -ge 2 ] || { echo "client_server_mp: built; not run" \
		"(the server needs two cores)"; return 0; }
	stdbuf -oL "$work/ex-mp_server/build/mp_server" -l 0-1 "${args[@]}" \
		--vdev net_null0 --vdev net_null1 -- -p 3 -n 1 >"$sout" 2>&1 &
	spid=$!; pids+=("$spid")
	wait_for "$sout" 'Finished Process Init' 60 ||
		{ cat "$sout"; fail "mp_server did not start"; }
	stdbuf -oL "$work/ex-mp_client/build/mp_client" -l 1 "${args[@]}" \
		--proc-type=secondary -- -n 0 >"$cout" 2>&1 &
	cpid=$!; pids+=("$cpid")
	wait_for "$cout" 'handling packets' 60 ||
		{ cat "$sout" "$cout"; fail "mp_client did not start"; }
	# the server prints its first statistics 4 s after start
	wait_for "$sout" '^Client  0 - rx' 30 ||
		{ tail -20 "$sout"; fail "mp_server shows no statistics"; }
	sleep 2
	# the client has no handler, and a background job ignores SIGINT
	kill -TERM "$cpid"; wait "$cpid"
	kill -INT "$spid"; wait "$spid"; rc=$?
	[ $rc -eq 0 ] || { tail -20 "$sout"; fail "mp_server exit $rc"; }
	n=$(grep -A1 '^Client  0 - rx' "$sout" | grep -o 'tx: *[0-9]*' |
		tail -1 | grep -o '[0-9]*$')
	[ "${n:-0}" -gt 0 ] || { tail -20 "$sout";
		fail "the client sent nothing through the server's ports"; }
	echo "client_server_mp: OK (client sent $n packets on shared ports)"
}

# timer0 every second on the main lcore; timer1 every 1/3 s, hopping
# from lcore to lcore (armed onto another lcore from its own callback)
check_timer() {
	local out=$work/timer.out rc lcores=0 want=1 n0 n1 lc
	[ "$(nproc)" -ge 2 ] && { lcores=0-1; want=2; }
	make_example timer timer
	# shellcheck disable=SC2046
	run_for 3 "$out" "$work/ex-timer/build/timer" -l $lcores \
		$(eal_args timer)
	rc=$?
	[ $rc -eq 130 ] || { cat "$out"; fail "timer exit $rc, want 130"; }
	n0=$(grep -c '^timer0_cb() on lcore 0$' "$out")
	n1=$(grep -c '^timer1_cb() on lcore [0-9]*$' "$out")
	lc=$(grep '^timer1_cb() on lcore' "$out" | sort -u | wc -l)
	[ "$n0" -ge 2 ] && [ "$n1" -ge 5 ] && [ "$lc" -eq "$want" ] ||
		{ cat "$out"; fail "timer: timer0 ran $n0 times (want 2+)," \
		"timer1 $n1 times (want 5+) on $lc lcores (want $want)"; }
	echo "timer: OK (timer0 $n0 times on lcore 0, timer1 $n1 times" \
		"over $lc lcores)"
}

# keepalive: the main lcore pings the forwarding lcore from an rte_timer
# every 100 ms. The example makes its forwarding loop quit after
# (rand() & 7) seconds "for demo purposes": 7 s with glibc's unseeded
# rand(), so in a 9 s run the monitor must report that lcore dead once,
# find it waiting (rte_eal_get_lcore_state) and relaunch it
check_l2fwd_keepalive() {
	local out=$work/keepalive.out rc sent dead fp
	if [ "$(nproc)" -lt 2 ]; then
		echo "l2fwd-keepalive: not run (needs a worker lcore)"
		return 0
	fi
	make_example l2fwd-keepalive l2fwd-keepalive
	# shellcheck disable=SC2046
	run_for 9 "$out" "$work/ex-l2fwd-keepalive/build/l2fwd-keepalive" \
		-l 0-1 $(eal_args keepalive) --vdev net_null0 --vdev net_null1 \
		-- -p 0x3 -q 2 -T 1 -K 100
	rc=$?
	sent=$(last_count "$out" 'Total packets sent')
	dead=$(grep -c '^Dead core 1 - restarting' "$out")
	# a core descheduled past two pings on a loaded machine is reported
	# dead while running: the example calls that a false positive
	fp=$(grep -c 'false positive' "$out")
	[ $rc -eq 0 ] && [ "${sent:-0}" -gt 0 ] ||
		{ tail -30 "$out"; fail "l2fwd-keepalive exit $rc, sent ${sent:-?}"; }
	[ $((dead - fp)) -ge 1 ] ||
		{ grep -E 'Dead core|false positive' "$out";
		fail "l2fwd-keepalive: the lcore that quit was never" \
		"relaunched ($dead reports, $fp false positives)"; }
	echo "l2fwd-keepalive: OK (sent $sent; the lcore that quit was" \
		"reported dead and relaunched $((dead - fp)) time(s), $fp false" \
		"positive(s))"
}

# service_cores: five services registered by the app; its first profile
# makes lcores 1-5 service cores, one service each (six lcores on two
# CPUs: --lcores groups them); after 1 s its rte_service_dump must show
# every one of the five started and looping
check_service_cores() {
	local out=$work/service_cores.out rc looping
	make_example service_cores service_cores
	# shellcheck disable=SC2046
	run_for 3 "$out" "$work/ex-service_cores/build/service_cores" \
		--lcores '0@0,(1-5)@1' $(eal_args service_cores)
	rc=$?
	# no SIGINT handler: our signal ends it (128 + 2)
	looping=$(grep -E '^ *lcore [1-5]: started, .*loops [1-9]' "$out" |
		sort -u | wc -l)
	[ $rc -eq 130 ] && grep -q '==> Profile: High Performance' "$out" &&
		[ "$looping" -eq 5 ] ||
		{ tail -30 "$out"; fail "service_cores exit $rc, $looping of 5" \
		"service lcores looping"; }
	echo "service_cores: OK (5 service lcores started and looping under" \
		"the app's first profile)"
}

check_hotplug_fwd() {
	local out=$work/hotplug_fwd.out
	[ -f "$src/examples/hotplug_fwd/Makefile" ] || return 0
	cp -r "$src/examples/hotplug_fwd" "$work/ex-hotplug_fwd"
	note "make examples/hotplug_fwd (ours)"
	make -C "$work/ex-hotplug_fwd" >"$work/make-hp.log" 2>&1 ||
		{ cat "$work/make-hp.log"; fail "hotplug_fwd does not build"; }
	if [ -z "${HPEAL_HUGE_DIR:-}" ]; then
		echo "hotplug_fwd: built; not run (needs HPEAL_HUGE_DIR)"
		return 0
	fi
	run_for 60 "$out" "$work/ex-hotplug_fwd/build/hotplug_fwd" -l 0 \
		--file-prefix="${prefix_tag}_hpf" --huge-dir="$HPEAL_HUGE_DIR" \
		--vdev net_ring0 --vdev net_ring1 -- --seconds 3 ||
		{ cat "$out"; fail "hotplug_fwd exit $?"; }
	grep -q '^hotplug_fwd: OK' "$out" || { cat "$out"; fail "hotplug_fwd"; }
	grep '^hotplug_fwd: OK' "$out"
}

# ---------------------------------------------------------------------
# DPDK 22.11's own autotests (mode "autotests"): their test_*.c files from
# the dpdk source package, unmodified, each linked with our runner
# (devtools/compat-autotest/runner.c supplies what their test.c would)

# the source package, fetched with a private deb-src list into the cache
fetch_source() {
	local opts tarball
	tarball=$(ls "$cache"/dpdk_22.11*.orig.tar.xz 2>/dev/null | tail -1)
	if [ -z "$tarball" ]; then
		mkdir -p "$cache" "$work/apt/lists/partial" "$work/apt/parts" ||
			return 1
		printf '%s\n' 'Types: deb-src' \
			'URIs: http://deb.debian.org/debian' \
			'Suites: bookworm' 'Components: main' \
			'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
			>"$work/apt/parts/src.sources"
		opts=(-o Dir::Etc::SourceList=/dev/null
			-o "Dir::Etc::SourceParts=$work/apt/parts"
			-o "Dir::State::Lists=$work/apt/lists")
		note "fetching the dpdk 22.11 source package into $cache" >&2
		apt-get "${opts[@]}" update -q >/dev/null 2>&1 &&
			(cd "$cache" && apt-get "${opts[@]}" source \
			--download-only -q dpdk >/dev/null 2>&1)
		tarball=$(ls "$cache"/dpdk_22.11*.orig.tar.xz 2>/dev/null |
			tail -1)
	fi
	[ -n "$tarball" ] && echo "$tarball"
}

# name of the DPDK autotest, mode args ("-" for none)
autotest_rows=(
	"malloc -"
	"malloc --legacy-mem -m 256"
	"malloc --no-huge -m 256"
	"memzone -"
	"memzone --legacy-mem -m 256"
	"fbarray -"
	"external_mem -"
	"external_mem --legacy-mem -m 256"
	"memory -m 64"
	"memory --legacy-mem -m 256"
	"mbuf -"
	"mbuf --legacy-mem -m 256"
	"mempool -"
	"mempool --legacy-mem -m 256"
)

check_autotests() {
	local tarball t args row bin out rc tests=() cflags
	tarball=$(fetch_source)
	if [ -z "$tarball" ]; then
		echo "SKIP: cannot get the dpdk 22.11 source package" \
			"(apt-get source dpdk failed, nothing in $cache)"
		exit 77
	fi
	note "autotests from $(basename "$tarball")"
	tar -xJf "$tarball" -C "$work" --wildcards '*/app/test/test.h' \
		'*/app/test/process.h' '*/app/test/test_*.c' ||
		fail "unpack $tarball"
	t=$(echo "$work"/dpdk-*/app/test)
	# malloc_elem.h: DPDK's memzone test reads MALLOC_ELEM_OVERHEAD
	cflags="-O1 -w -I$src/devtools/compat-autotest -I$t"
	cflags+=" -I$src/lib/eal/common $(pkg-config --cflags libdpdk)"
	for row in "${autotest_rows[@]}"; do
		tests+=("${row%% *}")
	done
	for name in $(printf '%s\n' "${tests[@]}" | sort -u); do
		note "cc test_$name.c"
		cc $cflags -o "$work/at-$name" "$t/test_$name.c" \
			"$src/devtools/compat-autotest/runner.c" \
			$(pkg-config --libs libdpdk) >"$work/cc-$name.log" 2>&1 ||
			{ cat "$work/cc-$name.log"; fail "test_$name.c"; }
	done
	[ -n "${HPEAL_HUGE_DIR:-}" ] ||
		{ echo "autotests built; not run (needs HPEAL_HUGE_DIR)"; return; }
	for row in "${autotest_rows[@]}"; do
		name=${row%% *}; args=${row#* }; [ "$args" != - ] || args=
		out=$work/at-$name.out
		# shellcheck disable=SC2086
		DPDK_TEST=${name}_autotest timeout 300 "$work/at-$name" -l 0-1 \
			--file-prefix="${prefix_tag}_at" \
			--huge-dir="$HPEAL_HUGE_DIR" $args >"$out" 2>&1
		rc=$?
		[ $rc -eq 0 ] || { tail -30 "$out";
			fail "DPDK's ${name}_autotest $args: exit $rc"; }
		echo "DPDK 22.11 ${name}_autotest ${args:-(dynamic)}: OK"
	done
}

command -v make >/dev/null || { echo "SKIP: no make"; exit 77; }
command -v dpkg-deb >/dev/null || { echo "SKIP: no dpkg-deb"; exit 77; }
if [ "${3:-examples}" = autotests ]; then
	install_prefix
	check_autotests
	echo "DPDK 22.11 autotests against the installed hotplug-eal: OK"
	exit 0
fi
unpack_examples
install_prefix
check_helloworld
check_basicfwd
make_example l2fwd l2fwd
check_l2fwd net_null 1
check_l2fwd net_ring 0
check_static
check_symmetric_mp
check_rxtx_callbacks
check_link_status_interrupt
check_client_server_mp
check_timer
check_l2fwd_keepalive
check_service_cores
check_hotplug_fwd
echo "DPDK 22.11 examples against the installed hotplug-eal: OK"
