"""Signed software updates: the release artifact's manifest, the expiring "latest release"
document, what a terminal reports about an update, and the fleet's view of a roll-out.

The design follows TUF's roles, cut to what a county needs:

- the **release key** (the county's, kept off the central service) signs each release
  artifact's manifest: the version and the sha256 of every file of the app. A terminal installs
  only what a release key it trusts has signed, and only a version above every version it has
  ever installed (rollback attack);
- the **metadata key** (the central service's, separate from its config key) signs a short-lived
  ``LatestRelease`` for each terminal: which release it may install now. It expires within a day,
  so a terminal fed an old document notices (freeze attack), and it only ever moves forward
  (``issued_at`` never goes back);
- a release can hand trust on (``TrustChange``): keys to add and keys to revoke, taken into use
  when that release is committed on the terminal. That is how either key is rotated without a
  visit: release N, signed by the old key, adds the new one; release N+1, signed by the new key,
  revokes the old.

Signatures cover ``contract.signing.canonical`` of the signed object as received, so a field a
newer service adds is covered too and an older terminal ignores it after checking.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from contract import codes
from contract.versions import VERSION
from contract.wire import Answer, Request

RELEASE_FORMAT = "kiosk-release/1"
LATEST_FORMAT = "kiosk-latest/1"

KEY_ID = r"^[0-9a-f]{16}$"

# Where a release's app lives inside the artifact and in an installed slot; its entry point.
APP_DIR = "app"
APP_EXECUTABLE = "app/kiosk"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ArchiveFile(_Strict):
    sha256: str = Field(pattern=codes.SHA256_HEX)
    size: int = Field(ge=0)


class TrustChange(_Strict):
    """Keys a terminal trusts from the moment this release is committed on it."""

    release_keys_add: list[str] = Field(default_factory=list, max_length=8)
    release_keys_revoke: list[str] = Field(
        default_factory=list, max_length=8, description="key ids no longer trusted"
    )
    metadata_keys_add: list[str] = Field(default_factory=list, max_length=8)
    metadata_keys_revoke: list[str] = Field(default_factory=list, max_length=8)


class ReleaseManifest(_Strict):
    """``manifest.json`` of a release artifact; ``manifest.sig`` signs its exact bytes."""

    format: Literal["kiosk-release/1"]
    version: str = Field(pattern=VERSION, description="only ever goes up on a terminal")
    created_at: str
    key_id: str = Field(pattern=KEY_ID)
    files: dict[str, ArchiveFile] = Field(description="every file under app/, by sha256")
    executables: list[str] = Field(
        default_factory=list, description="files installed executable (app/kiosk, *.so …)"
    )
    links: dict[str, str] = Field(
        default_factory=dict,
        description="symbolic links of the frozen build: name -> relative target inside app/",
    )
    trust: TrustChange | None = None
    notes: str = Field("", max_length=2000)


# -- the latest-release document (GET /api/v1/updates/latest) --------------------------------
class ReleaseOffer(Answer):
    version: str = Field(pattern=VERSION)
    sha256: str = Field(pattern=codes.SHA256_HEX, description="of the artifact file")
    size: int = Field(ge=1, description="of the artifact file, in bytes")
    path: str = Field(
        pattern=r"^/api/v1/updates/artifacts/[0-9a-f]{64}$",
        description="where to download it (Range requests resume)",
    )


class LatestRelease(Answer):
    """What one terminal may install now; signed by the central service's metadata key."""

    format: Literal["kiosk-latest/1"]
    terminal_id: str = Field(min_length=1, max_length=64)
    release: ReleaseOffer | None = Field(
        description="the release offered to this terminal now; null: stay on what you run"
    )
    rollout: str | None = Field(None, description="the roll-out the offer belongs to")
    issued_at: str = Field(description="ISO 8601 UTC; never goes back for a terminal")
    expires_at: str = Field(description="ISO 8601 UTC; an expired document is stale")


class MetadataSignature(Answer):
    key_id: str = Field(pattern=KEY_ID)
    signature: str = Field(description="base64 Ed25519 over canonical JSON of `signed`")


class SignedLatest(Answer):
    signed: LatestRelease
    signatures: list[MetadataSignature] = Field(min_length=1, max_length=4)


# -- what a terminal reports (heartbeat field `update`) --------------------------------------
UpdateState = Literal[
    "available",  # offered, not downloaded yet
    "downloading",
    "ready",  # verified, unpacked into the spare slot, waiting for the restart window
    "trial",  # the new version is starting; not yet kept
    "committed",  # reached its home screen, passed the self-test: kept
    "rolled_back",  # did not: the terminal went back to the previous version by itself
    "refused",  # never installed: bad signature, downgrade, stale metadata, corrupt download
    "withdrawn",  # the central service no longer offers it (roll-out halted) before install
]


class UpdateReport(BaseModel):
    """The last thing that happened to an update on this terminal (kept until the next)."""

    model_config = ConfigDict(extra="allow")
    version: str | None = Field(None, max_length=40)
    state: UpdateState
    reason: str = Field("", max_length=300)
    at: str = Field("", max_length=40, description="ISO 8601 time of the state")
    from_version: str | None = Field(None, max_length=40)
    done_bytes: int | None = Field(None, ge=0)
    total_bytes: int | None = Field(None, ge=0)


# -- the fleet's side (operators: /api/v1/fleet/...) -------------------------------------------
class ReleaseRecord(Answer):
    version: str
    sha256: str
    size: int
    key_id: str = Field(description="the release key that signed the manifest")
    announced_at: str
    notes: str = ""


class RolloutRequest(Request):
    version: str = Field(pattern=VERSION)
    stages: list[list[str]] = Field(
        min_length=1,
        max_length=10,
        description="terminal ids per stage, first stage first; every other terminal of the "
        "fleet follows as the last stage once the named stages hold",
    )
    soak_s: float = Field(
        3600, ge=0, le=30 * 86400, description="how long a stage must run the release healthy"
    )


class HaltRequest(Request):
    reason: str = Field("halted by an operator", min_length=1, max_length=300)


class RolloutTerminal(Answer):
    terminal_id: str
    stage: int = Field(description="0 = first stage; the last stage is the rest of the fleet")
    offered: bool
    app_version: str | None
    update: dict[str, Any] | None = Field(description="the terminal's last UpdateReport")
    healthy: bool = Field(description="runs the release, committed, for at least soak_s")


class Rollout(Answer):
    version: str
    state: Literal["running", "halted", "done"]
    stage: int = Field(description="the stage being offered now (index into stages)")
    stages: list[list[str]]
    soak_s: float
    created_at: str
    halted_at: str | None = None
    halt_reason: str | None = None
    terminals: list[RolloutTerminal] = Field(default_factory=list)


class FleetVersion(Answer):
    """Who runs what: one row per terminal, from its last heartbeat."""

    terminal_id: str
    name: str
    site: str
    app_version: str | None
    fallback_version: str | None
    update: dict[str, Any] | None
    last_heartbeat_at: str | None
