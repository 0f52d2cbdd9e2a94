"""Signed config push from the central service, held until the kiosk is idle, then installed.

``GET /api/v1/terminals/{id}/config`` serves (central/routes/pulls.py, TerminalConfigPush)::

    {"terminal_id": ..., "version": n, "config": {...site file as a table...},
     "key_id": ..., "public_key": ..., "signature": "<base64 Ed25519>"}

The signature is over ``contract.signing.canonical`` of ``{terminal_id, version, config}``.
The ``public_key`` in the document is *never* used to verify: only keys the terminal already
trusts (provisioning.trusted_keys / keys_dir), the same as for bundles, so a forged document
carrying its own key is refused. ``version`` is the config's own counter and only goes up:
equal to the installed one is "up to date", lower is refused as a replay.

A push may change anything in the site file but the update keys (``updates.release_keys``,
``updates.metadata_keys``): the installed ones are kept whatever the push says. They are trust
anchors of their own: the central service signs pushes, and could otherwise make the terminal
trust it for releases. They come from a bundle, or from a release the old keys signed.

The sync client hands each fetched document to :meth:`PendingConfig.offer`; the UI calls
:meth:`PendingConfig.apply_pending` when no session is running (never mid-session: a citizen's
flow must not change under their fingers). Applying makes a new release through the installer
(the bundle's other files hard-linked, ``config/site.toml`` written from the pushed table), so
it swaps atomically and rolls back like a bundle.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import copy
import json
import os
import shutil
import tempfile
import tomllib
from pathlib import Path
from typing import Any, Literal

import tomli_w
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import ValidationError

from contract.signing import canonical
from contract.wire import TerminalConfigPush as ConfigPush
from kiosk_app.provisioning import manifest as m
from kiosk_app.provisioning.bundle import load_site_config
from kiosk_app.provisioning.errors import ProvisionError
from kiosk_app.provisioning.fsutil import fsync_dir, write_atomic
from kiosk_app.provisioning.install import Installed, Installer, now_iso
from kiosk_app.provisioning.keys import TrustedKeys, key_id

MAX_DOCUMENT_BYTES = 2 * 1024 * 1024


def sign_config_push(
    private: Ed25519PrivateKey, terminal_id: str, version: int, config: dict[str, Any]
) -> bytes:
    """A document as the central service serves it (for tools and tests; central signs its own)."""
    doc = {"terminal_id": terminal_id, "version": version, "config": config}
    raw = private.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    push = {
        **doc,
        "key_id": key_id(private.public_key()),
        "public_key": base64.b64encode(raw).decode(),
        "signature": base64.b64encode(private.sign(canonical(doc))).decode(),
    }
    return json.dumps(push, ensure_ascii=False).encode()


def verify_config_push(document: bytes, trusted: TrustedKeys) -> tuple[ConfigPush, str]:
    """(the push, the signer's key id) for a well-formed document signed by a trusted key."""
    if len(document) > MAX_DOCUMENT_BYTES:
        raise ProvisionError(f"the config push is larger than {MAX_DOCUMENT_BYTES} bytes")
    try:
        push = ConfigPush.model_validate_json(document)
        signature = base64.b64decode(push.signature, validate=True)
    except (ValidationError, binascii.Error, ValueError):
        raise ProvisionError("the config push is not a signed config document") from None
    if not trusted.keys:
        raise ProvisionError("no trusted keys are configured to check the config push")
    signer = trusted.verify(canonical(push.signed_part()), signature)
    if signer is None:
        if push.key_id and push.key_id not in trusted.keys:
            raise ProvisionError(
                f"the config push is signed by key {push.key_id}, which this terminal does not"
                f' trust (to trust it: provisioning.trusted_keys = ["ed25519:{push.public_key}"])'
            )
        raise ProvisionError("the config push's signature does not match: altered or foreign")
    return push, signer


UPDATE_KEYS = ("release_keys", "metadata_keys")


def _site_toml(push: ConfigPush, installed_site: Path) -> bytes:
    """The site file a push installs: its table, but the update keys of the installed one."""
    config = copy.deepcopy(push.config)
    try:
        with installed_site.open("rb") as fh:
            kept = tomllib.load(fh).get("updates", {})
    except (OSError, tomllib.TOMLDecodeError):
        kept = {}
    updates = config.get("updates")
    if not isinstance(updates, dict):
        updates = config["updates"] = {}
    for key in UPDATE_KEYS:
        updates.pop(key, None)
        if isinstance(kept, dict) and key in kept:
            updates[key] = kept[key]
    if not updates:
        del config["updates"]
    try:
        return tomli_w.dumps(config).encode()
    except (TypeError, ValueError) as exc:  # e.g. a null, which TOML cannot hold
        raise ProvisionError(f"the pushed config cannot be written as TOML: {exc}") from None


def _link_or_copy(src: str, dst: str) -> None:
    """Hard-link unchanged files into the new release (they are never modified in place)."""
    try:
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


class PendingConfig:
    """The pushed config waiting for an idle moment, kept on disk across restarts."""

    def __init__(self, installer: Installer) -> None:
        self.installer = installer
        self.path = installer.root / "pending-config.json"

    def _check(self, document: bytes) -> tuple[ConfigPush, str, Installed]:
        push, signer = verify_config_push(document, self.installer.trusted)
        cur = self.installer.current()
        if cur is None:
            raise ProvisionError("the terminal is not provisioned; a config push needs a bundle")
        if push.terminal_id != cur.info.terminal_id:
            raise ProvisionError(
                f"the config push is for terminal {push.terminal_id}, not {cur.info.terminal_id}"
            )
        if push.version < cur.info.config_version:
            raise ProvisionError(
                f"config push version {push.version} is older than the installed"
                f" {cur.info.config_version}; refused"
            )
        with tempfile.TemporaryDirectory(prefix="kiosk-push-") as tmp:
            path = Path(tmp) / "site.toml"
            path.write_bytes(_site_toml(push, cur.site_config))
            cfg = load_site_config(path)
        if cfg.terminal.id != cur.info.terminal_id:
            raise ProvisionError(f"the pushed config names terminal {cfg.terminal.id}")
        return push, signer, cur

    def offer(self, document: bytes) -> Literal["pending", "up-to-date"]:
        """Check a fetched document; keep it for the next idle moment if it is newer."""
        push, _signer, cur = self._check(document)
        if push.version == cur.info.config_version:
            return "up-to-date"
        waiting = self.pending_version()
        if waiting is None or push.version > waiting:
            self.installer.root.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, document, mode=0o600)
        return "pending"

    def pending_version(self) -> int | None:
        try:
            document = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            return verify_config_push(document, self.installer.trusted)[0].version
        except ProvisionError:
            return None

    def apply_pending(self) -> Installed | None:
        """Install the waiting config, if any; call only when no session is running.

        Returns the new release (the kiosk reloads its config from it), or None when nothing
        was waiting. A document that no longer passes (keys changed, a newer bundle arrived)
        is dropped and the reason raised.
        """
        try:
            document = self.path.read_bytes()
        except FileNotFoundError:
            return None
        try:
            push, signer, _cur = self._check(document)
            with self.installer.locked():
                cur = self.installer.current()
                assert cur is not None  # _check found one; only the installer removes it
                if push.version <= cur.info.config_version:
                    return None
                staging = self.installer.new_staging()
                try:
                    shutil.copytree(
                        cur.path,
                        staging,
                        dirs_exist_ok=True,
                        copy_function=_link_or_copy,
                        ignore=shutil.ignore_patterns(m.RELEASE_INFO, m.PUSH_DOCUMENT),
                    )
                    site = staging / m.SITE_CONFIG
                    site.unlink()  # a hard link to the installed one: read that, not this
                    site.write_bytes(_site_toml(push, cur.site_config))
                    (staging / m.PUSH_DOCUMENT).write_bytes(document)
                    info = cur.info.model_copy(
                        update={
                            "config_version": push.version,
                            "source": "push",
                            "installed_at": now_iso(),
                            "signer": signer,
                        }
                    )
                    return self.installer.commit(staging, info)
                except BaseException:
                    shutil.rmtree(staging, ignore_errors=True)
                    raise
        finally:
            # installed, superseded or refused: either way this document is done with
            # (unless the sync client has meanwhile offered a newer one)
            with contextlib.suppress(FileNotFoundError):
                if self.path.read_bytes() == document:
                    self.path.unlink()
                    fsync_dir(self.path.parent)
