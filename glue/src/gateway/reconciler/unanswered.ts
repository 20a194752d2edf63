// The safety net behind keep_pending_on_bot_failure: a customer the gateway took a message from
// longer than GATEWAY_UNANSWERED_HANDOFF_MS ago, still with neither a bot reply nor a hand-off (n8n,
// Claude or Directus down for long, forwards that keep failing short of the dead-letter limit), is
// handed to the receiving inbox's team with a note saying why, so a long outage never leaves people
// waiting unseen. Once: the hand-off holds the messages' triage claim (the one workflow 01 takes)
// and closes it, so neither a second gateway nor a late run of workflow 01 acts on them again.
import { botOwns } from '../../chatwoot/bot-owns.ts';
import type { ChatwootClient } from '../../chatwoot/client.ts';
import type { Department } from '../../content/schemas.ts';
import { claimTriage, completeTriage } from '../../log-store/inbound-claims.ts';
import type { Queryable } from '../../log-store/repository.ts';
import { errorFields, type GatewayLogger } from '../common/logger.ts';
import { agentReason } from '../dead-letters/dead-letter-note.ts';
import { handOffToInboxTeam } from '../dead-letters/dead-letter-handoff.ts';

/** What sb_inbound_claims.result says of messages the safety net handed to a person. */
export const UNANSWERED_RESULT = 'unanswered_handoff';

export interface UnansweredDeps {
	db: Queryable;
	chatwoot: ChatwootClient;
	logger: GatewayLogger;
	clock: () => Date;
	/** How long after the gateway took a message the customer may wait; 0 turns the net off. */
	afterMs: number;
	departments?: () => Promise<Department[]>;
}

export interface WaitingEvent {
	id: number;
	conversationId: number;
	inboxId: number | null;
	attempts: number;
	lastError: string | null;
	receivedAt: Date;
}

// Messages still on their way to workflow 01 and taken long enough ago, whose triage claim is
// free (none, or a run that died and whose lease ran out); a live run is left to finish.
const WAITING = `select e.id::bigint as id, e.conversation_id::bigint as conversation_id,
	e.inbox_id::bigint as inbox_id, e.attempts, e.last_error, e.received_at
from sb_inbound_events e
left join sb_inbound_claims c on c.inbound_event_id = e.id
where e.account_id = $1 and e.status in ('pending', 'forwarding') and e.received_at < $2
	and e.conversation_id is not null
	and (c.state is null or (c.state = 'processing' and c.lease_until < now()))
order by e.conversation_id, e.id
limit 500`;

export async function waitingEvents(
	db: Queryable,
	accountId: number,
	before: Date,
): Promise<WaitingEvent[]> {
	const { rows } = await db.query(WAITING, [accountId, before]);
	return rows.map((row) => {
		const r = row as Record<string, unknown>;
		return {
			id: Number(r.id),
			conversationId: Number(r.conversation_id),
			inboxId: r.inbox_id === null ? null : Number(r.inbox_id),
			attempts: Number(r.attempts),
			lastError: (r.last_error as string | null) ?? null,
			receivedAt: new Date(r.received_at as string | Date),
		};
	});
}

/** The note agents read; the customer reads nothing of it. */
export function unansweredNote(events: WaitingEvent[], now: Date, afterMs: number): string {
	const since = events.reduce((a, b) => (a.receivedAt <= b.receivedAt ? a : b)).receivedAt;
	const minutes = Math.max(1, Math.round((now.getTime() - since.getTime()) / 60_000));
	const limit = Math.max(1, Math.round(afterMs / 60_000));
	const attempts = Math.max(...events.map((event) => event.attempts));
	const lastError = events.findLast((event) => event.lastError)?.lastError ?? null;
	const why =
		attempts === 0
			? 'the automation had not taken the messages yet'
			: `${agentReason(lastError ?? '')} (${attempts} ${attempts === 1 ? 'attempt' : 'attempts'}` +
				`${lastError ? `; last error: ${lastError}` : ''})`;
	return [
		`The customer has waited ${minutes} ${minutes === 1 ? 'minute' : 'minutes'} with neither an ` +
			`answer nor a hand-off (the limit is ${limit} ${limit === 1 ? 'minute' : 'minutes'}), ` +
			'so the bot hands the conversation to you without answering. Please reply to the customer.',
		`Why: ${why}.`,
		`For the operator: ledger ${events.length === 1 ? 'entry' : 'entries'} ` +
			`${events.map((event) => event.id).join(', ')}; GATEWAY_UNANSWERED_HANDOFF_MS sets the limit.`,
	].join('\n\n');
}

/**
 * Hands off every conversation whose customer waits past the limit, if the bot still owns it and
 * its newest message (not an activity line) is still the customer's: never one a person took or
 * answered, nor one the bot answered while the ledger lagged. Returns the conversations handed off.
 */
export async function handOffUnanswered(deps: UnansweredDeps): Promise<number[]> {
	if (deps.afterMs <= 0) return [];
	const now = deps.clock();
	const waiting = await waitingEvents(
		deps.db,
		deps.chatwoot.accountId,
		new Date(now.getTime() - deps.afterMs),
	);
	const byConversation = Map.groupBy(waiting, (event) => event.conversationId);
	const handedOff: number[] = [];
	for (const [conversationId, events] of byConversation) {
		try {
			if (await handOffOne(deps, conversationId, events, now)) handedOff.push(conversationId);
		} catch (error) {
			deps.logger.warn(
				'gateway: could not hand off a customer left waiting; the next run retries',
				{
					conversationId,
					...errorFields(error),
				},
			);
		}
	}
	return handedOff;
}

async function handOffOne(
	deps: UnansweredDeps,
	conversationId: number,
	events: WaitingEvent[],
	now: Date,
): Promise<boolean> {
	const conversation = await deps.chatwoot.conversations.get(conversationId);
	const newest = conversation.last_non_activity_message ?? null;
	const customerWaits = newest !== null && newest.message_type === 0 && !newest.private;
	if (!botOwns(conversation) || !customerWaits) return false;
	const claim = await claimTriage(deps.db, { ledgerIds: events.map((event) => event.id) });
	if (claim.status !== 'claimed' || !claim.token) return false;
	const claimed = events.filter((event) => claim.claimed.includes(event.id));
	const routed = await handOffToInboxTeam(deps, {
		conversationId,
		inboxId: claimed.findLast((event) => event.inboxId !== null)?.inboxId ?? conversation.inbox_id,
		note: unansweredNote(claimed, now, deps.afterMs),
	});
	await completeTriage(deps.db, {
		token: claim.token,
		ledgerIds: claim.claimed,
		result: UNANSWERED_RESULT,
	});
	deps.logger.warn('gateway: handed off a customer left waiting without an answer', {
		conversationId,
		ledgerIds: claim.claimed,
		...routed,
	});
	return true;
}
