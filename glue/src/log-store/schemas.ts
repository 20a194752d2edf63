// The log store's inputs and rows. These schemas are the source of truth: the CHECK constraints in
// migrations/ mirror them, so input the schema passes is input the database accepts.
import { z } from 'zod/v4';
import { URGENCIES } from '../common/urgency.ts';

export { URGENCIES } from '../common/urgency.ts';

export const INBOUND_SOURCES = ['agent_bot', 'account', 'reconciler'] as const;
export const INBOUND_STATUSES = ['pending', 'forwarding', 'done', 'dropped', 'dead'] as const;
export const SENTIMENTS = ['negative', 'neutral', 'positive'] as const;
export const OUTCOMES = [
	'auto_replied',
	'handed_off',
	'fallback',
	'transferred',
	'handed_off_after_bot_failure',
	// The booking assistant answered (migration 0018).
	'booking_chat',
] as const;
export const ACTION_KINDS = [
	'reply',
	'private_note',
	'handoff',
	'transfer',
	'label',
	'team',
] as const;
export const PLATFORMS = ['facebook', 'instagram', 'tiktok'] as const;
export const SOCIAL_POST_STATUSES = ['pending', 'posted', 'failed'] as const;

// Shared refinements.
const chatwootId = z.int().positive();
const text = z.string().trim().min(1);
/**
 * A JSON object, checked by one walk that copies nothing: z.json() rebuilt every webhook payload
 * node by node (about 36 KB of garbage per message at 400 messages/s in the gateway).
 */
export const jsonObject = z.custom<Record<string, JsonValue>>(
	(value) => isPlainObject(value) && isJson(value, 0),
	{ message: 'must be a JSON object' },
);
export type JsonValue =
	| string
	| number
	| boolean
	| null
	| JsonValue[]
	| { [key: string]: JsonValue };
// Deeper than any payload we store; it keeps a cyclic object from recursing forever.
const MAX_JSON_DEPTH = 64;

function isPlainObject(value: unknown): value is Record<string, unknown> {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
	const proto = Object.getPrototypeOf(value) as unknown;
	return proto === Object.prototype || proto === null;
}

function isJson(value: unknown, depth: number): boolean {
	switch (typeof value) {
		case 'string':
		case 'boolean':
			return true;
		case 'number':
			return Number.isFinite(value);
		case 'object':
			if (value === null) return true;
			if (depth >= MAX_JSON_DEPTH) return false;
			if (Array.isArray(value)) return value.every((item) => isJson(item, depth + 1));
			if (!isPlainObject(value)) return false;
			for (const key in value) {
				if (!isJson(value[key], depth + 1)) return false;
			}
			return true;
		default:
			return false;
	}
}
const count = z.int().nonnegative();
/** A Date, or an ISO 8601 string with an offset (what n8n items carry). */
const timestamp = z.union([
	z.date(),
	z.iso.datetime({ offset: true }).transform((value) => new Date(value)),
]);
// pg returns bigint and numeric as strings, to keep precision; our ids and amounts fit a double.
const dbNumber = z.coerce.number();

export const inboundEventInputSchema = z
	.object({
		source: z.enum(INBOUND_SOURCES),
		/** X-Chatwoot-Delivery; account webhooks and the reconciler have none. */
		deliveryId: text.nullable().default(null),
		chatwootMessageId: chatwootId.nullable().default(null),
		conversationId: chatwootId.nullable().default(null),
		accountId: chatwootId,
		inboxId: chatwootId.nullable().default(null),
		event: text,
		/** Defaults to the database's clock. */
		receivedAt: timestamp.optional(),
		payload: jsonObject,
		status: z.enum(INBOUND_STATUSES).default('pending'),
		dropReason: text.nullable().default(null),
	})
	.refine((event) => event.status !== 'dropped' || event.dropReason !== null, {
		message: 'a dropped event needs a dropReason',
		path: ['dropReason'],
	});
export type InboundEventInput = z.input<typeof inboundEventInputSchema>;
export type InboundEvent = z.output<typeof inboundEventInputSchema>;

