"""What every route needs: the store, the settings, the catalog, and who is asking."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.catalog import LoadedCatalog
from central.db import Database
from central.keyring import Keyring
from central.ratelimit import Limiter
from central.settings import CentralSettings
from central.signing import Signer
from central.terminals import Terminal, TokenExpired, find_by_token
from contract.wire import Error, ValidationError


@dataclass
class Central:
    settings: CentralSettings
    db: Database
    catalog: LoadedCatalog
    signer: Signer
    keys: Keyring
    limiter: Limiter

    def now(self) -> datetime:
        return self.settings.clock().astimezone(UTC)


async def get_central(request: Request) -> Central:
    central: Central = request.app.state.central
    return central


_bearer = HTTPBearer(auto_error=False, description="per-terminal token: demo-token-<TERMINAL_ID>")


async def current_terminal(
    central: Annotated[Central, Depends(get_central)],
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Terminal:
    """The terminal behind the bearer token; 401 with a plain reason otherwise."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if creds is None:
        raise HTTPException(401, "missing 'Authorization: Bearer <terminal token>'", challenge)
    terminal = find_by_token(central.db, creds.credentials, central.now())
    if terminal is None:
        raise HTTPException(401, "unknown terminal token", challenge)
    if isinstance(terminal, TokenExpired):
        raise HTTPException(
            401, "this terminal token has expired or was revoked: provision a new one", challenge
        )
    return terminal


CentralDep = Annotated[Central, Depends(get_central)]
TerminalDep = Annotated[Terminal, Depends(current_terminal)]


# Any POST may meet these: bad body or key (400/413/415/422), no token (401), and the same
# Idempotency-Key still in flight (409).
POST = (400, 401, 409, 413, 415, 422)


def errors(*codes: int) -> dict[int | str, dict[str, object]]:
    """OpenAPI `responses` entries for the error statuses a route can return."""

    text = {
        400: "malformed request (body is not JSON, bad Idempotency-Key)",
        401: "missing or unknown terminal token",
        403: "another terminal's or another site's data",
        404: "not found",
        409: "conflict (already done, or the same Idempotency-Key still in flight)",
        410: "expired or already used",
        413: "body too large",
        415: "body is not sent as application/json",
        422: "invalid request, or an Idempotency-Key reused with a different body",
        429: "too many failed tries: wait the Retry-After seconds (or go to the desk)",
    }
    return {
        c: {"model": ValidationError if c == 422 else Error, "description": text[c]} for c in codes
    }


async def _idempotency_key(
    idempotency_key: Annotated[
        str | None,
        Header(
            alias="Idempotency-Key",
            min_length=1,
            max_length=255,
            description="IETF draft: replay returns the first result; the same key with a "
            "different body is 422; a key still in flight is 409",
        ),
    ] = None,
) -> None:
    """Documents the header; the IdempotencyMiddleware does the work before the route runs."""


IDEMPOTENT = [Depends(_idempotency_key)]
