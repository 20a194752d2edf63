// What happens to a triaged message: the bot replies, a person takes over, or it moves to the
// department it belongs to. Pure: the clock arrives as `at`.
import type { BusinessInfo, Department } from '../content/schemas.ts';
import { effectiveHours, isOpen, nextOpening } from './opening-hours.ts';
import type {
	HandoffDecision,
	OutOfHours,
	Priority,
	RouteDecision,
	TransferDecision,
} from './route-decision.ts';
import type { TriageVerdict, Urgency } from './triage-verdict.ts';

export interface RouteInput {
	/** The department that received the message (see resolveDepartment). */
	department: Department;
	/** Every known department, the receiving one included. */
	departments: readonly Department[];
	business: BusinessInfo;
	triage: TriageVerdict;
	at: Date;
}

const PRIORITY: Record<Urgency, Priority> = {
	low: 'low',
	medium: 'medium',
	high: 'high',
	critical: 'urgent',
};

/** Chatwoot's priority for an urgency; an urgency the AI made up counts as medium. */
export function priorityFor(urgency: string): Priority {
	return PRIORITY[urgency as Urgency] ?? 'medium';
}

function escalates(urgency: string): boolean {
	return urgency === 'critical';
}

/** A critical message goes to the escalation team when the department has one. */
export function teamFor(department: Department, urgency: string) {
	const escalated = escalates(urgency) && department.escalationTeamId !== null;
	return {
		teamId: escalated ? department.escalationTeamId : department.chatwootTeamId,
		escalated,
	};
}

// Four decimals: enough that a value just under the threshold never prints as the threshold.
function formatConfidence(confidence: number): string {
	return Number.isFinite(confidence) ? String(Math.round(confidence * 10_000) / 10_000) : 'unknown';
}

/** Undefined while the department is open; otherwise when it opens next (null: never). */
function outOfHoursFor(
	department: Department,
	business: BusinessInfo,
	at: Date,
	language: string | null | undefined,
): OutOfHours | undefined {
	const hours = effectiveHours(department, business);
	if (isOpen(hours, business.timeZone, at)) return undefined;
	const opening = nextOpening(hours, business.timeZone, at, language);
	return { backAt: opening?.at ?? null, phrase: opening?.phrase ?? null };
}

export function decideRoute(input: RouteInput): RouteDecision {
	const { department, departments, business, triage, at } = input;
	const language = triage.language;
	const named = triage.department?.trim().toLowerCase() || null;
	const target =
		named === null
			? department
			: (departments.find((d) => d.key === named) ??
				(named === department.key ? department : undefined));
	// NaN or a missing confidence compares false: never confident.
	const confident = triage.confidence >= department.confidenceThreshold;
	const withReason = (sentence: string) =>
		triage.handoff_reason?.trim() ? `${sentence} ${triage.handoff_reason.trim()}` : sentence;
	const handoff = (rule: HandoffDecision['rule'], reason: string): HandoffDecision => {
		const decision: HandoffDecision = {
			action: 'handoff',
			rule,
			department: department.key,
			...teamFor(department, triage.urgency),
			reason,
			priority: priorityFor(triage.urgency),
		};
		const closed = outOfHoursFor(department, business, at, language);
		return closed ? { ...decision, outOfHours: closed } : decision;
	};

	// 1. The AI named a department nobody has: a person in the receiving department sorts it out.
	if (!target) {
		const known = departments.map((d) => d.key).join(', ');
		return handoff(
			'unknown_department',
			`Triage named an unknown department "${named}" (known: ${known}); received on ${department.name}.`,
		);
	}

	// 2. Another department's message: move it there with a note saying why, when Claude says so
	//    confidently or when Claude was down and the keyword rules point there (their confidence is
	//    always 0, yet they are all we have: the note, the team and the notice must agree with
	//    them). Claude not confident, it stays here and the rules below hand it off.
	const byKeywords = triage.source === 'fallback';
	if (target.key !== department.key && (confident || byKeywords)) {
		const transfer: TransferDecision = {
			action: 'transfer',
			rule: byKeywords ? 'fallback_keywords' : 'other_department',
			fromDepartment: department.key,
			toDepartment: target.key,
			...teamFor(target, triage.urgency),
			note: withReason(
				byKeywords
					? `The keyword rules point to ${target.name}; received on ${department.name}.`
					: `Triage thinks this is a ${target.name} question (confidence ` +
							`${formatConfidence(triage.confidence)}); received on ${department.name}.`,
			),
			priority: priorityFor(triage.urgency),
		};
		const closed = outOfHoursFor(target, business, at, language);
		return closed ? { ...transfer, outOfHours: closed } : transfer;
	}

	// 3. The AI asked for a person, whatever its confidence.
	if (triage.needs_human) {
		return handoff('needs_human', triage.handoff_reason?.trim() || 'Triage asked for a human.');
	}

	// 4. Below the department's threshold (the threshold itself is confident enough).
	if (!confident) {
		return handoff(
			'low_confidence',
			withReason(
				`Confidence ${formatConfidence(triage.confidence)} is below ${department.name}'s ` +
					`threshold ${department.confidenceThreshold}.`,
			),
		);
	}

	// 5. Confident, but nothing to send.
	const text = triage.reply?.trim() ?? '';
	if (text === '') return handoff('empty_reply', withReason('Triage gave no reply to send.'));

	// 6. Confident with a grounded reply: the bot answers, open or not; when closed, the decision
	//    says when the team is back so the workflow can tell the customer.
	const closed = outOfHoursFor(department, business, at, language);
	return {
		action: 'reply',
		rule: 'confident_reply',
		department: department.key,
		text,
		...(closed ? { outOfHours: closed } : {}),
	};
}
