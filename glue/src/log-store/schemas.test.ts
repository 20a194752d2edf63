import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonObject } from './schemas.ts';

describe('log-store schemas', () => {
	describe('jsonObject', () => {
		it('should accept a webhook payload as JSON.parse returns it, unchanged', () => {
			const payload = JSON.parse(
				'{"id":1,"content":"¿Hola? 👋","sender":{"name":null,"tags":["a",2,true]},"n":-0.5}',
			) as Record<string, unknown>;
			const parsed = jsonObject.safeParse(payload);
			assert.ok(parsed.success);
			assert.equal(parsed.data, payload);
		});

		it('should reject what JSON cannot hold: undefined, NaN, a Date, a function, a cycle', () => {
			const cyclic: Record<string, unknown> = {};
			cyclic.self = cyclic;
			for (const value of [
				{ a: undefined },
				{ a: Number.NaN },
				{ a: [Number.POSITIVE_INFINITY] },
				{ at: new Date(0) },
				{ f: () => 1 },
				cyclic,
			]) {
				assert.equal(
					jsonObject.safeParse(value).success,
					false,
					JSON.stringify(Object.keys(value)),
				);
			}
		});

		it('should reject a value that is not an object, naming what it wanted', () => {
			for (const value of [null, [], 'text', 1]) {
				const parsed = jsonObject.safeParse(value);
				assert.equal(parsed.success, false);
				assert.equal(parsed.error?.issues[0]?.message, 'must be a JSON object');
			}
		});
	});
});
