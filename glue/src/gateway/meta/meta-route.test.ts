// Meta's WhatsApp callback on a real gateway (in process, port 0), real PostgreSQL and the Chatwoot
// simulator's /webhooks/whatsapp/+<number>: handshake, signature, storage before the 200, one item
// per Chatwoot payload, retries while Chatwoot is down, statuses to the delivery-status hook, and
// every real WhatsApp payload of the shared corpus.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import pg from 'pg';
import { databaseUrl } from '../../../../scripts/lib/postgres.ts';
import {
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_INBOXES,
} from '../../../../simulators/src/chatwoot/constants.ts';
import { defaultSeed } from '../../../../simulators/src/chatwoot/seed.ts';
import { listen } from '../../../../simulators/src/common/listen.ts';
import { createMetaSimulator } from '../../../../simulators/src/meta/index.ts';
import {
	resetSim,
	startHarness,
	type Harness,
} from '../../../../simulators/src/chatwoot/test-support.ts';
import { metaReferralOf } from '../../log-store/meta-events.ts';
import { migrate } from '../../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../../log-store/test-database.ts';
import { META_DROP_REASONS, splitWhatsAppWebhook } from '../../meta/whatsapp-webhook.ts';
import type { DeliveryStatusHook, WhatsAppStatusUpdate } from '../../meta/whatsapp-status.ts';
import { createLogger } from '../common/logger.ts';
import { parseGatewayConfig } from '../config.ts';
import { createGateway } from '../gateway.ts';
import { createHttpServer } from '../server.ts';
import { ADMIN_DATABASE_URL, waitFor } from '../test-support.ts';

const APP_SECRET = 'test-meta-app-secret-0001';
const VERIFY_TOKEN = 'test-meta-verify-token-01';
const CORPUS = join(import.meta.dirname, '../../../../../shared/reference/corpus/whatsapp');
// The numbers the corpus's payloads were recorded for, as Chatwoot inboxes (E.164, no spaces).
const CORPUS_INBOXES = [
	{ id: 11, name: 'Courier corpus', phoneNumber: '+250788123200', phoneNumberId: '1234567890' },
	{ id: 12, name: 'pywa corpus', phoneNumber: '+972123456789', phoneNumberId: '1122334455667' },
	{ id: 13, name: 'Meta docs', phoneNumber: '+15550783881', phoneNumberId: '106540352242922' },
];
// Whatsapp::IncomingMessageService skips these types (reference/chatwoot.md §4).
const CHATWOOT_SKIPS = new Set(['reaction', 'ephemeral', 'request_welcome']);

/** chatwoot/config as the business would write it: one department per number the tests use. */
function chatwootConfigFile(dir: string): string {
	const numbers = [...Object.values(CHATWOOT_SIM_INBOXES), ...CORPUS_INBOXES];
	const departments = numbers.map(
		(inbox, i) =>
			`  - key: dept_${i}\n    name: ${inbox.name}\n    whatsapp:\n` +
			`      - inbox: ${inbox.name}\n        number: '${inbox.phoneNumber}'\n` +
			`        phone_number_id: '${inbox.phoneNumberId}'\n`,
	);
	const file = join(dir, 'chatwoot.yaml');
	writeFileSync(
		file,
		`account:\n  id: 1\ndepartments:\n${departments.join('')}` +
			`labels:\n${numbers.map((_, i) => `  - title: dept-dept_${i}\n`).join('')}` +
			'agent_bot:\n  name: Bot\n  outgoing_url: ${GATEWAY_PUBLIC_URL}/webhooks/chatwoot\n',
	);
	return file;
}

