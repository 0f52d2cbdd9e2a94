"""The service guide's categories in English: one table through Qt's translations, the catalog's
own Chinese names as the keys (and as their zh_CN translations)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kiosk_app.ui.flows.categories import CATEGORIES, CONTEXT, category_label

ROOT = Path(__file__).resolve().parents[3]
CATALOG = ROOT / "config" / "catalog" / "catalog.json"
TS = ROOT / "kiosk_app" / "ui" / "i18n" / "flows_zh_CN.ts"


def catalog_categories() -> set[str]:
    doc = json.loads(CATALOG.read_text(encoding="utf-8"))
    return {str(i["category"]) for i in doc["items"] if i.get("category")}


def test_the_table_names_every_category_of_the_catalog_once() -> None:
    assert set(CATEGORIES) == catalog_categories()
    english = list(CATEGORIES.values())
    assert len(set(english)) == len(english)
    assert all(e.isascii() and e.strip() == e and e for e in english)


def test_the_zh_cn_translation_of_each_name_is_the_catalogs_own() -> None:
    root = ET.parse(TS).getroot()
    [ctx] = [c for c in root.iter("context") if c.findtext("name") == CONTEXT]
    translated = {m.findtext("source"): m.findtext("translation") for m in ctx.iter("message")}
    assert translated == {en: zh for zh, en in CATEGORIES.items()}


@pytest.fixture
def language(qapp):  # type: ignore[no-untyped-def]
    from kiosk_app.ui import i18n

    yield i18n.set_language
    i18n.set_language("zh_CN")


def test_labels_follow_the_language_and_unknown_ones_stay_as_named(language) -> None:
    language("en")
    assert category_label("婚姻登记") == "Marriage registration"
    assert category_label("新设类别") == "新设类别"  # a newer catalog: shown as it names it
    language("zh_CN")
    assert all(category_label(zh) == zh for zh in CATEGORIES)


def _row(screen, key: str) -> int:  # type: ignore[no-untyped-def]
    return next(
        i for i in range(screen.categories.count()) if screen.categories.item(i).data(256) == key
    )


def test_catalog_in_english_then_chinese(kiosk, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk_app.ui import i18n

    k = kiosk(language="en", central_up=False)  # the snapshot: no network needed
    screen = k.win.open_capability("catalog")
    qtbot.waitUntil(lambda: screen.index is not None, timeout=20000)
    names = [screen.categories.item(i).text() for i in range(screen.categories.count())]
    assert names[0] == "All services" and "Marriage registration" in names
    assert all(n.isascii() for n in names)
    assert "officially published" in screen.hint.text()
    # picking the English entry filters on the catalog's own category
    row = _row(screen, "婚姻登记")
    screen.categories.itemClicked.emit(screen.categories.item(row))
    assert screen.results.count() > 0
    first = screen.results.item(0).data(256)
    assert screen.index.item(first)["category"] == "婚姻登记"
    screen.open_item(first)
    facts = screen.item_facts.text()
    assert "Category: Marriage registration" in facts and "Fee: free of charge" in facts
    assert screen.official_note.isVisibleTo(screen)
    # the ticket screen's category buttons too
    ticket = k.win.open_capability("ticket")
    assert all(b.text().isascii() for b in ticket.category_buttons.values())
    # switched to Chinese while open: the catalog's own names, and no note about them
    k.win.open_capability("catalog")
    screen = k.win.current_screen()
    qtbot.waitUntil(lambda: screen.index is not None, timeout=20000)
    i18n.set_language("zh_CN")
    qtbot.waitUntil(lambda: screen.categories.item(0).text() == "全部事项", timeout=5000)
    assert screen.categories.item(_row(screen, "婚姻登记")).text() == "婚姻登记"
    assert "官方" not in screen.hint.text() and not screen.official_note.isVisibleTo(screen)


def test_print_status_follows_a_language_switch(kiosk, ready, qtbot) -> None:  # type: ignore[no-untyped-def]
    from kiosk_app.ui import i18n

    k = kiosk()
    ready(qtbot, k, "printer")
    screen = k.win.open_capability("catalog")
    qtbot.waitUntil(lambda: screen.index is not None, timeout=20000)
    screen.open_item("C0001")
    screen.print_btn.click()
    k.win.ask.yes_btn.click()  # printing is asked once
    qtbot.waitUntil(lambda: "请在下方出纸口" in screen.print_status.text(), timeout=10000)
    i18n.set_language("en")
    qtbot.waitUntil(
        lambda: screen.print_status.text() == "Please take your list from the printer below.",
        timeout=5000,
    )
    screen.open_item("C0002")  # another item: nothing printed for it yet
    assert screen.print_status.text() == ""
