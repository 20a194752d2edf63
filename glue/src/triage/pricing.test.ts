import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { costUsd, NO_USAGE, type PriceTable, type TokenUsage } from './pricing.ts';

const prices: PriceTable = {
	'model-a': { input: 0.1, output: 0.5, cacheWrite: 0.125, cacheWrite1h: 0.2, cacheRead: 0.01 },
	'model-b': { input: 3, output: 15, cacheWrite: 3.75, cacheRead: 0.3 },
};
const usage = (overrides: Partial<TokenUsage>): TokenUsage => ({ ...NO_USAGE, ...overrides });

describe('pricing', () => {
	describe('costUsd', () => {
		it('should price each kind of token at its own rate per million', () => {
			assert.equal(costUsd(usage({ inputTokens: 1_000_000 }), 'model-a', prices), 0.1);
			assert.equal(costUsd(usage({ outputTokens: 1_000_000 }), 'model-a', prices), 0.5);
			assert.equal(costUsd(usage({ cacheWriteTokens: 1_000_000 }), 'model-a', prices), 0.125);
			assert.equal(costUsd(usage({ cacheReadTokens: 1_000_000 }), 'model-a', prices), 0.01);
		});

		it('should add the parts of a realistic call, rounded to a billionth of a dollar', () => {
			const call = usage({
				inputTokens: 412,
				outputTokens: 137,
				cacheReadTokens: 1850,
				cacheWriteTokens: 0,
			});
			// 412×3 + 137×15 + 1850×0.3 = 3846 micro-dollars
			assert.equal(costUsd(call, 'model-b', prices), 0.003846);
			assert.equal(costUsd(usage({ inputTokens: 7 }), 'model-a', prices), 0.0000007);
		});

		it('should price 1-hour cache writes at their own rate', () => {
			const call = usage({ cacheWriteTokens: 3_000_000, cacheWrite1hTokens: 1_000_000 });
			assert.equal(costUsd(call, 'model-a', prices), 0.45);
		});

		it('should give null for 1-hour writes when the table has no 1-hour price', () => {
			const call = usage({ cacheWriteTokens: 10, cacheWrite1hTokens: 10 });
			assert.equal(costUsd(call, 'model-b', prices), null);
		});

		it('should give null for a model the table does not list', () => {
			assert.equal(costUsd(usage({ inputTokens: 10 }), 'model-z', prices), null);
			assert.equal(costUsd(usage({ inputTokens: 10 }), 'toString', prices), null);
		});

		it('should cost nothing when nothing was used', () => {
			assert.equal(costUsd(NO_USAGE, 'model-a', prices), 0);
		});
	});
});
