"""What a terminal's guide says, in one language, ready to show: the one model of the start page
and the capability pages, which the site's templates turn into HTML for phones and the kiosk's
guide screen lays out with its own widgets, so both show the same words and pictures.
"""

from __future__ import annotations

from dataclasses import dataclass

from guides.model import CapabilityGuide, Help, TerminalManifest, Text
from guides.sources import Sources


@dataclass(frozen=True)
class StepImageRef:
    """A step's picture as written into the site: ``assets/<name>`` under the site's root."""

    asset: str
    width: int
    height: int
    alt: str
    screen: bool  # the app's real screen (else a drawing)
    full: str = ""  # the screen at the kiosk's size, ``assets/<name>``, to zoom into


@dataclass(frozen=True)
class StepView:
    number: int
    label: str  # what the step presses or uses; may be empty
    text: str
    image: StepImageRef


@dataclass(frozen=True)
class CapabilityView:
    id: str
    title: str
    tagline: str
    summary: str
    steps: tuple[StepView, ...]
    tips: tuple[str, ...]
    devices: tuple[str, ...]  # the terminal's devices this capability uses


@dataclass(frozen=True)
class HelpView:
    phone: str
    tel: str
    hours: str


@dataclass(frozen=True)
class TerminalView:
    id: str
    name: str
    location: str
    model: str
    lang: str
    hall: str
    capabilities: tuple[CapabilityView, ...]
    devices: tuple[tuple[str, str], ...]  # (label, note)
    item_count: int
    help: HelpView


def pick(text: Text, lang: str) -> str:
    return text.zh if lang == "zh" else text.en_or_zh


def first_sentence(text: str) -> str:
    for mark in ("。", "：", ". ", ": "):
        head, sep, _ = text.partition(mark)
        if sep and head:
            return head
    return text


def tagline(cap: CapabilityGuide, lang: str) -> str:
    if cap.tagline is not None:
        return pick(cap.tagline, lang)
    return first_sentence(pick(cap.summary, lang))


def capability_view(
    cap: CapabilityGuide,
    term: TerminalManifest,
    sources: Sources,
    images: dict[tuple[str, str, str], StepImageRef],
    lang: str,
) -> CapabilityView:
    steps = tuple(
        StepView(
            number=i,
            label=pick(step.label, lang) if step.label else "",
            text=step.zh if lang == "zh" else step.en,
            image=images[cap.id, step.id, lang],
        )
        for i, step in enumerate(cap.steps, start=1)
    )
    return CapabilityView(
        id=cap.id,
        title=pick(cap.title, lang),
        tagline=tagline(cap, lang),
        summary=pick(cap.summary, lang),
        steps=steps,
        tips=tuple(pick(t, lang) for t in cap.tips),
        devices=tuple(
            pick_label(sources, kind, lang) for kind in cap.devices if kind in term.devices
        ),
    )


def pick_label(sources: Sources, kind: str, lang: str) -> str:
    d = sources.devices[kind]
    return d.zh if lang == "zh" else d.en


def help_view(help_line: Help, lang: str) -> HelpView:
    return HelpView(help_line.phone, help_line.tel, pick(help_line.hours, lang))


def terminal_view(
    term: TerminalManifest,
    sources: Sources,
    images: dict[tuple[str, str, str], StepImageRef],
    item_count: int,
    lang: str,
) -> TerminalView:
    """The guide of one (resolved) terminal in one language."""
    caps = tuple(
        capability_view(sources.capabilities[c], term, sources, images, lang)
        for c in term.capabilities
    )
    devices = []
    for kind in term.devices:
        note = sources.devices[kind].note
        devices.append((pick_label(sources, kind, lang), pick(note, lang) if note else ""))
    return TerminalView(
        id=term.id,
        name=term.name,
        location=term.location,
        model=term.model,
        lang=lang,
        hall=pick(sources.hall.name, lang),
        capabilities=caps,
        devices=tuple(devices),
        item_count=item_count,
        help=help_view(term.help or sources.hall.help, lang),
    )
