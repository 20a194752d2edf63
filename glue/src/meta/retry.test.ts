import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { graphErrorFor, MetaHttpError, MetaUnreachableError } from './errors.ts';
import type { GraphError } from './graph-error-body.ts';
import { isRetryable } from './retry.ts';

const policy = { attempts: 4, baseDelayMs: 100, maxDelayMs: 1000 };
const graph = (
	fields: Partial<GraphError> & { code: number },
	retryAfterMs: number | null = null,
) =>
	graphErrorFor({
		remoteStatus: 400,
		method: 'POST',
		path: '/v23.0/1/feed',
		graph: { message: 'm', ...fields },
		retryAfterMs,
	});

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
				new MetaHttpError({ remoteStatus: 503, method: 'POST', path: '/x', body: '' }),
				false,
			],
			[
				'a dropped connection',
				new MetaUnreachableError(Object.assign(new Error('x'), { code: 'ECONNRESET' }), {
					baseUrl: 'http://x',
					method: 'POST',
					path: '/x',
				}),
				false,
			],
			['something else', new Error('x'), false],
		];
		for (const [label, error, expected] of cases) {
			it(`should ${expected ? '' : 'not '}retry ${label}`, () => {
				assert.equal(isRetryable(error, policy), expected);
			});
		}
	});

	describe('isRetryable and the policy', () => {
		it('should give up at once when Meta asks for longer than the policy allows', () => {
			assert.equal(isRetryable(graph({ code: 80001 }, 60_000), policy), false);
			assert.equal(isRetryable(graph({ code: 80001 }, 700), policy), true);
		});
	});
});
