// A sender in a process of its own, for the tests that kill one (SIGKILL mid-send) or run two on
// one broadcast, and for the bench. Plans come from a JSON file (H5's Directus store in production);
// status reports go to stdout as JSON lines.
import { readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createJobs } from '../jobs/index.ts';
import { createMetaClient } from '../meta/index.ts';
import type { BroadcastPlanInput, BroadcastStore } from './model.ts';
import type { LimiterKind } from './rate-gate.ts';
import { startBroadcastSender } from './sender.ts';

const env = process.env;
const required = (name: string): string => {
	const value = env[name];
	if (!value) throw new Error(`[test-sender-process] ${name} is required`);
	return value;
};

const pool = new pg.Pool({ connectionString: required('SB_DB_URL'), max: 6 });
pool.on('error', () => undefined);
const redis = new Redis(env.REDIS_URL ?? 'redis://127.0.0.1:6379');
const jobs = createJobs({ connectionString: required('SB_DB_URL') });
const planFile = required('SB_PLAN_FILE');

const store: BroadcastStore = {
	loadPlan(broadcastId) {
		const plans = JSON.parse(readFileSync(planFile, 'utf8')) as Record<string, BroadcastPlanInput>;
		return Promise.resolve(plans[broadcastId] ?? null);
	},
	reportStatus(broadcastId, status, counts, reason) {
		process.stdout.write(
			`${JSON.stringify({ report: { broadcastId, status, counts, reason } })}\n`,
		);
		return Promise.resolve();
	},
};

await jobs.start();
const sender = await startBroadcastSender({
	pool,
	redis,
	jobs,
	store,
	whatsapp: createMetaClient({
		graphBaseUrl: required('SB_META_URL'),
		apiVersion: 'v23.0',
		accessToken: required('SB_META_TOKEN'),
		retries: 0,
		timeoutMs: Number(env.SB_TIMEOUT_MS ?? 5_000),
	}).whatsapp,
	keyPrefix: required('SB_REDIS_PREFIX'),
	ratePerSecond: Number(env.SB_RATE ?? 80),
	ratePerNumber: env.SB_RATE_PER_NUMBER
		? (JSON.parse(env.SB_RATE_PER_NUMBER) as Record<string, number>)
		: undefined,
	limiter: (env.SB_LIMITER as LimiterKind | undefined) ?? 'gcra',
	leaseMs: Number(env.SB_LEASE_MS ?? 60_000),
	settleMs: Number(env.SB_SETTLE_MS ?? 60_000),
	portfolioLimit: null,
	pollMs: 100,
});
process.stdout.write(`${JSON.stringify({ ready: process.pid })}\n`);

const shutdown = async () => {
	await sender.stop();
	await jobs.stop(2_000);
	redis.disconnect();
	await pool.end();
	process.exit(0);
};
process.once('SIGTERM', () => void shutdown());
process.once('SIGINT', () => void shutdown());
