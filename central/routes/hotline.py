"""12345 before filing: the knowledge base and the classification the terminal pulls (ETag), and
the repeat-request check (``POST /api/v1/workorders:match``).

The check applies the same grouping rule as filing (``central.hotline.find_group``; the rule is
in central/README.md) and says what the new request would join. The phone is a secret a stranger
could type, so a match by the same caller (一人多次) tells only that there is an open request on
this matter, when it was opened and the last 4 digits of its number, never the count of that
person's requests; a match by matter and place (一事多人) tells the order and how many joined.
The terminal's own check is rate-limited like every lookup (``central.ratelimit``).
"""

from __future__ import annotations

from datetime import UTC
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Response

from central import hotline, knowledge, protected
from central.catalog import etag_matches
from central.context import POST, Central, CentralDep, TerminalDep, errors
from contract.hotline import Classification, KnowledgeBase, RepeatCheck, RepeatMatch

router = APIRouter(prefix="/api/v1", tags=["hotline"])
IfNoneMatch = Annotated[str | None, Header(alias="If-None-Match", max_length=2000)]


def _docs(central: Central) -> knowledge.Hotline:
    try:
        return knowledge.load(central.settings.config_dir)
    except knowledge.KnowledgeError as exc:
        raise HTTPException(404, f"this service publishes no 12345 knowledge base: {exc}") from None


def _cached(pub: knowledge.Published, if_none_match: str | None) -> Response:
    headers = {"ETag": pub.etag, "Cache-Control": "no-cache"}
    if etag_matches(if_none_match, pub.etag):
        return Response(status_code=304, headers=headers)
    return Response(pub.body, media_type="application/json", headers=headers)


@router.get(
    "/hotline/kb",
    response_model=KnowledgeBase,
    responses={304: {"description": "not modified since the ETag given"}, **errors(401, 404, 422)},
    summary="The 12345 knowledge base shown before filing (ETag / If-None-Match)",
)
async def get_kb(
    central: CentralDep, terminal: TerminalDep, if_none_match: IfNoneMatch = None
) -> Response:
    return _cached(_docs(central).kb, if_none_match)


@router.get(
    "/hotline/classification",
    response_model=Classification,
    responses={304: {"description": "not modified since the ETag given"}, **errors(401, 404, 422)},
    summary="The tree of 12345 matters, their deadline tiers and the visitors' place types",
)
async def get_classification(
    central: CentralDep, terminal: TerminalDep, if_none_match: IfNoneMatch = None
) -> Response:
    return _cached(_docs(central).classification, if_none_match)


@router.post(
    "/workorders:match",
    response_model=RepeatMatch,
    responses=errors(*POST, 429),
    summary="Would this request join an open work order (same caller or same matter and place)?",
)
async def match(body: RepeatCheck, central: CentralDep, terminal: TerminalDep) -> dict[str, Any]:
    docs = _docs(central)
    if docs.matter(body.category) is None:
        raise HTTPException(422, f"{body.category} is not a matter of the classification")
    limiter = central.limiter
    subjects = [limiter.terminal(terminal.id, "workorders")]
    limiter.guard(subjects)
    keys = central.keys
    place = hotline.place_key(body.place)
    now = central.settings.clock().astimezone(UTC)
    found = hotline.find_group(
        central.db,
        body.category,
        protected.phone_hash(keys, body.phone),
        protected.place_hash(keys, place) if place else None,
        now,
    )
    tier = docs.tier(body.category)
    if found is None:
        return {"number": None, "reason": None, "filed_at": None, "people": 0, "tier": tier}
    number, reason, opened = found
    if reason == "same_caller":  # the caller's own: not how often, not the full number
        return {"number": number[-4:], "reason": reason, "filed_at": opened, "people": 0,
                "tier": tier}  # fmt: skip
    return {
        "number": number,
        "reason": reason,
        "filed_at": opened,
        "people": hotline.people(central.db, number),
        "tier": tier,
    }
