// GET /switchboard-broadcasts/:id/estimate → { data: { recipients, excluded, seconds, …, text } }
import type { EndpointExtensionContext } from '@directus/types';
import {
	broadcastSettingsFromEnv,
	estimateFromContext,
	estimateText,
} from '@switchboard/glue/audience';
import type { Response } from 'express';
import { broadcastContextFor, type DirectusRequest } from './broadcast-context.ts';

export async function estimate(
	req: DirectusRequest,
	res: Response,
	context: EndpointExtensionContext,
): Promise<void> {
	const { deps, broadcast } = await broadcastContextFor(req, context);
	const figures = await estimateFromContext(
		deps,
		broadcast,
		broadcastSettingsFromEnv(context.env, broadcast.phoneNumberIds[0]),
	);
	res.json({ data: { ...figures, text: estimateText(figures) } });
}
