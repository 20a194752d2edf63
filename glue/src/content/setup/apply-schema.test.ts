import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type pg from 'pg';
import { migrate } from '../../log-store/index.ts';
import { createTestDatabase } from '../../log-store/test-database.ts';
import { formatChange } from './changes.ts';
import { applyDirectusSchema, checkDirectusSchema, exportDirectusSchema } from './apply-schema.ts';
import { readSetupFile, SETUP_FILES } from './files.ts';
import { logTablesFileSchema } from './log-tables.ts';
import { snapshotSchema } from './snapshot.ts';
import { requestAs, startContentDirectus, type ContentDirectus } from './testing.ts';

/** Columns, constraints, indexes and triggers of the sb_ tables, as PostgreSQL describes them. */
async function describeLogTables(pool: pg.Pool): Promise<unknown[]> {
	const queries = [
		`select c.relname, a.attname, format_type(a.atttypid, a.atttypmod) as type, a.attnotnull,
			pg_get_expr(d.adbin, d.adrelid) as default_value, a.attidentity
		from pg_attribute a join pg_class c on c.oid = a.attrelid
		join pg_namespace n on n.oid = c.relnamespace
		left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
		where n.nspname = 'public' and c.relname like 'sb\\_%' and c.relkind = 'r'
			and a.attnum > 0 and not a.attisdropped
		order by 1, a.attnum`,
		`select conrelid::regclass::text as relname, conname, pg_get_constraintdef(oid) as definition
		from pg_constraint where conrelid::regclass::text like 'sb\\_%' order by 1, 2`,
		`select tablename, indexname, indexdef from pg_indexes
		where schemaname = 'public' and tablename like 'sb\\_%' order by 1, 2`,
		`select tgrelid::regclass::text as relname, tgname from pg_trigger
		where tgrelid::regclass::text like 'sb\\_%' and not tgisinternal order by 1, 2`,
	];
	const results = [];
	for (const text of queries) results.push((await pool.query(text)).rows);
	return results;
}

