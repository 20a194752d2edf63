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
# Executions hold the customer's messages: n8n prunes them after as many days as the gateway keeps
# message text (glue/src/housekeeping, n8nExecutionPruneEnv). EXECUTIONS_DATA_MAX_AGE is in hours.
if [ -n "${SWITCHBOARD_TEXT_RETENTION_DAYS:-}" ] && [ -z "${EXECUTIONS_DATA_MAX_AGE:-}" ]; then
	case "$SWITCHBOARD_TEXT_RETENTION_DAYS" in
	'' | *[!0-9]* | 0*)
		echo "switchboard-entrypoint: SWITCHBOARD_TEXT_RETENTION_DAYS must be a whole number of days >= 1, not '$SWITCHBOARD_TEXT_RETENTION_DAYS'" >&2
		exit 64
		;;
	esac
	EXECUTIONS_DATA_PRUNE=true
	EXECUTIONS_DATA_MAX_AGE=$((SWITCHBOARD_TEXT_RETENTION_DAYS * 24))
	export EXECUTIONS_DATA_PRUNE EXECUTIONS_DATA_MAX_AGE
fi
unset SWITCHBOARD_OWNER_PASSWORD SWITCHBOARD_N8N_DIR SWITCHBOARD_NEXT_ENTRYPOINT SWITCHBOARD_TEXT_RETENTION_DAYS
exec "$next_entrypoint" "$@"
