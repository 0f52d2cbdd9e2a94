"""What the provisioning slip says: the terminal's identity, what was installed, the self-test.

The technician leaves the slip with the terminal (or in the site's binder), so it must let
someone with no laptop check later which terminal this is, which bundle it runs and whether
its devices passed. It carries no token or personal data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk_app.provisioning.install import ApplyResult

if TYPE_CHECKING:
    from devices.printer.model import Receipt


@dataclass(frozen=True)
class ProvisioningSlip:
    terminal_id: str
    terminal_name: str
    location: str
    bundle_version: int
    config_version: int
    previous_version: int | None
    installed_at: str
    signer: str
    bundle_sha256: str
    guide_url: str  # printed as a QR code: the terminal's own operating guide
    self_test: dict[str, str] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(v == "ok" for v in self.self_test.values())

    def lines(self) -> list[str]:
        """Plain text lines, for the CLI and as the printer template's fallback."""
        prev = "none (first install)" if self.previous_version is None else self.previous_version
        out = [
            "终端配置单 PROVISIONING SLIP",
            f"终端 Terminal: {self.terminal_id}",
            f"名称 Name: {self.terminal_name}",
            f"位置 Location: {self.location}",
            f"版本 Bundle version: {self.bundle_version} (previous: {prev})",
            f"时间 Installed: {self.installed_at}",
            f"签名 Signed by key: {self.signer}",
            f"校验 Bundle sha256: {self.bundle_sha256[:16]}…",
            f"指南 Guide: {self.guide_url}",
        ]
        if self.self_test:
            out.append("自检 Self-test:")
            out.extend(f"  {name}: {status}" for name, status in sorted(self.self_test.items()))
        else:
            out.append("自检 Self-test: not run")
        return out


def build_slip(result: ApplyResult) -> ProvisioningSlip:
    cfg = result.bundle.config
    return ProvisioningSlip(
        terminal_id=cfg.terminal.id,
        terminal_name=cfg.terminal.name,
        location=cfg.terminal.location,
        bundle_version=result.installed.info.bundle_version,
        config_version=result.installed.info.config_version,
        previous_version=result.previous.info.bundle_version if result.previous else None,
        installed_at=result.installed.info.installed_at,
        signer=result.installed.info.signer,
        bundle_sha256=result.bundle.sha256,
        guide_url=f"{cfg.guides.base_url.rstrip('/')}/{cfg.terminal.id}/",
        self_test=dict(result.self_test),
    )


def slip_receipt(slip: ProvisioningSlip) -> Receipt:
    """The slip as the printer's receipt (devices.printer.templates.provisioning_slip)."""
    from devices.printer.templates import provisioning_slip

    return provisioning_slip(
        terminal_id=slip.terminal_id,
        terminal_name=slip.terminal_name,
        config_version=f"bundle {slip.bundle_version} / config {slip.config_version}",
        guide_url=slip.guide_url,
        applied_at=datetime.fromisoformat(slip.installed_at),
        self_test=[(name, status == "ok") for name, status in sorted(slip.self_test.items())],
    )


def save_slip_png(slip: ProvisioningSlip, path: Path, profile: str = "80mm") -> Path:
    """Render the slip as the printer would print it (for a technician without a printer)."""
    from devices.printer.encoder import encode
    from devices.printer.profiles import get_profile
    from devices.printer.render import render, save_png

    prof = get_profile(profile)
    (image, *_rest) = render(encode(slip_receipt(slip), prof), prof)
    return save_png(image, path)
