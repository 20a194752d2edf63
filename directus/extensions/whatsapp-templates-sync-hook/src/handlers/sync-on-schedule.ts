// One scheduled run: Directus's own rights (accountability null), since nobody else may write the
// collection. A failure is logged and waits for the next run; it never throws into the scheduler.
import type { HookExtensionContext } from '@directus/types';
import {
	APPROVED_TEMPLATES_COLLECTION,
	itemsServiceApprovedTemplateStore,
	runApprovedTemplatesSync,
	type ApprovedTemplatesSettings,
	type ItemsServiceLike,
} from '@switchboard/glue/meta';

export async function syncOnSchedule(
	settings: ApprovedTemplatesSettings,
	context: HookExtensionContext,
): Promise<void> {
	try {
		const service = new context.services.ItemsService(APPROVED_TEMPLATES_COLLECTION, {
			schema: await context.getSchema(),
			knex: context.database,
			accountability: null,
		});
		const result = await runApprovedTemplatesSync(
			settings,
			itemsServiceApprovedTemplateStore(service as unknown as ItemsServiceLike),
		);
		context.logger.info(
			`whatsapp templates sync: ${result.listed} listed, ${result.created.length} new, ${result.updated.length} changed, ${result.gone.length} gone`,
		);
	} catch (error) {
		context.logger.warn(
			`whatsapp templates sync failed, next run retries: ${(error as Error).message}`,
		);
	}
}
