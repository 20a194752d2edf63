// Shared by the simulator's tests: a running simulator, OUR client pointed at it, and a webhook
// receiver that verifies signatures with OUR verifier. Not a test file itself.
import assert from 'node:assert/strict';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { after, before, beforeEach } from 'node:test';
import type { AddressInfo } from 'node:net';
import {
	createChatwootClient,
	verifyChatwootWebhook,
	type ChatwootClient,
	type ChatwootVerification,
	type Webhook,
} from '@switchboard/glue/chatwoot';
import { listen, type RunningServer } from '../common/listen.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_BOT_ID,
	CHATWOOT_SIM_BOT_SECRET,
	CHATWOOT_SIM_USER_TOKEN,
} from './constants.ts';
import {
	createChatwootSimulator,
	type ChatwootSimulator,
	type ChatwootSimulatorOptions,
} from './index.ts';

export interface ReceivedWebhook {
	path: string;
	headers: IncomingHttpHeaders;
	rawBody: Buffer;
	json: Record<string, unknown>;
	verification: ChatwootVerification;
}

export interface Receiver {
	url: string;
	received: ReceivedWebhook[];
	/** Status to answer each request with; 200 unless changed. */
	respond: (webhook: ReceivedWebhook) => number;
	/** Holds each answer back this long, to look like a slow receiver. */
	delayMs: number;
	/** The most requests that were open at once. */
	maxInFlight: number;
	/** The events received, in order, e.g. ['contact_created', 'conversation_created']. */
	events(): string[];
	ofEvent(event: string): ReceivedWebhook[];
	close(): Promise<void>;
}

