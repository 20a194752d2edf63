// The approved templates' store inside Directus (our extensions): its ItemsService, built by the
// caller with the schema, the database and the accountability that apply.
import type { ApprovedTemplateRow, ApprovedTemplateStore } from './approved-templates-sync.ts';

/** The part of Directus's ItemsService the store uses. */
export interface ItemsServiceLike {
	readByQuery(query: { fields: string[]; limit: number }): Promise<unknown[]>;
	createMany(data: Partial<ApprovedTemplateRow>[]): Promise<unknown>;
	updateOne(key: string, data: Partial<ApprovedTemplateRow>): Promise<unknown>;
}

export function itemsServiceApprovedTemplateStore(
	service: ItemsServiceLike,
): ApprovedTemplateStore {
	return {
		list: async () =>
			(await service.readByQuery({ fields: ['*'], limit: -1 })) as ApprovedTemplateRow[],
		create: async (rows) => {
			await service.createMany(rows);
		},
		update: async (id, changes) => {
			await service.updateOne(id, changes);
		},
	};
}
