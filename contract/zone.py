"""The county's one clock zone: China Standard Time, UTC+8 with no daylight saving, so a fixed
offset is exact. Halls open and close by it, survey slots are booked in it, opening hours are
written in it, and 好差评 records carry their time in it (GB/T 39046: YYYYMMDDhhmmss, Beijing
time) — whatever zone the terminal's or the server's own clock is set to."""

from __future__ import annotations

from datetime import timedelta, timezone

CHINA_TIME = timezone(timedelta(hours=8), "CST")
