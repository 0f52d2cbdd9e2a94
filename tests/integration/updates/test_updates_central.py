"""Updates from the central service on loopback: announced and rolled out by an operator,
found by each terminal's update agent (the signed, expiring latest document), downloaded
resumably, verified, staged, tried by the launcher — and every way that must end on the
previous version with the reason on record: a download cut halfway, a bad signature, a
downgrade, a stale latest document. Then the staged roll-out of two terminals."""

from __future__ import annotations

import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk_app.provisioning.agent import UpdateAgent
from kiosk_app.provisioning.latest import latest_doc, sign_latest

from .conftest import FACTORY_VERSION, Fleet, Terminal, wait_for

pytestmark = pytest.mark.slow


def kept(term: Terminal, version: str) -> None:
    term.launch()
    wait_for(
        lambda: (
            term.update().get("version") == version
            and term.update().get("state") == "committed"
            and "journal" not in term.slots.read_state()
        ),
        what=f"{version} kept",
    )


def rolled_back(term: Terminal, version: str) -> dict[str, object]:
    term.launch()
    wait_for(
        lambda: (
            term.update().get("state") == "rolled_back"
            and "journal" not in term.slots.read_state()
            and term.started()[-1:] == [f"{FACTORY_VERSION} good"]
        ),
        what=f"{version} rolled back",
    )
    return term.update()


def still_on_the_package(term: Terminal) -> None:
    """Nothing staged, nothing tried: the next start is the version it ran before."""
    assert term.slots.status().trial is None
    term.launch()
    wait_for(lambda: term.started() == [f"{FACTORY_VERSION} good"], what="the package")


