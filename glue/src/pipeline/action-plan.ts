// What workflow 01 does in Chatwoot for a route: the words the customer gets, and for a hand-off or
// transfer the private note, labels, team and priority the agents see. Built here so the node, the
// workflow and the tests agree on one wording. What the customer reads out of hours is Directus's
// `out_of_hours` message template; no customer-facing sentence lives here.
import { departmentLabel, normaliseLabels } from '../chatwoot/handoff.ts';
import {
	ESCALATED_LABEL,
	intentLabel,
	TRANSFERRED_LABEL,
	urgencyLabel,
} from '../chatwoot/handoff-labels.ts';
import { ContentTemplateError } from '../content/content-template-error.ts';
import type { ContentStaleness } from '../content/last-known.ts';
import { renderTemplate } from '../content/message-template.ts';
import type { MessageTemplate } from '../content/schemas.ts';
import type { OutOfHours, Priority, RouteDecision } from '../routing/route-decision.ts';

/** The triage fields the plan reads (the Claude Triage node's `triage`). */
export interface PlannedTriage {
	intent: string;
	urgency: string;
	sentiment: string;
	language: string;
	confidence: number;
	summary?: string | null;
	/** The reply Claude drafted; on a hand-off the agent may send it. */
	draft?: string | null;
	reply?: string | null;
	source?: 'claude' | 'fallback';
	fallbackReason?: string | null;
}

export interface HandoffPlan {
	note: string;
	labels: string[];
	teamId: number | null;
	priority: Priority;
}

export interface ActionPlan {
	/** Sent as the bot: the answer, or when closed the time the team is back. Null: nothing. */
	customerMessage: string | null;
	handoff: HandoffPlan | null;
}

/** What the customer is told when a hand-off or transfer waits for the team to open. */
export interface PlanWording {
	/**
	 * Directus's `out_of_hours` template in the customer's language (ContentReader.messageTemplate).
	 * Null: the customer is told nothing and the agents' note says the template is missing.
	 */
	outOfHours: MessageTemplate | null;
	/** The customer's name as Chatwoot has it, for `{{contact_name}}`. */
	contactName: string | null;
	/** Set when Directus was down and the route used the last good department records. */
	contentStale?: ContentStaleness | null;
}

/**
 * The variables an `out_of_hours` template may use, e.g. "We open again {{opens_at}}":
 * `contact_name`, `opens_at` ("Monday at 09:00", in the customer's language) and `department_name`.
 */
function outOfHoursValues(
	closed: OutOfHours,
	departmentName: string,
	contactName: string | null,
): Record<string, string | null> {
	return {
		contact_name: contactName?.trim() || null,
		opens_at: closed.phrase,
		department_name: departmentName,
	};
}

type ClosedNotice = { text: string; problem: null } | { text: null; problem: string };

/** The out-of-hours message, or why the customer gets none (for the agents' note). */
function closedNotice(
	closed: OutOfHours,
	departmentName: string,
	wording: PlanWording,
): ClosedNotice {
	if (!wording.outOfHours) {
		return {
			text: null,
			problem: 'Directus has no out_of_hours message template in their language or in English',
		};
	}
	const values = outOfHoursValues(closed, departmentName, wording.contactName);
	try {
		return { text: renderTemplate(wording.outOfHours, values), problem: null };
	} catch (error) {
		if (error instanceof ContentTemplateError) return { text: null, problem: error.message };
		throw error;
	}
}

function noteFor(
	heading: string,
	why: string,
	triage: PlannedTriage,
	closed?: { outOfHours: OutOfHours; notice: ClosedNotice },
	stale?: ContentStaleness | null,
): string {
	const told = closed?.notice.problem ? `not told: ${closed.notice.problem}` : 'told';
	const back = closed?.outOfHours.phrase ?? 'at the next opening';
	const lines = [
		heading,
		`Why: ${why}`,
		triage.summary?.trim() ? `Summary: ${triage.summary.trim()}` : null,
		`Intent: ${triage.intent} · Urgency: ${triage.urgency} · Sentiment: ${triage.sentiment} · ` +
			`Language: ${triage.language} · Confidence: ${Math.round(triage.confidence * 100) / 100}`,
		triage.source === 'fallback'
			? `Claude was not available (${triage.fallbackReason ?? 'unknown'}): keyword triage.`
			: null,
		closed ? `Closed now; back ${back}. The customer was ${told}.` : null,
		stale
			? `Directus was down (${stale.reason}): the department records used were ` +
				`${stale.ageMinutes} minutes old (read ${stale.since}).`
			: null,
		triage.draft?.trim() ? `Draft reply (not sent):\n${triage.draft.trim()}` : null,
	];
	return lines.filter((line): line is string => line !== null).join('\n');
}

// Only titles of handoff-labels.ts, which the Chatwoot config creates as account labels.
const labelsFor = (department: string, triage: PlannedTriage, extra: string[] = []) =>
	normaliseLabels(
		[
			departmentLabel(department),
			intentLabel(triage.intent),
			urgencyLabel(triage.urgency),
			...extra,
		].filter((label): label is string => label !== null),
	);

/**
 * `departmentNames` maps department keys to the names customers and agents know; `wording` holds
 * Directus's out-of-hours template (without it, a closed team's customer is told nothing).
 */
export function planActions(
	route: RouteDecision,
	triage: PlannedTriage,
	departmentNames: Record<string, string>,
	wording: PlanWording = { outOfHours: null, contactName: null },
): ActionPlan {
	const nameOf = (key: string) => departmentNames[key] ?? key;
	if (route.action === 'reply') return { customerMessage: route.text, handoff: null };
	const department = route.action === 'handoff' ? route.department : route.toDepartment;
	const closed = route.outOfHours && {
		outOfHours: route.outOfHours,
		notice: closedNotice(route.outOfHours, nameOf(department), wording),
	};
	const customerMessage = closed?.notice.text ?? null;
	if (route.action === 'handoff') {
		return {
			customerMessage,
			handoff: {
				note: noteFor(
					'Handed off by Switchboard',
					route.reason,
					triage,
					closed,
					wording.contentStale,
				),
				labels: labelsFor(route.department, triage, route.escalated ? [ESCALATED_LABEL] : []),
				teamId: route.teamId,
				priority: route.priority,
			},
		};
	}
	return {
		customerMessage,
		handoff: {
			note: noteFor(
				`Transferred by Switchboard from ${nameOf(route.fromDepartment)} to ${nameOf(route.toDepartment)}`,
				route.note,
				triage,
				closed,
				wording.contentStale,
			),
			labels: labelsFor(route.toDepartment, triage, [TRANSFERRED_LABEL]),
			teamId: route.teamId,
			priority: route.priority,
		},
	};
}
