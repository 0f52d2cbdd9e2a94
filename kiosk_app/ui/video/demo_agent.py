"""The demo's agent at the county centre: the real agent console (served by the demo's central
service) in a page of Qt WebEngine, in a child process, on Chromium's fake camera and tone.

The headless demo has no person at the centre and no browser of its own, but the kiosk already
carries Qt WebEngine for its media engine (engine.py): the same Chromium answers the call as an
agent's browser would, so the demo's call screens show a real call — queued, answered, the
agent's picture decoded on the terminal, ended — with no test-only path in the kiosk. The
walkthrough drives it line by line on stdin (``sign_in USER PASSWORD``, ``answer``, ``end``,
``quit``) and reads what the console shows on stdout as JSON lines (signed in, calls waiting, in
a call, frames of the citizen decoded).

    python -m kiosk_app.ui.video.demo_agent CONSOLE_URL
"""

from __future__ import annotations

import contextlib
import json
import queue
import subprocess
import sys
import threading
from typing import Any

from kiosk_app.ui.video import engine

# what the console shows, for the walkthrough: read every 200 ms
STATE_JS = """(() => {
  const $ = (id) => document.getElementById(id);
  if (!window.__framesTimer && typeof state !== 'undefined') {
    window.__frames = 0;
    window.__framesTimer = setInterval(async () => {
      if (!state.pc) return;
      let n = 0;
      (await state.pc.getStats()).forEach((r) => {
        if (r.type === 'inbound-rtp' && r.kind === 'video') n += r.framesDecoded || 0; });
      window.__frames = n;
    }, 300);
  }
  const ok = typeof state !== 'undefined';
  return JSON.stringify({
    ready: ok && document.readyState === 'complete' && !!$('username'),
    signed_in: ok && !!state.ws && state.ws.readyState === 1,
    waiting: $('queue') ? $('queue').children.length : 0,
    can_answer: !!$('answer') && !$('answer').disabled,
    in_call: ok && !!state.call,
    frames: window.__frames || 0,
  });
})()"""


def _js_str(text: str) -> str:
    return json.dumps(text)


def main(url: str) -> int:
    from PySide6.QtCore import QObject, QTimer, QUrl, Signal, Slot
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWebEngineCore import (
        QWebEnginePage,
        QWebEnginePermission,
        QWebEngineProfile,
        QWebEngineSettings,
    )

    app = QGuiApplication(sys.argv[:1])

    class Agent(QObject):
        command = Signal(str)

        def __init__(self) -> None:
            super().__init__()
            self.profile = QWebEngineProfile(self)  # off the record: nothing on disk
            self.page = QWebEnginePage(self.profile, self)
            self.page.settings().setAttribute(
                QWebEngineSettings.WebAttribute.PlaybackRequiresUserGesture, False
            )
            self.page.permissionRequested.connect(self._permission)
            self.command.connect(self._run)
            self.timer = QTimer(self, interval=200)
            self.timer.timeout.connect(self._poll)
            self.timer.start()
            self.page.load(QUrl(url))

        def _permission(self, permission: QWebEnginePermission) -> None:
            permission.grant()  # the console's own camera and microphone (fake ones)

        def _poll(self) -> None:
            self.page.runJavaScript(STATE_JS, 0, self._report)

        def _report(self, result: Any) -> None:
            if isinstance(result, str):
                print(result, flush=True)

        @Slot(str)
        def _run(self, line: str) -> None:
            words = line.split()
            if not words:
                return
            if words[0] == "quit":
                app.quit()
            elif words[0] == "sign_in" and len(words) == 3:
                self.page.runJavaScript(
                    f"document.getElementById('username').value = {_js_str(words[1])};"
                    f"document.getElementById('password').value = {_js_str(words[2])};"
                    "document.querySelector('#sign_in button').click();"
                )
            elif words[0] in ("answer", "end"):
                self.page.runJavaScript(f"document.getElementById('{words[0]}').click();")

    agent = Agent()

    def read_stdin() -> None:
        for line in sys.stdin:
            agent.command.emit(line.strip())
        agent.command.emit("quit")

    threading.Thread(target=read_stdin, name="agent-in", daemon=True).start()
    return app.exec()


class DemoAgent:
    """The walkthrough's side: start the agent's console, tell it what to do, read its state."""

    def __init__(self, console_url: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "kiosk_app.ui.video.demo_agent", console_url],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=engine.environment(fake_media=True),
            text=True,
            start_new_session=True,
        )
        self.state: dict[str, Any] = {}
        self._lines: queue.Queue[str] = queue.Queue()
        self._reader = threading.Thread(target=self._read, name="demo-agent-read", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._lines.put(line)

    def poll(self) -> dict[str, Any]:
        """The console's latest state (``{}`` before its page has loaded)."""
        while True:
            try:
                line = self._lines.get_nowait()
            except queue.Empty:
                return self.state
            with contextlib.suppress(ValueError):
                doc = json.loads(line)
                if isinstance(doc, dict):
                    self.state = doc

    def send(self, line: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def stop(self, timeout_s: float = 5.0) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.send("quit")
            assert self.proc.stdin is not None
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=timeout_s)
        except subprocess.TimeoutExpired:
            import os
            import signal

            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait(timeout=timeout_s)
        self._reader.join(timeout=timeout_s)
        assert self.proc.stdout is not None
        self.proc.stdout.close()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1]))
