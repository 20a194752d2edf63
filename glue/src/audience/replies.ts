// A customer answering a broadcast: the answer goes through the normal inbound pipeline, and the
// agents see which broadcast it answers (workflow 01 adds a private note and a conversation
// attribute). "Answering" means: a broadcast reached this number in the 24 hours before.
import { phoneDigits } from '../broadcasts/model.ts';
import type { Queryable } from '../broadcasts/suppressions.ts';
import type { BroadcastRecords } from './records.ts';

export const REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;

export interface BroadcastReply {
	broadcastId: string;
	/** The broadcast's name in Directus (staff-facing); its id when it has none or was deleted. */
	name: string;
	sentAt: Date;
}

/** The latest broadcast this phone got in the 24 hours before `at`; null when none. */
export async function broadcastRepliedTo(
	deps: { pool: Queryable; records: BroadcastRecords },
	phone: string | null | undefined,
	at: Date,
): Promise<BroadcastReply | null> {
	const digits = phoneDigits(phone ?? '');
	if (digits === '') return null;
	const result = await deps.pool.query<{ broadcast_id: string; sent_at: Date }>(
		`select broadcast_id, sent_at from sb_broadcast_deliveries
		 where phone = $1 and sent_at is not null and sent_at <= $2 and sent_at > $3
		 order by sent_at desc limit 1`,
		[digits, at, new Date(at.getTime() - REPLY_WINDOW_MS)],
	);
	const row = result.rows[0];
	if (!row) return null;
	const [broadcast] = await deps.records.read('broadcasts', {
		fields: ['id', 'name'],
		filter: { id: { _eq: row.broadcast_id } },
		limit: 1,
	});
	const name =
		typeof broadcast?.name === 'string' && broadcast.name.trim()
			? broadcast.name
			: row.broadcast_id;
	return { broadcastId: row.broadcast_id, name, sentAt: new Date(row.sent_at) };
}

/** The agents' note, in the words staff use in Directus (agents read notes in the team's language). */
export function broadcastReplyNote(reply: BroadcastReply): string {
	return `This customer is answering the broadcast "${reply.name}" (sent ${reply.sentAt.toISOString().slice(0, 16).replace('T', ' ')} UTC).`;
}

/**
 * Counts a reply or an opt-out towards the broadcast the phone got in the 24 hours before (the
 * Insights dashboard per broadcast); once per broadcast, phone and kind.
 */
export async function recordBroadcastResponse(
	pool: Queryable,
	response: {
		broadcastId: string;
		phone: string;
		kind: 'reply' | 'opt_out';
		conversationId?: number | null;
		at: Date;
	},
): Promise<void> {
	await pool.query(
		`insert into sb_broadcast_responses (broadcast_id, phone, kind, conversation_id, responded_at)
		 values ($1, $2, $3, $4, $5) on conflict on constraint sb_broadcast_responses_once do nothing`,
		[
			response.broadcastId,
			phoneDigits(response.phone),
			response.kind,
			response.conversationId ?? null,
			response.at,
		],
	);
}
