"""The FastAPI application of the reference Terminal API."""

from __future__ import annotations

from datetime import UTC

from fastapi import FastAPI

from central import errors, hotline
from central.catalog import load_catalog
from central.context import Central
from central.db import Database
from central.idempotency import IdempotencyMiddleware, IdempotencyStore
from central.routes import citizens, identity, public, pulls, sync
from central.seed.demo import seed_demo
from central.settings import CentralSettings
from central.signing import Signer
from central.terminals import seed_terminals

API_VERSION = "1.0.0"
DESCRIPTION = """Reference implementation of the county's Terminal API (docs/CONTRACTS.md).

Every /api/v1 call takes `Authorization: Bearer <terminal token>`. Creating POSTs take an
optional `Idempotency-Key` header (IETF draft): a replay returns the first result, the same key
with a different body is 422, a key still in flight is 409."""


def build_app(
    settings: CentralSettings, *, db: Database | None = None, seed: bool = True
) -> FastAPI:
    """Open the store, seed the demo data and wire the routes.

    Raises CatalogError when the catalog file is missing or malformed: a service that cannot
    serve its catalog should not start.
    """
    catalog = load_catalog(settings.resolved_catalog_path)
    db = db or Database(settings.db_path)
    hotline.ensure_salt(db)
    if seed:
        seed_terminals(db, settings.config_dir, settings.hall_terminals)
        seed_demo(db, settings.clock().astimezone(UTC))
    central = Central(settings, db, catalog, Signer(db))
    app = FastAPI(
        title="Kiosk Terminal API (reference central service)",
        version=API_VERSION,
        description=DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        max_body_size=settings.max_json_bytes,
    )
    app.state.central = central
    errors.install(app)
    for module in (sync, pulls, citizens, identity, public):
        app.include_router(module.router)
    app.add_middleware(
        IdempotencyMiddleware,
        store=IdempotencyStore(db, settings.idempotency_lease_s),
        max_body=settings.max_json_bytes,
    )
    return app


def openapi_document(app: FastAPI) -> dict[str, object]:
    return app.openapi()
