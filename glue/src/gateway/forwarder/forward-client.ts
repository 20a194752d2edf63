// One POST of a batch to n8n's webhook. Expected failures come back as values: the forwarder
// decides between retry and dead letter.
import type { ForwardBatch } from '../../pipeline/inbound-batch.ts';

export type ForwardResult =
	| { ok: true; status: number }
	| { ok: false; retryable: boolean; error: string };

export interface ForwardRequest {
	url: string;
	secret: string;
	batch: ForwardBatch;
	/** Names this attempt, so n8n's logs can be matched with ours. */
	claimToken: string;
	timeoutMs: number;
}

/**
 * n8n (or Pangolin in front of it) refusing the request itself: repeating it cannot help, so it is
 * dead-lettered at once and replayed once someone fixed the secret or the workflow. Not 404: n8n
 * answers it for a webhook whose workflow is not published yet (first start, a republish).
 */
export const PERMANENT_REFUSALS: ReadonlySet<number> = new Set([400, 401, 403, 405, 413, 415, 422]);

export const FORWARD_SECRET_HEADER = 'X-Switchboard-Secret';

export async function postBatch(request: ForwardRequest): Promise<ForwardResult> {
	try {
		const response = await fetch(request.url, {
			method: 'POST',
			headers: {
				'Content-Type': 'application/json',
				Accept: 'application/json',
				'User-Agent': 'switchboard-gateway',
				[FORWARD_SECRET_HEADER]: request.secret,
				'X-Switchboard-Claim': request.claimToken,
			},
			body: JSON.stringify(request.batch),
			signal: AbortSignal.timeout(request.timeoutMs),
		});
		// Drained, not read: n8n's answer is not ours to log, and the socket goes back to the pool.
		await response.arrayBuffer().catch(() => undefined);
		if (response.ok) return { ok: true, status: response.status };
		return {
			ok: false,
			retryable: !PERMANENT_REFUSALS.has(response.status),
			error: `n8n answered HTTP ${response.status}`,
		};
	} catch (error) {
		return { ok: false, retryable: true, error: describeFailure(error, request.timeoutMs) };
	}
}

/** Refused, unknown host, timeout: one short line a person can act on. */
export function describeFailure(error: unknown, timeoutMs: number): string {
	if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
		return `n8n did not answer within ${timeoutMs} ms`;
	}
	const code = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
	switch (code) {
		case 'ECONNREFUSED':
			return 'n8n refused the connection (is it running?)';
		case 'ENOTFOUND':
		case 'EAI_AGAIN':
			return 'n8n host not found (check N8N_INBOUND_WEBHOOK_URL)';
		case 'ECONNRESET':
		case 'UND_ERR_SOCKET':
			return 'n8n closed the connection';
		default:
			return `n8n unreachable: ${error instanceof Error ? error.message : String(error)}`;
	}
}
