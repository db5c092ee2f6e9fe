#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Build and test everything: the one command CI (.ci/run) and people run.
#
#   devtools/test.sh
#
# 1. as root, installs missing build dependencies with apt-get;
# 2. builds with gcc (build/) and clang (build-clang/, compile only), -Werror;
# 3. as root, makes sure enough 2 MiB hugepages are free (growing the pool
#    if needed, restored at exit) and mounts a private hugetlbfs, exported as
#    HPEAL_HUGE_DIR for dpdk-test; without root, tests needing hugepages skip;
# 4. runs the meson suites fast, huge, mp, fwd, vfio, install (a suite with
#    no tests is passed over), then builds with ASan+UBSan and the malloc
#    trailer cookies of RTE_MALLOC_DEBUG (build-asan/) and runs fast,
#    huge, mp and fwd there (vfio and install are the same code as in
#    build/, in a VM or through an installed tree);
# 5. runs a failed test once more on its own: a second failure counts, a
#    pass is reported as FLAKY; the last lines of every failed run come
#    near the end, where CI still shows them;
# 6. ends with "N skipped" and then "N passed, N failed"; exits non-zero if
#    anything failed.
#
# Environment: HPEAL_TEST_HUGEPAGES (pages to have free, default 1024: the
# largest row, malloc_perf_autotest with --legacy-mem -m 1024, needs 512 and
# meson runs another row beside it; 0 never touches the pool),
# HPEAL_TEST_NO_ASAN=1 (skip the sanitizer build), HPEAL_TEST_SUITES
# (default "fast huge mp fwd vfio install").
set -uo pipefail

cd "$(dirname "$0")/.."
exec </dev/null

SUITES=${HPEAL_TEST_SUITES:-"fast huge mp fwd vfio install"}
ASAN_SUITES="fast huge mp fwd"
WANT_PAGES=${HPEAL_TEST_HUGEPAGES:-1024}

passed=0
failed=0
skipped=0
failures=()
flaky=()
is_root=0
[ "$(id -u)" -eq 0 ] && is_root=1

note() {
	echo "==== $*"
}

record() { # name result(pass|fail|skip)
	case "$2" in
	pass) passed=$((passed + 1)) ;;
	skip) skipped=$((skipped + 1)) ;;
	*) failed=$((failed + 1)); failures+=("$1") ;;
	esac
}

# the package list lives in install-deps.sh, shared with quickstart.sh
install_deps() {
	bash devtools/install-deps.sh
}

# meson setup once, later runs only rebuild
build() { # name dir [meson options...]
	local name=$1 dir=$2 log
	shift 2
	note "build $name ($dir)"
	log=$LOG_DIR/build-$name.log
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" -Dwerror=true "$@" >"$log" 2>&1 || {
			tail -30 "$log"
			record "build $name" fail
			return 1
		}
	fi
	if ninja -C "$dir" >>"$log" 2>&1; then
		record "build $name" pass
	else
		grep -E -A5 'error|FAILED' "$log" | head -60
		record "build $name" fail
		return 1
	fi
}

