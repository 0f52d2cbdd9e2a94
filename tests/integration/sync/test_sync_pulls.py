"""Pulls with ETags; the last good copy survives the network going away and bad answers."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from central.server import EmbeddedCentral
from kiosk_app.sync.pulls import Puller, Resource
from kiosk_app.sync.transport import API_PREFIX, Transport

TERMINAL = "HALL-24H-01"


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _catalog_only(transport: Transport, cache: Path, valid=None) -> Puller:
    res = (
        Resource(f"{API_PREFIX}/catalog")
        if valid is None
        else Resource(f"{API_PREFIX}/catalog", valid)
    )
    return Puller(transport, cache, TERMINAL, {"catalog": res})


def test_catalog_is_pulled_then_not_resent_when_unchanged(central, cfg_for, tmp_path: Path) -> None:
    t = Transport(cfg_for(central.url))
    try:
        puller = Puller(t, tmp_path / "cache", TERMINAL)
        assert puller.pull("catalog") == "updated"
        first = puller.cached("catalog")
        assert first is not None and first.etag and isinstance(first.data["items"], list)
        assert puller.pull("catalog") == "unchanged"
        assert puller.cached("catalog") == first
    finally:
        t.close()


def test_last_good_copy_is_used_offline(central, cfg_for, tmp_path: Path) -> None:
    online = Transport(cfg_for(central.url))
    offline = Transport(cfg_for(f"http://127.0.0.1:{_closed_port()}"))
    try:
        assert _catalog_only(online, tmp_path).pull("catalog") == "updated"
        puller = _catalog_only(offline, tmp_path)
        assert puller.pull("catalog") == "offline"
        cached = puller.cached("catalog")
        assert cached is not None and "items" in cached.data
    finally:
        online.close()
        offline.close()


def test_invalid_answer_or_damaged_cache_never_replaces_a_good_copy(
    central, cfg_for, tmp_path: Path
) -> None:
    t = Transport(cfg_for(central.url))
    try:
        normal = _catalog_only(t, tmp_path)
        assert normal.pull("catalog") == "updated"
        good = normal.cached("catalog")
        assert good is not None
        cache = tmp_path / "catalog.json"
        doc = json.loads(cache.read_text())
        cache.write_text(json.dumps({**doc, "etag": '"stale"'}))  # so the server answers in full
        strict = _catalog_only(t, tmp_path, valid=lambda doc: False)
        assert strict.pull("catalog") == "invalid"
        kept = strict.cached("catalog")
        assert kept is not None and kept.data == good.data
        cache.write_text("{ half a file")  # the SD card lost the rest
        assert normal.cached("catalog") is None  # unreadable: ignored, not a crash
        assert normal.pull("catalog") == "updated"  # and healed by the next pull
    finally:
        t.close()


def test_guide_version_is_the_page_digest_and_absent_is_quiet(cfg_for, tmp_path: Path) -> None:
    guides = tmp_path / "guides"
    page = guides / TERMINAL / "index.html"
    page.parent.mkdir(parents=True)
    page.write_text("<h1>操作指南 v1</h1>", encoding="utf-8")
    central = EmbeddedCentral(tmp_path / "c" / "central.db", guides_dir=guides, demo=True).start()
    t = Transport(cfg_for(central.url))
    try:
        puller = Puller(t, tmp_path / "cache", TERMINAL)
        assert puller.pull("guide") == "updated"
        v1 = puller.cached("guide")
        assert puller.pull("guide") == "unchanged"
        page.write_text("<h1>操作指南 v2</h1>", encoding="utf-8")
        assert puller.pull("guide") == "updated"
        v2 = puller.cached("guide")
        assert v1 is not None and v2 is not None and v1.data["sha256"] != v2.data["sha256"]
        other = Puller(t, tmp_path / "cache2", "HALL-001")
        assert other.pull("guide") == "absent"
        assert other.cached("guide") is None
    finally:
        t.close()
        central.stop()


def test_cached_copy_is_parsed_once_until_a_pull_replaces_it(cfg_for, tmp_path: Path) -> None:
    t = Transport(cfg_for(f"http://127.0.0.1:{_closed_port()}"))
    try:
        puller = _catalog_only(t, tmp_path / "cache")
        puller._save("catalog", {"version": "1", "items": []}, '"e1"')
        first = puller.cached("catalog")
        assert first is not None and puller.cached("catalog") is first  # not parsed again
        puller._save("catalog", {"version": "2", "items": []}, '"e2"')
        second = puller.cached("catalog")
        assert second is not None and second.data["version"] == "2" and second.etag == '"e2"'
    finally:
        t.close()
