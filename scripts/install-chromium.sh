#!/usr/bin/env bash
# Installs Debian's chromium for the real-browser tests (npm run test:browser) when it is
# missing. Only apt-get: no browser download of any kind (playwright-core drives this binary
# through executablePath). Idempotent and quiet when /usr/bin/chromium is already there.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
echo "install-chromium: installing Debian's chromium with apt-get" >&2
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
/usr/bin/chromium --version >&2
