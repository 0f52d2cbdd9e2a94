"""The citizen's session: the one place personal data is registered so it can be wiped.

Every flow puts what it learns about a person here (values, files, wipe callbacks for widgets
or device queues). `reset()` — on idle timeout, on completion, on "finish" — wipes all of it,
forgets the masker's known values and deletes the session's temp folder. Nothing personal may
live anywhere the session does not know about.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk_app.core import masking

log = logging.getLogger(__name__)

Wiper = Callable[[], None]


class Session:
    def __init__(self, temp_root: Path | None = None) -> None:
        self._lock = threading.RLock()
        self._temp_root = temp_root
        self._data: dict[str, Any] = {}
        self._wipers: dict[str, Wiper] = {}
        self._temp_dir: Path | None = None
        self._personal_scopes: set[str] = set()
        self.id = uuid.uuid4().hex
        self.resets = 0

    # values -------------------------------------------------------------------------------
    def put(self, key: str, value: Any, personal: tuple[str, ...] = ()) -> None:
        """Keep a value for this session; `personal` strings are also masked in logs from now on."""
        with self._lock:
            self._data[key] = value
            if personal:
                self._personal_scopes.add(scope_of(key))
        if personal:
            masking.register_personal(personal)

    def hold_personal(self, scope: str) -> None:
        """Say that ``scope`` holds personal data kept outside the values (scans in the temp
        folder, a name on screen), so leaving it is treated like leaving personal values."""
        with self._lock:
            self._personal_scopes.add(scope)

    def holds_personal(self, scope: str) -> bool:
        with self._lock:
            return scope in self._personal_scopes

    def get(self, key: str, default: Any = None) -> Any:
        with self._lock:
            return self._data.get(key, default)

    def pop(self, key: str, default: Any = None) -> Any:
        with self._lock:
            return self._data.pop(key, default)

    def keys(self) -> list[str]:
        with self._lock:
            return list(self._data)

    # wipers -------------------------------------------------------------------------------
    def register_wiper(self, name: str, wiper: Wiper) -> None:
        """A callback that clears data held elsewhere (a widget, a device buffer, the clipboard).

        Wipers stay registered across resets: a screen registers once and is wiped every time.
        """
        with self._lock:
            self._wipers[name] = wiper

    def unregister_wiper(self, name: str) -> None:
        with self._lock:
            self._wipers.pop(name, None)

    # scopes -------------------------------------------------------------------------------
    def end_scope(self, scope: str) -> None:
        """Forget what one flow held (``scope.*`` values) and run, then drop, its wipers
        (``scope`` and ``scope.*``): the citizen left the flow, the session goes on.

        Personal strings stay registered with the masker until the session resets: logs of the
        rest of the visit are still masked."""
        with self._lock:
            for key in [k for k in self._data if scope_of(k) == scope]:
                del self._data[key]
            wipers = [(n, w) for n, w in self._wipers.items() if scope_of(n) == scope]
            for name, _ in wipers:
                del self._wipers[name]
            self._personal_scopes.discard(scope)
        for name, wiper in wipers:
            try:
                wiper()
            except Exception:
                log.exception("session wiper failed", extra={"wiper": name})

    # files --------------------------------------------------------------------------------
    def temp_dir(self) -> Path:
        """This session's private temp folder (scans, PDFs); deleted on reset."""
        with self._lock:
            if self._temp_dir is None or not self._temp_dir.exists():
                root = self._temp_root
                if root is not None:
                    root.mkdir(parents=True, exist_ok=True)
                self._temp_dir = Path(tempfile.mkdtemp(prefix="kiosk-session-", dir=root))
                self._temp_dir.chmod(0o700)
            return self._temp_dir

    # reset --------------------------------------------------------------------------------
    def reset(self, reason: str = "") -> None:
        """Wipe everything personal. A failing wiper is logged and the others still run."""
        with self._lock:
            wipers = list(self._wipers.items())
            self._data.clear()
            self._personal_scopes.clear()
            temp, self._temp_dir = self._temp_dir, None
            self.id = uuid.uuid4().hex
            self.resets += 1
        for name, wiper in wipers:
            try:
                wiper()
            except Exception:
                log.exception("session wiper failed", extra={"wiper": name})
        if temp is not None:
            shutil.rmtree(temp, ignore_errors=True)
        masking.forget_personal()
        log.info("session reset", extra={"reason": reason})


def scope_of(key: str) -> str:
    """The flow a session key or wiper name belongs to: ``"certfree.licences"`` → ``"certfree"``."""
    return key.split(".", 1)[0]