/** A node:http server that records webhooks and verifies them with `secret()` at arrival. */
export async function startReceiver(secret: () => string): Promise<Receiver> {
	const received: ReceivedWebhook[] = [];
	const receiver: Receiver = {
		url: '',
		received,
		respond: () => 200,
		delayMs: 0,
		maxInFlight: 0,
		events: () => received.map((w) => String(w.json.event)),
		ofEvent: (event) => received.filter((w) => w.json.event === event),
		close: () =>
			new Promise((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
	let inFlight = 0;
	const server = createServer((req, res) => {
		inFlight += 1;
		receiver.maxInFlight = Math.max(receiver.maxInFlight, inFlight);
		res.on('close', () => (inFlight -= 1));
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const webhook: ReceivedWebhook = {
				path: req.url ?? '/',
				headers: req.headers,
				rawBody,
				json: JSON.parse(rawBody.toString('utf8')) as Record<string, unknown>,
				verification: verifyChatwootWebhook({
					secret: secret(),
					rawBody,
					signatureHeader: header(req.headers, 'x-chatwoot-signature'),
					timestampHeader: header(req.headers, 'x-chatwoot-timestamp'),
				}),
			};
			received.push(webhook);
			res.statusCode = receiver.respond(webhook);
			setTimeout(() => res.end('{}'), receiver.delayMs);
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	return receiver;
}

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
	const value = headers[name];
	return Array.isArray(value) ? value[0] : value;
}

export interface Harness {
	sim: ChatwootSimulator;
	server: RunningServer;
	/** Our client with the administrator's token. */
	admin: ChatwootClient;
	clientWith(token: string, retries?: number): ChatwootClient;
	/** POST /__sim/incoming; answers the simulator's ids. */
	incoming(body: Record<string, unknown>): Promise<IncomingResult>;
	close(): Promise<void>;
}

export interface IncomingResult {
	contact_id: number;
	conversation_id: number;
	message_id: number;
	contact_created: boolean;
	conversation_created: boolean;
	duplicate: boolean;
}

export async function startHarness(options: ChatwootSimulatorOptions = {}): Promise<Harness> {
	const sim = createChatwootSimulator({ botRetryDelayMs: 1, ...options });
	const server = await listen(sim.app);
	const clientWith = (token: string, retries = 0) =>
		createChatwootClient({
			baseUrl: server.url,
			accessToken: token,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			retries,
			retryBaseDelayMs: 1,
		});
	return {
		sim,
		server,
		admin: clientWith(CHATWOOT_SIM_USER_TOKEN),
		clientWith,
		incoming: async (body) => {
			const res = await fetch(`${server.url}/__sim/incoming`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify(body),
			});
			assert.equal(res.status, 200, await res.clone().text());
			return (await res.json()) as IncomingResult;
		},
		close: () => server.close(),
	};
}

export async function resetSim(harness: Harness): Promise<void> {
	const res = await fetch(`${harness.server.url}/__sim/reset`, { method: 'POST' });
	assert.equal(res.status, 200);
}

export interface WebhookFixture {
	h: Harness;
	/** Receives the account webhook (all events of all inboxes). */
	account: Receiver;
	/** Receives the agent bot's webhook. */
	bot: Receiver;
	webhook: Webhook;
	/** Waits until every queued delivery (retries included) has been attempted. */
	settle(): Promise<void>;
}

/**
 * Registers the suite's hooks: one simulator whose account webhook and agent bot post to two local
 * receivers, reset to the seed before each test. Read the fields inside tests, not at describe time.
 */
export function useWebhookFixture(options: ChatwootSimulatorOptions = {}): WebhookFixture {
	const fixture = { settle: () => fixture.h.sim.webhooks.idle() } as WebhookFixture;
	before(async () => {
		fixture.h = await startHarness({ simulateWhatsappSend: false, ...options });
		fixture.account = await startReceiver(() => fixture.webhook.secret ?? '');
		fixture.bot = await startReceiver(() => CHATWOOT_SIM_BOT_SECRET);
	});
	after(async () => {
		await Promise.all([fixture.h.close(), fixture.account.close(), fixture.bot.close()]);
	});
	beforeEach(async () => {
		const { h, account, bot } = fixture;
		await resetSim(h);
		for (const receiver of [account, bot]) {
			receiver.received.length = 0;
			receiver.respond = () => 200;
			receiver.delayMs = 0;
			receiver.maxInFlight = 0;
		}
		fixture.webhook = await h.admin.webhooks.create({ url: `${account.url}/chatwoot` });
		await h.admin.agentBots.update(CHATWOOT_SIM_BOT_ID, { outgoing_url: `${bot.url}/bot` });
	});
	return fixture;
}

/**
 * Asserts that `actual` has the JSON structure of `expected`: the same keys at every level and the
 * same types (integer and float told apart), whatever the values. `nullable` lists paths where the
 * example shows null but a value of another type is also correct.
 */
export function assertSameStructure(
	actual: unknown,
	expected: unknown,
	nullable: ReadonlySet<string> = new Set(),
	path = '$',
): void {
	if (expected === null) {
		if (actual !== null && nullable.has(path)) return;
		assert.equal(actual, null, `${path}: expected null, got ${JSON.stringify(actual)}`);
		return;
	}
	assert.equal(
		kind(actual),
		kind(expected),
		`${path}: expected ${kind(expected)}, got ${kind(actual)}`,
	);
	if (Array.isArray(expected) && Array.isArray(actual)) {
		assert.equal(
			actual.length === 0,
			expected.length === 0,
			`${path}: one array is empty, the other not`,
		);
		actual.forEach((item, i) =>
			assertSameStructure(item, expected[i] ?? expected[0], nullable, `${path}[]`),
		);
		return;
	}
	if (kind(expected) === 'object') {
		const a = actual as Record<string, unknown>;
		const e = expected as Record<string, unknown>;
		assert.deepEqual(Object.keys(a).sort(), Object.keys(e).sort(), `${path}: keys differ`);
		for (const key of Object.keys(e))
			assertSameStructure(a[key], e[key], nullable, `${path}.${key}`);
	}
}

function kind(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'array';
	if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'float';
	return typeof value;
}
