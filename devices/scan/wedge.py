"""Keyboard-wedge scan guns type their codes; this tells a scan from a person typing.

A gun "types" a whole code in a few milliseconds per key, then (usually) Enter; people leave
80 ms or more between keys. The classifier holds keys back for at most ``max_gap_s``: when keys
keep coming that fast and reach ``min_length`` before Enter or a pause, they are a scan;
otherwise they are handed back, in order, as typing. A configured ``prefix`` marks a scan
whatever the timing (for guns on slow USB hubs). Pure and Qt-free: the Qt event filter in
kiosk_app/ui/devices feeds it key presses and a timer, and does what the actions say.

Items are opaque tokens (the Qt side passes its key events) so they can be replayed exactly.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Replay:
    """Hand these keys to the focused widget as typing, in this order."""

    items: tuple[object, ...]


@dataclass(frozen=True)
class Scan:
    text: str

    def __repr__(self) -> str:
        return f"Scan(len={len(self.text)})"


Action = Replay | Scan


class WedgeClassifier:
    def __init__(
        self,
        max_gap_s: float = 0.035,
        min_length: int = 6,
        prefix: str = "",
        suffix: str = "\r",
        prefix_gap_s: float = 0.3,
        max_length: int = 4096,
    ) -> None:
        if max_gap_s <= 0 or min_length < 1:
            raise ValueError("max_gap_s must be > 0 and min_length >= 1")
        self.max_gap_s, self.min_length = max_gap_s, min_length
        self.prefix, self.suffix = prefix, suffix
        self.prefix_gap_s, self.max_length = prefix_gap_s, max_length
        self._texts: list[str] = []
        self._items: list[object] = []
        self._last = 0.0

    @property
    def pending(self) -> bool:
        return bool(self._items)

    def _prefixed(self) -> bool:
        return bool(self.prefix) and "".join(self._texts).startswith(self.prefix)

    def gap_limit(self) -> float:
        """How long to wait for the next key before deciding (the Qt timer's interval)."""
        body = "".join(self._texts)
        if self.prefix and (body.startswith(self.prefix) or self.prefix.startswith(body)):
            return self.prefix_gap_s  # a prefix (or its start) was seen: the gun may be slow
        return self.max_gap_s

    def key(self, text: str, t: float, item: object = None) -> list[Action]:
        """A key press with its text ("\\r" for Enter) at time ``t`` (seconds)."""
        out: list[Action] = []
        if self._items and t - self._last > self.gap_limit():
            out += self.flush()
        self._last = t
        if text == self.suffix and self._items:
            body = "".join(self._texts)
            if self._prefixed():
                self._reset()
                return [*out, Scan(body[len(self.prefix) :])]
            if len(body) >= self.min_length:
                self._reset()
                return [*out, Scan(body)]
            items = (*self._items, item if item is not None else text)
            self._reset()
            return [*out, Replay(items)]
        if text == self.suffix:
            return [*out, Replay((item if item is not None else text,))]
        self._texts.append(text)
        self._items.append(item if item is not None else text)
        if len(self._texts) > self.max_length:
            out += self.flush()
        return out

    def flush(self) -> list[Action]:
        """Decide now (a pause, or a non-text key): a long enough fast run is a scan."""
        if not self._items:
            return []
        body = "".join(self._texts)
        if self._prefixed() and len(body) > len(self.prefix):
            action: Action = Scan(body[len(self.prefix) :])
        elif not self.prefix and len(body) >= self.min_length and len(body) <= self.max_length:
            action = Scan(body)
        else:
            action = Replay(tuple(self._items))
        self._reset()
        return [action]

    def _reset(self) -> None:
        self._texts.clear()
        self._items.clear()
