"""The central service's update-metadata keys: they sign each terminal's expiring "latest
release" document (contract.updates.SignedLatest).

Separate from the config-push key (central/signing.py) and from the county's release key, which
never comes here: a stolen database or key file lets an attacker at most re-announce releases
the county already signed (or withhold them, which terminals notice as stale metadata), never
install software of their own. Kept in a file beside the database, like the data keys
(central/keyring.py): ``<db>.update-keys``, mode 0600.

Rotation: ``python -m central.admin release key rotate`` adds a key (a running service takes it
up at its next document); documents are then signed
by every key in the file, so terminals that trust either accept them. Once a release that hands
the new key on (``kiosk update make --add-metadata-key``) is kept by the fleet, ``release key
retire KEY_ID`` drops the old one.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from central.keyfile import read_entries, write_entries
from central.keyring import KeyringError
from contract.signing import canonical


class UpdateKeyError(KeyringError):
    """The key file is unreadable, or a retire would leave no key."""


@dataclass(frozen=True)
class MetadataKey:
    key: Ed25519PrivateKey
    created: str

    @property
    def raw_public(self) -> bytes:
        return self.key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    @property
    def key_id(self) -> str:
        return hashlib.sha256(self.raw_public).hexdigest()[:16]

    @property
    def public_line(self) -> str:
        """As a terminal's ``updates.metadata_keys`` takes it."""
        return "ed25519:" + base64.b64encode(self.raw_public).decode()


_loaded: dict[Path, tuple[tuple[int, int, int], UpdateSigner]] = {}


class UpdateSigner:
    def __init__(self, path: Path, keys: list[MetadataKey]) -> None:
        if not keys:
            raise UpdateKeyError(f"{path}: no update-metadata keys")
        self.path = path
        self.keys = keys

    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> UpdateSigner:
        try:
            entries = read_entries(path)
            if entries is None:
                if not create:
                    raise UpdateKeyError(f"{path}: key file not found")
                signer = cls(path, [_new_key()])
                signer.save()
                return signer
            keys = [
                MetadataKey(
                    Ed25519PrivateKey.from_private_bytes(bytes.fromhex(k["private"])),
                    str(k.get("created", "")),
                )
                for k in entries
            ]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UpdateKeyError(f"{path}: unreadable update-metadata key file ({exc})") from None
        return cls(path, keys)

    @classmethod
    def current(cls, path: Path) -> UpdateSigner:
        """The keys as the file holds them now: a rotation by ``central.admin`` while the
        service runs is taken up at the next document (every process reads the same file)."""
        try:
            st = path.stat()
        except OSError as exc:
            raise UpdateKeyError(f"{path}: {exc.strerror}") from None
        stamp = (st.st_ino, st.st_mtime_ns, st.st_size)
        hit = _loaded.get(path)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        signer = cls.open(path, create=False)
        _loaded[path] = (stamp, signer)
        return signer

    def save(self) -> None:
        write_entries(
            self.path,
            [{"private": k.key.private_bytes_raw().hex(), "created": k.created} for k in self.keys],
        )

    def rotate(self) -> MetadataKey:
        new = _new_key()
        self.keys.append(new)
        self.save()
        return new

    def retire(self, key_id: str) -> None:
        kept = [k for k in self.keys if k.key_id != key_id]
        if len(kept) == len(self.keys):
            raise UpdateKeyError(f"no update-metadata key {key_id}")
        if not kept:
            raise UpdateKeyError("that is the last update-metadata key: rotate first")
        self.keys = kept
        self.save()

    def sign(self, signed: dict[str, Any]) -> dict[str, Any]:
        """The document: ``signed`` and a signature by every key in the file."""
        body = canonical(signed)
        return {
            "signed": signed,
            "signatures": [
                {"key_id": k.key_id, "signature": base64.b64encode(k.key.sign(body)).decode()}
                for k in self.keys
            ],
        }


def _new_key() -> MetadataKey:
    return MetadataKey(
        Ed25519PrivateKey.generate(), datetime.now(UTC).isoformat(timespec="seconds")
    )
