"""Shared by the benchmark scripts: the one JSON-lines output format of DESIGN.md."""

from __future__ import annotations

import json
import statistics
from typing import Any


def emit(name: str, value: float, unit: str, baseline: float | None = None, **extra: Any) -> None:
    row: dict[str, Any] = {"name": name, "value": round(value, 3), "unit": unit}
    if baseline is not None:
        row["baseline"] = round(baseline, 3)
        row["ratio"] = round(value / baseline, 3) if baseline else None
    else:
        row["baseline"] = None
        row["ratio"] = None
    row.update(extra)
    print(json.dumps(row, ensure_ascii=False), flush=True)


def median(xs: list[float]) -> float:
    return statistics.median(xs)
