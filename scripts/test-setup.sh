#!/usr/bin/env bash
# Install what the test suite's real clients need, on a Debian machine (run from anywhere):
#   - libxml2-utils: xmllint, to validate every GEXF written against the official 1.3 schema;
#   - chromium: the headless browser that opens the HTML view (never a downloaded browser);
#   - fonts-noto-cjk: Chinese glyphs for that browser, so labels do not render as boxes;
#   - the Node.js test clients of package-lock.json (graphology-gexf, the GEXF parser of Gephi
#     Lite; playwright-core, to drive the system Chromium), with `npm ci`.
# Needs Node.js >= 20 and npm on the PATH. Debian packages already installed are not touched, and
# `npm ci` is skipped when node_modules already matches package-lock.json.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(libxml2-utils chromium fonts-noto-cjk)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]})); then
  if ! command -v apt-get >/dev/null; then
    echo "test-setup: not a Debian machine; install ${missing[*]} by hand" >&2
  else
    sudo=()
    if [ "$(id -u)" -ne 0 ]; then sudo=(sudo); fi
    echo "test-setup: installing ${missing[*]}" >&2
    "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
fi

if ! command -v npm >/dev/null; then
  echo "test-setup: npm not found; install Node.js >= 20 and npm, then run this again" >&2
  exit 1
fi
# npm writes node_modules/.package-lock.json on every install: when it is newer than the lock
# file and names the same packages, the tree is current.
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
  && [ -d node_modules/graphology-gexf ] && [ -d node_modules/playwright-core ]; then
  echo "test-setup: node_modules is up to date" >&2
else
  npm ci --no-audit --no-fund --loglevel=error
fi
