import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatCommand } from './command.ts';
import { defaultProject } from './compose.ts';
import { stackFactsCommand } from './go-live-stack.ts';

describe('go-live-stack.ts', () => {
	describe('stackFactsCommand', () => {
		it("should run the check inside the gateway image on the stack's network, tokens in the environment only", () => {
			const command = stackFactsCommand(
				defaultProject,
				{
					CHATWOOT_API_TOKEN: 'chatwoot-admin-token',
					DIRECTUS_ADMIN_TOKEN: 'directus-admin-token',
				},
				3,
			);
			assert.equal(
				formatCommand(command),
				'CHATWOOT_API_TOKEN=*** DIRECTUS_ADMIN_TOKEN=*** docker compose --env-file .env -f compose/docker-compose.yml run --rm --no-deps -T -e CHATWOOT_URL=http://chatwoot-rails:3000 -e DIRECTUS_URL=http://directus:8055 -e CHATWOOT_ACCOUNT_ID=3 -e CHATWOOT_API_TOKEN -e DIRECTUS_ADMIN_TOKEN gateway node scripts/production/go-live-check.ts --stack-facts',
			);
			assert.deepEqual(command.env, {
				CHATWOOT_API_TOKEN: 'chatwoot-admin-token',
				DIRECTUS_ADMIN_TOKEN: 'directus-admin-token',
			});
			assert.ok(!command.args.some((arg) => arg.includes('admin-token')));
		});
	});
});
