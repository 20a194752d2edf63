import pg from 'pg';
import { StackError } from './stack-error.ts';

/** Turns a low-level connection failure into one line a person can act on. */
export function describePostgresError(err: unknown, url: string): string {
	const where = redactUrl(url);
	const code = (err as NodeJS.ErrnoException | undefined)?.code;
	switch (code) {
		case 'ECONNREFUSED':
			return `PostgreSQL is not reachable at ${where} (connection refused): start it (to install: apt-get install postgresql), or set DATABASE_URL in .env.`;
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return `PostgreSQL host in ${where} cannot be resolved: check DATABASE_URL in .env.`;
		case 'ETIMEDOUT':
			return `PostgreSQL at ${where} did not answer in time: check that it runs and that DATABASE_URL is right.`;
		case '28P01':
		case '28000':
			return `PostgreSQL at ${where} refused the login: check the user and password in DATABASE_URL.`;
		default:
			return `PostgreSQL at ${where} failed: ${(err as Error | undefined)?.message ?? String(err)}`;
	}
}

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
	try {
		const parsed = new URL(url);
		if (parsed.password) parsed.password = '***';
		return parsed.toString();
	} catch {
		return '(an unparsable DATABASE_URL)';
	}
}

/** The same server, another database. */
export function databaseUrl(adminUrl: string, database: string): string {
	const url = new URL(adminUrl);
	url.pathname = `/${database}`;
	return url.toString();
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
	const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
	try {
		await client.connect();
	} catch (err) {
		throw new StackError(describePostgresError(err, adminUrl));
	}
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}

// Database names cannot be bound as parameters, so they are restricted to a safe alphabet instead.
function assertSafeName(name: string): void {
	if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
		throw new Error(`postgres: unsafe database name ${JSON.stringify(name)} (use a-z, 0-9, _)`);
	}
}

export async function assertPostgresReachable(adminUrl: string): Promise<void> {
	await withAdmin(adminUrl, (client) => client.query('select 1'));
}

/** Creates the database unless it exists; returns whether it was created. */
export async function ensureDatabase(adminUrl: string, name: string): Promise<boolean> {
	assertSafeName(name);
	return withAdmin(adminUrl, async (client) => {
		const found = await client.query('select 1 from pg_database where datname = $1', [name]);
		if (found.rowCount) return false;
		await client.query(`create database "${name}"`);
		return true;
	});
}

export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	assertSafeName(name);
	// WITH (FORCE) (PostgreSQL 13+) ends connections a killed process may have left behind.
	await withAdmin(adminUrl, (client) =>
		client.query(`drop database if exists "${name}" with (force)`),
	);
}
