"""How a county runs video help (视频帮办): hours, ICE servers, time limits.

Part of ``CentralSettings`` (``settings.video``). The service hours are the centre's local time
(``CHINA_TIME``); "00:00-24:00" is always open. ICE servers are what both browsers are told: empty
on loopback and inside one LAN; a county network with NAT between the terminals and the centre
needs a TURN server (central/README.md, "Video help: TURN").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any

from contract.wire import VIDEO_GRACE_S
from contract.zone import CHINA_TIME

_HOURS = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$")


@dataclass(frozen=True)
class VideoSettings:
    enabled: bool = True
    hours: str = "08:30-17:30"  # local time; "00:00-24:00": always
    weekdays: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)  # Monday = 0
    ice_servers: tuple[dict[str, Any], ...] = ()  # RTCIceServer dicts: urls, username, credential
    grace_s: float = VIDEO_GRACE_S  # a dropped socket may come back this long and keep its place
    default_call_s: float = 240.0  # the estimate's call length until calls have been answered
    max_waiting: int = 50  # calls beyond this are told "busy" and offered a call-back
    agent_session_s: float = 12 * 3600.0
    max_snapshot_bytes: int = 8 * 1024 * 1024

    def __post_init__(self) -> None:
        if not _HOURS.match(self.hours):
            raise ValueError(f"video hours must look like 08:30-17:30, not {self.hours!r}")

    def is_open(self, now: datetime) -> bool:
        local = now.astimezone(CHINA_TIME)
        if local.weekday() not in self.weekdays:
            return False
        m = _HOURS.match(self.hours)
        assert m is not None
        start = time(int(m[1]), int(m[2]))
        end_h, end_m = int(m[3]), int(m[4])
        t = local.time()
        if end_h == 24:
            return t >= start
        return start <= t < time(end_h, end_m)
