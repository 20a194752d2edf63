// Where the PostgreSQL client programs run: inside the compose `postgres` container (production), or
// on this machine against a plain URL (no Docker; what the tests use).
import type { Command } from './command.ts';
import { composeCommand, type ComposeProject } from './compose.ts';
import { BackupError } from './backup-error.ts';

export type PostgresProgram = 'psql' | 'pg_dump' | 'pg_restore';

export interface PostgresTarget {
	/** For messages: never contains a password. */
	description: string;
	/** The database to connect to for CREATE/DROP DATABASE. */
	maintenanceDatabase: string;
	/** A client program run as the superuser; the caller passes --dbname. */
	client(
		program: PostgresProgram,
		args: string[],
		io?: Pick<Command, 'stdoutFile' | 'stdinFile'>,
	): Command;
}

/** `docker compose exec -T postgres <program>`: the container's local socket trusts its superuser. */
export function composeTarget(project: ComposeProject): PostgresTarget {
	return {
		description: 'the compose postgres service',
		maintenanceDatabase: 'postgres',
		client: (program, args, io) =>
			composeCommand(
				project,
				['exec', '-T', 'postgres', program, '--username=postgres', ...args],
				io,
			),
	};
}

/** Local client programs; the connection travels in PG* variables, so no password is in argv. */
export function urlTarget(databaseUrl: string): PostgresTarget {
	let url: URL;
	try {
		url = new URL(databaseUrl);
	} catch (cause) {
		throw new BackupError({ folder: '-', reason: 'the database URL does not parse', cause });
	}
	const env: Record<string, string> = {
		PGHOST: decodeURIComponent(url.hostname.replace(/^\[|\]$/g, '')),
		PGPORT: url.port || '5432',
		PGUSER: decodeURIComponent(url.username) || 'postgres',
	};
	if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
	const shown = new URL(url);
	shown.password = shown.password ? '***' : '';
	return {
		description: shown.toString(),
		maintenanceDatabase: decodeURIComponent(url.pathname.slice(1)) || 'postgres',
		client: (program, args, io) => ({ program, args, env, ...io }),
	};
}

const SAFE_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** Names reach SQL text (CREATE DATABASE cannot bind them), so only a safe alphabet is accepted. */
export function assertSafeName(name: string, what: string, folder = '-'): string {
	if (!SAFE_NAME.test(name)) {
		throw new BackupError({
			folder,
			reason: `unsafe ${what} name ${JSON.stringify(name)} (use a-z, 0-9, _)`,
		});
	}
	return name;
}
