"""The fleet console in a real browser (Chromium driven by Selenium), against a real central
service whose terminals are real kiosk sync clients (kiosk_app.sync.SyncService: its heartbeat,
outbox, relay and config puller) posting over HTTP. A terminal "killed" stops sending heartbeats
while the service's clock moves on; a local webhook receiver plays the county's duty system.
"""

from __future__ import annotations

import csv
import io
import json
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from central.console import add_user
from central.db import open_database
from central.server import EmbeddedCentral
from central.settings import CentralSettings
from contract.codes import NumberKind, new_number
from kiosk_app.core.config import SyncConfig
from kiosk_app.sync.service import SyncService
from kiosk_app.sync.testing.waiting import wait_until
from tests.chromium import chromium


@dataclass
class Clock:
    now: datetime = field(default_factory=lambda: datetime.now(UTC))

    def __call__(self) -> datetime:
        return self.now


class Hook(BaseHTTPRequestHandler):
    received: ClassVar[list[dict[str, Any]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        type(self).received.append(json.loads(body))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def webhook() -> Iterator[tuple[str, list[dict[str, Any]]]]:
    received: ClassVar[list[dict[str, Any]]] = []
    handler = type("H", (Hook,), {"received": received})
    server = HTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="webhook", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/duty", received
    finally:
        server.shutdown()
        server.server_close()
        thread.join(5)


@dataclass
class World:
    central: EmbeddedCentral
    clock: Clock
    hook: list[dict[str, Any]]
    clients: dict[str, SyncService]
    devices: dict[str, dict[str, str]]


@pytest.fixture
def world(tmp_path: Path, webhook: tuple[str, list[dict[str, Any]]]) -> Iterator[World]:
    clock = Clock()
    settings = CentralSettings(
        db_path=tmp_path / "central.db",
        clock=clock,
        demo=True,
        hall_terminals=6,
        heartbeat_interval_s=60,
        alert_missing_s=600,
        alert_check_s=3600,  # evaluated by heartbeats and page views in this test
        console_webhook_url=webhook[0],
    )
    devices: dict[str, dict[str, str]] = {}
    clients: dict[str, SyncService] = {}
    with EmbeddedCentral(settings.db_path, settings=settings) as central:
        db = open_database(settings)
        for user, role in (("vera", "viewer"), ("otto", "operator"), ("ada", "admin")):
            add_user(db, user, user.title(), f"{user}-password-1", role, clock())
        db.close()
        try:
            for n in range(1, 6):
                tid = f"HALL-{n:03d}"
                devices[tid] = {"receipt_printer": "paper_ok", "scanner": "online"}
                cfg = SyncConfig(central_url=central.url, token=f"demo-token-{tid}")
                clients[tid] = SyncService(
                    tid,
                    cfg,
                    tmp_path / tid,
                    device_states=lambda tid=tid: devices[tid],
                    config_version="1.0/hall",
                )
            yield World(central, clock, webhook[1], clients, devices)
        finally:
            for c in clients.values():
                c.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    profile = tmp_path_factory.mktemp("chromium-profile")
    office_screen = "--window-size=1366,768"  # the county's office screen
    with chromium(profile, "--disable-quic", "--disable-sync", office_screen) as driver:
        yield driver


def _sign_in(driver: webdriver.Chrome, base: str, user: str, password: str = "") -> None:
    driver.delete_all_cookies()
    driver.get(base + "/console/fleet")
    assert "/console/signin" in driver.current_url
    driver.find_element(By.ID, "username").send_keys(user)
    driver.find_element(By.ID, "password").send_keys(password or f"{user}-password-1")
    driver.find_element(By.ID, "submit").click()
    WebDriverWait(driver, 10).until(
        lambda d: d.find_elements(By.ID, "who") or d.find_elements(By.ID, "error")
    )


def _post_status(driver: webdriver.Chrome, path: str, body: str) -> int:
    """A form POST from the signed-in page (the cookie goes along), its status."""
    status: int = driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0], {method: 'POST', body: arguments[1], redirect: 'manual',"
        " headers: {'Content-Type': 'application/x-www-form-urlencoded'}})"
        ".then(r => done(r.status), () => done(-1));",
        path,
        body,
    )
    return status


def test_sign_in_and_roles(world: World, browser: webdriver.Chrome) -> None:
    base = world.central.url
    _sign_in(browser, base, "vera", "a wrong password")
    assert "Wrong user name or password" in browser.find_element(By.ID, "error").text

    _sign_in(browser, base, "vera")
    assert browser.current_url.endswith("/console/fleet")
    assert "(viewer)" in browser.find_element(By.ID, "who").text
    browser.get(base + "/console/terminals/HALL-001")
    assert not browser.find_elements(By.ID, "push")  # a viewer reads only
    assert _post_status(browser, "/console/terminals/HALL-001/config", "config=%7B%7D") == 403
    browser.get(base + "/console/users")
    assert browser.find_element(By.ID, "forbidden").is_displayed()

    _sign_in(browser, base, "otto")
    browser.get(base + "/console/terminals/HALL-001")
    assert browser.find_element(By.ID, "push").is_displayed()
    browser.get(base + "/console/users")
    assert browser.find_elements(By.ID, "forbidden")

    _sign_in(browser, base, "ada")
    browser.get(base + "/console/users")
    assert "vera" in browser.find_element(By.ID, "users").text
    browser.find_element(By.ID, "signout").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "username"))
    browser.get(base + "/console/fleet")
    assert "/console/signin" in browser.current_url  # signed out for real


