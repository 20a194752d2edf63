import {
	AnthropicError,
	APIConnectionError,
	APIConnectionTimeoutError,
	APIError,
} from '@anthropic-ai/sdk';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainFallback, fallbackForAnswer, fallbackForError } from './fallback-reason.ts';

// The SDK's own factory picks the error class from the status, exactly as it does for a response.
function apiError(status: number, type: string) {
	return APIError.generate(
		status,
		{ type: 'error', error: { type, message: 'm' }, request_id: 'req_1' },
		undefined,
		new Headers({ 'request-id': 'req_1' }),
	);
}

describe('fallback-reason', () => {
	describe('fallbackForError', () => {
		const cases: Array<[number, string, string]> = [
			[429, 'rate_limit_error', 'rate_limited'],
			[529, 'overloaded_error', 'overloaded'],
			[500, 'api_error', 'server_error'],
			[503, 'api_error', 'server_error'],
			[504, 'timeout_error', 'timeout'],
			[408, 'timeout_error', 'timeout'],
			[400, 'invalid_request_error', 'configuration_error'],
			[401, 'authentication_error', 'configuration_error'],
			[402, 'billing_error', 'configuration_error'],
			[403, 'permission_error', 'configuration_error'],
			[404, 'not_found_error', 'configuration_error'],
			[413, 'request_too_large', 'configuration_error'],
			[409, 'conflict_error', 'api_error'],
		];
		for (const [status, type, reason] of cases) {
			it(`should call HTTP ${status} ${reason} and keep the status, type and request id`, () => {
				assert.deepEqual(fallbackForError(apiError(status, type)), {
					reason,
					status,
					errorType: type,
					requestId: 'req_1',
					message: `${status} {"type":"error","error":{"type":"${type}","message":"m"},"request_id":"req_1"}`,
				});
			});
		}

		it('should call a timed-out attempt a timeout, without a status', () => {
			const info = fallbackForError(new APIConnectionTimeoutError());
			assert.equal(info.reason, 'timeout');
			assert.equal(info.status, null);
		});

		it('should call a refused connection a connection error', () => {
			const info = fallbackForError(new APIConnectionError({ message: 'Connection error.' }));
			assert.equal(info.reason, 'connection_error');
		});

		it('should call an SDK error raised before sending a configuration error', () => {
			const info = fallbackForError(new AnthropicError('Streaming is required …'));
			assert.equal(info.reason, 'configuration_error');
			assert.equal(info.message, 'Streaming is required …');
		});
	});

	describe('explainFallback', () => {
		it('should tell the agent why, naming the HTTP status for configuration errors', () => {
			assert.equal(
				explainFallback(fallbackForError(apiError(401, 'authentication_error'))),
				'Automatic triage unavailable: the Claude API rejected the request (HTTP 401 authentication_error); an operator must fix the configuration.',
			);
			assert.equal(
				explainFallback(fallbackForAnswer('refusal', 'stop_reason refusal')),
				'Automatic triage unavailable: Claude declined to answer this message.',
			);
			assert.equal(
				explainFallback(fallbackForError(apiError(529, 'overloaded_error'))),
				'Automatic triage unavailable: Claude is overloaded (HTTP 529) after retries.',
			);
		});
	});
});