def test_a_release_goes_from_the_county_to_the_terminal_and_is_kept(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001")
    agent = fleet.agent(t1)
    assert agent.check() == "up-to-date"  # announced nothing yet
    rel = fleet.announce(t1.release("1.1.0", notes="fixes the printer's paper-low alarm"))
    assert rel["version"] == "1.1.0" and rel["notes"] == "fixes the printer's paper-low alarm"
    fleet.rollout("1.1.0", ["HALL-001"])
    assert agent.check() == "ready"
    assert t1.update()["state"] == "ready"
    assert not list((t1.root / "software" / "downloads").iterdir())  # used up
    kept(t1, "1.1.0")
    fleet.heartbeat(t1)
    rows = {r["terminal_id"]: r for r in fleet.api.get("/api/v1/fleet/versions").json()}
    me = rows["HALL-001"]
    assert (me["app_version"], me["fallback_version"]) == ("1.1.0", FACTORY_VERSION)
    assert me["update"]["state"] == "committed"
    assert agent.check() == "up-to-date"


def test_a_download_cut_halfway_resumes_where_it_stopped(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001", via_mitm=True)
    artifact = t1.release("1.1.0")
    rel = fleet.announce(artifact)
    fleet.rollout("1.1.0", ["HALL-001"])
    size = int(rel["size"])  # type: ignore[arg-type]
    fleet.mitm.cut_after = size // 2
    agent = fleet.agent(t1)

    assert agent.check() == "downloading"
    update = t1.update()
    assert update["state"] == "downloading"
    assert f"interrupted at {size // 2} of {size} bytes" in str(update["reason"])
    part = t1.root / "software" / "downloads" / f"{rel['sha256']}.tar.gz.part"
    assert part.stat().st_size == size // 2
    # a restart now still runs what ran before
    still_on_the_package(t1)
    t1.stop_all()

    assert agent.check() == "ready"  # the next round asks only for the rest
    assert fleet.mitm.ranges[-1] == f"bytes={size // 2}-{size - 1}"
    kept(t1, "1.1.0")


def test_an_artifact_altered_on_the_server_is_thrown_away(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001")
    rel = fleet.announce(t1.release("1.1.0"))
    fleet.rollout("1.1.0", ["HALL-001"])
    stored = fleet.central.settings.resolved_releases_dir / f"{rel['sha256']}.tar.gz"
    data = bytearray(stored.read_bytes())
    data[len(data) // 2] ^= 0xFF
    stored.write_bytes(bytes(data))
    assert fleet.agent(t1).check() == "refused"
    assert "thrown away" in str(t1.update()["reason"])
    assert not list((t1.root / "software" / "downloads").iterdir())
    still_on_the_package(t1)


def test_a_release_not_signed_by_the_county_is_refused(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001")
    stranger = Ed25519PrivateKey.generate()
    fleet.announce(t1.release("1.1.0", key=stranger))
    fleet.rollout("1.1.0", ["HALL-001"])
    assert fleet.agent(t1).check() == "refused"
    update = t1.update()
    assert update["version"] == "1.1.0"
    assert "which this terminal does not trust" in str(update["reason"])
    still_on_the_package(t1)


def test_a_latest_document_not_signed_by_central_is_refused(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001", via_mitm=True)
    fleet.announce(t1.release("1.1.0"))
    fleet.rollout("1.1.0", ["HALL-001"])
    forged = sign_latest(
        latest_doc("HALL-001", None, issued=fleet.clock()), Ed25519PrivateKey.generate()
    )
    fleet.mitm.latest = json.dumps(forged).encode()
    assert fleet.agent(t1).check() == "refused"
    assert "does not trust for update metadata" in str(t1.update()["reason"])


def test_a_downgrade_is_refused(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001")
    t1.stage(t1.release("1.2.0"))  # from a USB stick, say
    kept(t1, "1.2.0")
    t1.stop_all()
    fleet.announce(t1.release("1.1.5"))
    fleet.rollout("1.1.5", ["HALL-001"])
    assert fleet.agent(t1).check() == "refused"
    update = t1.update()
    assert update["version"] == "1.1.5"
    assert "not newer than 1.2.0" in str(update["reason"]) and "downgrade" in str(update["reason"])
    assert t1.slots.status().running == "1.2.0"


def test_a_stale_latest_document_is_refused(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001", via_mitm=True)
    agent = fleet.agent(t1)
    assert agent.check() == "up-to-date"  # nothing announced: a fresh, empty document
    old = fleet.mitm.seen_latest[-1]
    # the county publishes a fix; an attacker keeps feeding the terminal yesterday's answer
    fleet.announce(t1.release("1.1.0"))
    fleet.rollout("1.1.0", ["HALL-001"])
    fleet.mitm.latest = old
    fleet.clock.advance(hours=25)
    assert agent.check() == "refused"
    reason = str(t1.update()["reason"])
    assert "expired" in reason and "freeze attack" in reason
    still_on_the_package(t1)
    t1.stop_all()
    # and an older document that has not expired yet is a replay
    fleet.mitm.latest = None
    assert agent.check() == "ready"
    fleet.mitm.latest = old
    fleet.clock.advance(hours=-24)  # within the old document's life again
    assert agent.check() == "refused"
    assert "before one already seen" in str(t1.update()["reason"])


def test_two_terminal_rollout_halts_when_the_first_fails_its_health_check(fleet: Fleet) -> None:
    t1, t2 = fleet.terminal("HALL-001"), fleet.terminal("HALL-002")
    for t in (t1, t2):
        t.slots.note_devices(["printer", "scanner"])  # both work today
    a1, a2 = fleet.agent(t1), fleet.agent(t2)
    fleet.announce(t1.release("1.1.0", "selftest-fail"))
    fleet.rollout("1.1.0", ["HALL-001"], ["HALL-002"])

    assert a2.check() == "up-to-date"  # second stage: not offered yet
    assert a1.check() == "ready"
    update = rolled_back(t1, "1.1.0")
    assert update["reason"] == "the device self-test failed: printer: offline"
    fleet.heartbeat(t1)  # the terminal tells the county

    assert a2.check() == "up-to-date"  # asking makes central look: the roll-out halts
    status = fleet.status("1.1.0")
    assert status["state"] == "halted"
    assert "HALL-001 went back to 1.0.0 by itself" in str(status["halt_reason"])
    assert "printer: offline" in str(status["halt_reason"])
    assert status["stage"] == 0
    # the second terminal never installs it
    assert t2.slots.status().trial is None
    assert not (t2.root / "software" / "downloads").exists()
    assert t2.update() == {}
    assert a1.check() == "up-to-date"  # and the first is not offered it again
    alerts = fleet.central.stored.alerts("rollout.halted")
    assert [a["terminal_id"] for a in alerts] == ["HALL-001"]


def test_a_healthy_first_stage_opens_the_next(fleet: Fleet) -> None:
    t1, t2 = fleet.terminal("HALL-001"), fleet.terminal("HALL-002")
    a1, a2 = fleet.agent(t1), fleet.agent(t2)
    fleet.announce(t1.release("1.1.0"))
    fleet.rollout("1.1.0", ["HALL-001"], ["HALL-002"], soak_s=3600)
    assert a1.check() == "ready"
    kept(t1, "1.1.0")
    fleet.heartbeat(t1)
    assert a2.check() == "up-to-date"  # kept, but not for an hour yet
    fleet.clock.advance(hours=1, minutes=1)
    fleet.heartbeat(t1)  # still running it an hour later
    assert a2.check() == "ready"
    assert fleet.status("1.1.0")["stage"] == 1


def test_a_halt_withdraws_a_release_staged_but_not_yet_tried(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001")
    a1 = fleet.agent(t1)
    fleet.announce(t1.release("1.1.0"))
    fleet.rollout("1.1.0", ["HALL-001"])
    assert a1.check() == "ready"
    r = fleet.api.post("/api/v1/fleet/rollouts/1.1.0:halt", json={"reason": "hotline calls"})
    assert r.status_code == 200 and r.json()["state"] == "halted"
    assert "hotline calls (county-ops)" in r.json()["halt_reason"]
    assert a1.check() == "withdrawn"
    assert t1.update()["state"] == "withdrawn"
    still_on_the_package(t1)


def test_the_update_agent_is_off_without_keys(fleet: Fleet) -> None:
    t1 = fleet.terminal("HALL-001")
    import msgspec

    no_keys = msgspec.structs.replace(t1.cfg.updates, metadata_keys=[])
    t1.cfg = msgspec.structs.replace(t1.cfg, updates=no_keys)
    assert UpdateAgent(t1.cfg, fleet.agent(t1).transport, t1.slots).check() == "off"


def test_operators_api_needs_an_operator(fleet: Fleet) -> None:
    import httpx

    with httpx.Client(base_url=fleet.central.url, timeout=10) as anon:
        assert anon.get("/api/v1/fleet/versions").status_code == 401
        as_terminal = {"Authorization": "Bearer demo-token-HALL-001"}
        assert anon.get("/api/v1/fleet/versions", headers=as_terminal).status_code == 401


def test_a_technician_checks_now_from_the_command_line(fleet: Fleet) -> None:
    """`kiosk update check`: one round of the agent in the foreground."""
    import subprocess
    import sys

    t1 = fleet.terminal("HALL-001")
    fleet.announce(t1.release("1.1.0"))
    fleet.rollout("1.1.0", ["HALL-001"])
    run = subprocess.run(
        [sys.executable, "-m", "kiosk_app", "update", "check", "-c",
         str(t1.root.parent / "site.toml")],
        env=t1.env(), capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("ready: 1.1.0")
    assert t1.slots.status().trial == "1.1.0"
