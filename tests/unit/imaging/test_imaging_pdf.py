"""CaptureSession: pages stay in the given directory, the PDF has one A4 page per capture with
the JPEGs embedded unchanged, grey A4 pages at 200 dpi stay within 250 KB, and editing
(reorder, delete, retake) never loses a page on bad input."""

from __future__ import annotations

import io
from pathlib import Path

import cv2
import numpy as np
import pikepdf
import pytest

from devices.imaging import rectify
from devices.imaging.idcard import ID1_MM, a4_pixels, card_boxes, id_card_sheet, mm_to_px
from devices.imaging.pdf import CaptureSession, SessionError
from devices.imaging.scenes import SceneSpec, draw_id_card, draw_page, make_scene


def _page(seed: int, colour: bool = False) -> np.ndarray:
    """A rectified page as the camera pipeline produces it (shadowed scene → gray mode)."""
    scene = make_scene(SceneSpec(seed=seed, width=1600, height=1200, shadow=True))
    return rectify(scene.image, scene.corners, "color" if colour else "gray")


@pytest.fixture
def session_dir(tmp_path: Path) -> Path:
    d = tmp_path / "kiosk-session-x"
    d.mkdir()
    return d


def _pdf_pages(data: bytes) -> list[tuple[float, float]]:
    """(width, height) in points of each PDF page."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        sizes = []
        for page in pdf.pages:
            x0, y0, x1, y1 = (float(v) for v in page.mediabox)
            sizes.append((x1 - x0, y1 - y0))
        return sizes


def test_pdf_has_one_a4_page_per_capture_and_embeds_jpegs_unchanged(session_dir: Path) -> None:
    s = CaptureSession(session_dir, dpi=200)
    for seed in (1, 2, 3):
        s.add(_page(seed))
    data = s.pdf_bytes()
    pages = _pdf_pages(data)
    assert len(pages) == 3
    for w, h in pages:
        assert abs(w - 595.3) < 1 and abs(h - 841.9) < 1  # A4 in points
    for p in s.pages:
        assert p.path.read_bytes() in data  # the very JPEG stream, not a re-encode
        assert (p.width, p.height) == a4_pixels(200)


def test_grey_a4_page_at_200_dpi_within_250_kb(session_dir: Path) -> None:
    s = CaptureSession(session_dir, dpi=200)
    for seed in (4, 5):
        page = s.add(_page(seed))
        assert page.kind == "gray"
        assert page.size <= 250_000, f"{page.size} bytes"
    # a page shot in dim light (heavy sensor noise, no flattening) is squeezed in too
    rng = np.random.default_rng(0)
    page = cv2.cvtColor(
        draw_page(1654, 2339, rng, stamp=True, text_to_edge=True), cv2.COLOR_BGR2GRAY
    )
    noisy = np.clip(page * 0.7 + rng.normal(0, 14, page.shape), 0, 255).astype(np.uint8)
    assert s.add(noisy).size <= 250_000
    assert len(s.pdf_bytes()) <= 3 * 250_000 + 20_000


def test_reorder_delete_retake(session_dir: Path) -> None:
    s = CaptureSession(session_dir)
    imgs = [np.full((400, 283), v, np.uint8) for v in (50, 120, 200)]
    for img in imgs:
        s.add(img)
    first = [p.path for p in s.pages]
    s.move(0, 2)
    assert [p.path for p in s.pages] == [first[1], first[2], first[0]]
    s.reorder([2, 0, 1])
    assert [p.path for p in s.pages] == first
    old = s.pages[1].path
    new = s.retake(1, np.full((400, 283), 90, np.uint8))
    assert not old.exists() and new.path.exists() and s.pages[1] == new
    s.delete(0)
    assert len(s) == 2 and not first[0].exists()
    assert len(_pdf_pages(s.pdf_bytes())) == 2


def test_bad_input_changes_nothing(session_dir: Path) -> None:
    s = CaptureSession(session_dir)
    s.add(np.full((400, 283), 128, np.uint8))
    before = (s.pages, sorted(session_dir.iterdir()))
    with pytest.raises(SessionError, match="does not exist"):
        s.delete(5)
    with pytest.raises(SessionError, match="does not exist"):
        s.move(0, -1)
    with pytest.raises(SessionError, match="each of the 1 pages once"):
        s.reorder([0, 0])
    with pytest.raises(SessionError, match="uint8"):
        s.retake(0, np.zeros((400, 283), np.float64))  # type: ignore[arg-type]
    with pytest.raises(SessionError, match="too small"):
        s.add(np.zeros((4, 4), np.uint8))
    with pytest.raises(SessionError, match="kind"):
        s.add(np.zeros((40, 40), np.uint8), "sepia")  # type: ignore[arg-type]
    with pytest.raises(SessionError, match="plain file name"):
        s.write_pdf("../escape.pdf")
    assert (s.pages, sorted(session_dir.iterdir())) == before
    with pytest.raises(SessionError, match="no pages"):
        CaptureSession(session_dir).pdf_bytes()
    with pytest.raises(SessionError, match="does not exist"):
        CaptureSession(session_dir / "missing")


def test_writes_only_into_the_session_directory(session_dir: Path, tmp_path: Path) -> None:
    s = CaptureSession(session_dir)
    s.add(_page(6, colour=True))
    s.add_id_card(np.full((300, 480, 3), 200, np.uint8), np.full((300, 480, 3), 180, np.uint8))
    pdf = s.write_pdf("case.pdf")
    assert pdf.parent == session_dir and pdf.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == [session_dir.name]
    assert all(p.suffix in (".jpg", ".pdf") for p in session_dir.iterdir())
    assert len(list(session_dir.glob("*.jpg"))) == 2
    (session_dir / "other.txt").write_text("not ours")
    s.clear()
    assert len(s) == 0
    assert [p.name for p in session_dir.iterdir()] == ["other.txt"]  # only what it wrote


def test_id_card_sheet_places_both_faces_at_true_scale() -> None:
    rng = np.random.default_rng(3)
    front, back = draw_id_card(640, rng, front=True), draw_id_card(640, rng, front=False)
    sheet = id_card_sheet(front, back, dpi=300)
    assert (sheet.shape[1], sheet.shape[0]) == a4_pixels(300)
    ink = (cv2.cvtColor(sheet, cv2.COLOR_BGR2GRAY) < 250).astype(np.uint8)
    n, _, stats, _ = cv2.connectedComponentsWithStats(ink)
    boxes = sorted(tuple(stats[i, :4]) for i in range(1, n) if stats[i, 4] > 1000)
    assert len(boxes) == 2
    faces = sorted(boxes, key=lambda b: b[1])
    for (x, y, w, h), expected in zip(faces, card_boxes(300), strict=True):
        assert abs(w - mm_to_px(ID1_MM[0], 300)) <= 1 and abs(h - mm_to_px(ID1_MM[1], 300)) <= 1
        assert abs(x - expected[0]) <= 1 and abs(y - expected[1]) <= 1
    # a face photographed portrait-wise is turned, not squashed
    turned = id_card_sheet(np.rot90(front), back, dpi=300)
    assert turned.shape == sheet.shape
    with pytest.raises(ValueError, match="dpi"):
        id_card_sheet(front, back, dpi=10)


def test_landscape_and_odd_pages_fit_a4_without_distortion(session_dir: Path) -> None:
    s = CaptureSession(session_dir, dpi=150)
    rng = np.random.default_rng(9)
    land = np.rot90(draw_page(700, 990, rng, stamp=False, text_to_edge=False)).copy()
    p = s.add(land)
    assert (p.height, p.width) == a4_pixels(150)  # landscape A4
    odd = s.add(np.full((300, 900, 3), 30, np.uint8))
    assert (odd.height, odd.width) == a4_pixels(150)
    pages = _pdf_pages(s.pdf_bytes())
    assert len(pages) == 2
    assert pages[0][0] > pages[0][1]  # the landscape page is a landscape PDF page
