#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Benchmark (not a test): rte_malloc/rte_free and memzone figures of ours
# against DPDK 22.11's, side by side. One source, app/test/test_malloc_perf.c
# (public API only), is built twice the same way (-O2 -march=x86-64-v2,
# DPDK 22.11's own app/test/test.h, devtools/compat-autotest/runner.c):
# once against our build dir, once against Debian's DPDK 22.11. Only the
# libraries differ.
#
#   devtools/bench-malloc-dpdk.sh OUR_BUILD_DIR [REF_ROOT [REPEATS]]
#
# OUR_BUILD_DIR: a built tree of ours, used through its meson-uninstalled
# pkg-config (libdpdk-uninstalled.pc); its buildtype matters, it is shown.
# REF_ROOT: an unpacked (dpkg-deb -x) tree holding DPDK 22.11's runtime
# libraries (usr/lib/x86_64-linux-gnu/librte_eal.so.23); when absent or
# "-", librte-eal23, librte-kvargs23 and librte-telemetry23 are fetched.
# The headers always come from Debian's libdpdk-dev; DPDK's test.h (and
# rte_test.h, which libdpdk-dev lacks) from its dpdk source package.
# Packages are fetched with apt-get download / apt-get source
# --download-only into a cache dir ($HPEAL_CACHE, else $HPEAL_CACHE_DIR,
# else ~/.cache/hotplug-eal: the one test-compat.sh uses) and unpacked
# with dpkg-deb -x into a temporary dir: nothing is installed.
#
# Hugepages: $HPEAL_HUGE_DIR if set, else (root) a private hugetlbfs
# mount made for the run and removed at exit. Both programs run with
# -l 0-1, their own --file-prefix, default (dynamic) memory mode.
# REPEATS (default 3, also from the environment) runs of each, alternating
# ours, DPDK; each run's figures are printed, then a table of the medians
# with the ratio ours/DPDK (the "better" column says which way is good).
# "cache" in the 1-lcore figure names our per-lcore cache path (align 0);
# DPDK has none, its align-0 pairs take the heap lock like align 128.
# BENCH_EAL_ARGS: more EAL arguments for both (e.g. --iova-mode=va: as
# root with no IOMMU both choose PA, where DPDK finds no 16 MiB of
# physically contiguous pages and that figure is n/a).
# KEEP=1 keeps the work dir (programs, sources, outputs) for a look.
set -euo pipefail

cd "$(dirname "$0")/.."
OUR=$(realpath "${1:?usage: $0 OUR_BUILD_DIR [REF_ROOT [REPEATS]]}")
REF=${2:--}
REPS=${3:-${REPEATS:-3}}
read -r -a EXTRA <<<"${BENCH_EAL_ARGS:-}"
CACHE=${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/hotplug-eal
CACHE=${HPEAL_CACHE:-${HPEAL_CACHE_DIR:-$CACHE}}
CFLAGS=(-O2 -march=x86-64-v2 -pthread)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/bench-malloc-dpdk.XXXXXX")
PREFIX=bmd_$$
HUGE=${HPEAL_HUGE_DIR:-}
HUGE_MOUNTED=
if [ "$(id -u)" -eq 0 ]; then
	RUNTIME_BASE=/var/run/dpdk
else
	RUNTIME_BASE=${XDG_RUNTIME_DIR:-/tmp}/dpdk
fi

cleanup() {
	rm -rf "$RUNTIME_BASE/$PREFIX"_* 2>/dev/null || true
	if [ -n "$HUGE_MOUNTED" ]; then
		bash devtools/setup-hugepages.sh umount "$HUGE_MOUNTED" || true
	elif [ -n "$HUGE" ]; then
		rm -f "$HUGE/$PREFIX"_* 2>/dev/null || true
	fi
	if [ -z "${KEEP:-}" ]; then
		rm -rf "$WORK"
	else
		echo "bench-malloc-dpdk: work dir kept: $WORK" >&2
	fi
}
trap cleanup EXIT

die() {
	echo "bench-malloc-dpdk: $*" >&2
	exit 1
}

[[ $REPS =~ ^[1-9][0-9]*$ ]] || die "REPEATS '$REPS' is not a count"
OUR_PC=$OUR/meson-uninstalled
[ -f "$OUR_PC/libdpdk-uninstalled.pc" ] ||
	die "no $OUR_PC/libdpdk-uninstalled.pc: build $OUR first"
command -v dpkg-deb >/dev/null || die "needs dpkg-deb"

# ---------------------------------------------------------------------
# DPDK 22.11 from Debian's archive, cached like test-compat.sh does

# newest cached .deb of a package, empty if none
cached_deb() { # package
	local f
	f=$(ls "$CACHE/$1"_*_amd64.deb 2>/dev/null | sort -V | tail -1) || true
	case $1 in
	libdpdk-dev | librte-*) [[ $f == *_22.11* ]] || f= ;;
	esac
	echo "$f"
}

