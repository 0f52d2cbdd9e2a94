#!/usr/bin/env bash
# Installs what the kiosk needs on a fresh Debian/Ubuntu machine: Qt's system libraries, the CJK
# font, zbar, Xvfb and Chromium (for guide tests), then a virtual environment in .venv with the
# project and its test tools. Idempotent and quick when nothing changed.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  fonts-noto-cjk libzbar0 xvfb xauth xdotool poppler-utils
  libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0
  libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 libxcb-render-util0
  libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  chromium chromium-driver
  # A4 printing: CUPS and its filters, pycups' build deps, cairo/Pango for the PDFs; the tests'
  # simulators are a private cupsd with a cups-pdf queue and ippeveprinter (which needs a D-Bus
  # bus and avahi-daemon to start; the tests run their own, on loopback only)
  cups-daemon cups-client cups-filters cups-ipp-utils printer-driver-cups-pdf ghostscript
  libcups2-dev gcc libcairo2 libpango-1.0-0 libpangocairo-1.0-0 libpangoft2-1.0-0
  dbus-daemon avahi-daemon
  # the central service on PostgreSQL: the tests start a private server (tests/pg.py)
  postgresql
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  if [ -n "$SUDO" ] && ! command -v sudo >/dev/null; then
    echo "Please install as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "[bootstrap] apt-get install ${missing[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "[bootstrap] creating .venv"
  "$PY" -m venv .venv
fi
stamp=.venv/.kiosk-installed
want=$(sha256sum pyproject.toml | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "[bootstrap] pip install -e .[test]"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e ".[test]"
  echo "$want" > "$stamp"
fi

# emupos, an independent ESC/POS printer emulator the printer tests check the preview against
# (tests/integration/printer/test_printer_emupos.py). It needs Python >= 3.13, so it lives in its
# own venv, made with the machine's python3.13 (pyenv's where Debian has none).
EMUPOS=emupos==0.4.0
if [ ! -f .venv-emupos/.installed ] || [ "$(cat .venv-emupos/.installed)" != "$EMUPOS" ]; then
  py313=""
  for c in "${PYENV_ROOT:-$HOME/.pyenv}"/versions/3.1[3-9]*/bin/python3 "$(command -v python3.13 || true)"; do
    if [ -x "$c" ] && "$c" -c 'import sys; sys.exit(sys.version_info < (3, 13))' 2>/dev/null; then
      py313=$c
      break
    fi
  done
  if [ -n "$py313" ]; then
    echo "[bootstrap] $EMUPOS in .venv-emupos ($py313)"
    rm -rf .venv-emupos
    "$py313" -m venv .venv-emupos
    .venv-emupos/bin/python -m pip install -q "$EMUPOS" 2> >(grep -v "is ignored" >&2)
    echo "$EMUPOS" > .venv-emupos/.installed
  else
    echo "[bootstrap] no Python >= 3.13 here: the emupos cross-check tests will fail" >&2
  fi
fi
