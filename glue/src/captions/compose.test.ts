import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { composeCaption, normalizeHashtags } from './compose.ts';

describe('compose', () => {
	describe('normalizeHashtags', () => {
		it("should add the '#' once, whether Claude wrote none, one or two", () => {
			assert.deepEqual(normalizeHashtags(['sale', '#fibre', '##BlackFriday']), [
				'#sale',
				'#fibre',
				'#BlackFriday',
			]);
		});

		it('should drop repeats whatever their case, keeping the first spelling', () => {
			assert.deepEqual(normalizeHashtags(['BlackFriday', 'blackfriday', '#BLACKFRIDAY', 'Sale']), [
				'#BlackFriday',
				'#Sale',
			]);
		});

		it('should squeeze spaces and punctuation out of a tag', () => {
			assert.deepEqual(normalizeHashtags(['Black Friday!', 'fibre-optic', 'año_nuevo']), [
				'#BlackFriday',
				'#fibreoptic',
				'#año_nuevo',
			]);
		});

		it('should drop tags left empty', () => {
			assert.deepEqual(normalizeHashtags(['', '  ', '#', '!!']), []);
		});

		it('should drop tags the caption already carries inline', () => {
			assert.deepEqual(normalizeHashtags(['Sale', 'Fibre'], 'Our #sale starts now'), ['#Fibre']);
		});
	});

	describe('composeCaption', () => {
		it('should join the hashtags with spaces after a blank line', () => {
			assert.equal(
				composeCaption('  Black Friday is here.  ', ['#sale', '#fibre']),
				'Black Friday is here.\n\n#sale #fibre',
			);
		});

		it('should give the caption alone when there are no hashtags', () => {
			assert.equal(composeCaption('Black Friday is here.', []), 'Black Friday is here.');
		});

		it('should give the hashtags alone when the caption is empty', () => {
			assert.equal(composeCaption(' ', ['#sale']), '#sale');
		});
	});
});
