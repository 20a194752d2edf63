// The log store's operations: validate, build, run, parse. The caller injects the query runner.
import { LogStoreError, LogStoreNotFoundError, parseInput, pgCode } from './errors.ts';
import * as queries from './queries.ts';
import {
	actionInputSchema,
	conversationQuerySchema,
	decisionInputSchema,
	decisionSchema,
	idRowSchema,
	inboundEventInputSchema,
	socialPostClaimSchema,
	socialPostCompletionSchema,
	socialPostKey,
	socialPostSchema,
	type ActionInput,
	type ConversationQueryInput,
	type Decision,
	type DecisionInput,
	type InboundEvent,
	type InboundEventInput,
	type SocialPost,
	type SocialPostClaimInput,
	type SocialPostCompletionInput,
} from './schemas.ts';

/** What the operations need from pg: a Pool, a PoolClient inside a transaction, or a Client. */
export interface Queryable {
	query(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

async function run(db: Queryable, query: queries.Query): Promise<unknown[]> {
	return (await db.query(query.text, query.values)).rows;
}

/** Writes a webhook to the ledger; a redelivery returns the first row's id with `duplicate`. */
export async function recordInboundEvent(
	db: Queryable,
	input: InboundEventInput,
): Promise<{ id: number; duplicate: boolean }> {
	const event = parseInput(inboundEventInputSchema, input, 'recordInboundEvent');
	const [inserted] = await run(db, queries.insertInboundEvent(event));
	if (inserted) return { id: idRowSchema.parse(inserted).id, duplicate: false };
	return findInboundEventDuplicate(db, event);
}

/** The row an event that was not inserted collided with (same delivery or same message). */
export async function findInboundEventDuplicate(
	db: Queryable,
	event: InboundEvent,
): Promise<{ id: number; duplicate: true }> {
	const [existing] = await run(db, queries.findInboundEventDuplicate(event));
	// Only reachable if the colliding row was deleted between the two statements.
	if (!existing)
		throw new LogStoreError('log store: an inbound event collided with a vanished row');
	return { id: idRowSchema.parse(existing).id, duplicate: true };
}

export async function recordDecision(db: Queryable, input: DecisionInput): Promise<{ id: number }> {
	const decision = parseInput(decisionInputSchema, input, 'recordDecision');
	try {
		const [row] = await run(db, queries.insertDecision(decision));
		return idRowSchema.parse(row);
	} catch (error) {
		throw missingReference(error, 'inbound event', decision.inboundEventId);
	}
}

/** Logs what was done in Chatwoot (reply, note, hand-off, labels, team) for a decision. */
export async function recordAction(db: Queryable, input: ActionInput): Promise<{ id: number }> {
	const action = parseInput(actionInputSchema, input, 'recordAction');
	try {
		const [row] = await run(db, queries.insertAction(action));
		return idRowSchema.parse(row);
	} catch (error) {
		throw missingReference(error, 'decision', action.decisionId);
	}
}

/** Newest first. */
export async function decisionsByConversation(
	db: Queryable,
	input: ConversationQueryInput,
): Promise<Decision[]> {
	const query = parseInput(conversationQuerySchema, input, 'decisionsByConversation');
	const rows = await run(db, queries.selectDecisionsByConversation(query));
	return rows.map((row) => decisionSchema.parse(row));
}

/**
 * Reserves promotion × platform × slot. `owned` is true for exactly one caller, ever: the others
 * get the existing row (pending, posted or failed) and must not post.
 */
export async function claimSocialPost(
	db: Queryable,
	input: SocialPostClaimInput,
): Promise<{ owned: boolean; post: SocialPost }> {
	const claim = parseInput(socialPostClaimSchema, input, 'claimSocialPost');
	const [inserted] = await run(db, queries.insertSocialPostIfAbsent(claim));
	if (inserted) return { owned: true, post: socialPostSchema.parse(inserted) };
	const key = socialPostKey(claim);
	const [existing] = await run(db, queries.selectSocialPost(key));
	if (!existing) throw new LogStoreNotFoundError({ entity: 'social post', key });
	return { owned: false, post: socialPostSchema.parse(existing) };
}

/** The rows these keys already have (any status), for callers that skip work already claimed. */
export async function socialPostsByKeys(
	db: Queryable,
	keys: readonly string[],
): Promise<SocialPost[]> {
	if (keys.length === 0) return [];
	const rows = await run(db, queries.selectSocialPosts(keys));
	return rows.map((row) => socialPostSchema.parse(row));
}

/** Records the platform's answer for a claimed slot. */
export async function completeSocialPost(
	db: Queryable,
	input: SocialPostCompletionInput,
): Promise<SocialPost> {
	const completion = parseInput(socialPostCompletionSchema, input, 'completeSocialPost');
	const [row] = await run(db, queries.completeSocialPost(completion));
	if (!row) throw new LogStoreNotFoundError({ entity: 'pending social post', key: completion.key });
	return socialPostSchema.parse(row);
}

// 23503: the foreign key points nowhere; name the row instead of pg's constraint.
function missingReference(error: unknown, entity: string, id: number | null): unknown {
	if (pgCode(error) !== '23503') return error;
	return new LogStoreNotFoundError({ entity, key: String(id), cause: error });
}
