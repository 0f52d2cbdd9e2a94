"""`kiosk config check FILE` and `kiosk config show`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

app = typer.Typer(help="Validate and show terminal configuration.", no_args_is_help=True)


@app.command()
def check(file: Annotated[Path, typer.Argument(help="site, profile or default TOML file")]) -> None:
    """Exit 0 when FILE (layered on the defaults and its profile) is valid, 2 otherwise."""
    from kiosk_app.core.config import ConfigError, load_config

    try:
        loaded = load_config(file)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(f"invalid: {problem}", err=True)
        raise typer.Exit(2) from None
    layers = " < ".join(str(p) for p in loaded.files)
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
