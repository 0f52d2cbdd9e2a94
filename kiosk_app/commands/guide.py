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
    from guides.shots import ScreenSet
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

    from guides.sources import load_sources
    from kiosk_app.core.config import load_config
    from kiosk_app.core.paths import config_dir
    from kiosk_app.local_guide import manifest_from_config

    sources = load_sources(sources_dir or config_dir() / "guides")
    terminals = list(sources.terminals)
    for site_file in sorted((config_dir() / "terminals").glob("*.toml")):
        cfg = load_config(site_file, check_devices=False).config
        try:
            terminals.append(manifest_from_config(cfg))
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


def _wanted_screens(sources: Sources) -> set[str]:
    return {s.screen for c in sources.capabilities.values() for s in c.steps if s.screen}


def _capture_in_child(dest: Path, sources_dir: Path | None) -> bool:
    """`kiosk guide capture --out dest` in a child process: Qt, the simulators and the embedded
    central service come and go with it, and a crash there cannot take the build down."""
    import os
    import subprocess
    import sys

    if getattr(sys, "frozen", False):
        cmd = [sys.executable, "guide", "capture"]
    else:
        cmd = [sys.executable, "-m", "kiosk_app", "guide", "capture"]
    cmd += ["--out", str(dest)]
    if sources_dir is not None:
        cmd += ["--sources", str(sources_dir)]
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    typer.echo("taking the app's screens offscreen for the guide (once per UI version) …", err=True)
    try:
        child = subprocess.run(
            cmd, env=env, capture_output=True, text=True, timeout=600, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        typer.echo(f"warning: screens not taken ({exc}); the guide uses drawings", err=True)
        return False
    for line in (child.stdout + child.stderr).splitlines():
        if line.startswith(("warning:", "screens:")):
            typer.echo(line, err=True)
    if child.returncode != 0:
        tail = (child.stderr or child.stdout).strip().splitlines()[-3:]
        typer.echo(
            "warning: screens not taken; the guide uses drawings: " + " / ".join(tail), err=True
        )
        return False
    return True


def find_screens(
    explicit: Path | None, capture: bool, sources_dir: Path | None
) -> tuple[ScreenSet | None, str]:
    """The app's screens for the guide, and where they came from: --shots, the capture cache of
    the current UI source, the ones this release ships, or a capture taken now."""
    from guides.shots import capture_dir, load_screen_set, ui_source_hash
    from kiosk_app.local_guide import local_screens

    if explicit is not None:
        return load_screen_set(explicit), str(explicit)
    found, origin = local_screens()
    if found is not None:
        return found, origin
    cached = capture_dir(_shot_root(), ui_source_hash(_ui_dir()))
    if capture and _capture_in_child(cached, sources_dir):
        return load_screen_set(cached), "captured now"
    return None, "none"


@app.command("build")
def build(
    out: Annotated[
        Path, typer.Option(help="output folder (created; a previous build is replaced)")
    ],
    terminals: TerminalsOpt = None,
    shots: Annotated[
        Path | None,
        typer.Option(
            help="the app's screens: a folder written by `kiosk guide capture --out`, or a "
            "walkthrough's screens/ folder; default: the capture of the current UI source, else "
            "the screens this release ships, else taken now"
        ),
    ] = None,
    capture: Annotated[
        bool,
        typer.Option(
            help="take the app's screens offscreen when none are found (--no-capture: drawings)"
        ),
    ] = True,
    catalog: Annotated[
        Path | None, typer.Option(help="catalog.json; default: config/catalog/catalog.json")
    ] = None,
    sources: SourcesOpt = None,
    base_url: BaseUrlOpt = None,
) -> None:
    """Build the static guide site: DIR/index.html and DIR/<terminal_id>/…"""
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
    screens, origin = find_screens(shots, capture, sources)
    options = BuildOptions(
        out=out, base_url=url, screens=screens, shot_cache=_shot_root() / "prepared"
    )
    try:
        report = build_site(srcs, chosen, cat, options)
    except SourceError as exc:
        raise _fail(f"guide not built:\n{exc}") from None
    except OSError as exc:
        raise _fail(f"guide not built: cannot write {out}: {exc.strerror or exc}") from None
    for warning in report.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if report.missing_screens:
        typer.echo(
            f"warning: no screen of the app for {', '.join(sorted(report.missing_screens))}; "
            "drawn instead",
            err=True,
        )
    typer.echo(
        f"built {len(report.terminals)} terminal guides, {report.pages} pages, "
        f"{report.screenshots} screenshots ({origin}) + {report.illustrations} illustrations; "
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
def capture_cmd(
    out: Annotated[
        Path | None,
        typer.Option(
            help="folder for the screen set; default: the capture cache of the current UI source "
            "(a release build writes config/guides/screens of its frozen copy)"
        ),
    ] = None,
    sources: SourcesOpt = None,
) -> None:
    """Take the guide's screens from the real app, offscreen on the simulators.

    Runs the headless walkthrough and keeps every screen a guide step names (`screen = "..."`),
    in Chinese and in English, from the steps that passed; `guide build` finds them.
    """
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from guides.shots import capture_dir, ui_source_hash
    from guides.sources import SourceError, load_sources
    from kiosk_app import __version__
    from kiosk_app.core.paths import config_dir
    from kiosk_app.ui.guide_capture import capture_screens

    try:
        srcs = load_sources(sources or config_dir() / "guides")
    except SourceError as exc:
        raise _fail(f"guide sources are not valid:\n{exc}") from None
    wanted = _wanted_screens(srcs)
    ui_hash = ui_source_hash(_ui_dir())
    dest = out or capture_dir(_shot_root(), ui_hash)
    result = capture_screens(dest, wanted, __version__, ui_hash)
    for step in result.failed_steps:
        typer.echo(f"warning: walkthrough step {step} failed; its screens are left out", err=True)
    if result.missing:
        typer.echo(f"warning: screens not shown by any passed step: {', '.join(result.missing)}")
    if not result.written:
        raise _fail("no screen of the app taken; the guide keeps its drawings", 1)
    typer.echo(f"screens: {len(result.written)} (Chinese and English) -> {dest}")


@app.command("shots-dir")
def shots_dir() -> None:
    """Print where the screens of the current UI source are kept (a screen set)."""
    from guides.shots import capture_dir, ui_source_hash

    typer.echo(capture_dir(_shot_root(), ui_source_hash(_ui_dir())))
