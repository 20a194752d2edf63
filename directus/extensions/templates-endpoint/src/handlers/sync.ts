// POST /switchboard-templates/whatsapp-sync: the scheduled copy of Meta's templates, now. Admins
// only: it writes a collection nobody else may write, with Directus's own rights.
import { ForbiddenError, ServiceUnavailableError } from '@directus/errors';
import type { Accountability, EndpointExtensionContext } from '@directus/types';
import { RemoteError } from '@switchboard/glue/common';
import {
	APPROVED_TEMPLATES_COLLECTION,
	approvedTemplatesSettings,
	itemsServiceApprovedTemplateStore,
	MetaError,
	runApprovedTemplatesSync,
	type ItemsServiceLike,
} from '@switchboard/glue/meta';
import type { Request, Response } from 'express';

type DirectusRequest = Request & { accountability?: Accountability | null };

export async function syncApprovedNow(
	req: DirectusRequest,
	res: Response,
	context: EndpointExtensionContext,
): Promise<void> {
	if (!req.accountability?.admin) throw new ForbiddenError();
	const settings = approvedTemplatesSettings(context.env);
	if (!settings) {
		throw new ServiceUnavailableError({
			service: 'meta',
			reason:
				'Set META_WHATSAPP_TOKEN and META_WABA_ID in Directus’s environment to sync the approved WhatsApp templates',
		});
	}
	const service = new context.services.ItemsService(APPROVED_TEMPLATES_COLLECTION, {
		schema: await context.getSchema(),
		accountability: null,
	});
	try {
		const result = await runApprovedTemplatesSync(
			settings,
			itemsServiceApprovedTemplateStore(service as unknown as ItemsServiceLike),
		);
		context.logger.info(
			`whatsapp templates: ${result.listed} listed, ${result.created.length} new, ${result.updated.length} changed, ${result.gone.length} gone`,
		);
		res.json({ data: result });
	} catch (error) {
		// Meta's refusals and transport failures name what went wrong, never the token.
		if (!(error instanceof MetaError || error instanceof RemoteError)) throw error;
		context.logger.warn(`whatsapp templates: the sync failed: ${error.message}`);
		throw new ServiceUnavailableError({ service: 'meta', reason: error.message });
	}
}
