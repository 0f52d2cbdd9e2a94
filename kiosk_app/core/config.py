"""Layered, validated terminal configuration.

Three TOML layers, later wins: ``config/default.toml`` < a profile (``config/profiles/NAME.toml``,
chosen by the ``profile`` key of the site file) < the terminal's site file (``--config`` or
``KIOSK_CONFIG``). Every leaf remembers which file set it, so a validation error names the file,
the dotted key and the reason: a technician fixing a terminal at 2 a.m. should not have to guess
which of three files is wrong.
"""

from __future__ import annotations

import os
import re
import tomllib
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
from msgspec import Meta, Struct, field

from kiosk_app.core.paths import config_dir
from kiosk_app.core.urls import central_url_problem

CAPABILITIES = (
    "checkin",
    "ticket",
    "catalog",
    "certfree",
    "capture",
    "hotline",
    "progress",
    "rating",
    "guide",
    "desk",
    "video",
    "identity",  # no tile of its own: the step the flows above ask (身份核验); it has a guide
    "proofs",
    "utility",
    "nearby",
)
Capability = Literal[
    "checkin",
    "ticket",
    "catalog",
    "certfree",
    "capture",
    "hotline",
    "progress",
    "rating",
    "guide",
    "desk",
    "video",
    "identity",
    "proofs",
    "utility",
    "nearby",
]

# The schema is msgspec Structs, not pydantic models: the config is read before the first
# paint, and msgspec imports and validates in a few milliseconds where pydantic takes ~0.1 s.
# Constraints (Meta) apply when a file is loaded; constructing a Struct in code trusts the caller.


class _Strict(Struct, frozen=True, forbid_unknown_fields=True):
    """Unknown keys are errors (a typo must not silently fall back to a default). Subclasses
    repeat frozen=True for the type checker; msgspec would inherit it anyway."""


def _text(lo: int = 0, hi: int | None = None, pattern: str | None = None) -> Meta:
    return Meta(min_length=lo, max_length=hi, pattern=pattern)


class TerminalConfig(_Strict, frozen=True):
    id: Annotated[str, _text(1, 64, r"^[A-Za-z0-9._-]+$")]
    name: Annotated[str, _text(1, 120)]
    location: str = ""
    site: str = ""
    model: str = ""
    window: str = ""


class UiConfig(_Strict, frozen=True):
    language: Literal["zh_CN", "en"] = "zh_CN"
    elder_mode: bool = False
    fullscreen: bool = True
    capabilities: list[Capability] = field(default_factory=list)
    # spoken prompts (screen titles, the idle question, queue numbers): in elder mode, always, off
    voice: Literal["off", "elder", "always"] = "elder"
    voice_engine: str = "speechd"  # a Qt TextToSpeech engine


class IdleConfig(_Strict, frozen=True):
    timeout_s: Annotated[int, Meta(ge=10, le=3600)] = 90
    countdown_s: Annotated[int, Meta(ge=5, le=300)] = 20
    elder_timeout_s: Annotated[int, Meta(ge=10, le=7200)] = 180
    elder_countdown_s: Annotated[int, Meta(ge=5, le=600)] = 40


class TechnicianConfig(_Strict, frozen=True):
    pin_hash: Annotated[str, _text(10)]
    max_attempts: Annotated[int, Meta(ge=1, le=20)] = 5
    lockout_s: Annotated[int, Meta(ge=10, le=86400)] = 900
    gesture_taps: Annotated[int, Meta(ge=3, le=10)] = 5
    gesture_window_s: Annotated[float, Meta(gt=0.5, le=10)] = 3.0
    gesture_hold_s: Annotated[float, Meta(ge=0.3, le=5)] = 1.0
    corner_px: Annotated[int, Meta(ge=40, le=400)] = 120


class LoggingConfig(_Strict, frozen=True):
    dir: str = ""
    level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    max_bytes: Annotated[int, Meta(ge=10_000, le=1_000_000_000)] = 5_000_000
    backups: Annotated[int, Meta(ge=1, le=100)] = 5


class DeviceConfig(_Strict, frozen=True):
    adapter: Annotated[str, _text(1)]
    enabled: bool = True
    # checked against the adapter's own settings schema (``device_problems``)
    params: dict[str, Any] = field(default_factory=dict)


