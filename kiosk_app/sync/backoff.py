"""Retry delays for the relay: full-jitter exponential backoff with a cap, and ``Retry-After``.

Full jitter (``devices.backoff.full_jitter``, the one formula the terminal retries with)
spreads a county's terminals apart after an outage, so they do not all hit the central service
in the same second when it comes back; a ``Retry-After`` from the service is honoured on top.
"""

from __future__ import annotations

import email.utils
import time
from datetime import UTC

from devices.backoff import full_jitter


class Backoff:
    """Delay before the next try after ``failures`` consecutive failures."""

    def __init__(self, base_s: float, cap_s: float) -> None:
        if base_s <= 0 or cap_s < base_s:
            raise ValueError("backoff needs 0 < base_s <= cap_s")
        self.base_s = base_s
        self.cap_s = cap_s
        self.failures = 0

    def failed(self, retry_after_s: float | None = None) -> float:
        """Count a failure; return how long to wait (at least what the server asked for)."""
        self.failures += 1
        delay = full_jitter(self.failures, self.base_s, self.cap_s)
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, self.cap_s))
        return delay

    def succeeded(self) -> None:
        self.failures = 0


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds from a ``Retry-After`` header (delta-seconds or HTTP-date); None if absent/bad."""
    if not value:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    t = time.time() if now is None else now
    return max(0.0, when.timestamp() - t)
