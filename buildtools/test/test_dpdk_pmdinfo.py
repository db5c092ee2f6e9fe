#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""
Test of buildtools/dpdk-pmdinfo.py on what the build produced.

    test_dpdk_pmdinfo.py PMDINFO LIBRTE_ETHDEV PROBE SRCROOT pcap|nopcap

The expected parameter strings are read from the drivers' sources (the
RTE_PMD_REGISTER_PARAM_STRING call of each), so the test follows the
drivers when they change and fails when the embedded metadata does not.
PROBE is buildtools/test/pmdinfo_probe.c: metadata of its own, linked with
librte_ethdev.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

FAILS = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        FAILS.append(what)


def run(tool, *args):
    proc = subprocess.run([sys.executable, tool] + list(args),
                          capture_output=True, text=True, check=False)
    return proc.returncode, proc.stdout, proc.stderr


def source_params(path, drv):
    """The string a driver's RTE_PMD_REGISTER_PARAM_STRING call registers."""
    with open(path, encoding="utf-8") as f:
        src = f.read()
    m = re.search(r"RTE_PMD_REGISTER_PARAM_STRING\(\s*" + drv +
                  r"\s*,((?:\s*\"(?:[^\"\\]|\\.)*\")+)\s*\)", src)
    if m is None:
        raise SystemExit(f"{path}: no RTE_PMD_REGISTER_PARAM_STRING({drv}")
    return "".join(re.findall(r"\"((?:[^\"\\]|\\.)*)\"", m.group(1)))


def by_name(drivers):
    return {d["name"]: d for d in drivers}


def test_library(tool, lib, srcroot, with_pcap):
    rc, out, err = run(tool, lib)
    check(rc == 0, f"json on {os.path.basename(lib)} exits 0 ({err.strip()})")
    drivers = by_name(json.loads(out))
    expect = {"net_null": "null/rte_eth_null.c",
              "net_ring": "ring/rte_eth_ring.c"}
    if with_pcap:
        expect["net_pcap"] = "pcap/rte_eth_pcap.c"
    for drv, src in expect.items():
        want = source_params(os.path.join(srcroot, "drivers/net", src), drv)
        got = drivers.get(drv, {})
        check(drv in drivers, f"{drv} listed")
        check(got.get("params") == want,
              f"{drv} params {got.get('params')!r} == {want!r}")
        check(got.get("bus") == "vdev", f"{drv} bus vdev")
        check(got.get("alias") == "eth_" + drv[4:], f"{drv} alias")
    check(len(drivers) == len(expect),
          f"exactly {sorted(expect)} in the library, got {sorted(drivers)}")
    return drivers


def test_text_and_raw(tool, lib):
    rc, out, _ = run(tool, "-t", lib)
    check(rc == 0 and re.search(r"^net_ring \(bus vdev, alias eth_ring\)",
                                out, re.M) is not None,
          "text mode has a net_ring header line")
    check(re.search(r"^\s+params: size=<int>", out, re.M) is not None,
          "text mode has net_null's params line")
    rc, out, _ = run(tool, "-r", lib)
    lines = out.splitlines()
    check(rc == 0 and lines and all(
        ln.startswith(lib + ": PMD_INFO:") for ln in lines),
        "raw mode: every line is '<file>: PMD_INFO:...'")
    check(f"{lib}: PMD_INFO:name:net_null:" in lines,
          "raw mode has net_null's name record")
    rc, _, err = run(tool, "-t", "-r", lib)
    check(rc != 0 and "cannot be used together" in err,
          "-t with -r is refused")


def test_probe(tool, probe, lib_drivers):
    rc, out, _ = run(tool, "-n", probe)
    own = by_name(json.loads(out)) if rc == 0 else {}
    check(list(own) == ["net_pmdinfo_probe"],
          f"-n reads only the program's own records: {list(own)}")
    d = own.get("net_pmdinfo_probe", {})
    check(d.get("params") == "alpha=<int> beta=<path:with:colons>",
          "params with colons survive: " + repr(d.get("params")))
    check(d.get("kmod") == "* vfio-pci", "kmod recorded")
    check("colour" not in d, "a record of an unknown field is dropped")
    rc, out, _ = run(tool, probe)
    alld = by_name(json.loads(out)) if rc == 0 else {}
    check(set(alld) == {"net_pmdinfo_probe"} | set(lib_drivers),
          f"following DT_NEEDED finds librte_ethdev's drivers: {set(alld)}")
    _, _, err = run(tool, "-v", "-n", probe)
    check("malformed record" in err and "colour" in err,
          "-v reports the malformed record")


def test_errors(tool):
    with tempfile.NamedTemporaryFile("w", suffix=".so") as f:
        f.write("not an elf file\n")
        f.flush()
        rc, out, err = run(tool, f.name)
        check(rc == 1 and "not an ELF file" in err and f.name in err
              and out == "", "a non-ELF file: exit 1, named in the error")
    rc, _, err = run(tool, "/nonexistent/librte_x.so")
    check(rc == 1 and "no such file" in err, "a missing file: exit 1")
    rc, out, _ = run(tool, "-n", sys.executable)
    check(rc == 0 and json.loads(out) == [],
          "an ELF file without metadata gives []")


def main():
    if len(sys.argv) != 6:
        sys.exit(__doc__)
    tool, lib, probe, srcroot, pcap = sys.argv[1:]
    try:
        import elftools  # noqa: F401 pylint: disable=C0415,W0611
    except ImportError:
        print("SKIP: pyelftools is not installed for this python3 nor for "
              "/usr/bin/python3 (apt-get install python3-pyelftools)")
        sys.exit(77)
    drivers = test_library(tool, lib, srcroot, pcap == "pcap")
    test_text_and_raw(tool, lib)
    test_probe(tool, probe, drivers)
    test_errors(tool)
    print(f"{len(FAILS)} failed")
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
