"""`kiosk provision keygen|make|verify|apply|rollback|status|systemd`.

``verify`` and ``apply`` take a provisioning bundle or a software release alike (the offline
path for updates: a release on a USB stick is tried at the next start of the kiosk, kept only if
it reaches its home screen and passes the device self-test). Releases are checked against the
release keys (``updates.release_keys``), never the bundle keys.

Exit codes: 0 done, 1 refused (the reason is on stderr and nothing on the terminal changed),
2 bad usage or an invalid config. The county runs keygen and make on its own machine; a
technician runs verify, apply and rollback on the terminal (as the kiosk user, or root).

Trust on the terminal comes from the config in force (``provisioning.trusted_keys`` and
``provisioning.keys_dir``) plus ``--keys-dir`` (default ``$KIOSK_KEYS_DIR``, else
``/etc/kiosk-terminal/keys`` when it exists), so a never-provisioned terminal can trust the
county's key shipped with the package.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

if TYPE_CHECKING:  # heavy imports stay inside the commands (fast `kiosk --version`)
    from kiosk_app.core.config import KioskConfig, LoadedConfig
    from kiosk_app.provisioning.install import Installer
    from kiosk_app.provisioning.keys import TrustedKeys

app = typer.Typer(help="Signed provisioning bundles: make, verify, apply, roll back.")

SYSTEM_KEYS_DIR = Path("/etc/kiosk-terminal/keys")

ConfigOpt = Annotated[
    Path | None,
    typer.Option("--config", "-c", help="the terminal's site file (else $KIOSK_CONFIG)"),
]
KeysDirOpt = Annotated[
    Path | None,
    typer.Option(help="extra folder of trusted *.pub keys", envvar="KIOSK_KEYS_DIR"),
]
RootOpt = Annotated[
    Path | None,
    typer.Option("--root", help="install folder (else provisioning.install_dir)"),
]


def _refuse(reason: str, code: int = 1) -> NoReturn:
    typer.echo(f"refused: {reason}", err=True)
    raise typer.Exit(code)


def terminal_loaded(config: Path | None) -> LoadedConfig:
    """The config in force; on a never-provisioned terminal the packaged defaults."""
    from kiosk_app.core.config import ConfigError, load_config
    from kiosk_app.core.paths import config_dir

    site = config or (Path(os.environ["KIOSK_CONFIG"]) if os.environ.get("KIOSK_CONFIG") else None)
    if site is None or not site.exists():
        site = config_dir() / "default.toml"
    try:
        return load_config(site)
    except ConfigError as exc:
        for problem in exc.problems:
            typer.echo(f"invalid: {problem}", err=True)
        raise typer.Exit(2) from None


def _terminal_config(config: Path | None) -> KioskConfig:
    return terminal_loaded(config).config


def _installer(config: Path | None, keys_dir: Path | None, root: Path | None) -> Installer:
    from kiosk_app.core.config import ProvisioningConfig
    from kiosk_app.provisioning import ProvisionError, install_root
    from kiosk_app.provisioning.install import Installer
    from kiosk_app.provisioning.keys import TrustedKeys

    cfg = _terminal_config(config)
    extra = keys_dir or (SYSTEM_KEYS_DIR if SYSTEM_KEYS_DIR.is_dir() else None)
    try:
        trusted = TrustedKeys.from_config(cfg.provisioning)
        if extra is not None:
            more = TrustedKeys.from_config(ProvisioningConfig(keys_dir=str(extra)))
            trusted = TrustedKeys({**trusted.keys, **more.keys})
    except ProvisionError as exc:
        _refuse(exc.reason, 2)
    return Installer(
        root or install_root(cfg), trusted, max_bytes=cfg.provisioning.max_bundle_mb << 20
    )


def _is_release(path: Path) -> bool:
    from kiosk_app.provisioning.usb import peek

    found = peek(path)
    return found is not None and found.kind == "release"


def _release_trust(config: Path | None) -> tuple[KioskConfig, TrustedKeys]:
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.release import effective_keys
    from kiosk_app.provisioning.software import SoftwareSlots

    cfg = _terminal_config(config)
    try:
        return cfg, effective_keys(cfg.updates, SoftwareSlots().read_state(), "release")
    except ProvisionError as exc:
        _refuse(exc.reason, 2)


def _verify_release(release: Path, config: Path | None) -> None:
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.release import read_release
    from kiosk_app.provisioning.software import SoftwareSlots

    cfg, trusted = _release_trust(config)
    slots = SoftwareSlots()
    try:
        verified = read_release(release, trusted, max_bytes=cfg.updates.max_release_mb << 20)
    except ProvisionError as exc:
        _refuse(exc.reason)
    except OSError as exc:
        _refuse(f"cannot read the release {release}: {exc.strerror or exc}")
    mf = verified.manifest
    typer.echo(
        f"ok: {release}: kiosk {mf.version}, {len(mf.files)} files, signed by {verified.signer}"
    )
    from contract.versions import newer

    floor = slots.installed_floor(slots.read_state())
    if not newer(mf.version, floor):
        _refuse(f"version {mf.version} is not newer than {floor}; apply would refuse it")


def _apply_release(release: Path, config: Path | None) -> None:
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.release import StageOptions, stage_release
    from kiosk_app.provisioning.software import SoftwareSlots

    cfg, trusted = _release_trust(config)
    slots = SoftwareSlots()
    try:
        verified, _slot = stage_release(
            slots, release, trusted, StageOptions.from_config(cfg, "usb", "next-start")
        )
    except ProvisionError as exc:
        _refuse(exc.reason)
    st = slots.status()
    u = cfg.updates
    typer.echo(
        f"ok: kiosk {verified.version} is in the spare slot and is tried at the next start"
        " (systemctl restart kiosk-terminal, or the panel's Restart): kept if it reaches its"
        f" home screen and passes the device self-test within {u.deadline_s} s, otherwise the"
        f" terminal goes back to {st.running or 'the packaged version'} by itself"
    )


def _passphrase(env: str | None) -> bytes | None:
    if not env:
        return None
    value = os.environ.get(env)
    if not value:
        _refuse(f"${env} is empty or unset", 2)
    return value.encode()


@app.command()
def keygen(
    out: Annotated[Path, typer.Option(help="folder for NAME.key and NAME.pub")],
    name: Annotated[str, typer.Option(help="key name, e.g. the county")] = "county",
    passphrase_env: Annotated[
        str | None, typer.Option(help="encrypt the private key with the passphrase in this env var")
    ] = None,
) -> None:
    """Make an Ed25519 key pair: keep NAME.key secret, give NAME.pub to every terminal."""
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.keys import generate

    try:
        key, pub = generate(out, name, _passphrase(passphrase_env))
    except ProvisionError as exc:
        _refuse(exc.reason, 2)
    typer.echo(f"private key: {key} (keep it off the terminals)")
    typer.echo(f"public key:  {pub}")
    typer.echo(pub.read_text().strip())


@app.command()
def make(
    key: Annotated[Path, typer.Option(help="the county's private key (NAME.key)")],
    config: Annotated[Path, typer.Option("--config", "-c", help="the terminal's site file")],
    token_file: Annotated[Path, typer.Option(help="file holding the terminal's API token")],
    version: Annotated[int, typer.Option(min=1, help="bundle version; must exceed the last")],
    out: Annotated[Path, typer.Option(help="the bundle file to write")],
    ca: Annotated[Path | None, typer.Option(help="site CA certificate (PEM)")] = None,
    catalog: Annotated[Path | None, typer.Option(help="catalog snapshot (JSON)")] = None,
    guides: Annotated[Path | None, typer.Option(help="built guides folder")] = None,
    passphrase_env: Annotated[
        str | None, typer.Option(help="env var holding the private key's passphrase")
    ] = None,
) -> None:
    """Build and sign one terminal's bundle."""
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.bundle import BundleSources, make_bundle
    from kiosk_app.provisioning.keys import load_private

    try:
        token = token_file.read_text(encoding="utf-8").strip()
    except (OSError, UnicodeDecodeError) as exc:
        _refuse(f"cannot read the token file {token_file}: {exc}", 2)
    try:
        private = load_private(key, _passphrase(passphrase_env))
        manifest = make_bundle(
            out, BundleSources(config, token, ca, catalog, guides), version, private
        )
    except ProvisionError as exc:
        _refuse(exc.reason, 2)
    except ValueError as exc:  # pydantic: e.g. a token too short
        _refuse(f"cannot build the bundle: {exc}", 2)
    except OSError as exc:
        _refuse(f"cannot build the bundle: {exc.strerror or exc} ({exc.filename})", 2)
    typer.echo(
        f"ok: {out} (terminal {manifest.terminal_id}, version {manifest.version},"
        f" {len(manifest.files)} files, key {manifest.key_id})"
    )


