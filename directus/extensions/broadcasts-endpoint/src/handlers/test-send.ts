// POST /switchboard-broadcasts/:id/test { phone, language? } → the broadcast's message, filled in
// with the caller's name, sent to that phone through the department's number (not recorded as a
// delivery). Needs META_WHATSAPP_TOKEN and META_WABA_ID in Directus's environment.
import { InvalidPayloadError, ServiceUnavailableError } from '@directus/errors';
import type { EndpointExtensionContext } from '@directus/types';
import { sendBroadcastTest } from '@switchboard/glue/audience';
import { approvedTemplatesSettings, createMetaClient } from '@switchboard/glue/meta';
import type { Response } from 'express';
import { z } from 'zod/v4';
import { broadcastContextFor, type DirectusRequest } from './broadcast-context.ts';

const bodySchema = z.object({
	phone: z.string().min(1, 'phone is required, e.g. +34600111222'),
	language: z.string().min(2).optional(),
});

export async function testSend(
	req: DirectusRequest,
	res: Response,
	context: EndpointExtensionContext,
): Promise<void> {
	const body = bodySchema.safeParse(req.body);
	if (!body.success) {
		throw new InvalidPayloadError({ reason: body.error.issues.map((i) => i.message).join('; ') });
	}
	const settings = approvedTemplatesSettings(context.env);
	if (!settings) {
		throw new ServiceUnavailableError({
			service: 'whatsapp',
			reason: 'META_WHATSAPP_TOKEN and META_WABA_ID are not set in Directus',
		});
	}
	const { deps, broadcast } = await broadcastContextFor(req, context);
	const users = new context.services.UsersService({
		schema: req.schema ?? (await context.getSchema()),
		knex: context.database,
	});
	const me = (await users.readOne(String(req.accountability?.user), {
		fields: ['first_name', 'last_name'],
	})) as { first_name: string | null; last_name: string | null };
	const whatsapp = createMetaClient({
		graphBaseUrl: settings.graphBaseUrl,
		apiVersion: settings.apiVersion,
		accessToken: settings.accessToken,
		appSecret: settings.appSecret,
	}).whatsapp;
	const result = await sendBroadcastTest({ ...deps, whatsapp }, broadcast, {
		phone: body.data.phone,
		name: [me.first_name, me.last_name].filter(Boolean).join(' ') || null,
		language: body.data.language ?? null,
	});
	if (!result.sent) throw new InvalidPayloadError({ reason: result.reason });
	res.json({ data: result });
}
