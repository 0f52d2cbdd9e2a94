"""Key files beside the database: a JSON list of keys, newest last, written whole (temp file,
fsync, rename) with mode 0600. The data keys (keyring.py) and the update-metadata keys
(update_keys.py) are kept this way, each in its own file."""

from __future__ import annotations

import json
import os
import secrets
from pathlib import Path
from typing import Any


def read_entries(path: Path) -> list[dict[str, Any]] | None:
    """The file's key entries; None when there is no file. A damaged file raises OSError,
    ValueError, KeyError or TypeError (each caller names its own error)."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    entries = doc["keys"]
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise TypeError("keys is not a list of objects")
    return entries


def write_entries(path: Path, entries: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump({"keys": entries}, fh, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    tmp.replace(path)
