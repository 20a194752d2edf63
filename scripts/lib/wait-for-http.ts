import { StackError } from './stack-error.ts';
import type { ManagedProcess } from './managed-process.ts';

export interface WaitOptions {
	timeoutMs: number;
	/** Whether the answer means ready (default: a 2xx). */
	ready?: (res: Response) => boolean;
	/** Stop waiting at once if this process dies, and say why from its log. */
	process?: ManagedProcess;
	intervalMs?: number;
}

export async function waitForHttp(url: string, what: string, options: WaitOptions): Promise<void> {
	const ready = options.ready ?? ((res: Response) => res.ok);
	const deadline = Date.now() + options.timeoutMs;
	for (;;) {
		if (options.process && !options.process.running) {
			throw new StackError(
				`${what} exited during start-up (see ${options.process.spec.logFile}).`,
				options.process.logTail(),
			);
		}
		try {
			const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
			await res.arrayBuffer();
			if (ready(res)) return;
		} catch {
			// Not listening yet.
		}
		if (Date.now() > deadline) {
			throw new StackError(
				`${what} did not become healthy at ${url} within ${Math.round(options.timeoutMs / 1000)} s (see ${options.process?.spec.logFile ?? 'its log'}).`,
				options.process?.logTail(),
			);
		}
		await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
	}
}
