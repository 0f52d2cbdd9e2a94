"""Building the static guide site: one folder per terminal, an index for the hall, shared images.

Output layout (``out`` below)::

    index.html                      the hall: every terminal, grouped by location
    assets/<hash>.svg|.jpg          step images, named by content (cache-friendly, shared)
    <terminal_id>/index.html        what the terminal does, its devices, its QR
    <terminal_id>/<capability>.html the steps of one capability
    <terminal_id>/items.html        its service items by category -> items-NNN.html
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

from guides.illustrations import step_svg
from guides.model import CapabilityGuide, Catalog, CatalogItem, TerminalManifest
from guides.qr import guide_url, qr_png, qr_svg
from guides.render import environment
from guides.shots import ShotPreparer, shot_index
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
    screenshots: int = 0
    illustrations: int = 0
    warnings: list[str] = field(default_factory=list)
    heaviest_page: str = ""
    heaviest_bytes: int = 0


@dataclass(frozen=True)
class BuildOptions:
    out: Path
    base_url: str
    shots_dir: Path | None = None
    shot_cache: Path | None = None


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


def _step_images(
    caps: Iterable[CapabilityGuide], writer: _Writer, options: BuildOptions, report: BuildReport
) -> dict[tuple[str, str], Asset]:
    """One image per step: the app's screenshot when there is a usable one, else the drawing."""
    preparer = ShotPreparer(options.shot_cache)
    images: dict[tuple[str, str], Asset] = {}
    shots = shot_index(options.shots_dir) if options.shots_dir else {}
    for cap in caps:
        for step in cap.steps:
            shot = shots.get((cap.id, step.id))
            if shot is not None:
                try:
                    prepared = preparer.prepare(shot)
                except (ValueError, OSError) as exc:
                    report.warnings.append(f"screenshot skipped, illustration used: {exc}")
                else:
                    images[cap.id, step.id] = writer.asset(
                        prepared.data, ".jpg", prepared.width, prepared.height
                    )
                    report.screenshots += 1
                    continue
            svg = step_svg(step).encode("utf-8")
            images[cap.id, step.id] = writer.asset(svg, ".svg", *ILLUSTRATION_SIZE)
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
    used_caps = {c for t in terminals for c in t.capabilities}
    images = _step_images(
        (c for c in sources.capabilities.values() if c.id in used_caps), writer, options, report
    )
    by_cat = _categories(catalog)
    cat_pages = {name: f"items-{i:03d}.html" for i, name in enumerate(by_cat, start=1)}
    listing_tpl = env.get_template("listing.html.j2")
    listings: dict[tuple[str, ...], Markup] = {}
    common = {"css": css, "hall": sources.hall}
    templates = {
        name: env.get_template(f"{name}.html.j2")
        for name in ("hall", "terminal", "capability", "items", "category")
    }

    for term in terminals:
        report.terminals.append(term.id)
        url = guide_url(options.base_url, term.id)
        caps = [sources.capabilities[c] for c in term.capabilities]
        devices = [(k, sources.devices[k]) for k in term.devices]
        categories = _select_items(term, catalog, by_cat, cat_pages, report.warnings)
        item_count = sum(len(c.items) for c in categories)
        base = f"{term.id}/"
        qr = qr_svg(url).encode("utf-8")
        (root / term.id).mkdir()
        (root / term.id / "qr.svg").write_bytes(qr)
        (root / term.id / "qr.png").write_bytes(qr_png(url))
        html = templates["terminal"].render(
            **common,
            t=term,
            caps=caps,
            devices=devices,
            url=url,
            categories=categories,
            item_count=item_count,
        )
        writer.page(base + "index.html", html, [len(qr)])
        for i, cap in enumerate(caps):
            steps = [(s, images[cap.id, s.id]) for s in cap.steps]
            cap_devices = [(k, sources.devices[k]) for k in cap.devices if k in term.devices]
            html = templates["capability"].render(
                **common,
                t=term,
                cap=cap,
                steps=steps,
                devices=cap_devices,
                prev=caps[i - 1] if i > 0 else None,
                next=caps[i + 1] if i + 1 < len(caps) else None,
            )
            weights = {a.name: a.size for _, a in steps}
            writer.page(f"{base}{cap.id}.html", html, weights.values())
        if categories:
            html = templates["items"].render(
                **common, t=term, categories=categories, item_count=item_count
            )
            writer.page(base + "items.html", html)
            for cat in categories:
                chunks = [
                    cat.items[i : i + ITEMS_PER_PAGE]
                    for i in range(0, len(cat.items), ITEMS_PER_PAGE)
                ]
                stem = cat.page.removesuffix(".html")
                pages = [cat.page] + [f"{stem}-{k}.html" for k in range(2, len(chunks) + 1)]
                for page_no, (page, chunk) in enumerate(zip(pages, chunks, strict=True), 1):
                    key = tuple(item.id for item in chunk)
                    if key not in listings:  # the same category is listed by many terminals
                        # rendered by the autoescaping environment: already escaped
                        listings[key] = Markup(listing_tpl.render(items=chunk))  # noqa: S704
                    html = templates["category"].render(
                        **common,
                        t=term,
                        cat=cat,
                        listing=listings[key],
                        pages=pages,
                        page_no=page_no,
                    )
                    writer.page(base + page, html)

    groups: dict[str, list[TerminalManifest]] = defaultdict(list)
    for term in terminals:
        groups[term.location].append(term)
    html = templates["hall"].render(**common, terminals=terminals, groups=list(groups.items()))
    writer.page("index.html", html)
    report.assets = len(writer.assets)
