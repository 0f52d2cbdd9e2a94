"""The card's photo: shown only when a site installed a WLT decoder (``kiosk.wlt_decoders``)
and it gave a picture; a decoder that fails shows no photo, never a broken image; the photo
goes with the reset."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from devices.idcard import photo as photo_module
from kiosk_app.core.flows.identity import Level

from .conftest import WAIT


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (102, 126), (200, 180, 160)).save(out, format="BMP")
    return out.getvalue()


@pytest.mark.parametrize(("picture", "shown"), [(_png, True), (lambda: b"junk", False)])
def test_photo_only_from_a_decoder_that_works(terminal, qtbot, monkeypatch, picture, shown):
    decoded: list[bytes] = []

    def decoder(wlt: bytes) -> bytes:
        decoded.append(wlt)
        return picture()

    monkeypatch.setattr(photo_module, "load_decoder", lambda name=None: decoder)
    t = terminal()
    screen = t.win.open_capability("certfree")
    got: list = []
    panel = t.win.ask_identity(screen, Level.CARD_OR_EID, got.append)
    t.lay("lina")
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.done_page, timeout=WAIT)
    qtbot.waitUntil(lambda: len(decoded) == 1, timeout=WAIT)
    assert decoded[0] == panel.flow.citizen.photo_wlt and len(decoded[0]) == 1024
    if shown:
        qtbot.waitUntil(lambda: not panel.photo.isHidden(), timeout=WAIT)
        assert panel.photo.pixmap().width() == 102
    # the answer is back on the GUI thread either way: "Continue" then closes the page
    panel.continue_btn.click()
    assert got and screen.current_page() is screen.scan_page
    assert panel.photo.isHidden() and panel.photo.pixmap().isNull()  # wiped with the page
