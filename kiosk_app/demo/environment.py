"""Starts what a demo terminal talks to — the reference central service on loopback and a
simulator for every device the profile uses — and writes the site config that points at them.

The simulators speak the real protocols over real channels (TCP for the printer, pty pairs for
serial devices, image streams for cameras), so the demo exercises the same adapters a real
terminal runs.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import tomllib
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk_app.core.paths import config_dir

if TYPE_CHECKING:
    from devices.idcard.sim import SimCard

log = logging.getLogger(__name__)

DEMO_SITES = {"kiosk-24h": "demo-24h.toml", "five-ones-desk": "demo-desk.toml"}
READER_RF_S = 0.3  # a real reader's radio and SAM time for `30 01`, on top of the wire time


def demo_sim_card(holder: str, today: date | None = None) -> SimCard:
    """A demo person's resident ID card (``central.seed.demo``) for the simulated reader."""
    from central.seed import demo
    from devices.idcard.card import CardText, CardType
    from devices.idcard.sim import SimCard

    c = demo.card(demo.holder(holder), today)
    return SimCard(
        CardText(
            CardType.RESIDENT_ID,
            name=c.name,
            sex=c.sex,
            nation=c.nation,
            birth=c.birth,
            address=c.address,
            id_number=c.id_number,
            authority=c.authority,
            valid_from=c.valid_from,
            valid_to=c.valid_to,
        )
    )


def _toml_value(v: Any) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int | float):
        return repr(v)
    if isinstance(v, list):
        return "[" + ", ".join(_toml_value(x) for x in v) + "]"
    s = str(v).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"'


class DemoEnvironment:
    def __init__(
        self, profile: str = "kiosk-24h", base_site: Path | None = None, workdir: Path | None = None
    ) -> None:
        self.profile = profile
        self.base_site = base_site or config_dir() / "terminals" / DEMO_SITES[profile]
        self._own_workdir = workdir is None
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="kiosk-demo-env-"))
        self.services: dict[str, Any] = {}
        self._stops: list[Any] = []
        self.tables: dict[str, dict[str, Any]] = {}

    @property
    def terminal_id(self) -> str:
        with self.base_site.open("rb") as fh:
            return str(tomllib.load(fh)["terminal"]["id"])

    def start(self) -> Path:
        """Start the services; return the path of the site config that uses them."""
        try:
            self._start_services()
        except Exception:
            self.stop()
            raise
        return self.write_site()

    def _start_services(self) -> None:
        """Each piece registers itself in self.services and its stop in self._stops."""
        from central.server import EmbeddedCentral
        from devices.printer.simulator import PrinterSimulator

        central = EmbeddedCentral(self.workdir / "central.sqlite3").start()
        self._stops.append(central.stop)
        self.services["central"] = central
        self.tables["sync"] = {
            "central_url": central.url,
            "token": f"demo-token-{self.terminal_id}",
            "heartbeat_s": 30,
            "pull_s": 60,
            "backoff_cap_s": 5,
        }

        printer = PrinterSimulator(out_dir=self.workdir / "printed").start()
        self._stops.append(printer.stop)
        self.services["printer_sim"] = printer
        self.tables["devices.printer"] = {"adapter": "escpos-network"}
        self.tables["devices.printer.params"] = {"host": "127.0.0.1", "port": printer.port}

        # the resident ID-card reader, both profiles; a step lays a demo person's card with
        # lay_card("lina") and lifts it with lift_card()
        from devices.idcard.sim import IdCardSimulator

        reader = IdCardSimulator(read_delay_s=READER_RF_S)
        self._stops.append(reader.close)
        self.services["idcard_sim"] = reader
        self.tables["devices.idcard"] = {"adapter": "idcard_sam", "enabled": True}
        self.tables["devices.idcard.params"] = {"port": reader.path}

        if self.profile == "kiosk-24h":
            # a synthesised scene in front of the camera; a step holds a code up with
            # ctx.devices.get("camera_scanner") → its capture's show(text)
            self.tables["devices.camera_scanner"] = {"adapter": "camera_scanner"}
            self.tables["devices.camera_scanner.params"] = {"source": "scene:", "fps": 5}
        else:
            from devices.rating.sim import RatingPadSimulator
            from devices.scan.sim_serial import ScannerSimulator

            scanner = ScannerSimulator()
            self._stops.append(scanner.close)
            self.services["scanner_sim"] = scanner
            self.tables["devices.scanner"] = {"adapter": "serial_scanner"}
            self.tables["devices.scanner.params"] = {"port": scanner.path}
            pad = RatingPadSimulator()
            self._stops.append(pad.close)
            self.services["rating_pad_sim"] = pad
            self.tables["devices.rating_pad"] = {"adapter": "rating_pad"}
            self.tables["devices.rating_pad.params"] = {"port": pad.port.path}
            # drawn desk scenes under the document camera (devices/imaging/adapter.py)
            self.tables["devices.doc_camera"] = {"adapter": "doc_camera"}
            self.tables["devices.doc_camera.params"] = {
                "source": "sim:scenes",
                "width": 1280,
                "height": 960,
            }
            # demo clerks: badge ZWFW-GH:S0001 or number 0001 + PIN 1357; S0002 + PIN 8642
            self.tables["desk.staff.S0001"] = {
                "name": "王晓明",
                "pin_hash": "scrypt$16384$8$1$ZGVzay1kZW1vLVMwMDAxIQ==$"
                "b2fO83Kbx1bma655TrZSJZljLcUPFT3b7ngayKcJv1I=",
            }
            self.tables["desk.staff.S0002"] = {
                "name": "李静",
                "pin_hash": "scrypt$16384$8$1$ZGVzay1kZW1vLVMwMDAyIQ==$"
                "DsLAZA2r43ic+SyUo/kvH84aY6j38QoitTUc25gsKb0=",
            }

    # -- the ID-card reader -------------------------------------------------------------------
    def lay_card(self, holder: str, today: date | None = None) -> None:
        """Lay a demo person's card (``central.seed.demo`` holder key) on the simulated reader.

        Their card as central knows them: ``chenzhiqiang``'s has expired (EXPIRED_CARDS)."""
        self.services["idcard_sim"].place(demo_sim_card(holder, today))

    def lift_card(self) -> None:
        self.services["idcard_sim"].lift()

    def write_site(self) -> Path:
        text = self.base_site.read_text(encoding="utf-8")
        extra = []
        for table, values in self.tables.items():
            extra.append(f"\n[{table}]")
            extra += [f"{k} = {_toml_value(v)}" for k, v in values.items()]
        site = self.workdir / "site.toml"
        site.write_text(text + "\n".join(extra) + "\n", encoding="utf-8")
        return site

    def stop(self) -> None:
        while self._stops:
            stop = self._stops.pop()
            try:
                stop()
            except Exception:
                log.exception("demo service failed to stop")
        if self._own_workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> DemoEnvironment:
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