export const decisionInputSchema = z.object({
	inboundEventId: chatwootId.nullable().default(null),
	conversationId: chatwootId,
	department: text,
	intent: text,
	urgency: z.enum(URGENCIES),
	sentiment: z.enum(SENTIMENTS),
	language: text,
	confidence: z.number().min(0).max(1),
	needsHuman: z.boolean(),
	handoffReason: text.nullable().default(null),
	outcome: z.enum(OUTCOMES),
	/** The whole structured output, as Claude returned it. */
	triage: jsonObject,
	model: text,
	inputTokens: count,
	outputTokens: count,
	cacheReadTokens: count.default(0),
	cacheWriteTokens: count.default(0),
	/** Null when the model has no configured price. */
	costUsd: z.number().nonnegative().max(999_999.999999).nullable(),
	latencyMs: count,
	contentIds: z.array(text).default([]),
});
export type DecisionInput = z.input<typeof decisionInputSchema>;

export const decisionSchema = decisionInputSchema.extend({
	id: dbNumber,
	inboundEventId: dbNumber.nullable(),
	conversationId: dbNumber,
	confidence: dbNumber,
	costUsd: dbNumber.nullable(),
	createdAt: z.date(),
});
export type Decision = z.output<typeof decisionSchema>;

export const actionInputSchema = z
	.object({
		decisionId: chatwootId,
		conversationId: chatwootId,
		kind: z.enum(ACTION_KINDS),
		chatwootMessageId: chatwootId.nullable().default(null),
		team: text.nullable().default(null),
		labels: z.array(text).default([]),
	})
	.refine((action) => action.kind !== 'label' || action.labels.length > 0, {
		message: 'a label action needs at least one label',
		path: ['labels'],
	})
	.refine((action) => action.kind !== 'team' || action.team !== null, {
		message: 'a team action needs a team',
		path: ['team'],
	});
export type ActionInput = z.input<typeof actionInputSchema>;

const socialPostKeyFields = {
	promotionId: z.union([text, chatwootId.transform(String)]),
	platform: z.enum(PLATFORMS),
	slot: timestamp,
};

export const socialPostClaimSchema = z.object({
	...socialPostKeyFields,
	caption: text.nullable().default(null),
});
export type SocialPostClaimInput = z.input<typeof socialPostClaimSchema>;

export const socialPostCompletionSchema = z.discriminatedUnion('status', [
	z.object({ key: text, status: z.literal('posted'), postId: text }),
	z.object({
		key: text,
		status: z.literal('failed'),
		errorCode: text.nullable().default(null),
		errorMessage: text,
	}),
]);
export type SocialPostCompletionInput = z.input<typeof socialPostCompletionSchema>;

export const socialPostSchema = z.object({
	id: dbNumber,
	idempotencyKey: z.string(),
	promotionId: z.string(),
	platform: z.enum(PLATFORMS),
	slot: z.date(),
	status: z.enum(SOCIAL_POST_STATUSES),
	postId: z.string().nullable(),
	errorCode: z.string().nullable(),
	errorMessage: z.string().nullable(),
	caption: z.string().nullable(),
	createdAt: z.date(),
	updatedAt: z.date(),
});
export type SocialPost = z.output<typeof socialPostSchema>;

/** promotion × platform × slot, the one identity of a scheduled post. */
export function socialPostKey(post: { promotionId: string; platform: string; slot: Date }): string {
	return `${post.promotionId}:${post.platform}:${post.slot.toISOString()}`;
}

export const conversationQuerySchema = z.object({
	conversationId: chatwootId,
	limit: z.int().min(1).max(500).default(50),
});
export type ConversationQueryInput = z.input<typeof conversationQuerySchema>;

export const idRowSchema = z.object({ id: dbNumber });

/**
 * The dedupe key of a dropped message's row: keyed by the message, so the bot's and the account
 * webhook's deliveries, and the reconciler's, make one row. selectKnownMessageIds reads it back.
 *
 * @example
 * droppedDeliveryId(1, 4217); // 'dropped-1-4217'
 */
export function droppedDeliveryId(accountId: number, messageId: number): string {
	return `dropped-${accountId}-${messageId}`;
}
