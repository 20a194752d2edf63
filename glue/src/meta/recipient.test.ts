import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recipientNumber } from './recipient.ts';

describe('recipient', () => {
	describe('recipientNumber', () => {
		const cases: [string, string][] = [
			['+16505551234', '+16505551234'],
			['16505551234', '+16505551234'],
			['+1 (650) 555-1234', '+16505551234'],
			[' 34 600 12 34 56 ', '+34600123456'],
			['US.13491208655302741918', 'US.13491208655302741918'],
		];
		for (const [input, expected] of cases) {
			it(`should send ${JSON.stringify(input)} as ${JSON.stringify(expected)}`, () => {
				assert.equal(recipientNumber(input), expected);
			});
		}
	});
});
