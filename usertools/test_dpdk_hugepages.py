#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Tests of dpdk-hugepages.py, run by meson (suites fast and huge).

  test_dpdk_hugepages.py TOOL fast   sizes, pools and mounts read from a
                                     fake sysfs/procfs tree; argument errors;
                                     --show on the real machine (which may
                                     have no hugepages at all)
  test_dpdk_hugepages.py TOOL huge [LIBRTE_EAL]
                                     --clean-stale on a private hugetlbfs
                                     mount: a file held by a live process,
                                     a stale one, files outside the naming
                                     contract; only the stale one may go.
                                     With LIBRTE_EAL, also a real EAL
                                     process (through ctypes): its page
                                     files survive while it lives and go
                                     once it has been killed with SIGKILL

Exit status 0 = passed, 1 = failed, 77 = skipped (huge without root and
without HPEAL_HUGE_DIR).
"""

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile

SKIP = 77


class Failure(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failure(what)


def tool(path, *args, expect=0):
    res = subprocess.run([sys.executable, path, *args], capture_output=True,
                         text=True, check=False)
    if res.returncode != expect:
        raise Failure(f'{args}: exit {res.returncode}, expected {expect}\n'
                      f'stdout: {res.stdout}\nstderr: {res.stderr}')
    return res.stdout + res.stderr


def put(root, path, text):
    full = root + path
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, 'w', encoding='ascii') as f:
        f.write(text)


def fake_tree(root):
    """two nodes, 2M and 1G pages, two hugetlbfs mounts"""
    put(root, '/proc/meminfo', 'MemTotal: 1 kB\nHugepagesize:    2048 kB\n')
    put(root, '/proc/mounts',
        'proc /proc proc rw 0 0\n'
        'nodev /mnt/huge\\0402m hugetlbfs rw,relatime,pagesize=2M 0 0\n'
        'nodev /mnt/huge1g hugetlbfs rw,relatime,pagesize=1024M 0 0\n')
    pools = {None: (300, 290, 2, 1), 0: (200, 195, 2, 1), 1: (100, 95, 0, 0)}
    for node, (n2m, f2m, n1g, f1g) in pools.items():
        base = ('/sys/kernel/mm/hugepages' if node is None else
                f'/sys/devices/system/node/node{node}/hugepages')
        put(root, base + '/hugepages-2048kB/nr_hugepages', f'{n2m}\n')
        put(root, base + '/hugepages-2048kB/free_hugepages', f'{f2m}\n')
        put(root, base + '/hugepages-1048576kB/nr_hugepages', f'{n1g}\n')
        put(root, base + '/hugepages-1048576kB/free_hugepages', f'{f1g}\n')


def test_fast(path):
    root = tempfile.mkdtemp(prefix='hp-tool-')
    try:
        fake_tree(root)
        out = tool(path, '--root', root, '--show')
        lines = [ln.split() for ln in out.splitlines()]
        check(['0', '200', '195', '2M', '400M'] in lines, 'node 0 2M row')
        check(['1', '100', '95', '2M', '200M'] in lines, 'node 1 2M row')
        check(['0', '2', '1', '1G', '2G'] in lines, 'node 0 1G row')
        check(['1', '0', '0', '1G', '0'] in lines, 'node 1 1G row')
        check('/mnt/huge 2m  pagesize=2M' in out, 'escaped 2M mount')
        check('/mnt/huge1g  pagesize=1G' in out, '1G mount')

        out = tool(path, '--root', root, '--reserve', '1G', '--node', '1',
                   '--dry-run')
        check('would write 512 to /sys/devices/system/node/node1/hugepages/'
              'hugepages-2048kB/nr_hugepages' in out, 'reserve 1G on node 1')
        out = tool(path, '--root', root, '--reserve', '2G', '-p', '1G',
                   '--dry-run')
        check('would write 2 to /sys/kernel/mm/hugepages/'
              'hugepages-1048576kB/nr_hugepages' in out, 'reserve 2x1G')
        out = tool(path, '--root', root, '--clear', '--dry-run')
        check(out.count('would write 0 to') == 4, 'clear every node/size')
        out = tool(path, '--root', root, '--mount', '-d', '/mnt/x',
                   '--dry-run')
        check('would run mount -t hugetlbfs -o pagesize=2M nodev /mnt/x'
              in out, 'mount command')
        out = tool(path, '--root', root, '--unmount', '--dry-run')
        check('would run umount /mnt/huge1g' in out
              and 'would run umount /mnt/huge 2m' in out, 'unmount all')

        # every bad input: one message, non-zero exit, nothing written
        for bad, words in ((['--reserve', '3M'], 'not a multiple'),
                           (['--reserve', 'lots'], 'bad size'),
                           (['--reserve', '0'], 'must not be zero'),
                           (['--reserve', '2M', '-p', '4M'], 'not supported'),
                           (['--reserve', '2M', '--node', '5'],
                            'no NUMA node'),
                           (['--unmount', '-d', '/nowhere'],
                            'not a hugetlbfs'),
                           (['--mount', '-d', '/mnt/huge1g'], 'already')):
            out = tool(path, '--root', root, *bad, expect=1)
            check(words in out and 'would' not in out, f'{bad}: {out}')
        for bad in (['--node', '0', '--show'], ['--prefix', 'x', '--show'],
                    ['--any-prefix', '--show'], ['--node', '-1', '-r', '2M'],
                    ['--clean-stale', '--prefix', 'a', '--any-prefix'],
                    ['--clean-stale', '--prefix', 'a/b'],
                    ['--setup', '2M', '--clear'], []):
            tool(path, '--root', root, *bad, expect=2)

        empty = tempfile.mkdtemp(prefix='hp-empty-', dir=root)
        out = tool(path, '--root', empty, '--show')
        check('no hugepage support' in out, 'kernel without hugepages')
        # the real machine, with or without hugepages
        tool(path, '--show')
    finally:
        shutil.rmtree(root)


def private_mount():
    """(directory, must unmount) or None when we cannot have one"""
    if os.geteuid() == 0:
        d = tempfile.mkdtemp(prefix='hp-tool-mnt-')
        res = subprocess.run(['mount', '-t', 'hugetlbfs', '-o', 'pagesize=2M',
                              'nodev', d], capture_output=True, check=False)
        if res.returncode == 0:
            return d, True
        os.rmdir(d)
    env = os.environ.get('HPEAL_HUGE_DIR')
    if env:
        # a directory of our own inside the shared mount
        return tempfile.mkdtemp(prefix='hp-tool-', dir=env), False
    return None


def make_file(d, name, pages=0):
    fd = os.open(os.path.join(d, name), os.O_CREAT | os.O_RDWR, 0o600)
    if pages:
        os.ftruncate(fd, pages * 2 * 1024 * 1024)
    return fd


def test_huge(path):
    where = private_mount()
    if where is None:
        print('no hugetlbfs mount of our own (not root, no HPEAL_HUGE_DIR)')
        return SKIP
    d, mounted = where
    holder = None
    own = -1
    try:
        # a live process: holds LOCK_SH, as the EAL does, until told to stop
        live = os.path.join(d, 'tkmap_0_0')
        holder = subprocess.Popen(
            [sys.executable, '-c',
             'import fcntl, os, sys\n'
             f'fd = os.open({live!r}, os.O_CREAT | os.O_RDWR, 0o600)\n'
             'fcntl.flock(fd, fcntl.LOCK_SH)\n'
             'print("locked", flush=True)\n'
             'sys.stdin.read()\n'],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        check(holder.stdout.readline().strip() == 'locked', 'holder ready')

        os.close(make_file(d, 'tkmap_0_1', pages=1))   # stale, one page
        os.close(make_file(d, 'tkmap_3'))               # stale, single file
        os.close(make_file(d, 'otherpmap_0_0'))         # other prefix
        os.close(make_file(d, 'rtemap_2_7'))            # default prefix
        keep = ['tkmap_0_0', 'otherpmap_0_0', 'tkmap_x', 'notes.txt',
                'tkmap_0_1.bak']
        for name in keep[2:]:
            os.close(make_file(d, name))
        try:
            # a link named like ours must not be followed (hugetlbfs may
            # not support links at all)
            os.symlink('tkmap_3', os.path.join(d, 'tkmap_9'))
            keep.append('tkmap_9')
        except OSError:
            pass
        # a file locked by ourselves through another open file description
        own = make_file(d, 'tkmap_1_0')
        fcntl.flock(own, fcntl.LOCK_SH)
        keep.append('tkmap_1_0')

        # while the directory is held (an EAL initialising) nothing happens
        dfd = os.open(d, os.O_RDONLY | os.O_DIRECTORY)
        try:
            fcntl.flock(dfd, fcntl.LOCK_EX)
            env = dict(os.environ, HPEAL_TEST_DIR_LOCK_TIMEOUT='0.2')
            res = subprocess.run([sys.executable, path, '--clean-stale', '-d',
                                  d, '--prefix', 'tk'], env=env,
                                 capture_output=True, text=True, check=False)
            check(res.returncode == 1 and 'stays locked' in res.stderr,
                  f'locked directory: {res.returncode} {res.stderr}')
            check(os.path.exists(os.path.join(d, 'tkmap_0_1')),
                  'a locked directory was cleaned')
        finally:
            os.close(dfd)

        out = tool(path, '--clean-stale', '-d', d, '--prefix', 'tk',
                   '--dry-run')
        check('2 stale hugepage file(s) found' in out, f'dry run: {out}')
        check(os.path.exists(os.path.join(d, 'tkmap_0_1')), 'dry run kept')

        out = tool(path, '--clean-stale', '-d', d, '--prefix', 'tk')
        left = sorted(os.listdir(d))
        check(left == sorted(keep + ['rtemap_2_7']),
              f'left {left}, expected {sorted(keep)} and rtemap_2_7')
        check('2 stale hugepage file(s) removed' in out, out)

        # no prefix given: the EAL's default one
        out = tool(path, '--clean-stale', '-d', d)
        left = sorted(os.listdir(d))
        check(left == sorted(keep), f'default prefix: left {left}')
        check('1 stale hugepage file(s) removed' in out, out)

        # once the holder dies its file is stale too
        holder.stdin.close()
        holder.wait(timeout=10)
        holder = None
        os.close(own)
        own = -1
        out = tool(path, '--clean-stale', '-d', d, '--any-prefix')
        left = sorted(os.listdir(d))
        expect = sorted(set(keep) - {'tkmap_0_0', 'tkmap_1_0',
                                     'otherpmap_0_0'})
        check(left == expect, f'after the holder died: {left}, '
              f'expected {expect}')
        check('3 stale hugepage file(s) removed' in out, out)
        return 0
    finally:
        if holder is not None:
            holder.kill()
            holder.wait()
        if own >= 0:
            os.close(own)
        if mounted:
            subprocess.run(['umount', d], check=False)
            os.rmdir(d)
        else:
            shutil.rmtree(d, ignore_errors=True)


# the child: an EAL primary with a 4-page floor, alive until stdin closes
EAL_CHILD = '''
import ctypes, sys
lib = ctypes.CDLL(sys.argv[1])
args = [a.encode() for a in ['hp-test', '--file-prefix=' + sys.argv[2],
        '--huge-dir=' + sys.argv[3], '-m', '8', '-l', '0',
        '--log-level=error']]
argv = (ctypes.c_char_p * len(args))(*args)
if lib.rte_eal_init(len(args), argv) < 0:
    print('init failed', flush=True)
    sys.exit(1)
print('ready', flush=True)
sys.stdin.read()
lib.rte_eal_cleanup()
'''


def runtime_dir(prefix):
    if os.geteuid() == 0:
        base = '/var/run'
    else:
        xdg = os.environ.get('XDG_RUNTIME_DIR', '')
        base = xdg if xdg.startswith('/') else '/tmp'
    return os.path.join(base, 'dpdk', prefix)


def test_real_eal(path, lib):
    """a live EAL keeps its files; after SIGKILL they are stale"""
    where = private_mount()
    if where is None:
        return SKIP
    d, mounted = where
    prefix = f'hptool{os.getpid()}_'
    child = None
    try:
        child = subprocess.Popen([sys.executable, '-c', EAL_CHILD, lib,
                                  prefix, d], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, text=True)
        line = child.stdout.readline().strip()
        if line != 'ready':
            print(f'EAL did not start ({line or child.wait()}): skipping '
                  'the real-EAL case')
            return SKIP
        files = sorted(os.listdir(d))
        check(len(files) == 4 and all(f.startswith(prefix + 'map_0_')
                                      for f in files), f'EAL files {files}')
        out = tool(path, '--clean-stale', '-d', d, '--any-prefix')
        check(sorted(os.listdir(d)) == files and '0 stale' in out,
              f'a live EAL lost files: {out}')
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=10)
        child = None
        check(sorted(os.listdir(d)) == files, 'SIGKILL left no files?')
        out = tool(path, '--clean-stale', '-d', d, '--prefix', prefix)
        check(os.listdir(d) == [] and '4 stale' in out,
              f'after SIGKILL: {sorted(os.listdir(d))}: {out}')
        return 0
    finally:
        if child is not None:
            child.kill()
            child.wait()
        shutil.rmtree(runtime_dir(prefix), ignore_errors=True)
        if mounted:
            subprocess.run(['umount', d], check=False)
            os.rmdir(d)
        else:
            shutil.rmtree(d, ignore_errors=True)


def main():
    if (len(sys.argv) not in (3, 4) or sys.argv[2] not in ('fast', 'huge')
            or (len(sys.argv) == 4 and sys.argv[2] != 'huge')):
        print(f'usage: {sys.argv[0]} TOOL fast|huge [LIBRTE_EAL]',
              file=sys.stderr)
        return 2
    try:
        if sys.argv[2] == 'fast':
            test_fast(sys.argv[1])
            rc = 0
        else:
            rc = test_huge(sys.argv[1])
            if rc == 0 and len(sys.argv) == 4:
                rc2 = test_real_eal(sys.argv[1], sys.argv[3])
                print('real EAL case: ' + ('skipped' if rc2 == SKIP
                                           else 'passed'))
    except Failure as e:
        print(f'FAIL: {e}', file=sys.stderr)
        return 1
    print('skipped' if rc == SKIP else 'passed')
    return rc


if __name__ == '__main__':
    sys.exit(main())
