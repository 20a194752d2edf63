import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startTestDirectus, type TestDirectus } from './lib/directus.ts';
import { freePorts } from './lib/ports.ts';

const cli = join(import.meta.dirname, 'directus-setup.ts');

interface Run {
	code: number;
	stdout: string;
	stderr: string;
}

describe('directus-setup CLI', () => {
	let directus: TestDirectus;
	let env: NodeJS.ProcessEnv;

	const run = (...args: string[]) =>
		new Promise<Run>((resolve) => {
			execFile(process.execPath, [cli, ...args], { env }, (error, stdout, stderr) => {
				resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
			});
		});

	before(async () => {
		directus = await startTestDirectus();
		const database = new URL(directus.databaseUrl);
		env = {
			PATH: process.env.PATH,
			HOME: process.env.HOME,
			DIRECTUS_URL: directus.url,
			DIRECTUS_ADMIN_TOKEN: directus.adminToken,
			DATABASE_URL: new URL('/postgres', database).toString(),
			DIRECTUS_DATABASE: database.pathname.slice(1),
		};
	});
	after(() => directus?.stop());

	it('should apply everything on a new Directus, print each change and the new token once', async () => {
		const first = await run('all');
		assert.equal(first.code, 0, first.stderr);
		const lines = first.stdout.split('\n');
		assert.ok(lines.includes('schema: create collection promotions'));
		assert.ok(lines.some((line) => line.startsWith('schema: log store migrations applied: 1, 2')));
		assert.ok(lines.includes('access: create policy Automation'));
		assert.ok(lines.includes('seed: create departments sales'));
		assert.ok(lines.includes('dashboards: create dashboard "AI decisions"'));
		assert.ok(lines.includes('flows: create flow "Send a test to me"'));
		const token = /static token of n8n-automation@example\.com .*: (\S+)$/m.exec(first.stdout)?.[1];
		assert.ok(token, 'the generated token is printed');
		const me = await fetch(`${directus.url}/items/faq?limit=1`, {
			headers: { authorization: `Bearer ${token}` },
		});
		assert.equal(me.status, 200);
	});

	it('should say there is nothing to change the second time', async () => {
		const second = await run('all');
		assert.equal(second.code, 0, second.stderr);
		assert.deepEqual(second.stdout.trim().split('\n'), [
			'schema: no changes',
			'access: no changes',
			'seed: no changes',
			'dashboards: no changes',
			'flows: no changes',
		]);
	});

	it('should exit 0 from check when Directus matches, 1 with the difference when not', async () => {
		const clean = await run('check');
		assert.deepEqual(
			[clean.code, clean.stdout.trim()],
			[0, 'check: Directus matches directus/schema'],
		);
		await fetch(`${directus.url}/fields/faq/answer`, {
			method: 'PATCH',
			headers: {
				authorization: `Bearer ${directus.adminToken}`,
				'content-type': 'application/json',
			},
			body: JSON.stringify({ meta: { note: 'edited' } }),
		});
		const drifted = await run('check');
		assert.deepEqual(
			[drifted.code, drifted.stdout.trim()],
			[1, 'check: differs: update field faq.answer (meta.note)'],
		);
		const planned = await run('schema', '--dry-run');
		assert.equal(planned.stdout.trim(), 'schema: would update field faq.answer (meta.note)');
		assert.equal((await run('check')).code, 1, 'a dry run changes nothing');
	});

	it('should print its usage and exit 2 for an unknown command', async () => {
		const wrong = await run('deploy');
		assert.equal(wrong.code, 2);
		assert.match(wrong.stderr, /^Usage: node scripts\/directus-setup\.ts <command>/);
	});

	it('should say in one line when Directus is not reachable', async () => {
		const saved = env;
		const [closed] = await freePorts(1);
		env = { ...env, DIRECTUS_URL: `http://127.0.0.1:${closed}` };
		try {
			const down = await run('check');
			assert.equal(down.code, 1);
			assert.match(
				down.stderr.trim(),
				new RegExp(
					`^Directus refused the connection at http://127\\.0\\.0\\.1:${closed} \\(GET /server/info\\)\\.$`,
				),
			);
		} finally {
			env = saved;
		}
	});
});
