import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	contentRecords,
	formatOpeningHours,
	localDate,
	recordTexts,
	renderRecord,
} from './content-records.ts';
import { makeBundle, makeDepartment, makeFaq, makePlan, makePromotion } from './test-fixtures.ts';

describe('content-records', () => {
	describe('contentRecords', () => {
		it('should give every record a kind-prefixed id and its text', () => {
			const records = contentRecords(makeBundle());
			assert.deepEqual(
				[records.business, ...records.faq, ...records.plans, ...records.promotions].map(
					(r) => r.id,
				),
				['business:info', 'faq:12', 'faq:13', 'faq:14', 'plan:3', 'plan:4', 'promotion:7'],
			);
			assert.equal(
				records.plans[0]?.text,
				'Fibre 300\nPrice: 29.99 EUR\n300 Mbit/s symmetric fibre, no permanence.',
			);
			assert.equal(
				records.promotions[0]?.text,
				'Black Friday\nValid from 2026-11-20 to 2026-11-30\nLink: https://acme.example/black-friday\n20% off the first 3 months of any fibre plan.',
			);
		});

		it('should include the business facts and the department hours when it has its own', () => {
			const bundle = makeBundle({
				department: makeDepartment({ openingHours: { sat: [{ open: '10:00', close: '14:00' }] } }),
			});
			assert.equal(
				contentRecords(bundle).business.text,
				[
					'Business: ACME Internet',
					'Address: Calle Mayor 1, Madrid',
					'Contacts: Phone +34 910 000 000',
					'Time zone: Europe/Madrid',
					'Opening hours: Mon 09:00-18:00; Tue 09:00-18:00; Wed 09:00-18:00; Thu 09:00-18:00; Fri 09:00-14:00; Sat closed; Sun closed',
					'Opening hours of Sales: Mon closed; Tue closed; Wed closed; Thu closed; Fri closed; Sat 10:00-14:00; Sun closed',
				].join('\n'),
			);
		});

		it('should say when a plan has no published price', () => {
			const bundle = makeBundle({
				plans: [makePlan({ price: null, currency: null, description: null })],
			});
			assert.equal(contentRecords(bundle).plans[0]?.text, 'Fibre 300\nPrice: not published');
		});

		it('should keep a record one paragraph when its text has blank lines', () => {
			const bundle = makeBundle({ faq: [makeFaq({ answer: 'First.\n\n\nSecond.' })] });
			assert.equal(
				contentRecords(bundle).faq[0]?.text,
				'(en) Q: How fast is the Fibre 300 plan?\nA: First.\nSecond.',
			);
		});

		it('should date promotions in the business time zone', () => {
			const bundle = makeBundle({
				promotions: [
					makePromotion({ startsAt: '2026-11-30T23:30:00Z', endsAt: '2026-12-31T22:59:00Z' }),
				],
			});
			assert.match(
				contentRecords(bundle).promotions[0]?.text ?? '',
				/Valid from 2026-12-01 to 2026-12-31/,
			);
		});
	});

	describe('localDate', () => {
		it('should convert a timestamp with an offset and keep a local one as it is', () => {
			assert.equal(localDate('2026-11-30T23:30:00Z', 'Europe/Madrid'), '2026-12-01');
			assert.equal(localDate('2026-11-30T23:30:00-05:00', 'America/New_York'), '2026-11-30');
			assert.equal(localDate('2026-11-30T23:30:00', 'Asia/Tokyo'), '2026-11-30');
		});
	});

	describe('formatOpeningHours', () => {
		it('should list every day, closed when missing, several intervals joined', () => {
			assert.equal(
				formatOpeningHours({
					mon: [
						{ open: '09:00', close: '13:00' },
						{ open: '15:00', close: '19:00' },
					],
				}),
				'Mon 09:00-13:00, 15:00-19:00; Tue closed; Wed closed; Thu closed; Fri closed; Sat closed; Sun closed',
			);
		});
	});

	describe('recordTexts and renderRecord', () => {
		it('should map ids to texts and render a record with its id in brackets', () => {
			const records = contentRecords(makeBundle());
			assert.equal(recordTexts(records).get('faq:14'), records.faq[2]?.text);
			assert.equal(
				renderRecord(records.faq[2]!),
				'[faq:14] (en) Q: Is there a permanence period?\nA: No. You can cancel at any time without a penalty.',
			);
		});
	});
});
