"""The 12345 knowledge base and classification as the terminal reads them, offline (issue 17).

Both are pulled from the central service like the catalog (``kiosk_app.sync.pulls``: ETag, last
good copy on disk, a snapshot shipped in config/hotline/). The search is the catalog's
(``kiosk_app.core.catalog_search.CatalogIndex``: Chinese words, full pinyin, initials, keywords),
over answers dressed as catalog items (title as the name, matter code as the category), so a
citizen finds "停电了" by typing 停电, "tingdian" or "td" just as they find a service. The index
is built once per knowledge-base version (a few hundred answers: well under a second; run it off
the GUI thread) and kept; it is separate from the catalog's own cache, so the two never evict
each other.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from contract.hotline import TIER_MINUTES
from kiosk_app.core.catalog_search import CatalogIndex


@dataclass(frozen=True)
class Answer:
    """One knowledge-base answer (``contract.hotline.KbAnswer``), as the screen shows it."""

    id: str
    category: str
    title: str
    body: str
    where: str
    bring: tuple[str, ...]
    fees: str
    hours: str

    @classmethod
    def of(cls, item: Mapping[str, Any]) -> Answer:
        bring = item.get("bring")
        return cls(
            str(item.get("id", "")),
            str(item.get("category", "")),
            str(item.get("title", "")),
            str(item.get("body", "")),
            str(item.get("where", "")),
            tuple(str(b) for b in bring) if isinstance(bring, list) else (),
            str(item.get("fees", "")),
            str(item.get("hours", "")),
        )


class KbIndex:
    """The searchable knowledge base of one version. Immutable, thread-safe."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        answers = doc.get("answers")
        items = [
            {**a, "name": str(a["title"])}
            for a in (answers if isinstance(answers, list) else [])
            if isinstance(a, Mapping) and isinstance(a.get("title"), str)
        ]
        self.version = str(doc.get("version", ""))
        self.sample = bool(doc.get("sample"))
        self._index = CatalogIndex.build({"version": self.version, "items": items})

    def __len__(self) -> int:
        return len(self._index)

    def search(self, query: str, *, matter: str | None = None, limit: int = 8) -> list[Answer]:
        """Best answers first for what was typed; with ``matter`` (a branch "05" or a matter
        "0501") only its answers; an empty query lists the matter's answers."""
        if matter is not None and len(matter) == 2:  # a branch: its matters' answers
            hits = self._index.search(query, limit=len(self._index)) if query.strip() else []
            if not query.strip():
                found = [e.item for e in self._index.entries if e.category.startswith(matter)]
                found.sort(key=lambda it: (len(str(it["name"])), str(it["name"])))
                return [Answer.of(it) for it in found[:limit]]
            return [Answer.of(h.item) for h in hits if h.item["category"].startswith(matter)][
                :limit
            ]
        return [Answer.of(h.item) for h in self._index.search(query, category=matter, limit=limit)]

    def answer(self, answer_id: str) -> Answer | None:
        item = self._index.item(answer_id)
        return Answer.of(item) if item is not None else None


_lock = threading.Lock()
_cache: dict[str, KbIndex] = {}


def kb_index(doc: Mapping[str, Any]) -> KbIndex:
    """The index of this knowledge-base version, built once and kept (the newest only)."""
    version = str(doc.get("version", ""))
    with _lock:
        got = _cache.get(version)
    if got is not None:
        return got
    built = KbIndex(doc)
    with _lock:
        _cache.clear()
        _cache[version] = built
    return built


def cached_kb_index(version: str) -> KbIndex | None:
    with _lock:
        return _cache.get(version)


# -- classification ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Matter:
    code: str
    parent: str | None
    label: str
    label_en: str
    tier: str
    hotline: str  # the hotline category name the request is filed under
    handler: str
    tourist: bool

    def words(self, english: bool) -> str:
        return self.label_en if english and self.label_en else self.label


@dataclass(frozen=True)
class PlaceKind:
    code: str
    label: str
    label_en: str

    def words(self, english: bool) -> str:
        return self.label_en if english and self.label_en else self.label


class Matters:
    """The published tree of matters, the visitors' place types and the tiers."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.version = str(doc.get("version", ""))
        found: list[Matter] = []
        raw = doc.get("matters")
        for m in raw if isinstance(raw, list) else []:
            try:
                tier = str(m["tier"])
                found.append(
                    Matter(
                        str(m["code"]),
                        str(m["parent"]) if m.get("parent") else None,
                        str(m["label"]),
                        str(m.get("label_en") or ""),
                        tier if tier in TIER_MINUTES else "24h",
                        str(m.get("hotline") or m["label"]),
                        str(m.get("handler") or ""),
                        bool(m.get("tourist")),
                    )
                )
            except (KeyError, TypeError):
                continue  # a malformed node is skipped, not fatal
        self.all: tuple[Matter, ...] = tuple(found)
        self._by_code = {m.code: m for m in found}
        places = doc.get("place_types")
        self.place_types: tuple[PlaceKind, ...] = tuple(
            PlaceKind(str(p["code"]), str(p["label"]), str(p.get("label_en") or ""))
            for p in (places if isinstance(places, list) else [])
            if isinstance(p, Mapping) and "code" in p and "label" in p
        )

    def __bool__(self) -> bool:
        return bool(self.all)

    def get(self, code: str) -> Matter | None:
        return self._by_code.get(code)

    def branches(self, *, tourist: bool | None = False) -> list[Matter]:
        """Top-level branches; by default without the visitors' branch (it has its own path)."""
        return [
            m for m in self.all if m.parent is None and (tourist is None or m.tourist == tourist)
        ]

    def children(self, branch: str) -> list[Matter]:
        return [m for m in self.all if m.parent == branch]

    def tourist_problems(self) -> list[Matter]:
        return [m for m in self.all if m.tourist and m.parent is not None]


def due_by(filed_at: datetime, tier: str) -> datetime:
    """When the hotline must answer a request of this tier."""
    return filed_at + timedelta(minutes=TIER_MINUTES.get(tier, TIER_MINUTES["24h"]))


def tier_words(tier: str, english: bool = False) -> str:
    minutes = TIER_MINUTES.get(tier, TIER_MINUTES["24h"])
    if english:
        return f"within {minutes} minutes" if minutes < 60 else f"within {minutes // 60} hours"
    return f"{minutes}分钟内" if minutes < 60 else f"{minutes // 60}小时内"


def answers_for(index: KbIndex, query: str, matter: str | None, limit: int) -> Sequence[Answer]:
    """What the screen shows as the citizen types: nothing until something is typed or picked."""
    if not query.strip() and matter is None:
        return []
    return index.search(query, matter=matter, limit=limit)
