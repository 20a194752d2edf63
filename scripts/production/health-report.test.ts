import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { checkUrl, evaluateServices, formatReport, parseComposePs } from './health-report.ts';

const entry = (Service: string, State: string, Health: string, Name = `switchboard-${Service}-1`) =>
	JSON.stringify({ Name, Service, State, Health, Status: 'Up' });

describe('health-report', () => {
	describe('parseComposePs', () => {
		it('should read one JSON object per line (Compose 2.21+) and a JSON array (older)', () => {
			const lines = [
				entry('postgres', 'running', 'healthy'),
				entry('redis', 'running', 'starting'),
			].join('\n');
			assert.deepEqual(
				parseComposePs(lines).map((e) => e.Service),
				['postgres', 'redis'],
			);
			assert.deepEqual(parseComposePs(`[${entry('n8n', 'running', '')}]`)[0]!.Health, '');
			assert.deepEqual(parseComposePs('\n'), []);
		});
	});

	describe('evaluateServices', () => {
		it('should pass only running containers that are healthy', () => {
			const rows = evaluateServices(
				['postgres', 'redis', 'n8n-worker', 'gateway', 'directus'],
				parseComposePs(
					[
						entry('postgres', 'running', 'healthy'),
						entry('redis', 'running', 'starting'),
						entry('n8n-worker', 'running', 'healthy', 'switchboard-n8n-worker-1'),
						entry('n8n-worker', 'running', 'unhealthy', 'switchboard-n8n-worker-2'),
						entry('gateway', 'exited', ''),
					].join('\n'),
				),
			);
			assert.deepEqual(
				rows.map((row) => [row.name, row.where, row.ok]),
				[
					['postgres', 'switchboard-postgres-1', true],
					['redis', 'switchboard-redis-1', false],
					['n8n-worker', 'switchboard-n8n-worker-1', true],
					['n8n-worker', 'switchboard-n8n-worker-2', false],
					['gateway', 'switchboard-gateway-1', false],
					['directus', '-', false],
				],
			);
			assert.match(formatReport(rows), /^FAIL +directus +- +not created$/m);
		});
	});

	describe('checkUrl', () => {
		let server: Server;
		let base: string;
		before(async () => {
			server = createServer((req, res) => {
				res.statusCode = req.url === '/healthz' ? 200 : req.url === '/redirect' ? 302 : 503;
				res.end();
			});
			await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
			base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		});
		after(() => new Promise<void>((resolve) => server.close(() => resolve())));

		it('should pass on a 2xx and fail on anything else, a redirect to a login included', async () => {
			assert.deepEqual(await checkUrl('gw', `${base}/healthz`), {
				name: 'gw',
				where: `${base}/healthz`,
				status: 'HTTP 200',
				ok: true,
			});
			assert.equal((await checkUrl('gw', `${base}/down`)).status, 'HTTP 503');
			assert.equal((await checkUrl('sso', `${base}/redirect`)).ok, false);
		});

		it('should report a refused connection instead of throwing', async () => {
			const closed = createServer();
			await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
			const port = (closed.address() as AddressInfo).port;
			await new Promise<void>((resolve) => closed.close(() => resolve()));
			const row = await checkUrl('gone', `http://127.0.0.1:${port}/`);
			assert.deepEqual([row.ok, row.status], [false, 'ECONNREFUSED']);
		});
	});
});
