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
        self.id = uuid.uuid4().hex
        self.resets = 0

    # values -------------------------------------------------------------------------------
    def put(self, key: str, value: Any, personal: tuple[str, ...] = ()) -> None:
        """Keep a value for this session; `personal` strings are also masked in logs from now on."""
        with self._lock:
            self._data[key] = value
        if personal:
            masking.register_personal(personal)

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
