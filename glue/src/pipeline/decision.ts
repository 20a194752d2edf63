// What the inbound workflow logs: one decision row per triage. The Claude Triage node carries the
// triage as a `TriageItem`; the Switchboard Log node turns it and the route taken into the row with
// one call to `decisionRow`.
import type { RouteDecision } from '../routing/route-decision.ts';
import type { BookingChatRoute } from './booking-route.ts';
import type { DecisionInput } from '../log-store/schemas.ts';
import type { TriageResult, TriageSource } from '../triage/result.ts';
import { triageOutputSchema, type TriageOutput } from '../triage/output-schema.ts';

export type Outcome = DecisionInput['outcome'];

/** What of a route the log reads: the triage's route, or the booking chat's. */
export type LoggedRoute = {
	action: RouteDecision['action'] | BookingChatRoute['action'];
	afterBotFailure?: boolean;
	rule?: string;
};

/**
 * The log's outcome: the fallback triage is its own outcome, so operators can count outages (the
 * Insights chart counts `fallback`), even when its keywords moved the message to another team. A
 * hand-off after Chatwoot's bot-failure path (pipeline/bot-failure.ts) is counted as that first:
 * the customer got no word from the bot, whichever triage ran (the row's triage says which).
 */
export function outcomeOf(route: LoggedRoute, source: TriageSource): Outcome {
	if (route.afterBotFailure === true) return 'handed_off_after_bot_failure';
	// The booking assistant answered (pipeline/booking-route.ts); the triage only read the message.
	if (route.action === 'booking_chat') return 'booking_chat';
	if (source === 'fallback') return 'fallback';
	if (route.action === 'transfer') return 'transferred';
	return route.action === 'reply' ? 'auto_replied' : 'handed_off';
}

/**
 * A triage as it travels through workflow 01 (the Claude Triage node's `triage`): the verdict's
 * fields flat, as routing and the action plan read them, then what the decision log keeps to
 * explain it later.
 */
export type TriageItem = TriageOutput & {
	source: TriageSource;
	/** Why the keyword rules were used; null when Claude's triage was used. */
	fallbackReason: string | null;
	guardBlocked: boolean;
	/** The reply Claude proposed, for the agent's hand-off note. */
	draft: string;
	usage: Pick<
		TriageResult,
		| 'model'
		| 'inputTokens'
		| 'outputTokens'
		| 'cacheReadTokens'
		| 'cacheWriteTokens'
		| 'costUsd'
		| 'latencyMs'
	>;
	/** For the log only: what Claude said and why the verdict may differ from it. */
	explanation: Pick<
		TriageResult,
		'claudeOutput' | 'fallback' | 'guard' | 'messageId' | 'requestId' | 'stopReason'
	>;
};

/** A triage result as a workflow item carries it, e.g. `{ intent: 'plan_price', ..., usage }`. */
export function triageItem(result: TriageResult): TriageItem {
	return {
		...result.output,
		source: result.source,
		fallbackReason: result.fallback?.reason ?? null,
		guardBlocked: result.guard.blocked,
		draft: result.draft,
		usage: {
			model: result.model,
			inputTokens: result.inputTokens,
			outputTokens: result.outputTokens,
			cacheReadTokens: result.cacheReadTokens,
			cacheWriteTokens: result.cacheWriteTokens,
			costUsd: result.costUsd,
			latencyMs: result.latencyMs,
		},
		explanation: {
			claudeOutput: result.claudeOutput,
			fallback: result.fallback,
			guard: result.guard,
			messageId: result.messageId,
			requestId: result.requestId,
			stopReason: result.stopReason,
		},
	};
}

export interface DecisionFacts {
	conversationId: number;
	triage: TriageItem;
	route: LoggedRoute;
	/** The inbound event (ledger row) the triage answered; null when it came another way. */
	inboundEventId?: number | null;
	/** The n8n execution that decided, so the log leads to it (verify's trace, an operator). */
	n8nExecutionId?: string;
}

/**
 * The whole decision row, e.g. `decisionRow({ conversationId: 7, triage, route })` for
 * `recordDecision`; the log store validates it.
 */
export function decisionRow(facts: DecisionFacts): DecisionInput {
	const { source, usage, explanation } = facts.triage;
	// The verdict's own fields, without what the workflow added beside them. An optional field the
	// triage left unset (`appointment` in the keyword fallback or an older answer) is left out: an
	// undefined value is not JSON, and the log store refuses the row.
	const output = Object.fromEntries(
		triageOutputSchema
			.keyof()
			.options.filter((key) => facts.triage[key] !== undefined)
			.map((key) => [key, facts.triage[key]]),
	) as TriageOutput;
	return {
		conversationId: facts.conversationId,
		inboundEventId: facts.inboundEventId ?? null,
		outcome: outcomeOf(facts.route, source),
		department: output.department,
		intent: output.intent,
		urgency: output.urgency,
		sentiment: output.sentiment,
		language: output.language,
		confidence: output.confidence,
		needsHuman: output.needs_human,
		handoffReason: output.handoff_reason?.trim() || null,
		// Everything needed to explain the decision later: what Claude said, what was acted on, why.
		// A booking chat's row says why it went there (answering the assistant, or a wish to book).
		triage: {
			output,
			source,
			...explanation,
			...(facts.route.action === 'booking_chat' && facts.route.rule
				? { bookingChat: facts.route.rule }
				: {}),
			...(facts.n8nExecutionId ? { n8nExecutionId: facts.n8nExecutionId } : {}),
		} as DecisionInput['triage'],
		...usage,
		contentIds: output.used_content_ids,
	};
}
