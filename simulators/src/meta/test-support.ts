import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, afterEach, before } from 'node:test';
import { verifyMetaSignature } from '@switchboard/glue/meta';
import { listen, type RunningServer } from '../common/listen.ts';
import { createMetaSimulator, type MetaSimulator, type MetaSimulatorOptions } from './index.ts';

export const APP_SECRET = 'test_app_secret';
export const VERIFY_TOKEN = 'test_verify_token';
export const TOKEN = 'test-token';
export const PHONE_ID = '106540352242922';
export const DISPLAY_NUMBER = '15550783881';
export const WABA_ID = '102290129340398';
export const PAGE_ID = '109876543210987';
export const IG_ID = '17841400000000001';
export const CUSTOMER = '16505551234';

export interface ReceivedWebhook {
	headers: IncomingHttpHeaders;
	raw: Buffer;
	body: WebhookBody;
	/** Whether X-Hub-Signature-256 verified over the raw bytes with glue's verifyMetaSignature. */
	verified: boolean;
}

export interface WebhookBody {
	object: string;
	entry: {
		id: string;
		time?: number;
		changes?: { field: string; value: Record<string, unknown> & { statuses?: StatusBody[] } }[];
		messaging?: Record<string, unknown>[];
	}[];
}

export interface StatusBody {
	id: string;
	status: string;
	timestamp: string;
	recipient_id: string;
	pricing?: Record<string, unknown>;
	conversation?: Record<string, unknown>;
	errors?: { code: number; title: string }[];
}

/** A webhook receiver like the gateway: answers the GET handshake and verifies every POST. */
export interface Receiver {
	url: string;
	received: ReceivedWebhook[];
	handshakes: URLSearchParams[];
	/** Status answered to POSTs (200 unless a test wants retries). */
	postStatus: number;
	waitFor(count: number): Promise<ReceivedWebhook[]>;
	clear(): void;
	close(): Promise<void>;
}

