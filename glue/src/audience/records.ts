// The Directus records broadcasts are made of, read through one small seam: over HTTP with the
// automation's token (the sender), or through Directus's ItemsService with the caller's
// permissions (our extension). Field names are Directus's (snake_case).
import { z } from 'zod/v4';
import type { DirectusApi } from '../content/directus-client.ts';
import { BROADCAST_STATUSES } from './schedule-check.ts';

export type DirectusRow = Record<string, unknown>;

export interface ReadQuery {
	fields: string[];
	filter?: Record<string, unknown>;
	/** -1: all. */
	limit?: number;
}

export interface BroadcastRecords {
	read(collection: string, query: ReadQuery): Promise<DirectusRow[]>;
	update(collection: string, id: string, data: DirectusRow): Promise<void>;
	create(collection: string, data: DirectusRow): Promise<void>;
}

export function directusBroadcastRecords(api: DirectusApi<object>): BroadcastRecords {
	return {
		read: async (collection, query) => {
			const data = await api.call<DirectusRow[] | DirectusRow | null>(
				'GET',
				`/items/${collection}`,
				{
					collection,
					params: {
						fields: query.fields,
						limit: query.limit ?? -1,
						...(query.filter ? { filter: query.filter } : {}),
					},
				},
			);
			// A singleton (business_info) answers its one record, not a list.
			return Array.isArray(data) ? data : data ? [data] : [];
		},
		update: async (collection, id, data) => {
			await api.call('PATCH', `/items/${collection}/${encodeURIComponent(id)}`, {
				collection,
				body: data,
			});
		},
		create: async (collection, data) => {
			await api.call('POST', `/items/${collection}`, { collection, body: data });
		},
	};
}

/** The part of Directus's ItemsService the seam uses. */
export interface ItemsServiceLike {
	readByQuery(query: ReadQuery): Promise<unknown[]>;
	updateOne(key: string | number, data: DirectusRow): Promise<unknown>;
	createOne(data: DirectusRow): Promise<unknown>;
}

/** Inside Directus: `service(collection)` builds an ItemsService with the schema and accountability. */
export function itemsServiceBroadcastRecords(
	service: (collection: string) => ItemsServiceLike,
): BroadcastRecords {
	return {
		read: async (collection, query) =>
			(await service(collection).readByQuery({ limit: -1, ...query })) as DirectusRow[],
		update: async (collection, id, data) => {
			await service(collection).updateOne(id, data);
		},
		create: async (collection, data) => {
			await service(collection).createOne(data);
		},
	};
}

const id = z.union([z.number(), z.string()]).transform(String);

export const broadcastRecordSchema = z.object({
	id,
	name: z.string().nullish(),
	status: z.enum(BROADCAST_STATUSES),
	template_key: z.string(),
	department: z.string(),
	/** Wall clock in the business's zone, as Directus writes a dateTime. */
	scheduled_at: z.string().nullish(),
	groups: z
		.array(z.object({ recipient_groups_id: id.nullish() }))
		.nullish()
		.transform((rows) =>
			(rows ?? []).flatMap((row) => (row.recipient_groups_id ? [row.recipient_groups_id] : [])),
		),
});
export type BroadcastRecord = z.output<typeof broadcastRecordSchema>;
export const BROADCAST_FIELDS = [
	'id',
	'name',
	'status',
	'template_key',
	'department',
	'scheduled_at',
	'groups.recipient_groups_id',
];

export const recipientRecordSchema = z.object({
	id,
	phone: z.string(),
	name: z.string().nullish(),
	language: z.string().nullish(),
	chatwoot_contact_id: z.number().nullish(),
	opted_out_at: z.string().nullish(),
});
export const RECIPIENT_FIELDS = [
	'id',
	'phone',
	'name',
	'language',
	'chatwoot_contact_id',
	'opted_out_at',
];

export const groupRecordSchema = z.object({
	id,
	chatwoot_labels: z.array(z.string()).nullish(),
	stage: z.string().nullish(),
});
export type GroupRecord = z.output<typeof groupRecordSchema>;
