import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseBundleQuery } from './bundle-query.ts';
import { faqQuery, promotionQuery } from './bundle-filters.ts';

describe('parseBundleQuery', () => {
	it('should take a department key and an optional language', () => {
		assert.deepEqual(parseBundleQuery({ department: 'sales' }), {
			ok: true,
			query: { department: 'sales' },
		});
		assert.deepEqual(parseBundleQuery({ department: 'sales', language: 'es' }), {
			ok: true,
			query: { department: 'sales', language: 'es' },
		});
	});

	it('should name the parameter that is wrong', () => {
		assert.deepEqual(parseBundleQuery({ department: 'Sales!' }), {
			ok: false,
			reason: '"department" must be a department key such as "sales"',
		});
		assert.deepEqual(parseBundleQuery({ department: 'sales', language: ['en', 'es'] }), {
			ok: false,
			reason: '"language": Invalid input: expected string, received array',
		});
	});
});

describe('bundle filters', () => {
	it('should ask for published items of the department and of every department', () => {
		const filter = faqQuery({ department: 'billing', language: 'es' }).filter;
		assert.deepEqual(filter, {
			_and: [
				{ status: { _eq: 'published' } },
				{ _or: [{ department: { _null: true } }, { department: { _eq: 'billing' } }] },
				{ language: { _eq: 'es' } },
			],
		});
	});

	it('should leave out promotions that ended two days before now, in the business time zone', () => {
		const now = Date.parse('2026-03-15T16:00:00Z');
		const { filter } = promotionQuery({ department: 'sales' }, now, 'America/New_York');
		assert.deepEqual((filter as { _and: unknown[] })._and[2], {
			ends_at: { _gte: '2026-03-13T12:00:00' },
		});
	});
});
