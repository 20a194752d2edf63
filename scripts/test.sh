#!/usr/bin/env bash
# npm test: build the n8n node package, type-check, lint (ours, and n8n's own community-node linter
# on the package), then run every test. Runs under scripts/with-node24.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
node n8n/build-nodes.ts
tsc -p tsconfig.json
tsc -p n8n/custom-nodes/tsconfig.json
# The Directus extensions against the Directus runtime's own types (their @directus/* live there).
node directus/extensions/typecheck.ts
eslint .
(cd n8n/custom-nodes && node_modules/.bin/n8n-node lint)

# Two lanes at once on the machine's two cores: the end-to-end files one after another (each boots a
# whole stack) beside every other file. The e2e lane prints as it goes; the other lane's report is
# printed in one piece when it ends, so the two never interleave line by line.
lanes=$(mktemp -d)
trap 'rm -rf "$lanes"' EXIT
echo "== tests: end-to-end files in one lane, the others in a second (its report follows when it ends)"
(
	status=0
	node --test 'scripts/**/*.test.ts' 'glue/src/**/*.test.ts' 'simulators/src/**/*.test.ts' \
		'n8n/test/**/*.test.ts' 'directus/extensions/*/src/**/*.test.ts' 'bench/**/*.test.ts' \
		>"$lanes/other.log" 2>&1 || status=$?
	echo "$status" >"$lanes/other.status"
	echo "== tests (other lane) ended with exit code $status:"
	cat "$lanes/other.log"
	echo "== end of the other lane's report"
) &
other=$!
e2e_status=0
node --test 'test/**/*.test.ts' || e2e_status=$?
wait "$other" || true
other_status=$(cat "$lanes/other.status" 2>/dev/null || echo 1)
echo "== tests: end-to-end lane exit code $e2e_status, other lane exit code $other_status"
[ "$e2e_status" -eq 0 ] && [ "$other_status" -eq 0 ]
