import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_URGENCY_KEYWORDS, parseTriageConfig } from './config.ts';
import { TriageConfigError } from './errors.ts';

const prices = { 'model-a': { input: 1, output: 5, cacheWrite: 1.25, cacheRead: 0.1 } };

describe('config', () => {
	describe('parseTriageConfig', () => {
		it('should fill the non-model defaults', () => {
			assert.deepEqual(parseTriageConfig({ model: 'model-a', prices }), {
				model: 'model-a',
				prices,
				maxTokens: 1024,
				timeoutMs: 30_000,
				cacheTtl: '5m',
				historyLimit: 20,
				maxMessageChars: 4000,
				agentLanguage: 'en',
				urgencyKeywords: DEFAULT_URGENCY_KEYWORDS,
			});
		});

		it('should refuse a configuration without a model', () => {
			assert.throws(
				() => parseTriageConfig({ prices }),
				(error: unknown) =>
					error instanceof TriageConfigError &&
					error.code === 'TRIAGE_INVALID_CONFIG' &&
					error.issues.some((issue) => issue.field === 'model'),
			);
		});

		it('should refuse a model without a price', () => {
			assert.throws(
				() => parseTriageConfig({ model: 'model-b', prices }),
				/prices: the configured model needs an entry in prices/,
			);
		});

		it('should refuse a max_tokens the SDK would not send without streaming', () => {
			assert.throws(
				() => parseTriageConfig({ model: 'model-a', prices, maxTokens: 32_000 }),
				/maxTokens/,
			);
		});
	});
});
