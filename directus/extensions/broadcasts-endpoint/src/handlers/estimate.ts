// GET /switchboard-broadcasts/:id/estimate → { data: { recipients, excluded, seconds, …, text } }
// The flow operation (broadcasts-operation, the Studio's "Estimate" button) calls estimateAs.
import type { Accountability, EndpointExtensionContext } from '@directus/types';
import {
	broadcastSettingsFromEnv,
	estimateFromContext,
	estimateText,
} from '@switchboard/glue/audience';
import type { Response } from 'express';
import {
	broadcastContextAs,
	type DirectusRequest,
	type DirectusServices,
} from './broadcast-context.ts';

export async function estimate(
	req: DirectusRequest,
	res: Response,
	context: EndpointExtensionContext,
): Promise<void> {
	res.json({ data: await estimateAs(req.accountability ?? null, String(req.params.id), context) });
}

export async function estimateAs(
	accountability: Accountability | null,
	broadcastId: string,
	context: DirectusServices,
) {
	const { deps, broadcast } = await broadcastContextAs(accountability, broadcastId, context);
	const figures = await estimateFromContext(
		deps,
		broadcast,
		broadcastSettingsFromEnv(context.env, broadcast.phoneNumberIds[0]),
	);
	return { ...figures, text: estimateText(figures) };
}
