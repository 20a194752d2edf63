import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AxiosError } from 'axios';
import {
	graphErrorFor,
	MetaApiError,
	MetaInvalidParameterError,
	MetaPermissionError,
	MetaRateLimitedError,
	MetaTokenError,
	MetaUnreachableError,
	WhatsAppPairRateError,
	WhatsAppReengagementError,
	WhatsAppThroughputError,
} from './errors.ts';
import type { GraphError } from './graph-error-body.ts';

const answer = (graph: Partial<GraphError> & { code: number }) =>
	graphErrorFor({
		remoteStatus: 400,
		method: 'POST',
		path: '/v23.0/1/messages',
		graph: { message: 'm', type: 'OAuthException', ...graph },
		retryAfterMs: 5000,
	});

describe('errors', () => {
	describe('graphErrorFor', () => {
		type Kind = abstract new (...args: never[]) => MetaApiError;
		const cases: [string, Partial<GraphError> & { code: number }, Kind, Record<string, unknown>][] =
			[
				['#190/463', { code: 190, error_subcode: 463 }, MetaTokenError, { problem: 'expired' }],
				['#190/467', { code: 190, error_subcode: 467 }, MetaTokenError, { problem: 'invalid' }],
				['#190', { code: 190 }, MetaTokenError, { problem: 'invalid' }],
				['#102', { code: 102 }, MetaTokenError, { problem: 'invalid' }],
				['#104', { code: 104 }, MetaTokenError, { problem: 'missing' }],
				['#4', { code: 4 }, MetaRateLimitedError, { scope: 'app', retryAfterMs: 5000 }],
				['#17', { code: 17 }, MetaRateLimitedError, { scope: 'user' }],
				['#32', { code: 32 }, MetaRateLimitedError, { scope: 'page' }],
				['#613', { code: 613 }, MetaRateLimitedError, { scope: 'custom' }],
				['#80001', { code: 80001 }, MetaRateLimitedError, { scope: 'business_use_case' }],
				['#80007', { code: 80007 }, MetaRateLimitedError, { scope: 'business_use_case' }],
				['#130429', { code: 130429 }, WhatsAppThroughputError, { scope: 'whatsapp_throughput' }],
				['#131056', { code: 131056 }, WhatsAppPairRateError, { scope: 'whatsapp_pair' }],
				['#131047', { code: 131047 }, WhatsAppReengagementError, {}],
				['#10/2018278', { code: 10, error_subcode: 2018278 }, MetaPermissionError, {}],
				['#200', { code: 200 }, MetaPermissionError, {}],
				['#299', { code: 299 }, MetaPermissionError, {}],
				['#100/33', { code: 100, error_subcode: 33 }, MetaInvalidParameterError, {}],
				['#131008', { code: 131008 }, MetaInvalidParameterError, {}],
				['#131009', { code: 131009 }, MetaInvalidParameterError, {}],
				['#368', { code: 368 }, MetaApiError, {}],
				['#36004', { code: 36004, error_subcode: 2207010 }, MetaApiError, {}],
			];
		for (const [label, graph, kind, fields] of cases) {
			it(`should answer ${kind.name} for ${label}`, () => {
				const error = answer(graph);
				assert.equal(error.constructor, kind);
				assert.ok(error instanceof MetaApiError);
				for (const [key, value] of Object.entries(fields)) {
					assert.equal((error as unknown as Record<string, unknown>)[key], value, key);
				}
			});
		}

		it('should keep every field of the Graph error as Meta sent it', () => {
			const graph = {
				message: '(#131056) (Business Account, Consumer Account) pair rate limit hit',
				type: 'OAuthException',
				code: 131056,
				error_subcode: 2494055,
				error_data: { messaging_product: 'whatsapp', details: 'too many' },
				fbtrace_id: 'A4O5a8RAgePwbcGSu',
				is_transient: true,
			};
			const error = answer(graph);
			assert.deepEqual(error.graph, graph);
			assert.equal(
				error.message,
				'Meta answered 400 (#131056/2494055) to POST /v23.0/1/messages: (#131056) (Business ' +
					'Account, Consumer Account) pair rate limit hit [fbtrace_id A4O5a8RAgePwbcGSu]',
			);
		});

		it('should give each kind a stable code', () => {
			assert.equal(answer({ code: 190 }).code, 'META_TOKEN');
			assert.equal(answer({ code: 4 }).code, 'META_RATE_LIMITED');
			assert.equal(answer({ code: 130429 }).code, 'META_WHATSAPP_THROUGHPUT');
			assert.equal(answer({ code: 131047 }).code, 'META_WHATSAPP_REENGAGEMENT');
			assert.equal(answer({ code: 368 }).code, 'META_API_ERROR');
		});
	});

	describe('MetaUnreachableError', () => {
		const request = {
			baseUrl: 'https://graph.facebook.com',
			method: 'POST',
			path: '/v23.0/1/feed',
			timeoutMs: 1500,
		};
		const cases: [string, string][] = [
			['ECONNREFUSED', 'refused'],
			['ENOTFOUND', 'host_not_found'],
			['EAI_AGAIN', 'host_not_found'],
			['ETIMEDOUT', 'timeout'],
			['ECONNABORTED', 'timeout'],
			['ECONNRESET', 'connection_reset'],
			['EHOSTUNREACH', 'network'],
		];
		for (const [code, reason] of cases) {
			it(`should read ${code} as ${reason}`, () => {
				const error = new MetaUnreachableError(new AxiosError('x', code), request);
				assert.equal(error.reason, reason);
				assert.equal(error.path, '/v23.0/1/feed');
				assert.match(error.message, /\(POST \/v23\.0\/1\/feed\)\.$/);
			});
		}

		it('should read the code from the cause when axios gives none', () => {
			const axiosError = new AxiosError('x');
			axiosError.cause = Object.assign(new Error('refused'), { code: 'ECONNREFUSED' });
			assert.equal(new MetaUnreachableError(axiosError, request).reason, 'refused');
		});

		it('should name the host when it is not found', () => {
			const error = new MetaUnreachableError(new AxiosError('x', 'ENOTFOUND'), request);
			assert.match(error.message, /"graph\.facebook\.com" was not found/);
		});
	});
});
