// Shared by the gateway's integration tests (not a test file): a throwaway ledger database, the
// Chatwoot simulator, an HTTP stand-in for n8n's webhook that we control, and real gateways on port 0.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, afterEach, before, beforeEach } from 'node:test';
import pg from 'pg';
import { databaseUrl } from '../../../scripts/lib/postgres.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_USER_TOKEN,
} from '../../../simulators/src/chatwoot/constants.ts';
import {
	resetSim,
	startHarness,
	type Harness,
} from '../../../simulators/src/chatwoot/test-support.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import type { ForwardBatch } from '../pipeline/inbound-batch.ts';
import { createLogger } from './common/logger.ts';
import { parseGatewayConfig } from './config.ts';
import { createGateway, type Gateway, type GatewayDeps } from './gateway.ts';
import { createHttpServer } from './server.ts';

export const FORWARD_SECRET = 'test-forward-secret-000001';
export const ADMIN_DATABASE_URL =
	process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Polls until `probe` returns something truthy; the deadline only turns a hang into a failure. */
export async function waitFor<T>(
	what: string,
	probe: () => T | Promise<T>,
	timeoutMs = 20_000,
): Promise<NonNullable<T>> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value as NonNullable<T>;
		if (Date.now() > deadline) assert.fail(`gave up waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
}

export interface ReceivedForward {
	headers: IncomingHttpHeaders;
	batch: ForwardBatch;
}

/** Stands in for whatever serves N8N_INBOUND_WEBHOOK_URL: records each POST, answers as told. */
export interface N8nStandIn {
	webhookUrl: string;
	forwards: ReceivedForward[];
	/** The status for each forward; 200 unless changed. May wait, as a run of workflow 01 does. */
	respond: (forward: ReceivedForward) => number | Promise<number>;
	/** The body of each answer; workflow 01's `{"status":"handled"}` unless changed. */
	body: (forward: ReceivedForward) => string;
	/** Stops listening: connections are refused until `up()`. */
	down(): Promise<void>;
	up(): Promise<void>;
	/** Every message id forwarded so far, in arrival order. */
	messageIds(): number[];
}

async function startN8nStandIn(): Promise<N8nStandIn & { close(): Promise<void> }> {
	let server: Server | undefined;
	let port = 0;
	const standIn = {
		webhookUrl: '',
		forwards: [] as ReceivedForward[],
		respond: (() => 200) as (forward: ReceivedForward) => number | Promise<number>,
		body: (() => '{"status":"handled"}') as (forward: ReceivedForward) => string,
		messageIds: () =>
			standIn.forwards.flatMap((f) => f.batch.messages.map((m) => Number(m.messageId))),
		async up() {
			if (server) return;
			server = createServer((req, res) => {
				const chunks: Buffer[] = [];
				req.on('data', (chunk: Buffer) => chunks.push(chunk));
				req.on('end', async () => {
					if (req.method === 'GET' && req.url === '/healthz') {
						res.end('{"status":"ok"}');
						return;
					}
					const forward = {
						headers: req.headers,
						batch: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ForwardBatch,
					};
					standIn.forwards.push(forward);
					res.statusCode = await standIn.respond(forward);
					res.setHeader('content-type', 'application/json');
					// What workflow 01's Respond nodes say; anything else is no acknowledgement.
					res.end(standIn.body(forward));
				});
			});
			const listening = server;
			await new Promise<void>((resolve) => listening.listen(port, '127.0.0.1', resolve));
			port = (listening.address() as AddressInfo).port;
			standIn.webhookUrl = `http://127.0.0.1:${port}/webhook/switchboard-inbound`;
		},
		async down() {
			const closing = server;
			server = undefined;
			if (!closing) return;
			closing.closeAllConnections();
			await new Promise<void>((resolve) => closing.close(() => resolve()));
		},
		close: () => standIn.down(),
	};
	await standIn.up();
	return standIn;
}

export interface LogLine {
	level: string;
	message: string;
	[field: string]: unknown;
}

export interface TestGateway {
	gateway: Gateway;
	url: string;
	/** Where Chatwoot posts: <url>/webhooks/chatwoot. */
	webhookUrl: string;
	pool: pg.Pool;
	logs: LogLine[];
	stop(): Promise<void>;
}

export interface StartOptions {
	env?: Record<string, string>;
	clock?: GatewayDeps['clock'];
	/** False: HTTP only, as if the gateway died before its forwarder ran. */
	loops?: boolean;
	/** A pool of your own (e.g. one pointing at a dead server). */
	pool?: pg.Pool;
	/** With `loops: false`, false skips the migrations too: nothing touches the database at start. */
	migrate?: boolean;
	/** The departments a dead letter's hand-off resolves its team from. */
	departments?: GatewayDeps['departments'];
	/** Where marketing's opt-out words are read (Directus at workflow 01's seam). */
	broadcastRecords?: GatewayDeps['broadcastRecords'];
}

export interface GatewayFixture {
	db: TestDatabase;
	sim: Harness;
	n8n: N8nStandIn;
	/** A gateway on port 0 with fast test timings; stopped after the test. */
	start(options?: StartOptions): Promise<TestGateway>;
	/** Makes the simulator's agent bot post to this gateway. */
	pointBotAt(gateway: TestGateway): Promise<void>;
	/** The ledger, oldest first. */
	ledger(): Promise<LedgerRow[]>;
	/** A customer writes on WhatsApp; resolves once Chatwoot's webhooks went out. */
	customerWrites(
		from: string,
		content: string,
	): Promise<{ messageId: number; conversationId: number }>;
}

