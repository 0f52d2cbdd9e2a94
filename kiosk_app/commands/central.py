"""`kiosk central --host H --port N [--db PATH] [--database-url URL] [--guides-dir DIR] [--demo]`:
the reference Terminal API.

``--database-url postgresql://...`` (or KIOSK_CENTRAL_DATABASE_URL) keeps the data in PostgreSQL
instead of the SQLite file; several processes may share it (the key file and blobs beside
``--db`` must then be shared too).

For development, the demo and a site's integration tests; production sites run their own
implementation of the same contract (central/openapi.json). ``--demo`` seeds the published demo
tokens and codes (central/README.md); without it the service knows no token until a site issues
one (``python -m central.admin token issue``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kiosk_app.commands import needs_central


def central(
    host: Annotated[str, typer.Option(help="address to listen on")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=0, max=65535, help="TCP port")] = 8765,
    db: Annotated[
        Path | None, typer.Option(help="SQLite file (default: <data dir>/central/central.db)")
    ] = None,
    database_url: Annotated[
        str | None,
        typer.Option(
            envvar="KIOSK_CENTRAL_DATABASE_URL",
            help="postgresql://... to keep the data in PostgreSQL (default: the SQLite file)",
        ),
    ] = None,
    guides_dir: Annotated[
        Path | None, typer.Option(help="built guide sites, served under /guides/")
    ] = None,
    demo: Annotated[
        bool, typer.Option("--demo", help="seed the published demo tokens and codes")
    ] = False,
) -> None:
    """Run the reference central service in the foreground (Ctrl-C stops it)."""
    needs_central("`kiosk central`")
    from central.catalog import CatalogError
    from central.db import SchemaError, redact_url
    from central.keyring import KeyringError
    from central.server import CentralStartError, serve_forever
    from central.settings import CentralSettings
    from kiosk_app.core.paths import config_dir, data_dir

    if guides_dir is not None and not guides_dir.is_dir():
        typer.echo(f"central: --guides-dir {guides_dir}: not a directory", err=True)
        raise typer.Exit(2)
    db_path = db if db is not None else data_dir() / "central" / "central.db"
    settings = CentralSettings(
        db_path=db_path,
        database_url=database_url or None,
        guides_dir=guides_dir,
        config_dir=config_dir(),
        demo=demo,
    )
    store = redact_url(database_url) if database_url else str(db_path)
    typer.echo(f"central: serving http://{host}:{port}/api/v1 (db {store})", err=True)
    try:
        serve_forever(settings, host, port)
    except (CatalogError, CentralStartError, KeyringError, SchemaError) as exc:
        typer.echo(f"central: {exc}", err=True)
        raise typer.Exit(2) from None
