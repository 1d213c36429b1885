#!/usr/bin/env bash
# Debian's Chromium for the browser tests (tests/web): Playwright drives /usr/bin/chromium and
# never downloads a browser of its own (no `playwright install`). Called by `make install`.
# Skips when /usr/bin/chromium exists; runs `apt-get update` only when the package is unknown.
set -uo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install_browser.sh: apt-get not found; install Chromium as /usr/bin/chromium yourself" \
       "(the browser tests in tests/web need it and fail without it)" >&2
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    echo "install_browser.sh: not root and no sudo; run 'apt-get install -y chromium' as root" \
         "(the browser tests in tests/web fail without /usr/bin/chromium)" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
if ! apt-cache show chromium >/dev/null 2>&1; then
  $SUDO apt-get update -qq || true
fi
if ! $SUDO apt-get install -y -qq --no-install-recommends chromium; then
  echo "install_browser.sh: 'apt-get install chromium' failed; the browser tests in tests/web" \
       "fail until /usr/bin/chromium exists" >&2
fi
exit 0
