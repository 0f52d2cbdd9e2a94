"""Identity without the card (身份核验): the 电子身份证 / 网证 QR, and a typed ID number checked
by a code texted to the phone on record.

The reference service simulates the national platform and the SMS gateway. An e-ID code is
resolved against the demo table (``central.seed.demo.EID_CODES``); a texted code is not sent
anywhere: the "gateway" logs the message with phone and code masked and keeps it for an hour in
``sms_outbox``, where the demo and the tests read it as the citizen would on their phone
(``CentralReader.sms_messages``). Codes are stored only as salted hashes.

Both take a secret that can be guessed (a code) or reveal something (whether an ID number has a
phone on record), so both are rate-limited: failures count against the terminal that asked and
against the ID number asked about, and past a few free ones lock it for twice as long each time
(429 with Retry-After). A texted code allows five wrong tries, lives five minutes, and the same
number gets at most one text a minute and five an hour. The limiter is this module's own,
minimal and in memory (a restart forgets it); the service-wide one of issue 13 replaces it when
it lands.
"""

from __future__ import annotations

import logging
import math
import secrets
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, HTTPException, Request

from central import hotline
from central.context import IDEMPOTENT, POST, Central, CentralDep, TerminalDep, errors
from central.seed import demo
from contract.codes import id_number_valid
from contract.wire import (
    EidResolve,
    SmsChallenge,
    SmsCodeCheck,
    SmsCodeRequest,
    VerifiedIdentity,
)

log = logging.getLogger("central")
router = APIRouter(prefix="/api/v1/identity", tags=["identity"])

CODE_TTL_S = 300
RESEND_S = 60
SENDS_PER_HOUR = 5
WRONG_PER_CODE = 5
OUTBOX_KEEP_S = 3600


@dataclass
class _Count:
    failures: int = 0
    last: float = 0.0
    locked_until: float = 0.0


class Tries:
    """Failed tries per subject: ``free`` of them, then each failure locks the subject for
    twice as long as the last (``base_s`` … ``cap_s``); forgotten ``reset_s`` after the last."""

    def __init__(
        self, free: int, base_s: float = 30.0, cap_s: float = 86400.0, reset_s: float = 3600.0
    ) -> None:
        self.free, self.base_s, self.cap_s, self.reset_s = free, base_s, cap_s, reset_s
        self._counts: dict[str, _Count] = {}

    def wait_s(self, subject: str, now: float) -> float:
        c = self._counts.get(subject)
        return max(0.0, c.locked_until - now) if c is not None else 0.0

    def failed(self, subject: str, now: float) -> None:
        c = self._counts.get(subject)
        if c is None or now - c.last > self.reset_s:
            c = self._counts[subject] = _Count()
        c.failures += 1
        c.last = now
        if c.failures >= self.free:
            c.locked_until = now + min(self.cap_s, self.base_s * 2 ** (c.failures - self.free))

    def succeeded(self, subject: str) -> None:
        self._counts.pop(subject, None)


@dataclass
class _Limits:
    terminals: Tries
    numbers: Tries


def _limits(request: Request) -> _Limits:
    state = request.app.state
    limits: _Limits | None = getattr(state, "identity_limits", None)
    if limits is None:
        limits = state.identity_limits = _Limits(Tries(free=10), Tries(free=5))
    return limits


def _now(central: Central) -> float:
    return central.settings.clock().timestamp()


def _guard(limits: _Limits, now: float, terminal: str, number: str | None = None) -> None:
    wait = limits.terminals.wait_s(terminal, now)
    if number is not None:
        wait = max(wait, limits.numbers.wait_s(number, now))
    if wait > 0:
        raise _too_many(wait)


def _too_many(wait: float, what: str = "too many failed tries") -> HTTPException:
    seconds = max(1, math.ceil(wait))
    return HTTPException(
        429,
        f"{what}: try again in {seconds} s, or ask at the service desk",
        headers={"Retry-After": str(seconds)},
    )


def _masked_phone(phone: str) -> str:
    """The wire form of ``SmsChallenge.phone_masked``: 139****1111."""
    return f"{phone[:3]}****{phone[-4:]}"


def _identity(method: str, holder: demo.DemoHolder) -> dict[str, Any]:
    return {"method": method, "name": holder.name, "id_number": holder.id_number}


