import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { IDataObject } from 'n8n-workflow';
import { startSimulator, type TestSimulator } from '../../simulators/src/anthropic/testing.ts';
import { makeCaptionInput, TEST_MODEL, TEST_PRICES } from '@switchboard/glue/testing';
import { runNodes } from './harness.ts';

// Model and prices come from the Claude credential (.env's ANTHROPIC_MODEL, ANTHROPIC_PRICE_*).
const claudeCredential = {
	apiKey: 'sk-ant-test',
	model: TEST_MODEL,
	priceInput: TEST_PRICES[TEST_MODEL].input,
	priceOutput: TEST_PRICES[TEST_MODEL].output,
	priceCacheWrite: TEST_PRICES[TEST_MODEL].cacheWrite,
	priceCacheRead: TEST_PRICES[TEST_MODEL].cacheRead,
};

describe('Caption Writer node', () => {
	let sim: TestSimulator;
	before(async () => {
		sim = await startSimulator();
	});
	after(() => sim.server.close());
	beforeEach(() => sim.reset());

	const { promotion, business } = makeCaptionInput();
	const run = (input: IDataObject[] = [{ promotion, business } as unknown as IDataObject]) =>
		runNodes({
			nodes: [
				{
					name: 'Caption Writer',
					type: 'captionWriter',
					parameters: {
						promotion: '={{ $json.promotion }}',
						business: '={{ $json.business }}',
						platforms: ['facebook', 'instagram'],
						options: { maxRetries: 0 },
					},
					credentials: { switchboardClaudeApi: 'claude' },
				},
			],
			input,
			credentials: { switchboardClaudeApi: { ...claudeCredential, baseUrl: sim.server.url } },
		});
	const captions = async () => {
		const result = await run();
		assert.equal(result.error, undefined);
		return result.output('Caption Writer')[0]?.json.captions as Record<string, IDataObject>;
	};
	const tooLong = { caption: 'Fibre for everyone. '.repeat(130).trim(), hashtags: ['sale'] };

	it("should give each platform its caption, Facebook's with the promotion's link", async () => {
		const { facebook, instagram, usage } = await captions();
		assert.equal(usage?.model, TEST_MODEL);
		assert.equal(facebook?.ok, true);
		assert.equal(instagram?.ok, true);
		if (promotion.link) assert.ok(String(facebook?.text).includes(promotion.link));
		assert.ok(String(instagram?.text).length <= 2200);
	});

	it('should write captions for every promotion due at once, each keeping its own fields', async () => {
		const due = [1, 2, 3].map(
			(n) => ({ slot: `slot-${n}`, promotion, business }) as unknown as IDataObject,
		);
		const result = await run(due);
		assert.equal(result.error, undefined);
		const items = result.output('Caption Writer');
		assert.deepEqual(
			items.map((item) => [
				item.json.slot,
				(item.json.captions as IDataObject).facebook !== undefined,
			]),
			[
				['slot-1', true],
				['slot-2', true],
				['slot-3', true],
			],
		);
	});

	it('should post what it can: an Instagram caption still too long fails alone', async () => {
		const facebook = { caption: promotion.title, hashtags: [], link_included: false };
		await sim.post('/__sim/script', [
			{ json: { facebook, instagram: tooLong } },
			{ json: { instagram: tooLong } },
		]);
		const result = await captions();
		assert.equal(result.facebook?.ok, true);
		assert.equal(result.instagram?.ok, false);
		assert.match(String(result.instagram?.error), /2,?200|too long|limit/i);
		assert.equal((await sim.requests('/v1/messages')).length, 2);
	});
});
