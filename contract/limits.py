"""Bounds on the free-form JSON that crosses the wire: event payloads and heartbeats.

Both sides check with the same function: the terminal before a record enters its outbox (a bad
record must fail where it is made, not as a dead letter days later), the service for each record
it receives, so one bad record is refused by name while the rest of its batch goes in. What is
refused: text that is not valid UTF-8 (a lone surrogate such as ``"\\ud800"`` parses as JSON but
cannot be stored or sent on), numbers that are not finite (``NaN``, ``Infinity``: not JSON at all,
though Python's parser takes them), nesting deeper than a record ever needs, and sizes past what
a record ever holds (a heartbeat of megabytes of "free fields" kept forever fills a disk).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class JsonLimits:
    depth: int  # objects and lists inside each other
    string: int  # characters in one string (keys too)
    items: int  # members of one object or list
    integer: int = 2**53  # beyond this a JavaScript console shows another number


EVENT = JsonLimits(depth=12, string=16_000, items=1000)
HEARTBEAT = JsonLimits(depth=6, string=1000, items=200)
MAX_HEARTBEAT_BYTES = 64 * 1024  # serialised


def _name(key: object) -> str:
    text = str(key).encode("utf-8", "backslashreplace").decode("ascii", "backslashreplace")
    return text if len(text) <= 40 else text[:40] + "…"


def _join(path: str, key: object) -> str:
    return f"{path}.{_name(key)}" if path else _name(key)


def _text_problem(text: str, limits: JsonLimits) -> str | None:
    if len(text) > limits.string:
        return f"text longer than {limits.string} characters"
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "text is not valid UTF-8 (it holds a lone surrogate)"
    return None


def json_problem(value: Any, limits: JsonLimits, path: str = "") -> str | None:
    """``"<dotted path>: <reason>"`` for the first thing out of bounds, or None.

    Iterative, so a hostile depth cannot exhaust the stack of the checker itself. The path names
    the field (list items by index) and never quotes a value, which may be personal.
    """
    stack: list[tuple[str, Any, int]] = [(path, value, 0)]
    while stack:
        where, v, depth = stack.pop()
        label = where or "(the record)"
        if v is None or isinstance(v, bool):
            continue
        if isinstance(v, str):
            if (why := _text_problem(v, limits)) is not None:
                return f"{label}: {why}"
        elif isinstance(v, int):
            if abs(v) > limits.integer:
                return f"{label}: number out of range (more than {limits.integer})"
        elif isinstance(v, float):
            if not math.isfinite(v):
                return f"{label}: not a finite number"
        elif isinstance(v, dict | list):
            if depth >= limits.depth:
                return f"{label}: nested deeper than {limits.depth} levels"
            if len(v) > limits.items:
                return f"{label}: more than {limits.items} members"
            if isinstance(v, dict):
                for k in v:
                    if not isinstance(k, str):
                        return f"{label}: a key is not text"
                    if (why := _text_problem(k, limits)) is not None:
                        return f"{_join(where, k)}: the key's {why}"
                items = [(_join(where, k), x) for k, x in v.items()]
            else:
                items = [(_join(where, i), x) for i, x in enumerate(v)]
            stack.extend((p, x, depth + 1) for p, x in reversed(items))
        else:
            return f"{label}: not a JSON value ({type(v).__name__})"
    return None
