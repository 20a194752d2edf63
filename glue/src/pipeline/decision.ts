// What the inbound workflow logs: one decision row per triage, built from the triage result and the
// route taken. Both the n8n nodes and the gateway's fallback path build it here.
import type { RouteDecision } from '../routing/route-decision.ts';
import type { DecisionInput } from '../log-store/schemas.ts';
import type { TriageResult, TriageSource } from '../triage/result.ts';

export type Outcome = DecisionInput['outcome'];

/** The log's outcome: the fallback triage is its own outcome, so operators can count outages. */
export function outcomeOf(route: Pick<RouteDecision, 'action'>, source: TriageSource): Outcome {
	if (route.action === 'transfer') return 'transferred';
	if (source === 'fallback') return 'fallback';
	return route.action === 'reply' ? 'auto_replied' : 'handed_off';
}

/** A decision row without the conversation and the outcome, which the route adds later. */
export type DecisionDraft = Omit<DecisionInput, 'conversationId' | 'outcome' | 'inboundEventId'>;

export function decisionDraft(result: TriageResult): DecisionDraft {
	const { output } = result;
	return {
		department: output.department,
		intent: output.intent,
		urgency: output.urgency,
		sentiment: output.sentiment,
		language: output.language,
		confidence: output.confidence,
		needsHuman: output.needs_human,
		handoffReason: output.handoff_reason?.trim() || null,
		// Everything needed to explain the decision later: what Claude said, what was acted on, why.
		triage: {
			output,
			claudeOutput: result.claudeOutput,
			source: result.source,
			fallback: result.fallback,
			guard: result.guard,
			messageId: result.messageId,
			requestId: result.requestId,
			stopReason: result.stopReason,
		} as DecisionInput['triage'],
		model: result.model,
		inputTokens: result.inputTokens,
		outputTokens: result.outputTokens,
		cacheReadTokens: result.cacheReadTokens,
		cacheWriteTokens: result.cacheWriteTokens,
		costUsd: result.costUsd,
		latencyMs: result.latencyMs,
		contentIds: output.used_content_ids,
	};
}
