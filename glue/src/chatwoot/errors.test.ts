import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AxiosError } from 'axios';
import {
	apiErrorFor,
	ChatwootApiError,
	ChatwootNotFoundError,
	ChatwootRateLimitedError,
	ChatwootUnauthorizedError,
	ChatwootValidationError,
	ChatwootUnreachableError,
	type FailedResponse,
} from './errors.ts';

const failed = (overrides: Partial<FailedResponse>): FailedResponse => ({
	remoteStatus: 500,
	statusText: 'Internal Server Error',
	method: 'GET',
	path: '/api/v1/accounts/1/conversations/7',
	body: undefined,
	retryAfterMs: null,
	...overrides,
});

const request = {
	baseUrl: 'http://chatwoot.internal:3000',
	method: 'GET',
	path: '/x',
	timeoutMs: 1500,
};

describe('errors', () => {
	describe('apiErrorFor', () => {
		it('should pick the class by status, all of them ChatwootApiError', () => {
			const cases = [
				[401, ChatwootUnauthorizedError],
				[404, ChatwootNotFoundError],
				[422, ChatwootValidationError],
				[429, ChatwootRateLimitedError],
				[500, ChatwootApiError],
			] as const;
			for (const [status, type] of cases) {
				const error = apiErrorFor(failed({ remoteStatus: status }));
				assert.ok(error instanceof type, `${status} → ${type.name}`);
				assert.ok(error instanceof ChatwootApiError);
			}
		});

		it("should carry Chatwoot's {error} message and say which request failed", () => {
			const error = apiErrorFor(
				failed({ remoteStatus: 404, body: { error: 'Resource could not be found' } }),
			);
			assert.equal(error.chatwootMessage, 'Resource could not be found');
			assert.equal(error.code, 'CHATWOOT_NOT_FOUND');
			assert.equal(
				error.message,
				'Chatwoot answered 404 to GET /api/v1/accounts/1/conversations/7: Resource could not be found',
			);
		});

		it('should read {message, attributes} validation bodies', () => {
			const body = { message: 'Name has already been taken', attributes: ['name'] };
			const error = apiErrorFor(failed({ remoteStatus: 422, body }));
			assert.equal(error.chatwootMessage, 'Name has already been taken');
			assert.deepEqual(error.attributes, ['name']);
		});

		it("should read devise's {errors: [...]} and rack-attack's plain text", () => {
			const devise = apiErrorFor(
				failed({ remoteStatus: 401, body: { errors: ['You need to sign in'] } }),
			);
			assert.equal(devise.chatwootMessage, 'You need to sign in');
			const limited = apiErrorFor(
				failed({ remoteStatus: 429, body: 'Retry later\n', retryAfterMs: 2000 }),
			);
			assert.equal(limited.chatwootMessage, 'Retry later');
			assert.equal((limited as ChatwootRateLimitedError).retryAfterMs, 2000);
		});

		it('should fall back to the status text for an HTML page', () => {
			const error = apiErrorFor(
				failed({ remoteStatus: 502, statusText: 'Bad Gateway', body: '<html>nginx</html>' }),
			);
			assert.equal(error.chatwootMessage, 'Bad Gateway');
		});
	});

	describe('ChatwootUnreachableError', () => {
		it('should explain a refused connection and keep the cause', () => {
			const cause = new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED');
			const error = new ChatwootUnreachableError(cause, request);
			assert.equal(error.reason, 'refused');
			assert.equal(
				error.message,
				'Chatwoot refused the connection at http://chatwoot.internal:3000 (GET /x).',
			);
			assert.match(error.description, /running/);
			assert.equal(error.cause, cause);
		});

		it('should name the host that was not found and the timeout that passed', () => {
			const dns = new ChatwootUnreachableError(new AxiosError('getaddrinfo', 'ENOTFOUND'), request);
			assert.equal(dns.reason, 'host_not_found');
			assert.match(dns.message, /"chatwoot\.internal" was not found/);
			const slow = new ChatwootUnreachableError(new AxiosError('timeout', 'ETIMEDOUT'), request);
			assert.equal(slow.reason, 'timeout');
			assert.match(slow.message, /within 1500 ms/);
		});

		it('should call anything else a network error', () => {
			assert.equal(new ChatwootUnreachableError(new Error('boom'), request).reason, 'network');
		});
	});
});
