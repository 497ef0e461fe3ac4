#!/usr/bin/env bash
# The web screen's npm steps as Maven runs them (exec-maven-plugin), so `mvn -B verify` builds and tests it:
#   build — npm ci (only when package-lock.json changed since the last install), then npm run build → dist/
#   test  — the Vitest unit tests
#   e2e   — the browser test against a real sandbox (needs the app module packaged, and /usr/bin/chromium)
# Without npm, or with a Node.js older than 20 (Vite 8 needs 20), it skips with one line: the jar then holds
# no screen and the gateway answers / with a page saying how to build it.
set -euo pipefail
cd "$(dirname "$0")"
step="${1:?build, test or e2e}"

if ! command -v npm >/dev/null 2>&1 || ! command -v node >/dev/null 2>&1; then
  echo "[web] npm is not on the PATH: skipping the web screen's ${step} (install Node.js 20+ and npm to build it)"
  exit 0
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 20 ]; then
  echo "[web] Node.js $(node -v) is older than 20 (Vite 8 needs 20+): skipping the web screen's ${step}"
  exit 0
fi

install() {
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
    return
  fi
  npm ci --no-audit --no-fund --loglevel=error
}

case "$step" in
  # the previous build's hashed files must not ride along into the jar
  build) install; rm -rf target/classes/tidemark-web; npm run --silent build -- --logLevel warn ;;
  test) install; npm run --silent test ;;
  e2e) install; npm run --silent e2e ;;
  *) echo "[web] unknown step ${step}" >&2; exit 2 ;;
esac
