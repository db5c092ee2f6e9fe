#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# rte_eal_init + rte_eal_cleanup with -m 1024 (512 floor pages of 2 MiB)
# against the raw cost of the same 512 pages (issue 2 target: within 1.2x).
#
#   devtools/bench-memory.sh [BUILD_DIR [RUNS [MB]]]      (build, 10, 1024)
#
# Raw: BUILD_DIR/devtools/raw_hugepage_map creates a hugetlbfs file per page,
# maps and faults it, then unmaps and unlinks everything. Raw and EAL runs
# alternate, so load from elsewhere affects both alike; best of RUNS each.
# EAL: a trivial program built against BUILD_DIR/meson-uninstalled runs
# rte_eal_init -m MB + rte_eal_cleanup, timed inside the process (best of
# RUNS) and as a whole process (exec to exit: mean and min).
# Both use the same hugetlbfs directory: $HPEAL_HUGE_DIR, else (as root) a
# private mount made for the run and removed after. Prints both figures and
# the ratios EAL / raw (best against best): rte_eal_init against raw
# map+fault (the issue-2 target, <= 1.2), init+cleanup against raw
# map+fault+unmap, and the whole process minus a bare exec+exit (-h) against
# raw map+fault+unmap (this one also counts what the kernel does at exit).
set -euo pipefail

cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
runs=${2:-10}
mb=${3:-1024}
pages=$((mb / 2))
work=$(mktemp -d "${TMPDIR:-/tmp}/hpeal-benchmem.XXXXXX")
huge_mounted=
cleanup() {
	[ -z "$huge_mounted" ] ||
		bash devtools/setup-hugepages.sh umount "$huge_mounted"
	rm -rf "$work"
}
trap cleanup EXIT

raw=$build/devtools/raw_hugepage_map
if [ ! -x "$raw" ] ||
		[ ! -f "$build/meson-uninstalled/libdpdk-uninstalled.pc" ]; then
	echo "bench-memory: build $build first (meson setup && ninja)" >&2
	exit 1
fi
if [ -z "${HPEAL_HUGE_DIR:-}" ]; then
	if [ "$(id -u)" -ne 0 ]; then
		echo "bench-memory: set HPEAL_HUGE_DIR to a hugetlbfs directory" \
			"(2 MiB pages) or run as root" >&2
		exit 77
	fi
	huge_mounted=$(bash devtools/setup-hugepages.sh mount-private)
	HPEAL_HUGE_DIR=$huge_mounted
fi
free=$(cat /sys/kernel/mm/hugepages/hugepages-2048kB/free_hugepages)
if [ "$free" -lt "$pages" ]; then
	echo "bench-memory: $pages free 2 MiB pages needed, $free free" >&2
	exit 77
fi

export PKG_CONFIG_PATH=$build/meson-uninstalled
libdirs=$(pkg-config --libs-only-L libdpdk | sed 's/-L//g; s/ \+/:/g; s/:$//')
export LD_LIBRARY_PATH=$libdirs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
cat > "$work/init.c" <<'PROG'
#include <stdio.h>
#include <time.h>
#include <rte_eal.h>

static double
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* prints "init_ms cleanup_ms" measured inside the process */
int
main(int argc, char **argv)
{
	double t0 = now_ms(), t1, t2;

	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "rte_eal_init failed\n");
		return 1;
	}
	t1 = now_ms();
	if (rte_eal_cleanup() < 0)
		return 1;
	t2 = now_ms();
	printf("%.3f %.3f\n", t1 - t0, t2 - t1);
	return 0;
}
PROG
# shellcheck disable=SC2046
${CC:-cc} -O2 -o "$work/init" "$work/init.c" \
	$(pkg-config --cflags --libs libdpdk)

cmd=("$work/init" --file-prefix="benchmem_$$" --huge-dir="$HPEAL_HUGE_DIR"
	-m "$mb" -l 0)
if ! "${cmd[@]}" >"$work/once.log" 2>&1; then
	echo "bench-memory: EAL init fails: $(tail -1 "$work/once.log")" >&2
	exit 1
fi

# raw and EAL runs alternate so that load from elsewhere hits both alike
echo "raw and eal: $pages pages of 2 MiB in $HPEAL_HUGE_DIR, $runs runs each," \
	"alternating"
: >"$work/raw.log"
for ((i = 0; i < runs; i++)); do
	"$raw" -d "$HPEAL_HUGE_DIR" -n "$pages" -r 1 | tail -1 >>"$work/raw.log"
	# whole-process wall time, then init/cleanup as the process saw them
	t0=$(date +%s%N)
	inproc=$("${cmd[@]}" 2>/dev/null | tail -1)
	t1=$(date +%s%N)
	echo "$(((t1 - t0) / 1000)) $inproc" >>"$work/eal.us"
done
# "best of 1, N pages of K kB: map A us/page, unmap B us/page, total C ..."
read -r raw_map raw_total < <(awk '/^best/ {
	for (i = 1; i <= NF; i++) {
		if ($i == "map") m = $(i + 1)
		if ($i == "total") t = $(i + 1)
	}
	if (n++ == 0 || m < bm) bm = m
	if (n == 1 || t < bt) bt = t
} END { print bm, bt }' "$work/raw.log")
echo "raw best: map+fault $raw_map us/page, map+fault+unmap $raw_total us/page"
# exec + exit of the same program stopped by -h right after option parsing
for ((i = 0; i < runs; i++)); do
	t0=$(date +%s%N)
	"$work/init" -h >/dev/null 2>&1 || true
	t1=$(date +%s%N)
	echo $(((t1 - t0) / 1000))
done >"$work/base.us"
base_min=$(awk 'NR == 1 || $1 < m { m = $1 } END { printf "%.2f", m / 1000 }' \
	"$work/base.us")
# whole: mean and min (ms); init, cleanup and init+cleanup: best (ms)
read -r eal_mean eal_min init_min clean_min both_min < <(awk '
	NR == 1 || $1 < w { w = $1 }
	NR == 1 || $2 < i { i = $2 }
	NR == 1 || $3 < c { c = $3 }
	NR == 1 || $2 + $3 < b { b = $2 + $3 }
	{ s += $1 }
	END { printf "%.2f %.2f %.2f %.2f %.2f\n", s / NR / 1000, w / 1000,
		i, c, b }' "$work/eal.us")
echo "eal -m $mb, $runs runs (best): rte_eal_init $init_min ms," \
	"rte_eal_cleanup $clean_min ms, both $both_min ms;" \
	"whole process min $eal_min ms (mean $eal_mean), exec+exit alone" \
	"$base_min ms"
awk -v i="$init_min" -v b="$both_min" -v w="$eal_min" -v x="$base_min" \
		-v m="$raw_map" -v t="$raw_total" -v n="$pages" 'BEGIN {
	rm = m * n / 1000
	rt = t * n / 1000
	printf "raw %d pages: map+fault %.2f ms, map+fault+unmap %.2f ms\n",
		n, rm, rt
	printf "ratio rte_eal_init / raw map+fault:                %.2f" \
		"  (target <= 1.2)\n", i / rm
	printf "ratio init+cleanup / raw map+fault+unmap:          %.2f\n",
		b / rt
	printf "ratio (whole - exec+exit) / raw map+fault+unmap:   %.2f\n",
		(w - x) / rt
}'
