"""What the terminal pulls with ETags: the catalog and its own signed config."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Response

from central import console
from central.catalog import etag_matches
from central.context import CentralDep, TerminalDep, errors
from contract.signing import canonical
from contract.wire import Catalog, TerminalConfigPush

router = APIRouter(prefix="/api/v1", tags=["pulls"])
IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match", max_length=2000)]


def _cached(body: bytes, etag: str, if_none_match: str | None) -> Response:
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, etag):
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


@router.get(
    "/catalog",
    response_model=Catalog,
    responses={304: {"description": "not modified since the ETag given"}, **errors(401, 422)},
    summary="The service catalog (ETag / If-None-Match)",
)
async def get_catalog(
    central: CentralDep, terminal: TerminalDep, if_none_match: IfNoneMatch = None
) -> Response:
    return _cached(central.catalog.body, central.catalog.etag, if_none_match)


@router.get(
    "/terminals/{terminal_id}/config",
    response_model=TerminalConfigPush,
    responses={304: {"description": "not modified since the ETag given"}, **errors(401, 403, 422)},
    summary="This terminal's signed config push (ETag / If-None-Match)",
)
async def get_config(
    terminal_id: str, central: CentralDep, terminal: TerminalDep, if_none_match: IfNoneMatch = None
) -> Response:
    if terminal_id != terminal.id:
        raise HTTPException(403, "a terminal may only read its own config")
    row = central.db.one(
        "SELECT config_json, config_version FROM terminals WHERE id=?", (terminal.id,)
    )
    assert row is not None  # the token was just resolved to this terminal
    # what the fleet console shows as "taken up" (a 304 confirms the version it has)
    console.note_fetched(central.db, terminal.id, int(row["config_version"]), central.now())
    doc = {
        "terminal_id": terminal.id,
        "version": row["config_version"],
        "config": json.loads(row["config_json"]),
    }
    push = {
        **doc,
        "key_id": central.signer.key_id,
        "public_key": central.signer.public_key_b64,
        "signature": central.signer.sign(doc),
    }
    body = json.dumps(push, ensure_ascii=False).encode()
    etag = '"' + hashlib.sha256(canonical(push)).hexdigest()[:32] + '"'
    return _cached(body, etag, if_none_match)