def _states(driver: webdriver.Chrome) -> dict[str, str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#fleet tbody tr")
    return {
        r.get_attribute("data-terminal") or "": r.find_element(By.CLASS_NAME, "state").text
        for r in rows
    }


def _beat(world: World, tid: str, at: datetime) -> None:
    world.clock.now = at
    assert world.clients[tid].heartbeat.send()


def test_fleet_states_alerts_raised_and_cleared(
    world: World, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    t0 = world.clock.now
    # HALL-001 was killed 20 min ago, HALL-002 has missed a few beats, the rest are up;
    # HALL-004 is out of paper; HALL-005 holds a record the central refused (a dead letter)
    _beat(world, "HALL-001", t0 - timedelta(minutes=20))
    _beat(world, "HALL-002", t0 - timedelta(minutes=5))
    dead = world.clients["HALL-005"].outbox.enqueue("case.submitted", {"case_id": "x"})
    world.clients["HALL-005"].outbox.dead_letter(dead.key, "refused: test")
    world.devices["HALL-004"]["receipt_printer"] = "paper_out"
    for tid in ("HALL-003", "HALL-004", "HALL-005"):
        _beat(world, tid, t0)

    _sign_in(browser, world.central.url, "vera")
    states = _states(browser)
    assert states["HALL-001"] == "missing"
    assert states["HALL-002"] == "late"
    assert states["HALL-003"] == states["HALL-004"] == states["HALL-005"] == "online"
    assert states["HALL-006"] == "missing"  # never heard from
    # the whole list fits the office screen without scrolling sideways
    width = browser.execute_script("return document.documentElement.scrollWidth")
    assert width <= browser.execute_script("return window.innerWidth")
    browser.save_screenshot(str(tmp_path / "fleet.png"))  # kept for a look at the layout
    row4 = browser.find_element(By.CSS_SELECTOR, 'tr[data-terminal="HALL-004"]')
    assert "receipt_printer:paper_out" in row4.text
    row5 = browser.find_element(By.CSS_SELECTOR, 'tr[data-terminal="HALL-005"]')
    assert row5.find_element(By.CLASS_NAME, "dead").text == "1"

    Select(browser.find_element(By.ID, "f-state")).select_by_value("late")
    WebDriverWait(browser, 10).until(lambda d: "state=late" in d.current_url)
    assert set(_states(browser)) == {"HALL-002"}
    browser.get(world.central.url + "/console/fleet?sort=dead&desc=1")
    assert next(iter(_states(browser))) == "HALL-005"

    browser.get(world.central.url + "/console/alerts")
    open_ = {
        (r.get_attribute("data-terminal"), r.get_attribute("data-kind"))
        for r in browser.find_elements(By.CSS_SELECTOR, "#open tr[data-kind]")
    }
    assert open_ >= {
        ("HALL-001", "missing"),
        ("HALL-004", "paper_out"),
        ("HALL-005", "dead_letters"),
    }
    assert ("HALL-003", "missing") not in open_

    def sent(event: str, tid: str, kind: str) -> bool:
        return any(
            (n["event"], n["terminal_id"], n["kind"]) == (event, tid, kind) for n in world.hook
        )

    assert wait_until(lambda: sent("raised", "HALL-004", "paper_out"), 10), world.hook
    assert wait_until(lambda: sent("raised", "HALL-001", "missing"), 10), world.hook

    # paper loaded: the next heartbeat clears the alert, and the duty system hears of it
    world.devices["HALL-004"]["receipt_printer"] = "paper_ok"
    _beat(world, "HALL-004", t0 + timedelta(seconds=60))
    assert wait_until(lambda: sent("cleared", "HALL-004", "paper_out"), 10), world.hook
    browser.get(world.central.url + "/console/alerts")
    cleared = browser.find_element(By.ID, "cleared").text
    assert "HALL-004" in cleared and "paper_out" in cleared
    assert "HALL-004" not in browser.find_element(By.ID, "open").text

    browser.get(world.central.url + "/console/terminals/HALL-004")
    events = browser.find_element(By.ID, "device-events").text
    assert "receipt_printer: paper_out → paper_ok" in events
    assert browser.find_elements(By.CSS_SELECTOR, "#history polyline")
    browser.save_screenshot(str(tmp_path / "terminal.png"))


def test_a_pushed_config_is_taken_up(world: World, browser: webdriver.Chrome) -> None:
    client = world.clients["HALL-003"]
    assert client.puller.pull("config") in ("updated", "unchanged")
    _sign_in(browser, world.central.url, "otto")
    browser.get(world.central.url + "/console/terminals/HALL-003")
    config = json.loads(browser.find_element(By.ID, "config-text").get_attribute("value") or "")
    config["terminal"]["name"] = "县政务服务中心 自助终端 03（东门）"
    box = browser.find_element(By.ID, "config-text")
    box.clear()
    box.send_keys(json.dumps(config, ensure_ascii=False))
    browser.find_element(By.ID, "push").click()
    WebDriverWait(browser, 10).until(lambda d: d.find_elements(By.ID, "msg"))
    assert "v2 pushed by otto" in browser.find_element(By.ID, "msg").text
    assert "waiting" in browser.find_element(By.ID, "taken").text

    assert client.puller.pull("config") == "updated"  # the terminal's next pull
    cached = client.cached("config")
    assert cached is not None and cached.data["version"] == 2
    assert cached.data["config"]["terminal"]["name"].endswith("（东门）")
    browser.refresh()
    assert "v2 fetched by the terminal" in browser.find_element(By.ID, "taken").text


def test_the_days_figures_download_as_csv(
    world: World, browser: webdriver.Chrome, tmp_path: Path
) -> None:
    client = world.clients["HALL-003"]
    client.outbox.enqueue("case.submitted", {"case_id": new_number(NumberKind.CASE)})
    client.outbox.enqueue("rating.submitted", {"level": 1})  # 差评
    client.outbox.enqueue("rating.submitted", {"level": 5})
    while client.relay.send_batch().leased:
        pass
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    browser.execute_cdp_cmd(
        "Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)}
    )
    _sign_in(browser, world.central.url, "vera")
    browser.get(world.central.url + "/console/figures")
    browser.find_element(By.ID, "csv").click()
    assert wait_until(lambda: any(downloads.glob("figures-*.csv")), 15)
    text = next(downloads.glob("figures-*.csv")).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    mine = next(r for r in rows if r["level"] == "terminal" and r["terminal"] == "HALL-003")
    assert (mine["applications"], mine["ratings"], mine["bad_ratings"]) == ("1", "2", "1")
    site = next(r for r in rows if r["level"] == "site")
    assert site["ratings"] == "2"
