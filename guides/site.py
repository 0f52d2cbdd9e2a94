"""Building the static guide site: one folder per terminal, an index for the hall, shared images.

Output layout (``out`` below)::

    index.html                      the hall: every terminal, grouped by location
    assets/<hash>.svg|.jpg          step images, named by content (cache-friendly, shared)
    <terminal_id>/index.html        what the terminal does (services first), its devices, its QR
    <terminal_id>/<capability>.html the steps of one capability
    <terminal_id>/items.html        its service items by category -> items-NNN.html
    <page>.en.html                  every page again in English (the "English" link at its top)
    assets/favicon.svg              the pages' icon
    <terminal_id>/qr.svg, qr.png    the QR linking to {base_url}/{terminal_id}/ (kiosk home screen)

The build writes into a fresh sibling folder and swaps it in at the end, so a failed build
leaves the previous site intact, and it refuses to replace a folder it did not build itself.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from markupsafe import Markup

from guides.illustrations import step_alt, step_label, step_svg
from guides.model import CapabilityGuide, Catalog, CatalogItem, Help, TerminalManifest
from guides.pages import StepImageRef, TerminalView, terminal_view
from guides.qr import guide_url, qr_png, qr_svg
from guides.render import environment
from guides.shots import (
    FULL_WIDTH,
    LANGUAGES,
    Button,
    ScreenSet,
    ScreenShot,
    ShotPreparer,
    normal_words,
)
from guides.sources import Problem, SourceError, Sources, check_terminals, resolve

MARKER = ".guide-build"
ALL_CATEGORIES = "*"
ILLUSTRATION_SIZE = (320, 220)
ITEMS_PER_PAGE = 100  # keeps the heaviest category page light on a phone


@dataclass(frozen=True)
class Asset:
    name: str
    width: int
    height: int
    size: int


@dataclass
class BuildReport:
    out: Path
    terminals: list[str] = field(default_factory=list)
    pages: int = 0
    assets: int = 0
    screenshots: int = 0  # step images, counted per language
    illustrations: int = 0
    missing_screens: set[str] = field(default_factory=set)  # "<screen id>.<lang>" not found
    warnings: list[str] = field(default_factory=list)
    heaviest_page: str = ""
    heaviest_bytes: int = 0
    # each terminal's guide by (terminal id, language): what the kiosk's guide screen shows
    views: dict[tuple[str, str], TerminalView] = field(default_factory=dict)


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    base_url: str
    screens: ScreenSet | None = None  # the app's screens (guides.shots.load_screen_set)
    shot_cache: Path | None = None  # prepared (phone-sized) screenshots, kept across builds


@dataclass(frozen=True)
class _Category:
    name: str
    page: str
    items: tuple[CatalogItem, ...]


class _Writer:
    """Writes pages and assets, tracking each page's weight including the images it shows."""

    def __init__(self, root: Path, report: BuildReport) -> None:
        self.root = root
        self.report = report
        self.assets: dict[str, Asset] = {}
        (root / "assets").mkdir(parents=True)

    def asset(self, data: bytes, suffix: str, width: int, height: int) -> Asset:
        name = hashlib.sha256(data).hexdigest()[:16] + suffix
        if name not in self.assets:
            (self.root / "assets" / name).write_bytes(data)
            self.assets[name] = Asset(name, width, height, len(data))
        return self.assets[name]

    def size(self, rel: str) -> int:
        return self.assets[rel.removeprefix("assets/")].size

    def page(self, rel: str, html: str, images: Iterable[int] = ()) -> None:
        data = html.encode("utf-8")
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.report.pages += 1
        weight = len(data) + sum(images)
        if weight > self.report.heaviest_bytes:
            self.report.heaviest_bytes = weight
            self.report.heaviest_page = rel


def _shot_alt(shot: ScreenShot, cap: CapabilityGuide, lang: str, framed: Button | None) -> str:
    """What the screenshot shows, in the page's language: its title, a few buttons, the frame."""
    others: list[str] = []
    for b in shot.buttons:
        text = b.text.splitlines()[0].strip() if b.text.strip() else ""
        if (
            len(normal_words(text)) >= 2
            and not text.isdigit()
            and b != framed
            and text not in others
        ):
            others.append(text)
    others = others[:3]
    framed_text = framed.text.splitlines()[0].strip() if framed else ""
    if lang == "zh":
        alt = f"终端屏幕截图：“{shot.title}”页面" if shot.title else f"终端屏幕截图：{cap.title.zh}"
        if others:
            alt += "，有" + "".join(f"“{t}”" for t in others) + "等按钮"
        if framed_text:
            alt += f"，橙色框标出“{framed_text}”按钮"
        return alt + "。"
    title = shot.title or cap.title.en_or_zh
    alt = f"Screenshot of the terminal's “{title}” screen"
    if others:
        alt += ", with buttons such as " + ", ".join(f"“{t}”" for t in others)
    if framed_text:
        alt += f"; an orange frame marks “{framed_text}”"
    return alt + "."


