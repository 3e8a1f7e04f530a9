#!/usr/bin/env bash
# Installs what gen-inc needs on Debian/Ubuntu, then the npm dependencies, then builds.
#   scripts/setup.sh          what a run and the example module need: nasm and binutils (ld)
#   scripts/setup.sh --test   also what the test suite uses as its oracles: gcc, patch, pahole
#                             (dwarves) and headless Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
missing=()
need nasm nasm
need ld binutils
if [ "${1:-}" = "--test" ]; then
  need gcc gcc
  need patch patch
  need pahole dwarves
  need chromium chromium
fi
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
