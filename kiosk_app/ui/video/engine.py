"""The media engine: a child process that runs the call's WebRTC peer in Qt WebEngine.

Why WebEngine, and why a child process (measured; benchmarks/video_call.py):

- WebRTC as the agent's browser speaks it, with Chromium's echo cancellation, noise
  suppression and gain control (a kiosk's speaker sits beside its microphone: without
  echo cancellation the agent hears themselves), its codecs and its congestion control, and
  ``getStats()``. aiortc would give frames in Python but no echo cancellation, and its own
  media stack to keep up. WebEngine ships with the PySide6 wheels we already install.
- Not in the kiosk's process: loading WebEngine there costs ~220 MiB of RSS that stays after
  the call (a library cannot be unloaded), where the kiosk may keep at most 10 MiB after five
  calls. In a child the kiosk's start-up and memory do not move when no call is made, a crash
  of Chromium is not a crash of the kiosk, and when the call ends the process exits: every
  camera and microphone it held is closed by the kernel (the camera light goes off), whatever
  state the page was in.

The child draws nothing (offscreen platform, a page without a view, an off-the-record profile:
no cache, no cookies, nothing on disk). Its page sends the agent's video and the citizen's own
camera as RGBA frames over a WebSocket on loopback (a secret in its URL), and this process
relays them to the kiosk on stdout; the kiosk sends control and the document camera's frames on
stdin (records: ``wire.py``). When stdin closes — the kiosk ended the call, or died — it exits.

    python -m kiosk_app.ui.video.engine      (the kiosk starts it: engine_host.py)
    python -m kiosk_app.ui.video.engine --check   (can it load here? ``probe()``)

The frozen build starts the same code as ``kiosk --video-engine`` (packaging/pyinstaller/entry.py)
and must carry Qt WebEngine for it (packaging/pyinstaller/kiosk.spec).
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import sys
import threading
from pathlib import Path
from typing import Any, BinaryIO


def _fatal(msg: str) -> None:
    sys.stdout.buffer.write(_record(b"J", json.dumps({"ev": "failed", "why": msg}).encode()))
    sys.stdout.buffer.flush()


def _record(kind: bytes, body: bytes) -> bytes:
    return kind + len(body).to_bytes(4, "big") + body


class _Writer(threading.Thread):
    """stdout from one thread; frames are dropped (never control) when the kiosk lags."""

    def __init__(self, out: BinaryIO) -> None:
        super().__init__(name="engine-out", daemon=True)
        self.out = out
        self.q: queue.Queue[bytes | None] = queue.Queue()
        self.frames = 0
        self.lock = threading.Lock()

    def put(self, data: bytes, frame: bool) -> None:
        if frame:
            with self.lock:
                if self.frames >= 3:
                    return
                self.frames += 1
        self.q.put(data)

    def run(self) -> None:
        while (data := self.q.get()) is not None:
            try:
                self.out.write(data)
                self.out.flush()
            except OSError:
                return
            if data[:1] == b"F":
                with self.lock:
                    self.frames -= 1


def main() -> int:
    from PySide6.QtCore import QCoreApplication, QObject, Qt, QUrl, Signal, Slot
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtNetwork import QHostAddress
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEnginePermission,
        QWebEngineProfile,
        QWebEngineSettings,
    )
    from PySide6.QtWebSockets import QWebSocket, QWebSocketServer

    from kiosk_app.ui.video.wire import read_record

    QCoreApplication.setAttribute(Qt.ApplicationAttribute.AA_ShareOpenGLContexts)
    app = QGuiApplication(sys.argv[:1])
    out = _Writer(sys.stdout.buffer)
    out.start()
    secret = secrets.token_urlsafe(16)
    origin = QUrl("http://localhost/kiosk-video-engine/")

    class Engine(QObject):
        incoming = Signal(str, bytes)

        def __init__(self) -> None:
            super().__init__()
            self.server = QWebSocketServer("engine", QWebSocketServer.SslMode.NonSecureMode)
            if not self.server.listen(QHostAddress.SpecialAddress.LocalHost, 0):
                raise SystemExit("engine: cannot listen on loopback")
            self.server.newConnection.connect(self._accept)
            self.page_ws: QWebSocket | None = None
            self.pending: list[tuple[str, bytes]] = []
            self.incoming.connect(self._from_kiosk, Qt.ConnectionType.QueuedConnection)
            self.profile = QWebEngineProfile(self)  # off the record: nothing on disk
            self.profile.setPersistentCookiesPolicy(
                QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
            )
            self.profile.setHttpCacheType(QWebEngineProfile.HttpCacheType.MemoryHttpCache)
            self.page = QWebEnginePage(self.profile, self)
            s = self.page.settings()
            s.setAttribute(QWebEngineSettings.WebAttribute.PlaybackRequiresUserGesture, False)
            self.page.permissionRequested.connect(self._permission)
            html = (Path(__file__).with_name("engine_page.html")).read_text(encoding="utf-8")
            html = html.replace("__PORT__", str(self.server.serverPort()))
            html = html.replace("__SECRET__", secret)
            self.page.setHtml(html, origin)

        def _permission(self, permission: QWebEnginePermission) -> None:
            """Camera and microphone for our own page only (the kiosk asked the citizen)."""
            kinds = {
                QWebEnginePermission.PermissionType.MediaAudioCapture,
                QWebEnginePermission.PermissionType.MediaVideoCapture,
                QWebEnginePermission.PermissionType.MediaAudioVideoCapture,
            }
            same = permission.origin().host() == origin.host()
            if same and permission.permissionType() in kinds:
                permission.grant()
            else:
                permission.deny()

        @Slot()
        def _accept(self) -> None:
            ws = self.server.nextPendingConnection()
            if ws is None:
                return
            if self.page_ws is not None or f"k={secret}" not in ws.requestUrl().query():
                ws.close()  # only our page, once
                return
            self.page_ws = ws
            ws.textMessageReceived.connect(self._page_text)
            ws.binaryMessageReceived.connect(self._page_binary)
            ws.disconnected.connect(app.quit)
            for kind, body in self.pending:
                self._to_page(kind, body)
            self.pending.clear()

        def _page_text(self, text: str) -> None:
            body = text.encode()
            out.put(_record(b"J", body), frame=False)
            if json.loads(text).get("ev") == "stopped":
                out.q.put(None)
                app.quit()

        def _page_binary(self, data: Any) -> None:
            out.put(_record(b"F", bytes(data)), frame=True)

        @Slot(str, bytes)
        def _from_kiosk(self, kind: str, body: bytes) -> None:
            if kind == "EOF":
                app.quit()
            elif self.page_ws is None:
                self.pending.append((kind, body))
            else:
                self._to_page(kind, body)

        def _to_page(self, kind: str, body: bytes) -> None:
            assert self.page_ws is not None
            if kind == "J":
                self.page_ws.sendTextMessage(body.decode())
            else:
                self.page_ws.sendBinaryMessage(body)

    engine = Engine()

    def read_stdin() -> None:
        try:
            while (rec := read_record(sys.stdin.buffer)) is not None:
                engine.incoming.emit(*rec)
        except (OSError, ValueError):
            pass
        engine.incoming.emit("EOF", b"")

    threading.Thread(target=read_stdin, name="engine-in", daemon=True).start()
    code = app.exec()
    out.q.put(None)
    out.join(timeout=2)
    engine.server.close()
    return code


def check() -> dict[str, Any]:
    """In the child: can the engine load here? Its libraries link (a missing system library such
    as libnss3 fails here), Chromium's helper process and data are where Qt looks. No page is
    made and Chromium does not start, so it takes a fraction of a second."""
    try:
        from PySide6 import QtWebEngineCore, QtWebSockets  # noqa: F401
        from PySide6.QtCore import QLibraryInfo
    except ImportError as exc:
        return {"ok": False, "why": f"Qt WebEngine cannot load: {exc}"}
    lib = QLibraryInfo.LibraryPath
    helper = os.environ.get("QTWEBENGINEPROCESS_PATH") or str(
        Path(QLibraryInfo.path(lib.LibraryExecutablesPath)) / "QtWebEngineProcess"
    )
    if not Path(helper).is_file():
        return {"ok": False, "why": f"Chromium's helper process is missing: {helper}"}
    data = Path(QLibraryInfo.path(lib.DataPath)) / "resources" / "icudtl.dat"
    if not data.is_file():
        return {"ok": False, "why": f"Qt WebEngine's data is missing: {data}"}
    return {"ok": True, "why": ""}


def probe(timeout_s: float = 30.0) -> tuple[bool, str]:
    """In the kiosk (or ``kiosk config check``): ask a child whether the engine can load —
    never load it here (what a kiosk that makes no call keeps in memory must not move)."""
    import subprocess

    try:
        done = subprocess.run(
            [*command(), "--check"],
            capture_output=True,
            timeout=timeout_s,
            env=environment(fake_media=False),
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return False, f"the media engine did not start: {exc}"
    for line in reversed(done.stdout.decode("utf-8", "replace").splitlines()):
        try:
            answer = json.loads(line)
        except ValueError:
            continue
        if isinstance(answer, dict) and "ok" in answer:
            return bool(answer["ok"]), str(answer.get("why", ""))
    tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
    return False, f"the media engine exited ({done.returncode}) {' '.join(tail)}".strip()


def run(argv: list[str]) -> int:
    """``python -m kiosk_app.ui.video.engine [--check]``, or ``kiosk --video-engine [--check]``."""
    if "--check" in argv:
        answer = check()
        print(json.dumps(answer), flush=True)
        return 0 if answer["ok"] else 3
    try:
        return main()
    except ImportError as exc:  # a build without WebEngine
        _fatal(f"Qt WebEngine is missing: {exc}")
        return 3


def environment(fake_media: bool) -> dict[str, str]:
    """The child's environment: no display of its own, Chromium's flags; as root (a test box)
    Chromium cannot sandbox itself and must be told so."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # host candidates as addresses, not mDNS names: a kiosk has no privacy to keep from its own
    # network, and a county LAN often has no multicast DNS
    flags = [
        "--autoplay-policy=no-user-gesture-required",
        "--disable-gpu",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
    ]
    if fake_media:  # the demo and the tests: Chromium's own test camera and tone
        flags += ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]
    env["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join(flags)
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        env["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    env.pop("QT_QUICK_BACKEND", None)
    return env


def command() -> list[str]:
    """How to start this process, from a checkout or from the frozen build."""
    if getattr(sys, "frozen", False):
        return [sys.executable, "--video-engine"]
    return [sys.executable, "-m", "kiosk_app.ui.video.engine"]


if __name__ == "__main__":
    raise SystemExit(run(sys.argv[1:]))
