"""The seed data: the committed catalog is what the generator makes, and it is realistic enough
for the demo (hand-written core, ~1,900 items, unique ids); demo codes fit the payload formats."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from central.seed import catalog_gen, demo
from central.seed.catalog_core import CORE, WINDOWS
from central.seed.licence_kinds import LICENCE_KINDS

CATALOG = Path(__file__).resolve().parents[3] / "config" / "catalog" / "catalog.json"


def test_committed_catalog_is_what_the_generator_produces() -> None:
    assert CATALOG.read_bytes() == catalog_gen.render(catalog_gen.build_catalog()), (
        "config/catalog/catalog.json is stale: run python -m central.seed.catalog_gen"
    )


def test_catalog_shape_and_scale() -> None:
    catalog = catalog_gen.build_catalog()
    items = catalog["items"]
    core = [i for i in items if i["id"].startswith("C")]
    assert len(core) >= 200
    assert 1800 <= len(items) <= 2000
    assert len({i["id"] for i in items}) == len(items)
    assert not [n for n, k in Counter(i["name"] for i in items).items() if k > 1]
    keys = {"id", "name", "department", "category", "materials", "fee", "time_limit_days",
            "window", "online", "keywords"}  # fmt: skip
    for item in items:
        assert set(item) == keys
        assert item["materials"] and item["window"] and item["fee"]
        assert isinstance(item["online"], bool)
        assert 0 <= item["time_limit_days"] <= 60
    departments = {i["department"] for i in core}
    assert {"县市场监管局", "县公安局", "县人社局", "县医保局", "县不动产登记中心"} <= departments
    assert set(CORE) <= set(WINDOWS)
    assert catalog["version"].startswith(catalog_gen.VERSION_PREFIX)


def test_synonyms_reach_the_keywords() -> None:
    items = {i["name"]: i for i in catalog_gen.build_catalog()["items"]}
    assert "驾照" in items["机动车驾驶证期满换证"]["keywords"]
    assert "社保卡" in items["社会保障卡申领"]["keywords"]
    assert "低保" in items["最低生活保障申请"]["keywords"]
    assert "个体户" in items["个体工商户设立登记"]["keywords"]
    # words already in the name add nothing to a substring search
    assert "身份证" not in items["居民身份证换领"]["keywords"]


def test_about_a_hundred_licence_kinds() -> None:
    assert 95 <= len(LICENCE_KINDS) <= 120
    titles = {t for _, t, _ in LICENCE_KINDS}
    assert {"居民身份证", "营业执照", "机动车驾驶证", "结婚证"} <= titles


def test_demo_id_numbers_have_valid_check_digits() -> None:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    for h in demo.HOLDERS:
        n = h.id_number
        assert re.fullmatch(r"\d{17}[\dX]", n)
        assert (
            "10X98765432"[sum(int(d) * w for d, w in zip(n[:17], weights, strict=True)) % 11]
            == n[-1]
        )
        assert all(lic["holder"] == h.name for lic in demo.licences(h))
        assert len(demo.licences(h)) == len(h.kinds)  # every kind the holder has is known


def test_demo_codes_fit_the_payload_formats() -> None:
    items = {i["id"] for i in catalog_gen.build_catalog()["items"]}
    for a in demo.APPOINTMENTS:
        assert re.fullmatch(r"[A-Z0-9]{10}", a.code)
        assert re.fullmatch(r"\d{6}", a.code6)
        assert a.item_id in items
    for token in demo.AUTH_TOKENS:
        assert re.fullmatch(r"[A-Za-z0-9_-]{32}", token)
