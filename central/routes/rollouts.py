"""The operators' HTTP API for software updates: announce a release, start a staged roll-out,
halt it, move it on, see who runs what. The same as ``python -m central.admin release …``.

Authenticated with an operator token (central/operators.py), never a terminal's.
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from fastapi import APIRouter, HTTPException, Request

from central import updates
from central.context import POST, CentralDep, errors
from central.operators import OperatorDep
from central.uploads import body_chunks
from contract.updates import (
    FleetVersion,
    HaltRequest,
    ReleaseRecord,
    Rollout,
    RolloutRequest,
)
from contract.versions import VERSION

router = APIRouter(prefix="/api/v1/fleet", tags=["fleet: software updates"])
MAX_RELEASE_BYTES = 4 << 30


def _found(doc: dict[str, Any] | None, version: str) -> Rollout:
    if doc is None:
        raise HTTPException(404, f"release {version} has no roll-out")
    return Rollout.model_validate(doc)


@router.get("/releases", response_model=list[ReleaseRecord], responses=errors(401))
async def list_releases(central: CentralDep, operator: OperatorDep) -> list[ReleaseRecord]:
    return [ReleaseRecord.model_validate(r) for r in updates.releases(central.db)]


@router.post(
    "/releases",
    status_code=201,
    response_model=ReleaseRecord,
    responses=errors(*POST),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
    summary="Announce a release: upload the artifact the county signed",
    max_body_size=MAX_RELEASE_BYTES,
)
async def announce(request: Request, central: CentralDep, operator: OperatorDep) -> ReleaseRecord:
    store = central.settings.resolved_releases_dir
    store.mkdir(parents=True, exist_ok=True)
    tmp = store / f".upload-{secrets.token_hex(6)}.part"
    try:
        with tmp.open("wb") as fh:  # streamed to disk: a release is hundreds of megabytes
            async for chunk in body_chunks(request, MAX_RELEASE_BYTES, "a release"):
                fh.write(chunk)
        try:
            row = updates.announce(central.db, store, tmp, central.now(), move=True)
        except updates.UpdateError as exc:
            already = "already announced" in str(exc)
            raise HTTPException(409 if already else 422, str(exc)) from None
    finally:
        tmp.unlink(missing_ok=True)
    return ReleaseRecord.model_validate(row)


@router.get("/rollouts", response_model=list[Rollout], responses=errors(401))
async def list_rollouts(central: CentralDep, operator: OperatorDep) -> list[Rollout]:
    return [Rollout.model_validate(r) for r in updates.rollouts(central.db, central.now())]


@router.post(
    "/rollouts",
    status_code=201,
    response_model=Rollout,
    responses=errors(*POST),
    summary="Start a staged roll-out: the stages named first, then the rest of the fleet",
)
async def start(body: RolloutRequest, central: CentralDep, operator: OperatorDep) -> Rollout:
    try:
        updates.start_rollout(central.db, body.version, body.stages, body.soak_s, central.now())
    except updates.UpdateError as exc:
        raise HTTPException(409 if "already" in str(exc) else 422, str(exc)) from None
    return _found(updates.rollout(central.db, body.version, central.now()), body.version)


def _version(version: str) -> str:
    if not re.match(VERSION, version):
        raise HTTPException(422, f"{version!r} is not a release version")
    return version


@router.get("/rollouts/{version}", response_model=Rollout, responses=errors(401, 404, 422))
async def show(version: str, central: CentralDep, operator: OperatorDep) -> Rollout:
    return _found(updates.rollout(central.db, _version(version), central.now()), version)


@router.post(
    "/rollouts/{version}:halt",
    response_model=Rollout,
    responses=errors(*POST, 404),
    summary="Halt a roll-out: nobody else is offered the release",
)
async def halt(
    version: str, body: HaltRequest, central: CentralDep, operator: OperatorDep
) -> Rollout:
    try:
        updates.halt(central.db, _version(version), f"{body.reason} ({operator})", central.now())
    except updates.UpdateError as exc:
        raise HTTPException(404, str(exc)) from None
    return _found(updates.rollout(central.db, version, central.now()), version)


@router.post(
    "/rollouts/{version}:advance",
    response_model=Rollout,
    responses=errors(401, 404, 422),
    summary="Offer the next stage now, without waiting for this one's health",
)
async def move_on(version: str, central: CentralDep, operator: OperatorDep) -> Rollout:
    try:
        updates.advance(central.db, _version(version))
    except updates.UpdateError as exc:
        raise HTTPException(404, str(exc)) from None
    return _found(updates.rollout(central.db, version, central.now()), version)


@router.get(
    "/versions",
    response_model=list[FleetVersion],
    responses=errors(401),
    summary="Who runs what: each terminal's running and fallback version, its last update",
)
async def versions(central: CentralDep, operator: OperatorDep) -> list[FleetVersion]:
    return [
        FleetVersion(
            terminal_id=s.terminal_id,
            name=s.name,
            site=s.site,
            app_version=s.app_version,
            fallback_version=s.beat.get("fallback_version"),
            update=s.update,
            last_heartbeat_at=s.at.isoformat() if s.at else None,
        )
        for s in updates.fleet(central.db)
    ]
