"""Layered, validated terminal configuration.

Three TOML layers, later wins: ``config/default.toml`` < a profile (``config/profiles/NAME.toml``,
chosen by the ``profile`` key of the site file) < the terminal's site file (``--config`` or
``KIOSK_CONFIG``). Every leaf remembers which file set it, so a validation error names the file,
the dotted key and the reason: a technician fixing a terminal at 2 a.m. should not have to guess
which of three files is wrong.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from kiosk_app.core.paths import config_dir
from kiosk_app.core.urls import central_url_problem

CAPABILITIES = (
    "checkin",
    "ticket",
    "catalog",
    "certfree",
    "capture",
    "hotline",
    "rating",
    "guide",
    "desk",
)
Capability = Literal[
    "checkin", "ticket", "catalog", "certfree", "capture", "hotline", "rating", "guide", "desk"
]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class TerminalConfig(_Strict):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    name: str = Field(min_length=1, max_length=120)
    location: str = ""
    site: str = ""
    model: str = ""
    window: str = ""


class UiConfig(_Strict):
    language: Literal["zh_CN", "en"] = "zh_CN"
    elder_mode: bool = False
    fullscreen: bool = True
    capabilities: list[Capability] = Field(default_factory=list)


class IdleConfig(_Strict):
    timeout_s: int = Field(90, ge=10, le=3600)
    countdown_s: int = Field(20, ge=5, le=300)
    elder_timeout_s: int = Field(180, ge=10, le=7200)
    elder_countdown_s: int = Field(40, ge=5, le=600)


class TechnicianConfig(_Strict):
    pin_hash: str = Field(min_length=10)
    max_attempts: int = Field(5, ge=1, le=20)
    lockout_s: int = Field(900, ge=10, le=86400)
    gesture_taps: int = Field(5, ge=3, le=10)
    gesture_window_s: float = Field(3.0, gt=0.5, le=10)
    gesture_hold_s: float = Field(1.0, ge=0.3, le=5)
    corner_px: int = Field(120, ge=40, le=400)


class LoggingConfig(_Strict):
    dir: str = ""
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_bytes: int = Field(5_000_000, ge=10_000, le=1_000_000_000)
    backups: int = Field(5, ge=1, le=100)


class DeviceConfig(_Strict):
    adapter: str = Field(min_length=1)
    enabled: bool = True
    params: dict[str, Any] = Field(default_factory=dict)


class WedgeConfig(_Strict):
    """Keyboard-wedge scan guns: keys arriving faster than a person types are a scan."""

    enabled: bool = True
    max_gap_ms: float = Field(35, gt=1, le=500)
    min_length: int = Field(6, ge=1, le=64)
    prefix: str = ""
    suffix: str = "\r"


class SyncConfig(_Strict):
    central_url: str = "http://127.0.0.1:8765"
    token: str = ""
    ca_bundle: str = ""
    heartbeat_s: int = Field(60, ge=5, le=3600)
    pull_s: int = Field(300, ge=10, le=86400)
    batch_size: int = Field(500, ge=1, le=1000)  # events per upload; the service takes <= 1000
    backoff_base_s: float = Field(0.5, gt=0, le=60)
    backoff_cap_s: float = Field(300, gt=0, le=3600)
    timeout_s: float = Field(5, gt=0, le=60)
    interactive_timeout_s: float = Field(4, gt=0, le=30)

    @field_validator("central_url")
    @classmethod
    def _central_url(cls, v: str) -> str:
        problem = central_url_problem(v)
        if problem:
            raise ValueError(problem)
        return v


class GuidesConfig(_Strict):
    base_url: str = "https://zwfw.example.gov.cn/guide"


class ProvisioningConfig(_Strict):
    # "ed25519:<base64 of the 32-byte raw public key>", as `kiosk provision keygen` prints.
    trusted_keys: list[str] = Field(default_factory=list)
    keys_dir: str = ""  # folder of *.pub files, trusted like trusted_keys; empty: none
    install_dir: str = ""  # where bundles are installed; empty: <data dir>/install
    max_bundle_mb: int = Field(1024, ge=1, le=16384)


class MaintenanceConfig(_Strict):
    # Local time of the daily restart window (HH:MM); packaging renders the systemd timer from it.
    daily_restart: str = Field("04:00", pattern=r"^([01]\d|2[0-3]):[0-5]\d$")
    watchdog_s: int = Field(30, ge=5, le=600)  # the unit's WatchdogSec; the app pings at half


class StaffMember(_Strict):
    """A desk clerk who may sign in; the id (``S0001``) is the badge QR's ``ZWFW-GH:`` payload."""

    name: str = Field(min_length=1, max_length=40)
    pin_hash: str = ""  # scrypt hash (`kiosk pin-hash`); empty: badge sign-in only


class DeskConfig(_Strict):
    # staff id (S + 4..8 digits) -> member; a site file lists its own clerks
    staff: dict[Annotated[str, Field(pattern=r"^S\d{4,8}$")], StaffMember] = Field(
        default_factory=dict
    )


