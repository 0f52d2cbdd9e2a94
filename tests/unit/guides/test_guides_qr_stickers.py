"""QR codes and sticker sheets: every printed QR decodes (zxing-cpp) to its terminal's guide URL."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pytest
import zxingcpp
from PIL import Image

from guides.illustrations import step_svg
from guides.model import Step, Text
from guides.qr import guide_url, qr_png
from guides.stickers import StickerError, find_font, layout, sheet_svgs, write_stickers

BASE_URL = "https://zwfw.example.gov.cn/guide"


@pytest.mark.parametrize("base", [BASE_URL, BASE_URL + "/", BASE_URL + "//"])
def test_guide_url_has_one_slash_between_parts(base: str) -> None:
    assert guide_url(base, "HALL-001") == f"{BASE_URL}/HALL-001/"


def test_qr_png_decodes_to_the_url() -> None:
    url = guide_url(BASE_URL, "HALL-24H-01")
    found = zxingcpp.read_barcodes(Image.open(io.BytesIO(qr_png(url))))
    assert [b.text for b in found] == [url]


def test_every_qr_on_the_pdf_sticker_sheet_decodes_to_its_terminal(sources, tmp_path) -> None:
    terminals = [(t.id, t.name) for t in sources.terminals]
    files = write_stickers(terminals, BASE_URL, tmp_path / "stickers")
    pdf = tmp_path / "stickers" / "stickers.pdf"
    assert files[0] == pdf
    svgs = sorted((tmp_path / "stickers").glob("stickers-*.svg"))
    assert len(svgs) == 5  # 55 stickers, 12 to a page
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 5
    decoded: list[str] = []
    for page in pages:
        with Image.open(page) as img:
            assert abs(img.width / img.height - 210 / 297) < 0.01  # A4
            decoded += [b.text for b in zxingcpp.read_barcodes(img)]
    assert sorted(decoded) == sorted(guide_url(BASE_URL, tid) for tid, _ in terminals)


def test_sticker_svg_is_well_formed_and_escapes_names() -> None:
    pages = layout([("EVIL-1", "<script>alert(1)</script> & 终端")], BASE_URL)
    (svg,) = sheet_svgs(pages)
    root = ElementTree.fromstring(svg)  # parses: nothing injected broke the XML
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f".//{ns}script") is None
    texts = [t.text for t in root.iter(f"{ns}text")]
    assert "<script>alert(1)</script> & 终端" in texts
    assert "EVIL-1" in texts


def test_stickers_need_terminals_and_a_usable_font(tmp_path) -> None:
    with pytest.raises(StickerError, match="no terminals"):
        layout([], BASE_URL)
    bad = tmp_path / "font.ttf"
    bad.write_bytes(b"not a font")
    with pytest.raises(StickerError, match="not a readable font file"):
        find_font(bad)


def test_illustration_escapes_its_labels_and_fits_long_ones() -> None:
    step = Step(
        id="x",
        zh="点击",
        en="Tap",
        scene="touch",
        label=Text(zh="</text><script>alert(1)</script>", en="a very long English label indeed"),
    )
    svg = step_svg(step, "zh")
    root = ElementTree.fromstring(svg)
    assert root.find(".//{http://www.w3.org/2000/svg}script") is None
    assert "&lt;/text&gt;&lt;script&gt;" in svg
    english = step_svg(step, "en")
    assert "a very long English label indeed" in english and 'textLength="' in english
    assert "script" not in english


SVG = "{http://www.w3.org/2000/svg}"
SCENES = ["touch", "scan", "print", "idcard", "camera", "pad", "phone", "desk", "type"]


@pytest.mark.parametrize("scene", SCENES)
def test_every_scene_draws_a_well_formed_labelled_svg(scene: str) -> None:
    step = Step(id="s", zh="步骤", en="Step", scene=scene, label=Text(zh="完成", en="Done"))  # type: ignore[arg-type]
    for lang, word in (("zh", "完成"), ("en", "Done")):
        root = ElementTree.fromstring(step_svg(step, lang))
        assert root.get("viewBox") == "0 0 320 220"
        texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
        assert word in texts  # on the button it presses, or as the caption
        assert root.get("aria-label") == root.findtext(f"{SVG}title")
        assert root.get("aria-label", "").startswith(("示意图：", "Drawing: "))


@pytest.mark.parametrize("scene", SCENES)
def test_the_hand_stays_clear_of_the_caption(scene: str) -> None:
    """The hand used to be drawn under the caption band ("取凭条"): keep its box above it."""
    step = Step(id="s", zh="步骤", en="Step", scene=scene, label=Text(zh="取凭条", en="Take"))  # type: ignore[arg-type]
    root = ElementTree.fromstring(step_svg(step, "zh"))
    for g in root.iter(f"{SVG}g"):
        if g.get("class") == "hand":
            x, y = (float(v) for v in g.get("transform", "")[10:-1].split())
            assert y + 68 <= 186, (scene, y)  # hand: 68 tall; caption band from y 188
            assert 16 <= x <= 320 - 18


def test_a_touch_step_draws_its_button_with_its_words() -> None:
    """The "完成" step showed a blank blue button: the label is written on the button now."""
    step = Step(
        id="s", zh="点击完成", en="Tap Done", scene="touch", label=Text(zh="完成", en="Done")
    )
    root = ElementTree.fromstring(step_svg(step, "zh"))
    button = [r for r in root.iter(f"{SVG}rect") if r.get("fill") == "#1565c0"]
    assert len(button) == 1
    bx, bw = float(button[0].get("x", 0)), float(button[0].get("width", 0))
    label = [t for t in root.iter(f"{SVG}text") if t.text == "完成"]
    assert label and bx <= float(label[0].get("x", -1)) <= bx + bw
    assert label[0].get("fill") == "#ffffff"


def test_write_stickers_leaves_other_files_alone(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("keep", encoding="utf-8")
    write_stickers([("HALL-001", "终端")], BASE_URL, tmp_path)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "keep"
