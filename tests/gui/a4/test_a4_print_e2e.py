"""End to end on a real CUPS, driven like a finger: 免证办 → print a copy → preview → printed
(the cups-pdf output read back with pdftotext: the use watermark on it); a proof printed after
the e-ID; the printer out of paper shown in plain words, and the job cancelled."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLabel, QRadioButton

from central.seed.demo import holder
from kiosk_app.core.flows.a4print import A4PrintState

AUTH = "ZWFW-SQ:" + "demo-sq-valid-01-".ljust(32, "0")
EID = "CTID-DEMO-valid-01-".ljust(40, "0")
ZHANG = holder("zhangwei")


def _tap(qtbot, widget) -> None:
    assert widget.isVisible() and widget.isEnabled(), widget.objectName()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _identify(d, qtbot, screen, wrong_first: bool = False) -> None:
    """The identity step (kiosk_app/ui/identity), opened on the e-ID: the QR, then "continue"."""
    panel = screen.current_page()
    assert panel.objectName() == "identity_panel"
    assert panel.stack.currentWidget() is panel.eid_page  # no card for a proof
    if wrong_first:
        d.scanner.scan("not an e-ID")
        qtbot.waitUntil(lambda: panel.stack.currentWidget() is not panel.eid_page, timeout=10000)
    d.scanner.scan(EID)
    qtbot.waitUntil(lambda: panel.continue_btn.isVisible(), timeout=15000)
    _tap(qtbot, panel.continue_btn)
    qtbot.waitUntil(lambda: screen.current_page() is screen.choose_page, timeout=10000)


def _audited(d, qtbot) -> dict:
    """The one ``document.printed`` event, as the central service stored it."""
    qtbot.waitUntil(lambda: len(d.central.stored.payloads("document.printed")) == 1, timeout=15000)
    (payload,) = d.central.stored.payloads("document.printed")
    return payload


def test_certfree_print_copy_preview_printed(a4_desk, qtbot) -> None:
    d = a4_desk()
    screen = d.win.open_capability("certfree")
    d.scanner.scan(AUTH)
    qtbot.waitUntil(lambda: screen.current_page() is screen.consent_page, timeout=15000)
    copy = screen.copy
    _tap(qtbot, copy.button)
    assert screen.current_page() is copy.page
    radios = copy.page.findChildren(QRadioButton)
    assert radios and all("张伟" not in r.text() for r in radios)  # masked, as everywhere
    # no purpose: said, nothing lost
    _tap(qtbot, copy.preview_btn)
    assert "用途" in copy.error.text() and screen.current_page() is copy.page
    copy.purpose.setFocus()
    # what the pinyin keyboard commits: an input-method event with the chosen characters
    ime = QInputMethodEvent()
    ime.setCommitString("社保卡申领")
    QApplication.sendEvent(copy.purpose, ime)
    assert copy.purpose.text() == "社保卡申领"
    copy.full.setChecked(True)
    _tap(qtbot, copy.preview_btn)
    ask = d.win.ask
    assert ask.isVisible() and "完整" in ask.heading.text()  # asked once, before anything
    _tap(qtbot, ask.yes_btn)
    panel = copy.panel
    qtbot.waitUntil(lambda: screen.current_page() is panel, timeout=10000)
    assert panel.flow.state is A4PrintState.PREVIEW
    assert not panel.preview.pixmap().isNull()  # the page itself, rendered from the PDF
    assert panel.page_label.text() == "第 1 页，共 1 页"
    _tap(qtbot, panel.plus_btn)
    assert panel.copies_label.text() == "2"
    for _ in range(5):
        if panel.plus_btn.isEnabled():
            _tap(qtbot, panel.plus_btn)
    assert panel.copies_label.text() == "3"  # [a4] max_copies
    _tap(qtbot, panel.minus_btn)
    _tap(qtbot, panel.minus_btn)
    _tap(qtbot, panel.print_btn)
    qtbot.waitUntil(lambda: panel.flow.state is A4PrintState.DONE, timeout=60000)
    assert "取走" in panel.status.text() and panel.done_btn.isVisible()
    text = d.printed_text()
    assert "仅供办理社保卡申领使用，再次复印无效" in text  # 国办函〔2016〕108号: the use
    assert "张伟" in text and ZHANG.id_number in text  # in full: asked for and confirmed
    assert d.cups.spool_files() == []
    _tap(qtbot, panel.done_btn)
    assert screen.current_page() is screen.consent_page  # the licences can still be attached
    audit = _audited(d, qtbot)
    assert audit["kind"] == "licence_copy" and audit["unmasked"] is True
    assert audit["copies"] == 1 and audit["outcome"] == "printed"
    assert "张伟" not in json.dumps(audit, ensure_ascii=False)
    d.win.end_session("idle")
    for w in d.win.findChildren(QLabel) + d.win.findChildren(QRadioButton):
        assert "张伟" not in w.text() and "张*" not in w.text()


def test_a_proof_printed_after_the_eid(a4_desk, qtbot) -> None:
    d = a4_desk()
    screen = d.win.open_capability("proofs")
    _identify(d, qtbot, screen, wrong_first=True)
    assert screen.who.text().startswith("张*")
    _tap(qtbot, screen.kind_btns["social_insurance"])
    panel = screen.panel
    qtbot.waitUntil(lambda: screen.current_page() is panel, timeout=15000)
    assert panel.page_label.text() == "第 1 页，共 3 页"
    # the paper names the person in full; on the screen the name and number are covered
    assert len(panel.pages._hidden_boxes(0)) >= 2
    _tap(qtbot, panel.next_btn)
    assert panel.page_label.text() == "第 2 页，共 3 页"
    _tap(qtbot, panel.print_btn)
    qtbot.waitUntil(lambda: panel.flow.state is A4PrintState.DONE, timeout=90000)
    assert "参保证明" in d.printed_text()
    assert d.cups.spool_files() == []
    audit = _audited(d, qtbot)
    assert audit["kind"] == "proof" and audit["pages"] == 3


def test_paper_out_is_said_and_the_job_cancelled(a4_desk, qtbot) -> None:
    d = a4_desk(language="en", eve=True)
    d.cups.set_paper(0)
    dev = d.a4
    qtbot.waitUntil(lambda: dev.check_health().detail.get("paper") == "paper_out", timeout=20000)
    screen = d.win.open_capability("catalog")
    qtbot.waitUntil(lambda: screen.index is not None, timeout=20000)
    screen.open_item(screen.index.entries[0].item["id"])
    _tap(qtbot, screen.print_btn)  # on A4: the preview is the question
    panel = screen.a4.panel
    qtbot.waitUntil(lambda: screen.current_page() is panel, timeout=10000)
    _tap(qtbot, panel.print_btn)
    qtbot.waitUntil(lambda: panel.flow.state is A4PrintState.PAPER_OUT, timeout=30000)
    assert "out of paper" in panel.status.text() and "waiting" in panel.status.text()
    assert not panel.done_btn.isVisible() and not panel.back_btn.isVisible()
    _tap(qtbot, panel.cancel_btn)
    # the paper-out words name the desk already: what a finger waits for is the "Done" button
    qtbot.waitUntil(panel.done_btn.isVisible, timeout=20000)
    assert panel.flow.state is A4PrintState.CANCELLED
    assert "service desk" in panel.status.text()
    qtbot.waitUntil(lambda: d.cups.spool_files() == [], timeout=10000)
    _tap(qtbot, panel.done_btn)
    assert screen.current_page() is screen.item_page


def test_walking_away_from_a_held_job_cancels_it(a4_desk, qtbot) -> None:
    """The citizen leaves while the job waits for paper: the next one must not get their
    pages when paper comes back. The reset cancels the job and nothing stays in the spool."""
    d = a4_desk(eve=True)
    d.cups.set_paper(0)
    dev = d.a4
    qtbot.waitUntil(lambda: dev.check_health().detail.get("paper") == "paper_out", timeout=20000)
    screen = d.win.open_capability("proofs")
    _identify(d, qtbot, screen)
    _tap(qtbot, screen.kind_btns["real_estate"])
    panel = screen.panel
    qtbot.waitUntil(lambda: screen.current_page() is panel, timeout=15000)
    _tap(qtbot, panel.print_btn)
    qtbot.waitUntil(lambda: "缺纸" in panel.status.text(), timeout=30000)
    flow = panel.flow
    assert any(p.name.startswith("d") for p in d.cups.spool_files())  # the PDF, while it waits
    d.win.end_session("idle")
    assert flow.state is A4PrintState.CANCELLED and flow.printable is None
    qtbot.waitUntil(lambda: d.cups.spool_files() == [], timeout=15000)
    qtbot.waitUntil(lambda: dev.jobs() == [], timeout=15000)
    audit = _audited(d, qtbot)
    assert audit["outcome"] == "cancelled" and audit["reason"] == "session_reset"
