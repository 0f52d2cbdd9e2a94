"""`kiosk central --host H --port N`: the reference Terminal API (filled in by the sync issue)."""

from __future__ import annotations

from typing import Annotated

import typer


def central(
    host: Annotated[str, typer.Option()] = "127.0.0.1",
    port: Annotated[int, typer.Option()] = 8765,
) -> None:
    """Run the reference central service."""
    typer.echo("central: not built yet", err=True)
    raise typer.Exit(1)
