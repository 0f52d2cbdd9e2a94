"""Entry point of `kiosk` and `python -m kiosk_app`.

The terminal's own start (`kiosk` or `kiosk --config FILE`, and the launcher before it,
`kiosk update boot`) skips the CLI framework: systemd restarts the kiosk after a crash or power
cut, and every second of black screen is a second a citizen is left wondering. Everything else
goes to the typer app in kiosk_app.cli.
"""

from __future__ import annotations

import gc
import os
import sys
from pathlib import Path


def _plain_run(argv: list[str]) -> Path | bool | None:
    """The config path of a plain kiosk start (None: from $KIOSK_CONFIG), else False."""
    if not argv:
        return None
    if len(argv) == 2 and argv[0] in ("--config", "-c"):
        return Path(argv[1])
    if len(argv) == 1 and argv[0].startswith("--config="):
        return Path(argv[0].split("=", 1)[1])
    return False


def main() -> None:
    # pydantic scans every installed distribution for plugins at first use; we use none
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    if sys.argv[1:] == ["update", "boot"]:
        # the launcher runs before every start of the kiosk: no CLI framework either
        from kiosk_app.provisioning.boot import main as boot

        sys.exit(boot())
    plain = _plain_run(sys.argv[1:])
    if plain is not False:
        # Start-up makes objects that live as long as the process: no collections until the
        # first paint (run_kiosk turns the collector back on).
        gc.disable()
        # The Qt-free core loads before Qt: PySide6 reads the source of every module imported
        # after it (for its __feature__ switch), a few milliseconds of start-up for nothing.
        import kiosk_app.core.context
        import kiosk_app.core.logs  # noqa: F401
        from kiosk_app.ui.app import run_kiosk

        sys.exit(run_kiosk(plain if isinstance(plain, Path) else None, demo=False))
    from kiosk_app.cli import main as cli_main

    cli_main()
