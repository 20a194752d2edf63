// compose/n8n/entrypoint.sh for real: hashes the owner password with the bcryptjs of the installed
// n8n 2.41.0, the way the image does before n8n starts.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { n8nExecutionPruneEnv } from '@switchboard/glue/housekeeping';
import { locateRuntimes } from '../lib/runtimes.ts';
import { paths } from './paths.ts';

const run = promisify(execFile);

describe('compose/n8n/entrypoint.sh', () => {
	const dir = mkdtempSync(join(tmpdir(), 'sb-n8n-entry-'));
	after(() => rmSync(dir, { recursive: true, force: true }));
	const n8nDir = `${join(locateRuntimes().n8nRoot, 'node_modules', 'n8n')}/`;
	const next = join(dir, 'docker-entrypoint.sh');
	// Stands in for the image's own entrypoint: reports what n8n would be started with.
	writeFileSync(
		next,
		`#!/bin/sh\nexec node -e 'console.log(JSON.stringify({ hash: process.env.N8N_INSTANCE_OWNER_PASSWORD_HASH ?? null, plain: process.env.SWITCHBOARD_OWNER_PASSWORD ?? null, prune: process.env.EXECUTIONS_DATA_PRUNE ?? null, maxAge: process.env.EXECUTIONS_DATA_MAX_AGE ?? null, days: process.env.SWITCHBOARD_TEXT_RETENTION_DAYS ?? null, args: process.argv.slice(1) }))' "$@"\n`,
	);
	chmodSync(next, 0o755);
	const entrypoint = async (env: Record<string, string>) => {
		const { stdout } = await run(
			'sh',
			[join(paths.composeDir, 'n8n', 'entrypoint.sh'), 'worker', '--concurrency=5'],
			{
				env: {
					PATH: `${dirname(process.execPath)}:${process.env.PATH}`,
					SWITCHBOARD_N8N_DIR: n8nDir,
					SWITCHBOARD_NEXT_ENTRYPOINT: next,
					...env,
				},
			},
		);
		return JSON.parse(stdout) as {
			hash: string | null;
			plain: string | null;
			prune: string | null;
			maxAge: string | null;
			days: string | null;
			args: string[];
		};
	};

	it("should hand n8n a bcrypt hash of the owner password n8n's own bcryptjs accepts, not the password", async () => {
		const started = await entrypoint({ SWITCHBOARD_OWNER_PASSWORD: 'Sb1-correct horse' });
		assert.match(started.hash!, /^\$2[aby]\$\d{2}\$.{53}$/);
		const bcrypt = createRequire(n8nDir)('bcryptjs') as {
			compareSync(plain: string, hash: string): boolean;
		};
		assert.equal(bcrypt.compareSync('Sb1-correct horse', started.hash!), true);
		assert.equal(started.plain, null);
		assert.deepEqual(started.args, ['worker', '--concurrency=5']);
	});

	it('should leave a given hash alone and start n8n without an owner when no password is set', async () => {
		const given = await entrypoint({
			SWITCHBOARD_OWNER_PASSWORD: 'x',
			N8N_INSTANCE_OWNER_PASSWORD_HASH: 'preset',
		});
		assert.equal(given.hash, 'preset');
		assert.equal((await entrypoint({})).hash, null);
	});

	it("should prune n8n's executions after as many hours as the gateway keeps message text in days", async () => {
		const started = await entrypoint({ SWITCHBOARD_TEXT_RETENTION_DAYS: '14' });
		assert.deepEqual([started.prune, started.maxAge, started.days], ['true', '336', null]);
		assert.equal(n8nExecutionPruneEnv(14).EXECUTIONS_DATA_MAX_AGE, started.maxAge);
		const explicit = await entrypoint({
			SWITCHBOARD_TEXT_RETENTION_DAYS: '14',
			EXECUTIONS_DATA_MAX_AGE: '48',
		});
		assert.equal(explicit.maxAge, '48');
	});

	it('should refuse to start n8n when the retention is not a whole number of days', async () => {
		for (const days of ['0', '7.5', 'two']) {
			await assert.rejects(entrypoint({ SWITCHBOARD_TEXT_RETENTION_DAYS: days }), (error: Error) =>
				error.message.includes(
					`SWITCHBOARD_TEXT_RETENTION_DAYS must be a whole number of days >= 1, not '${days}'`,
				),
			);
		}
	});
});
