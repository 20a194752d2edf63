import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { freePorts } from '../../../scripts/lib/ports.ts';
import {
	PAGE_ID,
	PHONE_ID,
	type SimHarness,
	TOKEN,
	useSimulatorPerTest,
} from '../../../simulators/src/meta/test-support.ts';
import { appsecretProof } from './appsecret-proof.ts';
import {
	MetaApiError,
	MetaHttpError,
	MetaInvalidParameterError,
	MetaPermissionError,
	MetaRateLimitedError,
	MetaResponseError,
	MetaTokenError,
	MetaUnreachableError,
	WhatsAppPairRateError,
	WhatsAppReengagementError,
	WhatsAppThroughputError,
} from './errors.ts';
import { clientFor, graphErrorBody, injectFault, logged, VERSION } from './test-support.ts';

const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);
const FEED = `/${VERSION}/${PAGE_ID}/feed`;
const MESSAGES = `/${VERSION}/${PHONE_ID}/messages`;

/** The error a call rejects with; fails the test when it resolves. */
async function failureOf(call: Promise<unknown>): Promise<unknown> {
	try {
		await call;
	} catch (error) {
		return error;
	}
	assert.fail('the call should have failed');
}

describe('client errors', { timeout: 20_000 }, () => {
	const suite = useSimulatorPerTest({ clock: () => NOW });
	const post = (h: SimHarness, overrides: Parameters<typeof clientFor>[1] = {}) => {
		const test = clientFor(h, overrides);
		return { ...test, call: test.client.pages.createFeedPost(PAGE_ID, { message: 'Hi' }) };
	};
	const template = (h: SimHarness, overrides: Parameters<typeof clientFor>[1] = {}) => {
		const test = clientFor(h, overrides);
		const send = () =>
			test.client.whatsapp.sendTemplate(PHONE_ID, {
				to: '+16505551234',
				name: 'hello_world',
				language: 'en_US',
			});
		return { ...test, send };
	};

	describe('token and permission', () => {
		it('should throw MetaTokenError "invalid" for a token Meta does not know, without retrying', async () => {
			const h = await suite.start();
			const { call, sleeps } = post(h, { accessToken: 'not-a-token' });
			const error = await failureOf(call);
			assert.ok(error instanceof MetaTokenError);
			assert.equal(error.problem, 'invalid');
			assert.equal(error.remoteStatus, 401);
			assert.equal(error.graph.code, 190);
			assert.equal(error.graph.type, 'OAuthException');
			assert.match(error.graph.fbtrace_id ?? '', /\S/);
			assert.deepEqual(sleeps, []);
			assert.equal(logged(h, 'POST', FEED).length, 1);
		});

		it('should throw MetaTokenError "expired" for #190/463', async () => {
			const h = await suite.start({ accessTokens: [{ token: TOKEN, expiresAt: NOW - 1000 }] });
			const error = await failureOf(post(h).call);
			assert.ok(error instanceof MetaTokenError);
			assert.equal(error.problem, 'expired');
			assert.equal(error.graph.error_subcode, 463);
			assert.match(error.message, /Session has expired/);
		});

		it('should throw MetaPermissionError when the token lacks the Page', async () => {
			const h = await suite.start({ accessTokens: [{ token: TOKEN, assets: ['123'] }] });
			const error = await failureOf(post(h).call);
			assert.ok(error instanceof MetaPermissionError);
			assert.equal(error.remoteStatus, 403);
			assert.equal(error.graph.code, 200);
		});

		it('should name the request and fbtrace_id in the message, never the token or proof', async () => {
			const h = await suite.start();
			const error = await failureOf(post(h, { accessToken: 'not-a-token' }).call);
			assert.ok(error instanceof MetaApiError);
			assert.match(error.message, new RegExp(`^Meta answered 401 \\(#190\\) to POST ${FEED}: `));
			assert.match(error.message, /\[fbtrace_id \S+\]$/);
			assert.ok(!error.message.includes('not-a-token'));
			assert.ok(!error.message.includes(appsecretProof('test_app_secret', 'not-a-token')));
		});
	});

	describe('invalid parameters', () => {
		it('should throw MetaInvalidParameterError for a schedule Meta refuses', async () => {
			const h = await suite.start();
			const { client, sleeps } = clientFor(h);
			const error = await failureOf(
				client.pages.createFeedPost(PAGE_ID, {
					message: 'Too soon',
					scheduledAt: new Date(NOW + 5 * 60_000),
				}),
			);
			assert.ok(error instanceof MetaInvalidParameterError);
			assert.equal(error.graph.code, 100);
			assert.equal(error.graph.message, '(#100) The specified scheduled publish time is invalid.');
			assert.deepEqual(sleeps, []);
		});
	});

	describe('rate limits', () => {
		it('should retry a rate-limited call with backoff and succeed', async () => {
			const h = await suite.start();
			await injectFault(h, {
				path: FEED,
				status: 400,
				body: graphErrorBody({ message: '(#4) Application request limit reached', code: 4 }),
				times: 2,
			});
			const { call, sleeps } = post(h);
			assert.match((await call).postId, /^\d+_\d+$/);
			assert.deepEqual(sleeps, [100, 200]);
			assert.equal(logged(h, 'POST', FEED).length, 3);
		});

		it('should wait what X-Business-Use-Case-Usage says, then give up after the retries', async () => {
			const h = await suite.start();
			const usage = {
				[PAGE_ID]: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 1 }],
			};
			await injectFault(h, {
				path: FEED,
				status: 400,
				body: graphErrorBody({ message: '(#80001) There have been too many calls', code: 80001 }),
				headers: { 'x-business-use-case-usage': JSON.stringify(usage) },
				times: 10,
			});
			const { call, sleeps } = post(h);
			const error = await failureOf(call);
			assert.ok(error instanceof MetaRateLimitedError);
			assert.equal(error.scope, 'business_use_case');
			assert.equal(error.retryAfterMs, 60_000);
			assert.deepEqual(sleeps, [60_000, 60_000, 60_000]);
			assert.equal(logged(h, 'POST', FEED).length, 4);
		});

		it('should not sleep through a wait longer than the policy allows', async () => {
			const h = await suite.start();
			await injectFault(h, {
				path: FEED,
				status: 429,
				body: graphErrorBody({ message: '(#32) Page request limit reached', code: 32 }),
				headers: { 'retry-after': '300' },
			});
			const { call, sleeps } = post(h, { maxRetryDelayMs: 60_000 });
			const error = await failureOf(call);
			assert.ok(error instanceof MetaRateLimitedError);
			assert.equal(error.scope, 'page');
			assert.equal(error.retryAfterMs, 300_000);
			assert.deepEqual(sleeps, []);
		});

		for (const throttleHttpStatus of [400, 429] as const) {
			it(`should throw WhatsAppThroughputError for #130429 answered ${throttleHttpStatus}`, async () => {
				const h = await suite.start({ whatsapp: { throughputPerSecond: 1, throttleHttpStatus } });
				const { send, sleeps } = template(h, { retries: 2 });
				await send();
				const error = await failureOf(send());
				assert.ok(error instanceof WhatsAppThroughputError);
				assert.ok(error instanceof MetaRateLimitedError);
				assert.equal(error.remoteStatus, throttleHttpStatus);
				assert.equal(error.graph.code, 130429);
				assert.deepEqual(sleeps, [100, 200], 'the simulator clock stands still');
			});
		}

		it('should succeed on a retry once the throughput second has passed', async () => {
			const h = await suite.start({ whatsapp: { throughputPerSecond: 1 } });
			const sleeps: number[] = [];
			const { send } = template(h, {
				retryBaseDelayMs: 1000,
				sleep: async (ms) => {
					sleeps.push(ms);
					await h.admin('/clock', { advanceMs: ms });
				},
			});
			await send();
			assert.match((await send()).messageId, /^wamid\./);
			assert.deepEqual(sleeps, [1000]);
		});

		it('should throw WhatsAppPairRateError for #131056', async () => {
			const h = await suite.start({ whatsapp: { pairBurst: 1 } });
			const { send } = template(h, { retries: 0 });
			await send();
			const error = await failureOf(send());
			assert.ok(error instanceof WhatsAppPairRateError);
			assert.equal(error.scope, 'whatsapp_pair');
			assert.equal(error.graph.error_subcode, 2494055);
		});
	});

	describe('whatsapp window', () => {
		it('should throw WhatsAppReengagementError for a text outside the 24 h window, unretried', async () => {
			const h = await suite.start({ whatsapp: { windowErrorMode: 'sync' } });
			const { client, sleeps } = clientFor(h);
			const error = await failureOf(
				client.whatsapp.sendText(PHONE_ID, { to: '16505551234', body: 'Hello again' }),
			);
			assert.ok(error instanceof WhatsAppReengagementError);
			assert.equal(error.graph.code, 131047);
			assert.deepEqual(sleeps, []);
			assert.equal(logged(h, 'POST', MESSAGES).length, 1);
		});
	});

	describe('transient and other failures', () => {
		it('should retry what Meta marks transient and succeed', async () => {
			const h = await suite.start();
			await injectFault(h, {
				path: FEED,
				status: 503,
				body: graphErrorBody({
					message: 'Service temporarily unavailable',
					code: 2,
					is_transient: true,
				}),
				times: 1,
			});
			const { call, sleeps } = post(h);
			await call;
			assert.deepEqual(sleeps, [100]);
		});

		it('should not retry a Graph error Meta does not mark transient', async () => {
			const h = await suite.start();
			await injectFault(h, {
				path: FEED,
				status: 500,
				body: graphErrorBody({ message: 'Something broke', code: 368, is_transient: false }),
			});
			const { call, sleeps } = post(h);
			const error = await failureOf(call);
			assert.equal((error as Error).constructor, MetaApiError);
			assert.equal((error as MetaApiError).graph.code, 368);
			assert.deepEqual(sleeps, []);
		});

		it('should throw MetaHttpError, unretried, for an error page without a Graph body', async () => {
			const h = await suite.start();
			await injectFault(h, { path: FEED, status: 502, body: '<html>Bad Gateway</html>' });
			const { call, sleeps } = post(h);
			const error = await failureOf(call);
			assert.ok(error instanceof MetaHttpError);
			assert.equal(error.remoteStatus, 502);
			assert.equal(error.excerpt, '<html>Bad Gateway</html>');
			assert.deepEqual(sleeps, []);
		});

		it('should throw MetaResponseError when a 200 has an unexpected shape', async () => {
			const h = await suite.start();
			await injectFault(h, { path: FEED, status: 200, body: { success: true } });
			const error = await failureOf(post(h).call);
			assert.ok(error instanceof MetaResponseError);
			assert.match(error.message, /unexpected shape/);
			assert.deepEqual(error.body, { success: true });
		});

		it('should throw MetaUnreachableError, unretried, when the connection drops', async () => {
			const h = await suite.start();
			await injectFault(h, { path: FEED, drop: true });
			const { call, sleeps } = post(h);
			const error = await failureOf(call);
			assert.ok(error instanceof MetaUnreachableError);
			assert.equal(error.reason, 'connection_reset');
			assert.equal(error.path, FEED);
			assert.deepEqual(sleeps, []);
			assert.equal(logged(h, 'POST', FEED).length, 1);
		});

		it('should throw MetaUnreachableError "refused" when nothing listens', async () => {
			const h = await suite.start();
			const [port] = await freePorts(1);
			const { call } = post(h, { graphBaseUrl: `http://127.0.0.1:${port}` });
			const error = await failureOf(call);
			assert.ok(error instanceof MetaUnreachableError);
			assert.equal(error.reason, 'refused');
			assert.match(error.description, /graph base URL/);
		});

		it('should throw MetaUnreachableError "timeout" when Meta answers too late', async () => {
			const h = await suite.start();
			await injectFault(h, { path: FEED, delayMs: 1000 });
			const error = await failureOf(post(h, { timeoutMs: 50 }).call);
			assert.ok(error instanceof MetaUnreachableError);
			assert.equal(error.reason, 'timeout');
		});
	});
});
