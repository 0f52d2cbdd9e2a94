"""This terminal's own operating guide, built locally so the kiosk can show it offline.

The same pages the phone sees (guides/), from the same sources, with the app's screens this
release ships (or a capture of the current UI source, in development); built on first use into
``<data dir>/guides`` (or shipped in a provisioning bundle there) and shown by the kiosk's guide
screen. Qt-free: the UI runs it in its task manager.
"""

from __future__ import annotations

from pathlib import Path

from guides.model import Help, TerminalManifest, Text
from guides.pages import TerminalView
from guides.shots import ScreenSet, capture_dir, load_screen_set, ui_source_hash
from guides.site import BuildOptions, build_site
from guides.sources import load_catalog, load_sources
from kiosk_app import __version__
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.paths import config_dir, data_dir

UI_DIR = Path(__file__).resolve().parent / "ui"


def guide_index(root: Path, terminal_id: str) -> Path:
    return root / terminal_id / "index.html"


def manifest_from_config(cfg: KioskConfig) -> TerminalManifest:
    """A guide manifest for a terminal known only by its config (a site file), with its own
    help line when the config gives one. Raises pydantic's ValidationError on bad values."""
    g = cfg.guides
    help_line = (
        Help(phone=g.help_phone, hours=Text(zh=g.help_hours, en=g.help_hours_en))
        if g.help_phone
        else None
    )
    return TerminalManifest(
        id=cfg.terminal.id,
        name=cfg.terminal.name,
        location=cfg.terminal.location,
        model=cfg.terminal.model,
        profile=cfg.profile,
        capabilities=list(cfg.ui.capabilities),
        help=help_line,
    )


def local_screens() -> tuple[ScreenSet | None, str]:
    """The app's screens without taking any, and where they are from: the capture of this UI
    source, else the ones this release ships (`kiosk guide capture --out` when it was built)."""
    cached = capture_dir(data_dir() / "guide-shots", ui_source_hash(UI_DIR))
    if (cached / "screens.json").is_file():
        return load_screen_set(cached), "taken earlier"
    shipped = config_dir() / "guides" / "screens"
    if (shipped / "screens.json").is_file():
        screens = load_screen_set(shipped)
        if screens.app_version == __version__:
            return screens, "shipped with this release"
    return None, "none"


def build_local_guide(cfg: KioskConfig, root: Path, catalog: Path | None = None) -> Path:
    """Build this terminal's guide into root; returns its index.html."""
    build_local_guide_views(cfg, root, catalog)
    return guide_index(root, cfg.terminal.id)


def build_local_guide_views(
    cfg: KioskConfig, root: Path, catalog: Path | None = None
) -> dict[str, TerminalView]:
    """Build this terminal's guide into root; its pages' model by language (zh, en), whose
    pictures are files under root, for the kiosk's guide screen."""
    sources = load_sources(config_dir() / "guides")
    known = {t.id: t for t in sources.terminals}
    manifest = known.get(cfg.terminal.id) or manifest_from_config(cfg)
    catalog_path = catalog or config_dir() / "catalog" / "catalog.json"
    cat = load_catalog(catalog_path) if catalog_path.is_file() else None
    options = BuildOptions(
        out=root,
        base_url=cfg.guides.base_url,
        screens=local_screens()[0],
        shot_cache=data_dir() / "guide-shots" / "prepared",
    )
    report = build_site(sources, [manifest], cat, options)
    return {lang: view for (tid, lang), view in report.views.items() if tid == manifest.id}