class WedgeConfig(_Strict, frozen=True):
    """Keyboard-wedge scan guns: keys arriving faster than a person types are a scan."""

    enabled: bool = True
    max_gap_ms: Annotated[float, Meta(gt=1, le=500)] = 35
    min_length: Annotated[int, Meta(ge=1, le=64)] = 6
    prefix: str = ""
    suffix: str = "\r"


class SyncConfig(_Strict, frozen=True):
    # plain http only to loopback; checked by load_config (central_url_problem)
    central_url: str = "http://127.0.0.1:8765"
    token: str = ""
    ca_bundle: str = ""
    heartbeat_s: Annotated[int, Meta(ge=5, le=3600)] = 60
    pull_s: Annotated[int, Meta(ge=10, le=86400)] = 300
    # events per upload; the service takes <= 1000
    batch_size: Annotated[int, Meta(ge=1, le=1000)] = 500
    backoff_base_s: Annotated[float, Meta(gt=0, le=60)] = 0.5
    backoff_cap_s: Annotated[float, Meta(gt=0, le=3600)] = 300
    timeout_s: Annotated[float, Meta(gt=0, le=60)] = 5
    interactive_timeout_s: Annotated[float, Meta(gt=0, le=30)] = 4


class GuidesConfig(_Strict, frozen=True):
    base_url: str = "https://zwfw.example.gov.cn/guide"
    # The help line on every page of this terminal's guide (a community desk answers its own
    # phone); empty: the hall's, from config/guides/hall.toml. Same pattern as guides.model.Help.
    help_phone: Annotated[str, _text(0, 25, r"^(\+?[0-9(][0-9 ()-]{2,23}[0-9])?$")] = ""
    help_hours: Annotated[str, _text(0, 60)] = ""  # in Chinese: 周一至周五 9:00–17:00
    help_hours_en: Annotated[str, _text(0, 80)] = ""  # the same in English


class ProvisioningConfig(_Strict, frozen=True):
    # "ed25519:<base64 of the 32-byte raw public key>", as `kiosk provision keygen` prints.
    trusted_keys: list[str] = field(default_factory=list)
    keys_dir: str = ""  # folder of *.pub files, trusted like trusted_keys; empty: none
    install_dir: str = ""  # where bundles are installed; empty: <data dir>/install
    max_bundle_mb: Annotated[int, Meta(ge=1, le=16384)] = 1024


