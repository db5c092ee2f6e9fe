/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libFuzzer target for the IPC message decoder (mp_wire_decode).
 *
 * Input layout: byte 0 holds the receive-side facts the kernel would
 * report (bit 0 credentials present, bit 1 sender uid differs, bit 2
 * truncated; bit 3 zero-pads or cuts the rest to the exact wire size, so
 * that the header checks are reached quickly), byte 1 the number of fds
 * received (mod 9), the rest is the datagram. Whatever the input, a
 * datagram the decoder accepts must obey every rule the channel relies on,
 * and must survive encode/decode unchanged; anything else traps.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "eal_mp.h"

#define FUZZ_UID 1000

static void
fuzz_check_valid(const struct mp_decoded *d, const struct mp_rx *rx)
{
	size_t n = strnlen(d->msg.name, sizeof(d->msg.name));
	struct mp_decoded again;
	struct mp_wire w;
	struct mp_rx rx2;

	if (rx->len != sizeof(struct mp_wire) || rx->truncated ||
			!rx->has_cred || rx->uid != FUZZ_UID)
		__builtin_trap();
	if (n == 0 || n >= sizeof(d->msg.name))
		__builtin_trap();
	if (d->msg.len_param < 0 || d->msg.len_param > RTE_MP_MAX_PARAM_LEN)
		__builtin_trap();
	if (d->msg.num_fds != rx->nb_fds)
		__builtin_trap();
	if (d->type < MP_WIRE_MSG || d->type > MP_WIRE_IGN)
		__builtin_trap();
	if (d->type != MP_WIRE_MSG && d->req_id == 0)
		__builtin_trap();

	mp_wire_encode(&w, d->type, d->req_id, &d->msg);
	rx2 = *rx;
	rx2.buf = &w;
	if (mp_wire_decode(&rx2, FUZZ_UID, &again) != NULL)
		__builtin_trap();
	if (again.type != d->type || again.req_id != d->req_id ||
			memcmp(&again.msg, &d->msg, sizeof(d->msg)) != 0)
		__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int fds[RTE_MP_MAX_FD_NUM] = { 3, 4, 5, 6, 7, 8, 9, 10 };
	uint8_t padded[sizeof(struct mp_wire)];
	struct mp_decoded d;
	struct mp_rx rx;

	if (size < 2)
		return 0;
	memset(&rx, 0, sizeof(rx));
	rx.has_cred = (data[0] & 1) != 0;
	rx.uid = (data[0] & 2) != 0 ? FUZZ_UID + 1 : FUZZ_UID;
	rx.truncated = (data[0] & 4) != 0;
	rx.nb_fds = data[1] % (RTE_MP_MAX_FD_NUM + 1);
	rx.fds = fds;
	rx.buf = data + 2;
	rx.len = size - 2;
	if ((data[0] & 8) != 0) {
		memset(padded, 0, sizeof(padded));
		memcpy(padded, data + 2, rx.len < sizeof(padded) ?
			rx.len : sizeof(padded));
		rx.buf = padded;
		rx.len = sizeof(padded);
	}
	if (mp_wire_decode(&rx, FUZZ_UID, &d) == NULL)
		fuzz_check_valid(&d, &rx);
	return 0;
}
