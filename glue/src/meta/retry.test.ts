import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphErrorFor, MetaHttpError, MetaUnreachableError } from './errors.ts';
import type { GraphError } from './graph-error-body.ts';
import { isRetryable, retryWaitMs } from './retry.ts';

const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 1000 };
const graph = (
	fields: Partial<GraphError> & { code: number },
	retryAfterMs: number | null = null,
) =>
	graphErrorFor({
		status: 400,
		method: 'POST',
		path: '/v23.0/1/feed',
		graph: { message: 'm', ...fields },
		retryAfterMs,
	});
const top = () => 1;

describe('retry', () => {
	describe('isRetryable', () => {
		const cases: [string, unknown, boolean][] = [
			['a rate limit', graph({ code: 4 }), true],
			['a business-use-case limit', graph({ code: 80001 }), true],
			['WhatsApp throughput', graph({ code: 130429 }), true],
			['WhatsApp pair rate', graph({ code: 131056 }), true],
			['an error marked is_transient', graph({ code: 36000, is_transient: true }), true],
			['#1 (unknown, documented as temporary)', graph({ code: 1 }), true],
			['#2 (service, documented as temporary)', graph({ code: 2 }), true],
			['an error marked not transient', graph({ code: 368, is_transient: false }), false],
			['an expired token', graph({ code: 190, error_subcode: 463 }), false],
			['an invalid parameter', graph({ code: 100 }), false],
			['the 24 h window', graph({ code: 131047 }), false],
			[
				'a 503 without a Graph body',
				new MetaHttpError({ status: 503, method: 'POST', path: '/x', body: '' }),
				false,
			],
			[
				'a dropped connection',
				new MetaUnreachableError('x', {
					reason: 'connection_reset',
					baseUrl: 'http://x',
					method: 'POST',
					path: '/x',
					description: 'd',
				}),
				false,
			],
			['something else', new Error('x'), false],
		];
		for (const [label, error, expected] of cases) {
			it(`should ${expected ? '' : 'not '}retry ${label}`, () => {
				assert.equal(isRetryable(error), expected);
			});
		}
	});

	describe('retryWaitMs', () => {
		it('should back off exponentially up to the maximum', () => {
			const error = graph({ code: 4 });
			assert.deepEqual(
				[0, 1, 2].map((attempt) => retryWaitMs(error, attempt, { ...policy, retries: 5 }, top)),
				[100, 200, 400],
			);
		});

		it('should stop after the configured retries', () => {
			assert.equal(retryWaitMs(graph({ code: 4 }), 3, policy, top), null);
		});

		it('should wait what Meta asked for when it fits the policy', () => {
			assert.equal(retryWaitMs(graph({ code: 4 }, 700), 0, policy, top), 700);
		});

		it('should give up at once when Meta asks for longer than the policy allows', () => {
			assert.equal(retryWaitMs(graph({ code: 80001 }, 60_000), 0, policy, top), null);
		});

		it('should not wait for what is not retried', () => {
			assert.equal(retryWaitMs(graph({ code: 100 }), 0, policy, top), null);
		});
	});
});
