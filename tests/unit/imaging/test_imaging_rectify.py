"""rectify: true aspect, upright output, and a `bw` page that is white paper with black text
even when the photo had a shadow across it."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.imaging import rectify
from devices.imaging.rectify import A_RATIO, ID1_RATIO, paper_ratio
from devices.imaging.scenes import SceneSpec, make_scene

W, H = 1200, 900


def _page_ink(scene_page: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    """Where the drawn page has ink, at the rectified output's size."""
    grey = cv2.cvtColor(scene_page, cv2.COLOR_BGR2GRAY)
    grey = cv2.resize(grey, size, interpolation=cv2.INTER_AREA)
    ink = grey < 90
    # keep only stroke cores, so a 1-px misregistration does not mix paper into "ink"
    return cv2.erode(ink.astype(np.uint8), np.ones((2, 2), np.uint8)) > 0


def _paper(scene_page: np.ndarray, size: tuple[int, int]) -> np.ndarray:
    grey = cv2.resize(cv2.cvtColor(scene_page, cv2.COLOR_BGR2GRAY), size)
    near_ink = cv2.dilate((grey < 200).astype(np.uint8), np.ones((9, 9), np.uint8)) > 0
    return ~near_ink


@pytest.mark.parametrize("background", ["light", "dark"])
def test_bw_page_is_white_with_legible_text_under_a_shadow(background: str) -> None:
    spec = SceneSpec(
        seed=31,
        width=W,
        height=H,
        background=background,  # type: ignore[arg-type]
        shadow=True,
        uneven_light=0.4,
        stamp=False,
        rotation_deg=4,
    )
    scene = make_scene(spec)
    assert scene.corners is not None and scene.page is not None
    bw = rectify(scene.image, scene.corners, "bw")
    assert bw.ndim == 2 and set(np.unique(bw)) <= {0, 255}
    size = (bw.shape[1], bw.shape[0])
    paper = _paper(scene.page, size)
    ink = _page_ink(scene.page, size)
    inner = np.zeros_like(paper)
    m = max(4, bw.shape[1] // 50)  # ignore a thin rim where the mat may show
    inner[m:-m, m:-m] = True
    paper_white = (bw[paper & inner] == 255).mean()
    ink_black = (bw[ink & inner] == 0).mean()
    assert paper_white >= 0.99, f"paper white share {paper_white:.3f}"
    assert ink_black >= 0.8, f"ink black share {ink_black:.3f}"
    # the contrast between strokes and paper: OCR-free legibility
    contrast = float(bw[paper & inner].mean()) - float(bw[ink & inner].mean())
    assert contrast >= 180


def test_gray_mode_flattens_the_shadow() -> None:
    scene = make_scene(SceneSpec(seed=32, width=W, height=H, shadow=True, uneven_light=0.4))
    assert scene.corners is not None and scene.page is not None
    grey = rectify(scene.image, scene.corners, "gray")
    assert grey.ndim == 2
    paper = _paper(scene.page, (grey.shape[1], grey.shape[0]))
    values = grey[paper]
    assert np.percentile(values, 5) >= 225  # even the shadowed paper is near white
    colour = rectify(scene.image, scene.corners, "color")
    assert colour.ndim == 3 and colour.shape[:2] == grey.shape


def test_a4_page_gets_its_true_aspect_and_portrait() -> None:
    scene = make_scene(SceneSpec(seed=33, width=W, height=H, perspective=0.04, rotation_deg=-9))
    out = rectify(scene.image, scene.corners, "color")
    h, w = out.shape[:2]
    assert h > w
    assert abs(h / w - A_RATIO) < 0.01


def test_id_card_is_landscape_id1() -> None:
    spec = SceneSpec(seed=34, width=W, height=H, subject="id_card", fill=0.3, rotation_deg=85)
    scene = make_scene(spec)
    out = rectify(scene.image, scene.corners, "color")
    h, w = out.shape[:2]
    assert w > h
    assert abs(w / h - ID1_RATIO) < 0.01
    assert paper_ratio(scene.corners)[0] == "id1"


def _best_turn(out: np.ndarray, page: np.ndarray) -> int:
    ref = cv2.cvtColor(page, cv2.COLOR_BGR2GRAY).astype(float)
    g = out if out.ndim == 2 else cv2.cvtColor(out, cv2.COLOR_BGR2GRAY)
    scores = []
    for k in range(4):
        r = cv2.resize(np.rot90(g, k), (ref.shape[1], ref.shape[0])).astype(float)
        scores.append(np.corrcoef(r.ravel(), ref.ravel())[0, 1])
    return int(np.argmax(scores))


@pytest.mark.parametrize("rotation", [0, 90, 180, 270, -95])
def test_page_comes_out_upright(rotation: float) -> None:
    fill = 0.6 if rotation % 180 else 0.85
    spec = SceneSpec(seed=35, width=W, height=H, rotation_deg=rotation, fill=fill)
    scene = make_scene(spec)
    assert scene.page is not None
    out = rectify(scene.image, scene.corners, "gray")
    assert _best_turn(out, scene.page) == 0


def test_measured_aspect_for_an_odd_sheet() -> None:
    img = np.full((600, 800, 3), 40, np.uint8)
    corners = np.array([[100, 100], [700, 100], [700, 300], [100, 300]], float)  # 3:1 strip
    out = rectify(img, corners, "color", orient=False)
    assert out.shape[:2] == (200, 600)
    assert paper_ratio(corners)[0] == "measured"


def test_long_side_sets_the_output_size() -> None:
    scene = make_scene(SceneSpec(seed=36, width=W, height=H))
    out = rectify(scene.image, scene.corners, "gray", long_side=2339)
    assert max(out.shape) == 2339 and min(out.shape) == round(2339 / A_RATIO)


@pytest.mark.parametrize(
    ("corners", "mode", "message"),
    [
        (np.zeros((4, 2)), "sepia", "mode must be one of"),
        (np.zeros((3, 2)), "color", "4x2"),
        ([[0, 0], [1, 0], [1, float("nan")], [0, 1]], "color", "finite"),
        (np.zeros((4, 2)), "color", "no area"),
        ("abcd", "color", "four"),
    ],
)
def test_bad_arguments_are_refused_clearly(corners: object, mode: str, message: str) -> None:
    img = np.zeros((100, 100, 3), np.uint8)
    with pytest.raises(ValueError, match=message):
        rectify(img, corners, mode)  # type: ignore[arg-type]
