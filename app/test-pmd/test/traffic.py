#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Known UDP frames through real interfaces and pcap files, for the fwd
suite.

    traffic.py send IFACE DST_MAC COUNT RUN_ID
    traffic.py recv IFACE COUNT RUN_ID READY_FILE TIMEOUT_S
    traffic.py pcap-write FILE COUNT RUN_ID     (COUNT 0: header only)
    traffic.py pcap-compare IN OUT

Both ends use AF_PACKET raw sockets (no scapy needed). Frame i carries a
UDP payload made only from (RUN_ID, i), with lengths that vary from frame
to frame, so the receiver can rebuild every expected payload and compare
byte for byte. recv prints one summary line and exits 0 only when every
frame arrived once, intact; pcap-compare exits 0 only when OUT holds
exactly the frames of IN, in order.
"""
import hashlib
import os
import socket
import struct
import sys
import time

ETH_P_ALL = 0x0003
ETH_P_IP = 0x0800
MAGIC = b"HPFWDT"
SRC_IP = bytes([198, 18, 1, 1])
DST_IP = bytes([198, 18, 2, 1])
UDP_PORT = 4789


def payload(run_id, seq):
    """Deterministic bytes for frame seq: header, then a hash stream."""
    head = MAGIC + struct.pack("!II", run_id, seq)
    length = 18 + (seq * 37) % 500
    out = bytearray(head)
    block = 0
    while len(out) < length:
        out += hashlib.sha256(head + struct.pack("!I", block)).digest()
        block += 1
    return bytes(out[:length])


def ip_checksum(hdr):
    total = 0
    for i in range(0, len(hdr), 2):
        total += (hdr[i] << 8) | hdr[i + 1]
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return (~total) & 0xFFFF


def frame(src_mac, dst_mac, data):
    udp = struct.pack("!HHHH", UDP_PORT, UDP_PORT, 8 + len(data), 0) + data
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64,
                     17, 0, SRC_IP, DST_IP)
    ip = ip[:10] + struct.pack("!H", ip_checksum(ip)) + ip[12:]
    return dst_mac + src_mac + struct.pack("!H", ETH_P_IP) + ip + udp


def mac_bytes(text):
    return bytes(int(x, 16) for x in text.split(":"))


def send(iface, dst_mac, count, run_id):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((iface, 0))
    src = s.getsockname()[4][:6]
    dst = mac_bytes(dst_mac)
    for seq in range(count):
        s.send(frame(src, dst, payload(run_id, seq)))
        # paced at ~1000 frames/s: the capture ring of a pcap port may hold
        # only a few hundred frames (slots sized by its snap length), and a
        # forwarding lcore on a busy machine can stall for tens of ms
        if seq % 5 == 4:
            time.sleep(0.005)
    s.close()
    print("sent %d frames on %s" % (count, iface))
    return 0


def parse(pkt, run_id):
    """(seq, udp payload) of one of our frames, else None."""
    if len(pkt) < 42 + 14 or pkt[12:14] != struct.pack("!H", ETH_P_IP):
        return None
    ihl = (pkt[14] & 0x0F) * 4
    if pkt[14 + 9] != 17:
        return None
    udp = pkt[14 + ihl:]
    ulen = struct.unpack("!H", udp[4:6])[0]
    data = udp[8:ulen]
    if data[:6] != MAGIC:
        return None
    rid, seq = struct.unpack("!II", data[6:14])
    if rid != run_id:
        return None
    return seq, data


def recv(iface, count, run_id, ready, timeout):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                      socket.htons(ETH_P_ALL))
    try:
        s.setsockopt(socket.SOL_SOCKET, 33, 16 << 20)  # SO_RCVBUFFORCE
    except OSError:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 16 << 20)
    s.bind((iface, 0))
    s.settimeout(0.5)
    open(ready, "w").close()
    seen = {}
    bad = dups = 0
    deadline = time.time() + timeout
    while len(seen) < count and time.time() < deadline:
        try:
            pkt, addr = s.recvfrom(65536)
        except socket.timeout:
            continue
        if addr[2] == socket.PACKET_OUTGOING:
            continue
        got = parse(pkt, run_id)
        if got is None:
            continue
        seq, data = got
        if seq >= count or data != payload(run_id, seq):
            bad += 1
        elif seq in seen:
            dups += 1
        else:
            seen[seq] = True
    # late duplicates would show up now
    end = time.time() + 0.5
    while time.time() < end:
        try:
            pkt, addr = s.recvfrom(65536)
        except socket.timeout:
            break
        got = None if addr[2] == socket.PACKET_OUTGOING else \
            parse(pkt, run_id)
        if got is not None:
            if got[1] != payload(run_id, got[0]):
                bad += 1
            else:
                dups += 1
    missing = count - len(seen)
    print("received %d of %d frames intact on %s: %d missing, %d "
          "corrupted, %d duplicated" % (len(seen), count, iface, missing,
                                         bad, dups))
    return 0 if missing == 0 and bad == 0 and dups == 0 else 1


PCAP_HDR = struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1)


def pcap_write(path, count, run_id):
    src = bytes([0x02, 0, 0, 0, 0, 0xAA])
    dst = bytes([0x02, 0, 0, 0, 0, 0xBB])
    with open(path, "wb") as f:
        f.write(PCAP_HDR)
        for seq in range(count):
            fr = frame(src, dst, payload(run_id, seq))
            f.write(struct.pack("<IIII", seq, 0, len(fr), len(fr)) + fr)
    print("wrote %d frames to %s" % (count, path))
    return 0


def pcap_read(path):
    with open(path, "rb") as f:
        data = f.read()
    magic = struct.unpack("<I", data[:4])[0]
    end = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
    frames, off = [], 24
    while off + 16 <= len(data):
        caplen = struct.unpack(end + "IIII", data[off:off + 16])[2]
        frames.append(data[off + 16:off + 16 + caplen])
        off += 16 + caplen
    return frames


def pcap_compare(path_in, path_out):
    a, b = pcap_read(path_in), pcap_read(path_out)
    same = sum(1 for x, y in zip(a, b) if x == y)
    print("%s: %d frames, %s: %d frames, %d identical in order"
          % (path_in, len(a), path_out, len(b), same))
    return 0 if len(a) == len(b) == same and a else 1


def main(argv):
    if len(argv) == 5 and argv[1] == "pcap-write":
        return pcap_write(argv[2], int(argv[3]), int(argv[4]))
    if len(argv) == 4 and argv[1] == "pcap-compare":
        return pcap_compare(argv[2], argv[3])
    if len(argv) == 6 and argv[1] == "send":
        return send(argv[2], argv[3], int(argv[4]), int(argv[5]))
    if len(argv) == 7 and argv[1] == "recv":
        return recv(argv[2], int(argv[3]), int(argv[4]), argv[5],
                    float(argv[6]))
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
