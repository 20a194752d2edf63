import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	ContentApiError,
	ContentForbiddenError,
	ContentUnauthorizedError,
	ContentUnreachableError,
	directusErrorFor,
} from './errors.ts';

const request = {
	baseUrl: 'http://cms.internal:8055',
	method: 'GET',
	path: '/items/faq',
	collection: 'faq',
	timeoutMs: 1500,
};

/** What @directus/sdk rejects with when Directus answers an error. */
function sdkError(status: number, errors: unknown): Error {
	const response = new Response(null, { status });
	return Object.assign(new Error('request failed'), { errors, response });
}

const directusErrors = (code: string, message: string) => [{ message, extensions: { code } }];

/** What fetch rejects with when nothing answers. */
function fetchFailure(code: string): TypeError {
	return new TypeError('fetch failed', { cause: Object.assign(new Error(code), { code }) });
}

describe('errors', () => {
	describe('directusErrorFor', () => {
		it('should pick the class by status, all of them ContentApiError', () => {
			const cases = [
				[401, ContentUnauthorizedError],
				[403, ContentForbiddenError],
				[400, ContentApiError],
				[503, ContentApiError],
			] as const;
			for (const [status, type] of cases) {
				const error = directusErrorFor(sdkError(status, directusErrors('X', 'x')), request);
				assert.ok(error instanceof type, `${status} → ${type.name}`);
				assert.ok(error instanceof ContentApiError);
			}
		});

		it("should carry Directus's code and message and say which request failed", () => {
			const error = directusErrorFor(
				sdkError(400, directusErrors('FAILED_VALIDATION', 'Validation failed for field "body".')),
				request,
			) as ContentApiError;
			assert.equal(error.directusCode, 'FAILED_VALIDATION');
			assert.equal(error.remoteStatus, 400);
			assert.equal(
				error.message,
				'Directus answered 400 FAILED_VALIDATION to GET /items/faq: Validation failed for field "body".',
			);
		});

		it("should name the collection and the token's policy when forbidden", () => {
			const error = directusErrorFor(
				sdkError(403, directusErrors('FORBIDDEN', "You don't have permission to access this.")),
				request,
			) as ContentForbiddenError;
			assert.equal(error.code, 'CONTENT_FORBIDDEN');
			assert.equal(error.collection, 'faq');
			assert.match(error.message, /policy does not allow "faq", or it does not exist/);
		});

		it('should answer 502 for a Directus that fails', () => {
			const error = directusErrorFor(sdkError(503, 'Under pressure'), request) as ContentApiError;
			assert.equal(error.httpStatus, 502);
			assert.equal(error.remoteStatus, 503);
			assert.equal(error.directusMessage, 'Under pressure');
		});

		it('should turn refused, unknown host, timeout and reset into ContentUnreachableError', () => {
			const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
			const cases = [
				[
					fetchFailure('ECONNREFUSED'),
					'refused',
					/refused the connection at http:\/\/cms\.internal:8055/,
				],
				[fetchFailure('ENOTFOUND'), 'host_not_found', /host "cms\.internal" was not found/],
				[timeout, 'timeout', /did not answer within 1500 ms/],
				[fetchFailure('ECONNRESET'), 'connection_reset', /closed the connection/],
			] as const;
			for (const [cause, reason, message] of cases) {
				const error = directusErrorFor(cause, request);
				assert.ok(error instanceof ContentUnreachableError, reason);
				assert.equal(error.reason, reason);
				assert.match(error.message, message);
				assert.equal(error.cause, cause);
			}
		});

		it('should count a fetch failure without a system code as a network failure', () => {
			const blocked = new TypeError('fetch failed', { cause: new Error('bad port') });
			const error = directusErrorFor(blocked, request);
			assert.ok(error instanceof ContentUnreachableError);
			assert.equal(error.reason, 'network');
		});

		it('should pass any other error through', () => {
			const bug = new RangeError('bug');
			assert.equal(directusErrorFor(bug, request), bug);
		});
	});
});