describe('applyDirectusSchema', () => {
	let cms: ContentDirectus;
	let first: Awaited<ReturnType<typeof applyDirectusSchema>>;

	before(async () => {
		cms = await startContentDirectus({ schema: false });
		first = await applyDirectusSchema({ directus: cms.admin, logStore: cms.pool });
	});
	after(() => cms?.stop());

	describe('on an empty database', () => {
		it('should run the log store migrations, then create every collection of the snapshot', async () => {
			assert.ok(first.migrations.includes(1), `migrations applied: ${first.migrations.join(', ')}`);
			const said = first.changes.map(formatChange);
			for (const collection of [
				'departments',
				'faq',
				'promotions',
				'plans',
				'business_info',
				'leads',
			]) {
				assert.ok(said.includes(`create collection ${collection}`), collection);
			}
			assert.ok(said.includes('create relation faq.department → departments'));
			assert.ok(said.includes('create log table sb_ai_decisions (registered read-only)'));
			const collections = await cms.adminApi.call<{ collection: string }[]>('GET', '/collections');
			const names = collections.map((entry) => entry.collection);
			for (const name of ['message_templates', 'social_post_logs', 'sb_inbound_events']) {
				assert.ok(names.includes(name), name);
			}
		});
	});

	describe('applied again', () => {
		it('should change nothing and say so', async () => {
			const second = await applyDirectusSchema({ directus: cms.admin, logStore: cms.pool });
			assert.deepEqual(second.changes, []);
			assert.deepEqual(second.skipped, []);
			assert.deepEqual(second.migrations, []);
		});
	});

	describe('checkDirectusSchema (drift)', () => {
		it('should find the live database identical to the schema files', async () => {
			const drift = await checkDirectusSchema({ directus: cms.admin });
			assert.deepEqual([...drift.changes, ...drift.skipped].map(formatChange), []);
		});

		it('should export exactly the snapshot file, minus nothing and plus nothing', async () => {
			const exported = await exportDirectusSchema({ directus: cms.admin });
			const file = readSetupFile(SETUP_FILES.snapshot, snapshotSchema);
			assert.deepEqual(
				exported.collections.map((entry) => entry.collection),
				file.collections.map((entry) => entry.collection),
			);
			assert.equal(exported.fields.length, file.fields.length);
			assert.equal(exported.relations.length, file.relations.length);
		});

		it('should report a field edited in the Studio, and the next apply should put it back', async () => {
			await cms.adminApi.call('PATCH', '/fields/faq/question', {
				body: { meta: { note: 'Changed by hand' } },
			});
			const drift = await checkDirectusSchema({ directus: cms.admin });
			assert.deepEqual(drift.changes.map(formatChange), ['update field faq.question (meta.note)']);
			const repaired = await applyDirectusSchema({ directus: cms.admin });
			assert.deepEqual(repaired.changes.map(formatChange), [
				'update field faq.question (meta.note)',
			]);
			assert.deepEqual((await checkDirectusSchema({ directus: cms.admin })).changes, []);
		});

		it('should leave a field staff added alone unless asked to prune it', async () => {
			await cms.adminApi.call('POST', '/fields/plans', {
				body: { field: 'internal_code', type: 'string', meta: {}, schema: {} },
			});
			const kept = await applyDirectusSchema({ directus: cms.admin });
			assert.deepEqual(kept.changes, []);
			assert.deepEqual(kept.skipped.map(formatChange), ['delete field plans.internal_code']);
			const drift = await checkDirectusSchema({ directus: cms.admin });
			assert.deepEqual(drift.changes.map(formatChange), ['delete field plans.internal_code']);
			const pruned = await applyDirectusSchema({ directus: cms.admin, prune: true });
			assert.deepEqual(pruned.changes.map(formatChange), ['delete field plans.internal_code']);
			assert.deepEqual((await checkDirectusSchema({ directus: cms.admin })).changes, []);
		});
	});

	describe('the log tables', () => {
		it('should be exactly as a database only our migrations touched', async () => {
			const reference = await createTestDatabase();
			try {
				const pool = reference.pool();
				await migrate(pool);
				assert.deepEqual(await describeLogTables(cms.pool), await describeLogTables(pool));
			} finally {
				await reference.drop();
			}
		});

		it('should all be listed in log-tables.json, so a new one is not forgotten', async () => {
			const { rows } = await cms.pool.query<{ tablename: string }>(
				`select tablename from pg_tables where schemaname = 'public'
				and tablename like 'sb\\_%' and tablename <> 'sb_schema_migrations' order by 1`,
			);
			const { collections } = readSetupFile(SETUP_FILES.logTables, logTablesFileSchema);
			assert.deepEqual(
				rows.map((row) => row.tablename),
				collections.map((table) => table.collection).sort(),
			);
		});

		it('should be registered read-only in the AI logs folder', async () => {
			const { collections } = readSetupFile(SETUP_FILES.logTables, logTablesFileSchema);
			for (const { collection, group, fields: described } of collections) {
				const info = await cms.adminApi.call<{ meta: { group: string } | null }>(
					'GET',
					`/collections/${collection}`,
				);
				assert.equal(info.meta?.group, group ?? 'ai_logs', collection);
				const fields = await cms.adminApi.call<
					{ field: string; meta: { readonly: boolean } | null }[]
				>('GET', `/fields/${collection}`);
				const writable = fields.filter((field) => field.meta?.readonly !== true);
				// Only what the file opens on purpose (an appointment's status, for the front desk).
				const opened = Object.keys(described).filter((name) => described[name]?.readonly === false);
				assert.deepEqual(writable.map((field) => field.field).sort(), opened.sort(), collection);
			}
		});
	});

	describe('validation a marketing person sees', () => {
		const promotion = {
			title: 'Spring offer',
			body: 'Fibre 500 for less.',
			starts_at: '2026-04-01T09:00:00',
			ends_at: '2026-04-30T23:59:00',
		};

		it('should refuse a promotion that ends before it starts, on create and on update', async () => {
			const refused = await requestAs(cms.admin, 'POST', '/items/promotions', {
				...promotion,
				ends_at: '2026-03-01T09:00:00',
			});
			// Refused by the promotions hook (directus/extensions/).
			assert.deepEqual([refused.status, refused.code], [400, 'INVALID_PAYLOAD']);
			assert.match(refused.message!, /"ends_at" must be after "starts_at"/);
			const created = await requestAs(cms.admin, 'POST', '/items/promotions', promotion);
			assert.equal(created.status, 200);
			const id = (created.data as { id: number }).id;
			const moved = await requestAs(cms.admin, 'PATCH', `/items/promotions/${id}`, {
				starts_at: '2026-05-01T09:00:00',
			});
			assert.deepEqual([moved.status, moved.code], [400, 'INVALID_PAYLOAD']);
			const renamed = await requestAs(cms.admin, 'PATCH', `/items/promotions/${id}`, {
				title: 'Spring deal',
			});
			assert.equal(renamed.status, 200);
		});

		it("should refuse a promotion text beyond Instagram's limits", async () => {
			const cases = ['x'.repeat(2201), '#tag '.repeat(31), '@friend '.repeat(21)];
			for (const body of cases) {
				const refused = await requestAs(cms.admin, 'POST', '/items/promotions', {
					...promotion,
					body,
				});
				// Named by the promotions hook, which checks before the field rule would.
				assert.deepEqual(
					[refused.status, refused.code],
					[400, 'INVALID_PAYLOAD'],
					body.slice(0, 20),
				);
				assert.match(refused.message!, /"body" has \d+ (characters|hashtags|@mentions)/);
			}
			const fits = await requestAs(cms.admin, 'POST', '/items/promotions', {
				...promotion,
				body: `${'#tag '.repeat(30)}${'@friend '.repeat(20)}`,
			});
			assert.equal(fits.status, 200);
		});

		it('should offer status choices with labels and refuse any other status', async () => {
			const field = await cms.adminApi.call<{
				meta: { options: { choices: { text: string; value: string }[] } };
			}>('GET', '/fields/faq/status');
			assert.deepEqual(
				field.meta.options.choices.map((choice) => choice.value),
				['draft', 'published', 'archived'],
			);
			assert.ok(field.meta.options.choices.every((choice) => choice.text.length > 5));
			const refused = await requestAs(cms.admin, 'POST', '/items/faq', {
				question: 'Q?',
				answer: 'A.',
				status: 'live',
			});
			assert.deepEqual([refused.status, refused.code], [400, 'FAILED_VALIDATION']);
		});
	});
});
