"""Idempotency keys: one per citizen action, sent as ``Idempotency-Key`` and kept for that
action's retries, so a lost answer gives back the first result instead of a second one."""

from __future__ import annotations

import uuid

IDEMPOTENCY_KEY = (
    r"^[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}$"
)


def new_key() -> str:
    return str(uuid.uuid4())
