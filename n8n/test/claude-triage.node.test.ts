import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { anthropicFault } from '../../simulators/src/anthropic/faults.ts';
import { startSimulator, type TestSimulator } from '../../simulators/src/anthropic/testing.ts';
import { makeBundle, OTHER_DEPARTMENTS, TEST_MODEL, TEST_PRICES } from '@switchboard/glue/testing';
import type { IDataObject } from 'n8n-workflow';
import { runNodes, type TestNode } from './harness.ts';

// Model and prices come from the Claude credential (.env's ANTHROPIC_MODEL, ANTHROPIC_PRICE_*).
const claudeCredential = {
	apiKey: 'sk-ant-test',
	model: TEST_MODEL,
	priceInput: TEST_PRICES[TEST_MODEL].input,
	priceOutput: TEST_PRICES[TEST_MODEL].output,
	priceCacheWrite: TEST_PRICES[TEST_MODEL].cacheWrite,
	priceCacheRead: TEST_PRICES[TEST_MODEL].cacheRead,
};

describe('Claude Triage node', () => {
	let sim: TestSimulator;
	before(async () => {
		sim = await startSimulator();
	});
	after(() => sim.server.close());
	beforeEach(() => sim.reset());

	const triageNode = (overrides: TestNode['parameters'] = {}): TestNode => ({
		name: 'Claude Triage',
		type: 'claudeTriage',
		parameters: {
			newMessages: '={{ $json.text }}',
			knowledge: '={{ $json.knowledge }}',
			departments: '={{ $json.departments }}',
			history: '={{ [] }}',
			channel: 'whatsapp',
			options: { maxRetries: 0 },
			...overrides,
		},
		credentials: { switchboardClaudeApi: 'claude' },
	});
	const run = (input: IDataObject[], node = triageNode(), credential: IDataObject = {}) =>
		runNodes({
			nodes: [node],
			input,
			credentials: {
				switchboardClaudeApi: { ...claudeCredential, baseUrl: sim.server.url, ...credential },
			},
		});
	const item = (text: string) => ({
		conversationId: 41,
		text,
		knowledge: makeBundle(),
		departments: OTHER_DEPARTMENTS,
	});

	it('should add the triage, with what the decision log needs, to the item, keeping its fields', async () => {
		const result = await run([item('What does the fibre plan cost?')]);
		assert.equal(result.error, undefined);
		const [out] = result.output('Claude Triage');
		assert.equal(out?.json.conversationId, 41);
		const triage = out?.json.triage as Record<string, unknown>;
		assert.equal(triage.source, 'claude');
		assert.match(String(triage.language), /^[a-z]{2,3}$/);
		const usage = triage.usage as Record<string, unknown>;
		assert.equal(usage.model, TEST_MODEL);
		assert.ok((usage.inputTokens as number) > 0);
		assert.equal(typeof usage.costUsd, 'number');
		assert.deepEqual(out?.pairedItem, { item: 0 });
		const [logged] = await sim.requests('/v1/messages');
		assert.equal((logged?.body as { model: string }).model, TEST_MODEL);
	});

	it('should hand off through the keyword fallback when Claude is overloaded', async () => {
		await sim.post('/__sim/faults', anthropicFault(529, { headers: { 'retry-after-ms': '1' } }));
		const result = await run([item('My invoice charged me twice, I need a refund')]);
		assert.equal(result.error, undefined);
		const triage = result.output('Claude Triage')[0]?.json.triage as Record<string, unknown>;
		assert.equal(triage.source, 'fallback');
		assert.equal(triage.fallbackReason, 'overloaded');
		assert.equal(triage.needs_human, true);
		assert.equal(triage.reply, '');
	});

	it('should triage a gateway batch whose only message is a photo, as a description of it', async () => {
		const batch = {
			messages: [
				{
					ledgerId: 7,
					messageId: 9878,
					content: null,
					contentType: 'text',
					attachments: [
						{
							file_type: 'image',
							content_type: 'image/jpeg',
							data_url:
								'https://chat.example.com/rails/active_storage/blobs/redirect/eyJ--a/router.jpg',
							file_size: 183_422,
						},
					],
				},
			],
		};
		const result = await run(
			[{ ...item(''), batch }],
			triageNode({ newMessages: '={{ $json.batch.messages }}' }),
		);
		assert.equal(result.error, undefined);
		const [logged] = await sim.requests('/v1/messages');
		const messages = (logged?.body as { messages: unknown[] }).messages;
		assert.deepEqual(messages, [
			{
				role: 'user',
				content: [{ type: 'text', text: '[The customer sent a photo (router.jpg, 179 KB)]' }],
			},
		]);
	});

	it('should stop with a clear error naming the bad input, and call Claude for no item', async () => {
		const result = await run([{ ...item('hi'), knowledge: { business: {} } }]);
		assert.equal(result.error?.name, 'NodeOperationError');
		assert.match(String(result.error?.message), /bundle|department|business/);
		assert.equal((await sim.requests('/v1/messages')).length, 0);
	});

	it("should refuse to run when the credential's prices are unset, since the cost could not be logged", async () => {
		const unpriced = { priceInput: 0, priceOutput: 0, priceCacheWrite: 0, priceCacheRead: 0 };
		const result = await run([item('hi')], triageNode(), unpriced);
		assert.equal(result.error?.name, 'NodeOperationError');
		assert.match(String(result.error?.message), /prices/);
		assert.equal((await sim.requests('/v1/messages')).length, 0);
	});

	it('should refuse to run when the credential names no model', async () => {
		const result = await run([item('hi')], triageNode(), { model: '' });
		assert.equal(result.error?.name, 'NodeOperationError');
		assert.match(String(result.error?.message), /model/);
		assert.equal((await sim.requests('/v1/messages')).length, 0);
	});
});
