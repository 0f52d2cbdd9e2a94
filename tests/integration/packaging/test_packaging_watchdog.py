"""The systemd watchdog contract: pings come from the Qt event loop, so a UI blocked longer than
the watchdog period stops them and is reported as hung.

A fake systemd (a datagram socket at NOTIFY_SOCKET, watched by a thread that applies systemd's
rule "no WATCHDOG=1 within WatchdogSec means hung") stands in for the real one; the restart
that follows is systemd's job (Restart=always in the unit) and is not exercised here.
"""

from __future__ import annotations

import os
import socket
import threading
import time
import uuid

import pytest

from kiosk_app.ui.watchdog import Watchdog

WATCHDOG_S = 0.5


class FakeSystemd:
    def __init__(self, address: str, bind_to: str) -> None:
        self.address = address
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.bind(bind_to)
        self.sock.settimeout(0.02)
        self.messages: list[tuple[float, str]] = []
        self.hung_at: float | None = None
        self._last_ping: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="fake-systemd")
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(4096).decode()
            except TimeoutError:
                data = ""
            now = time.monotonic()
            if data:
                self.messages.append((now, data))
                if data == "WATCHDOG=1":
                    self._last_ping = now
            if (
                self._last_ping is not None
                and self.hung_at is None
                and now - self._last_ping > WATCHDOG_S
            ):
                self.hung_at = now  # here systemd would send SIGABRT and restart the unit

    def pings(self, after: float = 0.0) -> list[float]:
        return [t for t, msg in self.messages if msg == "WATCHDOG=1" and t > after]

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self.sock.close()


@pytest.fixture
def systemd(tmp_path, monkeypatch):
    path = str(tmp_path / "notify.sock")
    fake = FakeSystemd(path, path)
    monkeypatch.setenv("NOTIFY_SOCKET", path)
    monkeypatch.setenv("WATCHDOG_USEC", str(int(WATCHDOG_S * 1_000_000)))
    monkeypatch.setenv("WATCHDOG_PID", str(os.getpid()))
    yield fake
    fake.stop()


def _busy(seconds: float) -> None:
    """A slot stuck in work on the GUI thread: the event loop does not turn."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        pass


def test_blocked_ui_stops_the_pings_and_is_reported_hung(qapp, qtbot, systemd):
    dog = Watchdog.start(qapp)
    try:
        assert dog.active
        qtbot.waitUntil(lambda: len(systemd.pings()) >= 4, timeout=5000)
        assert systemd.messages[0][1] == "READY=1"
        assert systemd.hung_at is None  # a turning event loop keeps systemd content

        start = time.monotonic()
        _busy(WATCHDOG_S * 3)
        end = time.monotonic()
        qtbot.waitUntil(lambda: systemd.hung_at is not None, timeout=2000)
        assert start < systemd.hung_at <= end + 0.5
        assert [t for t in systemd.pings(start + 0.05) if t < end] == []

        resumed_after = time.monotonic()
        qtbot.waitUntil(lambda: len(systemd.pings(resumed_after)) >= 2, timeout=3000)
    finally:
        dog.stop()
    qtbot.waitUntil(lambda: systemd.messages[-1][1] == "STOPPING=1", timeout=2000)
    assert not dog.active


def test_abstract_socket_address(qapp, qtbot, monkeypatch):
    name = f"kiosk-test-{uuid.uuid4().hex}"
    fake = FakeSystemd("@" + name, "\0" + name)
    monkeypatch.setenv("NOTIFY_SOCKET", "@" + name)
    monkeypatch.setenv("WATCHDOG_USEC", "200000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    try:
        dog = Watchdog.start(qapp)
        qtbot.waitUntil(lambda: len(fake.pings()) >= 2, timeout=3000)
        dog.stop()
    finally:
        fake.stop()


def test_no_systemd_means_no_op(qapp, monkeypatch):
    monkeypatch.delenv("NOTIFY_SOCKET", raising=False)
    dog = Watchdog.start(qapp)
    assert not dog.active and dog.pings == 0
    dog.stop()


def test_watchdog_meant_for_another_pid_is_ignored(qapp, monkeypatch, systemd):
    monkeypatch.setenv("WATCHDOG_PID", "1")
    dog = Watchdog.start(qapp)
    assert not dog.active  # READY=1 is still sent, but no pings for someone else's watchdog
    dog.stop()
