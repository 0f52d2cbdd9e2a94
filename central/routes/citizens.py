"""Interactive calls a citizen waits for: appointments, tickets, licences, 12345 status."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request

from central import hotline, queueing
from central.catalog import APPOINTMENT_ZONE, Service
from central.context import IDEMPOTENT, POST, Central, CentralDep, TerminalDep, errors
from central.seed import demo
from contract.codes import APPOINTMENT_CODE, TICKET_NUMBER, WORKORDER_NUMBER
from contract.wire import (
    Appointment,
    AppointmentLookup,
    CheckinResult,
    Licences,
    RedeemRequest,
    Ticket,
    TicketPosition,
    TicketRequest,
    WorkOrder,
)

router = APIRouter(prefix="/api/v1", tags=["citizens"])


def _now(central: Central) -> datetime:
    return central.settings.clock().astimezone(UTC)


def _follow_url(central: Central, request: Request, number: str) -> str:
    base = central.settings.public_url or str(request.base_url)
    return f"{base.rstrip('/')}/q/{number}"


def _appointment(row: Any, now: datetime) -> dict[str, Any]:
    if row["checked_in_at"]:
        status = "checked_in"
    elif datetime.fromisoformat(row["slot_end"]) < now:
        status = "expired"
    else:
        status = "booked"
    keys = ("code", "name", "item_id", "service", "site", "site_name", "slot_start", "slot_end")
    return {**{k: row[k] for k in keys}, "status": status, "ticket_number": row["ticket_number"]}


def _strip(value: str, prefix: str) -> str:
    return value.removeprefix(prefix)


@router.post(
    "/appointments:lookup",
    response_model=Appointment,
    responses=errors(*POST, 404),
    summary="Find an appointment by its QR code, or by phone and the 6-digit code",
)
async def lookup_appointment(
    body: AppointmentLookup, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    if body.code is not None:
        row = central.db.one(
            "SELECT * FROM appointments WHERE code=?", (_strip(body.code, "ZWFW-YY:"),)
        )
    else:
        row = central.db.one(
            "SELECT * FROM appointments WHERE phone=? AND code6=? ORDER BY slot_start DESC",
            (body.phone, body.code6),
        )
    if row is None:
        raise HTTPException(404, "no appointment with this code")
    return _appointment(row, _now(central))


@router.post(
    "/appointments/{code}/checkin",
    dependencies=IDEMPOTENT,
    response_model=CheckinResult,
    responses=errors(*POST, 403, 404, 410),
    summary="Check in for an appointment and get its queue ticket",
)
async def checkin(
    code: Annotated[str, Path(pattern=APPOINTMENT_CODE)],
    request: Request,
    central: CentralDep,
    terminal: TerminalDep,
) -> dict[str, Any]:
    now = _now(central)
    with central.db.write() as conn:
        row = conn.execute(
            "SELECT * FROM appointments WHERE code=?", (_strip(code, "ZWFW-YY:"),)
        ).fetchone()
        if row is None:
            raise HTTPException(404, "no appointment with this code")
        if row["site"] != terminal.site:
            raise HTTPException(403, f"this appointment is for {row['site_name']}")
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
    summary="Where a ticket of today is in its queue",
)
async def ticket_position(
    number: Annotated[str, Path(pattern=TICKET_NUMBER)], central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    pos = queueing.position(central.db, number, _now(central))
    if pos is None:
        raise HTTPException(404, f"no ticket {number} today")
    return pos


@router.post(
    "/authorizations:redeem",
    dependencies=IDEMPOTENT,
    response_model=Licences,
    responses=errors(*POST, 404, 410),
    summary="Redeem a 免证办 authorisation token for the citizen's electronic licences",
)
async def redeem(body: RedeemRequest, central: CentralDep, terminal: TerminalDep) -> dict[str, Any]:
    token = _strip(body.token, "ZWFW-SQ:")
    now = _now(central)
    with central.db.write() as conn:
        row = conn.execute("SELECT * FROM authorizations WHERE token=?", (token,)).fetchone()
        if row is None:
            raise HTTPException(404, "unknown authorisation code")
        if row["redeemed_at"]:
            raise HTTPException(410, "this authorisation code has already been used")
        if datetime.fromisoformat(row["valid_until"]) < now:
            raise HTTPException(410, "this authorisation code has expired")
        conn.execute(
            "UPDATE authorizations SET redeemed_at=?, redeemed_by=? WHERE token=?",
            (now.isoformat(), terminal.id, token),
        )
    holder = demo.holder(row["holder_key"])
    return {
        "holder": {"name": holder.name, "id_number": holder.id_number},
        "licences": demo.licences(holder, now.date()),
    }


@router.get(
    "/workorders/{number}",
    response_model=WorkOrder,
    responses=errors(401, 404, 422),
    summary="Progress of a 12345 work order against the hotline's deadlines",
)
async def workorder(
    number: Annotated[str, Path(pattern=WORKORDER_NUMBER)],
    central: CentralDep,
    terminal: TerminalDep,
) -> dict[str, Any]:
    status = hotline.status(central.db, number, _now(central))
    if status is None:
        raise HTTPException(
            404, f"work order {number} is not known yet (it may still be on its way)"
        )
    return status
