import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { guardReply, type GuardInput } from './guard.ts';

const records = new Map([
	['faq:12', '(en) Q: How fast is Fibre 300?\nA: 300 Mbit/s download and 50 Mbit/s upload.'],
	['plan:3', 'Fibre 300\nPrice: 29.99 EUR\nInstallation 1000 EUR value, free.'],
	[
		'promotion:7',
		'Black Friday\nValid from 2026-11-20 to 2026-11-30\nLink: https://acme.example/bf\n20% off.',
	],
	[
		'business:info',
		'Business: ACME\nContacts: Phone +34 910 000 000\nOpening hours: Mon 09:00-18:00; Fri 09:00-14:00',
	],
]);

function guard(overrides: Partial<GuardInput>) {
	return guardReply({ reply: '', usedContentIds: [], records, ...overrides });
}

describe('guard', () => {
	describe('guardReply', () => {
		it('should pass an empty reply', () => {
			assert.deepEqual(guard({ reply: '' }), { blocked: false });
		});

		it('should pass a reply without figures, even citing nothing', () => {
			assert.deepEqual(guard({ reply: 'A colleague will write to you shortly.' }), {
				blocked: false,
			});
		});

		it('should pass figures that appear in a cited record, however they are written', () => {
			const verdict = guard({
				reply: 'Fibre 300 costs $29.99 (29,99 €), the 1,000 EUR installation is free and 20 % off.',
				usedContentIds: ['plan:3', 'promotion:7'],
			});
			assert.deepEqual(verdict, { blocked: false });
		});

		it('should pass a date written differently from the record, and the day alone', () => {
			const verdict = guard({
				reply: 'La oferta vale hasta el 30 de noviembre (30/11/2026), until the 30th.',
				usedContentIds: ['promotion:7'],
			});
			assert.deepEqual(verdict, { blocked: false });
		});

		it('should pass times and phone numbers in another format than the record', () => {
			const verdict = guard({
				reply: 'We open at 9am, close at 6 p.m., call +34910000000 or 910 000 000.',
				usedContentIds: ['business:info'],
			});
			assert.deepEqual(verdict, { blocked: false });
		});

		it('should pass a time the record gives when a colon follows it in the reply', () => {
			const verdict = guard({
				reply: 'On Fridays we close at 14:00: come before then.',
				usedContentIds: ['business:info'],
			});
			assert.deepEqual(verdict, { blocked: false });
		});

		it('should block a price that no cited record contains', () => {
			const verdict = guard({ reply: 'Fibre 300 costs 24.99 €.', usedContentIds: ['plan:3'] });
			assert.deepEqual(verdict, {
				blocked: true,
				reason:
					'Held back by the guard: the reply states "24.99 €", which no cited record contains.',
				offending: [{ kind: 'money', text: '24.99 €' }],
			});
		});

		it('should block a price from a record that was offered but not cited', () => {
			const verdict = guard({ reply: 'It is 29.99 EUR a month.', usedContentIds: ['faq:12'] });
			assert.equal(verdict.blocked, true);
			assert.deepEqual(verdict.blocked && verdict.offending, [
				{ kind: 'money', text: '29.99 EUR' },
			]);
		});

		it('should block figures when the reply cites nothing', () => {
			const verdict = guard({ reply: 'You get 300 Mbit/s.' });
			assert.deepEqual(verdict.blocked && verdict.offending, [{ kind: 'number', text: '300' }]);
		});

		it('should block a date, a time and a percentage the records do not give', () => {
			const verdict = guard({
				reply: 'Valid until 1 December at 20:00, 30% off, then 30/11/2027.',
				usedContentIds: ['promotion:7', 'business:info'],
			});
			assert.deepEqual(verdict.blocked && verdict.offending, [
				{ kind: 'date', text: '1 December' },
				{ kind: 'time', text: '20:00' },
				{ kind: 'percent', text: '30%' },
				{ kind: 'date', text: '30/11/2027' },
			]);
		});

		it('should block a cited id that was not offered, even without figures', () => {
			const verdict = guard({ reply: 'Yes, we do.', usedContentIds: ['faq:12', 'faq:99'] });
			assert.deepEqual(verdict, {
				blocked: true,
				reason: 'Held back by the guard: the reply cites "faq:99", which were not offered.',
				offending: [{ kind: 'content_id', text: 'faq:99' }],
			});
		});

		it('should name both problems when a figure and an id are wrong', () => {
			const verdict = guard({ reply: 'It costs $19.', usedContentIds: ['plan:99'] });
			assert.equal(verdict.blocked, true);
			assert.match(verdict.blocked ? verdict.reason : '', /"\$19".*"plan:99"/);
		});

		it("should let the reply repeat the customer's own order number", () => {
			const verdict = guard({
				reply: 'Thanks, I have passed order 12345 to the team.',
				customerText: 'My order #12345 never arrived',
			});
			assert.deepEqual(verdict, { blocked: false });
		});

		it('should not let the reply confirm a price or a date the customer made up', () => {
			const verdict = guard({
				reply: 'Yes, it is 10 € until 15/12.',
				customerText: 'Is it 10 € until 15/12?',
			});
			assert.deepEqual(verdict.blocked && verdict.offending, [
				{ kind: 'money', text: '10 €' },
				{ kind: 'date', text: '15/12' },
			]);
		});

		it('should ignore digits in links and in ids the reply mentions', () => {
			const verdict = guard({
				reply: 'Details at https://acme.example/bf2026 (faq:12).',
				usedContentIds: ['faq:12'],
			});
			assert.deepEqual(verdict, { blocked: false });
		});
	});
});
