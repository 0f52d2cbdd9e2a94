"""视频帮办 end to end on loopback: the reference service, the kiosk window (its media engine in
a Qt WebEngine child process on Chromium's fake camera and tone) and the agent's console in a
real headless Chromium driven by Selenium. The call connects, pictures flow both ways (getStats
counts decoded frames on each side), the document camera's snapshot reaches the agent and the
case, the citizen ends the call, and after the reset no media device is open and no frame is
left on disk. Faults: the signalling socket dropped mid-call, the agent's page closed."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cv2
import httpx
import numpy as np
import psutil
import pytest
from PySide6.QtCore import Qt
from selenium import webdriver
from selenium.webdriver.common.by import By

from tests.chromium import chromium
from tests.gui.harness import Terminals

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[webdriver.Chrome]:
    with chromium(
        tmp_path_factory.mktemp("agent-chromium"),
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        "--autoplay-policy=no-user-gesture-required",
        "--disable-features=WebRtcHideLocalIpsWithMdns",
    ) as driver:
        yield driver


@pytest.fixture
def desk(terminals: Terminals, tmp_path: Path) -> Iterator[dict[str, Any]]:
    from kiosk_app.core.flows.video_call import EndReason

    r = terminals.start(
        "five-ones-desk", ("doc_camera",), tuning={"sync": {"heartbeat_s": 3600, "pull_s": 3600}}
    )
    try:
        yield {
            "win": r.win,
            "central": r.env.services["central"],
            "data": tmp_path / "data",
            "tmp": tmp_path,
        }
    finally:  # a call still up is ended as a reset would, before the terminal stops
        screen = r.win.flow_screens.get("video")
        if screen is not None:
            screen.end_call(EndReason.RESET)


def console(driver: webdriver.Chrome, url: str) -> None:
    driver.get(url + "/video/console/")
    driver.find_element(By.ID, "username").send_keys("agent01")
    driver.find_element(By.ID, "password").send_keys("demo-agent-2468")
    driver.find_element(By.CSS_SELECTOR, "#sign_in button").click()
    wait_js(
        driver,
        "return !document.getElementById('desk').hidden && state.ws && state.ws.readyState === 1",
    )


def wait_js(driver: webdriver.Chrome, script: str, timeout: float = 20) -> Any:
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(
        lambda d: d.execute_script(script)
    )


AGENT_FRAMES = """
const pc = state.pc; if (!pc) return 0;
const rep = await pc.getStats(); let n = 0;
rep.forEach(r => {
  if (r.type === 'inbound-rtp' && r.kind === 'video') n += r.framesDecoded || 0;
});
return n;"""


def agent_frames(driver: webdriver.Chrome) -> int:
    return int(driver.execute_script("return (async () => {" + AGENT_FRAMES + "})()"))


def click(qtbot: Any, widget: Any) -> None:
    qtbot.waitUntil(widget.isVisible, timeout=10000)
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def start_call(qtbot: Any, win: Any) -> Any:
    screen = win.open_capability("video")
    assert screen is not None and screen.name == "video"
    click(qtbot, screen.start_btn)  # consent given: the engine starts the camera
    qtbot.waitUntil(lambda: screen.wait_page.isVisible(), timeout=20000)
    return screen


def engine_alive(pid: int | None) -> bool:
    if pid is None:
        return False
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


def webengine_children() -> list[psutil.Process]:
    me = psutil.Process()
    return [
        c
        for c in me.children(recursive=True)
        if "QtWebEngine" in c.name() or "kiosk_app.ui.video.engine" in " ".join(c.cmdline())
    ]


def image_files(root: Path) -> list[Path]:
    magic = (b"\xff\xd8\xff", b"\x89PNG", b"RIFF", b"\x1aE\xdf\xa3")
    out = []
    for p in root.rglob("*"):
        if p.is_file() and "central" not in p.name and p.suffix not in (".sqlite3", ".keys"):
            with p.open("rb") as fh:
                if fh.read(4).startswith(magic):
                    out.append(p)
    return out


def test_call_connects_both_ways_shares_the_document_and_leaves_nothing(
    qtbot, desk, browser
) -> None:
    win, central = desk["win"], desk["central"]
    shm_before = set(os.listdir("/dev/shm"))
    console(browser, central.url)
    qtbot.waitUntil(lambda: "doc_camera" in win.bridges, timeout=10000)
    screen = start_call(qtbot, win)
    host = screen.host
    assert engine_alive(host.pid)
    qtbot.waitUntil(lambda: screen.wait_self.frames > 0, timeout=15000)  # "what the agent sees"
    assert screen.wait_place.text() == "下一位就是您。"
    wait_js(browser, "return document.getElementById('queue').children.length === 1")
    where = browser.find_element(By.ID, "queue").text
    assert "演示 社区五个一服务台" in where and "home" in where
    browser.find_element(By.ID, "answer").click()

    # the call: pictures both ways, counted by each side's own getStats
    qtbot.waitUntil(lambda: screen.call_page.isVisible(), timeout=15000)
    qtbot.waitUntil(lambda: screen.flow.first_frame and screen.remote.frames > 3, timeout=20000)
    wait_js(browser, "return document.getElementById('citizen_video').videoWidth > 0")
    qtbot.waitUntil(lambda: agent_frames(browser) > 10, timeout=20000)
    assert screen.first_frame_s is not None
    assert screen.call_status.text().startswith("您正在与 值班坐席 01 通话")

    # the signalling socket drops mid-call: the pictures go on, the link comes back
    frames = screen.remote.frames
    screen.link.drop()
    qtbot.waitUntil(lambda: screen.link.connects >= 2 and not screen.flow.link_down, timeout=15000)
    qtbot.waitUntil(lambda: screen.remote.frames > frames + 10, timeout=10000)
    assert screen.flow.state.value == "call"

    # the agent asks for the document camera; the citizen agrees and sees it is shared
    browser.find_element(By.ID, "ask_doc").click()
    qtbot.waitUntil(lambda: screen.prompt.isVisible(), timeout=10000)
    assert screen.prompt_text.text() == "工作人员请您把材料放在高拍仪下给他看。"
    click(qtbot, screen.prompt_yes)
    qtbot.waitUntil(lambda: screen.banner.isVisible() and screen.doc_view.frames > 2, timeout=10000)
    win.grab().save(str(desk["tmp"] / "video-call-sharing.png"))
    wait_js(browser, "return document.getElementById('doc_video').videoWidth > 0", timeout=20000)
    wait_js(browser, "return !document.getElementById('snapshot').disabled")
    browser.find_element(By.ID, "snapshot").click()
    snap_id = wait_js(
        browser,
        "const li = document.querySelector('#snapshots li'); return li && li.dataset.snapshotId",
    )
    call_id = screen.flow.call_id
    token = httpx.post(
        f"{central.url}/api/v1/video/agent/session",
        json={"username": "agent01", "password": "demo-agent-2468"},
    ).json()["token"]
    auth = {"Authorization": f"Bearer {token}"}
    r = httpx.get(f"{central.url}/api/v1/video/calls/{call_id}/snapshots/{snap_id}", headers=auth)
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
    shot = cv2.imdecode(np.frombuffer(r.content, np.uint8), cv2.IMREAD_COLOR)
    assert shot is not None and shot.shape[1] >= 320
    # the document camera's grey desk, not Chromium's green test camera of the citizen's face
    b, g, r_ = (float(c) for c in shot.reshape(-1, 3).mean(axis=0))
    assert max(b, g, r_) - min(b, g, r_) < 12

    # the citizen ends the call
    click(qtbot, screen.end_btn)
    qtbot.waitUntil(lambda: screen.end_page.isVisible(), timeout=10000)
    assert screen.end_rate.isVisible()
    assert not engine_alive(host.pid)
    wait_js(
        browser, "return document.getElementById('call_title').textContent.startsWith('无通话')"
    )
    record = httpx.get(f"{central.url}/api/v1/video/calls/{call_id}", headers=auth).json()
    assert record["ended_by"] == "terminal" and len(record["snapshots"]) == 1

    # the rating, then the reset: no device open, no frame on disk
    click(qtbot, screen.end_rate)
    qtbot.waitUntil(lambda: win.current_screen().name == "rating", timeout=5000)
    win.end_session("finished")
    assert webengine_children() == []
    assert not screen_is_sharing(win)
    assert image_files(desk["data"]) == []
    leftover = {f for f in set(os.listdir("/dev/shm")) - shm_before if "chromium" in f.lower()}
    assert leftover == set()


def screen_is_sharing(win: Any) -> bool:
    bridge = win.bridges.get("doc_camera")
    return bridge is not None and bridge.receivers("2data(PyObject)") > 1


def test_agent_page_closed_mid_call(qtbot, desk, browser) -> None:
    win, central = desk["win"], desk["central"]
    console(browser, central.url)
    screen = start_call(qtbot, win)
    browser.find_element(By.ID, "answer").click()
    qtbot.waitUntil(lambda: screen.flow.first_frame, timeout=20000)
    browser.get("about:blank")  # the agent's page goes away mid-call
    qtbot.waitUntil(lambda: screen.end_page.isVisible(), timeout=15000)
    assert screen.end_head.text() == "现在没有工作人员可以接听"  # the only agent is gone
    assert screen.end_callback.isVisible()
    assert not engine_alive(screen.host.pid)
    # the citizen leaves a number instead; it goes through the outbox to the centre
    click(qtbot, screen.end_callback)
    screen.cb_phone.setText("13800138000")
    click(qtbot, screen.cb_send)
    qtbot.waitUntil(lambda: screen.end_head.text() == "谢谢您", timeout=5000)
    stored = central.stored
    qtbot.waitUntil(
        lambda: any(e["type"] == "video.callback_requested" for e in stored.events()),
        timeout=15000,
    )
