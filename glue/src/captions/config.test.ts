import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseCaptionConfig } from './config.ts';
import { CaptionConfigError } from './errors.ts';

const prices = { 'model-a': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 } };

describe('config', () => {
	describe('parseCaptionConfig', () => {
		it('should fill the non-model defaults', () => {
			assert.deepEqual(parseCaptionConfig({ model: 'model-a', prices }), {
				model: 'model-a',
				prices,
				maxTokens: 4096,
				timeoutMs: 60_000,
			});
		});

		it('should refuse a configuration without a model, naming the field', () => {
			assert.throws(
				() => parseCaptionConfig({ prices }),
				(error: unknown) =>
					error instanceof CaptionConfigError &&
					error.code === 'CAPTION_INVALID_CONFIG' &&
					error.issues.some((issue) => issue.field === 'model'),
			);
		});

		it('should refuse a model without a price', () => {
			assert.throws(
				() => parseCaptionConfig({ model: 'model-b', prices }),
				/prices: the configured model needs an entry in prices/,
			);
		});

		it('should refuse a max_tokens the SDK would not send without streaming', () => {
			assert.throws(
				() => parseCaptionConfig({ model: 'model-a', prices, maxTokens: 32_000 }),
				/maxTokens/,
			);
		});
	});
});
