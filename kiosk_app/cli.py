"""The `kiosk` command. Each group lives in kiosk_app/commands/; heavy imports stay inside the
commands so `kiosk --version` and the kiosk's cold start stay fast."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kiosk_app import __version__
from kiosk_app.commands import (
    central,
    config_cmd,
    devices,
    guide,
    needs_central,
    provision,
    update,
)

app = typer.Typer(
    help="Kiosk terminal client. With no command: run the kiosk on this terminal's config.",
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(config_cmd.app, name="config")
app.add_typer(devices.app, name="devices")
app.add_typer(guide.app, name="guide")
app.add_typer(provision.app, name="provision")
app.add_typer(update.app, name="update")
app.command("central")(central.central)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="site config file (else $KIOSK_CONFIG)")
]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kiosk {__version__}")
        raise typer.Exit(0)


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="print the version")
    ] = False,
    config: ConfigOpt = None,
) -> None:
    if ctx.invoked_subcommand is None:
        from kiosk_app.ui.app import run_kiosk

        raise typer.Exit(run_kiosk(config, demo=False))


@app.command()
def demo(
    config: ConfigOpt = None,
    headless: Annotated[bool, typer.Option(help="scripted walkthrough with no display")] = False,
    out: Annotated[Path, typer.Option(help="where the headless walkthrough writes")] = Path(
        "demo-out"
    ),
    windowed: Annotated[bool, typer.Option(help="a window instead of fullscreen")] = False,
    profile: Annotated[
        str, typer.Option(help="demo terminal: kiosk-24h (citizens) or five-ones-desk (staff)")
    ] = "kiosk-24h",
) -> None:
    """The kiosk on simulated devices and an embedded central service."""
    needs_central("`kiosk demo`")
    if headless:
        from kiosk_app.ui.demo.walkthrough import run_headless

        raise typer.Exit(run_headless(out, config))
    from kiosk_app.demo.environment import DEMO_SITES
    from kiosk_app.ui.app import run_kiosk

    if profile not in DEMO_SITES:
        typer.echo(f"unknown demo profile {profile!r}; choose from {sorted(DEMO_SITES)}", err=True)
        raise typer.Exit(2)
    if config is None:
        from kiosk_app.core.paths import config_dir

        config = config_dir() / "terminals" / DEMO_SITES[profile]
    raise typer.Exit(run_kiosk(config, demo=True, windowed=windowed))


@app.command("pin-hash")
def pin_hash(pin: Annotated[str, typer.Option(prompt=True, hide_input=True)]) -> None:
    """Print the scrypt hash of a technician PIN, for a site file's technician.pin_hash."""
    from kiosk_app.core.pin import hash_pin

    if not pin.isdigit() or not 4 <= len(pin) <= 12:
        typer.echo("a PIN is 4 to 12 digits", err=True)
        raise typer.Exit(2)
    typer.echo(hash_pin(pin))


def main() -> None:
    app()
