"""The demo environment's ID-card reader: the site config it writes names a simulated reader on
a pty, the kiosk's own device manager opens it, and a walkthrough step can lay a demo person's
card on it (part of what `kiosk demo` runs)."""

from __future__ import annotations

import queue

import pytest

from central.seed import demo
from devices.base import DataEvent, DeviceState
from devices.idcard.model import CardDetected, CardRead
from devices.manager import DeviceManager
from kiosk_app.core.config import load_config
from kiosk_app.demo.environment import DemoEnvironment


@pytest.mark.parametrize("profile", ["kiosk-24h", "five-ones-desk"])
def test_demo_lays_a_card_on_the_reader_the_kiosk_configured(tmp_path, profile) -> None:
    with DemoEnvironment(profile, workdir=tmp_path / "env") as env:
        site = env.start()
        cfg = load_config(site).config
        assert cfg.devices["idcard"].enabled and cfg.devices["idcard"].adapter == "idcard_sam"
        manager = DeviceManager({"idcard": cfg.devices["idcard"]})
        reader = manager.get("idcard")
        assert reader is not None
        got: queue.Queue[object] = queue.Queue()
        reader.subscribe(lambda e: got.put(e.payload) if isinstance(e, DataEvent) else None)
        manager.start_all()
        try:
            assert reader.wait_for(DeviceState.ENABLED, timeout=5)
            env.lay_card("wangjianguo")
            assert isinstance(got.get(timeout=5), CardDetected)
            read = got.get(timeout=5)
            assert isinstance(read, CardRead)
            text = read.answer.text
            assert text.id_number == demo.holder("wangjianguo").id_number
            assert (text.nation, text.valid_to) == ("03", "长期")
            env.lift_card()
        finally:
            manager.close_all()
