"""证明打印: a terminal asks for a proof for the person it identified, then fetches its PDF.

Two steps, so the PDF travels as ``application/pdf`` (no base64 in JSON, nothing large in the
idempotency store) and a lost download is simply fetched again: ``POST /api/v1/proofs`` makes
the proof and answers its description (number, pages, size, sha256, verify URL); ``GET
/api/v1/proofs/{number}`` gives the PDF to the terminal that asked, until ``expires_at``.
The QR code on the proof opens ``/v/{number}``, the public check page (no token: a clerk or a
bank scans it with a phone).
"""

from __future__ import annotations

import html
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request, Response
from fastapi.responses import HTMLResponse

from central import assertions, proofs
from central.context import IDEMPOTENT, POST, CentralDep, TerminalDep, errors
from central.protected import PROOF_PDF
from central.seed import demo
from contract.codes import PROOF_NUMBER
from contract.wire import ProofIssued, ProofRequest

router = APIRouter(prefix="/api/v1", tags=["proofs"])
public_router = APIRouter(include_in_schema=False)


@router.post(
    "/proofs",
    dependencies=IDEMPOTENT,
    status_code=201,
    response_model=ProofIssued,
    responses=errors(*POST, 403, 404, 429),
    summary="Issue a proof (参保证明, 不动产登记查询结果) for the person the terminal identified",
)
async def issue_proof(
    body: ProofRequest, request: Request, central: CentralDep, terminal: TerminalDep
) -> dict[str, Any]:
    # an ID number and a name are guessable: unknown ones count against the terminal and the
    # number, like every other lookup that takes a secret (central/ratelimit.py)
    limiter = central.limiter
    subjects = [
        limiter.terminal(terminal.id, "proofs"),
        limiter.secret("id_number", body.id_number, "ID ****" + body.id_number[-4:]),
    ]
    limiter.guard(subjects)
    now = central.settings.clock().astimezone(UTC)
    # the person must be one this service identified for this terminal (an e-ID it resolved, a
    # texted code it checked): a terminal's "I checked their card" is not enough to hand out
    # someone's papers (central/assertions.py). Counted like a wrong number: a terminal trying
    # assertions is guessing.
    if assertions.check(central.keys, body.assertion, terminal.id, body.id_number, now) is None:
        limiter.failed(terminal.id, subjects)
        raise HTTPException(
            403, "the person was not identified by this service: identify them again"
        )
    person = next((h for h in demo.HOLDERS if h.id_number == body.id_number), None)
    if person is None or person.name != body.name:
        limiter.failed(terminal.id, subjects)
        raise HTTPException(404, "no record of this person")
    limiter.succeeded(subjects)
    base = central.settings.public_url or str(request.base_url)
    try:
        with central.db.write() as conn:
            return proofs.issue(conn, central.keys, body.kind, person, terminal.id, now, base)
    except proofs.NoRecord as exc:
        raise HTTPException(404, str(exc)) from None


@router.get(
    "/proofs/{number}",
    response_class=Response,
    responses={
        200: {"content": {"application/pdf": {}}, "description": "the proof, as issued"},
        **errors(401, 403, 404, 410, 422),
    },
    summary="The PDF of a proof this terminal was issued, until it expires",
)
async def proof_pdf(
    number: Annotated[str, Path(pattern=PROOF_NUMBER)], central: CentralDep, terminal: TerminalDep
) -> Response:
    row = central.db.one(
        "SELECT terminal_id, expires_at, pdf_enc, sha256 FROM proofs WHERE number=?", (number,)
    )
    if row is None:
        raise HTTPException(404, f"no proof {number}")
    if row["terminal_id"] != terminal.id:
        raise HTTPException(403, "this proof was issued to another terminal")
    if datetime.fromisoformat(row["expires_at"]) < central.settings.clock().astimezone(UTC):
        raise HTTPException(410, "this proof can no longer be fetched; ask for a new one")
    return Response(
        central.keys.decrypt(row["pdf_enc"], PROOF_PDF),
        media_type="application/pdf",
        headers={"Cache-Control": "no-store", "ETag": f'"{row["sha256"]}"'},
    )


@public_router.get("/v/{number}")
async def verify(number: str, c: str, central: CentralDep) -> HTMLResponse:
    row = central.db.one(
        "SELECT kind, holder_key, issued_at, check_code FROM proofs WHERE number=?", (number,)
    )
    if row is None or row["check_code"] != c:
        body = "<h1>查无此证明</h1><p>No such proof: it may be forged.</p>"
        status = 404
    else:
        who = demo.holder(row["holder_key"]).name
        masked = who[:1] + "*" * (len(who) - 1)
        body = (
            f"<h1>证明真实有效</h1><p>{html.escape(proofs.PROOF_TITLES[row['kind']])}</p>"
            f"<p>编号 {html.escape(number)}，{html.escape(masked)}，"
            f"出具于 {html.escape(row['issued_at'][:10])}</p>"
        )
        status = 200
    page = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f'<title>证明核验</title></head><body style="font-family:sans-serif">{body}</body></html>'
    )
    return HTMLResponse(page, status_code=status)
