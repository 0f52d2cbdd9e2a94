"""用水用气报装 and 就近办 routes: published documents (ETag), survey slots with holds, and the
application endpoint (Idempotency-Key). The rules live in ``central.utility``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Query, Response

from central import utility
from central.catalog import etag_matches
from central.context import IDEMPOTENT, POST, Central, CentralDep, TerminalDep, errors
from contract.utility import (
    AddressList,
    ApplicationReceipt,
    ServicePoints,
    SlotHold,
    SlotHoldRequest,
    SurveySlots,
    UtilityApplication,
    UtilityForms,
)

router = APIRouter(prefix="/api/v1", tags=["utility"])
IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match", max_length=2000)]
_CACHED: dict[int | str, dict[str, Any]] = {
    304: {"description": "not modified since the ETag given"},
    **errors(401, 422),
}


@cache
def _forms(config_dir: Path) -> tuple[utility.Published, dict[tuple[str, int], dict[str, Any]]]:
    return utility.load_forms(config_dir)


def forms(central: Central) -> tuple[utility.Published, dict[tuple[str, int], dict[str, Any]]]:
    """The published form definitions (read once per config directory)."""
    return _forms(central.settings.config_dir)


def _send(doc: utility.Published, if_none_match: str | None) -> Response:
    headers = {"ETag": doc.etag, "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, doc.etag):
        return Response(status_code=304, headers=headers)
    return Response(doc.body, media_type="application/json", headers=headers)


@router.get(
    "/utility/forms",
    response_model=UtilityForms,
    responses=_CACHED,
    summary="报装: the form definition of each application type (newest versions)",
)
async def get_forms(
    central: CentralDep, terminal: TerminalDep, if_none_match: IfNoneMatch = None
) -> Response:
    return _send(forms(central)[0], if_none_match)


@router.get(
    "/utility/addresses",
    response_model=AddressList,
    responses=_CACHED,
    summary="报装: the county's address list",
)
async def get_addresses(
    central: CentralDep, terminal: TerminalDep, if_none_match: IfNoneMatch = None
) -> Response:
    return _send(utility.addresses(), if_none_match)


@router.get(
    "/service-points",
    response_model=ServicePoints,
    responses=_CACHED,
    summary="就近办: the county's service points, hours and what each handles",
)
async def get_points(
    central: CentralDep, terminal: TerminalDep, if_none_match: IfNoneMatch = None
) -> Response:
    ids = [str(r["id"]) for r in central.db.all("SELECT id FROM terminals", ())]
    return _send(utility.service_points(central.catalog.items, ids), if_none_match)


@router.get(
    "/utility/slots",
    response_model=SurveySlots,
    responses=errors(401, 422),
    summary="远程踏勘: the coming week's survey slots of a utility, with places left",
)
async def get_slots(
    central: CentralDep,
    terminal: TerminalDep,
    utility_: Annotated[str, Query(alias="utility", pattern="^(water|gas)$")],
) -> dict[str, Any]:
    slots = utility.list_slots(central.db.conn, utility_, central.now())
    return {"utility": utility_, "slots": slots}


@router.post(
    "/utility/slots:hold",
    dependencies=IDEMPOTENT,
    status_code=201,
    response_model=SlotHold,
    responses=errors(*POST, 404),
    summary="远程踏勘: hold a place in a slot while the citizen fills the form (30 min)",
)
async def hold_slot(
    body: SlotHoldRequest, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    try:
        with central.db.write() as conn:
            return utility.hold(conn, body.slot_id, terminal.id, central.now())
    except LookupError as exc:
        raise HTTPException(404, str(exc)) from None
    except utility.Refused as exc:
        raise HTTPException(409, str(exc)) from None


@router.delete(
    "/utility/holds/{hold_id}",
    status_code=204,
    responses=errors(401, 404, 422),
    summary="远程踏勘: release a held slot (the session was reset)",
)
async def release_hold(hold_id: str, central: CentralDep, terminal: TerminalDep) -> Response:
    with central.db.write() as conn:
        if not utility.release(conn, hold_id, terminal.id):
            raise HTTPException(404, "no such hold from this terminal (expired, or booked)")
    return Response(status_code=204)


@router.post(
    "/utility/applications",
    dependencies=IDEMPOTENT,
    status_code=201,
    response_model=ApplicationReceipt,
    responses=errors(*POST),
    summary="报装: take an application (the outbox sends the same body as utility.applied)",
)
async def apply(
    body: UtilityApplication, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    try:
        with central.db.write() as conn:
            return utility.create(
                conn,
                central.keys,
                body,
                forms(central)[1],
                terminal.id,
                central.now(),
                demo=central.settings.demo,
            )
    except utility.Refused as exc:
        raise HTTPException(409 if "already received" in str(exc) else 422, str(exc)) from None
