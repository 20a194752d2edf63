import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GraphError } from './graph-error.ts';
import { assertCaption, captionLength, countHashtags, countMentions } from './caption.ts';

const subcodeOf = (fn: () => void): number | undefined => {
	try {
		fn();
	} catch (err) {
		return err instanceof GraphError ? err.fields.error_subcode : undefined;
	}
	return undefined;
};

describe('caption', () => {
	describe('captionLength', () => {
		it('should count an emoji once when it is outside the BMP', () => {
			assert.equal('sol 😀'.length, 6);
			assert.equal(captionLength('sol 😀'), 5);
		});

		it('should be 0 when the caption is empty', () => {
			assert.equal(captionLength(''), 0);
		});
	});

	describe('countHashtags', () => {
		it('should count tags in any script and next to each other', () => {
			assert.equal(countHashtags('#sale #été #夏 #a#b'), 5);
		});

		it('should not count a lone "#" or "# tag"', () => {
			assert.equal(countHashtags('# tag and #'), 0);
		});
	});

	describe('countMentions', () => {
		it('should count @tags but not e-mail addresses', () => {
			assert.equal(countMentions('@ana and @bob.shop, mail me: hi@example.com'), 2);
		});
	});

	describe('assertCaption', () => {
		it('should pass when the caption is missing or at every limit', () => {
			assertCaption(undefined);
			const tags = Array.from({ length: 30 }, (_, i) => `#t${i}`).join(' ');
			const mentions = Array.from({ length: 20 }, (_, i) => `@u${i}`).join(' ');
			assertCaption(`${tags} ${mentions}`.padEnd(2200, '.'));
		});

		it('should throw 2207010 when the caption is 2,201 characters', () => {
			assert.equal(
				subcodeOf(() => assertCaption('a'.repeat(2201))),
				2207010,
			);
		});

		it('should throw 2207010 when the caption has 31 hashtags', () => {
			const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
			assert.equal(
				subcodeOf(() => assertCaption(tags)),
				2207010,
			);
		});

		it('should throw 2207040 when the caption has 21 @ tags', () => {
			const mentions = Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' ');
			assert.equal(
				subcodeOf(() => assertCaption(mentions)),
				2207040,
			);
		});
	});
});
