"""This terminal's own operating guide, built locally so the kiosk can show it offline.

The same pages the phone sees (guides/), from the same sources; built on first use into
``<data dir>/guides`` (or shipped in a provisioning bundle there) and shown by the kiosk's guide
screen. Qt-free: the UI runs it in its task manager.
"""

from __future__ import annotations

from pathlib import Path

from guides.model import TerminalManifest
from guides.site import BuildOptions, build_site
from guides.sources import load_catalog, load_sources
from kiosk_app.core.config import KioskConfig
from kiosk_app.core.paths import config_dir


def guide_index(root: Path, terminal_id: str) -> Path:
    return root / terminal_id / "index.html"


def build_local_guide(cfg: KioskConfig, root: Path, catalog: Path | None = None) -> Path:
    """Build this terminal's guide into root; returns its index.html."""
    sources = load_sources(config_dir() / "guides")
    known = {t.id: t for t in sources.terminals}
    manifest = known.get(cfg.terminal.id) or TerminalManifest(
        id=cfg.terminal.id,
        name=cfg.terminal.name,
        location=cfg.terminal.location,
        model=cfg.terminal.model,
        profile=cfg.profile,
        capabilities=list(cfg.ui.capabilities),
    )
    catalog_path = catalog or config_dir() / "catalog" / "catalog.json"
    cat = load_catalog(catalog_path) if catalog_path.is_file() else None
    build_site(sources, [manifest], cat, BuildOptions(out=root, base_url=cfg.guides.base_url))
    return guide_index(root, cfg.terminal.id)
