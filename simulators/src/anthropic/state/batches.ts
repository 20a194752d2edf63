import type { ErrorBody } from '../http/errors.ts';
import type { SimMessage } from '../engine/message.ts';

export type BatchResult =
	| { type: 'succeeded'; message: SimMessage }
	| { type: 'errored'; error: ErrorBody }
	| { type: 'canceled' }
	| { type: 'expired' };

export interface BatchRecord {
	id: string;
	createdAt: number;
	/** When processing is over; results are computed at creation but only shown from then on. */
	endsAt: number;
	cancelInitiatedAt: number | null;
	results: Array<{ custom_id: string; result: BatchResult }>;
}

/** The MessageBatch object as the API returns it (resources/messages/batches.ts). */
export interface MessageBatchView {
	id: string;
	type: 'message_batch';
	processing_status: 'in_progress' | 'canceling' | 'ended';
	request_counts: Record<'processing' | 'succeeded' | 'errored' | 'canceled' | 'expired', number>;
	created_at: string;
	expires_at: string;
	ended_at: string | null;
	archived_at: null;
	cancel_initiated_at: string | null;
	results_url: string | null;
}

const day = 24 * 60 * 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

export function isEnded(batch: BatchRecord, now: number): boolean {
	return now >= batch.endsAt;
}

/** `baseUrl` makes results_url absolute: the SDK GETs it verbatim (reference §9). */
export function viewBatch(batch: BatchRecord, now: number, baseUrl: string): MessageBatchView {
	const ended = isEnded(batch, now);
	const counts = { processing: 0, succeeded: 0, errored: 0, canceled: 0, expired: 0 };
	// The other counts stay 0 until the whole batch has ended (reference §9).
	if (ended) for (const { result } of batch.results) counts[result.type] += 1;
	else counts.processing = batch.results.length;
	return {
		id: batch.id,
		type: 'message_batch',
		processing_status: ended
			? 'ended'
			: batch.cancelInitiatedAt !== null
				? 'canceling'
				: 'in_progress',
		request_counts: counts,
		created_at: iso(batch.createdAt),
		expires_at: iso(batch.createdAt + day),
		ended_at: ended ? iso(batch.endsAt) : null,
		archived_at: null,
		cancel_initiated_at: batch.cancelInitiatedAt === null ? null : iso(batch.cancelInitiatedAt),
		results_url: ended ? `${baseUrl}/v1/messages/batches/${batch.id}/results` : null,
	};
}

export class BatchStore {
	private readonly batches = new Map<string, BatchRecord>();

	add(batch: BatchRecord): void {
		this.batches.set(batch.id, batch);
	}

	get(id: string): BatchRecord | undefined {
		return this.batches.get(id);
	}

	delete(id: string): boolean {
		return this.batches.delete(id);
	}

	/** Newest first, as the API lists them. */
	list(): BatchRecord[] {
		return [...this.batches.values()].reverse();
	}

	/**
	 * Requests not yet processed are canceled. The batch ends a millisecond later, so the cancel
	 * answer itself says `canceling`, as the real one does.
	 */
	cancel(batch: BatchRecord, now: number): void {
		if (isEnded(batch, now)) return;
		batch.cancelInitiatedAt = now;
		batch.endsAt = now + 1;
		for (const entry of batch.results) entry.result = { type: 'canceled' };
	}

	clear(): void {
		this.batches.clear();
	}
}
