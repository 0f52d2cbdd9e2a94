"""Catalog search on the real catalog: Chinese, pinyin initials, full pinyin, categories."""

from __future__ import annotations

import json

import pytest

from kiosk_app.core import catalog_search
from kiosk_app.core.catalog_search import CatalogIndex, normalise_query
from kiosk_app.core.paths import config_dir


@pytest.fixture(scope="module")
def index() -> CatalogIndex:
    doc = json.loads((config_dir() / "catalog" / "catalog.json").read_text(encoding="utf-8"))
    return catalog_search.index_for(doc)


def names(hits) -> list[str]:  # type: ignore[no-untyped-def]
    return [h.name for h in hits]


def test_initials_find_business_licence(index):
    found = names(index.search("yyzz"))
    assert found and all("营业执照" in n for n in found)
    assert names(index.search("ＹＹＺＺ")) == found  # full-width, as some IMEs type


def test_chinese_full_pinyin_and_ranking(index):
    assert names(index.search("身份证"))[0].startswith("居民身份证")
    assert "居民身份证换领" in names(index.search("shenfenzheng"))
    # a syllable boundary is needed: "hunyin" is 婚姻, not z|hun y|ing in 准营
    assert all("婚姻" in n for n in names(index.search("hunyin")))
    exact = index.search("营业执照遗失补领")
    assert exact[0].name == "营业执照遗失补领" and exact[0].score == 0


def test_category_filter_and_listing(index):
    hits = index.search("", category="婚姻登记")
    assert hits and all(h.item["category"] == "婚姻登记" for h in hits)
    assert index.search("") == []
    assert "社保卡" in index.matching_categories("sbk")
    assert all(h.item["category"] == "户籍办理" for h in index.search("sfz", category="户籍办理"))


def test_nothing_found_and_odd_input(index):
    assert index.search("zzzzqqq") == []
    assert index.search("'; DROP TABLE") == []
    assert normalise_query(" Xi'an ") == "xian"


def test_bad_items_are_skipped_and_index_is_cached():
    doc = {"version": "t1", "items": [{"name": "营业执照", "id": "1"}, "junk", {"id": "2"}]}
    ix = catalog_search.index_for(doc)
    assert len(ix) == 1 and ix.item("1") is not None
    assert catalog_search.index_for(doc) is ix
    assert catalog_search.cached_index("t1") is ix
