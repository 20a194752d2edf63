import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import { logIn } from './n8n.ts';
import { readPins } from './runtimes.ts';
import { startStack, testStackOptions, type Stack, type StackOptions } from './supervisor.ts';

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

	before(async () => {
		options = await testStackOptions();
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

	it('should stop both, leave no process behind and drop the run databases', async () => {
		const pids = [stack.n8n.process.pid, stack.directus.process.pid];
		await stack.stop();
		assert.deepEqual(pids.map(alive), [false, false]);
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
		const refused = await fetch(`${stack.n8n.url}/healthz`).catch((err: Error) => err);
		assert.ok(refused instanceof Error);
	});
});
