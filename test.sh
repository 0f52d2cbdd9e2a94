#!/usr/bin/env bash
# Runs every check: ruff (lint + format), mypy strict on every package (the UI too), import-linter's
# layering contracts, then the test suite offscreen. Extra arguments go to pytest.
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
$V/python -m pytest -q "$@"
