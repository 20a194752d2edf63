// The deterministic triage used when Claude cannot be: route by each department's fallback
// keywords, raise urgency on a few alarm words, guess the language. It never answers the customer;
// it only makes sure a human gets the conversation, in the right team.
import type { DepartmentRef } from './input.ts';
import { matchKeywords } from './keywords.ts';
import { detectLanguage } from './language.ts';
import type { TriageOutput } from './output-schema.ts';

export interface FallbackRulesInput {
	/** The customer's new message(s). */
	text: string;
	/** The receiving department first: it keeps the message when no keyword matches or on a tie. */
	departments: readonly DepartmentRef[];
	/**
	 * The default alarm words; the department the message is routed to may replace a level of
	 * them with its own (Directus `urgency_keywords`): its staff know what is urgent for them.
	 */
	urgencyKeywords: { critical: readonly string[]; high: readonly string[] };
	/** Why Claude's triage is not used, as the agent should read it. */
	handoffReason: string;
}

export const FALLBACK_INTENT = 'unclassified';

function chooseDepartment(text: string, departments: readonly DepartmentRef[]) {
	let best: { department: DepartmentRef; hits: string[] } | undefined;
	for (const department of departments) {
		const hits = matchKeywords(text, department.fallbackKeywords);
		// Strictly more hits wins, so the receiving department (first) keeps ties.
		if (hits.length > 0 && hits.length > (best?.hits.length ?? 0)) best = { department, hits };
	}
	return best;
}

export function fallbackTriage(input: FallbackRulesInput): TriageOutput {
	const receiving = input.departments[0];
	if (!receiving) throw new RangeError('triage: the fallback needs the receiving department');
	const chosen = chooseDepartment(input.text, input.departments);
	const department = chosen?.department ?? receiving;
	const own = department.urgencyKeywords;
	const critical = matchKeywords(input.text, own?.critical ?? input.urgencyKeywords.critical);
	const high = matchKeywords(input.text, own?.high ?? input.urgencyKeywords.high);
	const urgency = critical.length ? 'critical' : high.length ? 'high' : 'medium';
	const routing = chosen
		? `routed to ${department.name} by keywords ${chosen.hits.map((k) => `"${k}"`).join(', ')}`
		: `no department keyword matched, kept in ${department.name}`;
	const alarm = [...critical, ...high];
	return {
		intent: FALLBACK_INTENT,
		department: department.key,
		urgency,
		sentiment: 'neutral',
		language: detectLanguage(input.text),
		confidence: 0,
		needs_human: true,
		handoff_reason: input.handoffReason,
		reply: '',
		summary: `Keyword triage: ${routing}${alarm.length ? `; urgent words ${alarm.map((k) => `"${k}"`).join(', ')}` : ''}.`,
		used_content_ids: [],
		stage: null,
	};
}
