// Meta's WhatsApp webhooks in Postgres (migration 0013): the raw body and one row per item, written
// in one statement before the 200; the forward queue to Chatwoot; statuses for the broadcast sender;
// and what lead capture reads (the click-to-WhatsApp referral). Times come from the database.
import { randomUUID } from 'node:crypto';
import { z } from 'zod/v4';
import type { WhatsAppWebhookItem } from '../meta/whatsapp-webhook.ts';
import { readWhatsAppStatus, type WhatsAppStatusUpdate } from '../meta/whatsapp-status.ts';
import type { Queryable } from './repository.ts';

const ms = (placeholder: string) =>
	`make_interval(secs => ${placeholder}::double precision / 1000)`;

export interface RecordMetaWebhookInput {
	/** The body exactly as received (Meta's signature covers these bytes). */
	body: string;
	items: WhatsAppWebhookItem[];
}

export interface RecordedMetaEvent {
	id: number;
	kind: WhatsAppWebhookItem['kind'];
	forwardState: string;
	dropReason: string | null;
}

export interface RecordedMetaWebhook {
	webhookId: number;
	/** The rows written, in the order of the body; repeats of stored items are left out. */
	events: RecordedMetaEvent[];
	duplicates: number;
}

function dedupeKey(item: WhatsAppWebhookItem): string | null {
	if (!item.wamid || item.kind === 'other') return null;
	return item.kind === 'status'
		? `status:${item.wamid}:${item.status ?? ''}`
		: `${item.kind}:${item.wamid}`;
}

/** jsonb refuses U+0000 in a string, which JSON allows: stored as U+FFFD (the body keeps it). */
function withoutNul(_key: string, value: unknown): unknown {
	return typeof value === 'string' && value.includes('\0')
		? value.replaceAll('\0', '\uFFFD')
		: value;
}

const recordedRow = z.object({
	w: z.number().int(),
	webhookId: z.coerce.number(),
	id: z.coerce.number().nullable(),
	kind: z.enum(['message', 'status', 'echo', 'other']).nullable(),
	forwardState: z.string().nullable(),
	dropReason: z.string().nullable(),
});

/**
 * The ack path in one statement (one round trip, atomic): the body, then each item once. An item
 * already stored (Meta's retry, another subscribed app's copy) is skipped; the body is kept anyway.
 */
export async function recordMetaWebhook(
	db: Queryable,
	input: RecordMetaWebhookInput,
): Promise<RecordedMetaWebhook> {
	const [recorded] = await recordMetaWebhooks(db, [input]);
	return recorded!;
}

/**
 * Several webhooks in one statement and one commit, each result in the order given: under load
 * the gateway stores the requests that arrived together at once, instead of one round trip each.
 */
export async function recordMetaWebhooks(
	db: Queryable,
	inputs: readonly RecordMetaWebhookInput[],
): Promise<RecordedMetaWebhook[]> {
	if (inputs.length === 0) return [];
	const bodies = inputs.map((input, w) => ({ w, body: input.body }));
	const rows = inputs.flatMap((input, w) =>
		input.items.map((item, n) => ({
			w,
			n,
			kind: item.kind,
			dedupe_key: dedupeKey(item),
			wamid: item.wamid,
			status: item.status,
			phone_number_id: item.phoneNumberId,
			display_number: item.displayNumber,
			contact: item.contact,
			payload: item.payload,
			forward_state: item.dropReason ? 'dropped' : 'pending',
			drop_reason: item.dropReason,
		})),
	);
	const { rows: result } = await db.query(
		'with bodies as (select w, body from jsonb_to_recordset($1::jsonb) as b(w int, body text)),' +
			// Ids first (materialized: nextval once per body), so the items can name their webhook.
			" ids as materialized (select w, nextval('sb_meta_webhooks_id_seq') as id from bodies)," +
			' webhooks as (insert into sb_meta_webhooks (id, body)' +
			' select ids.id, b.body from ids join bodies b using (w) returning id),' +
			' events as (insert into sb_meta_events (webhook_id, kind, dedupe_key, wamid, status,' +
			' phone_number_id, display_number, contact, payload, forward_state, drop_reason)' +
			' select ids.id, i.kind, i.dedupe_key, i.wamid, i.status, i.phone_number_id,' +
			' i.display_number, i.contact, i.payload, i.forward_state, i.drop_reason' +
			' from jsonb_to_recordset($2::jsonb) as i(w int, n int, kind text, dedupe_key text,' +
			' wamid text, status text, phone_number_id text, display_number text, contact text,' +
			' payload jsonb, forward_state text, drop_reason text) join ids using (w)' +
			' order by i.w, i.n on conflict (dedupe_key) do nothing' +
			' returning id, webhook_id, kind, forward_state, drop_reason)' +
			' select ids.w, ids.id as "webhookId", e.id, e.kind, e.forward_state as "forwardState",' +
			' e.drop_reason as "dropReason" from ids left join events e on e.webhook_id = ids.id' +
			' order by ids.w, e.id',
		[JSON.stringify(bodies), JSON.stringify(rows, withoutNul)],
	);
	const recorded: RecordedMetaWebhook[] = inputs.map(() => ({
		webhookId: 0,
		events: [],
		duplicates: 0,
	}));
	for (const raw of result) {
		const row = recordedRow.parse(raw);
		const target = recorded[row.w]!;
		target.webhookId = row.webhookId;
		if (row.id === null || row.kind === null || row.forwardState === null) continue;
		target.events.push({
			id: row.id,
			kind: row.kind,
			forwardState: row.forwardState,
			dropReason: row.dropReason,
		});
	}
	recorded.forEach((entry, w) => {
		entry.duplicates = inputs[w]!.items.length - entry.events.length;
	});
	return recorded;
}

