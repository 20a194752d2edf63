// The n8n credentials our workflows name (scripts/lib/n8n-provision.ts, fixed ids), filled from the
// production .env with the addresses services have inside the stack. A credential whose variables
// are empty or wrong is left out and reported by name, so the others still import.
import {
	CREDENTIALS,
	credentialRecords,
	type CredentialKey,
	type CredentialValues,
} from '../lib/n8n-provision.ts';
import { claudeModelFromEnv, type ClaudeModelSettings } from '../lib/claude-model.ts';
import {
	mailAddressesFromEnv,
	SMTP_PORT_DEFAULT,
	smtpSecure,
	smtpUrlFromEnv,
} from '../lib/smtp-url.ts';
import type { EnvValues } from './env-file.ts';

/** Compose service names, as n8n's containers reach them. */
export const CHATWOOT_IN_STACK = 'http://chatwoot-rails:3000';
export const DIRECTUS_IN_STACK = 'http://directus:8055';

/** The Graph API version our Meta client is written against (the credential's default too). */
const META_API_VERSION = 'v23.0';

export type CredentialRecord = ReturnType<typeof credentialRecords>[number];

export interface SkippedCredential {
	key: CredentialKey;
	name: string;
	/** Variables that are empty, or that hold something unusable (with the reason). */
	problems: string[];
}

export interface ProductionCredentials {
	records: CredentialRecord[];
	skipped: SkippedCredential[];
}

type Built<K extends CredentialKey> = NonNullable<CredentialValues[K]>;

interface Spec<K extends CredentialKey> {
	/** Variables that must not be empty. */
	needs: readonly string[];
	/** Problems with variables that are set (or have a default) but unusable. */
	check?: (env: EnvValues) => string[];
	build: (env: EnvValues) => Built<K>;
}

const value = (env: EnvValues, name: string) => env[name]?.trim() ?? '';

/** Compose substitutes `${NAME:-fallback}`, so an empty value means the fallback here too. */
const withDefault = (env: EnvValues, name: string, fallback: string) =>
	value(env, name) || fallback;

/** [] when the value (or its fallback) is a whole number from 1 to `max`, else what is wrong. */
function wholeNumber(env: EnvValues, name: string, fallback: string, max?: number): string[] {
	const text = withDefault(env, name, fallback);
	const number = Number(text);
	if (/^\d+$/.test(text) && number >= 1 && number <= (max ?? Number.MAX_SAFE_INTEGER)) return [];
	return [`${name} (not a whole number ${max ? `from 1 to ${max}` : 'above 0'})`];
}

function claudeModel(env: EnvValues): { settings?: ClaudeModelSettings; problems: string[] } {
	const result = claudeModelFromEnv(env, { simulated: false });
	return result.ok ? { settings: result.settings, problems: [] } : { problems: result.problems };
}

