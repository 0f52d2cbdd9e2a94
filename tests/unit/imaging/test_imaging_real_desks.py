"""detect_page on desks made from real photographs (tests/material: scikit-image's photos as
surfaces, clutter and page contents), and the fixed document camera with its learned mat.
A representative subset; the full sets and per-class figures are benchmarks/doc_pipeline.py."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("skimage")  # the test extra installs it; the material is its photos

from devices.imaging import detect_page, quad_iou
from devices.imaging.background import BackgroundModel, CalibrationError
from devices.imaging.detect import border_sides
from tests.material.desk_scenes import make, overhead

FRAME = np.array([[0, 0], [1279, 0], [1279, 959], [0, 959]], np.float64)


@pytest.mark.parametrize("cls", ["tiles", "floral_cloth", "clutter", "empty"])
def test_textured_surfaces_never_give_the_frame_outline(cls: str) -> None:
    for i in range(3):
        s = make(cls, i)
        found = detect_page(s.image)
        assert found is None or quad_iou(found, FRAME) < 0.9, s.name
        if found is not None and s.corners is None:
            pytest.fail(f"{s.name}: a page found on an empty desk")


CLASSES = (
    "tiles",
    "tarp",
    "slatted_wood",
    "speckled_stone",
    "floral_cloth",
    "clutter",
    "small_page",
    "light_on_light",
    "window",
    "folded_corner",
    "edge_crossing",
    "id_card_mat",
)


def test_pages_on_real_surfaces_found_exactly() -> None:
    """Every class of the issue, three frames each: the mean and the share of exact finds,
    against the textbook method on the same frames (the full sets: benchmarks)."""
    from devices.imaging.detect import detect_page_canny

    ours, textbook = [], []
    for cls in CLASSES:
        for i in range(3):
            s = make(cls, i)
            a, b = detect_page(s.image), detect_page_canny(s.image)
            ours.append(0.0 if a is None else quad_iou(a, s.corners))
            textbook.append(0.0 if b is None else quad_iou(b, s.corners))
    got = np.array(ours)
    assert got.mean() >= 0.92
    assert (got >= 0.95).mean() >= 0.85
    assert got.mean() >= np.mean(textbook) + 0.5


@pytest.mark.parametrize("cls", ["tiles", "slatted_wood", "speckled_stone", "id_card_mat"])
def test_textured_desk_class_exact(cls: str) -> None:
    for i in range(3):
        s = make(cls, i)
        found = detect_page(s.image)
        assert found is not None and quad_iou(found, s.corners) >= 0.95, s.name


def test_page_crossing_the_frame_gives_its_visible_quad() -> None:
    for i in range(3):
        s = make("edge_crossing", i)
        found = detect_page(s.image)
        assert found is not None, s.name
        assert sum(border_sides(found, s.image.shape)) == 1, s.name
        assert quad_iou(found, s.corners) >= 0.95, s.name


@pytest.mark.parametrize(("seed", "index"), [(16, 3), (16, 6), (16, 11), (7, 7), (99, 14)])
def test_empty_desk_with_a_pale_panel_at_the_frame_edge_is_none(seed: int, index: int) -> None:
    """The garage photo's pale door panel (and a single dark brick) cut by the frame's edge: a
    small four-sided thing running off the frame is background, not a page being shown."""
    s = make("empty", index, seed)
    assert detect_page(s.image) is None, s.name


@pytest.mark.parametrize(
    ("cls", "index", "seed"),
    [
        ("floral_cloth", 7, 16),  # the page's sides drowned among the cloth's many lines
        ("floral_cloth", 4, 16),  # a part of the page up to a gap between printed blocks
        ("floral_cloth", 8, 16),  # the printed photo block inside the white margin
        ("floral_cloth", 2, 99),  # a side carried past the page onto the frame's edge
        ("slatted_wood", 7, 16),
        ("folded_corner", 10, 16),
        ("edge_crossing", 4, 16),
    ],
)
def test_page_wins_over_its_prints_parts_and_overshoots(cls: str, index: int, seed: int) -> None:
    s = make(cls, index, seed)
    found = detect_page(s.image)
    assert found is not None and quad_iou(found, s.corners) >= 0.95, s.name


@pytest.fixture(scope="module")
def mat() -> BackgroundModel:
    return BackgroundModel.learn(overhead(0, i, empty=True).image for i in range(6))


def test_learned_mat_makes_the_overhead_camera_exact(mat: BackgroundModel) -> None:
    ious = []
    for i in range(100, 106):
        s = overhead(0, i)
        found = detect_page(s.image, background=mat)
        ious.append(0.0 if found is None else quad_iou(found, s.corners))
    assert np.mean(ious) >= 0.98


@pytest.mark.parametrize(
    ("seed", "index"),
    [
        (2, 104),  # the change runs on past the page onto a pale patch of the mat: a tongue
        (8, 309),  # a pale card on the mat's pale patches: the edges see half a card
        (14, 310),  # the card matches the mat in places: bites out of the change
        (8, 306),  # ...and holes in it
    ],
)
def test_learned_mat_holds_where_page_and_mat_look_alike(seed: int, index: int) -> None:
    learned = BackgroundModel.learn(overhead(seed, i, empty=True).image for i in range(8))
    s = overhead(seed, index)
    found = detect_page(s.image, background=learned)
    assert found is not None and quad_iou(found, s.corners) >= 0.94, s.name


def test_learned_mat_empty_desk_is_none(mat: BackgroundModel) -> None:
    for i in range(200, 203):
        assert detect_page(overhead(0, i, empty=True).image, background=mat) is None


def test_a_frame_of_another_view_is_detected_without_the_mat(mat: BackgroundModel) -> None:
    s = make("speckled_stone", 0)
    square = np.ascontiguousarray(s.image[:, :960])
    assert not mat.fits(square)
    detect_page(square, background=mat)  # no error: the model is simply not used


def test_mat_saved_and_loaded(mat: BackgroundModel, tmp_path: Path) -> None:
    path = mat.save(tmp_path / "calibration" / "doc_camera-mat.npz")
    back = BackgroundModel.load(path)
    assert back.shape == mat.shape and back.lab.shape == mat.lab.shape
    s = overhead(0, 101)
    found = detect_page(s.image, background=back)
    assert found is not None and quad_iou(found, s.corners) >= 0.98


def test_damaged_or_foreign_calibration_file_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "mat.npz"
    bad.write_bytes(b"not a numpy file")
    with pytest.raises(CalibrationError, match="not a calibration file"):
        BackgroundModel.load(bad)
    np.savez(tmp_path / "other.npz", something=np.zeros(3))
    with pytest.raises(CalibrationError):
        BackgroundModel.load(tmp_path / "other.npz")


def test_learning_needs_frames_of_one_size() -> None:
    a = np.zeros((480, 640, 3), np.uint8)
    with pytest.raises(CalibrationError, match="at least 3"):
        BackgroundModel.learn([a, a])
    with pytest.raises(CalibrationError, match="differ"):
        BackgroundModel.learn([a, a, np.zeros((400, 640, 3), np.uint8)])
