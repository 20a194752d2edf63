import type { FallbackInfo } from './fallback-reason.ts';
import type { GuardVerdict } from './guard.ts';
import type { TriageOutput } from './output-schema.ts';

export type TriageSource = 'claude' | 'fallback';

/** What one triage decided and what it cost; token field names match the log store's decision. */
export interface TriageResult {
	/**
	 * The triage to act on. `reply` is non-empty only when it may be sent as it is: whenever
	 * `needs_human` is true (Claude's call, the guard's or the fallback's) it is empty and the text
	 * is in `draft`.
	 */
	output: TriageOutput;
	/** The output as Claude returned it, for the decision log; null when none was usable. */
	claudeOutput: TriageOutput | null;
	/** The reply Claude proposed, for the agent's hand-off note; empty on fallback. */
	draft: string;
	source: TriageSource;
	/** Why the keyword rules were used; null when Claude's triage was used. */
	fallback: FallbackInfo | null;
	guard: GuardVerdict;
	/** The model that answered, or the configured one when none did. */
	model: string;
	/** `msg_…` of the answer, when one arrived. */
	messageId: string | null;
	/** `req_…` of a failed call, for Anthropic support. */
	requestId: string | null;
	stopReason: string | null;
	inputTokens: number;
	outputTokens: number;
	cacheReadTokens: number;
	cacheWriteTokens: number;
	/** Null when the price table has no entry for `model` (see pricing.ts). */
	costUsd: number | null;
	/** From just before the request was built to the answer, retries included. */
	latencyMs: number;
}
