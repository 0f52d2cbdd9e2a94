"""Property-based fuzzing of the live reference service from its committed OpenAPI document:
no input gives a 500, every status code is documented, every JSON answer matches its schema.

Bounded (a few hundred requests in all) to keep the suite quick on a 2-core machine.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.generation import GenerationMode
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from central import operators
from central.db import open_database
from central.server import EmbeddedCentral
from central.settings import CentralSettings

OPENAPI = Path(__file__).resolve().parents[3] / "central" / "openapi.json"
SCHEMA = schemathesis.openapi.from_dict(json.loads(OPENAPI.read_text(encoding="utf-8")))
OPERATIONS = sorted(
    f"{op.method.upper()} {op.path}" for op in (r.ok() for r in SCHEMA.get_all_operations())
)
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
AUTH = {"Authorization": "Bearer demo-token-HALL-001"}
# the fleet's routes (software releases and roll-outs) take an operator's token
FLEET_ROUTES = "/api/v1/fleet/"
ADMIN_ROUTES = "/api/v1/admin/"  # and the operators' lists (the 差评 follow-ups)
OPERATOR: dict[str, str] = {}
SEEN: dict[str, set[int]] = {}
# video help's agent routes take an agent's session token: a terminal's token is always 401
AGENT_ROUTES = ("/api/v1/video/agent", "/api/v1/video/calls", "/api/v1/video/callbacks")


@pytest.fixture(autouse=True)
def _on_each_backend() -> None:
    """Fuzzing shares one server per module: on SQLite, or on PostgreSQL with
    --central-db postgresql (the default "both" fuzzes SQLite only, to keep the run short)."""


@pytest.fixture(scope="module")
def shared_server(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    """One server for the whole module: fuzzing does not need a fresh database per operation."""
    db = tmp_path_factory.mktemp("central-fuzz") / "central.db"
    url = None
    if request.config.getoption("--central-db") == "postgresql":
        _, url = request.getfixturevalue("postgres_server").schema()
    settings = CentralSettings(db_path=db, demo=True, database_url=url)
    with EmbeddedCentral(db, settings=settings) as srv:
        store = open_database(settings)
        try:
            OPERATOR["Authorization"] = (
                f"Bearer {operators.issue(store, 'fuzz', datetime.now(UTC))}"
            )
        finally:
            store.close()
        yield srv


def auth_for(path: str, terminal: dict[str, str] = AUTH) -> dict[str, str]:
    return OPERATOR if path.startswith((FLEET_ROUTES, ADMIN_ROUTES)) else terminal


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", OPERATIONS)
def test_no_input_breaks_the_service(
    label: str, mode: GenerationMode, shared_server: EmbeddedCentral
) -> None:
    server = shared_server
    method, path = label.split(" ", 1)
    operation = SCHEMA[path][method]
    examples = 10 if mode is GenerationMode.POSITIVE else 5

    with httpx.Client(base_url=server.url, timeout=10) as client:

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy(generation_mode=mode))
        def run(case: schemathesis.Case) -> None:
            headers = {**(case.headers or {}), **auth_for(path)}
            response = case.call(base_url=server.url, headers=headers)
            SEEN.setdefault(label, set()).add(response.status_code)
            case.validate_response(response, checks=CHECKS)

        run()
        # And the service is still answering normally afterwards.
        assert client.get("/api/v1/tickets/A001", headers=AUTH).status_code in (200, 404)
    # The fuzzer got past authentication and validation at least sometimes.
    if not label.split(" ")[-1].startswith(AGENT_ROUTES):  # an agent's session, not a terminal's
        assert SEEN[label] - {401}


def test_stateful_workflows_with_auth(shared_server: EmbeddedCentral) -> None:
    """Schemathesis follows the links it infers between operations (look an appointment up,
    check in with its code, read the ticket it gave; issue a ticket, read it) as one
    authenticated terminal, checking every answer against the contract."""
    statuses: dict[str, set[int]] = {}
    auth = {"Authorization": "Bearer demo-token-HALL-002"}  # not the one fuzzed above

    class Workflow(SCHEMA.as_state_machine()):  # type: ignore[misc]
        def get_call_kwargs(self, case: schemathesis.Case) -> dict[str, object]:
            return {"base_url": shared_server.url, "headers": auth_for(case.path, auth)}

        def validate_response(  # type: ignore[override]
            self, response, case: schemathesis.Case, additional_checks=None, **kwargs
        ) -> None:
            label = f"{case.method} {case.path}"
            statuses.setdefault(label, set()).add(response.status_code)
            case.validate_response(response, checks=CHECKS)

    Workflow.run(
        settings=settings(
            max_examples=12,
            stateful_step_count=6,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
    )
    assert len(statuses) >= 2, f"no workflow ran: {statuses}"
    for label, codes in statuses.items():  # authenticated: answers other than 401 everywhere
        if not label.split(" ")[-1].startswith(AGENT_ROUTES):
            assert codes - {401}, label
