"""`kiosk guide ...`: build the operating-guide site, print QR sticker sheets, locate screenshots.

The generator lives in the Qt-free ``guides`` package, which knows nothing of the kiosk's config;
this module is the bridge: it reads the sample site files through the kiosk's own validated config
loader, finds the catalog and the screenshot cache, and passes plain paths and manifests in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from guides.model import TerminalManifest
    from guides.sources import Sources

app = typer.Typer(help="Operating guides (赋码亮牌): site, QR stickers, screenshots.")

TerminalsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--terminals",
        "-t",
        help="only these terminal ids (repeat the option or separate with commas); default: all",
    ),
]
SourcesOpt = Annotated[
    Path | None,
    typer.Option(
        help="guide sources folder (content/, devices.toml, hall.toml); default: config/guides"
    ),
]
BaseUrlOpt = Annotated[
    str | None,
    typer.Option(help="guide base URL for the QR codes; default: hall.toml, else guides.base_url"),
]


def _fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(message, err=True)
    return typer.Exit(code)


def _ui_dir() -> Path:
    return Path(__file__).resolve().parents[1] / "ui"


def _shot_root() -> Path:
    from kiosk_app.core.paths import data_dir

    return data_dir() / "guide-shots"


def load_terminals(sources_dir: Path | None) -> tuple[Sources, list[TerminalManifest]]:
    """The hall's manifests plus one per sample site file (config/terminals/*.toml)."""
    from pydantic import ValidationError

    from guides.model import TerminalManifest
    from guides.sources import load_sources
    from kiosk_app.core.config import load_config
    from kiosk_app.core.paths import config_dir

    sources = load_sources(sources_dir or config_dir() / "guides")
    terminals = list(sources.terminals)
    for site_file in sorted((config_dir() / "terminals").glob("*.toml")):
        cfg = load_config(site_file, check_devices=False).config
        try:
            terminals.append(
                TerminalManifest(
                    id=cfg.terminal.id,
                    name=cfg.terminal.name,
                    location=cfg.terminal.location,
                    model=cfg.terminal.model,
                    profile=cfg.profile,
                    capabilities=list(cfg.ui.capabilities),
                )
            )
        except ValidationError as exc:
            reasons = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            raise _fail(f"{site_file}: terminal: cannot make a guide manifest: {reasons}") from None
    return sources, terminals


def _choose(terminals: list[TerminalManifest], wanted: list[str] | None) -> list[TerminalManifest]:
    if not wanted:
        return terminals
    ids = [w.strip() for item in wanted for w in item.split(",") if w.strip()]
    known = {t.id: t for t in terminals}
    unknown = [i for i in ids if i not in known]
    if unknown:
        raise _fail(
            f"unknown terminal id(s): {', '.join(unknown)}; "
            f"known: {len(known)} terminals, e.g. {', '.join(list(known)[:3])}"
        )
    return [known[i] for i in dict.fromkeys(ids)]


def _base_url(explicit: str | None, sources: Sources) -> str:
    if explicit:
        return explicit
    if sources.hall.base_url:
        return sources.hall.base_url
    from kiosk_app.core.config import load_config

    return load_config(check_devices=False).config.guides.base_url


def _common(
    sources_dir: Path | None, wanted: list[str] | None, base_url: str | None
) -> tuple[Sources, list[TerminalManifest], str]:
    from guides.sources import SourceError
    from kiosk_app.core.config import ConfigError

    try:
        sources, terminals = load_terminals(sources_dir)
        return sources, _choose(terminals, wanted), _base_url(base_url, sources)
    except (SourceError, ConfigError) as exc:
        raise _fail(f"guide sources are not valid:\n{exc}") from None


