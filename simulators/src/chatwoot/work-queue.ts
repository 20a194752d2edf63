/**
 * The simulator's stand-in for Sidekiq: tasks in per-key order, delayed tasks, and idle() to wait
 * for all of it (tests and POST /__sim/flush). A failing task is logged and never blocks the next.
 */
export class WorkQueue {
	private readonly chains = new Map<string, Promise<void>>();
	private readonly pending = new Set<Promise<unknown>>();

	/** Runs after the previous task with the same key has finished. */
	inOrder(key: string, task: () => Promise<void>): void {
		const previous = this.chains.get(key) ?? Promise.resolve();
		const next = previous.then(task).catch(logFailure);
		this.chains.set(key, next);
		this.track(next);
	}

	/** Runs once the current request has been answered. */
	soon(task: () => void): void {
		this.track(new Promise((resolve) => setImmediate(resolve)).then(task).catch(logFailure));
	}

	later(delayMs: number, task: () => Promise<void>): void {
		const wait = new Promise((resolve) => setTimeout(resolve, delayMs));
		this.track(wait.then(task).catch(logFailure));
	}

	async idle(): Promise<void> {
		while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
	}

	/** New tasks no longer wait for the old chains; tasks already running finish. */
	clear(): void {
		this.chains.clear();
	}

	private track(promise: Promise<unknown>): void {
		this.pending.add(promise);
		const done = () => this.pending.delete(promise);
		promise.then(done, done);
	}
}

function logFailure(error: unknown): void {
	console.error('chatwoot simulator: background task failed', error);
}
