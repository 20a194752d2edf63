// POST /switchboard-broadcasts/:id/test { phone, language? } → the broadcast's message, filled in
// with the caller's name, sent to that phone through the department's number (not recorded as a
// delivery). Needs META_WHATSAPP_TOKEN and META_WABA_ID in Directus's environment. The flow
// operation (broadcasts-operation, the Studio's "Send a test to me" button) calls sendTestAs.
import { InvalidPayloadError, ServiceUnavailableError } from '@directus/errors';
import type { Accountability, EndpointExtensionContext } from '@directus/types';
import { sendBroadcastTest, type TestSendResult } from '@switchboard/glue/audience';
import { approvedTemplatesSettings, createMetaClient } from '@switchboard/glue/meta';
import type { Response } from 'express';
import { z } from 'zod/v4';
import {
	broadcastContextAs,
	type DirectusRequest,
	type DirectusServices,
} from './broadcast-context.ts';

export const testSendBodySchema = z.object({
	phone: z.string().trim().min(1, 'phone is required, e.g. +34600111222'),
	language: z.string().min(2).optional(),
});
export type TestSendBody = z.output<typeof testSendBodySchema>;

export async function testSend(
	req: DirectusRequest,
	res: Response,
	context: EndpointExtensionContext,
): Promise<void> {
	const body = testSendBodySchema.safeParse(req.body);
	if (!body.success) {
		throw new InvalidPayloadError({ reason: body.error.issues.map((i) => i.message).join('; ') });
	}
	const result = await sendTestAs(
		req.accountability ?? null,
		String(req.params.id),
		body.data,
		context,
	);
	res.json({ data: result });
}

/** Sends the test as `accountability` (who must be able to read the broadcast); refusals throw. */
export async function sendTestAs(
	accountability: Accountability | null,
	broadcastId: string,
	body: TestSendBody,
	context: DirectusServices,
): Promise<Extract<TestSendResult, { sent: true }>> {
	const settings = approvedTemplatesSettings(context.env);
	if (!settings) {
		throw new ServiceUnavailableError({
			service: 'whatsapp',
			reason: 'META_WHATSAPP_TOKEN and META_WABA_ID are not set in Directus',
		});
	}
	const schema = await context.getSchema();
	const { deps, broadcast } = await broadcastContextAs(
		accountability,
		broadcastId,
		context,
		schema,
	);
	const users = new context.services.UsersService({ schema, knex: context.database });
	const me = (await users.readOne(String(accountability?.user), {
		fields: ['first_name', 'last_name'],
	})) as { first_name: string | null; last_name: string | null };
	const whatsapp = createMetaClient({
		graphBaseUrl: settings.graphBaseUrl,
		apiVersion: settings.apiVersion,
		accessToken: settings.accessToken,
		appSecret: settings.appSecret,
	}).whatsapp;
	const result = await sendBroadcastTest({ ...deps, whatsapp }, broadcast, {
		phone: body.phone,
		name: [me.first_name, me.last_name].filter(Boolean).join(' ') || null,
		language: body.language ?? null,
	});
	if (!result.sent) throw new InvalidPayloadError({ reason: result.reason });
	return result;
}
