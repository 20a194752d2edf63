import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type CaptionGrounding, checkCaption } from './check-caption.ts';
import { promotionFacts } from './promotion-facts.ts';
import { makePromotion } from './test-fixtures.ts';

const LINK = 'https://acme.example/black-friday';

function grounding(overrides: Partial<CaptionGrounding> = {}): CaptionGrounding {
	return {
		facts: promotionFacts(makePromotion(), 'Europe/Madrid'),
		businessName: 'ACME Internet',
		link: LINK,
		...overrides,
	};
}

describe('check-caption', () => {
	describe('checkCaption', () => {
		it('should compose the posted text and find nothing wrong with a grounded caption', () => {
			const checked = checkCaption(
				'instagram',
				{
					caption:
						'Black Friday at ACME Internet: 20% off your first 3 months of fibre, until 30 November. Link in bio!',
					hashtags: ['BlackFriday', '#fibre', 'blackfriday'],
				},
				grounding(),
			);
			assert.deepEqual(checked, {
				caption:
					'Black Friday at ACME Internet: 20% off your first 3 months of fibre, until 30 November. Link in bio!',
				hashtags: ['#BlackFriday', '#fibre'],
				text: 'Black Friday at ACME Internet: 20% off your first 3 months of fibre, until 30 November. Link in bio!\n\n#BlackFriday #fibre',
				problems: [],
			});
		});

		it("should add the promotion's link to a Facebook caption that left it out", () => {
			const checked = checkCaption(
				'facebook',
				{ caption: 'Black Friday: 20% off fibre.', hashtags: ['sale'] },
				grounding(),
			);
			assert.equal(checked.caption, `Black Friday: 20% off fibre.\n\n${LINK}`);
			assert.equal(checked.text, `Black Friday: 20% off fibre.\n\n${LINK}\n\n#sale`);
			assert.deepEqual(checked.problems, []);
		});

		it('should not add the link twice when the Facebook caption has it, written slightly differently', () => {
			const caption = 'Black Friday: 20% off fibre at https://acme.example/black-friday/.';
			const checked = checkCaption('facebook', { caption, hashtags: [] }, grounding());
			assert.equal(checked.caption, caption);
			assert.deepEqual(checked.problems, []);
		});

		it('should refuse a URL in an Instagram or TikTok caption, even the promotion’s', () => {
			for (const platform of ['instagram', 'tiktok'] as const) {
				const checked = checkCaption(
					platform,
					{ caption: `20% off fibre: ${LINK}`, hashtags: [] },
					grounding(),
				);
				assert.deepEqual(checked.problems, [{ kind: 'link', text: LINK }]);
			}
		});

		it('should refuse a link the promotion does not have on Facebook', () => {
			const checked = checkCaption(
				'facebook',
				{ caption: 'Black Friday! See www.acme.example/deals', hashtags: [] },
				grounding({ link: null }),
			);
			assert.deepEqual(checked.problems, [{ kind: 'link', text: 'www.acme.example/deals' }]);
			assert.equal(checked.caption, 'Black Friday! See www.acme.example/deals');
		});

		it('should refuse a price, percentage or date the promotion does not state', () => {
			const checked = checkCaption(
				'tiktok',
				{
					caption: 'Fibre from 19.99 € with 25% off until 5 December!',
					hashtags: ['sale'],
				},
				grounding(),
			);
			assert.deepEqual(checked.problems, [
				{ kind: 'figure', text: '19.99 €' },
				{ kind: 'figure', text: '25%' },
				{ kind: 'figure', text: '5 December' },
			]);
		});

		it("should accept the promotion's dates and times however they are written", () => {
			const checked = checkCaption(
				'facebook',
				{ caption: 'From 20/11 to Nov 30, 2026 at 23:59, 20 percent off.', hashtags: [] },
				grounding({ link: null }),
			);
			assert.deepEqual(checked.problems, []);
		});

		it('should call a caption of only blanks empty', () => {
			const checked = checkCaption('instagram', { caption: '  ', hashtags: ['sale'] }, grounding());
			assert.deepEqual(checked.problems, [{ kind: 'empty' }]);
			assert.equal(checked.text, '#sale');
		});

		it('should count the hashtags in the Instagram limits', () => {
			const checked = checkCaption(
				'instagram',
				{
					caption: 'a'.repeat(2190),
					hashtags: Array.from(
						{ length: 31 },
						(_, i) => `tag${String.fromCharCode(97 + (i % 26))}${i}`,
					),
				},
				grounding(),
			);
			assert.deepEqual(
				checked.problems.map((p) => (p.kind === 'limit' ? [p.limit, p.actual, p.max] : p.kind)),
				[
					['characters', [...checked.text].length, 2200],
					['hashtags', 31, 30],
				],
			);
		});
	});
});
