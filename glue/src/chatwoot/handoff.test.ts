import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen, type RunningServer } from '../../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_TEAMS,
	createChatwootSimulator,
} from '../../../simulators/src/chatwoot/index.ts';
import { createChatwootClient } from './client.ts';
import { handOffConversation, normaliseLabels } from './handoff.ts';

describe('handoff', () => {
	let server: RunningServer;
	before(async () => {
		server = await listen(createChatwootSimulator({ simulateWhatsappSend: false }).app);
	});
	after(() => server.close());
	beforeEach(async () => {
		await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
	});

	const bot = () =>
		createChatwootClient({
			baseUrl: server.url,
			accessToken: CHATWOOT_SIM_BOT_TOKEN,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			retryBaseDelayMs: 1,
		});
	const customerWrites = async (content: string) => {
		const res = await fetch(`${server.url}/__sim/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ inbox_id: 1, from: '+5215512345678', content }),
		});
		return ((await res.json()) as { conversation_id: number }).conversation_id;
	};

	describe('handOffConversation', () => {
		it('should leave a private note, add labels, give it to the team and open it, as the bot', async () => {
			const conversationId = await customerWrites('My bill is wrong');
			const client = bot();
			assert.equal((await client.conversations.get(conversationId)).status, 'pending');

			const result = await handOffConversation(client, {
				conversationId,
				note: 'Summary: disputed bill. Draft: …',
				labels: ['Billing', 'urgency_high'],
				teamId: CHATWOOT_SIM_TEAMS.billing.id,
				priority: 'high',
			});

			const conversation = await client.conversations.get(conversationId);
			assert.equal(conversation.status, 'open');
			assert.equal(conversation.priority, 'high');
			assert.equal(conversation.meta.team?.id, CHATWOOT_SIM_TEAMS.billing.id);
			assert.deepEqual([...conversation.labels].sort(), ['billing', 'urgency_high']);
			assert.equal(result.status, 'open');
			assert.equal(result.teamId, CHATWOOT_SIM_TEAMS.billing.id);
			const admin = createChatwootClient({
				baseUrl: server.url,
				accessToken: 'simAdminToken00000000001',
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
			});
			const notes = (await admin.messages.list(conversationId)).payload.filter((m) => m.private);
			assert.equal(notes.length, 1);
			assert.equal(notes[0]?.id, result.noteId);
			assert.equal(notes[0]?.content, 'Summary: disputed bill. Draft: …');
		});

		it('should keep labels the conversation already had', async () => {
			const conversationId = await customerWrites('Hello');
			const client = bot();
			await client.conversations.setLabels(conversationId, ['vip']);
			const result = await handOffConversation(client, { conversationId, labels: ['sales'] });
			assert.deepEqual([...result.labels].sort(), ['sales', 'vip']);
		});

		it('should only open the conversation when given nothing else', async () => {
			const conversationId = await customerWrites('Hello');
			const result = await handOffConversation(bot(), { conversationId, note: '  ' });
			assert.equal(result.noteId, null);
			assert.equal(result.teamId, null);
			assert.equal(result.status, 'open');
		});
	});

	describe('normaliseLabels', () => {
		it('should lower-case, slug and de-duplicate labels', () => {
			assert.deepEqual(normaliseLabels(['Billing Question', 'billing_question', ' Urgent! ', '']), [
				'billing_question',
				'urgent',
			]);
		});
		it('should drop labels made only of separators', () => {
			assert.deepEqual(normaliseLabels(['---', '  ', '!!', '_-_']), []);
		});
	});
});
