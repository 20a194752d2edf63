import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { z } from 'zod/v4';
import { readJson, startSimulator, type TestSimulator } from '../testing.ts';

const ask = {
	model: 'claude-sonnet-4-6',
	max_tokens: 200,
	messages: [{ role: 'user' as const, content: 'hi' }],
};

describe('POST /__sim/script', () => {
	let t: TestSimulator;
	let client: Anthropic;

	before(async () => {
		t = await startSimulator();
		client = t.client();
	});
	after(() => t.server.close());
	beforeEach(() => t.reset());

	const script = (answers: unknown) => t.post('/__sim/script', answers);

	it('should return queued answers in order, one per call, then fall back to the responder', async () => {
		assert.equal((await script([{ text: 'first' }, { text: 'second' }])).status, 201);
		const texts = [];
		for (let i = 0; i < 3; i += 1) {
			const message = await client.messages.create(ask);
			texts.push(message.content[0]?.type === 'text' ? message.content[0].text : '');
		}
		assert.deepEqual(texts.slice(0, 2), ['first', 'second']);
		assert.match(texts[2] ?? '', /^Hello!/);
	});

	it('should hand a scripted JSON answer to messages.parse verbatim', async () => {
		await script({ json: { intent: 'complaint', confidence: 0.3 } });
		const message = await client.messages.parse({
			...ask,
			output_config: {
				format: zodOutputFormat(z.object({ intent: z.string(), confidence: z.number() })),
			},
		});
		assert.deepEqual(message.parsed_output, { intent: 'complaint', confidence: 0.3 });
	});

	it('should make messages.parse fail when the scripted JSON breaks the schema', async () => {
		await script({ json: { intent: 42 } });
		await assert.rejects(
			client.messages.parse({
				...ask,
				output_config: { format: zodOutputFormat(z.object({ intent: z.string() })) },
			}),
			/Failed to parse structured output/,
		);
	});

	it('should answer a scripted error status with the real body and its SDK error class', async () => {
		await script({
			error: { status: 400, message: 'messages: text content blocks must be non-empty' },
		});
		await assert.rejects(
			client.messages.create(ask),
			(err) =>
				err instanceof Anthropic.BadRequestError &&
				err.type === 'invalid_request_error' &&
				err.apiMessage === 'messages: text content blocks must be non-empty',
		);
	});

	it('should let the SDK retry through a scripted 529 when retry-after-ms is short', async () => {
		await script([
			{ error: { status: 529, headers: { 'retry-after-ms': '5' } } },
			{ text: 'recovered' },
		]);
		const message = await client.messages.create(ask, { maxRetries: 1 });
		assert.equal(message.content[0]?.type === 'text' && message.content[0].text, 'recovered');
		const statuses = (await t.requests('/v1/messages')).map((r) => r.status);
		assert.deepEqual(statuses, [529, 200]);
	});

	it('should report a scripted tool call with stop_reason tool_use', async () => {
		await script({
			content: [{ type: 'tool_use', name: 'lookup_order', input: { order: '123' } }],
		});
		const message = await client.messages.create(ask);
		assert.equal(message.stop_reason, 'tool_use');
		const [block] = message.content;
		assert.ok(block?.type === 'tool_use');
		assert.deepEqual(block.input, { order: '123' });
		assert.match(block.id, /^toolu_/);
	});

	it('should end a stream with an error event, which the SDK throws without retrying', async () => {
		await script({
			text: 'partial answer that breaks',
			stream_error: { type: 'overloaded_error', message: 'Overloaded' },
		});
		const stream = client.messages.stream(ask, { maxRetries: 2 });
		const err = await stream.finalMessage().catch((e: unknown) => e);
		assert.ok(err instanceof Anthropic.APIError);
		assert.equal(err.status, undefined);
		assert.equal(err.type, 'overloaded_error');
		assert.equal((await t.requests('/v1/messages')).length, 1);
	});

	it('should reject a scripted message with neither text, json nor content', async () => {
		const res = await script({ stop_reason: 'end_turn' });
		assert.equal(res.status, 400);
		assert.match(
			(await readJson<{ error: string }>(res)).error,
			/exactly one of: text, json, content/,
		);
	});

	it('should list queued answers and forget them on DELETE', async () => {
		await script([{ text: 'a' }, { error: { status: 500 } }]);
		assert.equal(
			(await readJson<unknown[]>(await fetch(`${t.server.url}/__sim/script`))).length,
			2,
		);
		await fetch(`${t.server.url}/__sim/script`, { method: 'DELETE' });
		assert.deepEqual(await (await fetch(`${t.server.url}/__sim/script`)).json(), []);
	});
});
