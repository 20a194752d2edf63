import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { StackError } from './stack-error.ts';
import { fetchGrantToken, taskRunnerEnv } from './task-runner.ts';

// Answers POST /runners/auth as n8n 2.41's task broker does (task-broker-auth.controller.js):
// `{ data: { token } }` for the right auth token, 403 otherwise.
function standInBroker(authToken: string): Promise<Server> {
	const server = createServer((req, res) => {
		let body = '';
		req.on('data', (chunk: Buffer) => (body += chunk.toString()));
		req.on('end', () => {
			const token = (JSON.parse(body || '{}') as { token?: string }).token;
			if (req.url !== '/runners/auth' || req.method !== 'POST')
				return void res.writeHead(404).end();
			if (token !== authToken) {
				return void res
					.writeHead(403, { 'content-type': 'application/json' })
					.end('{"code":403,"message":"Forbidden"}');
			}
			res
				.writeHead(200, { 'content-type': 'application/json' })
				.end('{"data":{"token":"grant-1"}}');
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe('task-runner', () => {
	describe('taskRunnerEnv', () => {
		it("should give the runner its broker and grant only, none of n8n's secrets", () => {
			const env = taskRunnerEnv(
				{ brokerPort: 5683, authToken: 'shared', logFile: '/x.log', cwd: '/' },
				'grant-1',
			);
			assert.deepEqual(Object.keys(env).sort(), [
				'HOME',
				'N8N_RUNNERS_GRANT_TOKEN',
				'N8N_RUNNERS_TASK_BROKER_URI',
				'NODE_OPTIONS',
				'PATH',
			]);
			assert.equal(env.N8N_RUNNERS_TASK_BROKER_URI, 'http://127.0.0.1:5683');
			assert.equal(env.N8N_RUNNERS_GRANT_TOKEN, 'grant-1');
		});

		it('should pass the time zone on when there is one', () => {
			const env = taskRunnerEnv(
				{ brokerPort: 1, authToken: 'a', logFile: '/x', cwd: '/', timezone: 'Europe/Madrid' },
				'g',
			);
			assert.equal(env.GENERIC_TIMEZONE, 'Europe/Madrid');
		});
	});

	describe('fetchGrantToken', () => {
		let broker: Server;
		let port: number;
		before(async () => {
			broker = await standInBroker('shared-token');
			port = (broker.address() as AddressInfo).port;
		});
		after(() => new Promise<void>((resolve) => broker.close(() => resolve())));

		it('should trade the shared auth token for a grant token', async () => {
			assert.equal(await fetchGrantToken(port, 'shared-token'), 'grant-1');
		});

		it('should name the setting to fix when the broker refuses the token', async () => {
			await assert.rejects(fetchGrantToken(port, 'other-token'), (error: unknown) => {
				assert.ok(error instanceof StackError);
				assert.equal(
					error.message,
					`n8n's task broker at http://127.0.0.1:${port}/runners/auth gave no grant token (HTTP 403): n8n and its runners need the same N8N_RUNNERS_AUTH_TOKEN.`,
				);
				return true;
			});
		});
	});
});
