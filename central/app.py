"""The FastAPI application of the reference Terminal API."""

from __future__ import annotations

from datetime import UTC

from fastapi import FastAPI
from fastapi.routing import APIRoute
from starlette.routing import Match

from central import errors, operators, updates
from central.catalog import load_catalog
from central.context import IDEMPOTENT, Central
from central.db import Database, open_database
from central.idempotency import IdempotencyMiddleware, IdempotencyStore, Scope
from central.keyring import Keyring
from central.ratelimit import Limiter
from central.routes import (
    citizens,
    hotline,
    identity,
    progress,
    proofs,
    public,
    pulls,
    ratings,
    rollouts,
    sync,
    utility,
    video,
)
from central.routes import console as console_routes
from central.routes import updates as update_routes
from central.seed.demo import seed_demo
from central.settings import CentralSettings
from central.signing import Signer
from central.terminals import Terminal, find_by_token, seed_terminals
from central.update_keys import UpdateSigner
from central.video_hub import VideoHub
from central.video_store import ensure_schema as ensure_video_schema

API_VERSION = "1.0.0"
DESCRIPTION = """Reference implementation of the county's Terminal API (docs/CONTRACTS.md).

Every /api/v1 call takes `Authorization: Bearer <terminal token>`. Creating POSTs take an
optional `Idempotency-Key` header (IETF draft): a replay returns the first result, the same key
with a different body is 422, a key still in flight is 409."""


def build_app(
    settings: CentralSettings, *, db: Database | None = None, seed: bool = True
) -> FastAPI:
    """Open the store, register the terminals (in demo mode: seed the demo data) and wire the
    routes.

    Raises CatalogError when the catalog file is missing or malformed: a service that cannot
    serve its catalog should not start; KeyringError when the key file is unreadable.
    """
    catalog = load_catalog(settings.resolved_catalog_path)
    db = db or open_database(settings)
    keys = Keyring.open(settings.resolved_key_file)
    now = settings.clock().astimezone(UTC)
    if seed:
        seed_terminals(
            db,
            settings.config_dir,
            settings.hall_terminals,
            demo=settings.demo,
            now=now,
            ttl_s=settings.token_ttl_s,
        )
        if settings.demo:
            seed_demo(db, keys, now)
    ensure_video_schema(db)
    if seed and settings.demo:
        from central.console import seed_demo_users
        from central.video_agents import seed_demo_agents

        seed_demo_agents(db, now)
        seed_demo_users(db, now)
    updates.ensure_schema(db)
    operators.ensure_schema(db)
    limiter = Limiter(db, settings.limits, keys, settings.clock)
    central = Central(settings, db, catalog, Signer(db), keys, limiter)
    app = FastAPI(
        title="Kiosk Terminal API (reference central service)",
        version=API_VERSION,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        max_body_size=settings.max_json_bytes,
    )
    app.state.central = central
    app.state.video = VideoHub(db, settings.video, central.now)
    UpdateSigner.open(settings.resolved_update_key_file)  # made, or found readable, at start
    app.state.update_key_file = settings.resolved_update_key_file
    errors.install(app)
    for module in (
        sync,
        pulls,
        citizens,
        hotline,
        identity,
        progress,
        proofs,
        public,
        ratings,
        update_routes,
        rollouts,
        utility,
    ):
        app.include_router(module.router)
    declared = [
        r
        for module in (sync, pulls, citizens, identity, proofs, public, utility)
        for r in module.router.routes
        if isinstance(r, APIRoute) and any(d in IDEMPOTENT for d in r.dependencies)
    ]
    assert declared, "no route declares an Idempotency-Key"

    def is_declared(scope: Scope) -> bool:
        return any(r.matches(scope)[0] is Match.FULL for r in declared)

    def authorize(header: str) -> str | None:
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token:
            return None
        found = find_by_token(db, token.strip(), central.now())
        return found.id if isinstance(found, Terminal) else None

    app.include_router(ratings.admin_router)
    app.include_router(proofs.public_router)
    app.include_router(utility.public_router)
    app.include_router(video.router)
    app.include_router(video.console_router)
    console_routes.install(app)
    app.add_middleware(
        IdempotencyMiddleware,
        store=IdempotencyStore(
            db,
            keys,
            settings.idempotency_lease_s,
            settings.idempotency_ttl_s,
            clock=lambda: settings.clock().timestamp(),
        ),
        max_body=settings.max_json_bytes,
        declared=is_declared,
        authorize=authorize,
    )
    return app


def openapi_document(app: FastAPI) -> dict[str, object]:
    return app.openapi()
