"""就近办 read offline: open now by the county's clock, the next opening, distance from the point
this terminal stands at (else the hall), the points that handle an item, a navigation link."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from central.utility import service_points
from kiosk_app.core.paths import config_dir
from kiosk_app.core.service_points import PointList, distance_km, navigation_url, open_at

CST = timezone(timedelta(hours=8))


def _points() -> PointList:
    import json

    catalog = json.loads((config_dir() / "catalog" / "catalog.json").read_text("utf-8"))
    items = {i["id"]: i for i in catalog["items"]}
    doc = service_points(items, ["HALL-24H-01", "DESK-COMM-01"]).doc
    got = PointList.read(doc)
    assert got is not None
    return got


def test_open_now_and_next_opening_follow_local_hours() -> None:
    points = _points()
    hall = next(p for p in points.points if p.kind == "hall")
    monday_morning = datetime(2026, 12, 7, 9, 0, tzinfo=CST)
    assert open_at(hall, monday_morning)
    assert not open_at(hall, monday_morning.replace(hour=18))
    # the same instant in UTC reads the same
    assert open_at(hall, monday_morning.astimezone(UTC))
    shown = points.shown("HALL-24H-01", monday_morning.replace(hour=20))
    assert not any(s.open_now for s in shown)
    first = shown[0]
    assert first.opens_at is not None
    assert first.opens_at.date() == monday_morning.date() + timedelta(1)


def test_distance_from_where_the_terminal_stands() -> None:
    points = _points()
    at_hall = points.shown("HALL-24H-01", datetime(2026, 12, 7, 10, 0, tzinfo=CST))
    assert at_hall[0].point.kind == "hall" and at_hall[0].distance_km == 0.0
    at_desk = points.shown("DESK-COMM-01", datetime(2026, 12, 7, 10, 0, tzinfo=CST))
    assert at_desk[0].point.id == "P-C01" and at_desk[0].distance_km == 0.0
    assert abs(distance_km((26.0, 119.0), (27.0, 119.0)) - 111.2) < 0.5


def test_points_for_an_item_and_navigation_link() -> None:
    points = _points()
    gas = points.shown("HALL-24H-01", datetime(2026, 12, 7, 10, 0, tzinfo=CST), item_id="C0184")
    assert {s.point.kind for s in gas} == {"hall", "gas"}
    url = navigation_url(gas[0].point)
    assert url.startswith("https://uri.amap.com/marker?position=") and "%E" in url
    assert PointList.read({"version": "x"}) is None
