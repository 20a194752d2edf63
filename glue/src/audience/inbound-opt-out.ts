// The opt-out step of the inbound pipeline (workflow 01, before triage): the batch's latest message
// is looked at, and an opt-out or opt-in word is acted on here, reading marketing's words and
// templates from Directus and suppressing through the sender's list (@switchboard/glue/broadcasts).
import { resubscribe, suppress, type Queryable } from '../broadcasts/suppressions.ts';
import { directusDownReason } from '../content/directus-down.ts';
import { toBusinessInfo } from '../content/records.ts';
import { templateFromRecord } from '../templates/record.ts';
import { TemplateError } from '../templates/template-error.ts';
import { optOutCommand, optOutKeywordsSchema, type OptOutKeywords } from './opt-out.ts';
import { handleOptOut, OPT_OUT_TEMPLATE_KEYS, type OptOutOutcome } from './opt-out-command.ts';
import type { BroadcastRecords } from './records.ts';
import { broadcastRepliedTo, broadcastReplyNote, recordBroadcastResponse } from './replies.ts';

export interface InboundOptOutDeps {
	records: BroadcastRecords;
	pool: Queryable;
	now?: () => Date;
}

export interface InboundMessage {
	text: string | null | undefined;
	/** The sender's phone as Chatwoot has it; null on Messenger and Instagram. */
	phone: string | null | undefined;
	name?: string | null;
	chatwootContactId?: number | null;
	/** Chatwoot's conversation, kept with a reply to a broadcast. */
	conversationId?: number | null;
}

const KEYWORDS_TTL_MS = 60_000;
const keywordCache = new WeakMap<BroadcastRecords, { at: number; keywords: OptOutKeywords[] }>();

/**
 * Marketing's words, kept a minute: every inbound batch asks, and so does the gateway before it
 * drops a message of a conversation a person has (one cache per records seam).
 */
export async function optOutKeywordsOf(
	deps: Pick<InboundOptOutDeps, 'records' | 'now'>,
): Promise<OptOutKeywords[]> {
	const now = (deps.now?.() ?? new Date()).getTime();
	const cached = keywordCache.get(deps.records);
	if (cached && now - cached.at < KEYWORDS_TTL_MS) return cached.keywords;
	let rows;
	try {
		rows = await deps.records.read('opt_out_keywords', { fields: ['*'] });
	} catch (error) {
		// Directus down: the words read last still stop broadcasts (never forgotten mid-outage).
		if (cached && directusDownReason(error) !== null) return cached.keywords;
		throw error;
	}
	const keywords = rows.map((row) => optOutKeywordsSchema.parse(row));
	keywordCache.set(deps.records, { at: now, keywords });
	return keywords;
}

/**
 * `{ handled: false }` for every message that is not exactly an opt-out or opt-in word (the
 * pipeline goes on to triage); otherwise the contact is suppressed or re-subscribed and the
 * confirmation to send is returned (the pipeline replies with it and skips triage).
 */
export async function inboundOptOut(
	deps: InboundOptOutDeps,
	message: InboundMessage,
): Promise<OptOutOutcome> {
	const keywords = await optOutKeywordsOf(deps);
	if (!optOutCommand(message.text, keywords)) return { handled: false };
	const [templateRows, businessRows] = await Promise.all([
		deps.records.read('message_templates', {
			fields: ['*'],
			filter: {
				key: { _in: Object.values(OPT_OUT_TEMPLATE_KEYS) },
				status: { _eq: 'published' },
			},
		}),
		deps.records.read('business_info', { fields: ['*'], limit: 1 }),
	]);
	const templates = templateRows.flatMap((row) => {
		try {
			return [templateFromRecord(row)];
		} catch (error) {
			// The message-templates hook refuses a broken one at save; an old one just is not used.
			if (error instanceof TemplateError) return [];
			throw error;
		}
	});
	return handleOptOut(
		{
			records: deps.records,
			suppress: (phone) => suppress(deps.pool, phone, 'opt_out'),
			resubscribe: async (phone) => {
				await resubscribe(deps.pool, phone);
			},
			...(deps.now ? { now: deps.now } : {}),
		},
		{
			...message,
			keywords,
			templates,
			business: toBusinessInfo({ id: 1, ...businessRows[0] }),
		},
	);
}

export interface InboundBroadcastCheck {
	/** Set when the message was an opt-out or opt-in word: reply with the confirmation, skip triage. */
	optOut: {
		kind: 'stop' | 'start';
		language: string;
		phone: string;
		confirmation: string | null;
	} | null;
	/** The broadcast this number got in the last 24 hours, which the customer may be answering. */
	repliedTo: { broadcastId: string; name: string; sentAt: string } | null;
	/**
	 * For the agents' private note: which broadcast a reply answers, or that the customer opted out
	 * or back in (posted when a person has the conversation, so the opt-out does not surprise them).
	 */
	note: string | null;
	/** Why nothing was checked (Directus down): triage goes on. */
	skipped: string | null;
}

/**
 * Workflow 01's step before triage: opt-out words acted on, else the broadcast a reply answers.
 * Directus down never holds a customer up: with no words read yet, `skipped` says why and triage goes on.
 */
export async function checkInboundForBroadcasts(
	deps: InboundOptOutDeps,
	message: InboundMessage,
	at: Date = new Date(),
): Promise<InboundBroadcastCheck> {
	const none = { optOut: null, repliedTo: null, note: null, skipped: null };
	try {
		const outcome = await inboundOptOut(deps, message);
		const reply = await broadcastRepliedTo(deps, message.phone, at);
		if (reply && message.phone && (!outcome.handled || outcome.command.kind === 'stop')) {
			await recordBroadcastResponse(deps.pool, {
				broadcastId: reply.broadcastId,
				phone: message.phone,
				kind: outcome.handled ? 'opt_out' : 'reply',
				conversationId: message.conversationId ?? null,
				at,
			});
		}
		if (outcome.handled) {
			const { kind, language, word } = outcome.command;
			return {
				...none,
				optOut: { kind, language, phone: outcome.phone, confirmation: outcome.confirmation },
				note: optOutNote(kind, word, outcome.confirmation !== null),
			};
		}
		if (!reply) return none;
		return {
			...none,
			repliedTo: {
				broadcastId: reply.broadcastId,
				name: reply.name,
				sentAt: reply.sentAt.toISOString(),
			},
			note: broadcastReplyNote(reply),
		};
	} catch (error) {
		const down = directusDownReason(error);
		if (down === null) throw error;
		return { ...none, skipped: `Directus ${down}: ${(error as Error).message}` };
	}
}

/** What the agent reads when the customer opted out or back in inside their conversation. */
export function optOutNote(kind: 'stop' | 'start', word: string, confirmed: boolean): string {
	const what =
		kind === 'stop'
			? 'opted out of broadcasts: they get no more broadcasts until they write a start word'
			: 'opted back in to broadcasts';
	const confirmation = confirmed
		? 'They were sent the confirmation.'
		: 'No confirmation was sent (marketing has no template for it in their language).';
	return `The customer wrote "${word}" and ${what}. ${confirmation} The conversation stays yours.`;
}
