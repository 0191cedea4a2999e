#!/usr/bin/env bash
# Install the browser the browser tests drive (tests/e2e/console/, tests/e2e/test_public_ledger_browser.py):
# Debian's `chromium-headless-shell` (Chromium's headless shell, built from the same source as the
# `chromium` package: the same Blink, the same rendering; what Playwright itself runs for headless
# Chromium) and `fonts-noto-core` (Vietnamese text), with apt-get. Playwright (a dev dependency pinned
# on PyPI) cannot download its own browsers here, so it drives this system binary
# (`executable_path=/usr/bin/chromium-headless-shell`, `--no-sandbox`). The full `chromium` in headless
# mode took 2.5 times its CPU for the same tests (62.8 against 25.0 CPU-seconds for
# tests/e2e/console/test_console_browser.py, identical screenshots). CHROMIUM_BIN=/usr/bin/chromium
# (with CHROMIUM_PACKAGE=chromium) drives the full browser instead. Idempotent: when both are
# installed it only prints the binary's path. Needs root (or sudo) the first time.
#
#   deploy/tools/install-chromium.sh      # prints /usr/bin/chromium-headless-shell
set -euo pipefail

BIN="${CHROMIUM_BIN:-/usr/bin/chromium-headless-shell}"
PACKAGE="${CHROMIUM_PACKAGE:-chromium-headless-shell}"

installed() {
  [ -x "$BIN" ] && dpkg-query -W -f='${Status}' fonts-noto-core 2>/dev/null | grep -q "install ok installed"
}

if installed; then
  echo "$BIN"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "install-chromium: $PACKAGE or fonts-noto-core is missing and installing needs root (no sudo)" >&2
    exit 1
  fi
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: no apt-get here: install chromium-headless-shell (or chromium) and Noto fonts, and set CHROMIUM_BIN" >&2
  exit 1
fi
echo "install-chromium: apt-get install $PACKAGE fonts-noto-core" >&2
export DEBIAN_FRONTEND=noninteractive
# two test workers may ask at once: dpkg's lock waited for, not a failure
$SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq >&2
$SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq "$PACKAGE" fonts-noto-core >&2
installed || { echo "install-chromium: $BIN still missing after apt-get" >&2; exit 1; }
echo "$BIN"
