// What workflow 01 does in Chatwoot for a route: the words the customer gets, and for a hand-off or
// transfer the private note, labels, team and priority the agents see. Built here so the node, the
// workflow and the tests agree on one wording.
import { departmentLabel, normaliseLabels } from '../chatwoot/handoff.ts';
import { resolveLanguage } from '../routing/opening-phrase.ts';
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

const CLOSED: Record<string, (team: string, phrase: string | null) => string> = {
	en: (team, phrase) =>
		phrase
			? `Thanks for your message. Our ${team} team is closed right now; they are back ${phrase} and will reply then.`
			: `Thanks for your message. Our ${team} team will reply as soon as they can.`,
	es: (team, phrase) =>
		phrase
			? `Gracias por tu mensaje. Nuestro equipo de ${team} está cerrado ahora; vuelve el ${phrase} y te responderá entonces.`
			: `Gracias por tu mensaje. Nuestro equipo de ${team} te responderá lo antes posible.`,
};

/** The out-of-hours notice in the customer's language (English where we have no wording). */
export function closedNotice(language: string, teamName: string, closed: OutOfHours): string {
	const words = CLOSED[resolveLanguage(language).split('-')[0] ?? 'en'] ?? CLOSED.en!;
	return words(teamName, closed.phrase);
}

function noteFor(heading: string, why: string, triage: PlannedTriage, closed?: OutOfHours): string {
	const lines = [
		heading,
		`Why: ${why}`,
		triage.summary?.trim() ? `Summary: ${triage.summary.trim()}` : null,
		`Intent: ${triage.intent} · Urgency: ${triage.urgency} · Sentiment: ${triage.sentiment} · ` +
			`Language: ${triage.language} · Confidence: ${Math.round(triage.confidence * 100) / 100}`,
		triage.source === 'fallback'
			? `Claude was not available (${triage.fallbackReason ?? 'unknown'}): keyword triage.`
			: null,
		closed
			? `Closed now; back ${closed.phrase ?? 'at the next opening'}. The customer was told.`
			: null,
		triage.draft?.trim() ? `Draft reply (not sent):\n${triage.draft.trim()}` : null,
	];
	return lines.filter((line): line is string => line !== null).join('\n');
}

const labelsFor = (department: string, triage: PlannedTriage, extra: string[] = []) =>
	normaliseLabels([
		departmentLabel(department),
		`intent-${triage.intent}`,
		`urgency-${triage.urgency}`,
		...extra,
	]);

/** `departmentNames` maps department keys to the names customers and agents know. */
export function planActions(
	route: RouteDecision,
	triage: PlannedTriage,
	departmentNames: Record<string, string>,
): ActionPlan {
	const nameOf = (key: string) => departmentNames[key] ?? key;
	if (route.action === 'reply') return { customerMessage: route.text, handoff: null };
	if (route.action === 'handoff') {
		return {
			customerMessage: route.outOfHours
				? closedNotice(triage.language, nameOf(route.department), route.outOfHours)
				: null,
			handoff: {
				note: noteFor('Handed off by Switchboard', route.reason, triage, route.outOfHours),
				labels: labelsFor(route.department, triage, route.escalated ? ['escalated'] : []),
				teamId: route.teamId,
				priority: route.priority,
			},
		};
	}
	return {
		customerMessage: route.outOfHours
			? closedNotice(triage.language, nameOf(route.toDepartment), route.outOfHours)
			: null,
		handoff: {
			note: noteFor(
				`Transferred by Switchboard from ${nameOf(route.fromDepartment)} to ${nameOf(route.toDepartment)}`,
				route.note,
				triage,
				route.outOfHours,
			),
			labels: labelsFor(route.toDepartment, triage, ['transferred']),
			teamId: route.teamId,
			priority: route.priority,
		},
	};
}
