import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { assertInstagramCaption, InstagramCaptionError } from '../meta/index.ts';
import { CAPTION_LIMITS, limitProblems } from './platform-limits.ts';

const tags = (n: number, mark = '#') =>
	Array.from({ length: n }, (_, i) => `${mark}t${i}`).join(' ');

describe('platform-limits', () => {
	describe('CAPTION_LIMITS', () => {
		it("should take Instagram's limits from the Meta client", () => {
			assert.deepEqual(CAPTION_LIMITS.instagram, { characters: 2200, hashtags: 30, mentions: 20 });
		});

		it('should give TikTok 2,200 characters and Facebook its post length', () => {
			assert.deepEqual(CAPTION_LIMITS.tiktok, { characters: 2200 });
			assert.deepEqual(CAPTION_LIMITS.facebook, { characters: 63_206 });
		});
	});

	describe('limitProblems', () => {
		it('should accept an Instagram caption exactly at every limit', () => {
			const text = `${tags(30)} ${tags(20, '@')}`;
			const padded = text + 'a'.repeat(2200 - text.length);
			assert.deepEqual(limitProblems('instagram', padded), []);
		});

		it('should name every Instagram limit exceeded, with the counts', () => {
			const text = `${tags(31)} ${tags(21, '@')} ${'a'.repeat(2200)}`;
			assert.deepEqual(limitProblems('instagram', text), [
				{ kind: 'limit', limit: 'characters', actual: [...text].length, max: 2200 },
				{ kind: 'limit', limit: 'hashtags', actual: 31, max: 30 },
				{ kind: 'limit', limit: 'mentions', actual: 21, max: 20 },
			]);
		});

		it('should agree with the check the Meta client runs before publishing', () => {
			const samples = ['', 'a'.repeat(2200), 'a'.repeat(2201), tags(30), tags(31), tags(21, '@')];
			for (const text of samples) {
				const [first] = limitProblems('instagram', text);
				if (first === undefined) {
					assert.doesNotThrow(() => assertInstagramCaption(text));
				} else {
					assert.throws(
						() => assertInstagramCaption(text),
						(error: unknown) =>
							error instanceof InstagramCaptionError &&
							error.limit === first.limit &&
							error.actual === first.actual &&
							error.max === first.max,
					);
				}
			}
		});

		it('should count an emoji as one character on Instagram and as two on TikTok', () => {
			const text = `${'a'.repeat(2199)}👍`;
			assert.deepEqual(limitProblems('instagram', text), []);
			assert.deepEqual(limitProblems('tiktok', text), [
				{ kind: 'limit', limit: 'characters', actual: 2201, max: 2200 },
			]);
		});

		it('should not limit hashtags on TikTok or Facebook', () => {
			assert.deepEqual(limitProblems('tiktok', tags(40)), []);
			assert.deepEqual(limitProblems('facebook', tags(40)), []);
		});

		it('should refuse a Facebook post over 63,206 characters', () => {
			assert.deepEqual(limitProblems('facebook', 'a'.repeat(63_206)), []);
			assert.equal(limitProblems('facebook', 'a'.repeat(63_207))[0]?.actual, 63_207);
		});
	});
});
