import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Queryable } from '../../log-store/repository.ts';
import { createStoreBatcher } from './store-batcher.ts';

/** Stores bodies as the real statement answers; a body "bad" fails whichever statement holds it. */
const fakeDb = () => {
	const statements: string[][] = [];
	const db: Queryable = {
		query: async (_text, values) => {
			const bodies = JSON.parse(String(values?.[0])) as { w: number; body: string }[];
			statements.push(bodies.map((b) => b.body));
			if (bodies.some((b) => b.body === 'bad')) throw new Error('invalid input syntax');
			return {
				rows: bodies.map((b) => ({
					w: b.w,
					webhookId: `${100 + statements.length * 10 + b.w}`,
					id: null,
					kind: null,
					forwardState: null,
					dropReason: null,
				})),
			};
		},
	};
	return { db, statements };
};
const input = (body: string) => ({ body, items: [] });

describe('createStoreBatcher', () => {
	it('should store webhooks that arrive together in one statement, each with its own result', async () => {
		const { db, statements } = fakeDb();
		const batcher = createStoreBatcher(db);
		const results = await Promise.all(['a', 'b', 'c'].map((b) => batcher.store(input(b))));
		assert.deepEqual(statements, [['a', 'b', 'c']]);
		assert.deepEqual(
			results.map((r) => r.webhookId),
			[110, 111, 112],
		);
	});

	it('should store the others alone when one webhook fails the statement they shared', async () => {
		const { db, statements } = fakeDb();
		const batcher = createStoreBatcher(db);
		const settled = await Promise.allSettled(['a', 'bad', 'c'].map((b) => batcher.store(input(b))));
		assert.deepEqual(
			settled.map((s) => s.status),
			['fulfilled', 'rejected', 'fulfilled'],
		);
		assert.deepEqual(statements[0], ['a', 'bad', 'c']);
		assert.deepEqual(statements.slice(1).flat().sort(), ['a', 'bad', 'c']);
	});
});
