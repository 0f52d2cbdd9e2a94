"""The 12345 documents the service publishes: the knowledge base and the classification of
matters (with the deadline tiers and the tourist-complaint place types).

Served like the catalog (``central.catalog``): the file's exact bytes with a strong ETag, so a
terminal that has the current copy gets a 304. Both files live in ``<config_dir>/hotline/``
(written by ``central.seed.kb_gen``; a real county publishes its own). Loaded once per path and
kept: they change with a release, not at run time.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from contract.hotline import TIER_MINUTES


class KnowledgeError(Exception):
    """A published file is missing or not the documented shape; says which and why."""


@dataclass(frozen=True)
class Published:
    body: bytes
    etag: str
    doc: dict[str, Any]


@dataclass(frozen=True)
class Hotline:
    kb: Published
    classification: Published
    matters: dict[str, dict[str, Any]]  # code -> matter

    def matter(self, code: str | None) -> dict[str, Any] | None:
        return self.matters.get(code) if code else None

    def tier(self, code: str | None, default: str = "2h") -> str:
        """The matter's response tier; a request filed without a code (an older terminal) keeps
        the hotline's former 2-hour feedback deadline."""
        m = self.matter(code)
        tier = str(m["tier"]) if m else default
        return tier if tier in TIER_MINUTES else default


def _load(path: Path, key: str) -> Published:
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise KnowledgeError(f"{path}: cannot read: {exc.strerror}") from None
    try:
        doc = json.loads(body)
        if not isinstance(doc, dict) or not isinstance(doc.get(key), list):
            raise TypeError(f"no {key} list")
        str(doc["version"])
    except (ValueError, KeyError, TypeError) as exc:
        raise KnowledgeError(f"{path}: not the documented shape (version, {key}): {exc}") from None
    return Published(body, '"' + hashlib.sha256(body).hexdigest()[:32] + '"', doc)


_lock = threading.Lock()
_loaded: dict[Path, Hotline] = {}


def load(config_dir: Path) -> Hotline:
    folder = config_dir / "hotline"
    with _lock:
        got = _loaded.get(folder)
        if got is None:
            classification = _load(folder / "matters.json", "matters")
            matters = {str(m["code"]): m for m in classification.doc["matters"]}
            got = Hotline(_load(folder / "kb.json", "answers"), classification, matters)
            _loaded[folder] = got
        return got


def tiers(config_dir: Path) -> Callable[[str | None], str] | None:
    """The tier of a matter code, or None when this service publishes no classification (a
    request then keeps the former 2-hour deadline)."""
    try:
        return load(config_dir).tier
    except KnowledgeError:
        return None
