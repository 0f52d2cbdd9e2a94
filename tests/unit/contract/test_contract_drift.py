"""The terminal's client and the central service speak from the same definitions: every body the
service declares comes from the `contract` package, and each call the terminal makes parses the
answer with the very model the service declares for that route — so the OpenAPI document
(generated from the service) and the client cannot drift apart."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from pydantic import BaseModel
from starlette.routing import Match

from central.app import build_app
from central.settings import CentralSettings
from contract.codes import NumberKind, new_number
from kiosk_app.core.config import SyncConfig
from kiosk_app.sync import online
from kiosk_app.sync.transport import NetworkError


def _flat(routes: list[Any]) -> list[APIRoute]:
    """The app's API routes, through the included routers (FastAPI ≥ 0.16x nests them)."""
    out: list[APIRoute] = []
    for r in routes:
        if isinstance(r, APIRoute):
            out.append(r)
        elif (inner := getattr(r, "original_router", None)) is not None:
            out += _flat(inner.routes)
    return out


@pytest.fixture(scope="module")
def routes() -> list[APIRoute]:
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(CentralSettings(db_path=Path(tmp) / "c.db"), seed=False)
        try:
            found = _flat(app.routes)
            assert len(found) >= 10  # the walk found the API, not just /openapi.json
            return found
        finally:
            app.state.central.db.close()


def _models(route: APIRoute) -> list[type]:
    found = [route.response_model] if route.response_model is not None else []
    found += [p.field_info.annotation for p in route.dependant.body_params]
    return [m for m in found if isinstance(m, type) and issubclass(m, BaseModel)]


def test_every_body_the_service_declares_comes_from_the_contract(routes) -> None:
    checked = [(route.path, m) for route in routes for m in _models(route)]
    assert len(checked) >= 10
    for path, model in checked:
        assert model.__module__.startswith("contract."), (path, model)


class _Recorder:
    """A transport that answers nothing: the call's plumbing records what it would parse."""

    def request(self, *a: Any, **k: Any) -> Any:
        raise NetworkError("connect", "recording only")

    def close(self) -> None:
        pass


def test_each_client_call_parses_the_model_the_route_declares(routes, monkeypatch) -> None:
    calls: list[tuple[str, str, type, str | None]] = []
    callers: set[str] = set()
    real = online.OnlineApi._call

    def record(self, model, method, path, body=None, key=None, unwrap=None):  # type: ignore[no-untyped-def]
        calls.append((method, "/api/v1" + path, model, unwrap))
        callers.add(sys._getframe(1).f_code.co_name)
        return real(self, model, method, path, body, key, unwrap)

    monkeypatch.setattr(online.OnlineApi, "_call", record)
    api = online.OnlineApi(SyncConfig(), transport=_Recorder())  # type: ignore[arg-type]
    api.lookup_appointment("ZWFW-YY:A7K2M9Q4XZ")
    api.check_in("A7K2M9Q4XZ")
    api.issue_ticket(category="社会保障")
    api.ticket_position("A012")
    api.redeem_authorization("ZWFW-SQ:" + "a" * 32)
    api.workorder_status(new_number(NumberKind.WORKORDER))
    api.progress(new_number(NumberKind.CASE))
    api.progress_with_phone(new_number(NumberKind.APPLICATION), "13900001111")
    api.resolve_eid("CTID-DEMO-valid-01-".ljust(40, "0"))
    api.send_sms_code("350999198503121312")
    api.check_sms_code("c" * 24, "123456")
    api.video_status()
    # its PDF download (download_proof) is application/pdf, checked against ProofIssued
    api.fetch_proof(
        "real_estate", id_number="35099919850312131X", name="张伟", assertion="v1.eid.1.x"
    )
    api.workorder_status(new_number(NumberKind.WORKORDER), phone_last4="1111")
    api.repeat_check("0502", "13900001111", "城关镇")
    api.video_status()
    api.rating_status("SL" + "1" * 12)
    api.rating_reasons()
    api.survey_slots("water")
    api.hold_slot("W-20261207-0900")
    api.new_upload()
    api.upload_status("U" + "0" * 16)
    # release_hold answers 204 with no body: nothing to parse
    # every call that parses an answer through the contract: all but close, and the PDF download
    # (raw bytes, checked against the ProofIssued that announced them)
    public = {n for n in vars(online.OnlineApi) if not n.startswith("_")}
    assert public - {"close", "download_proof", "release_hold"} <= callers, (
        "a client call is not exercised here"
    )
    for method, path, model, unwrap in calls:
        scope = {"type": "http", "method": method, "path": path.split("?")[0], "root_path": ""}
        [route] = [r for r in routes if r.matches(scope)[0] is Match.FULL]
        declared = route.response_model
        if unwrap:
            declared = declared.model_fields[unwrap].annotation
        assert declared is model, (path, declared, model)
