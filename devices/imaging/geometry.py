"""Quadrilateral helpers shared by detection, rectification and the scene generator."""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from devices.imaging.types import Corners


def order_corners(pts: npt.ArrayLike) -> Corners:
    """TL, TR, BR, BL by position in the image: clockwise from the corner nearest the origin."""
    p = np.asarray(pts, np.float64).reshape(4, 2)
    c = p.mean(axis=0)
    ang = np.arctan2(p[:, 1] - c[1], p[:, 0] - c[0])
    p = p[np.argsort(ang)]  # clockwise on screen (y points down)
    start = int(np.argmin(p.sum(axis=1)))
    return np.roll(p, -start, axis=0)


def quad_iou(a: npt.ArrayLike, b: npt.ArrayLike) -> float:
    """Intersection over union of two convex quadrilaterals."""
    pa = np.asarray(a, np.float32).reshape(-1, 1, 2)
    pb = np.asarray(b, np.float32).reshape(-1, 1, 2)
    ha, hb = cv2.convexHull(pa), cv2.convexHull(pb)
    inter, _ = cv2.intersectConvexConvex(ha, hb)
    union = cv2.contourArea(ha) + cv2.contourArea(hb) - inter
    return float(inter / union) if union > 0 else 0.0
