// Test stacks start from a copy of a database that n8n or Directus has already migrated: CREATE
// DATABASE … TEMPLATE takes about a second where the migrations took 15–35 s a stack, and every e2e
// file and every Directus test file boots one. One template per runtime version, built once per
// PostgreSQL server and kept (CI's machine keeps its databases between runs); production and
// `npm start` never use one.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { directusEnv } from './directus.ts';
import { ManagedProcess, runToCompletion } from './managed-process.ts';
import { n8nEnv } from './n8n.ts';
import { freePorts } from './ports.ts';
import { databaseUrl, dropDatabase, ensureDatabase } from './postgres.ts';
import type { Runtimes } from './runtimes.ts';
import { StackError } from './stack-error.ts';
import { waitForHttp } from './wait-for-http.ts';

export type TemplateApp = 'n8n' | 'directus';

// Bump when what a template holds changes for a reason other than the runtime's version.
const FORMAT = 1;

/** The template's database name, e.g. sbtpl1_n8n_2_41_0. */
export function templateName(app: TemplateApp, runtimes: Runtimes): string {
	const version = app === 'n8n' ? runtimes.n8nVersion : runtimes.directusVersion;
	return `sbtpl${FORMAT}_${app}_${version.replace(/[^a-z0-9]+/gi, '_').toLowerCase()}`;
}

// One builder at a time on a server: test files in parallel wait for the first one's template.
const BUILD_LOCK = 0x5b7e_0001;

/**
 * Creates `name` as a copy of the app's migrated template, building the template first when this
 * server has none. Returns false (and creates nothing) when `name` exists already.
 */
export async function createFromTemplate(
	adminUrl: string,
	name: string,
	app: TemplateApp,
	runtimes: Runtimes,
): Promise<boolean> {
	const template = templateName(app, runtimes);
	const client = new pg.Client({ connectionString: adminUrl });
	await client.connect();
	try {
		const exists = async (db: string) =>
			((await client.query('select 1 from pg_database where datname = $1', [db])).rowCount ?? 0) >
			0;
		if (await exists(name)) return false;
		if (!(await exists(template))) {
			await client.query('select pg_advisory_lock($1)', [BUILD_LOCK]);
			try {
				if (!(await exists(template))) await buildTemplate(adminUrl, template, app, runtimes);
			} finally {
				await client.query('select pg_advisory_unlock($1)', [BUILD_LOCK]);
			}
		}
		// Names are generated (sbtest_…, sbtpl…), never from input: safe to quote as they are.
		await client.query(`create database "${name}" template "${template}"`);
		return true;
	} finally {
		await client.end();
	}
}

/** Migrates a fresh database with the app itself, then publishes it under `template` by a rename. */
async function buildTemplate(
	adminUrl: string,
	template: string,
	app: TemplateApp,
	runtimes: Runtimes,
): Promise<void> {
	const building = `${template}_building`;
	await dropDatabase(adminUrl, building);
	await ensureDatabase(adminUrl, building);
	const dir = mkdtempSync(join(tmpdir(), `switchboard-${building}-`));
	const started = Date.now();
	process.stderr.write(`[switchboard] building the ${app} database template ${template}…\n`);
	try {
		if (app === 'n8n') await migrateN8n(databaseUrl(adminUrl, building), dir, runtimes);
		else await migrateDirectus(databaseUrl(adminUrl, building), dir, runtimes);
		const client = new pg.Client({ connectionString: adminUrl });
		await client.connect();
		try {
			await client.query(`alter database "${building}" rename to "${template}"`);
		} finally {
			await client.end();
		}
		process.stderr.write(
			`[switchboard] ${template} ready in ${Math.round((Date.now() - started) / 1000)} s\n`,
		);
	} catch (err) {
		await dropDatabase(adminUrl, building).catch(() => undefined);
		throw err;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

// n8n has no "migrate only" command: main migrates on start, so start it until it is ready.
async function migrateN8n(url: string, dir: string, runtimes: Runtimes): Promise<void> {
	const [port, brokerPort] = await freePorts(2);
	const logFile = join(dir, 'n8n.log');
	const env = n8nEnv(
		{
			port: port!,
			brokerPort: brokerPort!,
			databaseUrl: url,
			userFolder: dir,
			logFile,
			owner: { email: 'template@example.com', password: randomBytes(12).toString('base64url') },
			encryptionKey: randomBytes(24).toString('base64url'),
		},
		runtimes,
	);
	const proc = new ManagedProcess({
		name: 'n8n (template)',
		command: process.execPath,
		args: [runtimes.n8nBin, 'start'],
		env,
		cwd: dir,
		logFile,
	});
	try {
		await waitForHttp(`http://127.0.0.1:${port}/healthz/readiness`, 'n8n (template)', {
			timeoutMs: 180_000,
			process: proc,
		});
	} finally {
		await proc.stop();
	}
	// n8n wraps its deployment keys (signing secrets) with the instance's encryption key, and each
	// stack has its own: without them each copy seeds its own on first start.
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		await client.query('delete from deployment_key');
	} finally {
		await client.end();
	}
}

async function migrateDirectus(url: string, dir: string, runtimes: Runtimes): Promise<void> {
	const logFile = join(dir, 'directus.log');
	const boot = await runToCompletion({
		name: 'directus bootstrap (template)',
		command: process.execPath,
		args: [runtimes.directusCli, 'bootstrap'],
		env: directusEnv({
			port: 0,
			databaseUrl: url,
			dataDir: dir,
			extensionsDir: join(dir, 'extensions'),
			logFile,
			admin: {
				email: 'template@example.com',
				password: randomBytes(12).toString('base64url'),
				token: randomBytes(24).toString('base64url'),
			},
			secret: randomBytes(32).toString('base64url'),
		}),
		cwd: runtimes.directusRoot,
		logFile,
	});
	if (boot.code !== 0) {
		throw new StackError(`Directus bootstrap of the template failed (see ${logFile}).`, boot.tail);
	}
}

/**
 * A copy of the Directus template has the template's admin: make it this instance's (email,
 * password, static token), as bootstrap would have on an empty database.
 */
export async function adoptDirectusAdmin(
	url: string,
	admin: { email: string; password: string; token: string },
	runtimes: Runtimes,
): Promise<void> {
	// Directus's own argon2 (the runtime's copy), so the hash is one Directus verifies.
	const requireFromDirectus = createRequire(join(runtimes.directusRoot, 'package.json'));
	const argon2 = requireFromDirectus('argon2') as { hash(password: string): Promise<string> };
	const password = await argon2.hash(admin.password);
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		const updated = await client.query(
			'update directus_users set email = $1, password = $2, token = $3' +
				" where email = 'template@example.com'",
			[admin.email, password, admin.token],
		);
		if (updated.rowCount !== 1) {
			throw new StackError(
				`the Directus template's admin was not found in ${new URL(url).pathname.slice(1)}`,
			);
		}
	} finally {
		await client.end();
	}
}
