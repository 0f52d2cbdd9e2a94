"""`kiosk update make|boot|check|status`: signed software releases.

The county signs a frozen build as a release on its own machine (``make``, with the release key
from ``kiosk provision keygen --name release``) and announces it through the central service
(``python -m central.admin release announce``). On a terminal the kiosk session runs ``boot``
(the launcher, provisioning/boot.py) and the running kiosk checks for releases in the background;
``check`` runs one such round now, ``status`` shows the slots. A release from a USB stick goes
through the provisioning path: ``kiosk provision apply FILE`` (or the technician panel).

Exit codes: 0 done, 1 refused (the reason on stderr), 2 bad usage or an invalid config.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, NoReturn

import typer

app = typer.Typer(help="Signed software releases: make one, try it at start, check for one.")

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="the terminal's site file (else $KIOSK_CONFIG)"),
]


def _refuse(reason: str, code: int = 1) -> NoReturn:
    typer.echo(f"refused: {reason}", err=True)
    raise typer.Exit(code)


@app.command()
def make(
    key: Annotated[Path, typer.Option(help="the county's release key (NAME.key)")],
    app_dir: Annotated[Path, typer.Option("--app", help="the frozen build (holds `kiosk`)")],
    version: Annotated[str, typer.Option(help="the release version; must say so itself")],
    out: Annotated[Path, typer.Option(help="the release file to write")],
    notes: Annotated[str, typer.Option(help="release notes for the console")] = "",
    add_release_key: Annotated[
        list[Path] | None,
        typer.Option(help="a NAME.pub terminals trust for releases once this one is kept"),
    ] = None,
    revoke_release_key: Annotated[
        list[str] | None, typer.Option(help="a release key id terminals stop trusting")
    ] = None,
    add_metadata_key: Annotated[
        list[str] | None, typer.Option(help="a central metadata key (ed25519:…) to trust")
    ] = None,
    revoke_metadata_key: Annotated[
        list[str] | None, typer.Option(help="a metadata key id terminals stop trusting")
    ] = None,
    passphrase_env: Annotated[
        str | None, typer.Option(help="env var holding the private key's passphrase")
    ] = None,
) -> None:
    """Sign a frozen build as a release artifact (key rotation: --add-…/--revoke-…)."""
    from contract.updates import TrustChange
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.keys import load_private, parse_public, public_line
    from kiosk_app.provisioning.release import make_release

    passphrase = None
    if passphrase_env:
        value = os.environ.get(passphrase_env)
        if not value:
            _refuse(f"${passphrase_env} is empty or unset", 2)
        passphrase = value.encode()
    try:
        private = load_private(key, passphrase)
        adds = [
            public_line(parse_public(p.read_text(encoding="ascii"), str(p)))
            for p in add_release_key or []
        ]
        metadata = [public_line(parse_public(line)) for line in add_metadata_key or []]
        trust = None
        if adds or revoke_release_key or metadata or revoke_metadata_key:
            trust = TrustChange(
                release_keys_add=adds,
                release_keys_revoke=list(revoke_release_key or []),
                metadata_keys_add=metadata,
                metadata_keys_revoke=list(revoke_metadata_key or []),
            )
        mf = make_release(out, app_dir, version, private, trust=trust, notes=notes)
    except ProvisionError as exc:
        _refuse(exc.reason, 2)
    except (OSError, ValueError) as exc:
        _refuse(f"cannot build the release: {exc}", 2)
    typer.echo(
        f"ok: {out} (kiosk {mf.version}, {len(mf.files)} files, {len(mf.links)} links,"
        f" key {mf.key_id})"
    )


@app.command()
def boot() -> None:
    """The launcher the kiosk session runs: start the kept version, or try a new one first."""
    from kiosk_app.provisioning.boot import main

    raise typer.Exit(main())


@app.command()
def check(config: ConfigOpt = None) -> None:
    """Ask the central service for the latest release now; download and stage it."""
    from kiosk_app.commands.provision import terminal_loaded
    from kiosk_app.provisioning.agent import UpdateAgent
    from kiosk_app.services import with_installed_token
    from kiosk_app.sync.transport import SyncConfigError, Transport

    cfg = with_installed_token(terminal_loaded(config))
    try:
        transport = Transport(cfg.sync, timeout_s=30)
    except SyncConfigError as exc:
        _refuse(str(exc), 2)
    agent = UpdateAgent(cfg, transport)
    try:
        outcome = agent.check()
    finally:
        transport.close()
    update = agent.slots.status().update or {}
    typer.echo(f"{outcome}: {update.get('version') or ''} {update.get('reason') or ''}".strip())
    if outcome == "refused":
        raise typer.Exit(1)


@app.command()
def status(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """The running version, the fallback, a release waiting, and the last update's outcome."""
    from kiosk_app.provisioning.software import SoftwareSlots

    st = SoftwareSlots().status()
    if as_json:
        typer.echo(json.dumps(asdict(st), ensure_ascii=False, indent=2))
        return
    for line in software_lines(st):
        typer.echo(line)


def software_lines(st: object) -> list[str]:
    """`kiosk provision status` and `kiosk update status` say the same."""
    from kiosk_app.provisioning.software import SoftwareStatus

    assert isinstance(st, SoftwareStatus)
    running = st.running or "the packaged version"
    where = "a software slot" if st.running_from == "slot" else "the package"
    lines = [
        f"software running: {running} (from {where})",
        f"software fallback: {st.fallback or 'none'}",
    ]
    if st.trial:
        lines.append(f"software waiting to be tried: {st.trial}")
    if st.update:
        u = st.update
        lines.append(
            f"last update: {u.get('version') or '-'} {u.get('state')}"
            + (f" ({u.get('reason')})" if u.get("reason") else "")
            + (f" at {u.get('at')}" if u.get("at") else "")
        )
    return lines
