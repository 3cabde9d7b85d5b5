#!/usr/bin/env bash
# Installs what the preview's form at /admin/ serves: Decap CMS, from the npm registry, at the version
# pinned in package.json and package-lock.json (the preview serves it from node_modules/, never from a
# CDN). Run by `make serve`. Node.js/npm come from Debian's packages when missing (as root, or through
# sudo). Without them the preview still runs; /admin/ then says how to install the form.
# Idempotent: npm runs only when package-lock.json is newer than what node_modules/ holds.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v npm >/dev/null 2>&1; then
  sudo=""
  if [ "$(id -u)" != 0 ]; then
    if ! command -v sudo >/dev/null; then
      echo "install-admin: npm is missing and needs root or sudo to install (apt-get install nodejs npm); the preview runs without the form at /admin/" >&2
      exit 0
    fi
    sudo="sudo"
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi

if [ ! -f node_modules/decap-cms/dist/decap-cms.js ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
