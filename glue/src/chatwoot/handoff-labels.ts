// Every label the pipeline can put on a conversation, in one place. Chatwoot takes any title on a
// conversation, but only an account label has a colour, a place in the sidebar and a report, so the
// Chatwoot config must create each of these (config-schema.ts refuses a config that lacks one).
import { URGENCIES } from '../common/urgency.ts';
import { FALLBACK_INTENT } from '../triage/fallback.ts';
import { departmentLabel } from './handoff.ts';

/**
 * Intents with a label of their own: the ones agents filter by. Claude names intents freely
 * ("plan_price", "router_reset"…), and an open set cannot exist as account labels, so any other
 * intent is labelled OTHER_INTENT; the hand-off note still names it.
 */
export const LABELLED_INTENTS = [
	'plan_price',
	'billing_dispute',
	'outage_report',
	'greeting',
	FALLBACK_INTENT,
] as const;
export const OTHER_INTENT = 'other';

/** Put on a conversation the bot could not process and handed to a person (dead letters). */
export const AI_HANDOFF_LABEL = 'ai-handoff';
/** Put on a hand-off that went to the department's escalation team. */
export const ESCALATED_LABEL = 'escalated';
/** Put on a conversation moved to another department. */
export const TRANSFERRED_LABEL = 'transferred';

export function intentLabel(intent: string): string {
	const labelled = (LABELLED_INTENTS as readonly string[]).includes(intent);
	return `intent-${labelled ? intent : OTHER_INTENT}`;
}

/** Null for an urgency the triage cannot produce. */
export function urgencyLabel(urgency: string): string | null {
	return (URGENCIES as readonly string[]).includes(urgency) ? `urgency-${urgency}` : null;
}

/** Every title the pipeline can write for these departments: what the config must create. */
export function pipelineLabels(departmentKeys: readonly string[]): string[] {
	return [
		...departmentKeys.map(departmentLabel),
		...URGENCIES.map((urgency) => `urgency-${urgency}`),
		...[...LABELLED_INTENTS, OTHER_INTENT].map((intent) => `intent-${intent}`),
		AI_HANDOFF_LABEL,
		ESCALATED_LABEL,
		TRANSFERRED_LABEL,
	];
}
