"""The keys that keep citizens' personal data unreadable at rest on the central service.

Two protections, each where it fits:

- **encrypted** (AES-256-GCM) where someone must read the value back: event payloads (a 12345
  caller's phone the hotline calls back, a case's ID number), the answers the idempotency store
  replays (a certificate-free answer: name, ID number, licences), an appointment holder's name
  and phone;
- **keyed hashes** (HMAC-SHA256) where a value is only ever compared: a phone that groups 12345
  orders and finds an appointment, the appointment's 6-digit code, a rate-limit subject.

The keys live in a file beside the database, not in it (default ``<db>.keys``, mode 0600; a
site puts it elsewhere with ``CentralSettings.key_file``): a copied database then holds no
readable personal data, and no way to test a guessed phone number against its hashes.

The file lists keys, newest last. The newest encrypts and hashes; older ones only decrypt.
``kiosk central rotate-key --db PATH`` adds a key and rewrites every protected value under it in
one transaction (hashes are recomputed from the decrypted values), then drops the old keys
(``central.protected.rotate_keys``). A ciphertext names its key, so the service never mistakes
which key a value needs.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from central.keyfile import read_entries, write_entries

_VERSION = "v1"


class KeyringError(RuntimeError):
    """The key file is missing, unreadable or does not hold the key a value was written under."""


@dataclass(frozen=True)
class _Key:
    id: str
    secret: bytes
    created: str

    @property
    def enc(self) -> bytes:
        return hmac.new(self.secret, b"kiosk-central encrypt", hashlib.sha256).digest()

    @property
    def mac(self) -> bytes:
        return hmac.new(self.secret, b"kiosk-central hash", hashlib.sha256).digest()


def _new_key() -> _Key:
    secret = secrets.token_bytes(32)
    return _Key(secrets.token_hex(4), secret, datetime.now(UTC).isoformat(timespec="seconds"))


class Keyring:
    def __init__(self, path: Path, keys: list[_Key]) -> None:
        if not keys:
            raise KeyringError(f"{path}: no keys")
        self.path = path
        self._keys = list(keys)
        self._by_id = {k.id: k for k in keys}
        self._current = keys[-1]
        self._enc = AESGCM(self._current.enc)
        self._ciphers = {k.id: AESGCM(k.enc) for k in keys}

    # -- file --------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: Path, *, create: bool = True) -> Keyring:
        """The key file at ``path``; a new one with one key when missing and ``create``."""
        try:
            entries = read_entries(path)
            if entries is None:
                if not create:
                    raise KeyringError(f"{path}: key file not found")
                ring = cls(path, [_new_key()])
                ring.save()
                return ring
            keys = [
                _Key(str(k["id"]), base64.b64decode(k["secret"]), str(k.get("created", "")))
                for k in entries
            ]
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise KeyringError(f"{path}: unreadable key file ({exc})") from None
        return cls(path, keys)

    def save(self) -> None:
        write_entries(
            self.path,
            [
                {"id": k.id, "secret": base64.b64encode(k.secret).decode(), "created": k.created}
                for k in self._keys
            ],
        )

    @property
    def key_ids(self) -> list[str]:
        return [k.id for k in self._keys]

    def with_new_key(self) -> Keyring:
        """This ring plus a fresh key that becomes the current one (not saved yet)."""
        return Keyring(self.path, [*self._keys, _new_key()])

    def only_current(self) -> Keyring:
        return Keyring(self.path, [self._current])

    # -- values ------------------------------------------------------------------------------
    def encrypt(self, plain: bytes, purpose: str) -> str:
        """``v1.<key id>.<base64 nonce+ciphertext>``; ``purpose`` binds it to its column."""
        nonce = secrets.token_bytes(12)
        ct = self._enc.encrypt(nonce, plain, purpose.encode())
        return f"{_VERSION}.{self._current.id}.{base64.b64encode(nonce + ct).decode()}"

    def decrypt(self, token: str | bytes, purpose: str) -> bytes:
        try:
            text = token.decode() if isinstance(token, bytes) else token
            version, kid, b64 = text.split(".", 2)
            raw = base64.b64decode(b64, validate=True)
        except ValueError:  # UnicodeDecodeError and binascii.Error are ValueErrors
            raise KeyringError(f"not an encrypted value ({purpose})") from None
        cipher = self._ciphers.get(kid)
        if version != _VERSION or cipher is None:
            raise KeyringError(f"{self.path}: no key {kid!r} to read {purpose}")
        if len(raw) < 12 + 16:  # nonce and tag
            raise KeyringError(f"not an encrypted value ({purpose})")
        try:
            return cipher.decrypt(raw[:12], raw[12:], purpose.encode())
        except InvalidTag:
            raise KeyringError(f"{purpose}: altered, or written under another key") from None

    def encrypt_text(self, text: str, purpose: str) -> str:
        return self.encrypt(text.encode("utf-8"), purpose)

    def decrypt_text(self, token: str | bytes, purpose: str) -> str:
        return self.decrypt(token, purpose).decode("utf-8")

    def hash(self, value: str, purpose: str) -> str:
        """Keyed hash of ``value`` for equality lookups; ``purpose`` keeps uses apart."""
        msg = purpose.encode() + b"\x00" + value.encode("utf-8")
        return hmac.new(self._current.mac, msg, hashlib.sha256).hexdigest()
