#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Report style problems in C files changed since a base revision.
#
#   devtools/check-format.sh [--strict] [BASE | FILE...]
#
# Without FILE arguments, the files checked are the .c/.h files changed
# between BASE (default: HEAD~1) and the working tree. Each file gets:
#   - the hard rules: SPDX line, no trailing whitespace, tabs (not spaces)
#     for indentation, lines of at most 80 columns (tab = 8);
#   - clang-format (.clang-format at the repository root), as advice: the
#     number of lines it would change, with the diff under -v.
# The script reports and exits 0; with --strict, hard-rule problems make it
# exit 1 (clang-format advice never does: hand layout is allowed to differ).
set -uo pipefail

cd "$(dirname "$0")/.."
strict=0
verbose=0
files=()
base=HEAD~1

while [ $# -gt 0 ]; do
	case "$1" in
	--strict) strict=1 ;;
	-v) verbose=1 ;;
	-h|--help) sed -n '4,16s/^# \{0,1\}//p' "$0"; exit 0 ;;
	*) if [ -f "$1" ]; then files+=("$1"); else base=$1; fi ;;
	esac
	shift
done

if [ ${#files[@]} -eq 0 ]; then
	mapfile -t files < <(git diff --name-only --diff-filter=d "$base" -- \
		'*.c' '*.h' 2>/dev/null; git ls-files --others --exclude-standard \
		-- '*.c' '*.h')
fi

problems=0
report() { # file line message
	echo "$1:$2: $3"
	problems=$((problems + 1))
}

check_rules() {
	local f=$1
	head -3 "$f" | grep -q 'SPDX-License-Identifier: BSD-3-Clause' ||
		report "$f" 1 "missing SPDX-License-Identifier: BSD-3-Clause"
	grep -n '[[:space:]]$' "$f" | cut -d: -f1 | while read -r n; do
		echo "$f:$n: trailing whitespace"
	done
	grep -n '^        ' "$f" | cut -d: -f1 | while read -r n; do
		echo "$f:$n: indented with spaces, not tabs"
	done
	expand -t 8 "$f" | awk -v f="$f" 'length($0) > 80 {
		printf "%s:%d: %d columns (max 80)\n", f, NR, length($0) }'
}

advise_clang_format() {
	local f=$1 n
	command -v clang-format >/dev/null || return 0
	n=$(clang-format --style=file "$f" | diff "$f" - | grep -c '^>')
	[ "$n" -eq 0 ] && return 0
	echo "$f: clang-format would change $n lines (advice)"
	[ $verbose -eq 1 ] && clang-format --style=file "$f" | diff -u "$f" -
	return 0
}

for f in "${files[@]}"; do
	[ -f "$f" ] || continue
	out=$(check_rules "$f")
	if [ -n "$out" ]; then
		echo "$out"
		problems=$((problems + $(printf '%s\n' "$out" | wc -l)))
	fi
	advise_clang_format "$f"
done

echo "check-format: ${#files[@]} files, $problems rule problems"
[ $strict -eq 1 ] && [ $problems -gt 0 ] && exit 1
exit 0
