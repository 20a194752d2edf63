#!/usr/bin/env bash
# The one install step the production scripts need on a server: the packages they import, from
# package-lock.json, without the local runtimes. The stack itself runs in containers.
#   bash scripts/production/install.sh
# --omit=dev: no compiler, linter or n8n-core. --ignore-scripts: the root postinstall installs n8n and
# Directus natively for the local stack (about 3 GB), and no production dependency needs an install
# script (install.test.ts checks package-lock.json); the gateway's Dockerfile installs the same way.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

say() { printf 'switchboard: %s\n' "$*" >&2; }

command -v node >/dev/null || {
	say "needs Node >= 22.18 and npm, and finds no node: install Node 24 (https://nodejs.org/en/download) and run this again."
	exit 1
}
# Same rule as scripts/production/cli.ts: type stripping without a flag (22.18+, 23.6+).
version=$(node -p 'process.versions.node')
if ! node -e '
	const [major, minor] = process.versions.node.split(".").map(Number);
	process.exit(major > 23 || (major === 23 && minor >= 6) || (major === 22 && minor >= 18) ? 0 : 1);
'; then
	say "needs Node >= 22.18 (this is $version): install Node 24 (https://nodejs.org/en/download) and run this again."
	exit 1
fi
command -v npm >/dev/null || {
	say "finds Node $version but no npm: install npm (it ships with Node from nodejs.org) and run this again."
	exit 1
}

npm ci --omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error
echo "Installed the production scripts' packages into node_modules (Node $version)."
echo 'Next: node scripts/production/bootstrap.ts'
