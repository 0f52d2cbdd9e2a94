"""The service's word that it identified a person: an identity assertion.

A call that hands out a named person's papers (``POST /api/v1/proofs``) must not take the
terminal's say-so ("I checked them, ``verified_by=id_card``"): a stolen terminal token, or a
terminal with a bug, could then fetch anyone's proof with a name and a number, both easy to find.
So the identity routes that *this service* checked — a 电子身份证 QR resolved by
``/identity/eid:resolve``, a texted code checked by ``/identity/sms-codes:verify`` — answer an
``assertion`` with the person, and the proof route issues only against one.

The assertion is stateless: ``v1.<method>.<expires (unix s)>.<HMAC>``, the MAC (the keyring's
keyed hash, its own purpose) over the terminal, the ID number, the method and the expiry. So it
is good only at the terminal that asked, only for that person, and only for ``VALID_FOR``; a key
rotation ends every outstanding one (they are minutes long: the citizen identifies again).
Nothing is stored, so nothing personal is kept for it.
"""

from __future__ import annotations

import hmac
from datetime import datetime, timedelta

from central.keyring import Keyring

IDENTITY_ASSERTION = "identity.assertion"
VALID_FOR = timedelta(minutes=10)  # identify, choose a proof, look at the preview: minutes
_METHODS = ("eid", "sms")


def _mac(keys: Keyring, terminal_id: str, id_number: str, method: str, expires: int) -> str:
    value = f"{terminal_id}\x00{id_number.upper()}\x00{method}\x00{expires}"
    return keys.hash(value, IDENTITY_ASSERTION)


def issue(keys: Keyring, terminal_id: str, id_number: str, method: str, now: datetime) -> str:
    if method not in _METHODS:
        raise ValueError(f"no assertion for {method!r}: this service did not check it")
    expires = int((now + VALID_FOR).timestamp())
    return f"v1.{method}.{expires}.{_mac(keys, terminal_id, id_number, method, expires)}"


def check(keys: Keyring, token: str, terminal_id: str, id_number: str, now: datetime) -> str | None:
    """The method the person was identified by, when ``token`` is this service's assertion for
    this terminal and this ID number and has not expired; None otherwise (say nothing more:
    which part was wrong is no one's business)."""
    parts = token.split(".")
    if len(parts) != 4 or parts[0] != "v1" or parts[1] not in _METHODS:
        return None
    if not (parts[2].isascii() and parts[2].isdigit()):  # int() takes '²' and '٣' too
        return None
    method, expires = parts[1], int(parts[2])
    if not hmac.compare_digest(_mac(keys, terminal_id, id_number, method, expires), parts[3]):
        return None
    if expires < now.timestamp():
        return None
    return method
