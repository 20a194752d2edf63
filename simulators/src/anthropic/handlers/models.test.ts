import Anthropic from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { KNOWN_MODELS } from '../models.ts';
import { startSimulator, type TestSimulator } from '../testing.ts';

describe('GET /v1/models', () => {
	let t: TestSimulator;

	before(async () => {
		t = await startSimulator();
	});
	after(() => t.server.close());

	it('should list every known model across pages when the SDK auto-paginates', async () => {
		const ids: string[] = [];
		for await (const model of t.client().models.list({ limit: 5 })) ids.push(model.id);
		assert.deepEqual(ids, [...KNOWN_MODELS.keys()]);
	});

	it('should describe a model with its line, output limit and lifecycle', async () => {
		const haiku = await t.client().models.retrieve('claude-haiku-5-5');
		assert.equal(haiku.display_name, 'Claude Haiku 5.5');
		assert.equal(haiku.line, 'haiku');
		assert.equal(haiku.max_tokens, 128_000);
		assert.equal(haiku.lifecycle, 'active');
		const retiring = await t.client().models.retrieve('claude-sonnet-4-5');
		assert.equal(retiring.lifecycle, 'deprecated');
		assert.equal(retiring.retires_at, '2026-11-30T00:00:00Z');
	});

	it('should answer an unknown model with a NotFoundError', async () => {
		await assert.rejects(t.client().models.retrieve('claude-imaginary-9'), Anthropic.NotFoundError);
	});
});
