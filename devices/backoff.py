"""Retry delays: full-jitter exponential, capped.

Full jitter — a uniform draw between 0 and ``min(cap, base · 2^(n-1))``, as in AWS's
"Exponential Backoff and Jitter" — spreads many retrying clients apart (a county's terminals
after a central outage, a device loop after an unplug). The device I/O loop and the sync relay
keep their own loops, because each must stay responsive to close()/stop() and queued work while
it waits; they only ask here for "the delay before attempt n". The device cap is small by
default: a device coming back must be online again within 2 s.
"""

from __future__ import annotations

import random


def full_jitter(attempt: int, base_s: float, cap_s: float) -> float:
    """Seconds to wait before retry number ``attempt`` (1-based), never above ``cap_s``."""
    bound = min(cap_s, base_s * 2.0 ** min(max(1, attempt) - 1, 64))
    return random.uniform(0.0, bound)


class Backoff:
    def __init__(self, base_s: float = 0.05, cap_s: float = 1.0) -> None:
        if base_s <= 0 or cap_s < base_s:
            raise ValueError("backoff needs 0 < base_s <= cap_s")
        self.base_s = base_s
        self.cap_s = cap_s

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based), never above the cap."""
        return full_jitter(attempt, self.base_s, self.cap_s)
