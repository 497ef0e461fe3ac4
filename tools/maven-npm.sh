#!/usr/bin/env bash
# One npm step of a Node package as Maven runs it (exec-maven-plugin), so `mvn -B verify` builds and tests
# the web screen and the ccxt class:  tools/maven-npm.sh PACKAGE_DIR LABEL NPM_SCRIPT
# npm ci runs only when package-lock.json changed since the last install. Without npm, or with a Node.js
# older than 20 (Vite 8 and our ccxt tests need 20+), the step is skipped with one line: a build without
# Node still yields a working server (the gateway then answers / with a page saying how to build the
# screen); .ci/run refuses to run without Node, so CI never skips these silently.
set -euo pipefail
package_dir="${1:?package directory}"
label="${2:?label}"
script="${3:?npm script}"
cd "$package_dir"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "[${label}] npm is not on the PATH: skipping ${script} (install Node.js 20+ and npm to run it)"
  exit 0
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "[${label}] Node.js $(node -v) is older than 20: skipping ${script}"
  exit 0
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
npm run --silent "$script"
