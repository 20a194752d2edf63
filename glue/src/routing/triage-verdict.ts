// What routing needs from a triage, written structurally so that routing never imports the triage
// module: any triage result with these fields (snake_case, as Claude's structured output) fits.

import type { Urgency } from '../common/urgency.ts';

export { URGENCIES, type Urgency } from '../common/urgency.ts';

export interface TriageVerdict {
	/** The department key the message belongs to; null or absent when the AI could not tell. */
	department?: string | null;
	/** 0–1. */
	confidence: number;
	needs_human: boolean;
	urgency: Urgency;
	/** The reply the AI would send, grounded in the department's content. */
	reply?: string | null;
	handoff_reason?: string | null;
	/** The customer's language (BCP 47), for the "back on Monday at 09:00" phrase; default English. */
	language?: string | null;
	/**
	 * Who triaged: Claude, or the keyword rules when Claude could not. The rules' confidence is
	 * always 0, so their department is followed on the strength of the source, not the score.
	 */
	source?: 'claude' | 'fallback' | null;
}
