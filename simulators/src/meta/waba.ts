import { z } from 'zod/v4';
import { invalidParameter } from './error-catalog.ts';
import { GraphError } from './graph-error.ts';
import type { GraphParams, GraphReply } from './graph-http.ts';
import type { MetaSimState } from './state.ts';
import { verifyCallback } from './webhook-handshake.ts';
import { graphValidationError } from './zod-errors.ts';

/** GET /{waba-id}/message_templates: Chatwoot validates credentials and syncs templates with it. */
export function listTemplates(state: MetaSimState): GraphReply {
	const data = state.config.templates.map((t, i) => ({
		name: t.name,
		parameter_format: 'POSITIONAL',
		components: [],
		language: t.language,
		status: t.status,
		category: t.category,
		id: String(1_000_000_000_000_000 + i),
	}));
	return { status: 200, body: { data, paging: { cursors: { before: 'MAZDZD', after: 'MjQZD' } } } };
}

export function listPhoneNumbers(state: MetaSimState, wabaId: string): GraphReply {
	const data = state.wabaNumbers(wabaId).map((n) => ({
		verified_name: n.verifiedName,
		code_verification_status: 'VERIFIED',
		display_phone_number: n.displayPhoneNumber,
		quality_rating: 'GREEN',
		platform_type: 'CLOUD_API',
		id: n.phoneNumberId,
	}));
	return { status: 200, body: { data } };
}

export function listSubscribedApps(state: MetaSimState, wabaId: string): GraphReply {
	const override = state.whatsapp.callbackOverrides.get(wabaId);
	const app = {
		whatsapp_business_api_data: {
			id: state.config.appId,
			link: `https://www.facebook.com/games/?app_id=${state.config.appId}`,
			name: 'Switchboard Sandbox',
		},
		override_callback_uri: override,
	};
	return { status: 200, body: { data: [app] } };
}

const subscribeSchema = z.object({
	override_callback_uri: z.url().optional(),
	verify_token: z.string().min(1).optional(),
});

/**
 * POST /{waba-id}/subscribed_apps, optionally with override_callback_uri + verify_token: Meta runs
 * the verification handshake against the override first and refuses it unless it echoes (#2200).
 */
export async function subscribeApp(
	state: MetaSimState,
	wabaId: string,
	params: GraphParams,
): Promise<GraphReply> {
	const parsed = subscribeSchema.safeParse(params);
	if (!parsed.success) throw graphValidationError(parsed.error, params);
	const { override_callback_uri: uri, verify_token: verifyToken } = parsed.data;
	if (uri === undefined) return { status: 200, body: { success: true } };
	if (verifyToken === undefined) throw invalidParameter('The parameter verify_token is required.');
	const result = await verifyCallback({
		url: uri,
		verifyToken,
		challenge: state.ids.challenge(),
		timeoutMs: state.config.delivery.timeoutMs,
		fetch: state.fetch,
	});
	if (!result.verified) {
		const got =
			result.status === null
				? `error: ${result.error ?? 'no response'}`
				: `HTTP Status Code = ${result.status}`;
		throw new GraphError(400, {
			message: `(#2200) Callback verification failed with the following errors: ${got}; the response did not echo hub.challenge`,
			code: 2200,
		});
	}
	state.whatsapp.callbackOverrides.set(wabaId, uri);
	return { status: 200, body: { success: true } };
}

export function unsubscribeApp(state: MetaSimState, wabaId: string): GraphReply {
	state.whatsapp.callbackOverrides.delete(wabaId);
	return { status: 200, body: { success: true } };
}
