#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""
Print the driver metadata that hotplug-eal PMDs embed in their binaries.

The driver registration macros (RTE_PMD_REGISTER_VDEV,
RTE_PMD_REGISTER_ALIAS, RTE_PMD_REGISTER_PARAM_STRING,
RTE_PMD_REGISTER_KMOD_DEP, RTE_PMD_EXPORT_NAME in rte_dev.h) leave one
NUL-terminated record per fact in the ELF section ".rte_pmd_info":

    PMD_INFO:<field>:<driver>:<value>

This tool reads that section from each ELF file given and from the
librte_*.so libraries it is linked with (as ldd resolves them, so
LD_LIBRARY_PATH is honoured), puts the records of each driver together
and prints them as JSON (the default, one list of objects with at least
"name" and, when known, "params", "kmod", "alias" and "bus"), as text
(-t) or as the raw records (-r).

Examples:
    dpdk-pmdinfo.py build/lib/ethdev/librte_ethdev.so
    dpdk-pmdinfo.py /usr/local/bin/dpdk-testpmd | \\
        jq '.[] | select(.name == "net_ring").params'
"""

import argparse
import json
import os
import subprocess
import sys

SECTION = ".rte_pmd_info"
PREFIX = "PMD_INFO:"
FIELDS = ("name", "bus", "alias", "params", "kmod")


class PmdInfoError(Exception):
    """A file that cannot be read as asked; the message says why."""


def load_elftools():
    """Import pyelftools, or explain how to get it."""
    try:
        from elftools.elf.elffile import ELFFile  # pylint: disable=C0415
        from elftools.common.exceptions import ELFError  # pylint: disable=C0415
    except ImportError:
        # Debian's python3-pyelftools serves the system interpreter; a
        # python3 of pyenv or a venv earlier in PATH does not see it
        sys_py = "/usr/bin/python3"
        if (os.path.realpath(sys.executable) != os.path.realpath(sys_py)
                and os.access(sys_py, os.X_OK)
                and "DPDK_PMDINFO_REEXEC" not in os.environ):
            os.environ["DPDK_PMDINFO_REEXEC"] = "1"
            os.execv(sys_py, [sys_py] + sys.argv)
        sys.exit("dpdk-pmdinfo.py: needs pyelftools: install python3-pyelftools"
                 " (apt) or pyelftools (pip)")
    return ELFFile, ELFError


def read_records(path, elf_cls, elf_err):
    """The raw records of one ELF file, in section order (may be empty)."""
    try:
        with open(path, "rb") as f:
            try:
                elf = elf_cls(f)
            except elf_err as exc:
                raise PmdInfoError(f"{path}: not an ELF file ({exc})") from exc
            # an object file may hold several (one per retained record)
            data = b"\0".join(sec.data() for sec in elf.iter_sections()
                               if sec.name == SECTION
                               and sec["sh_type"] != "SHT_NOBITS")
    except OSError as exc:
        raise PmdInfoError(f"{path}: {exc.strerror}") from exc
    records = []
    # records are separated by their NULs and by alignment padding
    for raw in data.split(b"\0"):
        if not raw:
            continue
        text = raw.decode("utf-8", errors="replace")
        if text.startswith(PREFIX):
            records.append(text)
    return records


def parse_record(text):
    """(field, driver, value) of a record, or None if it is malformed."""
    parts = text[len(PREFIX):].split(":", 2)
    if len(parts) != 3 or not parts[1] or parts[0] not in FIELDS:
        return None
    return parts[0], parts[1], parts[2]


def linked_libraries(path):
    """librte_*.so files the dynamic linker would load for path."""
    try:
        out = subprocess.run(["ldd", path], capture_output=True, text=True,
                             check=False).stdout
    except OSError:
        return []
    libs = []
    for line in out.splitlines():
        # "\tlibrte_eal.so.23 => /path/librte_eal.so.23 (0x...)"
        words = line.split()
        if (len(words) >= 3 and words[1] == "=>"
                and words[0].startswith("librte_")
                and os.path.isfile(words[2])):
            libs.append(words[2])
    return libs


def files_to_scan(paths, follow):
    """The files given, then their linked librte_* libraries, each once."""
    seen = set()
    ordered = []
    for path in paths:
        for cand in [path] + (linked_libraries(path) if follow else []):
            cand = os.path.normpath(cand)
            key = os.path.realpath(cand)
            if key not in seen:
                seen.add(key)
                ordered.append(cand)
    return ordered


def merge_drivers(records_by_file, warn):
    """One dict per driver name, in the order drivers were first seen."""
    drivers = {}
    for path, records in records_by_file:
        for text in records:
            parsed = parse_record(text)
            if parsed is None:
                warn(f"{path}: malformed record {text!r}")
                continue
            field, name, value = parsed
            drv = drivers.setdefault(name, {"name": name})
            if field != "name":
                drv[field] = value
            drv.setdefault("_file", path)
    return list(drivers.values())


def print_json(drivers):
    out = [{k: v for k, v in d.items() if not k.startswith("_")}
           for d in drivers]
    json.dump(out, sys.stdout, indent=2)
    sys.stdout.write("\n")


def print_text(drivers):
    for drv in drivers:
        extra = []
        if "bus" in drv:
            extra.append("bus " + drv["bus"])
        if "alias" in drv:
            extra.append("alias " + drv["alias"])
        head = drv["name"] + (f" ({', '.join(extra)})" if extra else "")
        print(f"{head}  [{drv['_file']}]")
        print(f"    params: {drv.get('params', '(none)') or '(none)'}")
        if "kmod" in drv:
            print(f"    kmod:   {drv['kmod']}")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="dpdk-pmdinfo.py",
        description="Print the metadata of the drivers (PMDs) built into "
        "ELF files: executables and shared libraries.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="Output is JSON unless -t or -r is given.")
    parser.add_argument("-t", "--text", action="store_true",
                        help="print one readable block per driver")
    parser.add_argument("-r", "--raw", action="store_true",
                        help="print the records exactly as stored, one per "
                        "line, after the file name")
    parser.add_argument("-n", "--no-follow", action="store_true",
                        help="read only the files given, not the librte_* "
                        "libraries they are linked with")
    parser.add_argument("-v", "--verbose", action="store_true",
                        help="report files without driver metadata and "
                        "malformed records on stderr")
    parser.add_argument("elf_files", metavar="ELF_FILE", nargs="+",
                        help="DPDK application or library")
    args = parser.parse_args(argv)
    if args.text and args.raw:
        parser.error("-t/--text and -r/--raw cannot be used together")
    return args


def main(argv=None):
    args = parse_args(argv)
    elf_cls, elf_err = load_elftools()

    def warn(msg):
        if args.verbose:
            print(f"dpdk-pmdinfo.py: {msg}", file=sys.stderr)

    for path in args.elf_files:
        if not os.path.exists(path):
            print(f"dpdk-pmdinfo.py: {path}: no such file", file=sys.stderr)
            return 1
    records_by_file = []
    try:
        for path in files_to_scan(args.elf_files, not args.no_follow):
            recs = read_records(path, elf_cls, elf_err)
            if not recs:
                warn(f"{path}: no {SECTION} section or no records")
            records_by_file.append((path, recs))
    except PmdInfoError as exc:
        print(f"dpdk-pmdinfo.py: {exc}", file=sys.stderr)
        return 1

    if args.raw:
        for path, recs in records_by_file:
            for text in recs:
                print(f"{path}: {text}")
        return 0
    drivers = merge_drivers(records_by_file, warn)
    if args.text:
        print_text(drivers)
    else:
        print_json(drivers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