def _ref(asset: Asset, alt: str, screen: bool, full: Asset | None = None) -> StepImageRef:
    big = f"assets/{full.name}" if full is not None and full.name != asset.name else ""
    return StepImageRef(f"assets/{asset.name}", asset.width, asset.height, alt, screen, big)


def _step_images(
    caps: Iterable[CapabilityGuide], writer: _Writer, options: BuildOptions, report: BuildReport
) -> dict[tuple[str, str, str], StepImageRef]:
    """One image per step and language: the app's screen in that language when there is a
    usable one (the button the step presses framed), else the drawing in that language."""
    preparer = ShotPreparer(options.shot_cache)
    images: dict[tuple[str, str, str], StepImageRef] = {}
    screens = options.screens or ScreenSet()
    for cap in caps:
        for step in cap.steps:
            for lang in LANGUAGES:
                shot = screens.get(step.screen, lang) if step.screen else None
                if shot is not None:
                    framed = shot.button_for(step_label(step, lang)) if step.label else None
                    box = framed.box if framed else None
                    try:
                        prepared = preparer.prepare(shot.path, box)
                        large = preparer.prepare(shot.path, box, FULL_WIDTH)
                    except (ValueError, OSError) as exc:
                        report.warnings.append(f"screenshot skipped, illustration used: {exc}")
                    else:
                        asset = writer.asset(prepared.data, ".jpg", prepared.width, prepared.height)
                        full = writer.asset(large.data, ".jpg", large.width, large.height)
                        alt = _shot_alt(shot, cap, lang, framed)
                        images[cap.id, step.id, lang] = _ref(asset, alt, True, full)
                        report.screenshots += 1
                        continue
                elif step.screen:
                    report.missing_screens.add(f"{step.screen}.{lang}")
                svg = step_svg(step, lang).encode("utf-8")
                asset = writer.asset(svg, ".svg", *ILLUSTRATION_SIZE)
                images[cap.id, step.id, lang] = _ref(asset, step_alt(step, lang), screen=False)
                report.illustrations += 1
    return images


def _categories(catalog: Catalog | None) -> dict[str, list[CatalogItem]]:
    by_cat: dict[str, list[CatalogItem]] = defaultdict(list)
    for item in catalog.items if catalog else []:
        by_cat[item.category or "其他"].append(item)
    return dict(sorted(by_cat.items()))


def _select_items(
    term: TerminalManifest,
    catalog: Catalog | None,
    by_cat: dict[str, list[CatalogItem]],
    pages: dict[str, str],
    warnings: list[str],
) -> list[_Category]:
    """The terminal's items, by category: its listed ids plus every item of its categories."""
    if catalog is None:
        return []
    by_id = {item.id: item for item in catalog.items}
    chosen: dict[str, CatalogItem] = {}
    for item_id in term.items:
        if item_id in by_id:
            chosen[item_id] = by_id[item_id]
        else:
            warnings.append(f"{term.id}: item {item_id!r} is not in catalog {catalog.version!r}")
    cats = list(by_cat) if ALL_CATEGORIES in term.item_categories else term.item_categories
    for cat in cats:
        if cat not in by_cat:
            warnings.append(f"{term.id}: category {cat!r} is not in catalog {catalog.version!r}")
            continue
        for item in by_cat[cat]:
            chosen.setdefault(item.id, item)
    grouped: dict[str, list[CatalogItem]] = defaultdict(list)
    for item in chosen.values():
        grouped[item.category or "其他"].append(item)
    return [
        _Category(name, pages[name], tuple(grouped[name])) for name in by_cat if name in grouped
    ]


def _prepare_out(out: Path) -> Path:
    """A fresh staging folder next to ``out``; refuse an ``out`` that holds anything else."""
    if out.exists():
        if not out.is_dir():
            raise SourceError([Problem(str(out), "", "output exists and is not a folder")])
        if any(out.iterdir()) and not (out / MARKER).is_file():
            raise SourceError(
                [
                    Problem(
                        str(out),
                        "",
                        "output folder is not empty and was not made by the guide build; "
                        "choose an empty or new folder (nothing was changed)",
                    )
                ]
            )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = out.parent / f".{out.name}.building-{os.getpid()}"
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir()
    return staging


def _swap_in(staging: Path, out: Path) -> None:
    (staging / MARKER).write_text("built by `kiosk guide build`; replaced on every build\n")
    old = out.parent / f".{out.name}.old-{os.getpid()}"
    if out.exists():
        out.rename(old)
    staging.rename(out)
    if old.exists():
        shutil.rmtree(old)


def build_site(
    sources: Sources,
    terminals: list[TerminalManifest],
    catalog: Catalog | None,
    options: BuildOptions,
) -> BuildReport:
    """Build the guide site for ``terminals`` (already chosen by the caller) into options.out."""
    resolved = [resolve(t, sources.profiles) for t in terminals]
    problems = check_terminals(
        resolved, sources.capabilities, sources.devices, sources.profiles, "terminals"
    )
    if problems:
        raise SourceError(problems)
    report = BuildReport(out=options.out)
    staging = _prepare_out(options.out)
    try:
        _build_into(staging, sources, resolved, catalog, options, report)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, options.out)
    return report


