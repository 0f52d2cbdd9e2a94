"""Issue 13, finding 6: bundle bombs. Each bundle is crafted as an attacker would (a 600 MiB pax
header in a 600 KB file, a GNU long name as large, gzip zeros after a valid bundle, tens of
thousands of entries) and must be refused by name, quickly and in little memory — in verify and
apply, and in the technician panel's USB scan that runs inside the kiosk process."""

from __future__ import annotations

import tarfile
import time
import tracemalloc
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.bundle import read_bundle
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.usb import find_bundles, peek

from .conftest import Kit

MiB = 1024 * 1024


def gzip_of(parts: Iterator[bytes]) -> bytes:
    z = zlib.compressobj(6, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    return b"".join(z.compress(p) for p in parts) + z.flush()


def zeros(n: int) -> Iterator[bytes]:
    block = bytes(MiB)
    while n > 0:
        yield block[: min(n, MiB)]
        n -= MiB


def header(name: str, type_: bytes, size: int) -> bytes:
    info = tarfile.TarInfo(name)
    info.type, info.size = type_, size
    return info.tobuf(format=tarfile.USTAR_FORMAT)


def extended_bomb(type_: bytes, size: int = 600 * MiB) -> bytes:
    """One extended header declaring ``size`` bytes, and those bytes (zeros), gzip'd."""
    pad = (-size) % tarfile.BLOCKSIZE
    return gzip_of(iter([header("././@LongLink", type_, size), *zeros(size + pad)]))


def within_budget(fn: Callable[[], object], mib: int = 24) -> tuple[object, float]:
    """Run ``fn``; fail if it allocates more than ``mib`` MiB at its peak. Returns its
    result (or the exception it raised) and the seconds it took."""
    tracemalloc.start()
    t = time.perf_counter()
    try:
        try:
            out: object = fn()
        except ProvisionError as exc:
            out = exc
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < mib * MiB, f"peak {peak / MiB:.1f} MiB"
    return out, time.perf_counter() - t


@pytest.mark.parametrize(
    ("type_", "named"),
    [(tarfile.XHDTYPE, "pax extended header"), (tarfile.GNUTYPE_LONGNAME, "GNU long name")],
)
def test_a_giant_extended_header_is_refused_by_name(kit: Kit, type_: bytes, named: str) -> None:
    bomb = kit.tmp / "bomb.tar.gz"
    bomb.write_bytes(extended_bomb(type_))
    assert bomb.stat().st_size < 2 * MiB  # 600 MiB declared, under a megabyte or two on disk
    err, _ = within_budget(lambda: read_bundle(bomb, kit.trusted))
    assert isinstance(err, ProvisionError)
    assert named in err.reason and str(600 * MiB) in err.reason
    dest = kit.tmp / "dest"
    dest.mkdir()
    err, _ = within_budget(lambda: read_bundle(bomb, kit.trusted, dest=dest))
    assert isinstance(err, ProvisionError) and named in err.reason
    # the USB scan inside the kiosk: "not a bundle", in little memory
    found, _ = within_budget(lambda: peek(bomb))
    assert found is None


def test_gzip_zeros_after_a_valid_bundle_are_refused_without_reading_them(kit: Kit) -> None:
    good = kit.bundle(1)
    read_bundle(good, kit.trusted)  # the bundle itself is fine
    padded = kit.tmp / "padded.tar.gz"
    padded.write_bytes(good.read_bytes() + gzip_of(zeros(256 * MiB)))
    err, seconds = within_budget(lambda: read_bundle(padded, kit.trusted))
    assert isinstance(err, ProvisionError)
    assert "data after the end of the archive" in err.reason
    assert seconds < 5  # stopped at the boundary, not after decompressing it all


@pytest.mark.parametrize(
    "tail",
    [b"\x00" * 4096, b"garbage after the gzip stream", b"\x1f\x8b\x08\x00junk"],
    ids=["raw zeros", "garbage", "a broken second member"],
)
def test_any_byte_after_the_gzip_stream_is_refused(kit: Kit, tail: bytes) -> None:
    bad = kit.tmp / "tail.tar.gz"
    bad.write_bytes(kit.bundle(1).read_bytes() + tail)
    with pytest.raises(ProvisionError, match=r"after the end of the archive|corrupt"):
        read_bundle(bad, kit.trusted)


def test_zeros_after_the_tar_inside_the_same_gzip_stream_are_refused(kit: Kit) -> None:
    good = kit.bundle(1)
    tar_bytes = zlib.decompress(good.read_bytes(), 16 + zlib.MAX_WBITS)
    inside = kit.tmp / "inside.tar.gz"
    inside.write_bytes(gzip_of(iter([tar_bytes, *zeros(64 * MiB)])))
    err, seconds = within_budget(lambda: read_bundle(inside, kit.trusted))
    assert isinstance(err, ProvisionError)
    assert "data after the end of the archive" in err.reason
    assert seconds < 5


def test_tens_of_thousands_of_entries_are_refused(kit: Kit) -> None:
    headers = (header(f"d{n:06d}/", tarfile.DIRTYPE, 0) for n in range(m.MAX_MEMBERS + 10))
    many = kit.tmp / "many.tar.gz"
    many.write_bytes(gzip_of(iter([*headers, bytes(tarfile.RECORDSIZE)])))
    err, _ = within_budget(lambda: read_bundle(many, kit.trusted), mib=48)
    assert isinstance(err, ProvisionError)
    assert f"more than {m.MAX_MEMBERS} entries" in err.reason


def test_the_usb_scan_lists_good_bundles_and_skips_bombs(kit: Kit, tmp_path: Path) -> None:
    stick = tmp_path / "media" / "kiosk" / "STICK"
    stick.mkdir(parents=True)
    (stick / "a-bomb.tar.gz").write_bytes(extended_bomb(tarfile.XHDTYPE))
    (stick / "b-good.tar.gz").write_bytes(kit.bundle(4).read_bytes())
    found, _ = within_budget(lambda: find_bundles([tmp_path / "media"]))
    assert [(b.path.name, b.version) for b in found] == [("b-good.tar.gz", 4)]  # type: ignore[attr-defined]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.data())
def test_any_mutation_of_a_bundle_is_read_or_refused_by_name(kit: Kit, data) -> None:
    """Hypothesis flips, cuts and appends bytes of a good bundle; verify and the USB scan say
    why (ProvisionError) or accept it, and never raise anything else."""
    good = getattr(kit, "_fuzz_bundle", None) or kit.bundle(1)
    kit._fuzz_bundle = good  # type: ignore[attr-defined]
    raw = bytearray(good.read_bytes())
    for _ in range(data.draw(st.integers(1, 4))):
        pos = data.draw(st.integers(0, len(raw) - 1))
        raw[pos] = data.draw(st.integers(0, 255))
    cut = data.draw(st.integers(len(raw) // 2, len(raw)))
    tail = data.draw(st.binary(max_size=64))
    bad = kit.tmp / "fuzz.tar.gz"
    bad.write_bytes(bytes(raw[:cut]) + tail)
    try:
        read_bundle(bad, kit.trusted)
    except ProvisionError as exc:
        assert exc.reason
    peek(bad)  # None or a label: never an exception
