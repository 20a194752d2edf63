// Scheduling a broadcast is scheduling its start job; cancelling reaches both the job (not started
// yet) and the run (sending now: the senders stop before their next send).
import type { Jobs } from '../jobs/index.ts';
import { markCancelled } from './deliveries.ts';
import { BROADCAST_START_QUEUE } from './sender.ts';
import type { Queryable } from './suppressions.ts';

/** False when the broadcast was already scheduled (a second call changes nothing). */
export function scheduleBroadcast(jobs: Jobs, broadcastId: string, at: Date): Promise<boolean> {
	return jobs.schedule(BROADCAST_START_QUEUE, broadcastId, at, { broadcastId });
}

/** Moves a scheduled broadcast to another time. */
export function rescheduleBroadcast(jobs: Jobs, broadcastId: string, at: Date): Promise<void> {
	return jobs.reschedule(BROADCAST_START_QUEUE, broadcastId, at, { broadcastId });
}

export interface CancelResult {
	/** It had not started: it never will. */
	unscheduled: boolean;
	/** It was sending: it stops within a second; what was sent stays recorded. */
	stopped: boolean;
}

export async function cancelBroadcast(
	pool: Queryable,
	jobs: Jobs,
	broadcastId: string,
): Promise<CancelResult> {
	const unscheduled = await jobs.cancel(BROADCAST_START_QUEUE, broadcastId);
	const stopped = await markCancelled(pool, broadcastId);
	return { unscheduled, stopped };
}
