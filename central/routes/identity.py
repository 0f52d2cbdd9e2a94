"""Identity without the card (身份核验): the 电子身份证 / 网证 QR, and a typed ID number checked
by a code texted to the phone on record.

The reference service simulates the national platform and the SMS gateway. An e-ID code is
resolved against the demo table (``central.seed.demo.EID_CODES``); a texted code is not sent
anywhere: the "gateway" logs the message with phone and code masked and keeps it for an hour in
``sms_outbox`` (encrypted), where the demo and the tests read it as the citizen would on their
phone (``CentralReader.sms_messages``). Codes are stored only as keyed hashes, the ID number a
code was sent for encrypted (``central.protected``). Outside demo mode the reference knows no
one: every e-ID code and every number is unknown.

Both take a secret that can be guessed (a code) or reveal something (whether an ID number has a
phone on record), so both go through the service's rate limiter (``central.ratelimit``):
failures count against the terminal that asked and against the ID number asked about, and lock
them with doubling waits (429 with Retry-After, an alert the fleet sees). A texted code also
allows five wrong tries, lives five minutes, and the same number gets at most one text a minute
and five an hour.
"""

from __future__ import annotations

import logging
import math
import secrets
from typing import Any

from fastapi import APIRouter, HTTPException

from central import assertions
from central.context import IDEMPOTENT, POST, Central, CentralDep, TerminalDep, errors
from central.protected import SMS_CODE, SMS_ID, SMS_TEXT
from central.ratelimit import Subject
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


def _too_many(wait: float, what: str) -> HTTPException:
    seconds = max(1, math.ceil(wait))
    return HTTPException(
        429,
        f"{what}: try again in {seconds} s, or ask at the service desk",
        headers={"Retry-After": str(seconds)},
    )


def _number_subject(central: Central, number: str) -> Subject:
    return central.limiter.secret("id_number", number, f"ID number {number[:6]}********")


def _holder(central: Central, number: str) -> demo.DemoHolder | None:
    """The person on record for a number (the demo people, in demo mode only)."""
    return demo.holder_by_id_number(number) if central.settings.demo else None


def _masked_phone(phone: str) -> str:
    """The wire form of ``SmsChallenge.phone_masked``: 139****1111."""
    return f"{phone[:3]}****{phone[-4:]}"


def _identity(
    central: Central, terminal_id: str, method: str, holder: demo.DemoHolder
) -> dict[str, Any]:
    """The person, with this service's assertion that it checked them (central/assertions.py):
    what a call that hands out their papers asks for, instead of the terminal's word."""
    assertion = assertions.issue(central.keys, terminal_id, holder.id_number, method, central.now())
    return {
        "method": method,
        "name": holder.name,
        "id_number": holder.id_number,
        "assertion": assertion,
    }


@router.post(
    "/eid:resolve",
    response_model=VerifiedIdentity,
    responses=errors(*POST, 404, 410, 429),
    summary="Resolve a 电子身份证 / 网证 QR shown on a phone to the person it stands for",
)
async def resolve_eid(
    body: EidResolve, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    subjects = [central.limiter.terminal(terminal.id, "eid")]
    central.limiter.guard(subjects)
    entry = demo.EID_CODES.get(body.code) if central.settings.demo else None
    if entry is None:
        central.limiter.failed(terminal.id, subjects)
        raise HTTPException(404, "the platform does not know this code")
    holder_key, state = entry
    if state != "valid":
        raise HTTPException(410, "this code has expired: refresh it in the app and show it again")
    return _identity(central, terminal.id, "eid", demo.holder(holder_key))


@router.post(
    "/sms-codes",
    status_code=201,
    dependencies=IDEMPOTENT,
    response_model=SmsChallenge,
    responses=errors(*POST, 404, 429),
    summary="Text a one-time code to the phone on record for a typed ID number",
)
async def send_sms_code(
    body: SmsCodeRequest, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    number = body.id_number.upper()
    if not id_number_valid(number):
        raise HTTPException(422, "the ID number's check character is wrong")
    now = central.now().timestamp()
    by_number = _number_subject(central, number)
    subjects = [central.limiter.terminal(terminal.id, "sms"), by_number]
    central.limiter.guard(subjects)
    holder = _holder(central, number)
    if holder is None:
        # counted: a terminal asking about many numbers is looking for who has a phone here
        central.limiter.failed(terminal.id, subjects)
        raise HTTPException(404, "no phone number on record for this ID number")
    recent = central.db.all(
        "SELECT created_at FROM sms_challenges WHERE subject=? AND created_at>?"
        " ORDER BY created_at DESC",
        (by_number.key, now - 3600),
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
            "INSERT INTO sms_challenges (id, subject, id_enc, code_hash, terminal_id, created_at,"
            " expires_at) VALUES (?,?,?,?,?,?,?)",
            (challenge, by_number.key, central.keys.encrypt_text(number, SMS_ID),
             _code_hash(central, challenge, code), terminal.id, now, now + CODE_TTL_S),
        )  # fmt: skip
        conn.execute(
            "INSERT INTO sms_outbox (challenge, phone_masked, text_enc, sent_at) VALUES (?,?,?,?)",
            (challenge, masked, central.keys.encrypt_text(_message(code), SMS_TEXT), now),
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
    return central.keys.hash(f"{challenge}:{code}", SMS_CODE)


@router.post(
    "/sms-codes:verify",
    response_model=VerifiedIdentity,
    responses=errors(*POST, 403, 404, 410, 429),
    summary="Check the texted code; the person on record when it is right",
)
async def verify_sms_code(
    body: SmsCodeCheck, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    now = central.now().timestamp()
    row = central.db.one(
        "SELECT * FROM sms_challenges WHERE id=? AND terminal_id=?", (body.challenge, terminal.id)
    )
    if row is None:
        raise HTTPException(404, "no such code was sent from this terminal")
    number = central.keys.decrypt_text(row["id_enc"], SMS_ID)
    subjects = [central.limiter.terminal(terminal.id, "sms"), _number_subject(central, number)]
    central.limiter.guard(subjects)
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
        central.limiter.failed(terminal.id, subjects)
        if wrong >= WRONG_PER_CODE:
            raise HTTPException(410, "too many wrong codes: ask for a new one")
        raise HTTPException(403, f"wrong code: {WRONG_PER_CODE - wrong} tries left")
    with central.db.write() as conn:
        conn.execute("UPDATE sms_challenges SET closed_at=? WHERE id=?", (now, body.challenge))
    central.limiter.succeeded(subjects)
    holder = _holder(central, number)
    if holder is None:  # the demo table changed under a pending code
        raise HTTPException(410, "this code no longer matches anyone: ask for a new one")
    return _identity(central, terminal.id, "sms", holder)