@app.command("build")
def build(
    out: Annotated[
        Path, typer.Option(help="output folder (created; a previous build is replaced)")
    ],
    terminals: TerminalsOpt = None,
    shots: Annotated[
        Path | None,
        typer.Option(
            help="screenshots as DIR/<capability>/<step>.png; default: the capture cache of the "
            "current UI source, if any (see `kiosk guide shots-dir`)"
        ),
    ] = None,
    catalog: Annotated[
        Path | None, typer.Option(help="catalog.json; default: config/catalog/catalog.json")
    ] = None,
    sources: SourcesOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Build the static guide site: DIR/index.html and DIR/<terminal_id>/…"""
    from guides.shots import capture_dir, ui_source_hash
    from guides.site import BuildOptions, build_site
    from guides.sources import SourceError, load_catalog
    from kiosk_app.core.paths import config_dir

    srcs, chosen, url = _common(sources, terminals, base_url)
    cat = None
    catalog_path = catalog or config_dir() / "catalog" / "catalog.json"
    if catalog is not None or catalog_path.is_file():
        try:
            cat = load_catalog(catalog_path)
        except SourceError as exc:
            raise _fail(f"catalog is not usable:\n{exc}") from None
    else:
        typer.echo(f"warning: no catalog at {catalog_path}; service items are left out", err=True)
    if shots is not None and not shots.is_dir():
        raise _fail(f"--shots {shots}: not a folder")
    if shots is None:
        cached = capture_dir(_shot_root(), ui_source_hash(_ui_dir()))
        shots = cached if cached.is_dir() else None
    options = BuildOptions(
        out=out, base_url=url, shots_dir=shots, shot_cache=_shot_root() / "prepared"
    )
    try:
        report = build_site(srcs, chosen, cat, options)
    except SourceError as exc:
        raise _fail(f"guide not built:\n{exc}") from None
    except OSError as exc:
        raise _fail(f"guide not built: cannot write {out}: {exc.strerror or exc}") from None
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    typer.echo(
        f"built {len(report.terminals)} terminal guides, {report.pages} pages, "
        f"{report.screenshots} screenshots + {report.illustrations} illustrations; "
        f"heaviest page {report.heaviest_page} ({report.heaviest_bytes / 1024:.0f} KB with images)"
        f" -> {report.out}"
    )


@app.command("stickers")
def stickers(
    out: Annotated[Path, typer.Option(help="folder for stickers.pdf and stickers-N.svg")],
    terminals: TerminalsOpt = None,
    sources: SourcesOpt = None,
    base_url: BaseUrlOpt = None,
    font: Annotated[Path | None, typer.Option(help="a CJK font file for the PDF")] = None,
) -> None:
    """Print-ready QR sticker sheets (A4, 3 × 4): each terminal's QR, name and id."""
    from guides.stickers import StickerError, write_stickers

    _, chosen, url = _common(sources, terminals, base_url)
    try:
        files = write_stickers([(t.id, t.name) for t in chosen], url, out, font)
    except StickerError as exc:
        raise _fail(f"stickers not made: {exc}") from None
    except OSError as exc:
        raise _fail(f"stickers not made: cannot write {out}: {exc.strerror or exc}") from None
    typer.echo(f"{len(chosen)} stickers on {len(files) - 1} pages -> {', '.join(map(str, files))}")


@app.command("capture")
def capture(
    keep: Annotated[
        Path | None, typer.Option(help="also keep the whole walkthrough output (screens, receipts)")
    ] = None,
) -> None:
    """Take the guide's screenshots from the real app, offscreen on the simulators.

    Runs the headless walkthrough (`kiosk demo --headless`) and keeps its screens named
    `<capability>.<step>` in the capture cache of the current UI source, where `guide build` finds
    them. A walkthrough with a failed step gives no screenshots: its screens may show the failure.
    """
    import tempfile

    from guides.shots import capture_dir, import_shots, ui_source_hash
    from kiosk_app.ui.demo.walkthrough import run_headless

    dest = capture_dir(_shot_root(), ui_source_hash(_ui_dir()))
    with tempfile.TemporaryDirectory(prefix="guide-capture-") as tmp:
        out = keep or Path(tmp)
        if run_headless(out, None) != 0:
            raise _fail("walkthrough failed (see above); no screenshots taken for the guide", 1)
        sources, _ = load_terminals(None)
        aliases = {
            step.shot: (cap.id, step.id)
            for cap in sources.capabilities.values()
            for step in cap.steps
            if step.shot
        }
        files = import_shots(out / "screens", dest, aliases)
    if not files:
        typer.echo(
            "the walkthrough showed no screen named <capability>.<step>; "
            "the guide keeps its illustrations",
            err=True,
        )
    typer.echo(f"{len(files)} guide screenshots -> {dest}")


@app.command("shots-dir")
def shots_dir() -> None:
    """Print where screenshots of the current UI source belong (DIR/<capability>/<step>.png)."""
    from guides.shots import capture_dir, ui_source_hash

    typer.echo(capture_dir(_shot_root(), ui_source_hash(_ui_dir())))
