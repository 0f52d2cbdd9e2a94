"""Search over the service catalog as a citizen types: Chinese words, pinyin initials ("yyzz" →
营业执照), full pinyin ("yingye"), or a category.

Everything a keystroke needs is computed once per catalog version (``CatalogIndex.build``, about
a second for ~1,900 items, run off the GUI thread): each item's name, its pinyin syllables joined
("yingyezhizhao") and their initials ("yyzz"), lower-cased. A query is then a linear scan of
plain ``str`` containment tests, a few milliseconds for the whole catalog, so results can follow
every key press without a debounce that would make an elderly user wait.

Pinyin comes from pypinyin with phrase context, so polyphones read as in the phrase (银行 hang,
行政 xing). Ranking is the order a person expects: exact name, name starts with the query, name
contains it, then pinyin matches, then matches only in keywords, department or category; ties go
to the shorter (more general) name.
"""

from __future__ import annotations

import heapq
import re
import threading
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

_CJK = re.compile(r"[\u3400-\u9fff]")
_SPACES = re.compile(r"[\s'’·,，。、/\\-]+")


def normalise_query(text: str) -> str:
    """Full-width to half-width (NFKC), lower case, no spaces or apostrophes ("xi'an")."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).lower()


def _syllables(text: str) -> list[str]:
    """Pinyin syllables of ``text``; non-Chinese letters and digits kept, one per character."""
    # pypinyin reads its phrase dictionary at import (a third of a second): load it with the
    # first index build, not with the kiosk's start
    from pypinyin import lazy_pinyin

    out: list[str] = []
    # non-Chinese runs come back whole; split them so "A3" counts as two letters
    tokens = lazy_pinyin(text, errors=lambda s: " ".join(s))
    for token in (t for tok in tokens for t in tok.split(" ")):
        t = token.lower()
        if t.isalnum() and t.isascii():
            out.append(t)
    return out


def _pinyin(text: str) -> tuple[str, str]:
    """(full pinyin joined, initials) of ``text``."""
    syllables = _syllables(text)
    return "".join(syllables), "".join(s[0] for s in syllables)


def _starts(syllables: list[str]) -> tuple[int, ...]:
    """Offsets in the joined pinyin where a syllable starts: "hunyin" must not match z|hun|ying."""
    pos, out = 0, []
    for s in syllables:
        out.append(pos)
        pos += len(s)
    return tuple(out)


@dataclass(frozen=True)
class Entry:
    """One catalog item as the search sees it; ``item`` is the catalog's own dict."""

    item: Mapping[str, Any]
    name: str
    full: str
    starts: tuple[int, ...]  # syllable offsets in ``full``
    initials: str
    other: str  # keywords, department, category: Chinese text matched by containment
    category: str


@dataclass(frozen=True)
class Hit:
    item: Mapping[str, Any]
    score: int  # lower is better

    @property
    def id(self) -> str:
        return str(self.item.get("id", ""))

    @property
    def name(self) -> str:
        return str(self.item.get("name", ""))


