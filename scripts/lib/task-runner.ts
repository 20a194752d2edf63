// n8n's JavaScript task runner in external mode, started natively the way the n8nio/runners
// sidecar's launcher starts it (compose/docker-compose.yml, x-n8n-runners): trade the shared auth
// token for a one-time grant token at the process's task broker, then run @n8n/task-runner with it,
// and do it again whenever the runner exits while its broker lives (a grant is single use). The
// runner gets none of n8n's environment: a Code node cannot read the encryption key or the
// database password.
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { delayFor } from '@switchboard/glue/common';
import { ManagedProcess } from './managed-process.ts';
import type { Runtimes } from './runtimes.ts';
import { StackError } from './stack-error.ts';

export interface TaskRunnerOptions {
	/** The task broker of the n8n process the runner serves (N8N_RUNNERS_BROKER_PORT). */
	brokerPort: number;
	/** N8N_RUNNERS_AUTH_TOKEN, the same as the broker's. */
	authToken: string;
	logFile: string;
	cwd: string;
	/** GENERIC_TIMEZONE, for Luxon in Code nodes, as compose passes it to the sidecar. */
	timezone?: string;
}

export interface TaskRunners {
	/** The runner process now, if one runs (each restart replaces it). */
	readonly current: ManagedProcess | undefined;
	/** How many runner processes were started. */
	readonly launches: number;
	/** Stops the runner and starts no other; also happens by itself once the broker's process exits. */
	stop(): Promise<void>;
}

// The broker is on the loopback: a short backoff brings a runner back soon after its n8n process.
const RESTART = { baseDelayMs: 250, maxDelayMs: 4000, attempts: Number.POSITIVE_INFINITY };

/** The runner's whole environment: what n8n's internal mode passes, nothing of n8n's own. */
export function taskRunnerEnv(options: TaskRunnerOptions, grantToken: string): NodeJS.ProcessEnv {
	return {
		PATH: process.env.PATH,
		HOME: process.env.HOME,
		N8N_RUNNERS_TASK_BROKER_URI: `http://127.0.0.1:${options.brokerPort}`,
		N8N_RUNNERS_GRANT_TOKEN: grantToken,
		// The n8nio/runners image's limits (compose's x-n8n-runners-env).
		NODE_OPTIONS: '--max-old-space-size=160',
		...(options.timezone ? { GENERIC_TIMEZONE: options.timezone } : {}),
	};
}

/** POST /runners/auth on the broker: the shared token for a grant token (valid 30 s, once). */
export async function fetchGrantToken(brokerPort: number, authToken: string): Promise<string> {
	const url = `http://127.0.0.1:${brokerPort}/runners/auth`;
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ token: authToken }),
		signal: AbortSignal.timeout(5000),
	});
	const body = (await res.json().catch(() => undefined)) as
		| { data?: { token?: string } }
		| undefined;
	if (!res.ok || !body?.data?.token) {
		throw new StackError(
			`n8n's task broker at ${url} gave no grant token (HTTP ${res.status}): n8n and its runners need the same N8N_RUNNERS_AUTH_TOKEN.`,
		);
	}
	return body.data.token;
}

function spawnRunner(
	options: TaskRunnerOptions,
	runtimes: Runtimes,
	grant: string,
): ManagedProcess {
	return new ManagedProcess({
		name: 'n8n task runner',
		command: process.execPath,
		// n8n's own flags for its JS runner (task-runner-process-js.js, secure mode).
		args: [
			'--disallow-code-generation-from-strings',
			'--disable-proto=delete',
			join(runtimes.n8nRoot, 'node_modules', '@n8n', 'task-runner', 'dist', 'start.js'),
		],
		env: taskRunnerEnv(options, grant),
		cwd: options.cwd,
		logFile: options.logFile,
	});
}

/**
 * Keeps one JavaScript runner connected to the task broker of `broker` (an n8n process started
 * with N8N_RUNNERS_MODE=external) for as long as that process runs.
 */
export function launchTaskRunners(
	broker: ManagedProcess,
	options: TaskRunnerOptions,
	runtimes: Runtimes,
): TaskRunners {
	let current: ManagedProcess | undefined;
	let launches = 0;
	let stopped = false;
	const live = () => !stopped && broker.running;
	const loop = (async () => {
		for (let failures = 0; live(); ) {
			try {
				const grant = await fetchGrantToken(options.brokerPort, options.authToken);
				if (!live()) break;
				current = spawnRunner(options, runtimes, grant);
				launches += 1;
				const startedAt = Date.now();
				await Promise.race([current.exited, broker.exited]);
				// A runner that served a while and then exited starts again at once.
				failures = Date.now() - startedAt > 30_000 ? 0 : failures + 1;
			} catch {
				// The broker is not answering yet (or any more): wait and ask again.
				failures += 1;
			}
			if (live()) await sleep(delayFor(RESTART, failures, null, () => 1));
		}
		await current?.stop();
	})();
	return {
		get current() {
			return current?.running ? current : undefined;
		},
		get launches() {
			return launches;
		},
		async stop() {
			stopped = true;
			await current?.stop();
			await loop;
		},
	};
}
