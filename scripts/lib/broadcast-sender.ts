// Runs the broadcast sender (glue/src/broadcasts/sender-main.ts) as its own process, the way
// production runs it beside the gateway, for the local stack and the end-to-end tests.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ManagedProcess } from './managed-process.ts';
import { StackError } from './stack-error.ts';

export const BROADCAST_SENDER_ENTRY = join(
	import.meta.dirname,
	'..',
	'..',
	'glue',
	'src',
	'broadcasts',
	'sender-main.ts',
);

/** What sender-main.ts logs once its jobs, pacing and schedule sync run. */
const READY_LINE = 'broadcast sender: running';

export interface BroadcastSenderOptions {
	/** The Directus database: deliveries, suppressions and the job queue live there. */
	databaseUrl: string;
	redisUrl: string;
	/** Where broadcasts are read and their status written (the Automation user's token). */
	directus: { url: string; token: string };
	/** Groups defined by Chatwoot labels or a stage are looked up there (an administrator's token). */
	chatwoot?: { url: string; apiToken: string; accountId: number };
	/** The Graph API (or the Meta simulator) and a token with whatsapp_business_messaging. */
	meta: { graphUrl: string; token: string; appSecret?: string };
	logFile: string;
	cwd: string;
	/** BROADCAST_* tuning, e.g. BROADCAST_RATE_PER_SECOND, BROADCAST_SYNC_MS. */
	extraEnv?: NodeJS.ProcessEnv;
	/** How long to wait for the ready line; 60 s by default. */
	timeoutMs?: number;
}

export interface BroadcastSenderHandle {
	process: ManagedProcess;
}

/** The sender's environment: nothing inherited but PATH and HOME. */
export function broadcastSenderEnv(options: BroadcastSenderOptions): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		NODE_COMPILE_CACHE: join(homedir(), '.cache', 'switchboard', 'node-compile-cache'),
		DATABASE_URL: options.databaseUrl,
		REDIS_URL: options.redisUrl,
		DIRECTUS_URL: options.directus.url,
		DIRECTUS_AUTOMATION_TOKEN: options.directus.token,
		META_GRAPH_URL: options.meta.graphUrl,
		META_WHATSAPP_TOKEN: options.meta.token,
		...(options.meta.appSecret ? { META_APP_SECRET: options.meta.appSecret } : {}),
		...(options.chatwoot
			? {
					CHATWOOT_URL: options.chatwoot.url,
					CHATWOOT_API_TOKEN: options.chatwoot.apiToken,
					CHATWOOT_ACCOUNT_ID: String(options.chatwoot.accountId),
				}
			: {}),
		...options.extraEnv,
	};
}

export async function startBroadcastSenderProcess(
	options: BroadcastSenderOptions,
): Promise<BroadcastSenderHandle> {
	// The log is appended to across restarts: only what this start writes counts.
	const offset = existsSync(options.logFile) ? statSync(options.logFile).size : 0;
	const proc = new ManagedProcess({
		name: 'broadcast-sender',
		command: process.execPath,
		args: [BROADCAST_SENDER_ENTRY],
		cwd: options.cwd,
		logFile: options.logFile,
		env: broadcastSenderEnv(options),
	});
	const deadline = Date.now() + (options.timeoutMs ?? 60_000);
	const logged = () => {
		try {
			return readFileSync(options.logFile).subarray(offset).toString('utf8');
		} catch {
			return '';
		}
	};
	for (;;) {
		if (logged().includes(READY_LINE)) return { process: proc };
		if (!proc.running) {
			throw new StackError(
				`The broadcast sender exited during start-up (see ${options.logFile}).`,
				proc.logTail(),
			);
		}
		if (Date.now() > deadline) {
			await proc.stop();
			throw new StackError(
				`The broadcast sender did not start within ${Math.round((options.timeoutMs ?? 60_000) / 1000)} s (see ${options.logFile}).`,
				proc.logTail(),
			);
		}
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}
