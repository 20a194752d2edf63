import { z } from 'zod/v4';
import { SEEDED_TEMPLATES } from './seeded-templates.ts';

/** The token a fresh simulator accepts, so the sandbox works without any setup. */
export const DEFAULT_ACCESS_TOKEN = 'sim-meta-token';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const digits = z.string().regex(/^\d+$/, 'must be digits only (Graph ids and numbers have no "+")');
const probability = z.number().min(0).max(1);

/** A WhatsApp business number; several may share one WABA (and so one webhook callback). */
export const businessNumberSchema = z.strictObject({
	phoneNumberId: digits,
	displayPhoneNumber: digits,
	wabaId: digits,
	verifiedName: z.string().default('Switchboard Sandbox'),
	/** Overrides whatsapp.throughputPerSecond for this number (coexistence numbers are fixed at 20). */
	throughputPerSecond: z.number().int().positive().optional(),
});
export type BusinessNumber = z.output<typeof businessNumberSchema>;

/** A Facebook Page, optionally linked to an Instagram professional account. */
export const pageSchema = z.strictObject({
	pageId: digits,
	name: z.string().default('Switchboard Sandbox'),
	igUserId: digits.optional(),
	igUsername: z.string().default('switchboard.sandbox'),
});
export type PageAccount = z.output<typeof pageSchema>;

export const accessTokenSchema = z.strictObject({
	token: z.string().min(1),
	/** Milliseconds since the epoch on the simulator clock; never expires when absent. */
	expiresAt: z.number().optional(),
	/** Ids (phone number, WABA, Page, IG user) the token may act on; every id when absent. */
	assets: z.array(z.string()).optional(),
});
export type AccessToken = z.output<typeof accessTokenSchema>;

