#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
#
# Hugepage preparation for hotplug-eal tests and demos (root only for the
# commands that change the system).
#
#   setup-hugepages.sh status
#   setup-hugepages.sh reserve N STATEFILE   ensure N free 2 MiB pages; the
#                                            previous nr_hugepages is saved
#                                            in STATEFILE for "restore"
#   setup-hugepages.sh restore STATEFILE     put nr_hugepages back
#   setup-hugepages.sh mount-private         mount a fresh hugetlbfs on a new
#                                            temporary dir and print its path
#   setup-hugepages.sh mount-standard        mount /dev/hugepages if absent
#   setup-hugepages.sh umount DIR            unmount DIR and remove it
#   setup-hugepages.sh release DIR STATEFILE both of the above at exit (an
#                                            empty argument is passed over)
#
# A private mount keeps one test run's page files away from every other
# DPDK process on the machine, and unmounting it frees anything left over.
set -euo pipefail

SYSFS=/sys/kernel/mm/hugepages/hugepages-2048kB

die() {
	echo "setup-hugepages: $*" >&2
	exit 1
}

need_root() {
	[ "$(id -u)" -eq 0 ] || die "$1 needs root"
}

read_sysfs() {
	cat "$SYSFS/$1" 2>/dev/null || echo 0
}

cmd_status() {
	echo "2 MiB pages: total $(read_sysfs nr_hugepages)," \
		"free $(read_sysfs free_hugepages)," \
		"reserved $(read_sysfs resv_hugepages)"
	grep -w hugetlbfs /proc/mounts || echo "no hugetlbfs mounted"
}

# grow the pool just enough that N pages are free; never shrink it here
cmd_reserve() {
	local want=$1 state=$2 total free target
	need_root reserve
	[[ $want =~ ^[0-9]+$ ]] || die "reserve: '$want' is not a page count"
	[ -d "$SYSFS" ] || die "no 2 MiB hugepage support in this kernel"
	total=$(read_sysfs nr_hugepages)
	free=$(read_sysfs free_hugepages)
	echo "$total" > "$state"
	if [ "$free" -ge "$want" ]; then
		echo "setup-hugepages: $free pages free, none reserved"
		return 0
	fi
	target=$((total + want - free))
	echo "$target" > "$SYSFS/nr_hugepages"
	free=$(read_sysfs free_hugepages)
	echo "setup-hugepages: nr_hugepages $total -> $(read_sysfs nr_hugepages)," \
		"$free free"
	[ "$free" -ge "$want" ] ||
		echo "setup-hugepages: warning: only $free of $want pages free" >&2
}

cmd_restore() {
	local state=$1 old
	need_root restore
	[ -s "$state" ] || return 0
	old=$(cat "$state")
	[[ $old =~ ^[0-9]+$ ]] || die "restore: bad state in $state"
	if [ "$(read_sysfs nr_hugepages)" -ne "$old" ]; then
		echo "$old" > "$SYSFS/nr_hugepages"
		echo "setup-hugepages: nr_hugepages restored to $old"
	fi
	rm -f "$state"
}

cmd_mount_private() {
	local dir
	need_root mount-private
	dir=$(mktemp -d "${TMPDIR:-/tmp}/hpeal-huge.XXXXXX")
	if ! mount -t hugetlbfs -o pagesize=2M,mode=0770 nodev "$dir"; then
		rmdir "$dir"
		die "cannot mount hugetlbfs on $dir"
	fi
	echo "$dir"
}

cmd_mount_standard() {
	need_root mount-standard
	if grep -qs ' /dev/hugepages hugetlbfs ' /proc/mounts; then
		echo /dev/hugepages
		return 0
	fi
	mkdir -p /dev/hugepages
	mount -t hugetlbfs -o pagesize=2M nodev /dev/hugepages
	echo /dev/hugepages
}

cmd_umount() {
	local dir=$1
	need_root umount
	[ -d "$dir" ] || return 0
	if grep -qs " $dir hugetlbfs " /proc/mounts; then
		umount "$dir" || umount -l "$dir"
	fi
	rmdir "$dir" 2>/dev/null || true
}

# a script's exit: its private mount goes, nr_hugepages goes back
cmd_release() {
	local dir=$1 state=$2
	[ -z "$dir" ] || cmd_umount "$dir" || true
	if [ -n "$state" ]; then
		cmd_restore "$state" || true
		rm -f "$state"
	fi
}

usage() {
	sed -n '4,17s/^# \{0,1\}//p' "$0"
	exit 2
}

case "${1:-}" in
status) cmd_status ;;
reserve) [ $# -eq 3 ] || usage; cmd_reserve "$2" "$3" ;;
restore) [ $# -eq 2 ] || usage; cmd_restore "$2" ;;
mount-private) cmd_mount_private ;;
mount-standard) cmd_mount_standard ;;
umount) [ $# -eq 2 ] || usage; cmd_umount "$2" ;;
release) [ $# -eq 3 ] || usage; cmd_release "$2" "$3" ;;
*) usage ;;
esac
