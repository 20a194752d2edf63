import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { listen, type RunningServer } from './listen.ts';
import type { LoggedRequest } from './request-log.ts';
import { createSimApp } from './sim-app.ts';

describe('createSimApp', () => {
	let server: RunningServer;
	let resets = 0;

	before(async () => {
		const { app } = createSimApp({
			name: 'test',
			routes: (app) => {
				app.post('/v1/echo', (req, res) => {
					res.json({ got: req.body });
				});
			},
			reset: () => {
				resets += 1;
			},
		});
		server = await listen(app);
	});
	after(() => server.close());
	beforeEach(async () => {
		await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
	});

	const post = (path: string, body: unknown) =>
		fetch(`${server.url}${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});

	describe('request log', () => {
		it('should record method, path, headers, parsed and raw body and the status answered', async () => {
			await post('/v1/echo', { text: 'olá' });
			const [entry] = (await (
				await fetch(`${server.url}/__sim/requests`)
			).json()) as LoggedRequest[];
			assert.ok(entry);
			assert.equal(entry.method, 'POST');
			assert.equal(entry.path, '/v1/echo');
			assert.deepEqual(entry.body, { text: 'olá' });
			assert.equal(entry.rawBody, '{"text":"olá"}');
			assert.equal(entry.headers['content-type'], 'application/json');
			assert.equal(entry.status, 200);
		});

		it('should not log the admin API itself', async () => {
			await fetch(`${server.url}/__sim/faults`);
			const entries = await (await fetch(`${server.url}/__sim/requests`)).json();
			assert.deepEqual(entries, []);
		});

		it('should call the simulator reset hook on POST /__sim/reset', async () => {
			const before = resets;
			await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
			assert.equal(resets, before + 1);
		});
	});

	describe('faults', () => {
		it('should answer the given status, body and headers for the next N matching requests', async () => {
			const created = await post('/__sim/faults', {
				method: 'post',
				path: '/v1/*',
				status: 529,
				body: { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } },
				headers: { 'retry-after': '1' },
				times: 2,
			});
			assert.equal(created.status, 201);
			const first = await post('/v1/echo', {});
			assert.equal(first.status, 529);
			assert.equal(first.headers.get('retry-after'), '1');
			assert.equal(
				((await first.json()) as { error: { type: string } }).error.type,
				'overloaded_error',
			);
			assert.equal((await post('/v1/echo', {})).status, 529);
			assert.equal((await post('/v1/echo', {})).status, 200);
		});

		it('should drop the connection when asked to', async () => {
			await post('/__sim/faults', { path: '/v1/echo', drop: true, times: 1 });
			await assert.rejects(post('/v1/echo', {}));
			assert.equal((await post('/v1/echo', {})).status, 200);
		});

		it('should run the handler and hold its answer back with after, marking the log entry held', async () => {
			await post('/__sim/faults', { path: '/v1/echo', after: true, delayMs: 300, times: 1 });
			const answer = post('/v1/echo', { n: 1 });
			let held: LoggedRequest | undefined;
			while (!held) {
				await new Promise((resolve) => setTimeout(resolve, 20));
				const entries = (await (
					await fetch(`${server.url}/__sim/requests`)
				).json()) as LoggedRequest[];
				held = entries.find((e) => e.held);
			}
			assert.equal(held.status, null, 'not answered yet while held');
			const res = await answer;
			assert.equal(res.status, 200);
			assert.deepEqual(await res.json(), { got: { n: 1 } });
		});

		it('should reject an after fault that would not let the handler answer', async () => {
			const res = await post('/__sim/faults', { path: '/v1/echo', after: true, status: 500 });
			assert.equal(res.status, 400);
			assert.match(((await res.json()) as { error: string }).error, /holds the real answer back/);
		});

		it('should reject a fault that does nothing, naming what is missing', async () => {
			const res = await post('/__sim/faults', { path: '/v1/echo' });
			assert.equal(res.status, 400);
			assert.match(((await res.json()) as { error: string }).error, /status, delayMs, drop/);
		});

		it('should answer 413 in JSON to a body over the limit', async () => {
			const res = await post('/v1/echo', { text: 'x'.repeat(11 * 1024 * 1024) });
			assert.equal(res.status, 413);
			assert.deepEqual(await res.json(), { error: 'the request body is too large' });
		});

		it('should answer 400 to broken JSON instead of crashing', async () => {
			const res = await fetch(`${server.url}/v1/echo`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: '{"broken',
			});
			assert.equal(res.status, 400);
		});
	});
});