export interface LeasedMetaEvent {
	id: number;
	kind: string;
	displayNumber: string;
	payload: unknown;
	/** Including this one. */
	attempts: number;
	leaseToken: string;
}

const leasedRow = z.object({
	id: z.coerce.number(),
	kind: z.string(),
	displayNumber: z.string(),
	payload: z.unknown(),
	attempts: z.number().int(),
});

/**
 * Leases up to `limit` due items, oldest first, for one forwarding attempt each, at most one message
 * per customer. SKIP LOCKED lets several gateways share the queue; a lease that runs out (a gateway
 * died mid-post) is due again.
 */
export async function claimMetaForwards(
	db: Queryable,
	options: { limit: number; leaseMs: number },
): Promise<LeasedMetaEvent[]> {
	const leaseToken = randomUUID();
	const { rows } = await db.query(
		"update sb_meta_events e set forward_state = 'forwarding', attempts = e.attempts + 1," +
			` claim_token = $1, next_attempt_at = now() + ${ms('$3')}` +
			' where e.id in (select d.id from sb_meta_events d' +
			" where d.forward_state in ('pending', 'forwarding')" +
			' and (d.next_attempt_at is null or d.next_attempt_at <= now())' +
			// A customer's messages reach Chatwoot in the order they came: one waiting for its retry
			// holds back the ones after it (a dead one does not).
			" and not (d.kind = 'message' and exists (select 1 from sb_meta_events o" +
			" where o.kind = 'message' and o.contact = d.contact and o.id < d.id" +
			" and o.forward_state in ('pending', 'forwarding')))" +
			' order by d.id limit $2 for update skip locked)' +
			' returning e.id, e.kind, e.display_number as "displayNumber", e.payload, e.attempts',
		[leaseToken, options.limit, options.leaseMs],
	);
	return rows.map((row) => ({ ...leasedRow.parse(row), leaseToken })).sort((a, b) => a.id - b.id);
}

/** Chatwoot took it. Only the lease holder settles: a lease taken over meanwhile is left alone. */
export async function completeMetaForward(db: Queryable, event: LeasedMetaEvent): Promise<boolean> {
	const { rows } = await db.query(
		"update sb_meta_events set forward_state = 'done', forwarded_at = now(), next_attempt_at = null," +
			" last_error = null where id = $1 and claim_token = $2 and forward_state = 'forwarding'" +
			' returning id',
		[event.id, event.leaseToken],
	);
	return rows.length > 0;
}

export async function retryMetaForward(
	db: Queryable,
	event: LeasedMetaEvent,
	delayMs: number,
	error: string,
): Promise<void> {
	await db.query(
		"update sb_meta_events set forward_state = 'pending', next_attempt_at = now() + " +
			`${ms('$3')}, last_error = $4` +
			" where id = $1 and claim_token = $2 and forward_state = 'forwarding'",
		[event.id, event.leaseToken, delayMs, error],
	);
}

export async function deadLetterMetaForward(
	db: Queryable,
	event: LeasedMetaEvent,
	error: string,
): Promise<void> {
	await db.query(
		"update sb_meta_events set forward_state = 'dead', next_attempt_at = null, last_error = $3" +
			" where id = $1 and claim_token = $2 and forward_state = 'forwarding'",
		[event.id, event.leaseToken, error],
	);
}

/** Gives every dead item (or the ones named) fresh attempts; returns how many. */
export async function replayMetaDeadLetters(db: Queryable, ids?: number[]): Promise<number> {
	const { rows } = await db.query(
		"update sb_meta_events set forward_state = 'pending', attempts = 0, next_attempt_at = null" +
			" where forward_state = 'dead' and ($1::bigint[] is null or id = any($1)) returning id",
		[ids ?? null],
	);
	return rows.length;
}

export interface UnappliedStatus {
	id: number;
	/** Null for a row that no longer reads as a status (settled without the hook). */
	update: WhatsAppStatusUpdate | null;
}

const statusRow = z.object({
	id: z.coerce.number(),
	forwardState: z.string(),
	phoneNumberId: z.string().nullable(),
	receivedAt: z.date(),
	payload: z.unknown(),
});

