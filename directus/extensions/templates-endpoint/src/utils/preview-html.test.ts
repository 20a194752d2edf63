import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PreviewAnswer } from './preview-answer.ts';
import { escapeHtml, previewHtml } from './preview-html.ts';
import { previewQuerySchema, queryReason } from './preview-query.ts';

function makeAnswer(overrides: Partial<PreviewAnswer> = {}): PreviewAnswer {
	return {
		key: 'out_of_hours',
		language: 'en',
		channel: 'whatsapp_session',
		subject: null,
		text: 'Hi Ana, we open Monday at 09:00.',
		whatsapp: null,
		usedFallbacks: [],
		filledFrom: 'samples',
		...overrides,
	};
}

describe('preview page', () => {
	describe('previewHtml', () => {
		it('should show the message as text, markup in a name included', () => {
			const html = previewHtml(makeAnswer({ text: 'Hi <b>Ana</b> & {{x}}' }));
			assert.ok(html.includes('Hi &lt;b&gt;Ana&lt;/b&gt; &amp; {{x}}'));
			assert.ok(!html.includes('<b>Ana'));
		});

		it('should say what filled it and leave out what does not apply', () => {
			const html = previewHtml(
				makeAnswer({ filledFrom: 'contact', usedFallbacks: ['contact.first_name'] }),
			);
			assert.ok(html.includes('the chosen contact'));
			assert.ok(html.includes('contact.first_name'));
			assert.ok(!html.includes('Subject'));
		});

		it('should escape every special character', () => {
			assert.equal(
				escapeHtml(`<a href="x">'&'</a>`),
				'&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;',
			);
		});
	});

	describe('previewQuerySchema', () => {
		it('should read a lead id from the query string and default to JSON', () => {
			const query = previewQuerySchema.parse({ lead: '12' });
			assert.equal(query.lead, 12);
			assert.equal(query.format, 'json');
		});

		it('should treat empty parameters as absent', () => {
			const query = previewQuerySchema.parse({ name: ' ', format: 'html' });
			assert.equal(query.name, undefined);
			assert.equal(query.format, 'html');
		});

		it('should name a bad parameter', () => {
			const parsed = previewQuerySchema.safeParse({ lead: 'abc', format: 'pdf' });
			assert.ok(!parsed.success);
			assert.match(queryReason(parsed.error), /^lead: .*; format: /);
		});
	});
});
