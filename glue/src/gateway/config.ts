// The gateway's settings, parsed from the environment once at startup. Secrets have no default:
// a gateway without them must not start.
import { z } from 'zod/v4';
import {
	DEFAULT_HOUSEKEEPING_INTERVAL_MS,
	DEFAULT_TEXT_RETENTION_DAYS,
	textRetentionDays,
} from '../housekeeping/config.ts';
import { GatewayConfigError } from './gateway-config-error.ts';

const port = z.coerce.number().int().min(0).max(65_535);
const ms = z.coerce.number().int().min(0);
const httpUrl = z.url({ protocol: /^https?$/ });
// Comma-separated, so a rotated secret and its successor can both be accepted for a while.
const secretList = z
	.string()
	.transform((value) =>
		value
			.split(',')
			.map((secret) => secret.trim())
			.filter(Boolean),
	)
	.pipe(z.array(z.string().min(8, 'each secret needs at least 8 characters')));

export const gatewayEnvSchema = z
	.object({
		GATEWAY_PORT: port.default(8080),
		LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'verbose', 'debug']).default('info'),
		GATEWAY_BODY_LIMIT_BYTES: z.coerce.number().int().min(1).default(1_048_576),
		CHATWOOT_WEBHOOK_SECRET: secretList.optional(),
		// The name compose and the production .env already use for the agent bot's secret.
		CHATWOOT_BOT_SECRET: secretList.optional(),
		CHATWOOT_ACCOUNT_WEBHOOK_SECRET: secretList.optional(),
		N8N_INBOUND_WEBHOOK_URL: httpUrl,
		// Workflow 07's webhook; unset: beside the inbound one (…/switchboard/appointment-reminder).
		N8N_REMINDER_WEBHOOK_URL: httpUrl.optional(),
		// off: this gateway hands no appointment reminders to n8n (another process does).
		GATEWAY_REMINDERS: z.enum(['on', 'off']).default('on'),
		GATEWAY_FORWARD_SECRET: z.string().min(16, 'needs at least 16 characters'),
		GATEWAY_DEBOUNCE_MS: ms.default(3000),
		GATEWAY_DEBOUNCE_MAX_MS: ms.default(15_000),
		GATEWAY_FORWARD_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(10),
		GATEWAY_FORWARD_BACKOFF_MS: ms.default(1000),
		GATEWAY_FORWARD_BACKOFF_MAX_MS: ms.default(300_000),
		GATEWAY_FORWARD_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
		GATEWAY_FORWARD_POLL_MS: z.coerce.number().int().min(1).default(1000),
		// Batches in flight to n8n at once, each a different conversation: each waits for its whole
		// run of workflow 01 (it answers at the end), so this bounds messages/s to about this many
		// divided by a run's seconds. More helps only while n8n has CPU to spare: on a saturated
		// machine runs slow past GATEWAY_FORWARD_TIMEOUT_MS and are delivered twice (bench/results).
		GATEWAY_FORWARD_CONCURRENCY: z.coerce.number().int().min(1).max(100).default(4),
		// How long workflow 01 may answer busy before that costs attempts: twice its claim lease.
		GATEWAY_FORWARD_BUSY_LIMIT_MS: ms.default(240_000),
		GATEWAY_RECONCILE_INTERVAL_MS: ms.default(60_000),
		GATEWAY_RECONCILE_LOOKBACK_MS: ms.default(3_600_000),
		// The reconciler hands off a customer waiting this long with neither a reply nor a hand-off.
		GATEWAY_UNANSWERED_HANDOFF_MS: ms.default(600_000),
		// Housekeeping (glue/src/housekeeping): message text is removed after this many days.
		SWITCHBOARD_TEXT_RETENTION_DAYS: textRetentionDays.default(DEFAULT_TEXT_RETENTION_DAYS),
		GATEWAY_HOUSEKEEPING_INTERVAL_MS: ms.default(DEFAULT_HOUSEKEEPING_INTERVAL_MS),
		// How often contacts' stages are written to Chatwoot's Stage attribute where it differs.
		GATEWAY_STAGE_MIRROR_INTERVAL_MS: ms.default(2_000),
		GATEWAY_SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
		// Seconds, not Node's 300: Chatwoot sends a webhook in one go and gives up after 5 s.
		GATEWAY_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1).default(5_000),
		GATEWAY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1).default(10_000),
		DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
		CHATWOOT_URL: httpUrl.optional(),
		CHATWOOT_API_TOKEN: z.string().min(1).optional(),
		CHATWOOT_ACCOUNT_ID: z.coerce.number().int().positive().optional(),
		// Optional: the departments, so a dead letter's hand-off goes to the inbox's team, and
		// marketing's opt-out words, so a STOP in a conversation a person has still stops broadcasts.
		DIRECTUS_URL: httpUrl.optional(),
		DIRECTUS_AUTOMATION_TOKEN: z.string().min(1).optional(),
		// Meta's WhatsApp callback (/webhooks/meta): the app secret signs Meta's webhooks (and our
		// copies to Chatwoot); the verify token answers Meta's handshake. No verify token: no Meta
		// route (the app secret alone may be set for n8n's Page credential).
		META_APP_SECRET: z.string().min(8, 'needs at least 8 characters').optional(),
		META_WEBHOOK_VERIFY_TOKEN: z.string().min(8, 'needs at least 8 characters').optional(),
		// Chatwoot may be down for hours: about 5 h of retries at the default backoff before a dead letter.
		GATEWAY_META_FORWARD_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(60),
		// The Chatwoot config whose WhatsApp numbers the Meta route forwards (others are dropped);
		// unset: the repository's chatwoot/config/northwind-fibre.yaml.
		CHATWOOT_CONFIG_FILE: z.string().min(1).optional(),
	})
	.superRefine((env, ctx) => {
		if (!env.CHATWOOT_WEBHOOK_SECRET?.length && !env.CHATWOOT_BOT_SECRET?.length) {
			ctx.addIssue({
				code: 'custom',
				path: ['CHATWOOT_WEBHOOK_SECRET'],
				message: "required: the agent bot's secret, which signs its webhooks",
			});
		}
		if (env.GATEWAY_DEBOUNCE_MAX_MS < env.GATEWAY_DEBOUNCE_MS) {
			ctx.addIssue({
				code: 'custom',
				path: ['GATEWAY_DEBOUNCE_MAX_MS'],
				message: 'must be at least GATEWAY_DEBOUNCE_MS',
			});
		}
		if (env.GATEWAY_REQUEST_TIMEOUT_MS < env.GATEWAY_HEADERS_TIMEOUT_MS) {
			ctx.addIssue({
				code: 'custom',
				path: ['GATEWAY_REQUEST_TIMEOUT_MS'],
				message: 'must be at least GATEWAY_HEADERS_TIMEOUT_MS',
			});
		}
		if (env.META_WEBHOOK_VERIFY_TOKEN) {
			for (const name of ['META_APP_SECRET', 'CHATWOOT_URL'] as const) {
				if (env[name] === undefined) {
					ctx.addIssue({
						code: 'custom',
						path: [name],
						message: "required by Meta's webhook route (/webhooks/meta)",
					});
				}
			}
		}
		if (env.GATEWAY_RECONCILE_INTERVAL_MS === 0) return;
		for (const name of ['CHATWOOT_URL', 'CHATWOOT_API_TOKEN', 'CHATWOOT_ACCOUNT_ID'] as const) {
			if (env[name] === undefined) {
				ctx.addIssue({
					code: 'custom',
					path: [name],
					message: 'required by the reconciler (GATEWAY_RECONCILE_INTERVAL_MS=0 turns it off)',
				});
			}
		}
	});

