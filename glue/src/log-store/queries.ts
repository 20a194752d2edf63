// Query builders: data in, `{ text, values }` out, never executed here. Table and column names come
// from the constants below; every input value travels as a placeholder.
import type { z } from 'zod/v4';
import type {
	actionInputSchema,
	conversationQuerySchema,
	decisionInputSchema,
	InboundEvent,
	socialPostClaimSchema,
	socialPostCompletionSchema,
} from './schemas.ts';
import { socialPostKey } from './schemas.ts';

export interface Query {
	text: string;
	values: unknown[];
}

type Columns = Record<string, string>;

const INBOUND_EVENT_COLUMNS = {
	source: 'source',
	deliveryId: 'delivery_id',
	chatwootMessageId: 'chatwoot_message_id',
	conversationId: 'conversation_id',
	accountId: 'account_id',
	inboxId: 'inbox_id',
	event: 'event',
	receivedAt: 'received_at',
	payload: 'payload',
	status: 'status',
	dropReason: 'drop_reason',
} as const satisfies Record<keyof InboundEvent, string>;

const DECISION_COLUMNS = {
	inboundEventId: 'inbound_event_id',
	conversationId: 'conversation_id',
	department: 'department',
	intent: 'intent',
	urgency: 'urgency',
	sentiment: 'sentiment',
	language: 'language',
	confidence: 'confidence',
	needsHuman: 'needs_human',
	handoffReason: 'handoff_reason',
	outcome: 'outcome',
	triage: 'triage',
	model: 'model',
	inputTokens: 'input_tokens',
	outputTokens: 'output_tokens',
	cacheReadTokens: 'cache_read_tokens',
	cacheWriteTokens: 'cache_write_tokens',
	costUsd: 'cost_usd',
	latencyMs: 'latency_ms',
	contentIds: 'content_ids',
} as const satisfies Record<keyof z.output<typeof decisionInputSchema>, string>;

const ACTION_COLUMNS = {
	decisionId: 'decision_id',
	conversationId: 'conversation_id',
	kind: 'kind',
	chatwootMessageId: 'chatwoot_message_id',
	team: 'team',
	labels: 'labels',
} as const satisfies Record<keyof z.output<typeof actionInputSchema>, string>;

const SOCIAL_POST_COLUMNS = {
	id: 'id',
	idempotencyKey: 'idempotency_key',
	promotionId: 'promotion_id',
	platform: 'platform',
	slot: 'slot',
	status: 'status',
	postId: 'post_id',
	errorCode: 'error_code',
	errorMessage: 'error_message',
	caption: 'caption',
	createdAt: 'created_at',
	updatedAt: 'updated_at',
} as const;

/** `snake as "camel"` for each column, so rows arrive shaped like the row schemas. */
function selectList(columns: Columns): string {
	return Object.entries(columns)
		.map(([key, column]) => (key === column ? column : `${column} as "${key}"`))
		.join(', ');
}

// Plain objects are jsonb; arrays stay arrays so pg sends them as text[].
function toParam(value: unknown): unknown {
	const isJson = typeof value === 'object' && value !== null;
	return isJson && !(value instanceof Date) && !Array.isArray(value)
		? JSON.stringify(value)
		: value;
}

/**
 * An undefined value becomes DEFAULT, so the database's default (e.g. now()) applies. `computed`:
 * columns set by an SQL expression rather than a value, e.g. from a CTE.
 */
function insertInto(
	table: string,
	columns: Columns,
	row: Record<string, unknown>,
	computed: Record<string, string> = {},
): Query {
	const values: unknown[] = [];
	const slots = Object.keys(columns).map((key) => {
		if (row[key] === undefined) return 'default';
		values.push(toParam(row[key]));
		return `$${values.length}`;
	});
	const names = [...Object.values(columns), ...Object.keys(computed)];
	return {
		text: `insert into ${table} (${names.join(', ')}) values (${[...slots, ...Object.values(computed)].join(', ')})`,
		values,
	};
}

/**
 * ON CONFLICT without a target also covers the partial unique indexes on delivery and message.
 * `computed` sets further columns by SQL expression (the ledger queue's due time).
 */
export function insertInboundEvent(
	event: InboundEvent,
	computed: Record<string, string> = {},
): Query {
	const insert = insertInto('sb_inbound_events', INBOUND_EVENT_COLUMNS, event, computed);
	return { text: `${insert.text} on conflict do nothing returning id`, values: insert.values };
}

/** The row a redelivery collided with. */
export function findInboundEventDuplicate(event: InboundEvent): Query {
	return {
		text:
			'select id from sb_inbound_events where delivery_id = $1' +
			' or (account_id = $2 and chatwoot_message_id = $3) order by id limit 1',
		values: [event.deliveryId, event.accountId, event.chatwootMessageId],
	};
}

export function insertDecision(decision: z.output<typeof decisionInputSchema>): Query {
	const insert = insertInto('sb_ai_decisions', DECISION_COLUMNS, decision);
	return { text: `${insert.text} returning id`, values: insert.values };
}

export function insertAction(action: z.output<typeof actionInputSchema>): Query {
	const insert = insertInto('sb_replies_handoffs', ACTION_COLUMNS, action);
	return { text: `${insert.text} returning id`, values: insert.values };
}

export function selectDecisionsByConversation(
	query: z.output<typeof conversationQuerySchema>,
): Query {
	const columns = { id: 'id', ...DECISION_COLUMNS, createdAt: 'created_at' };
	return {
		text:
			`select ${selectList(columns)} from sb_ai_decisions where conversation_id = $1` +
			' order by created_at desc, id desc limit $2',
		values: [query.conversationId, query.limit],
	};
}

/** Insert-if-absent: a row comes back only for the caller that created it. */
export function insertSocialPostIfAbsent(claim: z.output<typeof socialPostClaimSchema>): Query {
	const insert = insertInto(
		'sb_social_posts',
		{
			idempotencyKey: 'idempotency_key',
			promotionId: 'promotion_id',
			platform: 'platform',
			slot: 'slot',
			caption: 'caption',
		},
		{ ...claim, idempotencyKey: socialPostKey(claim) },
	);
	return {
		text: `${insert.text} on conflict (idempotency_key) do nothing returning ${selectList(SOCIAL_POST_COLUMNS)}`,
		values: insert.values,
	};
}

export function selectSocialPost(key: string): Query {
	return {
		text: `select ${selectList(SOCIAL_POST_COLUMNS)} from sb_social_posts where idempotency_key = $1`,
		values: [key],
	};
}

export function selectSocialPosts(keys: readonly string[]): Query {
	return {
		text: `select ${selectList(SOCIAL_POST_COLUMNS)} from sb_social_posts where idempotency_key = any($1::text[])`,
		values: [keys],
	};
}

/** Only a pending post completes: a late or repeated completion must not overwrite the outcome. */
export function completeSocialPost(completion: z.output<typeof socialPostCompletionSchema>): Query {
	const posted = completion.status === 'posted';
	return {
		text:
			'update sb_social_posts set status = $2, post_id = $3, error_code = $4, error_message = $5,' +
			` updated_at = now() where idempotency_key = $1 and status = 'pending'` +
			` returning ${selectList(SOCIAL_POST_COLUMNS)}`,
		values: [
			completion.key,
			completion.status,
			posted ? completion.postId : null,
			posted ? null : completion.errorCode,
			posted ? null : completion.errorMessage,
		],
	};
}
