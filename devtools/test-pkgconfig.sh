#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# The pkg-config consumer test: build the example applications OUT OF TREE
# the way a DPDK 22.11 user would, with nothing but
#   cc main.c $(pkg-config --cflags --libs libdpdk)
# then run them.
#
#   test-pkgconfig.sh uninstalled BUILD_DIR SOURCE_DIR
#       against BUILD_DIR/meson-uninstalled (libdpdk-uninstalled.pc)
#   test-pkgconfig.sh installed BUILD_DIR SOURCE_DIR
#       `meson install --destdir` into a temporary dir, then against the
#       libdpdk.pc installed there (headers and library from there only)
#
# helloworld must print one line per lcore; memseg_walk must see pages
# plugged for an rte_malloc() of 8 MiB and unplugged after rte_free().
# Exit 0 pass, 1 fail.
set -euo pipefail

mode=${1:-}
build=$(realpath "${2:-build}")
src=$(realpath "${3:-.}")
work=$(mktemp -d "${TMPDIR:-/tmp}/hpeal-pc.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
	echo "FAIL: $*"
	exit 1
}

# EAL arguments for the runs: our own prefix, hugepages only where prepared
eal_args=(--file-prefix="pc_${mode}_$$")
if [ -n "${HPEAL_HUGE_DIR:-}" ]; then
	eal_args+=(--huge-dir="$HPEAL_HUGE_DIR")
else
	eal_args+=(--no-huge)
fi

setup_uninstalled() {
	[ -f "$build/meson-uninstalled/libdpdk-uninstalled.pc" ] ||
		fail "no $build/meson-uninstalled/libdpdk-uninstalled.pc"
	export PKG_CONFIG_PATH=$build/meson-uninstalled
	pc_args=()
}

setup_installed() {
	local pc prefix
	meson install -C "$build" --destdir "$work/root" --no-rebuild \
		--quiet >"$work/install.log" 2>&1 ||
		{ cat "$work/install.log"; fail "meson install --destdir"; }
	pc=$(find "$work/root" -name libdpdk.pc | head -1)
	[ -n "$pc" ] || fail "meson install put no libdpdk.pc in $work/root"
	prefix=$(sed -n 's/^prefix=//p' "$pc")
	export PKG_CONFIG_PATH=$(dirname "$pc")
	export PKG_CONFIG_DISABLE_UNINSTALLED=1
	# the .pc names the final prefix; point it at the staged copy
	pc_args=(--define-variable=prefix="$work/root$prefix")
	if [[ $(pkg-config "${pc_args[@]}" --cflags libdpdk) == *"$src"* ]]; then
		fail "installed libdpdk.pc points into the source tree"
	fi
}

# build one example out of tree; the binary lands in $work/<name>
build_app() { # name
	local name=$1 cflags libs
	cflags=$(pkg-config "${pc_args[@]}" --cflags libdpdk) ||
		fail "pkg-config --cflags libdpdk"
	libs=$(pkg-config "${pc_args[@]}" --libs libdpdk) ||
		fail "pkg-config --libs libdpdk"
	echo "cc $name/main.c $cflags $libs"
	# shellcheck disable=SC2086
	${CC:-cc} -Wall -Werror -o "$work/$name" "$src/examples/$name/main.c" \
		$cflags $libs || fail "$name does not build against libdpdk"
	libdirs=$(pkg-config "${pc_args[@]}" --libs-only-L libdpdk |
		sed 's/-L//g; s/ \+/:/g; s/:$//')
}

run_app() { # name [app args...]
	local name=$1
	shift
	echo "run $name ${eal_args[*]} $*"
	LD_LIBRARY_PATH=$libdirs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH} \
		"$work/$name" "${eal_args[@]}" "$@" >"$work/$name.out" 2>&1
	local rc=$?
	cat "$work/$name.out"
	return $rc
}

check_hello() {
	local want lines
	build_app helloworld
	if [ "$mode" = installed ]; then
		# not piped into grep -q: under pipefail its early exit would
		# fail ldd with SIGPIPE now and then
		deps=$(LD_LIBRARY_PATH=$libdirs ldd "$work/helloworld")
		[[ $deps == *"$work/root"*librte_eal* ]] ||
			fail "helloworld does not load the installed librte_eal"
	fi
	run_app helloworld || fail "helloworld exited with $?"
	want=$(nproc)
	lines=$(grep -c '^hello from core [0-9]' "$work/helloworld.out" || true)
	[ "$lines" -eq "$want" ] ||
		fail "helloworld: $lines hello lines for $want lcores"
	echo "helloworld: OK ($lines lcores)"
}

check_memseg_walk() {
	build_app memseg_walk
	run_app memseg_walk -- 8 dynamic || fail "memseg_walk exited with $?"
	grep -q '^OK: pages plugged' "$work/memseg_walk.out" ||
		fail "memseg_walk did not report pages plugged and unplugged"
}

case "$mode" in
uninstalled) setup_uninstalled ;;
installed) setup_installed ;;
*) echo "usage: $0 uninstalled|installed BUILD_DIR SOURCE_DIR"; exit 2 ;;
esac

check_hello
check_memseg_walk
echo "pkg-config consumer test ($mode): OK"
