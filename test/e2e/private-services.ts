// A PostgreSQL and a Redis of a test's own, for tests that stage their outage: the machine's shared
// servers (127.0.0.1:5432 and :6379) serve every other test and are never stopped. Each instance is
// a throw-away folder and a free port, removed on cleanup.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ManagedProcess, runToCompletion } from '../../scripts/lib/managed-process.ts';
import { freePorts } from '../../scripts/lib/ports.ts';
import { assertRedisReachable } from '../../scripts/lib/redis.ts';
import { StackError } from '../../scripts/lib/stack-error.ts';

export interface PrivateService {
	readonly name: string;
	/** postgres://… (a superuser, trust auth) or redis://…; the same across stop and start. */
	readonly url: string;
	/** Its folder: data and log (postgres.log, redis.log); removed on cleanup. */
	readonly dir: string;
	readonly running: boolean;
	/** Starts it again on the same port and data; resolves when it answers. */
	start(): Promise<void>;
	/** A clean shutdown (PostgreSQL's fast mode: open sessions are ended). */
	stop(): Promise<void>;
	/** SIGKILL to it and its children, as a crash; resolves when they are gone. */
	kill(): Promise<void>;
	/** Stops it and removes its folder. */
	cleanup(): Promise<void>;
}

export interface PrivateServices {
	postgres: PrivateService;
	redis: PrivateService;
	/** What startE2eStack's `services` option takes. */
	urls: { postgresUrl: string; redisUrl: string };
	cleanup(): Promise<void>;
}

const READY_TIMEOUT_MS = 60_000;

/** Both at once, for startE2eStack({ services: services.urls }). */
export async function startPrivateServices(): Promise<PrivateServices> {
	const [postgres, redis] = await Promise.all([startPrivatePostgres(), startPrivateRedis()]);
	return {
		postgres,
		redis,
		urls: { postgresUrl: postgres.url, redisUrl: redis.url },
		cleanup: async () => {
			await Promise.all([postgres.cleanup(), redis.cleanup()]);
		},
	};
}

/** The newest PostgreSQL server binaries installed (Debian's layout), or SWITCHBOARD_PG_BIN. */
export function postgresBinDir(env: NodeJS.ProcessEnv = process.env): string {
	if (env.SWITCHBOARD_PG_BIN) return env.SWITCHBOARD_PG_BIN;
	const root = '/usr/lib/postgresql';
	const versions = existsSync(root)
		? readdirSync(root)
				.filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
				.sort((a, b) => Number(b) - Number(a))
		: [];
	if (versions.length === 0) {
		throw new StackError(
			`No PostgreSQL server binaries in ${root}/*/bin: install postgresql, or set SWITCHBOARD_PG_BIN.`,
		);
	}
	return join(root, versions[0]!, 'bin');
}

/** PostgreSQL refuses to run as root: a root parent runs it as the `postgres` user. */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const id = (flag: string) => Number(execFileSync('id', [flag, 'postgres'], { encoding: 'utf8' }));
	return { uid: id('-u'), gid: id('-g') };
}

