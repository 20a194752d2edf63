import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CaptionInputError } from './errors.ts';
import { parseCaptionInput } from './input.ts';
import { makeBundle, makeCaptionInput } from './test-fixtures.ts';

function issuesOf(input: unknown): string[] {
	try {
		parseCaptionInput(input);
	} catch (error) {
		if (error instanceof CaptionInputError) return error.issues.map((issue) => issue.field);
		throw error;
	}
	return [];
}

describe('input', () => {
	describe('parseCaptionInput', () => {
		it('should take a whole BusinessInfo and keep only what a caption needs', () => {
			const input = parseCaptionInput(makeCaptionInput({ business: makeBundle().business }));
			assert.deepEqual(input.business, {
				name: 'ACME Internet',
				timeZone: 'Europe/Madrid',
				toneOfVoice: "Warm and brief; use the customer's first name when known.",
			});
		});

		it('should keep the platforms in the order given and drop a repeat', () => {
			const input = parseCaptionInput(
				makeCaptionInput({ platforms: ['tiktok', 'facebook', 'tiktok'] }),
			);
			assert.deepEqual(input.platforms, ['tiktok', 'facebook']);
		});

		it('should refuse no platforms, an unknown platform and a malformed language', () => {
			assert.deepEqual(issuesOf(makeCaptionInput({ platforms: [] })), ['platforms']);
			assert.deepEqual(issuesOf({ ...makeCaptionInput(), platforms: ['facebook', 'x'] }), [
				'platforms.1',
			]);
			assert.deepEqual(issuesOf(makeCaptionInput({ language: 'Spanish' })), ['language']);
		});

		it('should refuse a business without a valid time zone, saying Claude was not called', () => {
			const business = { ...makeBundle().business, timeZone: 'Mars/Olympus' };
			assert.throws(
				() => parseCaptionInput(makeCaptionInput({ business })),
				(error: unknown) =>
					error instanceof CaptionInputError &&
					error.code === 'CAPTION_INVALID_INPUT' &&
					error.httpStatus === 400 &&
					/business\.timeZone: .*; Claude was not called$/.test(error.message),
			);
		});
	});
});
