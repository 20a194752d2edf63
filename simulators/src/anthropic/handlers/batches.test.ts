import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startSimulator, type TestSimulator } from '../testing.ts';

const params = (text: string) => ({
	model: 'claude-haiku-5-5',
	max_tokens: 200,
	thinking: { type: 'disabled' as const },
	messages: [{ role: 'user' as const, content: text }],
});

describe('Message Batches', () => {
	let t: TestSimulator;
	let client: Anthropic;

	before(async () => {
		t = await startSimulator();
		client = t.client();
	});
	after(() => t.server.close());
	beforeEach(() => t.reset());

	it('should answer every request and stream the results as JSONL through the SDK once the batch has ended', async () => {
		await t.post('/__sim/script', [{ text: 'scripted caption' }]);
		const created = await client.messages.batches.create({
			requests: [
				{ custom_id: 'cap-1', params: params('write a caption') },
				{ custom_id: 'cap-2', params: params('another caption') },
				{ custom_id: 'cap-3', params: { ...params('x'), model: 'claude-imaginary-9' } },
			],
		});
		assert.match(created.id, /^msgbatch_01/);
		assert.equal(created.processing_status, 'in_progress');
		assert.equal(created.request_counts.processing, 3);
		assert.equal(created.results_url, null);

		const ended = await client.messages.batches.retrieve(created.id);
		assert.equal(ended.processing_status, 'ended');
		assert.deepEqual(ended.request_counts, {
			processing: 0,
			succeeded: 2,
			errored: 1,
			canceled: 0,
			expired: 0,
		});
		assert.equal(ended.results_url, `${t.server.url}/v1/messages/batches/${created.id}/results`);

		const results = new Map<string, Anthropic.Messages.MessageBatchResult>();
		for await (const line of await client.messages.batches.results(created.id))
			results.set(line.custom_id, line.result);
		const first = results.get('cap-1');
		assert.ok(first?.type === 'succeeded');
		assert.deepEqual(first.message.content, [
			{ type: 'text', text: 'scripted caption', citations: null },
		]);
		assert.equal(first.message.usage.service_tier, 'batch');
		assert.equal(results.get('cap-2')?.type, 'succeeded');
		const failed = results.get('cap-3');
		assert.ok(failed?.type === 'errored');
		assert.equal(failed.error.error.type, 'not_found_error');
	});

	it('should list batches newest first with cursors the SDK pages through', async () => {
		const ids = [];
		for (let i = 0; i < 3; i += 1)
			ids.push(
				(
					await client.messages.batches.create({
						requests: [{ custom_id: `r${i}`, params: params('hi') }],
					})
				).id,
			);
		const seen = [];
		for await (const batch of client.messages.batches.list({ limit: 2 })) seen.push(batch.id);
		assert.deepEqual(seen, ids.reverse());
	});

	it('should cancel a batch still in progress, marking its requests canceled', async () => {
		const slow = await startSimulator({ batchProcessingMs: 60_000 });
		try {
			const c = slow.client();
			const batch = await c.messages.batches.create({
				requests: [{ custom_id: 'a', params: params('hi') }],
			});
			const canceling = await c.messages.batches.cancel(batch.id);
			assert.equal(canceling.processing_status, 'canceling');
			assert.ok(canceling.cancel_initiated_at);
			await new Promise((resolve) => setTimeout(resolve, 5));
			const ended = await c.messages.batches.retrieve(batch.id);
			assert.equal(ended.request_counts.canceled, 1);
		} finally {
			await slow.server.close();
		}
	});

	it('should refuse to delete a batch that is still processing, then delete it once ended', async () => {
		const slow = await startSimulator({ batchProcessingMs: 60_000 });
		try {
			const batch = await slow
				.client()
				.messages.batches.create({ requests: [{ custom_id: 'a', params: params('hi') }] });
			await assert.rejects(
				slow.client().messages.batches.delete(batch.id),
				Anthropic.BadRequestError,
			);
		} finally {
			await slow.server.close();
		}
		const batch = await client.messages.batches.create({
			requests: [{ custom_id: 'a', params: params('hi') }],
		});
		assert.deepEqual(await client.messages.batches.delete(batch.id), {
			id: batch.id,
			type: 'message_batch_deleted',
		});
		await assert.rejects(client.messages.batches.retrieve(batch.id), Anthropic.NotFoundError);
	});

	it('should reject duplicate custom ids and a malformed custom id', async () => {
		await assert.rejects(
			client.messages.batches.create({
				requests: [
					{ custom_id: 'a', params: params('x') },
					{ custom_id: 'a', params: params('y') },
				],
			}),
			(err) =>
				err instanceof Anthropic.BadRequestError &&
				err.apiMessage === 'requests: custom_id "a" is used more than once',
		);
		await assert.rejects(
			client.messages.batches.create({
				requests: [{ custom_id: 'has space', params: params('x') }],
			}),
			(err) =>
				err instanceof Anthropic.BadRequestError &&
				/^requests\.0\.custom_id: /.test(err.apiMessage ?? ''),
		);
	});
});
