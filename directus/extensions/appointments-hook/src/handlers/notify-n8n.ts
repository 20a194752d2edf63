// Action hook: after a move or cancel is saved, ask workflow 07 to apply it now. One attempt in
// the background: the save never waits for it or fails by it, and workflow 07's every-minute run
// applies what a lost call missed.
import type { HookExtensionContext, PrimaryKey } from '@directus/types';
import { SWITCHBOARD_SECRET_HEADER } from '@switchboard/glue/common';

export const WEBHOOK_URL_VAR = 'SWITCHBOARD_APPOINTMENT_WEBHOOK_URL';
// The secret n8n's header auth already checks for Directus's hooks (credential "Directus
// promotion hook secret").
export const WEBHOOK_SECRET_VAR = 'SWITCHBOARD_PROMOTION_WEBHOOK_SECRET';
const APPLIED_FIELDS = ['starts_at', 'ends_at', 'status'];

export interface WebhookTarget {
	url: string;
	secret: string;
}

/** Where to tell n8n, from Directus's env; null (said once in the log) when it is not set up. */
export function webhookTarget(context: HookExtensionContext): WebhookTarget | null {
	// Directus casts env values (a numeric secret arrives as a number): read them back as text.
	const read = (name: string) => {
		const value: unknown = context.env[name];
		return value === undefined || value === null || value === '' ? null : String(value);
	};
	const url = read(WEBHOOK_URL_VAR);
	const secret = read(WEBHOOK_SECRET_VAR);
	if (url === null || secret === null) {
		context.logger.info(
			`appointments hook: ${url === null ? WEBHOOK_URL_VAR : WEBHOOK_SECRET_VAR} is not set; front-desk changes are applied by workflow 07's every-minute run`,
		);
		return null;
	}
	return { url, secret };
}

export function notifyN8n(
	keys: readonly PrimaryKey[],
	payload: Record<string, unknown>,
	target: WebhookTarget,
	context: HookExtensionContext,
): void {
	if (!APPLIED_FIELDS.some((field) => field in payload)) return;
	const body = JSON.stringify({
		event: 'appointment.changed',
		appointmentIds: keys.map(String),
		at: new Date().toISOString(),
	});
	void fetch(target.url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', [SWITCHBOARD_SECRET_HEADER]: target.secret },
		body,
		signal: AbortSignal.timeout(30_000),
	})
		.then((response) => {
			if (!response.ok) {
				context.logger.warn(
					`appointments hook: n8n answered HTTP ${response.status} for appointment(s) ${keys.join(', ')}; the every-minute run applies the change`,
				);
			}
		})
		.catch((error: unknown) =>
			context.logger.warn(
				`appointments hook: could not reach n8n for appointment(s) ${keys.join(', ')} (${String(error)}); the every-minute run applies the change`,
			),
		);
}
