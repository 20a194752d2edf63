import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	assertInstagramCaption,
	captionLength,
	countHashtags,
	countMentions,
} from './caption-limits.ts';
import { InstagramCaptionError } from './instagram-caption-error.ts';

const tags = (n: number, mark = '#') =>
	Array.from({ length: n }, (_, i) => `${mark}t${i}`).join(' ');

describe('caption-limits', () => {
	describe('counting', () => {
		it('should count an emoji as one character', () => {
			assert.equal(captionLength('☀️👍'), 3); // ☀ + variation selector + 👍
			assert.equal(captionLength('👍'), 1);
		});

		it('should count hashtags in any script, not a lone #', () => {
			assert.equal(countHashtags('#sale #verano #oferta_2026 # and C#'), 3);
			assert.equal(countHashtags('#café #日本'), 2);
		});

		it('should count @ tags but not e-mail addresses', () => {
			assert.equal(countMentions('@shop thanks @ana.b, write to help@example.com'), 2);
		});
	});

	describe('assertInstagramCaption', () => {
		const ok: [string, string][] = [
			['an empty caption', ''],
			['exactly 2,200 characters', 'a'.repeat(2200)],
			['exactly 30 hashtags', tags(30)],
			['exactly 20 @ tags', tags(20, '@')],
		];
		for (const [label, caption] of ok) {
			it(`should accept ${label}`, () => assertInstagramCaption(caption));
		}

		const refused: [string, string, string, number, number][] = [
			['2,201 characters', 'a'.repeat(2201), 'characters', 2201, 2200],
			['31 hashtags', tags(31), 'hashtags', 31, 30],
			['21 @ tags', tags(21, '@'), 'mentions', 21, 20],
		];
		for (const [label, caption, limit, actual, max] of refused) {
			it(`should refuse ${label} with the limit named`, () => {
				assert.throws(
					() => assertInstagramCaption(caption),
					(error: unknown) =>
						error instanceof InstagramCaptionError &&
						error.limit === limit &&
						error.actual === actual &&
						error.max === max &&
						error.code === 'META_INSTAGRAM_CAPTION',
				);
			});
		}

		it('should say what to fix in the message', () => {
			assert.throws(
				() => assertInstagramCaption(tags(31)),
				/^InstagramCaptionError: Instagram caption has 31 hashtags; Instagram allows at most 30\./,
			);
		});
	});
});
