"""好差评: the published 差评 reasons, whether a case was rated, and the operators' follow-ups.

A terminal asks ``/cases/{case_id}/rating`` before offering the five levels, so a case already
rated says so (one rating per case, central.ratings); the answer reveals only that it was rated,
how and when, nothing about who, and only for a rating given within the asking terminal's site.
``/ratings/reasons`` is the list a citizen picks from for a 差评 (contract.ratings.DEFAULT_REASONS,
after GB/T 39734-2020's annex) with the rectification window. The follow-up list is the
operators' (an operator token, central/operators.py, never a terminal's): each 差评 with its
reasons, text, deadline and state.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from central import ratings
from central.context import CentralDep, TerminalDep, errors
from central.operators import OperatorDep
from contract.ratings import (
    DEFAULT_REASONS,
    Followup,
    Followups,
    FollowupState,
    FollowupUpdate,
    RatingReasons,
    RatingStatus,
)

router = APIRouter(prefix="/api/v1", tags=["ratings"])
admin_router = APIRouter(prefix="/api/v1/admin", tags=["admin: ratings"])


@router.get(
    "/ratings/reasons",
    response_model=RatingReasons,
    responses=errors(401),
    summary="The 差评 reasons a citizen picks from, and the follow-up window in working days",
)
async def reasons(central: CentralDep, terminal: TerminalDep) -> RatingReasons:
    return RatingReasons(
        reasons=list(DEFAULT_REASONS),
        followup_working_days=central.settings.rating_followup_working_days,
    )


@router.get(
    "/cases/{case_id}/rating",
    response_model=RatingStatus,
    responses=errors(401, 422, 429),
    summary="Whether a case (办件编号) was rated already: one rating per case",
)
async def rating_status(
    case_id: Annotated[str, Path(min_length=1, max_length=64)],
    central: CentralDep,
    terminal: TerminalDep,
) -> RatingStatus:
    # on the terminal's lookup allowance like every lookup by a number (central.ratelimit): a
    # terminal locked out for guessing is locked out here too
    subjects = [central.limiter.terminal(terminal.id, "rating_status")]
    central.limiter.guard(subjects)
    found = ratings.status(central.db, case_id, central.now(), terminal.site)
    return RatingStatus.model_validate(found)


@admin_router.get(
    "/ratings/followups",
    response_model=Followups,
    responses=errors(401, 422),
    summary="The 差评 follow-up list (operators): reasons, text, deadline, state",
)
async def followups(
    central: CentralDep,
    operator: OperatorDep,
    state: Annotated[FollowupState | None, Query()] = None,
) -> Followups:
    rows = ratings.followups(central.db, central.keys, central.now(), state)
    return Followups.model_validate({"followups": rows})


@admin_router.post(
    "/ratings/followups/{case_id}",
    response_model=Followup,
    # a JSON body: malformed (400), too large (413) or not JSON (415) like any other
    responses=errors(400, 401, 404, 413, 415, 422),
    summary="Move a 差评's follow-up on (in_progress, rectified, closed)",
)
async def update_followup(
    case_id: Annotated[str, Path(min_length=1, max_length=80)],
    body: FollowupUpdate,
    central: CentralDep,
    operator: OperatorDep,
) -> Followup:
    if not ratings.set_state(central.db, case_id, body.state, central.now()):
        raise HTTPException(404, f"no follow-up for case {case_id}")
    [row] = ratings.followups(central.db, central.keys, central.now(), case_id=case_id)
    return Followup.model_validate(row)
