import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen, type RunningServer } from '../common/listen.ts';
import { CHATWOOT_SIM_ACCOUNT_ID, CHATWOOT_SIM_USER_TOKEN } from './constants.ts';
import { createChatwootSimulator } from './index.ts';

describe('concurrent label writes (/__sim/concurrent-labels)', () => {
	let server: RunningServer;
	before(async () => {
		server = await listen(createChatwootSimulator({ simulateWhatsappSend: false }).app);
	});
	after(() => server.close());
	beforeEach(async () => {
		await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
	});

	const call = async (method: string, path: string, body?: unknown) => {
		const res = await fetch(`${server.url}${path}`, {
			method,
			headers: { 'content-type': 'application/json', api_access_token: CHATWOOT_SIM_USER_TOKEN },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return { status: res.status, json: (await res.json()) as Record<string, unknown> };
	};
	const conversation = async () => {
		const { json } = await call('POST', '/__sim/incoming', {
			inbox_id: 1,
			from: '+5215512345678',
			content: 'Hello',
		});
		return Number(json.conversation_id);
	};
	const labelsPath = (id: number) =>
		`/api/v1/accounts/${CHATWOOT_SIM_ACCOUNT_ID}/conversations/${id}/labels`;

	it('should answer a write with what it wrote, then hold the armed labels', async () => {
		const id = await conversation();
		await call('POST', '/__sim/concurrent-labels', {
			conversation_id: id,
			labels: ['agent'],
			after: 'write',
		});

		const written = await call('POST', labelsPath(id), { labels: ['bot'] });
		const read = await call('GET', labelsPath(id));
		const again = await call('POST', labelsPath(id), { labels: ['bot'] });

		assert.deepEqual(written.json.payload, ['bot']);
		assert.deepEqual(read.json.payload, ['agent']);
		assert.deepEqual(again.json.payload, ['bot'], 'armed once, used once');
	});

	it('should land after a read, before the reader writes', async () => {
		const id = await conversation();
		await call('POST', '/__sim/concurrent-labels', {
			conversation_id: id,
			labels: ['agent'],
			after: 'read',
		});

		const read = await call('GET', labelsPath(id));
		const after = await call('GET', labelsPath(id));

		assert.deepEqual(read.json.payload, []);
		assert.deepEqual(after.json.payload, ['agent']);
	});

	it('should refuse an arming without a moment', async () => {
		const { status } = await call('POST', '/__sim/concurrent-labels', {
			conversation_id: 1,
			labels: [],
		});
		assert.equal(status, 400);
	});
});
