import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
	type ErrorJson,
	type TestSimulator,
	readJson,
	sdkHeaders,
	startSimulator,
} from '../testing.ts';

const valid = {
	model: 'claude-haiku-5-5',
	max_tokens: 100,
	messages: [{ role: 'user', content: 'hi' }],
};

describe('request validation', () => {
	let t: TestSimulator;
	let client: Anthropic;

	before(async () => {
		t = await startSimulator();
		client = t.client();
	});
	after(() => t.server.close());

	const messageOf = async (body: unknown) => {
		const res = await t.post('/v1/messages', body, sdkHeaders);
		return { status: res.status, error: (await readJson<ErrorJson>(res)).error };
	};

	it('should surface the real 400 body as the SDK BadRequestError when temperature is sent on 2026-10-21', async () => {
		// The 1.x types no longer have temperature; code cast past them still sends it.
		const params = {
			...valid,
			temperature: 0,
		} as unknown as Anthropic.MessageCreateParamsNonStreaming;
		const err = await client.messages.create(params).catch((e: unknown) => e);
		assert.ok(err instanceof Anthropic.BadRequestError);
		assert.deepEqual(err.error, {
			type: 'error',
			error: {
				type: 'invalid_request_error',
				message: 'temperature: Extra inputs are not permitted',
			},
			request_id: err.requestID,
		});
		assert.equal(err.message, `400 ${JSON.stringify(err.error)}`);
	});

	it('should not retry a 400 even when retries are allowed', async () => {
		await t.reset();
		await assert.rejects(
			client.messages.create(
				{ ...valid, top_k: 5 } as unknown as Anthropic.MessageCreateParamsNonStreaming,
				{ maxRetries: 2 },
			),
		);
		assert.equal((await t.requests('/v1/messages')).length, 1);
	});

	it('should answer 404 not_found_error naming the model when the model is unknown', async () => {
		await assert.rejects(
			client.messages.create({
				...valid,
				model: 'claude-imaginary-9',
			} as Anthropic.MessageCreateParamsNonStreaming),
			(err) =>
				err instanceof Anthropic.NotFoundError && err.apiMessage === 'model: claude-imaginary-9',
		);
	});

	it('should name the missing field with a dotted path when a block lacks text', async () => {
		const { status, error } = await messageOf({
			...valid,
			messages: [{ role: 'user', content: [{ type: 'text' }] }],
		});
		assert.equal(status, 400);
		assert.deepEqual(error, {
			type: 'invalid_request_error',
			message: 'messages.0.content.0.text: Field required',
		});
	});

	it('should reject a missing model, an empty messages list and a bad role', async () => {
		assert.equal(
			(await messageOf({ max_tokens: 1, messages: valid.messages })).error.message,
			'model: Field required',
		);
		assert.equal(
			(await messageOf({ ...valid, messages: [] })).error.message,
			'messages: at least one message is required',
		);
		assert.equal(
			(await messageOf({ ...valid, messages: [{ role: 'bot', content: 'x' }] })).error.message,
			"messages.0.role: Input should be 'user', 'assistant' or 'system'",
		);
	});

	it('should reject max_tokens above the model maximum and a non-integer max_tokens', async () => {
		assert.match(
			(await messageOf({ ...valid, max_tokens: 200_000 })).error.message,
			/^max_tokens: 200000 > 128000/,
		);
		assert.equal(
			(await messageOf({ ...valid, max_tokens: 1.5 })).error.message,
			'max_tokens: Input should be a valid integer',
		);
	});

	it('should reject an assistant prefill on Haiku 5.5 but accept it on Sonnet 4.6', async () => {
		const prefill = [...valid.messages, { role: 'assistant', content: '{' }];
		assert.equal((await messageOf({ ...valid, messages: prefill })).status, 400);
		assert.equal(
			(await messageOf({ ...valid, model: 'claude-sonnet-4-6', messages: prefill })).status,
			200,
		);
	});

	it('should reject more than four cache breakpoints', async () => {
		const block = { type: 'text', text: 'x', cache_control: { type: 'ephemeral' } };
		const { error } = await messageOf({
			...valid,
			messages: [{ role: 'user', content: [block, block, block, block, block] }],
		});
		assert.equal(
			error.message,
			'A maximum of 4 blocks with cache_control may be provided. Found 5.',
		);
	});

	it('should reject manual thinking on a 5.x model', async () => {
		const { status } = await messageOf({
			...valid,
			max_tokens: 4000,
			thinking: { type: 'enabled', budget_tokens: 2000 },
		});
		assert.equal(status, 400);
	});

	it('should answer invalid JSON in the API error shape', async () => {
		const res = await t.post('/v1/messages', '{"model":', sdkHeaders);
		assert.equal(res.status, 400);
		assert.equal((await readJson<ErrorJson>(res)).error.type, 'invalid_request_error');
		assert.match(res.headers.get('request-id') ?? '', /^req_/);
	});

	it('should answer an unknown /v1 path with a JSON not_found_error', async () => {
		const res = await t.post('/v1/complete', valid, sdkHeaders);
		assert.equal(res.status, 404);
		assert.equal((await readJson<ErrorJson>(res)).error.type, 'not_found_error');
	});
});
