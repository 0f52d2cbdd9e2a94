"""Technician panel tabs: device diagnostics, sync backlog and dead letters, network check, log
export. Every device and network call runs in the task manager; the panel never waits."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk_app.core.flows.ports import ReceiptPrinter
from kiosk_app.core.log_export import export_logs, usb_targets
from kiosk_app.ui.screens.technician import TECH_TABS
from kiosk_app.ui.widgets import button, label

if TYPE_CHECKING:
    from devices.base import Device, TestResult
    from kiosk_app.provisioning.slip import ProvisioningSlip
    from kiosk_app.provisioning.usb import BundleOnStick
    from kiosk_app.sync.service import SyncService
    from kiosk_app.ui.screens.base import Shell


def _ago(ts: float | None) -> str:
    if ts is None:
        return QCoreApplication.translate("TechTabs", "never")
    return f"{int(time.time() - ts)} s"


class DevicesTab(QWidget):
    """One row per device: state, health, and a test button (test print, test scan, pad ping)."""

    def __init__(self, win: Shell) -> None:
        super().__init__()
        self.win = win
        lay = QVBoxLayout(self)
        grid = QGridLayout()
        lay.addLayout(grid)
        self.results: dict[str, QLabel] = {}
        mgr = win.ctx.devices
        devices = list(mgr) if mgr is not None else []
        for row, dev in enumerate(devices):
            health = dev.check_health()
            text = f"{dev.name}: {health.state.value}" + (
                f" · {health.status}" if health.status else ""
            )
            if health.last_error:
                text += f" · {health.last_error}"
            grid.addWidget(label("body", text), row, 0)
            result = label("muted", "")
            result.setObjectName(f"test_result_{dev.name}")
            self.results[dev.name] = result
            grid.addWidget(result, row, 1)
            b = button("", self.tr("Test"))
            b.setObjectName(f"test_{dev.name}")
            b.clicked.connect(lambda _=False, d=dev: self.run_test(d))
            grid.addWidget(b, row, 2)
            if dev.adapter_name == "doc_camera":
                # the fixed overhead camera: learn its empty mat once, detection then knows it
                c = button("", self.tr("Learn empty mat"))
                c.setObjectName(f"learn_mat_{dev.name}")
                c.clicked.connect(lambda _=False, d=dev: self.learn_mat(d))
                grid.addWidget(c, row, 3)
        if mgr is not None:
            for name, why in mgr.problems.items():
                grid.addWidget(label("error", f"{name}: {why}"), grid.rowCount(), 0, 1, 3)
        video = win.video_help.technician_line()  # 视频帮办: can its media engine load here?
        if video is not None:
            problem, text = video
            line = label("error" if problem else "body", text)
            line.setObjectName("video_engine_status")
            grid.addWidget(line, grid.rowCount(), 0, 1, 3)
        if not devices and (mgr is None or not mgr.problems):
            lay.addWidget(label("body", self.tr("No devices configured")))
        lay.addStretch(1)

    def run_test(self, dev: Device) -> None:
        out = self.results[dev.name]
        out.setText(self.tr("Testing…"))

        def done(result: TestResult) -> None:
            mark = "✔" if result.ok else "✘"
            out.setText(f"{mark} {result.message}")

        self.win.tasks.run(dev.test_transaction, done, lambda exc: out.setText(f"✘ {exc}"))

    def learn_mat(self, dev: Device) -> None:
        """Clear the desk first: every frame taken now is the mat."""
        from devices.imaging.adapter import LearnBackground

        out = self.results[dev.name]
        out.setText(self.tr("Learning the empty mat… keep the desk clear"))
        learned = self.tr("Empty mat learned")

        def done(_: object) -> None:
            out.setText(f"✔ {learned}")

        self.win.tasks.run(
            lambda: dev.submit(LearnBackground()).result(timeout=20),
            done,
            lambda exc: out.setText(f"✘ {exc}"),
        )


class SyncTab(QWidget):
    """Backlog, last success, dead letters (retry / discard), network check, log export."""

    def __init__(self, win: Shell) -> None:
        super().__init__()
        self.win = win
        lay = QVBoxLayout(self)
        self.summary = label("body", "")
        self.summary.setObjectName("sync_summary")
        lay.addWidget(self.summary)
        self.dead = QPlainTextEdit()
        self.dead.setReadOnly(True)
        self.dead.setObjectName("dead_letters")
        lay.addWidget(self.dead, 1)
        row = QHBoxLayout()
        for name, text, slot in (
            ("sync_now", self.tr("Sync now"), self.sync_now),
            ("retry_dead", self.tr("Retry dead letters"), self.retry_dead),
            ("discard_dead", self.tr("Discard dead letters"), self.discard_dead),
            ("net_check", self.tr("Network check"), self.network_check),
            ("export_logs", self.tr("Export logs"), self.export_logs),
        ):
            b = button("", text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            row.addWidget(b)
        lay.addLayout(row)
        self.message = label("muted", "")
        self.message.setObjectName("sync_message")
        lay.addWidget(self.message)
        self.refresh()

    def service(self) -> SyncService | None:
        """The sync service itself: this tab shows its relay status and dead letters, which the
        context's SyncPort (what the flows use) does not name."""
        from kiosk_app.sync.service import SyncService

        sync = self.win.ctx.sync
        return sync if isinstance(sync, SyncService) else None

    def refresh(self) -> None:
        sync = self.service()
        if sync is None:
            self.summary.setText(self.tr("Sync is not running"))
            return
        st = sync.status()
        online = {True: self.tr("online"), False: self.tr("offline"), None: self.tr("unknown")}[
            st.online
        ]
        oldest = "-" if st.oldest_pending_age_s is None else f"{int(st.oldest_pending_age_s)} s"
        central, waiting, oldest_t = (
            self.tr("Central service"),
            self.tr("Waiting to send"),
            self.tr("oldest"),
        )
        dead, last_ok, last_err = (
            self.tr("Dead letters"),
            self.tr("Last successful sync"),
            self.tr("Last error"),
        )
        lines = [
            f"{central}: {online}",
            f"{waiting}: {st.depth}   {oldest_t}: {oldest}",
            f"{dead}: {st.dead}",
            f"{last_ok}: {_ago(st.last_success_at)}",
        ]
        if st.last_error:
            lines.append(f"{last_err}: {st.last_error}")
        self.summary.setText("\n".join(lines))
        self.dead.setPlainText(
            "\n".join(f"{d.key[:8]}  {d.type}  {d.reason}" for d in sync.dead_letters())
        )

    def sync_now(self) -> None:
        sync = self.service()
        if sync is not None:
            sync.sync_now()
        self.refresh()

    def retry_dead(self) -> None:
        sync = self.service()
        if sync is not None:
            n = sync.retry_dead()
            self.message.setText(self.tr("%1 record(s) queued again").replace("%1", str(n)))
        self.refresh()

    def discard_dead(self) -> None:
        sync = self.service()
        if sync is not None:
            n = sync.discard_dead()
            self.message.setText(self.tr("%1 record(s) discarded").replace("%1", str(n)))
        self.refresh()

    def network_check(self) -> None:
        sync = self.service()
        if sync is None:
            return
        self.message.setText(self.tr("Checking…"))
        outcome = {
            "updated": self.tr("reachable (catalog updated)"),
            "unchanged": self.tr("reachable"),
            "offline": self.tr("not reachable"),
            "invalid": self.tr("reachable, but the answer was invalid"),
            "refused": self.tr("reachable, but this terminal was refused (token?)"),
        }
        central = self.tr("Central service")
        self.win.tasks.run(
            lambda: sync.puller.pull("catalog"),
            lambda res: self.message.setText(f"{central}: {outcome.get(res, res)}"),
            lambda exc: self.message.setText(str(exc)),
        )

    def export_logs(self) -> None:
        ctx = self.win.ctx
        lc = ctx.config.logging
        log_dir = Path(lc.dir) if lc.dir else ctx.data_dir / "logs"
        targets = usb_targets()
        dest = targets[0] if targets else ctx.data_dir / "exports"

        ok_text, fail_text = self.tr("Logs exported to"), self.tr("Export failed")

        def done(path: Path) -> None:
            self.message.setText(f"{ok_text} {path}")

        self.win.tasks.run(
            lambda: export_logs(log_dir, dest, ctx.config.terminal.id),
            done,
            lambda exc: self.message.setText(f"{fail_text}: {exc}"),
        )


