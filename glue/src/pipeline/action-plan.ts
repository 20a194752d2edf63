// What workflow 01 does in Chatwoot for a route: the words the customer gets, and for a hand-off or
// transfer the private note, labels, team and priority the agents see. Built here so the node, the
// workflow and the tests agree on one wording. What the customer reads when a person takes over is
// a Directus message template (`out_of_hours` when the team is closed, `handoff` while it is open),
// filled in by @switchboard/glue/templates; no customer-facing sentence lives here.
import { departmentLabel, normaliseLabels } from '../chatwoot/handoff.ts';
import {
	ESCALATED_LABEL,
	intentLabel,
	TRANSFERRED_LABEL,
	urgencyLabel,
} from '../chatwoot/handoff-labels.ts';
import type { ContentStaleness } from '../content/last-known.ts';
import type { Department, MessageTemplate } from '../content/schemas.ts';
import type { OutOfHours, Priority, RouteDecision } from '../routing/route-decision.ts';
import { BOT_FAILURE_NOTE_LEAD, BOT_FAILURE_UNTOLD, isAfterBotFailure } from './bot-failure.ts';
import { renderMessage } from '../templates/render.ts';
import { TemplateError } from '../templates/template-error.ts';
import type { TemplateContext } from '../templates/variables.ts';

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
	/**
	 * Sent as the bot: the answer; on a hand-off or transfer, the `handoff` template (or when closed
	 * `out_of_hours`, saying when the team is back). Null: nothing.
	 */
	customerMessage: string | null;
	handoff: HandoffPlan | null;
}

/** What the customer is told when a person takes over (ContentReader.messageTemplate). */
export interface PlanWording {
	/**
	 * Directus's `out_of_hours` template in the customer's language, for a team that is closed.
	 * Null: the customer is told nothing and the agents' note says the template is missing.
	 */
	outOfHours: MessageTemplate | null;
	/**
	 * Directus's `handoff` template in the customer's language: the acknowledgement while the team
	 * is open. Null or absent: the customer is told nothing (marketing turns it off by unpublishing).
	 */
	handoff?: MessageTemplate | null;
	/**
	 * What the templates' variables are filled from (contact, business…); the department is the one
	 * the customer waits for, found in `departments`. Absent: the customer's language and name only.
	 */
	context?: TemplateContext | null;
	departments?: readonly Department[];
	/** The customer's name as Chatwoot has it, when no `context` is given. */
	contactName?: string | null;
	/** Set when Directus was down and the route used the last good department records. */
	contentStale?: ContentStaleness | null;
}

type CustomerNotice = { text: string; problem: null } | { text: null; problem: string | null };

/**
 * The message for a customer whose conversation goes to `department`'s people, or why they get
 * none (for the agents' note). The next opening and the department's name are the route's, so the
 * customer and the note say the same.
 */
function customerNotice(
	template: MessageTemplate | null | undefined,
	missing: string | null,
	department: string,
	departmentName: string,
	closed: OutOfHours | undefined,
	triage: PlannedTriage,
	wording: PlanWording,
): CustomerNotice {
	if (!template) return { text: null, problem: missing };
	const base: TemplateContext = wording.context ?? {
		locale: triage.language,
		timeZone: 'UTC',
		now: new Date(),
		contact: { name: wording.contactName ?? null },
	};
	const context: TemplateContext = {
		...base,
		department: wording.departments?.find((d) => d.key === department) ?? base.department ?? null,
	};
	const values: Record<string, string | null> = { 'department.name': departmentName };
	if (closed) values['department.next_opening'] = closed.phrase;
	try {
		return { text: renderMessage(template, context, { values }).text, problem: null };
	} catch (error) {
		if (error instanceof TemplateError) return { text: null, problem: error.message };
		throw error;
	}
}

function noteFor(
	heading: string,
	why: string,
	triage: PlannedTriage,
	notice: CustomerNotice,
	closed?: OutOfHours,
	stale?: ContentStaleness | null,
	lead?: string,
): string {
	const told = notice.problem ? `not told: ${notice.problem.replace(/\.$/, '')}` : 'told';
	const back = closed?.phrase ?? 'at the next opening';
	const lines = [
		heading,
		lead ?? null,
		`Why: ${why}`,
		triage.summary?.trim() ? `Summary: ${triage.summary.trim()}` : null,
		`Intent: ${triage.intent} · Urgency: ${triage.urgency} · Sentiment: ${triage.sentiment} · ` +
			`Language: ${triage.language} · Confidence: ${Math.round(triage.confidence * 100) / 100}`,
		triage.source === 'fallback'
			? `Claude was not available (${triage.fallbackReason ?? 'unknown'}): keyword triage.`
			: null,
		closed ? `Closed now; back ${back}. The customer was ${told}.` : null,
		// The bot-failure lead already says why the customer was not told.
		!closed && !lead && notice.problem ? `The customer was not told: ${notice.problem}` : null,
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
 * Directus's `handoff` and `out_of_hours` templates and what fills them in (without a template, the
 * customer is told nothing when a person takes over).
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
	// After Chatwoot's bot-failure path the bot writes nothing, not even the closed notice.
	const quiet = isAfterBotFailure(route);
	const closed = route.outOfHours;
	const notice: CustomerNotice = quiet
		? { text: null, problem: BOT_FAILURE_UNTOLD }
		: closed
			? customerNotice(
					wording.outOfHours,
					'Directus has no published out_of_hours message template in their language or in English',
					department,
					nameOf(department),
					closed,
					triage,
					wording,
				)
			: customerNotice(
					wording.handoff,
					null,
					department,
					nameOf(department),
					undefined,
					triage,
					wording,
				);
	const customerMessage = notice.text;
	const lead = quiet ? BOT_FAILURE_NOTE_LEAD : undefined;
	if (route.action === 'handoff') {
		return {
			customerMessage,
			handoff: {
				note: noteFor(
					'Handed off by Switchboard',
					route.reason,
					triage,
					notice,
					closed,
					wording.contentStale,
					lead,
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
				notice,
				closed,
				wording.contentStale,
				lead,
			),
			labels: labelsFor(route.toDepartment, triage, [TRANSFERRED_LABEL]),
			teamId: route.teamId,
			priority: route.priority,
		},
	};
}