export async function startPrivatePostgres(): Promise<PrivateService> {
	const bin = postgresBinDir();
	const [port] = await freePorts(1);
	const root = mkdtempSync(join(tmpdir(), 'switchboard-pg-'));
	const user = postgresUser();
	if (user) chownSync(root, user.uid, user.gid);
	const dataDir = join(root, 'data');
	const logFile = join(root, 'postgres.log');
	const spec = (name: string, command: string, args: string[]) => ({
		name,
		command: join(bin, command),
		args,
		env: { PATH: process.env.PATH, LANG: 'C.UTF-8' },
		cwd: root,
		logFile,
		...user,
	});
	const initdb = await runToCompletion(
		spec('initdb', 'initdb', [
			'-D',
			dataDir,
			'-U',
			'postgres',
			'--auth=trust',
			'-E',
			'UTF8',
			'--locale=C.UTF-8',
			'--no-sync',
		]),
	);
	if (initdb.code !== 0) {
		rmSync(root, { recursive: true, force: true });
		throw new StackError(`initdb failed for a private PostgreSQL (see ${logFile}).`, initdb.tail);
	}
	const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
	// Speed over durability: a test's database is thrown away, and a crash test kills the server,
	// not the machine.
	const serverArgs = [
		'-D',
		dataDir,
		'-p',
		String(port),
		'-k',
		root,
		'-c',
		'listen_addresses=127.0.0.1',
		'-c',
		'fsync=off',
		'-c',
		'synchronous_commit=off',
		'-c',
		'full_page_writes=off',
		'-c',
		'max_connections=200',
		'-c',
		'shared_buffers=64MB',
	];
	let proc: ManagedProcess | undefined;

	const start = async () => {
		if (proc?.running) return;
		const started = new ManagedProcess(spec('postgres', 'postgres', serverArgs));
		proc = started;
		await waitUntil(`the private PostgreSQL at ${url}`, started, async () => {
			const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
			client.on('error', () => undefined);
			try {
				await client.connect();
				await client.query('select 1');
			} finally {
				await client.end().catch(() => undefined);
			}
		});
	};
	const signal = async (signal: NodeJS.Signals) => {
		const current = proc;
		if (!current?.running || current.pid === undefined) return;
		if (signal === 'SIGKILL') current.killNow();
		// SIGINT is PostgreSQL's fast shutdown; its SIGTERM waits for every client to leave.
		else process.kill(current.pid, signal);
		await current.exited;
		current.killNow();
	};

	try {
		await start();
	} catch (error) {
		proc?.killNow();
		rmSync(root, { recursive: true, force: true });
		throw error;
	}
	return {
		name: 'PostgreSQL',
		url,
		dir: root,
		get running() {
			return proc?.running ?? false;
		},
		start,
		stop: () => signal('SIGINT'),
		kill: () => signal('SIGKILL'),
		async cleanup() {
			await signal('SIGINT');
			rmSync(root, { recursive: true, force: true });
		},
	};
}

export async function startPrivateRedis(): Promise<PrivateService> {
	const [port] = await freePorts(1);
	const root = mkdtempSync(join(tmpdir(), 'switchboard-redis-'));
	const url = `redis://127.0.0.1:${port}`;
	const spec = {
		name: 'redis',
		command: 'redis-server',
		// No snapshots, no append-only file: a stop loses everything, as a cache's outage may.
		args: [
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			root,
		],
		env: { PATH: process.env.PATH },
		cwd: root,
		logFile: join(root, 'redis.log'),
	};
	let proc: ManagedProcess | undefined;
	const start = async () => {
		if (proc?.running) return;
		const started = new ManagedProcess(spec);
		proc = started;
		await waitUntil(`the private Redis at ${url}`, started, () => assertRedisReachable(url));
	};
	const stop = async (kill: boolean) => {
		const current = proc;
		if (!current?.running) return;
		if (kill) {
			current.killNow();
			await current.exited;
		} else {
			await current.stop();
		}
	};
	try {
		await start();
	} catch (error) {
		proc?.killNow();
		rmSync(root, { recursive: true, force: true });
		throw error;
	}
	return {
		name: 'Redis',
		url,
		dir: root,
		get running() {
			return proc?.running ?? false;
		},
		start,
		stop: () => stop(false),
		kill: () => stop(true),
		async cleanup() {
			await stop(false);
			rmSync(root, { recursive: true, force: true });
		},
	};
}

async function waitUntil(
	what: string,
	proc: ManagedProcess,
	probe: () => Promise<unknown>,
): Promise<void> {
	const deadline = Date.now() + READY_TIMEOUT_MS;
	for (;;) {
		if (!proc.running) {
			throw new StackError(
				`${what} exited during start-up (see ${proc.spec.logFile}).`,
				proc.logTail(),
			);
		}
		try {
			await probe();
			return;
		} catch (error) {
			if (Date.now() > deadline) {
				throw new StackError(
					`${what} did not answer within ${READY_TIMEOUT_MS / 1000} s (see ${proc.spec.logFile}): ${error instanceof Error ? error.message : String(error)}`,
					proc.logTail(),
				);
			}
		}
		await sleep(200);
	}
}
