import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { CHATWOOT_SIM_USER_TOKEN } from '../../simulators/src/chatwoot/constants.ts';
import { describe, it } from 'node:test';
import { migrate, recordDecision, recordInboundEvent } from '@switchboard/glue/log-store';
import { createTestDatabase } from '@switchboard/glue/testing';
import { freePorts } from './ports.ts';
import { databaseUrl } from './postgres.ts';
import { chatwootIdsUsed, startSimulators, stopSimulators } from './simulators.ts';
import { StackError } from './stack-error.ts';

describe('startSimulators', () => {
	it('should run a simulator only where no real endpoint is configured', async () => {
		const [chatwootPort, anthropicPort] = await freePorts(2);
		const endpoints = await startSimulators([
			{ name: 'chatwoot', realUrl: undefined, port: chatwootPort! },
			{ name: 'meta', realUrl: 'https://graph.facebook.com', port: 1 },
			{ name: 'anthropic', realUrl: undefined, port: anthropicPort! },
		]);
		try {
			assert.deepEqual(
				endpoints.map(({ name, simulated, url }) => ({ name, simulated, url })),
				[
					{ name: 'chatwoot', simulated: true, url: `http://127.0.0.1:${chatwootPort}` },
					{ name: 'meta', simulated: false, url: 'https://graph.facebook.com' },
					{ name: 'anthropic', simulated: true, url: `http://127.0.0.1:${anthropicPort}` },
				],
			);
			const page = await fetch(endpoints[0]!.page!);
			assert.match(await page.text(), /<title>Chatwoot simulator<\/title>/);
			const log = await fetch(endpoints[2]!.page!);
			assert.deepEqual(await log.json(), []);
		} finally {
			await stopSimulators(endpoints);
		}
		await assert.rejects(fetch(`http://127.0.0.1:${chatwootPort}/__sim/`));
	});

	it('should stop the ones it started when a later port is taken', async () => {
		const [freePort] = await freePorts(1);
		const blocker = createServer().listen(0, '127.0.0.1');
		await new Promise((resolve) => blocker.once('listening', resolve));
		const taken = (blocker.address() as { port: number }).port;
		try {
			await assert.rejects(
				startSimulators([
					{ name: 'chatwoot', realUrl: undefined, port: freePort! },
					{ name: 'meta', realUrl: undefined, port: taken },
				]),
				(err: unknown) =>
					err instanceof StackError &&
					err.message.startsWith(
						`Port ${taken} (wanted for the Meta Graph API simulator) is already in use`,
					),
			);
			await assert.rejects(fetch(`http://127.0.0.1:${freePort}/__sim/`));
		} finally {
			blocker.close();
		}
	});

	it("should run the SMTP sink's SMTP port beside its page, and close both on stop", async () => {
		const [httpPort, smtpPort] = await freePorts(2);
		const endpoints = await startSimulators([
			{ name: 'smtp', realUrl: undefined, port: httpPort!, sidecarPort: smtpPort! },
		]);
		try {
			assert.equal(endpoints[0]!.sidecar?.url, `smtp://127.0.0.1:${smtpPort}`);
			assert.match(await smtpGreeting(smtpPort!), /^220 /);
			const page = await fetch(endpoints[0]!.page!);
			assert.equal(page.status, 200);
		} finally {
			await stopSimulators(endpoints);
		}
		await assert.rejects(smtpGreeting(smtpPort!));
	});

	it("should point the Chatwoot simulator's agent bot where it is told", async () => {
		const [port] = await freePorts(1);
		const endpoints = await startSimulators([
			{
				name: 'chatwoot',
				realUrl: undefined,
				port: port!,
				options: { botOutgoingUrl: 'http://127.0.0.1:8080/webhooks/chatwoot' },
			},
		]);
		try {
			const res = await fetch(`${endpoints[0]!.url}/api/v1/accounts/1/agent_bots`, {
				headers: { api_access_token: CHATWOOT_SIM_USER_TOKEN },
			});
			const bots = (await res.json()) as Array<{ outgoing_url: string | null }>;
			assert.deepEqual(
				bots.map((bot) => bot.outgoing_url),
				['http://127.0.0.1:8080/webhooks/chatwoot'],
			);
		} finally {
			await stopSimulators(endpoints);
		}
	});
});

/** The first line an SMTP server says on connect. */
function smtpGreeting(port: number): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('error', reject);
		socket.once('data', (data) => {
			socket.end();
			resolve(data.toString('utf8'));
		});
	});
}

describe('chatwootIdsUsed', () => {
	const adminUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

	it('should find the highest ids in the ledger, the decision log and the leads', async () => {
		const db = await createTestDatabase();
		const pool = db.pool();
		try {
			await migrate(pool);
			await pool.query('create table leads (chatwoot_conversation_id integer unique)');
			const { id } = await recordInboundEvent(pool, {
				source: 'agent_bot',
				deliveryId: 'd-1',
				chatwootMessageId: 318,
				conversationId: 12,
				accountId: 1,
				event: 'message_created',
				payload: {},
			});
			await recordDecision(pool, {
				inboundEventId: id,
				conversationId: 15,
				department: 'sales',
				intent: 'availability',
				urgency: 'low',
				sentiment: 'neutral',
				language: 'en',
				confidence: 0.9,
				needsHuman: false,
				outcome: 'auto_replied',
				triage: {},
				model: 'claude-test-model',
				inputTokens: 1,
				outputTokens: 1,
				costUsd: 0,
				latencyMs: 1,
			});
			await pool.query('insert into leads values (14)');
			assert.deepEqual(await chatwootIdsUsed(databaseUrl(adminUrl, db.name)), {
				conversation: 15,
				message: 318,
			});
		} finally {
			await db.drop();
		}
	});

	it('should count nothing before the first run created the database or its tables', async () => {
		const none = { conversation: 0, message: 0 };
		assert.deepEqual(await chatwootIdsUsed(databaseUrl(adminUrl, 'sbtest_never_created')), none);
		const db = await createTestDatabase();
		try {
			assert.deepEqual(await chatwootIdsUsed(databaseUrl(adminUrl, db.name)), none);
		} finally {
			await db.drop();
		}
	});
});