export const gatewayConfigSchema = gatewayEnvSchema.transform((env) => ({
	port: env.GATEWAY_PORT,
	logLevel: env.LOG_LEVEL,
	bodyLimitBytes: env.GATEWAY_BODY_LIMIT_BYTES,
	webhookSecrets: {
		agentBot: env.CHATWOOT_WEBHOOK_SECRET?.length
			? env.CHATWOOT_WEBHOOK_SECRET
			: (env.CHATWOOT_BOT_SECRET ?? []),
		account: env.CHATWOOT_ACCOUNT_WEBHOOK_SECRET ?? [],
	},
	/** The account of a webhook whose payload names none. */
	accountId: env.CHATWOOT_ACCOUNT_ID ?? null,
	http: {
		headersTimeoutMs: env.GATEWAY_HEADERS_TIMEOUT_MS,
		requestTimeoutMs: env.GATEWAY_REQUEST_TIMEOUT_MS,
	},
	/** The replay window the Chatwoot PR suggests. */
	signatureToleranceSeconds: 300,
	n8n: { webhookUrl: env.N8N_INBOUND_WEBHOOK_URL, forwardSecret: env.GATEWAY_FORWARD_SECRET },
	debounce: { debounceMs: env.GATEWAY_DEBOUNCE_MS, maxWaitMs: env.GATEWAY_DEBOUNCE_MAX_MS },
	forward: {
		maxAttempts: env.GATEWAY_FORWARD_MAX_ATTEMPTS,
		backoffMs: env.GATEWAY_FORWARD_BACKOFF_MS,
		backoffMaxMs: env.GATEWAY_FORWARD_BACKOFF_MAX_MS,
		timeoutMs: env.GATEWAY_FORWARD_TIMEOUT_MS,
		pollMs: env.GATEWAY_FORWARD_POLL_MS,
		concurrency: env.GATEWAY_FORWARD_CONCURRENCY,
		busyLimitMs: env.GATEWAY_FORWARD_BUSY_LIMIT_MS,
	},
	reconcile: {
		intervalMs: env.GATEWAY_RECONCILE_INTERVAL_MS,
		lookbackMs: env.GATEWAY_RECONCILE_LOOKBACK_MS,
		unansweredAfterMs: env.GATEWAY_UNANSWERED_HANDOFF_MS,
	},
	housekeeping: {
		retentionDays: env.SWITCHBOARD_TEXT_RETENTION_DAYS,
		intervalMs: env.GATEWAY_HOUSEKEEPING_INTERVAL_MS,
	},
	stageMirror: { intervalMs: env.GATEWAY_STAGE_MIRROR_INTERVAL_MS },
	chatwoot:
		env.CHATWOOT_URL && env.CHATWOOT_API_TOKEN && env.CHATWOOT_ACCOUNT_ID
			? {
					url: env.CHATWOOT_URL,
					apiToken: env.CHATWOOT_API_TOKEN,
					accountId: env.CHATWOOT_ACCOUNT_ID,
				}
			: null,
	/** Read-only, with the Automation user's token (the one n8n reads content with). */
	directus:
		env.DIRECTUS_URL && env.DIRECTUS_AUTOMATION_TOKEN
			? { url: env.DIRECTUS_URL, token: env.DIRECTUS_AUTOMATION_TOKEN }
			: null,
	/** Meta's WhatsApp webhooks, forwarded to Chatwoot; null without META_WEBHOOK_VERIFY_TOKEN. */
	meta:
		env.META_APP_SECRET && env.META_WEBHOOK_VERIFY_TOKEN && env.CHATWOOT_URL
			? {
					appSecret: env.META_APP_SECRET,
					verifyToken: env.META_WEBHOOK_VERIFY_TOKEN,
					chatwootUrl: env.CHATWOOT_URL,
					maxAttempts: env.GATEWAY_META_FORWARD_MAX_ATTEMPTS,
					chatwootConfigFile: env.CHATWOOT_CONFIG_FILE ?? null,
				}
			: null,
	databaseUrl: env.DATABASE_URL,
	shutdownTimeoutMs: env.GATEWAY_SHUTDOWN_TIMEOUT_MS,
	reminders:
		env.GATEWAY_REMINDERS === 'off'
			? null
			: {
					url:
						env.N8N_REMINDER_WEBHOOK_URL ??
						env.N8N_INBOUND_WEBHOOK_URL.replace(
							/\/switchboard\/inbound$/,
							'/switchboard/appointment-reminder',
						),
				},
}));
export type GatewayConfig = z.output<typeof gatewayConfigSchema>;

/** Throws GatewayConfigError naming every bad variable (never its value: some are secrets). */
export function parseGatewayConfig(env: NodeJS.ProcessEnv): GatewayConfig {
	// `KEY=` copied from .env.example means "not set", not "set to the empty string".
	const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
	const result = gatewayConfigSchema.safeParse(set);
	if (result.success) return result.data;
	throw new GatewayConfigError(
		result.error.issues.map((issue) => ({
			variable: issue.path.map(String).join('.') || '(environment)',
			message: issue.message,
		})),
	);
}
