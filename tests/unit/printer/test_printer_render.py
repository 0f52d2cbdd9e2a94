"""Encoder + renderer: Chinese text is drawn as asked, QR codes and barcodes decode."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PIL import Image as PILImage

from devices.printer.encoder import encode
from devices.printer.model import Align, Barcode, Cut, Image, QrCode, Receipt, Separator, Text
from devices.printer.profiles import PROFILES, get_profile
from devices.printer.render import CJK_FONT, render, save_png

needs_cjk_font = pytest.mark.skipif(not CJK_FONT.exists(), reason="fonts-noto-cjk not installed")


def _decode(img: PILImage.Image) -> list[tuple[str, str]]:
    return [(r.format.name, r.text) for r in zxingcpp.read_barcodes(np.asarray(img))]


def _cells(img: PILImage.Image, n: int) -> list[np.ndarray]:
    """The first n full-width 24x24 cells of the first text line."""
    a = np.asarray(img, dtype=np.float32)
    return [a[0:24, 24 * k : 24 * k + 24] for k in range(n)]


@needs_cjk_font
def test_chinese_text_round_trips_glyph_by_glyph() -> None:
    """Oracle: each printed cell matches the glyph of the character asked for, not another."""
    text = "政务服务一网通办，（窗口）"
    distractors = "办理号码取票请稍候。"
    prof = get_profile("80mm")
    page = render(encode(Receipt().add(Text(text)), prof), prof)[0]
    refs = {}
    for ch in set(text + distractors):
        refs[ch] = _cells(render(encode(Receipt().add(Text(ch)), prof), prof)[0], 1)[0]
    cells = _cells(page, len(text))
    for want, cell in zip(text, cells, strict=True):
        assert (cell < 128).sum() > 10, f"no ink where {want!r} should be"
        best = min(refs, key=lambda c: float(np.abs(refs[c] - cell).sum()))
        assert best == want


@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_qr_decodes_for_every_profile(profile: str) -> None:
    prof = get_profile(profile)
    payload = "https://zwfw.example.gov.cn/q/A023?来源=自助终端"
    data = encode(Receipt().add(Text("扫码"), QrCode(payload), Cut()), prof)
    assert (b"\x1d(k" in data) is prof.native_qr
    assert (b"\x1dv0" in data) is not prof.native_qr
    (page,) = render(data, prof)
    assert page.width == prof.dots
    assert ("QRCode", payload) in _decode(page)


def test_long_qr_payload_is_shrunk_to_fit_58mm() -> None:
    prof = get_profile("58mm")
    payload = "X" * 600
    (page,) = render(encode(Receipt().add(QrCode(payload, module=8)), prof), prof)
    assert ("QRCode", payload) in _decode(page)


def test_barcode_decodes_with_human_readable_text() -> None:
    prof = get_profile("80mm")
    (page,) = render(encode(Receipt().add(Barcode("SL20261125-0007"), Cut()), prof), prof)
    assert ("Code128", "SL20261125-0007") in _decode(page)


def test_image_block_is_printed_as_raster() -> None:
    logo = PILImage.new("L", (800, 100), 255)
    logo.paste(0, (0, 0, 400, 100))
    prof = get_profile("58mm")
    (page,) = render(encode(Receipt().add(Image(logo, align=Align.LEFT)), prof), prof)
    a = np.asarray(page)
    assert a[10, 10] == 0 and a[10, 300] == 255  # scaled to 384 dots: half black


def test_receipts_split_at_cuts_and_sizes_scale() -> None:
    prof = get_profile("80mm")
    r = Receipt().add(Text("一", width=2, height=2), Cut(), Separator(), Cut(), Text("rest"))
    pages = render(encode(r, prof), prof)
    assert len(pages) == 3
    ink = np.argwhere(np.asarray(pages[0]) < 128)
    assert ink[:, 1].max() - ink[:, 1].min() > 30  # a double-width glyph is wider than 24 dots


def test_missing_font_falls_back_without_failing(tmp_path) -> None:
    prof = get_profile("58mm")
    data = encode(Receipt().add(Text("中文 ABC"), QrCode("fallback"), Cut()), prof)
    (page,) = render(data, prof, font_path=str(tmp_path / "nope.ttc"))
    assert ("QRCode", "fallback") in _decode(page)
    out = save_png(page, tmp_path / "r.png")
    assert out.read_bytes().startswith(b"\x89PNG")


def test_garbage_renders_without_raising() -> None:
    rng = np.random.default_rng(7)
    for _ in range(8):
        render(rng.integers(0, 256, 2000, dtype=np.uint8).tobytes(), "58mm")


def test_preview_png_of_a_template(tmp_path) -> None:
    from datetime import datetime

    from devices.printer import preview_png
    from devices.printer.templates import queue_ticket

    ticket = queue_ticket(
        "A1", "社保", "1号窗口", 0, "https://c.example/q/A1", datetime(2026, 1, 1)
    )
    out = preview_png(ticket, tmp_path / "receipts" / "ticket.png", get_profile("58mm"))
    img = PILImage.open(out)
    assert img.width == 384
    assert _decode(img.convert("L")) == [("QRCode", "https://c.example/q/A1")]


def test_endless_feed_without_cut_is_split_not_grown() -> None:
    from devices.printer.render import MAX_PAGE_DOTS

    pages = render(b"\x1bd\xff" * 400, "58mm")  # 400 x 255 lines of feed, never a cut
    assert len(pages) > 1
    assert all(p.height <= MAX_PAGE_DOTS + 4000 for p in pages)
