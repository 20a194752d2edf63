// Meta's status webhooks applied to deliveries: forward only (sent < delivered < read, failed
// terminal), so duplicates and out-of-order statuses change nothing (reference/meta.md §2.9, §7.4).
import type { Pool } from 'pg';
import { reopenRun } from './deliveries.ts';
import {
	deliveryStatusInputSchema,
	type BroadcastMessage,
	type DeliveryStatusInput,
} from './model.ts';
import { suppress } from './suppressions.ts';

/** What the sender puts in biz_opaque_callback_data, so a send whose answer was lost can be matched. */
export const CALLBACK_PREFIX = 'sbd:';

export interface ApplyResult {
	/** Deliveries the statuses moved (several statuses of one message move it once). */
	applied: number;
	/** The other statuses: duplicates, regressions, other messages' (bot replies), malformed. */
	ignored: number;
}

const DAY_MS = 86_400_000;

// One statement for a whole webhook batch. Each status finds its delivery by wamid, or by the
// delivery id Meta echoes (a send whose answer was lost has no wamid yet; the text a 131047 replaced
// is excluded). A delivery's statuses are folded in the order they came: the first `failed` counts
// only while nothing before it (in the row or the batch) said delivered or read, and then nothing
// after it does; otherwise the highest of sent < delivered < read wins. Rows are locked in id order,
// so two batches touching the same deliveries wait for each other instead of deadlocking; what
// decides is the locked (latest) row, never the statement's older snapshot of it.
const APPLY = `
with input as (
	select * from unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::int[], $6::text[])
		with ordinality as v(wamid, callback_id, kind, at, code, title, ord)
),
matched as (
	select distinct on (i.ord) i.*, d.id as delivery_id,
		case i.kind when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 0 end as rank
	from input i
	join sb_broadcast_deliveries d
		on d.wamid = i.wamid
		or (d.id = i.callback_id and d.wamid is null and d.superseded_wamid is distinct from i.wamid)
	order by i.ord, (d.wamid = i.wamid) desc nulls last
),
first_failure as (
	select distinct on (delivery_id) delivery_id, ord as fail_ord, at as fail_at, code, title
	from matched where kind = 'failed' order by delivery_id, ord
),
folded as (
	select m.delivery_id, min(m.wamid) as wamid, min(m.at) as first_at,
		max(m.rank) filter (where m.kind <> 'failed') as top_rank,
		max(m.rank) filter (where m.kind <> 'failed' and m.ord < f.fail_ord) as rank_before_failure,
		min(m.at) filter (where m.kind in ('delivered', 'read')) as delivered_at,
		min(m.at) filter (where m.kind = 'read') as read_at,
		f.fail_ord, f.fail_at, f.code, f.title
	from matched m left join first_failure f on f.delivery_id = m.delivery_id
	group by m.delivery_id, f.fail_ord, f.fail_at, f.code, f.title
),
locked as (
	select d.id, d.state, d.wamid, d.delivered_at,
		case d.state when 'sent' then 1 when 'delivered' then 2 when 'read' then 3 else 0 end as rank
	from sb_broadcast_deliveries d
	where d.id in (select delivery_id from folded)
	order by d.id
	for update
),
decided as (
	select l.id, l.state as before, l.wamid as had_wamid, l.delivered_at as was_delivered_at, f.*,
		case
			when l.state in ('failed', 'skipped', 'cancelled') then l.state
			when f.fail_ord is not null and greatest(l.rank, coalesce(f.rank_before_failure, 0)) < 2
				then 'failed'
			else case greatest(l.rank, coalesce(f.top_rank, 0))
				when 3 then 'read' when 2 then 'delivered' when 1 then 'sent' else l.state end
		end as after
	from locked l join folded f on f.delivery_id = l.id
)
update sb_broadcast_deliveries d set
	wamid = coalesce(d.wamid, x.wamid),
	state = x.after,
	sent_at = case when x.after in ('sent', 'delivered', 'read') then coalesce(d.sent_at, x.first_at)
		else d.sent_at end,
	delivered_at = case when x.after in ('delivered', 'read') then least(d.delivered_at, x.delivered_at)
		else d.delivered_at end,
	read_at = case when x.after = 'read' then least(d.read_at, x.read_at) else d.read_at end,
	failed_at = case when x.after = 'failed' then x.fail_at else d.failed_at end,
	error_code = case when x.after = 'failed' then x.code else d.error_code end,
	error_title = case when x.after = 'failed' then x.title else d.error_title end,
	lease_owner = null, lease_until = null, outcome_unknown_at = null, status_at = now(),
	updated_at = now()
from decided x
where d.id = x.id
	and x.before not in ('failed', 'skipped', 'cancelled')
	and (x.after <> x.before or x.had_wamid is null
		-- A delivered that arrives after its read still tells when it was delivered.
		or (x.after in ('delivered', 'read') and x.delivered_at < x.was_delivered_at))
returning d.id, d.broadcast_id, d.phone, d.message, d.state, d.wamid, x.code as failure_code`;