HUGE_DIR=
HUGE_STATE=
LOG_DIR=$(mktemp -d "${TMPDIR:-/tmp}/hpeal-test-logs.XXXXXX")
cleanup() {
	rm -rf "$LOG_DIR"
	if [ -n "$HUGE_DIR$HUGE_STATE" ]; then
		bash devtools/setup-hugepages.sh release "$HUGE_DIR" \
			"$HUGE_STATE" || true
	fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

prepare_hugepages() {
	if [ $is_root -eq 0 ]; then
		note "not root: no hugepage setup, tests needing hugepages skip"
		return 0
	fi
	if [ "$WANT_PAGES" -gt 0 ]; then
		HUGE_STATE=$(mktemp "${TMPDIR:-/tmp}/hpeal-nr.XXXXXX")
		bash devtools/setup-hugepages.sh reserve "$WANT_PAGES" \
			"$HUGE_STATE" || note "hugepage reservation failed"
	fi
	HUGE_DIR=$(bash devtools/setup-hugepages.sh mount-private) || {
		HUGE_DIR=
		note "cannot mount a private hugetlbfs; huge tests will skip"
		return 0
	}
	export HPEAL_HUGE_DIR=$HUGE_DIR
	note "private hugetlbfs at $HUGE_DIR"
}

# the value of one "Name: N" line of meson test's summary
summary_count() { # log label
	sed -n "s/^$2: *\([0-9][0-9]*\).*/\1/p" "$1" | tail -1
}

# run one meson test invocation; sets ok, skip and fail (fail counts
# timeouts and unexpected passes too), or returns 1 if meson did not run
meson_counts() { # builddir suite logbase [test names...]
	local dir=$1 suite=$2 base=$3 log=$LOG_DIR/suite.log tout upass
	shift 3
	meson test -C "$dir" --no-rebuild --suite "$suite" \
		--logbase "$base" --print-errorlogs "$@" 2>&1 | tee "$log"
	ok=$(summary_count "$log" Ok)
	skip=$(summary_count "$log" Skipped)
	fail=$(summary_count "$log" Fail)
	tout=$(summary_count "$log" Timeout)
	upass=$(summary_count "$log" 'Unexpected Pass')
	[ -n "$ok" ] || return 1
	skip=${skip:-0}
	fail=$((${fail:-0} + ${tout:-0} + ${upass:-0}))
}

# A test that fails runs once more on its own. A second failure counts;
# a pass counts too, but the test is reported as FLAKY with the output of
# its failed run, so that a flake is seen and never mistaken for green.
run_suite() { # builddir suite
	local dir=$1 suite=$2 ok skip fail first names again name
	local json=$1/meson-logs/suite-$2.json label="$2 ($1)"
	# meson test --list exits 1 ("No suitable tests") for an empty suite
	if ! meson test -C "$dir" --no-rebuild --list --suite "$suite" \
			>/dev/null 2>&1; then
		note "suite $suite ($dir): no tests"
		return 0
	fi
	note "suite $suite ($dir)"
	if ! meson_counts "$dir" "$suite" "suite-$suite"; then
		record "suite $label: meson test did not run" fail
		return 1
	fi
	passed=$((passed + ok))
	skipped=$((skipped + skip))
	[ "$fail" -eq 0 ] && return 0
	first=$fail
	names=$(test_log failed "$json" "$label")
	if [ -z "$names" ]; then # no log to tell which: no second chance
		failed=$((failed + first))
		failures+=("suite $label: $first failed (no test log)")
		return 1
	fi
	test_log report "$json" "$label" >"$LOG_DIR/first-run"
	note "suite $suite ($dir): $first failed, once more:" $names
	# shellcheck disable=SC2086 # names are meson test names, no blanks
	if ! meson_counts "$dir" "$suite" "suite-$suite-again" $names; then
		ok=0 skip=0 fail=$first
	fi
	passed=$((passed + ok))
	skipped=$((skipped + skip))
	failed=$((failed + fail))
	if [ "$fail" -gt 0 ]; then
		failures+=("suite $label: $fail failed twice")
		test_log report "$dir/meson-logs/suite-$suite-again.json" \
			"$label, again" >>"$LOG_DIR/failed-tests"
	fi
	if [ "$ok" -gt 0 ]; then
		again=$(test_log failed "$dir/meson-logs/suite-$suite-again.json" \
			"$label")
		for name in $names; do
			grep -qxF "$name" <<<"$again" ||
				flaky+=("$label: $name failed once, then passed")
		done
		cat "$LOG_DIR/first-run" >>"$LOG_DIR/failed-tests"
	fi
}

# the tests that did not pass in one meson test log: their names, or their
# names and last output lines (the end of the output is what CI keeps)
test_log() { # failed|report testlog.json label
	python3 - "$@" <<'PY'
import json, sys
what, path, label = sys.argv[1:4]
with open(path) as f:
    for line in f:
        t = json.loads(line)
        if t.get("result") in ("OK", "SKIP", "EXPECTEDFAIL"):
            continue
        name = t.get("name", "")
        if what == "failed":
            print(name.rsplit(" / ", 1)[-1])
            continue
        print("---- %s: %s %s after %.1f s, last lines:" % (label,
              name, t.get("result"), t.get("duration", 0)))
        out = (t.get("stdout") or "") + (t.get("stderr") or "")
        for l in out.splitlines()[-12:]:
            print("     " + l[:200])
PY
}

main() {
	local s start=$SECONDS
	install_deps
	build gcc build
	local gcc_ok=$?
	CC=clang build clang build-clang
	prepare_hugepages
	if [ $gcc_ok -eq 0 ]; then
		for s in $SUITES; do
			run_suite build "$s"
		done
	fi
	if [ "${HPEAL_TEST_NO_ASAN:-0}" != 1 ] &&
			build asan build-asan -Db_sanitize=address,undefined \
				-Db_lundef=false -Dc_args=-DRTE_MALLOC_DEBUG; then
		export ASAN_OPTIONS=halt_on_error=1:abort_on_error=0:detect_leaks=1
		export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
		for s in $ASAN_SUITES; do
			run_suite build-asan "$s"
		done
	fi
	note "done in $((SECONDS - start)) s"
	[ -f "$LOG_DIR/failed-tests" ] && cat "$LOG_DIR/failed-tests"
	for s in "${flaky[@]}"; do
		echo "FLAKY: $s"
	done
	for s in "${failures[@]}"; do
		echo "FAILED: $s"
	done
	echo "$skipped skipped"
	echo "$passed passed, $failed failed"
	[ "$failed" -eq 0 ]
}

main
