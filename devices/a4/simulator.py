"""A real CUPS for the demo and the tests: a private cupsd with two queues.

- ``pdf_queue``: a cups-pdf virtual printer (Debian's printer-driver-cups-pdf). CUPS runs its
  full filter chain for a PostScript printer (pdftopdf → pdftops → cups-pdf → Ghostscript), so
  the PDF that comes out is what a real driver chain made of the job: page size, and text that
  survives it. The queue's PDF-to-PostScript renderer is Poppler's pdftocairo (the
  ``pdftops-renderer-default`` queue option cups-filters documents), which keeps the glyphs'
  Unicode names; Ghostscript's own renderer turns CJK text into outlines.
- ``eve_queue``: an IPP Everywhere queue in front of ``ippeveprinter`` (cups-ipp-utils), CUPS's
  own IPP test printer. Its tray can be emptied and refilled (``set_paper``) through the media
  form ippeveprinter serves, after which it reports ``media-empty`` like a real printer.

Everything lives in one temporary folder: cupsd.conf and cups-files.conf (``PreserveJobFiles
No``, ``PreserveJobHistory No``), the spool (``spool_dir``), the cups-pdf output (``pdf_out``),
logs, and cupsd's domain socket (``server``: pass it to the adapter's ``server`` setting); cupsd
listens on no TCP port. Two things cannot be moved into that folder and are cleaned up by
``stop()``: cups-pdf reads its per-queue settings only from /etc/cups/cups-pdf-<name>.conf,
and ippeveprinter will not start without DNS-SD, so it gets a private D-Bus bus and its own
avahi-daemon (restricted to the loopback interface, in its own mount namespace so its pid file
cannot meet a system avahi's).

cupsd must run as root here (the cups-pdf backend is root-only and cupsd drops to ``lp`` for
filters), so ``start()`` raises ``SimulatorUnavailable`` for anyone else, or when a program is
missing (scripts/bootstrap.sh installs them).

Run ``python -m devices.a4.simulator`` to keep one running for manual tests.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.request
import uuid
from pathlib import Path
from typing import Any

PROGRAMS = ("cupsd", "ippeveprinter", "dbus-daemon", "avahi-daemon", "gs", "pdftocairo")
CUPS_PDF_BACKEND = Path("/usr/lib/cups/backend/cups-pdf")
CUPS_PDF_PPD = Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd")
CUPS_PDF_CONF_DIR = Path("/etc/cups")  # compiled into cups-pdf
A4 = "iso_a4_210x297mm"


class SimulatorUnavailable(RuntimeError):
    """This machine cannot run the simulator (not root, or a program is missing)."""


def unavailable_reason() -> str | None:
    """Why the simulator cannot run here, or None when it can."""
    if os.geteuid() != 0:
        return "the CUPS simulator runs cupsd and cups-pdf as root (CI runs as root)"
    missing = [p for p in PROGRAMS if shutil.which(p) is None and not Path("/usr/sbin", p).exists()]
    if not CUPS_PDF_BACKEND.exists():
        missing.append("cups-pdf")
    if missing:
        return f"missing {', '.join(missing)} (scripts/bootstrap.sh installs them)"
    return None


def _which(name: str) -> str:
    return shutil.which(name) or str(Path("/usr/sbin", name))


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(check: object, timeout: float, what: str, proc: subprocess.Popen[bytes] | None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SimulatorUnavailable(f"{what} exited with {proc.returncode}")
        try:
            if check():  # type: ignore[operator]
                return
        except Exception:  # not up yet
            time.sleep(0.05)
            continue
        time.sleep(0.05)
    raise SimulatorUnavailable(f"{what} did not come up within {timeout:g} s")


class CupsSimulator:
    def __init__(self) -> None:
        # its own folder under /tmp: cupsd runs filters as lp, which must reach the spool and
        # the PPDs (pytest's tmp_path lies under a root-only folder)
        self.root = Path(tempfile.mkdtemp(prefix="kiosk-cups-"))
        self.id = f"kiosk-sim-{uuid.uuid4().hex[:8]}"
        self.pdf_queue = "kiosk-pdf"
        self.eve_queue = "kiosk-eve"
        self.eve_port = 0
        self._procs: list[subprocess.Popen[bytes]] = []
        self._cups_pdf_conf = CUPS_PDF_CONF_DIR / f"cups-pdf-{self.id}.conf"

    # -- where things are --------------------------------------------------------------------
    @property
    def server(self) -> str:
        """cupsd's domain socket: the adapter's ``server`` setting."""
        return str(self.root / "cups.sock")

    @property
    def spool_dir(self) -> Path:
        return self.root / "spool"

    @property
    def pdf_out(self) -> Path:
        return self.root / "out"

    @property
    def log_dir(self) -> Path:
        return self.root / "log"

    def spool_files(self) -> list[Path]:
        """Job files cupsd keeps (c##### control, d#####-### data), not its temp folder."""
        return sorted(p for p in self.spool_dir.iterdir() if p.is_file() and p.name[:1] in "cd")

    def printed_pdfs(self) -> list[Path]:
        return sorted(self.pdf_out.glob("*.pdf"))

    # -- lifecycle ------------------------------------------------------------------------------
    def start(self) -> CupsSimulator:
        reason = unavailable_reason()
        if reason:
            raise SimulatorUnavailable(reason)
        try:
            self._start_cupsd()
            self._add_pdf_queue()
            self._start_ippeveprinter()
            self._add_eve_queue()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for proc in reversed(self._procs):
            _terminate(proc)
        self._procs.clear()
        self._cups_pdf_conf.unlink(missing_ok=True)
        shutil.rmtree(self.root, ignore_errors=True)

    def stop_server(self) -> None:
        """Stop cupsd alone (as a crash or an upgrade would); ``start_server`` brings it back."""
        _terminate(self._procs[0])

    def start_server(self) -> None:
        """cupsd again on the same folder and socket: the queues it saved come back with it."""
        self._procs[0] = self._spawn_cupsd()

    def __enter__(self) -> CupsSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- the ippeveprinter's tray -------------------------------------------------------------
    def set_paper(self, sheets: int) -> None:
        """Load the main tray with ``sheets`` of A4 (0: empty → the printer says media-empty).

        ippeveprinter's /media form (a development aid it serves) sets every tray at once; the
        bypass tray follows the main one, so "empty" means no paper anywhere.
        """
        bypass = min(sheets, 25)
        query = (
            f"size1={A4}&type1=stationery&level1={sheets}"
            f"&size3={A4 if bypass else ''}&type3=&level3={bypass}"
        )
        url = f"http://localhost:{self.eve_port}/media?{query}"
        with urllib.request.urlopen(url, timeout=5) as r:
            r.read()

    # -- internals -----------------------------------------------------------------------------
    def _spawn(
        self, argv: list[str], log: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        out = open(self.log_dir / log, "ab")  # noqa: SIM115 (the child keeps it)
        try:
            proc = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=out,
                stderr=subprocess.STDOUT,
                env={**os.environ, **(env or {})},
                start_new_session=True,  # stop() signals the whole group
            )
        finally:
            out.close()
        self._procs.append(proc)
        return proc

    def _start_cupsd(self) -> None:
        r = self.root
        for d in (
            "etc",
            "etc/ppd",
            "spool",
            "spool/tmp",
            "cache",
            "state",
            "log",
            "out",
            "cpspool",
        ):
            (r / d).mkdir(parents=True, exist_ok=True)
        (r / "etc" / "cups-files.conf").write_text(
            f"ServerRoot {r}/etc\nRequestRoot {r}/spool\nTempDir {r}/spool/tmp\n"
            f"CacheDir {r}/cache\nStateDir {r}/state\nServerBin /usr/lib/cups\n"
            "DataDir /usr/share/cups\nDocumentRoot /usr/share/cups/doc-root\n"
            f"AccessLog {r}/log/access_log\nErrorLog {r}/log/error_log\n"
            f"PageLog {r}/log/page_log\nUser lp\nGroup lp\nSystemGroup root\nFileDevice No\n"
        )
        (r / "etc" / "cupsd.conf").write_text(
            f"Listen {self.server}\nLogLevel info\nBrowsing No\nWebInterface No\n"
            "DefaultAuthType None\n"
            # what the kiosk's own cupsd.conf says too (packaging/README.md): a job leaves
            # nothing in the spool once it has ended
            "PreserveJobFiles No\nPreserveJobHistory No\n"
            "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
            # one local user on a test box: job names are no secret from it
            "<Policy default>\n  JobPrivateValues none\n  <Limit All>\n    Order deny,allow\n"
            "  </Limit>\n</Policy>\n"
        )
        subprocess.run(["chown", "-R", "root:lp", str(r)], check=True)
        for folder in (r, r / "etc", r / "cache", r / "state", r / "log"):
            folder.chmod(0o755)
        (r / "spool").chmod(0o710)
        (r / "spool" / "tmp").chmod(0o1770)
        (r / "out").chmod(0o1777)
        self._spawn_cupsd()

    def _spawn_cupsd(self) -> subprocess.Popen[bytes]:
        r = self.root
        Path(self.server).unlink(missing_ok=True)
        cmd = [_which("cupsd"), "-f", "-c", f"{r}/etc/cupsd.conf", "-s", f"{r}/etc/cups-files.conf"]
        proc = self._spawn(cmd, "cupsd.out")
        _wait(lambda: Path(self.server).exists() and _connect(self.server), 15, "cupsd", proc)
        return proc

    def _conn(self) -> Any:
        import cups

        return cups.Connection(host=self.server)

    def _add_pdf_queue(self) -> None:
        r = self.root
        self._cups_pdf_conf.write_text(
            f"Out {r}/out\nAnonDirName {r}/out\nSpool {r}/cpspool\nLog {r}/log\nLogType 3\n"
            "Grp lp\nUserUMask 0077\nTitlePref 1\nLabel 1\n"
        )
        ppd = r / "etc" / "ppd" / "cups-pdf-source.ppd"
        shutil.copyfile(CUPS_PDF_PPD, ppd)
        conn = self._conn()
        conn.addPrinter(
            self.pdf_queue, filename=str(ppd), device=f"cups-pdf:/{self.id}", info="cups-pdf"
        )
        conn.addPrinterOptionDefault(self.pdf_queue, "pdftops-renderer", "pdftocairo")
        conn.addPrinterOptionDefault(self.pdf_queue, "PageSize", "A4")
        conn.enablePrinter(self.pdf_queue)
        conn.acceptJobs(self.pdf_queue)

    def _start_ippeveprinter(self) -> None:
        r = self.root
        bus = f"unix:path={r}/dbus.sock"
        dbus = self._spawn(
            [_which("dbus-daemon"), "--session", f"--address={bus}", "--nofork", "--nopidfile"],
            "dbus.out",
        )
        _wait(lambda: (r / "dbus.sock").exists(), 10, "dbus-daemon", dbus)
        (r / "etc" / "avahi.conf").write_text(
            # loopback only: no mDNS packet leaves this machine
            "[server]\nuse-ipv4=yes\nuse-ipv6=no\nallow-interfaces=lo\nenable-dbus=yes\n"
            "ratelimit-burst=1000\n[wide-area]\nenable-wide-area=no\n[publish]\n"
            "publish-addresses=no\npublish-hinfo=no\npublish-workstation=no\npublish-domain=no\n"
            "[reflector]\nenable-reflector=no\n"
        )
        avahi = (
            f"mkdir -p /run/avahi-daemon && mount -t tmpfs kiosk-sim /run/avahi-daemon && "
            f"exec {_which('avahi-daemon')} --no-drop-root --no-chroot --no-rlimits "
            f"--no-proc-title -f {r}/etc/avahi.conf"
        )
        env = {"DBUS_SYSTEM_BUS_ADDRESS": bus}
        daemon = self._spawn(["unshare", "-m", "sh", "-c", avahi], "avahi.out", env)
        _wait(lambda: b"Server startup complete" in (r / "log" / "avahi.out").read_bytes(), 10,
              "avahi-daemon", daemon)  # fmt: skip
        self.eve_port = _free_port()
        (r / "eve").mkdir(exist_ok=True)
        eve = self._spawn(
            [_which("ippeveprinter"), "-p", str(self.eve_port), "-n", "localhost",
             "-d", str(r / "eve"), "-f", "application/pdf", "-s", "600",
             "-m", "Kiosk A4 simulator", self.id],
            "ippeveprinter.out",
            env,
        )  # fmt: skip
        _wait(self._eve_answers, 10, "ippeveprinter", eve)
        self.set_paper(250)

    def _eve_answers(self) -> bool:
        import cups

        c = cups.Connection(host="localhost", port=self.eve_port)
        c.getPrinterAttributes(uri=self._eve_uri, requested_attributes=["printer-state"])
        return True

    @property
    def _eve_uri(self) -> str:
        return f"ipp://localhost:{self.eve_port}/ipp/print"

    def _add_eve_queue(self) -> None:
        conn = self._conn()
        conn.addPrinter(self.eve_queue, device=self._eve_uri, ppdname="everywhere", info="eve")
        # then waitjob=false: CUPS's ipp backend ends a job once the printer has it, instead of
        # polling the printer until it is done (the IPP Everywhere PPD is made from the plain URI)
        conn.setPrinterDevice(self.eve_queue, self._eve_uri + "?waitjob=false")
        conn.enablePrinter(self.eve_queue)
        conn.acceptJobs(self.eve_queue)


def _connect(path: str) -> bool:
    with contextlib.closing(socket.socket(socket.AF_UNIX)) as s:
        s.settimeout(1)
        s.connect(path)
    return True


def _terminate(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(5)


def main() -> int:
    with CupsSimulator() as sim:
        print(f"cupsd socket: {sim.server}")
        print(
            f"queues: {sim.pdf_queue} (cups-pdf → {sim.pdf_out}), {sim.eve_queue} (ippeveprinter)"
        )
        print(f'config: [devices.a4_printer] adapter = "cups-a4" '
              f'params = {{ server = "{sim.server}", queue = "{sim.pdf_queue}" }}')  # fmt: skip
        print("Ctrl-C stops it")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
