import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatChange } from './changes.ts';
import { planDiff, withoutCollections, type SnapshotDiff } from './snapshot.ts';

const diff = (overrides: Partial<SnapshotDiff> = {}): SnapshotDiff & { hash: string } => ({
	hash: 'h1',
	collections: [],
	fields: [],
	systemFields: [],
	relations: [],
	...overrides,
});

const managed = new Set(['faq', 'departments']);

describe('snapshot', () => {
	describe('planDiff', () => {
		it('should describe creates, updates and deletes in words', () => {
			const plan = planDiff(
				diff({
					collections: [{ collection: 'faq', diff: [{ kind: 'N', rhs: {} }] }],
					fields: [
						{
							collection: 'departments',
							field: 'name',
							diff: [
								{ kind: 'E', path: ['meta', 'note'], lhs: 'a', rhs: 'b' },
								{
									kind: 'A',
									path: ['meta', 'options', 'choices'],
									index: 2,
									item: { kind: 'N', rhs: 'x' },
								},
							],
						},
					],
					relations: [
						{
							collection: 'faq',
							field: 'department',
							related_collection: 'departments',
							diff: [{ kind: 'N', rhs: {} }],
						},
					],
				}),
				managed,
				false,
			);
			assert.deepEqual(plan.changes.map(formatChange), [
				'create collection faq',
				'update field departments.name (meta.note, meta.options.choices[2])',
				'create relation faq.department → departments',
			]);
			assert.equal(plan.hash, 'h1');
		});

		it("should leave out collections that are not the snapshot's, and system fields", () => {
			const plan = planDiff(
				diff({
					collections: [{ collection: 'sb_ai_decisions', diff: [{ kind: 'D', lhs: {} }] }],
					fields: [{ collection: 'sb_ai_decisions', field: 'id', diff: [{ kind: 'D', lhs: {} }] }],
					systemFields: [
						{
							collection: 'directus_activity',
							field: 'timestamp',
							diff: [{ kind: 'E', path: ['schema', 'is_indexed'], lhs: true, rhs: false }],
						},
					],
				}),
				managed,
				true,
			);
			assert.deepEqual(plan.changes, []);
			assert.deepEqual(plan.diff, { collections: [], fields: [], systemFields: [], relations: [] });
		});

		it('should delete a field of ours only when pruning', () => {
			const entry = { collection: 'faq', field: 'legacy', diff: [{ kind: 'D' as const, lhs: {} }] };
			const kept = planDiff(diff({ fields: [entry] }), managed, false);
			assert.deepEqual(kept.diff.fields, []);
			assert.deepEqual(kept.skipped.map(formatChange), ['delete field faq.legacy']);
			const pruned = planDiff(diff({ fields: [entry] }), managed, true);
			assert.deepEqual(pruned.diff.fields, [entry]);
			assert.deepEqual(pruned.changes.map(formatChange), ['delete field faq.legacy']);
		});
	});

	describe('withoutCollections', () => {
		it('should drop the collections with their fields and relations', () => {
			const snapshot = {
				version: 1 as const,
				directus: '11.17.4',
				vendor: 'postgres',
				collections: [
					{ collection: 'faq', meta: {} },
					{ collection: 'sb_x', meta: {} },
				],
				fields: [
					{ collection: 'faq', field: 'id', type: 'integer', meta: {}, schema: {} },
					{ collection: 'sb_x', field: 'id', type: 'integer', meta: {}, schema: {} },
				],
				systemFields: [],
				relations: [
					{ collection: 'sb_x', field: 'a', related_collection: 'faq', meta: {}, schema: {} },
				],
			};
			const kept = withoutCollections(snapshot, (name) => name.startsWith('sb_'));
			assert.deepEqual(
				kept.collections.map((c) => c.collection),
				['faq'],
			);
			assert.deepEqual(
				kept.fields.map((f) => f.collection),
				['faq'],
			);
			assert.deepEqual(kept.relations, []);
		});
	});
});