class MaintenanceConfig(_Strict, frozen=True):
    # Local time of the daily restart window (HH:MM); packaging renders the systemd timer from it.
    daily_restart: Annotated[str, _text(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")] = "04:00"
    watchdog_s: Annotated[int, Meta(ge=5, le=600)] = 30  # the unit's WatchdogSec; pinged at half


class UpdatesConfig(_Strict, frozen=True):
    """Signed software updates (kiosk_app/provisioning/agent.py, boot.py; packaging/README.md).

    The keys are trust anchors, separate from provisioning.trusted_keys (the config key): a
    config push cannot change them (push.py keeps the installed ones), only a bundle or a
    release the old keys signed."""

    enabled: bool = True
    # the county's release keys (sign release artifacts), "ed25519:<base64>"
    release_keys: list[str] = field(default_factory=list)
    # the central service's metadata keys (sign the expiring "latest release" document)
    metadata_keys: list[str] = field(default_factory=list)
    check_s: Annotated[int, Meta(ge=60, le=86400)] = 900  # how often to ask for the latest
    # a new version must reach its home screen and pass the device self-test within deadline_s,
    # then keep running settle_s, or the terminal goes back to the previous version by itself
    deadline_s: Annotated[int, Meta(ge=10, le=600)] = 90
    settle_s: Annotated[int, Meta(ge=0, le=3600)] = 30
    trial_attempts: Annotated[int, Meta(ge=1, le=5)] = 2  # starts cut short (power) allowed
    # installed at the daily restart (maintenance.daily_restart) within this many minutes, or
    # at the first start after the machine booted (a desk switched off at night)
    window_minutes: Annotated[int, Meta(ge=5, le=720)] = 60
    max_release_mb: Annotated[int, Meta(ge=1, le=16384)] = 2048


class StaffMember(_Strict, frozen=True):
    """A desk clerk who may sign in; the id (``S0001``) is the badge QR's ``ZWFW-GH:`` payload."""

    name: Annotated[str, _text(1, 40)]
    pin_hash: str = ""  # scrypt hash (`kiosk pin-hash`); empty: badge sign-in only


class DeskConfig(_Strict, frozen=True):
    # staff id (S + 4..8 digits) -> member; a site file lists its own clerks
    staff: dict[Annotated[str, _text(pattern=r"^S\d{4,8}$")], StaffMember] = field(
        default_factory=dict
    )


class A4Config(_Strict, frozen=True):
    """A4 printing (licence copies, proofs, checklists) through the ``a4_printer`` device."""

    # copies a citizen may ask for at once: the print preview's stepper stops there
    max_copies: Annotated[int, Meta(ge=1, le=20)] = 3


class VideoConfig(_Strict, frozen=True):
    """视频帮办 (kiosk_app/ui/video): the tile shows where the profile lists "video"."""

    enabled: bool = False  # the site offers video help at all
    # the county records this terminal's calls (on the agent's side; the consent screen says so)
    recording: bool = False
    camera_label: Annotated[str, _text(0, 120)] = ""  # part of the face camera's name; "": first
    fake_media: bool = False  # Chromium's test camera and tone (the demo and the tests only)


class RatingConfig(_Strict, frozen=True):
    """好差评 (contract/ratings.py): what the GB/T 39046 record needs from the site, and the
    promise a 差评 gets while the central service's own window cannot be asked (offline)."""

    # 行政区划代码 of the county (6 digits) or township (12); 350999 is the demo county's
    division_code: Annotated[str, _text(pattern=r"^\d{6}(\d{6})?$")] = "350999"
    # a 差评 is followed up within this many working days (the central's value wins when online)
    followup_working_days: Annotated[int, Meta(ge=1, le=60)] = 15


class KioskConfig(_Strict, frozen=True, kw_only=True):
    profile: str = ""
    terminal: TerminalConfig
    ui: UiConfig = field(default_factory=UiConfig)
    idle: IdleConfig = field(default_factory=IdleConfig)
    technician: TechnicianConfig
    logging: LoggingConfig = field(default_factory=LoggingConfig)
    devices: dict[str, DeviceConfig] = field(default_factory=dict)
    wedge: WedgeConfig = field(default_factory=WedgeConfig)
    sync: SyncConfig = field(default_factory=SyncConfig)
    guides: GuidesConfig = field(default_factory=GuidesConfig)
    provisioning: ProvisioningConfig = field(default_factory=ProvisioningConfig)
    maintenance: MaintenanceConfig = field(default_factory=MaintenanceConfig)
    updates: UpdatesConfig = field(default_factory=UpdatesConfig)
    desk: DeskConfig = field(default_factory=DeskConfig)
    a4: A4Config = field(default_factory=A4Config)
    video: VideoConfig = field(default_factory=VideoConfig)
    rating: RatingConfig = field(default_factory=RatingConfig)


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
        if prefix == "devices." and _other_adapter(base.get(key), value):
            # a layer that puts another adapter on this device replaces it whole: the lower
            # layer's params were that other adapter's (a USB printer's ids mean nothing to a
            # network printer) and would be refused as unknown keys
            for stale in [k for k in origins if k.startswith(dotted + ".")]:
                del origins[stale]
            base[key] = {}
        # params and devices are maps of free keys; merge them too, so a site can change one param.
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            _merge(base[key], value, origin, origins, dotted + ".")
        else:
            base[key] = value
            _record(value, origin, origins, dotted)


def _other_adapter(below: Any, above: Any) -> bool:
    return (
        isinstance(below, dict)
        and isinstance(above, dict)
        and "adapter" in above
        and above["adapter"] != below.get("adapter")
    )


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


def _check(merged: dict[str, Any]) -> list[tuple[str, str]]:
    """(dotted key, reason) for every problem of the merged layers and the central URL rule."""
    found = _problems("", merged, KioskConfig)
    sync = merged.get("sync")
    url = sync.get("central_url") if isinstance(sync, dict) else None
    if isinstance(url, str) and (problem := central_url_problem(url)):
        found.append(("sync.central_url", problem))
    guides = merged.get("guides")
    if isinstance(guides, dict) and guides.get("help_phone") and not guides.get("help_hours"):
        # a number without its hours sends a citizen calling at 2 a.m. to a closed office
        found.append(("guides.help_phone", "needs guides.help_hours (when someone answers)"))
    return found


def _problems(key: str, value: Any, typ: Any) -> list[tuple[str, str]]:
    """Every problem under `key`, not just the first: msgspec stops at the first one, so a
    table that fails is checked again key by key — a technician sees all of them at once."""
    try:
        msgspec.convert(value, typ)
        return []
    except msgspec.ValidationError as exc:
        message = str(exc)
    found: list[tuple[str, str]] = []
    if isinstance(value, dict) and isinstance(typ, type) and issubclass(typ, Struct):
        fields = {f.name: f for f in msgspec.structs.fields(typ)}
        for k, v in value.items():
            if k in fields:
                found += _problems(_join(key, k), v, fields[k].type)
            else:
                found.append((_join(key, k), "unknown key"))
        found += [
            (_join(key, f.name), "required key is missing")
            for f in fields.values()
            if f.required and f.name not in value
        ]
    elif isinstance(value, dict) and typing.get_origin(typ) is dict:
        key_type, value_type = typing.get_args(typ)
        for k, v in value.items():
            found += [
                (_join(key, k), f"not a valid name: {r}") for _, r in _problems("", k, key_type)
            ]
            found += _problems(_join(key, k), v, value_type)
    return found or [_explain(key, message, value)]


def _join(key: str, name: object) -> str:
    return f"{key}.{name}" if key else str(name)


_AT = re.compile(r"^(?P<msg>.*?)(?: - at `\$(?P<path>[^`]*)`)?$", re.DOTALL)


def _explain(key: str, message: str, value: Any) -> tuple[str, str]:
    """msgspec's "Expected `int` >= 10 - at `$[1]`" as ("<key>.1", "expected int >= 10, got 5")."""
    m = _AT.match(message)
    assert m is not None  # the pattern matches any text
    msg, path = m["msg"].replace("`", ""), m["path"] or ""
    if path:
        key += re.sub(r"\[(\d+)\]", r".\1", path)
        index = re.fullmatch(r"\[(\d+)\]", path)
        value = value[int(index[1])] if index and isinstance(value, list) else None
    if msg.startswith("Invalid enum value") and (allowed := _allowed_values(key)):
        msg += "; allowed: " + " or ".join(repr(v) for v in allowed)
    elif msg.startswith("Expected") and "got" not in msg and value is not None:
        msg += f", got {value!r}"
    return key, msg[0].lower() + msg[1:]


def _allowed_values(dotted: str) -> tuple[Any, ...]:
    """The choices of the Literal field at a dotted key (``ui.language``), for the message."""
    from msgspec import inspect as mi  # only when a config is wrong: not on every start

    t: mi.Type = mi.type_info(KioskConfig)
    for part in dotted.split("."):
        if isinstance(t, mi.StructType):
            t = next((f.type for f in t.fields if f.name == part), mi.AnyType())
        elif isinstance(t, mi.ListType):
            t = t.item_type
        elif isinstance(t, mi.DictType):
            t = t.value_type
    return t.values if isinstance(t, mi.LiteralType) else ()


def device_problems(loaded: LoadedConfig) -> list[Problem]:
    """Every device whose adapter is not installed or whose params do not fit the adapter's
    settings schema (``devices.settings``), naming the file, the device and the key.

    Apart from ``load_config``'s schema check because it imports the adapters (OpenCV for the
    cameras, python-escpos): the kiosk runs it just after its first paint, ``kiosk config
    check`` and provisioning at once."""
    import difflib

    from devices.errors import DeviceConfigError
    from devices.registry import adapter_class, available_adapters

    top = str(loaded.files[-1])
    found: list[tuple[str, str]] = []
    for name, dev in loaded.config.devices.items():
        try:
            cls = adapter_class(dev.adapter)
        except DeviceConfigError as exc:
            reason = str(exc)
            close = difflib.get_close_matches(dev.adapter, available_adapters(), n=1)
            if close:
                reason += f"; did you mean {close[0]!r}?"
            found.append((f"devices.{name}.adapter", reason))
            continue
        found += _problems(f"devices.{name}.params", dict(dev.params), cls.settings_type)
    return [Problem(_origin_of(key, loaded.origins, top), key, reason) for key, reason in found]


def load_config(site_file: str | Path | None = None, *, check_devices: bool = True) -> LoadedConfig:
    """Load default < profile < site file and validate; raise ConfigError naming file and key.

    ``check_devices=False`` leaves the adapters' settings to a later ``device_problems`` (the
    kiosk's start, which must paint before it imports them)."""
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
    top = str(layers[-1][0])
    problems = [
        Problem(_origin_of(key, origins, top), key, reason) for key, reason in _check(merged)
    ]
    if problems:
        raise ConfigError(problems)
    cfg = msgspec.convert(merged, KioskConfig)
    loaded = LoadedConfig(cfg, tuple(p for p, _ in layers), origins)
    if check_devices and (problems := device_problems(loaded)):
        raise ConfigError(problems)
    return loaded


# The technician PIN of the demo and the README (2468): published, so it may open the technician
# panel (and so exit the kiosk) only in the demo. Its hash is the one config/default.toml holds.
DEMO_PIN = "2468"
DEMO_PIN_HASH = (
    "scrypt$16384$8$1$85W4KXx1kHjz1cVRbdWYEg==$35k0vJlnjpcncWX1F13dP2E96XQp3OCCa1rztcIiqWc="
)


def pin_problems(loaded: LoadedConfig, *, demo: bool, thorough: bool = False) -> list[Problem]:
    """Why this config must not run a real terminal's technician panel, or [] (also in the
    demo, which is allowed the published PIN explicitly: ``demo=True``).

    Outside the demo a site file must set its own ``technician.pin_hash``: a default inherited
    from config/default.toml is the published demo PIN. ``thorough`` also tries the demo PIN
    against the hash (an scrypt, ~40 ms: for ``config check`` and bundles, not every start).
    """
    if demo:
        return []
    key = "technician.pin_hash"
    site = loaded.files[-1] if len(loaded.files) > 1 else None
    if site is None:
        return [
            Problem(
                str(loaded.files[0]),
                "",
                "no site file: a terminal runs on its own site file (--config or KIOSK_CONFIG) "
                "with its own technician.pin_hash; only `kiosk demo` runs on the defaults",
            )
        ]
    pin_hash = loaded.config.technician.pin_hash
    own = loaded.origins.get(key) == str(site)
    why = ""
    if not own:
        why = "the site file must set its own (`kiosk pin-hash` prints one); the default is the "
        why += "published demo PIN, which opens the technician panel and exits the kiosk"
    elif pin_hash == DEMO_PIN_HASH:
        why = "this is the published demo PIN's hash; set the site's own (`kiosk pin-hash`)"
    elif thorough:
        from kiosk_app.core.pin import verify_pin  # scrypt: only where asked for

        if verify_pin(DEMO_PIN, pin_hash):
            why = "this hash is of the published demo PIN; set another (`kiosk pin-hash`)"
    return [Problem(str(site), key, why)] if why else []


def public_view(cfg: KioskConfig) -> dict[str, Any]:
    """The config as a plain dict with its secrets (PIN hash, API token) replaced by "(set)", for
    `kiosk config show` and the technician panel."""
    data: dict[str, Any] = msgspec.to_builtins(cfg)
    data["technician"]["pin_hash"] = "(set)"
    if data["sync"]["token"]:
        data["sync"]["token"] = "(set)"
    return data


def idle_limits(cfg: KioskConfig, elder: bool) -> tuple[int, int]:
    """(seconds of no input before the countdown, countdown length); elder mode is longer."""
    if elder:
        return cfg.idle.elder_timeout_s, cfg.idle.elder_countdown_s
    return cfg.idle.timeout_s, cfg.idle.countdown_s
