import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { constraintsOf, describedKeywords } from './constraints.ts';

describe('constraints', () => {
	describe('describedKeywords', () => {
		it('should read the SDK tail after a human description', () => {
			assert.deepEqual(describedKeywords('How sure.\n\n{minimum: 0, maximum: 1}'), {
				minimum: 0,
				maximum: 1,
			});
		});

		it('should read a tail that is the whole description, with strings and arrays holding commas', () => {
			assert.deepEqual(describedKeywords('{pattern: "^a,b}$", examples: [1, 2], maxLength: 5}'), {
				pattern: '^a,b}$',
				examples: [1, 2],
				maxLength: 5,
			});
		});

		it('should yield nothing for a description without a tail or with a broken one', () => {
			assert.deepEqual(describedKeywords('Just words.'), {});
			assert.deepEqual(describedKeywords(''), {});
			assert.deepEqual(describedKeywords('{not json at all}'), {});
		});
	});

	describe('constraintsOf', () => {
		it('should let keywords on the schema win over the described ones', () => {
			assert.deepEqual(
				constraintsOf({ type: 'array', minItems: 1, description: '{minItems: 3, maxItems: 4}' }),
				{
					minItems: 1,
					maxItems: 4,
				},
			);
		});
	});
});
