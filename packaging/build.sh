#!/usr/bin/env bash
# Builds the frozen kiosk (PyInstaller, onedir) and a .deb from it.
#
#   bash packaging/build.sh            # -> dist/kiosk-terminal_<version>_<arch>.deb
#   SKIP_FREEZE=1 bash packaging/build.sh   # re-package an existing build/dist/kiosk
#   RELEASE_KEY=keys/release.key bash packaging/build.sh
#                                    # also the signed software release of the same build:
#                                    # dist/kiosk-app_<version>_<arch>.tar.gz (packaging/README.md)
#
# Needs: the project's .venv (scripts/bootstrap.sh), dpkg-deb; installs PyInstaller into the
# venv on first use. Takes minutes (Qt, OpenCV and numpy are frozen in), so the test suite does
# not run it; tests/integration/packaging checks the wheel, the units and the watchdog instead.
#
# The .deb installs:
#   /usr/lib/kiosk-terminal/app/            the frozen build (kiosk executable + _internal/)
#   /usr/bin/kiosk                          wrapper: reads /etc/kiosk-terminal/kiosk.env
#   /usr/lib/kiosk-terminal/kiosk-session   the app inside cage
#   /lib/systemd/system/kiosk-terminal.service, kiosk-restart.{service,timer}
#   /lib/udev/rules.d/70-kiosk-terminal.rules, /etc/pam.d/kiosk-terminal
#   /etc/kiosk-terminal/kiosk.env (conffile), /etc/kiosk-terminal/keys/ (trusted *.pub)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
V=$ROOT/.venv/bin
[ -x "$V/python" ] || bash scripts/bootstrap.sh

VERSION=$("$V/python" -c 'import kiosk_app; print(kiosk_app.__version__)')
ARCH=$(dpkg --print-architecture)
BUILD=$ROOT/build
DIST=$ROOT/dist
APP=$BUILD/dist/kiosk

if [ -z "${SKIP_FREEZE:-}" ]; then
  "$V/python" -c 'import PyInstaller' 2>/dev/null || "$V/python" -m pip install -q "pyinstaller>=6.10"
  echo "[build] freezing with PyInstaller (this takes a few minutes)"
  "$V/pyinstaller" --noconfirm --log-level WARN --distpath "$BUILD/dist" --workpath "$BUILD/pyi" \
    packaging/pyinstaller/kiosk.spec
fi
[ -x "$APP/kiosk" ] || { echo "no frozen build at $APP" >&2; exit 1; }

echo "[build] smoke test of the frozen build (outside the source tree)"
SMOKE=$(mktemp -d)
trap 'rm -rf "$SMOKE"' EXIT
(
  cd "$SMOKE"
  export KIOSK_DATA_DIR=$SMOKE/data QT_QPA_PLATFORM=offscreen
  unset KIOSK_CONFIG
  "$APP/kiosk" --version
  # 视频帮办's media engine (Qt WebEngine in a child: kiosk --video-engine) loads from the build
  "$APP/kiosk" --video-engine --check
  "$APP/kiosk" config check "$ROOT/config/terminals/hall-24h-01.toml"
  "$APP/kiosk" provision keygen --out keys >/dev/null
  echo "demo-token-HALL-24H-01" > token
  "$APP/kiosk" provision make --key keys/county.key -c "$ROOT/config/terminals/hall-24h-01.toml" \
    --token-file token --version 1 --out bundle.tar.gz
  "$APP/kiosk" provision apply bundle.tar.gz --keys-dir keys --no-self-test --slip-png slip.png >/dev/null
  # the demo needs the reference central service, which the terminal build leaves out
  ! "$APP/kiosk" demo --headless --out demo 2>/dev/null
  echo "frozen build: provisioning ok; no central service inside"
)

# The app's screens for the operating guides, shipped with the release (guides/README.md), so
# `kiosk guide build` and the kiosk's own guide use them instead of taking their own. Taken from
# the source tree (the walkthrough needs the reference central service the frozen build lacks).
echo "[build] the app's screens for the operating guides (offscreen walkthrough)"
QT_QPA_PLATFORM=offscreen KIOSK_DATA_DIR="$SMOKE/capture" \
  "$V/kiosk" guide capture --out "$BUILD/guide-screens"
rm -rf "$APP/_internal/config/guides/screens"
cp -a "$BUILD/guide-screens" "$APP/_internal/config/guides/screens"

# The same build as a signed software release, for terminals already installed: announced
# through the central service (python -m central.admin release announce) or carried on a USB
# stick (kiosk provision apply). Signed with the county's release key, not the bundle key.
if [ -n "${RELEASE_KEY:-}" ]; then
  mkdir -p "$DIST"
  "$V/kiosk" update make --key "$RELEASE_KEY" --app "$APP" --version "$VERSION" \
    ${RELEASE_KEY_PASS_ENV:+--passphrase-env "$RELEASE_KEY_PASS_ENV"} \
    --out "$DIST/kiosk-app_${VERSION}_${ARCH}.tar.gz"
fi

PKG=$BUILD/deb/kiosk-terminal_${VERSION}_${ARCH}
rm -rf "$PKG"
install -d "$PKG/DEBIAN" "$PKG/usr/lib/kiosk-terminal" "$PKG/usr/bin" "$PKG/lib/systemd/system" \
  "$PKG/lib/udev/rules.d" "$PKG/etc/pam.d" "$PKG/etc/kiosk-terminal/keys" \
  "$PKG/usr/share/doc/kiosk-terminal"
cp -a "$APP" "$PKG/usr/lib/kiosk-terminal/app"
L=packaging/linux
install -m 0755 $L/kiosk-wrapper "$PKG/usr/bin/kiosk"
install -m 0755 $L/kiosk-session "$PKG/usr/lib/kiosk-terminal/kiosk-session"
install -m 0644 $L/kiosk-terminal.service $L/kiosk-restart.service $L/kiosk-restart.timer \
  "$PKG/lib/systemd/system/"
install -m 0644 $L/70-kiosk-terminal.rules "$PKG/lib/udev/rules.d/"
install -m 0644 $L/pam.d/kiosk-terminal "$PKG/etc/pam.d/kiosk-terminal"
install -m 0644 $L/kiosk.env "$PKG/etc/kiosk-terminal/kiosk.env"
install -m 0644 packaging/README.md "$PKG/usr/share/doc/kiosk-terminal/README.md"
sed -e "s/@VERSION@/$VERSION/" -e "s/@ARCH@/$ARCH/" packaging/debian/control.in > "$PKG/DEBIAN/control"
echo "Installed-Size: $(du -sk "$PKG" | cut -f1)" >> "$PKG/DEBIAN/control"
install -m 0644 packaging/debian/conffiles "$PKG/DEBIAN/conffiles"
install -m 0755 packaging/debian/postinst packaging/debian/prerm packaging/debian/postrm "$PKG/DEBIAN/"

mkdir -p "$DIST"
dpkg-deb --root-owner-group -Zxz -z3 --build "$PKG" "$DIST/kiosk-terminal_${VERSION}_${ARCH}.deb" >/dev/null
echo "[build] $DIST/kiosk-terminal_${VERSION}_${ARCH}.deb ($(du -h "$DIST/kiosk-terminal_${VERSION}_${ARCH}.deb" | cut -f1))"
