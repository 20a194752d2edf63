import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { freePorts } from '../../../scripts/lib/ports.ts';
import { listen, type RunningServer } from '../../../simulators/src/common/listen.ts';
import {
	CHATWOOT_SIM_ACCOUNT_ID,
	CHATWOOT_SIM_USER_TOKEN,
	createChatwootSimulator,
	type ChatwootSimulator,
} from '../../../simulators/src/chatwoot/index.ts';
import { ChatwootResponseError } from './chatwoot-response-error.ts';
import {
	createChatwootClient,
	ChatwootNotFoundError,
	ChatwootRateLimitedError,
	ChatwootUnreachableError,
	type ChatwootClientOptions,
} from './client.ts';
import { conversationSchema } from './schemas-conversation.ts';
import { createTransport } from './transport.ts';

describe('client', () => {
	let sim: ChatwootSimulator;
	let server: RunningServer;

	before(async () => {
		sim = createChatwootSimulator({ simulateWhatsappSend: false });
		server = await listen(sim.app);
	});
	after(() => server.close());
	beforeEach(async () => {
		await fetch(`${server.url}/__sim/reset`, { method: 'POST' });
	});

	const client = (overrides: Partial<ChatwootClientOptions> = {}) =>
		createChatwootClient({
			baseUrl: server.url,
			accessToken: CHATWOOT_SIM_USER_TOKEN,
			accountId: CHATWOOT_SIM_ACCOUNT_ID,
			retryBaseDelayMs: 1,
			...overrides,
		});
	const fault = (body: Record<string, unknown>) =>
		fetch(`${server.url}/__sim/faults`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(body),
		});
	const customerWrites = async () => {
		const res = await fetch(`${server.url}/__sim/incoming`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ inbox_id: 1, from: '+5215512345678', content: 'Hola' }),
		});
		return ((await res.json()) as { conversation_id: number }).conversation_id;
	};
	const conversationPath = (id: number) => `/api/v1/accounts/1/conversations/${id}`;

	describe('requests', () => {
		it('should send the dashed Api-Access-Token header and the JSON body to the exact path', async () => {
			const id = await customerWrites();
			await client().messages.create(id, { content: 'Hola Maria', private: false });
			const [request] = sim.ctx.log.list({
				method: 'POST',
				path: `${conversationPath(id)}/messages`,
			});
			assert.equal(request?.headers['api-access-token'], CHATWOOT_SIM_USER_TOKEN);
			assert.equal(request?.headers['api_access_token'], undefined);
			assert.equal(request?.headers.authorization, undefined);
			assert.deepEqual(request?.body, { content: 'Hola Maria', private: false });
		});

		it('should send list filters as Rails query parameters', async () => {
			await client().conversations.list({
				status: 'all',
				inbox_id: 2,
				labels: ['a', 'b'],
				updated_within: 300,
				page: 2,
			});
			const [request] = sim.ctx.log.list({
				method: 'GET',
				path: '/api/v1/accounts/1/conversations',
			});
			assert.deepEqual(request?.query, {
				status: 'all',
				inbox_id: '2',
				labels: ['a', 'b'],
				updated_within: '300',
				page: '2',
			});
		});

		it('should refuse an updated_within that is not a positive whole number, sending nothing', async () => {
			for (const updated_within of [0, -60, 1.5, Number.NaN]) {
				await assert.rejects(client().conversations.list({ updated_within }), {
					name: 'TypeError',
					message: new RegExp(
						`updated_within must be a positive whole number of seconds, got ${updated_within}`,
					),
				});
			}
			assert.deepEqual(sim.ctx.log.list({ path: '/api/v1/accounts/1/conversations' }), []);
		});

		it('should parse REST shapes into typed values', async () => {
			const id = await customerWrites();
			const conversation = await client().conversations.get(id);
			assert.equal(conversation.id, id);
			assert.equal(conversation.status, 'pending');
			assert.equal(conversation.meta.sender.phone_number, '+5215512345678');
			assert.equal(conversation.messages[0]?.message_type, 0);
		});

		it('should refuse options that cannot work, naming the option', () => {
			assert.throws(() => client({ baseUrl: 'chatwoot:3000' }), /baseUrl/);
			assert.throws(() => client({ accessToken: '' }), /accessToken/);
			assert.throws(() => client({ accountId: 0 }), /accountId/);
		});
	});

	describe('retries', () => {
		it('should retry a 429 from the fault table and return the answer', async () => {
			await fault({
				method: 'GET',
				path: '/api/v1/accounts/1/inboxes',
				status: 429,
				body: 'Retry later',
				times: 2,
			});
			const inboxes = await client({ retries: 3 }).inboxes.list();
			assert.equal(inboxes.length, 5, "the simulator's WhatsApp, Messenger and Instagram inboxes");
			assert.deepEqual(
				sim.ctx.log.list({ path: '/api/v1/accounts/1/inboxes' }).map((r) => r.status),
				[429, 429, 200],
			);
		});

		it('should give up with ChatwootRateLimitedError when 429 outlasts the retries', async () => {
			await fault({
				path: '/api/v1/accounts/1/teams',
				status: 429,
				body: 'Retry later',
				headers: { 'retry-after': '0' },
			});
			await assert.rejects(client({ retries: 2 }).teams.list(), (error: unknown) => {
				assert.ok(error instanceof ChatwootRateLimitedError);
				assert.equal(error.chatwootMessage, 'Retry later');
				assert.equal(error.retryAfterMs, 0);
				return true;
			});
			assert.equal(sim.ctx.log.list({ path: '/api/v1/accounts/1/teams' }).length, 3);
		});

		it('should wait what Retry-After says before retrying', async () => {
			await fault({
				path: '/api/v1/accounts/1/agents',
				status: 429,
				headers: { 'retry-after': '2' },
				times: 1,
			});
			const waits: number[] = [];
			const transport = createTransport({
				baseUrl: server.url,
				accessToken: CHATWOOT_SIM_USER_TOKEN,
				timeoutMs: 5000,
				retry: { attempts: 4, baseDelayMs: 1, maxDelayMs: 30_000 },
				sleep: async (ms) => {
					waits.push(ms);
				},
			});
			await transport.send({ method: 'GET', path: '/api/v1/accounts/1/agents' });
			assert.deepEqual(waits, [2000]);
		});

		it('should retry a 500 on a read but not on a message create', async () => {
			const id = await customerWrites();
			await fault({ method: 'GET', path: conversationPath(id), status: 500, times: 1 });
			assert.equal((await client({ retries: 3 }).conversations.get(id)).id, id);
			await fault({
				method: 'POST',
				path: `${conversationPath(id)}/messages`,
				status: 500,
				times: 1,
			});
			await assert.rejects(client({ retries: 3 }).messages.create(id, { content: 'x' }), {
				remoteStatus: 500,
			});
			assert.equal(
				sim.ctx.log.list({ method: 'POST', path: `${conversationPath(id)}/messages` }).length,
				1,
			);
		});
	});

	describe('errors', () => {
		it("should throw ChatwootNotFoundError with Chatwoot's message on a 404", async () => {
			await assert.rejects(client().conversations.get(999), (error: unknown) => {
				assert.ok(error instanceof ChatwootNotFoundError);
				assert.equal(error.remoteStatus, 404);
				assert.equal(error.chatwootMessage, 'Resource could not be found');
				assert.equal(error.path, conversationPath(999));
				return true;
			});
		});

		it('should throw ChatwootUnreachableError with a human message when nothing listens', async () => {
			const [port] = await freePorts(1);
			const offline = client({ baseUrl: `http://127.0.0.1:${port}` });
			await assert.rejects(offline.inboxes.list(), (error: unknown) => {
				assert.ok(error instanceof ChatwootUnreachableError);
				assert.equal(error.reason, 'refused');
				assert.match(error.message, /refused the connection/);
				return true;
			});
		});

		it('should call a dropped connection a reset and a slow answer a timeout', async () => {
			await fault({ path: '/api/v1/accounts/1/inboxes', drop: true, times: 1 });
			await assert.rejects(client().inboxes.list(), {
				name: 'ChatwootUnreachableError',
				reason: 'connection_reset',
			});
			await fault({
				path: '/api/v1/accounts/1/teams',
				delayMs: 500,
				status: 200,
				body: [],
				times: 1,
			});
			await assert.rejects(client({ timeoutMs: 50 }).teams.list(), { reason: 'timeout' });
		});

		it('should throw ChatwootResponseError when a 2xx body does not have the expected shape', async () => {
			const id = await customerWrites();
			await fault({
				method: 'GET',
				path: conversationPath(id),
				status: 200,
				body: { id: 'x' },
				times: 1,
			});
			await assert.rejects(client().conversations.get(id), ChatwootResponseError);
			assert.equal(conversationSchema.safeParse({ id: 'x' }).success, false);
		});
	});
});
