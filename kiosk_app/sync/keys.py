"""Idempotency keys for citizen actions. Apart from the HTTP client so flows can make keys
without loading it."""

from __future__ import annotations

import uuid


def new_key() -> str:
    """A fresh idempotency key for one citizen action (keep it for that action's retries)."""
    return str(uuid.uuid4())
