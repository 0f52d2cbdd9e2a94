"""Reading the guide's sources: capability content, device labels, the hall manifest, the catalog.

Layout of a sources folder (``config/guides/`` in the repo)::

    content/<capability>.toml   steps and tips of one capability, zh_CN and English
    devices.toml                device kind -> label in both languages
    hall.toml                   [hall], [profiles.NAME] defaults, [[terminal]] manifests

Every problem found is collected and raised together as :class:`SourceError`, each naming the file,
the dotted key and the reason, so one run of the build shows everything that needs fixing.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from guides.model import (
    CapabilityGuide,
    Catalog,
    DeviceLabel,
    Hall,
    ProfileDefaults,
    TerminalManifest,
)

_M = TypeVar("_M", bound=BaseModel)


@dataclass(frozen=True)
class Problem:
    file: str
    key: str
    reason: str

    def __str__(self) -> str:
        return (
            f"{self.file}: {self.key}: {self.reason}" if self.key else f"{self.file}: {self.reason}"
        )


class SourceError(Exception):
    """The sources cannot be built from; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True)
class Sources:
    capabilities: dict[str, CapabilityGuide]
    devices: dict[str, DeviceLabel]
    hall: Hall
    profiles: dict[str, ProfileDefaults]
    terminals: list[TerminalManifest]


@dataclass
class _Collector:
    problems: list[Problem] = field(default_factory=list)

    def validate(self, model: type[_M], data: Any, file: Path, prefix: str = "") -> _M | None:
        try:
            return model.model_validate(data)
        except ValidationError as exc:
            for err in exc.errors():
                dotted = ".".join(str(p) for p in (prefix, *err["loc"]) if p != "")
                reason = err["msg"]
                if err["type"] == "extra_forbidden":
                    reason = "unknown key"
                elif err["type"] == "missing":
                    reason = "required key is missing"
                self.problems.append(Problem(str(file), dotted, reason))
            return None


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise SourceError([Problem(str(path), "", "file not found")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise SourceError([Problem(str(path), "", f"not valid TOML: {exc}")]) from None
    except OSError as exc:
        raise SourceError([Problem(str(path), "", f"cannot read: {exc.strerror}")]) from None


def load_sources(folder: Path) -> Sources:
    """Load and cross-check a sources folder; raise SourceError listing every problem."""
    col = _Collector()
    capabilities: dict[str, CapabilityGuide] = {}
    content_dir = folder / "content"
    files = sorted(content_dir.glob("*.toml"))
    if not files:
        col.problems.append(Problem(str(content_dir), "", "no capability content (*.toml) found"))
    for path in files:
        try:
            data = read_toml(path)
        except SourceError as exc:
            col.problems.extend(exc.problems)
            continue
        guide = col.validate(CapabilityGuide, data, path)
        if guide is None:
            continue
        if guide.id != path.stem:
            col.problems.append(
                Problem(str(path), "id", f"{guide.id!r} does not match the file name {path.stem!r}")
            )
        capabilities[guide.id] = guide

    devices: dict[str, DeviceLabel] = {}
    devices_path = folder / "devices.toml"
    try:
        for kind, label in read_toml(devices_path).items():
            checked = col.validate(DeviceLabel, label, devices_path, kind)
            if checked is not None:
                devices[kind] = checked
    except SourceError as exc:
        col.problems.extend(exc.problems)

    hall_path = folder / "hall.toml"
    hall: Hall | None = None
    profiles: dict[str, ProfileDefaults] = {}
    terminals: list[TerminalManifest] = []
    try:
        raw = read_toml(hall_path)
    except SourceError as exc:
        col.problems.extend(exc.problems)
        raw = {}
    unknown = sorted(set(raw) - {"hall", "profiles", "terminal"})
    for key in unknown:
        col.problems.append(Problem(str(hall_path), key, "unknown key"))
    if raw:
        hall = col.validate(Hall, raw.get("hall", {}), hall_path, "hall")
    for name, data in raw.get("profiles", {}).items():
        prof = col.validate(ProfileDefaults, data, hall_path, f"profiles.{name}")
        if prof is not None:
            profiles[name] = prof
    for i, data in enumerate(raw.get("terminal", [])):
        term = col.validate(TerminalManifest, data, hall_path, f"terminal[{i}]")
        if term is not None:
            terminals.append(term)

    for name, prof in profiles.items():
        for cap_id in prof.capabilities:
            if cap_id not in capabilities:
                key = f"profiles.{name}.capabilities"
                col.problems.append(Problem(str(hall_path), key, f"unknown capability {cap_id!r}"))
        for kind in prof.devices:
            if kind not in devices:
                key = f"profiles.{name}.devices"
                col.problems.append(Problem(str(hall_path), key, f"unknown device kind {kind!r}"))
    col.problems.extend(check_terminals(terminals, capabilities, devices, profiles, hall_path))
    for guide in capabilities.values():
        for kind in guide.devices:
            if kind not in devices:
                path = content_dir / f"{guide.id}.toml"
                col.problems.append(Problem(str(path), "devices", f"unknown device kind {kind!r}"))
    if col.problems or hall is None:
        raise SourceError(col.problems)
    return Sources(capabilities, devices, hall, profiles, terminals)


def check_terminals(
    terminals: list[TerminalManifest],
    capabilities: dict[str, CapabilityGuide],
    devices: dict[str, DeviceLabel],
    profiles: dict[str, ProfileDefaults],
    file: Path | str,
) -> list[Problem]:
    """Cross-checks a schema cannot do: unique ids, known capabilities, devices and profiles."""
    problems: list[Problem] = []
    seen: set[str] = set()
    for term in terminals:
        where = f"terminal {term.id}"
        if term.id in seen:
            problems.append(Problem(str(file), where, "duplicate terminal id"))
        seen.add(term.id)
        if term.profile and term.profile not in profiles:
            problems.append(
                Problem(str(file), f"{where}.profile", f"unknown profile {term.profile!r}")
            )
        for cap in term.capabilities:
            if cap not in capabilities:
                problems.append(
                    Problem(str(file), f"{where}.capabilities", f"unknown capability {cap!r}")
                )
        for kind in term.devices:
            if kind not in devices:
                problems.append(
                    Problem(str(file), f"{where}.devices", f"unknown device kind {kind!r}")
                )
    return problems


def resolve(term: TerminalManifest, profiles: dict[str, ProfileDefaults]) -> TerminalManifest:
    """The manifest with its profile's defaults filled in where it left a list empty."""
    prof = profiles.get(term.profile)
    if prof is None:
        return term
    return term.model_copy(
        update={
            "capabilities": term.capabilities or prof.capabilities,
            "devices": term.devices or prof.devices,
            "items": term.items or prof.items,
            "item_categories": term.item_categories or prof.item_categories,
        }
    )


def load_catalog(path: Path) -> Catalog:
    """Read catalog.json (format in docs/CONTRACTS.md); SourceError names the file and the item."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceError([Problem(str(path), "", "file not found")]) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise SourceError([Problem(str(path), "", f"not valid JSON: {exc}")]) from None
    except OSError as exc:
        raise SourceError([Problem(str(path), "", f"cannot read: {exc.strerror}")]) from None
    col = _Collector()
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise SourceError([Problem(str(path), "items", "expected an object with an items list")])
    catalog = col.validate(Catalog, data, path)
    if catalog is None:
        raise SourceError(col.problems)
    return catalog
