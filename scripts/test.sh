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
node --test 'scripts/**/*.test.ts' 'glue/src/**/*.test.ts' 'simulators/src/**/*.test.ts' 'n8n/test/**/*.test.ts' \
	'directus/extensions/*/src/**/*.test.ts' 'bench/**/*.test.ts' 'test/**/*.test.ts'
