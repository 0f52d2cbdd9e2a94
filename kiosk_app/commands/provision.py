"""`kiosk provision ...` commands (filled in by the provision issue)."""

from __future__ import annotations

import typer

app = typer.Typer(help="provision commands.", no_args_is_help=True)


@app.command("status")
def status() -> None:
    """Not built yet."""
    typer.echo("provision: not built yet", err=True)
    raise typer.Exit(1)
