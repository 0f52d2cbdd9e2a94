"""Ed25519 signing keys: the county holds the private key, every terminal trusts public keys.

A public key travels as one text line, ``ed25519:<base64 of the 32 raw bytes>``, so it can be
pasted into a site file's ``provisioning.trusted_keys`` or dropped as a ``*.pub`` file into
``provisioning.keys_dir``. A key's id (the first 16 hex digits of the sha256 of its raw bytes)
names the signer in manifests and messages without showing the key itself.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk_app.core.config import ProvisioningConfig
from kiosk_app.provisioning.errors import ProvisionError

_PREFIX = "ed25519:"


def _raw(public: Ed25519PublicKey) -> bytes:
    return public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def key_id(public: Ed25519PublicKey) -> str:
    return hashlib.sha256(_raw(public)).hexdigest()[:16]


def public_line(public: Ed25519PublicKey) -> str:
    return _PREFIX + base64.b64encode(_raw(public)).decode("ascii")


def parse_public(line: str, source: str = "key") -> Ed25519PublicKey:
    """Parse ``ed25519:<base64>``; a malformed key is a config error, never silently skipped."""
    text = line.strip()
    if not text.startswith(_PREFIX):
        raise ProvisionError(f"{source}: a trusted key must start with {_PREFIX!r}")
    try:
        raw = base64.b64decode(text[len(_PREFIX) :], validate=True)
    except (binascii.Error, ValueError):
        raise ProvisionError(f"{source}: the key is not valid base64") from None
    if len(raw) != 32:
        raise ProvisionError(f"{source}: an Ed25519 public key is 32 bytes, got {len(raw)}")
    return Ed25519PublicKey.from_public_bytes(raw)


def generate(out_dir: Path, name: str, passphrase: bytes | None = None) -> tuple[Path, Path]:
    """Write NAME.key (PKCS#8 PEM, mode 0600) and NAME.pub; never overwrite an existing key."""
    out_dir.mkdir(parents=True, exist_ok=True)
    key_path, pub_path = out_dir / f"{name}.key", out_dir / f"{name}.pub"
    for p in (key_path, pub_path):
        if p.exists():
            raise ProvisionError(f"{p} already exists; refusing to overwrite a key")
    private = Ed25519PrivateKey.generate()
    enc: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase)
        if passphrase
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, enc)
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    pub_path.write_text(public_line(private.public_key()) + "\n", encoding="ascii")
    return key_path, pub_path


def load_private(path: Path, passphrase: bytes | None = None) -> Ed25519PrivateKey:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ProvisionError(f"{path}: cannot read the signing key: {exc.strerror}") from None
    try:
        key = serialization.load_pem_private_key(data, password=passphrase)
    except (ValueError, TypeError) as exc:
        raise ProvisionError(f"{path}: not a usable private key ({exc})") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ProvisionError(f"{path}: not an Ed25519 private key")
    return key


@dataclass(frozen=True)
class TrustedKeys:
    """The public keys this terminal accepts signatures from, by key id."""

    keys: dict[str, Ed25519PublicKey] = field(default_factory=dict)

    @classmethod
    def of(cls, *publics: Ed25519PublicKey) -> TrustedKeys:
        return cls({key_id(p): p for p in publics})

    @classmethod
    def from_config(cls, cfg: ProvisioningConfig) -> TrustedKeys:
        """Keys from ``trusted_keys`` and every ``*.pub`` in ``keys_dir``; a bad one is an error."""
        found: dict[str, Ed25519PublicKey] = {}
        for i, line in enumerate(cfg.trusted_keys):
            pub = parse_public(line, f"provisioning.trusted_keys[{i}]")
            found[key_id(pub)] = pub
        if cfg.keys_dir:
            folder = Path(cfg.keys_dir)
            if not folder.is_dir():
                raise ProvisionError(f"provisioning.keys_dir {folder} is not a folder")
            for path in sorted(folder.glob("*.pub")):
                try:
                    text = path.read_text(encoding="ascii")
                except (OSError, UnicodeDecodeError) as exc:
                    raise ProvisionError(f"{path}: cannot read the key ({exc})") from None
                pub = parse_public(text, str(path))
                found[key_id(pub)] = pub
        return cls(found)

    def verify(self, data: bytes, signature: bytes) -> str | None:
        """The id of the trusted key that made ``signature`` over ``data``, or None."""
        for kid, pub in self.keys.items():
            try:
                pub.verify(signature, data)
            except InvalidSignature:
                continue
            return kid
        return None
