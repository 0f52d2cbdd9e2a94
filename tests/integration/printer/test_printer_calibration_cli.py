"""`kiosk devices test printer` prints the calibration page on the configured profile, over TCP
to the printer simulator, and `--preview` draws the very page the printer received."""

from __future__ import annotations

import numpy as np
import pytest
import zxingcpp
from PIL import Image as PILImage
from typer.testing import CliRunner

from devices.printer.simulator import PrinterSimulator
from devices.printer.templates import CALIBRATION_NUMBER
from kiosk_app.cli import app


@pytest.mark.parametrize("profile", ["pos58-basic", "epson-tm-t88v", "xprinter-xp80"])
def test_calibration_page_prints_and_the_preview_is_the_paper(tmp_path, profile: str) -> None:
    with PrinterSimulator(profile=profile) as sim:
        site = tmp_path / "site.toml"
        site.write_text(
            f"""profile = "five-ones-desk"
[terminal]
id = "CAL-01"
name = "calibration"
[devices.printer]
adapter = "escpos-network"
params = {{ host = "127.0.0.1", port = {sim.port}, profile = "{profile}" }}
""",
            encoding="utf-8",
        )
        png = tmp_path / "calibration.png"
        res = CliRunner().invoke(
            app, ["devices", "test", "printer", "-c", str(site), "--preview", str(png)]
        )
        assert res.exit_code == 0, res.output
        assert sim.wait_for_receipts(1)
    out = res.output
    assert "printer: ok: calibration page printed" in out
    assert f"profile: {profile}" in out and "check: column ruler ends at the right edge" in out
    (paper,) = sim.receipts
    assert paper.overflow == [] and paper.missing == [] and paper.dropped == []
    codes = {s.text for s in zxingcpp.read_barcodes(np.asarray(paper.image))}
    assert codes == {CALIBRATION_NUMBER, "KIOSK-PRINTER-TEST"}
    # the rare characters' line is a raster image on every profile (𠮷 is in no font)
    kinds = [i.kind for i in paper.items]
    rare = next(k for k, i in enumerate(paper.items) if i.text.startswith("生僻字"))
    assert kinds[rare + 1] == "image"
    # the preview is the paper, dot for dot, but for the paper level the printer reported
    preview = np.asarray(PILImage.open(png).convert("L")) < 128
    printed = np.asarray(paper.image) < 128
    assert preview.shape == printed.shape and preview.shape[1] == sim.profile.dots
    level = next(i for i in paper.items if i.text.startswith("纸量"))
    assert level.text.endswith("ok")
    for part in (slice(0, level.top), slice(level.top + level.height, None)):
        assert np.array_equal(preview[part], printed[part])
