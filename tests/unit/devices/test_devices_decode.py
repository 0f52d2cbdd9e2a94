"""devices.scan.decode on synthesised codes: both backends, inversion, tiny and Chinese codes,
hostile inputs."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
import segno

from devices.scan import decode


def qr_image(text: str, scale: int = 8, border: int = 4, **kw) -> np.ndarray:
    q = segno.make_qr(text, **kw)
    rows = np.array(list(q.matrix_iter(scale=scale, border=border)), dtype=np.uint8)
    return np.where(rows == 1, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("backend", ["zxing", "pyzbar"])
def test_plain_code(backend) -> None:
    syms = decode(qr_image("ZWFW-YY:A7K2M9Q4XZ"), backend=backend)
    assert [s.text for s in syms] == ["ZWFW-YY:A7K2M9Q4XZ"]
    assert syms[0].raw == b"ZWFW-YY:A7K2M9Q4XZ"
    assert syms[0].format == "QRCode"


@pytest.mark.parametrize("backend", ["zxing", "pyzbar"])
def test_dark_mode_inverted_code(backend) -> None:
    img = 255 - qr_image("https://zwfw.example.gov.cn/guide/HALL-24H-01/")
    assert [s.text for s in decode(img, backend=backend)] == [
        "https://zwfw.example.gov.cn/guide/HALL-24H-01/"
    ]


def test_chinese_utf8_and_bgr_frame() -> None:
    img = cv2.cvtColor(qr_image("城关镇东门社区", encoding="utf-8"), cv2.COLOR_GRAY2BGR)
    assert decode(img)[0].text == "城关镇东门社区"


def test_tiny_code_is_upscaled() -> None:
    img = qr_image("ZWFW-GH:S0001", scale=1, border=2)
    assert decode(img)[0].text == "ZWFW-GH:S0001"


def test_low_contrast_code() -> None:
    img = qr_image("12345-20261125-KX3Q-0007")
    img = (img.astype(np.float32) * 0.12 + 110).astype(np.uint8)
    assert decode(img)[0].text == "12345-20261125-KX3Q-0007"


@pytest.mark.parametrize(
    "img",
    [
        np.zeros((0, 0), np.uint8),
        np.zeros((1, 1), np.uint8),
        np.full((480, 640, 3), 255, np.uint8),
        np.random.default_rng(1).integers(0, 255, (240, 320), dtype=np.uint8),
        np.zeros((10, 10, 3), np.float32),
        np.ones((50, 50), bool),
    ],
)
def test_nothing_in_it_is_an_empty_list(img) -> None:
    assert decode(img) == []


def test_not_an_array_is_an_empty_list() -> None:
    assert decode("not an image") == []  # type: ignore[arg-type]


def test_unknown_backend_says_which() -> None:
    with pytest.raises(ValueError, match="zxing"):
        decode(qr_image("x"), backend="opencv")  # type: ignore[arg-type]


def test_budget_stops_the_ladder_but_runs_the_first_pass() -> None:
    assert decode(qr_image("first pass"), budget_ms=0)[0].text == "first pass"
    assert decode(np.full((720, 1280), 200, np.uint8), budget_ms=0) == []
