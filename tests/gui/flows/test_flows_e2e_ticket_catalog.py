"""Walk-in ticket and service guide end to end, including a printer with no paper."""

from __future__ import annotations

from kiosk_app.core.catalog_search import cached_index


def test_walk_in_ticket_printed_and_recorded_once(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "printer")
    screen = k.win.open_capability("ticket")
    category, button = next(iter(screen.category_buttons.items()))
    button.click()
    assert screen.current_page() is screen.confirm_page and k.printer.receipts == []  # asked once
    screen.confirm_btn.click()
    qtbot.waitUntil(lambda: screen.current_page() is screen.done_page, timeout=10000)
    number = screen.panel.number.text()
    assert k.printer.wait_for_receipts(1, timeout=10)
    assert number in k.receipt_text(0)
    assert k.receipt_qr(0) == [f"{k.central.url}/q/{number}"]
    qtbot.waitUntil(lambda: len(k.central.stored.events("ticket.issued")) == 1, timeout=10000)
    [event] = k.central.stored.payloads("ticket.issued")
    assert event == {
        "number": number,
        "category": category,
        "item_id": None,
        "service": event["service"],
        "window": event["window"],
    }


def test_no_paper_shows_the_number_large_and_says_so(kiosk, ready, qtbot):
    k = kiosk(language="en")
    ready(qtbot, k, "printer")
    k.printer.set_paper("out")
    screen = k.win.open_capability("ticket")
    next(iter(screen.category_buttons.values())).click()
    screen.confirm_btn.click()
    qtbot.waitUntil(lambda: screen.current_page() is screen.done_page, timeout=10000)
    qtbot.waitUntil(lambda: "out of paper" in screen.panel.print_status.text(), timeout=15000)
    assert "remember the number" in screen.panel.print_status.text()
    assert screen.panel.number.property("role") == "big-number"
    assert screen.panel.number.isVisible() and screen.panel.number.text()
    assert k.printer.receipts == []
    # the held slip is dropped at reset: it must not come out for the next citizen
    k.win.end_session("finished")
    assert k.win.ctx.devices.get("printer").held_jobs() == []


def test_printer_problem_is_worded_again_after_a_language_switch(kiosk, ready, qtbot):
    from kiosk_app.ui import i18n

    k = kiosk(language="en")
    ready(qtbot, k, "printer")
    k.printer.set_paper("out")
    screen = k.win.open_capability("ticket")
    next(iter(screen.category_buttons.values())).click()
    screen.confirm_btn.click()
    qtbot.waitUntil(lambda: "out of paper" in screen.panel.print_status.text(), timeout=15000)
    i18n.set_language("zh_CN")  # the citizen switches while reading it: no half-English line
    qtbot.waitUntil(lambda: "缺纸" in screen.panel.print_status.text(), timeout=5000)
    assert screen.panel.print_status.property("role") == "error"
    k.win.end_session("finished")


def test_catalog_search_item_page_and_checklist(kiosk, ready, qtbot):
    k = kiosk()
    ready(qtbot, k, "printer")
    screen = k.win.open_capability("catalog")
    qtbot.waitUntil(lambda: screen.index is not None, timeout=20000)
    assert cached_index(screen.index.version) is screen.index
    screen.query.setText("yyzz")
    names = [screen.results.item(i).text() for i in range(screen.results.count())]
    assert names and all("营业执照" in n for n in names)
    screen.query.setText("qqqqzzzz")
    assert screen.results.count() == 0 and "没有找到" in screen.count.text()
    screen.query.setText("营业执照遗失补领")
    screen.results.itemClicked.emit(screen.results.item(0))
    assert screen.current_page() is screen.item_page
    assert screen.item_name.text() == "营业执照遗失补领"
    screen.print_btn.click()
    assert k.win.ask.isVisible() and "材料清单" in k.win.ask.heading.text()
    assert k.printer.receipts == []  # nothing printed on one touch
    k.win.ask.yes_btn.click()
    assert k.printer.wait_for_receipts(1, timeout=10)
    text = k.receipt_text(0)
    assert "营业执照遗失补领" in text and "材料清单" in text
    qtbot.waitUntil(lambda: "请在下方出纸口" in screen.print_status.text(), timeout=10000)
    # and straight on to a ticket for this item
    screen.ticket_btn.click()
    ticket = k.win.current_screen()
    assert "营业执照遗失补领" in ticket.confirm_text.text()
    ticket.confirm_btn.click()
    qtbot.waitUntil(lambda: ticket.current_page() is ticket.done_page, timeout=10000)
    assert ticket.flow.choice.item_id is not None


def test_catalog_by_category_offline(kiosk, qtbot):
    k = kiosk(central_up=False)  # the catalog comes from the snapshot: works with no network
    screen = k.win.open_capability("catalog")
    qtbot.waitUntil(lambda: screen.index is not None, timeout=20000)
    row = next(
        i
        for i in range(screen.categories.count())
        if screen.categories.item(i).text() == "婚姻登记"
    )
    screen.categories.itemClicked.emit(screen.categories.item(row))
    assert screen.results.count() > 0