function delivererIdOf(callback: string | undefined): string | null {
	if (!callback?.startsWith(CALLBACK_PREFIX)) return null;
	const id = callback.slice(CALLBACK_PREFIX.length);
	return /^\d{1,18}$/.test(id) ? id : null;
}

function timestampOf(value: string | number | undefined): Date {
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

interface AppliedRow {
	id: string;
	broadcast_id: string;
	phone: string;
	message: BroadcastMessage;
	state: string;
	wamid: string | null;
	failure_code: number | null;
}

/**
 * Applies the statuses of a Meta webhook batch to the broadcast deliveries they concern, in one
 * statement. Statuses of other messages (bot replies, reminders) are ignored. A `failed` status acts
 * on its code: 131050 suppresses the number for good, 131049 for 24 hours, and 131047 sends the
 * template form once when the delivery was a free text that has one.
 */
export async function applyDeliveryStatuses(
	pool: Pool,
	statuses: readonly DeliveryStatusInput[],
): Promise<ApplyResult> {
	const rows: {
		wamid: string;
		callback: string | null;
		kind: string;
		at: Date;
		code: number | null;
		title: string | null;
	}[] = [];
	let malformed = 0;
	for (const input of statuses) {
		const parsed = deliveryStatusInputSchema.safeParse(input);
		const kind = parsed.success
			? parsed.data.status === 'played'
				? 'read'
				: parsed.data.status
			: '';
		if (!parsed.success || !['sent', 'delivered', 'read', 'failed'].includes(kind)) {
			malformed += 1;
			continue;
		}
		const error = parsed.data.errors?.[0];
		rows.push({
			wamid: parsed.data.id,
			callback: delivererIdOf(parsed.data.biz_opaque_callback_data),
			kind,
			at: timestampOf(parsed.data.timestamp),
			code: kind === 'failed' ? (error?.code ?? null) : null,
			title:
				kind === 'failed'
					? ((error?.title ?? error?.message ?? null)?.slice(0, 500) ?? null)
					: null,
		});
	}
	if (rows.length === 0) return { applied: 0, ignored: malformed };
	const result = await pool.query<AppliedRow>(APPLY, [
		rows.map((r) => r.wamid),
		rows.map((r) => r.callback),
		rows.map((r) => r.kind),
		rows.map((r) => r.at),
		rows.map((r) => r.code),
		rows.map((r) => r.title),
	]);
	for (const row of result.rows) {
		if (row.state === 'failed' && row.failure_code !== null) await afterFailure(pool, row);
	}
	return { applied: result.rows.length, ignored: statuses.length - result.rows.length };
}

async function afterFailure(pool: Pool, row: AppliedRow): Promise<void> {
	const code = row.failure_code;
	if (code === 131050) await suppress(pool, row.phone, 'meta_131050_stopped_marketing', { code });
	if (code === 131049) {
		await suppress(pool, row.phone, 'meta_131049_marketing_cap', {
			code,
			until: new Date(Date.now() + DAY_MS),
		});
	}
	if (code === 131047 && row.message.kind === 'text' && row.message.fallbackTemplate) {
		// The window had closed: sent again, once, as the approved template (a template never gets
		// 131047, so there is no third time). The text's wamid moves aside so its late statuses
		// cannot settle the template's send.
		const requeued = await pool.query(
			`update sb_broadcast_deliveries set state = 'queued', message = $2::jsonb,
			 	superseded_wamid = wamid, wamid = null, failed_at = null, not_before = null,
			 	lease_owner = null, lease_until = null, updated_at = now()
			 where id = $1 and state = 'failed'`,
			[row.id, JSON.stringify(row.message.fallbackTemplate)],
		);
		if ((requeued.rowCount ?? 0) > 0) await reopenRun(pool, row.broadcast_id);
	}
}
