import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { isSuppressed } from '../broadcasts/suppressions.ts';
import { ContentUnreachableError } from '../content/errors.ts';
import { migrate } from '../log-store/migrate.ts';
import { createTestDatabase, type TestDatabase } from '../log-store/test-database.ts';
import { checkInboundForBroadcasts } from './inbound-opt-out.ts';
import type { BroadcastRecords, DirectusRow } from './records.ts';

/** Directus at the seam, with what the inbound step reads; `down` makes every read fail. */
function directus(down = { value: false }) {
	const rows: Record<string, DirectusRow[]> = {
		opt_out_keywords: [{ language: 'en', stop_words: ['STOP'], start_words: ['START'] }],
		message_templates: [
			{
				key: 'opt_out_confirmation',
				language: 'en',
				body: 'Done: no more offers from {{business.name}}. Write {{broadcast.opt_in_word}} to come back.',
			},
		],
		business_info: [
			{
				name: 'Northwind Fibre',
				time_zone: 'UTC',
				opening_hours: {},
				address: null,
				contacts: null,
				tone_of_voice: null,
			},
		],
		broadcasts: [{ id: 9, name: 'June offer' }],
		recipients: [],
	};
	const records: BroadcastRecords = {
		read: async (collection, query) => {
			if (down.value) {
				throw new ContentUnreachableError(
					Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
					{
						baseUrl: 'http://directus',
						method: 'GET',
						path: `/items/${collection}`,
					},
				);
			}
			const filter = query.filter as { id?: { _eq: unknown } } | undefined;
			const all = rows[collection] ?? [];
			return filter?.id ? all.filter((row) => String(row.id) === String(filter.id?._eq)) : all;
		},
		update: async () => {},
		create: async (collection, row) => {
			rows[collection]?.push(row);
		},
	};
	return { records, down };
}

describe('inbound-opt-out', () => {
	let db: TestDatabase;
	let pool: pg.Pool;
	const at = new Date('2026-06-02T10:00:00Z');

	before(async () => {
		db = await createTestDatabase();
		pool = db.pool();
		await migrate(pool);
		// A broadcast reached +34600000001 an hour ago (as the sender records it).
		await pool.query(
			"insert into sb_broadcast_runs (broadcast_id, phone_number_id, recipients) values ('9', '1555000000001', 1)",
		);
		await pool.query(
			`insert into sb_broadcast_deliveries (broadcast_id, recipient_id, phone, phone_number_id, message, state, sent_at)
			 values ('9', '1', '34600000001', '1555000000001', '{}'::jsonb, 'delivered', $1)`,
			[new Date(at.getTime() - 3_600_000)],
		);
	});
	after(() => db.drop());

	const responses = async () =>
		(await pool.query('select broadcast_id, phone, kind from sb_broadcast_responses order by id'))
			.rows;

	describe('checkInboundForBroadcasts', () => {
		it('should name the broadcast a reply answers, and count the reply once', async () => {
			const { records } = directus();
			const message = { text: 'Yes please!', phone: '+34600000001', conversationId: 77 };
			const check = await checkInboundForBroadcasts({ records, pool }, message, at);
			assert.deepEqual(check.repliedTo, {
				broadcastId: '9',
				name: 'June offer',
				sentAt: '2026-06-02T09:00:00.000Z',
			});
			assert.match(check.note ?? '', /answering the broadcast "June offer"/);
			await checkInboundForBroadcasts({ records, pool }, message, at);
			assert.deepEqual(await responses(), [
				{ broadcast_id: '9', phone: '34600000001', kind: 'reply' },
			]);
		});

		it('should suppress on STOP, confirm, and count it as an opt-out of the broadcast', async () => {
			const { records } = directus();
			const check = await checkInboundForBroadcasts(
				{ records, pool },
				{ text: 'stop', phone: '+34600000001' },
				at,
			);
			assert.equal(check.optOut?.kind, 'stop');
			assert.equal(
				check.optOut?.confirmation,
				'Done: no more offers from Northwind Fibre. Write START to come back.',
			);
			assert.equal(await isSuppressed(pool, '+34600000001'), true);
			assert.match(
				check.note ?? '',
				/^The customer wrote "STOP" and opted out of broadcasts.*sent the confirmation/,
			);
			assert.deepEqual(
				(await responses()).map((r) => r.kind),
				['reply', 'opt_out'],
			);
		});

		it('should re-subscribe on START, and say so for the agent', async () => {
			const { records } = directus();
			await checkInboundForBroadcasts(
				{ records, pool },
				{ text: 'STOP', phone: '+15550003333' },
				at,
			);
			const check = await checkInboundForBroadcasts(
				{ records, pool },
				{ text: 'Start!', phone: '+15550003333' },
				at,
			);
			assert.equal(check.optOut?.kind, 'start');
			assert.equal(await isSuppressed(pool, '+15550003333'), false);
			assert.match(check.note ?? '', /"START" and opted back in.*No confirmation was sent/);
		});

		it('should say nothing for someone no broadcast reached', async () => {
			const { records } = directus();
			const check = await checkInboundForBroadcasts(
				{ records, pool },
				{ text: 'Hi', phone: '+15550001111' },
				at,
			);
			assert.deepEqual(check, { optOut: null, repliedTo: null, note: null, skipped: null });
		});

		it('should let triage go on when Directus is down, and still stop with the words read last', async () => {
			const fresh = directus({ value: true });
			const skipped = await checkInboundForBroadcasts(
				{ records: fresh.records, pool },
				{ text: 'STOP', phone: '+15550002222' },
				at,
			);
			assert.equal(skipped.optOut, null);
			assert.match(skipped.skipped ?? '', /Directus/);
		});
	});
});
