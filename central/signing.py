"""Ed25519 signing of terminal config pushes ("signed, not trusted").

The reference service makes its key on first start and keeps it in its database; a site puts
the public key (GET /api/v1/terminals/{id}/config returns it too) into the terminals'
provisioning.trusted_keys.
"""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from central.db import Database
from contract.signing import canonical


class Signer:
    def __init__(self, db: Database) -> None:
        row = db.one("SELECT value FROM meta WHERE key='config_signing_key'")
        if row is None:
            key = Ed25519PrivateKey.generate()
            with db.write() as conn:
                conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('config_signing_key', ?)"
                    " ON CONFLICT (key) DO NOTHING",  # another process may have won: use its key
                    (key.private_bytes_raw().hex(),),
                )
            row = db.one("SELECT value FROM meta WHERE key='config_signing_key'")
            assert row is not None
        self._key = Ed25519PrivateKey.from_private_bytes(bytes.fromhex(row["value"]))
        raw = self._key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        self.public_key_b64 = base64.b64encode(raw).decode()
        self.key_id = hashlib.sha256(raw).hexdigest()[:16]

    def sign(self, doc: dict[str, Any]) -> str:
        return base64.b64encode(self._key.sign(canonical(doc))).decode()