@app.command()
def verify(
    bundle: Annotated[Path, typer.Argument(help="the bundle file")],
    config: ConfigOpt = None,
    keys_dir: KeysDirOpt = None,
    root: RootOpt = None,
) -> None:
    """Exit 0 only for an intact bundle or release signed by a trusted key (and newer than the
    installed)."""
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.bundle import read_bundle

    if _is_release(bundle):
        _verify_release(bundle, config)
        return

    inst = _installer(config, keys_dir, root)
    try:
        verified = read_bundle(bundle, inst.trusted, max_bytes=inst.max_bytes)
        cur = inst.current()
    except ProvisionError as exc:
        _refuse(exc.reason)
    except OSError as exc:  # e.g. the stick pulled out mid-read
        _refuse(f"cannot read the bundle {bundle}: {exc.strerror or exc}")
    mf = verified.manifest
    typer.echo(
        f"ok: {bundle}: terminal {mf.terminal_id}, version {mf.version}, {len(mf.files)} files,"
        f" signed by {verified.signer}"
    )
    if cur is not None and mf.version <= cur.info.bundle_version:
        _refuse(
            f"version {mf.version} is not newer than the installed {cur.info.bundle_version};"
            " apply would refuse it"
        )


@app.command()
def apply(
    bundle: Annotated[
        Path, typer.Argument(help="the bundle or release file (e.g. on the USB stick)")
    ],
    config: ConfigOpt = None,
    keys_dir: KeysDirOpt = None,
    root: RootOpt = None,
    self_test: Annotated[bool, typer.Option(help="run the device self-test after")] = True,
    slip_json: Annotated[Path | None, typer.Option(help="also write the slip as JSON")] = None,
    slip_png: Annotated[
        Path | None, typer.Option(help="also render the printed slip (with the guide QR) as PNG")
    ] = None,
) -> None:
    """Verify, install atomically (keeping the previous), self-test, print the slip; a
    software release is installed into the spare slot and tried at the next start."""
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.selftest import device_self_test
    from kiosk_app.provisioning.slip import build_slip, save_slip_png

    if _is_release(bundle):
        _apply_release(bundle, config)
        return

    inst = _installer(config, keys_dir, root)
    try:
        result = inst.apply(bundle, device_self_test if self_test else None)
    except ProvisionError as exc:
        _refuse(exc.reason)
    slip = build_slip(result)
    for line in slip.lines():
        typer.echo(line)
    typer.echo(f"installed: {result.installed.path}")
    was = result.previous.info.terminal_id if result.previous else None
    if was is not None and was != result.installed.info.terminal_id:
        typer.echo(f"note: this terminal was {was}; it is now {slip.terminal_id}", err=True)
    if slip_json is not None:
        slip_json.write_text(json.dumps(asdict(slip), ensure_ascii=False, indent=2), "utf-8")
    if slip_png is not None:
        save_slip_png(slip, slip_png)
    if not slip.passed:
        typer.echo("warning: the device self-test failed; see the slip", err=True)


