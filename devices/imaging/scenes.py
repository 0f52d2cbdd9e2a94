"""Synthetic desk scenes with known page corners, for tests, the benchmark and the simulator.

A real document camera cannot tell us where the page truly is, so detection is measured on
scenes we draw ourselves: a page or an ID card at a random pose on a desk mat, under uneven
light and soft shadows, sometimes held by fingers, with text and stamps that run into the
page edge. The generator is deterministic for a given seed, so a failing frame can be replayed.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np

from devices.imaging.geometry import order_corners
from devices.imaging.types import Corners, Image

Background = Literal["dark", "wood", "mid", "light", "light_textured"]
Subject = Literal["a4", "a5", "id_card", "none"]

BACKGROUNDS: tuple[Background, ...] = ("dark", "wood", "mid", "light", "light_textured")
A4_MM = (210.0, 297.0)
A5_MM = (148.0, 210.0)
ID1_MM = (85.6, 54.0)


@dataclass(frozen=True)
class SceneSpec:
    """Everything that decides one scene; `seed` makes the random parts reproducible."""

    seed: int = 0
    width: int = 1600
    height: int = 1200
    background: Background = "mid"
    subject: Subject = "a4"
    rotation_deg: float = 0.0  # page rotation in the frame; 90 lays a portrait page landscape
    perspective: float = 0.02  # corner jitter as a share of the page size
    fill: float = 0.8  # page height as a share of the frame height (cards: card width/frame w)
    shadow: bool = False  # a soft cast shadow (camera head, a hand) across the scene
    uneven_light: float = 0.25  # 0 = flat light; 0.4 = one side 40 % darker
    fingers: int = 0  # fingers holding the page edges
    stamp: bool = True
    text_to_edge: bool = True  # text lines cut by the page edge
    noise: float = 2.5
    jpeg_quality: int = 0  # >0: round-trip through JPEG like an MJPG camera


@dataclass(frozen=True)
class Scene:
    image: Image
    corners: Corners | None  # TL, TR, BR, BL in image pixels; None for an empty desk
    spec: SceneSpec
    page: Image | None  # the upright page as drawn, before it was laid on the desk


def _background(spec: SceneSpec, rng: np.random.Generator) -> Image:
    h, w = spec.height, spec.width
    base = {
        "dark": (rng.uniform(25, 60),) * 3,
        "wood": (rng.uniform(60, 90), rng.uniform(100, 130), rng.uniform(150, 185)),
        "mid": (rng.uniform(95, 140), rng.uniform(100, 140), rng.uniform(95, 135)),
        "light": (rng.uniform(198, 222),) * 3,
        "light_textured": (rng.uniform(195, 215), rng.uniform(200, 220), rng.uniform(205, 225)),
    }[spec.background]
    img = np.empty((h, w, 3), np.float32)
    img[:] = np.array(base, np.float32)
    if spec.background == "wood":
        # grain: stretched low-frequency noise along one direction
        small = rng.normal(0, 1, (max(h // 40, 4), 8)).astype(np.float32)
        grain = cv2.resize(small, (w, h), interpolation=cv2.INTER_CUBIC)
        img *= (1 + 0.12 * grain)[..., None]
    if spec.background in ("light_textured", "mid"):
        small = rng.normal(0, 1, (h // 8, w // 8)).astype(np.float32)
        tex = cv2.GaussianBlur(cv2.resize(small, (w, h)), (0, 0), 2)
        img += (4.0 * tex)[..., None]
    return img


def _random_words(rng: np.random.Generator, n: int) -> str:
    letters = string.ascii_letters + string.digits
    return " ".join(
        "".join(rng.choice(list(letters), size=int(rng.integers(2, 9)))) for _ in range(n)
    )


def _draw_stamp(page: Image, rng: np.random.Generator, center: tuple[int, int], r: int) -> None:
    red = (40, 40, int(rng.uniform(180, 220)))
    cv2.circle(page, center, r, red, max(2, r // 14), cv2.LINE_AA)
    cv2.circle(page, center, int(r * 0.85), red, max(1, r // 40), cv2.LINE_AA)
    star = np.array(
        [
            (
                center[0] + 0.3 * r * np.cos(a - np.pi / 2) * (1 if i % 2 == 0 else 0.4),
                center[1] + 0.3 * r * np.sin(a - np.pi / 2) * (1 if i % 2 == 0 else 0.4),
            )
            for i, a in enumerate(np.linspace(0, 2 * np.pi, 10, endpoint=False))
        ],
        np.int32,
    )
    cv2.fillPoly(page, [star], red, cv2.LINE_AA)


def draw_page(
    width: int, height: int, rng: np.random.Generator, *, stamp: bool, text_to_edge: bool
) -> Image:
    """An upright document page: title, left-aligned ragged-right text, a table, a stamp."""
    paper = rng.uniform(236, 252)
    page = np.full((height, width, 3), paper, np.uint8)
    page[..., 0] = np.uint8(max(0.0, paper - rng.uniform(0, 8)))  # slightly warm paper
    margin = int(width * rng.uniform(0.08, 0.13))
    scale = width / 900.0
    y = int(height * 0.09)
    title = _random_words(rng, 3).upper()
    cv2.putText(
        page,
        title,
        (int(width * 0.3), y),
        cv2.FONT_HERSHEY_DUPLEX,
        1.3 * scale,
        (20, 20, 20),
        max(1, int(2.2 * scale)),
        cv2.LINE_AA,
    )
    y += int(60 * scale)
    line_h = int(32 * scale)
    ink = (int(rng.uniform(10, 50)),) * 3
    n_lines = int((height * 0.82 - y) / line_h)
    for i in range(n_lines):
        if rng.random() < 0.12:
            y += line_h
            continue
        x = margin
        words = _random_words(rng, int(rng.integers(3, 9)))
        (tw, _), _ = cv2.getTextSize(words, cv2.FONT_HERSHEY_SIMPLEX, 0.8 * scale, 1)
        if text_to_edge and i % 9 == 4:
            x = width - tw // 2  # runs off the right edge
        elif text_to_edge and i % 11 == 7:
            x = -tw // 3  # starts beyond the left edge
        cv2.putText(
            page,
            words,
            (x, y),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.8 * scale,
            ink,
            max(1, int(1.6 * scale)),
            cv2.LINE_AA,
        )
        y += line_h
    # a small table near the bottom, its rules stop at the margins
    ty = int(height * 0.84)
    for k in range(3):
        cv2.line(
            page, (margin, ty + k * line_h), (width - margin, ty + k * line_h), ink, 1, cv2.LINE_AA
        )
    if stamp:
        r = int(width * rng.uniform(0.09, 0.13))
        cx = int(width * rng.uniform(0.55, 0.85))
        cy = int(height * rng.uniform(0.75, 0.97))
        _draw_stamp(page, rng, (cx, cy), r)
    return page


def draw_id_card(width: int, rng: np.random.Generator, *, front: bool = True) -> Image:
    """An ID-1 card face: pale printed ground, photo on the front, emblem on the back."""
    height = round(width * ID1_MM[1] / ID1_MM[0])
    tint = np.array([rng.uniform(215, 240), rng.uniform(220, 240), rng.uniform(200, 235)])
    yy = np.linspace(0, 1, height, dtype=np.float32)[:, None, None]
    card = (tint[None, None, :] * (0.95 + 0.08 * yy)).astype(np.float32)
    card = np.broadcast_to(card, (height, width, 3)).copy().clip(0, 255).astype(np.uint8)
    s = width / 640.0
    ink = (40, 40, 40)
    if front:
        x0, y0 = int(width * 0.66), int(height * 0.18)
        cv2.rectangle(card, (x0, y0), (int(width * 0.93), int(height * 0.78)), (200, 200, 205), -1)
        cv2.circle(card, (int(width * 0.795), int(height * 0.38)), int(40 * s), (90, 90, 100), -1)
        cv2.ellipse(
            card,
            (int(width * 0.795), int(height * 0.78)),
            (int(75 * s), int(70 * s)),
            0,
            180,
            360,
            (90, 90, 100),
            -1,
        )
        for i in range(5):
            cv2.putText(
                card,
                _random_words(rng, 2),
                (int(width * 0.06), int(height * (0.2 + 0.13 * i))),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.8 * s,
                ink,
                max(1, int(1.5 * s)),
                cv2.LINE_AA,
            )
        digits = "".join(rng.choice(list(string.digits), size=18))
        cv2.putText(
            card,
            digits,
            (int(width * 0.3), int(height * 0.9)),
            cv2.FONT_HERSHEY_SIMPLEX,
            0.9 * s,
            ink,
            max(1, int(2 * s)),
            cv2.LINE_AA,
        )
    else:
        cv2.circle(card, (int(width * 0.15), int(height * 0.25)), int(55 * s), (30, 40, 200), -1)
        cv2.circle(card, (int(width * 0.15), int(height * 0.25)), int(35 * s), (40, 190, 230), -1)
        for i, t in enumerate((_random_words(rng, 3).upper(), _random_words(rng, 2).upper())):
            cv2.putText(
                card,
                t,
                (int(width * 0.32), int(height * (0.25 + 0.15 * i))),
                cv2.FONT_HERSHEY_DUPLEX,
                1.0 * s,
                ink,
                max(1, int(2 * s)),
                cv2.LINE_AA,
            )
        for i in range(2):
            cv2.putText(
                card,
                _random_words(rng, 3),
                (int(width * 0.25), int(height * (0.75 + 0.12 * i))),
                cv2.FONT_HERSHEY_SIMPLEX,
                0.8 * s,
                ink,
                max(1, int(1.5 * s)),
                cv2.LINE_AA,
            )
    return card


def _lighting(spec: SceneSpec, rng: np.random.Generator) -> Image:
    """Smooth light over the desk, drawn at 1/8 size and enlarged: light has no fine detail."""
    full_w, full_h = spec.width, spec.height
    h, w = max(8, full_h // 8), max(8, full_w // 8)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    ang = rng.uniform(0, 2 * np.pi)
    ramp = (np.cos(ang) * xx / w + np.sin(ang) * yy / h + 1) / 2  # 0..1-ish
    light = 1.0 - spec.uneven_light * ramp
    r2 = ((xx - w / 2) / w) ** 2 + ((yy - h / 2) / h) ** 2
    light *= 1.0 - 0.25 * r2  # vignette
    if spec.shadow:
        mask: Image = np.zeros((h, w), np.float32)
        # a wide soft band: the camera head or an arm between lamp and desk
        cx, cy = rng.uniform(0.2, 0.8) * w, rng.uniform(0.2, 0.8) * h
        a = rng.uniform(0, np.pi)
        long_, short = 0.9 * max(w, h), rng.uniform(0.12, 0.25) * min(w, h)
        box = cv2.boxPoints(((cx, cy), (long_, short), np.degrees(a)))
        cv2.fillPoly(mask, [box.astype(np.int32)], 1.0)
        sigma = 0.03 * max(w, h)
        mask = cv2.GaussianBlur(mask, (0, 0), sigma)
        light *= 1.0 - rng.uniform(0.3, 0.45) * mask
    out: Image = cv2.resize(light, (full_w, full_h), interpolation=cv2.INTER_LINEAR)
    return out


def _finger(
    img: Image,
    rng: np.random.Generator,
    corners: Corners,
    scale: float,
) -> None:
    """A finger coming from outside the page over one of its edges."""
    side = int(rng.integers(0, 4))
    a, b = corners[side], corners[(side + 1) % 4]
    t = rng.uniform(0.25, 0.75)
    p = a + t * (b - a)
    edge = b - a
    normal = np.array([edge[1], -edge[0]]) / (np.linalg.norm(edge) + 1e-9)
    centre = corners.mean(axis=0)
    if np.dot(p - centre, normal) < 0:
        normal = -normal  # point outwards
    width = 0.018 * scale
    tip = p - normal * width * rng.uniform(0.8, 1.6)
    root = p + normal * 2.0 * scale  # the hand is beyond the frame
    skin = np.array([rng.uniform(120, 160), rng.uniform(150, 185), rng.uniform(200, 235)])
    mask: Image = np.zeros(img.shape[:2], np.float32)
    cv2.line(mask, tuple(tip.astype(int)), tuple(root.astype(int)), 1.0, int(width * 2))
    cv2.circle(mask, tuple(tip.astype(int)), int(width), 1.0, -1)
    mask = cv2.GaussianBlur(mask, (0, 0), 1.2)[..., None]
    img[:] = img * (1 - mask) + skin[None, None, :].astype(np.float32) * mask


def make_scene(spec: SceneSpec) -> Scene:
    """Draw one scene. Corners are exact: they are where the page's corners were warped to."""
    rng = np.random.default_rng(spec.seed)
    h, w = spec.height, spec.width
    img = _background(spec, rng)
    corners: Corners | None = None
    page: Image | None = None
    if spec.subject != "none":
        if spec.subject == "id_card":
            pw_mm, ph_mm = ID1_MM
            pw = spec.fill * w
            ph = pw * ph_mm / pw_mm
        else:
            pw_mm, ph_mm = A4_MM if spec.subject == "a4" else A5_MM
            ph = spec.fill * h
            pw = ph * pw_mm / ph_mm
        tex_w, tex_h = max(int(pw), 32), max(int(ph), 20)
        if spec.subject == "id_card":
            page = draw_id_card(tex_w, rng, front=bool(rng.random() < 0.5))
            tex_h = page.shape[0]
        else:
            page = draw_page(tex_w, tex_h, rng, stamp=spec.stamp, text_to_edge=spec.text_to_edge)
        # pose: rotate about the centre, jitter corners for perspective, keep inside the frame
        src = np.array([[0, 0], [tex_w, 0], [tex_w, tex_h], [0, tex_h]], np.float64)
        half = np.array([pw, ph]) / 2
        local = np.array([[-1, -1], [1, -1], [1, 1], [-1, 1]], np.float64) * half
        th = np.radians(spec.rotation_deg)
        rot = np.array([[np.cos(th), -np.sin(th)], [np.sin(th), np.cos(th)]])
        dst = local @ rot.T
        dst += rng.uniform(-1, 1, (4, 2)) * spec.perspective * max(pw, ph)
        pad = 0.02 * min(w, h)
        extent = dst.max(axis=0) - dst.min(axis=0)
        shrink = min(1.0, float(np.min((np.array([w, h]) - 2 * pad) / extent)))
        dst *= shrink  # a page that would not fit is laid down smaller: truth stays in frame
        lo, hi = dst.min(axis=0), dst.max(axis=0)
        room = np.array([w, h]) - (hi - lo)
        cx = rng.uniform(pad, max(room[0] - pad, pad + 1)) - lo[0]
        cy = rng.uniform(pad, max(room[1] - pad, pad + 1)) - lo[1]
        dst += np.array([cx, cy])
        m = cv2.getPerspectiveTransform(src.astype(np.float32), dst.astype(np.float32))
        # drop shadow under the page: the page sits a little above the mat
        alpha = cv2.warpPerspective(
            np.ones((tex_h, tex_w), np.float32), m, (w, h), flags=cv2.INTER_LINEAR
        )
        off = rng.uniform(-1, 1, 2) * 0.004 * max(w, h)
        drop = cv2.warpAffine(alpha, np.array([[1, 0, off[0]], [0, 1, off[1]]], np.float32), (w, h))
        drop = cv2.GaussianBlur(drop, (0, 0), 0.004 * max(w, h) + 0.5)
        img *= (1 - 0.25 * drop)[..., None].astype(np.float32)
        warped = cv2.warpPerspective(page.astype(np.float32), m, (w, h), flags=cv2.INTER_LINEAR)
        a3 = alpha[..., None]
        img += (warped - img) * a3
        corners = order_corners(dst)
        for _ in range(spec.fingers):
            _finger(img, rng, corners, float(max(w, h)))
    elif spec.fingers:
        # a hand resting on the empty desk
        fake = order_corners(
            np.array(
                [[0.3 * w, 0.3 * h], [0.7 * w, 0.3 * h], [0.7 * w, 0.7 * h], [0.3 * w, 0.7 * h]]
            )
        )
        for _ in range(spec.fingers):
            _finger(img, rng, fake, float(max(w, h)))
    img *= _lighting(spec, rng)[..., None]
    img = np.asarray(cv2.GaussianBlur(img, (0, 0), 0.6), np.float32)  # the lens
    img += rng.standard_normal(img.shape, dtype=np.float32) * np.float32(spec.noise)  # sensor
    out: Image = img.clip(0, 255).astype(np.uint8)
    if spec.jpeg_quality > 0:
        ok, buf = cv2.imencode(".jpg", out, [cv2.IMWRITE_JPEG_QUALITY, spec.jpeg_quality])
        decoded = cv2.imdecode(buf, cv2.IMREAD_COLOR) if ok else None
        if decoded is not None:
            out = decoded
    return Scene(out, corners, spec, page)