class ProvisioningTab(QWidget):
    """Apply a signed provisioning bundle or software release from a USB stick, print the
    slip, roll back; the running and the fallback software version."""

    def __init__(self, win: Shell) -> None:
        super().__init__()
        from kiosk_app.provisioning import installer_for  # the panel loads it, not the start
        from kiosk_app.provisioning.software import SoftwareSlots

        self.win = win
        self.installer = installer_for(win.ctx.config)
        self.slots = SoftwareSlots(win.ctx.data_dir / "software")
        lay = QVBoxLayout(self)
        self.installed = label("body", "")
        self.installed.setObjectName("prov_installed")
        lay.addWidget(self.installed)
        self.software = label("body", "")
        self.software.setObjectName("prov_software")
        self.software.setWordWrap(True)
        lay.addWidget(self.software)
        self.bundles = QVBoxLayout()
        lay.addLayout(self.bundles)
        row = QHBoxLayout()
        for name, text, slot in (
            ("prov_scan", self.tr("Look for bundles on USB"), self.scan),
            ("prov_rollback", self.tr("Roll back"), self.rollback),
            ("prov_restart", self.tr("Restart kiosk"), win.restart),
        ):
            b = button("", text)
            b.setObjectName(name)
            b.clicked.connect(slot)
            row.addWidget(b)
        lay.addLayout(row)
        self.message = label("muted", "")
        self.message.setObjectName("prov_message")
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.show_installed()

    def show_installed(self) -> None:
        cur = self.installer.current()
        if cur is None:
            self.installed.setText(self.tr("Not provisioned from a bundle"))
        else:
            i = cur.info
            bundle_t, config_t = self.tr("Installed bundle"), self.tr("config")
            self.installed.setText(
                f"{bundle_t}: {i.terminal_id} v{i.bundle_version} ({config_t} v{i.config_version})"
            )
        self.software.setText(self.software_text())

    def software_text(self) -> str:
        """Running and fallback version, a release waiting, the last update's outcome."""
        import kiosk_app

        st = self.slots.status()
        states = {
            "available": self.tr("offered"),
            "downloading": self.tr("downloading"),
            "ready": self.tr("verified"),
            "trial": self.tr("being tried"),
            "committed": self.tr("kept"),
            "rolled_back": self.tr("rolled back"),
            "refused": self.tr("refused"),
            "withdrawn": self.tr("withdrawn"),
        }
        running, fallback = self.tr("Software running"), self.tr("fallback")
        waiting, last = self.tr("Waiting to be tried"), self.tr("Last update")
        lines = [f"{running}: {kiosk_app.__version__} · {fallback}: {st.fallback or '-'}"]
        if st.trial:
            lines.append(f"{waiting}: {st.trial}")
        if st.update:
            u = st.update
            what = states.get(str(u.get("state")), str(u.get("state")))
            line = f"{last}: {u.get('version') or '-'} {what}"
            lines.append(line + (f" ({u['reason']})" if u.get("reason") else ""))
        return "\n".join(lines)

    def scan(self, roots: Any = None) -> None:
        self.message.setText(self.tr("Looking…"))
        none_found = self.tr("No bundle found on a USB stick")
        args = () if roots is None else (roots,)
        from kiosk_app.provisioning.usb import find_bundles

        def found(items: list[BundleOnStick]) -> None:
            while self.bundles.count():
                taken = self.bundles.takeAt(0)
                w = taken.widget() if taken is not None else None
                if w is not None:
                    w.deleteLater()
            self.message.setText("" if items else none_found)
            for item in items:
                b = button("primary", f"{item.label}  {item.path.name}")
                b.setObjectName(f"prov_apply_{item.path.name}")
                act = self.apply_release if item.kind == "release" else self.apply
                b.clicked.connect(lambda _=False, p=item.path, act=act: act(p))
                self.bundles.addWidget(b)

        self.win.tasks.run(lambda: find_bundles(*args), found, self._failed)

    def apply(self, bundle: Path) -> None:
        ctx = self.win.ctx
        self.message.setText(self.tr("Verifying and installing…"))
        done_text = self.tr("Installed. Restart the kiosk to use it.")
        from kiosk_app.provisioning.slip import build_slip, slip_receipt
        from kiosk_app.services import running_self_test

        self_test = running_self_test(ctx)

        def work() -> ProvisioningSlip:
            slip = build_slip(self.installer.apply(bundle, self_test=self_test))
            printer = ctx.devices.get("printer") if ctx.devices is not None else None
            if isinstance(printer, ReceiptPrinter):
                printer.print_receipt(slip_receipt(slip), "provisioning slip").result(timeout=30)
            return slip

        def done(slip: ProvisioningSlip) -> None:
            self.show_installed()
            self.message.setText(done_text + "\n" + "\n".join(slip.lines()))

        self.win.tasks.run(work, done, self._failed)

    def apply_release(self, release: Path) -> None:
        """Software from the stick: verified, unpacked into the spare slot, tried at the next
        start (the launcher keeps it only if it proves itself; provisioning/boot.py)."""
        ctx = self.win.ctx
        self.message.setText(self.tr("Verifying and installing…"))
        done_text = self.tr(
            "Installed into the spare slot. Restart the kiosk to try it: it is kept only if it"
            " reaches its home screen and passes the device self-test; otherwise the terminal"
            " goes back to this version by itself."
        )

        def work() -> str:
            from kiosk_app.provisioning.release import StageOptions, effective_keys, stage_release

            trusted = effective_keys(ctx.config.updates, self.slots.read_state(), "release")
            options = StageOptions.from_config(ctx.config, "usb", "next-start")
            verified, _slot = stage_release(self.slots, release, trusted, options)
            return verified.version

        def done(version: str) -> None:
            self.show_installed()
            self.message.setText(f"kiosk {version}: {done_text}")

        self.win.tasks.run(work, done, self._failed)

    def rollback(self) -> None:
        done_text = self.tr("Rolled back. Restart the kiosk to use it.")

        def done(_: object) -> None:
            self.show_installed()
            self.message.setText(done_text)

        self.win.tasks.run(self.installer.rollback, done, self._failed)

    def _failed(self, exc: BaseException) -> None:
        # the installer changed nothing; say why in its own words
        self.message.setText(f"✘ {exc}")


def _provisioning_tab(win: Shell) -> tuple[str, QWidget]:
    return QCoreApplication.translate("TechTabs", "Provisioning"), ProvisioningTab(win)


def _devices_tab(win: Shell) -> tuple[str, QWidget]:
    return QCoreApplication.translate("TechTabs", "Diagnostics"), DevicesTab(win)


def _sync_tab(win: Shell) -> tuple[str, QWidget]:
    return QCoreApplication.translate("TechTabs", "Sync"), SyncTab(win)


TECH_TABS.extend([_devices_tab, _sync_tab, _provisioning_tab])
