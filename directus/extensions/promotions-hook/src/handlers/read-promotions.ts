import type {
	EventContext,
	HookExtensionContext,
	PrimaryKey,
	SchemaOverview,
} from '@directus/types';
import type { PromotionRecord } from '../utils/promotion-problem.ts';

export const CHECKED_FIELDS = [
	'id',
	'status',
	'title',
	'body',
	'image',
	'image_url',
	'link',
	'starts_at',
	'ends_at',
	'platforms',
	'posting_slots',
];

async function schemaOf(
	event: EventContext,
	context: HookExtensionContext,
): Promise<SchemaOverview> {
	return event.schema ?? (await context.getSchema({ database: event.database }));
}

/**
 * Saved promotions as they are, read without the editor's permissions (accountability null): the
 * checks need every field, including those the editor may not read.
 */
export async function readPromotions(
	keys: readonly PrimaryKey[],
	fields: readonly string[],
	event: EventContext,
	context: HookExtensionContext,
): Promise<PromotionRecord[]> {
	if (!keys.length) return [];
	const service = new context.services.ItemsService('promotions', {
		schema: await schemaOf(event, context),
		knex: event.database,
		accountability: null,
	});
	return (await service.readMany([...keys], {
		fields: [...fields],
		limit: -1,
	})) as PromotionRecord[];
}

/** MIME type of an uploaded file, or null when there is no such file. */
export async function readFileType(
	id: string,
	event: EventContext,
	context: HookExtensionContext,
): Promise<string | null> {
	const service = new context.services.ItemsService('directus_files', {
		schema: await schemaOf(event, context),
		knex: event.database,
		accountability: null,
	});
	const [file] = (await service.readMany([id], {
		fields: ['type'],
		limit: 1,
	})) as PromotionRecord[];
	return typeof file?.type === 'string' ? file.type : null;
}
