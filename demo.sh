#!/usr/bin/env bash
# Runs the product: the kiosk demo on simulated devices with the embedded central service.
# With a display: fullscreen, filling the screen with or without a window manager (technician
# gesture: 5 taps in the top-left corner within 3 s, hold the last for 1 s; PIN 2468).
# Without one: the scripted headless walkthrough, writing demo-out/.
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/bootstrap.sh
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  exec .venv/bin/kiosk demo "$@"
fi
echo "No display: running the headless walkthrough into demo-out/"
exec env QT_QPA_PLATFORM=offscreen .venv/bin/kiosk demo --headless --out demo-out "$@"
