// The gateway's housekeeping loop: what it logs and that a failed run is reported, not thrown.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Queryable } from '../log-store/repository.ts';
import { Housekeeping, type HousekeepingLogger } from './housekeeping.ts';

const NOW = new Date('2026-12-06T03:00:00.000Z');

const recordingLogger = () => {
	const lines: Array<{ level: string; message: string; fields?: Record<string, unknown> }> = [];
	const logger: HousekeepingLogger = {
		debug: (message, fields) => lines.push({ level: 'debug', message, fields }),
		info: (message, fields) => lines.push({ level: 'info', message, fields }),
		warn: (message, fields) => lines.push({ level: 'warn', message, fields }),
	};
	return { logger, lines };
};

/** Answers each statement with `rows` rows, or rejects when `error` is given. */
const fakeDb = (rows: number, error?: Error) => {
	const calls: unknown[][] = [];
	const db: Queryable = {
		query: async (_text: string, values?: unknown[]) => {
			calls.push(values ?? []);
			if (error) throw error;
			return { rows: Array.from({ length: rows }, (_, id) => ({ id })) };
		},
	};
	return { db, calls };
};

describe('housekeeping', () => {
	describe('runOnce', () => {
		it('should redact with the injected clock and log counts and the cutoff only', async () => {
			const { db, calls } = fakeDb(1);
			const { logger, lines } = recordingLogger();
			const job = new Housekeeping({
				db,
				logger,
				clock: () => NOW,
				retentionDays: 14,
				intervalMs: 0,
			});
			assert.deepEqual(await job.runOnce(), {
				cutoff: new Date('2026-11-22T03:00:00.000Z'),
				inboundEvents: 1,
				decisions: 1,
				metaWebhooks: 1,
				metaEvents: 1,
			});
			assert.deepEqual(calls[0], [new Date('2026-11-22T03:00:00.000Z'), 500, NOW]);
			assert.deepEqual(lines, [
				{
					level: 'info',
					message: 'housekeeping: message text past retention removed',
					fields: {
						retentionDays: 14,
						cutoff: '2026-11-22T03:00:00.000Z',
						inboundEvents: 1,
						decisions: 1,
						metaWebhooks: 1,
						metaEvents: 1,
					},
				},
			]);
		});
	});

	describe('start', () => {
		it('should log a failed run as a warning naming the error and keep going', async () => {
			const { db } = fakeDb(0, new Error('connection refused'));
			const { logger, lines } = recordingLogger();
			const job = new Housekeeping({
				db,
				logger,
				clock: () => NOW,
				retentionDays: 14,
				intervalMs: 60_000,
			});
			job.start();
			await job.stop();
			assert.deepEqual(lines, [
				{
					level: 'warn',
					message: 'housekeeping: retention run failed; the next run retries',
					fields: { error: 'connection refused' },
				},
			]);
		});

		it('should log a run that found nothing at debug level', async () => {
			const { db } = fakeDb(0);
			const { logger, lines } = recordingLogger();
			await new Housekeeping({
				db,
				logger,
				clock: () => NOW,
				retentionDays: 14,
				intervalMs: 0,
			}).runOnce();
			assert.deepEqual(
				lines.map((line) => [line.level, line.fields?.inboundEvents, line.fields?.decisions]),
				[['debug', 0, 0]],
			);
		});

		it('should not run at all when the interval is 0', async () => {
			const { db, calls } = fakeDb(0);
			const job = new Housekeeping({
				db,
				logger: recordingLogger().logger,
				clock: () => NOW,
				retentionDays: 14,
				intervalMs: 0,
			});
			job.start();
			await job.stop();
			assert.equal(calls.length, 0);
		});
	});
});
