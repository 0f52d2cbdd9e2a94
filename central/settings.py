"""Everything the reference service is configured with, in one frozen value.

The clock is injectable so tests can move time (appointment expiry, hotline deadlines, queue
progress) without sleeping.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from central.video_config import VideoSettings


BLOB_LIMIT = 256 * 1024 * 1024  # the route's hard cap; settings.max_blob_bytes may be lower

_SRC_CONFIG = Path(__file__).resolve().parents[1] / "config"
_INSTALLED_CONFIG = Path(sys.prefix) / "share" / "kiosk-terminal" / "config"


def default_config_dir() -> Path:
    """The repo's config/ (source tree first, then the wheel's data files).

    central may not import kiosk_app, so it cannot ask kiosk_app.core.paths; callers that have a
    better answer pass the paths explicitly.
    """
    if (_SRC_CONFIG / "default.toml").is_file():
        return _SRC_CONFIG
    return _INSTALLED_CONFIG


DATABASE_URL_ENV = "KIOSK_CENTRAL_DATABASE_URL"


def database_url_from_env() -> str | None:
    """``postgresql://...`` from the environment (12-factor style, and how the test suite runs
    the whole central suite on PostgreSQL); unset or empty: SQLite at ``db_path``."""
    return os.environ.get(DATABASE_URL_ENV) or None


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RateLimits:
    """Failed guesses allowed before a lockout, and how the lockout grows.

    A subject (a terminal, a phone number, a work-order number) gets ``free`` failures; each one
    after that locks it for ``base_s`` doubled per extra failure, up to ``cap_s``; ``reset_s``
    after its last failure it starts afresh. A phone's 6-digit code thus costs an attacker days
    per thousand guesses instead of 10 minutes for all million, while a citizen who mistypes twice
    never notices. A terminal is allowed more (its citizens all mistype), but not unlimited:
    guessing across many phones from one terminal is the other half of the attack.
    """

    enabled: bool = True
    free: int = 5  # per phone, per number, per authorisation
    terminal_free: int = 30  # per terminal and kind of lookup
    base_s: float = 30.0
    cap_s: float = 24 * 3600.0
    reset_s: float = 24 * 3600.0


@dataclass(frozen=True)
class CentralSettings:
    db_path: Path  # the SQLite file; with database_url also the base of the key file, blobs...
    # postgresql://user@host/db (central.db.open_database); None: SQLite at db_path. Processes
    # sharing one PostgreSQL database must share the key file and blobs directory too.
    database_url: str | None = field(default_factory=database_url_from_env)
    guides_dir: Path | None = None
    config_dir: Path = field(default_factory=default_config_dir)
    catalog_path: Path | None = None  # default: <config_dir>/catalog/catalog.json
    blobs_dir: Path | None = None  # default: <db_path>.blobs/
    public_url: str | None = None  # base of follow URLs; default: the request's own base URL
    clock: Callable[[], datetime] = utc_now
    idempotency_lease_s: float = 60.0  # an in-flight key older than this was abandoned
    max_blob_bytes: int = 64 * 1024 * 1024  # at most BLOB_LIMIT
    max_json_bytes: int = 8 * 1024 * 1024  # any other request body
    max_events_per_batch: int = 1000
    hall_terminals: int = 55  # HALL-001 ... HALL-055 are seeded with demo tokens (demo only)
    # Demo mode: the documented demo tokens, appointments and authorisations are (re)written at
    # start. Off by default: a site's service must never accept a published token.
    demo: bool = False
    key_file: Path | None = None  # default: <db_path>.keys (central.keyring)
    idempotency_ttl_s: float = 24 * 3600  # a stored answer replays for this long, then is gone
    heartbeat_keep_s: float = 7 * 24 * 3600  # heartbeat history kept per terminal
    token_ttl_s: float = 365 * 24 * 3600  # an issued terminal token expires after this
    limits: RateLimits = field(default_factory=RateLimits)
    video: VideoSettings = field(default_factory=lambda: _video_default())
    releases_dir: Path | None = None  # default: <db_path>.releases/ (software release artifacts)
    update_key_file: Path | None = None  # default: <db_path>.update-keys (central/update_keys.py)
    latest_ttl_s: float = 24 * 3600  # a terminal's "latest release" document expires after this
    # the fleet console (central/console.py): the terminals' sync.heartbeat_s, alert thresholds,
    # where alerts are POSTed (a county's duty system), how long a sign-in lasts
    heartbeat_interval_s: float = 60.0
    alert_missing_s: float = 15 * 60.0
    alert_backlog_s: float = 3600.0
    alert_check_s: float = 30.0  # the fleet is re-evaluated this often while the service runs
    console_webhook_url: str | None = None
    console_session_s: float = 8 * 3600.0
    # 差评 are followed up (整改) within this many working days (contract.ratings), 15 by default
    rating_followup_working_days: int = 15

    @property
    def resolved_catalog_path(self) -> Path:
        return self.catalog_path or self.config_dir / "catalog" / "catalog.json"

    @property
    def resolved_key_file(self) -> Path:
        return self.key_file or self.db_path.with_name(self.db_path.name + ".keys")

    @property
    def resolved_releases_dir(self) -> Path:
        return self.releases_dir or self.db_path.with_name(self.db_path.name + ".releases")

    @property
    def resolved_update_key_file(self) -> Path:
        return self.update_key_file or self.db_path.with_name(self.db_path.name + ".update-keys")

    @property
    def resolved_blobs_dir(self) -> Path:
        return self.blobs_dir or self.db_path.with_name(self.db_path.name + ".blobs")


def _video_default() -> VideoSettings:
    from central.video_config import VideoSettings

    return VideoSettings()