/** The status object inside a stored one-item envelope. */
function storedStatus(payload: unknown): unknown {
	const value = (payload as { entry?: { changes?: { value?: { statuses?: unknown[] } }[] }[] })
		?.entry?.[0]?.changes?.[0]?.value;
	return value?.statuses?.[0];
}

function toUpdate(row: z.infer<typeof statusRow>): WhatsAppStatusUpdate | null {
	const read = readWhatsAppStatus(
		storedStatus(row.payload),
		row.phoneNumberId ?? '',
		row.receivedAt,
	);
	return read.ok ? read.update : null;
}

// Any constant works as long as every gateway uses the same one ("sb_s" in ASCII).
const STATUS_APPLIER_LOCK = 0x73625f73;

/**
 * Statuses the hook has not taken yet, oldest first, for the one applier that holds the lock to
 * the end of the caller's transaction (run it in one: `db` is a client after begin); none for
 * everyone else. The rows themselves are not locked, so forwarding them to Chatwoot never waits
 * for the hook. Statuses of unknown kinds never come back; our own sends' do.
 */
export async function takeUnappliedStatuses(
	db: Queryable,
	limit: number,
): Promise<UnappliedStatus[]> {
	const lock = await db.query('select pg_try_advisory_xact_lock($1) as "locked"', [
		STATUS_APPLIER_LOCK,
	]);
	if ((lock.rows[0] as { locked?: boolean } | undefined)?.locked !== true) return [];
	const { rows } = await db.query(
		'select id, forward_state as "forwardState", phone_number_id as "phoneNumberId",' +
			' received_at as "receivedAt", payload from sb_meta_events' +
			" where kind = 'status' and applied_at is null" +
			" and (forward_state <> 'dropped' or drop_reason = 'own_send')" +
			' order by id limit $1',
		[limit],
	);
	return rows.map((raw) => {
		const row = statusRow.parse(raw);
		return { id: row.id, update: toUpdate(row) };
	});
}

/** Marks statuses as taken by the hook. */
export async function settleAppliedStatuses(db: Queryable, ids: number[]): Promise<void> {
	await db.query('update sb_meta_events set applied_at = now() where id = any($1::bigint[])', [
		ids,
	]);
}

/** Every stored status of these wamids, oldest first: what settles a send whose outcome is unknown. */
export async function metaStatusesOf(
	db: Queryable,
	wamids: readonly string[],
): Promise<WhatsAppStatusUpdate[]> {
	if (wamids.length === 0) return [];
	const { rows } = await db.query(
		'select id, forward_state as "forwardState", phone_number_id as "phoneNumberId",' +
			' received_at as "receivedAt", payload from sb_meta_events' +
			" where kind = 'status' and wamid = any($1::text[]) order by id",
		[wamids],
	);
	return rows.flatMap((raw) => toUpdate(statusRow.parse(raw)) ?? []);
}

/** A click-to-WhatsApp ad's referral as Meta sent it (reference/meta.md §2.1). */
export const metaReferralSchema = z.looseObject({
	source_url: z.string().optional(),
	source_id: z.string().optional(),
	source_type: z.string().optional(),
	body: z.string().optional(),
	headline: z.string().optional(),
	media_type: z.string().optional(),
	image_url: z.string().optional(),
	video_url: z.string().optional(),
	thumbnail_url: z.string().optional(),
	ctwa_clid: z.string().optional(),
});
export type MetaReferral = z.infer<typeof metaReferralSchema>;

export interface MetaReferralRecord {
	wamid: string;
	/** wa_id, or the business-scoped user id. */
	contact: string | null;
	phoneNumberId: string | null;
	receivedAt: Date;
	referral: MetaReferral;
}

/**
 * The referral of a message (by wamid), or the newest referral a contact came with (by wa_id or
 * BSUID); null when there is none.
 */
export async function metaReferralOf(
	db: Queryable,
	by: { wamid: string } | { contact: string },
): Promise<MetaReferralRecord | null> {
	const [column, value] = 'wamid' in by ? ['wamid', by.wamid] : ['contact', by.contact];
	const path = "payload #> '{entry,0,changes,0,value,messages,0,referral}'";
	const { rows } = await db.query(
		`select wamid, contact, phone_number_id as "phoneNumberId", received_at as "receivedAt",` +
			` ${path} as referral from sb_meta_events` +
			` where kind = 'message' and ${column} = $1 and ${path} is not null order by id desc limit 1`,
		[value],
	);
	const row = rows[0] as
		| {
				wamid: string;
				contact: string | null;
				phoneNumberId: string | null;
				receivedAt: Date;
				referral: unknown;
		  }
		| undefined;
	if (!row) return null;
	const referral = metaReferralSchema.safeParse(row.referral);
	return referral.success ? { ...row, referral: referral.data } : null;
}
