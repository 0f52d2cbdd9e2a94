"""Reading an untrusted bundle stream within limits, before anything in it is believed.

A bundle comes on a USB stick anyone may have handed the technician. ``tarfile`` alone reads a
pax extended header or a GNU long name into memory whatever size it declares (a 611 KB bundle
with a 600 MiB pax header took 2 GB), keeps every member header it has seen in a list, and
``gzip`` decompresses whatever follows the archive (4 GiB of zeros after a valid bundle took 13 s
and was accepted). ``open_stream`` closes those doors:

- one gzip member, decompressed through ``zlib`` with a cap on the total bytes out
  (``max_unpacked``) and its trailer checked; any byte after it — another gzip member, padding,
  garbage — is refused by name ("data after the end of the archive");
- every tar header is counted (``MAX_MEMBERS``) and extended headers are refused above
  ``MAX_HEADER_BYTES`` before they are read; sparse files are refused;
- after the tar's end marker only its zero padding may follow.

Each refusal is a ``ProvisionError`` that names what was wrong; nothing here can end in a
``MemoryError``. ``bundle.read_bundle`` (verify, apply) and ``usb.peek`` (the technician panel's
scan, inside the kiosk process) both read through it.
"""

from __future__ import annotations

import tarfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.errors import ProvisionError

_CHUNK = 256 * 1024
# tar's own overhead on top of the files: a header block and padding per member, the end
# marker and the record padding
_OVERHEAD_PER_MEMBER = 3 * tarfile.BLOCKSIZE
_EXTENDED = {
    tarfile.XHDTYPE: "a pax extended header",
    tarfile.XGLTYPE: "a pax global header",
    tarfile.SOLARIS_XHDTYPE: "a pax extended header",
    tarfile.GNUTYPE_LONGNAME: "a GNU long name",
    tarfile.GNUTYPE_LONGLINK: "a GNU long link name",
}


class _Gunzip:
    """A read-only file over one gzip member: at most ``cap`` bytes out, nothing after it."""

    def __init__(self, raw: IO[bytes], cap: int, what: str = "bundle") -> None:
        self._raw = raw
        self._cap = cap
        self.what = what
        self._z = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # gzip, header and trailer
        self._buf = b""
        self.out = 0  # decompressed bytes handed out so far

    def _fill(self, want: int) -> None:
        while len(self._buf) < want and not self._z.eof:
            data = self._z.unconsumed_tail or self._raw.read(_CHUNK)
            if not data:
                raise ProvisionError(
                    f"the {self.what} is truncated or corrupt (the compressed stream ends early)"
                )
            try:
                more = self._z.decompress(data, max(want - len(self._buf), _CHUNK))
            except zlib.error as exc:
                raise ProvisionError(f"the {self.what} is truncated or corrupt ({exc})") from None
            self.out += len(more)
            if self.out > self._cap:
                raise ProvisionError(f"the {self.what} unpacks to more than {self._cap} bytes")
            self._buf += more
        if self._z.eof and (self._z.unused_data or self._raw.read(1)):
            raise ProvisionError(f"the {self.what} has data after the end of the archive")

    def read(self, n: int = -1) -> bytes:
        if n is None or n < 0:
            raise ProvisionError("internal: unbounded read of a bundle")  # tarfile never asks
        self._fill(n)
        out, self._buf = self._buf[:n], self._buf[n:]
        return out

    def end_of_archive(self) -> None:
        """After the tar's end marker: zeros up to a record, then the end of the stream."""
        seen = 0
        while chunk := self.read(_CHUNK):
            seen += len(chunk)
            if seen > tarfile.RECORDSIZE or chunk.count(0) != len(chunk):
                raise ProvisionError(f"the {self.what} has data after the end of the archive")


class _Counted(tarfile.TarInfo):
    """A TarInfo that refuses what tarfile would otherwise read whole, before reading it."""

    members = 0  # per open_stream: a fresh subclass each time
    what = "bundle"

    def _proc_member(self, tarfile_: tarfile.TarFile):  # type: ignore[no-untyped-def]
        cls = type(self)
        cls.members += 1
        if cls.members > m.MAX_MEMBERS:
            raise ProvisionError(f"the {cls.what} has more than {m.MAX_MEMBERS} entries")
        kind = _EXTENDED.get(self.type)
        if kind is not None and self.size > m.MAX_HEADER_BYTES:
            raise ProvisionError(
                f"the {cls.what} holds {kind} of {self.size} bytes (at most {m.MAX_HEADER_BYTES})"
            )
        if self.type == tarfile.GNUTYPE_SPARSE:
            raise ProvisionError(f"the {cls.what} holds a sparse file")
        return super()._proc_member(tarfile_)  # type: ignore[misc]  # private, stable since 2.x


@contextmanager
def open_stream(
    fh: IO[bytes], max_unpacked: int, what: str = "bundle"
) -> Iterator[tuple[tarfile.TarFile, _Gunzip]]:
    """The archive's tar, read as a stream; ``max_unpacked``: bytes of member data allowed;
    ``what`` names it in messages ("bundle", "release").

    A reader of the whole bundle calls ``gz.end_of_archive()`` after the last member; a peek at
    the first member leaves the rest unread.
    """
    cap = max_unpacked + (m.MAX_MEMBERS + 2) * _OVERHEAD_PER_MEMBER + tarfile.RECORDSIZE
    gz = _Gunzip(fh, cap, what)
    info = type("_Members", (_Counted,), {"members": 0, "what": what})
    try:
        with tarfile.open(fileobj=gz, mode="r|", tarinfo=info) as tar:  # type: ignore[call-overload]
            yield tar, gz
    except (tarfile.TarError, EOFError) as exc:
        raise ProvisionError(f"the {what} is truncated or corrupt ({exc})") from None
