"""End to end without a screen: a proof issued by the reference central service, downloaded by
the terminal's client, printed through the print flow on a real CUPS as it came (its
verification QR read back from the paper's PDF), audited through the outbox and accepted by
central; and `kiosk devices test a4_printer` on the same CUPS."""

from __future__ import annotations

import json
import subprocess
import threading

import cv2
import requests
from typer.testing import CliRunner

from central.seed.demo import holder
from central.server import EmbeddedCentral
from contract.results import NotFound, Ok
from devices.a4.adapter import CupsPrinter
from devices.base import DataEvent, DeviceState
from devices.scan import decode
from kiosk_app.cli import app
from kiosk_app.core.config import SyncConfig
from kiosk_app.core.documents.printable import from_proof
from kiosk_app.core.flows.a4print import A4PrintFlow, A4PrintState
from kiosk_app.core.session import Session
from kiosk_app.sync.online import OnlineApi
from kiosk_app.sync.outbox import Outbox

TERMINAL = "HALL-24H-01"


def test_a_proof_prints_as_it_came_with_its_qr_and_is_audited(cups_sim, tmp_path) -> None:
    central = EmbeddedCentral(tmp_path / "central.db", demo=True).start()
    api = OnlineApi(SyncConfig(central_url=central.url, token=f"demo-token-{TERMINAL}"))
    dev = CupsPrinter("a4_printer", {"server": cups_sim.server, "queue": cups_sim.pdf_queue})
    outbox = Outbox(tmp_path / "outbox.sqlite3", TERMINAL)
    try:
        zw = holder("zhangwei")
        # the person is one the service identified (its e-ID resolved): its assertion goes along
        liu = api.resolve_eid("CTID-DEMO-valid-04-".ljust(40, "0"))
        assert isinstance(liu, Ok)
        nobody = api.fetch_proof(
            "social_insurance", id_number=liu.value.id_number, name=liu.value.name,
            assertion=liu.value.assertion,
        )  # fmt: skip
        assert isinstance(nobody, NotFound)  # no insurance record: said plainly
        me = api.resolve_eid("CTID-DEMO-valid-01-".ljust(40, "0"))
        assert isinstance(me, Ok)
        got = api.fetch_proof(
            "social_insurance", id_number=zw.id_number, name=zw.name, assertion=me.value.assertion
        )
        assert isinstance(got, Ok) and got.value.issued.pages == 3

        dev.start()
        assert dev.wait_for(DeviceState.ENABLED, timeout=10)
        session = Session(tmp_path / "session")
        flow = A4PrintFlow(dev, outbox, session, from_proof(got.value), max_copies=3)
        ended = threading.Event()

        def on_event(event: object) -> None:  # the UI's bridge does this on the GUI thread
            if isinstance(event, DataEvent) and flow.job_update(event.payload) and flow.ended:
                ended.set()

        dev.subscribe(on_event)
        assert flow.submit() in (A4PrintState.WAITING, A4PrintState.DONE)
        assert ended.wait(60) or flow.ended
        assert flow.state is A4PrintState.DONE

        (out,) = cups_sim.printed_pdfs()
        text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
        assert "参保证明" in text and "示范县社会保险事业管理中心" in text
        info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
        assert "Pages:           3" in info and "(A4)" in info
        page = tmp_path / "page"
        subprocess.run(["pdftoppm", "-r", "150", "-f", "3", "-l", "3", "-png", str(out),
                        str(page)], check=True)  # fmt: skip
        image = cv2.imread(str(next(tmp_path.glob("page*.png"))))
        assert [s.text for s in decode(image)] == [got.value.issued.verify_url]
        assert requests.get(got.value.issued.verify_url, timeout=5).status_code == 200
        assert cups_sim.spool_files() == []

        (row,) = outbox.lease(10, 60)
        event = json.loads(row.body)
        assert event["type"] == "document.printed"
        assert event["payload"] == {
            "kind": "proof",
            "subkind": "social_insurance",
            "pages": 3,
            "copies": 1,
            "outcome": "printed",
            "unmasked": False,
            "proof_number": got.value.issued.number,
        }
        assert zw.id_number not in row.body and zw.name not in row.body
        answer = requests.post(
            f"{central.url}/api/v1/events:batch",
            json={"events": [event]},
            headers={"Authorization": f"Bearer demo-token-{TERMINAL}"},
            timeout=5,
        ).json()
        assert answer["results"][0]["status"] == "accepted"
        bad = dict(event, key="6a0c1f1e-0000-4000-8000-000000000001")
        bad["payload"] = dict(event["payload"], kind="someone's passport")
        answer = requests.post(
            f"{central.url}/api/v1/events:batch",
            json={"events": [bad]},
            headers={"Authorization": f"Bearer demo-token-{TERMINAL}"},
            timeout=5,
        ).json()
        assert answer["results"][0]["status"] == "rejected"
    finally:
        dev.close()
        outbox.close()
        api.close()
        central.stop()


def test_kiosk_devices_test_prints_the_a4_test_page(cups_sim, tmp_path) -> None:
    site = tmp_path / "site.toml"
    site.write_text(
        f"""profile = "five-ones-desk"
[terminal]
id = "CLI-TEST-01"
name = "cli test"
[devices.a4_printer]
adapter = "cups-a4"
params = {{ server = "{cups_sim.server}", queue = "{cups_sim.pdf_queue}" }}
""",
        encoding="utf-8",
    )
    args = ["devices", "test", "a4_printer", "-c", str(site), "--timeout", "60"]
    r = CliRunner().invoke(app, args)
    assert r.exit_code == 0, r.output
    assert "a4_printer: ok: test page printed" in r.output
    assert "server_keeps_history: False" in r.output
    (out,) = cups_sim.printed_pdfs()
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "A4 打印机测试页" in text
