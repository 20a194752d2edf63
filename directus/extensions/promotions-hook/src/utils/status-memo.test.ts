import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { StatusMemo } from './status-memo.ts';

describe('StatusMemo', () => {
	it('should give back a noted status once, whether the key is a number or a string', () => {
		const memo = new StatusMemo();
		memo.remember(7, 'published');
		assert.equal(memo.take('7'), 'published');
		assert.equal(memo.take(7), undefined);
	});

	it('should keep a null status apart from none noted', () => {
		const memo = new StatusMemo();
		memo.remember('1', null);
		assert.equal(memo.take('1'), null);
		assert.equal(memo.take('2'), undefined);
	});

	it('should forget entries whose save never came after a while', () => {
		let now = 0;
		const memo = new StatusMemo(() => now);
		memo.remember('old', 'draft');
		now = 6 * 60_000;
		memo.remember('new', 'published');
		assert.equal(memo.take('old'), undefined);
		assert.equal(memo.take('new'), 'published');
	});
});