const sign = (body: Buffer | string, secret = APP_SECRET) =>
	`sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

interface RunningGateway {
	url: string;
	pool: pg.Pool;
	logs: string[];
	stop(): Promise<void>;
}

interface EventRow {
	id: number;
	kind: string;
	wamid: string | null;
	displayNumber: string | null;
	forwardState: string;
	dropReason: string | null;
	attempts: number;
	appliedAt: Date | null;
}

describe('gateway Meta webhook route', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	let sim: Harness;
	let configDir: string;
	let configFile: string;
	const running: RunningGateway[] = [];

	before(async () => {
		configDir = mkdtempSync(join(tmpdir(), 'sb-meta-route-'));
		configFile = chatwootConfigFile(configDir);
		db = await createTestDatabase();
		pool = new pg.Pool({ connectionString: databaseUrl(ADMIN_DATABASE_URL, db.name), max: 2 });
		pool.on('error', () => undefined);
		await migrate(pool);
		const seed = defaultSeed();
		sim = await startHarness({
			simulateWhatsappSend: false,
			whatsappAppSecret: APP_SECRET,
			seed: {
				...seed,
				inboxes: [
					...(seed.inboxes ?? []),
					...CORPUS_INBOXES.map((inbox) => ({
						...inbox,
						accountId: 1,
						agentBotId: CHATWOOT_SIM_BOT_ID,
					})),
				],
			},
		});
	});
	beforeEach(async () => {
		await resetSim(sim);
		await pool.query('truncate sb_meta_webhooks, sb_meta_events restart identity cascade');
	});
	afterEach(async () => {
		await Promise.all(running.splice(0).map((gateway) => gateway.stop()));
		await sim.sim.webhooks.idle();
	});
	after(async () => {
		await Promise.all([sim?.close(), pool?.end()]);
		await db?.drop();
		rmSync(configDir, { recursive: true, force: true });
	});

	async function startGateway(
		options: { hook?: DeliveryStatusHook; chatwootUrl?: string; appSecret?: string } = {},
	): Promise<RunningGateway> {
		const config = parseGatewayConfig({
			GATEWAY_PORT: '0',
			LOG_LEVEL: 'debug',
			CHATWOOT_WEBHOOK_SECRET: 'unused-bot-secret-0001',
			N8N_INBOUND_WEBHOOK_URL: 'http://127.0.0.1:9/webhook/unused',
			GATEWAY_FORWARD_SECRET: 'test-forward-secret-000001',
			GATEWAY_FORWARD_BACKOFF_MS: '20',
			GATEWAY_FORWARD_BACKOFF_MAX_MS: '200',
			GATEWAY_FORWARD_TIMEOUT_MS: '2000',
			GATEWAY_FORWARD_POLL_MS: '50',
			GATEWAY_RECONCILE_INTERVAL_MS: '0',
			DATABASE_URL: databaseUrl(ADMIN_DATABASE_URL, db.name),
			CHATWOOT_URL: options.chatwootUrl ?? sim.server.url,
			META_APP_SECRET: options.appSecret ?? APP_SECRET,
			META_WEBHOOK_VERIFY_TOKEN: VERIFY_TOKEN,
			CHATWOOT_CONFIG_FILE: configFile,
		});
		const logs: string[] = [];
		const stream = new Writable({
			write(chunk: Buffer, _encoding, done) {
				logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
				done();
			},
		});
		const gatewayPool = new pg.Pool({ connectionString: config.databaseUrl, max: 4 });
		gatewayPool.on('error', () => undefined);
		const gateway = createGateway(config, {
			pool: gatewayPool,
			logger: createLogger({ level: config.logLevel, stream }),
			deliveryStatuses: options.hook,
		});
		await gateway.start();
		const server = createHttpServer(gateway.app, config.http).listen(0, '127.0.0.1');
		await new Promise<void>((resolve) => server.once('listening', () => resolve()));
		const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const handle: RunningGateway = {
			url,
			pool: gatewayPool,
			logs,
			async stop() {
				server.closeAllConnections();
				await new Promise<void>((resolve) => server.close(() => resolve()));
				await gateway.stop();
				await gatewayPool.end().catch(() => undefined);
			},
		};
		running.push(handle);
		return handle;
	}

	const post = (gateway: RunningGateway, body: Buffer | string, signature = sign(body)) =>
		fetch(`${gateway.url}/webhooks/meta`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
			body,
		});

	const events = async (): Promise<EventRow[]> =>
		(
			await pool.query(
				'select id::int, kind, wamid, display_number as "displayNumber",' +
					' forward_state as "forwardState", drop_reason as "dropReason", attempts,' +
					' applied_at as "appliedAt" from sb_meta_events order by id',
			)
		).rows as EventRow[];

	const settled = () =>
		waitFor('every stored item forwarded or dropped', async () => {
			const rows = await events();
			return rows.every((row) => ['done', 'dropped', 'dead'].includes(row.forwardState))
				? rows
				: null;
		});

	/** The Chatwoot messages of the inbox with this number, by wamid. */
	const chatwootMessage = (phoneNumber: string, wamid: string) => {
		const inbox = sim.sim.state.inboxByPhone(phoneNumber);
		return sim.sim.state.messages.find((m) => m.inboxId === inbox?.id && m.sourceId === wamid);
	};

	const textMessage = (id: string, body: string, from = '5215512345678') => ({
		from,
		id,
		timestamp: '1750000000',
		type: 'text',
		text: { body },
	});
	// Sales, as the simulator's default seed has it.
	const envelope = (
		value: Record<string, unknown>,
		display = '15550000001',
		phoneNumberId = '1555000000001',
	) => ({
		object: 'whatsapp_business_account',
		entry: [
			{
				id: '102290129340398',
				changes: [
					{
						field: 'messages',
						value: {
							messaging_product: 'whatsapp',
							metadata: { display_phone_number: display, phone_number_id: phoneNumberId },
							...value,
						},
					},
				],
			},
		],
	});

	describe('GET handshake', () => {
		it('should answer the challenge byte for byte when the verify token is right', async () => {
			const gateway = await startGateway();
			const query = `hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${VERIFY_TOKEN}`;
			const res = await fetch(`${gateway.url}/webhooks/meta?${query}`);
			assert.equal(res.status, 200);
			assert.equal(await res.text(), '1158201444');
		});

		it('should refuse a wrong or missing verify token with a 4xx', async () => {
			const gateway = await startGateway();
			for (const query of [
				'hub.mode=subscribe&hub.challenge=1&hub.verify_token=wrong-token-000',
				'hub.mode=subscribe&hub.challenge=1',
				`hub.mode=unsubscribe&hub.challenge=1&hub.verify_token=${VERIFY_TOKEN}`,
			]) {
				const res = await fetch(`${gateway.url}/webhooks/meta?${query}`);
				assert.equal(res.status, 403, query);
				assert.doesNotMatch(await res.text(), /^1$/);
			}
		});
	});

	describe('POST signature', () => {
		it('should refuse a wrong, foreign or missing signature with 401 and store nothing', async () => {
			const gateway = await startGateway();
			const body = JSON.stringify(envelope({ messages: [textMessage('wamid.SIG1', 'hola')] }));
			for (const signature of [
				sign(body, 'another-app-secret-0001'),
				sign(`${body} `),
				'sha256=',
				'',
			]) {
				const res = await post(gateway, body, signature);
				assert.equal(res.status, 401, signature);
			}
			assert.equal(
				(await pool.query('select count(*)::int as n from sb_meta_webhooks')).rows[0].n,
				0,
			);
			assert.deepEqual(await events(), []);
		});

		it('should check the raw bytes as Meta signed them (reference/meta.md §1.2 test vector)', async () => {
			const reference = join(CORPUS, '../../meta');
			const body = readFileSync(join(reference, 'signature-test-body.json'));
			const gateway = await startGateway({ appSecret: 'test_app_secret' });
			const expected = 'sha256=f36c508e13224497581a9a1bf4dc4c97e42f4b1194c8888783a6a0ed6257e3af';
			// The classic bug: a receiver that re-serialises the JSON computes this one instead.
			const reserialised =
				'sha256=0e5ec9bb62a6a4c882c2369faaf870ea037b79d0c015c488b2c1bb8b677397cc';
			assert.equal((await post(gateway, body, reserialised)).status, 401);
			assert.equal((await post(gateway, body, expected)).status, 200);
			const stored = await pool.query('select body from sb_meta_webhooks');
			assert.equal(stored.rows[0]?.body, body.toString('utf8'));
		});

		it('should refuse signed bytes that are not JSON with 400', async () => {
			const gateway = await startGateway();
			const res = await post(gateway, '{"object":');
			assert.equal(res.status, 400);
			assert.deepEqual(await events(), []);
		});
	});

	it('should deliver a batched payload of two customer messages to Chatwoot as two', async () => {
		const gateway = await startGateway();
		const body = JSON.stringify(
			envelope({
				contacts: [{ profile: { name: 'Maria Lopez' }, wa_id: '5215512345678' }],
				messages: [
					textMessage('wamid.BATCH1', 'Hola, ¿tienen fibra en Coyoacán?'),
					textMessage('wamid.BATCH2', 'Y el precio, por favor'),
				],
			}),
		);
		const res = await post(gateway, body);
		assert.equal(res.status, 200);
		await settled();
		const first = await waitFor('the first message in Chatwoot', () =>
			chatwootMessage('+15550000001', 'wamid.BATCH1'),
		);
		const second = await waitFor('the second message in Chatwoot', () =>
			chatwootMessage('+15550000001', 'wamid.BATCH2'),
		);
		assert.equal(first.content, 'Hola, ¿tienen fibra en Coyoacán?');
		assert.equal(second.content, 'Y el precio, por favor');
		assert.equal(first.conversationId, second.conversationId);
		assert.ok(first.id < second.id, 'in the order Meta listed them');
		const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
		assert.match(metrics, /sb_gateway_meta_webhooks_total\{outcome="stored"\} 1\n/);
		assert.match(metrics, /sb_gateway_meta_items_stored_total\{kind="message"\} 2\n/);
		assert.match(metrics, /sb_gateway_meta_forwards_total\{outcome="done"\} 2\n/);
	});

	it('should store a message with a NUL character (valid JSON that jsonb refuses) beside others', async () => {
		const gateway = await startGateway();
		const bodies = [
			JSON.stringify(envelope({ messages: [textMessage('wamid.NUL', 'a\u0000b')] })),
			JSON.stringify(envelope({ messages: [textMessage('wamid.PLAIN', 'hola')] })),
		];
		const answers = await Promise.all(bodies.map((body) => post(gateway, body)));
		assert.deepEqual(
			answers.map((res) => res.status),
			[200, 200],
		);
		await settled();
		await waitFor('both in Chatwoot', () =>
			['wamid.NUL', 'wamid.PLAIN'].every((id) => chatwootMessage('+15550000001', id)),
		);
	});

	it('should carry a message written at the Meta simulator through the gateway into the inbox, as npm start wires them', async () => {
		const gateway = await startGateway();
		// scripts/start.ts: the simulator's callback is the gateway, signed with the same app secret,
		// and its numbers are chatwoot/config's (Support here, written with spaces as Meta may).
		const meta = createMetaSimulator({
			appSecret: APP_SECRET,
			verifyToken: VERIFY_TOKEN,
			webhookUrl: `${gateway.url}/webhooks/meta`,
			businessNumbers: [
				{
					phoneNumberId: CHATWOOT_SIM_INBOXES.support.phoneNumberId,
					displayPhoneNumber: CHATWOOT_SIM_INBOXES.support.phoneNumber.slice(1),
					wabaId: '102290129340398',
				},
			],
		});
		const server = await listen(meta.app);
		try {
			const admin = (path: string, body: unknown) =>
				fetch(`${server.url}/__sim/${path}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify(body),
				}).then(async (res) => ({ status: res.status, body: (await res.json()) as unknown }));
			const handshake = await admin('verify-webhook', {});
			assert.deepEqual((handshake.body as { verified: boolean }).verified, true);
			const inbound = await admin('inbound', {
				to_number: '+1 555 000 0002',
				from: '5215599990000',
				name: 'Rosa Díaz',
				text: 'Mi router parpadea en rojo',
			});
			assert.equal(inbound.status, 200);
			assert.equal((inbound.body as { delivery: { status: number } }).delivery.status, 200);
			const { id } = inbound.body as { id: string };
			const message = await waitFor('the message in the Support inbox', () =>
				chatwootMessage(CHATWOOT_SIM_INBOXES.support.phoneNumber, id),
			);
			assert.equal(message.content, 'Mi router parpadea en rojo');
		} finally {
			meta.stop();
			await server.close();
		}
	});

	it('should store and drop, never forward, an event for a number chatwoot/config does not list', async () => {
		const gateway = await startGateway();
		// A number of the WABA without an inbox of ours; the simulator has no inbox for it either,
		// so a forward would be answered 404 and retried as a dead letter in the making.
		const stranger = (id: string) =>
			JSON.stringify(
				envelope(
					{
						contacts: [{ profile: { name: 'Maria Lopez' }, wa_id: '5215512345678' }],
						messages: [textMessage(id, 'hola')],
						statuses: [
							{ id: `${id}.S`, status: 'read', timestamp: '1750030080', recipient_id: '1' },
						],
					},
					'1 555 000 0099',
					'1555000000099',
				),
			);
		const res = await post(gateway, stranger('wamid.STRANGER1'));
		assert.equal(res.status, 200);
		const body = (await res.json()) as { data: { dropped: Record<string, number> } };
		assert.deepEqual(body.data.dropped, { unknown_number: 2 });
		assert.equal((await post(gateway, stranger('wamid.STRANGER2'))).status, 200);
		// A known number beside it still goes through.
		const known = JSON.stringify(envelope({ messages: [textMessage('wamid.KNOWN', 'hola')] }));
		assert.equal((await post(gateway, known)).status, 200);
		const rows = await settled();
		assert.deepEqual(
			rows.map((row) => [row.wamid, row.displayNumber, row.forwardState, row.dropReason]),
			[
				['wamid.STRANGER1', '15550000099', 'dropped', 'unknown_number'],
				['wamid.STRANGER1.S', '15550000099', 'dropped', 'unknown_number'],
				['wamid.STRANGER2', '15550000099', 'dropped', 'unknown_number'],
				['wamid.STRANGER2.S', '15550000099', 'dropped', 'unknown_number'],
				['wamid.KNOWN', '15550000001', 'done', null],
			],
		);
		await sim.sim.webhooks.idle();
		assert.equal(
			sim.sim.state.messages.filter((m) => m.sourceId?.startsWith('wamid.STRANGER') === true)
				.length,
			0,
		);
		assert.ok(chatwootMessage('+15550000001', 'wamid.KNOWN'));
		const warnings = gateway.logs.filter((line) => line.includes('does not list'));
		assert.equal(warnings.length, 1, 'warned once per number');
		assert.match(warnings[0]!, /"displayNumber":"15550000099"/);
		const metrics = await (await fetch(`${gateway.url}/metrics`)).text();
		assert.match(metrics, /sb_gateway_meta_items_dropped_total\{reason="unknown_number"\} 4\n/);
	});

	it('should store a webhook that came again once and forward it once', async () => {
		const gateway = await startGateway();
		const body = JSON.stringify(envelope({ messages: [textMessage('wamid.TWICE', 'hola')] }));
		assert.equal((await post(gateway, body)).status, 200);
		const again = await post(gateway, body);
		assert.equal(again.status, 200);
		assert.equal(((await again.json()) as { data: { duplicates: number } }).data.duplicates, 1);
		await settled();
		assert.equal((await events()).length, 1);
		await waitFor('the message in Chatwoot', () => chatwootMessage('+15550000001', 'wamid.TWICE'));
		const copies = sim.sim.state.messages.filter((m) => m.sourceId === 'wamid.TWICE');
		assert.equal(copies.length, 1);
	});

	it('should lose nothing while Chatwoot is down, and deliver it in order once it is back', async () => {
		// A port with nothing on it: Chatwoot down. Then a proxy to the simulator comes up on it.
		const probe = createServer();
		await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
		const port = (probe.address() as AddressInfo).port;
		await new Promise<void>((resolve) => probe.close(() => resolve()));
		const gateway = await startGateway({ chatwootUrl: `http://127.0.0.1:${port}` });
		const write = (id: string, text: string) =>
			post(gateway, JSON.stringify(envelope({ messages: [textMessage(id, text)] })));
		assert.equal((await write('wamid.DOWN1', 'sigue ahí?')).status, 200);
		assert.equal((await write('wamid.DOWN2', '¿hola?')).status, 200);
		assert.equal((await write('wamid.DOWN3', 'bueno, espero')).status, 200);
		await waitFor('two failed attempts', async () => (await events())[0]!.attempts >= 2);
		assert.equal(chatwootMessage('+15550000001', 'wamid.DOWN1'), undefined);
		const target = new URL(sim.server.url);
		const proxy: Server = createServer((req, res) => {
			const upstream = httpRequest(
				{
					host: target.hostname,
					port: target.port,
					path: req.url,
					method: req.method,
					headers: req.headers,
				},
				(answer) => {
					res.writeHead(answer.statusCode ?? 502, answer.headers);
					answer.pipe(res);
				},
			);
			req.pipe(upstream);
		});
		await new Promise<void>((resolve) => proxy.listen(port, '127.0.0.1', resolve));
		try {
			const rows = await settled();
			assert.deepEqual(
				rows.map((row) => row.forwardState),
				['done', 'done', 'done'],
			);
			const arrived = ['wamid.DOWN1', 'wamid.DOWN2', 'wamid.DOWN3'].map(
				(wamid) => chatwootMessage('+15550000001', wamid)!.id,
			);
			assert.deepEqual(
				arrived,
				[...arrived].sort((a, b) => a - b),
				'in the order written',
			);
		} finally {
			proxy.closeAllConnections();
			await new Promise<void>((resolve) => proxy.close(() => resolve()));
		}
	});

	it('should hand statuses to the hook typed, and forward to Chatwoot only those not of a broadcast', async () => {
		const seen: WhatsAppStatusUpdate[] = [];
		const gateway = await startGateway({
			hook: async (updates) => {
				seen.push(...updates);
			},
		});
		const body = JSON.stringify(
			envelope({
				statuses: [
					{
						id: 'wamid.OURS1',
						status: 'delivered',
						timestamp: '1750030080',
						recipient_id: '5215512345678',
						// What the broadcast sender sets on each send: sbd:<delivery id>.
						biz_opaque_callback_data: 'sbd:17',
					},
					{
						id: 'wamid.AGENT1',
						status: 'failed',
						timestamp: '1750030090',
						recipient_id: '5215512345678',
						errors: [
							{
								code: 131047,
								title: 'Re-engagement message',
								error_data: { details: 'More than 24 hours' },
							},
						],
						pricing: {
							billable: false,
							pricing_model: 'PMP',
							type: 'regular',
							category: 'service',
						},
					},
				],
			}),
		);
		assert.equal((await post(gateway, body)).status, 200);
		await settled();
		const rows = await waitFor('both statuses applied', async () => {
			const all = await events();
			return all.every((row) => row.appliedAt !== null) ? all : null;
		});
		assert.equal(rows.length, 2);
		assert.deepEqual(
			rows.map((row) => [row.wamid, row.forwardState, row.dropReason]),
			[
				['wamid.OURS1', 'dropped', 'own_send'],
				['wamid.AGENT1', 'done', null],
			],
		);
		const failed = seen.find((u) => u.wamid === 'wamid.AGENT1');
		assert.deepEqual(failed, {
			wamid: 'wamid.AGENT1',
			status: 'failed',
			timestamp: new Date(1750030090 * 1000),
			recipient: '5215512345678',
			phoneNumberId: '1555000000001',
			errors: [
				{
					code: 131047,
					title: 'Re-engagement message',
					message: null,
					details: 'More than 24 hours',
				},
			],
			pricing: { billable: false, pricingModel: 'PMP', type: 'regular', category: 'service' },
			callbackData: null,
		});
	});

	it('should keep statuses stored and unapplied while the hook fails, and apply them once it works', async () => {
		let fail = true;
		const applied: string[] = [];
		const gateway = await startGateway({
			hook: async (updates) => {
				if (fail) throw new Error('deliveries unavailable');
				applied.push(...updates.map((u) => `${u.wamid}:${u.status}`));
			},
		});
		const body = JSON.stringify(
			envelope({
				statuses: [
					{ id: 'wamid.LATE1', status: 'read', timestamp: '1750030080', recipient_id: '1' },
				],
			}),
		);
		assert.equal((await post(gateway, body)).status, 200);
		await waitFor('a failed application', () =>
			gateway.logs.some((l) => l.includes('could not apply')),
		);
		// Chatwoot gets it all the same: its messages' statuses do not wait for the broadcasts.
		const [row] = await settled();
		assert.equal(row!.forwardState, 'done');
		assert.equal((await events())[0]!.appliedAt, null);
		fail = false;
		await waitFor('the status applied', async () => (await events())[0]!.appliedAt);
		assert.deepEqual(applied, ['wamid.LATE1:read']);
	});

	it('should let lead capture read a click-to-WhatsApp referral by wamid and by contact', async () => {
		const gateway = await startGateway();
		const body = readFileSync(join(CORPUS, 'pywa.message.referral.json'));
		assert.equal((await post(gateway, body)).status, 200);
		const byWamid = await metaReferralOf(pool, { wamid: 'wamid.ID' });
		assert.equal(byWamid?.referral.ctwa_clid, 'CTWA_CLID');
		assert.equal(byWamid?.referral.source_url, 'AD_OR_POST_FB_URL');
		const byContact = await metaReferralOf(pool, { contact: '972987654321' });
		assert.equal(byContact?.wamid, 'wamid.ID');
		assert.equal(await metaReferralOf(pool, { contact: 'nobody' }), null);
	});

	it('should store every WhatsApp payload of the corpus, and forward each item or drop it with a reason', async () => {
		const files = readdirSync(CORPUS)
			.filter((file) => file.endsWith('.json'))
			.sort();
		assert.equal(files.length, 71);
		const gateway = await startGateway();
		const summary: Record<string, string[]> = {};
		for (const file of files) {
			await pool.query('truncate sb_meta_webhooks, sb_meta_events restart identity cascade');
			await resetSim(sim);
			const body = readFileSync(join(CORPUS, file));
			const res = await post(gateway, body);
			assert.ok(res.status < 500, `${file}: HTTP ${res.status}`);
			assert.equal(res.status, 200, `${file}: ${await res.clone().text()}`);
			const stored = await pool.query('select body from sb_meta_webhooks');
			assert.equal(stored.rows[0]?.body, body.toString('utf8'), `${file}: stored as received`);
			const rows = await settled();
			const items = splitWhatsAppWebhook(JSON.parse(body.toString('utf8')));
			assert.ok(rows.length > 0 && rows.length <= items.length, file);
			await sim.sim.webhooks.idle();
			for (const [index, row] of rows.entries()) {
				if (row.forwardState === 'dropped') {
					assert.ok(
						(META_DROP_REASONS as readonly string[]).includes(row.dropReason ?? ''),
						`${file}: dropped without a known reason`,
					);
					(summary[`dropped ${row.dropReason}`] ??= []).push(file);
					continue;
				}
				assert.equal(row.forwardState, 'done', `${file}: item ${index} ${row.forwardState}`);
				(summary[`forwarded ${row.kind}`] ??= []).push(file);
				if (row.kind !== 'message') continue;
				const item = items.find((i) => i.wamid === row.wamid && i.kind === 'message')!;
				const type = String(
					(item.payload as { entry: { changes: { value: { messages: { type?: string }[] } }[] }[] })
						.entry[0]!.changes[0]!.value.messages[0]!.type,
				);
				if (CHATWOOT_SKIPS.has(type)) continue;
				const message = chatwootMessage(`+${row.displayNumber}`, row.wamid!);
				assert.ok(
					message,
					`${file}: no Chatwoot message in +${row.displayNumber} for ${row.wamid}`,
				);
			}
		}
		for (const [outcome, names] of Object.entries(summary).sort()) {
			console.log(`# ${outcome}: ${names.length}`);
		}
	});
});
