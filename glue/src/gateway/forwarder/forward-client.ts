// One POST of a batch to n8n's webhook. Expected failures come back as values: the forwarder
// decides between retry and dead letter.
import { SWITCHBOARD_CLAIM_HEADER, SWITCHBOARD_SECRET_HEADER } from '../../common/headers.ts';
import { N8N_PERMANENT_REFUSALS, n8nUnreachableText } from '../../common/n8n-webhook.ts';
import { forwardAckSchema, type ForwardBatch } from '../../pipeline/inbound-batch.ts';

export type ForwardResult =
	| { ok: true; status: number }
	| {
			ok: false;
			retryable: boolean;
			error: string;
			/**
			 * The answer proves workflow 01's run for this request is over without acknowledging the
			 * batch (HTTP 500: the run failed; 2xx without a Respond node's status), so a triage
			 * claim it took is held by nobody. A timeout, a reset connection or a 502–504 prove
			 * nothing: in queue mode a worker may still be running it.
			 */
			executionEnded?: boolean;
	  }
	/** Workflow 01's 409: another of its executions holds the triage claim. Not a failure. */
	| { ok: false; busy: true; error: string };

export interface ForwardRequest {
	url: string;
	secret: string;
	batch: ForwardBatch;
	/** Names this attempt, so n8n's logs can be matched with ours. */
	leaseToken: string;
	timeoutMs: number;
}

export async function postBatch(request: ForwardRequest): Promise<ForwardResult> {
	try {
		const response = await fetch(request.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json',
				'User-Agent': 'switchboard-gateway',
				[SWITCHBOARD_SECRET_HEADER]: request.secret,
				[SWITCHBOARD_CLAIM_HEADER]: request.leaseToken,
			},
			body: JSON.stringify(request.batch),
			signal: AbortSignal.timeout(request.timeoutMs),
		});
		// Read for its status only: the rest of n8n's answer is not ours to log.
		const body = await response.text().catch(() => '');
		if (response.ok) {
			if (isAcknowledged(body)) return { ok: true, status: response.status };
			return {
				ok: false,
				retryable: true,
				executionEnded: true,
				error:
					`n8n answered HTTP ${response.status} without saying the batch was handled ` +
					'(no {"status": …} from a Respond node of workflow 01): the run may have ended early',
			};
		}
		if (response.status === 409 && isBusy(body)) {
			return {
				ok: false,
				busy: true,
				error: 'workflow 01 answered busy: another of its executions holds the triage claim',
			};
		}
		return {
			ok: false,
			retryable: !N8N_PERMANENT_REFUSALS.has(response.status),
			// n8n answers 500 when a run that was to answer from a Respond node failed.
			...(response.status === 500 ? { executionEnded: true } : {}),
			error: `n8n answered HTTP ${response.status}`,
		};
	} catch (error) {
		return {
			ok: false,
			retryable: true,
			error: n8nUnreachableText(error, request.url, request.timeoutMs),
		};
	}
}

function isAcknowledged(body: string): boolean {
	return forwardAckSchema.safeParse(parseJson(body)).success;
}

/** The Respond node "busy, retry later" of workflow 01; a bare 409 from anything else is a failure. */
function isBusy(body: string): boolean {
	const parsed = parseJson(body);
	return (
		typeof parsed === 'object' && parsed !== null && 'status' in parsed && parsed.status === 'busy'
	);
}

function parseJson(body: string): unknown {
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}
