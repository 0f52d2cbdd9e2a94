"""`kiosk central` as a real process: serves the API, and says clearly why it cannot start."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kiosk_app.sync.testing.waiting import wait_until


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _kiosk(*args: str) -> list[str]:
    return [str(Path(sys.executable).parent / "kiosk"), "central", *args]


def test_kiosk_central_serves_until_terminated(tmp_path: Path, central_backend: str) -> None:
    port = _free_port()
    db = tmp_path / "c.db"
    proc = subprocess.Popen(
        _kiosk("--host", "127.0.0.1", "--port", str(port), "--db", str(db), "--demo"),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}/api/v1/tickets/A001"
    headers = {"Authorization": "Bearer demo-token-HALL-24H-01"}

    def answering() -> bool:
        try:
            return httpx.get(url, headers=headers, timeout=1).status_code == 404
        except httpx.TransportError:
            return False

    try:
        assert wait_until(answering, 30), (
            proc.stderr.read1().decode() if proc.poll() else "no answer"
        )
        # on PostgreSQL (KIOSK_CENTRAL_DATABASE_URL) the file is not made
        assert db.is_file() == (central_backend == "sqlite")
    finally:
        proc.terminate()
        proc.wait(timeout=15)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--guides-dir", "/nonexistent/guides"], "not a directory"),
        (["--port", "PORT_IN_USE"], "cannot listen"),
    ],
)
def test_kiosk_central_refuses_with_a_reason(tmp_path: Path, args: list[str], needle: str) -> None:
    from typer.testing import CliRunner

    from kiosk_app.cli import app

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = str(busy.getsockname()[1])
        argv = [a.replace("PORT_IN_USE", port) for a in args]
        if "--port" not in argv:
            argv += ["--port", str(_free_port())]
        done = CliRunner().invoke(app, ["central", *argv, "--db", str(tmp_path / "c.db")])
    assert done.exit_code == 2
    assert needle in done.output
