"""The one masking function for personal data, used by logs, heartbeats and screens.

Masks mainland ID numbers (18 digits, last may be X), mobile numbers, and any value the session
has declared personal (names, licence numbers) — names cannot be found by pattern, so the
session registers them as it learns them.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable, Mapping
from typing import Any

# Not preceded/followed by a digit, so longer digit runs (order numbers) are not half-masked.
_ID18 = re.compile(r"(?<![0-9A-Za-z])(\d{6})(\d{8})(\d{3}[\dXx])(?![0-9A-Za-z])")
_ID15 = re.compile(r"(?<!\d)(\d{6})(\d{6})(\d{3})(?!\d)")
_MOBILE = re.compile(r"(?<!\d)(?:\+?86[- ]?)?(1[3-9]\d)[- ]?(\d{4})[- ]?(\d{4})(?!\d)")

PERSONAL_KEYS = frozenset(
    {
        "name",
        "id_number",
        "id_no",
        "phone",
        "mobile",
        "licence_no",
        "license_no",
        "address",
        "holder",
    }
)

_known_lock = threading.Lock()
_known: set[str] = set()


def mask_id(value: str) -> str:
    """420626199001011234 -> 420626********1234 (keeps region and check digits, as halls do)."""
    v = value.strip()
    if len(v) <= 10:
        return "*" * len(v)
    return v[:6] + "*" * (len(v) - 10) + v[-4:]


def mask_phone(value: str) -> str:
    digits = re.sub(r"\D", "", value)
    if len(digits) < 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def mask_name(value: str) -> str:
    """张三丰 -> 张**; Zhang San -> Z********."""
    v = value.strip()
    return v[:1] + "*" * (len(v) - 1) if v else v


def register_personal(values: Iterable[str]) -> None:
    """Declare values (a citizen's name, a licence number) that must be masked wherever seen."""
    with _known_lock:
        _known.update(v for v in values if v and len(v) >= 2)


def forget_personal() -> None:
    """Called by the session reset: the next citizen's data is not the last one's."""
    with _known_lock:
        _known.clear()


def mask_text(text: str) -> str:
    text = _ID18.sub(lambda m: m.group(1) + "*" * 8 + m.group(3)[-4:], text)
    text = _MOBILE.sub(lambda m: m.group(1) + "****" + m.group(3), text)
    text = _ID15.sub(lambda m: m.group(1) + "*" * 6 + m.group(3), text)
    with _known_lock:
        known = sorted(_known, key=len, reverse=True)
    for value in known:
        if value in text:
            text = text.replace(value, mask_name(value))
    return text


def mask_value(key: str, value: Any) -> Any:
    """Mask one field of a structured record, by its key and by its content."""
    if isinstance(value, str):
        k = key.lower()
        if k in {"id_number", "id_no", "licence_no", "license_no"}:
            return mask_id(value)
        if k in {"phone", "mobile"}:
            return mask_phone(value)
        if k in PERSONAL_KEYS:
            return mask_name(value)
        return mask_text(value)
    if isinstance(value, Mapping):
        return mask_mapping(value)
    if isinstance(value, list | tuple):
        return [mask_value(key, v) for v in value]
    return value


def mask_mapping(data: Mapping[str, Any]) -> dict[str, Any]:
    return {k: mask_value(k, v) for k, v in data.items()}
