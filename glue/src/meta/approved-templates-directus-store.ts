// The approved templates' store over Directus's REST API, with a token that may write the
// collection (the admin's: marketing and the automation only read it).
import { createItems, readItems, updateItem } from '@directus/sdk';
import {
	connectDirectus,
	type DirectusApi,
	type DirectusConnection,
} from '../content/directus-client.ts';
import {
	APPROVED_TEMPLATES_COLLECTION,
	type ApprovedTemplateRow,
	type ApprovedTemplateStore,
} from './approved-templates-sync.ts';

type Schema = { whatsapp_approved_templates: ApprovedTemplateRow[] };

export function directusApprovedTemplateStore(
	target: DirectusConnection | DirectusApi<Schema>,
): ApprovedTemplateStore {
	const api = 'request' in target ? target : connectDirectus<Schema>(target);
	const collection = APPROVED_TEMPLATES_COLLECTION;
	return {
		async list() {
			const rows = await api.request(
				readItems(collection, { fields: ['*'], limit: -1 }),
				collection,
			);
			return rows as ApprovedTemplateRow[];
		},
		async create(rows) {
			await api.request(createItems(collection, rows), collection);
		},
		async update(id, changes) {
			await api.request(updateItem(collection, id, changes), collection);
		},
	};
}
