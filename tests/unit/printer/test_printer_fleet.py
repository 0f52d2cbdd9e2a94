"""Every receipt on every printer profile: nothing wider than the head, every character printed
(by the font or as a raster line in its place), every barcode and QR decodes from the rendering.

The rendering is drawn from the bytes with the profile's rules (devices.printer.render): a line
the printer would wrap, an image it would clip, a character its font lacks, a barcode too wide
for its head or a command it does not have are all recorded there, and each must be absent.
zxing-cpp reads the symbols off the rendered image at the profile's width.
"""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp

from devices.printer.code128 import escpos_data, fit_module
from devices.printer.encoder import encode, needs_raster
from devices.printer.gbtext import in_font, wrap
from devices.printer.model import Barcode, Image, QrCode, Receipt, Separator, Text
from devices.printer.parser import parse
from devices.printer.profiles import PROFILES, PrinterProfile, get_profile
from devices.printer.render import render_with
from devices.printer.samples import CASE_NUMBER, sample_receipts, symbols

RECEIPTS = sorted(sample_receipts(get_profile("80mm")))


def _expected_kinds(receipt: Receipt, prof: PrinterProfile) -> list[tuple[str, str]]:
    """What must be on the paper, in order: each wrapped text line as text, or as an image
    where the printer cannot print it; symbols as themselves, or as images where the printer
    lacks the command."""
    out: list[tuple[str, str]] = []
    for b in receipt.blocks:
        if isinstance(b, Separator):
            b = Text(b.char * (prof.columns // (1 if b.char.isascii() else 2)))
        if isinstance(b, Text):
            for line in wrap(b.text, prof.columns // b.width):
                if not line:
                    continue
                out.append(("image", "") if needs_raster(line, b, prof) else ("text", line))
        elif isinstance(b, QrCode):
            out.append(("qr", b.data) if prof.native_qr else ("image", ""))
        elif isinstance(b, Barcode):
            if fit_module(escpos_data(b.data), prof.dots, b.module) is None:
                out.append(("qr", b.data) if prof.native_qr else ("image", ""))
            else:
                out.append(("barcode", b.data) if prof.barcode else ("image", ""))
        elif isinstance(b, Image):
            out.append(("image", ""))
    return out


@pytest.mark.parametrize("profile", sorted(PROFILES))
@pytest.mark.parametrize("name", RECEIPTS)
def test_every_receipt_prints_right_on_every_profile(name: str, profile: str) -> None:
    prof = get_profile(profile)
    receipt = sample_receipts(prof)[name]
    pages, r = render_with(encode(receipt, prof), prof)
    assert len(pages) == 1
    page = pages[0]
    assert page.width == prof.dots
    assert r.overflow == [], "wider than the head"
    assert r.missing == [], "characters the printer's font lacks were sent as text"
    assert r.dropped == [], "symbols the printer would not print"
    (items,) = r.take_items()
    assert all(i.left >= 0 and i.left + i.width <= prof.dots for i in items)
    # the printed text before any image of the same line is what the model says, in order
    got = [(i.kind, i.text if i.kind != "image" else "") for i in items if i.text or i.width]
    assert got == _expected_kinds(receipt, prof)
    decoded = {s.text for s in zxingcpp.read_barcodes(np.asarray(page))}
    assert decoded == symbols(receipt)


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_rare_characters_print_as_raster_lines_in_their_place(profile: str) -> None:
    """喆 is not GB2312, 𠮷 is in no printer font: the lines holding them print as images where
    the font lacks them, between the lines around them; nothing is lost or replaced."""
    prof = get_profile(profile)
    lines = ["受理编号：SL483029175602", "代办人：王喆", "店名：𠮷祥小吃店", "窗口：5号"]
    receipt = Receipt().add(*(Text(t) for t in lines))
    data = encode(receipt, prof)
    assert not any("?" in op.text for op in parse(data))
    (page,), r = render_with(data, prof)
    (items,) = r.take_items()
    kinds = [(i.kind, i.text) for i in items]
    assert kinds[0] == ("text", lines[0]) and kinds[3] == ("text", lines[3])
    # 代办人：王喆 as an image: six cells of 24 dots, one line tall
    assert kinds[1] == (("text", lines[1]) if in_font("喆", prof.font) else ("image", "144x30"))
    assert kinds[2][0] == "image"  # 𠮷 everywhere
    # the image line has ink where the characters are, and the page is as long as text would be
    a = np.asarray(page) < 128
    for item in items[1:3]:
        assert a[item.top : item.top + item.height, item.left : item.left + item.width].any()
    assert [i.top for i in items] == [0, 30, 60, 90]


def test_the_largest_size_a_printer_lacks_prints_as_an_image_of_that_size() -> None:
    """GS ! 0x33 on a printer with 1x and 2x only: the queue number still prints 4x big."""
    basic, full = get_profile("pos58-basic"), get_profile("58mm")
    receipt = Receipt().add(Text("A023", width=4, height=4))
    _, rb = render_with(encode(receipt, basic), basic)
    _, rf = render_with(encode(receipt, full), full)
    (b_items,), (f_items,) = rb.take_items(), rf.take_items()
    assert [i.kind for i in b_items] == ["image"] and [i.kind for i in f_items] == ["text"]
    assert b_items[0].height == f_items[0].height == 4 * 24
    assert b_items[0].width >= f_items[0].width == 4 * 4 * 12


@pytest.mark.parametrize(
    ("number", "dots", "module"),
    [(CASE_NUMBER, 576, 3), (CASE_NUMBER, 512, 3), (CASE_NUMBER, 384, 2)],
)
def test_case_numbers_use_code_set_c_and_the_widest_module_that_fits(number, dots, module):
    data = escpos_data(number)
    assert data == b"{BSL{C" + bytes(int(number[i : i + 2]) for i in range(2, 14, 2))
    assert fit_module(data, dots, 3) == module


def test_a_number_too_long_for_any_barcode_prints_as_a_qr_code() -> None:
    prof = get_profile("58mm")
    long = "DOC-" + "X7" * 20  # no digit runs: 45 symbols, 508 modules
    data = encode(Receipt().add(Barcode(long)), prof)
    assert b"\x1dk" not in data and b"\x1d(k" in data
    (page,), _ = render_with(data, prof)
    assert {s.text for s in zxingcpp.read_barcodes(np.asarray(page))} == {long}


def test_renderer_refuses_what_the_printer_refuses() -> None:
    """The old desk receipt forced code set B with 2-dot modules: on a 384-dot head the bars do
    not fit and the printer prints nothing; the preview now shows nothing either."""
    from devices.printer import commands as cmd

    prof = get_profile("58mm")
    old = cmd.barcode_code128(b"{BSL20261125-0007-KX3Q", 64, 2, True)
    pages, r = render_with(cmd.INIT + old, prof)
    assert pages == [] and r.dropped and "384-dot head" in r.dropped[0]
    basic = get_profile("pos58-basic")
    _, r = render_with(cmd.INIT + cmd.CHINESE_ON + "王喆\n".encode("gb18030"), basic)
    assert r.missing == ["喆"]
