"""ESC/POS byte stream → operations, incrementally, never raising.

The simulator feeds it whatever a TCP client sends (so hostile or truncated input is normal) and
the renderer draws from its output. Every command length is computed from the bytes already
seen; when a command is incomplete the parser waits for more (``feed``) or reports the tail as
``unknown`` (``close``). Declared data lengths above ``MAX_DATA`` are not believed: the header
is reported as unknown and parsing resumes after it, so a forged length cannot make the
simulator buffer gigabytes.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

MAX_DATA = 4 * 1024 * 1024

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10


@dataclass(frozen=True)
class Op:
    """One parsed command. ``kind`` names it; ``value``/``value2``/``data``/``text`` carry args.

    Kinds: text, lf, feed (lines), feed_dots, init, align, bold, underline, size (GS ! byte),
    print_mode (ESC ! byte), chinese (1/0), line_spacing (-1 = default), qr_size, qr_ec (0-3 for
    L/M/Q/H), qr_store (data), qr_print, raster (value=width in bytes, value2=height, data),
    barcode (value=m, data), barcode_height, barcode_width, barcode_hri, cut (value=1 partial),
    status (value=n), gs_paren (other GS ( functions), unknown (data).
    """

    kind: str
    value: int = 0
    value2: int = 0
    data: bytes = b""
    text: str = ""
    end: int = 0
    """Offset in the whole stream just after this command (to slice the raw bytes of a job)."""


_NEED_MORE = object()

# Fixed-length ESC commands: total length including ESC and the command byte.
_ESC_FIXED = {
    ord("@"): 2,
    ord("2"): 2,
    ord("<"): 2,
    ord("i"): 2,
    ord("m"): 2,
    ord("L"): 2,
    ord("S"): 2,
    ord("a"): 3,
    ord("E"): 3,
    ord("G"): 3,
    ord("-"): 3,
    ord("!"): 3,
    ord("d"): 3,
    ord("J"): 3,
    ord("3"): 3,
    ord("t"): 3,
    ord("M"): 3,
    ord("V"): 3,
    ord("R"): 3,
    ord("{"): 3,
    ord("="): 3,
    ord(" "): 3,
    ord("U"): 3,
    ord("T"): 3,
    ord("r"): 3,
    ord("e"): 3,
    ord("K"): 3,
    ord("%"): 3,
    ord("$"): 4,
    ord("\\"): 4,
    ord("c"): 4,
    ord("p"): 5,
    ord("W"): 10,
}
_GS_FIXED = {
    ord("!"): 3,
    ord("h"): 3,
    ord("w"): 3,
    ord("H"): 3,
    ord("f"): 3,
    ord("B"): 3,
    ord("a"): 3,
    ord("r"): 3,
    ord("I"): 3,
    ord("b"): 3,
    ord("/"): 3,
    ord("^"): 5,
    ord(":"): 2,
    ord("L"): 4,
    ord("W"): 4,
    ord("P"): 4,
    ord("$"): 4,
    ord("\\"): 4,
    ord("T"): 3,
    ord("g"): 4,
}
_FS_FIXED = {
    ord("&"): 2,
    ord("."): 2,
    ord("!"): 3,
    ord("-"): 3,
    ord("W"): 3,
    ord("S"): 4,
    ord("C"): 3,
    ord("p"): 4,
    ord("?"): 3,
    ord("U"): 3,
}


def _gb_char_len(buf: bytes | bytearray, i: int) -> int:
    """Bytes in the GB18030 character starting at ``i`` (1, 2 or 4); 0 if more bytes are needed."""
    b = buf[i]
    if b < 0x81 or b == 0xFF:
        return 1
    if i + 1 >= len(buf):
        return 0
    if 0x30 <= buf[i + 1] <= 0x39:
        return 4 if i + 3 < len(buf) else 0
    return 2


class EscPosParser:
    """Stateful, incremental parser; tracks Chinese mode because it changes how text decodes."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._consumed = 0
        self.chinese = False

    def feed(self, data: bytes) -> list[Op]:
        self._buf += data
        return self._run(final=False)

    def close(self) -> list[Op]:
        """Flush: whatever incomplete command remains is reported as ``unknown``."""
        ops = self._run(final=True)
        if self._buf:
            self._consumed += len(self._buf)
            ops.append(Op("unknown", data=bytes(self._buf), end=self._consumed))
            self._buf.clear()
        return ops

    @property
    def pending(self) -> int:
        return len(self._buf)

    def _run(self, final: bool) -> list[Op]:
        ops: list[Op] = []
        buf = self._buf
        i = 0
        n = len(buf)
        while i < n:
            try:
                res = self._one(buf, i, final)
            except Exception:  # pragma: no cover - defensive: the parser must never raise
                res = (i + 1, Op("unknown", data=bytes(buf[i : i + 1])))
            if res is _NEED_MORE:
                break
            assert isinstance(res, tuple)
            nxt, op = res
            i = max(nxt, i + 1)
            if op is not None:
                ops.append(replace(op, end=self._consumed + i))
        del buf[:i]
        self._consumed += i
        return ops

    def _one(self, buf: bytearray, i: int, final: bool) -> object:
        b = buf[i]
        n = len(buf)
        if b >= 0x20 and b != 0x7F:
            return self._text(buf, i, final)
        if b == 0x0A:
            return i + 1, Op("lf")
        if b == 0x0C:
            return i + 1, Op("lf")
        if b == 0x09:
            return i + 1, Op("text", text=" ")
        if b in (ESC, GS, FS, DLE):
            if i + 1 >= n:
                return _NEED_MORE
            if b == ESC:
                return self._esc(buf, i)
            if b == GS:
                return self._gs(buf, i)
            if b == FS:
                return self._fs(buf, i)
            return self._dle(buf, i)
        return i + 1, None  # CR, NUL and other controls: no visible effect

    def _text(self, buf: bytearray, i: int, final: bool) -> object:
        j = i
        n = len(buf)
        while j < n:
            b = buf[j]
            if b < 0x20 or b == 0x7F:
                break
            if self.chinese and b >= 0x81:
                ln = _gb_char_len(buf, j)
                if ln == 0:
                    if final:
                        j = n
                        break
                    if j == i:
                        return _NEED_MORE
                    break
                # A trail byte that is a control byte means a broken character: stop there.
                if any(x < 0x20 for x in buf[j + 1 : j + ln]):
                    j += 1
                    continue
                j += ln
            else:
                j += 1
        raw = bytes(buf[i:j])
        text = raw.decode("gb18030", errors="replace") if self.chinese else raw.decode("cp437")
        return j, Op("text", text=text)

    def _esc(self, buf: bytearray, i: int) -> object:
        c = buf[i + 1]
        n = len(buf)
        if c == ord("*"):  # ESC * m nL nH d…: column bit image
            if i + 4 >= n:
                return _NEED_MORE
            m = buf[i + 2]
            k = (buf[i + 3] + 256 * buf[i + 4]) * (3 if m in (32, 33) else 1)
            return self._with_data(buf, i, 5, k, Op("unknown"))
        if c == ord("D"):  # ESC D n1 … NUL: tab stops, at most 32
            for j in range(i + 2, min(n, i + 35)):
                if buf[j] == 0:
                    return j + 1, None
            return _NEED_MORE if n < i + 35 else (i + 35, None)
        ln = _ESC_FIXED.get(c)
        if ln is None:
            return i + 2, Op("unknown", data=bytes(buf[i : i + 2]))
        if i + ln > n:
            return _NEED_MORE
        arg = buf[i + 2] if ln >= 3 else 0
        end = i + ln
        if c == ord("@"):
            self.chinese = False
            return end, Op("init")
        simple = {
            ord("a"): "align",
            ord("E"): "bold",
            ord("G"): "bold",
            ord("-"): "underline",
            ord("!"): "print_mode",
            ord("d"): "feed",
            ord("J"): "feed_dots",
            ord("3"): "line_spacing",
        }
        if c in simple:
            kind = simple[c]
            if kind in ("bold",):
                arg = arg & 1
            if kind == "align":
                arg = arg % 48 if arg >= 48 else arg
            return end, Op(kind, value=arg)
        if c == ord("2"):
            return end, Op("line_spacing", value=-1)
        if c in (ord("i"), ord("m")):
            return end, Op("cut", value=1 if c == ord("m") else 0)
        return end, None

    def _gs(self, buf: bytearray, i: int) -> object:
        c = buf[i + 1]
        n = len(buf)
        if c == ord("V"):  # GS V m [n]
            if i + 2 >= n:
                return _NEED_MORE
            m = buf[i + 2]
            ln = 4 if m in (65, 66, 97, 98, 103, 104) else 3
            if i + ln > n:
                return _NEED_MORE
            return i + ln, Op("cut", value=1 if m in (1, 49, 66, 98, 104) else 0)
        if c == ord("v"):  # GS v 0 m xL xH yL yH d…
            if i + 7 >= n:
                return _NEED_MORE
            if buf[i + 2] != ord("0"):
                return i + 3, Op("unknown", data=bytes(buf[i : i + 3]))
            wb = buf[i + 4] + 256 * buf[i + 5]
            h = buf[i + 6] + 256 * buf[i + 7]
            return self._with_data(buf, i, 8, wb * h, Op("raster", value=wb, value2=h))
        if c == ord("("):  # GS ( fn pL pH …
            if i + 4 >= n:
                return _NEED_MORE
            fn = buf[i + 2]
            plen = buf[i + 3] + 256 * buf[i + 4]
            res = self._with_data(buf, i, 5, plen, Op("gs_paren", value=fn))
            if isinstance(res, tuple) and res[1].kind == "gs_paren" and fn == ord("k"):
                return res[0], _qr_op(res[1].data)
            return res
        if c == ord("8"):  # GS 8 L p1 p2 p3 p4 …
            if i + 6 >= n:
                return _NEED_MORE
            plen = int.from_bytes(buf[i + 3 : i + 7], "little")
            return self._with_data(buf, i, 7, plen, Op("unknown"))
        if c == ord("k"):
            return self._barcode(buf, i)
        if c == ord("*"):  # GS * x y d1…d(x*y*8)
            if i + 3 >= n:
                return _NEED_MORE
            return self._with_data(buf, i, 4, buf[i + 2] * buf[i + 3] * 8, Op("unknown"))
        gln = _GS_FIXED.get(c)
        if gln is None:
            return i + 2, Op("unknown", data=bytes(buf[i : i + 2]))
        ln = gln
        if i + ln > n:
            return _NEED_MORE
        arg = buf[i + 2] if ln >= 3 else 0
        kinds = {
            ord("!"): "size",
            ord("h"): "barcode_height",
            ord("w"): "barcode_width",
            ord("H"): "barcode_hri",
        }
        if c in kinds:
            return i + ln, Op(kinds[c], value=arg)
        return i + ln, None

    def _barcode(self, buf: bytearray, i: int) -> object:
        n = len(buf)
        if i + 2 >= n:
            return _NEED_MORE
        m = buf[i + 2]
        if m <= 6:  # function A: NUL-terminated
            j = buf.find(0, i + 3, i + 3 + 256)
            if j < 0:
                if n >= i + 3 + 256:
                    return i + 3, Op("unknown", data=bytes(buf[i : i + 3]))
                return _NEED_MORE
            return j + 1, Op("barcode", value=m, data=bytes(buf[i + 3 : j]))
        if i + 3 >= n:
            return _NEED_MORE
        k = buf[i + 3]
        if i + 4 + k > n:
            return _NEED_MORE
        return i + 4 + k, Op("barcode", value=m, data=bytes(buf[i + 4 : i + 4 + k]))

    def _fs(self, buf: bytearray, i: int) -> object:
        c = buf[i + 1]
        ln = _FS_FIXED.get(c)
        if ln is None:
            return i + 2, Op("unknown", data=bytes(buf[i : i + 2]))
        if i + ln > len(buf):
            return _NEED_MORE
        if c == ord("&"):
            self.chinese = True
            return i + ln, Op("chinese", value=1)
        if c == ord("."):
            self.chinese = False
            return i + ln, Op("chinese", value=0)
        return i + ln, None

    def _dle(self, buf: bytearray, i: int) -> object:
        c = buf[i + 1]
        n = len(buf)
        if c in (0x04, 0x05):  # DLE EOT n / DLE ENQ n
            if i + 2 >= n:
                return _NEED_MORE
            if c == 0x04:
                return i + 3, Op("status", value=buf[i + 2])
            return i + 3, None
        if c == 0x14:  # DLE DC4 fn m t
            if i + 4 >= n:
                return _NEED_MORE
            return i + 5, None
        return i + 2, Op("unknown", data=bytes(buf[i : i + 2]))

    def _with_data(self, buf: bytearray, i: int, head: int, k: int, op: Op) -> object:
        if k > MAX_DATA:
            return i + head, Op("unknown", data=bytes(buf[i : i + head]))
        if i + head + k > len(buf):
            return _NEED_MORE
        data = bytes(buf[i + head : i + head + k])
        return i + head + k, Op(op.kind, value=op.value, value2=op.value2, data=data)


def _qr_op(data: bytes) -> Op:
    """GS ( k with cn=49 (QR): model, module size, error level, store, print."""
    if len(data) < 2 or data[0] != 49:
        return Op("unknown", data=data[:8])
    fn = data[1]
    arg = data[2] if len(data) > 2 else 0
    if fn == 67:
        return Op("qr_size", value=arg)
    if fn == 69:
        return Op("qr_ec", value=max(0, min(3, arg - 48)))
    if fn == 80:
        return Op("qr_store", data=data[3:])
    if fn == 81:
        return Op("qr_print")
    return Op("gs_paren", value=fn, data=data[:8])


def parse(data: bytes) -> list[Op]:
    """All operations in a complete byte string (the tail of a cut-off command as unknown)."""
    p = EscPosParser()
    return p.feed(data) + p.close()
