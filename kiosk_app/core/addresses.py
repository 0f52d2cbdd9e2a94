"""The county's address list (报装), searched as a citizen types: the catalog's own search
(``catalog_search``: Chinese, full pinyin, pinyin initials — "dmsq" → 东门社区), not another.

Each address is indexed under its street, community, road and doorway; the pinyin is read once
per distinct part (a county has a few dozen streets, communities and roads, and 20,000 doorways
made of them), so building the index takes a fraction of what reading 20,000 whole names through
pypinyin would. Built off the GUI thread once per list version and kept (``book_for``).
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from functools import lru_cache
from typing import Any

from kiosk_app.core.catalog_search import CatalogIndex, make_entry, syllables_of


@lru_cache(maxsize=4096)
def _part(text: str) -> tuple[str, ...]:
    return tuple(syllables_of(text))


class AddressBook:
    """One version of the address list and its search index. Immutable, thread-safe."""

    def __init__(self, version: str, county: str, index: CatalogIndex) -> None:
        self.version = version
        self.county = county
        self.index = index

    @classmethod
    def build(cls, doc: Mapping[str, Any]) -> AddressBook:
        """From the published list (``contract.utility.AddressList``); bad rows are skipped."""
        rows = doc.get("addresses")
        entries = []
        streets: dict[str, None] = {}
        for a in rows if isinstance(rows, list) else []:
            if not isinstance(a, Mapping):
                continue
            parts = [str(a.get(k) or "") for k in ("street", "community", "road", "number")]
            if not all(parts[:3]) or not isinstance(a.get("id"), str):
                continue
            syllables = [s for p in parts for s in _part(p)]
            item = dict(a)
            item["name"] = "".join(parts)  # what a result shows (the county is the same for all)
            entries.append(make_entry(item, item["name"], syllables, " ".join(parts), parts[0]))
            streets[parts[0]] = None
        index = CatalogIndex(str(doc.get("version", "")), entries, list(streets))
        return cls(index.version, str(doc.get("county") or ""), index)

    def __len__(self) -> int:
        return len(self.index)

    def search(self, query: str, limit: int = 30) -> list[Mapping[str, Any]]:
        """Best matches first: by street, community or road, in characters or pinyin."""
        return [h.item for h in self.index.search(query, limit=limit)]

    def get(self, address_id: str) -> Mapping[str, Any] | None:
        return self.index.item(address_id)

    def text(self, address: Mapping[str, Any]) -> str:
        """The whole address as printed (county included)."""
        return str(address.get("text") or self.county + str(address.get("name") or ""))


_lock = threading.Lock()
_books: dict[str, AddressBook] = {}


def book_for(doc: Mapping[str, Any]) -> AddressBook:
    """The book of this list version, built once per process (call it off the GUI thread)."""
    version = str(doc.get("version", ""))
    with _lock:
        found = _books.get(version)
    if found is not None:
        return found
    built = AddressBook.build(doc)
    with _lock:
        _books.clear()
        _books[version] = built
    return built


def cached_book(version: str) -> AddressBook | None:
    with _lock:
        return _books.get(version)
