#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# How long rte_eal_init() + rte_eal_cleanup() take for a trivial program.
#
#   devtools/bench-init.sh [BUILD_DIR [RUNS]]      (build, 20)
#
# The program is built out of tree against BUILD_DIR/meson-uninstalled and
# timed with hyperfine when installed (apt-get install hyperfine), else with
# a loop over `date +%s%N`. Variants: default options, -m 1024 (1 GiB
# preallocated floor), --legacy-mem -m 1024, and --no-huge. As root, a
# private hugetlbfs is mounted for the run (unless HPEAL_HUGE_DIR is set);
# otherwise only what the user may use is measured. Prints mean and min.
set -euo pipefail

cd "$(dirname "$0")/.."
build=$(realpath "${1:-build}")
runs=${2:-20}
work=$(mktemp -d "${TMPDIR:-/tmp}/hpeal-bench.XXXXXX")
huge_mounted=
cleanup() {
	[ -z "$huge_mounted" ] ||
		bash devtools/setup-hugepages.sh umount "$huge_mounted"
	rm -rf "$work"
}
trap cleanup EXIT

[ -f "$build/meson-uninstalled/libdpdk-uninstalled.pc" ] || {
	echo "bench-init: build $build first (meson setup && ninja)" >&2
	exit 1
}
export PKG_CONFIG_PATH=$build/meson-uninstalled
libdirs=$(pkg-config --libs-only-L libdpdk | sed 's/-L//g; s/ \+/:/g; s/:$//')
export LD_LIBRARY_PATH=$libdirs${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}

cat > "$work/init.c" <<'PROG'
#include <stdio.h>
#include <rte_eal.h>

int
main(int argc, char **argv)
{
	if (rte_eal_init(argc, argv) < 0) {
		fprintf(stderr, "rte_eal_init failed\n");
		return 1;
	}
	return rte_eal_cleanup() < 0;
}
PROG
# shellcheck disable=SC2046
${CC:-cc} -O2 -o "$work/init" "$work/init.c" \
	$(pkg-config --cflags --libs libdpdk)

if [ -z "${HPEAL_HUGE_DIR:-}" ] && [ "$(id -u)" -eq 0 ]; then
	huge_mounted=$(bash devtools/setup-hugepages.sh mount-private)
	export HPEAL_HUGE_DIR=$huge_mounted
fi
huge=()
[ -z "${HPEAL_HUGE_DIR:-}" ] || huge=(--huge-dir="$HPEAL_HUGE_DIR")
prefix=(--file-prefix="bench_$$")

# "name|args": one per line
variants=(
	"default|${huge[*]}"
	"-m 1024|${huge[*]} -m 1024"
	"--legacy-mem -m 1024|${huge[*]} --legacy-mem -m 1024"
	"--no-huge|--no-huge"
)

# prints "mean_ms min_ms" for the command line in $@
time_loop() {
	local i t0 t1
	for ((i = 0; i < runs; i++)); do
		t0=$(date +%s%N)
		"$@" >/dev/null 2>&1
		t1=$(date +%s%N)
		echo $(((t1 - t0) / 1000))
	done | awk '{ s += $1; if (NR == 1 || $1 < m) m = $1 }
		END { printf "%.2f %.2f\n", s / NR / 1000, m / 1000 }'
}

time_hyperfine() {
	hyperfine -N --warmup 2 --runs "$runs" --style none \
		--export-csv "$work/h.csv" -- "$*" >/dev/null 2>&1 || return 1
	awk -F, 'NR == 2 { printf "%.2f %.2f\n", $2 * 1000, $7 * 1000 }' \
		"$work/h.csv"
}

tool=loop
command -v hyperfine >/dev/null && tool=hyperfine
echo "rte_eal_init + rte_eal_cleanup, $runs runs each ($tool)"
for v in "${variants[@]}"; do
	name=${v%%|*}
	# shellcheck disable=SC2206
	args=(${v#*|})
	cmd=("$work/init" "${prefix[@]}" "${args[@]}")
	if ! "${cmd[@]}" >"$work/once.log" 2>&1; then
		printf "%-22s fails: %s\n" "$name" "$(tail -1 "$work/once.log")"
		continue
	fi
	if [ $tool = hyperfine ]; then
		read -r mean min < <(time_hyperfine "${cmd[@]}")
	else
		read -r mean min < <(time_loop "${cmd[@]}")
	fi
	printf "%-22s mean %8.2f ms   min %8.2f ms\n" "$name" "$mean" "$min"
done
