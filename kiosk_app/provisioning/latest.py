"""The signed, expiring "latest release" document (``GET /api/v1/updates/latest``).

What a terminal checks before it believes a word of it (TUF's timestamp role, cut down):

- a signature by one of *its* metadata keys (``updates.metadata_keys`` and those committed
  releases handed on) over the canonical JSON of ``signed`` exactly as received;
- that it is for this terminal;
- that it has not expired: a document that stops changing is what a freeze attack looks like
  (an attacker, or a broken mirror, serving yesterday's answer so a fixed release never
  arrives), and the terminal says so in its heartbeat;
- that it is not older than the freshest one already seen (``issued_at`` never goes back).

Terminal clocks are set by NTP; a terminal whose clock is far off refuses fresh documents as
not yet issued or expired, and reports that too.
"""

from __future__ import annotations

import base64
import binascii
import json
from datetime import UTC, datetime, timedelta
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from contract.signing import canonical
from contract.updates import LATEST_FORMAT, LatestRelease
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.keys import TrustedKeys, key_id

MAX_DOCUMENT_BYTES = 64 * 1024
CLOCK_SKEW = timedelta(minutes=5)  # an issued_at this far in the future is the clock's fault


class StaleMetadata(ProvisionError):
    """The document expired, or is older than one already seen: a possible freeze attack."""


def _time(text: str, what: str) -> datetime:
    try:
        t = datetime.fromisoformat(text)
    except ValueError:
        raise ProvisionError(f"the latest-release document's {what} is not a time") from None
    return t if t.tzinfo else t.replace(tzinfo=UTC)


def sign_latest(signed: dict[str, Any], *keys: Ed25519PrivateKey) -> dict[str, Any]:
    """A document as the central service serves it (for tools and tests; central signs its own)."""
    return {
        "signed": signed,
        "signatures": [
            {
                "key_id": key_id(k.public_key()),
                "signature": base64.b64encode(k.sign(canonical(signed))).decode(),
            }
            for k in keys
        ],
    }


def latest_doc(
    terminal_id: str,
    release: dict[str, Any] | None,
    *,
    issued: datetime,
    ttl: timedelta = timedelta(hours=24),
) -> dict[str, Any]:
    """The ``signed`` part for ``sign_latest`` (tools and tests)."""
    return {
        "format": LATEST_FORMAT,
        "terminal_id": terminal_id,
        "release": release,
        "issued_at": issued.isoformat(),
        "expires_at": (issued + ttl).isoformat(),
    }


def verify_latest(
    document: bytes,
    trusted: TrustedKeys,
    terminal_id: str,
    now: datetime,
    seen_issued_at: str | None = None,
) -> LatestRelease:
    """The document's content, once signature, terminal, expiry and freshness check out."""
    if len(document) > MAX_DOCUMENT_BYTES:
        raise ProvisionError(f"the latest-release document is larger than {MAX_DOCUMENT_BYTES}")
    try:
        doc = json.loads(document)
        signed = doc["signed"]
        signatures = doc["signatures"]
        if not isinstance(signed, dict) or not isinstance(signatures, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ProvisionError("the latest-release document is not a signed document") from None
    if not trusted.keys:
        raise ProvisionError("no metadata keys are configured (updates.metadata_keys)")
    body = canonical(signed)
    signer = None
    named = []
    for sig in signatures[:4]:
        if not isinstance(sig, dict):
            continue
        kid = sig.get("key_id")
        named.append(str(kid))
        pub = trusted.keys.get(str(kid))
        if pub is None:
            continue
        try:
            raw = base64.b64decode(str(sig.get("signature", "")), validate=True)
        except (binascii.Error, ValueError):
            continue
        if TrustedKeys.of(pub).verify(body, raw) is not None:
            signer = kid
            break
    if signer is None:
        if not any(k in trusted.keys for k in named):
            raise ProvisionError(
                "the latest-release document is signed by "
                + (f"key {', '.join(named)}" if named else "no key")
                + ", which this terminal does not trust for update metadata"
            )
        raise ProvisionError("the latest-release document's signature does not match: altered")
    try:
        latest = LatestRelease.model_validate(signed)
    except ValidationError as exc:
        raise ProvisionError(
            f"the latest-release document is malformed: {exc.errors()[0]['msg']}"
        ) from None
    if latest.terminal_id != terminal_id:
        raise ProvisionError(f"the latest-release document is for {latest.terminal_id}")
    issued, expires = _time(latest.issued_at, "issued_at"), _time(latest.expires_at, "expires_at")
    if expires <= now:
        raise StaleMetadata(
            f"the latest-release document expired at {latest.expires_at} (it is {now.isoformat()}"
            "): the terminal may be fed a stale one (freeze attack) or its clock is wrong"
        )
    if issued > now + CLOCK_SKEW:
        raise ProvisionError(
            f"the latest-release document is issued at {latest.issued_at}, in the future:"
            " this terminal's clock is wrong"
        )
    if seen_issued_at is not None and issued < _time(seen_issued_at, "issued_at"):
        raise StaleMetadata(
            f"the latest-release document was issued at {latest.issued_at}, before one already"
            f" seen ({seen_issued_at}): a replayed old document"
        )
    return latest
