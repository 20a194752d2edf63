// The rule that turns the triage's stage proposal into a move, or into none. Pure: the caller
// reads the current stage and records what this decides.
import { canMove, OPEN_STAGES, stageRank, type Stage } from './lifecycle.ts';

/** Stages that only an event (a booking) or a person (an agent, a workflow) may set. */
export const NOT_FROM_TRIAGE: readonly Stage[] = ['booked', 'customer'];

export interface TriageProposal {
	/** Where the contact is now. */
	current: Stage;
	/** What the triage proposed; null when it proposed nothing. */
	proposed: Stage | null;
	/** The triage's confidence, 0 to 1. */
	confidence: number;
	/** The department's confidence threshold: the same bar an automatic reply must clear. */
	threshold: number;
	/** Only Claude's own reading proposes; the keyword fallback never moves a stage. */
	source: 'claude' | 'fallback';
}

export const KEEP_REASONS = [
	'no_proposal',
	'unchanged',
	'fallback',
	'below_threshold',
	'not_from_triage',
	'backward',
	'not_allowed',
] as const;
export type KeepReason = (typeof KEEP_REASONS)[number];

export type TriageStageDecision =
	| { move: true; from: Stage; to: Stage; why: string }
	| { move: false; reason: KeepReason; why: string };

function keep(reason: KeepReason, why: string): TriageStageDecision {
	return { move: false, reason, why };
}

/**
 * Moves only on Claude's proposal, at or above the department's threshold, only forward on the
 * line (or to `lost` from an open stage, or reopening from `lost`), never to a stage that a
 * booking or a person sets, and only where the lifecycle table allows.
 */
export function decideTriageProposal(input: TriageProposal): TriageStageDecision {
	const { current, proposed } = input;
	if (input.source === 'fallback')
		return keep('fallback', 'the keyword fallback proposes no stage');
	if (proposed === null) return keep('no_proposal', 'the triage proposed no stage');
	if (proposed === current) return keep('unchanged', `the triage confirms ${current}`);
	const confidence = Number.isFinite(input.confidence) ? input.confidence : 0;
	if (confidence < input.threshold) {
		return keep(
			'below_threshold',
			`confidence ${confidence} is below the department's threshold ${input.threshold}`,
		);
	}
	if (NOT_FROM_TRIAGE.includes(proposed)) {
		return keep(
			'not_from_triage',
			`${proposed} is set by a booking or a person, not by the triage`,
		);
	}
	const from = stageRank(current);
	const to = stageRank(proposed);
	if (from !== null && to !== null && to < from) {
		return keep(
			'backward',
			`the triage moves only forward, not from ${current} back to ${proposed}`,
		);
	}
	if (proposed === 'lost' && !OPEN_STAGES.includes(current)) {
		return keep('not_allowed', `${current} is closed: it cannot be lost`);
	}
	if (!canMove(current, proposed)) {
		return keep('not_allowed', `the lifecycle does not allow ${current} → ${proposed}`);
	}
	const why =
		current === 'lost'
			? `reopened: the contact wrote again and the triage reads ${proposed} (confidence ${confidence})`
			: `the triage reads ${proposed} (confidence ${confidence})`;
	return { move: true, from: current, to: proposed, why };
}
