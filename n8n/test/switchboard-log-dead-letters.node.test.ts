// Switchboard Log's dead-letter operations in-process on n8n-core, on a real PostgreSQL log store:
// what workflow 04 mails operations every day, and the replay an operator runs from n8n's editor.
// The local-hour gate needs Directus's time zone: unit-tested in glue (report-schedule.test.ts) and
// run in test/e2e/housekeeping.test.ts.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { migrate, recordInboundEvent } from '@switchboard/glue/log-store';
import { createTestDatabase, type TestDatabase } from '@switchboard/glue/testing';
import { logStoreCredential } from '../../scripts/lib/n8n-provision.ts';
import { databaseUrl } from '../../scripts/lib/postgres.ts';
import { runNodes, type TestNode } from './harness.ts';

const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

const logNode = (name: string, parameters: TestNode['parameters']): TestNode => ({
	name,
	type: 'switchboardLog',
	parameters,
	credentials: { switchboardPostgresApi: 'log' },
});

describe('Switchboard Log node, dead letters', () => {
	let db: TestDatabase;
	let credentials: Record<string, ICredentialDataDecryptedObject>;
	let nextMessage = 9000;

	before(async () => {
		db = await createTestDatabase();
		await migrate(db.pool());
		credentials = {
			switchboardPostgresApi: {
				...logStoreCredential(databaseUrl(ADMIN_URL, db.name)),
				operationsEmail: 'ops@shop.example',
				mailFrom: 'Shop <switchboard@shop.example>',
			},
		};
	});
	after(() => db?.drop());

	const deadLetter = async () => {
		const messageId = ++nextMessage;
		const { id } = await recordInboundEvent(db.pool(), {
			source: 'agent_bot',
			deliveryId: `dl-node-${messageId}`,
			chatwootMessageId: messageId,
			conversationId: messageId,
			accountId: 1,
			event: 'message_created',
			payload: { content: 'words of a customer' },
			status: 'dead',
		});
		return id;
	};
	const status = async (id: number) =>
		(
			(await db.pool().query('select status from sb_inbound_events where id = $1', [id]))
				.rows[0] as { status: string }
		).status;

	it("should report the open dead letters with a subject, text and the credential's addresses for the e-mail, without the messages", async () => {
		const ids = [await deadLetter(), await deadLetter()];
		const result = await runNodes({
			nodes: [logNode('Dead-letter report', { operation: 'deadLetterReport', limit: 200 })],
			input: [{ trigger: 'schedule' }],
			credentials,
		});
		assert.equal(result.error, undefined, result.error?.message);
		const [item] = result.output('Dead-letter report');
		const report = item!.json.report as {
			to: string;
			from: string;
			open: number;
			subject: string;
			text: string;
			letters: Array<{ id: number }>;
		};
		assert.equal(item!.json.trigger, 'schedule');
		assert.equal(report.to, 'ops@shop.example');
		assert.equal(report.from, 'Shop <switchboard@shop.example>');
		assert.equal(report.open, 2);
		assert.deepEqual(
			report.letters.map((letter) => letter.id),
			ids,
		);
		assert.match(report.subject, /^Switchboard: 2 dead letters waiting for a replay/);
		assert.doesNotMatch(report.text, /words of a customer/);
	});

	it('should fail naming the .env variable when the credential has no address for the report', async () => {
		const result = await runNodes({
			nodes: [logNode('Dead-letter report', { operation: 'deadLetterReport', limit: 200 })],
			input: [{}],
			credentials: {
				switchboardPostgresApi: { ...credentials.switchboardPostgresApi, operationsEmail: '' },
			},
		});
		assert.match(
			result.error?.message ?? '',
			/no Operations Email \(SWITCHBOARD_OPERATIONS_EMAIL\)/,
		);
	});

	it('should refuse a local hour that is not 0 to 23, naming it', async () => {
		const result = await runNodes({
			nodes: [
				logNode('Dead-letter report', {
					operation: 'deadLetterReport',
					localHour: '7:00',
					limit: 200,
				}),
			],
			input: [{}],
			credentials,
		});
		assert.match(result.error?.message ?? '', /from 0 to 23 .*not "7:00"/);
	});

	it('should send the dead letters named by the operator to the gateway again and say which were not dead letters', async () => {
		const id = await deadLetter();
		const result = await runNodes({
			nodes: [
				logNode('Replay dead letters', {
					operation: 'replayDeadLetters',
					ledgerIds: `${id}, 999999`,
				}),
			],
			input: [{}],
			credentials,
		});
		assert.equal(result.error, undefined, result.error?.message);
		assert.deepEqual(result.output('Replay dead letters')[0]!.json.replay, {
			replayed: [id],
			notDeadLetters: [999999],
		});
		assert.equal(await status(id), 'pending');
	});

	it('should refuse ledger ids that are not numbers or "all", naming what was given', async () => {
		const result = await runNodes({
			nodes: [
				logNode('Replay dead letters', { operation: 'replayDeadLetters', ledgerIds: '17, x' }),
			],
			input: [{}],
			credentials,
		});
		assert.match(
			result.error?.message ?? '',
			/Ledger IDs must be positive whole numbers or "all", not "17, x"/,
		);
	});
});
