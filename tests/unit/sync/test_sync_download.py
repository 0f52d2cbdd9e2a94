"""Resumable downloads, on a transport that answers as a server would: ranges appended to the
part file, a stop between two chunks keeps what came, a server that ignores Range starts over,
a wrong file is thrown away."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import pytest

from kiosk_app.sync.download import DownloadError, download
from kiosk_app.sync.transport import NetworkError, Response

DATA = bytes(range(256)) * 400  # 100 KiB
SHA = hashlib.sha256(DATA).hexdigest()


class Server:
    """Answers ``GET`` with Range like central's artifact route; can cut or ignore ranges."""

    def __init__(self, data: bytes = DATA) -> None:
        self.data = data
        self.ranges: list[str] = []
        self.cut_after: int | None = None  # one request dies after this many bytes
        self.ignore_range = False
        self.on_chunk: Callable[[], None] = lambda: None

    def request(self, method: str, path: str, *, headers: Mapping[str, str],
                sink: Callable[[bytes], object], **_: Any) -> Response:  # fmt: skip
        rng = headers["Range"]
        self.ranges.append(rng)
        first, last = (int(x) for x in rng.removeprefix("bytes=").split("-"))
        body = self.data if self.ignore_range else self.data[first : last + 1]
        status = 200 if self.ignore_range else 206
        cut, self.cut_after = self.cut_after, None
        for i in range(0, len(body), 4096):
            if cut is not None and i >= cut:
                raise NetworkError("reset", "the connection broke")
            sink(body[i : i + 4096])
            self.on_chunk()
        headers_out = {} if self.ignore_range else {"Content-Range": f"bytes {first}-{last}/*"}
        return Response(status, b"", headers_out)


def test_ranges_add_up_to_the_file(tmp_path: Path) -> None:
    server = Server()
    out = download(server, "/a", tmp_path / "a.bin", len(DATA), SHA, range_bytes=30_000)  # type: ignore[arg-type]
    assert out.read_bytes() == DATA
    assert server.ranges == ["bytes=0-29999", "bytes=30000-59999", "bytes=60000-89999",
                             "bytes=90000-102399"]  # fmt: skip
    assert not (tmp_path / "a.bin.part").exists()


def test_a_cut_keeps_what_came_and_the_next_try_asks_for_the_rest(tmp_path: Path) -> None:
    server = Server()
    server.cut_after = 40_960
    with pytest.raises(DownloadError, match="interrupted at 40960 of 102400 bytes") as exc:
        download(server, "/a", tmp_path / "a.bin", len(DATA), SHA)  # type: ignore[arg-type]
    assert exc.value.kind == "offline"
    assert (tmp_path / "a.bin.part").stat().st_size == 40_960
    download(server, "/a", tmp_path / "a.bin", len(DATA), SHA)  # type: ignore[arg-type]
    assert server.ranges[-1] == "bytes=40960-102399"
    assert (tmp_path / "a.bin").read_bytes() == DATA


def test_a_stop_between_chunks_does_not_hold_the_kiosk(tmp_path: Path) -> None:
    server, stop = Server(), threading.Event()
    server.on_chunk = stop.set  # the kiosk is told to stop while bytes are coming
    with pytest.raises(DownloadError, match="stopped"):
        download(server, "/a", tmp_path / "a.bin", len(DATA), SHA, stop=stop)  # type: ignore[arg-type]
    assert (tmp_path / "a.bin.part").stat().st_size == 4096


def test_a_server_that_ignores_range_makes_it_start_over(tmp_path: Path) -> None:
    server = Server()
    (tmp_path / "a.bin.part").write_bytes(DATA[:1000])
    server.ignore_range = True
    with pytest.raises(DownloadError, match="does not resume"):
        download(server, "/a", tmp_path / "a.bin", len(DATA), SHA)  # type: ignore[arg-type]
    assert not (tmp_path / "a.bin.part").exists()
    assert download(server, "/a", tmp_path / "a.bin", len(DATA), SHA).read_bytes() == DATA  # type: ignore[arg-type]


def test_the_wrong_file_is_thrown_away(tmp_path: Path) -> None:
    server = Server(DATA[::-1])
    with pytest.raises(DownloadError, match="thrown away") as exc:
        download(server, "/a", tmp_path / "a.bin", len(DATA), SHA)  # type: ignore[arg-type]
    assert exc.value.kind == "corrupt"
    assert not (tmp_path / "a.bin.part").exists() and not (tmp_path / "a.bin").exists()
