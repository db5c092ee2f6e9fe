#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Inspect and manage hugepages for hotplug-eal (and DPDK) applications.

  dpdk-hugepages.py --show
  dpdk-hugepages.py --reserve 1G [--node 0] [--pagesize 2M]
  dpdk-hugepages.py --clear
  dpdk-hugepages.py --mount [--directory /dev/hugepages] [--pagesize 2M]
  dpdk-hugepages.py --unmount [--directory D]
  dpdk-hugepages.py --setup 1G        (clear, reserve, mount)
  dpdk-hugepages.py --clean-stale [--directory D] [--prefix P | --any-prefix]

Only the Python standard library is used. Pool sizes come from sysfs
(/sys/kernel/mm/hugepages and /sys/devices/system/node/node*/hugepages),
mounts from /proc/mounts. --root prefixes those paths (for tests).

--clean-stale follows the EAL's naming contract for hugepage files:
<prefix>map_<list> (single file per list) and <prefix>map_<list>_<seg> (one
file per page), for the prefix given (default "rte", the EAL's default
--file-prefix) or for any prefix with --any-prefix. A live process holds
flock(LOCK_SH) on each file it maps, so a matching file is removed only when
flock(LOCK_EX | LOCK_NB) on it succeeds; any other file is never touched.
While cleaning, the directory itself is locked with LOCK_EX as an
initialising EAL locks it, so the two never race.
"""

import argparse
import errno
import fcntl
import glob
import os
import re
import stat
import subprocess
import sys
import time

DEFAULT_MOUNT = '/dev/hugepages'
DEFAULT_PREFIX = 'rte'
# how long --clean-stale waits for an initialising EAL (tests shorten it)
DIR_LOCK_TIMEOUT_S = float(os.environ.get('HPEAL_TEST_DIR_LOCK_TIMEOUT', '10'))
HUGEFILE_RE = re.compile(r'^(?P<prefix>.*?)map_[0-9]+(_[0-9]+)?$')
UNITS = {'': 1, 'K': 1 << 10, 'M': 1 << 20, 'G': 1 << 30, 'T': 1 << 40}


class ToolError(Exception):
    """an error that ends the program with one message"""


def parse_size(text):
    """'2M', '1G', '512k', '4096' (bytes) -> bytes"""
    m = re.fullmatch(r'\s*([0-9]+)\s*([kKmMgGtT]?)[iI]?[bB]?\s*', text)
    if m is None:
        raise ToolError(f"bad size '{text}': expected e.g. 512M, 2G, 1048576")
    value = int(m.group(1)) * UNITS[m.group(2).upper()]
    if value == 0:
        raise ToolError(f"bad size '{text}': must not be zero")
    return value


def fmt_size(nbytes):
    """bytes -> the largest exact unit, e.g. 2048M -> '2G'"""
    for unit in ('T', 'G', 'M', 'K'):
        if nbytes >= UNITS[unit] and nbytes % UNITS[unit] == 0:
            return f'{nbytes // UNITS[unit]}{unit}'
    return f'{nbytes}'


class System:
    """the sysfs/procfs view, relative to root ('' on a real system)"""

    def __init__(self, root='', dry_run=False):
        self.root = root
        self.dry_run = dry_run

    def path(self, p):
        return self.root + p

    def read_int(self, p):
        with open(self.path(p), encoding='ascii') as f:
            return int(f.read().strip())

    def write_int(self, p, value):
        if self.dry_run:
            print(f'would write {value} to {p}')
            return
        try:
            with open(self.path(p), 'w', encoding='ascii') as f:
                f.write(f'{value}\n')
        except OSError as e:
            raise ToolError(f'cannot write {p}: {e.strerror}'
                            + (' (run as root)' if e.errno in
                               (errno.EACCES, errno.EPERM) else '')) from e

    def page_sizes(self):
        """supported page sizes in bytes, ascending"""
        sizes = []
        pattern = self.path('/sys/kernel/mm/hugepages/hugepages-*kB')
        for d in glob.glob(pattern):
            sizes.append(int(d.rsplit('-', 1)[1][:-2]) * 1024)
        return sorted(sizes)

    def default_page_size(self):
        try:
            with open(self.path('/proc/meminfo'), encoding='ascii') as f:
                for line in f:
                    if line.startswith('Hugepagesize:'):
                        return int(line.split()[1]) * 1024
        except OSError:
            pass
        sizes = self.page_sizes()
        return sizes[0] if sizes else None

    def nodes(self):
        """NUMA nodes that have a hugepages directory, ascending"""
        pattern = self.path('/sys/devices/system/node/node*/hugepages')
        found = glob.glob(pattern)
        return sorted(int(re.search(r'node([0-9]+)/hugepages$', d).group(1))
                      for d in found)

    @staticmethod
    def pool_dir(size, node=None):
        leaf = f'hugepages/hugepages-{size // 1024}kB'
        if node is None:
            return f'/sys/kernel/mm/{leaf}'
        return f'/sys/devices/system/node/node{node}/{leaf}'

    def counts(self, size, node=None):
        """(reserved, free) pages of this size, machine-wide or on a node"""
        d = self.pool_dir(size, node)
        return (self.read_int(d + '/nr_hugepages'),
                self.read_int(d + '/free_hugepages'))

    def mounts(self):
        """hugetlbfs mounts as (directory, page size in bytes)"""
        result = []
        try:
            with open(self.path('/proc/mounts'), encoding='utf-8') as f:
                lines = f.readlines()
        except OSError:
            return result
        for line in lines:
            fields = line.split()
            if len(fields) < 4 or fields[2] != 'hugetlbfs':
                continue
            size = self.default_page_size()
            for opt in fields[3].split(','):
                if opt.startswith('pagesize='):
                    size = parse_size(opt[len('pagesize='):])
            # /proc/mounts escapes blanks as octal
            directory = re.sub(r'\\([0-7]{3})',
                               lambda m: chr(int(m.group(1), 8)), fields[1])
            result.append((directory, size))
        return result


def check_page_size(system, text):
    sizes = system.page_sizes()
    if not sizes:
        raise ToolError('this kernel offers no hugepages '
                        '(no /sys/kernel/mm/hugepages)')
    size = parse_size(text) if text else system.default_page_size()
    if size not in sizes:
        raise ToolError(f"page size {fmt_size(size)} not supported; "
                        f"choose one of {', '.join(map(fmt_size, sizes))}")
    return size


def show(system):
    sizes = system.page_sizes()
    if not sizes:
        print('no hugepage support in this kernel')
        return
    nodes = system.nodes()
    print(f"{'Node':<6}{'Pages':>8}{'Free':>8}{'Size':>7}{'Total':>10}")
    for size in sizes:
        for node in nodes or [None]:
            try:
                reserved, free = system.counts(size, node)
            except OSError:
                continue
            label = 'any' if node is None else str(node)
            total = fmt_size(reserved * size) if reserved else '0'
            print(f'{label:<6}{reserved:>8}{free:>8}{fmt_size(size):>7}'
                  f'{total:>10}')
    mounts = system.mounts()
    print()
    if not mounts:
        print('Hugetlbfs mounts: none')
        return
    print('Hugetlbfs mounts:')
    for directory, size in mounts:
        print(f'  {directory}  pagesize={fmt_size(size)}')


def reserve(system, size_text, node, pagesize_text):
    page = check_page_size(system, pagesize_text)
    want = parse_size(size_text)
    if want % page:
        raise ToolError(f'{size_text} is not a multiple of the '
                        f'{fmt_size(page)} page size')
    if node is not None and node not in system.nodes():
        raise ToolError(f'no NUMA node {node} (nodes: '
                        f"{', '.join(map(str, system.nodes())) or 'none'})")
    pages = want // page
    path = System.pool_dir(page, node) + '/nr_hugepages'
    system.write_int(path, pages)
    if system.dry_run:
        return
    got = system.read_int(path)
    if got < pages:
        raise ToolError(f'asked for {pages} pages of {fmt_size(page)}, the '
                        f'kernel reserved {got} (memory too fragmented?)')


def clear(system):
    for size in system.page_sizes():
        for node in system.nodes() or [None]:
            system.write_int(System.pool_dir(size, node) + '/nr_hugepages', 0)


def run(system, argv):
    if system.dry_run:
        print('would run ' + ' '.join(argv))
        return
    res = subprocess.run(argv, capture_output=True, text=True, check=False)
    if res.returncode != 0:
        raise ToolError(f"{' '.join(argv)}: {res.stderr.strip()}")


def mount(system, directory, pagesize_text):
    page = check_page_size(system, pagesize_text)
    for mdir, msize in system.mounts():
        if os.path.realpath(mdir) == os.path.realpath(directory):
            if msize != page:
                raise ToolError(f'{directory} is already a hugetlbfs mount '
                                f'with page size {fmt_size(msize)}')
            return
    if not system.dry_run:
        os.makedirs(directory, exist_ok=True)
    run(system, ['mount', '-t', 'hugetlbfs', '-o',
                 f'pagesize={fmt_size(page)}', 'nodev', directory])


def unmount(system, directory):
    targets = [d for d, _ in system.mounts()]
    if directory is not None:
        real = os.path.realpath(directory)
        targets = [d for d in targets if os.path.realpath(d) == real]
        if not targets:
            raise ToolError(f'{directory} is not a hugetlbfs mount')
    for d in reversed(targets):
        run(system, ['umount', d])


def remove_if_stale(dirfd, name):
    """True when name was a file of a dead process and is now gone"""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
                     | os.O_NONBLOCK, dir_fd=dirfd)
    except OSError:
        return False            # gone meanwhile, a symlink, or not ours
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            return False
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False        # a live process holds it
        # the name must still be the inode we locked
        now = os.stat(name, dir_fd=dirfd, follow_symlinks=False)
        if (now.st_dev, now.st_ino) != (st.st_dev, st.st_ino):
            return False
        os.unlink(name, dir_fd=dirfd)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def lock_dir(dirfd, directory, timeout_s=DIR_LOCK_TIMEOUT_S):
    """LOCK_EX on the directory, as an initialising EAL takes it"""
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            fcntl.flock(dirfd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise ToolError(f'{directory} stays locked (an EAL '
                                'initialising?); try again') from None
            time.sleep(0.05)
        except OSError as e:
            raise ToolError(f'cannot lock {directory}: {e.strerror}') from e


def clean_dir(directory, prefix, dry_run):
    """remove stale hugepage files in one directory; list of names removed"""
    try:
        dirfd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY
                        | os.O_CLOEXEC)
    except OSError as e:
        raise ToolError(f'cannot open {directory}: {e.strerror}') from e
    removed = []
    try:
        lock_dir(dirfd, directory)
        for name in sorted(os.listdir(dirfd)):
            m = HUGEFILE_RE.match(name)
            if m is None or (prefix is not None
                             and m.group('prefix') != prefix):
                continue
            if dry_run:
                if is_stale(dirfd, name):
                    removed.append(name)
            elif remove_if_stale(dirfd, name):
                removed.append(name)
    finally:
        os.close(dirfd)
    return removed


def is_stale(dirfd, name):
    """the test of remove_if_stale without removing anything"""
    try:
        fd = os.open(name, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC
                     | os.O_NONBLOCK, dir_fd=dirfd)
    except OSError:
        return False
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return False
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def clean_stale(system, directory, prefix):
    dirs = [directory] if directory else [d for d, _ in system.mounts()]
    if not dirs:
        raise ToolError('no hugetlbfs mounts; give --directory')
    total = 0
    for d in dirs:
        for name in clean_dir(d, prefix, system.dry_run):
            verb = 'would remove' if system.dry_run else 'removed'
            print(f'{verb} {os.path.join(d, name)}')
            total += 1
    print(f'{total} stale hugepage file(s)'
          + (' found' if system.dry_run else ' removed'))


def parse_args(argv):
    p = argparse.ArgumentParser(
        description='Show, reserve, mount and clean up hugepages.',
        epilog='SIZE and PAGESIZE take K/M/G suffixes, e.g. 512M, 1G, 2M.')
    act = p.add_argument_group('actions (any combination, done in the '
                               'order clear, reserve, mount, unmount, '
                               'clean-stale, show)')
    act.add_argument('-s', '--show', action='store_true',
                     help='print page sizes, per-node pools and mounts')
    act.add_argument('-c', '--clear', action='store_true',
                     help='release every reserved hugepage')
    act.add_argument('-r', '--reserve', metavar='SIZE',
                     help='reserve SIZE bytes of hugepages')
    act.add_argument('-m', '--mount', action='store_true',
                     help='mount hugetlbfs on the directory')
    act.add_argument('-u', '--unmount', action='store_true',
                     help='unmount hugetlbfs (every mount, or --directory)')
    act.add_argument('--setup', metavar='SIZE',
                     help='the same as --clear --reserve SIZE --mount')
    act.add_argument('--clean-stale', action='store_true',
                     help='remove hugepage files of dead processes')
    p.add_argument('-n', '--node', type=int,
                   help='NUMA node for --reserve (default: kernel spreads)')
    p.add_argument('-p', '--pagesize', metavar='PAGESIZE',
                   help='page size (default: the kernel default)')
    p.add_argument('-d', '--directory', metavar='DIR',
                   help=f'mount point (default {DEFAULT_MOUNT} for --mount; '
                        'every hugetlbfs mount for --unmount/--clean-stale)')
    p.add_argument('--prefix', metavar='P',
                   help='--clean-stale: files of this --file-prefix '
                        f'(default {DEFAULT_PREFIX})')
    p.add_argument('--any-prefix', action='store_true',
                   help='--clean-stale: files of every prefix')
    p.add_argument('--dry-run', action='store_true',
                   help='say what would change, change nothing')
    p.add_argument('--root', default='', help=argparse.SUPPRESS)
    args = p.parse_args(argv)
    if not (args.show or args.clear or args.reserve or args.mount
            or args.unmount or args.setup or args.clean_stale):
        p.error('nothing to do: give --show, --reserve, --clear, --mount, '
                '--unmount, --setup or --clean-stale')
    if args.setup and (args.reserve or args.clear or args.mount):
        p.error('--setup already means --clear --reserve --mount')
    if args.node is not None and not (args.reserve or args.setup):
        p.error('--node applies to --reserve and --setup only')
    if args.node is not None and args.node < 0:
        p.error('--node must be 0 or more')
    if (args.prefix is not None or args.any_prefix) and not args.clean_stale:
        p.error('--prefix and --any-prefix apply to --clean-stale only')
    if args.prefix is not None and args.any_prefix:
        p.error('--prefix and --any-prefix exclude each other')
    if args.prefix is not None and '/' in args.prefix:
        p.error('--prefix must not contain /')
    if args.clean_stale and not args.any_prefix and args.prefix is None:
        args.prefix = DEFAULT_PREFIX
    return args


def main(argv):
    args = parse_args(argv)
    system = System(args.root, args.dry_run)
    if args.setup:
        args.clear, args.reserve, args.mount = True, args.setup, True
    try:
        if args.clear:
            clear(system)
        if args.reserve:
            reserve(system, args.reserve, args.node, args.pagesize)
        if args.mount:
            mount(system, args.directory or DEFAULT_MOUNT, args.pagesize)
        if args.unmount:
            unmount(system, args.directory)
        if args.clean_stale:
            clean_stale(system, args.directory, args.prefix)
        if args.show:
            show(system)
    except ToolError as e:
        print(f'dpdk-hugepages.py: {e}', file=sys.stderr)
        return 1
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
