// Statuses keep arriving for hours after a broadcast was sent (delivered, read): the counts on the
// Directus record are refreshed from the deliveries, for every broadcast sending or finished within
// the last two days. Workflow 05 runs this every minute.
import { deliveryCounts } from '../broadcasts/deliveries.ts';
import type { Queryable } from '../broadcasts/suppressions.ts';
import { broadcastCounts } from './directus-store.ts';
import type { BroadcastRecords } from './records.ts';

const REFRESH_FOR_MS = 48 * 60 * 60 * 1000;

export interface RefreshedCounts {
	broadcastId: string;
	status: string;
	counts: Record<string, number>;
}

export async function refreshBroadcastCounts(deps: {
	pool: Queryable;
	records: BroadcastRecords;
	now?: () => Date;
}): Promise<RefreshedCounts[]> {
	const since = new Date((deps.now?.() ?? new Date()).getTime() - REFRESH_FOR_MS).toISOString();
	const rows = await deps.records.read('broadcasts', {
		fields: ['id', 'status'],
		filter: {
			_or: [
				{ status: { _in: ['processing', 'paused'] } },
				{
					_and: [
						{ status: { _in: ['sent', 'partially_failed', 'failed', 'cancelled'] } },
						{ finished_at: { _gte: since } },
					],
				},
			],
		},
	});
	const refreshed: RefreshedCounts[] = [];
	for (const row of rows) {
		const broadcastId = String(row.id);
		const counts = broadcastCounts(await deliveryCounts(deps.pool, broadcastId));
		await deps.records.update('broadcasts', broadcastId, counts);
		refreshed.push({ broadcastId, status: String(row.status), counts });
	}
	return refreshed;
}