def scene_set(n: int, width: int = 1280, height: int = 960, seed: int = 1000) -> list[SceneSpec]:
    """A varied, reproducible set: every background (dark to light mat), shadows, rotations up to
    and around 90°, perspective, A4/A5 pages, small ID cards, fingers."""
    rng = np.random.default_rng(seed)
    specs = []
    for i in range(n):
        bg = BACKGROUNDS[i % len(BACKGROUNDS)]
        kind = ("a4", "a4", "a5", "id_card")[int(rng.integers(0, 4))]
        rot = float(rng.uniform(-15, 15)) + (90.0 if rng.random() < 0.25 else 0.0)
        subject: Subject = kind  # type: ignore[assignment]
        if kind == "id_card":
            fill = float(rng.uniform(0.2, 0.4))
        elif abs(rot) > 45:
            fill = float(rng.uniform(0.5, 0.62))  # landscape-laid portrait page must fit
        else:
            fill = float(rng.uniform(0.6, 0.9))
        specs.append(
            SceneSpec(
                seed=seed + i,
                width=width,
                height=height,
                background=bg,
                subject=subject,
                rotation_deg=rot,
                perspective=float(rng.uniform(0, 0.04)),
                fill=fill,
                shadow=bool(rng.random() < 0.4),
                uneven_light=float(rng.uniform(0.0, 0.4)),
                fingers=int(rng.integers(0, 3)) if rng.random() < 0.35 else 0,
                stamp=bool(rng.random() < 0.6),
                text_to_edge=True,
                noise=float(rng.uniform(1.5, 4.0)),
                jpeg_quality=90,
            )
        )
    return specs


def empty_set(n: int, width: int = 1280, height: int = 960, seed: int = 5000) -> list[SceneSpec]:
    """Empty desks under the same light, shadows and hands: a detector must return None."""
    rng = np.random.default_rng(seed)
    return [
        SceneSpec(
            seed=seed + i,
            width=width,
            height=height,
            background=BACKGROUNDS[i % len(BACKGROUNDS)],
            subject="none",
            shadow=bool(rng.random() < 0.5),
            uneven_light=float(rng.uniform(0.0, 0.4)),
            fingers=int(rng.integers(0, 3)),
            jpeg_quality=90,
        )
        for i in range(n)
    ]
