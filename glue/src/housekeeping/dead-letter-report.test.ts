// The dead-letter report on the real PostgreSQL, with the report's clock injected.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { migrate } from '../log-store/migrate.ts';
import { recordInboundEvent } from '../log-store/repository.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { deadLetterReport, reportSubject } from './dead-letter-report.ts';

const NOW = new Date('2026-12-06T07:00:00.000Z');
const HOUR_MS = 3_600_000;

describe('dead-letter-report', () => {
	let database: TestDatabase;
	let pool: pg.Pool;
	let nextId = 100;

	before(async () => {
		database = await createTestDatabase();
		pool = database.pool();
		await migrate(pool);
	});
	after(() => database.drop());

	const deadLetter = async (hoursAgo: number, lastError: string) => {
		const messageId = ++nextId;
		const { id } = await recordInboundEvent(pool, {
			source: 'agent_bot',
			deliveryId: `dl-${messageId}`,
			chatwootMessageId: messageId,
			conversationId: 40 + messageId,
			accountId: 1,
			event: 'message_created',
			receivedAt: new Date(NOW.getTime() - hoursAgo * HOUR_MS),
			payload: { content: 'secret words of a customer' },
			status: 'dead',
		});
		await pool.query('update sb_inbound_events set attempts = 10, last_error = $2 where id = $1', [
			id,
			lastError,
		]);
		return id;
	};

	describe('reportSubject', () => {
		it('should say when there is nothing to replay', () => {
			assert.equal(reportSubject(0, 0), 'Switchboard: no dead letters');
		});

		it('should count one and many', () => {
			assert.equal(
				reportSubject(1, 1),
				'Switchboard: 1 dead letter waiting for a replay (1 new in the last 24 hours)',
			);
			assert.equal(
				reportSubject(3, 0),
				'Switchboard: 3 dead letters waiting for a replay (0 new in the last 24 hours)',
			);
		});
	});

	describe('deadLetterReport', () => {
		it('should report none when the ledger has no dead letter', async () => {
			const report = await deadLetterReport(pool, { now: NOW });
			assert.deepEqual([report.open, report.lastDay, report.letters], [0, 0, []]);
			assert.equal(report.subject, 'Switchboard: no dead letters');
		});

		it('should list every open dead letter with its error, count the last day’s, and never quote a customer', async () => {
			const old = await deadLetter(30, 'n8n answered HTTP 500');
			const recent = await deadLetter(2, 'n8n at http://n8n-webhook:5678 refused the connection');
			const report = await deadLetterReport(pool, { now: NOW });
			assert.deepEqual([report.open, report.lastDay], [2, 1]);
			assert.deepEqual(
				report.letters.map((letter) => letter.id),
				[old, recent],
			);
			assert.match(
				report.text,
				new RegExp(
					`#${old}  conversation \\d+  10 attempts  received 2026-12-05T01:00:00.000Z  last error: n8n answered HTTP 500`,
				),
			);
			assert.match(report.text, /dead-letters replay <id>/);
			assert.match(report.text, /"04 Housekeeping"/);
			assert.doesNotMatch(report.text, /secret words/);
		});

		it('should say how many more there are when the list is cut', async () => {
			const report = await deadLetterReport(pool, { now: NOW, limit: 1 });
			assert.equal(report.letters.length, 1);
			assert.match(report.text, /… and 1 more \(dead-letters list\)\./);
		});

		it('should drop a replayed letter from the next report', async () => {
			const before = await deadLetterReport(pool, { now: NOW });
			await pool.query("update sb_inbound_events set status = 'pending' where id = $1", [
				before.letters[0]!.id,
			]);
			const next = await deadLetterReport(pool, { now: new Date(NOW.getTime() + 24 * HOUR_MS) });
			assert.deepEqual([next.open, next.lastDay], [1, 0]);
		});
	});
});
