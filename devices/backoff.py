"""Reconnect delays: full-jitter exponential, capped.

Thin wrapper over tenacity's ``wait_random_exponential`` so the device I/O loop can ask for
"the delay before attempt n" without running a tenacity retry loop (the loop must stay
responsive to close() and queued jobs while it waits). The cap is small by default: a device
coming back must be online again within 2 s, so no wait may exceed about a second.
"""

from __future__ import annotations

from dataclasses import dataclass

from tenacity import wait_random_exponential


@dataclass
class _Attempt:
    attempt_number: int


class Backoff:
    def __init__(self, base_s: float = 0.05, cap_s: float = 1.0) -> None:
        if base_s <= 0 or cap_s < base_s:
            raise ValueError("backoff needs 0 < base_s <= cap_s")
        self.cap_s = cap_s
        self._wait = wait_random_exponential(multiplier=base_s, max=cap_s)

    def delay(self, attempt: int) -> float:
        """Seconds to wait before retry number ``attempt`` (1-based), never above the cap."""
        return float(min(self.cap_s, self._wait(_Attempt(max(1, attempt)))))  # type: ignore[arg-type]
