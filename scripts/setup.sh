#!/usr/bin/env bash
# Installs what gen-inc and its tests need on Debian/Ubuntu: nasm and gcc, pahole (dwarves) and
# headless Chromium for the layout report's checks, from the distribution; then the npm
# dependencies; then builds.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
command -v nasm >/dev/null 2>&1 || missing+=(nasm)
command -v gcc >/dev/null 2>&1 || missing+=(gcc)
command -v pahole >/dev/null 2>&1 || missing+=(dwarves)
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]} with apt-get"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npm run build --silent
