#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Build dependencies of hotplug-eal on Debian and Ubuntu, shared by
# devtools/test.sh and devtools/quickstart.sh.
#
#   devtools/install-deps.sh          as root with apt-get: install what is
#                                     missing; otherwise name it
#   devtools/install-deps.sh --list   print the package list
#
# It never fails its caller: a package that could not be installed shows
# up later as a clear build error, and the caller may not need it at all.
set -uo pipefail

DEPS_PKGS="meson ninja-build pkg-config gcc clang libnuma-dev libpcap-dev
	python3-pyelftools make"

note() {
	echo "==== $*"
}

if [ "${1:-}" = --list ]; then
	echo $DEPS_PKGS
	exit 0
fi

missing=()
for p in $DEPS_PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q 'ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null; then
	note "missing build dependencies (not installing): ${missing[*]}"
	exit 0
fi
note "installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null &&
	apt-get install -y -q --no-install-recommends "${missing[@]}" \
		>/dev/null ||
	note "apt-get failed; continuing with what is installed"
exit 0
