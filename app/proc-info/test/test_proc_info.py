#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""
dpdk-proc-info against a live primary.

    test_proc_info.py DPDK_PROC_INFO PROC_INFO_PRIMARY dynamic|legacy|churn

Starts proc_info_primary (which plugs memory with memzones, a mempool and
large blocks, leaves a hole, builds an external heap and writes its own
view to a state file), then runs dpdk-proc-info as a secondary and checks
its text, its JSON (against the primary's own view) and its SVG (parsed
as XML: the rectangles of each list must cover every slot once and agree
with the JSON). Also: no primary running, bad options, ports probed by
the secondary, one mempool by name. In churn mode the primary keeps
plugging and unplugging pages while dpdk-proc-info reads it again and
again; every snapshot must be whole and agree with itself. Needs the
private hugetlbfs mount of devtools/test.sh (HPEAL_HUGE_DIR); leaves no
file behind.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

FAILS = []
SVG_NS = "{http://www.w3.org/2000/svg}"


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        FAILS.append(what)


class Env:
    """Paths and EAL arguments shared by every run."""

    def __init__(self, proc_info, primary, mode, huge_dir, tmp):
        self.proc_info = proc_info
        self.primary = primary
        self.mode = mode
        self.huge_dir = huge_dir
        self.tmp = tmp
        self.prefix = f"t_proc_info_{mode}_{os.getpid()}"

    def eal(self, prefix=None):
        # a secondary must share the primary's memory model
        return ([f"--file-prefix={prefix or self.prefix}",
                 f"--huge-dir={self.huge_dir}", "--log-level=warning"] +
                (["--legacy-mem"] if self.mode == "legacy" else []))

    def run(self, eal_extra, app_args, prefix=None):
        cmd = ([self.proc_info] + self.eal(prefix) + eal_extra + ["--"]
               + app_args)
        start = time.monotonic()
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              timeout=120, check=False)
        took = time.monotonic() - start
        print(f"     ran {' '.join(cmd[1:])}: rc {proc.returncode}, "
              f"{took * 1000:.0f} ms", flush=True)
        return proc