# fetch the packages not in the cache (apt-get update once if needed)
fetch_debs() { # package...
	local p missing=()
	for p in "$@"; do
		[ -n "$(cached_deb "$p")" ] || missing+=("$p")
	done
	[ ${#missing[@]} -gt 0 ] || return 0
	mkdir -p "$CACHE"
	echo "== fetching ${missing[*]} into $CACHE" >&2
	(cd "$CACHE" && apt-get download -q "${missing[@]}" >/dev/null 2>&1) ||
		{ [ "$(id -u)" -eq 0 ] && apt-get update -q >/dev/null 2>&1 &&
		(cd "$CACHE" && apt-get download -q "${missing[@]}" \
		>/dev/null 2>&1); } ||
		die "apt-get download ${missing[*]} failed"
	for p in "${missing[@]}"; do
		[ -n "$(cached_deb "$p")" ] || die "no 22.11 $p in $CACHE"
	done
}

# the dpdk source package (DPDK's app/test/test.h), with a private
# deb-src list, as in test-compat.sh
fetch_source() {
	local opts tarball
	tarball=$(ls "$CACHE"/dpdk_22.11*.orig.tar.xz 2>/dev/null |
		sort -V | tail -1) || true
	if [ -z "$tarball" ]; then
		mkdir -p "$CACHE" "$WORK/apt/lists/partial" "$WORK/apt/parts"
		printf '%s\n' 'Types: deb-src' \
			'URIs: http://deb.debian.org/debian' \
			'Suites: bookworm' 'Components: main' \
			'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg' \
			>"$WORK/apt/parts/src.sources"
		opts=(-o Dir::Etc::SourceList=/dev/null
			-o "Dir::Etc::SourceParts=$WORK/apt/parts"
			-o "Dir::State::Lists=$WORK/apt/lists")
		echo "== fetching the dpdk 22.11 source package into $CACHE" >&2
		if ! apt-get "${opts[@]}" update -q >/dev/null 2>&1 ||
				! (cd "$CACHE" && apt-get "${opts[@]}" source \
				--download-only -q dpdk >/dev/null 2>&1); then
			die "apt-get source --download-only dpdk failed"
		fi
		tarball=$(ls "$CACHE"/dpdk_22.11*.orig.tar.xz 2>/dev/null |
			sort -V | tail -1) || true
	fi
	[ -n "$tarball" ] || die "no dpdk_22.11*.orig.tar.xz in $CACHE"
	echo "$tarball"
}

pkgs=(libdpdk-dev)
if [ "$REF" = - ]; then
	pkgs+=(librte-eal23 librte-kvargs23 librte-telemetry23)
	# the EAL's own dependencies, when the system lacks them (not
	# `ldconfig -p | grep -q`: under pipefail its early exit can fail
	# ldconfig with SIGPIPE)
	syslibs=$(ldconfig -p)
	[[ $syslibs == *"libfdt.so.1 "* ]] || pkgs+=(libfdt1)
	[[ $syslibs == *"libnuma.so.1 "* ]] || pkgs+=(libnuma1)
fi
fetch_debs "${pkgs[@]}"
for p in "${pkgs[@]}"; do
	deb=$(cached_deb "$p")
	echo "== unpack $(basename "$deb")"
	dpkg-deb -x "$deb" "$WORK/ref" || die "dpkg-deb -x $deb"
done
if [ "$REF" = - ]; then
	REF_LIB=$WORK/ref/usr/lib/x86_64-linux-gnu
else
	REF=$(realpath "$REF")
	REF_LIB=$REF/usr/lib/x86_64-linux-gnu
	[ -e "$REF_LIB/librte_eal.so.23" ] || REF_LIB=$REF/lib/x86_64-linux-gnu
fi
[ -e "$REF_LIB/librte_eal.so.23" ] || die "no librte_eal.so.23 in $REF_LIB"
REF_INC=$WORK/ref/usr/include
[ -f "$REF_INC/dpdk/rte_malloc.h" ] || die "libdpdk-dev has no rte_malloc.h"

tarball=$(fetch_source)
echo "== DPDK's app/test/test.h from $(basename "$tarball")"
# and rte_test.h, which test.h includes and libdpdk-dev does not ship
tar -xJf "$tarball" -C "$WORK" --wildcards '*/app/test/test.h' \
	'*/lib/eal/include/rte_test.h' || die "unpack $tarball"
TEST_H_DIR=$(echo "$WORK"/dpdk-*/app/test)
RTE_TEST_DIR=$(echo "$WORK"/dpdk-*/lib/eal/include)

# ---------------------------------------------------------------------
# the two programs: the same source (copied away from our app/test so
# that its "test.h" is DPDK's), the same runner, the same flags

mkdir -p "$WORK/src"
cp app/test/test_malloc_perf.c "$WORK/src/"
build_one() { # output, then the include/library flags
	local out=$1
	shift
	cc "${CFLAGS[@]}" -I"$TEST_H_DIR" -o "$out" \
		"$WORK/src/test_malloc_perf.c" \
		devtools/compat-autotest/runner.c "$@" \
		>"$out.log" 2>&1 || { cat "$out.log"; die "cc $out failed"; }
}
echo "== cc test_malloc_perf.c + runner.c: ours"
our_cflags=$(PKG_CONFIG_PATH=$OUR_PC pkg-config --cflags libdpdk)
our_libs=$(PKG_CONFIG_PATH=$OUR_PC pkg-config --libs libdpdk)
our_ldpath=$(PKG_CONFIG_PATH=$OUR_PC pkg-config --libs-only-L libdpdk |
	sed 's/-L//g; s/^ *//; s/ *$//; s/  */:/g')
# our tree has no cmdline library: DPDK's test.h gets its stubs
# shellcheck disable=SC2086
build_one "$WORK/ours" -Idevtools/compat-autotest $our_cflags $our_libs
echo "== cc test_malloc_perf.c + runner.c: DPDK 22.11"
build_one "$WORK/dpdk" -I"$REF_INC/dpdk" \
	-I"$REF_INC/x86_64-linux-gnu/dpdk" -I"$RTE_TEST_DIR" \
	-include rte_config.h \
	-L"$REF_LIB" -Wl,-rpath-link,"$REF_LIB" -l:librte_eal.so.23
buildtype=$(meson introspect --buildoptions "$OUR" 2>/dev/null |
	python3 -c 'import json, sys
o = {x["name"]: x["value"] for x in json.load(sys.stdin)}
print("%s, b_ndebug=%s" % (o["buildtype"], o["b_ndebug"]))' 2>/dev/null) ||
	buildtype="?"
our_src=$(sed -n 's/^srcdir=//p' "$OUR_PC/libdpdk-uninstalled.pc")
our_rev=$(git -C "$our_src" describe --always --dirty 2>/dev/null) ||
	our_rev="not a git tree"
echo "ours: $OUR ($buildtype), source $our_src ($our_rev)"
echo "DPDK: $(readlink -f "$REF_LIB/librte_eal.so.23")," \
	"headers from $(basename "$(cached_deb libdpdk-dev)")"

# ---------------------------------------------------------------------
# hugepages and the runs

if [ -z "$HUGE" ]; then
	[ "$(id -u)" -eq 0 ] || die "set HPEAL_HUGE_DIR (or run as root)"
	HUGE=$(bash devtools/setup-hugepages.sh mount-private)
	HUGE_MOUNTED=$HUGE
fi
mountpoint -q "$HUGE" || die "$HUGE is not a mount point"
echo "hugepages: $HUGE; $(bash devtools/setup-hugepages.sh status | head -1)"

# the figures of one run's output, "key value" per line
figures() { # file
	local n='([0-9.]+)' p='^64 B pairs, ' t='.*time: ([0-9.]+) ns.*'
	local z='reserve ([0-9.]+) us, free ([0-9.]+) us$'
	sed -n -E \
	-e "s/^512 MiB.*alloc $n ms.*free $n ms.*/big_alloc \1\nbig_free \2/p" \
	-e "s/${p}1 lcore, cache: $n ns$t/p1_wall \1\np1_cpu \2/p" \
	-e "s/${p}1 lcore, no cache.*: $n ns$t/p1l_wall \1\np1l_cpu \2/p" \
	-e "s/${p}2 lcores: $n M.* = $n M pairs\/s$/p2_wall \1\np2_cpu \2/p" \
	-e "s/^random 16 B.*: $n M ops\/s$/mix \1/p" \
	-e "s/^memzone 4 KiB.*$z/mz4_res \1\nmz4_free \2/p" \
	-e "s/^memzone 16 MiB.*$z/mz16_res \1\nmz16_free \2/p" \
	"$1"
}

run() { # ours|dpdk rep
	local who=$1 r=$2 out=$WORK/out.$1.$2 rc=0 env load
	if [ "$who" = dpdk ]; then
		env="LD_LIBRARY_PATH=$REF_LIB"
	else
		env="LD_LIBRARY_PATH=$our_ldpath"
	fi
	env "$env" DPDK_TEST=malloc_perf_autotest timeout 600 "$WORK/$who" \
		-l 0-1 --file-prefix="${PREFIX}_${who}$r" --huge-dir="$HUGE" \
		${EXTRA[@]+"${EXTRA[@]}"} </dev/null >"$out" 2>&1 || rc=$?
	load=$(cut -d' ' -f1 /proc/loadavg)
	rm -rf "$RUNTIME_BASE/${PREFIX}_${who}$r"
	rm -f "$HUGE/${PREFIX}_${who}$r"* 2>/dev/null || true
	echo "-- $who, run $r (exit $rc, load $load)"
	grep -E '^(512 MiB|64 B pairs|one lcore|random|memzone)' "$out" ||
		true
	if [ $rc -ne 0 ]; then
		tail -n 20 "$out"
		die "$who run $r failed (exit $rc)"
	fi
	# why a figure is missing, and the IOVA mode when the EAL says it
	grep -E "not available|skipped|: [A-Z][a-z ]+$|IOVA mode" "$out" \
		>>"$WORK/notes.$who" || true
	figures "$out" | while read -r key val; do
		echo "$val" >>"$WORK/v.$who.$key"
	done
}

for r in $(seq "$REPS"); do
	run ours "$r"
	run dpdk "$r"
done

median() { # file of numbers
	[ -s "$1" ] || { echo n/a; return; }
	sort -g "$1" | awk '{ v[n++] = $1 } END {
		if (n % 2) print v[(n - 1) / 2]
		else printf "%.4g\n", (v[n / 2 - 1] + v[n / 2]) / 2 }'
}

echo
echo "== medians of $REPS runs each, alternating (ours/DPDK: < 1 means" \
	"ours is smaller) =="
printf "%-44s %-9s %-6s %9s %9s %9s\n" figure unit better ours DPDK \
	ours/DPDK
while IFS='|' read -r key label unit better; do
	o=$(median "$WORK/v.ours.$key")
	d=$(median "$WORK/v.dpdk.$key")
	ratio=$(awk -v o="$o" -v d="$d" 'BEGIN {
		if (o ~ /^[0-9.]+$/ && d ~ /^[0-9.]+$/ && d > 0)
			printf "%.2f", o / d
		else
			print "n/a" }')
	printf "%-44s %-9s %-6s %9s %9s %9s\n" "$label" "$unit" "$better" \
		"$o" "$d" "$ratio"
done <<'EOF'
p1_wall|64 B pairs, 1 lcore, align 0 (cache): wall|ns/pair|lower
p1_cpu|64 B pairs, 1 lcore, align 0 (cache): CPU|ns/pair|lower
p1l_wall|64 B pairs, 1 lcore, align 128: wall|ns/pair|lower
p1l_cpu|64 B pairs, 1 lcore, align 128: CPU|ns/pair|lower
p2_wall|64 B pairs, 2 lcores total: wall|M/s|higher
p2_cpu|64 B pairs, 2 lcores total: CPU time|M/s|higher
mix|random 16 B - 4 KiB mix, 10k live|M ops/s|higher
big_alloc|512 MiB rte_malloc (empty heap)|ms|lower
big_free|512 MiB rte_free|ms|lower
mz4_res|memzone 4 KiB reserve (page held)|us|lower
mz4_free|memzone 4 KiB free|us|lower
mz16_res|memzone 16 MiB IOVA_CONTIG reserve|us|lower
mz16_free|memzone 16 MiB IOVA_CONTIG free|us|lower
EOF
for who in ours dpdk; do
	[ -s "$WORK/notes.$who" ] || continue
	sort "$WORK/notes.$who" | uniq -c |
		sed "s/^ *\([0-9]*\) \(.*\)/$who: \2 (\1 of $REPS runs)/"
done
echo "commands: DPDK_TEST=malloc_perf_autotest {ours,dpdk} -l 0-1" \
	"--file-prefix=${PREFIX}_<who><run> --huge-dir=$HUGE" \
	"${EXTRA[*]+${EXTRA[*]}}"
