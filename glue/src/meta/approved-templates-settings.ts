// Where the approved-templates sync reads Meta, from the environment (Directus's, for its scheduled
// hook and endpoint; the shell's, for the CLI). Unset token or WABA id: the sync is off.
import { z } from 'zod/v4';

const optional = z
	.unknown()
	.transform((value) =>
		value === undefined || value === null || value === '' ? undefined : String(value),
	);

export const approvedTemplatesEnvSchema = z.object({
	META_GRAPH_URL: optional.pipe(
		z
			.url({
				protocol: /^https?$/,
				error: 'META_GRAPH_URL: an http(s) URL such as https://graph.facebook.com',
			})
			.default('https://graph.facebook.com'),
	),
	META_API_VERSION: optional.pipe(
		z
			.string()
			.regex(/^v\d{1,3}\.\d$/, 'META_API_VERSION: a Graph version such as v23.0')
			.default('v23.0'),
	),
	/** A system-user token with whatsapp_business_management. */
	META_WHATSAPP_TOKEN: optional,
	META_WABA_ID: optional.pipe(
		z
			.string()
			.regex(/^\d+$/, 'META_WABA_ID: the WhatsApp Business Account id, digits only')
			.optional(),
	),
	META_APP_SECRET: optional,
	/** Cron, in the server's time zone (Directus's scheduler); default: every hour at :15. */
	WHATSAPP_TEMPLATES_SYNC_SCHEDULE: optional.pipe(z.string().default('15 * * * *')),
});

export interface ApprovedTemplatesSettings {
	graphBaseUrl: string;
	apiVersion: string;
	accessToken: string;
	appSecret: string | undefined;
	wabaId: string;
	schedule: string;
}

/** The settings, or null when the token or the WABA id is unset; throws naming a malformed value. */
export function approvedTemplatesSettings(
	env: Record<string, unknown>,
): ApprovedTemplatesSettings | null {
	const parsed = approvedTemplatesEnvSchema.safeParse(env);
	if (!parsed.success) {
		throw new TypeError(
			`[switchboard/meta] approved templates sync settings: ${z.prettifyError(parsed.error)}`,
		);
	}
	const e = parsed.data;
	if (!e.META_WHATSAPP_TOKEN || !e.META_WABA_ID) return null;
	return {
		graphBaseUrl: e.META_GRAPH_URL,
		apiVersion: e.META_API_VERSION,
		accessToken: e.META_WHATSAPP_TOKEN,
		appSecret: e.META_APP_SECRET,
		wabaId: e.META_WABA_ID,
		schedule: e.WHATSAPP_TEMPLATES_SYNC_SCHEDULE,
	};
}
