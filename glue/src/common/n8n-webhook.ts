// What our two senders to n8n webhooks (the gateway's forwarder, the Directus promotions hook) share:
// which answers mean "do not send this again", and how to say that n8n could not be reached.
import { describeUnreachable } from './unreachable.ts';

/**
 * n8n (or Pangolin in front of it) refusing the request itself: repeating it cannot help, so the
 * sender gives up at once (the forwarder dead-letters it, to be replayed once someone fixed the
 * secret or the workflow). Not 404: n8n answers it for a webhook whose workflow is not published
 * yet (first start, a republish).
 *
 * @example
 * if (N8N_PERMANENT_REFUSALS.has(response.status)) return giveUp();
 */
export const N8N_PERMANENT_REFUSALS: ReadonlySet<number> = new Set([
	400, 401, 403, 405, 413, 415, 422,
]);

const HINTS = {
	refused: 'Is n8n running?',
	host_not_found: 'Check the host name in the webhook URL.',
	timeout: 'n8n is overloaded or hanging.',
	connection_reset: 'n8n or a proxy in front of it restarted mid-request.',
	network: 'A network error happened before n8n answered.',
};

/**
 * Why a request to n8n got no answer, in one line a person can act on.
 *
 * @example
 * n8nUnreachableText(error, 'http://n8n:5678/webhook/inbound', 10_000);
 * // 'n8n refused the connection at http://n8n:5678/webhook/inbound. Is n8n running?'
 */
export function n8nUnreachableText(error: unknown, url: string, timeoutMs: number): string {
	const { sentence, description } = describeUnreachable(error, {
		service: 'n8n',
		baseUrl: url,
		timeoutMs,
		hints: HINTS,
	});
	return `${sentence}. ${description}`;
}
