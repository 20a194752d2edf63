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

	describe('handOffConversation run again (a rerun after the triage claim ran out)', () => {
		const admin = () =>
			createChatwootClient({
				baseUrl: server.url,
				accessToken: 'simAdminToken00000000001',
				accountId: CHATWOOT_SIM_ACCOUNT_ID,
			});
		const customerMessage = async (content: string) => {
			const conversationId = await customerWrites(content);
			const conversation = await admin().conversations.get(conversationId);
			return { conversationId, messageId: conversation.last_non_activity_message?.id ?? 0 };
		};
		const notesIn = async (conversationId: number) =>
			(await admin().messages.list(conversationId)).payload
				.filter((m) => m.private)
				.map((m) => m.content);
		// n8n killed right after the note: the labels, team and status never happen.
		const dyingAfterTheNote = () => {
			const client = bot();
			const died = () => Promise.reject(new Error('n8n was killed'));
			return { ...client, conversations: { ...client.conversations, addLabels: died } };
		};

		it('should add no second note when the same hand-off runs again, and finish it', async () => {
			const asked = await customerMessage('The app charges me twice');
			const input = {
				conversationId: asked.conversationId,
				labels: ['billing'],
				teamId: CHATWOOT_SIM_TEAMS.billing.id,
				answering: asked.messageId,
			};
			await assert.rejects(
				handOffConversation(dyingAfterTheNote(), { ...input, note: 'Summary: double charge' }),
			);
			// The rerun triages again, so its note words it differently.
			const rerun = await handOffConversation(bot(), { ...input, note: 'Summary: charged twice' });

			assert.deepEqual(await notesIn(asked.conversationId), ['Summary: double charge']);
			assert.equal(rerun.notePosted, false);
			const conversation = await bot().conversations.get(asked.conversationId);
			assert.equal(rerun.noteId, conversation.last_non_activity_message?.id);
			assert.equal(conversation.status, 'open');
			assert.equal(conversation.meta.team?.id, CHATWOOT_SIM_TEAMS.billing.id);
			assert.deepEqual(conversation.labels, ['billing']);
		});

		it('should leave a new note for a customer message newer than the first note', async () => {
			const first = await customerMessage('The app charges me twice');
			const { conversationId } = first;
			await assert.rejects(
				handOffConversation(dyingAfterTheNote(), {
					conversationId,
					note: 'First note',
					labels: ['billing'],
					answering: first.messageId,
				}),
			);
			const next = await customerMessage('And now three times!');
			const result = await handOffConversation(bot(), {
				conversationId,
				note: 'Second note',
				answering: next.messageId,
			});
			assert.equal(result.notePosted, true);
			assert.deepEqual(await notesIn(conversationId), ['First note', 'Second note']);
		});

		it("should not take an agent's private note for its own", async () => {
			const asked = await customerMessage('The app charges me twice');
			await admin().messages.createPrivateNote(asked.conversationId, 'Looking into it');
			const result = await handOffConversation(bot(), {
				conversationId: asked.conversationId,
				note: 'Summary: double charge',
				answering: asked.messageId,
			});
			assert.equal(result.notePosted, true);
			assert.deepEqual(await notesIn(asked.conversationId), [
				'Looking into it',
				'Summary: double charge',
			]);
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
