"""`kiosk config check FILE` and `kiosk config show`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Validate and show terminal configuration.", no_args_is_help=True)


@app.command()
def check(
    file: Annotated[Path, typer.Argument(help="site, profile or default TOML file")],
    demo: Annotated[
        bool, typer.Option("--demo", help="a demo site file: the published demo PIN is allowed")
    ] = False,
) -> None:
    """Exit 0 when FILE (layered on the defaults and its profile) is valid, 2 otherwise.

    A site file must set its own technician PIN hash, not the published demo one (unless
    ``--demo``); the defaults and profiles are checked as layers, without that rule."""
    from kiosk_app.core.config import ConfigError, load_config, pin_problems
    from kiosk_app.core.paths import config_dir

    try:
        loaded = load_config(file)
        layer = file.resolve().parent in (config_dir(), config_dir() / "profiles")
        if not layer and (problems := pin_problems(loaded, demo=demo, thorough=True)):
            raise ConfigError(problems)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(f"invalid: {problem}", err=True)
        raise typer.Exit(2) from None
    layers = " < ".join(str(p) for p in loaded.files)
    if loaded.config.video.enabled:
        # 视频帮办 on this build: its media engine (Qt WebEngine, in a child process) must load
        from kiosk_app.ui.video.engine import probe

        engine_ok, why = probe()
        if not engine_ok:
            typer.echo(f"invalid: video.enabled: its media engine cannot load: {why}", err=True)
            raise typer.Exit(2)
        typer.echo("video: the media engine loads")
    typer.echo(f"ok: {file} (layers: {layers}; terminal {loaded.config.terminal.id})")


@app.command()
def show(config: Annotated[Path | None, typer.Option("--config", "-c")] = None) -> None:
    """Print the config in force as JSON (the technician panel shows the same)."""
    from kiosk_app.core.config import ConfigError, load_config, public_view

    try:
        loaded = load_config(config)
    except ConfigError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    typer.echo(json.dumps(public_view(loaded.config), ensure_ascii=False, indent=2))
