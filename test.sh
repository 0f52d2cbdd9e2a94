#!/usr/bin/env bash
# Runs every check: ruff (lint + format), mypy strict on every package (the UI too), import-linter's
# layering contracts, then the test suite offscreen in two worker processes (pytest-xdist; a test
# file stays on one worker, so its module fixtures are built once). Extra arguments go to pytest
# (`./test.sh -n 0 tests/unit` runs in this process).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/bootstrap.sh
export QT_QPA_PLATFORM=offscreen
V=.venv/bin
echo "== ruff"
$V/ruff check .
$V/ruff format --check .
echo "== mypy"
$V/mypy contract kiosk_app devices guides central
echo "== import-linter"
$V/lint-imports
echo "== pytest"
$V/python -m pytest -q -n 2 --dist loadfile "$@"
