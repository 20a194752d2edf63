import type { Priority } from '../chatwoot/schemas-conversation.ts';

export type { Priority };

/** The business is closed now; `backAt` null means its hours never open (none are set). */
export interface OutOfHours {
	backAt: Date | null;
	phrase: string | null;
}

/** Which rule of decideRoute made the decision, for logs and dashboards. */
export type RouteRule =
	| 'unknown_department'
	| 'other_department'
	| 'fallback_keywords'
	| 'needs_human'
	| 'low_confidence'
	| 'empty_reply'
	| 'confident_reply'
	| 'opened_before_reply';

/** The bot answers; out of hours, it can also say when the team is back. */
export interface ReplyDecision {
	action: 'reply';
	rule: 'confident_reply';
	/** Key of the department answering (the receiving one). */
	department: string;
	text: string;
	outOfHours?: OutOfHours;
}

/** A person in the receiving department takes over. */
export interface HandoffDecision {
	action: 'handoff';
	/** `opened_before_reply`: Chatwoot opened it before the bot could answer (pipeline/bot-failure). */
	rule:
		| 'unknown_department'
		| 'needs_human'
		| 'low_confidence'
		| 'empty_reply'
		| 'opened_before_reply';
	department: string;
	/** Chatwoot team; null when the department has none (the conversation stays unassigned). */
	teamId: number | null;
	/** Whether teamId is the department's escalation team. */
	escalated: boolean;
	reason: string;
	priority: Priority;
	/** Set when closed: the hand-off waits for the next opening. */
	outOfHours?: OutOfHours;
}

/**
 * The message belongs to another known department: move it there, with a note saying why. Claude
 * said so confidently (`other_department`), or Claude was down and the keyword rules pointed there
 * (`fallback_keywords`).
 */
export interface TransferDecision {
	action: 'transfer';
	rule: 'other_department' | 'fallback_keywords';
	fromDepartment: string;
	toDepartment: string;
	teamId: number | null;
	escalated: boolean;
	note: string;
	priority: Priority;
	/** Set when the target department is closed. */
	outOfHours?: OutOfHours;
}

export type RouteDecision = ReplyDecision | HandoffDecision | TransferDecision;
