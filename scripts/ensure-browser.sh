#!/usr/bin/env bash
# Makes sure the browser tests can run: Debian's Chromium at /usr/bin/chromium (driven by Playwright, which
# downloads nothing) and a CJK font, without which Chinese renders as boxes in the screenshots. Installs them
# when missing.
set -euo pipefail

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ] || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then
  echo "Installing Chromium and the CJK fonts…" >&2
  as_root apt-get update -qq >&2
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >&2
fi
