"""The bytes a signature covers: canonical JSON (sorted keys, no spaces, UTF-8, no ASCII escapes).

Both the signer (central's config pushes, the provisioning tools) and the verifier (the terminal)
serialise with this one function; any other serialisation of the same document would not verify.
"""

from __future__ import annotations

import json
from typing import Any


def canonical(doc: Any) -> bytes:
    return json.dumps(
        doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False
    ).encode("utf-8")
