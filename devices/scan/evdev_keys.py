"""Linux input key codes (US layout, as scan guns emulate) to text, framed by Enter.

Pure and testable without a device: the evdev scanner adapter feeds it (code, value) pairs from
EV_KEY events. Scan guns type ASCII only; anything else a gun might send (F-keys, arrows) is
ignored rather than guessed.
"""

from __future__ import annotations

# code: (plain, shifted) — linux/input-event-codes.h
_KEYS: dict[int, tuple[str, str]] = {
    2: ("1", "!"), 3: ("2", "@"), 4: ("3", "#"), 5: ("4", "$"), 6: ("5", "%"),
    7: ("6", "^"), 8: ("7", "&"), 9: ("8", "*"), 10: ("9", "("), 11: ("0", ")"),
    12: ("-", "_"), 13: ("=", "+"), 15: ("\t", "\t"),
    16: ("q", "Q"), 17: ("w", "W"), 18: ("e", "E"), 19: ("r", "R"), 20: ("t", "T"),
    21: ("y", "Y"), 22: ("u", "U"), 23: ("i", "I"), 24: ("o", "O"), 25: ("p", "P"),
    26: ("[", "{"), 27: ("]", "}"),
    30: ("a", "A"), 31: ("s", "S"), 32: ("d", "D"), 33: ("f", "F"), 34: ("g", "G"),
    35: ("h", "H"), 36: ("j", "J"), 37: ("k", "K"), 38: ("l", "L"), 39: (";", ":"),
    40: ("'", '"'), 41: ("`", "~"), 43: ("\\", "|"),
    44: ("z", "Z"), 45: ("x", "X"), 46: ("c", "C"), 47: ("v", "V"), 48: ("b", "B"),
    49: ("n", "N"), 50: ("m", "M"), 51: (",", "<"), 52: (".", ">"), 53: ("/", "?"),
    55: ("*", "*"), 57: (" ", " "),
    71: ("7", "7"), 72: ("8", "8"), 73: ("9", "9"), 74: ("-", "-"), 75: ("4", "4"),
    76: ("5", "5"), 77: ("6", "6"), 78: ("+", "+"), 79: ("1", "1"), 80: ("2", "2"),
    81: ("3", "3"), 82: ("0", "0"), 83: (".", "."), 98: ("/", "/"),
}  # fmt: skip
SHIFT = {42, 54}
ENTER = {28, 96}
CAPSLOCK = 58
KEY_DOWN, KEY_UP, KEY_REPEAT = 1, 0, 2


class KeyDecoder:
    """Feed key events; returns the completed code when Enter goes down."""

    def __init__(self, max_length: int = 4096) -> None:
        self.max_length = max_length
        self._shift = 0
        self._caps = False
        self._buf: list[str] = []

    def feed(self, code: int, value: int) -> str | None:
        if code in SHIFT:
            if value == KEY_DOWN:
                self._shift += 1
            elif value == KEY_UP:
                self._shift = max(0, self._shift - 1)
            return None
        if value != KEY_DOWN:
            return None
        if code == CAPSLOCK:
            self._caps = not self._caps
            return None
        if code in ENTER:
            text, self._buf = "".join(self._buf), []
            return text or None
        pair = _KEYS.get(code)
        if pair is None:
            return None
        ch = pair[1] if self._shift else pair[0]
        if self._caps and ch.isalpha():
            ch = ch.swapcase()
        if len(self._buf) < self.max_length:
            self._buf.append(ch)
        return None

    def reset(self) -> None:
        self._shift, self._caps, self._buf = 0, False, []
