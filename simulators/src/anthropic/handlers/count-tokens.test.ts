import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type Anthropic from '@anthropic-ai/sdk';
import { longFaq, startSimulator, type TestSimulator } from '../testing.ts';

describe('POST /v1/messages/count_tokens', () => {
	let t: TestSimulator;
	let client: Anthropic;

	before(async () => {
		t = await startSimulator();
		client = t.client();
	});
	after(() => t.server.close());

	const prompt = {
		model: 'claude-haiku-5-5',
		system: [
			{ type: 'text' as const, text: longFaq, cache_control: { type: 'ephemeral' as const } },
		],
		messages: [{ role: 'user' as const, content: 'Where is my router?' }],
	};

	it('should count the same total a Messages call reports as input, cached or not', async () => {
		const counted = await client.messages.countTokens(prompt);
		const first = await client.messages.create({ ...prompt, max_tokens: 50 });
		const second = await client.messages.create({ ...prompt, max_tokens: 50 });
		for (const { usage } of [first, second]) {
			const total =
				usage.input_tokens +
				(usage.cache_creation_input_tokens ?? 0) +
				(usage.cache_read_input_tokens ?? 0);
			assert.equal(total, counted.input_tokens);
		}
	});

	it('should count about one token per 3.5 characters on a 5.x model and 4 on Haiku 4.5', async () => {
		const text = 'x'.repeat(3500);
		const newer = await client.messages.countTokens({
			model: 'claude-haiku-5-5',
			messages: [{ role: 'user', content: text }],
		});
		const older = await client.messages.countTokens({
			model: 'claude-haiku-4-5',
			messages: [{ role: 'user', content: text }],
		});
		assert.equal(newer.input_tokens, 1000 + 3);
		assert.equal(older.input_tokens, 875 + 3);
	});

	it('should reject max_tokens, which count_tokens does not take', async () => {
		await assert.rejects(
			client.messages.countTokens({
				...prompt,
				max_tokens: 5,
			} as Anthropic.MessageCountTokensParams),
			/max_tokens: Extra inputs are not permitted/,
		);
	});
});
