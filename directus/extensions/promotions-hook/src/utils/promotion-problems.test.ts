import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { problemsReason, promotionProblems } from './promotion-problems.ts';

/** A promotion that may be published as it is; tests override what they are about. */
function promotion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		status: 'published',
		title: 'Half price',
		body: 'Fibre 500 at half price. #fibre @northwind',
		image: null,
		image_url: 'https://example.com/a.jpg',
		link: 'https://example.com/offer',
		starts_at: '2026-03-01T09:00:00',
		ends_at: '2026-03-31T23:59:00',
		platforms: ['facebook', 'instagram'],
		posting_slots: ['mon 09:00', 'thu 18:30'],
		...overrides,
	};
}

const fieldsOf = (record: Record<string, unknown>, imageType: string | null = null) =>
	promotionProblems(record, { imageType }).map((problem) => problem.field);

describe('promotionProblems', () => {
	it('should find nothing wrong with a complete promotion', () => {
		assert.deepEqual(promotionProblems(promotion()), []);
	});

	describe('dates', () => {
		it('should refuse an end before or at the start, naming both values', () => {
			const [problem] = promotionProblems(promotion({ ends_at: '2026-02-01T09:00:00' }));
			assert.equal(problem!.field, 'ends_at');
			assert.equal(
				problem!.message,
				'"ends_at" must be after "starts_at": the promotion would end ("2026-02-01T09:00:00") before it starts ("2026-03-01T09:00:00")',
			);
			assert.deepEqual(fieldsOf(promotion({ ends_at: '2026-03-01T09:00:00' })), ['ends_at']);
		});

		it('should accept a date-only end on the day it starts (it lasts the whole day)', () => {
			assert.deepEqual(
				fieldsOf(promotion({ starts_at: '2026-03-01T09:00:00', ends_at: '2026-03-01' })),
				[],
			);
		});

		it('should say which date is missing or unreadable', () => {
			assert.deepEqual(fieldsOf(promotion({ starts_at: null, ends_at: 'next week' })), [
				'starts_at',
				'ends_at',
			]);
			assert.match(
				problemsReason(promotionProblems(promotion({ ends_at: '' }))),
				/"ends_at" is required/,
			);
		});
	});

	describe('texts', () => {
		it('should refuse an empty or blank title and body, and an unknown status', () => {
			assert.deepEqual(fieldsOf(promotion({ title: '   ', body: undefined, status: 'live' })), [
				'status',
				'title',
				'body',
			]);
		});

		it('should count the body the way Instagram counts a caption', () => {
			const emoji = '🎉'.repeat(2200);
			assert.deepEqual(fieldsOf(promotion({ body: emoji })), [], 'an emoji counts once');
			assert.deepEqual(fieldsOf(promotion({ body: `${emoji}!` })), ['body']);
			const mentions = Array.from({ length: 21 }, (_, i) => `@user${i}`).join(' ');
			assert.match(
				problemsReason(promotionProblems(promotion({ body: mentions }))),
				/"body" has 21 @mentions; an Instagram caption allows at most 20/,
			);
			const emails = Array.from({ length: 25 }, (_, i) => `a${i}@example.com`).join(' ');
			assert.deepEqual(
				fieldsOf(promotion({ body: emails })),
				[],
				'an e-mail address is no mention',
			);
		});
	});

	describe('publishing', () => {
		it('should refuse unknown or repeated platforms and a platforms value that is no list', () => {
			assert.deepEqual(fieldsOf(promotion({ platforms: ['facebook', 'myspace'] })), ['platforms']);
			assert.deepEqual(fieldsOf(promotion({ platforms: ['facebook', 'facebook'] })), ['platforms']);
			assert.deepEqual(fieldsOf(promotion({ platforms: 'facebook' })), ['platforms']);
			assert.deepEqual(fieldsOf(promotion({ platforms: null })), []);
		});

		it('should take every posting slot the auto-poster reads', () => {
			for (const slot of ['Thu 18:30', 'monday 9:00', 'sun 23:59', 'wed 00:00']) {
				assert.deepEqual(fieldsOf(promotion({ posting_slots: [slot] })), [], slot);
			}
		});

		it('should refuse a posting slot the auto-poster cannot read, naming it', () => {
			for (const slot of ['mon 24:00', 'mon09:00', 'someday 10:00', 'thu 6pm', '', 7]) {
				assert.deepEqual(
					fieldsOf(promotion({ posting_slots: [slot] })),
					['posting_slots'],
					String(slot),
				);
			}
			assert.equal(
				problemsReason(promotionProblems(promotion({ posting_slots: ['mon 09:00', 'whenever'] }))),
				'"posting_slots" has "whenever"; write each slot as a weekday and a 24-hour time, e.g. "mon 09:00"',
			);
		});

		it('should want https pictures and http(s) links', () => {
			assert.deepEqual(fieldsOf(promotion({ image_url: 'http://example.com/a.jpg' })), [
				'image_url',
			]);
			assert.deepEqual(fieldsOf(promotion({ link: 'example.com/offer' })), ['link']);
			assert.deepEqual(
				fieldsOf(promotion({ link: '', image_url: null, image: 'file-1' }), 'image/jpeg'),
				[],
			);
		});

		it('should want a JPEG picture to publish on Instagram, and only then', () => {
			const noPicture = promotion({ image_url: null, image: null });
			assert.deepEqual(fieldsOf(noPicture), ['image']);
			assert.deepEqual(fieldsOf({ ...noPicture, status: 'draft' }), []);
			assert.deepEqual(fieldsOf({ ...noPicture, platforms: ['facebook'] }), []);
			const png = promotion({ image_url: null, image: 'file-1' });
			assert.match(
				problemsReason(promotionProblems(png, { imageType: 'image/png' })),
				/"image" is image\/png; Instagram only takes JPEG pictures/,
			);
		});
	});

	describe('problemsReason', () => {
		it('should name the promotion and join the problems', () => {
			const problems = promotionProblems(promotion({ title: '', platforms: ['x'] }));
			assert.equal(
				problemsReason(problems, '12'),
				'Promotion 12: "title" must not be empty; "platforms" has "x", which is not one of facebook, instagram, tiktok',
			);
		});
	});
});
