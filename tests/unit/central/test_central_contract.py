"""The committed OpenAPI document is the contract: it must be what the app generates. Plus the
small pure helpers the contract's semantics rest on."""

from __future__ import annotations

from pathlib import Path

from central import openapi
from central.catalog import etag_matches
from central.hotline import place_key
from central.idempotency import fingerprint, request_scope


def test_committed_openapi_matches_the_app() -> None:
    committed = openapi.OPENAPI_PATH.read_text(encoding="utf-8")
    assert committed == openapi.render(openapi.generate()), (
        "central/openapi.json is stale: run python -m central.openapi"
    )


def test_contract_paths_are_the_documented_ones() -> None:
    paths = set(openapi.generate()["paths"])
    assert paths == {
        "/api/v1/events:batch",
        "/api/v1/blobs/{sha256}",
        "/api/v1/catalog",
        "/api/v1/terminals/{terminal_id}/config",
        "/api/v1/heartbeat",
        "/api/v1/appointments:lookup",
        "/api/v1/appointments/{code}/checkin",
        "/api/v1/tickets",
        "/api/v1/tickets/{number}",
        "/api/v1/authorizations:redeem",
        "/api/v1/workorders/{number}",
        "/api/v1/identity/eid:resolve",
        "/api/v1/identity/sms-codes",
        "/api/v1/identity/sms-codes:verify",
        "/api/v1/workorders:lookup",
        "/api/v1/proofs",
        "/api/v1/proofs/{number}",
        "/api/v1/progress/{number}",
        "/api/v1/progress:with-phone",
        "/api/v1/utility/forms",
        "/api/v1/utility/addresses",
        "/api/v1/utility/slots",
        "/api/v1/utility/slots:hold",
        "/api/v1/utility/holds/{hold_id}",
        "/api/v1/utility/applications",
        "/api/v1/service-points",
        "/api/v1/utility/uploads",
        "/api/v1/utility/uploads/{ref}",
        "/api/v1/updates/latest",
        "/api/v1/updates/artifacts/{sha256}",
        # 好差评: one rating per case, the published 差评 reasons
        "/api/v1/cases/{case_id}/rating",
        "/api/v1/ratings/reasons",
        "/api/v1/admin/ratings/followups",  # operators
        "/api/v1/admin/ratings/followups/{case_id}",
        # operators (an operator token, not a terminal's): software releases and roll-outs
        "/api/v1/fleet/releases",
        "/api/v1/fleet/rollouts",
        "/api/v1/fleet/rollouts/{version}",
        "/api/v1/fleet/rollouts/{version}:halt",
        "/api/v1/fleet/rollouts/{version}:advance",
        "/api/v1/fleet/versions",
        "/api/v1/video/status",
        "/api/v1/video/agent/session",
        "/api/v1/video/agent/me",
        "/api/v1/video/calls/{call_id}",
        "/api/v1/video/calls/{call_id}/note",
        "/api/v1/video/calls/{call_id}/snapshots",
        "/api/v1/video/calls/{call_id}/snapshots/{snap_id}",
        "/api/v1/video/callbacks",
        "/api/v1/video/callbacks/{key}/done",
        # 12345 before filing (issue 17): knowledge base, classification, repeat check
        "/api/v1/hotline/kb",
        "/api/v1/hotline/classification",
        "/api/v1/workorders:match",
    }
    contracts = (Path(__file__).resolve().parents[3] / "docs" / "CONTRACTS.md").read_text("utf-8")
    for p in paths:
        assert p.split("{")[0].rstrip("/") in contracts


def test_etag_comparison_is_weak_and_takes_lists() -> None:
    assert etag_matches('"a"', '"a"')
    assert etag_matches('W/"a"', '"a"')
    assert etag_matches('"x", "a"', '"a"')
    assert etag_matches("*", '"a"')
    assert not etag_matches('"b"', '"a"')
    assert not etag_matches(None, '"a"')


def test_fingerprint_ignores_json_formatting_but_not_content() -> None:
    assert fingerprint(b'{"a":1,"b":2}') == fingerprint(b'{ "b": 2, "a": 1 }')
    assert fingerprint(b'{"a":1}') != fingerprint(b'{"a":2}')
    assert fingerprint(b"\xff not json") == fingerprint(b"\xff not json")


def test_idempotency_scope_separates_terminals_and_paths() -> None:
    a = request_scope("HALL-001", "POST", "/api/v1/tickets")
    assert a != request_scope("HALL-002", "POST", "/api/v1/tickets")
    assert a != request_scope("HALL-001", "POST", "/api/v1/authorizations:redeem")


def test_place_key_ignores_spacing_and_punctuation() -> None:
    assert place_key("城关镇 东门路12号") == place_key("城关镇东门路 12 号。")
    assert place_key("West Road") == place_key("west-road")
