"""Starts what a terminal on simulators talks to — the reference central service on loopback and a
simulator for every device it uses — and writes the site config that points at them.

The one way to assemble a kiosk on simulators: ``kiosk demo``, the headless walkthrough, the GUI
test fixtures and the soak benchmark all build their terminal here (the fixtures pass shorter
timings through ``tuning``; the soak runs central and the printer in another process and passes
their addresses through ``central_url`` / ``printer_port``). The simulators speak the real
protocols over real channels (TCP for the printer, pty pairs for serial devices, image streams
for cameras), so every one of them exercises the adapters a real terminal runs.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import tomllib
from collections.abc import Callable, Collection, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import tomli_w

from kiosk_app.core.paths import config_dir

if TYPE_CHECKING:
    from devices.idcard.sim import SimCard

log = logging.getLogger(__name__)

DEMO_SITES = {"kiosk-24h": "demo-24h.toml", "five-ones-desk": "demo-desk.toml"}
# the simulated devices each profile's demo terminal has
DEMO_DEVICES = {
    "kiosk-24h": ("printer", "camera_scanner", "idcard"),
    # the community desk's A4 printer beside the PC: a private CUPS (devices/a4/simulator.py),
    # left out with the reason in ``skipped`` where it cannot start (no root, no cupsd)
    "five-ones-desk": ("printer", "scanner", "rating_pad", "doc_camera", "idcard", "a4_printer"),
}
READER_RF_S = 0.3  # a real ID-card reader's radio and SAM time for `30 01`, on top of the wire
NOBODY = "http://127.0.0.1:9"  # the discard port: a central service that never answers

# demo clerks: badge ZWFW-GH:S0001 or number 0001 + PIN 1357; S0002 + PIN 8642
DEMO_STAFF = {
    "S0001": {
        "name": "王晓明",
        "pin_hash": "scrypt$16384$8$1$ZGVzay1kZW1vLVMwMDAxIQ==$"
        "b2fO83Kbx1bma655TrZSJZljLcUPFT3b7ngayKcJv1I=",
    },
    "S0002": {
        "name": "李静",
        "pin_hash": "scrypt$16384$8$1$ZGVzay1kZW1vLVMwMDAyIQ==$"
        "DsLAZA2r43ic+SyUo/kvH84aY6j38QoitTUc25gsKb0=",
    },
}


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


def _merge(into: dict[str, Any], table: Mapping[str, Any]) -> None:
    for key, value in table.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = dict(value) if isinstance(value, Mapping) else value


def _table(doc: dict[str, Any], dotted: str) -> dict[str, Any]:
    for part in dotted.split("."):
        doc = doc.setdefault(part, {})
    return doc


class DemoEnvironment:
    """A terminal's surroundings on loopback. ``start()`` returns the site config to load.

    - ``devices``: the logical devices to simulate (default: the profile's, ``DEMO_DEVICES``);
    - ``central``: True starts the embedded reference service, False points the terminal at a
      port where nobody answers (offline), a URL uses a service already running;
    - ``printer_port``: a printer simulator already listening (the soak's, in its own process);
    - ``tuning``: dotted table → values laid over the rest (``{"sync": {"pull_s": 3600}}``).
    """

    def __init__(
        self,
        profile: str = "kiosk-24h",
        base_site: Path | None = None,
        workdir: Path | None = None,
        *,
        devices: Collection[str] | None = None,
        central: bool | str = True,
        printer_port: int | None = None,
        tuning: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> None:
        self.profile = profile
        self.base_site = base_site or config_dir() / "terminals" / DEMO_SITES[profile]
        self._own_workdir = workdir is None
        self.workdir = workdir or Path(tempfile.mkdtemp(prefix="kiosk-demo-env-"))
        self.devices = tuple(DEMO_DEVICES[profile] if devices is None else devices)
        self.central = central
        self.printer_port = printer_port
        self.tuning = dict(tuning or {})
        self.services: dict[str, Any] = {}
        self._stops: list[Callable[[], None]] = []
        self.tables: dict[str, dict[str, Any]] = {}
        self.skipped: dict[str, str] = {}  # device → why its simulator did not start

    @property
    def terminal_id(self) -> str:
        with self.base_site.open("rb") as fh:
            return str(tomllib.load(fh)["terminal"]["id"])

    def start(self) -> Path:
        """Start the services; return the path of the site config that uses them."""
        try:
            self._start_central()
            for name in self.devices:
                getattr(self, f"_start_{name}")()
            if self.profile == "five-ones-desk":
                self.tables["desk.staff"] = DEMO_STAFF
        except Exception:
            self.stop()
            raise
        return self.write_site()

    # -- the pieces; each registers itself in self.services and its stop in self._stops --------
    def _start_central(self) -> None:
        url = self.central
        if url is True:
            from central.server import EmbeddedCentral
            from central.settings import CentralSettings
            from central.video_config import VideoSettings

            # the demo's centre answers video calls at any hour (a site's keeps its own hours)
            settings = CentralSettings(
                db_path=self.workdir / "central.sqlite3",
                demo=True,
                video=VideoSettings(hours="00:00-24:00"),
            )
            central = EmbeddedCentral(settings.db_path, settings=settings).start()
            self._stops.append(central.stop)
            self.services["central"] = central
            url = central.url
        self.tables["sync"] = {
            "central_url": url if isinstance(url, str) else NOBODY,
            "token": f"demo-token-{self.terminal_id}",
            "heartbeat_s": 30,
            "pull_s": 60,
            "backoff_cap_s": 5,
        }

    def _start_printer(self) -> None:
        port = self.printer_port
        if port is None:
            from devices.printer.simulator import PrinterSimulator

            printer = PrinterSimulator(out_dir=self.workdir / "printed").start()
            self._stops.append(printer.stop)
            self.services["printer_sim"] = printer
            port = printer.port
        self._device("printer", "escpos-network", host="127.0.0.1", port=port)

    def _start_camera_scanner(self) -> None:
        # a synthesised scene in front of the camera; a step holds a code up with
        # ctx.devices.get("camera_scanner") → its capture's show(text)
        self._device("camera_scanner", "camera_scanner", source="scene:", fps=5)

    def _start_scanner(self) -> None:
        from devices.scan.sim_serial import ScannerSimulator

        scanner = ScannerSimulator()
        self._stops.append(scanner.close)
        self.services["scanner_sim"] = scanner
        self._device("scanner", "serial_scanner", port=scanner.path)

    def _start_rating_pad(self) -> None:
        from devices.rating.sim import RatingPadSimulator

        pad = RatingPadSimulator()
        self._stops.append(pad.close)
        self.services["rating_pad_sim"] = pad
        self._device("rating_pad", "rating_pad", port=pad.port.path)

    def _start_doc_camera(self) -> None:
        # drawn desk scenes under the document camera (devices/imaging/adapter.py)
        self._device("doc_camera", "doc_camera", source="sim:scenes", width=1280, height=960)

    def _start_a4_printer(self) -> None:
        """The A4 printer on a private cupsd with a cups-pdf queue (what prints lands as PDF in
        ``services["cups_sim"].printed_pdfs()``) and an ippeveprinter queue whose tray a step
        can empty (``tuning`` ``{"devices.a4_printer.params": {"queue": sim.eve_queue}}`` —
        ``kiosk-eve``). Needs root and Debian's cups packages: without them the terminal has no
        A4 printer and ``skipped["a4_printer"]`` says why (the headless demo must still run)."""
        from devices.a4.simulator import CupsSimulator, SimulatorUnavailable, unavailable_reason

        reason = unavailable_reason()
        if reason is None:
            try:
                sim = CupsSimulator().start()
            except (SimulatorUnavailable, OSError) as exc:
                reason = f"the CUPS simulator did not start: {exc}"
        if reason is not None:
            log.warning("demo without an A4 printer", extra={"reason": reason})
            self.skipped["a4_printer"] = reason
            self.services["a4_printer_skipped"] = reason  # the walkthrough says it, and why
            return
        self._stops.append(sim.stop)
        self.services["cups_sim"] = sim
        self._device("a4_printer", "cups-a4", server=sim.server, queue=sim.pdf_queue)

    def _start_idcard(self) -> None:
        # the resident ID-card reader on a pty; a step lays a demo person's card with
        # lay_card("lina") and lifts it with lift_card()
        from devices.idcard.sim import IdCardSimulator

        reader = IdCardSimulator(read_delay_s=READER_RF_S)
        self._stops.append(reader.close)
        self.services["idcard_sim"] = reader
        self._device("idcard", "idcard_sam", port=reader.path)
        self.tables["devices.idcard"]["enabled"] = True  # the profiles leave it off

    def lay_card(self, holder: str, today: date | None = None) -> None:
        """Lay a demo person's card (a ``central.seed.demo`` holder key) on the simulated reader:
        their card as central knows them (``chenzhiqiang``'s has expired: EXPIRED_CARDS)."""
        self.services["idcard_sim"].place(demo_sim_card(holder, today))

    def lift_card(self) -> None:
        self.services["idcard_sim"].lift()

    def _device(self, name: str, adapter: str, **params: Any) -> None:
        self.tables[f"devices.{name}"] = {"adapter": adapter, "params": params}

    # -- the site file -------------------------------------------------------------------------
    def site_document(self) -> dict[str, Any]:
        """The base site file with the simulators' tables and the tuning laid over it."""
        with self.base_site.open("rb") as fh:
            doc = tomllib.load(fh)
        for dotted, values in [*self.tables.items(), *self.tuning.items()]:
            _merge(_table(doc, dotted), values)
        return doc

    def write_site(self) -> Path:
        site = self.workdir / "site.toml"
        site.write_text(tomli_w.dumps(self.site_document()), encoding="utf-8")
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
