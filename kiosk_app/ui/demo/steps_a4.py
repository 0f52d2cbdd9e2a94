"""Walkthrough steps for A4 printing (issue 19), on the desk terminal: its A4 printer is a
private CUPS with a cups-pdf queue (kiosk_app/demo/environment.py), so what "prints" is a PDF
the step renders back into receipts/ for a person to look at.

The simulator needs root and Debian's cups packages. Where it cannot start the terminal has no
A4 printer, and these steps pass saying they were skipped and why (the headless demo must run
anywhere); the pytest-qt tests in tests/gui/a4 drive the same screens against the real queue.
"""

from __future__ import annotations

import subprocess
from typing import Any

from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from kiosk_app.core.flows.a4print import A4PrintState
from kiosk_app.ui import i18n
from kiosk_app.ui.a4.proofs import ProofScreen
from kiosk_app.ui.demo.walkthrough import Walkthrough, expect, step
from kiosk_app.ui.flows.certfree import CertfreeScreen
from kiosk_app.ui.identity.panel import IdentityPanel

PROFILE = "five-ones-desk"
AUTH = "ZWFW-SQ:" + "demo-sq-valid-03-".ljust(32, "0")  # 王建国's (the desk took 张伟's)
EID = "CTID-DEMO-valid-01-".ljust(40, "0")  # 张伟's 电子身份证 (central/seed/demo.py)


def _check(cond: bool, what: str) -> None:
    if not cond:
        raise AssertionError(what)


def _cups(wt: Walkthrough) -> Any:
    """The CUPS simulator, or None after saying why this step is skipped."""
    sim = wt.ctx.services.get("cups_sim")
    if sim is None:
        why = wt.ctx.services.get("a4_printer_skipped", "the demo terminal has no A4 printer")
        print(f"[SKIP] A4 printing: {why}")
        if wt.current is not None:
            wt.current.error = f"skipped: {why}"
        return None
    dev = wt.ctx.devices.get("a4_printer") if wt.ctx.devices is not None else None
    if dev is None:
        raise AssertionError("the demo terminal has its A4 printer device")
    wt.wait_until(lambda: dev.state.value == "enabled", 20, "the A4 printer connected")
    return sim


def _type(edit: Any, text: str) -> None:
    """What the pinyin keyboard commits into a field."""
    edit.setFocus()
    ime = QInputMethodEvent()
    ime.setCommitString(text)
    QApplication.sendEvent(edit, ime)


def _print(wt: Walkthrough, panel: Any, sim: Any, name: str) -> None:
    """Print, wait for the job to end, keep the first printed page as a picture."""
    before = len(sim.printed_pdfs())
    panel.print_btn.click()
    wt.wait_until(lambda: panel.flow.state is A4PrintState.DONE, 90, f"{name} printed")
    wt.shot(f"{name}-printed-zh")
    wt.wait_until(lambda: len(sim.printed_pdfs()) > before, 10, "cups-pdf wrote the PDF")
    pdf = sim.printed_pdfs()[-1]
    png = subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(pdf)],
        capture_output=True,
        check=True,
    ).stdout
    wt.receipt(png, f"{name}-a4")
    _check(sim.spool_files() == [], "nothing left in the spool")


@step(800, "a4-certfree-copy", profile=PROFILE)
def certfree_copy(wt: Walkthrough) -> None:
    sim = _cups(wt)
    if sim is None:
        return
    wt.win.start_session()
    screen = expect(wt.win.open_capability("certfree"), CertfreeScreen)
    wt.ctx.services["scanner_sim"].scan(AUTH)
    wt.wait_until(lambda: screen.current_page() is screen.consent_page, 20, "licences")
    copy = screen.copy
    if copy is None:
        raise AssertionError("打印复印件 offered")
    _check(copy.button.isVisible(), "打印复印件 offered")
    copy.button.click()
    _type(copy.purpose, "社保卡申领")
    wt.process(50)
    wt.shot("a4-copy-choose-zh")
    copy.preview_btn.click()
    panel = copy.panel
    wt.wait_until(lambda: screen.current_page() is panel, 20, "the preview")
    wt.shot("a4-copy-preview-zh")
    i18n.set_language("en")
    wt.process(80)
    wt.shot("a4-copy-preview-en")
    i18n.set_language("zh_CN")
    wt.win.set_elder_mode(True)
    wt.process(120)
    wt.shot("a4-copy-preview-elder")
    wt.win.set_elder_mode(False)
    wt.process(120)
    wt.win.resize(1280, 800)
    _print(wt, panel, sim, "a4-copy")
    panel.done_btn.click()
    wt.win.end_session("finished")
    wt.win.start_session()


@step(810, "a4-proof", profile=PROFILE)
def proof(wt: Walkthrough) -> None:
    sim = _cups(wt)
    if sim is None:
        return
    wt.win.start_session()
    screen = expect(wt.win.open_capability("proofs"), ProofScreen)
    # 证明打印 is offered where there is an A4 printer; the identity step comes first
    ident = expect(screen.current_page(), IdentityPanel)
    _check(ident.stack.currentWidget() is ident.eid_page, "on the e-ID: no card for a proof")
    wt.shot("a4-proof-identity-zh")
    wt.ctx.services["scanner_sim"].scan(EID)
    wt.wait_until(lambda: ident.continue_btn.isVisible(), 20, "identified")
    ident.continue_btn.click()
    wt.wait_until(lambda: screen.current_page() is screen.choose_page, 20, "the choice")
    wt.shot("a4-proof-choose-zh")
    screen.kind_btns["social_insurance"].click()
    wt.wait_until(lambda: screen.current_page() is screen.panel, 30, "the proof fetched")
    wt.shot("a4-proof-preview-zh")
    _print(wt, screen.panel, sim, "a4-proof")
    wt.win.end_session("finished")
    wt.win.start_session()
