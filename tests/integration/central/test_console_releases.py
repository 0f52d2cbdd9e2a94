"""The fleet console's software page over HTTP (issue 22's console part): an operator starts a
staged roll-out with the first terminals, halts it with a reason; a viewer sees it without the
forms; a terminal's heartbeat shows who runs what. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from central.db import open_database
from central.server import EmbeddedCentral
from tests.integration.central.conftest import TOKEN

VERSION = "2.4.0"


def _announced(server: EmbeddedCentral) -> None:
    """A release row as `release announce` leaves it (the signed artifact itself is what the
    update tests exercise; the page only lists and rolls out)."""
    db = open_database(server.settings)
    try:
        with db.write() as conn:
            conn.execute(
                "INSERT INTO releases (version, sha256, size, key_id, notes, announced_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (VERSION, "ab" * 32, 73_000_000, "county-release-1", "nightly", "2026-12-06"),
            )
    finally:
        db.close()


@pytest.fixture
def console(server: EmbeddedCentral) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=10) as client:
        yield client


def _sign_in(client: httpx.Client, user: str) -> None:
    r = client.post(
        "/console/signin",
        data={"username": user, "password": f"demo-{user}-pw", "next": "/console/releases"},
    )
    assert r.status_code == 303, r.text


def test_operator_starts_and_halts_a_staged_rollout(
    server: EmbeddedCentral, console: httpx.Client
) -> None:
    _announced(server)
    beat = {"app_version": "2.3.1", "config_version": "1", "uptime_s": 60}
    r = httpx.post(
        f"{server.url}/api/v1/heartbeat",
        json=beat,
        headers={"Authorization": f"Bearer {TOKEN}"},
        timeout=10,
    )
    assert r.status_code < 300, r.text
    _sign_in(console, "operator")
    page = console.get("/console/releases").text
    assert f'data-version="{VERSION}"' in page and 'id="start-rollout"' in page
    assert re.search(r"<td>2\.3\.1</td><td class=num>1</td>", page)  # who runs what

    bad = console.post("/console/releases", data={"version": VERSION, "stages": "NOPE-9"})
    assert bad.status_code == 422 and "no terminal &#x27;NOPE-9&#x27; is registered" in bad.text

    r = console.post(
        "/console/releases", data={"version": VERSION, "stages": "HALL-001", "soak_h": "2"}
    )
    assert r.status_code == 303
    page = console.get(r.headers["location"]).text
    assert "roll-out started by operator" in page
    assert f'data-version="{VERSION}" data-state="running"' in page
    assert 'data-terminal="HALL-001"' in page and f'id="halt-{VERSION}"' in page

    r = console.post(f"/console/releases/{VERSION}/halt", data={"reason": "printer crash"})
    assert r.status_code == 303
    page = console.get(r.headers["location"]).text
    assert f'data-version="{VERSION}" data-state="halted"' in page
    assert "printer crash (operator)" in page and f'id="halt-{VERSION}"' not in page
    # the halt is an alert the fleet sees, as from the API
    assert "rollout.halted" in console.get("/console/alerts").text


def test_a_viewer_sees_the_page_but_cannot_roll_out(
    server: EmbeddedCentral, console: httpx.Client
) -> None:
    _announced(server)
    _sign_in(console, "viewer")
    page = console.get("/console/releases").text
    assert f'data-version="{VERSION}"' in page and 'id="start-rollout"' not in page
    r = console.post("/console/releases", data={"version": VERSION, "stages": "HALL-001"})
    assert r.status_code == 403
    assert console.get("/console/releases").text.count('class="rollout"') == 0


def test_a_form_from_another_site_is_refused(
    server: EmbeddedCentral, console: httpx.Client
) -> None:
    _announced(server)
    _sign_in(console, "operator")
    r = console.post(
        "/console/releases",
        data={"version": VERSION, "stages": "HALL-001"},
        headers={"Origin": "https://evil.example"},
    )
    assert r.status_code == 403 and "Not from this console" in r.text
