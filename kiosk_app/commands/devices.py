"""`kiosk devices list` and `kiosk devices test NAME`: what a technician runs first at a
terminal whose scanner "does nothing" — is it attached, under which stable name, and does it
answer its test transaction?"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Annotated, Any

import typer

app = typer.Typer(
    help="List attached devices and run a device's test transaction.", no_args_is_help=True
)

ConfigOpt = Annotated[
    Path | None, typer.Option("--config", "-c", help="site config file (else $KIOSK_CONFIG)")
]


def _configured(config: Path | None) -> tuple[dict[str, Any], str]:
    from kiosk_app.core.config import ConfigError, load_config

    try:
        return dict(load_config(config, check_devices=False).config.devices), ""
    except ConfigError as exc:
        return {}, str(exc)


@app.command("list")
def list_(
    config: ConfigOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="machine-readable output")] = False,
) -> None:
    """Serial ports (with by-id names), USB printers, cameras, and the configured devices."""
    from devices.identity import list_cameras, list_serial_ports, list_usb_printers
    from devices.registry import available_adapters

    adapters = available_adapters()
    specs, problem = _configured(config)
    report: dict[str, Any] = {
        "serial_ports": [asdict(p) | {"usb_id": p.usb_id} for p in list_serial_ports()],
        "usb_printers": [asdict(p) | {"usb_id": p.usb_id} for p in list_usb_printers()],
        "cameras": [asdict(c) for c in list_cameras()],
        "adapters": adapters,
        "configured": {
            name: {
                "adapter": spec.adapter,
                "enabled": spec.enabled,
                "adapter_installed": spec.adapter in adapters,
                "params": dict(spec.params),
            }
            for name, spec in specs.items()
        },
    }
    if problem:
        report["config_problem"] = problem
    if as_json:
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2, default=str))
        return
    typer.echo("Serial ports:")
    for p in report["serial_ports"] or [{"device": "(none)"}]:
        extra = "  ".join(x for x in (p.get("by_id", ""), p.get("usb_id", "")) if x)
        typer.echo(f"  {p['device']}  {extra}  {p.get('description', '')}".rstrip())
    typer.echo("USB printers:")
    for u in report["usb_printers"] or [{"usb_id": "(none)", "product": ""}]:
        typer.echo(f"  {u['usb_id']}  {u['product']}".rstrip())
    typer.echo("Cameras:")
    for c in report["cameras"] or [{"device": "(none)", "by_id": "", "name": ""}]:
        typer.echo(f"  {c['device']}  {c['by_id']}  {c['name']}".rstrip())
    typer.echo(f"Adapters installed: {', '.join(adapters) or '(none)'}")
    typer.echo("Configured devices:")
    if problem:
        typer.echo(f"  config problem: {problem}")
    for name, d in report["configured"].items():
        flags = [] if d["enabled"] else ["disabled"]
        if not d["adapter_installed"]:
            flags.append("ADAPTER NOT INSTALLED")
        typer.echo(f"  {name}: {d['adapter']} {' '.join(flags)}".rstrip())
    if not report["configured"]:
        typer.echo("  (none)")


@app.command("test")
def test(
    name: Annotated[str, typer.Argument(help="logical name: scanner, printer, rating_pad …")],
    config: ConfigOpt = None,
    wait: Annotated[
        float, typer.Option(help="seconds to wait for the device to come online")
    ] = 3.0,
    timeout: Annotated[float, typer.Option(help="seconds for the test transaction")] = 10.0,
    preview: Annotated[
        Path | None,
        typer.Option(help="printer: also write the calibration page as it should print (PNG)"),
    ] = None,
) -> None:
    """Open the device, run its test transaction, print the result. Exit 0 ok, 1 failed,
    2 not configured or misconfigured. A printer's test transaction prints the calibration page
    for its configured profile; the lines under the result say what the paper must show."""
    from devices.base import DeviceState
    from devices.errors import DeviceError
    from devices.registry import adapter_class

    specs, problem = _configured(config)
    if problem:
        typer.echo(f"config problem: {problem}", err=True)
        raise typer.Exit(2)
    spec = specs.get(name)
    if spec is None:
        known = ", ".join(sorted(specs)) or "none"
        typer.echo(f"no device {name!r} in the config; configured: {known}", err=True)
        raise typer.Exit(2)
    try:
        device = adapter_class(spec.adapter)(name, dict(spec.params))
    except DeviceError as exc:
        typer.echo(f"{name}: {exc}", err=True)
        raise typer.Exit(2) from None
    if preview is not None:
        _calibration_preview(device, preview)
    try:
        device.start()
        if not device.wait_for(DeviceState.ENABLED, DeviceState.ERROR, timeout=wait):
            health = device.check_health()
            typer.echo(f"{name}: FAILED: device is {health.state.value} (not attached?)")
            raise typer.Exit(1)
        health = device.check_health()
        if health.state is DeviceState.ERROR:
            typer.echo(f"{name}: FAILED: {health.last_error}")
            raise typer.Exit(1)
        result = device.test_transaction(timeout)
    finally:
        device.close()
    typer.echo(
        f"{name}: {'ok' if result.ok else 'FAILED'}: {result.message} ({result.duration_s:.2f} s)"
    )
    for key, value in result.detail.items():
        typer.echo(f"  {key}: {value}")
    raise typer.Exit(0 if result.ok else 1)


def _calibration_preview(device: Any, path: Path) -> None:
    """The calibration page drawn from its bytes by the device's profile: what the paper must
    look like (written before the device is opened, so it exists even without a printer)."""
    profile = getattr(device, "profile", None)
    if profile is None:
        typer.echo(f"{device.name}: --preview is for printers", err=True)
        raise typer.Exit(2)
    from devices.printer.preview import preview_png
    from devices.printer.templates import test_page

    typer.echo(f"calibration page preview: {preview_png(test_page(profile), path, profile)}")
