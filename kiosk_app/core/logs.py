"""JSON-lines logging, rotated, with every message and field passed through the masker.

Masking happens in the formatter, the last step before bytes hit the disk, so no handler or
call site can forget it.
"""

from __future__ import annotations

import json
import logging
import logging.handlers
import time
from pathlib import Path
from typing import Any

from kiosk_app.core.masking import mask_mapping, mask_text

_STD_ATTRS = frozenset(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + f".{int(record.msecs):03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "msg": mask_text(record.getMessage()),
        }
        extra = {k: v for k, v in vars(record).items() if k not in _STD_ATTRS}
        if extra:
            entry.update(mask_mapping(extra))
        if record.exc_info:
            entry["exc"] = mask_text(self.formatException(record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def setup_logging(
    log_dir: Path, level: str = "INFO", max_bytes: int = 5_000_000, backups: int = 5
) -> Path:
    """Route the root logger to a rotating JSON-lines file (and masked stderr); return the path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "kiosk.jsonl"
    root = logging.getLogger()
    for old in list(root.handlers):
        # ours from an earlier call, and the plain stderr handler python-escpos installs with
        # logging.basicConfig() at import: it would print unmasked, unstructured lines
        plain = type(old) is logging.StreamHandler and old.get_name() != "kiosk"
        if old.get_name() == "kiosk" or plain:
            root.removeHandler(old)
            if old.get_name() == "kiosk":
                old.close()
    fh = logging.handlers.RotatingFileHandler(
        path, maxBytes=max_bytes, backupCount=backups, encoding="utf-8"
    )
    sh = logging.StreamHandler()
    handlers: tuple[logging.Handler, ...] = (fh, sh)
    for h in handlers:
        h.setFormatter(JsonFormatter())
        h.set_name("kiosk")
        root.addHandler(h)
    sh.setLevel(logging.WARNING)
    root.setLevel(level)
    return path