def start_primary(env):
    state = os.path.join(env.tmp, "state.json")
    args = [env.primary] + env.eal()
    args += ["-m", "64"] if env.mode == "legacy" else ["-m", "8"]
    args += ["--", state] + {"legacy": ["small"], "churn": ["churn"]}.get(
        env.mode, [])
    prim = subprocess.Popen(args, stdin=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not os.path.exists(state):
        if prim.poll() is not None or time.monotonic() > deadline:
            prim.kill()
            _, err = prim.communicate()
            sys.exit(f"the primary did not come up: {err}")
        time.sleep(0.05)
    with open(state, encoding="utf-8") as f:
        return prim, json.load(f)


def stop_primary(prim):
    prim.stdin.close()
    try:
        rc = prim.wait(timeout=60)
    except subprocess.TimeoutExpired:
        prim.kill()
        rc = prim.wait()
    err = prim.stderr.read()
    check(rc == 0, f"the primary exits 0 after the runs (rc {rc}) {err}")
    for line in err.splitlines():
        if "churn rounds" in line:
            print("     " + line)


def test_no_primary(env):
    proc = env.run([], ["-m"], prefix=env.prefix + "_none")
    check(proc.returncode != 0, "no primary: nonzero exit")
    check("cannot attach to a primary" in proc.stderr and
          "--file-prefix" in proc.stderr,
          "no primary: the error says so and names --file-prefix")
    check(proc.stdout == "", "no primary: nothing on stdout")


def test_bad_options(env):
    proc = env.run([], ["--no-such-option"])
    check(proc.returncode == 2 and "no-such-option" in proc.stderr,
          "unknown option: exit 2, named in the error")
    proc = env.run([], ["-p", "zz"])
    check(proc.returncode == 2 and "-p zz" in proc.stderr and
          "hexadecimal" in proc.stderr, "bad -p: exit 2, says what is wanted")


def test_text(env, want):
    proc = env.run([], [])
    out = proc.stdout
    check(proc.returncode == 0, "text run exits 0 " + proc.stderr[-300:])
    for z in want["memzones"]:
        check(f"memzone {z['name']}: len {z['len']} " in out,
              f"text lists memzone {z['name']} with its length")
    mp = want["mempool"]
    check(f"mempool {mp['name']}: size {mp['size']}," in out and
          f"in use {mp['in_use']}," in out, "text lists the mempool")
    check(f"heap {want['ext_heap_name']}: socket" in out and
          "(external)" in out, "text lists the external heap")
    for lst in want["memseg_lists"]:
        check(f"pages in use: {lst['pages_used']} " in out,
              f"text has pages in use {lst['pages_used']}")
    check("no port: ports are per process" in out,
          "text explains that ports are per process")


def check_json_lists(got, want):
    lists = {m["base_va"]: m for m in got["memseg_lists"]}
    for w in want["memseg_lists"]:
        m = lists.get(w["base_va"])
        check(m is not None, f"json has list at {w['base_va']}")
        if m is None:
            continue
        check(m["pages_used"] == w["pages_used"] and
              m["pages_prealloc"] == w["pages_prealloc"] and
              m["slots"] == w["slots"],
              f"list {m['index']}: used {m['pages_used']} prealloc "
              f"{m['pages_prealloc']} slots {m['slots']} == primary's {w}")
        runs = m["runs"]
        check(sum(r["count"] for r in runs) == m["slots"] and
              all(a["start"] + a["count"] == b["start"]
                  for a, b in zip(runs, runs[1:])),
              f"list {m['index']}: runs tile the list")
        check(sum(r["count"] for r in runs if r["state"] != "free") ==
              m["pages_used"], f"list {m['index']}: runs add up to used")
        inner = [r for r in runs[1:-1] if r["state"] == "free"]
        check(m["holes"] == len(inner), f"list {m['index']}: holes counted")
    return lists


def check_json_heaps(got, want, mode):
    heaps = {h["name"]: h for h in got["heaps"]}
    sock = next((h for h in got["heaps"] if not h["external"]), None)
    ws = want["heap_socket"]
    check(sock is not None and sock["total_bytes"] == ws["total_bytes"] and
          sock["alloc_count"] == ws["alloc_count"] and
          sock["biggest_free_block"] == ws["biggest_free_block"],
          f"socket heap matches the primary's stats: {sock} vs {ws}")
    check(sock is not None and
          sock["elements"] == sock["alloc_count"] + sock["free_count"],
          "socket heap: elements = allocated + free")
    ext = heaps.get(want["ext_heap_name"])
    we = want["heap_ext"]
    check(ext is not None and ext["external"] and
          ext["total_bytes"] == we["total_bytes"] and
          ext["alloc_count"] == we["alloc_count"],
          f"external heap total and count match: {ext} vs {we}")
    if mode == "dynamic":
        check(sock is not None and sock["pages_unplugged"] > 0,
              "dynamic: the freed block's pages were unplugged")


def test_json(env, want):
    proc = env.run([], ["--json", "-m"])
    check(proc.returncode == 0, "json run exits 0")
    try:
        got = json.loads(proc.stdout)
    except ValueError as exc:
        check(False, f"stdout is one JSON document: {exc}")
        return None
    check(got["file_prefix"] == env.prefix, "json names the prefix")
    check(got["legacy_mem"] == (env.mode == "legacy"), "json legacy flag")
    check_json_lists(got, want)
    check_json_heaps(got, want, env.mode)
    zones = {z["name"]: z for z in got["memzones"]}
    for z in want["memzones"]:
        g = zones.get(z["name"], {})
        check(g.get("len") == z["len"] and
              g.get("socket_id") == z["socket_id"],
              f"json memzone {z['name']} len {g.get('len')}")
    pools = {p["name"]: p for p in got["mempools"]}
    wp = want["mempool"]
    gp = pools.get(wp["name"], {})
    check(gp.get("size") == wp["size"] and gp.get("in_use") ==
          wp["in_use"] and gp.get("avail") == wp["avail"],
          f"json mempool {gp} vs {wp}")
    check("ports" not in got, "json leaves out sections not asked for")
    return got


def test_svg(env, got):
    path = os.path.join(env.tmp, "map.svg")
    proc = env.run([], ["--svg", path])
    check(proc.returncode == 0 and proc.stdout == "",
          "--svg alone exits 0 and prints nothing")
    try:
        root = ET.parse(path).getroot()
    except (ET.ParseError, OSError) as exc:
        check(False, f"the SVG parses as XML: {exc}")
        return
    check(root.tag == SVG_NS + "svg", "root element is <svg>")
    rects = [r for r in root.iter(SVG_NS + "rect")
             if r.get("data-state") is not None]
    for m in got["memseg_lists"]:
        mine = [r for r in rects if r.get("data-list") == str(m["index"])]
        pos = sorted((int(r.get("data-start")), int(r.get("data-count")))
                     for r in mine)
        check(sum(c for _, c in pos) == m["slots"] and
              all(a[0] + a[1] == b[0] for a, b in zip(pos, pos[1:])),
              f"svg list {m['index']}: rects cover all {m['slots']} slots")
        used = sum(int(r.get("data-count")) for r in mine
                   if r.get("data-state") != "free")
        check(used == m["pages_used"],
              f"svg list {m['index']}: {used} used slots drawn")
        check(len(mine) >= len(m["runs"]),
              f"svg list {m['index']}: a rect per run (or per row of it)")
    legend = " ".join(t.text or "" for t in root.iter(SVG_NS + "text"))
    for h in got["heaps"]:
        check(h["name"] + " used" in legend, f"legend names {h['name']}")


def test_ports_and_pool(env, want):
    proc = env.run(["--vdev=net_null0"],
                   ["--json", "--stats", "--xstats", "--show-port"])
    got = json.loads(proc.stdout) if proc.returncode == 0 else {}
    ports = got.get("ports", [])
    check(len(ports) == 1 and ports[0]["name"] == "net_null0" and
          ports[0]["driver"] == "net_null" and "stats" in ports[0] and
          "rx_good_packets" in ports[0].get("xstats", {}),
          f"the secondary's own port with stats and xstats: {ports}")
    check("memseg_lists" not in got, "--stats alone shows no memory")
    proc = env.run([], ["--json", "--show-heap"])
    heaps = json.loads(proc.stdout)["heaps"] if proc.returncode == 0 else []
    sock = next((h for h in heaps if not h["external"]), {})
    check(sock.get("alloc_count") == want["heap_socket"]["alloc_count"],
          "the port's memory went back to the primary's heap: "
          f"{sock.get('alloc_count')} allocated elements")
    name = want["mempool"]["name"]
    proc = env.run([], [f"--show-mempool={name}"])
    check(proc.returncode == 0 and f"mempool {name}:" in proc.stdout and
          "== mempools: 1 ==" in proc.stdout, "--show-mempool=NAME")
    proc = env.run([], ["--show-mempool=no_such_pool"])
    check(proc.returncode == 1 and "no_such_pool" in proc.stderr,
          "--show-mempool of an unknown pool: exit 1, named")


def snapshot_problems(got):
    """What does not add up inside one JSON snapshot."""
    bad = []
    for m in got["memseg_lists"]:
        runs = m["runs"] or []
        if sum(r["count"] for r in runs) != m["slots"]:
            bad.append(f"list {m['index']}: runs do not tile the list")
        used = sum(r["count"] for r in runs if r["state"] != "free")
        if used != m["pages_used"]:
            bad.append(f"list {m['index']}: runs {used} != used "
                       f"{m['pages_used']}")
    for h in got["heaps"]:
        if h["elements"] is not None and \
                h["elements"] != h["alloc_count"] + h["free_count"]:
            bad.append(f"heap {h['name']}: elements do not add up")
        if h["free_bytes"] > h["total_bytes"]:
            bad.append(f"heap {h['name']}: more free than total")
    return bad


def test_churn(env, rounds=8):
    used_seen = set()
    for i in range(rounds):
        proc = env.run([], ["--json", "-m"])
        if proc.returncode != 0:
            check(False, f"churn read {i}: rc {proc.returncode} "
                  f"{proc.stderr[-300:]}")
            continue
        try:
            got = json.loads(proc.stdout)
        except ValueError as exc:
            check(False, f"churn read {i}: not JSON: {exc}")
            continue
        bad = snapshot_problems(got)
        check(not bad, f"churn read {i}: snapshot is consistent {bad}")
        used_seen.add(sum(m["pages_used"] for m in got["memseg_lists"]
                          if not m["external"]))
    print(f"     pages in use seen while churning: {sorted(used_seen)}")


def leftovers(env):
    """Files of our prefix still there once the primary has exited."""
    left = [os.path.join(env.huge_dir, f) for f in os.listdir(env.huge_dir)
            if f.startswith(env.prefix)]
    rundir = os.path.join("/var/run/dpdk", env.prefix)
    if os.path.exists(rundir):
        left.append(rundir)
    return left


def remove_leftovers(env):
    """After the failure was recorded, so the next run starts clean."""
    for path in leftovers(env):
        if os.path.isdir(path):
            shutil.rmtree(path, ignore_errors=True)
        else:
            os.unlink(path)


def main():
    if len(sys.argv) != 4 or sys.argv[3] not in ("dynamic", "legacy",
                                                  "churn"):
        sys.exit(__doc__)
    huge_dir = os.environ.get("HPEAL_HUGE_DIR")
    if not huge_dir or not os.path.isdir(huge_dir):
        print("SKIP: HPEAL_HUGE_DIR is not set to a hugetlbfs mount (run "
              "through devtools/test.sh, which mounts a private one)")
        sys.exit(77)
    with tempfile.TemporaryDirectory() as tmp:
        env = Env(sys.argv[1], sys.argv[2], sys.argv[3], huge_dir, tmp)
        test_no_primary(env)
        test_bad_options(env)
        prim, want = start_primary(env)
        try:
            if env.mode == "churn":
                test_churn(env)
            else:
                test_text(env, want)
                got = test_json(env, want)
                if got is not None:
                    test_svg(env, got)
                test_ports_and_pool(env, want)
        finally:
            stop_primary(prim)
            check(leftovers(env) == [],
                  f"nothing left behind: {leftovers(env)}")
            remove_leftovers(env)
            print(f"{len(FAILS)} failed")
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
