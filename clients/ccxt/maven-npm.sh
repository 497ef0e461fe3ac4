#!/usr/bin/env bash
# The ccxt package's tests as Maven runs them (exec-maven-plugin, integration-test phase, after the app is
# packaged): npm ci when package-lock.json changed since the last install, then npm test, which starts a
# real sandbox through ../../tidemark. Without npm, or with a Node.js older than 20, it skips with one line.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "[ccxt] npm is not on the PATH: skipping the ccxt package's tests (install Node.js 20+ and npm to run them)"
  exit 0
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "[ccxt] Node.js $(node -v) is older than 20: skipping the ccxt package's tests"
  exit 0
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm test
