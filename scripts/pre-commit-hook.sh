#!/usr/bin/env bash
# The pre-commit hooks' entry (language: script). Not language: node: pre-commit installs a node hook with `npm pack`
# and takes its stdout as the tarball name, but npm prints the banner of chanrisk's prepare (build) script there too.
# So the hook's own clone is installed once (npm ci builds dist/), and the built CLI runs from it.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -f "$root/dist/chanrisk.js" ]; then
  (cd "$root" && npm ci --no-audit --no-fund >&2)
fi
exec node "$root/dist/chanrisk.js" check "$@"
