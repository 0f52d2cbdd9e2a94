"""What a provisioning bundle holds, where, and the signed manifest describing it.

Layout inside the bundle (a gzip'd tar), mirrored in every installed release folder:

    manifest.json          this model, as UTF-8 JSON (the signed bytes)
    manifest.sig           base64 of the Ed25519 signature over manifest.json's exact bytes
    config/site.toml       the terminal's site file (validated with kiosk_app.core.config)
    identity.json          {"terminal_id": ..., "token": ...}: the terminal's API identity
    ca/site-ca.pem         the site CA for TLS to the central service (optional)
    catalog/catalog.json   the catalog snapshot (optional)
    guides/...             built operating guides (optional)

The signature covers the manifest's bytes, not a re-serialisation, so no canonical JSON is
needed; the manifest in turn pins every other file by sha256 and size.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

BUNDLE_FORMAT = "kiosk-bundle/1"
MANIFEST = "manifest.json"
SIGNATURE = "manifest.sig"
SITE_CONFIG = "config/site.toml"
IDENTITY = "identity.json"
SITE_CA = "ca/site-ca.pem"
CATALOG = "catalog/catalog.json"
GUIDES = "guides"
RELEASE_INFO = "release.json"  # written by the installer, never taken from a bundle
PUSH_DOCUMENT = "config-push.json"  # the signed push a config-only release came from

RESERVED = frozenset({MANIFEST, SIGNATURE, RELEASE_INFO, PUSH_DOCUMENT})
REQUIRED = (SITE_CONFIG, IDENTITY)
SECRET_FILES = frozenset({IDENTITY})  # installed mode 0600

MAX_MANIFEST_BYTES = 4 * 1024 * 1024
MAX_SMALL_FILE_BYTES = 1024 * 1024  # site config and identity are read into memory
MAX_MEMBERS = 20_000  # every tar header counts, directories and extended headers too
MAX_PATH_CHARS = 512
MAX_HEADER_BYTES = 64 * 1024  # a pax extended header or a GNU long name/link record


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FileEntry(_Strict):
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    size: int = Field(ge=0)


class Manifest(_Strict):
    format: Literal["kiosk-bundle/1"]
    version: int = Field(ge=1, description="only ever goes up; the installer refuses <= installed")
    terminal_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    created_at: str
    key_id: str = Field(pattern=r"^[0-9a-f]{16}$")
    files: dict[str, FileEntry]


class Identity(_Strict):
    terminal_id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._-]+$")
    token: str = Field(min_length=8, max_length=4096)


class ReleaseInfo(_Strict):
    """The installer's record of one release folder; its versions decide what may come next."""

    bundle_version: int = Field(ge=0)
    config_version: int = Field(ge=0)
    terminal_id: str
    source: Literal["bundle", "push"]
    installed_at: str
    signer: str
