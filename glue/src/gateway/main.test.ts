import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, describe, it } from 'node:test';
import { databaseUrl } from '../../../scripts/lib/postgres.ts';
import { freePorts } from '../../../scripts/lib/ports.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { ADMIN_DATABASE_URL, waitFor } from './test-support.ts';

const entry = new URL('./main.ts', import.meta.url).pathname;

interface Started {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

function startProcess(env: Record<string, string>): Started {
	// Only what the gateway needs: nothing from this machine's environment leaks in.
	const child = spawn(process.execPath, [entry], {
		env: { PATH: process.env.PATH ?? '', ...env },
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let output = '';
	child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
	const exited = new Promise<number | null>((resolve) =>
		child.once('exit', (code) => resolve(code)),
	);
	return { child, output: () => output, exited };
}

describe('main', () => {
	let db: TestDatabase;
	const children: ChildProcess[] = [];

	before(async () => {
		db = await createTestDatabase();
	});
	after(async () => {
		for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
		await db.drop();
	});

	it('should migrate, serve /healthz, and exit 0 on SIGTERM', async () => {
		const [port] = await freePorts(1);
		const started = startProcess({
			GATEWAY_PORT: String(port),
			LOG_LEVEL: 'info',
			CHATWOOT_WEBHOOK_SECRET: 'bot-secret-0001',
			N8N_INBOUND_WEBHOOK_URL: 'http://127.0.0.1:9/webhook/switchboard-inbound',
			GATEWAY_FORWARD_SECRET: 'forward-secret-0001',
			GATEWAY_RECONCILE_INTERVAL_MS: '0',
			DATABASE_URL: databaseUrl(ADMIN_DATABASE_URL, db.name),
		});
		children.push(started.child);
		await waitFor('/healthz', () =>
			fetch(`http://127.0.0.1:${port}/healthz`).then(
				(res) => res.ok,
				() => false,
			),
		);
		const pool = db.pool();
		// pool.end() can resolve before the server closed the session the final drop then ends.
		pool.on('error', () => undefined);
		const { rows } = await pool.query('select count(*)::int as n from sb_schema_migrations');
		assert.ok((rows[0] as { n: number }).n > 0);

		started.child.kill('SIGTERM');
		assert.equal(await started.exited, 0, started.output());
		const lines = started
			.output()
			.split('\n')
			.filter(Boolean)
			.map((line) => JSON.parse(line) as { message: string });
		assert.deepEqual(
			lines.map((line) => line.message).filter((m) => /listening|shutting down|stopped/.test(m)),
			['gateway: listening', 'gateway: shutting down', 'gateway: stopped'],
		);
	});

	it('should refuse to start, naming the variables, when secrets are missing', async () => {
		const started = startProcess({
			N8N_INBOUND_WEBHOOK_URL: 'http://127.0.0.1:9/webhook/x',
			GATEWAY_FORWARD_SECRET: 'too-short',
			DATABASE_URL: databaseUrl(ADMIN_DATABASE_URL, db.name),
			GATEWAY_RECONCILE_INTERVAL_MS: '0',
		});
		children.push(started.child);
		assert.equal(await started.exited, 1);
		assert.match(started.output(), /CHATWOOT_WEBHOOK_SECRET/);
		assert.match(started.output(), /GATEWAY_FORWARD_SECRET/);
		assert.doesNotMatch(started.output(), /too-short/);
	});
});