class CatalogIndex:
    """The precomputed search index of one catalog version. Immutable, thread-safe."""

    def __init__(self, version: str, entries: Sequence[Entry], categories: Sequence[str]) -> None:
        self.version = version
        self.entries = tuple(entries)
        self.categories = tuple(categories)
        self._by_id = {str(e.item.get("id", "")): e.item for e in self.entries}
        cat_py = {c: _pinyin(c) for c in self.categories}
        self._category_pinyin = cat_py

    @classmethod
    def build(cls, catalog: Mapping[str, Any]) -> CatalogIndex:
        """Index a catalog document (``{"version", "items": [...]}``); bad items are skipped."""
        items = catalog.get("items")
        entries: list[Entry] = []
        categories: dict[str, None] = {}
        for item in items if isinstance(items, list) else []:
            if not isinstance(item, Mapping) or not isinstance(item.get("name"), str):
                continue
            name = item["name"]
            category = str(item.get("category") or "")
            keywords = item.get("keywords")
            words: Iterable[Any] = keywords if isinstance(keywords, list) else ()
            other = " ".join(
                [str(w) for w in words] + [str(item.get("department") or ""), category]
            )
            syllables = _syllables(name)
            full, initials = "".join(syllables), "".join(s[0] for s in syllables)
            entries.append(
                Entry(
                    item, name.lower(), full, _starts(syllables), initials, other.lower(), category
                )
            )
            if category:
                categories[category] = None
        return cls(str(catalog.get("version", "")), entries, list(categories))

    def __len__(self) -> int:
        return len(self.entries)

    def item(self, item_id: str) -> Mapping[str, Any] | None:
        return self._by_id.get(item_id)

    def in_category(self, category: str, limit: int = 200) -> list[Hit]:
        """The items of one category, shortest names first (the general ones)."""
        found = [e for e in self.entries if e.category == category]
        found.sort(key=lambda e: (len(e.name), e.name))
        return [Hit(e.item, 0) for e in found[:limit]]

    def matching_categories(self, query: str) -> list[str]:
        """Categories whose name or pinyin (full or initials) contains the query."""
        q = normalise_query(query)
        if not q:
            return list(self.categories)
        out = []
        for c in self.categories:
            full, initials = self._category_pinyin[c]
            if q in c.lower() or q in full or q in initials:
                out.append(c)
        return out

    def search(self, query: str, *, category: str | None = None, limit: int = 50) -> list[Hit]:
        """Best matches first; an empty query lists the category (or nothing without one)."""
        q = normalise_query(query)
        if not q:
            return self.in_category(category, limit) if category else []
        cjk = bool(_CJK.search(q))
        scored: list[tuple[int, int, str, Mapping[str, Any]]] = []
        for e in self.entries:
            if category is not None and e.category != category:
                continue
            score = _score(e, q, cjk)
            if score is not None:
                scored.append((score, len(e.name), e.name, e.item))
        # the best ``limit`` only (n log limit): a one-letter query on a long list (20,000
        # addresses) matches nearly everything, and sorting all of it would be most of the work
        best = heapq.nsmallest(limit, scored, key=lambda t: (t[0], t[1], t[2]))
        return [Hit(item, score) for score, _, _, item in best]


def make_entry(
    item: Mapping[str, Any], name: str, syllables: list[str], other: str, category: str = ""
) -> Entry:
    """An index entry from pinyin already known (``syllables_of`` per part): for long lists
    built from few distinct parts (the county's addresses: street, community, road), where
    reading each whole name through pypinyin again would take seconds."""
    full = "".join(syllables)
    initials = "".join(s[0] for s in syllables)
    return Entry(item, name.lower(), full, _starts(syllables), initials, other.lower(), category)


def syllables_of(text: str) -> list[str]:
    """Pinyin syllables of ``text`` as the index reads them (digits and letters one each)."""
    return _syllables(text)


def _score(e: Entry, q: str, cjk: bool) -> int | None:
    name = e.name
    if q == name:
        return 0
    if name.startswith(q):
        return 1
    if q in name:
        return 2
    if not cjk:
        if e.initials.startswith(q):
            return 3
        if e.full.startswith(q):
            return 4
        if q in e.initials:
            return 5
        if q in e.full and any(e.full.startswith(q, p) for p in e.starts):
            return 6
    if q in e.other:
        return 7
    return None


_cache_lock = threading.Lock()
_cache: dict[str, CatalogIndex] = {}


def index_for(catalog: Mapping[str, Any]) -> CatalogIndex:
    """The index of this catalog version, built once per process and kept (the newest only).

    Call it off the GUI thread the first time: building takes about a second.
    """
    version = str(catalog.get("version", ""))
    with _cache_lock:
        cached = _cache.get(version)
    if cached is not None:
        return cached
    built = CatalogIndex.build(catalog)
    with _cache_lock:
        _cache.clear()
        _cache[version] = built
    return built


def cached_index(version: str) -> CatalogIndex | None:
    """The index already built for ``version``, without building (for the GUI thread)."""
    with _cache_lock:
        return _cache.get(version)
