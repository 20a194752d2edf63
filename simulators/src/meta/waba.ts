import { z } from 'zod/v4';
import { invalidParameter } from './error-catalog.ts';
import { GraphError } from './graph-error.ts';
import { type GraphParams, type GraphReply, pickFields, requestedFields } from './graph-http.ts';
import { templateNode } from './message-templates.ts';
import type { MetaSimState } from './state.ts';
import { verifyCallback } from './webhook-handshake.ts';
import { graphValidationError } from './zod-errors.ts';

const TEMPLATE_FIELDS = [
	'name',
	'parameter_format',
	'components',
	'language',
	'status',
	'category',
	'id',
] as const;
const PAGE_DEFAULT = 25;
const PAGE_MAX = 100;

/**
 * GET /{waba-id}/message_templates (Chatwoot validates credentials and syncs templates with it):
 * filters on status, category, language and name; `fields`; cursor paging with `limit`, `after`
 * and `before`, and `paging.next` while more follow.
 */
export function listTemplates(
	state: MetaSimState,
	_wabaId: string,
	params: GraphParams,
	pageUrl: URL,
): GraphReply {
	const list = (value: unknown) =>
		typeof value === 'string' && value.trim() !== ''
			? value.split(',').map((v) => v.trim().toUpperCase())
			: null;
	const statuses = list(params.status);
	const categories = list(params.category);
	const language = typeof params.language === 'string' ? params.language : null;
	const name = typeof params.name === 'string' ? params.name : null;
	const matching = state.config.templates.filter(
		(t) =>
			(!statuses || statuses.includes(t.status)) &&
			(!categories || categories.includes(t.category)) &&
			(!language || t.language === language) &&
			(!name || t.name.includes(name)),
	);
	const limit = pageLimit(params.limit);
	const after = params.after === undefined ? null : cursorIndex(params.after);
	const before = params.before === undefined ? null : cursorIndex(params.before);
	if (after === undefined || before === undefined) throw invalidParameter('Invalid cursor.');
	const start = after !== null ? after + 1 : before !== null ? Math.max(0, before - limit) : 0;
	const end = before !== null && after === null ? before : start + limit;
	const page = matching.slice(start, Math.min(end, matching.length));
	const fields = requestedFields(params, TEMPLATE_FIELDS);
	const data = page.map((t) => pickFields(templateNode(t), fields));
	if (page.length === 0) return { status: 200, body: { data } };
	const last = start + page.length - 1;
	const link = (key: 'after' | 'before', index: number) => {
		const url = new URL(pageUrl);
		url.searchParams.set('limit', String(limit));
		url.searchParams.set(key, cursorOf(index));
		return url.toString();
	};
	const paging: Record<string, unknown> = {
		cursors: { before: cursorOf(start), after: cursorOf(last) },
	};
	if (last < matching.length - 1) paging.next = link('after', last);
	if (start > 0) paging.previous = link('before', start);
	return { status: 200, body: { data, paging } };
}

function pageLimit(value: unknown): number {
	const n = Number(value);
	if (value === undefined || !Number.isInteger(n) || n <= 0) return PAGE_DEFAULT;
	return Math.min(n, PAGE_MAX);
}

/** Graph's cursors look like base64 with "=" written "ZD" ("MAZDZD" is the first item). */
const cursorOf = (index: number) =>
	Buffer.from(String(index)).toString('base64').replace(/=/g, 'ZD');

function cursorIndex(cursor: unknown): number | undefined {
	if (typeof cursor !== 'string') return undefined;
	const text = Buffer.from(cursor.replace(/ZD/g, '='), 'base64').toString('utf8');
	return /^\d+$/.test(text) ? Number(text) : undefined;
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