@app.command()
def rollback(config: ConfigOpt = None, keys_dir: KeysDirOpt = None, root: RootOpt = None) -> None:
    """Go back to the release installed before the current one (one step only)."""
    from kiosk_app.provisioning import ProvisionError

    inst = _installer(config, keys_dir, root)
    try:
        now, was = inst.rollback()
    except ProvisionError as exc:
        _refuse(exc.reason)
    typer.echo(
        f"ok: rolled back from bundle {was.info.bundle_version}/config {was.info.config_version}"
        f" to bundle {now.info.bundle_version}/config {now.info.config_version}"
    )


@app.command()
def status(config: ConfigOpt = None, keys_dir: KeysDirOpt = None, root: RootOpt = None) -> None:
    """Show the installed and the previous release, and the running and fallback software."""
    from kiosk_app.commands.update import software_lines
    from kiosk_app.provisioning import ProvisionError
    from kiosk_app.provisioning.software import SoftwareSlots

    inst = _installer(config, keys_dir, root)
    try:
        releases = {"current": inst.current(), "previous": inst.previous()}
    except ProvisionError as exc:
        _refuse(exc.reason)
    for label, rel in releases.items():
        if rel is None:
            typer.echo(f"{label}: none")
        else:
            i = rel.info
            typer.echo(
                f"{label}: terminal {i.terminal_id}, bundle {i.bundle_version},"
                f" config {i.config_version} ({i.source}, {i.installed_at}) at {rel.path}"
            )
    typer.echo(f"trusted keys: {', '.join(sorted(inst.trusted.keys)) or 'none'}")
    for line in software_lines(SoftwareSlots().status()):
        typer.echo(line)


@app.command()
def systemd(
    config: ConfigOpt = None,
    out: Annotated[Path, typer.Option(help="systemd unit folder")] = Path("/etc/systemd/system"),
) -> None:
    """Write the restart-window and watchdog drop-ins from the config's [maintenance]."""
    from kiosk_app.provisioning.systemd import dropins

    cfg = _terminal_config(config)
    for rel, text in dropins(cfg.maintenance).items():
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        typer.echo(f"wrote {path}")
    typer.echo("run `systemctl daemon-reload` to take them into use")
