// Filter hooks: run before Directus writes a promotion, and refuse the save with an
// InvalidPayloadError whose reason names each field that is wrong.
import { InvalidPayloadError } from '@directus/errors';
import type { EventContext, HookExtensionContext, PrimaryKey } from '@directus/types';
import type { PromotionRecord } from '../utils/promotion-problem.ts';
import { problemsReason, promotionProblems } from '../utils/promotion-problems.ts';
import type { StatusMemo } from '../utils/status-memo.ts';
import { CHECKED_FIELDS, readFileType, readPromotions } from './read-promotions.ts';

// What Directus fills in when a create leaves them out (directus/schema/snapshot.json).
const CREATE_DEFAULTS: PromotionRecord = { status: 'draft', platforms: [], posting_slots: [] };

export async function validateCreate(
	payload: PromotionRecord,
	event: EventContext,
	context: HookExtensionContext,
): Promise<PromotionRecord> {
	await assertValid({ ...CREATE_DEFAULTS, ...payload }, undefined, event, context);
	return payload;
}

/** An update carries only the changed fields: each saved promotion is checked with them applied. */
export async function validateUpdate(
	payload: PromotionRecord,
	keys: readonly PrimaryKey[],
	event: EventContext,
	context: HookExtensionContext,
	statuses: StatusMemo,
): Promise<PromotionRecord> {
	for (const saved of await readPromotions(keys, CHECKED_FIELDS, event, context)) {
		statuses.remember(String(saved.id), typeof saved.status === 'string' ? saved.status : null);
		await assertValid({ ...saved, ...payload }, String(saved.id), event, context);
	}
	return payload;
}

async function assertValid(
	record: PromotionRecord,
	id: string | undefined,
	event: EventContext,
	context: HookExtensionContext,
): Promise<void> {
	const imageId = fileId(record.image);
	const needsImageType = record.status === 'published' && imageId !== null && !record.image_url;
	const imageType = needsImageType ? await readFileType(imageId, event, context) : null;
	const problems = promotionProblems(record, { imageType });
	if (problems.length) throw new InvalidPayloadError({ reason: problemsReason(problems, id) });
}

/** The image field holds a file id, or a file object when the payload creates one in passing. */
function fileId(value: unknown): string | null {
	if (typeof value === 'string' && value) return value;
	if (
		typeof value === 'object' &&
		value !== null &&
		'id' in value &&
		typeof value.id === 'string'
	) {
		return value.id;
	}
	return null;
}
