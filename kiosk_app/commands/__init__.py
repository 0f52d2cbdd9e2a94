"""The `kiosk` command's groups; each module holds one."""

from __future__ import annotations

import typer


def needs_central(what: str) -> None:
    """The reference central service is not part of a terminal's install (it is the `central`
    extra): say so plainly instead of a traceback."""
    from importlib.util import find_spec

    if find_spec("central") is None or find_spec("fastapi") is None:
        typer.echo(
            f"{what} needs the reference central service, which a terminal does not install: "
            "pip install 'kiosk-terminal[central]' (scripts/bootstrap.sh installs it)",
            err=True,
        )
        raise typer.Exit(2)
