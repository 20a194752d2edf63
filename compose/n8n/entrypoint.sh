#!/bin/sh
# n8n manages an env-defined owner but wants a bcrypt hash (reference/n8n.md §3.2). .env keeps one
# plain admin password, shared with Directus; it is hashed here with the bcryptjs n8n ships, then
# dropped from the environment before n8n starts.
set -eu
# Where the image keeps n8n and its own entrypoint (overridable so the test can run this script).
n8n_dir="${SWITCHBOARD_N8N_DIR:-/usr/local/lib/node_modules/n8n/}"
next_entrypoint="${SWITCHBOARD_NEXT_ENTRYPOINT:-/docker-entrypoint.sh}"
if [ -n "${SWITCHBOARD_OWNER_PASSWORD:-}" ] && [ -z "${N8N_INSTANCE_OWNER_PASSWORD_HASH:-}" ]; then
	N8N_INSTANCE_OWNER_PASSWORD_HASH=$(node -e '
		const { createRequire } = require("node:module");
		const fromN8n = createRequire(process.argv[1]);
		process.stdout.write(fromN8n("bcryptjs").hashSync(process.env.SWITCHBOARD_OWNER_PASSWORD, 10));
	' "$n8n_dir")
	export N8N_INSTANCE_OWNER_PASSWORD_HASH
fi
unset SWITCHBOARD_OWNER_PASSWORD SWITCHBOARD_N8N_DIR SWITCHBOARD_NEXT_ENTRYPOINT
exec "$next_entrypoint" "$@"