class KioskConfig(_Strict):
    profile: str = ""
    terminal: TerminalConfig
    ui: UiConfig = UiConfig()
    idle: IdleConfig = IdleConfig()
    technician: TechnicianConfig
    logging: LoggingConfig = LoggingConfig()
    devices: dict[str, DeviceConfig] = Field(default_factory=dict)
    wedge: WedgeConfig = WedgeConfig()
    sync: SyncConfig = SyncConfig()
    guides: GuidesConfig = GuidesConfig()
    provisioning: ProvisioningConfig = ProvisioningConfig()
    maintenance: MaintenanceConfig = MaintenanceConfig()
    desk: DeskConfig = DeskConfig()


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.key}: {self.reason}" if self.key else f"{self.file}: {self.reason}"
        )


class ConfigError(Exception):
    """Raised for any config that must not be run; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class LoadedConfig:
    config: KioskConfig
    files: tuple[Path, ...]  # the layers in force, lowest first
    origins: dict[str, str]  # dotted key -> file that set it


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError([Problem(str(path), "", "file not found")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError([Problem(str(path), "", f"not valid TOML: {exc}")]) from None
    except OSError as exc:
        raise ConfigError([Problem(str(path), "", f"cannot read: {exc.strerror}")]) from None


def _merge(
    base: dict[str, Any], layer: dict[str, Any], origin: str, origins: dict[str, str], prefix: str
) -> None:
    for key, value in layer.items():
        dotted = f"{prefix}{key}"
        # params and devices are maps of free keys; merge them too, so a site can change one param.
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value, origin, origins, dotted + ".")
        else:
            base[key] = value
            _record(value, origin, origins, dotted)


def _record(value: Any, origin: str, origins: dict[str, str], dotted: str) -> None:
    origins[dotted] = origin
    if isinstance(value, dict):
        for k, v in value.items():
            _record(v, origin, origins, f"{dotted}.{k}")


def _origin_of(dotted: str, origins: dict[str, str], fallback: str) -> str:
    key = dotted
    while key:
        if key in origins:
            return origins[key]
        key = key.rpartition(".")[0]
    return fallback


def profile_path(name: str) -> Path:
    return config_dir() / "profiles" / f"{name}.toml"


def load_config(site_file: str | Path | None = None) -> LoadedConfig:
    """Load default < profile < site file and validate; raise ConfigError naming file and key."""
    if site_file is None:
        env = os.environ.get("KIOSK_CONFIG")
        site_file = Path(env) if env else None
    default = config_dir() / "default.toml"
    layers: list[tuple[Path, dict[str, Any]]] = [(default, _read_toml(default))]
    site: tuple[Path, dict[str, Any]] | None = None
    if site_file is not None:
        site_path = Path(site_file)
        site = (site_path, _read_toml(site_path))
    profile_name = (site[1] if site else {}).get("profile") or layers[0][1].get("profile") or ""
    if profile_name:
        if not isinstance(profile_name, str) or not profile_path(profile_name).is_file():
            src = str(site[0]) if site else str(default)
            known = sorted(p.stem for p in (config_dir() / "profiles").glob("*.toml"))
            raise ConfigError(
                [Problem(src, "profile", f"unknown profile {profile_name!r}; known: {known}")]
            )
        pp = profile_path(profile_name)
        if site is None or site[0].resolve() != pp.resolve():
            layers.append((pp, _read_toml(pp)))
    if site is not None and site[0].resolve() != default.resolve():
        layers.append(site)

    merged: dict[str, Any] = {}
    origins: dict[str, str] = {}
    for path, data in layers:
        _merge(merged, data, str(path), origins, "")
    try:
        cfg = KioskConfig.model_validate(merged)
    except ValidationError as exc:
        problems = []
        top = str(layers[-1][0])
        for err in exc.errors():
            dotted = ".".join(str(p) for p in err["loc"])
            reason = err["msg"]
            if err["type"] == "extra_forbidden":
                reason = "unknown key"
            elif err["type"] == "missing":
                reason = "required key is missing"
            problems.append(Problem(_origin_of(dotted, origins, top), dotted, reason))
        raise ConfigError(problems) from None
    return LoadedConfig(cfg, tuple(p for p, _ in layers), origins)


def public_view(cfg: KioskConfig) -> dict[str, Any]:
    """The config as a plain dict with its secrets (PIN hash, API token) replaced by "(set)", for
    `kiosk config show` and the technician panel."""
    data = cfg.model_dump()
    data["technician"]["pin_hash"] = "(set)"
    if data["sync"]["token"]:
        data["sync"]["token"] = "(set)"
    return data


def idle_limits(cfg: KioskConfig, elder: bool) -> tuple[int, int]:
    """(seconds of no input before the countdown, countdown length); elder mode is longer."""
    if elder:
        return cfg.idle.elder_timeout_s, cfg.idle.elder_countdown_s
    return cfg.idle.timeout_s, cfg.idle.countdown_s