FAVICON = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64">'
    '<rect width="64" height="64" rx="14" fill="#0d47a1"/>'
    '<path d="M18 20h28M18 32h28M18 44h18" stroke="#fff" stroke-width="6" stroke-linecap="round"/>'
    "</svg>\n"
)


def page_name(stem: str, lang: str) -> str:
    """index.html in Chinese, index.en.html in English: the same page under the same stem."""
    return f"{stem}.html" if lang == "zh" else f"{stem}.{lang}.html"


def _build_into(
    root: Path,
    sources: Sources,
    terminals: list[TerminalManifest],
    catalog: Catalog | None,
    options: BuildOptions,
    report: BuildReport,
) -> None:
    env = environment()
    # Our own packaged stylesheet, not content: safe to embed as is.
    css_text = resources.files("guides").joinpath("templates/style.css").read_text("utf-8")
    css = Markup(css_text)  # noqa: S704
    writer = _Writer(root, report)
    (root / "assets" / "favicon.svg").write_text(FAVICON, encoding="utf-8")
    used_caps = {c for t in terminals for c in t.capabilities}
    images = _step_images(
        (c for c in sources.capabilities.values() if c.id in used_caps), writer, options, report
    )
    by_cat = _categories(catalog)
    cat_pages = {name: f"items-{i:03d}" for i, name in enumerate(by_cat, start=1)}
    listing_tpl = env.get_template("listing.html.j2")
    listings: dict[tuple[str, tuple[str, ...]], Markup] = {}
    templates = {
        name: env.get_template(f"{name}.html.j2")
        for name in ("hall", "terminal", "capability", "items", "category")
    }

    def common(lang: str, stem: str, up: str, help_line: Help) -> dict[str, object]:
        other = "en" if lang == "zh" else "zh"
        return {
            "css": css,
            "hall": sources.hall,
            "lang": lang,
            "sfx": "" if lang == "zh" else f".{lang}",
            "other_page": page_name(stem, other),
            "up": up,  # the way to the site's root from the page
            "help": help_line,
        }

    for term in terminals:
        report.terminals.append(term.id)
        url = guide_url(options.base_url, term.id)
        categories = _select_items(term, catalog, by_cat, cat_pages, report.warnings)
        item_count = sum(len(c.items) for c in categories)
        base = f"{term.id}/"
        help_line = term.help or sources.hall.help
        qr = qr_svg(url).encode("utf-8")
        (root / term.id).mkdir()
        (root / term.id / "qr.svg").write_bytes(qr)
        (root / term.id / "qr.png").write_bytes(qr_png(url))
        for lang in LANGUAGES:
            view = terminal_view(term, sources, images, item_count, lang)
            report.views[term.id, lang] = view
            html = templates["terminal"].render(
                **common(lang, "index", "../", help_line), t=term, view=view, url=url
            )
            writer.page(base + page_name("index", lang), html, [len(qr)])
            caps = view.capabilities
            for i, cv in enumerate(caps):
                html = templates["capability"].render(
                    **common(lang, cv.id, "../", help_line),
                    t=term,
                    cv=cv,
                    prev=caps[i - 1] if i > 0 else None,
                    next=caps[i + 1] if i + 1 < len(caps) else None,
                )
                weights = {s.image.asset: writer.size(s.image.asset) for s in cv.steps}
                writer.page(base + page_name(cv.id, lang), html, weights.values())
            if not categories:
                continue
            html = templates["items"].render(
                **common(lang, "items", "../", help_line),
                t=term,
                categories=categories,
                item_count=item_count,
            )
            writer.page(base + page_name("items", lang), html)
            for cat in categories:
                chunks = [
                    cat.items[i : i + ITEMS_PER_PAGE]
                    for i in range(0, len(cat.items), ITEMS_PER_PAGE)
                ]
                stems = [cat.page] + [f"{cat.page}-{k}" for k in range(2, len(chunks) + 1)]
                for page_no, (stem, chunk) in enumerate(zip(stems, chunks, strict=True), 1):
                    key = (lang, tuple(item.id for item in chunk))
                    if key not in listings:  # the same category is listed by many terminals
                        # rendered by the autoescaping environment: already escaped
                        listings[key] = Markup(  # noqa: S704
                            listing_tpl.render(items=chunk, lang=lang)
                        )
                    html = templates["category"].render(
                        **common(lang, stem, "../", help_line),
                        t=term,
                        cat=cat,
                        listing=listings[key],
                        stems=stems,
                        page_no=page_no,
                    )
                    writer.page(base + page_name(stem, lang), html)

    groups: dict[str, list[TerminalManifest]] = defaultdict(list)
    for term in terminals:
        groups[term.location].append(term)
    for lang in LANGUAGES:
        html = templates["hall"].render(
            **common(lang, "index", "", sources.hall.help),
            terminals=terminals,
            groups=list(groups.items()),
        )
        writer.page(page_name("index", lang), html)
    report.assets = len(writer.assets)
