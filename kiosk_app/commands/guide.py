"""`kiosk guide ...` commands (filled in by the guide issue)."""

from __future__ import annotations

import typer

app = typer.Typer(help="guide commands.", no_args_is_help=True)


@app.command("status")
def status() -> None:
    """Not built yet."""
    typer.echo("guide: not built yet", err=True)
    raise typer.Exit(1)
