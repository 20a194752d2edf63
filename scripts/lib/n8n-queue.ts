// The processes of n8n's queue mode besides main (reference/n8n.md §5.1, compose's n8n-webhook and
// n8n-worker pairs): the webhook processor, which takes production webhooks and queues them in
// Redis, and the workers, which run the executions, each with its own task broker and an external
// task runner. They share main's database, encryption key, Redis prefix and user folder (our node
// package), and start beside main: n8n migrates under a Postgres advisory lock they wait for.
import { mkdirSync } from 'node:fs';
import { ManagedProcess } from './managed-process.ts';
import type { Runtimes } from './runtimes.ts';
import { launchTaskRunners, type TaskRunners } from './task-runner.ts';
import { waitForHttp } from './wait-for-http.ts';

/** One n8n process besides main, as the stack keeps it. */
export interface N8nProcessHandle {
	/** e.g. `n8n-webhook`, `n8n-worker-2`: its log is `<name>.log`. */
	name: string;
	/** Where its health checks answer (`/healthz/readiness`). */
	url: string;
	process: ManagedProcess;
	logFile: string;
}

export interface N8nWorkerHandle extends N8nProcessHandle {
	/** Its external task runner; unset when runners are internal. */
	runners?: TaskRunners;
}

export interface N8nQueueProcessOptions {
	name: string;
	/** Main's environment (n8nEnv), with queue mode in it. */
	mainEnv: NodeJS.ProcessEnv;
	userFolder: string;
	logFile: string;
}

export interface N8nWorkerOptions extends N8nQueueProcessOptions {
	/** QUEUE_HEALTH_CHECK_PORT: the worker serves only its health checks and metrics. */
	healthPort: number;
	brokerPort: number;
	/** Executions at once (compose: N8N_WORKER_CONCURRENCY, 10). */
	concurrency: number;
	/** The log of its task runner. */
	runnerLogFile: string;
}

// Main's own settings that must not reach the others (the webhook processor would read the
// first as "serve no production webhooks").
const MAIN_ONLY = ['N8N_DISABLE_PRODUCTION_MAIN_PROCESS'];

function envFrom(mainEnv: NodeJS.ProcessEnv, own: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const env = { ...mainEnv, ...own };
	for (const name of MAIN_ONLY) delete env[name];
	return env;
}

async function started<H extends N8nProcessHandle>(
	handle: H,
	what: string,
	ready: () => Promise<void> = async () => undefined,
): Promise<H> {
	try {
		await waitForHttp(`${handle.url}/healthz/readiness`, what, {
			timeoutMs: 180_000,
			process: handle.process,
		});
		await ready();
		return handle;
	} catch (error) {
		await handle.process.stop();
		throw error;
	}
}

/** `n8n webhook` on `port`: production /webhook/* only, each queued for the workers. */
export function startN8nWebhook(
	options: N8nQueueProcessOptions & { port: number },
	runtimes: Runtimes,
): Promise<N8nProcessHandle> {
	mkdirSync(options.userFolder, { recursive: true });
	const proc = new ManagedProcess({
		name: options.name,
		command: process.execPath,
		args: [runtimes.n8nBin, 'webhook'],
		env: envFrom(options.mainEnv, { N8N_PORT: String(options.port) }),
		cwd: options.userFolder,
		logFile: options.logFile,
	});
	const url = `http://127.0.0.1:${options.port}`;
	return started(
		{ name: options.name, url, process: proc, logFile: options.logFile },
		`n8n's webhook processor (${options.name})`,
	);
}

/** `n8n worker`, and its external task runner once the worker's task broker answers. */
export async function startN8nWorker(
	options: N8nWorkerOptions,
	runtimes: Runtimes,
): Promise<N8nWorkerHandle> {
	mkdirSync(options.userFolder, { recursive: true });
	const proc = new ManagedProcess({
		name: options.name,
		command: process.execPath,
		args: [runtimes.n8nBin, 'worker', `--concurrency=${options.concurrency}`],
		env: envFrom(options.mainEnv, {
			QUEUE_HEALTH_CHECK_PORT: String(options.healthPort),
			N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
			N8N_RUNNERS_BROKER_PORT: String(options.brokerPort),
		}),
		cwd: options.userFolder,
		logFile: options.logFile,
	});
	const handle: N8nWorkerHandle = {
		name: options.name,
		url: `http://127.0.0.1:${options.healthPort}`,
		process: proc,
		logFile: options.logFile,
	};
	const authToken = options.mainEnv.N8N_RUNNERS_AUTH_TOKEN;
	return started(handle, `n8n worker (${options.name})`, async () => {
		if (options.mainEnv.N8N_RUNNERS_MODE !== 'external' || !authToken) return;
		await waitForHttp(
			`http://127.0.0.1:${options.brokerPort}/healthz`,
			`the task broker of ${options.name}`,
			{ timeoutMs: 60_000, process: proc },
		);
		handle.runners = launchTaskRunners(
			proc,
			{
				brokerPort: options.brokerPort,
				authToken,
				logFile: options.runnerLogFile,
				cwd: options.userFolder,
				...(options.mainEnv.GENERIC_TIMEZONE ? { timezone: options.mainEnv.GENERIC_TIMEZONE } : {}),
			},
			runtimes,
		);
	});
}
