#!/usr/bin/env bash
# The Debian packages the test suite needs beyond Python: Chromium for the browser tests, the
# DejaVu fonts the PDF report (Typst) is set in, and pdftotext (poppler-utils) to read it back.
# Installs whatever is missing when run as root (as CI and a fresh container are); otherwise
# prints the exact command and fails, before any test runs.
set -euo pipefail

missing=()
chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$chromium" ] || missing+=(chromium)
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
# pdftotext: tests read the PDF report's text as a reader's tool extracts it.
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "== Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi

echo "The tests need these Debian packages, which are missing: ${missing[*]}" >&2
echo "Install them, then run the tests again:" >&2
echo "    sudo apt-get install ${missing[*]}" >&2
echo "(Or point CHROMIUM_PATH at another Chromium for the browser tests.)" >&2
exit 1
