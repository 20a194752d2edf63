// The broadcast sender as its own process:
//   bash scripts/with-node24 node glue/src/broadcasts/sender-main.ts
// It runs apart from the gateway because the gateway must keep acking Meta's status webhooks
// (about three per send, ~700/s at three numbers) while sends go out at the numbers' full rate, and
// because a process of its own can be killed, restarted or doubled without touching intake: any
// number of them share the Redis pacing and claim deliveries with leases.
import { Redis } from 'ioredis';
import pg from 'pg';
import winston from 'winston';
import { z } from 'zod/v4';
import {
	createDirectusBroadcastStore,
	derivedMembersFromEnv,
	directusBroadcastRecords,
	lastCustomerMessagesIn,
	suppressedPhonesIn,
	syncBroadcastSchedules,
} from '../audience/index.ts';
import { connectDirectus } from '../content/index.ts';
import { createJobs } from '../jobs/index.ts';
import { createMetaClient } from '../meta/index.ts';
import { startBroadcastSender } from './sender.ts';

const positive = z.coerce.number().positive();
const envSchema = z.object({
	DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
	REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
	DIRECTUS_URL: z.url({ protocol: /^https?$/ }),
	DIRECTUS_AUTOMATION_TOKEN: z.string().min(1),
	META_GRAPH_URL: z
		.string()
		.default('')
		.transform((v) => v || 'https://graph.facebook.com')
		.pipe(z.url({ protocol: /^https?$/ })),
	META_API_VERSION: z
		.string()
		.default('')
		.transform((v) => v || 'v23.0')
		.pipe(z.string().regex(/^v\d{1,3}\.\d$/, 'a Graph version such as v23.0')),
	META_WHATSAPP_TOKEN: z.string().min(1, 'a system-user token with whatsapp_business_messaging'),
	META_APP_SECRET: z.string().optional(),
	BROADCAST_RATE_PER_SECOND: positive.default(80),
	// JSON, e.g. {"106540352242922": 1000} after Meta's upgrade, or 20 for a coexistence number.
	BROADCAST_RATE_PER_NUMBER: z
		.string()
		.optional()
		.transform((v, ctx) => {
			if (!v) return undefined;
			const parsed = z.record(z.string(), z.number().positive()).safeParse(JSON.parse(v));
			if (parsed.success) return parsed.data;
			ctx.addIssue({ code: 'custom', message: 'a JSON object of phone-number id → messages/s' });
			return z.NEVER;
		}),
	// The portfolio's 24-hour messaging limit (reference/meta.md §3.7): 250, 2000, 10000, 100000 or unlimited.
	WHATSAPP_MESSAGING_LIMIT: z
		.string()
		.default('unlimited')
		.transform((v) => (v === 'unlimited' ? null : Number(v)))
		.pipe(z.number().int().positive().nullable()),
	BROADCAST_GRACE_MINUTES: positive.default(15),
	// Groups defined by Chatwoot labels or a stage: the contacts are looked up in Chatwoot (an
	// administrator's token). Without them such a broadcast fails, saying so.
	CHATWOOT_URL: z.url({ protocol: /^https?$/ }).optional(),
	CHATWOOT_API_TOKEN: z.string().optional(),
	CHATWOOT_ACCOUNT_ID: z.coerce.number().int().positive().default(1),
	BROADCAST_SYNC_MS: positive.default(1_000),
	// The pacing's Redis keys: every sender of one stack must share them; stacks sharing one Redis
	// (end-to-end tests) must not.
	BROADCAST_REDIS_PREFIX: z.string().min(1).default('sb:'),
	LOG_LEVEL: z.string().default('info'),
});

const parsed = envSchema.safeParse(process.env);
if (!parsed.success) {
	process.stderr.write(`broadcast sender: bad environment:\n${z.prettifyError(parsed.error)}\n`);
	process.exit(1);
}
const env = parsed.data;
const logger = winston.createLogger({
	level: env.LOG_LEVEL,
	format: winston.format.combine(winston.format.timestamp(), winston.format.json()),
	defaultMeta: { service: 'switchboard-broadcast-sender' },
	transports: [new winston.transports.Console()],
});

const pool = new pg.Pool({
	connectionString: env.DATABASE_URL,
	max: 8,
	application_name: 'switchboard-sender',
});
pool.on('error', () => undefined);
const redis = new Redis(env.REDIS_URL);
const jobs = createJobs({ connectionString: env.DATABASE_URL, logger });
await jobs.start();
const records = directusBroadcastRecords(
	connectDirectus<object>({ url: env.DIRECTUS_URL, token: env.DIRECTUS_AUTOMATION_TOKEN }),
);
const sender = await startBroadcastSender({
	pool,
	redis,
	jobs,
	logger,
	store: createDirectusBroadcastStore({
		records,
		suppressedPhones: suppressedPhonesIn(pool),
		// The 24-hour window: the customers' messages the gateway's Meta route stored.
		lastCustomerMessages: lastCustomerMessagesIn(pool),
		// The same lookup Directus's estimate counts with (derivedMembersFromEnv).
		derivedMembers: derivedMembersFromEnv(env, pool),
	}),
	whatsapp: createMetaClient({
		graphBaseUrl: env.META_GRAPH_URL,
		apiVersion: env.META_API_VERSION,
		accessToken: env.META_WHATSAPP_TOKEN,
		appSecret: env.META_APP_SECRET,
		retries: 0,
		timeoutMs: 15_000,
	}).whatsapp,
	ratePerSecond: env.BROADCAST_RATE_PER_SECOND,
	keyPrefix: env.BROADCAST_REDIS_PREFIX,
	ratePerNumber: env.BROADCAST_RATE_PER_NUMBER,
	portfolioLimit: env.WHATSAPP_MESSAGING_LIMIT,
	graceMs: env.BROADCAST_GRACE_MINUTES * 60_000,
});
// Directus's schedule → start jobs (a broadcast scheduled, moved or cancelled in the Studio).
// One warning when reading starts to fail and one line when it works again: every BROADCAST_SYNC_MS
// (a second by default) a Directus outage would otherwise fill the log.
let scheduleFailingSince: Date | null = null;
// A read still waiting on a slow Directus is not joined by the next tick's.
let syncing = false;
const sync = setInterval(() => {
	if (syncing) return;
	syncing = true;
	syncBroadcastSchedules({ records, jobs, pool })
		.then(
			() => {
				if (!scheduleFailingSince) return;
				logger.info('broadcast sender: reading the schedule from Directus works again', {
					failingSince: scheduleFailingSince.toISOString(),
				});
				scheduleFailingSince = null;
			},
			(error: unknown) => {
				const meta = { error: error instanceof Error ? error.message : String(error) };
				if (scheduleFailingSince) {
					logger.debug('broadcast sender: reading the schedule from Directus still fails', meta);
					return;
				}
				scheduleFailingSince = new Date();
				logger.warn(
					'broadcast sender: reading the schedule from Directus failed; retrying every sync, warning again only after it recovers',
					meta,
				);
			},
		)
		.finally(() => {
			syncing = false;
		});
}, env.BROADCAST_SYNC_MS);
logger.info('broadcast sender: running', { rate: env.BROADCAST_RATE_PER_SECOND });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
	if (stopping) return;
	stopping = true;
	logger.info('broadcast sender: stopping', { signal });
	const forced = setTimeout(() => process.exit(1), 20_000);
	forced.unref();
	clearInterval(sync);
	await sender.stop();
	await jobs.stop(10_000);
	redis.disconnect();
	await pool.end();
	process.exit(0);
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
