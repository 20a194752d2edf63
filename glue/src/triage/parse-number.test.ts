import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { countDigits, parseNumber } from './parse-number.ts';

describe('parse-number', () => {
	describe('parseNumber', () => {
		const cases: Array<[string, number]> = [
			['29.99', 29.99],
			['29,99', 29.99],
			['1,000', 1000],
			['1.000', 1000],
			['1000', 1000],
			['1,000.50', 1000.5],
			['1.000,50', 1000.5],
			['1,234,567', 1234567],
			['1.234.567', 1234567],
			['0,500', 0.5],
			['0.5', 0.5],
			['2.5', 2.5],
			['1\u00a0000', 1000],
			['1\u202f000,5', 1000.5],
			['0800', 800],
		];
		for (const [written, value] of cases) {
			it(`should read "${written}" as ${value}`, () => {
				assert.equal(parseNumber(written), value);
			});
		}

		it('should give NaN when the text is not a number', () => {
			assert.ok(Number.isNaN(parseNumber('')));
			assert.ok(Number.isNaN(parseNumber('abc')));
			assert.ok(Number.isNaN(parseNumber('1,2,')));
		});
	});

	describe('countDigits', () => {
		it('should count digits only, ignoring separators and symbols', () => {
			assert.equal(countDigits('$1,000.50'), 6);
			assert.equal(countDigits(''), 0);
		});
	});
});
