"""Interactive calls a citizen waits for: appointments, tickets, licences, 12345 status.

Every lookup that takes a secret a stranger could guess (a phone and a 6-digit code, a work-order
number and the phone's last digits, an authorisation token) is rate-limited per terminal and per
phone or number (``central.ratelimit``: 429 with Retry-After, lockouts alerted to the fleet), and
answers only within the asking terminal's site; a work order only to the terminal that filed it
or to a citizen who proves the phone on record.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import JSONResponse

from central import hotline, knowledge, protected, queueing
from central.catalog import APPOINTMENT_ZONE, Service
from central.context import IDEMPOTENT, POST, Central, CentralDep, TerminalDep, errors
from central.ratelimit import Subject
from central.seed import demo
from central.terminals import Terminal
from contract.codes import APPOINTMENT_CODE, TICKET_NUMBER, WORKORDER_NUMBER
from contract.wire import (
    Appointment,
    AppointmentLookup,
    CheckinResult,
    Licences,
    RedeemRequest,
    Refusal,
    Ticket,
    TicketPosition,
    TicketRequest,
    WorkOrder,
    WorkOrderLookup,
)

router = APIRouter(prefix="/api/v1", tags=["citizens"])


def _now(central: Central) -> datetime:
    return central.settings.clock().astimezone(UTC)


def _follow_url(central: Central, request: Request, number: str) -> str:
    base = central.settings.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/q/{number}"


def _appointment(central: Central, row: Any, now: datetime) -> dict[str, Any]:
    if row["checked_in_at"]:
        status = "checked_in"
    elif datetime.fromisoformat(row["slot_end"]) < now:
        status = "expired"
    else:
        status = "booked"
    keys = ("code", "item_id", "service", "site", "site_name", "slot_start", "slot_end")
    return {
        **{k: row[k] for k in keys},
        "name": protected.appointment_name(central.keys, row),
        "status": status,
        "ticket_number": row["ticket_number"],
    }


def _other_site(row: Any) -> JSONResponse:
    """Another site's appointment: where to go, and nothing about the person."""
    refusal = Refusal(
        detail=f"this appointment is for {row['site_name']}", site_name=row["site_name"]
    )
    return JSONResponse(refusal.model_dump(), status_code=403)


def _strip(value: str, prefix: str) -> str:
    return value.removeprefix(prefix)


def _refused_site() -> dict[int | str, dict[str, Any]]:
    return {403: {"model": Refusal, "description": "another site's appointment (where to go)"}}


@router.post(
    "/appointments:lookup",
    response_model=Appointment,
    responses={**errors(*POST, 404, 429), **_refused_site()},
    summary="Find an appointment by its QR code, or by phone and the 6-digit code",
)
async def lookup_appointment(
    body: AppointmentLookup, central: CentralDep, terminal: TerminalDep
) -> Any:
    limiter = central.limiter
    subjects: list[Subject] = [limiter.terminal(terminal.id, "appointments")]
    if body.code is not None:
        limiter.guard(subjects)
        row = central.db.one(
            "SELECT * FROM appointments WHERE code=?", (_strip(body.code, "ZWFW-YY:"),)
        )
    else:
        assert body.phone is not None and body.code6 is not None
        subjects.append(limiter.secret("phone", body.phone, "phone ******" + body.phone[-4:]))
        limiter.guard(subjects)
        row = central.db.one(
            "SELECT * FROM appointments WHERE phone_hash=? AND code6_hash=?"
            " ORDER BY slot_start DESC",
            (protected.phone_hash(central.keys, body.phone),
             protected.code6_hash(central.keys, body.phone, body.code6)),
        )  # fmt: skip
    if row is None:
        limiter.failed(terminal.id, subjects)
        raise HTTPException(404, "no appointment with this code")
    limiter.succeeded(subjects)
    if row["site"] != terminal.site:
        return _other_site(row)
    return _appointment(central, row, _now(central))


@router.post(
    "/appointments/{code}/checkin",
    dependencies=IDEMPOTENT,
    response_model=CheckinResult,
    responses={**errors(*POST, 404, 410, 429), **_refused_site()},
    summary="Check in for an appointment and get its queue ticket",
)
async def checkin(
    code: Annotated[str, Path(pattern=APPOINTMENT_CODE)],
    request: Request,
    central: CentralDep,
    terminal: TerminalDep,
) -> Any:
    now = _now(central)
    subjects = [central.limiter.terminal(terminal.id, "appointments")]
    central.limiter.guard(subjects)
    row = central.db.one("SELECT * FROM appointments WHERE code=?", (_strip(code, "ZWFW-YY:"),))
    if row is None:
        central.limiter.failed(terminal.id, subjects)
        raise HTTPException(404, "no appointment with this code")
    if row["site"] != terminal.site:
        return _other_site(row)
    with central.db.write() as conn:
        # A no-op update locks the row on PostgreSQL (another central process checking the same
        # code in waits, then reads it checked in); SQLite's writer lock already does.
        conn.execute("UPDATE appointments SET code=code WHERE code=?", (row["code"],))
        row = conn.execute("SELECT * FROM appointments WHERE code=?", (row["code"],)).fetchone()
        if row["checked_in_at"]:
            raise HTTPException(409, "this appointment is already checked in")
        if datetime.fromisoformat(row["slot_end"]) < now:
            raise HTTPException(410, "this appointment has expired")
        item = central.catalog.service_for_item(row["item_id"])
        window = item.window if item else "综合受理窗口"
        service = Service(row["item_id"], row["service"], window, APPOINTMENT_ZONE)
        ticket = queueing.issue(conn, service, APPOINTMENT_ZONE, terminal.id, now, row["code"])
        conn.execute(
            "UPDATE appointments SET checked_in_at=?, ticket_number=? WHERE code=?",
            (now.isoformat(), ticket["number"], row["code"]),
        )
    ticket["follow_url"] = _follow_url(central, request, ticket["number"])
    return {"ticket": ticket}