/** A component as Meta lists it (HEADER, BODY, FOOTER, BUTTONS…), kept as given. */
export const templateComponentSchema = z.looseObject({
	type: z.enum(['HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'CAROUSEL', 'LIMITED_TIME_OFFER']),
});

export const templateSchema = z
	.strictObject({
		name: z.string().min(1),
		language: z.string().default('en_US'),
		category: z.enum(['MARKETING', 'UTILITY', 'AUTHENTICATION']).default('UTILITY'),
		status: z.enum(['APPROVED', 'PENDING', 'REJECTED', 'PAUSED', 'DISABLED']).default('APPROVED'),
		/** Meta's id; when absent one is derived from name and language (stable across edits). */
		id: digits.optional(),
		parameter_format: z.enum(['POSITIONAL', 'NAMED']).default('POSITIONAL'),
		/** What Meta approved; a send whose parameters do not fit them gets 132000. */
		components: z.array(templateComponentSchema).optional(),
		/** Shorthand for a body of that many {{n}} parameters, when `components` is not given. */
		bodyParameterCount: z.number().int().min(0).optional(),
		rejected_reason: z.string().optional(),
	})
	.transform(({ bodyParameterCount, components, ...template }) => ({
		...template,
		components: components ?? bodyOf(bodyParameterCount ?? 0),
	}));
export type TemplateDefinition = z.output<typeof templateSchema>;
export type TemplateDefinitionInput = z.input<typeof templateSchema>;

function bodyOf(count: number): z.output<typeof templateComponentSchema>[] {
	const params = Array.from({ length: count }, (_, i) => `{{${i + 1}}}`);
	return [{ type: 'BODY', text: ['Message', ...params].join(' ') }];
}

/**
 * One recipient's injected failure. 131049 (marketing cap), 131050 (stopped marketing), 131026
 * (undeliverable) and 131047 (window closed) come as Meta usually sends them: accepted, then a
 * `failed` status (`async`), or as the send's error answer (`sync`). 131000 is Meta's 500
 * "Something went wrong"; 2 is its 503 "Service temporarily unavailable" (transient).
 */
export const recipientFailureSchema = z.strictObject({
	to: digits,
	code: z.union([
		z.literal(131049),
		z.literal(131050),
		z.literal(131026),
		z.literal(131047),
		z.literal(131000),
		z.literal(2),
	]),
	mode: z.enum(['sync', 'async']).default('async'),
	/** Only the first n sends to `to` fail; every one when absent. */
	times: z.number().int().positive().optional(),
});
export type RecipientFailure = z.output<typeof recipientFailureSchema>;

const whatsappSchema = z.strictObject({
	throughputPerSecond: z.number().int().positive().default(80),
	/**
	 * How "80 messages per second" is counted, which Meta does not document: at most that many in
	 * any sliding second (strict: a client's jitter of a few ms at full rate trips it), or a token
	 * bucket holding one second's worth, refilled continuously (an average with a 1 s burst).
	 */
	throughputModel: z.enum(['sliding-window', 'token-bucket']).default('sliding-window'),
	pairBurst: z.number().int().positive().default(45),
	pairRefillMs: z.number().int().positive().default(6_000),
	// The reference calls 400 vs 429 for throttling UNCERTAIN, so it is a knob (Meta's table says 400).
	throttleHttpStatus: z.union([z.literal(400), z.literal(429)]).default(400),
	windowMs: z.number().int().positive().default(DAY_MS),
	/** 131047 outside the window: a 200 then a `failed` status (usual), or a synchronous error. */
	windowErrorMode: z.enum(['async', 'sync']).default('async'),
	/** Recipients that get a `failed` status with 131026 (not on WhatsApp, blocked, …). */
	undeliverableNumbers: z.array(digits).default([]),
	/** Failures injected for one recipient: what Meta answers a send to `to` (see recipientFailureSchema). */
	recipientFailures: z.array(recipientFailureSchema).default([]),
});

const statusesSchema = z.strictObject({
	sequence: z.array(z.enum(['sent', 'delivered', 'read'])).default(['sent', 'delivered', 'read']),
	/** Gap before each status webhook, on the real clock. */
	delayMs: z.number().int().min(0).default(500),
	shuffle: probability.default(0),
	duplicate: probability.default(0),
	skipDelivered: probability.default(0),
});

const messengerSchema = z.strictObject({
	windowMs: z.number().int().positive().default(DAY_MS),
	humanAgentWindowMs: z
		.number()
		.int()
		.positive()
		.default(7 * DAY_MS),
	/** Whether a sent message comes back as an `is_echo` webhook (Instagram always does this). */
	echoes: z.boolean().default(true),
});

const publishingSchema = z.strictObject({
	// The reference: 100 (guide) vs 50 (reference pages) is UNCERTAIN; design for 50.
	quotaTotal: z.number().int().min(0).default(50),
	quotaDurationSeconds: z.number().int().positive().default(86_400),
	imageProcessingMs: z.number().int().min(0).default(1_000),
	videoProcessingMs: z.number().int().min(0).default(10_000),
	containerTtlMs: z.number().int().positive().default(DAY_MS),
});

const deliverySchema = z.strictObject({
	/** Updates per POST (Meta batches up to 1000). */
	batchSize: z.number().int().min(1).max(1000).default(1),
	/** How long updates wait to be batched together. */
	batchWindowMs: z.number().int().min(0).default(0),
	/** Delays before each retry of a POST not answered 200; the count is the number of retries. */
	retryDelaysMs: z.array(z.number().int().min(0)).default([1_000, 10_000, 60_000]),
	timeoutMs: z.number().int().positive().default(20_000),
	/** Whether to also send the legacy X-Hub-Signature (sha1) header, as Meta does. */
	sha1Header: z.boolean().default(true),
	escapeSlashes: z.boolean().default(false),
});

export const metaSimConfigSchema = z.strictObject({
	appId: digits.default('880011223344556'),
	appSecret: z.string().min(1).default('sim_app_secret'),
	verifyToken: z.string().min(1).default('sim_verify_token'),
	/** The app's callback URL; webhooks are only recorded (not sent) while it is null. */
	webhookUrl: z.url().nullable().default(null),
	/** Graph version of the webhook payloads: v24+ statuses omit `conversation`. */
	webhookVersion: z.number().int().min(22).max(26).default(25),
	accessTokens: z.array(accessTokenSchema).default([{ token: DEFAULT_ACCESS_TOKEN }]),
	businessNumbers: z.array(businessNumberSchema).default([
		{
			phoneNumberId: '106540352242922',
			displayPhoneNumber: '15550783881',
			wabaId: '102290129340398',
			verifiedName: 'Switchboard Sandbox',
		},
	]),
	pages: z.array(pageSchema).default([
		{
			pageId: '109876543210987',
			name: 'Switchboard Sandbox',
			igUserId: '17841400000000001',
			igUsername: 'switchboard.sandbox',
		},
	]),
	// hello_world is the template every new WABA gets; the others show the sandbox's kinds.
	templates: z.array(templateSchema).prefault(SEEDED_TEMPLATES),
	whatsapp: whatsappSchema.prefault({}),
	statuses: statusesSchema.prefault({}),
	messenger: messengerSchema.prefault({}),
	publishing: publishingSchema.prefault({}),
	delivery: deliverySchema.prefault({}),
});
export type MetaSimConfig = z.output<typeof metaSimConfigSchema>;
export type MetaSimConfigInput = z.input<typeof metaSimConfigSchema>;

const NESTED = ['whatsapp', 'statuses', 'messenger', 'publishing', 'delivery'] as const;

/** Applies a partial update (nested groups merge one level deep, lists replace) and validates it. */
export function mergeConfig(
	current: MetaSimConfig,
	patch: Record<string, unknown>,
): ReturnType<typeof metaSimConfigSchema.safeParse> {
	const merged: Record<string, unknown> = { ...current, ...patch };
	for (const key of NESTED) {
		const part = patch[key];
		if (part && typeof part === 'object' && !Array.isArray(part))
			merged[key] = { ...current[key], ...part };
	}
	return metaSimConfigSchema.safeParse(merged);
}

export function parseConfig(input: MetaSimConfigInput = {}): MetaSimConfig {
	const parsed = metaSimConfigSchema.safeParse(input);
	if (!parsed.success) {
		throw new TypeError(`[simulators/meta] invalid options:\n${z.prettifyError(parsed.error)}`);
	}
	return parsed.data;
}
