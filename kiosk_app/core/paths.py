"""Where the terminal's files live.

The source tree and an installed wheel keep `config/` in different places; every caller asks
here so there is one answer. Runtime state (outbox, caches, logs) goes under the data dir,
which `KIOSK_DATA_DIR` overrides (tests and the demo point it at a temporary folder).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

_SRC_CONFIG = Path(__file__).resolve().parents[2] / "config"
_INSTALLED_CONFIG = Path(sys.prefix) / "share" / "kiosk-terminal" / "config"


def config_dir() -> Path:
    """The folder holding default.toml and profiles/ (source tree first, then the wheel's)."""
    if (_SRC_CONFIG / "default.toml").is_file():
        return _SRC_CONFIG
    return _INSTALLED_CONFIG


def data_dir() -> Path:
    """Writable runtime state: outbox, caches, logs. Created on first use."""
    env = os.environ.get("KIOSK_DATA_DIR")
    base = Path(env) if env else Path.home() / ".local" / "share" / "kiosk-terminal"
    base.mkdir(parents=True, exist_ok=True)
    return base
