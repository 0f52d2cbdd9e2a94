"""Printer profiles: the named models agree with the public record, and the table documents them."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import pytest

from devices.printer.profiles import PROFILES, PrinterProfile, get_profile

README = Path(__file__).resolve().parents[3] / "devices" / "printer" / "README.md"
DB = json.loads(resources.files("escpos").joinpath("capabilities.json").read_text("utf-8"))


@pytest.mark.parametrize("name", sorted(n for n, p in PROFILES.items() if p.escpos_db))
def test_named_models_agree_with_escpos_printer_db(name: str) -> None:
    """python-escpos ships the community's capabilities database; where a profile names a model
    in it, the head width, the font columns and the features must be the database's."""
    prof = PROFILES[name]
    rec = DB["profiles"][prof.escpos_db]
    feats = rec["features"]
    assert rec["media"]["width"]["pixels"] == prof.dots
    assert rec["fonts"]["0"]["columns"] == prof.columns
    assert rec["fonts"]["1"]["columns"] == prof.font_b_columns
    assert feats["qrCode"] is prof.native_qr
    assert feats["barcodeB"] is prof.barcode
    assert (feats["paperFullCut"] or feats["paperPartCut"]) is prof.cutter


def test_every_width_in_the_field_has_a_profile() -> None:
    assert {p.dots for p in PROFILES.values()} == {384, 512, 576}
    assert {p.font for p in PROFILES.values()} == {"gb2312", "gbk", "gb18030"}
    assert min(p.max_size for p in PROFILES.values()) == 2


@pytest.mark.parametrize("prof", PROFILES.values(), ids=list(PROFILES))
def test_columns_fit_the_head_and_every_fact_has_a_source(prof: PrinterProfile) -> None:
    assert prof.columns * 12 <= prof.dots < (prof.columns + 1) * 12
    assert prof.models and prof.source


def test_readme_table_lists_every_profile() -> None:
    table = README.read_text("utf-8")
    missing = [n for n in PROFILES if f"| `{n}` |" not in table]
    assert not missing, f"devices/printer/README.md has no row for {missing}"


def test_a_wrong_profile_is_refused_with_the_close_names() -> None:
    with pytest.raises(ValueError, match=r"did you mean epson-tm-t88v") as info:
        get_profile("tm-t88v")
    assert "sunmi-58" in str(info.value)  # and every known name
    with pytest.raises(ValueError, match="columns of 12 dots exceed"):
        PrinterProfile("bad", 80, 512, 48)
