"""Pulls of what the terminal reads offline: the service catalog, its config push, the guide
version — each with an ETag, and each kept on disk as the last good copy.

A terminal must keep working through a week without network, so a failed or malformed pull never
replaces the cached copy; only a complete, valid answer does, written atomically (temp file,
fsync, rename). ``If-None-Match`` keeps the ~2 MB catalog off the wire when nothing changed.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kiosk_app.sync.transport import API_PREFIX, NetworkError, Transport

log = logging.getLogger(__name__)

_PULL_TOTAL_S = 300.0  # the ~2 MB catalog over a slow county uplink

Outcome = Literal["updated", "unchanged", "offline", "invalid", "refused", "absent"]
Validator = Callable[[Any], bool]


def _is_catalog(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("items"), list) and "version" in data


def _is_kb(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("answers"), list) and "version" in data


def _is_classification(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("matters"), list) and "version" in data


def _listing(key: str) -> Validator:
    """A published document holding a list under ``key`` (forms, addresses, service points)."""

    def valid(data: Any) -> bool:
        return isinstance(data, dict) and isinstance(data.get(key), list) and "version" in data

    return valid


def _is_object(data: Any) -> bool:
    return isinstance(data, dict)


@dataclass(frozen=True)
class Resource:
    path: str
    valid: Validator = _is_object
    # Keep only {"sha256", "size"} of the answer: for pages whose version is their content
    # (the guide site sends no ETag), so the terminal knows when its guide changed.
    digest_only: bool = False


def default_resources(terminal_id: str) -> dict[str, Resource]:
    return {
        "catalog": Resource(f"{API_PREFIX}/catalog", _is_catalog),
        "config": Resource(f"{API_PREFIX}/terminals/{terminal_id}/config"),
        "guide": Resource(f"/guides/{terminal_id}/", digest_only=True),
        # 12345 before filing (issue 17): answers shown as the citizen types, and the tree of
        # matters with their deadline tiers and the visitors' place types
        "hotline_kb": Resource(f"{API_PREFIX}/hotline/kb", _is_kb),
        "hotline_matters": Resource(f"{API_PREFIX}/hotline/classification", _is_classification),
        # 报装 and 就近办: read offline like the catalog (contract.utility)
        "utility_forms": Resource(f"{API_PREFIX}/utility/forms", _listing("forms")),
        "addresses": Resource(f"{API_PREFIX}/utility/addresses", _listing("addresses")),
        "service_points": Resource(f"{API_PREFIX}/service-points", _listing("points")),
    }


@dataclass(frozen=True)
class Cached:
    """The last good copy of a pulled resource."""

    name: str
    data: Any
    etag: str | None
    fetched_at: float  # wall clock of the pull that brought it


class Puller:
    def __init__(
        self,
        transport: Transport,
        cache_dir: str | Path,
        terminal_id: str,
        resources: Mapping[str, Resource] | None = None,
    ) -> None:
        self.transport = transport
        self.cache_dir = Path(cache_dir)
        self.resources = dict(resources or default_resources(terminal_id))
        # name -> (file identity, parsed copy): the catalog is ~2 MB of JSON, opened by every
        # citizen who opens the service guide; it is parsed again only when a pull replaced it
        self._memo: dict[str, tuple[tuple[int, int, int], Cached]] = {}

    def _file(self, name: str) -> Path:
        return self.cache_dir / f"{name}.json"

    def cached(self, name: str) -> Cached | None:
        """The last good copy, or None if there never was one (or it cannot be read)."""
        try:
            with self._file(name).open("rb") as fh:
                st = os.fstat(fh.fileno())
                key = (st.st_ino, st.st_mtime_ns, st.st_size)
                memo = self._memo.get(name)
                if memo is not None and memo[0] == key:
                    return memo[1]
                doc = json.load(fh)
            got = Cached(name, doc["data"], doc.get("etag"), float(doc["fetched_at"]))
            self._memo[name] = (key, got)
            return got
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("cached copy unreadable; ignored", extra={"resource": name})
            return None

    def _save(self, name: str, data: Any, etag: str | None) -> None:
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        target = self._file(name)
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex}")
        doc = {"etag": etag, "fetched_at": time.time(), "data": data}
        try:
            with tmp.open("w", encoding="utf-8") as fh:
                json.dump(doc, fh, ensure_ascii=False)
                fh.flush()
                os.fsync(fh.fileno())
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)

    def pull(self, name: str) -> Outcome:
        """Fetch one resource if it changed; the cached copy survives any failure."""
        res = self.resources[name]
        old = self.cached(name)
        headers = {"If-None-Match": old.etag} if old is not None and old.etag else {}
        try:
            r = self.transport.request("GET", res.path, headers=headers, total_s=_PULL_TOTAL_S)
        except NetworkError as exc:
            log.info("pull offline", extra={"resource": name, "kind": exc.kind})
            return "offline"
        if r.status == 304 and old is not None:
            return "unchanged"
        if r.status == 404:  # not published for this terminal (yet): nothing to cache
            log.info("pull: nothing published", extra={"resource": name})
            return "absent"
        if r.status != 200:
            log.warning("pull refused", extra={"resource": name, "status": r.status})
            return "offline" if r.status >= 500 or r.status == 429 else "refused"
        if res.digest_only:
            data: Any = {"sha256": hashlib.sha256(r.body).hexdigest(), "size": len(r.body)}
            if old is not None and old.data == data:
                return "unchanged"
        else:
            try:
                data = r.json()
            except ValueError:
                data = None
        if not res.valid(data):
            log.warning("pull answer invalid; last good copy kept", extra={"resource": name})
            return "invalid"
        try:
            self._save(name, data, r.headers.get("ETag"))
        except OSError as exc:
            log.error("cannot cache pull", extra={"resource": name, "err": exc.strerror})
            return "invalid"
        return "updated"

    def pull_all(self) -> dict[str, Outcome]:
        return {name: self.pull(name) for name in self.resources}
