// What the broadcast tests and the bench share: a throwaway database with the migrations, a Redis
// key prefix of their own, the Meta simulator, and a webhook receiver that does what the gateway's
// Meta route does with statuses (verify the signature, apply them to the deliveries).
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import type { Pool } from 'pg';
import { listen, type RunningServer } from '../../../simulators/src/common/listen.ts';
import {
	createMetaSimulator,
	type MetaSimConfigInput,
	type MetaSimulator,
} from '../../../simulators/src/meta/index.ts';
import { databaseUrl } from '../../../scripts/lib/postgres.ts';
import { createJobs, type Jobs } from '../jobs/index.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { createMetaClient, verifyMetaSignature, type MetaClient } from '../meta/index.ts';
import type {
	BroadcastPlanInput,
	BroadcastRunStatus,
	BroadcastStore,
	DeliveryCounts,
	DeliveryStatusInput,
} from './model.ts';
import { applyDeliveryStatuses } from './statuses.ts';

export const APP_SECRET = 'h4_test_app_secret';
export const TOKEN = 'h4-test-token';
export const PHONE_ID = '106540352242922';
export const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface Report {
	broadcastId: string;
	status: BroadcastRunStatus;
	counts: DeliveryCounts;
	reason?: string;
}

/** The BroadcastStore H5 backs with Directus, kept in memory. */
export class MemoryStore implements BroadcastStore {
	readonly plans = new Map<string, BroadcastPlanInput>();
	readonly reports: Report[] = [];
	private readonly waiters: { test: (r: Report) => boolean; resolve: (r: Report) => void }[] = [];

	loadPlan(broadcastId: string): Promise<BroadcastPlanInput | null> {
		return Promise.resolve(this.plans.get(broadcastId) ?? null);
	}

	reportStatus(
		broadcastId: string,
		status: BroadcastRunStatus,
		counts: DeliveryCounts,
		reason?: string,
	): Promise<void> {
		const report = { broadcastId, status, counts, reason };
		this.reports.push(report);
		for (const waiter of [...this.waiters]) {
			if (!waiter.test(report)) continue;
			this.waiters.splice(this.waiters.indexOf(waiter), 1);
			waiter.resolve(report);
		}
		return Promise.resolve();
	}

	/** Resolves with the first report (past or future) of `broadcastId` in one of `statuses`. */
	waitFor(broadcastId: string, statuses: BroadcastRunStatus[]): Promise<Report> {
		const test = (r: Report) => r.broadcastId === broadcastId && statuses.includes(r.status);
		const seen = this.reports.find(test);
		if (seen) return Promise.resolve(seen);
		return new Promise((resolve) => this.waiters.push({ test, resolve }));
	}
}

export interface HarnessOptions {
	sim?: MetaSimConfigInput;
	/** The client's timeout per send (a held answer past it is an unknown outcome). */
	timeoutMs?: number;
}

export interface BroadcastHarness {
	db: TestDatabase;
	connectionString: string;
	pool: Pool;
	redis: Redis;
	keyPrefix: string;
	sim: MetaSimulator;
	simUrl: string;
	/** The status receiver's URL (the simulator's webhook), for a simulator run elsewhere (the bench). */
	receiverUrl: string;
	meta: MetaClient;
	jobs: Jobs;
	store: MemoryStore;
	/** Statuses the receiver applied (and those it ignored). */
	webhooks: { received: number; applied: number; ignored: number; badSignature: number };
	close(): Promise<void>;
}

/** A webhook receiver playing the gateway's Meta route for statuses. */
function startStatusReceiver(pool: Pool, counters: BroadcastHarness['webhooks']): Promise<Server> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const signature = req.headers['x-hub-signature-256'];
			if (
				!verifyMetaSignature(APP_SECRET, raw, typeof signature === 'string' ? signature : undefined)
			) {
				counters.badSignature += 1;
				res.writeHead(401).end();
				return;
			}
			counters.received += 1;
			const body = JSON.parse(raw.toString('utf8')) as {
				entry?: { changes?: { value?: { statuses?: DeliveryStatusInput[] } }[] }[];
			};
			const statuses = (body.entry ?? []).flatMap((e) =>
				(e.changes ?? []).flatMap((c) => c.value?.statuses ?? []),
			);
			applyDeliveryStatuses(pool, statuses).then(
				(result) => {
					counters.applied += result.applied;
					counters.ignored += result.ignored;
					res.writeHead(200).end();
				},
				() => res.writeHead(500).end(),
			);
		});
	});
	return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

export async function startHarness(options: HarnessOptions = {}): Promise<BroadcastHarness> {
	const db = await createTestDatabase();
	const connectionString = databaseUrl(adminUrl, db.name);
	const pool = db.pool();
	await migrate(pool);
	const keyPrefix = `sbtest:h4:${randomBytes(4).toString('hex')}:`;
	const redis = new Redis(REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
	const webhooks = { received: 0, applied: 0, ignored: 0, badSignature: 0 };
	const receiver = await startStatusReceiver(pool, webhooks);
	const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/webhooks/meta`;
	const sim = createMetaSimulator({
		appSecret: APP_SECRET,
		accessTokens: [{ token: TOKEN }],
		webhookUrl: receiverUrl,
		...options.sim,
		statuses: { delayMs: 20, ...options.sim?.statuses },
		delivery: { retryDelaysMs: [200, 1000], ...options.sim?.delivery },
	});
	const simServer: RunningServer = await listen(sim.app);
	const meta = createMetaClient({
		graphBaseUrl: simServer.url,
		apiVersion: 'v23.0',
		accessToken: TOKEN,
		retries: 0,
		timeoutMs: options.timeoutMs ?? 5_000,
	});
	const jobs = createJobs({ connectionString, pollingIntervalMs: 500 });
	await jobs.start();
	return {
		db,
		connectionString,
		pool,
		redis,
		keyPrefix,
		sim,
		simUrl: simServer.url,
		receiverUrl,
		meta,
		jobs,
		store: new MemoryStore(),
		webhooks,
		async close() {
			await jobs.stop(2_000);
			sim.stop();
			await simServer.close();
			receiver.closeAllConnections();
			await new Promise<void>((resolve) => receiver.close(() => resolve()));
			const keys = await redis.keys(`${keyPrefix}*`);
			if (keys.length > 0) await redis.del(...keys);
			redis.disconnect();
			await db.drop();
		},
	};
}

/** Recipients 34600000001… with a one-parameter template (the simulator's seeded ones). */
export function planOf(
	broadcastId: string,
	count: number,
	overrides: Partial<BroadcastPlanInput> = {},
	firstPhone = 34_600_000_001,
): BroadcastPlanInput {
	return {
		broadcastId,
		phoneNumberId: PHONE_ID,
		scheduledAt: new Date(),
		recipients: Array.from({ length: count }, (_, i) => ({
			recipientId: `r${i + 1}`,
			phone: `+${firstPhone + i}`,
			message: { kind: 'template' as const, name: 'hello_world', language: 'en_US' },
		})),
		...overrides,
	};
}

/** Sends the simulator accepted, by recipient (digits). */
export function acceptedByRecipient(sim: MetaSimulator): Map<string, number> {
	const counts = new Map<string, number>();
	for (const message of sim.state.whatsapp.messages.values()) {
		counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
	}
	return counts;
}
