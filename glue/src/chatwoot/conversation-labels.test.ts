import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen, type RunningServer } from '../../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_BOT_TOKEN,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
} from '../../../simulators/src/chatwoot/index.ts';
import { createChatwootClient } from './client.ts';
import { MAX_LABEL_WRITES } from './conversation-labels.ts';
import { handOffConversation } from './handoff.ts';

describe('conversation labels', () => {
	let server: RunningServer;
	before(async () => {
		server = await listen(createChatwootSimulator({ simulateWhatsappSend: false }).app);
	});
	after(() => server.close());
	beforeEach(async () => {
		await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
	});

	const clientFor = (accessToken: string) =>
		createChatwootClient({
			baseUrl: server.url,
			accessToken,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			retryBaseDelayMs: 1,
		});
	const simPost = async (path: string, body: unknown) => {
		const res = await fetch(`${server.url}/__sim${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
		const json = (await res.json()) as Record<string, unknown>;
		assert.ok(res.ok, `${path}: ${res.status} ${JSON.stringify(json)}`);
		return json;
	};
	const customerWrites = async (content: string) =>
		Number(
			(await simPost('/incoming', { inbox_id: 1, from: '+5215512345678', content }))
				.conversation_id,
		);
	/** An agent's dashboard saving the list it loaded earlier, landing right after our next call. */
	const agentSaves = (conversationId: number, labels: string[], after: 'read' | 'write') =>
		simPost('/concurrent-labels', { conversation_id: conversationId, labels, after });
	const labelWrites = async (conversationId: number) => {
		const res = await fetch(
			`${server.url}/__sim/requests?method=POST&path=/api/v1/accounts/${CHATWOOT_SIM_ACCOUNT_ID}/conversations/${conversationId}/labels`,
		);
		return ((await res.json()) as unknown[]).length;
	};
	const sorted = (labels: string[]) => [...labels].sort();

	describe('addLabels', () => {
		it("should put ours back when an agent's save from before our write drops them", async () => {
			const conversationId = await customerWrites('My bill is wrong');
			const agent = clientFor(CHATWOOT_SIM_USER_TOKEN);
			await agent.conversations.setLabels(conversationId, ['vip']);
			// The agent loaded ['vip'] before we wrote, adds "callback" and saves after our write.
			await agentSaves(conversationId, ['vip', 'callback'], 'write');

			const labels = await clientFor(CHATWOOT_SIM_BOT_TOKEN).conversations.addLabels(
				conversationId,
				['dept-billing', 'urgency-high'],
			);

			const expected = ['callback', 'dept-billing', 'urgency-high', 'vip'];
			assert.deepEqual(sorted(labels), expected);
			assert.deepEqual(sorted(await agent.conversations.listLabels(conversationId)), expected);
		});

		it('should keep a label an agent saved before our read', async () => {
			const conversationId = await customerWrites('Hello');
			const agent = clientFor(CHATWOOT_SIM_USER_TOKEN);
			await agent.conversations.setLabels(conversationId, ['vip']);

			await clientFor(CHATWOOT_SIM_BOT_TOKEN).conversations.addLabels(conversationId, ['sales']);

			assert.deepEqual(sorted(await agent.conversations.listLabels(conversationId)), [
				'sales',
				'vip',
			]);
		});

		it('should not write when every label is already there', async () => {
			const conversationId = await customerWrites('Hello');
			const bot = clientFor(CHATWOOT_SIM_BOT_TOKEN);
			await bot.conversations.setLabels(conversationId, ['sales', 'vip']);
			const before = await labelWrites(conversationId);

			const labels = await bot.conversations.addLabels(conversationId, ['sales']);

			assert.deepEqual(sorted(labels), ['sales', 'vip']);
			assert.equal(await labelWrites(conversationId), before);
		});

		it('should stop after a bounded number of writes and return what stuck', async () => {
			const conversationId = await customerWrites('Hello');
			for (let i = 0; i < MAX_LABEL_WRITES + 1; i += 1) {
				await agentSaves(conversationId, ['agent-only'], 'write');
			}

			const labels = await clientFor(CHATWOOT_SIM_BOT_TOKEN).conversations.addLabels(
				conversationId,
				['sales'],
			);

			assert.deepEqual(labels, ['agent-only']);
			assert.equal(await labelWrites(conversationId), MAX_LABEL_WRITES);
		});
	});

	describe('handOffConversation', () => {
		it("should keep both the hand-off's labels and an agent's concurrent one", async () => {
			const conversationId = await customerWrites('My internet is down');
			await agentSaves(conversationId, ['callback'], 'write');

			const result = await handOffConversation(clientFor(CHATWOOT_SIM_BOT_TOKEN), {
				conversationId,
				labels: ['dept-support', 'urgency-critical'],
			});

			assert.deepEqual(sorted(result.labels), ['callback', 'dept-support', 'urgency-critical']);
		});
	});
});
