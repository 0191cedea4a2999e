#!/usr/bin/env bash
# System libraries of the reporting service's PDF exports (WeasyPrint needs pango >= 1.44 and its
# fontconfig/harfbuzz), installed only when missing; pdftoppm (poppler-utils) only with --with-pdftoppm
# (bench/review.py --sample draws PNGs of the PDF with it). Debian/Ubuntu (apt-get); elsewhere it only
# says what is missing. The fonts need nothing: DejaVu Sans is packaged with rc_reporting.
set -euo pipefail
missing=()
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0' || missing+=(libpangoft2-1.0-0)
if [ "${1:-}" = "--with-pdftoppm" ] && ! command -v pdftoppm >/dev/null 2>&1; then
  missing+=(poppler-utils)
fi
if [ "${#missing[@]}" -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install these system packages (or their equivalents): ${missing[*]}" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "installing ${missing[*]}" >&2
$SUDO apt-get update -q >/dev/null
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
