// Reads for the checks, without the editor's permissions (accountability null): the checks need
// every field, including those the editor may not read.
import type {
	EventContext,
	HookExtensionContext,
	PrimaryKey,
	SchemaOverview,
} from '@directus/types';
import { TEMPLATE_FIELDS } from '@switchboard/glue/templates';
import type { TemplateRecord } from '../utils/template-record.ts';

/** helper D's collection of the WhatsApp templates Meta approved, synced from Meta. */
const APPROVED_COLLECTION = 'whatsapp_approved_templates';

async function schemaOf(
	event: EventContext,
	context: HookExtensionContext,
): Promise<SchemaOverview> {
	return event.schema ?? (await context.getSchema({ database: event.database }));
}

export async function readTemplates(
	keys: readonly PrimaryKey[],
	event: EventContext,
	context: HookExtensionContext,
): Promise<TemplateRecord[]> {
	if (!keys.length) return [];
	const service = new context.services.ItemsService('message_templates', {
		schema: await schemaOf(event, context),
		knex: event.database,
		accountability: null,
	});
	return (await service.readMany([...keys], {
		fields: [...TEMPLATE_FIELDS],
		limit: -1,
	})) as TemplateRecord[];
}

/**
 * The approved template with that id (`name:language`), null when there is none; undefined when
 * this Directus has no approved-templates collection, so the mapping cannot be checked here.
 */
export async function readApprovedTemplate(
	id: string,
	event: EventContext,
	context: HookExtensionContext,
): Promise<TemplateRecord | null | undefined> {
	const schema = await schemaOf(event, context);
	if (!schema.collections[APPROVED_COLLECTION]) return undefined;
	const service = new context.services.ItemsService(APPROVED_COLLECTION, {
		schema,
		knex: event.database,
		accountability: null,
	});
	const [found] = (await service.readByQuery({
		filter: { id: { _eq: id } },
		fields: ['name', 'language', 'status', 'category', 'parameter_format', 'components'],
		limit: 1,
	})) as TemplateRecord[];
	return found ?? null;
}
