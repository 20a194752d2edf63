import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { captionsOutputFormat } from './output-format.ts';

describe('output-format', () => {
	describe('captionsOutputFormat', () => {
		const format = captionsOutputFormat(['facebook', 'instagram']);
		const facebook = { caption: 'Hi', hashtags: [], link_included: false };
		const instagram = { caption: 'Hi', hashtags: ['sale'] };

		it('should read an answer that matches the schema', () => {
			assert.deepEqual(format.parse(JSON.stringify({ facebook, instagram })), {
				ok: true,
				output: { facebook, instagram },
			});
		});

		it('should report, not throw, an answer missing a platform', () => {
			const check = format.parse(JSON.stringify({ facebook }));
			assert.equal(check.ok, false);
			assert.match(check.ok ? '' : check.problem, /^the answer breaks the schema: instagram: /);
		});

		it('should report text that is not JSON without quoting it', () => {
			assert.deepEqual(format.parse('Sure! Here are your captions'), {
				ok: false,
				problem: 'the answer is not JSON (28 characters)',
			});
		});

		it('should send a schema without length limits, so an over-long caption still parses', () => {
			const long = { caption: 'a'.repeat(5000), hashtags: Array(40).fill('t') };
			assert.equal(format.parse(JSON.stringify({ facebook, instagram: long })).ok, true);
			assert.doesNotMatch(JSON.stringify(format.schema), /maxLength|maxItems|\$ref/);
		});
	});
});
