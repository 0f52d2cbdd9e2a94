"""就近办: the county's service points as a citizen at this terminal sees them — open now or when
next, how far from here, what each can do, and a link that opens navigation on a phone.

Read offline from the published list (``contract.utility.ServicePoints``, pulled and cached like
the catalog). "Here" is the point this terminal stands at (its id in a point's ``terminals``),
else the hall. Distances are great-circle (haversine) in kilometres: a guide to "which is
nearer", not a route.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any
from urllib.parse import quote

from pydantic import ValidationError

from contract.utility import ServicePoint, ServicePoints
from contract.zone import CHINA_TIME

_EARTH_KM = 6371.0088


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_KM * math.asin(math.sqrt(h))


def _days(spec: str) -> range:
    first, _, last = spec.partition("-")
    return range(int(first), int(last or first) + 1)


def _hm(text: str) -> time:
    h, m = (int(x) for x in text.split(":"))
    return time(23, 59, 59) if h >= 24 else time(h, m)


def open_at(point: ServicePoint, when: datetime) -> bool:
    local = when.astimezone(CHINA_TIME)
    return any(
        local.isoweekday() in _days(h.days) and _hm(h.open) <= local.time() < _hm(h.close)
        for h in point.hours
    )


def next_opening(point: ServicePoint, when: datetime) -> datetime | None:
    """When it opens next (within a week); None when it never does."""
    local = when.astimezone(CHINA_TIME)
    for d in range(8):
        day = (local + timedelta(days=d)).date()
        starts = sorted(_hm(h.open) for h in point.hours if day.isoweekday() in _days(h.days))
        for t in starts:
            at = datetime.combine(day, t, tzinfo=CHINA_TIME)
            if at > local:
                return at
    return None


def navigation_url(point: ServicePoint) -> str:
    """A link a phone's map app opens with the point marked (Amap's public URI API)."""
    return (
        f"https://uri.amap.com/marker?position={point.lon:.6f},{point.lat:.6f}"
        f"&name={quote(point.name)}&coordinate=wgs84&callnative=1"
    )


@dataclass(frozen=True)
class ShownPoint:
    point: ServicePoint
    distance_km: float | None
    open_now: bool
    opens_at: datetime | None  # when closed: the next opening

    @property
    def hours_text(self) -> str:
        return "；".join(f"{h.days} {h.open}-{h.close}" for h in self.point.hours)


class PointList:
    """One version of the published list. Immutable."""

    def __init__(self, version: str, points: list[ServicePoint]) -> None:
        self.version = version
        self.points = points

    @classmethod
    def read(cls, doc: Any) -> PointList | None:
        if not isinstance(doc, Mapping):
            return None
        try:
            parsed = ServicePoints.model_validate(doc)
        except ValidationError:
            return None
        return cls(parsed.version, list(parsed.points))

    def here(self, terminal_id: str) -> tuple[float, float] | None:
        for p in self.points:
            if terminal_id in p.terminals:
                return p.lat, p.lon
        hall = next((p for p in self.points if p.kind == "hall"), None)
        return (hall.lat, hall.lon) if hall is not None else None

    def handles(self, point: ServicePoint, item_id: str) -> bool:
        return point.all_items or item_id in point.items

    def shown(
        self, terminal_id: str, now: datetime, *, item_id: str | None = None
    ) -> list[ShownPoint]:
        """The points (those that handle ``item_id`` when given), open ones first, then the
        nearest."""
        here = self.here(terminal_id)
        out = []
        for p in self.points:
            if item_id is not None and not self.handles(p, item_id):
                continue
            is_open = open_at(p, now)
            out.append(
                ShownPoint(
                    p,
                    distance_km(here, (p.lat, p.lon)) if here is not None else None,
                    is_open,
                    None if is_open else next_opening(p, now),
                )
            )
        out.sort(key=lambda s: (not s.open_now, s.distance_km or 0.0, s.point.name))
        return out
