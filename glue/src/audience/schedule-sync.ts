// Directus → the sender's start jobs. Marketing schedules and cancels in Directus; the sender process
// runs this every second or so (and at start-up): each scheduled broadcast gets its exact-time start
// job (pg-boss, durable), a moved time moves the job, and a cancelled one is unscheduled or, when
// sending, stopped before its next send. A broadcast the sender paused (Meta refused the access
// token) resumes when staff set it back to Processing; one staff set to Paused stops sending.
// Directus needs no database access to the jobs for it.
import { pauseRun, resumeRun } from '../broadcasts/deliveries.ts';
import { cancelBroadcast, rescheduleBroadcast, scheduleBroadcast } from '../broadcasts/schedule.ts';
import { BROADCAST_START_QUEUE } from '../broadcasts/sender.ts';
import type { Queryable } from '../broadcasts/suppressions.ts';
import { parseContentDate } from '../common/zoned-time.ts';
import type { Jobs } from '../jobs/jobs.ts';
import type { BroadcastRecords } from './records.ts';

export interface ScheduleSyncDeps {
	records: BroadcastRecords;
	jobs: Jobs;
	pool: Queryable;
	now?: () => Date;
}

export interface ScheduleSyncResult {
	scheduled: string[];
	rescheduled: string[];
	cancelled: string[];
	/** Paused runs staff set back to Processing: sending again. */
	resumed: string[];
	/** Running broadcasts staff set to Paused. */
	paused: string[];
}

const PAUSED_BY_STAFF = 'Paused in Directus: set it back to Processing to send the rest.';

export async function syncBroadcastSchedules(deps: ScheduleSyncDeps): Promise<ScheduleSyncResult> {
	const result: ScheduleSyncResult = {
		scheduled: [],
		rescheduled: [],
		cancelled: [],
		resumed: [],
		paused: [],
	};
	// The database's clock before Directus is read: a run paused after that is not resumed on
	// what Directus said before the sender could report the pause.
	const readAt = (await deps.pool.query<{ at: Date }>('select clock_timestamp() as at')).rows[0]
		?.at;
	const [rows, [business]] = await Promise.all([
		deps.records.read('broadcasts', {
			fields: ['id', 'status', 'scheduled_at'],
			// A cancelled broadcast is finished once the sender (or this) wrote finished_at.
			filter: {
				_or: [
					{ status: { _in: ['scheduled', 'processing', 'paused'] } },
					{ _and: [{ status: { _eq: 'cancelled' } }, { finished_at: { _null: true } }] },
				],
			},
		}),
		deps.records.read('business_info', { fields: ['time_zone'], limit: 1 }),
	]);
	const timeZone = String(business?.time_zone ?? 'UTC');
	for (const row of rows) {
		const id = String(row.id);
		if (row.status === 'processing') {
			if (readAt && (await resumeRun(deps.pool, id, readAt))) result.resumed.push(id);
			continue;
		}
		if (row.status === 'paused') {
			if (await pauseRun(deps.pool, id, PAUSED_BY_STAFF)) result.paused.push(id);
			continue;
		}
		if (row.status === 'cancelled') {
			const { stopped } = await cancelBroadcast(deps.pool, deps.jobs, id);
			// A running one is reported cancelled by the sender when it stops; one that never started
			// has nobody else to close it.
			if (!stopped) {
				await deps.records.update('broadcasts', id, {
					finished_at: (deps.now?.() ?? new Date()).toISOString(),
				});
			}
			result.cancelled.push(id);
			continue;
		}
		const at =
			typeof row.scheduled_at === 'string'
				? parseContentDate(row.scheduled_at, timeZone, 'start')
				: null;
		if (at === null) continue;
		const current = await deps.jobs.scheduledAt(BROADCAST_START_QUEUE, id);
		if (current === null) {
			if (await scheduleBroadcast(deps.jobs, id, new Date(at))) result.scheduled.push(id);
		} else if (Math.abs(current.getTime() - at) >= 1000) {
			await rescheduleBroadcast(deps.jobs, id, new Date(at));
			result.rescheduled.push(id);
		}
	}
	return result;
}
