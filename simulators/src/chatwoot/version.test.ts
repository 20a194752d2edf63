import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	CHATWOOT_SIM_AGENTS,
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_USER_TOKEN,
} from './constants.ts';
import { useWebhookFixture, type WebhookFixture } from './test-support.ts';

const maria = { inbox_id: 1, from: '+5215512345678', name: 'Maria Lopez' };
const botAssignee = {
	id: CHATWOOT_SIM_BOT_ID,
	name: 'Switchboard Triage',
	avatar_url: '',
	type: 'agent_bot',
};

type Json = Record<string, unknown>;

/** GET /conversations/:id as Chatwoot answers it, unparsed. */
async function restConversation(f: WebhookFixture, id: number): Promise<Json> {
	const res = await fetch(`${f.h.server.url}/api/v1/accounts/1/conversations/${id}`, {
		headers: { api_access_token: CHATWOOT_SIM_USER_TOKEN },
	});
	assert.equal(res.status, 200);
	return (await res.json()) as Json;
}

function meta(payload: unknown): Json {
	return (payload as { meta: Json }).meta;
}

async function newConversation(f: WebhookFixture): Promise<number> {
	const { conversation_id } = await f.h.incoming({ ...maria, content: 'Hola' });
	await f.settle();
	return conversation_id;
}

describe('chatwoot simulator versions', () => {
	describe('4.16 bot ownership', () => {
		const f = useWebhookFixture({ chatwootVersion: '4.16' });

		it('should start a new conversation in a bot inbox pending and assigned to the bot', async () => {
			const id = await newConversation(f);
			const [created] = f.account.ofEvent('conversation_created');
			assert.equal(created?.json.status, 'pending');
			assert.deepEqual(meta(created?.json).assignee, botAssignee);
			assert.equal(meta(created?.json).assignee_type, 'AgentBot');
			// The inbox bot and the assigned bot are one bot: it gets each event once.
			const [message] = f.bot.ofEvent('message_created');
			assert.equal(f.bot.ofEvent('message_created').length, 1);
			assert.deepEqual(meta(message?.json.conversation).assignee, botAssignee);
			const rest = await restConversation(f, id);
			assert.equal(rest.status, 'pending');
			assert.deepEqual(meta(rest).assignee, botAssignee);
			assert.equal(meta(rest).assignee_type, 'AgentBot');
		});

		it('should open a bot-owned pending conversation when a human is assigned', async () => {
			const id = await newConversation(f);
			await f.h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.sales.id);
			await f.settle();
			const rest = await restConversation(f, id);
			assert.equal(rest.status, 'open');
			assert.equal((meta(rest).assignee as Json).id, CHATWOOT_SIM_AGENTS.sales.id);
			assert.equal(meta(rest).assignee_type, 'User');
			const [updated] = f.account.ofEvent('conversation_updated');
			const changed = (updated?.json.changed_attributes as Json[]).flatMap(Object.keys);
			for (const key of ['status', 'assignee_id', 'assignee_agent_bot_id', 'waiting_since']) {
				assert.ok(changed.includes(key), `${key} not in ${changed.join(', ')}`);
			}
			assert.equal(f.account.ofEvent('conversation_status_changed')[0]?.json.status, 'open');
			assert.equal(f.bot.ofEvent('conversation_opened').length, 1);
		});

		it('should let go of the bot when it hands the conversation off', async () => {
			const id = await newConversation(f);
			const bot = f.h.clientWith(CHATWOOT_SIM_BOT_TOKEN);
			await bot.conversations.toggleStatus(id, { status: 'open' });
			const rest = await restConversation(f, id);
			assert.equal(rest.status, 'open');
			assert.equal(meta(rest).assignee, undefined);
		});

		it('should make an open conversation pending again when the bot is assigned', async () => {
			const id = await newConversation(f);
			await f.h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.sales.id);
			await f.h.admin.conversations.assignAgentBot(id, CHATWOOT_SIM_BOT_ID);
			const rest = await restConversation(f, id);
			assert.equal(rest.status, 'pending');
			assert.deepEqual(meta(rest).assignee, botAssignee);
		});
	});

	describe('4.15 (the default)', () => {
		const f = useWebhookFixture();

		it('should leave a new conversation unassigned, and pending after a human is assigned', async () => {
			const id = await newConversation(f);
			assert.equal(meta(f.account.ofEvent('conversation_created')[0]?.json).assignee, null);
			await f.h.admin.conversations.assignAgent(id, CHATWOOT_SIM_AGENTS.sales.id);
			const rest = await restConversation(f, id);
			assert.equal(rest.status, 'pending');
			assert.equal(meta(rest).assignee_type, 'User');
		});

		it('should play 4.16 after POST /__sim/chatwoot-version, until the next reset', async () => {
			const post = (body: unknown) =>
				fetch(`${f.h.server.url}/__sim/chatwoot-version`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				});
			assert.equal((await post({ version: '4.14' })).status, 400);
			const res = await post({ version: '4.16' });
			assert.deepEqual(await res.json(), { version: '4.16' });
			const id = await newConversation(f);
			assert.deepEqual(meta(await restConversation(f, id)).assignee, botAssignee);

			await fetch(`${f.h.server.url}/__sim/reset`, { method: 'POST' });
			const after = await fetch(`${f.h.server.url}/__sim/chatwoot-version`);
			assert.deepEqual(await after.json(), { version: '4.15' });
		});
	});
});
