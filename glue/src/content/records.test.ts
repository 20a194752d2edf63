import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ContentResponseError } from './errors.ts';
import { toBusinessInfo, toDepartment, toFaq, toPlan, toPromotion } from './records.ts';

const departmentRecord = (overrides: Record<string, unknown> = {}) => ({
	key: 'sales',
	name: 'Sales',
	whatsapp_numbers: ['+15550000001'],
	phone_number_ids: ['1555000000001'],
	chatwoot_inbox_ids: [1],
	chatwoot_team_id: 1,
	confidence_threshold: 0.7,
	opening_hours: null,
	escalation_team_id: null,
	fallback_keywords: ['price'],
	sort: 1,
	...overrides,
});

const promotionRecord = (overrides: Record<string, unknown> = {}) => ({
	id: 7,
	title: 'Half price',
	body: 'Fibre 500 at half price.',
	image: null,
	image_url: null,
	link: 'https://northwindfibre.example/offers',
	starts_at: '2026-03-01T09:00:00',
	ends_at: '2026-03-31T23:59:00',
	platforms: ['facebook', 'instagram'],
	posting_slots: [],
	department: 'sales',
	...overrides,
});

const context = {
	timeZone: 'America/New_York',
	assetUrl: (id: string) => `https://cms.example/assets/${id}`,
};

function issuesOf(run: () => unknown): ContentResponseError {
	try {
		run();
	} catch (error) {
		assert.ok(error instanceof ContentResponseError);
		return error;
	}
	assert.fail('expected a ContentResponseError');
}

describe('records', () => {
	describe('toDepartment', () => {
		it('should map snake_case to the contract', () => {
			assert.deepEqual(toDepartment(departmentRecord()), {
				key: 'sales',
				name: 'Sales',
				whatsappNumbers: ['+15550000001'],
				phoneNumberIds: ['1555000000001'],
				chatwootInboxIds: [1],
				chatwootTeamId: 1,
				confidenceThreshold: 0.7,
				openingHours: null,
				escalationTeamId: null,
				fallbackKeywords: ['price'],
				urgencyKeywords: null,
			});
		});

		it("should read the department's own urgency words, and reject an unknown level", () => {
			const words = { high: ['internet down'] };
			assert.deepEqual(
				toDepartment(departmentRecord({ urgency_keywords: words })).urgencyKeywords,
				words,
			);
			const error = issuesOf(() =>
				toDepartment(departmentRecord({ urgency_keywords: { urgent: ['asap'] } })),
			);
			assert.equal(error.issues[0]?.field, 'urgency_keywords');
		});

		it('should take inbox ids that a tags field stored as text', () => {
			assert.deepEqual(
				toDepartment(departmentRecord({ chatwoot_inbox_ids: ['1', '4'] })).chatwootInboxIds,
				[1, 4],
			);
		});

		it('should name the Directus field and the department when the hours are malformed', () => {
			const error = issuesOf(() =>
				toDepartment(
					departmentRecord({ opening_hours: { mon: [{ open: '9am', close: '18:00' }] } }),
				),
			);
			assert.equal(error.collection, 'departments');
			assert.equal(error.recordId, 'sales');
			assert.equal(error.issues[0]?.field, 'opening_hours.mon.0.open');
			assert.match(
				error.message,
				/departments sales in Directus is invalid \(opening_hours\.mon\.0\.open: a time as HH:MM/,
			);
		});
	});

	describe('toBusinessInfo', () => {
		it('should refuse a time zone the runtime does not know', () => {
			const error = issuesOf(() =>
				toBusinessInfo({
					id: 1,
					name: 'Northwind',
					time_zone: 'Mars/Olympus',
					opening_hours: {},
					address: null,
					contacts: null,
					tone_of_voice: null,
				}),
			);
			assert.equal(error.issues[0]?.field, 'time_zone');
		});
	});

	describe('toFaq and toPlan', () => {
		it('should keep ids as text and prices as written', () => {
			assert.deepEqual(
				toFaq({ id: 3, question: 'Q?', answer: 'A.', department: null, language: 'es' }),
				{
					id: '3',
					question: 'Q?',
					answer: 'A.',
					department: null,
					language: 'es',
				},
			);
			const plan = toPlan({
				id: 2,
				name: 'Fibre 500',
				description: null,
				price: '49.90',
				currency: 'USD',
				department: 'sales',
			});
			assert.equal(plan.price, '49.90');
			assert.equal(plan.id, '2');
		});

		it('should refuse an FAQ without an answer', () => {
			const error = issuesOf(() =>
				toFaq({ id: 3, question: 'Q?', answer: '  ', department: null, language: 'en' }),
			);
			assert.equal(error.issues[0]?.field, 'answer');
		});
	});

	describe('toPromotion', () => {
		it("should read the dates on the business's clock and give them with the offset", () => {
			const { promotion, startsAtMs, endsAtMs } = toPromotion(promotionRecord(), context);
			assert.equal(promotion.startsAt, '2026-03-01T09:00:00-05:00');
			assert.equal(promotion.endsAt, '2026-03-31T23:59:00-04:00');
			assert.equal(startsAtMs, Date.parse('2026-03-01T14:00:00Z'));
			assert.equal(endsAtMs, Date.parse('2026-04-01T03:59:00Z'));
			assert.equal(promotion.id, '7');
		});

		it('should prefer the image link, else the uploaded file', () => {
			const file = 'b3f1c8a2-0000-4000-8000-000000000001';
			assert.equal(
				toPromotion(promotionRecord({ image: file }), context).promotion.imageUrl,
				`https://cms.example/assets/${file}`,
			);
			assert.equal(
				toPromotion(
					promotionRecord({ image: file, image_url: 'https://cdn.example/p.jpg' }),
					context,
				).promotion.imageUrl,
				'https://cdn.example/p.jpg',
			);
			assert.equal(
				toPromotion(promotionRecord({ image_url: '', link: '' }), context).promotion.imageUrl,
				null,
			);
		});

		it('should refuse a date it cannot read, naming the field', () => {
			const error = issuesOf(() =>
				toPromotion(promotionRecord({ ends_at: 'end of March' }), context),
			);
			assert.deepEqual(error.issues, [{ field: 'ends_at', message: 'is not a date and time' }]);
		});

		it('should refuse a platform we do not post to', () => {
			const error = issuesOf(() =>
				toPromotion(promotionRecord({ platforms: ['myspace'] }), context),
			);
			assert.equal(error.issues[0]?.field, 'platforms.0');
		});
	});
});
