"""Filing taken frames (synthesised desk scenes): flat pages, ID cards on one A4 sheet,
retake/delete/reorder, a PDF in the session folder and nothing left after clear()."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest

from devices.imaging.pdf import SessionError
from devices.imaging.scenes import SceneSpec, make_scene
from kiosk_app.core.flows.capture_flow import CaptureFlow, CaptureMode, Taken


def scene(seed: int, subject: str = "a4", **kw) -> tuple[np.ndarray, np.ndarray | None]:
    spec = SceneSpec(seed=seed, width=960, height=720, subject=subject, **kw)  # type: ignore[arg-type]
    made = make_scene(spec)
    return made.image, made.corners


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", path.read_bytes()))


def test_id_card_front_and_back_make_one_a4_page(tmp_path) -> None:
    flow = CaptureFlow(tmp_path, color=True)
    flow.set_mode(CaptureMode.ID_CARD)
    front = flow.take(*scene(3, "id_card", fill=0.4))
    assert front.taken is Taken.ID_FRONT and flow.waiting_for_back and flow.page_list() == ()
    back = flow.take(*scene(4, "id_card", fill=0.4))
    assert back.taken is Taken.ID_CARD and back.page_index == 0
    [page] = flow.page_list()
    assert page.height > page.width  # portrait A4 sheet
    assert not flow.waiting_for_back


def test_edit_retake_and_pdf(tmp_path) -> None:
    flow = CaptureFlow(tmp_path)
    for seed in (5, 6, 7):
        assert flow.take(*scene(seed)).taken is Taken.PAGE
    first, second, third = flow.page_list()
    flow.move(2, 0)
    assert flow.page_list() == (third, first, second)
    flow.start_retake(1)
    r = flow.take(*scene(8))
    assert r.page_index == 1 and flow.page_list()[1] != first and not first.path.exists()
    flow.delete(0)
    assert len(flow.page_list()) == 2 and not third.path.exists()
    pdf = flow.write_pdf("case.pdf")
    assert pdf.parent == tmp_path and pdf_pages(pdf) == 2


def test_bad_edits_change_nothing(tmp_path) -> None:
    flow = CaptureFlow(tmp_path)
    flow.take(*scene(9))
    before = flow.page_list()
    for bad in (lambda: flow.delete(3), lambda: flow.move(0, 5), lambda: flow.start_retake(2)):
        with pytest.raises(SessionError, match="does not exist"):
            bad()
    with pytest.raises(SessionError, match="name"):
        flow.write_pdf("../x.pdf")
    assert flow.page_list() == before and before[0].path.exists()


def test_no_page_in_view_takes_the_whole_frame(tmp_path) -> None:
    flow = CaptureFlow(tmp_path)
    assert flow.take(*scene(10, "none")).taken is Taken.PAGE


def test_clear_leaves_no_file(tmp_path) -> None:
    flow = CaptureFlow(tmp_path)
    flow.take(*scene(11))
    flow.write_pdf("case.pdf")
    flow.set_mode(CaptureMode.ID_CARD)
    flow.take(*scene(12, "id_card", fill=0.4))
    flow.clear()
    assert list(tmp_path.iterdir()) == []
    assert not flow.waiting_for_back and flow.page_list() == ()


def test_a_broken_frame_is_refused_and_loses_nothing(tmp_path) -> None:
    flow = CaptureFlow(tmp_path)
    flow.take(*scene(13))
    before = flow.page_list()
    for bad in (np.zeros((4, 4), np.float32), np.zeros((0, 0, 3), np.uint8)):
        with pytest.raises(ValueError):
            flow.take(bad, None)
    assert flow.page_list() == before and before[0].path.exists()