@router.post(
    "/eid:resolve",
    response_model=VerifiedIdentity,
    responses=errors(*POST, 404, 410, 429),
    summary="Resolve a 电子身份证 / 网证 QR shown on a phone to the person it stands for",
)
async def resolve_eid(
    body: EidResolve, request: Request, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    limits, now = _limits(request), _now(central)
    subject = f"terminal:{terminal.id}"
    _guard(limits, now, subject)
    entry = demo.EID_CODES.get(body.code)
    if entry is None:
        limits.terminals.failed(subject, now)
        raise HTTPException(404, "the platform does not know this code")
    holder_key, state = entry
    if state != "valid":
        raise HTTPException(410, "this code has expired: refresh it in the app and show it again")
    return _identity("eid", demo.holder(holder_key))


@router.post(
    "/sms-codes",
    status_code=201,
    dependencies=IDEMPOTENT,
    response_model=SmsChallenge,
    responses=errors(*POST, 404, 429),
    summary="Text a one-time code to the phone on record for a typed ID number",
)
async def send_sms_code(
    body: SmsCodeRequest, request: Request, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    number = body.id_number.upper()
    if not id_number_valid(number):
        raise HTTPException(422, "the ID number's check character is wrong")
    limits, now = _limits(request), _now(central)
    subject, by_number = f"terminal:{terminal.id}", hotline.phone_key(central.db, number)
    _guard(limits, now, subject, by_number)
    holder = demo.holder_by_id_number(number)
    if holder is None:
        # counted: a terminal asking about many numbers is looking for who has a phone here
        limits.terminals.failed(subject, now)
        raise HTTPException(404, "no phone number on record for this ID number")
    recent = central.db.all(
        "SELECT created_at FROM sms_challenges WHERE subject=? AND created_at>?"
        " ORDER BY created_at DESC",
        (by_number, now - 3600),
    )
    if recent and now - recent[0]["created_at"] < RESEND_S:
        raise _too_many(RESEND_S - (now - recent[0]["created_at"]), "a code was sent just now")
    if len(recent) >= SENDS_PER_HOUR:
        raise _too_many(recent[-1]["created_at"] + 3600 - now, "enough codes for this hour")
    challenge = secrets.token_urlsafe(18)
    code = f"{secrets.randbelow(10**6):06d}"
    masked = _masked_phone(holder.phone)
    with central.db.write() as conn:
        conn.execute("DELETE FROM sms_outbox WHERE sent_at<?", (now - OUTBOX_KEEP_S,))
        conn.execute("DELETE FROM sms_challenges WHERE created_at<?", (now - 86400,))
        conn.execute(
            "INSERT INTO sms_challenges (id, subject, code_hash, terminal_id, created_at,"
            " expires_at) VALUES (?,?,?,?,?,?)",
            (challenge, by_number, _code_hash(central, challenge, code), terminal.id, now,
             now + CODE_TTL_S),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO sms_outbox (challenge, phone_masked, text, sent_at) VALUES (?,?,?,?)",
            (challenge, masked, _message(code), now),
        )
    log.info("sms sent (simulated) to %s: code ******", masked)
    return {
        "challenge": challenge,
        "phone_masked": masked,
        "expires_in_s": CODE_TTL_S,
        "resend_after_s": RESEND_S,
    }


def _message(code: str) -> str:
    minutes = CODE_TTL_S // 60
    return f"【{demo.COUNTY}政务服务】验证码 {code}，{minutes} 分钟内有效，请勿告诉他人。"


def _code_hash(central: Central, challenge: str, code: str) -> str:
    return hotline.phone_key(central.db, f"sms:{challenge}:{code}")


@router.post(
    "/sms-codes:verify",
    response_model=VerifiedIdentity,
    responses=errors(*POST, 403, 404, 410, 429),
    summary="Check the texted code; the person on record when it is right",
)
async def verify_sms_code(
    body: SmsCodeCheck, request: Request, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    limits, now = _limits(request), _now(central)
    subject = f"terminal:{terminal.id}"
    row = central.db.one(
        "SELECT * FROM sms_challenges WHERE id=? AND terminal_id=?", (body.challenge, terminal.id)
    )
    if row is None:
        raise HTTPException(404, "no such code was sent from this terminal")
    _guard(limits, now, subject, row["subject"])
    if row["closed_at"] is not None:
        raise HTTPException(410, "this code was used or has been cancelled: ask for a new one")
    if now > row["expires_at"]:
        raise HTTPException(410, "this code has expired: ask for a new one")
    if not secrets.compare_digest(_code_hash(central, body.challenge, body.code), row["code_hash"]):
        wrong = row["wrong"] + 1
        with central.db.write() as conn:
            conn.execute(
                "UPDATE sms_challenges SET wrong=?, closed_at=? WHERE id=?",
                (wrong, now if wrong >= WRONG_PER_CODE else None, body.challenge),
            )
        limits.terminals.failed(subject, now)
        limits.numbers.failed(row["subject"], now)
        if wrong >= WRONG_PER_CODE:
            raise HTTPException(410, "too many wrong codes: ask for a new one")
        raise HTTPException(403, f"wrong code: {WRONG_PER_CODE - wrong} tries left")
    with central.db.write() as conn:
        conn.execute("UPDATE sms_challenges SET closed_at=? WHERE id=?", (now, body.challenge))
    limits.numbers.succeeded(row["subject"])
    holder = next(
        (h for h in demo.HOLDERS if hotline.phone_key(central.db, h.id_number) == row["subject"]),
        None,
    )
    if holder is None:  # the demo table changed under a pending code
        raise HTTPException(410, "this code no longer matches anyone: ask for a new one")
    return _identity("sms", holder)
