"""Operators of the fleet: who may announce releases, start and halt roll-outs over HTTP.

A bearer token per operator, issued by ``python -m central.admin operator issue NAME`` (printed
once; only its sha256 is stored, like the terminals' tokens) and revoked by ``operator revoke
NAME``. Terminal tokens are never operator tokens, and the other way round.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from typing import Annotated

from fastapi import Depends, HTTPException
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from central.context import CentralDep
from central.db import Database

SCHEMA = (
    "CREATE TABLE IF NOT EXISTS operators ("
    " token_sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, issued_at TEXT NOT NULL,"
    " revoked_at TEXT)",
)


def ensure_schema(db: Database) -> None:
    with db.write() as conn:
        for statement in SCHEMA:
            conn.execute(statement)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(db: Database, name: str, now: datetime) -> str:
    token = "op-" + secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute(
            "INSERT INTO operators (token_sha256, name, issued_at) VALUES (?, ?, ?)",
            (_hash(token), name, now.isoformat()),
        )
    return token


def revoke(db: Database, name: str, now: datetime) -> int:
    with db.write() as conn:
        n: int = conn.execute(
            "UPDATE operators SET revoked_at=? WHERE name=? AND revoked_at IS NULL",
            (now.isoformat(), name),
        ).rowcount
    return n


_bearer = HTTPBearer(auto_error=False, description="an operator token (central.admin operator)")


async def current_operator(
    central: CentralDep,
    creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    challenge = {"WWW-Authenticate": "Bearer"}
    if creds is None:
        raise HTTPException(401, "missing 'Authorization: Bearer <operator token>'", challenge)
    row = central.db.one(
        "SELECT name FROM operators WHERE token_sha256=? AND revoked_at IS NULL",
        (_hash(creds.credentials),),
    )
    if row is None:
        raise HTTPException(401, "unknown or revoked operator token", challenge)
    return str(row["name"])


OperatorDep = Annotated[str, Depends(current_operator)]
