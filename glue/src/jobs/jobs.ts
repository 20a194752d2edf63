// Durable jobs at an exact instant, on pg-boss (jobs live in Postgres, in a schema of their own in
// the Directus database, so they survive restarts and are backed up with everything else).
import { createHash } from 'node:crypto';
import { PgBoss } from 'pg-boss';

export interface JobsOptions {
	/** The Directus database (e.g. postgres://…/directus). */
	connectionString: string;
	/** pg-boss's own tables go here, never into public. */
	schema?: string;
	/**
	 * How often an idle worker looks for due jobs. pg-boss's floor is 500 ms: a job starts at most
	 * about this long after its time (the exact-time contract of broadcasts and reminders is 1 s).
	 */
	pollingIntervalMs?: number;
	/** Connections pg-boss may hold. */
	maxConnections?: number;
	logger?: JobsLogger;
}

/** winston's logger fits. */
export interface JobsLogger {
	info(message: string, meta?: Record<string, unknown>): void;
	warn(message: string, meta?: Record<string, unknown>): void;
}

/** What a handler receives. */
export interface DueJob<T extends object = Record<string, unknown>> {
	queue: string;
	key: string;
	data: T;
	/** The instant it was scheduled for. */
	scheduledAt: Date;
	/** How long after scheduledAt it was picked up (0 or more). */
	lateMs: number;
}

export type JobHandler<T extends object> = (job: DueJob<T>) => Promise<void>;

export interface WorkOptions<T extends object> {
	/**
	 * A job picked up more than this long after its time (the stack was down) goes to onMissed
	 * instead of the handler. Without it a late job simply runs.
	 */
	graceMs?: number;
	onMissed?: JobHandler<T>;
	/** Jobs of this queue run at once in this process. */
	concurrency?: number;
}

export interface Jobs {
	start(): Promise<void>;
	/** Stops taking jobs and waits (up to timeoutMs) for running handlers. */
	stop(timeoutMs?: number): Promise<void>;
	/** Schedules `key` in `queue` for `at`; false (and nothing changes) when the key is already scheduled. */
	schedule(queue: string, key: string, at: Date, data?: object): Promise<boolean>;
	/** Replaces whatever is scheduled under `key` (the old job is removed). */
	reschedule(queue: string, key: string, at: Date, data?: object): Promise<void>;
	/** Cancels the job if it has not run; true when there was one waiting. */
	cancel(queue: string, key: string): Promise<boolean>;
	/** When the job under `key` is due, while it is still waiting; null otherwise. */
	scheduledAt(queue: string, key: string): Promise<Date | null>;
	/** Works the queue in this process until the returned function is called (or stop()). */
	work<T extends object>(
		queue: string,
		handler: JobHandler<T>,
		options?: WorkOptions<T>,
	): Promise<() => Promise<void>>;
}

interface Envelope {
	key: string;
	scheduledAt: string;
	data: object;
}

/**
 * The job id is derived from queue and key, so that scheduling the same key twice (two clicks,
 * a retried request, two processes) inserts once: pg-boss ignores an insert whose id exists.
 */
export function jobIdFor(queue: string, key: string): string {
	const hex = createHash('sha256').update(`${queue}\u0000${key}`).digest('hex');
	// Shaped as an RFC 9562 version-8 (custom) UUID, which pg-boss's uuid column accepts.
	return [
		hex.slice(0, 8),
		hex.slice(8, 12),
		`8${hex.slice(13, 16)}`,
		`${((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}`,
		hex.slice(20, 32),
	].join('-');
}

export function createJobs(options: JobsOptions): Jobs {
	const pollingIntervalMs = Math.max(500, options.pollingIntervalMs ?? 500);
	const boss = new PgBoss({
		connectionString: options.connectionString,
		schema: options.schema ?? 'sb_jobs',
		max: options.maxConnections ?? 4,
		application_name: 'switchboard-jobs',
	});
	boss.on('error', (error: Error) =>
		options.logger?.warn('jobs: pg-boss error', { error: error.message }),
	);
	const queues = new Set<string>();
	let started: Promise<unknown> | null = null;

	async function ready(queue: string): Promise<void> {
		if (!started) throw new Error('[switchboard/jobs] call start() before using the jobs');
		await started;
		if (queues.has(queue)) return;
		// A job that fails is retried three times with backoff, then kept as failed for inspection.
		await boss.createQueue(queue, { retryLimit: 3, retryDelay: 5, retryBackoff: true });
		queues.add(queue);
	}

	async function insert(queue: string, key: string, at: Date, data: object): Promise<boolean> {
		const envelope: Envelope = { key, scheduledAt: at.toISOString(), data };
		const id = await boss.send(
			queue,
			{ ...envelope },
			{ id: jobIdFor(queue, key), startAfter: at },
		);
		return id !== null;
	}

	return {
		async start() {
			started ??= boss.start();
			await started;
		},
		async stop(timeoutMs = 10_000) {
			if (!started) return;
			await boss.stop({ graceful: true, timeout: timeoutMs, close: true });
			started = null;
			queues.clear();
		},
		async schedule(queue, key, at, data = {}) {
			await ready(queue);
			return insert(queue, key, at, data);
		},
		async reschedule(queue, key, at, data = {}) {
			await ready(queue);
			await boss.deleteJob(queue, jobIdFor(queue, key));
			await insert(queue, key, at, data);
		},
		async cancel(queue, key) {
			await ready(queue);
			const job = await boss.getJobById(queue, jobIdFor(queue, key));
			if (!job || (job.state !== 'created' && job.state !== 'retry')) return false;
			await boss.cancel(queue, job.id);
			return true;
		},
		async scheduledAt(queue, key) {
			await ready(queue);
			const job = await boss.getJobById(queue, jobIdFor(queue, key));
			if (!job || (job.state !== 'created' && job.state !== 'retry')) return null;
			return new Date((job.data as Envelope).scheduledAt);
		},
		async work<T extends object>(
			queue: string,
			handler: JobHandler<T>,
			workOptions: WorkOptions<T> = {},
		) {
			await ready(queue);
			const workerId = await boss.work<Envelope>(
				queue,
				{
					pollingIntervalSeconds: pollingIntervalMs / 1000,
					localConcurrency: workOptions.concurrency ?? 1,
				},
				async ([job]) => {
					if (!job) return;
					const scheduledAt = new Date(job.data.scheduledAt);
					const due: DueJob<T> = {
						queue,
						key: job.data.key,
						data: job.data.data as T,
						scheduledAt,
						lateMs: Math.max(0, Date.now() - scheduledAt.getTime()),
					};
					const missed =
						workOptions.graceMs !== undefined &&
						workOptions.onMissed &&
						due.lateMs > workOptions.graceMs;
					options.logger?.info('jobs: due', { queue, key: due.key, lateMs: due.lateMs, missed });
					await (missed && workOptions.onMissed ? workOptions.onMissed(due) : handler(due));
				},
			);
			return () => boss.offWork(queue, { id: workerId, wait: true });
		},
	};
}
