"""The guide's data: what each capability's steps say and what each terminal offers.

Everything here is validated on load, strictly (unknown keys are errors), because these files are
hand-edited by hall staff: a typo in a capability name must stop the build with the file and key,
not silently drop a section from 55 printed guides.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

# A terminal id becomes a folder name and a URL path segment: no separators, no dot-only names.
TERMINAL_ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"
Scene = Literal["touch", "scan", "print", "idcard", "camera", "pad", "phone", "desk", "type"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Text(_Strict):
    """One piece of text in both languages; Chinese is required, English falls back to it."""

    zh: str = Field(min_length=1)
    en: str = ""

    @property
    def en_or_zh(self) -> str:
        return self.en or self.zh


class Step(_Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    scene: Scene = "touch"
    # What the illustration labels (the button to press, the slot to use): short.
    label: Text | None = None
    # The app's screen showing this step: the name a walkthrough step gives it,
    # `wt.shot("<screen>")` (a trailing -zh/-en/-elder is the language, not the id). The capture
    # takes it in both languages, so each page shows the real screen in its own language.
    screen: str = Field("", pattern=r"^([a-z][a-z0-9_]*(-[a-z0-9_]+)*)?$")


class CapabilityGuide(_Strict):
    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    title: Text
    summary: Text
    # One short line under the title on the terminal's start page (the summary is for the guide
    # page itself); the summary's first sentence when left out.
    tagline: Text | None = None
    devices: list[str] = Field(default_factory=list)
    steps: list[Step] = Field(min_length=1)
    tips: list[Text] = Field(default_factory=list)

    @field_validator("steps")
    @classmethod
    def _unique_steps(cls, steps: list[Step]) -> list[Step]:
        ids = [s.id for s in steps]
        dup = sorted({i for i in ids if ids.count(i) > 1})
        if dup:
            raise ValueError(f"step ids must be unique, repeated: {dup}")
        return steps


class ProfileDefaults(_Strict):
    """What a terminal of a profile has unless its own manifest says otherwise."""

    capabilities: list[str] = Field(default_factory=list)
    devices: list[str] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list)
    item_categories: list[str] = Field(default_factory=list)


# A phone number as people write it: digits, spaces, hyphens, brackets, a leading + (tel: links
# drop all but the digits and the +).
PHONE_PATTERN = r"^\+?[0-9(][0-9 ()-]{2,23}[0-9]$"


class Help(_Strict):
    """The help line on every page: whom to call, and when someone answers."""

    phone: str = Field(pattern=PHONE_PATTERN)
    hours: Text

    @property
    def tel(self) -> str:
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


class TerminalManifest(_Strict):
    id: str = Field(pattern=TERMINAL_ID_PATTERN)
    name: str = Field(min_length=1, max_length=120)
    location: str = ""
    model: str = ""
    profile: str = ""
    devices: list[str] = Field(default_factory=list)
    capabilities: list[str] = Field(default_factory=list)
    items: list[str] = Field(default_factory=list)
    item_categories: list[str] = Field(default_factory=list)
    # Its own help line (a community desk answers its own phone); the hall's when left out.
    help: Help | None = None


class Hall(_Strict):
    name: Text
    location: str = ""
    base_url: str = ""
    help: Help


class CatalogItem(BaseModel):
    """A service item as docs/CONTRACTS.md describes it; unknown fields are tolerated so a newer
    catalog does not break the guide build."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: str = Field(min_length=1)
    name: str = Field(min_length=1)
    department: str = ""
    category: str = ""
    materials: list[str] = Field(default_factory=list)
    fee: str = ""
    time_limit_days: int | None = None
    window: str = ""
    online: bool = False

    @field_validator("fee", mode="before")
    @classmethod
    def _fee_text(cls, value: object) -> object:
        # A catalog may give the fee as a number (0 = free); the guide shows text either way.
        if isinstance(value, int | float) and not isinstance(value, bool):
            return "免费" if value == 0 else f"{value:g} 元"
        return "" if value is None else value

    @field_validator("materials", mode="before")
    @classmethod
    def _material_names(cls, value: object) -> object:
        # Materials may be plain names or objects carrying a name; the guide lists names.
        if isinstance(value, list):
            return [m.get("name", "") if isinstance(m, dict) else m for m in value]
        return value


class Catalog(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    version: str = ""
    items: list[CatalogItem] = Field(default_factory=list)

    @field_validator("version", mode="before")
    @classmethod
    def _version_text(cls, value: object) -> object:
        return str(value) if value is not None else ""


class DeviceLabel(_Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)
    note: Text | None = None
