import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fold, matchKeywords } from './keywords.ts';

describe('keywords', () => {
	describe('fold', () => {
		it('should lower-case and drop accents', () => {
			assert.equal(fold('Caída ÇA Über'), 'caida ca uber');
		});
	});

	describe('matchKeywords', () => {
		it('should return the keywords found, in the order given, once each', () => {
			assert.deepEqual(
				matchKeywords('refund my refund, and the Invoice', [
					'invoice',
					'refund',
					'charge',
					'refund',
				]),
				['invoice', 'refund'],
			);
		});

		it('should match whole words only', () => {
			assert.deepEqual(matchKeywords('billion', ['bill']), []);
			assert.deepEqual(matchKeywords('my bill.', ['bill']), ['bill']);
		});

		it('should match a phrase across punctuation and spacing, and an accented keyword', () => {
			assert.deepEqual(matchKeywords('No-internet since 9', ['no internet']), ['no internet']);
			assert.deepEqual(matchKeywords('la caida del servicio', ['caída']), ['caída']);
		});

		it('should ignore empty keywords and empty text', () => {
			assert.deepEqual(matchKeywords('text', ['', '  ']), []);
			assert.deepEqual(matchKeywords('', ['plan']), []);
		});
	});
});
