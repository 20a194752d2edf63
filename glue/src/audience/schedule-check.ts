// What must be true before a broadcast may be scheduled, each problem in marketing's words (the
// Directus hook refuses the save with them). The template rules are the templates module's.
import { recordProblems } from '../templates/validate.ts';
import type { BroadcastEstimate } from './estimate.ts';

/** The statuses marketing may set; the sender sets the others. */
export const BROADCAST_STATUSES = [
	'draft',
	'scheduled',
	'processing',
	'paused',
	'sent',
	'partially_failed',
	'failed',
	'missed',
	'cancelled',
	'archived',
] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

/** Which status may follow which, whoever sets it. */
const NEXT: Readonly<Record<BroadcastStatus, readonly BroadcastStatus[]>> = {
	draft: ['scheduled', 'archived'],
	scheduled: ['draft', 'processing', 'cancelled', 'missed'],
	processing: ['sent', 'partially_failed', 'failed', 'cancelled', 'paused'],
	// The sender pauses on a refused access token; staff resume (back to processing) or cancel.
	paused: ['processing', 'cancelled'],
	sent: ['archived'],
	partially_failed: ['archived'],
	failed: ['archived'],
	missed: ['draft', 'archived'],
	// The sender may finish just as marketing cancels: what it did is what is recorded.
	cancelled: ['draft', 'archived', 'sent', 'partially_failed', 'failed'],
	archived: [],
};

/** Null when allowed, else why not. Saving the same status again is always allowed. */
export function statusChangeProblem(from: BroadcastStatus, to: BroadcastStatus): string | null {
	if (from === to || NEXT[from].includes(to)) return null;
	const allowed = NEXT[from];
	return allowed.length
		? `A ${from.replace('_', ' ')} broadcast can only become ${allowed.map((s) => s.replace('_', ' ')).join(' or ')}.`
		: `An archived broadcast cannot change any more; duplicate it to send again.`;
}

export interface ScheduleCheckInput {
	templateKey: string;
	/** Every `message_templates` record with that key (any status, language, channel). */
	templates: readonly Record<string, unknown>[];
	/** The approved WhatsApp template each whatsapp_template record maps to, by record id. */
	approved: ReadonlyMap<string, Record<string, unknown> | undefined>;
	/** The department's WhatsApp phone-number ids. */
	phoneNumberIds: readonly string[];
	groupCount: number;
	/** When it starts (UTC); null: not set. */
	startsAt: Date | null;
	now: Date;
	estimate: BroadcastEstimate;
}

export function scheduleProblems(input: ScheduleCheckInput): string[] {
	const problems: string[] = [];
	if (input.startsAt === null) problems.push('Set when it starts (Scheduled at).');
	else if (input.startsAt.getTime() < input.now.getTime() - 60_000) {
		problems.push('The start time is in the past: choose a time from now on.');
	}
	if (input.phoneNumberIds.length === 0) {
		problems.push(
			"The department has no WhatsApp number to send from (it comes from Chatwoot's configuration).",
		);
	}
	const published = input.templates.filter(
		(record) => (record.status ?? 'published') === 'published',
	);
	const approvedForms = published.filter((record) => record.channel === 'whatsapp_template');
	if (published.length === 0) {
		problems.push(`There is no published message template '${input.templateKey}'.`);
	} else if (approvedForms.length === 0) {
		problems.push(
			`The template '${input.templateKey}' has no WhatsApp template version: outside the 24-hour window WhatsApp delivers only a template Meta approved.`,
		);
	}
	for (const record of published) {
		const approved = input.approved.get(String(record.id));
		const found = recordProblems(record, approved === undefined ? {} : { approved });
		const label = `${String(record.language)}, ${String(record.channel ?? 'whatsapp_session')}`;
		problems.push(
			...found.map((problem) => `Template '${input.templateKey}' (${label}): ${problem}`),
		);
	}
	if (input.groupCount === 0) problems.push('Choose at least one recipient group.');
	else if (input.estimate.recipients === 0 && input.estimate.uncountedGroups === 0) {
		problems.push(
			'Its groups have nobody to send to (everyone in them opted out, or they are empty).',
		);
	}
	const { limitShare, messagingLimit, outsideWindow } = input.estimate;
	if (limitShare !== null && limitShare > 1) {
		problems.push(
			`It would reach ${outsideWindow} people outside the 24-hour window, more than the ${String(messagingLimit)} a day WhatsApp allows this business: split it over several days.`,
		);
	}
	return problems;
}
