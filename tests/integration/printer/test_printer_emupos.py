"""The preview against an independent printer emulator: emupos (PyPI), written from the Epson
ESC/POS reference by other people, decodes the same bytes for every receipt on every profile.

emupos runs unmodified in its own Python 3.13 venv (.venv-emupos, made by scripts/bootstrap.sh)
as a subprocess, on a printer whose head has the profile's width. It has no Chinese font (it
ignores FS & and draws each byte >= 0x80 as a 12-dot box), so a Chinese character is two boxes
in the cell our renderer gives it; its text dump holds the bytes, which decode back to the text.
Checked, for every distinct byte stream of receipt x profile:

- emupos finds no unknown or malformed command and completes exactly one receipt at the cut;
- the printed lines in order — text, raster images with their size, barcodes with their
  human-readable text, QR codes with their data — are the same as the renderer's;
- emupos's ink for each text line starts and ends within a few dots of the cells the renderer
  laid the line out in, within the line's height (ours stays inside them); raster images,
  barcodes and QR codes are the same dots in both; emupos's paper ends where the renderer's
  last line ends.
"""

from __future__ import annotations

import json
import subprocess
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from PIL import Image as PILImage

from devices.printer.encoder import encode
from devices.printer.profiles import PROFILES, PrinterProfile
from devices.printer.render import Printed, render_with
from devices.printer.samples import sample_receipts

REPO = Path(__file__).resolve().parents[3]
EMUPOS_PYTHON = REPO / ".venv-emupos" / "bin" / "python"
DRIVER = Path(__file__).with_name("emupos_print.py")
SLACK_X = 3  # dots (times the character size) between a cell's edge and its glyph's ink


@dataclass(frozen=True)
class Case:
    receipt: str
    profile: PrinterProfile
    data: bytes

    @property
    def id(self) -> str:
        return f"{self.receipt}-{self.profile.name}"


def _cases() -> list[Case]:
    """Every receipt on every profile; profiles that get the very same bytes are checked once."""
    seen: dict[tuple[bytes, int], Case] = {}
    for prof in PROFILES.values():
        for name, receipt in sample_receipts(prof).items():
            data = encode(receipt, prof)
            seen.setdefault((data, prof.dots), Case(name, prof, data))
    return list(seen.values())


CASES = _cases()


@pytest.fixture(scope="module")
def emupos(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[dict, PILImage.Image]]:
    assert EMUPOS_PYTHON.exists(), "no .venv-emupos: run scripts/bootstrap.sh (needs Python 3.13)"
    tmp = tmp_path_factory.mktemp("emupos")
    jobs = []
    for c in CASES:
        (tmp / f"{c.id}.bin").write_bytes(c.data)
        jobs.append(
            {"bytes": str(tmp / f"{c.id}.bin"), "dots": c.profile.dots, "png": f"{tmp}/{c.id}.png"}
        )
    done = subprocess.run(
        [str(EMUPOS_PYTHON), str(DRIVER)],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    results = json.loads(done.stdout)
    out = {}
    for c, res in zip(CASES, results, strict=True):
        png = tmp / f"{c.id}.png"
        out[c.id] = (res, PILImage.open(png).convert("L") if png.exists() else None)
    return out


def _ours(item: Printed) -> str:
    return {
        "text": item.text,
        "image": f"[image {item.text}]",
        "barcode": f"[barcode CODE128 {item.text}]",
        "qr": f"[qr {item.text}]",
    }[item.kind].rstrip()


def _theirs(line: str) -> str:
    """emupos dumps each byte >= 0x80 through code page 437: back to bytes, then GB18030."""
    if line.startswith("["):
        return line
    return line.encode("cp437").decode("gb18030").rstrip()


def _ink_box(ink: np.ndarray) -> tuple[int, int, int, int] | None:
    ys, xs = np.nonzero(ink)
    if not len(xs):
        return None
    return int(xs.min()), int(xs.max()), int(ys.min()), int(ys.max())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_renderer_matches_emupos(case: Case, emupos) -> None:
    res, their_page = emupos[case.id]
    assert res["unknown"] == [], f"emupos found commands it does not know: {res['unknown']}"
    assert res["receipts"] == 1 and res["boundary"] == "cut"
    (our_page,), r = render_with(case.data, case.profile)
    (items,) = r.take_items()

    theirs = [_theirs(line) for line in res["text"].splitlines() if line.strip()]
    assert [_ours(i) for i in items if i.text.strip()] == theirs

    assert their_page.width == our_page.width == case.profile.dots
    ours_ink, their_ink = np.asarray(our_page) < 128, np.asarray(their_page) < 128
    last = max(i.top + i.height for i in items)
    assert their_page.height == last  # emupos keeps no feed after the last thing printed
    for item in items:
        rows = slice(item.top, item.top + item.height)
        if item.kind != "text":  # images, bars and QR modules are dots: the same dots
            assert np.array_equal(ours_ink[rows], their_ink[rows]), f"{item} differs"
            continue
        mul = max(1, item.height // 24)  # the templates enlarge width and height alike
        right = item.left + item.width - 1
        # emupos draws each byte of a Chinese character as a box filling its 12-dot cell, and
        # its ASCII glyphs fill their cells: its ink starts and ends at the cells the renderer
        # laid the line out in. Our glyphs are Noto's (Chinese punctuation sits in a corner of
        # its cell: ，。）): our ink stays inside those cells.
        box = _ink_box(their_ink[rows])
        assert box is not None, f"emupos printed nothing for {item}"
        assert 0 <= box[0] - item.left <= SLACK_X * mul, f"emupos: {item} starts at {box[0]}"
        assert 0 <= right - box[1] <= SLACK_X * mul, f"emupos: {item} ends at {box[1]}"
        box = _ink_box(ours_ink[rows])
        assert box is not None and item.left <= box[0] and box[1] <= right, f"ours: {item}"
