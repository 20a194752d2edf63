// Group commit for the Meta route's ack path: requests that arrive while earlier writes are in
// flight are stored together, in one statement and one commit (recordMetaWebhooks). Alone, a
// request is written at once; at a thousand webhooks a second the round trips and commits, not
// the bytes, are what costs.
import {
	recordMetaWebhooks,
	type RecordedMetaWebhook,
	type RecordMetaWebhookInput,
} from '../../log-store/meta-events.ts';
import type { Queryable } from '../../log-store/repository.ts';

interface Waiting {
	input: RecordMetaWebhookInput;
	resolve: (recorded: RecordedMetaWebhook) => void;
	reject: (error: unknown) => void;
}

export interface StoreBatcherOptions {
	/** Webhooks in one statement at most. */
	maxBatch?: number;
	/** Statements in flight at once; more requests wait and go into the next one. */
	maxInFlight?: number;
}

export function createStoreBatcher(db: Queryable, options: StoreBatcherOptions = {}) {
	const maxBatch = options.maxBatch ?? 100;
	const maxInFlight = options.maxInFlight ?? 4;
	const queue: Waiting[] = [];
	let inFlight = 0;
	let scheduled = false;

	const schedule = () => {
		if (scheduled) return;
		scheduled = true;
		// After this turn of the event loop, so the requests parsed in it go together.
		setImmediate(() => {
			scheduled = false;
			flush();
		});
	};

	const storeBatch = async (batch: Waiting[]): Promise<void> => {
		try {
			const recorded = await recordMetaWebhooks(
				db,
				batch.map((waiting) => waiting.input),
			);
			batch.forEach((waiting, i) => waiting.resolve(recorded[i]!));
		} catch (error) {
			if (batch.length === 1) {
				batch[0]!.reject(error);
				return;
			}
			// One bad webhook must not fail the others it was batched with: each alone, then.
			await Promise.all(
				batch.map((waiting) =>
					recordMetaWebhooks(db, [waiting.input]).then(
						([recorded]) => waiting.resolve(recorded!),
						waiting.reject,
					),
				),
			);
		}
	};

	const flush = () => {
		while (queue.length > 0 && inFlight < maxInFlight) {
			const batch = queue.splice(0, maxBatch);
			inFlight += 1;
			void storeBatch(batch).finally(() => {
				inFlight -= 1;
				if (queue.length > 0) schedule();
			});
		}
	};

	return {
		store(input: RecordMetaWebhookInput): Promise<RecordedMetaWebhook> {
			return new Promise((resolve, reject) => {
				queue.push({ input, resolve, reject });
				schedule();
			});
		},
	};
}
