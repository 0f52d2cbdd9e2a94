"""The hidden technician gesture: N taps in a corner within a window, holding the last one.

Citizens never tap a blank corner five times in three seconds and then hold; technicians learn
it once. The hold itself is timed by the UI (a timer started when `press` returns True).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field


@dataclass
class CornerGesture:
    taps: int = 5
    window_s: float = 3.0
    _presses: deque[float] = field(default_factory=deque)

    def press(self, now: float, in_corner: bool) -> bool:
        """Record a press; True when this press completes the taps and a hold should be timed."""
        if not in_corner:
            self._presses.clear()
            return False
        self._presses.append(now)
        while self._presses and now - self._presses[0] > self.window_s:
            self._presses.popleft()
        if len(self._presses) >= self.taps:
            self._presses.clear()
            return True
        return False

    def reset(self) -> None:
        self._presses.clear()
