// Registers the log store's sb_ tables as Directus collections, read-only, so the Studio and the
// Insights dashboards can show them. Only metadata is written (a PATCH with `meta` and no `schema`
// never reaches ALTER TABLE in Directus 11), so the tables stay exactly as our migrations made them.
import { z } from 'zod/v4';
import type { DirectusApi } from '../directus-client.ts';
import { ContentSetupError } from '../errors.ts';
import { differingKeys, type SetupChange, type SetupResult } from './changes.ts';

const record = z.record(z.string(), z.unknown());

export const logTablesFileSchema = z.object({
	/** The folder collection (in the snapshot) they are shown in. */
	group: z.string(),
	collections: z.array(
		z.object({
			collection: z.string().regex(/^sb_[a-z0-9_]+$/, 'a log store table (sb_…)'),
			/** Another folder than the file's, for a table staff work in (appointments). */
			group: z.string().optional(),
			meta: record,
			/** Per-field meta on top of `readonly: true`. */
			fields: z.record(z.string(), record).default({}),
			/** The Studio's default view of it for everyone, e.g. the calendar layout. */
			preset: z
				.object({ layout: z.string(), layout_query: record.nullable(), layout_options: record })
				.optional(),
		}),
	),
});
export type LogTablesFile = z.output<typeof logTablesFileSchema>;

interface CollectionInfo {
	collection: string;
	meta: Record<string, unknown> | null;
	schema: Record<string, unknown> | null;
}

interface FieldInfo {
	field: string;
	meta: Record<string, unknown> | null;
}

export async function syncLogTables(
	api: DirectusApi<object>,
	file: LogTablesFile,
	options: { dryRun: boolean; fileName: string },
): Promise<SetupResult> {
	const result: SetupResult = { changes: [], skipped: [] };
	const collections = await api.call<CollectionInfo[]>('GET', '/collections');
	for (const table of file.collections) {
		const live = collections.find((entry) => entry.collection === table.collection);
		if (!live?.schema) {
			const change: SetupChange = {
				action: 'create',
				target: `log table ${table.collection}`,
				detail: 'the table does not exist yet: run the log store migrations first',
			};
			if (options.dryRun) {
				result.changes.push(change);
				continue;
			}
			throw new ContentSetupError({
				file: options.fileName,
				reason: `names ${table.collection}, which is not in the database: run the log store migrations (glue/src/log-store) before applying the schema`,
			});
		}
		const meta = { hidden: false, ...table.meta, group: table.group ?? file.group };
		const metaDiff = differingKeys(meta, live.meta);
		if (metaDiff.length) {
			result.changes.push({
				action: live.meta ? 'update' : 'create',
				target: `log table ${table.collection}`,
				detail: live.meta ? metaDiff.join(', ') : 'registered read-only',
			});
			if (!options.dryRun) {
				await api.call('PATCH', `/collections/${table.collection}`, { body: { meta } });
			}
		}
		await syncFields(api, table, result, options);
		if (table.preset) await syncPreset(api, table.collection, table.preset, result, options);
	}
	return result;
}

interface PresetInfo {
	id: number;
	layout: string | null;
	layout_query: Record<string, unknown> | null;
	layout_options: Record<string, unknown> | null;
}

// A preset with no user, role or bookmark is the collection's default for everyone; a user's own
// choice of layout (their personal preset) still wins.
async function syncPreset(
	api: DirectusApi<object>,
	collection: string,
	wanted: NonNullable<LogTablesFile['collections'][number]['preset']>,
	result: SetupResult,
	options: { dryRun: boolean },
): Promise<void> {
	const [live] = await api.call<PresetInfo[]>('GET', '/presets', {
		params: {
			filter: {
				collection: { _eq: collection },
				user: { _null: true },
				role: { _null: true },
				bookmark: { _null: true },
			},
			limit: 1,
		},
	});
	const keys = differingKeys(wanted, live as unknown as Record<string, unknown> | undefined);
	if (!keys.length) return;
	result.changes.push({
		action: live ? 'update' : 'create',
		target: `default layout of ${collection}`,
		detail: live ? keys.join(', ') : wanted.layout,
	});
	if (options.dryRun) return;
	if (live) await api.call('PATCH', `/presets/${live.id}`, { body: wanted });
	else await api.call('POST', '/presets', { body: { ...wanted, collection } });
}

async function syncFields(
	api: DirectusApi<object>,
	table: LogTablesFile['collections'][number],
	result: SetupResult,
	options: { dryRun: boolean; fileName: string },
): Promise<void> {
	const fields = await api.call<FieldInfo[]>('GET', `/fields/${table.collection}`);
	const names = new Set(fields.map((field) => field.field));
	for (const name of Object.keys(table.fields)) {
		if (!names.has(name)) {
			throw new ContentSetupError({
				file: options.fileName,
				reason: `describes ${table.collection}.${name}, which the table does not have`,
			});
		}
	}
	const updates: { field: string; meta: Record<string, unknown> }[] = [];
	for (const field of fields) {
		const meta = { readonly: true, ...table.fields[field.field] };
		const keys = differingKeys(meta, field.meta);
		if (!keys.length) continue;
		updates.push({ field: field.field, meta });
		result.changes.push({
			action: field.meta ? 'update' : 'create',
			target: `log field ${table.collection}.${field.field}`,
			detail: field.meta ? keys.join(', ') : 'registered read-only',
		});
	}
	// One batch per table; meta only, never `schema` or `type`, so the column is left alone.
	if (updates.length && !options.dryRun) {
		await api.call('PATCH', `/fields/${table.collection}`, { body: updates });
	}
}
