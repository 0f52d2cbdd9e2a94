"""用水用气报装 and 就近办 routes: published documents (ETag), survey slots with holds, and the
application endpoint (Idempotency-Key). The rules live in ``central.utility``."""

from __future__ import annotations

import hashlib
import html
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Header, HTTPException, Query, Request, Response
from fastapi import Path as PathParam
from fastapi.responses import HTMLResponse

from central import utility
from central.catalog import etag_matches
from central.context import IDEMPOTENT, POST, Central, CentralDep, TerminalDep, errors
from central.uploads import body_chunks
from contract.utility import (
    UPLOAD_REF,
    AddressList,
    ApplicationReceipt,
    ServicePoints,
    SlotHold,
    SlotHoldRequest,
    SurveySlots,
    UploadRequest,
    UploadStatus,
    UploadTicket,
    UtilityApplication,
    UtilityForms,
)

router = APIRouter(prefix="/api/v1", tags=["utility"])
public_router = APIRouter(include_in_schema=False)  # the phone's upload page: no token
IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match", max_length=2000)]
_CACHED: dict[int | str, dict[str, Any]] = {
    304: {"description": "not modified since the ETag given"},
    **errors(401, 422),
}


T = TypeVar("T")


def _in_tx(central: Central, fn: Callable[..., T], *args: Any) -> T:
    """``fn(conn, *args)`` in one transaction: either backend's connection (central.db), never
    SQLite's own handle, so these routes run on PostgreSQL too."""
    with central.db.write() as conn:
        return fn(conn, *args)


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
    slots = _in_tx(central, utility.list_slots, utility_, central.now())
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


@router.post(
    "/utility/uploads",
    dependencies=IDEMPOTENT,
    status_code=201,
    response_model=UploadTicket,
    responses=errors(*POST),
    summary="报装: a one-off page for a photo of the property proof from the citizen's phone",
)
async def new_upload(
    body: UploadRequest, request: Request, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    base = central.settings.public_url or str(request.base_url)
    with central.db.write() as conn:
        return utility.new_upload(conn, terminal.id, central.now(), base)


@router.get(
    "/utility/uploads/{ref}",
    response_model=UploadStatus,
    responses=errors(401, 404, 422),
    summary="报装: whether the photo from the phone has arrived",
)
async def upload_state(
    ref: Annotated[str, PathParam(pattern=UPLOAD_REF)], central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    found = _in_tx(central, utility.upload_status, ref, terminal.id, central.now())
    if found is None:
        raise HTTPException(404, "no such upload from this terminal")
    return found


_PAGE = """<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>上传产权证明</title></head>
<body style="font-family:sans-serif;padding:1em;font-size:18px">
<h1>上传不动产权证照片</h1><p>Upload a photo of your property certificate.</p>
<input id="f" type="file" accept="image/*" capture="environment">
<p id="s"></p>
<script>
document.getElementById("f").onchange = async (e) => {
  const file = e.target.files[0]; if (!file) return;
  const s = document.getElementById("s"); s.textContent = "正在上传… Uploading…";
  const r = await fetch(location.href, {method: "PUT", body: file,
    headers: {"Content-Type": file.type || "image/jpeg"}});
  s.textContent = r.ok ? "已收到，请回到自助终端继续。Received: go back to the terminal."
                       : "上传失败，请重试。Upload failed, please try again.";
};
</script></body></html>"""


@public_router.get("/u/{ref}")
async def upload_page(ref: str, c: str, central: CentralDep) -> HTMLResponse:
    if not _in_tx(central, utility.upload_open, ref, c, central.now()):
        body = "<h1>链接已失效</h1><p>This link has expired or was used.</p>"
        return HTMLResponse(f'<!doctype html><meta charset="utf-8">{body}', status_code=404)
    return HTMLResponse(_PAGE, headers={"Cache-Control": "no-store"})


@public_router.put("/u/{ref}", max_body_size=utility.MAX_PHOTO_BYTES)
async def upload_photo(ref: str, c: str, request: Request, central: CentralDep) -> Response:
    """The photo, as the phone's page sends it (raw bytes, an image type, ≤ 10 MiB)."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in utility.PHOTO_TYPES:
        raise HTTPException(415, "send a photo (JPEG, PNG, HEIC or WebP)")
    now = central.now()
    if not _in_tx(central, utility.upload_open, ref, c, now):
        raise HTTPException(404, "this link has expired or was used")
    data = b""
    async for chunk in body_chunks(request, utility.MAX_PHOTO_BYTES, "photo"):
        data += chunk
    if not data:
        raise HTTPException(422, "empty photo")
    sha = hashlib.sha256(data).hexdigest()
    path = central.settings.resolved_blobs_dir / sha[:2] / sha
    path.parent.mkdir(parents=True, exist_ok=True)
    if not path.is_file():
        tmp = path.with_name(f".{sha}.{ref}.part")
        tmp.write_bytes(data)
        tmp.replace(path)
    row = central.db.one("SELECT terminal_id FROM utility_uploads WHERE ref=?", (ref,))
    terminal_id = str(row["terminal_id"]) if row is not None else ""
    with central.db.write() as conn:
        utility.upload_received(conn, ref, sha, len(data), terminal_id, now)
    return HTMLResponse(f"<p>{html.escape('received')}</p>", status_code=201)
