"""The service catalog as served: the file's exact bytes, a strong ETag, and lookups for tickets."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

# Hall zones: a ticket's letter says which area of the hall calls it.
ZONES: dict[str, str] = {
    "县市场监管局": "A",
    "县行政审批服务局": "A",
    "县公安局": "B",
    "县人社局": "C",
    "县医保局": "C",
    "县不动产登记中心": "D",
    "县税务局": "E",
    "县住房公积金管理部": "E",
    "县民政局": "F",
    "县卫生健康委": "F",
    "县退役军人事务局": "F",
    "县残联": "F",
    "县司法局": "F",
    "县住建局": "G",
    "县自然资源局": "G",
    "县城市管理局": "G",
    "县生态环境分局": "G",
}
DEFAULT_ZONE = "H"
APPOINTMENT_ZONE = "Y"  # 预约: called ahead of walk-ins at the item's own window


class CatalogError(Exception):
    """The catalog file is missing or not the documented shape; says which and why."""


@dataclass(frozen=True)
class Service:
    item_id: str | None
    name: str
    window: str
    zone: str


@dataclass(frozen=True)
class LoadedCatalog:
    body: bytes
    etag: str
    version: str
    items: dict[str, dict[str, Any]]
    categories: dict[str, Service]

    def service_for_item(self, item_id: str) -> Service | None:
        item = self.items.get(item_id)
        if item is None:
            return None
        return Service(
            item["id"], item["name"], item["window"], ZONES.get(item["department"], DEFAULT_ZONE)
        )


def load_catalog(path: Path) -> LoadedCatalog:
    try:
        body = path.read_bytes()
    except OSError as exc:
        raise CatalogError(f"{path}: cannot read the catalog: {exc.strerror}") from None
    try:
        doc = json.loads(body)
        version = str(doc["version"])
        items = {str(i["id"]): i for i in doc["items"]}
    except (ValueError, KeyError, TypeError) as exc:
        raise CatalogError(f"{path}: not a catalog (version, items[].id): {exc}") from None
    categories: dict[str, Service] = {}
    for item in items.values():
        cat = item.get("category")
        if isinstance(cat, str) and cat not in categories:
            zone = ZONES.get(item.get("department", ""), DEFAULT_ZONE)
            categories[cat] = Service(None, cat, item.get("window", ""), zone)
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    return LoadedCatalog(body, etag, version, items, categories)


def etag_matches(if_none_match: str | None, etag: str) -> bool:
    """RFC 9110 weak comparison for If-None-Match: a list of tags, W/ prefixes, or *."""
    if not if_none_match:
        return False
    if if_none_match.strip() == "*":
        return True
    bare = etag.removeprefix("W/")
    return any(tag.strip().removeprefix("W/") == bare for tag in if_none_match.split(","))