export interface LedgerRow {
	id: number;
	source: string;
	status: string;
	dropReason: string | null;
	chatwootMessageId: number | null;
	attempts: number;
	payload: Record<string, unknown>;
}

/** Registers the suite's hooks; read the fixture's fields inside tests, not at describe time. */
export function useGatewayFixture(): GatewayFixture {
	const started: TestGateway[] = [];
	let ledgerPool: pg.Pool;
	let standIn: Awaited<ReturnType<typeof startN8nStandIn>>;
	const fixture = {} as GatewayFixture;

	before(async () => {
		fixture.db = await createTestDatabase();
		ledgerPool = new pg.Pool({
			connectionString: databaseUrl(ADMIN_DATABASE_URL, fixture.db.name),
			max: 2,
		});
		// pool.end() resolves before the server has closed the sessions, so the forced drop at the end
		// can still reach one; its error lands here instead of failing the run.
		ledgerPool.on('error', () => undefined);
		await migrate(ledgerPool);
		fixture.sim = await startHarness({ simulateWhatsappSend: false });
		standIn = await startN8nStandIn();
		fixture.n8n = standIn;
	});
	beforeEach(async () => {
		await resetSim(fixture.sim);
		await ledgerPool.query(
			'truncate sb_inbound_events, sb_reconciler_marks restart identity cascade',
		);
		await standIn.up();
		standIn.forwards.length = 0;
		standIn.respond = () => 200;
		standIn.body = () => '{"status":"handled"}';
	});
	afterEach(async () => {
		await Promise.all(started.splice(0).map((gateway) => gateway.stop()));
		await fixture.sim.sim.webhooks.idle();
	});
	after(async () => {
		await Promise.all(started.splice(0).map((gateway) => gateway.stop()));
		await Promise.all([fixture.sim?.close(), standIn?.close(), ledgerPool?.end()]);
		await fixture.db?.drop();
	});

	fixture.start = async (options = {}) => {
		const config = parseGatewayConfig({
			GATEWAY_PORT: '0',
			LOG_LEVEL: 'debug',
			CHATWOOT_WEBHOOK_SECRET: CHATWOOT_SIM_BOT_SECRET,
			N8N_INBOUND_WEBHOOK_URL: standIn.webhookUrl,
			GATEWAY_FORWARD_SECRET: FORWARD_SECRET,
			GATEWAY_DEBOUNCE_MS: '0',
			GATEWAY_DEBOUNCE_MAX_MS: '0',
			GATEWAY_FORWARD_MAX_ATTEMPTS: '5',
			GATEWAY_FORWARD_BACKOFF_MS: '20',
			GATEWAY_FORWARD_BACKOFF_MAX_MS: '200',
			GATEWAY_FORWARD_TIMEOUT_MS: '2000',
			GATEWAY_FORWARD_POLL_MS: '50',
			GATEWAY_RECONCILE_INTERVAL_MS: '0',
			DATABASE_URL: databaseUrl(ADMIN_DATABASE_URL, fixture.db.name),
			CHATWOOT_URL: fixture.sim.server.url,
			CHATWOOT_API_TOKEN: CHATWOOT_SIM_USER_TOKEN,
			CHATWOOT_ACCOUNT_ID: String(CHATWOOT_SIM_ACCOUNT_ID),
			...options.env,
		});
		const logs: LogLine[] = [];
		const stream = new Writable({
			write(chunk: Buffer, _encoding, done) {
				for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
					logs.push(JSON.parse(line) as LogLine);
				}
				done();
			},
		});
		const pool = options.pool ?? new pg.Pool({ connectionString: config.databaseUrl, max: 4 });
		pool.on('error', () => undefined);
		const gateway = createGateway(config, {
			pool,
			logger: createLogger({ level: config.logLevel, stream }),
			clock: options.clock,
			departments: options.departments,
			broadcastRecords: options.broadcastRecords,
		});
		if (options.loops !== false) await gateway.start();
		else if (options.migrate !== false) await migrate(pool);
		const server = createHttpServer(gateway.app, config.http).listen(0, '127.0.0.1');
		await new Promise<void>((resolve) => server.once('listening', () => resolve()));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		let stopped = false;
		const running: TestGateway = {
			gateway,
			url,
			webhookUrl: `${url}/webhooks/chatwoot`,
			pool,
			logs,
			async stop() {
				if (stopped) return;
				stopped = true;
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
				await gateway.stop();
				await pool.end().catch(() => undefined);
			},
		};
		started.push(running);
		return running;
	};

	fixture.pointBotAt = async (gateway) => {
		await fixture.sim.admin.agentBots.update(CHATWOOT_SIM_BOT_ID, {
			outgoing_url: gateway.webhookUrl,
		});
	};

	fixture.ledger = async () => {
		const { rows } = await ledgerPool.query(
			'select id::int, source, status, drop_reason as "dropReason",' +
				' chatwoot_message_id::int as "chatwootMessageId", attempts, payload' +
				' from sb_inbound_events order by id',
		);
		return rows as LedgerRow[];
	};

	fixture.customerWrites = async (from, content) => {
		const result = await fixture.sim.incoming({ inbox_id: 1, from, name: 'Maria Lopez', content });
		await fixture.sim.sim.webhooks.idle();
		return { messageId: result.message_id, conversationId: result.conversation_id };
	};

	return fixture;
}
