import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ManagedProcess } from './managed-process.ts';
import { logIn } from './n8n.ts';
import { readPins } from './runtimes.ts';
import {
	startStack,
	supervise,
	testStackOptions,
	type RestartOptions,
	type Stack,
	type StackOptions,
} from './supervisor.ts';

function alive(pid: number | undefined): boolean {
	if (!pid) return false;
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

async function databasesNamed(adminUrl: string, names: string[]): Promise<string[]> {
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	const { rows } = await client.query<{ datname: string }>(
		'select datname from pg_database where datname = any($1)',
		[names],
	);
	await client.end();
	return rows.map((r) => r.datname);
}

// Boots the real n8n 2.41.0 and Directus 11 against the local PostgreSQL: about a minute on two cores.
describe('startStack', () => {
	let options: StackOptions;
	let stack: Stack;
	const said: string[] = [];

	before(async () => {
		// As npm start runs it: a runtime that dies comes back (shorter first wait for the test).
		options = { ...(await testStackOptions()), restart: { say: (line) => said.push(line) } };
		options.restart!.baseDelayMs = 200;
		stack = await startStack(options);
	});
	after(() => stack?.stop());

	it('should serve n8n healthy at the pinned version', async () => {
		const health = await fetch(`${stack.n8n.url}/healthz`);
		assert.equal(health.status, 200);
		assert.deepEqual(await health.json(), { status: 'ok' });
		assert.equal(stack.n8n.version, readPins().N8N_VERSION);
	});

	it("should give n8n's public API a working key", async () => {
		const res = await fetch(`${stack.n8n.url}/api/v1/workflows`, {
			headers: { 'X-N8N-API-KEY': stack.n8n.apiKey },
		});
		assert.equal(res.status, 200);
		const unauthorised = await fetch(`${stack.n8n.url}/api/v1/workflows`);
		assert.equal(unauthorised.status, 401);
	});

	it('should run n8n in queue mode, production webhooks on the webhook processor, runners external', async () => {
		for (const n8n of [stack.n8nWebhook!, ...stack.n8nWorkers]) {
			const ready = await fetch(`${n8n.url}/healthz/readiness`);
			assert.equal(ready.status, 200, n8n.name);
		}
		assert.equal(stack.n8nWorkers.length, 1);
		assert.equal(stack.n8n.webhookUrl, stack.n8nWebhook!.url);
		// Main keeps the editor and API only (N8N_DISABLE_PRODUCTION_MAIN_PROCESS).
		const onMain = await fetch(`${stack.n8n.url}/webhook/anything`, { method: 'POST' });
		assert.equal(onMain.status, 404);
		const worker = stack.n8nWorkers[0]!;
		assert.ok(worker.runners?.current?.pid, "the worker's task runner runs");
		const deadline = Date.now() + 30_000;
		while (!readFileSync(worker.logFile, 'utf8').includes('Registered runner "JS Task Runner"')) {
			assert.ok(Date.now() < deadline, "the runner registered with the worker's task broker");
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
	});

	it('should load n8n-nodes-switchboard into n8n from its community-package folder', async () => {
		const cookie = await logIn(stack.n8n.url, options.admin);
		const res = await fetch(`${stack.n8n.url}/types/nodes.json`, { headers: { cookie } });
		const types = ((await res.json()) as Array<{ name: string }>).map((type) => type.name);
		assert.ok(types.includes('n8n-nodes-switchboard.chatwoot'));
	});

	it('should serve Directus healthy at the pinned version, with the admin token working', async () => {
		const ping = await fetch(`${stack.directus.url}/server/ping`);
		assert.equal(await ping.text(), 'pong');
		assert.equal(stack.directus.version, readPins().DIRECTUS_VERSION);
		const me = await fetch(`${stack.directus.url}/users/me`, {
			headers: { authorization: `Bearer ${stack.directus.adminToken}` },
		});
		assert.equal(
			((await me.json()) as { data: { email: string } }).data.email,
			options.admin.email,
		);
	});

	it('should give each run its own databases', async () => {
		const found = await databasesNamed(options.postgresUrl, [
			options.databases.n8n,
			options.databases.directus,
		]);
		assert.deepEqual(found.sort(), [options.databases.directus, options.databases.n8n].sort());
		assert.match(options.databases.n8n, /^sbtest_[a-z0-9]+_n8n$/);
	});

	it('should restart Directus when it dies, and say so (Redis stopped makes it exit)', async () => {
		const first = stack.directus;
		process.kill(-first.process.pid!, 'SIGKILL');
		const deadline = Date.now() + 120_000;
		while (stack.directus === first && Date.now() < deadline) {
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		assert.deepEqual(said, [
			'Directus was killed by a signal; restarting in 200 ms (restart 1)',
			'Directus is running again (restart 1).',
		]);
		const ping = await fetch(`${stack.directus.url}/server/ping`);
		assert.equal(await ping.text(), 'pong');
	});

	it('should stop them all, leave no process behind and drop the run databases and keys', async () => {
		const pids = [
			stack.n8n.process.pid,
			stack.n8nWebhook!.process.pid,
			stack.n8nWorkers[0]!.process.pid,
			stack.n8nWorkers[0]!.runners!.current!.pid,
			stack.directus.process.pid,
		];
		await stack.stop();
		assert.deepEqual(pids.map(alive), [false, false, false, false, false]);
		// The whole process group is gone too (n8n's task runner).
		for (const pid of pids) assert.throws(() => process.kill(-pid!, 0), { code: 'ESRCH' });
		assert.deepEqual(
			await databasesNamed(options.postgresUrl, [
				options.databases.n8n,
				options.databases.directus,
			]),
			[],
		);
		assert.equal(existsSync(options.stateDir), false);
		const redis = new Redis(options.redisUrl);
		const keysLeft = await redis.keys(`${options.databases.n8n}:*`);
		redis.disconnect();
		assert.deepEqual(keysLeft, [], "n8n's queue keys are gone from the shared Redis");
		const refused = await fetch(`${stack.n8n.url}/healthz`).catch((err: Error) => err);
		assert.ok(refused instanceof Error);
	});
});

// A tiny runtime: a node process that exits with code 1 on its first `failures` starts (counted
// in a file), then keeps running like a healthy server.
describe('supervise', () => {
	let dir: string;
	const started: Array<{ stop(): Promise<void> }> = [];
	before(() => {
		dir = mkdtempSync(join(tmpdir(), 'switchboard-supervise-'));
	});
	// A failed assertion must not leave a child running (it would hold the test process open).
	afterEach(async () => {
		await Promise.all(started.splice(0).map((supervised) => supervised.stop()));
	});
	after(() => rmSync(dir, { recursive: true, force: true }));

	let runs = 0;
	function runtime(name: string, failures: number) {
		const counter = join(dir, `starts-${++runs}`);
		let starts = 0;
		const script = `
			const fs = require('node:fs');
			const n = (fs.existsSync(${JSON.stringify(counter)}) ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0) + 1;
			fs.writeFileSync(${JSON.stringify(counter)}, String(n));
			if (n <= ${failures}) process.exit(1);
			setInterval(() => {}, 1000);
		`;
		const start = async () => {
			starts += 1;
			const process_ = new ManagedProcess({
				name: 'flaky',
				command: process.execPath,
				args: ['-e', script],
				env: { PATH: process.env.PATH },
				cwd: dir,
				logFile: join(dir, `flaky-${runs}.log`),
			});
			return { process: process_ };
		};
		const supervised = (options: RestartOptions | undefined) =>
			start().then((first) => {
				const handle = supervise(name, first, start, options);
				started.push(handle);
				return handle;
			});
		return { start, supervised, starts: () => starts };
	}

	function restartOptions(overrides: Partial<RestartOptions> = {}) {
		const lines: string[] = [];
		return { lines, options: { say: (line: string) => lines.push(line), ...overrides } };
	}

	async function until(condition: () => boolean, what: string, timeoutMs = 5000) {
		const deadline = Date.now() + timeoutMs;
		while (!condition()) {
			if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
			await new Promise((resolve) => setTimeout(resolve, 10));
		}
	}
	const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

	it('should restart a runtime that exits unexpectedly, and say so on the terminal', async () => {
		const flaky = runtime('Directus', 1);
		const { lines, options } = restartOptions({ baseDelayMs: 50 });
		const supervised = await flaky.supervised(options);
		await until(() => lines.length === 2, 'the restart');
		assert.deepEqual(lines, [
			'Directus exited (code 1); restarting in 50 ms (restart 1)',
			'Directus is running again (restart 1).',
		]);
		assert.equal(supervised.current.process.running, true);
		assert.equal(supervised.restarts, 1);
		await supervised.stop();
		assert.equal(supervised.current.process.running, false);
		await pause(100);
		assert.equal(lines.length, 2, 'no restart after stop');
	});

	it('should double the wait after each exit in a row, up to the cap', async () => {
		const flaky = runtime('n8n', 5);
		const { lines, options } = restartOptions({ baseDelayMs: 20, maxDelayMs: 80 });
		const supervised = await flaky.supervised(options);
		await until(
			() => supervised.restarts === 5 && supervised.current.process.running,
			'5 restarts',
		);
		await pause(100);
		// Each start "succeeds" (the script is spawned), then exits: the exits are in a row.
		assert.deepEqual(
			lines.filter((line) => line.includes('exited')),
			[
				'n8n exited (code 1); restarting in 20 ms (restart 1)',
				'n8n exited (code 1); restarting in 40 ms (restart 2)',
				'n8n exited (code 1); restarting in 80 ms (restart 3)',
				'n8n exited (code 1); restarting in 80 ms (restart 4)',
				'n8n exited (code 1); restarting in 80 ms (restart 5)',
			],
		);
		assert.equal(lines.at(-1), 'n8n is running again (restart 5).');
	});

	it('should start again from the first wait after a runtime ran for a while', async () => {
		const flaky = runtime('Directus', 3);
		const { lines, options } = restartOptions({ baseDelayMs: 20, stableMs: 0 });
		const supervised = await flaky.supervised(options);
		await until(
			() => supervised.restarts === 3 && supervised.current.process.running,
			'3 restarts',
		);
		await pause(100);
		assert.deepEqual(
			lines.filter((line) => line.includes('exited')).map((line) => line.match(/in (\d+ ms)/)?.[1]),
			['20 ms', '20 ms', '20 ms'],
		);
	});

	it('should restart nothing that stop() stopped (Ctrl-C)', async () => {
		const healthy = runtime('n8n', 0);
		const { lines, options } = restartOptions({ baseDelayMs: 10 });
		const supervised = await healthy.supervised(options);
		await supervised.stop();
		await pause(100);
		assert.deepEqual(lines, []);
		assert.equal(healthy.starts(), 1);
		assert.equal(supervised.current.process.running, false);
	});

	it('should call off a restart that is still waiting when stopped', async () => {
		const broken = runtime('Directus', Number.MAX_SAFE_INTEGER);
		const { lines, options } = restartOptions({ baseDelayMs: 200 });
		const supervised = await broken.supervised(options);
		await until(() => lines.length === 1, 'the first exit');
		await supervised.stop();
		await pause(300);
		assert.equal(broken.starts(), 1);
		assert.equal(lines.length, 1);
	});

	it('should keep a paused runtime down until it is resumed', async () => {
		const healthy = runtime('n8n', 0);
		const { lines, options } = restartOptions({ baseDelayMs: 10 });
		const supervised = await healthy.supervised(options);
		const first = supervised.current;
		await supervised.pause();
		await pause(100);
		assert.equal(first.process.running, false);
		assert.equal(healthy.starts(), 1);
		const second = await supervised.resume();
		assert.notEqual(second.process.pid, first.process.pid);
		assert.equal(supervised.current, second);
		assert.deepEqual(lines, []);
	});

	it('should leave a runtime that exits down when no restart is asked for (tests)', async () => {
		const flaky = runtime('Directus', 1);
		const supervised = await flaky.supervised(undefined);
		await supervised.current.process.exited;
		await pause(100);
		assert.equal(flaky.starts(), 1);
	});
});