@router.post(
    "/tickets",
    dependencies=IDEMPOTENT,
    response_model=Ticket,
    responses=errors(*POST, 404),
    summary="Issue a walk-in queue ticket for a category or a service item",
)
async def issue_ticket(
    body: TicketRequest, request: Request, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    if body.item_id is not None:
        service = central.catalog.service_for_item(body.item_id)
        if service is None:
            raise HTTPException(404, f"no service item {body.item_id!r} in the catalog")
    else:
        assert body.category is not None
        service = central.catalog.categories.get(body.category)
        if service is None:
            raise HTTPException(404, f"no category {body.category!r} in the catalog")
    with central.db.write() as conn:
        ticket = queueing.issue(conn, service, service.zone, terminal.id, _now(central))
    ticket["follow_url"] = _follow_url(central, request, ticket["number"])
    return ticket


@router.get(
    "/tickets/{number}",
    response_model=TicketPosition,
    responses=errors(401, 404, 422),
    summary="Where a ticket of today is in its queue (tickets of this terminal's site)",
)
async def ticket_position(
    number: Annotated[str, Path(pattern=TICKET_NUMBER)], central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    pos = queueing.position(central.db, number, _now(central), site=terminal.site)
    if pos is None:
        raise HTTPException(404, f"no ticket {number} today")
    return pos


@router.post(
    "/authorizations:redeem",
    dependencies=IDEMPOTENT,
    response_model=Licences,
    responses=errors(*POST, 404, 410, 429),
    summary="Redeem a 免证办 authorisation token for the citizen's electronic licences",
)
async def redeem(body: RedeemRequest, central: CentralDep, terminal: TerminalDep) -> dict[str, Any]:
    digest = protected.token_sha256(_strip(body.token, "ZWFW-SQ:"))
    now = _now(central)
    subjects = [central.limiter.terminal(terminal.id, "authorizations")]
    central.limiter.guard(subjects)
    row = central.db.one("SELECT 1 FROM authorizations WHERE token_sha256=?", (digest,))
    if row is None:
        central.limiter.failed(terminal.id, subjects)
        raise HTTPException(404, "unknown authorisation code")
    with central.db.write() as conn:
        # Locks the row across processes (see check_in): a code is redeemed once.
        conn.execute(
            "UPDATE authorizations SET token_sha256=token_sha256 WHERE token_sha256=?", (digest,)
        )
        row = conn.execute(
            "SELECT * FROM authorizations WHERE token_sha256=?", (digest,)
        ).fetchone()
        if row["redeemed_at"]:
            raise HTTPException(410, "this authorisation code has already been used")
        if datetime.fromisoformat(row["valid_until"]) < now:
            raise HTTPException(410, "this authorisation code has expired")
        conn.execute(
            "UPDATE authorizations SET redeemed_at=?, redeemed_by=? WHERE token_sha256=?",
            (now.isoformat(), terminal.id, digest),
        )
    holder = demo.holder(row["holder_key"])
    return {
        "holder": {"name": holder.name, "id_number": holder.id_number},
        "licences": demo.licences(holder, now.date()),
    }


def _workorder(
    central: Central, terminal: Terminal, number: str, phone_last4: str | None
) -> dict[str, Any]:
    limiter = central.limiter
    subjects = [limiter.terminal(terminal.id, "workorders")]
    if phone_last4 is not None:
        subjects.append(limiter.secret("workorder", number, f"work order {number[:9]}…"))
    limiter.guard(subjects)
    status = None
    if hotline.readable(central.db, central.keys, number, terminal, phone_last4):
        tiers = knowledge.tiers(central.settings.config_dir)
        status = hotline.status(central.db, number, _now(central), tiers)
    if status is None:
        limiter.failed(terminal.id, subjects)
        raise HTTPException(
            404, f"work order {number} is not known yet (it may still be on its way)"
        )
    limiter.succeeded(subjects)
    return status


@router.get(
    "/workorders/{number}",
    response_model=WorkOrder,
    responses=errors(401, 404, 422, 429),
    summary="Progress of a 12345 work order filed by this terminal",
)
async def workorder(
    number: Annotated[str, Path(pattern=WORKORDER_NUMBER)],
    central: CentralDep,
    terminal: TerminalDep,
) -> dict[str, Any]:
    return _workorder(central, terminal, number, None)


@router.post(
    "/workorders:lookup",
    response_model=WorkOrder,
    responses=errors(*POST, 404, 429),
    summary="Progress of a 12345 work order filed elsewhere, for the citizen who knows the "
    "last 4 digits of its phone",
)
async def workorder_lookup(
    body: WorkOrderLookup, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    return _workorder(central, terminal, body.number, body.phone_last4)
