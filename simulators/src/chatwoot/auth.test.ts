import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import {
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_INBOXES,
	CHATWOOT_SIM_USER_TOKEN,
} from './constants.ts';
import { defaultSeed } from './seed.ts';
import { resetSim, startHarness, type Harness } from './test-support.ts';

describe('chatwoot simulator auth', () => {
	let h: Harness;

	before(async () => {
		h = await startHarness({ simulateWhatsappSend: false });
	});
	after(() => h.close());
	beforeEach(() => resetSim(h));

	const get = (path: string, headers: Record<string, string>) =>
		fetch(`${h.server.url}/api/v1/accounts/1${path}`, { headers });

	describe('token headers', () => {
		it('should accept the token in api_access_token and in Api-Access-Token', async () => {
			assert.equal(
				(await get('/inboxes', { api_access_token: CHATWOOT_SIM_USER_TOKEN })).status,
				200,
			);
			assert.equal(
				(await get('/inboxes', { 'Api-Access-Token': CHATWOOT_SIM_USER_TOKEN })).status,
				200,
			);
		});

		it("should answer devise's body when no token is sent, Authorization: Bearer included", async () => {
			const bearer = { authorization: `Bearer ${CHATWOOT_SIM_USER_TOKEN}` };
			for (const headers of [{}, bearer] as Record<string, string>[]) {
				const res = await get('/inboxes', headers);
				assert.equal(res.status, 401);
				assert.deepEqual(await res.json(), {
					errors: ['You need to sign in or sign up before continuing.'],
				});
			}
		});

		it('should answer Invalid Access Token for an unknown token', async () => {
			const res = await get('/inboxes', { api_access_token: 'nope' });
			assert.equal(res.status, 401);
			assert.deepEqual(await res.json(), { error: 'Invalid Access Token' });
		});
	});

	describe('bot tokens', () => {
		it('should answer 401 to a bot token outside the bot endpoint whitelist', async () => {
			const res = await get('/conversations', { api_access_token: CHATWOOT_SIM_BOT_TOKEN });
			assert.equal(res.status, 401);
			assert.deepEqual(await res.json(), {
				error: 'Access to this endpoint is not authorized for bots',
			});
		});

		it('should answer 401 to a bot outside the account', async () => {
			const seed = defaultSeed();
			await fetch(`${h.server.url}/__sim/seed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ...seed, accounts: [...seed.accounts, { id: 2, name: 'Other' }] }),
			});
			const res = await fetch(`${h.server.url}/api/v1/accounts/2/conversations/1`, {
				headers: { api_access_token: CHATWOOT_SIM_BOT_TOKEN },
			});
			assert.equal(res.status, 401);
			assert.deepEqual(await res.json(), { error: 'Bot is not authorized to access this account' });
		});
	});

	describe('accounts and policies', () => {
		it('should answer 404 for an unknown account and 401 for a user outside it', async () => {
			const unknown = await fetch(`${h.server.url}/api/v1/accounts/99/inboxes`, {
				headers: { api_access_token: CHATWOOT_SIM_USER_TOKEN },
			});
			assert.equal(unknown.status, 404);
			assert.deepEqual(await unknown.json(), { error: 'Resource could not be found' });
			const seed = defaultSeed();
			await fetch(`${h.server.url}/__sim/seed`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ ...seed, accounts: [...seed.accounts, { id: 2, name: 'Other' }] }),
			});
			const outside = await fetch(`${h.server.url}/api/v1/accounts/2/inboxes`, {
				headers: { api_access_token: CHATWOOT_SIM_USER_TOKEN },
			});
			assert.equal(outside.status, 401);
			assert.deepEqual(await outside.json(), {
				error: 'You are not authorized to access this account',
			});
		});

		it('should answer 401, not 403, when an agent calls an administrator endpoint', async () => {
			const agent = h.clientWith(CHATWOOT_SIM_AGENTS.sales.token);
			await assert.rejects(agent.teams.create({ name: 'mine' }), {
				name: 'ChatwootUnauthorizedError',
				remoteStatus: 401,
				chatwootMessage: 'You are not authorized to do this action',
			});
			await assert.rejects(agent.webhooks.list(), { remoteStatus: 401 });
		});

		it("should answer 401 when an agent opens a conversation of another department's inbox", async () => {
			const { conversation_id } = await h.incoming({
				inbox_id: CHATWOOT_SIM_INBOXES.billing.id,
				from: '+5215512345678',
				content: 'factura',
			});
			const sales = h.clientWith(CHATWOOT_SIM_AGENTS.sales.token);
			await assert.rejects(sales.conversations.get(conversation_id), {
				remoteStatus: 401,
				chatwootMessage: 'You are not authorized to do this action',
			});
		});

		it('should hide the secrets of a bot from agents but show them to administrators', async () => {
			const [forAgent] = await h.clientWith(CHATWOOT_SIM_AGENTS.sales.token).agentBots.list();
			const [forAdmin] = await h.admin.agentBots.list();
			assert.equal(forAgent?.secret, undefined);
			assert.equal(forAdmin?.access_token, CHATWOOT_SIM_BOT_TOKEN);
		});

		it('should answer the Rails 404 page for an unknown API route', async () => {
			const res = await get('/no_such_thing', { api_access_token: CHATWOOT_SIM_USER_TOKEN });
			assert.equal(res.status, 404);
			assert.match(res.headers.get('content-type') ?? '', /html/);
		});
	});
});