const SPECS: { [K in CredentialKey]: Spec<K> } = {
	chatwoot: {
		needs: ['CHATWOOT_BOT_TOKEN'],
		check: (env) => wholeNumber(env, 'CHATWOOT_ACCOUNT_ID', '1'),
		build: (env) => ({
			url: CHATWOOT_IN_STACK,
			accessToken: value(env, 'CHATWOOT_BOT_TOKEN'),
			accountId: Number(withDefault(env, 'CHATWOOT_ACCOUNT_ID', '1')),
		}),
	},
	// The model and its prices go with the key: production never falls back to the simulator's.
	claude: {
		needs: ['ANTHROPIC_API_KEY'],
		check: (env) => claudeModel(env).problems,
		build: (env) => ({
			apiKey: value(env, 'ANTHROPIC_API_KEY'),
			// Empty: the credential's default, Anthropic's API.
			...(value(env, 'ANTHROPIC_BASE_URL') ? { baseUrl: value(env, 'ANTHROPIC_BASE_URL') } : {}),
			...claudeModel(env).settings!,
		}),
	},
	directus: {
		needs: ['DIRECTUS_AUTOMATION_TOKEN'],
		build: (env) => ({ url: DIRECTUS_IN_STACK, token: value(env, 'DIRECTUS_AUTOMATION_TOKEN') }),
	},
	meta: {
		needs: ['META_PAGE_ACCESS_TOKEN', 'META_PAGE_ID'],
		build: (env) => ({
			accessToken: value(env, 'META_PAGE_ACCESS_TOKEN'),
			...(value(env, 'META_APP_SECRET') ? { appSecret: value(env, 'META_APP_SECRET') } : {}),
			pageId: value(env, 'META_PAGE_ID'),
			// Empty: Facebook posts still go out; each Instagram post fails with a clear reason.
			instagramAccountId: value(env, 'META_INSTAGRAM_ACCOUNT_ID'),
			apiVersion: META_API_VERSION,
		}),
	},
	// The sb_ tables live in the Directus database; n8n connects as its role, like the gateway does.
	// It also carries the addresses workflows 02 and 04 mail with.
	logStore: {
		needs: ['DIRECTUS_DB_PASSWORD'],
		build: (env) => ({
			host: 'postgres',
			port: 5432,
			database: 'directus',
			user: 'directus',
			password: value(env, 'DIRECTUS_DB_PASSWORD'),
			ssl: 'disable',
			...mailAddressesFromEnv(env),
		}),
	},
	gatewaySecret: {
		needs: ['GATEWAY_FORWARD_SECRET'],
		build: (env) => value(env, 'GATEWAY_FORWARD_SECRET'),
	},
	promotionHookSecret: {
		needs: ['SWITCHBOARD_PROMOTION_WEBHOOK_SECRET'],
		build: (env) => value(env, 'SWITCHBOARD_PROMOTION_WEBHOOK_SECRET'),
	},
	// Chatwoot's outgoing mail settings: one mail server for both.
	smtp: {
		needs: ['SMTP_ADDRESS'],
		check: (env) => [
			...wholeNumber(env, 'SMTP_PORT', SMTP_PORT_DEFAULT, 65_535),
			...(/^(|true|false)$/i.test(value(env, 'SMTP_SECURE'))
				? []
				: ['SMTP_SECURE (true, false or empty)']),
		],
		build: (env) => ({
			host: value(env, 'SMTP_ADDRESS'),
			port: Number(withDefault(env, 'SMTP_PORT', SMTP_PORT_DEFAULT)),
			// Empty user and password: n8n sends no AUTH (a relay that trusts the server).
			user: value(env, 'SMTP_USERNAME'),
			password: value(env, 'SMTP_PASSWORD'),
			secure: smtpSecure(env),
			// STARTTLS whenever the server offers it, so the password never crosses in clear.
			disableStartTls: false,
		}),
	},
	// Workflows 06 and 07: the calendar by one Google user's consent (a service account's key file
	// stays on the gateway's host; put its fields into the n8n credential by hand), invites by SMTP.
	appointments: {
		needs: [
			'GOOGLE_CALENDAR_CLIENT_ID',
			'GOOGLE_CALENDAR_CLIENT_SECRET',
			'GOOGLE_CALENDAR_REFRESH_TOKEN',
		],
		build: (env) => ({
			kind: 'oauth',
			clientId: value(env, 'GOOGLE_CALENDAR_CLIENT_ID'),
			clientSecret: value(env, 'GOOGLE_CALENDAR_CLIENT_SECRET'),
			refreshToken: value(env, 'GOOGLE_CALENDAR_REFRESH_TOKEN'),
			// The invites of workflow 06 go through the same mail server, as the URL nodemailer takes.
			...(value(env, 'SMTP_ADDRESS') ? { smtpUrl: smtpUrlFromEnv(env)! } : {}),
			organizerEmail: value(env, 'APPOINTMENTS_MAIL_FROM') || value(env, 'SMTP_USERNAME'),
		}),
	},
};

/** Every credential the workflows name whose variables are usable, and why the others are not. */
export function productionCredentials(env: EnvValues): ProductionCredentials {
	const values: Record<string, unknown> = {};
	const skipped: SkippedCredential[] = [];
	for (const key of Object.keys(CREDENTIALS) as CredentialKey[]) {
		const spec = SPECS[key] as Spec<CredentialKey>;
		const problems = [
			...spec.needs.filter((name) => !value(env, name)),
			...(spec.check?.(env) ?? []),
		];
		if (problems.length) skipped.push({ key, name: CREDENTIALS[key].name, problems });
		else values[key] = spec.build(env);
	}
	return { records: credentialRecords(values as CredentialValues), skipped };
}
