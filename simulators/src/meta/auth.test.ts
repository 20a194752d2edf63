import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
	PAGE_ID,
	PHONE_ID,
	type SimHarness,
	startSimulator,
	templateSend,
	TOKEN,
} from './test-support.ts';

const NOW = Date.UTC(2026, 6, 1, 10, 0, 0);

describe('meta simulator: access tokens', { timeout: 20_000 }, () => {
	let h: SimHarness | undefined;
	afterEach(async () => {
		await h?.close();
		h = undefined;
	});
	const start = async () => {
		h = await startSimulator({
			clock: () => NOW,
			accessTokens: [
				{ token: TOKEN },
				{ token: 'expired-token', expiresAt: NOW - 3_600_000 },
				{ token: 'expiring-token', expiresAt: NOW + 60_000 },
				{ token: 'page-only-token', assets: [PAGE_ID] },
			],
		});
		return h;
	};
	const messages = `/v25.0/${PHONE_ID}/messages`;
	const errorOf = (body: Record<string, unknown>) => body.error as Record<string, unknown>;

	it('should answer 190/463 with an OAuthException when the token has expired', async () => {
		const sim = await start();
		const res = await sim.graph('POST', messages, templateSend(), 'expired-token');
		assert.equal(res.status, 401);
		const error = errorOf(res.body);
		assert.equal(error.type, 'OAuthException');
		assert.equal(error.code, 190);
		assert.equal(error.error_subcode, 463);
		assert.match(String(error.message), /^Error validating access token: Session has expired on /);
		assert.match(String(error.fbtrace_id), /^A[A-Za-z0-9]{22}$/);
		assert.match(res.headers.get('www-authenticate') ?? '', /invalid_token/);
	});

	it('should expire a token once the simulator clock passes its expiry', async () => {
		const sim = await start();
		assert.equal((await sim.graph('POST', messages, templateSend(), 'expiring-token')).status, 200);
		await sim.admin('/clock', { advanceMs: 60_000 });
		const res = await sim.graph('POST', messages, templateSend(), 'expiring-token');
		assert.equal(errorOf(res.body).code, 190);
	});

	it('should answer 190 without a subcode when the token is unknown', async () => {
		const sim = await start();
		const res = await sim.graph('POST', messages, templateSend(), 'garbage');
		assert.equal(res.status, 401);
		assert.deepEqual(
			{ ...errorOf(res.body), fbtrace_id: 'x' },
			{
				message: 'Invalid OAuth access token - Cannot parse access token',
				type: 'OAuthException',
				code: 190,
				fbtrace_id: 'x',
			},
		);
	});

	it('should answer #104 when no token is given at all', async () => {
		const sim = await start();
		const res = await sim.graph('POST', messages, templateSend(), null);
		assert.equal(res.status, 400);
		assert.equal(errorOf(res.body).code, 104);
		assert.equal(
			errorOf(res.body).message,
			'An access token is required to request this resource.',
		);
	});

	it('should take the token from the access_token query parameter too', async () => {
		const sim = await start();
		const res = await sim.graph('POST', `${messages}?access_token=${TOKEN}`, templateSend(), null);
		assert.equal(res.status, 200);
	});

	it('should answer #200 when the token may not act on that number', async () => {
		const sim = await start();
		const res = await sim.graph('POST', messages, templateSend(), 'page-only-token');
		assert.equal(res.status, 403);
		assert.equal(errorOf(res.body).code, 200);
		const page = await sim.graph(
			'POST',
			`/v25.0/${PAGE_ID}/feed`,
			{ message: 'ok' },
			'page-only-token',
		);
		assert.equal(page.status, 200);
	});

	it('should check the token before the path, as Graph does', async () => {
		const sim = await start();
		const res = await sim.graph('GET', '/v25.0/nothing/here', undefined, 'expired-token');
		assert.equal(errorOf(res.body).code, 190);
	});

	it('should answer "Unknown path components" for an unknown edge on a known node', async () => {
		const sim = await start();
		const res = await sim.graph('GET', `/v25.0/${PAGE_ID}/nonsense`);
		assert.equal(res.status, 400);
		assert.equal(errorOf(res.body).code, 2500);
		assert.equal(errorOf(res.body).message, 'Unknown path components: /nonsense');
	});
});
