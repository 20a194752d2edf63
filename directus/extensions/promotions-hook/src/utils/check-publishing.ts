// Where and when a promotion is posted, and what a post needs: known platforms, posting slots the
// poster can read (its own parser decides, so the two never disagree), public links, and for
// Instagram a picture it accepts (Instagram publishes no text-only posts and takes JPEG only).
import { SOCIAL_PLATFORMS } from '@switchboard/glue/content';
import { checkSlots, listOf } from './check-slots.ts';
import { shown, type PromotionProblem, type PromotionRecord } from './promotion-problem.ts';

export interface PublishingFacts {
	/** MIME type of the uploaded `image` file, when there is one. */
	imageType: string | null;
}

export function checkPublishing(
	record: PromotionRecord,
	facts: PublishingFacts,
): PromotionProblem[] {
	const problems: PromotionProblem[] = [];
	const platforms = listOf(record, 'platforms', problems);
	for (const platform of platforms) {
		if (!(SOCIAL_PLATFORMS as readonly unknown[]).includes(platform)) {
			problems.push({
				field: 'platforms',
				message: `"platforms" has ${shown(platform)}, which is not one of ${SOCIAL_PLATFORMS.join(', ')}`,
			});
		}
	}
	if (new Set(platforms).size !== platforms.length) {
		problems.push({ field: 'platforms', message: '"platforms" names a platform twice' });
	}
	problems.push(...checkSlots(record, 'posting_slots'));
	problems.push(...checkUrl(record, 'image_url', /^https:\/\/\S+$/, 'an https:// link'));
	problems.push(...checkUrl(record, 'link', /^https?:\/\/\S+$/, 'an http:// or https:// link'));
	if (record.status === 'published' && platforms.includes('instagram')) {
		problems.push(...instagramImage(record, facts));
	}
	return problems;
}

function checkUrl(
	record: PromotionRecord,
	field: string,
	pattern: RegExp,
	what: string,
): PromotionProblem[] {
	const value = record[field];
	if (value === null || value === undefined || value === '') return [];
	if (typeof value === 'string' && pattern.test(value)) return [];
	return [{ field, message: `"${field}" must be ${what} (got ${shown(value)})` }];
}

function instagramImage(record: PromotionRecord, facts: PublishingFacts): PromotionProblem[] {
	if (typeof record.image_url === 'string' && record.image_url !== '') return [];
	if (!record.image) {
		return [
			{
				field: 'image',
				message:
					'"image" is needed to publish on Instagram, which posts no text-only promotions: upload a JPEG or set "image_url"',
			},
		];
	}
	if (facts.imageType !== null && facts.imageType !== 'image/jpeg') {
		return [
			{
				field: 'image',
				message: `"image" is ${facts.imageType}; Instagram only takes JPEG pictures`,
			},
		];
	}
	return [];
}
