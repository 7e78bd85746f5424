#!/bin/sh
# axe-core, the accessibility checker the browser tests inject into each page, at the exact version
# that tests/browser/axe/package-lock.json pins (npm ci checks its hash). Idempotent and quiet:
# does nothing when that version is installed. Installs Debian's npm first when it is missing.
set -eu

dir="$(dirname "$0")/../tests/browser/axe"
[ "$dir/node_modules/.package-lock.json" -nt "$dir/package-lock.json" ] && exit 0

command -v npm >/dev/null || sh "$(dirname "$0")/apt_install.sh" 无障碍检查 npm
npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