export async function startReceiver(
	appSecret = APP_SECRET,
	verifyToken = VERIFY_TOKEN,
): Promise<Receiver> {
	const waiters: { count: number; resolve: (r: ReceivedWebhook[]) => void }[] = [];
	const receiver: Omit<Receiver, 'url' | 'close'> = {
		received: [],
		handshakes: [],
		postStatus: 200,
		waitFor(count) {
			if (receiver.received.length >= count) return Promise.resolve(receiver.received.slice());
			return new Promise((resolve) => waiters.push({ count, resolve }));
		},
		clear() {
			receiver.received.length = 0;
			receiver.handshakes.length = 0;
			receiver.postStatus = 200;
		},
	};
	const server = createServer((req, res) => {
		const query = new URL(req.url ?? '/', 'http://x').searchParams;
		if (req.method === 'GET') {
			receiver.handshakes.push(query);
			const ok =
				query.get('hub.mode') === 'subscribe' && query.get('hub.verify_token') === verifyToken;
			res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' });
			res.end(ok ? (query.get('hub.challenge') ?? '') : 'wrong verify token');
			return;
		}
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const raw = Buffer.concat(chunks);
			const header = req.headers['x-hub-signature-256'];
			const verified = verifyMetaSignature(
				appSecret,
				raw,
				typeof header === 'string' ? header : undefined,
			);
			receiver.received.push({
				headers: req.headers,
				raw,
				body: JSON.parse(raw.toString('utf8')),
				verified,
			});
			res.writeHead(receiver.postStatus).end();
			for (const w of waiters.filter((x) => receiver.received.length >= x.count)) {
				waiters.splice(waiters.indexOf(w), 1);
				w.resolve(receiver.received.slice());
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return Object.assign(receiver, {
		url: `http://127.0.0.1:${port}/webhooks/meta`,
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	});
}

export interface SimHarness {
	sim: MetaSimulator;
	server: RunningServer;
	url: string;
	/** A Graph call with the test token (pass `token: null` for none). */
	graph(
		method: string,
		path: string,
		body?: unknown,
		token?: string | null,
	): Promise<GraphResponse>;
	admin(path: string, body?: unknown): Promise<GraphResponse>;
	close(): Promise<void>;
}

export interface GraphResponse {
	status: number;
	headers: Headers;
	body: JsonObject;
}

// Loose on purpose: tests read vendor envelopes field by field and assert their exact values.
export interface JsonObject {
	[key: string]: JsonValue;
}
type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject | undefined;

/** Options every test starts from: a known secret, token and verify token, no delays. */
export function baseOptions(overrides: MetaSimulatorOptions = {}): MetaSimulatorOptions {
	return {
		appSecret: APP_SECRET,
		verifyToken: VERIFY_TOKEN,
		accessTokens: [{ token: TOKEN }],
		...overrides,
		statuses: { delayMs: 0, ...overrides.statuses },
		delivery: { retryDelaysMs: [], ...overrides.delivery },
		publishing: { imageProcessingMs: 0, ...overrides.publishing },
	};
}

export async function startSimulator(options: MetaSimulatorOptions = {}): Promise<SimHarness> {
	const sim = createMetaSimulator(baseOptions(options));
	const server = await listen(sim.app);
	const call = async (method: string, path: string, body: unknown, token: string | null) => {
		const headers: Record<string, string> = {};
		if (token) headers.authorization = `Bearer ${token}`;
		if (body !== undefined) headers['content-type'] = 'application/json';
		const res = await fetch(`${server.url}${path}`, {
			method,
			headers,
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		const text = await res.text();
		return {
			status: res.status,
			headers: res.headers,
			body: (text ? JSON.parse(text) : {}) as JsonObject,
		};
	};
	return {
		sim,
		server,
		url: server.url,
		graph: (method, path, body, token = TOKEN) => call(method, path, body, token),
		admin: (path, body) => call(body === undefined ? 'GET' : 'POST', `/__sim${path}`, body, null),
		close: async () => {
			// Let webhooks already under way land before the next test clears the receiver.
			await sim.state.webhooks.idle();
			sim.stop();
			await server.close();
		},
	};
}

export interface SimulatorPerTest {
	/** The suite's webhook receiver, cleared after each test. Read it inside tests. */
	receiver: Receiver;
	/** Starts this test's simulator, posting webhooks to the receiver; closed after the test. */
	start(options?: MetaSimulatorOptions): Promise<SimHarness>;
}

/** Registers the suite's hooks: one webhook receiver, and a fresh simulator per test. */
export function useSimulatorPerTest(defaults: MetaSimulatorOptions = {}): SimulatorPerTest {
	let current: SimHarness | undefined;
	const fixture: SimulatorPerTest = {
		receiver: undefined as unknown as Receiver,
		async start(options = {}) {
			current = await startSimulator({ webhookUrl: fixture.receiver.url, ...defaults, ...options });
			return current;
		},
	};
	before(async () => {
		fixture.receiver = await startReceiver();
	});
	after(() => fixture.receiver.close());
	afterEach(async () => {
		await current?.close();
		current = undefined;
		fixture.receiver.clear();
	});
	return fixture;
}

/** The statuses carried by the webhooks received, in arrival order. */
export function statusesOf(webhooks: readonly ReceivedWebhook[]): StatusBody[] {
	return webhooks.flatMap((w) =>
		w.body.entry.flatMap((e) => (e.changes ?? []).flatMap((c) => c.value.statuses ?? [])),
	);
}

export function textSend(text = 'Hello from the shop', to = `+${CUSTOMER}`) {
	return {
		messaging_product: 'whatsapp',
		recipient_type: 'individual',
		to,
		type: 'text',
		text: { body: text },
	};
}

export function templateSend(to = `+${CUSTOMER}`) {
	return {
		messaging_product: 'whatsapp',
		to,
		type: 'template',
		template: { name: 'hello_world', language: { code: 'en_US' } },
	};
}

/** Polls until `probe` returns a value; the test's own timeout bounds the wait. */
export async function eventually<T>(probe: () => Promise<T | undefined>): Promise<T> {
	for (;;) {
		const value = await probe();
		if (value !== undefined) return value;
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
