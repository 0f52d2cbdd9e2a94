"""Write central/openapi.json: the Terminal API contract as the reference app generates it.

A test fails when the committed file and the app disagree, so a change to the API is always a
visible change to the contract. Run ``python -m central.openapi`` after changing a route.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

from central.app import build_app
from central.settings import CentralSettings

OPENAPI_PATH = Path(__file__).resolve().with_name("openapi.json")


def generate() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="central-openapi-") as tmp:
        app = build_app(CentralSettings(db_path=Path(tmp) / "central.db"), seed=False)
        try:
            return app.openapi()
        finally:
            app.state.central.db.close()


def render(doc: dict[str, Any]) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def main() -> int:
    OPENAPI_PATH.write_text(render(generate()), encoding="utf-8")
    print(f"wrote {OPENAPI_PATH}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
