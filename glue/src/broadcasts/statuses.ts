// Meta's status webhooks applied to deliveries: forward only (sent < delivered < read, failed
// terminal), so duplicates and out-of-order statuses change nothing (reference/meta.md §2.9, §7.4).
import type { Pool } from 'pg';
import { reopenRun, requeue } from './deliveries.ts';
import {
	deliveryStatusInputSchema,
	type BroadcastMessage,
	type DeliveryStatusInput,
} from './model.ts';
import { suppress } from './suppressions.ts';

/** What the sender puts in biz_opaque_callback_data, so a send whose answer was lost can be matched. */
export const CALLBACK_PREFIX = 'sbd:';

export interface ApplyResult {
	/** Statuses that changed a delivery. */
	applied: number;
	/** Duplicates, regressions, statuses of messages that are not broadcast deliveries. */
	ignored: number;
}

const DAY_MS = 86_400_000;

// One statement per status: the row's current state decides, inside the update, whether it moves.
const APPLY = `
with target as (
	select id, state from sb_broadcast_deliveries
	where wamid = $1 or (id = $2::bigint and (wamid is null or wamid = $1))
	order by (wamid = $1) desc nulls last limit 1
	for update
)
update sb_broadcast_deliveries d set
	wamid = coalesce(d.wamid, $1),
	state = case
		when $3 = 'failed' then 'failed'
		when $3 = 'read' then 'read'
		when $3 = 'delivered' and t.state <> 'read' then 'delivered'
		else case when t.state in ('queued', 'sending') then 'sent' else t.state end end,
	sent_at = coalesce(d.sent_at, $4),
	delivered_at = case when $3 in ('delivered', 'read') then coalesce(d.delivered_at, $4) else d.delivered_at end,
	read_at = case when $3 = 'read' then coalesce(d.read_at, $4) else d.read_at end,
	failed_at = case when $3 = 'failed' then $4 else d.failed_at end,
	error_code = case when $3 = 'failed' then $5 else d.error_code end,
	error_title = case when $3 = 'failed' then $6 else d.error_title end,
	lease_owner = null, lease_until = null, outcome_unknown_at = null, status_at = now(),
	updated_at = now()
from target t
where d.id = t.id
	and t.state not in ('failed', 'skipped', 'cancelled')
	and (
		($3 = 'failed' and t.state not in ('delivered', 'read'))
		or ($3 = 'read' and t.state <> 'read')
		or ($3 = 'delivered' and t.state not in ('delivered', 'read'))
		or ($3 in ('sent', 'played') and t.state in ('queued', 'sending'))
		or d.wamid is null
	)
returning d.id, d.broadcast_id, d.phone, d.message, d.state`;

function delivererIdOf(callback: string | undefined): string | null {
	if (!callback?.startsWith(CALLBACK_PREFIX)) return null;
	const id = callback.slice(CALLBACK_PREFIX.length);
	return /^\d{1,18}$/.test(id) ? id : null;
}

function timestampOf(value: string | number | undefined): Date {
	const seconds = Number(value);
	return Number.isFinite(seconds) && seconds > 0 ? new Date(seconds * 1000) : new Date();
}

/**
 * Applies the statuses of a Meta webhook to the broadcast deliveries they concern. Statuses of
 * other messages (bot replies, reminders) are ignored. A `failed` status acts on its code: 131050
 * suppresses the number for good, 131049 for 24 hours, and 131047 sends the template form when the
 * delivery was a free text that has one.
 */
export async function applyDeliveryStatuses(
	pool: Pool,
	statuses: readonly DeliveryStatusInput[],
	concurrency = 4,
): Promise<ApplyResult> {
	const result: ApplyResult = { applied: 0, ignored: 0 };
	// One message's statuses in the order they came; different messages side by side (a webhook
	// batch of 100 statuses would otherwise cost 100 round trips one after the other).
	const byMessage = new Map<string, ParsedStatus[]>();
	for (const input of statuses) {
		const parsed = deliveryStatusInputSchema.safeParse(input);
		const kind = parsed.success
			? parsed.data.status === 'played'
				? 'read'
				: parsed.data.status
			: '';
		if (!parsed.success || !['sent', 'delivered', 'read', 'failed'].includes(kind)) {
			result.ignored += 1;
			continue;
		}
		const group = byMessage.get(parsed.data.id) ?? [];
		group.push({ status: parsed.data, kind });
		byMessage.set(parsed.data.id, group);
	}
	const groups = [...byMessage.values()];
	const worker = async () => {
		for (let group = groups.shift(); group; group = groups.shift()) {
			for (const one of group) {
				if (await applyOne(pool, one)) result.applied += 1;
				else result.ignored += 1;
			}
		}
	};
	await Promise.all(
		Array.from({ length: Math.max(1, Math.min(concurrency, groups.length)) }, worker),
	);
	return result;
}

interface ParsedStatus {
	status: ReturnType<typeof deliveryStatusInputSchema.parse>;
	kind: string;
}

async function applyOne(pool: Pool, { status, kind }: ParsedStatus): Promise<boolean> {
	const error = status.errors?.[0];
	const rows = await pool.query<{
		id: string;
		broadcast_id: string;
		phone: string;
		message: BroadcastMessage;
	}>(APPLY, [
		status.id,
		delivererIdOf(status.biz_opaque_callback_data),
		kind,
		timestampOf(status.timestamp),
		error?.code ?? null,
		(error?.title ?? error?.message ?? null)?.slice(0, 500) ?? null,
	]);
	const row = rows.rows[0];
	if (!row) return false;
	if (kind === 'failed' && error) await afterFailure(pool, row, error.code);
	return true;
}

async function afterFailure(
	pool: Pool,
	row: { id: string; broadcast_id: string; phone: string; message: BroadcastMessage },
	code: number,
): Promise<void> {
	if (code === 131050) await suppress(pool, row.phone, 'meta_131050_stopped_marketing', { code });
	if (code === 131049) {
		await suppress(pool, row.phone, 'meta_131049_marketing_cap', {
			code,
			until: new Date(Date.now() + DAY_MS),
		});
	}
	if (code === 131047 && row.message.kind === 'text' && row.message.fallbackTemplate) {
		// Sent again as the template; the failed free text's wamid is kept in error_title's place.
		await pool.query(
			`update sb_broadcast_deliveries set state = 'sending', wamid = null, failed_at = null
			 where id = $1 and state = 'failed'`,
			[row.id],
		);
		await requeue(pool, String(row.id), 0, { message: row.message.fallbackTemplate });
		await reopenRun(pool, row.broadcast_id);
	}
}
