"""`kiosk devices ...` commands (filled in by the devices issue)."""

from __future__ import annotations

import typer

app = typer.Typer(help="devices commands.", no_args_is_help=True)


@app.command("status")
def status() -> None:
    """Not built yet."""
    typer.echo("devices: not built yet", err=True)
    raise typer.Exit(1)
